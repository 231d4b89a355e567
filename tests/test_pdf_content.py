"""The fast content-stream reader gives exactly pypdf's operations (types and values), on our
own PDFs, on hand-made streams with the awkward cases, and on the real PDFs beside the clone;
reading fonts once per document gives the same text as reading them on every page."""

from __future__ import annotations

import logging
from io import BytesIO

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from assistant.parse import pdf_content
from tests.conftest import CORPUS, SHARED, need

logging.getLogger("pypdf").setLevel(logging.CRITICAL)


def _same(a, b) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    return a == b


def _read(parse, data: bytes, encoding):
    """The operations, or the error raised (both readers must fail alike on a broken stream)."""
    stream = ContentStream(None, None, encoding)
    try:
        parse(stream, BytesIO(data))
    except Exception as exc:  # noqa: BLE001
        return type(exc).__name__
    return stream._operations


def _pypdf(data: bytes, encoding="bytes"):
    return _read(pdf_content._ORIGINAL, data, encoding)


def _ours(data: bytes, encoding="bytes"):
    return _read(pdf_content._parse_content_stream, data, encoding)


STREAMS = {
    "text with kerning": b"BT /F1 11 Tf 72 700 Td [(Het )-250(college)120( besluit)] TJ ET",
    "state and matrices": b"q 1 0 0 1 56.7 -12.5 cm BT 0 0 0 rg /F2 9.5 Tf 1.2 0 0 1 10 20 Tm (a) Tj T* (b) ' ET Q",
    "quote operator": b"BT /F1 10 Tf 2 1 (regel) \" ET",
    "nested parentheses": b"BT (artikel (lid 2) van de wet) Tj ET",
    "escapes": b"BT (regel\\neen \\(haakje\\) \\\\ \\101\\1 oct\\\nvervolg) Tj ET",
    "hex strings, odd length": b"BT <48656C6C6F> Tj <4 8 6> Tj <> Tj ET",
    "comments": b"% opmerking\nBT /F1 12 Tf % nog een\n(x) Tj ET",
    "marked content with a dictionary": b"/P <</MCID 3 /Lang (nl-NL) /Alt <41>>> BDC BT (x) Tj ET EMC",
    "repeated dictionary key": b"/Span <</MCID 1 /MCID 2>> BDC EMC",
    "nested arrays and booleans": b"[[1 2] [true false null] /N] 0 d",
    "malformed numbers": b"1.2.3 - 4 Td BT (x) Tj ET",
    "keywords at top level": b"true false null",
    "inline image (handed to pypdf)": b"q BI /W 1 /H 1 /BPC 8 /CS /G ID \x80 EI Q BT (na) Tj ET",
    "unbalanced array (handed to pypdf)": b"[1 2 Td BT (x) Tj ET",
    "name with an escape (handed to pypdf)": b"/F#31 12 Tf",
    "empty": b"",
    "only whitespace": b" \n\r\t\x00\x0c ",
}


@pytest.mark.parametrize("name", sorted(STREAMS))
def test_hand_made_streams_read_as_pypdf_reads_them(name):
    data = STREAMS[name]
    assert _same(_pypdf(data), _ours(data))
    assert _same(_pypdf(data, None), _ours(data, None))


def test_the_cases_pypdf_must_read_are_handed_back():
    with pytest.raises(pdf_content._Unsupported):
        pdf_content.parse_operations(STREAMS["inline image (handed to pypdf)"], "bytes")
    assert pdf_content.parse_operations(STREAMS["nested parentheses"], "bytes")[0][1] == b"BT"


def _pages(path):
    reader = PdfReader(str(path), strict=False)
    if reader.is_encrypted:
        reader.decrypt("")
    for page in reader.pages:
        try:
            yield ContentStream(page["/Contents"].get_object(), reader, "bytes").get_data()
        except (KeyError, AttributeError):
            continue


def _check_file(path) -> int:
    pages = 0
    for data in _pages(path):
        assert _same(_pypdf(data), _ours(data)), f"{path.name}: page {pages + 1} reads differently"
        pages += 1
    return pages


def test_our_pdfs_read_as_pypdf_reads_them():
    assert sum(_check_file(p) for p in sorted(CORPUS.glob("*.pdf"))) > 20


@pytest.mark.slow
def test_the_real_pdfs_read_as_pypdf_reads_them():
    folder = need(SHARED / "corpus-real")
    pages = sum(_check_file(p) for p in sorted(folder.rglob("*.pdf")))
    assert pages > 900


def _texts(path, once: bool) -> list[str]:
    reader = PdfReader(str(path), strict=False)
    if once:
        with pdf_content.fonts_read_once():
            return [page.extract_text() for page in reader.pages]
    return [page.extract_text() for page in reader.pages]


@pytest.mark.parametrize("name", ["haarlem-woo-rattenoverlast/pdf/Samenspel Rattenbestrijding (geanonimiseerd).pdf",
                                  "minvws-coronamelder-coordination/dpia_covid19_notificatie-app_versie_2020-08-24.pdf"])
def test_fonts_read_once_give_the_same_text(name):
    path = need(SHARED / "corpus-real" / name)
    pdf_content.install()
    assert _texts(path, once=True) == _texts(path, once=False)


def test_fonts_read_once_give_the_same_text_on_our_letters():
    pdf_content.install()
    for path in sorted(CORPUS.glob("*.pdf"))[:6]:
        assert _texts(path, once=True) == _texts(path, once=False)
