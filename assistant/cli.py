"""The `assistant` command: options in, one core call, output out.

Core errors (AssistantError) reach the user as one Dutch sentence on stderr with the
error's own exit code, never as a traceback.
"""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path
from typing import Any, Callable

import click

from assistant.core import Assistant, Filters, RegisterFilter, StoreConfig
from assistant.errors import AssistantError, FileMissing, InputError
from assistant.present import (
    KIND_LABELS,
    SETTABLE,
    STANCE_LABELS,
    STATUS_LABELS,
    TRACKING_BY_LABEL,
    TRACKING_LABELS,
    amount_text,
    due_text,
    finding_source,
    parse_day,
    parse_term,
    plural,
    shorten,
    standing_label,
    supported_types,
)


class CliError(click.ClickException):
    """A core error shown as ``Fout: ...`` with the core error's exit code."""

    def __init__(self, error: AssistantError) -> None:
        super().__init__(str(error))
        self.exit_code = error.exit_code

    def format_message(self) -> str:
        return self.message

    def show(self, file: Any = None) -> None:
        click.echo(f"Fout: {self.format_message()}", err=True)


def _dutch(error: click.UsageError) -> str:
    """Click's own messages, in Dutch; ours (raised as UsageError) are Dutch already."""
    param = getattr(error, "param", None)
    hint = getattr(error, "param_hint", None)
    if hint is None and param is not None:
        hint = param.get_error_hint(error.ctx) if error.ctx else param.human_readable_name
    hint = hint if isinstance(hint, str) else " / ".join(hint or ())
    if isinstance(error, click.MissingParameter):
        return f"{hint or 'een waarde'} ontbreekt; `assistant <opdracht> --help` zegt wat er nodig is"
    if isinstance(error, click.NoSuchOption):
        return f"onbekende optie {error.option_name}; `assistant <opdracht> --help` toont de opties"
    if isinstance(error, click.BadParameter):
        kind = param.type if param is not None else None
        if isinstance(kind, click.Choice):
            return f"kies voor {hint} een van: {', '.join(map(str, kind.choices))}"
        if isinstance(kind, click.IntRange):
            return f"{hint} moet een geheel getal van {kind.min} tot en met {kind.max} zijn"
        if isinstance(kind, (click.types.IntParamType, click.types.FloatParamType)):
            return f"{hint} moet een getal zijn"
        return f"ongeldige waarde voor {hint}: {error.message}"
    if error.message.startswith("No such command"):
        return "onbekende opdracht; `assistant --help` toont de opdrachten"
    if error.message.startswith(("Got unexpected extra argument", "Got unexpected extra arguments")):
        return "te veel argumenten; zet een zoekvraag of pad met spaties tussen aanhalingstekens"
    return error.message


