"""Advice points, the answers a response letter gives them, and the link between the two.

An advisory report is a run of numbered points, each followed by its explanation. A reply
(a response letter, a nader rapport, answers to questions, a nota naar aanleiding van het
verslag) quotes or names each point and answers it in the paragraphs that follow. Both are read
as *sections*: the block that opens a point (a numbered point, a numbered heading, a label such
as "Vraag 3" or "Advies:"), the blocks of the point itself (a quoted advice, the question), and
the body (the answer, or in an advice the explanation), up to the next point, an unnumbered
heading or the closing formula. Who speaks in each paragraph decides where the point ends and
the answer begins (``extract/voice.py``); a reply without numbers is read as the alternation of
quoted points and answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from assistant.extract import labelled_reply
from assistant.extract.headed import headed_sections
from assistant.extract.section import Section
from assistant.extract.stance import decide_stance
from assistant.extract.voice import Voice, block_voices, cued_point, is_response, reply_start
from assistant.model import AdvicePoint, Answer, Document, Source
from assistant.nl.analyzer import analyze
from assistant.nl.sentences import sentences
from assistant.parse.meta import is_closing
from assistant.parse.structure import read_label

# How much of an advice point's vocabulary a section must share to count as its answer.
_MIN_CONTENT_SCORE = 0.35
# A match this strong (and mutual) beats the numbering: the response quotes the point.
_STRONG_CONTENT_SCORE = 0.5
_TITLE_MAX_WORDS = 20
# Headings that end a run of points: the closing part of a reply, its money, what comes next.
_CLOSING_PART = re.compile(
    r"^(?:\d+[.)]?\s+)?(?:tot\s+slot|ten\s*slotte|afsluit\w*|slot(?:opmerking\w*|beschouwing)?|samenvatt\w*|"
    r"financi[eë]n|financiële\s+\w+|kosten|middelen|vervolg|vervolgstappen|planning|communicatie|overig\w*|"
    r"bijlage\w*|conclusie\w*|tenslotte)\b", re.IGNORECASE)
_MAX_SKIP = 2
# The heading of a document's reply part, numbered as a part: "II Reactie van de minister".
_REPLY_PART = re.compile(r"^[IVX]{1,4}\.?\s+(?:reactie|antwoord|beantwoording)\s+(?:van|door)\b", re.IGNORECASE)


def sections(doc: Document) -> list[Section]:
    """The points of a document and the blocks that belong to each (see the module docstring)."""
    if labelled_reply.applies(doc):
        return labelled_reply.labelled_sections(doc)
    return _Reader(doc).read() or headed_sections(doc)


class _Reader:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.voices: list[Voice | None] = block_voices(doc)
        self.response = is_response(doc)
        self.found: list[Section] = []
        self.current: Section | None = None
        self.sink: list[Section] = []  # sections an answer label feeds (several for a grouped answer)
        self.in_point = False  # still reading the point itself (not yet its answer)
        # Numbered paragraphs that quote a point ("1. De leden van de VVD-fractie vragen ..."):
        # then numbered headings ("1. Algemeen") are chapters, not points.
        self.chapters = any(b.kind == "point" and b.number and b.number.isdigit() and v == "point"
                            for b, v in zip(doc.blocks, self.voices))
        self.head_is_label = False  # the opener was a bare label ("Vraag 1"): its text follows
        self.labelled_answer = False  # the answer was opened by a label ("Antwoord 2")
        self.highest = 0
        self.look: tuple[str, str | None] | None = None  # kind and type style of the numbered points
        self.nested: int | None = None  # the last number of a list that restarted inside a point

    def read(self) -> list[Section]:
        for i, block in enumerate(self.doc.blocks):
            if is_closing(block.text):
                break  # after "Hoogachtend," only the signature and annexes follow
            self._block(i, block)
        # A run of quoted points that nothing answered is no point list, unless the document numbers it.
        found = [s for s in self.found if s.body or s.reply_from or not s.auto]
        reply_part = max((i for i, b in enumerate(self.doc.blocks)  # the last: a contents list names it too
                          if b.kind == "heading" and _REPLY_PART.match(b.text.strip())), default=None)
        if reply_part is not None and any(s.auto and s.head > reply_part for s in found):
            # A verslag with the reply as its second part: the reply restates the questions it
            # answers, so the questions of the first part are not points of their own.
            found = [s for s in found if not (s.auto and s.head < reply_part)]
        return found

    def _block(self, i: int, block) -> None:
        if block.kind == "note":
            return  # a footnote or colophon at the foot of a page belongs to no point
        label = read_label(block.text)
        numbers = label.numbers if label and label.numbers and all(n[0].isdigit() for n in label.numbers) else ()
        top = _top_level_number(block)
        if self.chapters and block.kind == "heading" and block.role is None:
            top = None  # a chapter heading: it closes the point before it
        if block.role in ("antwoord", "reactie", "ad"):
            self._answer_label(i, block, numbers, label.rest.strip() if label else "")
            return
        if top is not None and self._opens(top, block):
            if block.role is None and self.look is None:
                self.look = (block.kind, block.emphasis)
            grouped = numbers if len(numbers) > 1 else (str(top),)  # "Advies 2 en 3"; else the block's own number
            self._open(i, grouped, label_only=not (label and label.rest.strip()))
            return
        letter = self._letter(i, block)
        if letter is not None:  # (a), (b), ...: the points of a document that numbers by letter
            self._open(i, (letter,), label_only=not (label and label.rest.strip()))
            return
        if block.role in ("advies", "vraag") and not numbers and self.response:
            self._open(i, (str(self._next_auto()),), label_only=not (label and label.rest.strip()), auto=True)
            return
        if block.kind == "heading" and (block.number is None or top is None) and block.role is None \
                and not (block.number and block.number.isalpha()) and self._closes(block):
            self.current, self.sink = None, []  # "Financiën", "Tot slot": the point-by-point part is over
            return
        voice = self.voices[i]
        if self.current is None:
            if self.response and voice == "point":  # an unnumbered quoted point: a nader rapport, a nota
                self._open(i, (str(self._next_auto()),), label_only=False, auto=True)
            return
        if self.in_point and self.response and (voice == "point" or (self.head_is_label and voice is None
                                                                      and not self.current.point)):
            self.current.point.append(i)
            self._reply_inside(i, block)
            return
        # After an "Antwoord" label an italic paragraph is still the answer; one that asks or advises
        # in so many words is the next point.
        if not self.in_point and self.response and voice == "point" and (not self.labelled_answer
                                                                         or cued_point(block)):
            if self.current.auto:
                self._open(i, (str(self._next_auto()),), label_only=False, auto=True)  # the next quoted point
            else:
                self._sub_point(i, block)
            return
        self.in_point = False
        for section in self.sink or [self.current]:
            section.body.append(i)

    def _closes(self, block) -> bool:
        """Whether a heading without a number of its own ends the point before it. Under a point
        written as a paragraph ("1. Breid de respijtzorg uit ..."), any such heading does; under a
        numbered chapter heading ("4. Beoordeling"), its sub-headings ("4.1 Vooraf", "Noodzaak")
        do not, a closing part ("Tot slot", "Financiën") does."""
        if self.current is None:
            return True
        opener = self.doc.blocks[self.current.head]
        if opener.kind != "heading" or opener.role is not None:
            return True
        if block.number and block.number.split(".")[0] == (opener.number or "").split(".")[0]:
            return False
        return bool(_CLOSING_PART.match(block.text.strip()))

    def _opens(self, number: int, block) -> bool:
        """The next point, or one a little further on (a reply may skip a point it does not
        answer), or a point named again ("Vraag 3" after the list of questions). A numbered
        line that looks different from the points before it (another kind or type style) is a
        list inside a point, not the next point."""
        if block.role is None and self.look is not None and (block.kind, block.emphasis) != self.look:
            return False
        if block.role is None and self.current is not None:
            # A list that starts again at 1 inside a point runs on (1, 2, 3, ...) within it.
            if number == 1 and self.highest >= 1 and not self._existing(("1",)):
                self.nested = 1
                return False
            if self.nested is not None and number == self.nested + 1:
                self.nested = number
                return False
        self.nested = None
        if self.highest < number <= self.highest + _MAX_SKIP + 1 or (number > self.highest and self.current is None):
            return True
        if block.role not in ("vraag", "advies"):
            return False
        # A labelled question ("Vraag 6") opens its point even out of order (6-8 answered after a
        # grouped answer to 3, 4, 5, 9 and 10), unless that number was already read.
        return self._existing((str(number),)) is not None or not any(str(number) in s.numbers for s in self.found)

    def _existing(self, numbers: tuple[str, ...]) -> Section | None:
        return next((s for s in self.found if set(s.numbers) & set(numbers) and not s.body and not s.auto), None)

    def _open(self, i: int, numbers: tuple[str, ...], label_only: bool, auto: bool = False) -> None:
        again = None if auto else self._existing(numbers)
        if again is not None:  # the question restated before its answer: the first wording stays
            self.current = again
        else:
            self.current = Section(numbers=numbers, head=i, auto=auto)
            self.found.append(self.current)
            if not auto:
                self.highest = max([self.highest] + [int(n) for n in numbers if n.isdigit()])
        self.sink = []
        self.in_point = True
        self.head_is_label = label_only
        self.labelled_answer = False
        if again is None:
            self._reply_inside(i, self.doc.blocks[i])

    def _reply_inside(self, i: int, block) -> None:
        """A point paragraph that restates a question and goes on with the answer: the answer
        starts inside it, and the blocks after it are the answer's too."""
        if not self.response or self.current is None:
            return
        start = reply_start(block.text)
        if start is not None:
            self.current.reply_from = (i, start)
            self.in_point = False

    def _answer_label(self, i: int, block, numbers: tuple[str, ...], rest: str) -> None:
        if numbers:
            targets = [s for s in self.found if set(s.numbers) & set(numbers)]
            if not targets:  # answers without their questions ("Ad 2", "Antwoord 3")
                self._open(i, numbers, label_only=True)
                targets = [self.current]
            self.current, self.sink = targets[-1], targets
            for target in targets if len(targets) > 1 else ():
                target.answered_with = tuple(n for t in targets for n in t.numbers)
            self.highest = max([self.highest] + [int(n) for n in numbers if n.isdigit()])
        elif self.current is None:
            return
        self.in_point = False
        self.labelled_answer = True  # what follows an "Antwoord" label is the answer, whatever its style
        if rest and not (block.kind == "heading" and block.number is None):
            for section in self.sink or [self.current]:
                section.body.append(i)

    def _sub_point(self, i: int, block) -> None:
        """A second quoted point inside a numbered section ("3" with its parts a, b, ...): a point
        of its own, numbered by its letter or the next one."""
        parent = self.current
        base = re.sub(r"[a-z]+$", "", parent.numbers[0])
        taken = [s.numbers[0] for s in self.found if re.fullmatch(rf"{re.escape(base)}[a-z]", s.numbers[0])]
        if not taken:  # the section's first part becomes "3a" when it has a second
            first_letter = self._own_letter(parent)
            parent.numbers = (base + (first_letter or "a"),) + parent.numbers[1:]
            taken = [parent.numbers[0]]
        own = block.number if block.number and block.number.isalpha() and len(block.number) == 1 else None
        letter = own or chr(ord(max(n[-1] for n in taken)) + 1)
        self.current = Section(numbers=(base + letter,), head=i)
        self.found.append(self.current)
        self.sink = []
        self.in_point = True
        self.head_is_label = False
        self._reply_inside(i, block)

    def _own_letter(self, section: Section) -> str | None:
        for index in [section.head] + section.point:
            number = self.doc.blocks[index].number
            if number and number.isalpha() and len(number) == 1:
                return number
        return None

    def _letter(self, i: int, block) -> str | None:
        """A lettered point that opens a section: only in a reply that numbers no point by digit,
        with the letters in order, and not an enumeration inside an answer."""
        number = block.number
        if (not self.response or block.kind not in ("point", "heading") or not number or len(number) != 1
                or not number.isalpha() or any(s.numbers[0][:1].isdigit() for s in self.found if not s.auto)):
            return None
        letters = [s.numbers[0] for s in self.found if s.numbers[0].isalpha()]
        if number != (chr(ord(letters[-1]) + 1) if letters else "a"):
            return None
        in_answer = self.current is not None and not self.current.numbers[0].isalpha()
        if in_answer and block.kind != "heading" and self.voices[i] != "point":
            return None
        return number

    def _next_auto(self) -> int:
        return sum(1 for s in self.found if s.auto) + 1


