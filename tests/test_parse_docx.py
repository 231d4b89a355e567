"""DOCX specifics: numbered lists, bullets, tables, headings, and header/footer kept apart."""

from __future__ import annotations

import docx
import pytest

from assistant.parse import parse_document


@pytest.fixture
def word_letter(tmp_path):
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "Gemeente Rijnwaarde – kenmerk 2024/0412"
    section.footer.paragraphs[0].text = "Postbus 1200, 4100 AE Rijnwaarde"
    document.add_paragraph("Datum: 9 april 2024")
    document.add_paragraph("Ons kenmerk: 2024/0412")
    document.add_paragraph("Onderwerp: Reactie op uw advies respijtzorg")
    document.add_paragraph("Geachte leden van de adviesraad,")
    document.add_heading("Onze reactie per adviespunt", level=1)
    for text in ("Breid de respijtzorg uit.", "Vernieuw de mantelzorgwaardering.", "Volg mantelzorgers jaarlijks."):
        document.add_paragraph(text, style="List Number")
    document.add_paragraph("de wijkteams", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Maatregel", "Bedrag"
    table.cell(1, 0).text, table.cell(1, 1).text = "Logeervoorziening", "€ 80.000"
    document.add_paragraph("Hoogachtend,")
    path = tmp_path / "reactie.docx"
    document.save(path)
    return path


def test_word_numbered_list_becomes_points_with_their_numbers(word_letter):
    doc = parse_document(word_letter)
    points = [b for b in doc.blocks if b.kind == "point"]
    assert [p.number for p in points] == ["1", "2", "3"]
    assert points[1].text == "2. Vernieuw de mantelzorgwaardering."


def test_heading_style_bullets_and_table_rows(word_letter):
    doc = parse_document(word_letter)
    kinds = {b.text: b.kind for b in doc.blocks}
    assert kinds["Onze reactie per adviespunt"] == "heading"
    assert kinds["de wijkteams"] == "list_item"
    assert "Logeervoorziening | € 80.000" in kinds


def test_header_and_footer_text_stays_out_of_the_body(word_letter):
    doc = parse_document(word_letter)
    assert "kenmerk 2024/0412" not in doc.text
    assert "Postbus 1200" not in doc.text


def test_letterhead_fields_are_read(word_letter):
    doc = parse_document(word_letter)
    assert doc.reference == "2024/0412"
    assert doc.title == "Reactie op uw advies respijtzorg"
    assert doc.date.isoformat() == "2024-04-09"
    assert doc.blocks[0].text == "Geachte leden van de adviesraad,"