class DutchGroup(click.Group):
    """Usage errors as one Dutch sentence (``Fout: ...``, exit code 2), like every other error."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            raise CliError(InputError(_dutch(exc))) from exc


def _core_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except AssistantError as exc:
            raise CliError(exc) from exc

    return wrapper


def _existing(*paths: Path) -> None:
    """A labelled set named on the command line must be there."""
    for path in paths:
        if not path.is_file():
            raise FileMissing(path)


def _echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


class DutchDate(click.ParamType):
    """A day as people type it: 14-03-2025, 2025-03-14, maart 2025, 2025, eind 2025. A period
    stands for its first day, or its last where the option asks for an end (``last``)."""

    name = "datum"

    def __init__(self, last: bool = False) -> None:
        self.last = last

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if value is None or not isinstance(value, str):
            return value
        try:
            return parse_day(value, last=self.last)
        except InputError as exc:
            self.fail(str(exc), param, ctx)


@click.group(cls=DutchGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="adviesassistent")
def main() -> None:
    """Adviesassistent: leest beleidsbrieven en adviezen, vindt toezeggingen en stelt vervolgadvies op."""


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print de structuur als JSON.")
@click.option("--max-mb", default=100.0, show_default=True, help="Grootste bestand dat wordt gelezen (MB).")
@_core_errors
def parse(file: Path, as_json: bool, max_mb: float) -> None:
    """Lees FILE (PDF, Word, OpenDocument of tekst) en toon metadata en blokken met pagina."""
    doc = Assistant().read(file, max_mb=max_mb)  # with the id it has (or would have) in the index
    if as_json:
        _echo_json(parse_json(doc))
        return
    click.echo(f"Titel:      {doc.title or '-'}")
    click.echo(f"Datum:      {doc.date.isoformat() if doc.date else '-'}")
    click.echo(f"Kenmerk:    {doc.reference or '-'}")
    click.echo(f"Soort:      {KIND_LABELS.get(doc.kind, doc.kind)} ({doc.kind_evidence})")
    click.echo(f"Afzender:   {doc.sender or '-'}")
    click.echo(f"Geadresseerde: {doc.addressee or '-'}")
    click.echo(f"Pagina's:   {doc.pages}")
    for warning in doc.warnings:
        click.echo(f"Let op: {warning}")
    click.echo("")
    for i, block in enumerate(doc.blocks, start=1):
        label = block.kind + (f" {block.number}" if block.number else "")
        click.echo(f"p.{block.page} ¶{i} [{label}] {block.text}")


def parse_json(doc) -> dict[str, Any]:
    """The `parse --json` contract: metadata plus blocks {kind, number, text, page}."""
    data = doc.to_dict()
    data["blocks"] = [
        {"kind": b.kind, "number": b.number, "text": b.text, "page": b.page, "paragraph": i,
         "start": b.start, "end": b.end}
        for i, b in enumerate(doc.blocks, start=1)
    ]
    return data


def index_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--index, --chroma-host/--chroma-port and --embedder, also from the environment."""
    options = [
        click.option("--index", "index_dir", envvar="ASSISTANT_INDEX", default="index", show_default=True,
                     type=click.Path(path_type=Path), help="Map van de ingebedde index (of $ASSISTANT_INDEX)."),
        click.option("--chroma-host", envvar="ASSISTANT_CHROMA_HOST", default=None,
                     help="Gebruik een Chroma-server op deze host (of $ASSISTANT_CHROMA_HOST)."),
        click.option("--chroma-port", envvar="ASSISTANT_CHROMA_PORT", default=8000, show_default=True, type=int,
                     help="Poort van de Chroma-server (of $ASSISTANT_CHROMA_PORT)."),
        click.option("--embedder", envvar="ASSISTANT_EMBEDDER", default="e5", show_default=True,
                     help="Taalmodel: e5 (standaard), st:PAD (sentence-transformers) of fake (alleen tests)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _assistant(index_dir: Path, chroma_host: str | None, chroma_port: int, embedder: str) -> Assistant:
    return Assistant(StoreConfig(index_dir=index_dir, host=chroma_host, port=chroma_port), embedder=embedder)


def _progress_bar(unit: str = "doc"):
    from tqdm import tqdm

    bar = tqdm(total=0, unit=unit, file=sys.stderr, disable=None, dynamic_ncols=True)

    def update(done: int, total: int, name: str) -> None:
        bar.total = total
        bar.n = done
        bar.set_postfix_str(name[:40])
        bar.refresh()
        if done == total:
            bar.close()

    return update


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--prune", is_flag=True, help="Verwijder documenten waarvan het bestand uit de map is verdwenen.")
@click.option("--json", "as_json", is_flag=True, help="Print een samenvatting als JSON.")
@click.option("--max-mb", default=100.0, show_default=True, help="Grootste bestand dat wordt gelezen (MB).")
@index_options
@_core_errors
def ingest(paths, prune, as_json, max_mb, **store):
    """Voeg bestanden of mappen (recursief) toe aan de index; ongewijzigde bestanden worden overgeslagen.

    In een map worden README-, LICENSE- en CHANGELOG-bestanden overgeslagen: die beschrijven de map."""
    assistant = _assistant(**store)
    report = assistant.ingest(paths, prune=prune, max_mb=max_mb, progress=None if as_json else _progress_bar(),
                              vector_progress=None if as_json else _progress_bar("alinea"))
    if as_json:
        _echo_json(report.to_dict())
    else:
        rate = report.pages / report.seconds if report.seconds else 0
        click.echo(f"Toegevoegd: {len(report.added)}, bijgewerkt: {len(report.updated)}, "
                   f"overgeslagen (ongewijzigd): {len(report.skipped)}, "
                   f"dubbel (zelfde brief in ander formaat): {len(report.duplicates)}, mislukt: {len(report.failed)}, "
                   f"verwijderd: {len(report.removed)}")
        click.echo(f"{report.pages} pagina's doorzoekbaar op woorden na {report.searchable_seconds:.1f} s; "
                   f"{report.passages_embedded} passages ingebed (zoeken op betekenis), alles in "
                   f"{report.seconds:.1f} s ({rate:.1f} pagina's/s)")
        for path, error in report.failed:
            click.echo(f"Mislukt: {error}", err=True)
    if report.failed:
        sys.exit(report.exit_code)  # the most serious cause; what could be read is in the index


@main.command()
@click.argument("document")
@index_options
@_core_errors
def remove(document, **store):
    """Verwijder DOCUMENT (id, pad of bestandsnaam) met al zijn passages uit de index."""
    doc = _assistant(**store).remove(document)
    click.echo(f"Verwijderd: {doc.title} ({doc.id})")


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print de lijst als JSON.")
@index_options
@_core_errors
def documents(as_json, **store):
    """Toon de documenten in de index."""
    docs = _assistant(**store).documents()
    if as_json:
        _echo_json({"documents": [d.to_dict() for d in docs]})
        return
    for d in docs:
        kind = KIND_LABELS.get(d.kind, d.kind)
        ocr = f" ({d.ocr_pages} OCR)" if d.ocr_pages else ""
        waiting = "" if d.complete else f" ({d.unembedded} nog zonder vector: alleen op woorden)"
        click.echo(f"{d.id}  {d.date or '----------'}  {kind:<21} {d.pages:>3} p.{ocr} {d.passages:>4} passages  "
                   f"{d.title}{waiting}")
    click.echo(f"{len(docs)} documenten")
    if any(not d.complete for d in docs):
        click.echo("Zoeken op betekenis volgt voor een deel van de passages: de volgende `assistant ingest` of de "
                   "app maakt het af.")


@main.command()
@index_options
@_core_errors
def reindex(**store):
    """Bouw de index opnieuw op uit dezelfde bestanden, met het gekozen taalmodel."""
    report = _assistant(**store).reindex(progress=_progress_bar())
    click.echo(f"Opnieuw opgebouwd: {len(report.added)} documenten, {report.passages_embedded} passages, "
               f"mislukt: {len(report.failed)}")


@main.command()
@click.argument("query")
@click.option("-k", default=10, show_default=True, type=click.IntRange(1, 1000), help="Aantal resultaten.")
@click.option("--kind", "kinds", multiple=True, help="Alleen deze soort document (herhaalbaar).")
@click.option("--after", type=DutchDate(), help="Alleen documenten vanaf deze datum (bijv. 2024, maart 2024, 01-03-2024).")
@click.option("--before", type=DutchDate(last=True), help="Alleen documenten tot en met deze datum (bijv. 2025).")
@click.option("--reference", help="Alleen het document met dit kenmerk.")
@click.option("--document", "doc_ids", multiple=True, help="Alleen dit document (id; herhaalbaar).")
@click.option("--mode", type=click.Choice(["hybrid", "lexical", "dense"]), default="hybrid", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print de resultaten als JSON.")
@index_options
@_core_errors
def search(query, k, kinds, after, before, reference, doc_ids, mode, as_json, **store):
    """Zoek passages; elk resultaat met bron (document, datum, pagina, alinea)."""
    if not query.strip():
        raise InputError("typ een zoekvraag, bijvoorbeeld: assistant search \"wanneer wordt de logeervoorziening uitgebreid\"")
    filters = Filters(kinds=tuple(kinds), after=after, before=before, reference=reference, doc_ids=tuple(doc_ids))
    found = _assistant(**store).find(query, k=k, filters=filters, mode=mode)
    hits = found.hits
    if as_json:
        _echo_json({"hits": [h.to_dict() for h in hits], "no_good_match": found.weak})
        return
    if not hits:
        click.echo("Geen resultaten.")
    elif found.weak:
        click.echo("Geen passend resultaat gevonden; dit komt het dichtst in de buurt:\n")
    for rank, hit in enumerate(hits, start=1):
        click.echo(f"{rank}. [{hit.score:.3f}] {hit.citation}")
        click.echo(f"   {hit.marked()}")
        click.echo("")


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--response", type=click.Path(path_type=Path), help="De reactie van het college op dit advies.")
@click.option("--json", "as_json", is_flag=True, help="Print de punten als JSON.")
@index_options
@_core_errors
def points(file, response, as_json, **store):
    """Adviespunten van FILE met het antwoord en de houding van het college, en de toezeggingen per antwoord.

    Zonder --response zoekt de assistent de reactie in de index; is FILE zelf een reactie, dan
    worden de punten gelezen die zij citeert."""
    view = _assistant(**store).points(file, response)
    if as_json:
        _echo_json(view.to_dict())
        return
    for note in view.notes:
        click.echo(note)
    for row in view.rows:
        m = row.mapping
        click.echo(f"Adviespunt {m.point.number}: {m.point.title or shorten(m.point.text, 100)}")
        if m.answer is None:
            click.echo("   Geen antwoord gevonden." if view.with_response else "   Geen reactie gekozen of gevonden.")
        else:
            click.echo(f"   {STANCE_LABELS[m.answer.stance]} (p. {m.answer.source.page}): {m.answer.stance_sentence or '-'}")
        for c in row.commitments:
            click.echo(f"   toezegging: {c.action} ({due_text(c.due)}; p. {c.source.page})")


@main.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--all", "register", is_flag=True, help="Het register over de hele index.")
@click.option("--status", type=click.Choice(["open", "due", "overdue", "undated"]), help="Alleen deze status.")
@click.option("--actor", help="Alleen toezeggingen van deze actor (bijv. college).")
@click.option("--due-after", type=DutchDate(), help="Alleen termijnen die op of na deze datum eindigen.")
@click.option("--due-before", type=DutchDate(last=True), help="Alleen termijnen die op of voor deze datum beginnen.")
@click.option("--today", type=DutchDate(), help="Peildatum voor de status (standaard vandaag).")
@click.option("--evidence", is_flag=True, help="Toon bij verlopen en lopende toezeggingen latere vermeldingen.")
@click.option("--export", "export_path", type=click.Path(path_type=Path), help="Schrijf het register naar .xlsx of .csv.")
@click.option("--json", "as_json", is_flag=True, help="Print de toezeggingen als JSON.")
@click.option("--set-status", "set_status", nargs=2, metavar="ID STATUS",
              help="Leg de voortgang van toezegging ID vast: " + ", ".join(TRACKING_LABELS[k] for k in SETTABLE) + ".")
@click.option("--note", default="", help="Toelichting bij --set-status (bijv. de brief waarin het staat).")
@click.option("--new-due", help="Bij --set-status ID vertraagd: de nieuwe termijn (bijv. september 2025).")
@click.option("--clear-status", metavar="ID", help="Vergeet de vastgelegde voortgang van toezegging ID.")
@index_options
@_core_errors
def commitments(files, register, status, actor, due_after, due_before, today, evidence, export_path, as_json,
                set_status, note, new_due, clear_status, **store):
    """Toezeggingen in FILES (zonder ze te indexeren), of met --all het register van de index.

    In het register staat per verlopen of lopende toezegging wat latere documenten erover melden
    (uitgevoerd, vertraagd, gewijzigd: voorgesteld, met bron); met --set-status legt u dat vast."""
    from datetime import date as _date

    day = today or _date.today()
    assistant = _assistant(**store)
    if set_status or clear_status:
        _record_status(assistant, set_status, note, new_due, clear_status, day)
        return
    if not files and not register:
        raise click.UsageError("geef bestanden of --all")
    where = RegisterFilter(status=status, actor=actor, due_after=due_after, due_before=due_before)
    if register:
        view = assistant.register_view(where, today=day)
        found, standings = view.commitments, view.standings
    else:
        found, standings = assistant.commitments_in(files, where, day), {}
    if export_path:
        assistant.export_register(found, export_path, day, standings)
        click.echo(f"{len(found)} toezeggingen geschreven naar {export_path}")
        return
    later = {c.id: assistant.evidence_if_due(c, day) for c in found} if evidence and register else {}
    if as_json:
        rows = []
        for c in found:
            row = c.to_dict(day)
            if later.get(c.id) is not None:
                row["evidence"] = [h.to_dict() for h in later[c.id]]
            if c.id in standings and standings[c.id].kind:
                s = standings[c.id]
                row["standing"] = {"kind": s.kind, "confirmed": s.confirmed,
                                   "note": s.note.to_dict() if s.note else None,
                                   "finding": s.finding.to_dict() if s.finding else None}
            rows.append(row)
        _echo_json({"commitments": rows})
        return
    for c in found:
        amount = f", {amount_text(c.amount)}" if c.amount else ""
        click.echo(f"[{STATUS_LABELS[c.status(day)]}] {c.action}")
        click.echo(f"   {c.actor or '-'}; {due_text(c.due)}{amount}; {c.doc_title}, {c.source.where}; id {c.id}")
        s = standings.get(c.id)
        if s is not None and s.kind:
            where_said = finding_source(s.finding) if not s.confirmed else (s.note.note if s.note else "")
            click.echo(f"   voortgang: {standing_label(s)}{': ' + where_said if where_said else ''}")
        for hit in later.get(c.id) or []:
            click.echo(f"   later: {hit.citation}: {shorten(hit.passage.text, 120)}")
    click.echo(plural(len(found), "toezegging", "toezeggingen"))


def _record_status(assistant: Assistant, set_status, note: str, new_due: str | None, clear_status: str | None,
                   day) -> None:
    if clear_status:
        assistant.clear_status(clear_status)
        click.echo(f"Voortgang van {clear_status} vergeten; het register stelt weer voor wat latere documenten melden.")
        return
    commitment_id, label = set_status
    kind = TRACKING_BY_LABEL.get(label.strip().lower(), label.strip().lower())
    if kind not in SETTABLE:
        raise InputError(f"onbekende status '{label}'; kies uit {', '.join(TRACKING_LABELS[k] for k in SETTABLE)}")
    record = assistant.set_status(commitment_id, kind, note=note, new_due=parse_term(new_due, day), today=day)
    extra = f", nieuwe termijn {due_text(record.new_due)}" if record.new_due else ""
    click.echo(f"Toezegging {record.commitment_id}: {TRACKING_LABELS[record.kind]}{extra} vastgelegd op {day:%d-%m-%Y}.")


@main.command()
@click.option("--advice", type=click.Path(path_type=Path), help="Het advies van de adviesraad.")
@click.option("--response", type=click.Path(path_type=Path), help="De reactie van het college.")
@click.option("--template", type=click.Path(path_type=Path), help="Word-sjabloon (briefpapier) voor stijlen, kop- en voettekst.")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="Het Word-bestand dat wordt geschreven.")
@click.option("--today", type=DutchDate(), help="Peildatum voor de status van toezeggingen.")
@index_options
@_core_errors
def draft(advice, response, template, output, today, **store):
    """Stel een concept-vervolgadvies op in Word: per adviespunt reactie, toezeggingen en latere vermeldingen."""
    if advice is None and response is None:
        raise click.UsageError("geef --advice, --response of allebei")
    result = _assistant(**store).draft(advice, response, output, template=template, today=today)
    for note in result.draft.notes:
        click.echo(note)
    click.echo(f"Concept geschreven: {result.path} ({result.points} adviespunten, {result.commitments} "
               f"toezeggingen, waarvan {result.overdue} verlopen)")


@main.command()
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="Het Word-bestand dat wordt geschreven.")
@click.option("--actor", help="Alleen toezeggingen van deze actor (bijv. college).")
@click.option("--status", type=click.Choice(["overdue", "due"]), default="overdue", show_default=True,
              help="Verlopen toezeggingen, of die nu aan de orde zijn.")
@click.option("--template", type=click.Path(path_type=Path), help="Word-sjabloon (briefpapier) voor stijlen, kop- en voettekst.")
@click.option("--sender", help="Afzender van de brief (standaard: Adviesraad Sociaal Domein).")
@click.option("--today", type=DutchDate(), help="Peildatum (standaard vandaag).")
@index_options
@_core_errors
def reminder(output, actor, status, template, sender, today, **store):
    """Schrijf een herinneringsbrief aan het college met de verlopen toezeggingen, hun bron en wat later is gemeld."""
    result = _assistant(**store).reminder(output, RegisterFilter(status=status, actor=actor), template=template,
                                          today=today, sender=sender)
    click.echo(f"Herinnering geschreven: {result.path} ({plural(result.commitments, 'toezegging', 'toezeggingen')})")


@main.command()
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print de vergelijking als JSON.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Schrijf een Word-bestand met wijzigingen bijhouden.")
@click.option("--ignore-case", is_flag=True, help="Negeer verschillen in hoofdletters.")
@click.option("--ignore-punctuation", is_flag=True, help="Negeer wijzigingen die alleen leestekens zijn.")
@click.option("--keep-whitespace", is_flag=True, help="Tel ook verschillen in witruimte als wijziging.")
@click.option("--index", "index_dir", envvar="ASSISTANT_INDEX", default="index", show_default=True,
              type=click.Path(path_type=Path),
              help="Map van de index: versies die daarin staan worden niet opnieuw gelezen (of $ASSISTANT_INDEX).")
@_core_errors
def compare(old, new, as_json, output, ignore_case, ignore_punctuation, keep_whitespace, index_dir):
    """Vergelijk twee versies van een brief: tekst, metadata en toezeggingen."""
    assistant = Assistant(StoreConfig(index_dir=index_dir))
    result = assistant.compare(old, new, ignore_case=ignore_case, ignore_whitespace=not keep_whitespace,
                               ignore_punctuation=ignore_punctuation)
    if output:
        assistant.redline(result, output)
    if as_json:
        _echo_json(result.to_dict())
        return
    click.echo(result.summary_text())
    if output:
        click.echo(f"Word-bestand met bijgehouden wijzigingen: {output}")


@main.command("eval")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--embedder", envvar="ASSISTANT_EMBEDDER", default="e5", show_default=True, help="Taalmodel.")
@click.option("--json", "as_json", is_flag=True, help="Print de cijfers als JSON.")
@click.option("--split", type=click.Choice(["all", "dev", "test"]), default="all", show_default=True,
              help="Rekenkamer-set: alleen de vragen over de documenten van dit deel (dev: afstemmen, test: rapporteren).")
@click.option("--index", "index_dir", type=click.Path(path_type=Path), default=None,
              help="Bewaar de index van elke documentenmap hier; een volgende meting leest alleen wat veranderde.")
@_core_errors
def eval_command(files, embedder, as_json, split, index_dir):
    """Meet zoekkwaliteit (recall@1/5/10, MRR@10) per zoekwijze op gelabelde vragensets.

    Zonder bestand: elke set die er is (de dev-set en beide helften van de Rekenkamer-set uit
    ../shared, eval/corpus_queries.json, en eval/questions_dev_real.json en
    eval/questions_real.json over ../shared/corpus-real). Met --index wordt een documentenmap
    maar één keer geïndexeerd."""
    from assistant.core import evaluate_retrieval, retrieval_sets

    sets = [(f, split) for f in files] if files else retrieval_sets(Path.cwd())
    if not sets:
        raise InputError("geen vragenset gevonden; geef een bestand op, of start in de projectmap met ../shared ernaast")
    measured = {}
    for file, half in sets:
        _existing(file)
        results = evaluate_retrieval(file, embedder, split=half, index_dir=index_dir)
        name = file.name if half == "all" else f"{file.name} ({half})"
        measured[name] = results
        if as_json:
            continue
        click.echo(f"\n| {name} | R@1 | R@5 | R@10 | MRR@10 | vragen |")
        click.echo("|---|---|---|---|---|---|")
        for mode, s in results.items():
            click.echo(f"| {mode} | {s.r1:.3f} | {s.r5:.3f} | {s.r10:.3f} | {s.mrr10:.3f} | {s.queries} |")
            for group, g in s.groups.items():
                click.echo(f"| {mode}, {group} | {g.r1:.3f} | {g.r5:.3f} | {g.r10:.3f} | {g.mrr10:.3f} | {g.queries} |")
    if as_json:
        _echo_json({name: {mode: s.to_dict() for mode, s in results.items()} for name, results in measured.items()}
                   if len(measured) > 1 else {mode: s.to_dict() for mode, s in next(iter(measured.values())).items()})


@main.command("eval-extract")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--split", type=click.Choice(["test", "dev", "train"]), default="test", show_default=True,
              help="Welk deel van de gelabelde echte documenten (eval/splits.json).")