@dataclass(frozen=True)
class PointLayout:
    """Per block of a document: the point it answers or explains, and whether it quotes a point
    (the advice or question itself, in a reply)."""

    point_of: dict[int, str]
    quoted: frozenset[int]
    # A quoted block whose answer begins inside it: the character offset where it does.
    reply_from: dict[int, int] = field(default_factory=dict)


def point_layout(doc: Document) -> PointLayout:
    response = is_response(doc)
    point_of: dict[int, str] = {}
    quoted: set[int] = set()
    answers: set[int] = set()
    reply_from: dict[int, int] = {}
    for section in sections(doc):
        for index in [section.head] + section.point + section.body:
            point_of.setdefault(index, section.numbers[0])
        if response:
            quoted.update([section.head] + section.point)
        answers.update(section.body)
        if section.reply_from is not None:
            reply_from[section.reply_from[0]] = section.reply_from[1]
    # Outside the answers the sections found, a paragraph in the voice of a point is a quote too;
    # inside them the reading of the sections wins (an answer set in italics is still an answer).
    voices = block_voices(doc)
    quoted.update(i for i, voice in enumerate(voices) if voice == "point" and i not in answers)
    return PointLayout(point_of=point_of, quoted=frozenset(quoted), reply_from=reply_from)


def _top_level_number(block) -> int | None:
    if block.kind not in ("point", "heading") or not block.number or not block.number.isdigit():
        return None
    return int(block.number)


