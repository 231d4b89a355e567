"""Write a Draft as a Word document: A4, Word's own styles (Heading 1/2, Quote, a table
style), page numbers in the footer, and a numbered source list that every [n] points to.

With a template (the council's letterhead .docx), its styles, headers and footers are used
and the draft is added after whatever body the template holds.
"""

from __future__ import annotations

import re

from pathlib import Path

from assistant.draft import Draft, DraftPoint, quoted_answer
from assistant.errors import AssistantError, OutputError
from assistant.present import STANCE_SENTENCES, STATUS_LABELS, amount_text, day, due_text, long_date, standing_label

_TABLE_STYLES = ("Table Grid",)
_PLACEHOLDER = "[Schrijf hier het vervolgadvies van de adviesraad op dit punt.]"
TABLE_PT = (9.0, 8.5, 8.0, 7.5, 7.0)  # table text, the largest at which every word fits its column
# A wide character, in em, of the bold fonts Word and LibreOffice use (Calibri, Carlito, DejaVu
# Sans): a word measured by it always fits on one line.
_CHAR_EM = 0.78
_CELL_PADDING_CM = 0.45  # Word's default cell margins (0.19 cm a side) and a little air
_CM_PER_PT = 2.54 / 72


def new_document(template: str | Path | None = None):
    """A Word document on the user's letterhead template (its styles, header and footer), or on A4
    with page numbers."""
    import docx
    from docx.shared import Cm

    if template is not None:
        try:
            return docx.Document(str(template))
        except Exception as exc:  # python-docx raises several types for a file that is no .docx
            raise AssistantError(f"{Path(template).name}: het sjabloon is geen bruikbaar Word-bestand (.docx)") from exc
    document = docx.Document()
    for section in document.sections:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.5)
        _page_number_footer(section)
    return document


def save(document, path: Path) -> Path:
    try:
        document.save(str(path))
    except OSError as exc:
        raise OutputError(path, exc) from exc
    return path


def write_draft(draft: Draft, path: str | Path, template: str | Path | None = None) -> Path:
    path = Path(path)
    document = new_document(template)
    writer = _Writer(document)
    writer.title_block(draft)
    writer.overview(draft)
    for point in draft.points:
        writer.point(point, draft)
    writer.sources(draft)
    document.core_properties.title = f"Concept vervolgadvies: {draft.subject}"
    document.core_properties.author = "Adviesassistent"
    return save(document, path)


class WordWriter:
    """Paragraphs, headings, citations and tables that degrade gracefully on a template without
    Word's built-in styles."""

    def __init__(self, document) -> None:
        self.doc = document
        names = {s.name for s in document.styles}
        self.styles = names
        self.table_style = next((s for s in _TABLE_STYLES if s in names), None)

    def _para(self, text: str = "", style: str | None = None, bold: bool = False, italic: bool = False):
        paragraph = self.doc.add_paragraph(style=style if style in self.styles else None)
        if text:
            run = paragraph.add_run(text)
            run.bold, run.italic = bold or None, italic or None
        return paragraph

    def heading(self, text: str, level: int, new_page: bool = False) -> None:
        style = f"Heading {level}"
        if style in self.styles:
            paragraph = self.doc.add_heading(text, level=level)
        else:  # a template without Word's heading styles: bold text still reads as a heading
            paragraph = self._para(text, bold=True)
        paragraph.paragraph_format.page_break_before = new_page or None

    def cite(self, paragraph, number: int | None) -> None:
        if number is not None:
            run = paragraph.add_run(f" [{number}]")
            run.font.superscript = False

    def text_width_cm(self) -> float:
        section = self.doc.sections[-1]
        return (section.page_width - section.left_margin - section.right_margin) / 360000

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        from docx.shared import Cm, Pt

        size, widths = column_widths(header, rows, self.text_width_cm())
        table = self.doc.add_table(rows=1, cols=len(header))
        table.autofit = False
        if self.table_style:
            table.style = self.table_style
        for cell, text in zip(table.rows[0].cells, header):
            cell.text = text
            for run in cell.paragraphs[0].runs:
                run.bold = True
        for row in rows:
            cells = table.add_row().cells
            for cell, text in zip(cells, row):
                _unbroken_dates(cell.paragraphs[0], text)
        for column, width in zip(table.columns, widths):
            column.width = Cm(width)  # the grid LibreOffice reads
            for cell in column.cells:
                cell.width = Cm(width)  # the cell widths Word reads
                for paragraph in cell.paragraphs:
                    for run in paragraph.runs:
                        run.font.size = Pt(size)
        self.doc.add_paragraph()


