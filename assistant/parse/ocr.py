"""Dutch OCR for PDF pages without a usable text layer.

Pages are rendered by poppler's ``pdftoppm`` and read by Tesseract with its Dutch model
(``nld``) through pytesseract, one page per Tesseract process with one thread each (on two
cores two pages at a time; Tesseract's own threads made a page 5x slower here). Each line comes
back with its position in PDF points, so the PDF reader lays it out like a line of a text layer:
the same paragraph, table, footnote, header and hyphenation repair. Every page carries the mean
word confidence Tesseract gave.

A page's reading is kept by the hash of its rendered image in the folder the caller names (the
parse cache names ``index/ocr``; ``ASSISTANT_OCR_CACHE`` overrides it), so a re-ingest, a reindex
or the same page in another file never reads it twice.

Without Tesseract, its Dutch model or pdftoppm, ``available()`` is False and the PDF reader
refuses a scan as before, with ``INSTALL_HINT``.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
import statistics
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

# Rendering resolution, chosen with bench/ocr.py: at 300 dpi the character error rate on our
# rendered letters is lower than at 200 dpi, for about 1.6x the time per page.
DPI = 300
INSTALL_HINT = ("installeer OCR met `sudo apt install tesseract-ocr tesseract-ocr-nld poppler-utils` "
                "en lees het bestand opnieuw in")
_LANGUAGE = "nld"
_PAGE_TIMEOUT_S = 180
# A word Tesseract is less sure of than this (0-100) is still kept (the text is all there is),
# but it pulls the page's confidence down.
_WORDS = re.compile(r"\w+", re.UNICODE)

_LOCAL = threading.local()


@dataclass
class OcrLine:
    text: str
    x: float  # left edge, PDF points from the left
    y: float  # baseline, PDF points from the bottom
    size: float  # type size estimated from the word boxes, points
    confidence: float  # mean word confidence, 0-100


@dataclass
class OcrPage:
    lines: list[OcrLine] = field(default_factory=list)
    confidence: float = 0.0  # mean word confidence of the page, 0-100

    @property
    def words(self) -> int:
        return sum(len(line.text.split()) for line in self.lines)



# A number as OCR misreads it: digits with letters that look like them (O and o for 0, l and I for
# 1) and the separators of amounts and dates. At least one real digit, so that a word is never
# taken for one; the letters must not run on into a word ("Oost", "lid 2").
_NUMBERISH = re.compile(r"(?<![\w€])(?=[0-9OolI.,]*[0-9])[0-9OolI]+(?:[.,][0-9OolI]+)*(?![\w])")
_LOOKALIKE = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1"})


def repair_digits(text: str) -> str:
    """OCR's look-alike letters inside numbers read as the digits they are: "1 januari 2O25",
    "€ 5O.OOO", "l5 maart" become "2025", "50.000", "15". Applied to OCR'd lines only."""
    return _NUMBERISH.sub(lambda m: m.group(0).translate(_LOOKALIKE), text)


class OcrDeferred(Exception):
    """Raised instead of reading pages by OCR when the caller asked to read scans last (an ingest
    commits every file with a text layer first, so a long scan never keeps the rest of a batch
    from being searchable)."""

    def __init__(self, path, pages: int) -> None:
        super().__init__(f"{path}: {pages} pagina's wachten op OCR")
        self.pages = pages


def available() -> bool:
    """OCR can run: not switched off (``ASSISTANT_OCR=0``), and Tesseract with its Dutch model,
    pytesseract and pdftoppm are all there."""
    return os.environ.get("ASSISTANT_OCR", "1") != "0" and _installed()


@cache
def _installed() -> bool:
    if not (shutil.which("tesseract") and shutil.which("pdftoppm")):
        return False
    try:
        import pytesseract

        return _LANGUAGE in pytesseract.get_languages(config="")
    except Exception:  # noqa: BLE001 - any failure to start Tesseract means: no OCR here
        return False


@contextmanager
def reporting(callback: Callable[[int, int], None]) -> Iterator[None]:
    """Within this block (in this thread) OCR reports each page it has read: callback(done, total)."""
    previous = getattr(_LOCAL, "progress", None)
    _LOCAL.progress = callback
    try:
        yield
    finally:
        _LOCAL.progress = previous


def read_pages(path: str | Path, pages: list[tuple[int, float]], dpi: int | None = None,
               cache: Path | None = None) -> dict[int, OcrPage]:
    """OCR the given pages (1-based number, page height in points) of a PDF, two at a time;
    with ``cache``, readings are kept there by page image."""
    dpi = dpi or DPI
    report = getattr(_LOCAL, "progress", None)
    workers = max(1, min(2, os.cpu_count() or 1, len(pages)))
    found: dict[int, OcrPage] = {}
    with ThreadPoolExecutor(workers) as pool:
        futures = {pool.submit(read_page, path, number, height, dpi, cache): number for number, height in pages}
        for future in as_completed(futures):
            found[futures[future]] = future.result()
            if report is not None:
                report(len(found), len(pages))
    return found


def read_page(path: str | Path, page_no: int, height: float, dpi: int = DPI, cache: Path | None = None) -> OcrPage:
    image = render(path, page_no, dpi)
    key = hashlib.sha256(image + f"|{dpi}|{_LANGUAGE}|{height:.1f}|{_reader_version()}".encode()).hexdigest()
    entry = _entry(key, cache)
    cached = _cached(entry)
    if cached is not None:
        return cached
    page = recognise(image, height, dpi)
    _store(entry, page)
    return page


