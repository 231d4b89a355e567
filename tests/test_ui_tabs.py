"""The tabs Adviespunten, Toezeggingen, Concept and Vergelijken through the app's API, as
gradio_client sees them, on a real server on a loopback port. The index holds copies of three
corpus letters (the advice on mantelzorg, the college's response and the later progress
letter), embedded with the fake embedder: these tests are about the app, not retrieval quality.
"""

from __future__ import annotations

import csv
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from tests.test_ui import CORPUS, Served
from assistant.core import Assistant
from assistant.search.store import StoreConfig

ADVICE = "advies_asd_mantelzorg_2024.pdf"
RESPONSE = "reactie_college_mantelzorg_2024.pdf"
PROGRESS = "voortgangsbrief_sociaal_domein_2025.pdf"
OLD_VERSION = CORPUS / "beleidsbrief_armoede_concept.pdf"
NEW_VERSION = CORPUS / "beleidsbrief_armoede_definitief.pdf"
# On 1 January 2025 the register holds open, due, overdue and undated commitments alike.
PEILDATUM = "01-01-2025"


@pytest.fixture(scope="module")
def letters(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("brieven")
    for name in (ADVICE, RESPONSE, PROGRESS):
        shutil.copy(CORPUS / name, folder / name)
    return folder


@pytest.fixture(scope="module")
def served(tmp_path_factory, letters):
    assistant = Assistant(StoreConfig(index_dir=tmp_path_factory.mktemp("tabs") / "index"), embedder="fake")
    assistant.ingest([letters])
    app = Served(assistant)
    yield app
    app.close()


def indexed(served, name: str) -> str:
    """What a document picker sends for an indexed letter: its id, never its path."""
    return served.assistant.find_document(name).id


def upload(path: Path):
    from gradio_client import handle_file

    return handle_file(str(path))


def stances(matrix: str) -> list[str]:
    """The stance badge of each row of the points matrix, in order."""
    return re.findall(r'<td class="stance"><span class="badge \w+">([^<]+)</span>', matrix)


def row_of_point(matrix: str, number: str) -> str:
    return re.search(rf'<tr class="\w+" data-point="{number}">(.*?)</tr>', matrix, re.S)[1]


def rows(table: dict) -> list[dict]:
    return [dict(zip(table["headers"], row)) for row in table["data"]]


def register(served, status="alle", after="", before="", actor=None, docs=(), peildatum=PEILDATUM):
    summary, table, which, _detail, xlsx, csv_file, actors, documents = served.call(
        status, after, before, actor, list(docs), peildatum, api_name="/register")
    return summary, table, which, xlsx, csv_file, actors, documents


# -- Adviespunten -------------------------------------------------------------------------------


def test_points_matrix_shows_the_colleges_stance_on_each_of_the_six_points(served, letters):
    served.call(None, None, api_name="/points_documents")

    matrix = served.call(indexed(served, ADVICE), None, indexed(served, RESPONSE), None, api_name="/points")

    assert stances(matrix) == ["neemt over", "neemt gedeeltelijk over", "neemt gedeeltelijk over", "neemt over",
                               "neemt niet over", "neemt gedeeltelijk over"]
    assert "6 adviespunten. Het college neemt er 2 over, 3 gedeeltelijk over, 1 niet over." in matrix
    assert "Wij nemen dit advies gedeeltelijk over." in row_of_point(matrix, "2")  # the sentence that decided it


def test_points_matrix_lists_each_points_commitments_with_due_date_amount_status_and_source(served, letters):
    served.call(None, None, api_name="/points_documents")

    matrix = served.call(indexed(served, ADVICE), None, indexed(served, RESPONSE), None, api_name="/points")

    first = row_of_point(matrix, "1")
    assert "De logeervoorziening aan de Molenweg wordt per 1 september 2025 uitgebreid" in first
    assert "per 1 september 2025 (01-09-2025)" in first and "vanaf 2025 (01-01-2025)" in first
    assert "€ 1,2 miljoen (structureel" in first
    assert '<span class="badge overdue">verlopen</span>' in first  # 2025 is over
    assert "Advies mantelzorgondersteuning en respijtzorg, p. 2" in first
    assert "Reactie op uw advies mantelzorgondersteuning en respijtzorg, p. 2" in first
    assert "Andere toezeggingen in de reactie (niet bij een adviespunt)" in matrix


def test_points_of_uploaded_files_need_no_index(served):
    matrix = served.call(None, upload(CORPUS / ADVICE), None, upload(CORPUS / RESPONSE), api_name="/points")

    assert len(stances(matrix)) == 6 and stances(matrix)[4] == "neemt niet over"
    assert "Reactie op uw advies mantelzorgondersteuning en respijtzorg" in row_of_point(matrix, "5")


def test_a_point_the_response_leaves_unanswered_is_marked_geen_antwoord_gevonden(served, tmp_path):
    advice = tmp_path / "advies_stadhuis.txt"
    advice.write_text(
        "Adviesraad Sociaal Domein Rijnwaarde\n\nDatum: 5 maart 2024\nOnderwerp: Advies over het stadhuis\n\n"
        "Geachte leden van het college,\n\n"
        "1. Maak de hoofdingang van het stadhuis rolstoeltoegankelijk.\nNu kan dat alleen via de achteringang.\n\n"
        "2. Zorg voor een ringleiding in de raadzaal.\nSlechthorenden kunnen de vergaderingen niet volgen.\n\n"
        "3. Publiceer alle brieven ook in eenvoudige taal.\nVeel inwoners begrijpen de brieven niet.\n\n"
        "Met vriendelijke groet,\n\nde Adviesraad Sociaal Domein\n", encoding="utf-8")
    response = tmp_path / "reactie_stadhuis.txt"
    response.write_text(
        "Gemeente Rijnwaarde\n\nDatum: 16 april 2024\nOnderwerp: Reactie op uw advies over het stadhuis\n\n"
        "Geachte leden van de adviesraad,\n\n"
        "Advies 1: Maak de hoofdingang van het stadhuis rolstoeltoegankelijk.\nWij nemen dit advies over.\n\n"
        "Advies 2: Zorg voor een ringleiding in de raadzaal.\nWij nemen dit advies niet over.\n\n"
        "Hoogachtend,\n\nhet college van burgemeester en wethouders van Rijnwaarde\n", encoding="utf-8")

    matrix = served.call(None, upload(advice), None, upload(response), api_name="/points")

    assert stances(matrix) == ["neemt over", "neemt niet over", "geen antwoord gevonden"]
    assert '<tr class="unanswered" data-point="3">' in matrix
    assert 'class="notice warn"' in matrix and "Bij 1 punt is geen antwoord gevonden" in matrix


def test_an_advice_alone_finds_its_response_in_the_index(served, letters):
    served.call(None, None, api_name="/points_documents")

    matrix = served.call(indexed(served, ADVICE), None, None, None, api_name="/points")

    assert "De reactie is in de index gevonden" in matrix and RESPONSE in matrix
    assert "geen reactie gekozen" not in matrix and len(stances(matrix)) == 6


def test_an_advice_alone_without_its_response_shows_its_points_and_asks_for_it(tmp_path):
    assistant = Assistant(StoreConfig(index_dir=tmp_path / "index"), embedder="fake")
    assistant.ingest([CORPUS / ADVICE])
    app = Served(assistant)
    try:
        app.call(None, None, api_name="/points_documents")
        matrix = app.call(assistant.find_document(ADVICE).id, None, None, None, api_name="/points")
    finally:
        app.close()

    assert stances(matrix) == ["geen reactie gekozen"] * 6
    assert "Kies ook de reactie van het college" in matrix


def test_points_without_a_document_ask_for_one(served):
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match="Kies eerst een advies"):
        served.call(None, None, None, None, api_name="/points")