class _Writer(WordWriter):
    """The draft's parts: title block, overview, one page per advice point, sources."""

    def title_block(self, draft: Draft) -> None:
        marker = self._para("CONCEPT", bold=True)
        marker.runs[0].font.size = _pt(11)
        self._para(f"Vervolgadvies: {draft.subject}", style="Title")
        if draft.advice is not None:
            self._para(f"Advies: {_describe(draft.advice)}")
        if draft.response is not None:
            self._para(f"Reactie van het college: {_describe(draft.response)}")
        self._para(f"Opgesteld op {long_date(draft.today)} met Adviesassistent. Alle citaten verwijzen naar de "
                   "bronnenlijst achterin; controleer ze voordat u het advies vaststelt.", italic=True)
        for note in draft.notes:
            self._para(note, italic=True)

    def overview(self, draft: Draft) -> None:
        self.heading("Overzicht", 1)
        header = ["Punt", "Standpunt college", "Toezeggingen", "Open", "Nu aan de orde", "Verlopen",
                  "Zonder termijn"]
        rows = []
        for p in draft.points:
            counts = {s: 0 for s in STATUS_LABELS}
            for item in p.commitments:
                counts[item.commitment.status(draft.today)] += 1
            stance = STANCE_SENTENCES[p.answer.stance] if p.answer else "nog geen reactie gevonden"
            rows.append([p.mapping.point.number, stance, str(len(p.commitments)), str(counts["open"]),
                         str(counts["due"]), str(counts["overdue"]), str(counts["undated"])])
        self.table(header, rows)

    def point(self, p: DraftPoint, draft: Draft) -> None:
        point = p.mapping.point
        # Each point on its own page: the secretary works through them one by one.
        self.heading(f"Adviespunt {point.number}" + (f": {point.title}" if point.title else ""), 1, new_page=True)
        self.heading("Het advies", 2)
        paragraphs = [part.strip() for part in point.text.split("\n\n") if part.strip()]
        for i, part in enumerate(paragraphs):  # the whole point, as the council wrote it
            quote = self._para(_strip_label(part) if i == 0 else part, style="Quote")
        self.cite(quote, p.point_source)

        self.heading("Reactie van het college", 2)
        if p.answer is None:
            self._para("Nog geen reactie gevonden.", bold=True)
        else:
            stance = self._para("Standpunt: ", bold=True)
            stance.add_run(STANCE_SENTENCES[p.answer.stance])
            quoted = self._para(quoted_answer(p.answer), style="Quote")
            self.cite(quoted, p.answer_source)

        self.heading("Toezeggingen", 2)
        if not p.commitments:
            self._para("Bij dit punt is geen toezegging herkend." if p.answer is not None else
                       "Er is nog geen reactie, dus ook geen toezegging.")
        else:
            rows = []
            for item in p.commitments:
                c = item.commitment
                status = f"{STATUS_LABELS[c.status(draft.today)]}, {c.certainty} ({c.confidence:.0%})"
                if item.standing.kind:
                    status += "; " + standing_label(item.standing) + (
                        f" [{item.standing_source}]" if item.standing_source else "")
                rows.append([c.action, c.actor or "", due_text(c.due), amount_text(c.amount), status,
                             f"[{item.source}]"])
            self.table(["Wat", "Wie", "Wanneer", "Bedrag", "Status", "Bron"], rows)
        if p.possible:
            self.heading("Mogelijke toezeggingen", 2)
            self._para("Deze zinnen uit het antwoord noemen een datum, een bedrag of een voornemen, maar de assistent "
                       "heeft ze niet als toezegging herkend. Lees ze na: het kan om een toezegging gaan.", italic=True)
            for item in p.possible:
                line = self._para(f"\u201c{item.commitment.text}\u201d", style="List Bullet")
                extra = [due_text(item.commitment.due) if item.commitment.due else "",
                         amount_text(item.commitment.amount)]
                if any(extra):
                    line.add_run(" (" + "; ".join(e for e in extra if e) + ")")
                self.cite(line, item.source)

        self.heading("Eerdere toezeggingen over dit onderwerp", 2)
        if not p.earlier:
            self._para("In de andere documenten in de index is geen toezegging gevonden die duidelijk over dit punt "
                       "gaat.")
        else:
            self._para("Toezeggingen uit andere documenten in de index die over dit punt gaan, gevonden op inhoud: "
                       "controleer of ze werkelijk hetzelfde betreffen.", italic=True)
            rows = []
            for item in p.earlier:
                c = item.commitment
                status = STATUS_LABELS[c.status(draft.today)]
                if item.standing.kind:
                    status += "; " + standing_label(item.standing)
                rows.append([c.action, f"{c.doc_title or ''} ({day(c.doc_date)})", due_text(c.due), status,
                             f"[{item.source}]"])
            self.table(["Wat", "Document", "Wanneer", "Status", "Bron"], rows)

        self.heading("Wat later is gemeld", 2)
        if not p.commitments:
            self._para("Geen toezeggingen om te volgen.")
        for item in p.commitments:
            line = self._para(f"{item.commitment.action}: ", style="List Bullet", bold=True)
            if not item.later:
                line.add_run("geen latere vermelding gevonden.")
                continue
            for hit, number in item.later:
                mention = self._para(f"{hit.document.title} ({long_date(hit.document.date)}): ",
                                     style="List Bullet 2")
                mention.add_run(f"\u201c{_excerpt(hit.passage.text)}\u201d").italic = True
                self.cite(mention, number)

        self.heading("Nieuw advies", 2)
        box = self._para(_PLACEHOLDER, italic=True)
        _shade(box)
        if p.questions:
            self._para("Vragen die uit de stukken volgen:", bold=True)
            for question in p.questions:
                self._para(question, style="List Bullet")

    def sources(self, draft: Draft) -> None:
        self.heading("Bronnen", 1, new_page=True)
        for ref in draft.sources:
            self._para(f"[{ref.number}] {ref.text()}")


