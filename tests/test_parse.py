"""Parsing real documents: the seed letter as text, PDF and DOCX; our corpus; the JSON contract."""

from __future__ import annotations

import json
import re
from difflib import SequenceMatcher
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.cli import main
from assistant.model import Document
from assistant.parse import parse_document
from tests.conftest import CORPUS

HEADER = "Gemeente Delft – Reactie op advies sociale basis 2"


def words(text: str) -> list[str]:
    return re.sub(r"\s+", " ", text).strip().split(" ")


def similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, words(a), words(b), autojunk=False).ratio()


@pytest.fixture(scope="module")
def seed_renderings(tmp_path_factory, request):
    from tests.conftest import SEED, need

    seed = need(SEED)
    from corpus.render import letter_from_plain_text, render_docx, render_pdf

    out = tmp_path_factory.mktemp("seed")
    # In the original letter point 1 starts on its own line after "uiteen:"; keep it so.
    text = re.sub(r":\s*\n(\d+\. )", r":\n\n\1", seed.read_text(encoding="utf-8"))
    letter = letter_from_plain_text(
        text,
        sender="Gemeente Delft",
        addressee=["Adviesraad Sociaal Domein Delft", "Postbus 78", "2600 ME  DELFT"],
        date="10 oktober 2023",
        kenmerk="DWB/2023/1234",
        onderwerp="Reactie op advies sociale basis 2",
        salutation="Geachte leden van de adviesraad,",
        running_header=HEADER,
        footer="Gemeente Delft",
    )
    pdf = out / "seed.pdf"
    docx = out / "seed.docx"
    render_pdf(letter, pdf)
    render_docx(letter, docx)
    return {"txt": parse_document(seed), "pdf": parse_document(pdf), "docx": parse_document(docx)}


def test_seed_text_has_its_three_advice_points(seed_path):
    doc = parse_document(seed_path)
    points = [b for b in doc.blocks if b.kind == "point"]
    assert [p.number for p in points] == ["1", "2", "3"]
    assert points[0].text.startswith("1. Het vaststellen van een overkoepelende visie")
    assert points[0].text.endswith("te toetsen aan de overkoepelende visie.")


def _boundaries(paragraphs: list[str]) -> set[int]:
    """Word positions where a paragraph starts."""
    starts, pos = set(), 0
    for text in paragraphs:
        starts.add(pos)
        pos += len(words(text))
    return starts


def test_seed_paragraphs_end_where_the_author_ended_them(seed_path):
    doc = parse_document(seed_path)
    # "Delft-" at a line end + "West": the author's compound, written without a space.
    raw = re.sub(r"-[ \t]*\n[ \t]*", "-", seed_path.read_text(encoding="utf-8"))
    author = [" ".join(p.split()) for p in re.split(r"\n\s*\n", raw) if p.strip()]
    # Same words in the same order ("Delft-" + "West" joined as the author wrote it) ...
    assert sum((words(b.text) for b in doc.blocks), []) == sum((words(p) for p in author), [])
    # ... every blank line is a block boundary, and the only extra boundary is where a
    # numbered point starts on its own line ("... uiteen:" / "1. Het vaststellen").
    ours, theirs = _boundaries([b.text for b in doc.blocks]), _boundaries(author)
    assert theirs <= ours
    assert len(ours - theirs) == 1
    assert [b.number for b in doc.blocks if b.kind == "point"] == ["1", "2", "3"]


