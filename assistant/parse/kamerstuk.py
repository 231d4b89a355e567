"""Parliamentary papers (Kamerstukken and the Aanhangsel van de Handelingen): their own head.

A Kamerstuk opens with the chamber, "Vergaderjaar 2023–2024", the dossier number and title
("36 450 Regels omtrent ..."), the paper's number and kind ("Nr. 6 NOTA NAAR AANLEIDING VAN HET
VERSLAG") and a date line ("Ontvangen 27 maart 2024"). Answers to written questions (Aanhangsel)
name the questions ("Vragen van het lid ... over ... (ingezonden ...)") and the answer ("Antwoord
van minister ... (ontvangen ...)"). From these come title, date, reference, sender and kind;
the letterhead reader finds none of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from assistant.model import Block

_CHAMBER = re.compile(r"^(?:tweede|eerste)\s+kamer\s+der\s+staten-generaal\b", re.IGNORECASE)
_YEAR = re.compile(r"\bvergaderjaar\s+(\d{4})\s*[-–]\s*(\d{4})", re.IGNORECASE)
_DOSSIER = re.compile(r"^(\d{2}\s?\d{3}(?:-[A-Z]{1,4})?(?:\s*\([^)]*\))?)\s+(\S.{3,})$")
_NUMBER = re.compile(r"^nr\.\s*(\d+)\s+(.+)$", re.IGNORECASE)
_DATE_LINE = re.compile(r"^(?:ontvangen|vastgesteld|voorgesteld|verzonden)\s+(.{6,30})$", re.IGNORECASE)
_QUESTIONS = re.compile(r"^vragen\s+van\s+(?:het\s+lid|de\s+leden)\s+.+?\s+over\s+(.+?)\s*\(ingezonden\s+([^)]+)\)",
                        re.IGNORECASE | re.DOTALL)
_ANSWER = re.compile(r"^antwoord\s+van\s+(.+?)\s*\(ontvangen\s+([^)]+)\)", re.IGNORECASE | re.DOTALL)
# The kind of paper its head names, as our document kinds.
PAPER_KINDS: tuple[tuple[str, str], ...] = (
    (r"nota naar aanleiding van het verslag", "nota_verslag"),
    (r"nader rapport", "nader_rapport"),
    (r"verslag van een schriftelijk overleg|lijst van vragen en antwoorden", "beantwoording"),
    (r"brief van de|kamerbrief", "kamerbrief"),
    (r"memorie van toelichting|voorstel van wet|nota van wijziging|koninklijke boodschap", "other"),
    (r"motie|amendement", "other"),
)
_PAPER_NAMES = re.compile(r"nota naar aanleiding van het verslag|nader rapport|verslag van een schriftelijk overleg|"
                          r"lijst van vragen en antwoorden|memorie van toelichting|voorstel van wet|nota van wijziging|"
                          r"koninklijke boodschap|motie|amendement|brief van de \w+(?: van [\w ,]+)?|verslag",
                          re.IGNORECASE)
_HEAD_BLOCKS = 12


@dataclass
class PaperHead:
    title: str
    date: date | None
    reference: str | None
    sender: str | None
    kind: str | None
    evidence: str


def read_paper_head(blocks: list[Block]) -> PaperHead | None:
    """The head of a Kamerstuk or an Aanhangsel answer, or None for any other document."""
    from assistant.nl.dates import parse_dutch_date

    head = blocks[:_HEAD_BLOCKS]
    if not any(_CHAMBER.match(b.text) or "aanhangsel van de handelingen" in b.text.lower() for b in head):
        return None
    dossier = number = kind_text = when = sender = topic = appendix = None
    year = next((m for b in head if (m := _YEAR.search(b.text))), None)
    for block in head:
        text = " ".join(block.text.split())
        if (m := _DOSSIER.match(text)) and dossier is None and not _YEAR.search(text):
            dossier = (m.group(1).replace(" ", ""), m.group(2))
        elif (m := _NUMBER.match(text)) and number is None:
            number, kind_text = m.group(1), m.group(2)
        elif (m := _DATE_LINE.match(text)) and when is None:
            when = parse_dutch_date(m.group(1))
        if re.fullmatch(r"\d{3,5}", text) and appendix is None:
            appendix = text  # the number of the answer in the Aanhangsel
        if (m := _QUESTIONS.match(text)) and topic is None:
            topic = m.group(1)
        if m := _ANSWER.match(text):
            sender = m.group(1)
            when = parse_dutch_date(m.group(2)) or when
    if topic:
        title = f"Antwoorden op Kamervragen over {topic}"
        kind = "beantwoording"
    elif kind_text:
        # The paper's kind, not the names in capitals after it (their case cannot be recovered).
        named = _PAPER_NAMES.search(kind_text)
        title = named.group(0).lower() if named else kind_text.lower()
        title = title[:1].upper() + title[1:]
        if dossier:
            title = f"{title} – {dossier[1]}"
        kind = next((k for pattern, k in PAPER_KINDS if re.search(pattern, kind_text, re.IGNORECASE)), None)
    elif dossier:
        title, kind = dossier[1], None
    else:
        return None
    reference = f"Kamerstuk {dossier[0]}-{number}" if dossier and number else (f"Kamerstuk {dossier[0]}" if dossier else None)
    if topic and appendix:
        years = f" {year.group(1)}-{year.group(2)}" if year else ""
        reference = f"Aanhangsel Handelingen{years} nr. {appendix}"
    if when is None and year is not None:
        when = date(int(year.group(1)), 9, 1)  # the parliamentary year's first day: an honest lower bound
    return PaperHead(title=title, date=when, reference=reference, sender=sender, kind=kind,
                     evidence=f'kop: "{(kind_text or topic or title)[:60]}"')
