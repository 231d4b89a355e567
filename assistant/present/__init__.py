"""How the assistant speaks to people: Dutch labels, dates, amounts and terms, the file types
it reads, and text shortened at a word.

One module for the CLI, the app, the Word draft, the redline and the exports, so that a stance,
a status or a date reads the same wherever it appears. HTML fragments for the app are in
``assistant.present.html``; nothing here knows about a face.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from assistant.errors import InputError
from assistant.model import Amount, AmountPeriod, Commitment, DateRange, Finding, Standing
from assistant.nl.sentences import shorten
from assistant.parse.detect import SUPPORTED_SUFFIXES

__all__ = [
    "BODY_HEADING", "SUMMARY_HEADING", "NO_ANSWER",
    "CERTAINTY_LABELS", "FIELD_LABELS", "HEDGE_LABELS", "KIND_LABELS", "MATCHED_BY", "OP_LABELS",
    "STANCE_LABELS", "STANCE_SENTENCES", "SETTABLE", "STATUSES", "STATUS_LABELS", "TRACKING_BY_LABEL", "TRACKING_LABELS", "STRENGTH_EXPLAINED", "STRENGTH_LABELS",
    "REGISTER_COLUMNS", "SUPPORTED_SUFFIXES", "amount_text", "commitment_line", "day", "due_text", "field_value", "long_date", "money", "parse_day", "parse_term",
    "period_text", "plural", "finding_source", "register_rows", "shorten", "standing_label", "supported_types",
]

KIND_LABELS: dict[str, str] = {
    "advies": "Advies",
    "reactie": "Reactie op advies",
    "nader_rapport": "Nader rapport",
    "nota_verslag": "Nota n.a.v. verslag",
    "beantwoording": "Beantwoording vragen",
    "kamerbrief": "Kamerbrief",
    "raadsinformatiebrief": "Raadsinformatiebrief",
    "besluitenlijst": "Besluitenlijst",
    "beleidsprogramma": "Beleidsprogramma",
    "voortgangsbrief": "Voortgangsbrief",
    "beslisnota": "Beslisnota",
    "other": "Overig",
}

# The college's stance on an advice point: short (tables, badges) and as a sentence ("Het college ...").
STANCE_LABELS: dict[str, str] = {"agree": "neemt over", "partly": "neemt gedeeltelijk over",
                                 "disagree": "neemt niet over", "unclear": "onduidelijk"}
STANCE_SENTENCES: dict[str, str] = {"agree": "neemt het advies over", "partly": "neemt het advies gedeeltelijk over",
                                    "disagree": "neemt het advies niet over", "unclear": "geen duidelijk standpunt"}
NO_ANSWER = "geen antwoord gevonden"
# How an answer was tied to its point, where the reader should know it.
MATCHED_BY: dict[str, str] = {"content": "gekoppeld op inhoud: de reactie noemt het nummer niet",
                              "quote": "gekoppeld via het geciteerde adviespunt"}

STATUSES: tuple[str, ...] = ("open", "due", "overdue", "undated")
# What later documents report, or the user set: where a commitment stands beyond its term.
TRACKING_LABELS: dict[str, str] = {"done": "uitgevoerd", "delayed": "vertraagd", "changed": "gewijzigd",
                                   "cancelled": "vervallen", "mentioned": "genoemd"}
SETTABLE: tuple[str, ...] = ("done", "delayed", "changed", "cancelled")  # what a user can confirm or set
TRACKING_BY_LABEL: dict[str, str] = {label: kind for kind, label in TRACKING_LABELS.items()}
STATUS_LABELS: dict[str, str] = {"open": "open", "due": "nu aan de orde", "overdue": "verlopen",
                                 "undated": "zonder datum"}
STRENGTH_LABELS: dict[str, str] = {"firm": "stellig", "intent": "voornemen"}
STRENGTH_EXPLAINED: dict[str, str] = {"firm": "toezegging", "intent": "voornemen (geen harde toezegging)"}
CERTAINTY_LABELS: dict[str, str] = {"zeker": "zeker", "mogelijk": "mogelijk (controleer de zin)"}
# The words behind a cue of firmness (extract/cues.py STRENGTH), as a reader would quote them.
HEDGE_LABELS: dict[str, str] = {
    "future_auxiliary": "zal", "strives": "streeft ernaar", "intends": "is voornemens", "wants_to_act": "wil",
    "investigates": "onderzoekt of", "expects_to": "verwacht", "commits_effort": "zet zich in",
    "tries": "probeert", "if_possible": "zo mogelijk", "in_principle": "in principe",
}  # fmt: skip

# Comparison of two versions: what happened to a paragraph, and the fields that can change.
OP_LABELS: dict[str, str] = {
    "equal": "ongewijzigd", "changed": "gewijzigd", "inserted": "toegevoegd",
    "deleted": "verwijderd", "moved": "verplaatst",
}  # fmt: skip
FIELD_LABELS: dict[str, str] = {
    "due": "termijn", "amount": "bedrag", "scope": "reikwijdte", "strength": "stelligheid",
    "title": "onderwerp", "date": "datum", "reference": "kenmerk", "addressee": "geadresseerde",
    "sender": "afzender", "uw_kenmerk": "uw kenmerk", "uw_brief": "uw brief", "bijlagen": "bijlagen",
    "behandeld_door": "behandeld door", "telefoon": "telefoon", "email": "e-mail", "afschrift": "afschrift aan",
}  # fmt: skip

# Headings of a comparison, in Word and in the app.
SUMMARY_HEADING = "Samenvatting van de wijzigingen"
BODY_HEADING = "Tekst met bijgehouden wijzigingen"

MONTHS: tuple[str, ...] = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
                           "september", "oktober", "november", "december")


def plural(n: int, one: str, many: str) -> str:
    """"1 document", "3 documenten"."""
    return f"{n} {one if n == 1 else many}"


def day(value: date | None) -> str:
    """A date in tables and lists: 09-04-2024; nothing for no date."""
    return value.strftime("%d-%m-%Y") if value else ""


def long_date(value: date | None, missing: str = "datum onbekend") -> str:
    """A date as a letter writes it: 9 april 2024."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}" if value else missing