@cache
def _reader_version() -> str:
    """Tesseract's version and this module's code: a reading made by another version is not reused."""
    import pytesseract

    code = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]
    return f"{pytesseract.get_tesseract_version()}-{code}"


def render(path: str | Path, page_no: int, dpi: int = DPI) -> bytes:
    """One page as a grey-scale image (PGM bytes)."""
    done = subprocess.run(["pdftoppm", "-f", str(page_no), "-l", str(page_no), "-r", str(dpi), "-gray", str(path)],
                          capture_output=True, timeout=_PAGE_TIMEOUT_S, check=False)
    if done.returncode != 0 or not done.stdout:
        raise OSError(f"pdftoppm kon pagina {page_no} niet weergeven: {done.stderr.decode(errors='replace')[:200]}")
    return done.stdout


def recognise(image: bytes, height: float, dpi: int = DPI) -> OcrPage:
    """The lines Tesseract reads on an image, placed in PDF points on a page ``height`` high."""
    from io import BytesIO

    import pytesseract
    from PIL import Image

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # Tesseract's own threads only slow it down here
    data = pytesseract.image_to_data(Image.open(BytesIO(image)), lang=_LANGUAGE,
                                     output_type=pytesseract.Output.DICT, timeout=_PAGE_TIMEOUT_S)
    scale = 72.0 / dpi
    rows: dict[tuple[int, int, int], list[int]] = {}
    for i, word in enumerate(data["text"]):
        if word and word.strip() and float(data["conf"][i]) >= 0:
            rows.setdefault((data["block_num"][i], data["par_num"][i], data["line_num"][i]), []).append(i)
    lines: list[OcrLine] = []
    confidences: list[float] = []
    for indexes in rows.values():
        bottom = max(data["top"][i] + data["height"][i] for i in indexes)
        box = statistics.median(data["height"][i] for i in indexes)
        for part in _cells(indexes, data, box):
            conf = [float(data["conf"][i]) for i in part]
            lines.append(OcrLine(text=" ".join(data["text"][i].strip() for i in part),
                                 x=data["left"][part[0]] * scale, y=height - bottom * scale,
                                 size=round(box * scale * 1.25, 1), confidence=round(sum(conf) / len(conf), 1)))
            confidences += conf
    lines.sort(key=lambda line: (-round(line.y), line.x))
    return OcrPage(lines=lines, confidence=round(sum(confidences) / len(confidences), 1) if confidences else 0.0)


def _cells(indexes: list[int], data: dict, box: float) -> list[list[int]]:
    """The words of one line, split where a gap is much wider than a space: a letterhead label
    and its value, the cells of a table. Each part becomes a line of its own on the same
    baseline, which the PDF reader joins the way it joins the pieces of a text layer."""
    indexes = sorted(indexes, key=lambda i: data["left"][i])
    parts = [[indexes[0]]]
    for before, word in zip(indexes, indexes[1:]):
        gap = data["left"][word] - (data["left"][before] + data["width"][before])
        if gap > _CELL_GAP * box:
            parts.append([])
        parts[-1].append(word)
    return parts


# A gap between two words of a line wider than this many word heights separates two cells.
_CELL_GAP = 1.5


def poor_text_layer(text: str) -> bool:
    """A text layer that is there but is no Dutch text (OCR garbage added at publication): few
    words of two letters or more, and almost none of the words every Dutch sentence has."""
    tokens = _WORDS.findall(text)
    if len(tokens) < 20:
        return False
    wordlike = sum(len(t) >= 2 and t.isalpha() for t in tokens) / len(tokens)
    common = sum(t.casefold() in _COMMON for t in tokens) / len(tokens)
    return wordlike < 0.5 and common < 0.05


# The commonest Dutch function words: in running Dutch text one word in four or five is one.
_COMMON = frozenset(
    "de het een en van in is op te dat die voor met zijn niet aan er om ook als bij of worden wordt "
    "door naar over tot uit maar dan nog wel kan zal wij we u ik hij zij deze dit".split()
)


def _entry(key: str, cache: Path | None) -> Path | None:
    # ASSISTANT_OCR_CACHE, where set, is one folder for every index (the test suite shares it).
    folder = os.environ.get("ASSISTANT_OCR_CACHE") or cache
    return Path(folder) / key[:2] / f"{key}.json.gz" if folder else None


def _cached(entry: Path | None) -> OcrPage | None:
    if entry is None:
        return None
    try:
        with gzip.open(entry, "rt", encoding="utf-8") as fh:
            data = json.load(fh)
        return OcrPage(lines=[OcrLine(**line) for line in data["lines"]], confidence=float(data["confidence"]))
    except (OSError, ValueError, KeyError, TypeError, EOFError):
        return None


def _store(entry: Path | None, page: OcrPage) -> None:
    if entry is None:
        return
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as raw, gzip.open(raw, "wt", encoding="utf-8") as fh:
            json.dump(asdict(page), fh, ensure_ascii=False)
        os.replace(tmp, entry)
    except OSError:
        pass  # a cache that cannot be written only costs time
