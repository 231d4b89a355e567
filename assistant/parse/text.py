"""Plain-text reader: form feeds separate pages, blank lines separate paragraphs."""

from __future__ import annotations

from pathlib import Path

from assistant.errors import EmptyDocument
from assistant.parse.lines import Line, RawDocument


def read_text(path: str | Path) -> RawDocument:
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Windows exports of letters are often cp1252.
        text = data.decode("cp1252", errors="replace")
    if not text.strip():
        raise EmptyDocument(path, "het bestand bevat geen tekst")
    return RawDocument(format="text", pages=lines_from_text(text))


def lines_from_text(text: str) -> list[list[Line]]:
    """Split text into pages of lines; a line after a blank line starts a paragraph."""
    pages: list[list[Line]] = []
    for page_no, page_text in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\f"), start=1):
        lines: list[Line] = []
        blank_before = True
        for raw in page_text.split("\n"):
            if not raw.strip():
                blank_before = True
                continue
            lines.append(Line(text=raw.strip(), page=page_no, new_paragraph=blank_before))
            blank_before = False
        pages.append(lines)
    return pages
