"""Renderings of a Comparison for people: a Word redline and an HTML view.

``write_redline`` writes a .docx holding the NEW text with real Word tracked changes
(w:ins, w:del, w:moveFrom/w:moveTo) against the OLD text, so a reviewer accepts or rejects
each change in Word or LibreOffice; a first page summarises the changes and the
commitments that changed. ``assistant.present.html.comparison_html`` shows the same in the app.

Word's revision model, as used here: a paragraph whose every word is new also has an
inserted paragraph mark (rejecting removes the paragraph, not just its words); a deleted
paragraph has a deleted mark. A moved paragraph stands at its old place as w:moveFrom and
at its new place as w:moveTo, the two ranges sharing a w:name; edits made to it after the
move are w:ins at the new place, while the words it lost are only in the moveFrom copy,
so that rejecting everything gives back the old text and accepting gives the new.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from assistant.compare import BLOCK_OPS, BlockChange, Comparison, Row, WordOp
from assistant.errors import OutputError
from assistant.present import field_value as display
from assistant.present import BODY_HEADING, OP_LABELS, SUMMARY_HEADING, commitment_line, long_date

AUTHOR = "Adviesassistent"

# Column widths (mm) of the summary tables; the text block of an A4 page with 25 mm margins is 160 mm.
SUMMARY_WIDTHS = (30, 65, 65)
COMMITMENT_WIDTHS = (44, 58, 58)
SMALL_PT = 8.5  # tables and notes on the summary page, so that it stays one page

# Paragraph style per block kind in the redline; the rest is Normal.
BLOCK_STYLES: dict[str, str] = {"heading": "Heading 2", "list_item": "List Bullet"}


# --------------------------------------------------------------------------- Word


def write_redline(comparison: Comparison, path: str | Path) -> Path:
    """Write the .docx redline; raise AssistantError when the file cannot be written."""
    import docx
    from docx.shared import Mm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(25)
    section.top_margin = section.bottom_margin = Mm(25)
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10)
    _set_language(normal, "nl-NL")
    document.core_properties.title = f"Wijzigingen: {comparison.new.title or Path(comparison.new.path).name}"
    document.core_properties.author = AUTHOR

    _write_summary(document, comparison)
    document.add_heading(BODY_HEADING, level=1).paragraph_format.page_break_before = True
    _Revisions(document, datetime.now(timezone.utc)).write_rows(comparison.rows)

    path = Path(path)
    try:
        document.save(str(path))
    except OSError as exc:
        raise OutputError(path, exc) from exc
    return path


def _write_summary(document, comparison: Comparison) -> None:
    """One page: the counts, the changed metadata, then every commitment change in full."""
    from docx.shared import Pt

    old, new = comparison.old, comparison.new
    document.add_heading(SUMMARY_HEADING, level=1)
    document.add_paragraph().add_run(comparison.headline()).bold = True
    rows = [("", "Oude versie", "Nieuwe versie"),
            ("Bestand", Path(old.path).name, Path(new.path).name),
            ("Datum", long_date(old.date, "–"), long_date(new.date, "–")),
            ("Kenmerk", old.reference or "–", new.reference or "–"),
            ("Pagina's", str(old.pages), str(new.pages))]
    _table(document, rows, SUMMARY_WIDTHS)
    counts = comparison.counts()
    line = document.add_paragraph("Alinea's: " + ", ".join(f"{counts[op]} {OP_LABELS[op]}" for op in BLOCK_OPS) + ".")
    line.paragraph_format.space_before = Pt(6)

    if comparison.metadata:
        document.add_heading("Gewijzigde gegevens", level=2)
        for m in comparison.metadata:
            document.add_paragraph(f"{m.label}: {display(m.old)} → {display(m.new)}", style="List Bullet")

    document.add_heading("Gewijzigde toezeggingen", level=2)
    if comparison.changed:
        rows = [("Wijziging", "Was", "Wordt")]
        for change in comparison.changed:
            what = "\n".join(f"{d.label}: {display(d.old)} → {display(d.new)}" for d in change.details)
            where = f"\np. {change.old.source.page} → p. {change.new.source.page}"
            rows.append((what + where, change.old.text, change.new.text))
        _table(document, rows, COMMITMENT_WIDTHS)
    else:
        document.add_paragraph("Geen.")

    for heading, items in (("Vervallen toezeggingen", comparison.removed), ("Nieuwe toezeggingen", comparison.added)):
        if items:
            document.add_heading(heading, level=2)
            for c in items:
                document.add_paragraph(commitment_line(c), style="List Bullet")

    note = document.add_paragraph().add_run(
        "Op de volgende pagina's staat de nieuwe tekst met bijgehouden wijzigingen ten opzichte van de oude "
        "versie; accepteer of weiger elke wijziging in Word (Controleren) of LibreOffice (Bewerken > "
        "Wijzigingen bijhouden). Briefhoofd, kop- en voetteksten en regelafbreking tellen niet als wijziging.")
    note.italic = True
    note.font.size = Pt(SMALL_PT)


def _table(document, rows: list[tuple[str, ...]], widths_mm: tuple[int, ...]) -> None:
    """A compact grid table; the first row is the header (bold)."""
    from docx.shared import Mm, Pt

    table = document.add_table(rows=0, cols=len(widths_mm))
    table.style = "Table Grid"
    table.autofit = False
    for number, values in enumerate(rows):
        cells = table.add_row().cells
        for cell, value, width in zip(cells, values, widths_mm):
            cell.width = Mm(width)
            run = cell.paragraphs[0].add_run(value)
            run.font.size = Pt(SMALL_PT)
            run.bold = number == 0


def _set_language(style, tag: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rpr = style.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), tag)
    rpr.append(lang)


class _Revisions:
    """Writes body paragraphs with revision marks; every revision gets a unique w:id."""

    def __init__(self, document, when: datetime) -> None:
        self.document = document
        self.date = when.replace(microsecond=0).isoformat().replace("+00:00", "Z")
        self.next_id = 1
        self.move_names: dict[int, str] = {}  # id(BlockChange) -> shared w:name of its two ranges

    def write_rows(self, rows: list[Row]) -> None:
        for row in rows:
            change = row.change
            paragraph = self.document.add_paragraph(style=BLOCK_STYLES.get(change.kind))
            p = paragraph._p
            if change.op == "equal":
                self._run(p, change.new)
            elif change.op == "changed":
                self._diff(p, change.diff)
            elif change.op == "inserted":
                self._mark(p, "w:ins")
                self._wrap(p, "w:ins", change.new)
            elif change.op == "deleted":
                self._mark(p, "w:del")
                self._wrap(p, "w:del", change.old)
            elif row.side == "old":
                self._move(p, change, "From")
            else:
                self._move(p, change, "To")

    def _id(self) -> str:
        self.next_id += 1
        return str(self.next_id)

    def _element(self, tag: str, **extra: str):
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        element = OxmlElement(tag)
        element.set(qn("w:id"), self._id())
        element.set(qn("w:author"), AUTHOR)
        element.set(qn("w:date"), self.date)
        for name, value in extra.items():
            element.set(qn(f"w:{name}"), value)
        return element

    def _run(self, parent, text: str | None, deleted: bool = False):
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        run = OxmlElement("w:r")
        t = OxmlElement("w:delText" if deleted else "w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = text or ""
        run.append(t)
        parent.append(run)
        return run

    def _wrap(self, p, tag: str, text: str | None) -> None:
        wrapper = self._element(tag)
        self._run(wrapper, text, deleted=tag == "w:del")
        p.append(wrapper)

    def _mark(self, p, tag: str, **extra: str) -> None:
        """Mark the paragraph mark itself as inserted, deleted or moved."""
        from docx.oxml import OxmlElement

        ppr = p.get_or_add_pPr()
        rpr = ppr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}rPr")
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            ppr.append(rpr)  # rPr follows pStyle and the other paragraph properties
        rpr.append(self._element(tag, **extra))

    def _diff(self, p, ops: tuple[WordOp, ...]) -> None:
        for op in ops:
            if op.op == "equal":
                self._run(p, op.text)
            else:
                self._wrap(p, "w:del" if op.op == "delete" else "w:ins", op.text)

    def _move(self, p, change: BlockChange, direction: str) -> None:
        """moveFrom at the old place (the old text whole), moveTo at the new place (the new
        text, with the words added since the move as insertions)."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        name = self.move_names.setdefault(id(change), f"move{len(self.move_names) + 1}")
        start = self._element(f"w:move{direction}RangeStart", name=name)
        end = OxmlElement(f"w:move{direction}RangeEnd")
        end.set(qn("w:id"), start.get(qn("w:id")))
        self._mark(p, f"w:move{direction}")
        p.append(start)
        if direction == "From":
            self._wrap(p, "w:moveFrom", change.old)
        else:
            for op in change.diff or (WordOp("equal", change.new or ""),):
                if op.op == "equal":
                    self._wrap(p, "w:moveTo", op.text)
                elif op.op == "insert":
                    self._wrap(p, "w:ins", op.text)
                # a deleted word is in the moveFrom copy only
        p.append(end)
