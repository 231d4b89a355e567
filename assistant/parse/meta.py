"""Letterhead and metadata: subject, date, kenmerk, sender, addressee, and document kind.

The letterhead is the block on page one before the salutation (or the run of field
lines at the top): it is kept out of the body, but its fields are read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.model import Block
from assistant.nl.sentences import sentences, shorten
from assistant.parse.lines import Line

# Letterhead field labels and the key each one is stored under.
FIELD_LABELS: dict[str, str] = {
    "datum": "datum",
    "verzenddatum": "datum",
    "ons kenmerk": "kenmerk",
    "kenmerk": "kenmerk",
    "onze referentie": "kenmerk",
    "referentie": "kenmerk",
    "zaaknummer": "kenmerk",
    "registratienummer": "kenmerk",
    "documentnummer": "kenmerk",
    "uw kenmerk": "uw_kenmerk",
    "uw brief van": "uw_brief",
    "uw brief": "uw_brief",
    "onderwerp": "onderwerp",
    "betreft": "onderwerp",
    "bijlage(n)": "bijlagen",
    "bijlagen": "bijlagen",
    "bijlage": "bijlagen",
    "behandeld door": "behandeld_door",
    "contactpersoon": "behandeld_door",
    "telefoon": "telefoon",
    "e-mail": "email",
    "aan": "aan",
    "van": "van",
    "afschrift aan": "afschrift",
    "cc": "afschrift",
}
_LABEL_RE = re.compile(
    r"^(?P<label>" + "|".join(re.escape(k) for k in sorted(FIELD_LABELS, key=len, reverse=True)) + r")"
    r"\s*(?::|\s{2,}|\t|\s\|\s|$)\s*(?P<value>.*)$",
    re.IGNORECASE,
)
SALUTATIONS = re.compile(
    r"^(geachte?|beste|hooggeachte?|l\.s\.|zeer geachte?|dear)\b", re.IGNORECASE
)
CLOSINGS = re.compile(
    r"^(hoogachtend|met vriendelijke groet(en)?|met vriendelijke groeten|namens het college|"
    r"met hoogachting|vriendelijke groet)\b",
    re.IGNORECASE,
)
# A salutation or closing formula is a short line; "Namens het college zal de wethouder ..." or
# "Beste voorbeelden zijn ..." are ordinary paragraphs.
_FORMULA_MAX_WORDS = 8


def _formula(text: str) -> bool:
    return len(text.split()) <= _FORMULA_MAX_WORDS and not text.rstrip().endswith((".", "?", "!", ":"))


def is_salutation(text: str) -> bool:
    return bool(SALUTATIONS.match(text)) and _formula(text)


def is_closing(text: str) -> bool:
    return bool(CLOSINGS.match(text)) and _formula(text)


# The courtesy sentence before the closing formula: "Ik hoop u hiermee voldoende te hebben
# geïnformeerd", "Met deze toelichting vertrouwen wij erop de vragen te hebben beantwoord".
_COURTESY = re.compile(
    r"^(?:[\w,]+\s+){0,5}?(?:hoop|hoopt|hopen|vertrouw|vertrouwt|vertrouwen)\b.{0,120}?\b(?:te\s+hebben|"
    r"te\s+zijn)\s+(?:\w+\s+){0,2}?(?:geïnformeerd|ingelicht|afgedaan|beantwoord|toegelicht)\b", re.IGNORECASE)


def is_courtesy(text: str) -> bool:
    """Whether a paragraph is the courtesy sentence that ends a letter's body."""
    return len(text.split()) <= 30 and bool(_COURTESY.match(text.strip()))


# How far down page one a salutation may stand.
_SALUTATION_WINDOW = 60

