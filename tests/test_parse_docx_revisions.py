"""Every word of a Word file: tracked insertions and moves, content controls, fields and text
boxes are read; deleted and moved-away text and field instructions are not. The project's own
redline parses back to the new version's text."""

from __future__ import annotations

import docx
import pytest
from docx.oxml import parse_xml

from assistant.compare import compare_files
from assistant.parse import parse_document
from assistant.redline import BODY_HEADING, write_redline
from tests.conftest import CORPUS
from tests.test_compare import CONCEPT, DEFINITIEF

NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"')
REV = 'w:id="{id}" w:author="Secretaris" w:date="2024-05-01T10:00:00Z"'


def _letter(tmp_path, body_xml: list[str], name: str = "brief.docx", header_xml: str | None = None):
    """A real .docx whose body holds the given XML elements (after one plain paragraph)."""
    document = docx.Document()
    document.add_paragraph("Geachte leden van de adviesraad,")
    body = document.element.body
    sect = body[-1]  # keep w:sectPr last
    for xml in body_xml:
        sect.addprevious(parse_xml(xml.replace("NS", NS)))
    if header_xml:
        header = document.sections[0].header
        header.paragraphs[0]._p.addnext(parse_xml(header_xml.replace("NS", NS)))
    path = tmp_path / name
    document.save(path)
    return path


def _body(path) -> str:
    return " ".join(b.text for b in parse_document(path).blocks)


def test_text_inside_a_tracked_insertion_is_read(tmp_path):
    path = _letter(tmp_path, [
        f'<w:p NS><w:r><w:t xml:space="preserve">Wij stellen eenmalig </w:t></w:r>'
        f'<w:ins {REV.format(id=1)}><w:r><w:t xml:space="preserve">€ 80.000 </w:t></w:r></w:ins>'
        f'<w:r><w:t>beschikbaar.</w:t></w:r></w:p>'])
    assert "Wij stellen eenmalig € 80.000 beschikbaar." in _body(path)


def test_deleted_and_moved_away_text_is_left_out(tmp_path):
    path = _letter(tmp_path, [
        f'<w:p NS><w:r><w:t xml:space="preserve">De evaluatie volgt </w:t></w:r>'
        f'<w:del {REV.format(id=2)}><w:r><w:delText xml:space="preserve">medio 2025</w:delText></w:r></w:del>'
        f'<w:ins {REV.format(id=3)}><w:r><w:t>eind 2025</w:t></w:r></w:ins><w:r><w:t>.</w:t></w:r></w:p>',
        f'<w:p NS><w:moveFrom {REV.format(id=4)}><w:r><w:t>Verplaatste zin oud.</w:t></w:r></w:moveFrom></w:p>',
        f'<w:p NS><w:moveTo {REV.format(id=5)}><w:r><w:t>Verplaatste zin nieuw.</w:t></w:r></w:moveTo></w:p>'])
    body = _body(path)
    assert "De evaluatie volgt eind 2025." in body
    assert "medio" not in body and "Verplaatste zin oud" not in body
    assert "Verplaatste zin nieuw." in body


@pytest.mark.parametrize("level", ["block", "inline", "cell", "row"])
def test_content_controls_are_read_at_every_level(tmp_path, level):
    sdt = '<w:sdt NS><w:sdtPr><w:alias w:val="Kenmerk"/><w:tag w:val="kenmerk"/></w:sdtPr><w:sdtContent>{}</w:sdtContent></w:sdt>'
    words = "Het college informeert de raad voor 1 juli 2025."
    run = f"<w:r><w:t>{words}</w:t></w:r>"
    xml = {
        "block": sdt.format(f"<w:p>{run}</w:p>"),
        "inline": f'<w:p NS>{sdt.format(run).replace(" NS", "")}</w:p>',
        "cell": (f'<w:tbl NS><w:tr><w:tc><w:p><w:r><w:t>Toezegging</w:t></w:r></w:p></w:tc>'
                 f'{sdt.format(f"<w:tc><w:p>{run}</w:p></w:tc>").replace(" NS", "")}</w:tr></w:tbl>'),
        "row": (f'<w:tbl NS>{sdt.format(f"<w:tr><w:tc><w:p>{run}</w:p></w:tc></w:tr>").replace(" NS", "")}'
                f'</w:tbl>'),
    }[level]
    assert words in _body(_letter(tmp_path, [xml]))


def test_content_control_properties_and_field_instructions_stay_out(tmp_path):
    path = _letter(tmp_path, [
        '<w:p NS><w:sdt><w:sdtPr><w:alias w:val="Datumveld"/><w:placeholder><w:docPart w:val="X"/></w:placeholder>'
        '</w:sdtPr><w:sdtContent><w:r><w:t>Datum: 16 mei 2024</w:t></w:r></w:sdtContent></w:sdt></w:p>',
        '<w:p NS><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> DOCPROPERTY datum </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>17 mei 2024</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>',
        '<w:p NS><w:fldSimple w:instr=" TITLE "><w:r><w:t>Reactie op het advies</w:t></w:r></w:fldSimple></w:p>'])
    body = _body(path)
    assert "DOCPROPERTY" not in body and "Datumveld" not in body
    assert "17 mei 2024" in body and "Reactie op het advies" in body


def test_a_text_box_is_read_once_not_also_from_its_fallback(tmp_path):
    box = ('<w:p NS><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>'
           '<w:p><w:r><w:t>Tekst in een kader.</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>'
           '<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Tekst in een kader.</w:t></w:r></w:p>'
           '</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>')
    assert _body(_letter(tmp_path, [box])).count("Tekst in een kader.") == 1


def test_header_content_control_is_furniture_not_body(tmp_path):
    header = ('<w:sdt NS><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>Ons kenmerk 2024/0412</w:t></w:r></w:p>'
              '</w:sdtContent></w:sdt>')
    path = _letter(tmp_path, ["<w:p NS><w:r><w:t>Een zin in de brief.</w:t></w:r></w:p>"], header_xml=header)
    assert "2024/0412" not in _body(path)


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_projects_own_redline_parses_back_to_the_new_text(tmp_path, fmt):
    comparison = compare_files(CORPUS / f"{CONCEPT}.{fmt}", CORPUS / f"{DEFINITIEF}.{fmt}")
    path = write_redline(comparison, tmp_path / "redline.docx")
    blocks = parse_document(path).blocks
    start = next(i for i, b in enumerate(blocks) if b.text == BODY_HEADING)
    read_back = " ".join(b.text for b in blocks[start + 1:]).split()
    assert read_back == " ".join(b.text for b in comparison.new.blocks).split()


def test_deeply_nested_content_controls_are_read(tmp_path):
    # libxml2 refuses nesting past 256 levels (a damaged file, exit 5); below that we read it all.
    inner = "<w:p><w:r><w:t>Diep.</w:t></w:r></w:p>"
    xml = "<w:sdt NS><w:sdtContent>" + ("<w:sdt><w:sdtContent>" * 100) + inner + (
        "</w:sdtContent></w:sdt>" * 100) + "</w:sdtContent></w:sdt>"
    assert "Diep." in _body(_letter(tmp_path, [xml]))
