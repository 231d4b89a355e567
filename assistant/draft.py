"""The follow-up advice draft: per advice point, what the college answered, what it promised,
and what later documents say about it, assembled into an editable Word file with sources.

Nothing is written by a model: every quoted line comes from a document and carries a
numbered source (document, date, page, paragraph); the only new words are fixed headings,
labels and questions built from the facts (an overdue promise, a declined point).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from assistant.errors import AssistantError
from assistant.extract.points import PointMapping
from assistant.linking import Link
from assistant.model import Answer, Commitment, Document, DocumentInfo, Finding, Hit, Standing
from assistant.nl.sentences import sentences
from assistant.present import long_date
from assistant.views import in_answer

# How much of an answer to quote: the sentence with the stance and the ones after it.
_ANSWER_SENTENCES = 3
EVIDENCE_PER_COMMITMENT = 2


@dataclass(frozen=True)
class SourceRef:
    """One numbered entry of the source list."""

    number: int
    title: str
    date: date | None
    reference: str | None
    page: int
    paragraph: int
    file: str
    ocr: bool = False

    def text(self) -> str:
        parts = [self.title]
        if self.date:
            parts.append(long_date(self.date))
        if self.reference:
            parts.append(f"kenmerk {self.reference}")
        parts += [f"pagina {self.page}", f"alinea {self.paragraph}" + (" (OCR)" if self.ocr else ""),
                  f"bestand {Path(self.file).name}"]
        return ", ".join(parts)


@dataclass
class DraftCommitment:
    commitment: Commitment
    source: int  # number in the source list
    later: list[tuple[Hit, int]] = field(default_factory=list)  # passage and its source number
    standing: Standing = field(default_factory=Standing)  # set by the user, or suggested by a later letter
    standing_source: int | None = None  # source number of the suggesting sentence


@dataclass
class DraftPoint:
    mapping: PointMapping
    point_source: int
    answer_source: int | None
    commitments: list[DraftCommitment]
    questions: list[str]
    possible: list[DraftCommitment] = field(default_factory=list)  # not classed as commitments; to check
    earlier: list[DraftCommitment] = field(default_factory=list)  # from other documents, about this point

    @property
    def answer(self) -> Answer | None:
        return self.mapping.answer


@dataclass
class Draft:
    subject: str
    today: date
    advice: Document | None
    response: Document | None
    points: list[DraftPoint]
    sources: list[SourceRef]
    notes: list[str] = field(default_factory=list)


class _Sources:
    """Numbers sources in order of first use; the same place gets the same number."""

    def __init__(self) -> None:
        self.refs: list[SourceRef] = []
        self._index: dict[tuple, int] = {}

    def add(self, title: str, day: date | None, reference: str | None, page: int, paragraph: int, file: str,
            ocr: bool = False) -> int:
        key = (file, page, paragraph)
        if key not in self._index:
            ref = SourceRef(len(self.refs) + 1, title, day, reference, page, paragraph, file, ocr)
            self.refs.append(ref)
            self._index[key] = ref.number
        return self._index[key]

    def from_doc(self, doc: Document, page: int, paragraph: int) -> int:
        return self.add(doc.title or Path(doc.path).name, doc.date, doc.reference, page, paragraph, doc.path,
                        page in doc.ocr_pages)

    def from_hit(self, hit: Hit) -> int:
        d = hit.document
        return self.add(d.title, d.date, d.reference, hit.passage.page, hit.passage.block, d.path, hit.passage.ocr)

    def from_finding(self, finding: Finding, later: list[Hit]) -> int | None:
        """The source number of a finding's sentence: the later passage it was read from."""
        for hit in later:
            if finding.source and hit.document.id == finding.source.doc_id and hit.passage.block == finding.source.block \
                    and hit.passage.page == finding.source.page:
                return self.from_hit(hit)
        return None


def build_draft(advice: Document | None, response: Document | None, mappings: list[PointMapping],
                commitments: list[Commitment], later: dict[str, list[Hit]], today: date,
                notes: list[str] | None = None, possible: list[Commitment] | None = None,
                standings: dict[str, Standing] | None = None, earlier: dict[str, list[tuple[Link, DocumentInfo | None]]] | None = None,
                earlier_standings: dict[str, Standing] | None = None) -> Draft:
    """Assemble the draft from what the core found: the points with their answers, the
    commitments in the response, per commitment the later passages that report on it, and the
    sentences that may be commitments the classifier did not accept (``possible``)."""
    if not mappings:
        raise AssistantError("Er zijn geen genummerde adviespunten gevonden; controleer of het juiste document "
                             "is gekozen (een advies met punten 1, 2, 3 ... of een reactie die ze citeert)")
    point_doc = advice or response
    assert point_doc is not None  # there are points, so there is a document they came from
    sources = _Sources()
    points = [_draft_point(m, point_doc, response, in_answer(m, commitments), in_answer(m, possible or []), later,
                           sources, today, standings or {}) for m in mappings]
    for point in points:
        for link, info in (earlier or {}).get(point.mapping.point.number, []):
            c = link.commitment
            item = DraftCommitment(c, sources.add(c.doc_title or c.source.doc_id, c.doc_date,
                                                  info.reference if info else None, c.source.page, c.source.block,
                                                  info.path if info else c.source.doc_id, c.source.ocr))
            item.standing = (earlier_standings or {}).get(c.id) or Standing()
            point.earlier.append(item)
    return Draft(subject=point_doc.title or "Vervolgadvies", today=today, advice=advice, response=response,
                 points=points, sources=sources.refs, notes=list(notes or []))


