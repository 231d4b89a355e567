"""Points that only a heading opens: a document that numbers no point, but gives each one a
heading of the same kind.

Two such runs are read, and only where no point was found otherwise (``points.sections``):

- lettered headings in order, "(a) ...", "(b) ...": an analysis that takes an advice's
  conclusions one by one. When the run starts again at "a" (a summary that repeats the
  headings before the body), the run with the most text beneath its headings is the one read;
- unnumbered headings that open with the same word ("Toezegging ...", "Toezegging ..."): a
  letter that settles commitments or answers points one heading at a time.

Both only where the document answers or weighs points, or its headings name them (see
``headed_sections``).

Each heading opens a section; the blocks after it, up to the next heading of any kind, the
courtesy sentence that ends the letter or the closing formula, are its body.
"""

from __future__ import annotations

import re

from assistant.extract.section import Section
from assistant.extract.voice import is_response
from assistant.model import Block, Document
from assistant.parse.meta import is_closing, is_courtesy

_MIN_RUN = 2
_FIRST_WORD = re.compile(r"[^\W\d_]{4,}")
# Words that name a point when a heading opens with them.
_POINT_WORD = re.compile(r"(?:toezegging|advies|aanbeveling|conclusie|vraag|motie|actiepunt|adviespunt|"
                         r"aandachtspunt|bevinding)(?:en|s)?", re.IGNORECASE)
# A title that says the document weighs someone's points: an analysis of an advice, a reaction.
_ABOUT_POINTS = re.compile(r"\b(?:advies|adviezen|aanbeveling\w*|analyse|reactie|beantwoording|nader\s+rapport)\b",
                           re.IGNORECASE)


def headed_sections(doc: Document) -> list[Section]:
    """The sections of the longest lettered run of headings, else of the largest run of headings
    that share their first word; none when the document has neither. Only in a document that
    answers or weighs points (a reply, an analysis of an advice) or whose headings name points
    in so many words ("Toezegging ...", "Aanbeveling ..."): the sections of an ordinary letter
    ("Aanleiding", "Project Stationsgebied") are no points."""
    opening = " ".join([doc.title or ""] + [b.text for b in doc.blocks[:3]])  # a title the metadata missed
    answers = is_response(doc) or bool(_ABOUT_POINTS.search(opening))
    runs = (_lettered_runs(doc) if answers else []) or _worded_runs(doc, any_word=answers)
    sections = [_sections(doc, run, lettered) for run, lettered in runs]
    sections = [s for s in sections if len(s) >= _MIN_RUN]
    if not sections:
        return []
    return max(sections, key=lambda found: sum(_length(doc, s) for s in found))


def _lettered_runs(doc: Document) -> list[tuple[list[int], bool]]:
    runs: list[list[int]] = []
    for i, block in enumerate(doc.blocks):
        letter = block.number if block.kind == "heading" and block.number and len(block.number) == 1 else None
        if letter is None or not letter.isalpha():
            continue
        if letter == "a":
            runs.append([i])
        elif runs and doc.blocks[runs[-1][-1]].number == chr(ord(letter) - 1):
            runs[-1].append(i)
    return [(run, True) for run in runs if len(run) >= _MIN_RUN]


def _worded_runs(doc: Document, any_word: bool) -> list[tuple[list[int], bool]]:
    by_word: dict[str, list[int]] = {}
    for i, block in enumerate(doc.blocks):
        if block.kind != "heading" or block.number is not None or block.role is not None:
            continue
        word = _FIRST_WORD.match(block.text.strip())
        if word is not None and (any_word or _POINT_WORD.fullmatch(word.group())):
            by_word.setdefault(word.group().casefold(), []).append(i)
    return [(run, False) for run in by_word.values() if len(run) >= _MIN_RUN]


def _sections(doc: Document, run: list[int], lettered: bool) -> list[Section]:
    sections = []
    for n, head in enumerate(run, start=1):
        body = []
        for i in range(head + 1, len(doc.blocks)):
            block: Block = doc.blocks[i]
            if block.kind == "heading" or is_closing(block.text) or is_courtesy(block.text):
                break
            if block.kind != "note":
                body.append(i)
        number = doc.blocks[head].number if lettered else str(n)
        if body:
            sections.append(Section(numbers=(number,), head=head, body=body, auto=not lettered))
    return sections


def _length(doc: Document, section: Section) -> int:
    return sum(len(doc.blocks[i].text) for i in section.body)
