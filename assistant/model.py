"""The document model every stage reads and writes.

Plain dataclasses with a lossless JSON form (``to_dict`` / ``from_dict``). Every fact
keeps its source: a Block knows its page and its character span in ``Document.text``;
later objects (passages, commitments) point back to a block.
"""

from __future__ import annotations

import re

from dataclasses import asdict, dataclass, field, fields
from datetime import date
from pathlib import Path
from typing import Any, Literal

# A "note" stands at the foot of a page, below the text (a footnote, a colophon).
BlockKind = Literal["heading", "paragraph", "list_item", "point", "note"]
DocKind = Literal["advies", "reactie", "nader_rapport", "nota_verslag", "beantwoording", "kamerbrief",
                  "raadsinformatiebrief", "besluitenlijst", "beleidsprogramma", "voortgangsbrief", "beslisnota", "other"]
AmountKind = Literal["eenmalig", "structureel"]

BLOCK_KINDS: tuple[str, ...] = ("heading", "paragraph", "list_item", "point", "note")
DOC_KINDS: tuple[str, ...] = ("advies", "reactie", "nader_rapport", "nota_verslag", "beantwoording", "kamerbrief",
                               "raadsinformatiebrief", "besluitenlijst", "beleidsprogramma", "voortgangsbrief",
                               "beslisnota", "other")


@dataclass(frozen=True)
class DateRange:
    """A period a Dutch date expression stands for, with the words used in the letter."""

    start: date
    end: date
    label: str

    def to_dict(self) -> dict[str, str]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "label": self.label}

    @classmethod
    def from_dict(cls, data: dict[str, str]) -> DateRange:
        return cls(date.fromisoformat(data["start"]), date.fromisoformat(data["end"]), data["label"])


@dataclass(frozen=True)
class AmountPeriod:
    """The years an amount covers, inclusive: ``first`` to ``last`` (None: open on that side);
    ``yearly`` alone for "per jaar" without a year."""

    first: int | None = None
    last: int | None = None
    yearly: bool = False

    def __str__(self) -> str:
        """The compact form: "2023", "2024-2027", "2025-" (from), "-2027" (up to), "per jaar"."""
        if self.first is None and self.last is None:
            return "per jaar" if self.yearly else ""
        if self.first == self.last:
            return str(self.first)
        return f"{self.first or ''}-{self.last or ''}"

    @classmethod
    def parse(cls, text: str | None) -> AmountPeriod | None:
        """The compact form back (as stored in the index); None for nothing or a malformed text."""
        if not text:
            return None
        if text == "per jaar":
            return cls(yearly=True)
        m = re.fullmatch(r"(\d{4})?(-)?(\d{4})?", text)
        if not m or not (m[1] or m[3]):
            return None
        first = int(m[1]) if m[1] else None
        last = int(m[3]) if m[3] else (None if m[2] else first)
        return cls(first, last)


@dataclass(frozen=True)
class Amount:
    """An amount of euros, with whether it is one-off or recurring and the period it covers."""

    eur: float
    label: str
    kind: AmountKind | None = None
    period: AmountPeriod | None = None

    def to_dict(self) -> dict[str, Any]:
        period = self.period
        return {"eur": self.eur, "kind": self.kind, "period": str(period) if period else None,
                "first_year": period.first if period else None, "last_year": period.last if period else None,
                "label": self.label}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Amount:
        return cls(eur=data["eur"], label=data.get("label", ""), kind=data.get("kind"),
                   period=AmountPeriod.parse(data.get("period")))


@dataclass
class Block:
    """One paragraph-level unit of the body, in reading order.

    ``start``/``end`` are character offsets into ``Document.text``; ``page`` is 1-based
    and is the page the block starts on (``page_end`` where it runs on).
    """

    kind: BlockKind
    text: str
    page: int
    start: int = 0
    end: int = 0
    number: str | None = None
    page_end: int | None = None
    # What a label says follows ("vraag", "antwoord", "advies", "reactie", "ad"), and the type
    # style of the whole paragraph where the file has one ("bold", "italic").
    role: str | None = None
    emphasis: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Block:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass
