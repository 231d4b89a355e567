"""Structure: what kind of block each paragraph is, and the label of numbered points.

Numbered points are what advice reports and point-by-point replies are made of:
"1.", "2)", "Advies 3.", "Adviespunt 2:", "a.". A short numbered line without a full
stop ("2. Achtergrond") is a numbered heading, not a point.
"""

from __future__ import annotations

import re

from assistant.model import Block
from assistant.parse.layout import RawParagraph

# Label patterns, tried in order; group "n" is the normalised number.
POINT_LABELS: tuple[re.Pattern[str], ...] = (
    re.compile(
        r"^(?:advies(?:punt)?|aanbeveling|punt|vraag|antwoord|toezegging)\s+(?P<n>\d{1,2}[a-z]?)\s*[.:)\-–]?\s*",
        re.IGNORECASE,
    ),
    re.compile(r"^(?P<n>\d{1,2}(?:\.\d{1,2})*)[.)]?\s+(?=\S)"),
    re.compile(r"^(?P<n>[a-z])[.)]\s+(?=\S)"),
)
BULLETS = "•·▪◦●○■□➢►-–*"
_BULLET = re.compile(rf"^[{re.escape(BULLETS)}]\s+")
# Headings are short and do not end like a sentence.
_HEADING_MAX_WORDS = 12
_SENTENCE_PUNCT = tuple(".,;:!?")


def point_label(text: str) -> tuple[str, str] | None:
    """The normalised label of a numbered paragraph and the text after it, or None."""
    for pattern in POINT_LABELS:
        match = pattern.match(text)
        if match:
            number = match.group("n")
            rest = text[match.end():]
            # "2024 is een jaar ..." is not point 2024; "1.5 miljoen" is not a label.
            if pattern is POINT_LABELS[1] and not text[: match.end()].rstrip().endswith((".", ")")):
                if "." not in number:
                    return None
            if not rest or rest[0].isdigit():
                return None
            return number, rest
    return None


def classify(paragraph: RawParagraph) -> Block:
    """Turn a re-flowed paragraph into a Block of the right kind."""
    text = paragraph.text
    kind: str
    number: str | None = paragraph.number
    if paragraph.hint == "heading":
        kind = "heading"
    elif paragraph.hint == "list_item":
        kind = "list_item"
    elif paragraph.hint == "table":
        kind = "paragraph"  # a table row reads as one line of cells
    elif paragraph.hint == "point":
        kind = "point"
    elif _BULLET.match(text):
        kind = "list_item"
    elif (label := point_label(text)) is not None:
        number, rest = label
        kind = "heading" if _is_heading_text(rest) else "point"
    elif _is_heading_text(text):
        kind = "heading"
    else:
        kind = "paragraph"
    return Block(
        kind=kind,  # type: ignore[arg-type]
        text=text,
        page=paragraph.page,
        number=number,
        page_end=paragraph.page_end if paragraph.page_end != paragraph.page else None,
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