# Evidence for a document kind: (kind, pattern, where: "title" | "text", weight). The title
# weighs most; a kind from the text alone needs a score of at least _MIN_TEXT_SCORE.
KIND_RULES: tuple[tuple[str, str, str, int], ...] = (
    ("nader_rapport", r"\bnader rapport\b", "title", 8),
    ("nader_rapport", r"\badvies van de afdeling advisering van de raad van state wordt\b|\bnader rapport\b", "text", 4),
    ("nota_verslag", r"naar aanleiding van het verslag", "title", 8),
    ("nota_verslag", r"\bnota naar aanleiding van het verslag\b", "text", 3),
    ("beantwoording", r"\bbeantwoording\b|\bantwoord(?:en)? op (?:de )?(?:\w+ )?vragen\b|\bkamervragen\b|"
                      r"\bschriftelijke vragen\b|\btechnische vragen\b|\bschriftelijk overleg\b", "title", 7),
    ("beantwoording", r"\baanhangsel van de handelingen\b|\bverslag van een schriftelijk overleg\b", "text", 4),
    ("beantwoording", r"^(?:vraag|antwoord(?: op vraag)?)\s+1\b", "text", 2),
    ("besluitenlijst", r"\bbesluitenlijst\b|\bbesluitenoverzicht\b|\bbesluitvorming (?:b&w|college)\b", "title", 8),
    ("besluitenlijst", r"\bbesluitenlijst\b", "text", 3),
    ("beleidsprogramma", r"\bcoalitieakkoord\b|\bcollegeprogramma\b|\bbestuursakkoord\b|\bhoofdlijnenakkoord\b|"
                         r"\bregeerprogramma\b|\bbeleidsprogramma\b|\bwerkprogramma\b|\buitvoeringsagenda\b|"
                         r"\bregeerakkoord\b", "title", 8),
    ("voortgangsbrief", r"\bvoortgang\w*\b|\bstand van zaken\b", "title", 6),
    ("beslisnota", r"\bbeslisnota\b", "title", 8),
    ("beslisnota", r"\bbeslisnota\b|\bter beslissing\b|\bter besluitvorming\b|\bgeadviseerd besluit\b", "text", 3),
    ("raadsinformatiebrief", r"raadsinformatiebrief", "title", 7),
    ("raadsinformatiebrief", r"raadsinformatiebrief", "text", 3),
    ("raadsinformatiebrief", r"\bgeachte (leden van de )?(gemeente)?raad\b", "text", 3),
    ("reactie", r"\breactie op (uw|het) .{0,40}(advies|rapport)|\bbestuurlijke reactie\b", "title", 7),
    ("reactie", r"\b(reageren wij (hierbij )?op uw|reactie op uw|per adviespunt)", "text", 3),
    ("reactie", r"\b(nemen (wij )?(dit|uw) advies (niet |gedeeltelijk |in aangepaste vorm )?over|neemt het advies over)", "text", 2),
    ("reactie", r"\buw (ongevraagde? )?advies\b", "text", 1),
    ("advies", r"^(ongevraagd |gevraagd )?advies\b", "title", 7),
    ("advies", r"\b(adviseert|adviseren wij|wij adviseren|de adviesraad adviseert|onze adviezen)\b", "text", 2),
    ("advies", r"\badviespunt(en)?\b|\baanbeveling(en)?\b", "text", 1),
    ("kamerbrief", r"\bkamerbrief\b", "title", 7),
    ("kamerbrief", r"\bvoorzitter van de (tweede|eerste) kamer\b|\bkamerbrief\b", "text", 4),
)
_MIN_TEXT_SCORE = 3


@dataclass
class Letterhead:
    lines: list[str]
    fields: dict[str, str]
    body_start: int  # index into page one's lines where the body begins


def split_letterhead(page_one: list[Line]) -> Letterhead:
    """Find where the letterhead ends on page one and read its fields."""
    texts = [line.text for line in page_one]
    end = 0
    for i, text in enumerate(texts[:_SALUTATION_WINDOW]):
        if is_salutation(text):
            end = i
            break
    else:
        end = _field_run_end(texts)
    fields = read_fields(texts[:end])
    return Letterhead(lines=texts[:end], fields=fields, body_start=end)


def _field_run_end(texts: list[str]) -> int:
    """Without a salutation: the letterhead ends after the last field near the top."""
    last = -1
    for i, text in enumerate(texts[:25]):
        if _LABEL_RE.match(text) and _LABEL_RE.match(text).group("label").lower() in {
            "datum", "ons kenmerk", "kenmerk", "onderwerp", "betreft", "uw kenmerk", "zaaknummer"
        }:
            last = i
        elif last >= 0 and _body_line(text):
            break  # the body has begun: an "Onderwerp:" further down is an item of it (a decision list)
    if last < 0:
        return 0
    end = last + 1
    match = _LABEL_RE.match(texts[last])
    if match and not match.group("value").strip() and end < len(texts):
        end += 1  # the value stands on the next line
    while end < len(texts) and _continues(texts[end]) and len(texts[end].split()) <= 6 \
            and not re.match(r"^\(?[0-9a-z]{1,2}[.)]\s", texts[end]):
        end += 1  # a subject wrapped onto the next line (not the first numbered point)
    return end


def _body_line(text: str) -> bool:
    """A line no letterhead holds: a numbered item, or a sentence (a letterhead's cells are short)."""
    cells = [c for c in re.split(r"\s{3,}|\t| \| ", text.strip()) if c]
    return bool(re.match(r"^\(?[0-9]{1,2}[.)]\s+\w", text.strip())) or max(
        (len(c.split()) for c in cells), default=0) >= 9


