"""What ``Assistant`` returns to a face: typed views that hold the facts of one request, grouped
the way every face shows them, so the CLI, the app and the Word draft agree by construction.

- ``PointsView``: each advice point with the college's answer and the commitments made *in
  that answer* (by the answer's text span, not by a point number a renumbered response may
  not share), and the commitments outside every answer.
- ``RegisterView``: the commitments a filter lets through, counts per status, and what the
  filters can offer (actors, documents with commitments).
- ``DraftResult``: the written Word file with what it holds.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.extract.points import PointMapping
from assistant.linking import Link
from assistant.model import Commitment, Document, DocumentInfo, Finding, Hit, Standing, StatusNote
from assistant.present import STATUSES

if TYPE_CHECKING:
    from assistant.draft import Draft
    from assistant.reminder import Reminder
    from assistant.register import RegisterFilter

# Later documents are searched for what they report on a commitment only once its term has come.
EVIDENCE_STATUSES: frozenset[str] = frozenset({"due", "overdue"})


def wants_evidence(c: Commitment, today: date) -> bool:
    """Whether later documents should be searched for news of ``c``: its term has begun or passed."""
    return c.status(today) in EVIDENCE_STATUSES


def in_answer(mapping: PointMapping, commitments: list[Commitment]) -> list[Commitment]:
    """The commitments whose sentence lies in the text of this point's answer."""
    answer = mapping.answer
    if answer is None:
        return []
    return [c for c in commitments
            if c.source.doc_id == answer.source.doc_id and answer.source.start <= c.source.start < answer.source.end]


def standing(c: Commitment, notes: dict[str, StatusNote], finding: Finding | None) -> Standing:
    """A stored status counts only for the sentence it was set for (a new version of the letter
    may hold another commitment at the same place)."""
    note = notes.get(c.id)
    if note is not None and " ".join(note.text.split()) != " ".join(c.text.split()):
        note = None
    return Standing(note, finding)


@dataclass
class PointRow:
    mapping: PointMapping
    commitments: list[Commitment]
    earlier: list[Link] = field(default_factory=list)  # about this point, in other documents of the index


@dataclass
class PointsView:
    rows: list[PointRow]
    unplaced: list[Commitment]  # made in the response, but in no answer to a point
    advice: Document | None
    response: Document | None
    today: date
    notes: list[str] = field(default_factory=list)

    @property
    def with_response(self) -> bool:
        return self.response is not None

    @property
    def commitments(self) -> list[Commitment]:
        seen: dict[str, Commitment] = {}
        for c in [c for row in self.rows for c in row.commitments] + self.unplaced:
            seen.setdefault(c.id, c)
        return list(seen.values())

    def stance_counts(self) -> Counter[str]:
        return Counter(row.mapping.answer.stance for row in self.rows if row.mapping.answer is not None)

    @property
    def unanswered(self) -> int:
        return sum(1 for row in self.rows if row.mapping.answer is None)

    def title(self, doc_id: str) -> str:
        """A document of this view by id: its title, else its file name."""
        for doc in (self.advice, self.response):
            if doc is not None and doc.id == doc_id:
                return doc.title or Path(doc.path).name
        return ""

    def to_dict(self) -> dict:
        return {"points": [dict(row.mapping.to_dict(), commitments=[c.id for c in row.commitments],
                                earlier=[dict(link.commitment.to_dict(self.today), link_score=round(link.score, 3))
                                         for link in row.earlier])
                           for row in self.rows],
                "commitments": [c.to_dict(self.today) for c in self.commitments],
                "unplaced": [c.id for c in self.unplaced], "notes": self.notes}


def points_view(mappings: list[PointMapping], commitments: list[Commitment], advice: Document | None,
                response: Document | None, today: date, notes: list[str] | None = None,
                earlier: list[list[Link]] | None = None) -> PointsView:
    rows = [PointRow(m, in_answer(m, commitments), list(links))
            for m, links in zip(mappings, earlier or [[] for _ in mappings])]
    placed = {c.id for row in rows for c in row.commitments}
    return PointsView(rows, [c for c in commitments if c.id not in placed], advice, response, today, notes or [])


@dataclass
class RegisterView:
    commitments: list[Commitment]
    today: date
    where: RegisterFilter
    actors: list[str]  # everyone who makes a commitment in the index, for the filter
    documents: list[DocumentInfo]  # the indexed documents that hold commitments
    total: int  # commitments in the index, before the filter
    standings: dict[str, Standing] = field(default_factory=dict)  # by commitment id, where there is news

    def standing(self, c: Commitment) -> Standing:
        return self.standings.get(c.id, Standing())

    def counts(self) -> dict[str, int]:
        found = Counter(c.status(self.today) for c in self.commitments)
        return {s: found[s] for s in STATUSES}


@dataclass
class DraftResult:
    path: Path
    draft: Draft

    @property
    def points(self) -> int:
        return len(self.draft.points)

    @property
    def commitments(self) -> int:
        return sum(len(p.commitments) for p in self.draft.points)

    @property
    def overdue(self) -> int:
        return sum(1 for p in self.draft.points for c in p.commitments
                   if c.commitment.status(self.draft.today) == "overdue")

    def stance_counts(self) -> Counter[str]:
        return Counter(p.answer.stance if p.answer else "none" for p in self.draft.points)


@dataclass
class ReminderResult:
    path: Path
    reminder: Reminder

    @property
    def commitments(self) -> int:
        return len(self.reminder.items)


@dataclass
class SearchView:
    hits: list[Hit]
    weak: bool  # even the nearest passage is far from the question: most likely no answer in the index
    nearest: float | None = None