@click.option("--json", "as_json", is_flag=True, help="Print de cijfers als JSON.")
@click.option("-v", "--verbose", is_flag=True, help="Toon gemiste, onterechte en verkeerd gedateerde toezeggingen.")
@_core_errors
def eval_extract_command(files, split, as_json, verbose):
    """Meet precisie, recall, F1 en termijnen van de toezeggingen op gelabelde echte documenten.

    Zonder FILES: de gelabelde echte documenten van --split (standaard de testbronnen). Met
    eval/gold_extract.json: de eerste gouden set (eigen brieven; daarop zijn de regels ooit afgesteld)."""
    from assistant.core import evaluate_commitments, evaluate_extract

    _existing(*files)
    gold = [f for f in files if f.name == "gold_extract.json"]
    if gold:
        s = evaluate_extract(gold[0])
        if as_json:
            _echo_json(s.to_dict())
            return
        click.echo("| eerste gouden set (afgesteld) | precision | recall | exact deadline | date expressions |")
        click.echo("|---|---|---|---|---|")
        click.echo(f"| {gold[0].name} | {s.precision:.3f} | {s.recall:.3f} | {s.deadline_accuracy:.3f} "
                   f"({s.deadlines_checked}) | {s.date_accuracy:.3f} ({s.dates_checked}) |")
        return
    scores = evaluate_commitments(split, list(files) or None)
    if as_json:
        _echo_json(scores.to_dict())
        return
    click.echo(f"Deel: {scores.split}; {scores.documents} documenten, {scores.sentences} zinnen.")
    click.echo("| bron | precision | recall | F1 | termijn exact | bedrag exact | TP | FP | FN |")
    click.echo("|---|---|---|---|---|---|---|---|---|")
    for name, c in sorted(scores.by_source.items()) + [("totaal", scores.overall)]:
        d = c.to_dict()
        due = f"{d['due_exact']:.3f} ({c.due_checked})" if c.due_checked else "–"
        amount = f"{d['amount_exact']:.3f} ({c.amount_checked})" if c.amount_checked else "–"
        click.echo(f"| {name} | {c.precision:.3f} | {c.recall:.3f} | {c.f1:.3f} | {due} | {amount} | {c.tp} | {c.fp} | {c.fn} |")
    click.echo("")
    click.echo("| kenmerk (cue of feature) | afgegaan | precisie |")
    click.echo("|---|---|---|")
    for name, (fired, right) in sorted(scores.cues.items(), key=lambda kv: -kv[1][0]):
        click.echo(f"| {name} | {fired} | {right / fired:.3f} |")
    if verbose:
        for title, lines in (("Gemist", scores.misses), ("Onterecht", scores.false_alarms),
                             ("Verkeerde termijn", scores.wrong_dues)):
            for line in lines:
                click.echo(f"{title}: {line}")


