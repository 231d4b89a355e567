"""Structure: what kind of block each paragraph is, the label of numbered points, and the role
a label gives a block.

Numbered points are what advice reports and point-by-point replies are made of: "1.", "2)",
"a.", "Advies 3.", "Adviespunt 2:", "Punt 1", "Ad 1", "Vraag 4", "Antwoord op vraag 3 en 8".
A short numbered line without a full stop ("2. Achtergrond", "Vraag 1") is a numbered
heading, not a point; a label line on its own ("Antwoord", "Reactie college:") is a heading
that says whose voice follows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.model import Block
from assistant.parse.layout import RawParagraph

# Words that open a labelled point, and the role the label gives what follows.
ROLE_WORDS: dict[str, str] = {
    "advies": "advies", "adviezen": "advies", "adviespunt": "advies", "adviespunten": "advies",
    "aanbeveling": "advies", "aanbevelingen": "advies", "punt": "advies", "punten": "advies",
    "toezegging": "advies", "vraag": "vraag", "vragen": "vraag", "ad": "ad",
    "antwoord": "antwoord", "antwoorden": "antwoord", "reactie": "reactie", "standpunt": "reactie",
}  # fmt: skip
# A list of numbers after a label: "3", "3 en 8", "4, 5 en 6", "2 t/m 4", "10-11".
_NUMBERS = r"\d{1,3}[a-z]?(?:\s*(?:,|en|&|t/m|tot en met|-|–)\s*\d{1,3}[a-z]?)*"
_ROLE_LABEL = re.compile(
    r"^(?P<word>" + "|".join(sorted(ROLE_WORDS, key=len, reverse=True)) + r")"
    r"(?:\s+(?:op|bij|van|aan)(?:\s+(?:de\s+)?(?:vraag|vragen|advies|adviespunt|punt|punten))?)?"
    r"(?:\s+(?P<n>" + _NUMBERS + r"))?"
    r"\s*[.:)\-–]?\s*",
    re.IGNORECASE,
)
# Who speaks after a label line without number ("Reactie van het college:", "Antwoord:").
_BARE_LABEL = re.compile(
    r"^(?:(?:de\s+)?(?:reactie|antwoord|standpunt|bestuurlijke reactie)(?:\s+(?:van\s+)?(?:het\s+)?"
    r"(?:college|kabinet|minister|staatssecretaris|wethouder|burgemeester|gemeente))?"
    r"|(?:ons\s+)?(?:advies|aanbeveling|vraag))\s*:?$",
    re.IGNORECASE,
)
# "Advies: Leg vast dat ...", "Reactie college: Wij nemen ...": a labelled block with its text.
_ROLE_COLON = re.compile(
    r"^(?P<word>advies|aanbeveling|vraag|antwoord|reactie|standpunt)(?:\s+(?:van\s+)?(?:het\s+)?"
    r"(?:college|kabinet|minister|gemeente|adviesraad))?\s*:\s+(?=\S)", re.IGNORECASE)
_NUMBERED = re.compile(r"^(?P<n>\d{1,2}(?:\.\d{1,2})*)[.)]?\s+(?=\S)")
_LETTERED = re.compile(r"^\(?(?P<n>[a-z])[.)]\s+(?=\S)")
BULLETS = "•·▪◦●○■□➢►-–*"
_BULLET = re.compile(rf"^[{re.escape(BULLETS)}]\s+")
# Headings are short and do not end like a sentence.
_HEADING_MAX_WORDS = 12
_SENTENCE_PUNCT = tuple(".,;:!?")


@dataclass(frozen=True)
class Label:
    """What opens a paragraph: its role ("advies", "vraag", "antwoord", "reactie", "ad", or None
    for a bare number), the numbers it names, and the text after it."""

    role: str | None
    numbers: tuple[str, ...]
    rest: str


def read_label(text: str) -> Label | None:
    """The label a paragraph opens with, or None: "Vraag 3", "Antwoord op vraag 3 en 8",
    "Advies 2:", "2.", "b)", and bare role words ("Reactie:", "Antwoord")."""
    match = _ROLE_LABEL.match(text)
    if match and (match.group("n") or _BARE_LABEL.match(text.strip())):
        rest = text[match.end():] if match.group("n") else ""
        if match.group("n") and rest and rest[0].isdigit():
            return None  # "Punt 2 3 ..." reads as text
        return Label(ROLE_WORDS[match.group("word").lower()], numbers_in(match.group("n") or ""), rest)
    colon = _ROLE_COLON.match(text)
    if colon:
        return Label(ROLE_WORDS[colon.group("word").lower()], (), text[colon.end():])
    if _BARE_LABEL.match(text.strip()):
        word = text.strip().split()[0].lower().rstrip(":")
        word = "reactie" if word in ("de", "bestuurlijke") else word
        return Label(ROLE_WORDS.get(word, "reactie"), (), "")
    for pattern in (_NUMBERED, _LETTERED):
        match = pattern.match(text)
        if not match:
            continue
        number, rest = match.group("n"), text[match.end():]
        head = text[: match.end()].rstrip()
        # "2024 is een jaar ..." is not point 2024; "1.5 miljoen" is not a label.
        if pattern is _NUMBERED and not head.endswith((".", ")")) and "." not in number:
            return None
        if not rest or rest[0].isdigit():
            return None
        return Label(None, (number,), rest)
    return None


def numbers_in(text: str) -> tuple[str, ...]:
    """"3 en 8" -> ("3", "8"); "2 t/m 4" and "10-12" -> every number in the range."""
    numbers = re.findall(r"\d{1,3}[a-z]?", text)
    if len(numbers) == 2 and re.search(r"t/m|tot en met|-|–", text) and all(n.isdigit() for n in numbers):
        low, high = int(numbers[0]), int(numbers[1])
        if low < high <= low + 30:
            return tuple(str(n) for n in range(low, high + 1))
    return tuple(numbers)


def point_label(text: str) -> tuple[str, str] | None:
    """The first number of a numbered paragraph and the text after its label, or None."""
    label = read_label(text)
    if label is None or not label.numbers:
        return None
    return label.numbers[0], label.rest


def is_label_line(text: str) -> bool:
    """A line that is only a label ("Vraag 1", "Antwoord op vraag 3 en 8", "Reactie:")."""
    label = read_label(text.strip())
    return label is not None and label.role is not None and not label.rest.strip()


def classify(paragraph: RawParagraph) -> Block:
    """Turn a re-flowed paragraph into a Block of the right kind, with its label's role."""
    text = paragraph.text
    kind: str
    number: str | None = paragraph.number
    label = read_label(text)
    role = label.role if label else None
    if paragraph.foot:
        kind = "note"
    elif paragraph.hint == "heading":
        kind = "heading"
        if label is not None and label.numbers and number is None and _is_heading_text(label.rest or "X"):
            number = label.numbers[0]
    elif paragraph.hint == "list_item":
        kind = "list_item"
    elif paragraph.hint == "table":
        kind = "paragraph"  # a table row reads as one line of cells
    elif paragraph.hint == "point":
        kind = "point"
    elif _BULLET.match(text):
        kind = "list_item"
        text = _BULLET.sub("", text, count=1)  # the glyph is layout: Word keeps it out of the text too
    elif label is not None and not label.rest.strip():
        kind, number = "heading", label.numbers[0] if label.numbers else None  # "Vraag 1", "Antwoord"
    elif label is not None and label.numbers:
        number = label.numbers[0]
        # A numbered question ("2. Wanneer wordt de regeling geëvalueerd?") is a point, not a title.
        question = label.rest.rstrip().endswith("?")
        kind = "heading" if _is_heading_text(label.rest) and not question else "point"
    elif _is_heading_text(text) and not (paragraph.italic and not paragraph.bold):
        kind = "heading"
    else:
        kind = "paragraph"
    return Block(
        kind=kind,  # type: ignore[arg-type]
        text=text,
        page=paragraph.page,
        number=number,
        page_end=paragraph.page_end if paragraph.page_end != paragraph.page else None,
        role=role,
        emphasis="bold" if paragraph.bold else "italic" if paragraph.italic else None,
    )


def _is_heading_text(text: str) -> bool:
    words = text.split()
    if not words or len(words) > _HEADING_MAX_WORDS:
        return False
    if text.rstrip().endswith("?") and len(words) <= 6:
        return text[0].isupper()  # "Waar staan wij?": a question as a section title
    if text.rstrip().endswith(_SENTENCE_PUNCT):
        return False
    # A heading starts with a capital or a digit ("3.1 Financiën").
    return text[0].isupper() or text[0].isdigit()


_CONTENTS = re.compile(r"^(?:inhoudsopgave|inhoud|inhoudstafel|table of contents)\s*:?$", re.IGNORECASE)
_PAGE_REFERENCE = re.compile(r"\s\.*\s*\d{1,3}$")


def mark_contents(blocks: list[Block]) -> list[Block]:
    """A table of contents ("1. Inleiding 3") is no run of points: its entries become plain
    paragraphs, so the chapters they name are read once, where they stand."""
    inside = False
    for block in blocks:
        if _CONTENTS.match(block.text.strip()):
            inside = True
            continue
        if inside and _PAGE_REFERENCE.search(block.text):
            block.kind, block.number, block.role = "paragraph", None, None
        else:
            inside = False
    return blocks