def test_points_pickers_offer_the_indexed_documents_advice_and_response_first(served, letters):
    advice, response = served.call(None, None, api_name="/points_documents")

    assert advice["choices"][0] == ["Advies mantelzorgondersteuning en respijtzorg (12-02-2024, kenmerk ASD-2024-003, "
                                    f"{ADVICE})", indexed(served, ADVICE)]
    assert response["choices"][0][1] == indexed(served, RESPONSE)
    assert {value for _, value in advice["choices"]} == {indexed(served, name) for name in (ADVICE, RESPONSE, PROGRESS)}


# -- Toezeggingen -------------------------------------------------------------------------------


def test_register_lists_every_commitment_with_the_dutch_columns(served):
    summary, table, which, *_ = register(served)

    assert table["headers"] == ["Nr", "Status", "Voortgang", "Toezegging", "Actor", "Adviespunt", "Termijn", "Van",
                                "Tot", "Bedrag", "Document", "Datum", "Pagina"]
    listed = rows(table)
    assert len(listed) == len(served.assistant.register()) > 20
    assert [row["Nr"] for row in listed] == list(range(1, len(listed) + 1))
    assert f"{len(listed)} toezeggingen op peildatum 01-01-2025" in summary
    assert len(which["choices"]) == len(listed)
    molenweg = next(row for row in listed if row["Toezegging"].startswith("De logeervoorziening aan de Molenweg"))
    assert (molenweg["Status"], molenweg["Termijn"], molenweg["Adviespunt"], molenweg["Pagina"]) == \
           ("open", "per 1 september 2025", "1", 2)
    assert molenweg["Van"].startswith("2025-09-01")