class Document:
    """A parsed letter or report: metadata, letterhead fields and the body as blocks."""

    id: str
    path: str
    format: Literal["pdf", "docx", "odt", "text"]
    content_hash: str
    pages: int
    blocks: list[Block] = field(default_factory=list)
    title: str | None = None
    date: date | None = None
    reference: str | None = None
    sender: str | None = None
    addressee: str | None = None
    kind: DocKind = "other"
    kind_evidence: str = ""
    letterhead: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    # Pages read by OCR (1-based) with the OCR's mean word confidence (0-100): their text may
    # hold reading errors, and citations of them say "(OCR)".
    ocr_pages: dict[int, float] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The body text: blocks joined by blank lines; block offsets point into this."""
        return "\n\n".join(b.text for b in self.blocks)

    def read_by_ocr(self, block: Block) -> bool:
        return block.page in self.ocr_pages or (block.page_end or block.page) in self.ocr_pages

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["date"] = self.date.isoformat() if self.date else None
        data["ocr_pages"] = {str(page): conf for page, conf in self.ocr_pages.items()}
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        data = dict(data)
        data["blocks"] = [Block.from_dict(b) for b in data.get("blocks", [])]
        data["date"] = date.fromisoformat(data["date"]) if data.get("date") else None
        data["ocr_pages"] = {int(page): float(conf) for page, conf in (data.get("ocr_pages") or {}).items()}
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


def assign_offsets(blocks: list[Block]) -> list[Block]:
    """Set each block's character span in the text that ``Document.text`` builds."""
    pos = 0
    for block in blocks:
        block.start = pos
        block.end = pos + len(block.text)
        pos = block.end + 2
    return blocks


@dataclass
class Passage:
    """A paragraph-sized piece of a document, the unit of search; points back to its block."""

    id: str
    doc_id: str
    text: str
    page: int
    block: int  # 1-based paragraph number in the document body
    start: int  # character span in Document.text
    end: int
    point: str | None = None  # the numbered point this passage belongs to
    heading: str | None = None  # the nearest heading above it
    ocr: bool = False  # its page was read by OCR: the text may hold reading errors

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class DocumentInfo:
    """A document as the index knows it: what citations and the document list show."""

    id: str
    title: str
    path: str
    kind: str = "other"
    date: date | None = None
    reference: str | None = None
    version: str = ""  # the file's content hash; a changed file gets a new version
    pages: int = 0
    passages: int = 0
    format: str = ""
    sender: str | None = None
    addressee: str | None = None
    commitments: int = 0
    ocr_pages: int = 0  # pages read by OCR (a scan)
    unembedded: int = 0  # passages still waiting for their vector (found by words only until then)

    @property
    def complete(self) -> bool:
        """Searchable by meaning as well as by words: every passage has its vector."""
        return self.unembedded == 0

    @property
    def pages_text(self) -> str:
        """"12", or "12 (3 OCR)" when some pages were read by OCR."""
        return f"{self.pages} ({self.ocr_pages} OCR)" if self.ocr_pages else str(self.pages)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["date"] = self.date.isoformat() if self.date else None
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentInfo:
        names = {f.name for f in fields(cls)}
        data = {k: v for k, v in data.items() if k in names}
        if isinstance(data.get("date"), str):
            data["date"] = date.fromisoformat(data["date"]) if data["date"] else None
        return cls(**data)


@dataclass
class Hit:
    """A search result: the passage, its document and where the query terms stand in it."""

    passage: Passage
    document: DocumentInfo
    score: float
    highlights: list[tuple[int, int]] = field(default_factory=list)

    @property
    def citation(self) -> str:
        doc = self.document
        parts = [doc.title or Path(doc.path).name]
        if doc.date:
            parts.append(doc.date.strftime("%d-%m-%Y"))
        if doc.reference:
            parts.append(f"kenmerk {doc.reference}")
        parts.append(f"p. {self.passage.page}")
        parts.append(f"alinea {self.passage.block}" + (" (OCR)" if self.passage.ocr else ""))
        return ", ".join(parts)

    def marked(self, before: str = "**", after: str = "**") -> str:
        """The passage text with the query terms wrapped in markers."""
        text = self.passage.text
        out, pos = [], 0
        for start, end in self.highlights:
            out += [text[pos:start], before, text[start:end], after]
            pos = end
        out.append(text[pos:])
        return "".join(out)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.passage.text,
            "score": self.score,
            "page": self.passage.page,
            "paragraph": self.passage.block,
            "point": self.passage.point,
            "span": [self.passage.start, self.passage.end],
            "marked": self.marked(),
            "citation": self.citation,
            "document": self.document.to_dict(),
        }


Stance = Literal["agree", "partly", "disagree", "unclear"]
Strength = Literal["firm", "intent"]
Status = Literal["open", "due", "overdue", "undated"]


