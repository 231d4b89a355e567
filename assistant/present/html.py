"""HTML fragments the app shows: result cards, a hit in its context, the points matrix, a
commitment with what later documents say, summaries, and the comparison of two versions.

Every text from a document is escaped (braces too: Gradio renders an HTML value inside a
template). The styles are in ``app.css`` and ``compare.css`` beside this module.
"""

from __future__ import annotations

import html
from collections import Counter
from datetime import date
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.model import Commitment, Hit, Passage, Standing
from assistant.compare import BLOCK_OPS
from assistant.present import (
    BODY_HEADING,
    KIND_LABELS,
    MATCHED_BY,
    NO_ANSWER,
    OP_LABELS,
    STANCE_LABELS,
    STANCE_SENTENCES,
    STATUS_LABELS,
    STRENGTH_EXPLAINED,
    SUMMARY_HEADING,
    TRACKING_LABELS,
    amount_text,
    commitment_line,
    day,
    due_text,
    field_value,
    finding_source,
    plural,
    shorten,
    standing_label,
)

if TYPE_CHECKING:
    from assistant.compare import Comparison, Row, WordOp
    from assistant.search.ingest import IngestReport
    from assistant.views import DraftResult, PointRow, PointsView, RegisterView

EMPTY_CONTEXT = '<p class="where">Zoek eerst; klik dan op een resultaat om de tekst eromheen te lezen.</p>'
EMPTY_DETAIL = '<p class="where">Klik op een toezegging in de tabel om de hele zin en latere vermeldingen te lezen.</p>'


@cache
def stylesheet(name: str) -> str:
    """One of the style sheets beside this module: "app", "page" or "compare"."""
    return files("assistant.present").joinpath(f"{name}.css").read_text(encoding="utf-8")


def page_script() -> str:
    """The script the page runs on load: Gradio's own English words replaced by Dutch ones."""
    return files("assistant.present").joinpath("dutch.js").read_text(encoding="utf-8")


def esc(text: object) -> str:
    return html.escape(str(text)).replace("{", "&#123;").replace("}", "&#125;")


def notice(lines: list[str], items: list[str] | None = None, warn: bool = False) -> str:
    body = "".join(f"<p>{esc(line)}</p>" for line in lines)
    if items:
        body += "<ul>" + "".join(f"<li>{esc(item)}</li>" for item in items) + "</ul>"
    return f'<div class="notice {"warn" if warn else "ok"}">{body}</div>'


def badge(css: str, text: str) -> str:
    return f'<span class="badge {css}">{esc(text)}</span>'


def marked(hit: Hit) -> str:
    """The passage with the query's words in <mark>; sentinels survive the escaping."""
    return esc(hit.marked("\x00", "\x01")).replace("\x00", "<mark>").replace("\x01", "</mark>")


def _file(path: str) -> str:
    return esc(Path(path).name)


# -- Zoeken -------------------------------------------------------------------------------------


def hit_card(number: int, hit: Hit) -> str:
    return (f'<div class="hit" data-hit="{number - 1}" tabindex="0" role="button">'
            f'<div class="cite">{number}. {esc(hit.citation)}</div>'
            f"<p>{marked(hit)}</p>"
            f'<div class="file">{esc(KIND_LABELS.get(hit.document.kind, hit.document.kind))} · '
            f"bestand {_file(hit.document.path)}</div></div>")


def hit_cards(hits: list[Hit]) -> str:
    return "".join(hit_card(n, hit) for n, hit in enumerate(hits, start=1))


def in_context(hit: Hit, near: list[Passage]) -> str:
    """The hit among the paragraphs around it, the hit itself marked."""
    paras = []
    for passage in near or [hit.passage]:
        found = passage.id == hit.passage.id
        text = marked(hit) if found else esc(passage.text)
        paras.append(f'<div class="para{" found" if found else ""}"><div class="where">pagina {passage.page}, '
                     f"alinea {passage.block}{' (OCR)' if passage.ocr else ''}</div><p>{text}</p></div>")
    return (f'<div class="context"><div class="cite">{esc(hit.citation)}</div>'
            f'<div class="where">bestand {_file(hit.document.path)}</div>{"".join(paras)}</div>')