@pytest.mark.parametrize("status", ["open", "due", "overdue", "undated"])
def test_register_filters_by_status(served, status):
    from assistant.present import STATUS_LABELS as STATUS_NL

    everything = rows(register(served)[1])
    summary, table, *_ = register(served, status=status)

    listed = rows(table)
    assert listed and {row["Status"] for row in listed} == {STATUS_NL[status]}
    assert len(listed) == sum(1 for row in everything if row["Status"] == STATUS_NL[status])
    assert f"{len(listed)} {STATUS_NL[status]}" in summary


def test_register_filters_by_document_and_actor(served, letters):
    *_, actors, documents = register(served)
    progress_id = next(value for label, value in documents["choices"] if PROGRESS in label)
    assert "college" in [value for _, value in actors["choices"]]

    _summary, table, *_ = register(served, docs=[progress_id])
    assert {row["Document"] for row in rows(table)} == {"Voortgang uitvoering advies mantelzorgondersteuning en "
                                                        "respijtzorg"}
    _summary, table, *_ = register(served, actor="college")
    assert rows(table) and {row["Actor"] for row in rows(table)} == {"college"}


def test_register_filters_by_due_window_typed_as_dutch_dates(served):
    _summary, table, *_ = register(served, after="2026", before="eind 2026")

    listed = rows(table)
    assert listed and all(row["Tot"] >= "2026-01-01" and row["Van"] <= "2026-12-31" for row in listed)


def test_register_with_a_date_it_cannot_read_says_what_works(served):
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match="'morgen' is geen datum"):
        register(served, peildatum="morgen")


def test_register_exports_a_real_excel_file_and_a_csv(served):
    from openpyxl import load_workbook

    from assistant.present import REGISTER_COLUMNS as COLUMNS

    _summary, table, _which, xlsx, csv_file, *_ = register(served, status="overdue")

    assert Path(xlsx).suffix == ".xlsx" and Path(csv_file).suffix == ".csv"
    sheet = load_workbook(xlsx).active
    header = [cell.value for cell in sheet[1]]
    assert header == [name for name, _ in COLUMNS]
    assert sheet.freeze_panes == "A2"
    assert sheet.max_row - 1 == len(table["data"])
    assert {sheet.cell(row=r, column=1).value for r in range(2, sheet.max_row + 1)} == {"verlopen"}
    with open(csv_file, encoding="utf-8-sig", newline="") as fh:
        lines = list(csv.reader(fh, delimiter=";"))
    assert lines[0] == header and len(lines) - 1 == len(table["data"])


