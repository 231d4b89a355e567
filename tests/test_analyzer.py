"""Dutch analysis for BM25: folding, stopwords, stems and compound splitting."""

from __future__ import annotations

import pytest

from assistant.nl.analyzer import STOPWORDS, CompoundSplitter, analyze, fold_accents, tokenize

# A tiny corpus in which the parts of the compounds below also occur on their own.
CORPUS = [
    "De gemeente ondersteunt mantelzorg met ondersteuning op maat.",
    "Kinderen kunnen logeren in een voorziening in de wijk.",
    "De regisseur in de wijk kent de buurt; elke regisseur heeft een eigen wijk.",
    "Het welzijn van inwoners staat centraal in het beleid.",
    "Wij steunen initiatieven. Steun is nodig, onder meer voor het aanzien van de buurt.",
]


@pytest.fixture(scope="module")
def splitter() -> CompoundSplitter:
    return CompoundSplitter.fit(CORPUS)


def test_case_and_accents_are_folded():
    assert fold_accents("Cliëntondersteuning één café") == "clientondersteuning een cafe"
    assert analyze("CLIËNTONDERSTEUNING") == analyze("clientondersteuning")


def test_stopwords_are_dropped():
    assert analyze("De gemeente en het college van B&W") == analyze("gemeente college B&W")
    assert analyze("de het een van en") == []


def test_stopword_table_is_the_snowball_dutch_list_shipped_by_bm25s():
    bm25s_stopwords = pytest.importorskip("bm25s.stopwords")
    assert STOPWORDS == frozenset(bm25s_stopwords.STOPWORDS_DUTCH)


def test_ampersand_words_stay_one_term_and_single_letters_go():
    words = tokenize("Het college van B&W en P&C-cyclus, bijlage a")
    assert words == ["college", "b&w", "p&c", "cyclus", "bijlage"]


def test_numbers_are_kept():
    assert tokenize("in 2024 zijn 3 scholen") == ["2024", "3", "scholen"]


def test_inflections_share_a_stem():
    assert analyze("voorzieningen") == analyze("voorziening")
    assert analyze("regisseurs") == analyze("regisseur")


def test_compound_splits_into_known_words(splitter):
    assert splitter.split("mantelzorgondersteuning") == ("mantelzorg", "ondersteuning")


def test_linking_s_between_parts_is_dropped(splitter):
    assert splitter.split("welzijnsbeleid") == ("welzijn", "beleid")


def test_verb_stem_head_is_found_through_its_infinitive(splitter):
    # "logeer" occurs only as "logeren": the part is emitted in the form the corpus uses.
    assert splitter.split("logeervoorziening") == ("logeren", "voorziening")


def test_plural_tail_is_found_through_its_singular(splitter):
    assert splitter.split("wijkregisseurs") == ("wijk", "regisseurs")


def test_analyze_emits_the_whole_compound_and_its_parts(splitter):
    terms = analyze("wijkregisseurs", splitter)
    assert terms[0] == analyze("wijkregisseurs")[0]
    assert set(analyze("wijk regisseur")) <= set(terms)


def test_query_word_meets_compound_in_passage(splitter):
    passage = set(analyze("Over mantelzorgondersteuning en logeervoorzieningen", splitter))
    assert set(analyze("mantelzorg", splitter)) <= passage
    assert set(analyze("voorzieningen voor logeren", splitter)) <= passage


def test_stopword_prefix_is_no_head(splitter):
    # "onder" + "steuning" ("steun" is known) is a prefix, not a compound.
    assert splitter.split("ondersteuning") == ()


def test_suffix_is_no_tail():
    splitter = CompoundSplitter({"aanzien": 3, "lijk": 2, "orde": 4})
    assert splitter.split("aanzienlijk") == ()
    assert splitter.split("ordelijk") == ()


def test_words_of_unknown_parts_are_not_split(splitter):
    assert splitter.split("parkeervergunning") == ()
    assert splitter.split("b&w") == ()


def test_parts_have_at_least_four_letters():
    splitter = CompoundSplitter({"zon": 5, "buurt": 3, "wijk": 4})
    assert splitter.split("zonbuurt") == ()
    assert splitter.split("wijkbuurt") == ("wijk", "buurt")


def test_most_frequent_parts_win():
    splitter = CompoundSplitter({"zorg": 50, "verzekering": 20, "zorgver": 1, "zekering": 1})
    assert splitter.split("zorgverzekering") == ("zorg", "verzekering")


def test_split_does_not_depend_on_vocabulary_order():
    words = {"mantel": 2, "zorg": 9, "mantelzorg": 3, "ondersteuning": 5}
    reversed_words = dict(reversed(list(words.items())))
    for word in ("mantelzorgondersteuning", "mantelzorg"):
        assert CompoundSplitter(words).split(word) == CompoundSplitter(reversed_words).split(word)


def test_vocabulary_round_trips_through_to_dict(splitter):
    again = CompoundSplitter(splitter.to_dict())
    for word in ("mantelzorgondersteuning", "welzijnsbeleid", "logeervoorziening"):
        assert again.split(word) == splitter.split(word)


def test_without_splitter_compounds_stay_whole():
    assert analyze("mantelzorgondersteuning") == ["mantelzorgondersteun"]


def test_examples_in_the_docstrings_hold():
    import doctest

    import assistant.nl.analyzer as module

    assert doctest.testmod(module, optionflags=doctest.ELLIPSIS).failed == 0