# -- Documenten ---------------------------------------------------------------------------------


def _names(paths: list[str]) -> str:
    return ", ".join(Path(p).name for p in paths)


def ingest_report(report: IngestReport | None, rejected: list[str]) -> str:
    """What adding files did, in words; refused files listed with their reason."""
    lines = []
    if report is not None:
        if report.added:
            lines.append(f"{plural(len(report.added), 'document', 'documenten')} toegevoegd: {_names(report.added)}.")
        if report.updated:
            lines.append(f"{plural(len(report.updated), 'document', 'documenten')} bijgewerkt met een nieuwe versie: "
                         f"{_names(report.updated)}.")
        if report.skipped:
            n = len(report.skipped)
            lines.append(f"{plural(n, 'bestand stond', 'bestanden stonden')} al ongewijzigd in de index en "
                         f"{'is' if n == 1 else 'zijn'} overgeslagen.")
        if report.scans_waiting:
            n = len(report.scans_waiting)
            lines.append(f"{plural(n, 'scan wordt', 'scans worden')} op de achtergrond gelezen met OCR: "
                         f"{_names(report.scans_waiting)}. {'Het document verschijnt' if n == 1 else 'De documenten verschijnen'} in de "
                         "lijst zodra het lezen klaar is; u kunt intussen gewoon verder werken.")
        if report.duplicates:
            lines.append(f"{plural(len(report.duplicates), 'bestand is', 'bestanden zijn')} overgeslagen omdat "
                         "dezelfde brief er al in staat (hetzelfde bestand, of de brief in een ander formaat): "
                         + "; ".join(f"{Path(p).name} (al in de index als {Path(twin).name})"
                                     for p, twin in report.duplicates) + ".")
    failed = rejected + ([message for _, message in report.failed] if report is not None else [])
    if failed:
        lines.append(f"{plural(len(failed), 'bestand kon', 'bestanden konden')} niet worden toegevoegd:")
    if not lines:
        lines.append("Er is niets veranderd.")
    return notice(lines, failed, warn=bool(failed))


def reindex_report(report: IngestReport) -> str:
    lines = [f"De index is opnieuw opgebouwd: {plural(len(report.added), 'document', 'documenten')}, "
             f"{report.passages_embedded} passages."]
    failed = [message for _, message in report.failed]
    if failed:
        lines.append("Deze bestanden konden niet opnieuw worden gelezen:")
    return notice(lines, failed, warn=bool(failed))


# -- Adviespunten -------------------------------------------------------------------------------


def _commitment_item(c: Commitment, today: date) -> str:
    status = c.status(today)
    meta = [esc(due_text(c.due))] + ([esc(amount_text(c.amount))] if c.amount else [])
    meta.append(badge(status, STATUS_LABELS[status]))
    return f'<li>{esc(c.action)}<div class="meta">{" · ".join(meta)}</div></li>'


