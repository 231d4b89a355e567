"""Evidence moves the status: later letters suggest done / delayed / changed, the user confirms,
and a confirmed status survives reindex. The letters are our own (an original and two progress
letters), written for this test."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.cli import main
from assistant.core import Assistant, RegisterFilter, StoreConfig
from assistant.errors import UnknownCommitment
from assistant.model import Amount, Commitment, DateRange, Source
from assistant.tracking import classify

ORIGINAL = """Gemeente Rijnwaarde
Raadsinformatiebrief

Datum: 12 maart 2024
Kenmerk: RIB-2024-031
Onderwerp: Inloophuis en pilot budgetcoaching

Geachte leden van de raad,

Met deze brief informeren wij u over twee maatregelen uit het armoedebeleid.

Inloophuis De Brug
Wij openen per 1 oktober 2024 een inloophuis voor inwoners met geldzorgen in het wijkcentrum De Brug. Het inloophuis is drie dagdelen per week open.

Pilot budgetcoaching
De pilot budgetcoaching voor jonge gezinnen start in januari 2025 in twee wijken. Wij trekken hiervoor eenmalig € 120.000 uit.

Met vriendelijke groet,
het college van burgemeester en wethouders
"""
DONE = """Gemeente Rijnwaarde
Raadsinformatiebrief

Datum: 4 februari 2025
Kenmerk: RIB-2025-009
Onderwerp: Voortgang armoedebeleid

Geachte leden van de raad,

In deze brief leest u hoe de maatregelen uit het armoedebeleid ervoor staan.

Inloophuis De Brug
Het inloophuis voor inwoners met geldzorgen in wijkcentrum De Brug is op 7 oktober 2024 geopend. In de eerste maanden kwamen er gemiddeld veertig bezoekers per week.

Met vriendelijke groet,
het college van burgemeester en wethouders
"""
DELAYED = """Gemeente Rijnwaarde
Raadsinformatiebrief

Datum: 20 mei 2025
Kenmerk: RIB-2025-044
Onderwerp: Tweede voortgangsbrief armoedebeleid

Geachte leden van de raad,

Pilot budgetcoaching
De pilot budgetcoaching voor jonge gezinnen is vertraagd, omdat de werving van coaches meer tijd kostte. De pilot start nu in september 2025 in twee wijken.

