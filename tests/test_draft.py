"""The Word draft, opened again with python-docx and checked against its inputs."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from assistant.cli import main
from assistant.extract.points import advice_points
from assistant.core import Assistant
from assistant.extract.commitments import extract_commitments
from assistant.extract.points import map_points
from assistant.parse import parse_document
from assistant.search.store import StoreConfig
from tests.conftest import CORPUS

ADVICE = CORPUS / "advies_asd_mantelzorg_2024.pdf"
RESPONSE = CORPUS / "reactie_college_mantelzorg_2024.pdf"
LATER = CORPUS / "voortgangsbrief_sociaal_domein_2025.pdf"
TODAY = date(2026, 11, 29)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    folder = tmp_path_factory.mktemp("draft")
    for path in (RESPONSE, LATER):
        shutil.copy(path, folder / path.name)
    assistant = Assistant(StoreConfig(index_dir=folder / "index"), embedder="fake")
    assistant.ingest([folder])
    return assistant


@pytest.fixture(scope="module")
def draft_path(assistant, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "concept.docx"
    return assistant.draft(ADVICE, RESPONSE, out, today=TODAY).path


def _headings(document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def _all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def test_one_section_per_advice_point(draft_path):
    document = docx.Document(str(draft_path))
    points = [h for h in _headings(document, 1) if h.startswith("Adviespunt")]
    assert [h.split(":")[0] for h in points] == [f"Adviespunt {n}" for n in range(1, 7)]
    assert "Overzicht" in _headings(document, 1) and "Bronnen" in _headings(document, 1)
    assert document.paragraphs[0].text == "CONCEPT"


def test_every_commitment_is_in_its_points_table_with_due_range_and_amount(draft_path):
    document = docx.Document(str(draft_path))
    response = parse_document(RESPONSE)
    mappings = map_points(parse_document(ADVICE), response)
    commitment_tables = [t for t in document.tables if t.rows[0].cells[0].text == "Wat"]
    by_action = {}
    rows = 0
    for number, table in enumerate(commitment_tables):
        for row in table.rows[1:]:
            by_action[row.cells[0].text] = [c.text for c in row.cells]
            rows += 1
    expected = 0
    for mapping in mappings:
        for c in extract_commitments(response):
            if mapping.answer and mapping.answer.source.start <= c.source.start < mapping.answer.source.end:
                expected += 1
                row = by_action[c.action]
                if c.due:
                    assert c.due.label in row[2]
                    assert c.due.end.strftime("%d-%m-%Y") in row[2]
                if c.amount:
                    assert " ".join(c.amount.label.split()) in row[3]
    assert expected >= 15 and rows == expected


def test_every_citation_resolves_to_a_real_document_and_page(draft_path):
    document = docx.Document(str(draft_path))
    text = _all_text(document)
    sources = {}
    for p in document.paragraphs:
        match = re.match(r"^\[(\d+)\] (.+), pagina (\d+), alinea (\d+), bestand (.+)$", p.text)
        if match:
            sources[int(match.group(1))] = (int(match.group(3)), int(match.group(4)), match.group(5))
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", text)}
    assert cited and cited <= set(sources)
    for page, paragraph, file in sources.values():
        doc = parse_document(CORPUS / file)
        assert 1 <= page <= doc.pages
        assert doc.blocks[paragraph - 1].page == page


def test_later_mentions_come_from_later_documents_or_say_none_was_found(draft_path):
    text = _all_text(docx.Document(str(draft_path)))
    assert "Voortgang uitvoering advies mantelzorgondersteuning en respijtzorg (18 november 2025)" in text
    assert "geen latere vermelding gevonden" in text


def test_questions_are_built_from_facts(draft_path):
    text = _all_text(docx.Document(str(draft_path)))
    assert "Het college neemt dit advies niet over. Handhaaft de adviesraad het advies" in text
    assert "is verstreken en in de index staat geen later document dat erover bericht" in text


def test_the_advice_point_is_quoted_whole(draft_path):
    document = docx.Document(str(draft_path))
    quotes = " ".join(p.text for p in document.paragraphs if p.style.name == "Quote")
    for point in advice_points(parse_document(ADVICE)):
        for part in point.text.split("\n\n")[1:]:  # the explanation under the point's first line
            assert " ".join(part.split()) in " ".join(quotes.split())


def test_commitments_show_how_sure_the_assistant_is(draft_path):
    tables = [t for t in docx.Document(str(draft_path)).tables if t.rows[0].cells[0].text == "Wat"]
    header = [c.text for c in tables[0].rows[0].cells]
    assert header == ["Wat", "Wie", "Wanneer", "Bedrag", "Status", "Bron"]
    sure = [row.cells[4].text for t in tables for row in t.rows[1:]]
    assert sure and all(re.fullmatch(r"(open|nu aan de orde|verlopen|zonder datum), (zeker|mogelijk) \(\d{1,3}%\)"
                                     r"(; (uitgevoerd|vertraagd|gewijzigd|genoemd)[^;]* \((voorgesteld|bevestigd [\d-]+)\)"
                                     r"( \[\d+\])?)?", s) for s in sure)
    # the later progress letter reports the Molenweg extension as done: suggested, with its source
    molenweg = next(row for t in tables for row in t.rows[1:] if "Molenweg" in row.cells[0].text)
    assert re.search(r"uitgevoerd \(voorgesteld\) \[\d+\]", molenweg.cells[4].text)
    questions = " ".join(p.text for p in docx.Document(str(draft_path)).paragraphs)
    assert re.search(r"De toezegging ‘De logeervoorziening aan de Molenweg[^’]*’ \(per 1 september 2025\) is volgens "
                     r"Voortgang uitvoering[^\[]*\[\d+\] als uitgevoerd gemeld\. Is de toezegging daarmee volledig nagekomen\?",
                     questions)


def test_footer_has_page_numbers(draft_path):
    footer = docx.Document(str(draft_path)).sections[0].footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer


def test_response_alone_uses_its_quoted_points(assistant, tmp_path, seed_path):
    out = assistant.draft(None, seed_path, tmp_path / "seed.docx", today=TODAY).path
    headings = _headings(docx.Document(str(out)), 1)
    assert len([h for h in headings if h.startswith("Adviespunt")]) == 3


def test_advice_alone_finds_the_response_in_the_index(assistant, tmp_path):
    out = assistant.draft(ADVICE, None, tmp_path / "alleen-advies.docx", today=TODAY).path
    text = _all_text(docx.Document(str(out)))
    assert "De reactie is in de index gevonden" in text
    assert "neemt het advies niet over" in text


def test_advice_alone_with_an_empty_index_says_no_response_yet(tmp_path):
    empty = Assistant(StoreConfig(index_dir=tmp_path / "leeg"), embedder="fake")
    out = empty.draft(ADVICE, None, tmp_path / "geen-reactie.docx", today=TODAY).path
    text = _all_text(docx.Document(str(out)))
    assert text.count("Nog geen reactie gevonden.") == 6


def test_template_supplies_header_and_styles(assistant, tmp_path):
    template = docx.Document()
    template.sections[0].header.paragraphs[0].text = "Adviesraad Sociaal Domein Rijnwaarde"
    template.save(str(tmp_path / "briefpapier.docx"))
    out = assistant.draft(ADVICE, RESPONSE, tmp_path / "met-sjabloon.docx", template=tmp_path / "briefpapier.docx",
                          today=TODAY).path
    document = docx.Document(str(out))
    assert document.sections[0].header.paragraphs[0].text == "Adviesraad Sociaal Domein Rijnwaarde"
    assert len([h for h in _headings(document, 1) if h.startswith("Adviespunt")]) == 6


def test_draft_cli(assistant, tmp_path):
    out = tmp_path / "cli.docx"
    result = CliRunner().invoke(main, ["draft", "--advice", str(ADVICE), "--response", str(RESPONSE), "-o", str(out),
                                       "--index", str(assistant.config.index_dir), "--embedder", "fake"])
    assert result.exit_code == 0, result.output
    assert out.exists()


def test_bad_template_is_a_clear_error(assistant, tmp_path):
    bad = tmp_path / "sjabloon.docx"
    bad.write_bytes(b"geen word")
    result = CliRunner().invoke(main, ["draft", "--advice", str(ADVICE), "-o", str(tmp_path / "x.docx"),
                                       "--template", str(bad), "--index", str(assistant.config.index_dir),
                                       "--embedder", "fake"])
    assert result.exit_code != 0 and "sjabloon is geen bruikbaar Word-bestand" in result.output


@pytest.mark.slow
def test_draft_renders_with_libreoffice_to_pdf_and_png(draft_path, tmp_path):
    soffice = shutil.which("soffice")
    if not soffice or not shutil.which("pdftoppm"):
        pytest.skip("LibreOffice (soffice) or pdftoppm is not installed")
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(draft_path)], check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "concept.pdf"
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    assert len(reader.pages) >= 4
    first = reader.pages[0].extract_text()
    assert "CONCEPT" in first and "Overzicht" in first
    # No word of any table is broken over two lines in LibreOffice's layout.
    rendered_text = " ".join(page.extract_text() for page in reader.pages).replace("\u2011", "-")
    rendered = set(re.findall(r"[\w()%€\[\]-]+", rendered_text))
    words = {w for table in docx.Document(str(draft_path)).tables for row in table.rows for cell in row.cells
             for w in re.findall(r"[\w()%€\[\]-]+", cell.text)}
    broken = sorted(w for w in words if w not in rendered)
    assert not broken, broken
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
                   check=True, timeout=60)
    assert list(tmp_path.glob("page*.png"))


ADVICE_WIJKTEAMS = """Adviesraad Sociaal Domein Rijnwaarde