def _point_row(row: PointRow, view: PointsView) -> str:
    """One row of the matrix: the point, the college's stance, its commitments, and the sources."""
    point, answer, mine = row.mapping.point, row.mapping.answer, row.commitments
    advice_cell = (f"<strong>{esc(point.title or shorten(point.text, 160))}</strong>"
                   f"<details><summary>Hele adviespunt</summary><p>{esc(point.text)}</p></details>")
    sources = [f"{esc(view.title(point.source.doc_id) or 'advies')}, p. {point.source.page}"]
    if answer is None:
        stance_cell = badge("none", NO_ANSWER) if view.with_response else badge("unclear", "geen reactie gekozen")
    else:
        stance_cell = badge(answer.stance, STANCE_LABELS[answer.stance])
        if answer.stance_sentence:
            stance_cell += f'<p class="quote">“{esc(answer.stance_sentence)}”</p>'
        if answer.matched_by in MATCHED_BY:
            stance_cell += f'<div class="note">{esc(MATCHED_BY[answer.matched_by])}</div>'
        stance_cell += f"<details><summary>Hele antwoord</summary><p>{esc(answer.text)}</p></details>"
        sources.append(f"{esc(view.title(answer.source.doc_id) or 'reactie')}, p. {answer.source.page}")
    if mine:
        promised = "<ul>" + "".join(_commitment_item(c, view.today) for c in mine) + "</ul>"
        sources.append(f"toezeggingen: p. {', '.join(str(p) for p in sorted({c.source.page for c in mine}))}")
    else:
        promised = '<span class="note">geen toezeggingen bij dit punt</span>'
    if row.earlier:
        items = "".join(f'<li>{esc(link.commitment.action)}<div class="meta">'
                        f'{esc(link.commitment.doc_title or "")}, {esc(day(link.commitment.doc_date))}, '
                        f'p. {link.commitment.source.page} · {esc(due_text(link.commitment.due))} · '
                        f'{badge(link.commitment.status(view.today), STATUS_LABELS[link.commitment.status(view.today)])}'
                        "</div></li>" for link in row.earlier)
        promised += (f'<details class="earlier"><summary>Eerdere toezeggingen over dit onderwerp ({len(row.earlier)})'
                     f"</summary><ul>{items}</ul></details>")
    row_class = "unanswered" if answer is None else "answered"
    return (f'<tr class="{row_class}" data-point="{esc(point.number)}"><td class="nr">{esc(point.number)}</td>'
            f'<td>{advice_cell}</td><td class="stance">{stance_cell}</td><td>{promised}</td>'
            f'<td class="src">{"<br>".join(sources)}</td></tr>')


def points_summary(view: PointsView) -> str:
    counts = view.stance_counts()
    taken = [f"{counts[s]} {words}" for s, words in (("agree", "over"), ("partly", "gedeeltelijk over"),
                                                       ("disagree", "niet over")) if counts[s]]
    lines = [f"{plural(len(view.rows), 'adviespunt', 'adviespunten')}."
             + (f" Het college neemt er {', '.join(taken)}." if taken else "")
             + (f" Bij {counts['unclear']} is het standpunt onduidelijk." if counts["unclear"] else "")]
    lines += view.notes
    answered = len(view.rows) - view.unanswered
    if not view.with_response:
        lines.append("Er is geen reactie van het college gekozen of in de index gevonden. Kies ook de reactie van "
                     "het college om de standpunten en toezeggingen te zien.")
    elif not answered:
        lines.append("De gekozen reactie gaat op geen enkel adviespunt herkenbaar in. Controleer of u de juiste "
                     "reactie hebt gekozen.")
    elif view.unanswered:
        lines.append(f"Bij {plural(view.unanswered, 'punt', 'punten')} is geen antwoord gevonden in de reactie: "
                     "lees de reactie daar zelf na.")
    if view.commitments:
        lines.append(f"{plural(len(view.commitments), 'toezegging', 'toezeggingen')} in de reactie, "
                     f"status op {day(view.today)}.")
    return notice(lines, warn=view.with_response and bool(view.unanswered))


def points_matrix(view: PointsView) -> str:
    """The matrix: point -> stance -> commitments in its answer -> sources; then the rest."""
    if not view.rows:
        return notice(["Er zijn geen genummerde adviespunten gevonden. Controleer of u het juiste document "
                       "hebt gekozen: een advies met punten 1, 2, 3 ... of een reactie die ze citeert."], warn=True)
    rows = "".join(_point_row(row, view) for row in view.rows)
    out = ('<table class="matrix"><colgroup><col style="width: 5%"><col style="width: 22%">'
           '<col style="width: 25%"><col style="width: 34%"><col style="width: 14%"></colgroup>'
           "<thead><tr><th>Punt</th><th>Advies</th><th>Standpunt college</th><th>Toezeggingen</th><th>Bron</th>"
           f"</tr></thead><tbody>{rows}</tbody></table>")
    if view.unplaced:
        items = "".join(_commitment_item(c, view.today) for c in view.unplaced)
        out += ("<h4>Andere toezeggingen in de reactie (niet bij een adviespunt)</h4>"
                f'<table class="matrix"><tbody><tr><td><ul>{items}</ul></td></tr></tbody></table>')
    return points_summary(view) + out


