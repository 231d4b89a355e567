"""DOCX reader (python-docx): real paragraphs, heading styles, list numbering, tables;
header and footer text is kept apart from the body.

python-docx's ``Paragraph.text`` and ``iter_inner_content`` skip text that municipal templates
and reviewed letters are full of: tracked insertions and moves (``w:ins``, ``w:moveTo``),
content controls (``w:sdt``, for kenmerk, date and body fields), simple fields and smart tags.
So the body is walked here, in document order, reading the text as it reads with every tracked
change accepted: deletions and moved-away text (``w:del``, ``w:moveFrom``) and field
instructions (``w:instrText``) are left out.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

from docx.text.paragraph import Paragraph

from assistant.errors import CorruptDocument, EmptyDocument
from assistant.parse.lines import CHARS_PER_PAGE, Line, RawDocument, estimate_pages

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_STYLES = ("heading", "kop", "title", "titel", "subtitle", "ondertitel")
_LIST_STYLES = ("list", "lijst")


def read_docx(path: str | Path) -> RawDocument:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise CorruptDocument(path, "het Word-bestand is beschadigd; open het in Word en sla het opnieuw op als .docx") from exc
    except Exception as exc:  # lxml raises its own XMLSyntaxError for broken XML
        raise CorruptDocument(path, f"het Word-bestand is beschadigd ({type(exc).__name__}); sla het opnieuw op als .docx") from exc

    numbering = _Numbering(document)
    lines: list[Line] = []
    page = 1
    for kind, element in body_items(document.element.body):
        if kind == "table":
            for row_text in table_rows(element):
                lines.append(Line(text=row_text, page=page, new_paragraph=True, whole=True, hint="table"))
            continue
        paragraph = Paragraph(element, document._body)
        page += _page_breaks_before(paragraph)
        text = " ".join(paragraph_text(element).split())
        if text:
            hint, number = _paragraph_hint(paragraph, numbering)
            if number is not None:
                text = f"{number}. {text}"  # the label Word shows belongs to what the reader sees
            bold, italic = _emphasis(paragraph)
            lines.append(Line(text=text, page=page, new_paragraph=True, whole=True, hint=hint, number=number,
                              bold=bold, italic=italic))
        page += _page_breaks_after(paragraph)

    if not lines:
        raise EmptyDocument(path, "het Word-document bevat geen tekst")
    warnings = []
    if page == 1 and sum(len(ln.text) for ln in lines) > CHARS_PER_PAGE:
        page = estimate_pages(lines)
        warnings.append("het Word-bestand bevat geen paginering; paginanummers zijn geschat")
    pages = [[ln for ln in lines if ln.page == p] for p in range(1, page + 1)]
    props = document.core_properties
    properties = {k: v for k, v in (("title", props.title), ("author", props.author)) if v}
    return RawDocument(format="docx", pages=pages, furniture=_furniture(document), properties=properties,
                       warnings=warnings)


# Containers whose content reads as if they were not there: content controls, custom XML,
# tracked insertions and moves, smart tags, simple fields, hyperlinks.
_TRANSPARENT = frozenset(f"{_W}{name}" for name in (
    "sdt", "sdtContent", "customXml", "ins", "moveTo", "smartTag", "fldSimple", "hyperlink", "dir", "bdo"))
# Never read: deleted and moved-away text, field instructions, a content control's properties.
_SKIPPED = frozenset(f"{_W}{name}" for name in (
    "del", "moveFrom", "instrText", "delText", "delInstrText", "sdtPr", "sdtEndPr", "pPr", "rPr", "tblPr",
    "trPr", "tcPr", "footnoteReference", "endnoteReference", "commentReference")) | {
    # A text box is stored twice (DrawingML and a VML fallback): read the first only.
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"}


def body_items(container) -> Iterator[tuple[str, object]]:
    """The paragraphs ("paragraph", w:p) and tables ("table", w:tbl) of a body, header, footer
    or table cell in reading order, looking inside content controls and tracked insertions.
    Iterative, so a hostile file with deep nesting cannot exhaust the stack."""
    stack = [iter(container)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        if child.tag == f"{_W}p":
            yield "paragraph", child
        elif child.tag == f"{_W}tbl":
            yield "table", child
        elif child.tag in _TRANSPARENT:
            stack.append(iter(child))


def paragraph_text(p) -> str:
    """The text of a w:p as it reads with all tracked changes accepted."""
    parts: list[str] = []
    stack = [iter(p)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        tag = child.tag
        if tag in _SKIPPED or not isinstance(tag, str):
            continue
        if tag == f"{_W}t":
            parts.append(child.text or "")
        elif tag in (f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_W}ptab"):
            parts.append(" ")
        elif tag == f"{_W}noBreakHyphen":
            parts.append("-")
        elif len(child):
            stack.append(iter(child))
    return "".join(parts)


def table_rows(table) -> list[str]:
    """Each row of a w:tbl as "cell | cell"; merged cells repeat their text once only."""
    rows = []
    for kind, row in _table_children(table, "tr"):
        cells: list[str] = []
        for _, cell in _table_children(row, "tc"):
            text = " ".join(" ".join(paragraph_text(p) if k == "paragraph" else " ".join(table_rows(p))
                                     for k, p in body_items(cell)).split())
            if text and (not cells or cells[-1] != text):
                cells.append(text)
        if cells:
            rows.append(" | ".join(cells))
    return rows


def _table_children(element, name: str) -> Iterator[tuple[str, object]]:
    """Rows of a table or cells of a row, also when wrapped in content controls or insertions."""
    stack = [iter(element)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.tag == f"{_W}{name}":
            yield name, child
        elif child.tag in _TRANSPARENT:
            stack.append(iter(child))


def _emphasis(paragraph) -> tuple[bool, bool]:
    """Whether all the text of a paragraph is bold, and whether all of it is italic: from the
    runs, their character styles, and the paragraph style (and the styles it is based on)."""
    from docx.text.run import Run

    runs = [Run(r, paragraph) for r in paragraph._p.iter(f"{_W}r")
            if not _deleted(r) and "".join(t.text or "" for t in r.iter(f"{_W}t")).strip()]
    if not runs:
        return False, False
    return (all(_styled(run, paragraph, "bold") for run in runs),
            all(_styled(run, paragraph, "italic") for run in runs))


def _deleted(element) -> bool:
    return any(a.tag in (f"{_W}del", f"{_W}moveFrom") for a in element.iterancestors())


def _styled(run, paragraph, attribute: str) -> bool:
    value = getattr(run.font, attribute)
    style = run.style if run.style is not None and run.style.name != "Default Paragraph Font" else None
    while value is None and style is not None:
        value, style = getattr(style.font, attribute), style.base_style
    style = paragraph.style
    while value is None and style is not None:
        value, style = getattr(style.font, attribute), style.base_style
    return bool(value)


def _paragraph_hint(paragraph, numbering: _Numbering) -> tuple[str | None, str | None]:
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    lowered = style.lower()
    if lowered.startswith(_HEADING_STYLES):
        return "heading", None
    label = numbering.label(paragraph)
    if label is not None:
        kind, number = label
        return ("point", number) if kind == "numbered" else ("list_item", None)
    if lowered.startswith(_LIST_STYLES):
        return "list_item", None
    return None, None


def _page_breaks_before(paragraph) -> int:
    ppr = paragraph._p.pPr
    if ppr is not None and ppr.find(f"{_W}pageBreakBefore") is not None:
        return 1
    return 0


def _page_breaks_after(paragraph) -> int:
    p = paragraph._p
    breaks = [br for br in p.iter(f"{_W}br") if br.get(f"{_W}type") == "page"]
    rendered = list(p.iter(f"{_W}lastRenderedPageBreak"))
    # Word writes lastRenderedPageBreak where it laid out a new page; explicit breaks count too.
    return max(len(breaks), len(rendered))


def _furniture(document) -> list[str]:
    texts: list[str] = []
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header, section.first_page_footer):
            if part is None or part.is_linked_to_previous:
                continue
            for kind, element in body_items(part._element):
                if kind == "table":
                    texts.extend(table_rows(element))
                elif text := " ".join(paragraph_text(element).split()):
                    texts.append(text)
    return texts


class _Numbering:
    """Computes the labels Word shows for numbered paragraphs ("1", "2", "a")."""

    def __init__(self, document) -> None:
        self._formats: dict[tuple[str, int], tuple[str, int]] = {}
        self._counters: dict[tuple[str, int], int] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract: dict[str, dict[int, tuple[str, int]]] = {}
        for node in root.findall(f"{_W}abstractNum"):
            levels = {}
            for lvl in node.findall(f"{_W}lvl"):
                fmt = lvl.find(f"{_W}numFmt")
                start = lvl.find(f"{_W}start")
                levels[int(lvl.get(f"{_W}ilvl", "0"))] = (
                    fmt.get(f"{_W}val") if fmt is not None else "decimal",
                    int(start.get(f"{_W}val")) if start is not None else 1,
                )
            abstract[node.get(f"{_W}abstractNumId")] = levels
        for num in root.findall(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            if ref is None:
                continue
            for ilvl, spec in abstract.get(ref.get(f"{_W}val"), {}).items():
                self._formats[(num.get(f"{_W}numId"), ilvl)] = spec

    def label(self, paragraph) -> tuple[str, str | None] | None:
        num_id, ilvl = self._num_pr(paragraph)
        if num_id is None or num_id == "0":
            return None
        fmt, start = self._formats.get((num_id, ilvl), ("decimal", 1))
        if fmt in ("bullet", "none"):
            return "bullet", None
        key = (num_id, ilvl)
        self._counters[key] = self._counters.get(key, start - 1) + 1
        # A new item at a level restarts the deeper levels.
        for other in list(self._counters):
            if other[0] == num_id and other[1] > ilvl:
                del self._counters[other]
        return "numbered", _format_number(self._counters[key], fmt)

    @staticmethod
    def _num_pr(paragraph) -> tuple[str | None, int]:
        for ppr in (paragraph._p.pPr, _style_ppr(paragraph)):
            if ppr is None:
                continue
            num_pr = ppr.find(f"{_W}numPr")
            if num_pr is not None:
                num_id = num_pr.find(f"{_W}numId")
                ilvl = num_pr.find(f"{_W}ilvl")
                return (
                    num_id.get(f"{_W}val") if num_id is not None else None,
                    int(ilvl.get(f"{_W}val")) if ilvl is not None else 0,
                )
        return None, 0


def _style_ppr(paragraph):
    style = paragraph.style
    return style.element.pPr if style is not None and style.element is not None else None


def _format_number(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    return str(n)


def _roman(n: int) -> str:
    table = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
             (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, numeral in table:
        while n >= value:
            out += numeral
            n -= value
    return out