def field_value(value: str | None) -> str:
    """A compared field as the reader sees it: ISO dates written out, nothing as a dash."""
    if not value:
        return "–"
    try:
        return long_date(date.fromisoformat(value)) if len(value) == 10 else value
    except ValueError:
        return value


def number(n: int) -> str:
    """12.500: a count with Dutch thousands dots."""
    return f"{n:,}".replace(",", ".")


def money(eur: float) -> str:
    """€ 1.250.000: whole euros with Dutch thousands dots."""
    return f"€ {number(round(eur))}"


def period_text(period: AmountPeriod | None) -> str:
    """"2025", "2024-2027", "vanaf 2025", "t/m 2027", "per jaar"."""
    if period is None:
        return ""
    if period.first is None and period.last is None:
        return "per jaar" if period.yearly else ""
    if period.last is None:
        return f"vanaf {period.first}"
    if period.first is None:
        return f"t/m {period.last}"
    return str(period)


def amount_text(amount: Amount | None) -> str:
    """The amount in the letter's own words, with whether it is one-off or recurring and its years:
    "€ 1,2 miljoen (structureel, vanaf 2025)"."""
    if amount is None:
        return ""
    extra = ", ".join(part for part in (amount.kind or "", period_text(amount.period)) if part)
    words = " ".join(amount.label.split()) or money(amount.eur)
    return f"{words} ({extra})" if extra else words


def due_text(due: DateRange | None) -> str:
    """"medio 2025 (01-04-2025 t/m 30-09-2025)"; "geen termijn" when there is none."""
    if due is None:
        return "geen termijn"
    if due.start == due.end:
        return f"{due.label} ({day(due.start)})"
    return f"{due.label} ({day(due.start)} t/m {day(due.end)})"


def commitment_line(c: Commitment) -> str:
    """A commitment on one line, for lists of added and removed ones: its sentence, page, term, amount."""
    extra = "; ".join(e for e in (c.due.label if c.due else "", c.amount.label if c.amount else "") if e)
    return f"{c.text} (p. {c.source.page}{'; ' + extra if extra else ''})"


