"""Plain-text reader: form feeds separate pages, blank lines separate paragraphs."""

from __future__ import annotations

import re
from pathlib import Path

from assistant.errors import EmptyDocument
from assistant.parse.encoding import decode_text
from assistant.parse.lines import Line, RawDocument


def read_text(path: str | Path) -> RawDocument:
    text = decode_text(Path(path).read_bytes()).replace("\ufeff", "")
    properties: dict[str, str] = {}
    if _is_markup(text):
        text = markup_to_text(text)
    elif text.lstrip()[:1] in "{[" and (prose := json_prose(text)) is not None:
        properties = {"title": title} if (title := json_title(text)) else {}
        text = prose
    if not text.strip():
        raise EmptyDocument(path, "het bestand bevat geen tekst")
    return RawDocument(format="text", pages=lines_from_text(text), properties=properties)


def _is_markup(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith(("<?xml", "<!doctype html", "<html")) or (head.startswith("<") and "</" in text[:5000])


# Elements after which a line ends: block-level HTML and the paragraph-like elements of the
# official publication XML ("al" is a paragraph there).
_BLOCK_TAGS = frozenset("p div br li tr h1 h2 h3 h4 h5 h6 title al tussenkop kop alinea".split())


def markup_to_text(markup: str) -> str:
    """The readable text of an HTML or XML file: tags dropped, blocks on their own lines."""
    from html.parser import HTMLParser

    class _Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []
            self._skip = 0

        def handle_starttag(self, tag, attrs):
            if tag in ("script", "style", "head"):
                self._skip += 1
            elif tag in _BLOCK_TAGS:
                self.parts.append("\n\n")

        def handle_endtag(self, tag):
            if tag in ("script", "style", "head"):
                self._skip = max(0, self._skip - 1)
            elif tag in _BLOCK_TAGS:
                self.parts.append("\n\n")

        def handle_data(self, data):
            if not self._skip:
                self.parts.append(data)

    parser = _Text()
    parser.feed(markup)
    text = "".join(parser.parts)
    return "\n\n".join(" ".join(chunk.split()) for chunk in text.split("\n\n") if chunk.strip())


# A JSON string that reads as prose (an agreement, a decision text), not a key, a code or a tag.
_PROSE_MIN_WORDS = 6


def json_prose(text: str) -> str | None:
    """The prose of a JSON export (a coalition agreement split into items, a meeting record): every
    string value of some length, in document order, one paragraph each; None if it is no JSON."""
    import json

    try:
        data = json.loads(text)
    except ValueError:
        return None
    found: list[str] = []
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            stack.extend(reversed(list(node.values())))
        elif isinstance(node, list):
            stack.extend(reversed(node))
        elif isinstance(node, str) and len(node.split()) >= _PROSE_MIN_WORDS and not node.startswith("http"):
            found.append(" ".join(node.split()))
    return "\n\n".join(found)


def json_title(text: str) -> str | None:
    """A title a JSON export names near its top ("title", "titel", "document_title")."""
    import json

    data = json.loads(text)
    for node in ([data] + [v for v in data.values() if isinstance(v, dict)]) if isinstance(data, dict) else []:
        for key in ("document_title", "title", "titel", "naam", "name"):
            if isinstance(node.get(key), str) and node[key].strip():
                return node[key].strip()
    return None


_TABLE_ROW = re.compile(r"\S\s+\|\s+\S")


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
            text = raw.strip()
            if _TABLE_ROW.search(text):  # "Maatregel | Bedrag | Soort": a table row, one line each
                lines.append(Line(text=text.strip("| "), page=page_no, new_paragraph=True, whole=True, hint="table"))
            else:
                lines.append(Line(text=text, page=page_no, new_paragraph=blank_before))
            blank_before = False
        pages.append(lines)
    return pages
