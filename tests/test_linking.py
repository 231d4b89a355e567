"""Existing commitments per advice point: ranking mechanics, the index query, the draft and the
points view. Link quality is measured with the real model by `assistant eval-links` on labelled
pairs (eval/point_links.json), reported in the README."""

from __future__ import annotations

from datetime import date

import docx
import pytest

from assistant.core import Assistant, StoreConfig
from assistant.linking import rank_links
from assistant.model import Commitment, Source
from tests.test_tracking import assistant  # noqa: F401 - the three letters of our own, indexed


def _c(text: str, doc: str = "brief", start: int = 0) -> Commitment:
    return Commitment(text=text, action=text, source=Source(doc, 1, 1, start, start + len(text)), doc_title=doc)


def test_links_rank_by_meaning_and_words_drop_excluded_documents_and_repeats():
    point = "Open een inloophuis voor inwoners met geldzorgen, dichtbij in de wijk."
    candidates = [(_c("Wij openen een inloophuis voor inwoners met geldzorgen.", "a", 0), 0.85, 0.88),
                  (_c("Wij openen een inloophuis voor inwoners met geldzorgen.", "a", 0), 0.84, 0.88),  # repeated
                  (_c("Wij verbreden de sportregeling voor kinderen.", "b", 10), 0.80, 0.78),
                  (_c("Wij openen een inloophuis voor inwoners met geldzorgen.", "eigen", 5), 0.95, 0.95)]
    links = rank_links(point, candidates, threshold=None, exclude_docs=frozenset({"eigen"}))
    assert [link.commitment.source.doc_id for link in links] == ["a", "b"]
    assert links[0].score > links[1].score and links[0].lexical > links[1].lexical
    assert [link.commitment.source.doc_id for link in rank_links(point, candidates[2:3] + candidates[:1],
                                                                   threshold=links[1].score + 0.01)] == ["a"]


def test_rare_words_weigh_more_than_words_every_commitment_shares():
    from assistant.linking import idf_table, lexical_overlap
    from assistant.nl.analyzer import analyze

    idf = idf_table(["De gemeente opent een loket.", "De gemeente verhoogt de bijdrage.",
                     "De gemeente start een pilot budgetcoaching."])
    point = set(analyze("De gemeente moet budgetcoaching aanbieden"))
    assert lexical_overlap(point, "De gemeente start een pilot budgetcoaching.", idf) > \
        lexical_overlap(point, "De gemeente opent een loket.", idf)


def test_related_commitments_score_every_candidate_in_the_index(assistant):
    [links] = assistant.related_commitments(["Zorg voor budgetcoaching voor jonge gezinnen in meer wijken."],
                                            threshold=None, k=100)
    assert len(links) == len({(c.text, c.doc_title) for c in assistant.register()})
    best = max(links, key=lambda link: link.lexical)
    assert best.commitment.text.startswith("De pilot budgetcoaching voor jonge gezinnen")


ADVICE = """Adviesraad Sociaal Domein Rijnwaarde

Datum: 2 juni 2025
Onderwerp: Advies over geldzorgen bij jonge gezinnen

Geacht college,

1. Breid de budgetcoaching voor jonge gezinnen uit
Zet de pilot budgetcoaching voor jonge gezinnen voort in meer wijken en betrek de wijkteams erbij.

2. Maak het inloophuis ook op zaterdag open
Inwoners met geldzorgen die werken, kunnen doordeweeks niet naar het inloophuis in De Brug.

Met vriendelijke groet,
Adviesraad Sociaal Domein Rijnwaarde
"""


def test_every_point_of_the_draft_has_the_earlier_commitments_section(assistant, tmp_path):
    advice = tmp_path / "advies_geldzorgen.txt"
    advice.write_text(ADVICE, encoding="utf-8")

    result = assistant.draft(advice, None, tmp_path / "concept.docx", today=date(2025, 11, 1))

    document = docx.Document(str(result.path))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert headings.count("Eerdere toezeggingen over dit onderwerp") == 2
    for point in result.draft.points:  # what is listed (the real model decides; see test_e5_paths) has a source
        assert all(item.source for item in point.earlier)


def test_the_points_view_carries_earlier_commitments(assistant, tmp_path):
    advice = tmp_path / "advies_geldzorgen.txt"
    advice.write_text(ADVICE, encoding="utf-8")

    view = assistant.points(advice, None, today=date(2025, 11, 1))

    assert all("earlier" in point for point in view.to_dict()["points"])


def test_a_labelled_link_is_found_again_after_its_offset_moved_a_few_characters():
    """Labels keep the offset a commitment had when it was labelled; a later parse fix earlier in
    the file moves it a little. The next sentence (tens of characters on) is another commitment."""
    from assistant.evaluate_links import _labelled

    labels = ["dpia.pdf@78633", "dpia.pdf@78640", "brief.pdf@120"]
    assert _labelled(("dpia.pdf", 78633), labels) == "dpia.pdf@78633"
    assert _labelled(("dpia.pdf", 78638), labels) == "dpia.pdf@78640"  # the nearest
    assert _labelled(("brief.pdf", 130), labels) == "brief.pdf@120"  # 10 characters: still the same
    assert _labelled(("brief.pdf", 131), labels) is None  # 11: another sentence
    assert _labelled(("andere.pdf", 78633), labels) is None