def _draft_point(mapping: PointMapping, point_doc: Document, response: Document | None,
                 mine: list[Commitment], maybe: list[Commitment], later: dict[str, list[Hit]], sources: _Sources,
                 today: date, standings: dict[str, Standing]) -> DraftPoint:
    point = mapping.point
    point_source = sources.from_doc(point_doc, point.source.page, point.source.block)
    answer = mapping.answer
    answer_source = None
    items: list[DraftCommitment] = []
    possible: list[DraftCommitment] = []
    if answer is not None and response is not None:
        answer_source = sources.from_doc(response, answer.source.page, answer.source.block)
        for c in mine:
            item = DraftCommitment(c, sources.from_doc(response, c.source.page, c.source.block))
            item.later = [(hit, sources.from_hit(hit)) for hit in later.get(c.id, [])]
            item.standing = standings.get(c.id) or Standing()
            if item.standing.finding is not None and not item.standing.confirmed:
                item.standing_source = sources.from_finding(item.standing.finding, later.get(c.id, []))
            items.append(item)
        possible = [DraftCommitment(c, sources.from_doc(response, c.source.page, c.source.block)) for c in maybe]
    return DraftPoint(mapping, point_source, answer_source, items,
                      suggested_questions(mapping, items, today, possible), possible)


def suggested_questions(mapping: PointMapping, commitments: list[DraftCommitment], today: date,
                        possible: list[DraftCommitment] | None = None) -> list[str]:
    """Questions for the secretary, each built from a fact the draft shows: a stance, a term that
    passed, a commitment without a term. An absence is asked about only when the answer holds no
    date and no amount at all, and then says that no commitment was recognised."""
    answer = mapping.answer
    if answer is None:
        return ["Dit adviespunt is in de reactie van het college niet beantwoord. "
                "Vraagt de adviesraad het college alsnog om een reactie?"]
    questions = []
    if answer.stance == "disagree":
        questions.append("Het college neemt dit advies niet over. Handhaaft de adviesraad het advies, "
                         "en met welke nieuwe argumenten?")
    elif answer.stance == "partly":
        questions.append("Het college neemt dit advies gedeeltelijk over. Welk deel is niet overgenomen, "
                         "en vindt de adviesraad de motivering overtuigend?")
    elif answer.stance == "unclear":
        questions.append("De reactie neemt geen duidelijk standpunt in over dit advies. "
                         "Vraagt de adviesraad om een expliciete reactie?")
    for item in commitments:
        c = item.commitment
        status = c.status(today)
        what = c.action.rstrip(" .…")
        when = f" ({c.due.label})" if c.due else ""
        s = item.standing
        if s.settled(today):
            continue  # the secretary recorded it as done, cancelled or moved to a term not yet passed
        if status in ("overdue", "due") and s.finding is not None and not s.confirmed and s.kind != "mentioned":
            cite = f" [{item.standing_source}]" if item.standing_source else ""
            said = {"done": "als uitgevoerd gemeld", "changed": "gewijzigd",
                    "delayed": "vertraagd" + (f" (nieuwe termijn: {s.finding.new_due.label})"
                                              if s.finding.new_due else "")}[s.kind]
            follow = {"done": "Is de toezegging daarmee volledig nagekomen?",
                      "changed": "Wat is er veranderd en waarom?",
                      "delayed": "Wat is de reden, en is de nieuwe termijn haalbaar?"}[s.kind]
            questions.append(f"De toezegging \u2018{what}\u2019{when} is volgens {s.finding.doc_title}{cite} {said}. {follow}")
        elif status == "overdue" and not item.later:
            questions.append(f"De termijn van de toezegging \u2018{what}\u2019{when} is verstreken en in de index staat "
                             "geen later document dat erover bericht. Wat is de stand van zaken?")
        elif status == "overdue":
            hit, number = item.later[0]
            questions.append(f"Over de toezegging \u2018{what}\u2019{when} meldt {hit.document.title} [{number}]. "
                             "Is de toezegging daarmee volledig nagekomen?")
        elif status == "undated":
            questions.append(f"De toezegging \u2018{what}\u2019 heeft geen termijn. "
                             "Vraagt de adviesraad om een planning?")
    if answer.stance in ("agree", "partly") and not commitments and not possible and not _dated_or_costed(answer.text):
        questions.append("Geen toezegging herkend: het antwoord noemt geen datum en geen bedrag. Vraagt de "
                         "adviesraad wat er wanneer gebeurt?")
    return questions


def _dated_or_costed(text: str) -> bool:
    from assistant.nl.dates import find_dates
    from assistant.nl.money import find_amounts

    return bool(find_dates(text) or find_amounts(text))


def quoted_answer(answer: Answer) -> str:
    """The part of an answer the draft quotes: the stance sentence and what follows it."""
    parts = sentences(answer.text.replace("\n\n", " "))
    start = parts.index(answer.stance_sentence) if answer.stance_sentence in parts else 0
    quoted = parts[start:start + _ANSWER_SENTENCES]
    return " ".join(quoted) + (" (…)" if len(parts) > start + _ANSWER_SENTENCES else "")