def _source(doc: Document, index: int) -> Source:
    block = doc.blocks[index]
    return Source(doc_id=doc.id, page=block.page, block=index + 1, start=block.start, end=block.end)


def advice_points(doc: Document) -> list[AdvicePoint]:
    """The numbered advice points of an advisory report, each with its explanation."""
    points = []
    for section in sections(doc):
        head = doc.blocks[section.head]
        text = "\n\n".join([head.text] + [doc.blocks[i].text for i in section.point + section.body
                                           if doc.blocks[i].kind != "heading"])
        points.append(AdvicePoint(number=section.numbers[0], text=text, source=_source(doc, section.head),
                                  title=_title(head.text)))
    return points


def quoted_points(doc: Document) -> list[tuple[AdvicePoint, Answer]]:
    """In a response letter: each quoted point and the answer that follows it."""
    pairs = []
    for section in sections(doc):
        head = doc.blocks[section.head]
        parts = [head.text] + [doc.blocks[i].text for i in section.point]
        lead = None
        if section.reply_from is not None:  # the question restated and answered in one paragraph
            split, offset = section.reply_from
            parts[-1] = parts[-1][:offset].rstrip()
            lead = (split, offset)
        text = "\n\n".join(parts)
        answer = _answer(doc, section.body, matched_by="number", numbers=section.answered_with or section.numbers,
                         lead=lead)
        title = _title(head.text) or (_title(doc.blocks[section.point[0]].text) if section.point else None)
        source = _source(doc, section.head)
        if lead is not None and lead[0] == section.head:
            source.end = doc.blocks[section.head].start + len(parts[0])  # the point ends where its answer begins
        for number in section.numbers:
            point = AdvicePoint(number=number, text=text, source=source, title=title)
            pairs.append((point, answer))
    return pairs


def _answer(doc: Document, indices: list[int], matched_by: str, numbers: tuple[str, ...] = (),
            lead: tuple[int, int] | None = None) -> Answer | None:
    """The answer in ``indices``; with ``lead`` (block, offset) it begins inside that block."""
    blocks = [i for i in indices if doc.blocks[i].kind != "heading"]
    if not blocks and lead is None:
        return None
    texts = [doc.blocks[i].text for i in blocks]
    if lead is not None:
        texts.insert(0, doc.blocks[lead[0]].text[lead[1]:])
    text = "\n\n".join(texts)
    stance, sentence = decide_stance(text)
    source = _source(doc, lead[0] if lead is not None else blocks[0])
    if lead is not None:
        source.start += lead[1]
    source.end = doc.blocks[blocks[-1] if blocks else lead[0]].end
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
        candidates = [(s, "\n\n".join(response.blocks[i].text for i in [s.head] + s.point + s.body))
                      for s in response_sections]
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
        lead = section.reply_from  # the answer begins inside the paragraph that restates the point
        body = section.body if section.body or lead else [section.head]
        mappings.append(PointMapping(point, _answer(response, body, matched_by=how, numbers=section.numbers,
                                                    lead=lead)))
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
