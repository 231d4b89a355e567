"""OCR quality and speed. Born-digital pages (our corpus/ and ../shared/corpus-real/) are
rendered to images, read by OCR and compared with their own text layer: character and word
error rate per resolution. Then the real scans of ../shared/corpus-real/ are read and timed.
Prints tables.

    .venv/bin/python bench/ocr.py [--pages N] [--dpi 200,300]
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.parse import ocr  # noqa: E402

REAL = ROOT.parent / "shared" / "corpus-real"
# Born-digital documents with clean text layers, Dutch, of the kinds users have.
BORN_DIGITAL = [
    ROOT / "corpus" / "reactie_college_mantelzorg_2024.pdf",
    ROOT / "corpus" / "raadsinformatiebrief_wijkregisseurs_2024.pdf",
    ROOT / "corpus" / "besluitenlijst_college_rijnwaarde_2025-09-16.pdf",
    REAL / "minvws-coronamelder-coordination" / "advies_AP_voorafgaande_raadpleging_2020-08-06_v1_met_contactpersoon.pdf",
    REAL / "tk-aanhangsel-kamervragen-2023-2024" / "ah-tk-20232024-2168_1cf0c343.pdf",
]
SCANS = [
    REAL / "openstate-pdflab" / "emmen_brief_toezeggingen_commissie_BME_2024-12-10_SCAN.pdf",
    REAL / "openstate-pdflab" / "VWS_nota_beantwoording_schriftelijke_vragen_mondzorg_2024-10_SCAN.pdf",
    REAL / "minbzk-plooi-testdata" / "blg-1007826_SCAN_beslisnota_LNV_kamerbrief_moties_7e_actieprogramma_nitraat.pdf",
    REAL / "haarlem-woo-rattenoverlast" / "pdf" / "2024-10-29 Beantw vragen Programmabegroting (geanonimiseerd).pdf",
]
# The same letter published twice: as a scan, and with an OCR layer added by the publisher.
PAIRS = [
    (REAL / "openstate-pdflab" / "emmen_brief_toezeggingen_commissie_BME_2024-12-10_SCAN.pdf",
     REAL / "openstate-pdflab" / "emmen_brief_toezeggingen_commissie_BME_2024-12-10_OCR.pdf"),
    (REAL / "openstate-pdflab" / "VWS_nota_beantwoording_schriftelijke_vragen_mondzorg_2024-10_SCAN.pdf",
     REAL / "openstate-pdflab" / "VWS_nota_beantwoording_schriftelijke_vragen_mondzorg_2024-10_OCR.pdf"),
]
# A folder of a real archive that mixes text PDFs, PDFs with a publisher's OCR layer and scans.
MIXED = REAL / "haarlem-woo-rattenoverlast" / "pdf"


def edit_distance(a: list, b: list) -> int:
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, start=1):
        current = [i]
        for j, y in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def normalise(text: str) -> str:
    return " ".join(re.sub(r"-\s+", "", text).split())


def pages_of(path: Path, count: int, folder: Path) -> Path:
    """The first ``count`` pages of a PDF as a PDF of their own."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    reader = PdfReader(str(path))
    writer.append(reader, pages=list(range(min(count, len(reader.pages)))))
    target = folder / f"{path.stem}_{count}.pdf"
    with target.open("wb") as fh:
        writer.write(fh)
    return target


def scanned(path: Path, dpi: int, folder: Path) -> tuple[Path, float]:
    """An image-only PDF of ``path`` as a scanner at ``dpi`` makes it; seconds spent rendering."""
    from io import BytesIO

    from PIL import Image
    from pypdf import PdfReader

    images = [Image.open(BytesIO(ocr.render(path, n, dpi))).convert("L")
              for n in range(1, len(PdfReader(str(path)).pages) + 1)]
    target = folder / f"{path.stem}_{dpi}_scan.pdf"
    images[0].save(target, save_all=True, append_images=images[1:], resolution=dpi)
    return target


