"""PDF reader (pypdf). Malformed input is the normal case: every failure becomes a
DocumentError that says what to do.

The text comes from pypdf's plain extraction with a visitor that hands us each piece of text
with its position and font. We assemble the lines ourselves: pieces on one baseline form a row
(label and value of a letterhead field, table cells), rows are read top to bottom, a vertical
gap larger than the page's line pitch starts a paragraph, and a row set wholly in a bold or
italic font says so (a heading, a quoted advice). This is faster than pypdf's layout mode and
keeps the type style that layout mode throws away.
"""

from __future__ import annotations

import logging
import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path

from assistant.errors import CorruptDocument, EncryptedDocument, NoTextLayer
from assistant.parse import ocr as ocr_engine
from assistant.parse.lines import Line, RawDocument

# A page with fewer words than this has no usable text layer (a scan).
_MIN_WORDS_PER_PAGE = 5
# A page OCR read with a mean word confidence below this (0-100) is named in the warning.
_UNSURE_OCR = 70
# Pieces whose baselines differ by less than this share of the font size stand on one row
# (a raised footnote mark, a value beside its label).
_SAME_ROW = 0.6
# A gap between rows this many times the page's usual line pitch starts a paragraph.
_PARAGRAPH_GAP = 1.3
# A row is bold (or italic) when this share of its letters is.
_STYLED_SHARE = 0.8
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi|,b\b|-b\b", re.IGNORECASE)
_ITALIC_FONT = re.compile(r"italic|oblique|,i\b|-i\b", re.IGNORECASE)


def read_pdf(path: str | Path, *, ocr: bool = True, ocr_cache: Path | None = None,
             defer_ocr: bool = False) -> RawDocument:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError, PyPdfError

    from assistant.parse import pdf_content

    pdf_content.install()

    # pypdf logs every repaired cross-reference; it recovered, so the user need not know.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(str(path), strict=False)
        if reader.is_encrypted:
            # Many PDFs are "encrypted" with an empty user password (only editing is locked).
            try:
                if not reader.decrypt(""):
                    raise EncryptedDocument(path)
            except (FileNotDecryptedError, NotImplementedError, DependencyError) as exc:
                raise EncryptedDocument(path) from exc
        with pdf_content.fonts_read_once():
            pages = [page_rows(page) for page in reader.pages]
        heights = [_height(page) for page in reader.pages]
        properties = _properties(reader)
    except (EncryptedDocument,):
        raise
    except FileNotDecryptedError as exc:
        raise EncryptedDocument(path) from exc
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            RecursionError, OSError, ZeroDivisionError) as exc:
        raise CorruptDocument(path, f"het PDF-bestand is beschadigd en kan niet worden gelezen ({type(exc).__name__}); "
                              "sla het opnieuw op als PDF of vraag de afzender om een nieuw exemplaar") from exc

    if not pages:
        raise CorruptDocument(path, "het PDF-bestand bevat geen pagina's")
    warnings: list[str] = []
    use_ocr = ocr and ocr_engine.available()
    wanted = _ocr_wanted(pages) if use_ocr else []
    if wanted and defer_ocr:
        raise ocr_engine.OcrDeferred(path, len(wanted))
    read_by_ocr = _ocr(path, pages, wanted, heights, warnings, ocr_cache) if wanted else {}
    empty = [i + 1 for i, rows in enumerate(pages) if _words(rows) < _MIN_WORDS_PER_PAGE]
    if len(empty) == len(pages):
        raise NoTextLayer(path) if not use_ocr else NoTextLayer(
            path, "het PDF-bestand heeft geen tekstlaag (gescand document) en ook OCR vond op geen enkele pagina "
                  "tekst (een foto of tekening?); vraag de afzender om een leesbaar exemplaar")
    if empty:
        remedy = "ook OCR vond er geen tekst" if use_ocr else f"OCR is nodig: {ocr_engine.INSTALL_HINT}"
        warnings.append(
            f"{len(empty)} van {len(pages)} pagina's hebben geen tekstlaag (gescand): "
            f"{_page_list(empty)}; die pagina's zijn niet gelezen ({remedy})"
        )
    lines = [_lines(rows, page_no, height) for page_no, (rows, height) in enumerate(zip(pages, heights), start=1)]
    return RawDocument(format="pdf", pages=lines, warnings=warnings, properties=properties, ocr_pages=read_by_ocr)