def test_no_seed_paragraph_is_cut_mid_sentence(seed_path):
    doc = parse_document(seed_path)
    for block in doc.blocks:
        if block.kind in ("paragraph", "point") and len(block.text) > 80:
            assert block.text.rstrip()[-1] in ".:;!?)", block.text[-60:]


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_seed_rendered_with_header_and_footer_parses_to_the_same_body(seed_renderings, fmt):
    txt, other = seed_renderings["txt"], seed_renderings[fmt]
    assert similarity(txt.text, other.text) >= 0.98
    assert HEADER not in other.text
    assert not re.search(r"Pagina \d+ van \d+", other.text)
    assert [b.number for b in other.blocks if b.kind == "point"] == ["1", "2", "3"]


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_seed_rendering_letterhead_is_read_not_kept_in_body(seed_renderings, fmt):
    doc = seed_renderings[fmt]
    assert doc.reference == "DWB/2023/1234"
    assert doc.title == "Reactie op advies sociale basis 2"
    assert doc.date is not None and doc.date.isoformat() == "2023-10-10"
    assert "DWB/2023/1234" not in doc.text.split("\n\n")[0]
    assert doc.kind == "reactie"


def test_pdf_blocks_carry_pages_and_offsets(seed_renderings):
    doc = seed_renderings["pdf"]
    assert doc.pages >= 2
    assert {b.page for b in doc.blocks} >= {1, 2}
    for block in doc.blocks:
        assert doc.text[block.start:block.end] == block.text


def test_document_round_trips_through_json(seed_renderings):
    doc = seed_renderings["pdf"]
    again = Document.from_dict(json.loads(json.dumps(doc.to_dict())))
    assert again == doc


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.pdf")) + sorted(p.name for p in CORPUS.glob("*.docx")))
def test_corpus_documents_parse_with_metadata(name):
    doc = parse_document(CORPUS / name)
    assert doc.title and doc.reference and doc.date
    assert doc.blocks and all(b.text for b in doc.blocks)
    assert not any(re.search(r"Pagina \d+ van \d+", b.text) for b in doc.blocks)


def test_advice_report_kind_and_points():
    doc = parse_document(CORPUS / "advies_asd_mantelzorg_2024.pdf")
    assert doc.kind == "advies"
    assert [b.number for b in doc.blocks if b.kind == "point"] == ["1", "2", "3", "4", "5", "6"]


def test_parse_json_contract(seed_path):
    result = CliRunner().invoke(main, ["parse", "--json", str(seed_path)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    for key in ("title", "date", "reference", "kind", "pages", "blocks"):
        assert key in data
    assert {b["kind"] for b in data["blocks"]} <= {"heading", "paragraph", "list_item", "point"}
    assert [b["number"] for b in data["blocks"] if b["kind"] == "point"] == ["1", "2", "3"]
    assert all(set(b) >= {"kind", "number", "text", "page"} for b in data["blocks"])


def test_text_file_with_form_feeds_has_pages(tmp_path):
    path = tmp_path / "brief.txt"
    path.write_text("Eerste pagina met een zin.\f\nTweede pagina met een zin.\n", encoding="utf-8")
    doc = parse_document(path)
    assert [b.page for b in doc.blocks] == [1, 2]


def test_cp1252_text_file_is_read(tmp_path):
    path = tmp_path / "oud.txt"
    path.write_bytes("De cliëntondersteuning wordt in 2025 geëvalueerd.".encode("cp1252"))
    assert "cliëntondersteuning" in parse_document(path).text


def test_html_file_is_read_as_text_without_tags(tmp_path):
    path = tmp_path / "brief.html"
    path.write_text("<!DOCTYPE html><html><head><title>Brief</title><style>p{color:red}</style></head><body>"
                    "<h1>Reactie op uw advies</h1><p>Wij nemen dit advies over &amp; starten in 2025.</p>"
                    "<p>Hoogachtend,</p></body></html>", encoding="utf-8")
    doc = parse_document(path)
    assert [b.text for b in doc.blocks] == ["Reactie op uw advies", "Wij nemen dit advies over & starten in 2025.",
                                            "Hoogachtend,"]


def test_odt_file_is_read_with_headings_lists_and_tables(tmp_path):
    import zipfile

    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"')
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns}><office:body><office:text>'
               '<text:h>Reactie op uw advies</text:h>'
               '<text:p>Wij nemen dit advies<text:s/>over.</text:p>'
               '<text:list><text:list-item><text:p>de wijkteams</text:p></text:list-item></text:list>'
               '<table:table><table:table-row><table:table-cell><text:p>Campagne</text:p></table:table-cell>'
               '<table:table-cell><text:p>€ 80.000</text:p></table:table-cell></table:table-row></table:table>'
               '</office:text></office:body></office:document-content>')
    path = tmp_path / "reactie.odt"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", content)
    doc = parse_document(path)
    assert doc.format == "odt"
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("heading", "Reactie op uw advies"), ("paragraph", "Wij nemen dit advies over."),
        ("list_item", "de wijkteams"), ("paragraph", "Campagne | € 80.000")]


