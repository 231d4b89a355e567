"""Render the sample letters in ``corpus/src/`` to real-looking PDF and DOCX files.

The sources are small text files (format in ``corpus/README.md``); each renders to
``corpus/<name>.pdf`` and/or ``corpus/<name>.docx``. Run ``python corpus/render.py`` to
regenerate everything; the output is byte-for-byte deterministic for a given
reportlab / python-docx / pyphen version.

The PDF is drawn line by line on a reportlab canvas (no Platypus), so that line
breaks, hyphenation and the running header/footer are exactly what a parser will meet
in a municipal letter exported from Word: a letterhead on page 1, label/value field
rows, "ver-" / "sterking" hyphens at line ends, and "Pagina N van M" on every page.
"""

from __future__ import annotations

import datetime as _dt
import io
import json
import re
import sys
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parent
SRC_DIR = CORPUS_DIR / "src"

RIJNWAARDE_ADDRESS: tuple[str, ...] = (
    "Raadhuisplein 1",
    "4101 AB Rijnwaarde",
    "Postbus 1200",
    "4100 AE Rijnwaarde",
    "Telefoon 14 0399",
    "www.rijnwaarde.nl",
)


@dataclass
class Letter:
    """One letter: letterhead, field rows, body paragraphs, closing and signature.

    Body paragraphs are plain strings; their first characters say what they are:
    ``"# "`` heading, ``"> "`` quoted (italic) paragraph, ``"1. "`` numbered point,
    ``"- "`` bullet, and a string of ``"|"``-rows joined by newlines is a table.
    Signature lines may hold two columns separated by ``" | "``.
    """

    sender: str = "Gemeente Rijnwaarde"
    sender_address: list[str] = field(default_factory=lambda: list(RIJNWAARDE_ADDRESS))
    addressee: list[str] = field(default_factory=list)
    date: str = ""
    kenmerk: str = ""
    onderwerp: str = ""
    # Further label/value rows, shown between "Ons kenmerk" and "Onderwerp".
    fields: list[tuple[str, str]] = field(default_factory=list)
    salutation: str = ""
    paragraphs: list[str] = field(default_factory=list)
    closing: str = ""
    signature: list[str] = field(default_factory=list)
    # Header on pages >= 2; empty means "<sender> – <onderwerp>".
    running_header: str = ""
    # Left part of the footer; "Pagina N van M" is always added on the right.
    footer: str = ""
    outputs: tuple[str, ...] = ("pdf", "docx")
    # DOCX only: "1." points become a real Word numbered list (numPr) instead of text.
    word_numbering: bool = False

    def field_rows(self) -> list[tuple[str, str]]:
        rows = [("Datum", self.date), ("Ons kenmerk", self.kenmerk), *self.fields, ("Onderwerp", self.onderwerp)]
        return [(label, value) for label, value in rows if value]

    def header_text(self) -> str:
        if self.running_header:
            return self.running_header
        return " – ".join(part for part in (self.sender, self.onderwerp) if part)


# --------------------------------------------------------------------------- sources

# Header keys of a source file that are not field rows; every other key ("Datum",
# "Ons kenmerk", "Uw kenmerk", "Bijlage(n)", ...) is a label/value row in file order.
_REPEATED_KEYS = {"sender_address", "addressee", "signature"}
_SINGLE_KEYS = {"sender", "salutation", "closing", "header", "footer", "outputs", "numbering"}


def join_lines(lines: list[str]) -> str:
    """Join the wrapped lines of one paragraph with spaces.

    A line ending in a hyphen after a letter ("Delft-" / "West") is joined without a
    space: in the sources and the seed text such a hyphen belongs to the word. The
    exception is a suspended hyphen before "en"/"of" ("zorg-" / "en welzijn").
    """
    out = ""
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            continue
        if not out:
            out = line
        elif re.search(r"[^\W\d_]-$", out) and not re.match(r"(en|of|tot|and)\b", line):
            out += line
        else:
            out += " " + line
    return out


# A line that opens a numbered point or a bullet starts a new paragraph even without
# a blank line before it ("... per adviespunt een reactie uiteen:" / "1. Het ...").
_ITEM_START = re.compile(r"^\s*(?:\d{1,2}[.)]|[-•])\s+\S")


