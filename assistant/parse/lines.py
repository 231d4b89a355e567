"""The reader-neutral form every reader produces: lines on pages, with layout hints.

Readers know different things: a PDF reader sees vertical gaps, a DOCX reader sees real
paragraphs, styles and list numbering, a text reader sees blank lines. They all hand
``layout`` a list of pages of ``Line``; from there on the pipeline is the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Hint = Literal["heading", "list_item", "point", "table"]
# Characters on a full A4 page of a letter in 11 pt, for estimating pages (see estimate_pages).
CHARS_PER_PAGE = 3300


@dataclass
class Line:
    text: str
    page: int
    # The reader saw a paragraph start here (blank line, vertical gap, DOCX paragraph).
    new_paragraph: bool = False
    # The reader knows this line is a whole paragraph (DOCX): never join it with others.
    whole: bool = False
    hint: Hint | None = None
    # A list label the reader computed (DOCX numbering), e.g. "3" or "b".
    number: str | None = None
    # Type style, where the file says it: the whole line bold or italic, and its font size (pt).
    bold: bool = False
    italic: bool = False
    size: float = 0.0
    # Below the text at the foot of a page (footnotes, a colophon): the text runs on past it.
    foot: bool = False


@dataclass
class RawDocument:
    """What a reader hands on: body lines per page, plus text it already knows is furniture."""

    format: Literal["pdf", "docx", "odt", "text"]
    pages: list[list[Line]]
    # Header/footer text a reader could tell apart itself (DOCX sections); never body.
    furniture: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Metadata the file itself carries (PDF /Title, DOCX core properties).
    properties: dict[str, str] = field(default_factory=dict)
    # Pages read by OCR (1-based) with Tesseract's mean word confidence (0-100).
    ocr_pages: dict[int, float] = field(default_factory=dict)


def estimate_pages(lines: list[Line]) -> int:
    """Word and OpenDocument files not laid out by their editor carry no pages; estimate them
    from the text length so citations still point near the right page."""
    seen = 0
    for line in lines:
        line.page = 1 + seen // CHARS_PER_PAGE
        seen += len(line.text) + 80  # a paragraph's last line and spacing take room too
    return lines[-1].page if lines else 1