Met vriendelijke groet,
het college van burgemeester en wethouders
"""
TODAY = date(2025, 11, 1)


@pytest.fixture
def assistant(tmp_path):
    folder = tmp_path / "brieven"
    folder.mkdir()
    for name, text in (("rib_2024.txt", ORIGINAL), ("voortgang_feb_2025.txt", DONE), ("voortgang_mei_2025.txt", DELAYED)):
        (folder / name).write_text(text, encoding="utf-8")
    assistant = Assistant(StoreConfig(index_dir=tmp_path / "index"), embedder="fake")
    assert not assistant.ingest([folder]).failed
    return assistant


def _by_action(view, start: str) -> Commitment:
    return next(c for c in view.commitments if c.action.startswith(start))


def test_later_letters_suggest_done_and_delayed_with_their_source(assistant):
    view = assistant.register_view(today=TODAY)
    inloophuis = view.standing(_by_action(view, "Wij openen"))
    pilot = view.standing(_by_action(view, "De pilot budgetcoaching"))

    assert inloophuis.kind == "done" and not inloophuis.confirmed
    assert "is op 7 oktober 2024 geopend" in inloophuis.finding.sentence
    assert inloophuis.finding.doc_title == "Voortgang armoedebeleid" and inloophuis.finding.source.page == 1
    assert pilot.kind == "delayed"
    assert pilot.finding.new_due == DateRange(date(2025, 9, 1), date(2025, 9, 30), "in september 2025")
    assert pilot.finding.doc_date == date(2025, 5, 20)


def test_nothing_is_suggested_before_the_term_has_come(assistant):
    view = assistant.register_view(today=date(2024, 4, 1))
    assert not any(view.standing(c).kind for c in view.commitments)


def test_a_confirmed_status_is_kept_through_reindex_and_closes_the_overdue_item(assistant):
    view = assistant.register_view(today=TODAY)
    inloophuis = _by_action(view, "Wij openen")
    assistant.set_status(inloophuis.id, "done", note="bevestigd in RIB-2025-009", today=TODAY)

    assistant.reindex()

    after = assistant.register_view(today=TODAY)
    s = after.standing(_by_action(after, "Wij openen"))
    assert s.confirmed and s.kind == "done" and s.note.note == "bevestigd in RIB-2025-009"
    overdue = assistant.register_view(RegisterFilter(status="overdue"), today=TODAY)
    assert inloophuis.id not in {c.id for c in overdue.commitments}
    assert _by_action(overdue, "De pilot budgetcoaching")  # only suggested: still overdue until confirmed
    assistant.clear_status(inloophuis.id)
    assert not assistant.register_view(today=TODAY).standing(inloophuis).confirmed


def test_a_status_set_for_another_sentence_does_not_stick_to_a_new_version(assistant, tmp_path):
    view = assistant.register_view(today=TODAY)
    pilot = _by_action(view, "De pilot budgetcoaching")
    assistant.set_status(pilot.id, "cancelled", today=TODAY)
    changed = ORIGINAL.replace("in twee wijken", "in drie wijken")
    (tmp_path / "brieven" / "rib_2024.txt").write_text(changed, encoding="utf-8")
    assistant.ingest([tmp_path / "brieven"])

    after = assistant.register_view(today=TODAY)
    assert not after.standing(_by_action(after, "De pilot budgetcoaching")).confirmed


def test_unknown_commitment_id_is_a_clear_error(assistant):
    with pytest.raises(UnknownCommitment, match="staat niet in het register"):
        assistant.set_status("bestaat-niet-c12", "done")


def test_cli_sets_a_status_and_the_export_carries_it(assistant, tmp_path):
    index = ["--index", str(assistant.config.index_dir), "--embedder", "fake"]
    view = assistant.register_view(today=TODAY)
    pilot = _by_action(view, "De pilot budgetcoaching")
    runner = CliRunner()

    result = runner.invoke(main, ["commitments", "--set-status", pilot.id, "vertraagd", "--new-due", "september 2025",
                                  "--note", "RIB mei", "--today", "01-11-2025", *index])
    assert result.exit_code == 0, result.output
    assert "vertraagd, nieuwe termijn september 2025" in result.output

    listing = runner.invoke(main, ["commitments", "--all", "--today", "01-11-2025", *index])
    assert "voortgang: vertraagd, nieuwe termijn september 2025 (bevestigd 01-11-2025): RIB mei" in listing.output
    assert "voortgang: uitgevoerd (voorgesteld): Voortgang armoedebeleid, 04-02-2025, p. 1" in listing.output

    from openpyxl import load_workbook

    out = tmp_path / "register.xlsx"
    assert runner.invoke(main, ["commitments", "--all", "--export", str(out), "--today", "01-11-2025", *index]).exit_code == 0
    sheet = load_workbook(out).active
    header = [cell.value for cell in sheet[1]]
    rows = [dict(zip(header, [cell.value for cell in row])) for row in sheet.iter_rows(min_row=2)]
    pilot_row = next(r for r in rows if r["Id"] == pilot.id)
    assert pilot_row["Voortgang"].startswith("vertraagd") and pilot_row["Notitie"] == "RIB mei"
    inloop = next(r for r in rows if r["Toezegging"].startswith("Wij openen"))
    assert inloop["Voortgang"] == "uitgevoerd (voorgesteld)" and "geopend" in inloop["Voortgang: zin"]

    bad = runner.invoke(main, ["commitments", "--set-status", pilot.id, "klaar", *index])
    assert bad.exit_code == 2 and "kies uit uitgevoerd, vertraagd, gewijzigd, vervallen" in bad.output


def _promise(text: str, due: DateRange | None = None, amount: Amount | None = None) -> Commitment:
    return Commitment(text=text, action=text, source=Source("d", 1, 1, 0, len(text)), due=due, amount=amount)


@pytest.mark.parametrize("sentence, kind", [
    ("Het jongerenloket is op 2 juni geopend en trekt veel bezoekers.", "done"),
    ("De nieuwe verordening is door de raad vastgesteld.", "done"),
    ("Sinds 1 april 2025 werken alle wijkteams met het nieuwe dossier.", "done"),
    ("Het jongerenloket zal in juni worden geopend.", "mentioned"),
    ("We verwachten dat het loket in het najaar opent.", "mentioned"),
    ("De opening van het jongerenloket is uitgesteld tot na de zomer.", "delayed"),
    ("Dat is helaas niet gelukt.", "delayed"),
    ("Het besluit schuift daardoor op naar 2026.", "delayed"),
    ("Het budget voor het loket is bijgesteld.", "changed"),
    ("Wij hebben het aantal wijken beperkt tot drie.", "changed"),
])
def test_sentences_are_classed_by_what_they_report(sentence, kind):
    promise = _promise("Wij openen een jongerenloket", DateRange(date(2025, 1, 1), date(2026, 12, 31), "in 2025 of 2026"))
    assert classify(sentence, promise, date(2025, 9, 1)).kind == kind


def test_another_amount_is_a_change_and_a_later_term_a_delay():
    promise = _promise("Wij trekken € 50.000 uit voor het loket", DateRange(date(2025, 1, 1), date(2025, 3, 31), "begin 2025"),
                       Amount(eur=50000, label="€ 50.000"))
    changed = classify("Voor het loket trekken wij € 40.000 uit.", promise, date(2025, 9, 1))
    assert changed.kind == "changed" and changed.amount.eur == 40000
    moved = classify("Wij openen het loket in het voorjaar van 2026.", promise, date(2025, 9, 1))
    assert moved.kind == "delayed" and moved.new_due.start == date(2026, 3, 1)


def test_reminder_letter_lists_the_overdue_commitments_with_source_and_later_news(assistant, tmp_path):
    import docx

    view = assistant.register_view(today=TODAY)
    assistant.set_status(_by_action(view, "Wij openen").id, "done", today=TODAY)  # settled: not in the letter

    result = assistant.reminder(tmp_path / "herinnering.docx", today=TODAY)

    text = "\n".join(p.text for p in docx.Document(str(result.path)).paragraphs)
    assert "Onderwerp: verlopen toezeggingen" in text and "Geacht college," in text
    assert "Wij openen per 1 oktober 2024 een inloophuis" not in text
    assert "“De pilot budgetcoaching voor jonge gezinnen start in januari 2025 in twee wijken.”" in text
    assert "Bron: Inloophuis en pilot budgetcoaching, 12-03-2024, pagina 1, alinea" in text
    assert "Later gemeld: vertraagd, nieuwe termijn in september 2025 (voorgesteld); Tweede voortgangsbrief" in text
    assert "uiterlijk 29 november 2025" in text  # four weeks after the day of the letter
    assert result.commitments == len(assistant.register_view(RegisterFilter(status="overdue"), today=TODAY).commitments)


def test_cli_reminder_with_a_template_and_an_actor(assistant, tmp_path):
    import docx

    template = tmp_path / "briefpapier.docx"
    letterhead = docx.Document()
    letterhead.sections[0].header.paragraphs[0].text = "Adviesraad Sociaal Domein Rijnwaarde"
    letterhead.save(str(template))
    out = tmp_path / "herinnering.docx"

    result = CliRunner().invoke(main, ["reminder", "-o", str(out), "--actor", "college", "--template", str(template),
                                       "--today", "01-11-2025", "--index", str(assistant.config.index_dir),
                                       "--embedder", "fake"])

    assert result.exit_code == 0, result.output
    assert "Herinnering geschreven:" in result.output and "toezegging" in result.output
    written = docx.Document(str(out))
    assert written.sections[0].header.paragraphs[0].text == "Adviesraad Sociaal Domein Rijnwaarde"


def test_a_question_about_the_commitment_reports_nothing():
    promise = _promise("Wij maken afspraken met de aanbieders over een maximale wachttijd")
    assert classify("Is het college bereid om met de aanbieders afspraken te maken over een maximale wachttijd?",
                    promise).kind == "mentioned"
