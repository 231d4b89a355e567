"""Every kind of bad input gets a clear Dutch message, a distinct exit code and no traceback."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.cli import main
from assistant.errors import (
    CorruptDocument,
    EmptyDocument,
    EncryptedDocument,
    FileMissing,
    NoTextLayer,
    TooLarge,
    UnsupportedType,
)
from assistant.parse import parse_document
from tests.builders import make_pdf


def _corrupt_pdf(tmp: Path) -> Path:
    good = make_pdf(tmp / "goed.pdf", [["Een regel tekst over mantelzorg in Rijnwaarde."]])
    data = good.read_bytes()
    path = tmp / "kapot.pdf"
    path.write_bytes(data[:200] + b"\x00garbage" * 50)
    return path


def _encrypted_pdf(tmp: Path) -> Path:
    from pypdf import PdfReader, PdfWriter

    good = make_pdf(tmp / "open.pdf", [["Vertrouwelijke reactie op het advies over mantelzorg."]])
    writer = PdfWriter(clone_from=PdfReader(good))
    writer.encrypt(user_password="geheim", owner_password="eigenaar", algorithm="AES-256")
    path = tmp / "beveiligd.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def _scanned_pdf(tmp: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp / "scan.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for _ in range(2):
        c.setFillGray(0.2)
        for row in range(40):  # strokes that look like lines of text, but are drawings
            c.rect(72, 760 - row * 16, 400 - (row % 5) * 30, 8, fill=1, stroke=0)
        c.showPage()
    c.save()
    return path


def _fake_docx(tmp: Path) -> Path:
    path = tmp / "brief.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("foto.jpg", b"\xff\xd8\xff" + b"\x00" * 100)
        zf.writestr("lees mij.txt", "geen Word-document")
    return path


def _binary_txt(tmp: Path) -> Path:
    path = tmp / "notities.txt"
    path.write_bytes(bytes(range(256)) * 40)
    return path


def _empty(tmp: Path) -> Path:
    path = tmp / "leeg.pdf"
    path.write_bytes(b"")
    return path


def _huge(tmp: Path) -> Path:
    path = tmp / "enorm.pdf"
    with path.open("wb") as fh:  # sparse: 200 MB on paper, nothing on disk
        fh.truncate(200 * 1024 * 1024)
    return path


def _old_doc(tmp: Path) -> Path:
    path = tmp / "oud.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    return path


CASES = [
    (_corrupt_pdf, CorruptDocument, "beschadigd"),
    (_encrypted_pdf, EncryptedDocument, "wachtwoord"),
    (_scanned_pdf, NoTextLayer, "geen tekstlaag"),
    (_fake_docx, UnsupportedType, "zip-archief zonder Word-document"),
    (_binary_txt, UnsupportedType, "binaire gegevens"),
    (_empty, EmptyDocument, "leeg"),
    (_huge, TooLarge, "200 MB"),
    (_old_doc, UnsupportedType, "sla het op als .docx"),
]


@pytest.mark.parametrize("make, error, words", CASES, ids=[c[0].__name__.strip("_") for c in CASES])
def test_bad_file_raises_a_specific_error_that_says_what_to_do(tmp_path, make, error, words):
    path = make(tmp_path)
    with pytest.raises(error) as info:
        parse_document(path)
    assert words in str(info.value)
    assert str(info.value).startswith(path.name)


@pytest.mark.parametrize("make, error, words", CASES, ids=[c[0].__name__.strip("_") for c in CASES])
def test_cli_reports_bad_file_in_one_line_with_its_own_exit_code(tmp_path, make, error, words):
    path = make(tmp_path)
    result = CliRunner().invoke(main, ["parse", str(path)])
    assert result.exit_code == error.exit_code
    assert result.output.startswith("Fout: ")
    assert words in result.output
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)


def test_missing_file(tmp_path):
    result = CliRunner().invoke(main, ["parse", str(tmp_path / "bestaat-niet.pdf")])
    assert result.exit_code == FileMissing.exit_code
    assert "niet gevonden" in result.output


def test_exit_codes_are_distinct_per_cause():
    codes = [c.exit_code for c in (FileMissing, EmptyDocument, CorruptDocument, EncryptedDocument,
                                   NoTextLayer, TooLarge, UnsupportedType)]
    assert len(set(codes)) == len(codes)


def test_pdf_with_empty_user_password_is_read(tmp_path):
    from pypdf import PdfReader, PdfWriter

    good = make_pdf(tmp_path / "open.pdf", [["Het college neemt het advies over."]])
    writer = PdfWriter(clone_from=PdfReader(good))
    writer.encrypt(user_password="", owner_password="eigenaar", algorithm="AES-256")
    path = tmp_path / "alleen-bewerken-beveiligd.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    doc = parse_document(path)
    assert "neemt het advies over" in doc.text


def test_partly_scanned_pdf_is_read_with_a_warning(tmp_path):
    from pypdf import PdfReader, PdfWriter

    text = make_pdf(tmp_path / "tekst.pdf", [["Het college neemt het advies over en informeert de raad."]])
    writer = PdfWriter(clone_from=PdfReader(text))
    writer.append(PdfReader(_scanned_pdf(tmp_path)))
    path = tmp_path / "deels-gescand.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    doc = parse_document(path)
    assert "neemt het advies over" in doc.text
    assert any("geen tekstlaag" in w for w in doc.warnings)


def test_a_scan_without_ocr_installed_says_how_to_install_it(tmp_path, monkeypatch):
    from assistant.parse import ocr

    monkeypatch.setattr(ocr, "available", lambda: False)
    with pytest.raises(NoTextLayer) as info:
        parse_document(_scanned_pdf(tmp_path))
    assert "tesseract-ocr-nld" in str(info.value) and str(info.value).startswith("scan.pdf")
