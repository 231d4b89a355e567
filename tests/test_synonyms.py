"""Query expansion with other names for the same thing: a question in an official's words finds
the letter that uses the statutory term, and a passage with the question's own word still ranks
above it; the table holds only groups whose names all analyse to something."""

from __future__ import annotations

from assistant.nl.analyzer import analyze
from assistant.nl.synonyms import EXPANSION_WEIGHT, GROUPS, expansions
from assistant.search.lexical import LexicalIndex

TEXTS = {
    "uitkering": "Inwoners met een Participatiewet-uitkering krijgen vanaf 2026 een hogere vrijlating van inkomsten.",
    "eigen-woord": "De bijstand wordt in 2026 anders uitbetaald: twee keer per maand.",
    "jeugdwerk": "Het jeugdwerk in de wijk Noord krijgt er twee ambulante medewerkers bij.",
    "ander": "De gemeente onderhoudt de bermen langs de provinciale weg.",
}


def test_a_question_in_other_words_finds_the_statutory_term():
    index = LexicalIndex(list(TEXTS), list(TEXTS.values()))
    found = [pid for pid, _ in index.search("Wat verandert er aan de bijstand?", k=5)]
    assert found[:2] == ["eigen-woord", "uitkering"]  # its own word first, the other name next
    assert [pid for pid, _ in index.search("jongerenwerk in Noord", k=5)][0] == "jeugdwerk"


def test_without_the_table_the_other_name_is_not_found():
    index = LexicalIndex(list(TEXTS), list(TEXTS.values()))
    index.synonyms = False
    assert "jeugdwerk" not in [pid for pid, _ in index.search("jongerenwerk", k=5)]


def test_expansions_add_only_what_the_query_lacks_at_a_lower_weight():
    added = expansions("schuldhulp voor jongeren")
    assert "schuldhulpverleen" in added and not set(analyze("schuldhulp")) & set(added)
    assert expansions("parkeervergunning binnenstad") == []
    assert 0 < EXPANSION_WEIGHT < 1


def test_every_name_in_the_table_means_something_to_the_analyser():
    for group in GROUPS:
        assert len(group) >= 2
        assert all(analyze(name) for name in group), group
