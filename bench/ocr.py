"""OCR quality and speed. Born-digital pages (our corpus/ and ../shared/corpus-real/) are
rendered to images, read by OCR and compared with their own text layer: character and word
error rate per resolution. Then the real scans of ../shared/corpus-real/ are read and timed.
Prints tables.

    .venv/bin/python bench/ocr.py [--pages N] [--dpi 200,300]
"""

from __future__ import annotations

import argparse
import logging
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
    REAL / "minbzk-plooi-testdata" / "blg-1007826_SCAN_beslisnota_LNV_kamerbrief_moties_7e_actieprogramma_nitraat.pdf",
]


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


def text_layer(path: Path, page: int) -> str:
    from pypdf import PdfReader

    return PdfReader(str(path)).pages[page - 1].extract_text() or ""


def height(path: Path, page: int) -> float:
    from pypdf import PdfReader

    return float(PdfReader(str(path)).pages[page - 1].mediabox.height)


def quality(dpis: list[int], pages_per_doc: int) -> None:
    print("| resolution | pages | characters | CER | WER | seconds/page |")
    print("|---|---|---|---|---|---|")
    for dpi in dpis:
        chars = char_errors = words = word_errors = pages = 0
        seconds = 0.0
        for path in BORN_DIGITAL:
            if not path.exists():
                continue
            for page in range(1, pages_per_doc + 1):
                try:
                    truth = normalise(text_layer(path, page))
                except IndexError:
                    break
                start = time.perf_counter()
                read = ocr.recognise(ocr.render(path, page, dpi), height(path, page), dpi)
                seconds += time.perf_counter() - start
                found = normalise(" ".join(line.text for line in read.lines))
                # reading order may differ in letterheads; compare the sorted words for WER and
                # the characters of the text in reading order for CER
                char_errors += edit_distance(list(found), list(truth))
                chars += len(truth)
                word_errors += edit_distance(sorted(found.split()), sorted(truth.split()))
                words += len(truth.split())
                pages += 1
        print(f"| {dpi} dpi | {pages} | {chars} | {char_errors / max(1, chars):.1%} | "
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=2, help="pages per born-digital document")
    parser.add_argument("--dpi", default="200,300")
    args = parser.parse_args()
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    if not ocr.available():
        print(f"OCR is not installed: {ocr.INSTALL_HINT}")
        return
    ocr.use_cache(Path(tempfile.mkdtemp()))  # measure reading, not the cache
    quality([int(d) for d in args.dpi.split(",")], args.pages)
    scans()


if __name__ == "__main__":
    main()
