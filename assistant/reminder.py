"""A reminder letter from the advisory council to the college: the commitments whose term has
passed, each with its source, its term and what later documents say about it, as an editable
Word letter. Like the draft, nothing is invented: the letter's own words are fixed phrases, every
listed commitment cites document, date, page and paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from assistant.draft_docx import WordWriter, new_document, save
from assistant.model import Commitment, Hit, Standing
from assistant.present import day, due_text, long_date, amount_text, finding_source, standing_label

# The college is asked to answer within this many days.
ANSWER_WITHIN_DAYS = 28


@dataclass
class ReminderItem:
    commitment: Commitment
    standing: Standing
    later: list[Hit]


@dataclass
class Reminder:
    today: date
    items: list[ReminderItem]
    sender: str = "Adviesraad Sociaal Domein"
    addressee: str = "het college van burgemeester en wethouders"

    @property
    def answer_by(self) -> date:
        return self.today + timedelta(days=ANSWER_WITHIN_DAYS)


def write_reminder(reminder: Reminder, path: str | Path, template: str | Path | None = None) -> Path:
    """The letter as .docx: addressee, subject, one numbered entry per commitment, a closing that
    asks for the state of affairs by a date, and a signature line to fill in."""
    path = Path(path)
    document = new_document(template)
    w = WordWriter(document)
    w._para(reminder.sender, bold=True)
    w._para(f"Aan {reminder.addressee}")
    w._para(f"Datum: {long_date(reminder.today)}")
    w._para("Onderwerp: verlopen toezeggingen", bold=True)
    w._para("")
    w._para("Geacht college,")
    n = len(reminder.items)
    if n:
        w._para(f"In uw brieven aan de adviesraad en de gemeenteraad heeft u toezeggingen gedaan waarvan de termijn "
                f"inmiddels is verstreken. Hieronder staan er {n}, met de brief waarin u de toezegging deed en wat "
                "latere documenten erover melden, voor zover wij die hebben gevonden.")
    else:
        w._para("Op dit moment staan er in ons overzicht geen toezeggingen waarvan de termijn is verstreken.")
    for number, item in enumerate(reminder.items, start=1):
        c = item.commitment
        w.heading(f"{number}. {c.action.rstrip(' .…')}", 2)
        w._para(f"\u201c{c.text}\u201d", style="Quote")
        facts = [("Termijn", due_text(c.due)), ("Bedrag", amount_text(c.amount) or "geen"),
                 ("Bron", ", ".join(p for p in (c.doc_title or "", day(c.doc_date), f"pagina {c.source.page}",
                                                 f"alinea {c.source.block}" + (" (OCR)" if c.source.ocr else "")) if p))]
        for label, value in facts:
            line = w._para(f"{label}: ", bold=True)
            line.add_run(value)
        said = w._para("Later gemeld: ", bold=True)
        s = item.standing
        if s.finding is not None:
            said.add_run(f"{standing_label(s)}; {finding_source(s.finding)}: ")
            said.add_run(f"\u201c{s.finding.sentence}\u201d").italic = True
        elif item.later:
            hit = item.later[0]
            said.add_run(f"{hit.citation}: ")
            said.add_run(f"\u201c{' '.join(hit.passage.text.split()[:45])}\u201d").italic = True
        else:
            said.add_run("wij hebben geen later document gevonden dat erover bericht.")
        if s.note is not None:
            w._para(f"Vastgelegd door de adviesraad: {standing_label(s)}"
                    + (f"; {s.note.note}" if s.note.note else ""), italic=True)
    if n:
        w._para("")
        w._para(f"Wij verzoeken u ons uiterlijk {long_date(reminder.answer_by)} te laten weten wat de stand van zaken "
                "is bij deze toezeggingen, en wanneer de toezeggingen die nog niet zijn nagekomen alsnog worden "
                "uitgevoerd.")
    w._para("")
    w._para("Met vriendelijke groet,")
    w._para(reminder.sender)
    w._para("[naam voorzitter]", italic=True)
    w._para("[naam secretaris]", italic=True)
    document.core_properties.title = "Herinnering verlopen toezeggingen"
    document.core_properties.author = "Adviesassistent"
    return save(document, path)
