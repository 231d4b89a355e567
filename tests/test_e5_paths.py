"""Point linking, later evidence and the draft with the real e5 model, whose similarities their
thresholds were chosen for (the other tests of these paths use the fake embedder for speed).
One e5 index over corpus/ for the whole session (``corpus_index``)."""

from __future__ import annotations

from datetime import date

import docx
import pytest

from assistant.core import RegisterFilter
from tests.conftest import CORPUS

pytestmark = pytest.mark.slow

ADVICE = CORPUS / "advies_asd_mantelzorg_2024.pdf"
RESPONSE = CORPUS / "reactie_college_mantelzorg_2024.pdf"
TODAY = date(2026, 11, 29)


def test_points_link_every_answer_with_e5(corpus_index):
    assistant, _ = corpus_index
    view = assistant.points(ADVICE, RESPONSE, today=TODAY)
    answers = [row.mapping.answer for row in view.rows]
    assert [a.stance for a in answers] == ["agree", "partly", "partly", "agree", "disagree", "partly"]
    assert all(a.matched_by == "number" for a in answers)
    assert not view.unanswered


def test_a_response_without_numbers_is_linked_by_content_with_e5(corpus_index, tmp_path):
    """The same answers in another order and without their numbers: e5 and shared words link them."""
    assistant, _ = corpus_index
    from assistant.extract.points import map_points

    advice = assistant.read(ADVICE)
    response = assistant.read(RESPONSE)
    numbered = map_points(advice, response)
    lines = ["Geachte leden van de adviesraad,", "Hierbij onze reactie op uw advies."]
    for m in reversed(numbered):  # reversed order, no numbers
        lines.append(m.answer.text.replace("\n\n", " "))
    lines.append("Met vriendelijke groet,\nhet college van burgemeester en wethouders")
    text = tmp_path / "reactie_zonder_nummers.txt"
    text.write_text("\n\n".join(lines), encoding="utf-8")

    linked = {m.point.number: m.answer for m in map_points(advice, assistant.read(text), embedder=assistant.embedder)}
    right = sum(1 for m in numbered if linked[m.point.number] is not None
                and linked[m.point.number].text.split()[:8] == m.answer.text.split()[:8])
    assert right >= 5, {n: (a.text[:60] if a else None) for n, a in linked.items()}


def test_an_overdue_commitment_finds_the_later_progress_letter_with_e5(corpus_index):
    assistant, _ = corpus_index
    overdue = assistant.register(RegisterFilter(status="overdue"), today=TODAY)
    logeer = next(c for c in overdue if "Molenweg wordt" in c.text)
    later = assistant.evidence_if_due(logeer, TODAY)
    assert later, "the voortgangsbrief reports on the logeervoorziening"
    assert all(h.document.date > logeer.doc_date for h in later)
    assert any("logeervoorziening" in h.passage.text.lower() for h in later)


def test_an_open_commitment_is_not_looked_up(corpus_index):
    assistant, _ = corpus_index
    open_ = assistant.register(RegisterFilter(status="open"), today=date(2024, 5, 1))
    assert open_ and all(assistant.evidence_if_due(c, date(2024, 5, 1)) is None for c in open_)


def test_draft_from_an_advice_alone_with_e5(corpus_index, tmp_path):
    assistant, _ = corpus_index
    result = assistant.draft(ADVICE, None, tmp_path / "concept.docx", today=TODAY)
    assert any("De reactie is in de index gevonden" in note for note in result.draft.notes)
    assert result.points == 6 and result.commitments >= 15 and result.overdue >= 1
    text = "\n".join(p.text for p in docx.Document(str(result.path)).paragraphs)
    assert "Voortgang uitvoering advies mantelzorgondersteuning en respijtzorg (18 november 2025)" in text


def test_draft_lists_earlier_commitments_about_a_point_from_other_letters_with_e5(corpus_index, tmp_path):
    """The armoede advice has no response in the corpus; its points still find the commitments
    the policy letter on poverty made (tuned-on data: the labels of eval/point_links.json)."""
    assistant, _ = corpus_index
    advice = CORPUS / "advies_asd_armoede_2024.docx"
    result = assistant.draft(advice, None, tmp_path / "concept.docx", today=TODAY)
    earlier = [item for point in result.draft.points for item in point.earlier]
    assert earlier, "at least one point is linked to an existing commitment"
    assert all(item.commitment.source.doc_id not in {d.id for d in assistant.documents()
                                                      if d.path.endswith("advies_asd_armoede_2024.docx")}
               for item in earlier)
    titles = {item.commitment.doc_title for item in earlier}
    assert any("armoede" in (t or "").lower() or "schuld" in (t or "").lower() for t in titles)
    text = " ".join(cell.text for table in docx.Document(str(result.path)).tables for row in table.rows
                    for cell in row.cells)
    assert "Document" in text


def test_a_question_the_index_cannot_answer_says_so_with_e5(corpus_index):
    assistant, _ = corpus_index
    answered = assistant.find("wanneer wordt de logeervoorziening uitgebreid")
    assert answered.hits and not answered.weak
    unanswerable = assistant.find("Wanneer schaft de gemeente de hondenbelasting af?")  # eval/questions_unanswerable.json
    assert unanswerable.hits and unanswerable.weak  # the nearest passages are shown, marked as such


def test_the_cli_search_marks_a_question_without_answer_with_e5(corpus_index):
    from click.testing import CliRunner

    from assistant.cli import main

    assistant, _ = corpus_index
    result = CliRunner().invoke(main, ["search", "parkeervergunning voor de kermis", "--index",
                                       str(assistant.config.index_dir)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Geen passend resultaat gevonden; dit komt het dichtst in de buurt")
