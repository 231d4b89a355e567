"""OpenDocument text reader (.odt, as LibreOffice writes it): paragraphs, headings and list
items from content.xml; headers and footers live in styles.xml and stay out of the body."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path
from xml.etree import ElementTree

from assistant.errors import CorruptDocument, EmptyDocument
from assistant.parse.lines import Line, RawDocument, estimate_pages

_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"


def read_odt(path: str | Path) -> RawDocument:
    try:
        with zipfile.ZipFile(path) as archive:
            root = ElementTree.fromstring(archive.read("content.xml"))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, EOFError, NotImplementedError, RuntimeError,
            zlib.error) as exc:
        raise CorruptDocument(path, "het OpenDocument-bestand is beschadigd; open het in LibreOffice en sla het "
                                    "opnieuw op") from exc
    body = root.find(".//{urn:oasis:names:tc:opendocument:xmlns:office:1.0}text")
    lines: list[Line] = []
    if body is not None:
        _walk(body, lines)
    if not lines:
        raise EmptyDocument(path, "het OpenDocument-bestand bevat geen tekst")
    count = estimate_pages(lines)
    warnings = ["het OpenDocument-bestand bevat geen paginering; paginanummers zijn geschat"] if count > 1 else []
    return RawDocument(format="odt", pages=[[ln for ln in lines if ln.page == p] for p in range(1, count + 1)],
                       warnings=warnings)


def _walk(body, lines: list[Line]) -> None:
    """Paragraphs, headings, list items and table rows in reading order. Iterative: a file with
    a thousand nested sections must not exhaust the stack."""
    stack = [(iter(body), False)]
    while stack:
        children, in_list = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
        elif child.tag in (f"{_TEXT}p", f"{_TEXT}h"):
            text = " ".join(_text(child).split())
            if text:
                hint = "heading" if child.tag == f"{_TEXT}h" else "list_item" if in_list else None
                lines.append(Line(text=text, page=1, new_paragraph=True, whole=True, hint=hint))
        elif child.tag == f"{_TABLE}table-row":
            cells = [" ".join(_text(cell).split()) for cell in child]
            row = " | ".join(c for c in cells if c)
            if row:
                lines.append(Line(text=row, page=1, new_paragraph=True, whole=True, hint="table"))
        elif child.tag != f"{_TEXT}tracked-changes":  # the change log holds deleted text
            stack.append((iter(child), in_list or child.tag == f"{_TEXT}list"))


def _text(element) -> str:
    """All text inside an element; <text:s/> is a space, <text:tab/> and <text:line-break/> too.
    A tracked deletion leaves only a <text:change> mark here; its text is in the change log."""
    parts: list[str] = []
    stack: list[object] = [element]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            parts.append(item)
            continue
        if item is not element and item.tag in (f"{_TEXT}s", f"{_TEXT}tab", f"{_TEXT}line-break"):
            parts.append(" ")
        else:
            parts.append(item.text or "")
            # Children then their tails, in document order (the stack pops the last pushed first).
            for child in reversed(list(item)):
                stack.append(child.tail or "")
                stack.append(child)
            continue
    return "".join(parts)
