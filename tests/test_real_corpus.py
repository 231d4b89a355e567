"""Every real document in ../shared/corpus-real parses, except the few that cannot (scans
without a text layer, metadata files without text), and those are refused with their own
error and a message that names the file."""

from __future__ import annotations

import pytest

from assistant.errors import EmptyDocument, NoTextLayer
from assistant.parse import ocr, parse_document
from tests.conftest import SHARED

pytestmark = pytest.mark.slow  # parses all 121 real documents: a minute
REAL = SHARED / "corpus-real"
SUFFIXES = {".pdf", ".docx", ".txt", ".md", ".odt", ".html", ".xml"}
FILES = sorted(p for p in REAL.rglob("*") if p.suffix.lower() in SUFFIXES) if REAL.is_dir() else []


@pytest.mark.skipif(not FILES, reason="../shared/corpus-real is absent beside the clone")
@pytest.mark.parametrize("path", FILES, ids=[p.name[:50] for p in FILES])
def test_real_document_parses_or_is_refused_with_a_message(path):
    refused = _EXPECTED_REFUSALS.get(path.name)
    if refused is not None:
        with pytest.raises(refused) as caught:
            parse_document(path)
        assert str(caught.value).startswith(path.name)
        return
    doc = parse_document(path)
    assert doc.blocks
    if path.name in _SCANS:
        assert doc.ocr_pages and all(doc.read_by_ocr(b) for b in doc.blocks)
    for block in doc.blocks:
        assert doc.text[block.start:block.end] == block.text


@pytest.mark.skipif(not FILES, reason="../shared/corpus-real is absent beside the clone")
def test_real_advice_is_read_as_numbered_points_with_their_explanation():
    from assistant.extract.points import advice_points

    doc = parse_document(REAL / "minvws-coronamelder-coordination" / "advies_AP_voorafgaande_raadpleging_2020-08-06_v1_met_contactpersoon.pdf")
    points = advice_points(doc)
    assert [p.number for p in points][:8] == [str(n) for n in range(1, 9)]
    assert all(len(p.text.split()) > 20 for p in points[:8])


# Scans without a text layer: read by OCR where it is installed, else refused with the install
# line. Metadata files hold no text.
_SCANS = {
    "blg-1007826_SCAN_beslisnota_LNV_kamerbrief_moties_7e_actieprogramma_nitraat.pdf",
    "VWS_nota_beantwoording_schriftelijke_vragen_mondzorg_2024-10_SCAN.pdf",
    "emmen_brief_toezeggingen_commissie_BME_2024-12-10_SCAN.pdf",
}
_EXPECTED_REFUSALS = {
    **({} if ocr.available() else {name: NoTextLayer for name in _SCANS}),
    "ah-tk-20202021-3235_metadata.xml": EmptyDocument,
    "blg-1007826_metadata.xml": EmptyDocument,
    "kst-32545-143_metadata.xml": EmptyDocument,
}