# -- Toezeggingen -------------------------------------------------------------------------------


def register_summary(view: RegisterView) -> str:
    found = view.commitments
    counts = view.counts()
    line = (f"{plural(len(found), 'toezegging', 'toezeggingen')} op peildatum {day(view.today)}"
            + (": " + ", ".join(f"{n} {STATUS_LABELS[s]}" for s, n in counts.items() if n) if found else "") + ".")
    if not view.total:
        return notice(["Er staan nog geen toezeggingen in de index: voeg eerst brieven van het college toe op het "
                       "tabblad Documenten."], warn=True)
    if not found:
        return notice([line, "Zet de filters ruimer om meer te zien."], warn=True)
    kinds = Counter(view.standing(c).kind for c in found if view.standing(c).kind)
    if kinds:
        line += (" Volgens latere documenten of uw eigen vastlegging: "
                 + ", ".join(f"{n} {TRACKING_LABELS[k]}" for k, n in kinds.most_common()) + ".")
    return notice([line])


def commitment_detail(number: int, c: Commitment, today: date, later: list[Hit] | None,
                      standing: Standing | None = None) -> str:
    """One commitment in full; ``later`` None when later documents were not searched (not yet due);
    ``standing`` what a later document suggests or the user set."""
    status = c.status(today)
    where = ", ".join(part for part in (c.doc_title, day(c.doc_date), c.source.where) if part)
    facts = [("Wie", c.actor or "niet genoemd"), ("Termijn", due_text(c.due)),
             ("Bedrag", amount_text(c.amount) or "geen"),
             ("Adviespunt", c.point or "niet bij een adviespunt"),
             ("Stelligheid", STRENGTH_EXPLAINED[c.strength]), ("Bron", where)]
    dl = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in facts)
    parts = [f'<div class="item"><div class="cite">Toezegging {number} {badge(status, STATUS_LABELS[status])}</div>',
             f'<p class="sentence">{esc(c.text)}</p><dl>{dl}</dl>']
    if standing is not None and standing.kind:
        parts.append("<h4>Voortgang</h4>")
        lines = [standing_label(standing)]
        if standing.note and standing.note.note:
            lines.append(f"Notitie: {standing.note.note}")
        if standing.finding and not standing.confirmed:
            lines.append(f"Volgens {finding_source(standing.finding)}: “{standing.finding.sentence}”")
            lines.append("Bevestig of wijzig dit links onder 'Voortgang vastleggen'.")
        parts.append(notice(lines))
    if later is None:
        reason = "de termijn ligt nog in de toekomst" if status == "open" else "de toezegging heeft geen termijn"
        parts.append(f'<p class="where">Niet gezocht naar latere vermeldingen: {reason}.</p>')
    else:
        parts.append("<h4>Wat latere documenten erover melden</h4>")
        if not later:
            parts.append(notice(["geen latere vermelding gevonden"], warn=True))
        for hit in later:
            parts.append(f'<div class="later"><div class="cite">{esc(hit.citation)}</div><p>{marked(hit)}</p></div>')
    return "".join(parts) + "</div>"


# -- Concept ------------------------------------------------------------------------------------


def draft_summary(result: DraftResult) -> str:
    """What the written draft holds: points, commitments, overdue ones, and the college's stances."""
    today = result.draft.today
    lines = [f"Het concept is klaar: {plural(result.points, 'adviespunt', 'adviespunten')}, elk op een eigen pagina, "
             f"met {plural(result.commitments, 'toezegging', 'toezeggingen')} (waarvan {result.overdue} verlopen op "
             f"{day(today)}). Download het hieronder en open het in Word."]
    lines += result.draft.notes
    lines.append("Het college:")
    stances = [(STANCE_SENTENCES.get(stance, "nog geen reactie gevonden"), n)
               for stance, n in result.stance_counts().items()]
    return notice(lines, [f"{label}: {plural(n, 'punt', 'punten')}" for label, n in stances])


