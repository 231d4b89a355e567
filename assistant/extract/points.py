"""Advice points, the answers a response letter gives them, and the link between the two.

An advisory report is a run of numbered points, each followed by its explanation. A
response letter quotes (or names) each point and answers it in the paragraphs that follow.
Both are read as *sections*: a top-level numbered point and the blocks after it, up to the
next point, an unnumbered heading or the closing formula.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from assistant.extract.stance import decide_stance
from assistant.model import AdvicePoint, Answer, Document, Source
from assistant.nl.analyzer import analyze
from assistant.nl.sentences import sentences
from assistant.parse.meta import is_closing

# "Advies 2 en 3", "adviespunten 4, 5 en 6", "punten 2 t/m 4": a section answering several points.
_GROUPED = re.compile(
    r"^(?:advies(?:punt)?(?:en)?|aanbeveling(?:en)?|punt(?:en)?)\s+(\d{1,2}(?:\s*(?:,|en|&|t/m|tot en met)\s*\d{1,2})+)",
    re.IGNORECASE,
)
# How much of an advice point's vocabulary a section must share to count as its answer.
_MIN_CONTENT_SCORE = 0.35
# A match this strong (and mutual) beats the numbering: the response quotes the point.
_STRONG_CONTENT_SCORE = 0.5
_TITLE_MAX_WORDS = 20
_MAX_SKIP = 2


@dataclass
class Section:
    numbers: tuple[str, ...]
    head: int  # index of the point block in doc.blocks
    body: list[int] = field(default_factory=list)


def sections(doc: Document) -> list[Section]:
    """Top-level numbered points and the blocks that belong to each."""
    found: list[Section] = []
    current: Section | None = None
    highest = 0
    for i, block in enumerate(doc.blocks):
        number = _top_level_number(block)
        # The next point, or one a little further on (a response may skip a point it does not answer).
        if number is not None and (highest < number <= highest + _MAX_SKIP + 1 or (number > highest and current is None)):
            current = Section(numbers=_numbers(block.text, str(number)), head=i)
            found.append(current)
            highest = max(int(n) for n in current.numbers)
            continue
        if current is None:
            continue
        if (block.kind == "heading" and number is None) or is_closing(block.text):
            current = None
            continue
        current.body.append(i)
    return found


def _top_level_number(block) -> int | None:
    if block.kind not in ("point", "heading") or not block.number or not block.number.isdigit():
        return None
    return int(block.number)


def _numbers(text: str, first: str) -> tuple[str, ...]:
    match = _GROUPED.match(text)
    if not match:
        return (first,)
    numbers = [int(n) for n in re.findall(r"\d{1,2}", match.group(1))]
    if re.search(r"t/m|tot en met", match.group(1)) and len(numbers) == 2:
        numbers = list(range(numbers[0], numbers[1] + 1))
    return tuple(str(n) for n in numbers)


def _source(doc: Document, index: int) -> Source:
    block = doc.blocks[index]
    return Source(doc_id=doc.id, page=block.page, block=index + 1, start=block.start, end=block.end)


def advice_points(doc: Document) -> list[AdvicePoint]:
    """The numbered advice points of an advisory report, each with its explanation."""
    points = []
    for section in sections(doc):
        head = doc.blocks[section.head]
        text = "\n\n".join([head.text] + [doc.blocks[i].text for i in section.body if doc.blocks[i].kind != "heading"])
        points.append(AdvicePoint(number=section.numbers[0], text=text, source=_source(doc, section.head),
                                  title=_title(head.text)))
    return points


def quoted_points(doc: Document) -> list[tuple[AdvicePoint, Answer]]:
    """In a response letter: each quoted point and the answer that follows it."""
    pairs = []
    for section in sections(doc):
        head = doc.blocks[section.head]
        answer = _answer(doc, section.body, matched_by="number", numbers=section.numbers)
        for number in section.numbers:
            point = AdvicePoint(number=number, text=head.text, source=_source(doc, section.head), title=_title(head.text))
            pairs.append((point, answer))
    return pairs


def _answer(doc: Document, indices: list[int], matched_by: str, numbers: tuple[str, ...] = ()) -> Answer | None:
    blocks = [i for i in indices if doc.blocks[i].kind != "heading"]
    if not blocks:
        return None
    text = "\n\n".join(doc.blocks[i].text for i in blocks)
    stance, sentence = decide_stance(text)
    source = _source(doc, blocks[0])
    source.end = doc.blocks[blocks[-1]].end
    return Answer(text=text, stance=stance, source=source, stance_sentence=sentence,
                  matched_by=matched_by, numbers=numbers)  # type: ignore[arg-type]


def _title(text: str) -> str | None:
    from assistant.parse.structure import point_label

    label = point_label(text)
    rest = label[1] if label else text
    first = sentences(rest)[0] if rest else ""
    return first.strip() if first and len(first.split()) <= _TITLE_MAX_WORDS else None


@dataclass
class PointMapping:
    point: AdvicePoint
    answer: Answer | None

    def to_dict(self) -> dict:
        data = self.point.to_dict()
        data["answer"] = self.answer.to_dict() if self.answer else None
        return data


def map_points(advice: Document | None, response: Document | None, embedder=None) -> list[PointMapping]:
    """Every advice point with the response's answer to it, or None when it went unanswered.

    Linked by number where the response's numbering matches the advice (and the content
    does not contradict it), otherwise by content: shared vocabulary, and the embedding
    similarity when an embedder is given. With only a response, its quoted points are used.
    """
    if advice is None:
        if response is None:
            return []
        return [PointMapping(p, a) for p, a in quoted_points(response)]
    points = advice_points(advice)
    if response is None:
        return [PointMapping(p, None) for p in points]
    response_sections = sections(response)
    if response_sections:
        candidates = [(s, "\n\n".join(response.blocks[i].text for i in [s.head] + s.body)) for s in response_sections]
    else:  # an answer in prose: every paragraph is a candidate
        candidates = [(Section(numbers=(), head=i), b.text) for i, b in enumerate(response.blocks) if b.kind != "heading"]
    texts = [text for _, text in candidates]
    sections_only = [s for s, _ in candidates]
    chosen = _assign(points, sections_only, _similarity([p.text for p in points], texts))
    # Shared words settle most letters; the embedding model is asked only when they do not.
    unused = set(range(len(candidates))) - set(chosen)
    if embedder is not None and any(c is None for c in chosen) and unused:
        chosen = _assign(points, sections_only, _similarity([p.text for p in points], texts, embedder))
    mappings = []
    for point, column in zip(points, chosen):
        if column is None:
            mappings.append(PointMapping(point, None))
            continue
        section = candidates[column][0]
        how = "number" if point.number in section.numbers else "content"
        body = section.body if section.body else [section.head]
        mappings.append(PointMapping(point, _answer(response, body, matched_by=how, numbers=section.numbers)))
    return mappings


def _assign(points: list[AdvicePoint], candidates: list[Section], scores: np.ndarray) -> list[int | None]:
    """Which candidate answers which point: clear content matches first, then numbers, then
    the best remaining content match. A section answers one point, unless it names several."""
    chosen: list[int | None] = [None] * len(points)
    if not candidates:
        return chosen
    taken: set[int] = set()

    def free(column: int, point: AdvicePoint) -> bool:
        numbers = candidates[column].numbers
        return column not in taken or (len(numbers) > 1 and point.number in numbers)

    for row in range(len(points)):  # 1. mutual best matches that share most of the point's words
        column = int(np.argmax(scores[row]))
        if scores[row, column] >= _STRONG_CONTENT_SCORE and int(np.argmax(scores[:, column])) == row:
            chosen[row] = column
            taken.add(column)
    for row, point in enumerate(points):  # 2. the response's own numbering
        if chosen[row] is None:
            numbered = [j for j, s in enumerate(candidates) if point.number in s.numbers and free(j, point)]
            if numbered:
                chosen[row] = numbered[0]
                taken.add(numbered[0])
    for row, point in enumerate(points):  # 3. whatever content is left
        if chosen[row] is None:
            options = [j for j in range(len(candidates)) if free(j, point) and scores[row, j] >= _MIN_CONTENT_SCORE]
            if options:
                chosen[row] = max(options, key=lambda j: scores[row, j])
                taken.add(chosen[row])
    return chosen


def _similarity(points: list[str], candidates: list[str], embedder=None) -> np.ndarray:
    """Share of each point's terms found in each candidate, blended with embedding cosine."""
    point_terms = [set(analyze(t)) for t in points]
    cand_terms = [set(analyze(t)) for t in candidates]
    overlap = np.array([[len(p & c) / len(p) if p else 0.0 for c in cand_terms] for p in point_terms])
    if embedder is None or not points or not candidates:
        return overlap
    a = np.asarray(embedder.embed_queries(points))
    b = np.asarray(embedder.embed_passages(candidates))
    cosine = a @ b.T
    # e5 cosines sit between ~0.7 (unrelated) and 1.0; stretch that band to 0..1.
    stretched = np.clip((cosine - 0.7) / 0.3, 0.0, 1.0)
    return 0.5 * overlap + 0.5 * stretched