REGISTER_COLUMNS: tuple[tuple[str, int], ...] = (
    ("Status", 16), ("Toezegging", 60), ("Actor", 14), ("Adviespunt", 10), ("Termijn (tekst)", 24),
    ("Termijn van", 12), ("Termijn tot", 12), ("Bedrag (€)", 14), ("Soort bedrag", 14), ("Periode", 10),
    ("Document", 40), ("Documentdatum", 14), ("Pagina", 8), ("Alinea", 8), ("Zin", 80),
    ("Zekerheid", 11), ("Kans", 8), ("Waarom herkend", 40), ("Voortgang", 26), ("Voortgang: bron", 50),
    ("Voortgang: zin", 60), ("Notitie", 40), ("Id", 36),
)


def standing_label(s: Standing) -> str:
    """"uitgevoerd (bevestigd)", "vertraagd tot september 2025 (voorgesteld)", or "" without news."""
    kind = s.kind
    if kind is None:
        return ""
    new_due = s.note.new_due if s.note else s.finding.new_due if s.finding else None
    label = TRACKING_LABELS[kind] + (f", nieuwe termijn {new_due.label or due_text(new_due)}"
                                     if kind == "delayed" and new_due else "")
    if s.note:
        return f"{label} (bevestigd {day(s.note.on)})"
    return f"{label} (voorgesteld)"


def finding_source(f: Finding | None) -> str:
    """Where a later document says it: title, date, page, paragraph."""
    if f is None or f.source is None:
        return ""
    parts = [f.doc_title or f.source.doc_id]
    if f.doc_date:
        parts.append(day(f.doc_date))
    parts.append(f.source.where)
    return ", ".join(parts)


def register_rows(commitments: list[Commitment], today: date,
                  standings: dict[str, Standing] | None = None) -> list[list[Any]]:
    """One row per commitment under REGISTER_COLUMNS: dates as dates and amounts as numbers."""
    rows = []
    for c in commitments:
        s = (standings or {}).get(c.id) or Standing()
        finding = s.finding if s.note is None else None
        rows.append([
            STATUS_LABELS[c.status(today)], c.action, c.actor, c.point, c.due.label if c.due else None,
            c.due.start if c.due else None, c.due.end if c.due else None, c.amount.eur if c.amount else None,
            c.amount.kind if c.amount else None, period_text(c.amount.period) or None if c.amount else None, c.doc_title, c.doc_date,
            c.source.page, c.source.block, c.text, c.certainty, round(c.confidence, 2), ", ".join(c.why),
            standing_label(s) or None, finding_source(finding) or None, finding.sentence if finding else None,
            s.note.note if s.note and s.note.note else None, c.id,
        ])
    return rows


def supported_types() -> str:
    """The file types the assistant reads, for help texts."""
    return "PDF, Word (.docx), OpenDocument (.odt) en tekst (.txt, .md)"


def parse_day(text: str | None, last: bool = False) -> date | None:
    """The first (or, with ``last``, the last) day of what a user typed: "2024", "maart 2024",
    "14-03-2024", "eind 2025", "2024-03-14". None for nothing typed; InputError for anything else."""
    from assistant.nl.dates import normalise_due

    if not (text or "").strip():
        return None
    period = normalise_due(text.strip())
    if period is None:
        raise InputError(f"'{text.strip()}' is geen datum. Typ bijvoorbeeld 2024, maart 2024 of 14-03-2024.")
    return period.end if last else period.start


def parse_term(text: str | None, reference: date | None = None) -> DateRange | None:
    """A term as a user types it ("september 2025", "eind 2025", "01-09-2025"); None for nothing
    typed; InputError for anything else."""
    from assistant.nl.dates import normalise_due

    if not (text or "").strip():
        return None
    period = normalise_due(text.strip(), reference)
    if period is None:
        raise InputError(f"'{text.strip()}' is geen termijn. Typ bijvoorbeeld september 2025, eind 2025 of 01-09-2025.")
    return period