Datum: 3 februari 2025
Ons kenmerk: ASD-2025-002
Onderwerp: Advies wijkteams

Geacht college,

1. Zorg voor een vast aanspreekpunt per wijk.

Inwoners weten nu niet wie zij moeten bellen.

2. Maak de wachttijden openbaar.

3. Betrek ervaringsdeskundigen bij de wijkteams.

Met vriendelijke groet,

de Adviesraad Sociaal Domein Rijnwaarde
"""
RESPONSE_WIJKTEAMS = """Gemeente Rijnwaarde

Datum: 3 maart 2025
Ons kenmerk: 2025/0301
Uw kenmerk: ASD-2025-002
Onderwerp: Reactie op uw advies wijkteams

Geachte leden van de adviesraad,

1. Zorg voor een vast aanspreekpunt per wijk.

Wij nemen dit advies over. Naar verwachting is het aanspreekpunt per wijk er medio 2025.

2. Maak de wachttijden openbaar.

Wij nemen dit advies over. Het eerste overzicht van de wachttijden is gepland voor het derde kwartaal van 2025.

3. Betrek ervaringsdeskundigen bij de wijkteams.

Wij nemen dit advies over. Ervaringsdeskundigen denken nu al mee in de klankbordgroep.

Met vriendelijke groet,

