"""The commitment register: every stored commitment, its status today, what later documents
say about it, and an export an official opens in Excel.

Status is relative to a day ("today"): open (the window lies ahead), due (we are in it),
overdue (it has passed), undated. The filters are applied to the register the core keeps per
index state (``Assistant._all_commitments``), not asked of the store each time.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from assistant.errors import AssistantError, OutputError
from assistant.model import CERTAIN, Commitment, Hit, Standing, Status
from assistant.nl.analyzer import analyze
from assistant.present import REGISTER_COLUMNS as COLUMNS
from assistant.present import register_rows
from assistant.search.search import Filters, Searcher
from assistant.versions import is_version



@dataclass(frozen=True)
class RegisterFilter:
    status: Status | None = None
    due_after: date | None = None  # the due window ends on or after this day
    due_before: date | None = None  # the due window starts on or before this day
    actor: str | None = None
    doc_ids: tuple[str, ...] = ()
    certain: bool | None = None  # only "zeker" (True) or only "mogelijk" (False)

    def allows(self, c: Commitment, today: date) -> bool:
        """The same filter in Python, for commitments read from files rather than the index."""
        if self.status and c.status(today) != self.status:
            return False
        if self.due_after and (c.due is None or c.due.end < self.due_after):
            return False
        if self.due_before and (c.due is None or c.due.start > self.due_before):
            return False
        if self.actor and c.actor != self.actor:
            return False
        if self.certain is not None and (c.confidence >= CERTAIN) != self.certain:
            return False
        return not self.doc_ids or c.source.doc_id in self.doc_ids


# A later passage reports on a commitment when it shares this many of its words (stems), and
# at least this share of them: search ranks, this decides whether a hit is about it at all.
_MIN_SHARED_TERMS = 2
_MIN_SHARED_SHARE = 0.3
_MIN_WORDS = 8  # a heading alone ("Logeervoorziening Molenweg") says nothing about progress


def later_evidence(searcher: Searcher, commitment: Commitment, k: int = 3, vector=None) -> list[Hit]:
    """Passages in documents dated after the commitment's letter that most likely report on it."""
    if commitment.doc_date is None:
        return []
    filters = Filters(after=commitment.doc_date + timedelta(days=1))
    query = evidence_query(commitment)
    wanted = set(analyze(query))
    origin = searcher.document(commitment.source.doc_id)
    found = []
    for hit in searcher.search(query, k=4 * k, filters=filters, vector=vector):
        shared = wanted & set(analyze(hit.passage.text))
        if origin is not None and is_version(origin, hit.document):
            continue  # a newer version of the same letter repeats the promise; it does not report on it
        if (hit.document.id != commitment.source.doc_id and len(hit.passage.text.split()) >= _MIN_WORDS
                and len(shared) >= max(_MIN_SHARED_TERMS, _MIN_SHARED_SHARE * len(wanted))):
            found.append(hit)
    return found[:k]


def evidence_query(commitment: Commitment) -> str:
    return commitment.action or commitment.text


def export_register(commitments: list[Commitment], path: str | Path, today: date,
                    standings: dict[str, Standing] | None = None) -> Path:
    """Write the register as .xlsx (dates as dates, amounts as numbers, frozen header) or .csv,
    with each commitment's standing (set by the user, or suggested with its source)."""
    path = Path(path)
    rows = register_rows(commitments, today, standings)
    header = [name for name, _ in COLUMNS]
    if path.suffix.lower() == ".csv":
        try:
            with path.open("w", newline="", encoding="utf-8-sig") as fh:  # the BOM makes Excel read UTF-8
                writer = csv.writer(fh, delimiter=";")  # Dutch Excel expects semicolons
                writer.writerow(header)
                for row in rows:
                    writer.writerow(["" if v is None else v.isoformat() if isinstance(v, date) else v for v in row])
        except OSError as exc:
            raise OutputError(path, exc) from exc
        return path
    if path.suffix.lower() != ".xlsx":
        raise AssistantError(f"{path.name}: kies een bestandsnaam die eindigt op .xlsx of .csv")
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "Toezeggingen"
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for index, (name, width) in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = width
        for cell in sheet[letter][1:]:
            if name.startswith("Termijn ") and name != "Termijn (tekst)" or name == "Documentdatum":
                cell.number_format = "DD-MM-YYYY"
            elif name == "Bedrag (€)":
                cell.number_format = "#,##0"
    try:
        book.save(path)
    except OSError as exc:
        raise OutputError(path, exc) from exc
    return path