def read_fields(lines: list[str]) -> dict[str, str]:
    """Read "Label: value", "Label    value" and label-then-value-on-next-line fields."""
    fields: dict[str, str] = {}
    pending: str | None = None
    last: str | None = None
    for text in lines:
        cells = [c for c in re.split(r"\s{3,}|\t| \| ", text.strip()) if c]
        if last == "onderwerp" and len(cells) == 1 and not _LABEL_RE.match(cells[0]) and _continues(cells[0]):
            fields["onderwerp"] += " " + cells[0]  # a subject wrapped onto a second line
            last = None
            continue
        last = None
        # Two-column letterheads put a field beside an address line: look at each cell.
        matched = False
        for idx, cell in enumerate(cells):
            match = _LABEL_RE.match(cell)
            if not match:
                continue
            key = FIELD_LABELS[match.group("label").lower()]
            value = match.group("value").strip()
            if not value and idx + 1 < len(cells):
                value = cells[idx + 1].strip()
            if value:
                fields.setdefault(key, value)
                pending = None
                last = key
            else:
                pending = key
            matched = True
            break
        if not matched and pending and text.strip():
            fields.setdefault(pending, text.strip())
            pending = None
    return fields


def _continues(text: str) -> bool:
    """A second line of a wrapped value starts in lower case or with a number ("2025-2026")."""
    return bool(text) and (text[0].islower() or text[0].isdigit()) and len(text) < 80


def find_date(fields: dict[str, str], first_lines: list[str]):
    """The letter's date: the Datum field, else the first full Dutch date near the top."""
    from assistant.nl.dates import parse_dutch_date

    if "datum" in fields and (found := parse_dutch_date(fields["datum"])):
        return found
    for text in first_lines:
        if found := parse_dutch_date(text):
            return found
    return None


def find_title(fields: dict[str, str], blocks: list[Block], properties: dict[str, str]) -> str | None:
    if fields.get("onderwerp"):
        return fields["onderwerp"]
    for block in blocks[:5]:
        if block.kind == "heading" and not is_salutation(block.text):
            return block.text
    if properties.get("title"):
        return properties["title"]
    return shorten(sentences(blocks[0].text)[0], 120) if blocks else None


def find_sender(letterhead: list[str], blocks: list[Block]) -> str | None:
    """The signatory after the closing formula, else the letterhead's first line."""
    for i, block in enumerate(blocks):
        if is_closing(block.text):
            rest = block.text[CLOSINGS.match(block.text).end():].strip(" ,")
            if rest:
                return rest.split(",")[0].strip()
            if i + 1 < len(blocks):
                return blocks[i + 1].text.split(",")[0].strip()
    cells = [re.split(r"\s{3,}| \| ", text.strip())[0] for text in letterhead[:3] if text.strip() and not _LABEL_RE.match(text)]
    # The sender's name, not the street beside it: an organisation word, else the first line.
    named = [c for c in cells if _ORGANISATION.search(c)]
    return (named or cells or [None])[0]


_ORGANISATION = re.compile(r"\b(gemeente|ministerie|provincie|college|raad|adviesraad|kabinet|waterschap|stichting|"
                           r"commissie|rekenkamer|directie|dienst)\b", re.IGNORECASE)


def find_addressee(fields: dict[str, str], letterhead: list[str]) -> str | None:
    if fields.get("aan"):
        return fields["aan"]
    for text in letterhead:
        cell = re.split(r"\s{3,}", text.strip())[0]
        if re.match(r"^(aan\s+)?(de|het)\s+(adviesraad|gemeenteraad|raad|college|voorzitter|leden)\b", cell, re.I):
            return re.sub(r"^aan\s+", "", cell, flags=re.I)
    return None


def classify_kind(title: str | None, text: str) -> tuple[str, str]:
    """Score KIND_RULES over title and text; return the kind and the evidence used."""
    scores: dict[str, int] = {}
    evidence: dict[str, list[str]] = {}
    lowered_title = (title or "").lower()
    lowered = text[:20000].lower()
    for kind, pattern, where, weight in KIND_RULES:
        haystack = lowered_title if where == "title" else lowered
        match = re.search(pattern, haystack, re.MULTILINE)
        if match:
            scores[kind] = scores.get(kind, 0) + weight
            evidence.setdefault(kind, []).append(f'{where}: "{match.group(0)}"')
    if not scores:
        return "other", "geen kenmerkende woorden gevonden"
    best = max(scores, key=lambda k: (scores[k], k == "reactie"))
    if scores[best] < _MIN_TEXT_SCORE:
        return "other", "te weinig kenmerkende woorden: " + "; ".join(evidence[best])
    return best, "; ".join(evidence[best])