def quality(dpis: list[int], pages_per_doc: int) -> None:
    """Each document read twice by the same parser, once from its text layer and once from an
    image of it through OCR: the difference is what OCR loses."""
    from assistant.parse import parse_document

    folder = Path(tempfile.mkdtemp())
    print("| resolution | documents | pages | characters | CER | WER | OCR seconds/page |")
    print("|---|---|---|---|---|---|---|")
    for dpi in dpis:
        chars = char_errors = words = word_errors = pages = documents = 0
        seconds = 0.0
        for path in BORN_DIGITAL:
            if not path.exists():
                continue
            part = pages_of(path, pages_per_doc, folder)
            truth = normalise(parse_document(part, ocr=False).text)
            image = scanned(part, dpi, folder)
            ocr.DPI = dpi
            start = time.perf_counter()
            doc = parse_document(image)
            seconds += time.perf_counter() - start
            found = normalise(doc.text)
            char_errors += edit_distance(list(found), list(truth))
            chars += len(truth)
            word_errors += edit_distance(found.split(), truth.split())
            words += len(truth.split())
            pages += doc.pages
            documents += 1
        print(f"| {dpi} dpi | {documents} | {pages} | {chars} | {char_errors / max(1, chars):.1%} | "
              f"{word_errors / max(1, words):.1%} | {seconds / max(1, pages):.2f} |")


def scans() -> None:
    from assistant.parse import parse_document

    print("\n| scan | pages | OCR pages | confidence | seconds | pages/s |")
    print("|---|---|---|---|---|---|")
    for path in SCANS:
        if not path.exists():
            continue
        start = time.perf_counter()
        doc = parse_document(path)
        seconds = time.perf_counter() - start
        conf = sum(doc.ocr_pages.values()) / max(1, len(doc.ocr_pages))
        print(f"| {path.name[:60]} | {doc.pages} | {len(doc.ocr_pages)} | {conf:.0f} | {seconds:.1f} | "
              f"{doc.pages / seconds:.2f} |")


def pairs() -> None:
    """Our reading of a scan against the publisher's OCR layer of the same letter: shared words,
    and the dates and commitments found in each."""
    from assistant.extract.commitments import extract_commitments
    from assistant.nl.dates import find_dates
    from assistant.parse import parse_document

    print("\n| letter | words ours / theirs | their words we read | dates ours / theirs / both | "
          "commitments ours / theirs / both |")
    print("|---|---|---|---|---|")
    for scan, published in PAIRS:
        if not (scan.exists() and published.exists()):
            continue
        ours, theirs = parse_document(scan), parse_document(published, ocr=False)
        a, b = ours.text.casefold().split(), theirs.text.casefold().split()
        shared = sum(w in set(a) for w in b) / max(1, len(b))
        dates_a = {d.label for _, _, d in find_dates(ours.text, ours.date)}
        dates_b = {d.label for _, _, d in find_dates(theirs.text, theirs.date)}
        found_a = [" ".join(c.text.split()).casefold() for c in extract_commitments(ours)]
        found_b = [" ".join(c.text.split()).casefold() for c in extract_commitments(theirs)]
        both = sum(any(_similar(x, y) for y in found_a) for x in found_b)
        print(f"| {scan.name.replace('_SCAN.pdf', '')[:50]} | {len(a)} / {len(b)} | {shared:.1%} | "
              f"{len(dates_a)} / {len(dates_b)} / {len(dates_a & dates_b)} | {len(found_a)} / {len(found_b)} / {both} |")


def _similar(a: str, b: str) -> bool:
    x, y = set(a.split()), set(b.split())
    return len(x & y) / max(1, len(x | y)) >= 0.7


def archive() -> None:
    """Ingest of a mixed real folder (fake embedder: the parse and OCR cost alone), with OCR and
    without it (scans then refused), and when every file with a text layer was searchable (the
    last such commit): scans are read last in a batch."""
    from assistant.core import Assistant, StoreConfig

    if not MIXED.is_dir():
        return
    print("\n| ingest of a mixed archive folder (fake embedder) | files | pages | OCR pages | seconds | "
          "text-layer files all searchable after |")
    print("|---|---|---|---|---|---|")
    for label, enabled in (("without OCR", False), ("with OCR", True)):
        os.environ["ASSISTANT_OCR"] = "1" if enabled else "0"  # reaches the parse workers too
        try:
            assistant = Assistant(StoreConfig(index_dir=Path(tempfile.mkdtemp()) / "index"), embedder="fake")
            start = time.perf_counter()
            first_ocr: list[float] = []

            def progress(done: int, total: int, name: str) -> None:
                if "(OCR" in name and not first_ocr:
                    first_ocr.append(time.perf_counter() - start)

            report = assistant.ingest([MIXED], progress=progress)
            seconds = time.perf_counter() - start
        finally:
            os.environ.pop("ASSISTANT_OCR", None)
        read = sum(len(assistant.read(p).ocr_pages) for p in report.added) if enabled else 0
        print(f"| {label} | {len(report.added)} read, {len(report.failed)} refused | {report.pages} | {read} | "
              f"{seconds:.1f} | {(first_ocr or [seconds])[0]:.1f} s |")