def test_a_decision_lists_items_named_onderwerp_are_body_not_letterhead(tmp_path):
    """A decision list without a salutation, whose items open with "Onderwerp:" (as an OCR'd
    list reads when the item numbers stand in a margin): the letterhead ends at its last field
    before the body, and no item is lost to it."""
    from assistant.parse import parse_document

    path = tmp_path / "besluitenlijst.txt"
    path.write_text("Gemeente Rijnwaarde\nDatum: 16 september 2025\nOns kenmerk: BW-2025-36\n"
                    "Onderwerp: Besluitenlijst collegevergadering 16 september 2025\n\n"
                    "A. Hamerstukken\n\n"
                    "Het college besluit de besluitenlijst van 9 september 2025 vast te stellen.\n\n"
                    "Onderwerp: Subsidieaanvraag Voedselbank. Het college besluit een eenmalige subsidie van "
                    "€ 25.000 te verlenen voor de huur van een koelcel.\n\n"
                    "Onderwerp: Evaluatie inzet boa's. Het college besluit het evaluatierapport voor "
                    "kennisgeving aan te nemen.\n", encoding="utf-8")
    doc = parse_document(path)
    assert doc.reference == "BW-2025-36"
    assert doc.blocks[0].text == "A. Hamerstukken"
    assert any("Voedselbank" in b.text for b in doc.blocks) and any("boa's" in b.text for b in doc.blocks)


@pytest.mark.parametrize("misread, meant", [
    ("per 1 januari 2O25", "per 1 januari 2025"),
    ("een subsidie van € 5O.OOO per jaar", "een subsidie van € 50.000 per jaar"),
    ("op l5 maart besloten", "op 15 maart besloten"),
    ("IO.5OO euro, 1O% meer", "10.500 euro, 10% meer"),
    # words, and letters that stand alone, stay as they are
    ("Oost, lid 2, artikel I, Il, lO", "Oost, lid 2, artikel I, Il, lO"),
])
def test_ocr_look_alike_letters_in_numbers_are_read_as_digits(misread, meant):
    from assistant.nl.dates import find_dates
    from assistant.parse.ocr import repair_digits

    assert repair_digits(misread) == meant
    if "2O25" in misread:
        assert [d.label for _, _, d in find_dates(repair_digits(misread))] == ["per 1 januari 2025"]


def test_a_short_numbered_question_is_a_point_not_a_title(tmp_path):
    """"2. Wanneer wordt de regeling geëvalueerd?" among numbered questions is the second point;
    a short question on its own ("Waar staan wij?") may still be a title."""
    from assistant.extract.points import advice_points

    letter = tmp_path / "vragen.txt"
    letter.write_text("Schriftelijke vragen over de regeling\n\n"
                      "1. Hoeveel gemeenten voeren de regeling mantelzorgondersteuning al uit?\n\n"
                      "2. Wanneer wordt de regeling geëvalueerd?\n\nWaar staan wij?\n\nDe regeling loopt.\n",
                      encoding="utf-8")
    doc = parse_document(letter)
    assert [b.kind for b in doc.blocks if b.number] == ["point", "point"]
    assert [p.number for p in advice_points(doc)] == ["1", "2"]
    assert any(b.kind == "heading" and b.text == "Waar staan wij?" for b in doc.blocks)
