"""A reply that opens every answer with a bare label ("Reactie:", "Antwoord", "Reactie van het
college:"): a nader rapport, a nota naar aanleiding van het verslag, a municipal reply that
quotes each advice before its answer.

There the labels, not the voice of each paragraph, divide the document. What comes before a
label, since the last heading or answer, is the point; what follows it is the answer, up to the
next heading, the next point label, or the next paragraph that quotes a point (set in italics
where the answers are not, or in the words of an adviser or a questioner). Numbers come from
the document's own headings and numbered paragraphs: a chapter "3." with lettered parts "a.",
"b." gives points 3a and 3b; a point the document does not number is numbered in order. A part
that no label answers (an introduction) is no point.
"""

from __future__ import annotations

from assistant.extract.section import Section
from assistant.extract.voice import block_voices, cued_point
from assistant.model import Block, Document
from assistant.parse.meta import is_closing
from assistant.parse.structure import read_label

_REPLY_ROLES = ("antwoord", "reactie", "ad")
_POINT_ROLES = ("vraag", "advies")
MIN_LABELS = 2
_MAX_SKIP = 3  # a numbered opener may skip this many numbers (a point the reply leaves out)


def bare_reply_labels(doc: Document) -> list[int]:
    """The blocks that open an answer with a label that names no number."""
    return [i for i, b in enumerate(doc.blocks) if b.role in _REPLY_ROLES and not _numbers(b)]


def applies(doc: Document) -> bool:
    """Whether the answers of a document are opened by bare labels: at least two, and the points
    are not themselves labelled with numbers ("Vraag 3" ... "Antwoord") for most of them."""
    bare = len(bare_reply_labels(doc))
    numbered = sum(1 for b in doc.blocks if b.role is not None and _numbers(b))
    return bare >= MIN_LABELS and numbered * 2 < bare


def labelled_sections(doc: Document) -> list[Section]:
    return _LabelReader(doc).read()


def _numbers(block: Block) -> tuple[str, ...]:
    label = read_label(block.text)
    return label.numbers if label else ()


class _LabelReader:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.voices = block_voices(doc)
        # Numbered paragraphs that are themselves points ("1. De leden van de ...-fractie vragen"),
        # more of them than numbered headings: then the headings are chapters and number no point.
        numbered_points = sum(1 for b, v in zip(doc.blocks, self.voices)
                              if b.kind == "point" and b.number and b.number.isdigit() and v == "point")
        numbered_headings = sum(1 for b in doc.blocks if b.kind == "heading" and b.number and b.number.isdigit())
        self.chapters = numbered_points > max(1, numbered_headings)
        self.found: list[Section] = []
        self.current: Section | None = None  # the point being answered
        self.answering = False
        self.answer_style: str | None = None
        self.region: list[int] = []  # the blocks of the point not yet answered
        self.head: int | None = None  # the heading or numbered paragraph that opened the region
        self.own_number: str | None = None  # the number the opener gives the point itself
        self.chapter: str | None = None
        self.letter: str | None = None
        self.highest = 0
        self.auto = 0

    def read(self) -> list[Section]:
        for i, block in enumerate(self.doc.blocks):
            if is_closing(block.text):
                break
            if block.kind != "note":
                self._block(i, block)
        return self.found

    def _block(self, i: int, block: Block) -> None:
        label = read_label(block.text)
        numbers = label.numbers if label else ()
        if block.role in _REPLY_ROLES and not numbers:
            self._reply_label(i, block, label.rest.strip() if label else "")
            return
        if block.role in _POINT_ROLES:
            self._new_region(i, numbers[0] if numbers else None)
            return
        number = block.number
        if number and number.isdigit() and self._numbered_opener(block, i, int(number)):
            if block.kind == "heading" and self.chapters:
                self.letter = None
                self._new_region(i, None)
            elif block.kind == "heading":
                self.chapter, self.letter = number, None
                self.highest = max(self.highest, int(number))
                self._new_region(i, None)
            else:
                self.highest = max(self.highest, int(number))
                self._new_region(i, number)
            return
        if number and len(number) == 1 and number.isalpha() and self._lettered_opener(block, i):
            self.letter = number
            self._new_region(i, None)
            return
        if block.kind == "heading" and block.role is None:
            self._new_region(i, None)  # an unnumbered heading: a part of its own
            return
        if self.answering:
            if self._quotes_next_point(i, block):
                self._new_region(i, None)
                self.region.append(i)
                return
            self.current.body.append(i)
            if self.answer_style is None:
                self.answer_style = block.emphasis or "roman"
            return
        self.region.append(i)

    def _numbered_opener(self, block: Block, i: int, number: int) -> bool:
        if block.kind == "heading":
            return not self.answering or self.highest < number <= self.highest + _MAX_SKIP or self.chapters
        if block.kind != "point" or self.voices[i] != "point":
            return False  # a numbered list inside an advice or an answer
        return self.highest < number <= self.highest + _MAX_SKIP

    def _lettered_opener(self, block: Block, i: int) -> bool:
        expected = chr(ord(self.letter) + 1) if self.letter else "a"
        if block.number != expected:
            return False
        return block.kind == "heading" or self.voices[i] == "point"

    def _quotes_next_point(self, i: int, block: Block) -> bool:
        """A paragraph after an answer that is the next quoted point, not more of the answer."""
        if self.answer_style is None:
            return False
        if block.emphasis == "italic" and self.answer_style != "italic":
            return True
        return self.answer_style != "italic" and block.emphasis != "italic" and cued_point(block)

    def _new_region(self, i: int, own_number: str | None) -> None:
        self.answering = False
        self.region, self.head, self.own_number = [], i, own_number

    def _reply_label(self, i: int, block: Block, rest: str) -> None:
        if not self.region and self.head is None and self.current is not None:
            self.answering = True  # a second label under the same point: more of its answer
        elif self.region or self.head is not None:
            head = self.head if self.head is not None else self.region[0]
            point = [k for k in self.region if k != head]
            number, auto = self._number()
            self.current = Section(numbers=(number,), head=head, point=point, auto=auto)
            self.found.append(self.current)
            self.answering, self.answer_style = True, None
            self.region, self.head, self.own_number = [], None, None
        else:
            return  # a label before any point: nothing to answer
        if rest:
            self.current.body.append(i)
            self.answer_style = block.emphasis or "roman"

    def _number(self) -> tuple[str, bool]:
        if self.own_number:
            number = self.own_number
        elif self.chapter or self.letter:
            number = (self.chapter or "") + (self.letter or "")
        else:
            self.auto += 1
            return str(self.auto), True
        taken = next((s for s in self.found if s.numbers[0] == number), None)
        if taken is None:
            return number, False
        # A second point under one number: "3" becomes "3a", this one "3b".
        letters = [s.numbers[0][-1] for s in self.found if s.numbers[0][:-1] == number and s.numbers[0][-1].isalpha()]
        if not letters:
            taken.numbers = (number + "a",) + taken.numbers[1:]
            letters = ["a"]
        return number + chr(ord(max(letters)) + 1), False