# -- Vergelijken --------------------------------------------------------------------------------


def comparison_html(comparison: Comparison) -> str:
    """One <div> with its own <style>: commitment changes on top, then the text with <ins>/<del>
    and moved paragraphs marked at both places."""
    e = esc
    parts = [f'<div class="aa-compare"><style>{stylesheet("compare")}</style>',
             f"<h2>{e(SUMMARY_HEADING)}</h2>", f'<p class="headline">{e(comparison.headline())}</p>']
    counts = comparison.counts()
    parts.append("<p>" + " · ".join(f"{e(OP_LABELS[op])}: {counts[op]}" for op in BLOCK_OPS) + "</p>")
    if comparison.changed:
        parts.append("<h3>Gewijzigde toezeggingen</h3>")
        for change in comparison.changed:
            parts.append('<div class="commitment changed">')
            parts.append(f"<p><strong>{e(change.new.action)}</strong> (p. {change.old.source.page} → "
                         f"p. {change.new.source.page})</p><ul>")
            parts += [f'<li><span class="field">{e(d.label)}</span>: <del>{e(field_value(d.old))}</del> → '
                      f"<ins>{e(field_value(d.new))}</ins></li>" for d in change.details]
            parts.append(f"</ul><p>Was: {e(change.old.text)}<br>Wordt: {e(change.new.text)}</p></div>")
    for heading, items, css in (("Vervallen toezeggingen", comparison.removed, "removed"),
                                ("Nieuwe toezeggingen", comparison.added, "added")):
        if items:
            parts.append(f"<h3>{heading}</h3>")
            parts += [f'<div class="commitment {css}">{e(commitment_line(c))}</div>' for c in items]
    if comparison.metadata:
        parts.append("<h3>Gewijzigde gegevens</h3><table>")
        parts += [f"<tr><th>{e(m.label)}</th><td><del>{e(field_value(m.old))}</del></td>"
                  f"<td><ins>{e(field_value(m.new))}</ins></td></tr>" for m in comparison.metadata]
        parts.append("</table>")
    parts.append(f"<h2>{e(BODY_HEADING)}</h2>")
    moves: dict[int, int] = {}
    parts += [_compare_row(row, moves) for row in comparison.rows]
    parts.append("</div>")
    return "".join(parts)


def _compare_row(row: Row, moves: dict[int, int]) -> str:
    e = esc
    change = row.change
    kind = " heading" if change.kind == "heading" else ""
    if change.op == "equal":
        return f'<p class="block equal{kind}">{e(change.new or "")}</p>'
    if change.op == "changed":
        return f'<p class="block changed{kind}">{_word_diff(change.diff)}</p>'
    if change.op == "inserted":
        return f'<p class="block inserted{kind}"><ins class="ins">{e(change.new or "")}</ins></p>'
    if change.op == "deleted":
        return f'<p class="block deleted{kind}"><del class="del">{e(change.old or "")}</del></p>'
    number = moves.setdefault(id(change), len(moves) + 1)
    if row.side == "old":
        return (f'<p class="block moved-from{kind}" id="move-{number}-from"><a class="note" href="#move-{number}-to">'
                f"verplaatst naar p. {change.new_page}</a><del class=\"move\">{e(change.old or '')}</del></p>")
    body = _word_diff(change.diff) if change.diff else e(change.new or "")
    return (f'<p class="block moved-to{kind}" id="move-{number}-to"><a class="note" href="#move-{number}-from">'
            f"verplaatst van p. {change.old_page}</a>{body}</p>")


def _word_diff(ops: tuple[WordOp, ...]) -> str:
    tags = {"equal": "{}", "delete": '<del class="del">{}</del>', "insert": '<ins class="ins">{}</ins>'}
    out = []
    for op in ops:
        # the space after a changed word stays outside the mark, so it is not underlined
        word = op.text.rstrip() if op.op != "equal" else op.text
        out.append(tags[op.op].format(esc(word)) + op.text[len(word):])
    return "".join(out)