def _split_paragraphs(body: str) -> list[str]:
    paragraphs: list[str] = []
    for block in re.split(r"\n[ \t\u00a0]*\n", body.replace("\r\n", "\n")):
        lines = [line for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if all(line.lstrip().startswith("|") for line in lines):
            paragraphs.append("\n".join(line.strip() for line in lines))
            continue
        group: list[str] = []
        for line in lines:
            if group and _ITEM_START.match(line):
                paragraphs.append(join_lines(group))
                group = []
            group.append(line)
        paragraphs.append(join_lines(group))
    return paragraphs


def load_letter(path: str | Path) -> Letter:
    """Read a ``.letter`` source file: ``key: value`` header lines, ``---``, body."""
    text = Path(path).read_text(encoding="utf-8")
    head, sep, body = text.partition("\n---\n")
    if not sep:
        raise ValueError(f"{path}: no '---' line between header and body")
    letter = Letter(sender_address=[])
    for number, line in enumerate(head.splitlines(), start=1):
        if not line.strip():
            continue
        key, colon, value = line.partition(":")
        key, value = key.strip(), value.strip()
        if not colon:
            raise ValueError(f"{path}:{number}: expected 'key: value', got {line!r}")
        if key in _REPEATED_KEYS:
            getattr(letter, key).append(value)
        elif key not in _SINGLE_KEYS and not key[0].isupper():
            raise ValueError(f"{path}:{number}: unknown key {key!r}")
        elif key == "sender":
            letter.sender = value
        elif key in ("salutation", "closing", "footer"):
            setattr(letter, key, value)
        elif key == "header":
            letter.running_header = value
        elif key == "outputs":
            letter.outputs = tuple(part.strip() for part in value.split(",") if part.strip())
        elif key == "numbering":
            letter.word_numbering = value == "word"
        elif key == "Datum":
            letter.date = value
        elif key == "Ons kenmerk":
            letter.kenmerk = value
        elif key == "Onderwerp":
            letter.onderwerp = value
        else:
            letter.fields.append((key, value))
    letter.paragraphs = _split_paragraphs(body)
    return letter


def letter_from_plain_text(text: str, **fields) -> Letter:
    """Build a Letter from a plain-text body plus any Letter field as keyword.

    Paragraphs are separated by blank (or whitespace-only) lines; the wrapped lines
    inside a paragraph are joined with spaces. Fields left out keep the Letter
    defaults (Gemeente Rijnwaarde letterhead, running header "<sender> – <onderwerp>").
    """
    return Letter(paragraphs=_split_paragraphs(text), **fields)


_POINT = re.compile(r"^(\d{1,2})[.)]\s+")


def classify(paragraph: str) -> tuple[str, str, str]:
    """Return (kind, marker, text) for a body paragraph: kind is one of heading,
    bold (a paragraph set in bold, not in a heading style), quote, point, bullet, table, paragraph.

    Bullets are drawn as an en dash: reportlab encodes "•" in Helvetica as byte 0x7F,
    which pypdf extracts as "\x7f" (pdftotext does give "•").
    """
    if paragraph.startswith("|"):
        return "table", "", paragraph
    if paragraph.startswith("# "):
        return "heading", "", paragraph[2:]
    if paragraph.startswith("** "):
        return "bold", "", paragraph[3:]
    if paragraph.startswith("> "):
        return "quote", "", paragraph[2:]
    if paragraph.startswith(("- ", "• ")):
        return "bullet", "–", paragraph[2:]
    match = _POINT.match(paragraph)
    if match:
        return "point", match.group(1) + ".", paragraph[match.end():]
    return "paragraph", "", paragraph


def table_rows(paragraph: str) -> list[list[str]]:
    return [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in paragraph.split("\n")]


# --------------------------------------------------------------------------- PDF

PAGE_W, PAGE_H = 595.2756, 841.8898  # A4 in points
LEFT = 72.0
RIGHT = PAGE_W - 68.0
TEXT_W = RIGHT - LEFT
BODY_TOP = PAGE_H - 82.0  # first body baseline on pages >= 2
BODY_BOTTOM = 72.0  # no body baseline below this
FONT, BOLD, ITALIC = "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"
SIZE = 10.0
LEADING = 14.0
PARA_GAP = 8.0
INDENT = 22.0
# Only hyphenate when the line would otherwise end this far short of the margin
# (Word's "hyphenation zone" idea: hyphens where they help, not everywhere).
HYPHEN_ZONE = 30.0
GREY = (0.35, 0.35, 0.35)
BLUE = (0.09, 0.25, 0.45)


@dataclass
class _Line:
    text: str
    x: float
    font: str = FONT
    size: float = SIZE
    end: str = ""  # "soft": we hyphenated here; "hard": the text has a hyphen here
    advance: float = LEADING  # vertical distance to the next line
    marker: bool = False  # the "1." or bullet beside a point, not body text


@lru_cache(maxsize=1)
def _hyphenator():
    try:
        import pyphen
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("render_pdf(hyphenate=True) needs pyphen: pip install pyphen") from exc
    return pyphen.Pyphen(lang="nl_NL", left=2, right=3)


def _width(text: str, font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text.replace("\u00a0", " "), font, size)


_WORD_CORE = re.compile(r"^([(\[‘'\"“]*)(.*?)([)\].,;:!?’'\"”]*)$")


def _break_options(token: str, hyphenate: bool) -> list[tuple[str, str, str]]:
    """Ways to break a token at a line end: (head, tail, kind), longest head first."""
    lead, core, trail = _WORD_CORE.match(token).groups()
    if len(core) < 6 or not re.fullmatch(r"[^\W\d_]+(?:-[^\W\d_]+)*", core):
        return []
    options: list[tuple[str, str, str]] = []
    offset = 0
    for segment in core.split("-"):
        start = len(lead) + offset
        if hyphenate and len(segment) >= 6 and not segment.isupper():
            for pos in _hyphenator().positions(segment):
                # Breaking before a diaeresis would call for dropping it ("cli-ent");
                # rather than do that, skip points before an accented vowel.
                if segment[pos] in "ëïüöäéèÉ":
                    continue
                cut = start + pos
                options.append((token[:cut] + "-", token[cut:], "soft"))
        offset += len(segment) + 1
        cut = len(lead) + offset
        # A real hyphen between two words of two or more letters: break after it.
        if offset < len(core) and len(segment) >= 2 and len(core) - offset >= 2:
            options.append((token[:cut], token[cut:], "hard"))
    return sorted(options, key=lambda option: len(option[0]), reverse=True)


def _tokens(text: str) -> list[str]:
    # Keep "€ 80.000" together: a euro sign never ends a line.
    # (str.split() would also split at the no-break space, so split on plain blanks.)
    return [token for token in re.split(r"[ \t\n]+", text.replace("€ ", "€\u00a0")) if token]


def wrap(text: str, width: float, font: str = FONT, size: float = SIZE, *, hyphenate: bool = True) -> list[tuple[str, str]]:
    """Greedy line breaking with Dutch hyphenation; returns (line, end) pairs where
    end is "soft" (hyphen added here), "hard" (the line ends in a real hyphen) or ""."""
    space = _width(" ", font, size)
    lines: list[tuple[str, str]] = []
    current: list[str] = []
    used = 0.0
    words = _tokens(text)
    i = 0
    while i < len(words):
        word = words[i]
        need = _width(word, font, size) + (space if current else 0.0)
        if used + need <= width:
            current.append(word)
            used += need
            i += 1
            continue
        room = width - used - (space if current else 0.0)
        options = _break_options(word, hyphenate)
        if current and room <= HYPHEN_ZONE:
            # A real hyphen is always a break opportunity (as in Word); adding one is not.
            options = [option for option in options if option[2] == "hard"]
        if options or not current:
            for head, tail, kind in options:
                if _width(head, font, size) <= room:
                    current.append(head)
                    lines.append((" ".join(current), kind))
                    current, used = [], 0.0
                    words[i] = tail
                    break
            else:
                if not current:  # a single token wider than the line: let it overflow
                    current.append(word)
                    i += 1
                lines.append((" ".join(current), "hard" if current[-1].endswith("-") else ""))
                current, used = [], 0.0
            continue
        lines.append((" ".join(current), "hard" if current[-1].endswith("-") else ""))
        current, used = [], 0.0
    if current:
        lines.append((" ".join(current), ""))
    return [(line.replace("\u00a0", " "), end) for line, end in lines]


@dataclass
class _Block:
    """A run of lines that the page filler places together (or splits)."""

    lines: list[_Line]
    space_before: float = 0.0
    keep_together: bool = False
    keep_with_next: bool = False
    markers: list[_Line] = field(default_factory=list)  # drawn beside the first line
    table: list[list[str]] | None = None


def _text_block(text: str, x: float, width: float, font: str, hyphenate: bool) -> list[_Line]:
    return [_Line(line, x, font, SIZE, end) for line, end in wrap(text, width, font, SIZE, hyphenate=hyphenate)]


def _body_blocks(letter: Letter, hyphenate: bool, heading_gap: bool = True) -> list[_Block]:
    blocks: list[_Block] = []
    if letter.salutation:
        blocks.append(_Block([_Line(letter.salutation, LEFT)], keep_with_next=True))
    after_heading = False
    for paragraph in letter.paragraphs:
        kind, marker, text = classify(paragraph)
        gap = PARA_GAP if blocks else 0.0
        if after_heading and not heading_gap:
            gap = 0.0  # the text stands directly under its heading, as in a plain letter
        after_heading = kind in ("heading", "bold")
        if kind in ("heading", "bold"):
            lines = _text_block(text, LEFT, TEXT_W, BOLD, False)
            lines[-1].advance = LEADING - (1 if heading_gap else 0)
            extra = 6 if kind == "heading" else 0
            blocks.append(_Block(lines, gap + extra, keep_together=True, keep_with_next=True))
        elif kind == "quote":  # a quoted advice point stays with the answer below it
            blocks.append(_Block(_text_block(text, LEFT + INDENT, TEXT_W - INDENT, ITALIC, hyphenate), gap,
                                 keep_together=True, keep_with_next=True))
        elif kind in ("point", "bullet"):
            x = LEFT + (0 if kind == "point" else 6)
            blocks.append(_Block(_text_block(text, LEFT + INDENT, TEXT_W - INDENT, FONT, hyphenate), gap,
                                 markers=[_Line(marker, x, marker=True)]))
        elif kind == "table":
            blocks.append(_Block([], gap + 4, keep_together=True, table=table_rows(text)))
        else:
            blocks.append(_Block(_text_block(text, LEFT, TEXT_W, FONT, hyphenate), gap))
    closing: list[_Line] = []
    if letter.closing:
        closing.append(_Line(letter.closing, LEFT, advance=LEADING * 3.2))
    for line in letter.signature:
        left, _, right = line.partition(" | ")
        closing.append(_Line(left, LEFT, advance=0.0 if right else LEADING))
        if right:
            closing.append(_Line(right, LEFT + 240))
    if closing:
        blocks.append(_Block(closing, PARA_GAP * 2, keep_together=True))
    return blocks


_TABLE_PAD = 4.0


def _table_layout(rows: list[list[str]]) -> tuple[list[float], list[list[list[str]]], list[float]]:
    ncols = max(len(row) for row in rows)
    natural = [max(_width(row[c], BOLD, 9) if c < len(row) else 0 for row in rows) + 2 * _TABLE_PAD + 10
               for c in range(ncols)]
    # Give the first column what the others do not need.
    widths = natural[:]
    widths[0] = max(TEXT_W - sum(natural[1:]), TEXT_W * 0.4)
    scale = TEXT_W / sum(widths)
    widths = [w * scale for w in widths]
    cells = [[[line for line, _ in wrap(row[c] if c < len(row) else "", widths[c] - 2 * _TABLE_PAD,
                                        BOLD if r == 0 else FONT, 9, hyphenate=False)]
              for c in range(ncols)] for r, row in enumerate(rows)]
    heights = [max(len(cell) for cell in row) * 11.5 + 2 * _TABLE_PAD + 2 for row in cells]
    return widths, cells, heights


def _block_height(block: _Block) -> float:
    if block.table is not None:
        return sum(_table_layout(block.table)[2])
    return sum(line.advance for line in block.lines[:-1]) + LEADING


@dataclass
class _Op:
    kind: str  # "text" or "table"
    item: _Line | list[list[str]]
    y: float
    block: int  # index into the block list, to move a block's lines as a group


def _layout(letter: Letter, hyphenate: bool, first_body_y: float, heading_gap: bool = True) -> list[list[_Op]]:
    """Place the body blocks on pages; return the draw operations per page."""
    pages: list[list[_Op]] = [[]]
    y = first_body_y
    blocks = _body_blocks(letter, hyphenate, heading_gap)
    for index, block in enumerate(blocks):
        if y < BODY_TOP:  # not at the top of a fresh page
            y -= block.space_before
        need = _block_height(block)
        if block.keep_with_next and index + 1 < len(blocks):
            need += blocks[index + 1].space_before + 2 * LEADING
        if (block.keep_together or block.keep_with_next) and y - need + LEADING < BODY_BOTTOM and y < BODY_TOP:
            pages.append(_pull_along(pages[-1], blocks, index))
            y = pages[-1][-1].y - LEADING - block.space_before if pages[-1] else BODY_TOP
        if block.table is not None:
            pages[-1].append(_Op("table", block.table, y + SIZE, index))
            y -= need + LEADING * 0.2
            continue
        lines = block.lines
        first = True
        while lines:
            fit = 0
            depth = 0.0
            while fit < len(lines) and y - depth >= BODY_BOTTOM:
                depth += lines[fit].advance
                fit += 1
            if fit < len(lines):
                if fit == 1 and len(lines) > 1:  # no orphan line at the page bottom
                    fit = 0
                elif len(lines) - fit == 1 and fit > 2:  # no widow line at the top
                    fit -= 1
            for line in lines[:fit]:
                if first:
                    pages[-1].extend(_Op("text", marker, y, index) for marker in block.markers)
                    first = False
                pages[-1].append(_Op("text", line, y, index))
                y -= line.advance
            lines = lines[fit:]
            if lines:
                pages.append([])
                y = BODY_TOP
    return pages


def _pull_along(page: list[_Op], blocks: list[_Block], index: int) -> list[_Op]:
    """Start a new page for blocks[index]; the signature block takes the last lines
    of the paragraph before it along (a page with only "Hoogachtend," looks wrong)."""
    if index != len(blocks) - 1 or not page or page[-1].block != index - 1 or blocks[index - 1].table is not None:
        return []
    previous = [op for op in page if op.block == index - 1]
    moving = previous if len(previous) <= 3 else previous[-2:]
    if moving is previous and index >= 2 and blocks[index - 2].keep_with_next:
        moving = [op for op in page if op.block == index - 2] + moving
    del page[len(page) - len(moving):]
    shift = BODY_TOP - moving[0].y
    return [_Op(op.kind, op.item, op.y + shift, op.block) for op in moving]


def _draw_letterhead(c, letter: Letter) -> float:
    """Draw page 1's letterhead, addressee and field rows; return the first body baseline."""
    top = PAGE_H - 58
    # A small emblem: a shield with three waves (the river in "Rijnwaarde").
    c.setFillColorRGB(*BLUE)
    c.roundRect(LEFT, top - 16, 30, 34, 4, stroke=0, fill=1)
    c.setStrokeColorRGB(1, 1, 1)
    c.setLineWidth(1.6)
    for k in range(3):
        path = c.beginPath()
        base = top - 6 + k * 8
        path.moveTo(LEFT + 5, base)
        path.curveTo(LEFT + 10, base + 4, LEFT + 14, base - 4, LEFT + 19, base)
        path.curveTo(LEFT + 22, base + 3, LEFT + 24, base - 2, LEFT + 26, base)
        c.drawPath(path, stroke=1, fill=0)
    c.setFillColorRGB(*BLUE)
    name_lines = _split_name(letter.sender)
    c.setFont(BOLD, 15 if len(name_lines) == 1 else 12.5)
    for k, part in enumerate(name_lines):
        c.drawString(LEFT + 40, top + 6 - k * 15 - (0 if len(name_lines) > 1 else 6), part)
    c.setFillColorRGB(*GREY)
    c.setFont(FONT, 8)
    for k, line in enumerate(letter.sender_address):
        c.drawString(PAGE_W - 68 - 118, top + 12 - k * 10.5, line)
    c.setFillColorRGB(0, 0, 0)

    y = PAGE_H - 158
    postbus = [i for i, line in enumerate(letter.sender_address) if line.lower().startswith("postbus")]
    if postbus and postbus[0] + 1 < len(letter.sender_address):
        i = postbus[0]
        c.setFillColorRGB(*GREY)
        c.setFont(FONT, 6.5)
        c.drawString(LEFT, y + 16, f"Retouradres {letter.sender_address[i]}, {letter.sender_address[i + 1]}")
        c.setFillColorRGB(0, 0, 0)
    c.setFont(FONT, SIZE)
    for line in letter.addressee:
        c.drawString(LEFT, y, line)
        y -= 13
    y = min(y, PAGE_H - 250) - 14
    label_w = 92.0
    for label, value in letter.field_rows():
        c.setFillColorRGB(*GREY)
        c.setFont(FONT, 8)
        c.drawString(LEFT, y, label)
        c.setFillColorRGB(0, 0, 0)
        font = BOLD if label == "Onderwerp" else FONT
        for line, _ in wrap(value, TEXT_W - label_w, font, SIZE, hyphenate=False):
            c.setFont(font, SIZE)
            c.drawString(LEFT + label_w, y, line)
            y -= 13
        y -= 2
    return y - 22


def _split_name(name: str) -> list[str]:
    """Long sender names go on two lines in the letterhead."""
    if _width(name, BOLD, 15) < 270:
        return [name]
    words = name.split()
    cut = max(k for k in range(1, len(words)) if _width(" ".join(words[:k]), BOLD, 12.5) < 230)
    return [" ".join(words[:cut]), " ".join(words[cut:])]


def _draw_table(c, rows: list[list[str]], top: float) -> None:
    widths, cells, heights = _table_layout(rows)
    y = top
    c.setLineWidth(0.5)
    c.setStrokeColorRGB(0.45, 0.45, 0.45)
    for r, row in enumerate(cells):
        h = heights[r]
        if r == 0:
            c.setFillColorRGB(0.88, 0.91, 0.95)
            c.rect(LEFT, y - h, TEXT_W, h, stroke=0, fill=1)
            c.setFillColorRGB(0, 0, 0)
        x = LEFT
        for col, cell in enumerate(row):
            c.setFont(BOLD if r == 0 else FONT, 9)
            for k, line in enumerate(cell):
                c.drawString(x + _TABLE_PAD, y - _TABLE_PAD - 8.5 - k * 11.5, line)
            x += widths[col]
        c.line(LEFT, y, LEFT + TEXT_W, y)
        y -= h
    c.line(LEFT, y, LEFT + TEXT_W, y)
    x = LEFT
    for w in [0.0, *widths]:
        x += w
        c.line(x, top, x, y)


def _draw_header(c, letter: Letter) -> None:
    c.setFillColorRGB(*GREY)
    c.setFont(FONT, 8)
    c.drawString(LEFT, PAGE_H - 48, letter.header_text())
    c.setStrokeColorRGB(0.7, 0.7, 0.7)
    c.setLineWidth(0.5)
    c.line(LEFT, PAGE_H - 53, RIGHT, PAGE_H - 53)
    c.setFillColorRGB(0, 0, 0)


def _draw_footer(c, letter: Letter, number: int, total: int) -> None:
    c.setStrokeColorRGB(0.7, 0.7, 0.7)
    c.setLineWidth(0.5)
    c.line(LEFT, 50, RIGHT, 50)
    c.setFillColorRGB(*GREY)
    c.setFont(FONT, 8)
    if letter.footer:
        c.drawString(LEFT, 38, letter.footer)
    c.drawRightString(RIGHT, 38, f"Pagina {number} van {total}")
    c.setFillColorRGB(0, 0, 0)


def render_pdf(letter: Letter, out_path: str | Path, *, hyphenate: bool = True, heading_gap: bool = True) -> list[dict]:
    """Write the letter as an A4 PDF; return the line ends that carry a hyphen. Without
    ``heading_gap`` a heading stands on the line directly above its text.

    Each returned dict is ``{"page", "line_end", "next", "kind"}`` where kind is
    "soft" (hyphen added by the renderer: join without it) or "hard" (a real hyphen
    in the text: keep it).
    """
    from reportlab.pdfgen.canvas import Canvas

    c = Canvas(str(out_path), pagesize=(PAGE_W, PAGE_H), invariant=1, pageCompression=0)
    c.setTitle(letter.onderwerp or letter.header_text())
    c.setAuthor(letter.sender)
    c.setSubject(" ".join(part for part in (letter.kenmerk, letter.date) if part))
    c.setCreator("Adviesassistent corpus/render.py")

    first_body_y = _draw_letterhead(c, letter)
    pages = _layout(letter, hyphenate, first_body_y, heading_gap)
    breaks: list[dict] = []
    for number, page in enumerate(pages, start=1):
        if number > 1:
            _draw_header(c, letter)
        for op in page:
            if op.kind == "table":
                _draw_table(c, op.item, op.y)
                continue
            c.setFont(op.item.font, op.item.size)
            c.drawString(op.item.x, op.y, op.item.text)
        _draw_footer(c, letter, number, len(pages))
        c.showPage()
    c.save()

    text_lines = [(n, op.item) for n, page in enumerate(pages, start=1) for op in page
                  if op.kind == "text" and not op.item.marker]
    for (page, line), (_, following) in zip(text_lines, text_lines[1:]):
        if line.end:
            breaks.append({"page": page, "line_end": line.text.split()[-1], "next": following.text.split()[0],
                           "kind": line.end})
    return breaks


# --------------------------------------------------------------------------- DOCX

_FIXED_TIME = _dt.datetime(2024, 1, 1, 9, 0, 0, tzinfo=_dt.timezone.utc)
_ZIP_TIME = (2024, 1, 1, 0, 0, 0)


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)