def _words(rows: list[Row]) -> int:
    return sum(len(r.text.split()) for r in rows)


def _ocr_wanted(pages: list[list[Row]]) -> list[int]:
    """The pages (0-based) without a text layer, or with one that is no Dutch text."""
    return [i for i, rows in enumerate(pages)
            if _words(rows) < _MIN_WORDS_PER_PAGE or ocr_engine.poor_text_layer(" ".join(r.text for r in rows))]


def _ocr(path: str | Path, pages: list[list[Row]], wanted: list[int], heights: list[float], warnings: list[str],
         cache: Path | None) -> dict[int, float]:
    """OCR, in place, the ``wanted`` pages (0-based: see ``_ocr_wanted``); returns the pages read
    so, with their confidence."""
    try:
        found = ocr_engine.read_pages(path, [(i + 1, heights[i] or 842.0) for i in wanted], cache=cache)
    except (OSError, RuntimeError, ValueError) as exc:
        warnings.append(f"OCR van {len(wanted)} pagina's is mislukt ({exc}); die pagina's zijn niet gelezen")
        return {}
    read: dict[int, float] = {}
    for page_no, page in sorted(found.items()):
        if page.words < _MIN_WORDS_PER_PAGE and _words(pages[page_no - 1]) >= _MIN_WORDS_PER_PAGE:
            continue  # OCR found less than the (poor) text layer had
        # Lines on one baseline (a letterhead label and its value, table cells) join as in a text layer.
        pages[page_no - 1] = _merge_rows([Row(text=ocr_engine.repair_digits(line.text), x=line.x, y=line.y,
                                              size=line.size) for line in page.lines])
        if page.words >= _MIN_WORDS_PER_PAGE:
            read[page_no] = page.confidence
    if read:
        mean = sum(read.values()) / len(read)
        unsure = [p for p, conf in read.items() if conf < _UNSURE_OCR]
        warnings.append(f"{len(read)} van {len(pages)} pagina's gelezen met OCR ({_page_list(sorted(read))}; "
                        f"gemiddelde zekerheid {mean:.0f} %): controleer data en bedragen in de bron"
                        + (f"; onzeker gelezen: {_page_list(unsure)}" if unsure else ""))
    return read


@dataclass
class _Piece:
    text: str
    x: float
    y: float
    size: float
    font: str


@dataclass
class Row:
    """The text on one baseline of a page, with its position and type style."""

    text: str
    x: float
    y: float
    size: float
    bold: bool = False
    italic: bool = False
    pieces: list[_Piece] = field(default_factory=list, repr=False)
    # Where each part of a merged row starts (x) and its text: the cells of a table row.
    cells: list[tuple[float, str]] = field(default_factory=list)


def page_rows(page) -> list[Row]:
    """The rows of a page, top to bottom, from pypdf's plain extraction with a visitor."""
    pieces: list[_Piece] = []
    lines: list[list[_Piece]] = [[]]

    def visit(text: str, cm, tm, font, size) -> None:
        if not text:
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = (abs(tm[3] * cm[3]) + abs(tm[2] * cm[2])) or abs(tm[0] * cm[0]) or 1.0
        name = str((font or {}).get("/BaseFont", "")) if hasattr(font, "get") else ""
        parts = text.split("\n")
        for n, part in enumerate(parts):
            if part:
                lines[-1].append(_Piece(part, x, y, float(size or 0) * scale, name))
            if n < len(parts) - 1:
                lines.append([])

    page.extract_text(visitor_text=visit)
    rows: list[Row] = []
    for line in lines:
        text = "".join(p.text for p in line).strip()
        if not text:
            continue
        first = next(p for p in line if p.text.strip())
        rows.append(Row(text=text, x=first.x, y=first.y, size=max(p.size for p in line), pieces=line))
    rows = _merge_rows(rows)
    for row in rows:
        row.bold, row.italic = _style(row.pieces)
    return rows