_DATE_HYPHEN = re.compile(r"(?<=\d)-(?=\d)")


def _unbroken_dates(paragraph, text: str) -> None:
    """Write text into a table cell with the hyphens inside numbers (01-09-2025) as Word's
    non-breaking hyphen, so a narrow column never wraps a date after its day or month."""
    from docx.oxml import OxmlElement

    pieces = _DATE_HYPHEN.split(text)
    run = paragraph.add_run(pieces[0])
    for piece in pieces[1:]:
        run._r.append(OxmlElement("w:noBreakHyphen"))
        if piece:
            t = OxmlElement("w:t")
            t.text = piece
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            run._r.append(t)


def column_widths(header: list[str], rows: list[list[str]], total_cm: float) -> tuple[float, list[float]]:
    """The type size and the column widths (cm) at which the longest word of every column fits on
    one line; the rest of the text width goes to the columns with the most text. A table whose
    words do not fit even at the smallest size runs into the margin rather than break them."""
    columns = list(zip(header, *rows)) if rows else [(h,) for h in header]
    longest = [max(len(w) for text in col for w in (text.split() or [""])) for col in columns]
    mean = [sum(len(t) for t in col[1:]) / max(1, len(col) - 1) for col in columns]  # text per row
    for size in TABLE_PT:
        char_cm = _CHAR_EM * size * _CM_PER_PT
        least = [n * char_cm + _CELL_PADDING_CM for n in longest]
        if sum(least) <= total_cm:
            break
    spare = total_cm - sum(least)
    if spare <= 0:
        return size, least
    wants = [max(0.0, t * char_cm + _CELL_PADDING_CM - w) for t, w in zip(mean, least)]
    if not any(wants):
        return size, [w + spare / len(least) for w in least]
    share = min(1.0, spare / sum(wants))
    widths = [w + want * share for w, want in zip(least, wants)]
    rest = total_cm - sum(widths)
    return size, [w + rest * want / sum(wants) for w, want in zip(widths, wants)]


def _describe(doc) -> str:
    parts = [doc.title or Path(doc.path).name, long_date(doc.date)]
    if doc.reference:
        parts.append(f"kenmerk {doc.reference}")
    return ", ".join(parts)


def _strip_label(text: str) -> str:
    from assistant.parse.structure import point_label

    label = point_label(text)
    return label[1] if label else text


def _excerpt(text: str, words: int = 45) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _pt(size: float):
    from docx.shared import Pt

    return Pt(size)


def _shade(paragraph) -> None:
    """A light grey box: the place where the secretary writes."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ppr = paragraph._p.get_or_add_pPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), "EDEDED")
    ppr.append(shading)


def _page_number_footer(section) -> None:
    """"Pagina X van Y" with Word fields, so Word and LibreOffice fill in the numbers."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("Pagina ")
    for i, instruction in enumerate(("PAGE", "NUMPAGES")):
        if i:
            paragraph.add_run(" van ")
        run = paragraph.add_run()
        begin, text, end = OxmlElement("w:fldChar"), OxmlElement("w:instrText"), OxmlElement("w:fldChar")
        begin.set(qn("w:fldCharType"), "begin")
        text.set(qn("xml:space"), "preserve")
        text.text = instruction
        end.set(qn("w:fldCharType"), "end")
        run._r.append(begin)
        run._r.append(text)
        run._r.append(end)