def _el(tag: str, **attrs):
    from docx.oxml import OxmlElement

    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(_qn("w:" + key), str(value))
    return element


def _set_style_font(style, size: float, *, bold: bool | None = None, color=None) -> None:
    from docx.shared import Pt, RGBColor

    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(_qn("w:rFonts"))
    if fonts is not None:
        rpr.remove(fonts)  # drop theme fonts, which would win over an explicit name
    style.font.name = "Arial"
    style.font.size = Pt(size)
    if bold is not None:
        style.font.bold = bold
    style.font.color.rgb = RGBColor(*(color or (0, 0, 0)))


def _add_field(paragraph, instruction: str, cached: str) -> None:
    """Append a complex field (PAGE, NUMPAGES) with a cached result."""
    run = paragraph.add_run()
    run._r.append(_el("w:fldChar", fldCharType="begin"))
    run = paragraph.add_run()
    instr = _el("w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    run = paragraph.add_run()
    run._r.append(_el("w:fldChar", fldCharType="separate"))
    paragraph.add_run(cached)
    run = paragraph.add_run()
    run._r.append(_el("w:fldChar", fldCharType="end"))


def _fill_footer(footer, letter: Letter) -> None:
    paragraph = footer.paragraphs[0]
    paragraph.style = "Footer"
    if letter.footer:
        paragraph.add_run(letter.footer)
    paragraph.add_run("\tPagina ")
    _add_field(paragraph, "PAGE", "1")
    paragraph.add_run(" van ")
    _add_field(paragraph, "NUMPAGES", "1")


def _set_widths(table, widths) -> None:
    """Fixed column widths (Word and LibreOffice read tblGrid, not only the cells)."""
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = width
        for cell in column.cells:
            cell.width = width


def _no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = _el("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_el(f"w:{edge}", val="nil"))
    # Schema order matters to Word: tblBorders goes before shd/tblLayout/tblCellMar/tblLook.
    for successor in ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook"):
        element = tbl_pr.find(_qn(successor))
        if element is not None:
            element.addprevious(borders)
            return
    tbl_pr.append(borders)


class _WordLists:
    """Real Word numbering: one abstract "1." definition, one w:num per list."""

    ABSTRACT_ID = 90

    def __init__(self, document):
        self.numbering = document.part.numbering_part.element
        abstract = _el("w:abstractNum", abstractNumId=self.ABSTRACT_ID)
        abstract.append(_el("w:multiLevelType", val="singleLevel"))
        level = _el("w:lvl", ilvl=0)
        level.append(_el("w:start", val=1))
        level.append(_el("w:numFmt", val="decimal"))
        level.append(_el("w:lvlText", val="%1."))
        level.append(_el("w:lvlJc", val="left"))
        ppr = _el("w:pPr")
        ppr.append(_el("w:ind", left=400, hanging=400))
        level.append(ppr)
        abstract.append(level)
        first_num = self.numbering.find(_qn("w:num"))
        first_num.addprevious(abstract)
        self.next_id = 90
        self.current: int | None = None
        self.count = 0

    def number_for(self, value: int) -> int | None:
        """The numId for a point numbered ``value``, or None when Word could not show
        that number (the source skips or repeats one)."""
        if value == 1:
            self.next_id += 1
            num = _el("w:num", numId=self.next_id)
            num.append(_el("w:abstractNumId", val=self.ABSTRACT_ID))
            override = _el("w:lvlOverride", ilvl=0)
            override.append(_el("w:startOverride", val=1))
            num.append(override)
            self.numbering.append(num)
            self.current, self.count = self.next_id, 1
            return self.current
        if self.current is not None and value == self.count + 1:
            self.count = value
            return self.current
        return None


def render_docx(letter: Letter, out_path: str | Path) -> None:
    """Write the letter as an A4 Word document (deterministic bytes)."""
    import docx
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Mm, Pt, RGBColor

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(25), Mm(24)
    section.top_margin, section.bottom_margin = Mm(22), Mm(25)
    section.header_distance, section.footer_distance = Mm(12), Mm(12)
    section.different_first_page_header_footer = True

    styles = document.styles
    _set_style_font(styles["Normal"], 10)
    normal_rpr = styles["Normal"].element.get_or_add_rPr()
    normal_rpr.append(_el("w:lang", val="nl-NL"))
    styles["Normal"].paragraph_format.space_after = Pt(0)
    styles["Normal"].paragraph_format.line_spacing = 1.15
    for name in ("Heading 2",):
        _set_style_font(styles[name], 10, bold=True)
        styles[name].paragraph_format.space_before = Pt(10)
        styles[name].paragraph_format.space_after = Pt(2)
    for name in ("Header", "Footer"):
        _set_style_font(styles[name], 8, color=(0x59, 0x59, 0x59))
        # The template's centre/right tabs assume Letter paper; one right tab at the margin.
        styles[name].paragraph_format.tab_stops.clear_all()
        styles[name].paragraph_format.tab_stops.add_tab_stop(Mm(161), WD_TAB_ALIGNMENT.RIGHT)
    # Let Word hyphenate too (the DOCX text itself has no hyphens); schema order puts
    # autoHyphenation right after defaultTabStop.
    document.settings.element.find(_qn("w:defaultTabStop")).addnext(_el("w:autoHyphenation"))

    header = section.header.paragraphs[0]
    header.style = styles["Header"]
    header.add_run(letter.header_text())
    _fill_footer(section.footer, letter)
    _fill_footer(section.first_page_footer, letter)

    # Letterhead: sender name left, address right, in a borderless table.
    top = document.add_table(rows=1, cols=2)
    _no_borders(top)
    _set_widths(top, (Mm(112), Mm(49)))
    name_cell, address_cell = top.rows[0].cells
    run = name_cell.paragraphs[0].add_run(letter.sender)
    run.bold, run.font.size, run.font.color.rgb = True, Pt(15), RGBColor(0x17, 0x40, 0x73)
    for k, line in enumerate(letter.sender_address):
        paragraph = address_cell.paragraphs[0] if k == 0 else address_cell.add_paragraph()
        run = paragraph.add_run(line)
        run.font.size, run.font.color.rgb = Pt(8), RGBColor(0x59, 0x59, 0x59)

    postbus = [i for i, line in enumerate(letter.sender_address) if line.lower().startswith("postbus")]
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(24)
    paragraph.paragraph_format.space_after = Pt(4)
    if postbus and postbus[0] + 1 < len(letter.sender_address):
        i = postbus[0]
        run = paragraph.add_run(f"Retouradres {letter.sender_address[i]}, {letter.sender_address[i + 1]}")
        run.font.size, run.font.color.rgb = Pt(6.5), RGBColor(0x59, 0x59, 0x59)
    for line in letter.addressee:
        document.add_paragraph(line)
    document.add_paragraph().paragraph_format.space_after = Pt(18)

    rows = letter.field_rows()
    table = document.add_table(rows=len(rows), cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    _no_borders(table)
    _set_widths(table, (Mm(32), Mm(129)))
    for (label, value), row in zip(rows, table.rows):
        run = row.cells[0].paragraphs[0].add_run(label)
        run.font.size, run.font.color.rgb = Pt(8), RGBColor(0x59, 0x59, 0x59)
        run = row.cells[1].paragraphs[0].add_run(value)
        run.bold = label == "Onderwerp"
    document.add_paragraph().paragraph_format.space_after = Pt(12)

    if letter.salutation:
        document.add_paragraph(letter.salutation).paragraph_format.space_after = Pt(8)
    lists = _WordLists(document) if letter.word_numbering else None
    for paragraph_text in letter.paragraphs:
        kind, marker, text = classify(paragraph_text)
        if kind == "heading":
            document.add_paragraph(text, style="Heading 2")
            continue
        if kind == "bold":
            document.add_paragraph().add_run(text).bold = True
            continue
        if kind == "table":
            _docx_table(document, table_rows(text))
            continue
        paragraph = document.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.space_after = Pt(8)
        if kind == "quote":
            fmt.left_indent = Mm(8)
            fmt.keep_with_next = True
            paragraph.add_run(text).italic = True
        elif kind == "bullet":
            paragraph.style = styles["List Bullet"]
            paragraph.add_run(text)
        elif kind == "point":
            num_id = lists.number_for(int(marker[:-1])) if lists else None
            if num_id is not None:
                ppr = paragraph._p.get_or_add_pPr()
                num_pr = _el("w:numPr")
                num_pr.append(_el("w:ilvl", val=0))
                num_pr.append(_el("w:numId", val=num_id))
                ppr.insert(0, num_pr)
                paragraph.style = styles["List Paragraph"]
                paragraph.add_run(text)
            else:
                fmt.left_indent, fmt.first_line_indent = Mm(7), Mm(-7)
                fmt.tab_stops.add_tab_stop(Mm(7))
                paragraph.add_run(f"{marker}\t{text}")
        else:
            paragraph.add_run(text)

    if letter.closing:
        paragraph = document.add_paragraph(letter.closing)
        paragraph.paragraph_format.space_before = Pt(8)
        paragraph.paragraph_format.space_after = Pt(36)
        paragraph.paragraph_format.keep_with_next = True
    for line in letter.signature:
        left, _, right = line.partition(" | ")
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.keep_with_next = True
        if right:
            paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(85), WD_TAB_ALIGNMENT.LEFT)
            paragraph.add_run(f"{left}\t{right}")
        else:
            paragraph.add_run(left)

    props = document.core_properties
    props.title = letter.onderwerp or letter.header_text()
    props.author = props.last_modified_by = letter.sender
    props.subject = " ".join(part for part in (letter.kenmerk, letter.date) if part)
    props.comments = ""
    props.keywords = ""
    props.created = props.modified = _FIXED_TIME
    props.revision = 1

    buffer = io.BytesIO()
    document.save(buffer)
    Path(out_path).write_bytes(_fixed_zip(buffer.getvalue()))


def _docx_table(document, rows: list[list[str]]) -> None:
    from docx.shared import Mm, Pt

    ncols = max(len(row) for row in rows)
    table = document.add_table(rows=len(rows), cols=ncols)
    table.style = document.styles["Table Grid"]
    _set_widths(table, [Mm(161 - 27 * (ncols - 1))] + [Mm(27)] * (ncols - 1))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            cell = table.rows[r].cells[c]
            run = cell.paragraphs[0].add_run(value)
            run.font.size = Pt(9)
            run.bold = r == 0
    document.add_paragraph().paragraph_format.space_after = Pt(2)


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps so that re-rendering gives the same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


# --------------------------------------------------------------------------- plain text

TEXT_WIDTH = 78


def render_text(letter: Letter, out_path: str | Path, *, heading_gap: bool = True) -> None:
    """Write the letter as a plain-text file, as an e-mailed letter looks: the letterhead as
    label/value lines, paragraphs wrapped at 78 characters and separated by blank lines. Without
    ``heading_gap`` a heading is followed directly by its text."""
    import textwrap

    out = [letter.sender, ""] + [f"{label}: {value}" for label, value in letter.field_rows()] + [""]
    if letter.salutation:
        out += [letter.salutation, ""]
    for paragraph in letter.paragraphs:
        kind, marker, text = classify(paragraph)
        if kind == "table":
            out += [" | ".join(row) for row in table_rows(text)] + [""]
            continue
        lead = {"point": f"{marker} ", "bullet": "- "}.get(kind, "")
        out += textwrap.wrap(lead + text, TEXT_WIDTH, break_long_words=False, break_on_hyphens=False)
        if kind not in ("heading", "bold") or heading_gap:
            out.append("")
    if letter.closing:
        out += [letter.closing, ""]
    out += [line.replace(" | ", "    ") for line in letter.signature]
    Path(out_path).write_text("\n".join(out) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------- script

def render_all(src_dir: Path = SRC_DIR, out_dir: Path = CORPUS_DIR) -> dict[str, list[dict]]:
    """Render every ``*.letter`` in src_dir; return the hyphenated line ends per PDF."""
    breaks: dict[str, list[dict]] = {}
    for path in sorted(src_dir.glob("*.letter")):
        letter = load_letter(path)
        if "pdf" in letter.outputs:
            breaks[path.stem + ".pdf"] = render_pdf(letter, out_dir / (path.stem + ".pdf"))
        if "docx" in letter.outputs:
            render_docx(letter, out_dir / (path.stem + ".docx"))
    return breaks


def main() -> None:
    breaks = render_all()
    manifest = CORPUS_DIR / "line_breaks.json"
    manifest.write_text(json.dumps(breaks, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for name in sorted({p.name for p in CORPUS_DIR.iterdir() if p.suffix in (".pdf", ".docx")}):
        print(name)


if __name__ == "__main__":
    sys.path.insert(0, str(CORPUS_DIR.parent))
    main()