@dataclass
class Source:
    """Where a fact stands: document, page, paragraph and character span in Document.text."""

    doc_id: str
    page: int
    block: int  # 1-based paragraph number
    start: int
    end: int
    ocr: bool = False  # the page was read by OCR

    @property
    def where(self) -> str:
        """"p. 3, alinea 4", with "(OCR)" when the page was read by OCR."""
        return f"p. {self.page}, alinea {self.block}" + (" (OCR)" if self.ocr else "")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class AdvicePoint:
    """A numbered advice point of an advisory report (or as quoted in a response)."""

    number: str
    text: str
    source: Source
    title: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "title": self.title, "text": self.text, "page": self.source.page,
                "source": self.source.to_dict()}


@dataclass
class Answer:
    """The college's answer to one advice point, with its stance and the sentence that decided it."""

    text: str
    stance: Stance
    source: Source
    stance_sentence: str | None = None
    matched_by: Literal["number", "content", "quote"] = "number"
    numbers: tuple[str, ...] = ()  # the response's own label(s) for the point(s) it answers

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "stance": self.stance, "stance_sentence": self.stance_sentence,
                "page": self.source.page, "matched_by": self.matched_by, "source": self.source.to_dict()}


# A commitment the classifier gives at least this probability is "zeker"; below it "mogelijk".
CERTAIN = 0.6


@dataclass
class Commitment:
    """A toezegging: what is promised, by whom, by when, for how much, and where it stands."""

    text: str  # the whole sentence
    action: str
    source: Source
    actor: str | None = None
    point: str | None = None
    due: DateRange | None = None
    amount: Amount | None = None
    strength: Strength = "firm"
    doc_title: str | None = None
    doc_date: date | None = None
    # How sure the classifier is (0-1), and the features that made it a commitment.
    confidence: float = 1.0
    why: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return f"{self.source.doc_id}-c{self.source.start}"

    @property
    def certainty(self) -> str:
        """"zeker" when the classifier gives the sentence at least CERTAIN, else "mogelijk"."""
        return "zeker" if self.confidence >= CERTAIN else "mogelijk"

    def status(self, today: date) -> Status:
        if self.due is None:
            return "undated"
        if self.due.end < today:
            return "overdue"
        if self.due.start <= today:
            return "due"
        return "open"

    def to_dict(self, today: date | None = None) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "action": self.action,
            "actor": self.actor,
            "point": self.point,
            "page": self.source.page,
            "paragraph": self.source.block,
            "span": [self.source.start, self.source.end],
            "strength": self.strength,
            "document": {"id": self.source.doc_id, "title": self.doc_title,
                         "date": self.doc_date.isoformat() if self.doc_date else None},
            "due": self.due.to_dict() if self.due else None,
            "amount": self.amount.to_dict() if self.amount else None,
            "status": self.status(today or date.today()),
            "confidence": self.confidence,
            "why": list(self.why),
        }


# What later documents report about a commitment, and what the user confirmed.
Tracking = Literal["delayed", "changed", "done", "cancelled", "mentioned"]


@dataclass(frozen=True)
class Finding:
    """One later sentence about a commitment, classed: done, delayed (with the new date), changed
    (with the other amount) or just mentioned."""

    kind: Tracking
    sentence: str
    source: Source | None = None
    doc_title: str | None = None
    doc_date: date | None = None
    new_due: DateRange | None = None
    amount: Amount | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "sentence": self.sentence,
                "source": self.source.to_dict() if self.source else None,
                "document": {"title": self.doc_title, "date": self.doc_date.isoformat() if self.doc_date else None},
                "new_due": self.new_due.to_dict() if self.new_due else None,
                "amount": self.amount.to_dict() if self.amount else None}


@dataclass(frozen=True)
class StatusNote:
    """A status the user confirmed or set for a commitment, with a note; kept across reindex."""

    commitment_id: str
    kind: Tracking
    text: str  # the commitment's sentence when the status was set: a changed letter does not inherit it
    on: date
    note: str = ""
    new_due: DateRange | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"commitment": self.commitment_id, "kind": self.kind, "on": self.on.isoformat(), "note": self.note,
                "new_due": self.new_due.to_dict() if self.new_due else None}


@dataclass(frozen=True)
class Standing:
    """Where a commitment stands beyond its term: a status the user set (``note``), else the one
    a later document suggests (``finding``, with its source)."""

    note: StatusNote | None = None
    finding: Finding | None = None

    @property
    def kind(self) -> str | None:
        return self.note.kind if self.note else self.finding.kind if self.finding else None

    @property
    def confirmed(self) -> bool:
        return self.note is not None

    def settled(self, today: date) -> bool:
        """By the user's word no longer overdue: done, cancelled, or delayed to a term not yet passed."""
        if self.note is None:
            return False
        if self.note.kind == "delayed":
            return self.note.new_due is not None and self.note.new_due.end >= today
        return self.note.kind in ("done", "cancelled")
