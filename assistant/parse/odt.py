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
        _walk(body, lines, in_list=False)
    if not lines:
        raise EmptyDocument(path, "het OpenDocument-bestand bevat geen tekst")
    count = estimate_pages(lines)
    warnings = ["het OpenDocument-bestand bevat geen paginering; paginanummers zijn geschat"] if count > 1 else []
    return RawDocument(format="odt", pages=[[ln for ln in lines if ln.page == p] for p in range(1, count + 1)],
                       warnings=warnings)


def _walk(element, lines: list[Line], in_list: bool) -> None:
    for child in element:
        if child.tag in (f"{_TEXT}p", f"{_TEXT}h"):
            text = " ".join(_text(child).split())
            if text:
                hint = "heading" if child.tag == f"{_TEXT}h" else "list_item" if in_list else None
                lines.append(Line(text=text, page=1, new_paragraph=True, whole=True, hint=hint))
        elif child.tag == f"{_TEXT}list":
            _walk(child, lines, in_list=True)
        elif child.tag == f"{_TABLE}table-row":
            cells = [" ".join(_text(cell).split()) for cell in child]
            row = " | ".join(c for c in cells if c)
            if row:
                lines.append(Line(text=row, page=1, new_paragraph=True, whole=True, hint="table"))
        else:
            _walk(child, lines, in_list)


def _text(element) -> str:
    """All text inside an element; <text:s/> is a space, <text:tab/> and <text:line-break/> too."""
    parts = [element.text or ""]
    for child in element:
        if child.tag in (f"{_TEXT}s", f"{_TEXT}tab", f"{_TEXT}line-break"):
            parts.append(" ")
        else:
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)