def test_a_chosen_overdue_commitment_shows_its_sentence_and_what_later_letters_say(served):
    _summary, table, which, *_ = register(served, status="overdue", peildatum="01-12-2025")
    index = next(value for label, value in which["choices"] if "digitaal aanvragen" in label)

    detail = served.call(index, api_name="/commitment")

    assert "Vóór 1 november 2024 kunnen mantelzorgers de waardering ook digitaal aanvragen" in detail
    assert '<span class="badge overdue">verlopen</span>' in detail


def test_a_later_letter_suggests_a_status_and_the_user_confirms_it(served):
    _summary, table, which, *_ = register(served, status="overdue", peildatum="01-12-2025")
    molenweg = next(row for row in rows(table) if row["Toezegging"].startswith("De logeervoorziening aan de Molenweg"))
    assert molenweg["Voortgang"] == "uitgevoerd (voorgesteld)"
    index = next(value for label, value in which["choices"] if "Molenweg" in label)
    detail = served.call(index, api_name="/commitment")
    assert "Voortgang" in detail and "uitgevoerd (voorgesteld)" in detail and "Volgens Voortgang uitvoering" in detail

    said, detail, table = served.call(index, "done", "", "zelf nagevraagd", api_name="/set_status")

    assert "Vastgelegd: uitgevoerd." in said
    assert "uitgevoerd (bevestigd" in detail and "zelf nagevraagd" in detail
    assert any((row["Voortgang"] or "").startswith("uitgevoerd (bevestigd") for row in rows(table))
    # confirmed done: no longer among the overdue ones; forgetting it brings the suggestion back
    _summary, table, which, *_ = register(served, status="overdue", peildatum="01-12-2025")
    assert not any(row["Toezegging"].startswith("De logeervoorziening aan de Molenweg") for row in rows(table))
    _summary, table, which, *_ = register(served, peildatum="01-12-2025")
    index = next(value for label, value in which["choices"] if "Molenweg" in label)
    said, detail, _table = served.call(index, "volg", "", "", api_name="/set_status")
    assert "vergeten" in said and "uitgevoerd (voorgesteld)" in detail
    assert "Wat latere documenten erover melden" in detail
    assert "Voortgang uitvoering advies mantelzorgondersteuning en respijtzorg, 18-11-2025" in detail
    assert "<mark>" in detail


def test_an_overdue_commitment_nobody_reported_on_says_so(served):
    _summary, _table, which, *_ = register(served, status="overdue", peildatum="01-12-2025")
    index = next(value for label, value in which["choices"] if "nota mantelzorg" in label)

    detail = served.call(index, api_name="/commitment")

    assert "geen latere vermelding gevonden" in detail


def test_an_open_commitment_is_not_looked_up_in_later_letters(served):
    _summary, _table, which, *_ = register(served, status="open")

    detail = served.call(which["choices"][0][1], api_name="/commitment")

    assert '<span class="badge open">open</span>' in detail
    assert "Niet gezocht naar latere vermeldingen: de termijn ligt nog in de toekomst" in detail


def test_register_of_an_empty_index_points_to_the_documents_tab(tmp_path):
    app = Served(Assistant(StoreConfig(index_dir=tmp_path / "index"), embedder="fake"))
    try:
        summary, table, which, *_ = register(app)
        advice, _response = app.call(None, None, api_name="/points_documents")
    finally:
        app.close()

    assert "Er staan nog geen toezeggingen in de index" in summary and "Documenten" in summary
    assert table["data"] == [] and which["choices"] == []
    assert advice["choices"] == []


# -- Concept ------------------------------------------------------------------------------------