het college van burgemeester en wethouders
"""


def test_dated_sentences_the_classifier_rejects_are_shown_as_possible_commitments(tmp_path):
    """No question claims that the college promised nothing while its answer names a date; only an
    answer without any date or amount gets 'Geen toezegging herkend'."""
    advice, response = tmp_path / "advies.txt", tmp_path / "reactie.txt"
    advice.write_text(ADVICE_WIJKTEAMS, encoding="utf-8")
    response.write_text(RESPONSE_WIJKTEAMS, encoding="utf-8")
    result = Assistant(StoreConfig(index_dir=tmp_path / "index"), embedder="fake").draft(
        advice, response, tmp_path / "concept.docx", today=TODAY)

    first, second, third = result.draft.points
    assert [c.commitment.text for c in first.possible] == ["Naar verwachting is het aanspreekpunt per wijk er medio 2025."]
    assert second.possible and "derde kwartaal van 2025" in second.possible[0].commitment.text
    assert not first.commitments and not second.commitments
    for point in (first, second):
        assert not any("Geen toezegging herkend" in q or "geen concrete toezegging" in q for q in point.questions)
    assert any(q.startswith("Geen toezegging herkend") for q in third.questions)
    text = _all_text(docx.Document(str(result.path)))
    assert text.count("Mogelijke toezeggingen") == 2
    assert "Naar verwachting is het aanspreekpunt per wijk er medio 2025." in text
