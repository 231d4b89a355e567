"""Scanned letters are read by Dutch OCR (Tesseract), page by page: the text, dates and amounts
of a scan of our own letter come back, a mixed PDF gives one document, citations of a scanned
page say "(OCR)", and a page is never read twice. Skipped, with the install line, where
Tesseract and its Dutch model are not installed (.ci/run installs them)."""

from __future__ import annotations

import re
import subprocess
from io import BytesIO
from pathlib import Path

import pytest

from assistant.core import Assistant, StoreConfig
from assistant.parse import ocr, parse_document
from tests.conftest import CORPUS, SHARED, need

pytestmark = pytest.mark.skipif(not ocr.available(), reason=f"OCR is not installed here: {ocr.INSTALL_HINT}")

LETTER = CORPUS / "reactie_college_mantelzorg_2024.pdf"


def scan_of(source: Path, target: Path, pages: list[int], dpi: int = 200) -> Path:
    """An image-only PDF of some pages of ``source``, as a scanner makes it."""
    from PIL import Image

    images = []
    for page in pages:
        pgm = subprocess.run(["pdftoppm", "-f", str(page), "-l", str(page), "-r", str(dpi), "-gray", str(source)],
                             capture_output=True, check=True).stdout
        images.append(Image.open(BytesIO(pgm)).convert("L"))
    images[0].save(target, save_all=True, append_images=images[1:], resolution=dpi)
    return target


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def overlap(found: str, expected: str) -> float:
    a, b = words(found), set(words(expected))
    return sum(w in b for w in a) / max(1, len(a))


@pytest.fixture(scope="module")
def scanned(tmp_path_factory) -> Path:
    return scan_of(LETTER, tmp_path_factory.mktemp("scan") / "reactie_gescand.pdf", [1, 2])


def test_a_scanned_letter_reads_like_its_text_layer(scanned):
    original = parse_document(LETTER)
    doc = parse_document(scanned)
    assert set(doc.ocr_pages) == {1, 2} and min(doc.ocr_pages.values()) > 80
    assert any("gelezen met OCR" in w for w in doc.warnings)
    assert overlap(doc.text, original.text) >= 0.95
    assert len(words(doc.text)) >= 0.9 * len(words(original.text[:len(doc.text) + 200]))
    # what the meaning layer needs survives: the dates and the amount of the commitments
    for phrase in ("1 september 2025", "medio 2025", "1,2 miljoen"):
        assert phrase in doc.text, phrase
    assert doc.date == original.date and doc.reference == original.reference


def test_commitments_and_search_hits_of_a_scan_cite_ocr(scanned, tmp_path):
    assistant = Assistant(StoreConfig(index_dir=tmp_path / "index"), embedder="fake")
    report = assistant.ingest([scanned])
    assert len(report.added) == 1 and not report.failed
    hit = assistant.search("logeervoorziening Molenweg uitgebreid", mode="lexical")[0]
    assert hit.passage.ocr and hit.citation.endswith("(OCR)")
    promised = [c for c in assistant.register() if "Molenweg" in c.text]
    assert promised and all(c.source.ocr and c.source.where.endswith("(OCR)") for c in promised)
    assert promised[0].due is not None and promised[0].due.start.isoformat() == "2025-09-01"


def test_a_pdf_with_one_scanned_page_is_one_document_and_only_that_page_is_ocr(tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(LETTER), pages=[0])
    writer.append(PdfReader(scan_of(LETTER, tmp_path / "p2.pdf", [2])))
    mixed = tmp_path / "deels_gescand.pdf"
    with mixed.open("wb") as fh:
        writer.write(fh)
    doc = parse_document(mixed)
    assert doc.pages == 2 and set(doc.ocr_pages) == {2}
    assert "Molenweg" in doc.text and "mantelzorg" in doc.text.casefold()
    assert all(not doc.read_by_ocr(b) for b in doc.blocks if b.page == 1)


def test_a_page_is_read_once_then_taken_from_the_cache(tmp_path, monkeypatch):
    scan = scan_of(LETTER, tmp_path / "een.pdf", [1])
    monkeypatch.delenv("ASSISTANT_OCR_CACHE", raising=False)  # this test's own folder, not the suite's
    first = parse_document(scan, ocr_cache=tmp_path / "ocr")

    def no_second_reading(*args, **kwargs):
        raise AssertionError("the page was read again")

    monkeypatch.setattr(ocr, "recognise", no_second_reading)
    again = parse_document(scan, ocr_cache=tmp_path / "ocr")
    assert again.text == first.text and again.ocr_pages == first.ocr_pages


@pytest.mark.slow
def test_a_real_scan_reads_like_the_published_ocr_copy():
    folder = need(SHARED / "corpus-real" / "openstate-pdflab")
    scan = parse_document(folder / "emmen_brief_toezeggingen_commissie_BME_2024-12-10_SCAN.pdf")
    published = parse_document(folder / "emmen_brief_toezeggingen_commissie_BME_2024-12-10_OCR.pdf")
    assert scan.ocr_pages and overlap(scan.text, published.text) >= 0.85
    assert "28 februari 2025" in scan.text