def test_draft_gives_a_word_file_with_a_section_per_advice_point(served, letters):
    import docx

    served.call(None, None, api_name="/draft_documents")

    summary, download = served.call(indexed(served, ADVICE), None, indexed(served, RESPONSE), None, None, "",
                                    api_name="/draft")

    path = Path(download["value"])
    assert path.name == "concept-vervolgadvies-advies_asd_mantelzorg_2024.docx" and download["visible"] is True
    document = docx.Document(str(path))
    sections = [p.text for p in document.paragraphs if p.style.name == "Heading 1" and p.text.startswith("Adviespunt")]
    assert len(sections) == 6 and sections[0].startswith("Adviespunt 1: Breid de respijtzorg uit")
    assert "Het concept is klaar: 6 adviespunten" in summary
    count = int(re.search(r"met (\d+) toezeggingen \(waarvan", summary)[1])
    assert count >= 15 and f"verlopen op {date.today():%d-%m-%Y})" in summary
    assert "neemt het advies gedeeltelijk over: 3 punten" in summary


def test_draft_counts_overdue_commitments_on_the_peildatum(served):
    summary, _download = served.call(None, upload(CORPUS / ADVICE), None, upload(CORPUS / RESPONSE), None,
                                     "01-01-2024", api_name="/draft")

    assert re.search(r"\d+ toezeggingen \(waarvan 0 verlopen op 01-01-2024\)", summary)


def test_draft_with_a_template_that_is_no_word_file_says_so(served, tmp_path):
    from gradio_client.exceptions import AppError

    template = tmp_path / "briefpapier.docx"
    template.write_bytes(b"geen Word-bestand")

    with pytest.raises(AppError, match="briefpapier.docx: het sjabloon is geen bruikbaar Word-bestand"):
        served.call(None, upload(CORPUS / ADVICE), None, upload(CORPUS / RESPONSE), upload(template), "",
                    api_name="/draft")


def test_draft_without_documents_asks_for_them(served):
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match="Kies eerst een advies, een reactie van het college, of allebei"):
        served.call(None, None, None, None, None, "", api_name="/draft")


# -- Vergelijken --------------------------------------------------------------------------------


def test_compare_shows_the_changed_amount_and_gives_a_word_file_with_tracked_changes(served):
    import docx
    from docx.oxml.ns import qn

    changes, download = served.call(None, upload(OLD_VERSION), None, upload(NEW_VERSION), False, False,
                                    api_name="/compare")

    assert "Gewijzigde toezeggingen" in changes
    amount = r"bedrag</span>: <del>€ 250\.000 \(structureel\)</del> → <ins>€ 300\.000 \(structureel\)</ins>"
    assert re.search(amount, changes)
    assert changes.index("Gewijzigde toezeggingen") < changes.index("Tekst met bijgehouden wijzigingen")
    path = Path(download["value"])
    assert path.name == "wijzigingen-beleidsbrief_armoede_definitief.docx"
    body = docx.Document(str(path)).element.body
    assert body.findall(".//" + qn("w:ins")) and body.findall(".//" + qn("w:del"))


def test_compare_the_same_letter_twice_from_the_index_finds_no_changes(served, letters):
    served.call(None, None, api_name="/compare_documents")

    changes, _download = served.call(indexed(served, RESPONSE), None, indexed(served, RESPONSE), None, True, True,
                                     api_name="/compare")

    assert "Geen wijzigingen gevonden." in changes


def test_compare_needs_two_versions(served):
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match="Kies twee versies"):
        served.call(None, upload(OLD_VERSION), None, None, False, False, api_name="/compare")


def test_a_path_outside_the_index_is_refused(served, tmp_path):
    from gradio_client.exceptions import AppError

    served.call(None, None, api_name="/compare_documents")
    with pytest.raises(AppError, match="not in the list of choices"):
        served.call("/etc/passwd", None, indexed(served, RESPONSE), None, False, False, api_name="/compare")


def test_reminder_button_writes_a_word_letter_of_the_overdue_commitments(served):
    import docx

    register(served, peildatum="01-12-2025")
    said, download = served.call(None, "01-12-2025", api_name="/reminder")

    assert "Herinneringsbrief klaar met" in said and "verlopen toezegging" in said
    assert download["visible"] is True
    text = "\n".join(p.text for p in docx.Document(download["value"]).paragraphs)
    assert "Onderwerp: verlopen toezeggingen" in text and "Bron: " in text