def versus_ocrmypdf(binary: str, dpi: int, pages_per_doc: int) -> None:
    """The same image-only pages read by our OCR (pytesseract, our line layout) and by OCRmyPDF
    (its text layer, with and without its deskew, then our PDF reader): errors against the
    page's own text layer, seconds per page; and the real scans against the publisher's OCR.
    OCRmyPDF is not a dependency: it is measured when its command is named (``--ocrmypdf``)."""
    import shutil
    import subprocess

    from pypdf import PdfReader

    from assistant.parse import parse_document

    if not shutil.which(binary):
        print(f"\n{binary} not found: OCRmyPDF not measured")
        return
    folder = Path(tempfile.mkdtemp())
    readers = {
        "ours (pytesseract)": None,
        "OCRmyPDF": [binary, "-l", "nld", "--output-type", "pdf", "--jobs", "2", "-q", "--force-ocr"],
        "OCRmyPDF --deskew": [binary, "-l", "nld", "--output-type", "pdf", "--jobs", "2", "-q", "--force-ocr",
                               "--deskew"],
    }

    def read(command, image: Path) -> str:
        if command is None:
            return parse_document(image).text
        out = folder / f"{image.stem}_{len(command)}_ocrmypdf.pdf"
        subprocess.run([*command, str(image), str(out)], check=True, capture_output=True)
        return parse_document(out, ocr=False).text

    print(f"\n| reader, {dpi} dpi | pages | CER | WER | seconds/page | their words we read (2 real scans) |")
    print("|---|---|---|---|---|---|")
    ocr.DPI = dpi
    images = []
    for path in BORN_DIGITAL:
        if path.exists():
            part = pages_of(path, pages_per_doc, folder)
            images.append((normalise(parse_document(part, ocr=False).text), scanned(part, dpi, folder)))
    for label, command in readers.items():
        chars = char_errors = words = word_errors = pages = 0
        seconds = 0.0
        for truth, image in images:
            start = time.perf_counter()
            found = normalise(read(command, image))
            seconds += time.perf_counter() - start
            char_errors += edit_distance(list(found), list(truth))
            chars += len(truth)
            word_errors += edit_distance(found.split(), truth.split())
            words += len(truth.split())
            pages += len(PdfReader(str(image)).pages)
        shared = []
        for scan, published in PAIRS:
            if scan.exists() and published.exists():
                a = set(read(command, scan).casefold().split())
                b = parse_document(published, ocr=False).text.casefold().split()
                shared.append(sum(w in a for w in b) / max(1, len(b)))
        print(f"| {label} | {pages} | {char_errors / max(1, chars):.1%} | {word_errors / max(1, words):.1%} | "
              f"{seconds / max(1, pages):.2f} | {' / '.join(f'{x:.1%}' for x in shared)} |")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=2, help="pages per born-digital document")
    parser.add_argument("--dpi", default="200,300")
    parser.add_argument("--skip-quality", action="store_true", help="only the scans, pairs and archive")
    parser.add_argument("--ocrmypdf", metavar="COMMAND", help="also read the pages with this OCRmyPDF, to compare")
    parser.add_argument("--only-ocrmypdf", action="store_true", help="only the comparison with OCRmyPDF")
    args = parser.parse_args()
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    if not ocr.available():
        print(f"OCR is not installed: {ocr.INSTALL_HINT}")
        return
    os.environ.pop("ASSISTANT_OCR_CACHE", None)  # measure reading, not a cache (each index here is new)
    if args.ocrmypdf:
        versus_ocrmypdf(args.ocrmypdf, int(args.dpi.split(",")[-1]), args.pages)
        if args.only_ocrmypdf:
            return
    if not args.skip_quality:
        quality([int(d) for d in args.dpi.split(",")], args.pages)
    scans()
    pairs()
    archive()


if __name__ == "__main__":
    main()