def _merge_rows(rows: list[Row]) -> list[Row]:
    """Rows on one baseline become one, left to right, with a wide gap ("   ") between them:
    the label and value of a field, the cells of a table, a margin column beside the body."""
    clusters: list[list[Row]] = []
    for row in sorted(rows, key=lambda r: -r.y):
        last = clusters[-1] if clusters else None
        if last is not None and abs(last[0].y - row.y) < _SAME_ROW * max(last[0].size, row.size, 1.0):
            last.append(row)
        else:
            clusters.append([row])
    merged = []
    for cluster in clusters:
        cluster.sort(key=lambda r: r.x)
        first = cluster[0]
        merged.append(Row(text="   ".join(r.text for r in cluster), x=first.x, y=max(r.y for r in cluster),
                          size=max(r.size for r in cluster), pieces=[p for r in cluster for p in r.pieces],
                          cells=[(r.x, r.text) for r in cluster]))
    return merged


# Cells of two rows stand in one column when their left edges are this close (pt).
_COLUMN_SLACK = 4.0


def _table_rows(rows: list[Row]) -> set[int]:
    """Indexes of rows that form a table: a run of consecutive rows with the same number of
    cells whose left edges line up; two rows of three cells or more, or three rows of two (a
    label and its value; fewer, like the two columns of a signature, read as lines). Two-cell
    rows count only with a short first cell, so a body line beside a margin note is no table."""
    def cellular(row: Row) -> bool:
        if _LIST_MARKER.match(row.cells[0][1].strip()):
            return False  # "1." or a bullet beside its text: a list item, not a table row
        return len(row.cells) >= 3 or (len(row.cells) == 2 and len(row.cells[0][1].split()) <= 6)

    def aligned(a: Row, b: Row) -> bool:
        return len(a.cells) == len(b.cells) and all(abs(x - y) <= _COLUMN_SLACK
                                                    for (x, _), (y, _) in zip(a.cells, b.cells))

    found: set[int] = set()
    start = 0
    for i in range(1, len(rows) + 1):
        if i < len(rows) and cellular(rows[i]) and cellular(rows[i - 1]) and aligned(rows[i - 1], rows[i]):
            continue
        run = range(start, i)
        if len(run) >= 2 and cellular(rows[start]) and (len(rows[start].cells) >= 3 or len(run) >= 3):
            found.update(run)
        start = i
    return found


def _style(pieces: list[_Piece]) -> tuple[bool, bool]:
    letters = sum(len(p.text.strip()) for p in pieces) or 1
    bold = sum(len(p.text.strip()) for p in pieces if _BOLD_FONT.search(p.font))
    italic = sum(len(p.text.strip()) for p in pieces if _ITALIC_FONT.search(p.font))
    return bold / letters >= _STYLED_SHARE, italic / letters >= _STYLED_SHARE


_MARGIN_NUMBER = re.compile(r"^\d{1,3}[a-z]?$")
# A list label or bullet set apart from its text: "1.", "a)", "(b)", "•", "–".
_LIST_MARKER = re.compile(r"^(?:\(?[0-9]{1,2}[.)]|\(?[a-z][.)]|[•·▪◦●○■□➢►\-–*])$")


def _height(page) -> float:
    try:
        return float(page.mediabox.height)
    except (AttributeError, TypeError, ValueError, KeyError):
        return 0.0


# The foot of a page: rows in its lowest fifth, below a gap of this many line pitches.
_FOOT_ZONE = 0.2
_FOOT_GAP = 2.5


# Footnotes are set smaller than the text: rows at the bottom below this share of its size,
# above a page footer in the lowest part of the page.
_FOOT_SIZE = 0.9
_FOOTER_ZONE = 0.12