@main.command("train-commitments")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Waar de gewichten komen (standaard assistant/extract/commitment_model.json).")
@_core_errors
def train_commitments_command(output):
    """Train het model voor toezeggingen opnieuw op de train-bronnen; drempel gekozen op dev."""
    from assistant.core import train_commitments

    report = train_commitments(output)
    dev = report["dev"]
    click.echo(f"Getraind op {report['train']['sentences']} zinnen ({report['train']['commitments']} toezeggingen); "
               f"dev: precisie {dev['precision']:.3f}, recall {dev['recall']:.3f}, F1 {dev['f1']:.3f}.")


@main.command("eval-structure")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print de cijfers als JSON.")
@click.option("-v", "--verbose", is_flag=True, help="Toon gemiste punten, verkeerd afgebakende antwoorden en houdingen.")
@_core_errors
def eval_structure_command(files, as_json, verbose):
    """Meet het herkennen van punten, antwoorden en houding op gelabelde echte documenten."""
    from assistant.core import evaluate_structure

    _existing(*files)
    s = evaluate_structure(list(files))
    if as_json:
        _echo_json(s.to_dict())
        return
    click.echo("| set | documenten/punten | precisie | recall | F1 punten | antwoord goed | houding goed |")
    click.echo("|---|---|---|---|---|---|---|")
    rows = [(f"bron {k}", v) for k, v in sorted(s.by_source.items())]
    rows += [(f"opmaak {k}", v) for k, v in sorted(s.by_layout.items())] + [("totaal", s.overall)]
    for name, t in rows:
        stance = f"{t.stance_accuracy:.3f} ({t.stances})" if t.stances else "–"
        click.echo(f"| {name} | {t.labelled} | {t.precision:.3f} | {t.recall:.3f} | {t.f1:.3f} | "
                   f"{t.answer_accuracy:.3f} ({t.answers}) | {stance} |")
    if verbose:
        for line in s.overall.errors:
            click.echo(line)


@main.command("eval-links")
@click.argument("labels", type=click.Path(path_type=Path), default=Path("eval/point_links.json"))
@click.option("--embedder", default="e5", show_default=True, help="Het embeddingmodel (e5, of fake voor een proef).")
@_core_errors
def eval_links_command(labels, embedder):
    """Meet precision@5 van de koppeling adviespunt -> bestaande toezeggingen op gelabelde paren, per bron."""
    from assistant.core import evaluate_links

    _existing(labels)
    click.echo(evaluate_links(labels, embedder))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