def test_ingest_reports_a_scans_pages_as_they_are_read(scanned, tmp_path):
    seen: list[str] = []
    assistant = Assistant(StoreConfig(index_dir=tmp_path / "index"), embedder="fake")
    assistant.ingest([scanned], progress=lambda done, total, name: seen.append(name))
    assert f"{scanned.name} (OCR 1/2)" in seen and f"{scanned.name} (OCR 2/2)" in seen


def test_the_document_list_says_how_many_pages_were_read_by_ocr(scanned, tmp_path):
    assistant = Assistant(StoreConfig(index_dir=tmp_path / "index"), embedder="fake")
    assistant.ingest([scanned])
    info = assistant.documents()[0]
    assert info.ocr_pages == 2 and info.pages_text == "2 (2 OCR)"
    assert Assistant(StoreConfig(index_dir=tmp_path / "index"), embedder="fake").documents()[0].ocr_pages == 2


@pytest.mark.parametrize("ahead", [False, True], ids=["parsed here", "parsed ahead in workers"])
def test_a_scan_is_read_after_the_letters_with_a_text_layer(scanned, tmp_path, monkeypatch, ahead):
    """A batch commits its text-layer letters first: when the first scanned page is read, the
    letters listed after the scan are already searchable; the scan follows, read by OCR."""
    import shutil

    import assistant.parse.parallel as parallel_module

    if ahead:
        monkeypatch.setattr(parallel_module, "PARSE_AHEAD_MIN_BYTES", 0)

    folder = tmp_path / "map"
    folder.mkdir()
    shutil.copy(scanned, folder / "a_gescande_brief.pdf")  # listed first
    for name in ("raadsinformatiebrief_wijkregisseurs_2024.pdf", "advies_asd_jeugd_2025.pdf"):
        shutil.copy(CORPUS / name, folder / name)
    assistant = Assistant(StoreConfig(index_dir=tmp_path / "index"), embedder="fake")
    indexed_at_first_ocr: list[set[str]] = []
    seen: list[tuple[int, str]] = []

    def progress(done: int, total: int, name: str) -> None:
        seen.append((done, name))
        if "(OCR" in name and not indexed_at_first_ocr:
            indexed_at_first_ocr.append({Path(d.path).name for d in assistant.store.documents()})

    report = assistant.ingest([folder], progress=progress)
    assert not report.failed
    assert indexed_at_first_ocr == [{"raadsinformatiebrief_wijkregisseurs_2024.pdf", "advies_asd_jeugd_2025.pdf"}]
    assert {Path(d.path).name for d in assistant.documents()} == {
        "a_gescande_brief.pdf", "raadsinformatiebrief_wijkregisseurs_2024.pdf", "advies_asd_jeugd_2025.pdf"}
    assert next(d for d in assistant.documents() if d.path.endswith("a_gescande_brief.pdf")).ocr_pages == 2
    assert (2, "a_gescande_brief.pdf (OCR 1/2)") in seen  # counted as the third file, after the other two


def test_a_scan_whose_pages_were_read_before_is_not_put_last(scanned, tmp_path):
    """Its parse is kept: a second ingest (another index) takes it at once, in its place."""
    cache = tmp_path / "index"
    Assistant(StoreConfig(index_dir=cache), embedder="fake").ingest([scanned])
    again = Assistant(StoreConfig(index_dir=cache), embedder="fake")
    again.store.delete_document(again.documents()[0].id)
    order: list[str] = []
    again.ingest([scanned, CORPUS / "advies_asd_jeugd_2025.pdf"], progress=lambda d, t, n: order.append(n))
    assert order.index(scanned.name) < order.index("advies_asd_jeugd_2025.pdf")


def test_a_scan_is_read_in_the_background_stage_while_the_rest_is_searchable(scanned, tmp_path):
    """As the app adds files: the letters with a text layer are committed and found at once,
    the scan is only listed as waiting; the background stage reads it (its pages reported),
    adds it and writes every vector."""
    import time

    assistant = Assistant(StoreConfig(index_dir=tmp_path / "index"), embedder="fake")
    report = assistant.ingest([scanned, CORPUS / "advies_asd_jeugd_2025.pdf"], vectors_later=True)
    assert report.scans_waiting == [str(scanned)] and report.added == [str(CORPUS / "advies_asd_jeugd_2025.pdf")]
    assert [Path(d.path).name for d in assistant.documents()] == ["advies_asd_jeugd_2025.pdf"]
    assert assistant.search("wachttijden specialistische jeugdhulp", mode="lexical")
    seen: list[tuple[str, int, int]] = []
    assistant.embed_in_background(report.scans_waiting)
    deadline = time.monotonic() + 120
    while (work := assistant.background()) is not None and time.monotonic() < deadline:
        seen.append((work.stage, work.done, work.total))
        time.sleep(0.05)
    assert assistant.background() is None and assistant.background_failures() == []
    assert ("ocr", 2, 2) in seen or ("ocr", 1, 2) in seen
    scan = next(d for d in assistant.documents() if d.path.endswith(scanned.name))
    assert scan.ocr_pages == 2 and scan.complete
    assert assistant.vectors_pending() == 0
    hit = assistant.search("logeervoorziening mantelzorgers", mode="dense", k=20)
    assert any(h.document.id == scan.id for h in hit)