def _foot_start(rows: list[Row], pitch: float, height: float) -> int:
    """Index of the first row of the page's foot (footnotes, a colophon), len(rows) if none:
    rows in the lower half set in a smaller type than the page's text and below all of it (a
    page footer under them included), or rows in the lowest fifth below a wide gap."""
    if not rows or not height:
        return len(rows)
    body = _body_size(rows)
    i = len(rows) - 1
    while i > 0 and rows[i].y < _FOOTER_ZONE * height:
        i -= 1  # the page footer, whatever its size
    start = len(rows)
    while i > 0 and rows[i].y < 0.5 * height and rows[i].size < _FOOT_SIZE * body:
        start, i = i, i - 1
    if start < len(rows):
        return start
    if pitch:
        for i in range(len(rows) - 1, 0, -1):
            if rows[i].y > _FOOT_ZONE * height:
                break
            if rows[i - 1].y - rows[i].y > _FOOT_GAP * pitch:
                return i
    return len(rows)


def _body_size(rows: list[Row]) -> float:
    """The type size most of the page's letters are set in."""
    weights: dict[float, int] = {}
    for row in rows:
        weights[round(row.size, 1)] = weights.get(round(row.size, 1), 0) + len(row.text)
    return max(weights, key=weights.get) if weights else 0.0


def _lines(rows: list[Row], page_no: int, height: float = 0.0) -> list[Line]:
    """Rows as Lines; a gap wider than the usual line pitch, or a change of font size or style
    between a heading and its text, starts a paragraph."""
    pitch = _line_pitch(rows)
    table = _table_rows(rows)
    foot = _foot_start(rows, pitch, height)
    lines: list[Line] = []
    previous: Row | None = None
    for index, row in enumerate(rows):
        if index in table:
            lines.append(Line(text=" | ".join(" ".join(text.split()) for _, text in row.cells), page=page_no,
                              new_paragraph=True, whole=True, hint="table", bold=row.bold, size=round(row.size, 1)))
            previous = row
            continue
        new = previous is None
        if previous is not None:
            gap = previous.y - row.y
            bigger = max(row.size, previous.size)
            new = (gap > _PARAGRAPH_GAP * pitch if pitch else gap > 1.8 * bigger) or gap < 0
            new = new or abs(row.size - previous.size) > 1.5 or row.bold != previous.bold
        cleaned = re.sub(r" {3,}", "   ", row.text.strip())
        if len(row.cells) >= 2 and _MARGIN_NUMBER.match(row.cells[0][1].strip()):
            # A number in the margin beside the first line numbers the paragraph: "7   De leden ..."
            cleaned = f"{row.cells[0][1].strip()}. " + "   ".join(text for _, text in row.cells[1:]).strip()
        elif len(row.cells) >= 2 and _LIST_MARKER.match(row.cells[0][1].strip()):
            cleaned = f"{row.cells[0][1].strip()} " + "   ".join(text for _, text in row.cells[1:]).strip()
        lines.append(Line(text=cleaned, page=page_no, new_paragraph=new or index == foot, bold=row.bold,
                          italic=row.italic, size=round(row.size, 1), foot=index >= foot))
        previous = row
    return lines


def _line_pitch(rows: list[Row]) -> float:
    """The usual distance between the baselines of two lines of one paragraph on this page."""
    gaps = [a.y - b.y for a, b in zip(rows, rows[1:]) if 0 < a.y - b.y < 2.5 * max(a.size, b.size, 1.0)]
    return statistics.median(gaps) if gaps else 0.0


def _properties(reader) -> dict[str, str]:
    meta = reader.metadata or {}
    props = {}
    for key, name in (("/Title", "title"), ("/Author", "author"), ("/Subject", "subject")):
        value = meta.get(key)
        if value and str(value).strip():
            props[name] = str(value).strip()
    return props


def _page_list(pages: list[int]) -> str:
    shown = ", ".join(str(p) for p in pages[:10])
    return shown + (" ..." if len(pages) > 10 else "")
