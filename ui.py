"""The Adviesassistent in the browser: a Gradio app over the same core as the `assistant` CLI.

Layout and wiring only. Each tab is one function (``documents_tab``, ``search_tab``, ...) that
builds its components and wires them to one ``Assistant`` call each; what a result looks like
is ``assistant.present`` (words, dates, amounts) and ``assistant.present.html`` (fragments),
the styles are ``assistant/present/*.css``. ``build_app`` puts the tabs together, so a new tab
is one new function in ``TABS``.

    python ui.py --index index --host 127.0.0.1 --port 7860

The model and the index are loaded once, at start, before the first page is served.
Everything runs offline: analytics are switched off before Gradio is imported and the
default theme's fonts are bundled with Gradio.
"""

import argparse
import atexit
import functools
import logging
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Callable

# Before Gradio is imported anywhere: it looks up version-check and analytics hosts otherwise.
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

import gradio as gr  # noqa: E402

from assistant import present  # noqa: E402
from assistant.core import Assistant, Background, Filters, RegisterFilter, StoreConfig  # noqa: E402
from assistant.errors import AssistantError, UnsupportedType  # noqa: E402
from assistant.model import Commitment, DocumentInfo, Hit  # noqa: E402
from assistant.present import html as fragments  # noqa: E402

MAX_MB = 100  # per file: the core refuses larger files, with a Dutch message in the upload report
# Gradio refuses uploads above this before they reach us, with an English message hard-coded in
# its browser client; so it is only a safety net against huge files, well above MAX_MB.
UPLOAD_CEILING_MB = 2 * MAX_MB
KIND_LABELS = present.KIND_LABELS
RESULTS_PER_SEARCH = 10
CONTEXT_PARAGRAPHS = 2  # shown before and after a hit
ALL = "alle"
# Searches and readings run two at a time; writes to the index one at a time, beside them.
SEARCHING = {"concurrency_id": "search", "concurrency_limit": 2}
READING = {"concurrency_id": "reading", "concurrency_limit": 2}
WRITING = {"concurrency_id": "index-write", "concurrency_limit": 1}

# Clicking a result card asks the server to show that result in its context.
_CLICK_HIT_JS = """
element.addEventListener('click', (event) => {
  const card = event.target.closest('[data-hit]');
  if (card) trigger('select', {hit: Number(card.dataset.hit)});
});
element.addEventListener('keydown', (event) => {
  const card = event.target.closest('[data-hit]');
  if (card && (event.key === 'Enter' || event.key === ' ')) {
    event.preventDefault();
    trigger('select', {hit: Number(card.dataset.hit)});
  }
});
"""
_log = logging.getLogger("adviesassistent.ui")


@dataclass
class App:
    """What every tab needs: the one Assistant of this process and where files for download
    (Excel, Word) are written: a temporary folder, removed at exit. Uploads are kept by the core."""

    assistant: Assistant
    blocks: gr.Blocks
    output_dir: Path
    max_mb: float = MAX_MB  # per file: larger ones get the core's Dutch message

    def output_folder(self) -> Path:
        """A fresh folder per download, so two users never overwrite each other's file."""
        self.output_dir.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(dir=self.output_dir))


def fout(message: str) -> gr.Error:
    """Gradio's error box, titled in Dutch (Gradio's own title is "Error"). A user's mistake is
    logged as one line; Gradio would print a traceback for it."""
    _log.info("melding aan gebruiker: %s", message)
    return gr.Error(message, title="Fout", print_exception=False)


def shown_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """A core error reaches the user as Gradio's error box, in its own Dutch words."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except AssistantError as exc:
            raise fout(str(exc)) from exc

    return wrapper


def _html(elem_id: str, value: str = "", **kwargs: Any) -> gr.HTML:
    return gr.HTML(value, css_template=fragments.stylesheet("app"), js_on_load=kwargs.pop("js_on_load", None),
                   elem_id=elem_id, **kwargs)


def _title(doc: DocumentInfo) -> str:
    return doc.title or Path(doc.path).name


LABEL_TITLE_CHARS = 70


def _label(doc: DocumentInfo) -> str:
    """How a document is named in a picker: its title cut at a word, then what tells two versions
    apart whole: date, kenmerk and file name (the full text shows on hover)."""
    facts = [present.day(doc.date) or "zonder datum"] + ([f"kenmerk {doc.reference}"] if doc.reference else [])
    return f"{present.shorten(_title(doc), LABEL_TITLE_CHARS)} ({', '.join(facts + [Path(doc.path).name])})"


# -- choosing documents: from the index or as an upload (Adviespunten, Concept, Vergelijken) ----


class DocumentPicker:
    """A document from the index, or a file dropped below it (the file wins). The dropdown sends
    document ids, never paths; a file must come from Gradio's upload folder."""

    def __init__(self, label: str, elem_id: str, first_kind: str | None = None) -> None:
        self.first_kind = first_kind
        self.choice = gr.Dropdown(label=label, info="Kies uit de index, of sleep hieronder een bestand.", choices=[],
                                  value=None, elem_id=f"{elem_id}-choice")
        self.upload = gr.File(label="Of een bestand (PDF, Word, tekst)", file_count="single", type="filepath",
                              file_types=list(present.SUPPORTED_SUFFIXES), height=130, elem_id=f"{elem_id}-upload")

    def update(self, docs: list[DocumentInfo], current: str | None):
        """Indexed documents, newest first, those of ``first_kind`` on top; the choice kept if still there."""
        docs = sorted(docs, key=lambda d: (d.date or date.min, _title(d)), reverse=True)
        docs.sort(key=lambda d: d.kind != self.first_kind)  # stable: the dates stay in order
        choices = [(_label(d), d.id) for d in docs]
        return gr.update(choices=choices, value=current if current in {doc_id for _, doc_id in choices} else None)


def _picked(app: App, choice: str | None, upload: str | None) -> str | None:
    """The file to read: an upload (only from the upload folder), else the indexed document chosen by id."""
    if upload:
        return _uploaded(app, upload)
    if choice:
        return app.assistant.find_document(choice).path
    return None


def _uploaded(app: App, path: str) -> str:
    """A path from a file input, if it lies where uploads are kept; anything else is refused."""
    from gradio.utils import get_upload_folder

    resolved = Path(path).resolve()
    roots = (Path(get_upload_folder()).resolve(), app.assistant.uploads_dir.resolve())
    if not any(root in resolved.parents for root in roots):
        _log.warning("bestandspad buiten de uploadmap geweigerd: %s", path)
        raise fout("Dit bestand is niet via de app geüpload en wordt niet gelezen. Sleep het bestand in het vak.")
    return str(resolved)


def _typed_day(text: str, last: bool = False) -> date | None:
    return present.parse_day(text, last=last)


def _pair_pickers(app: App, first: DocumentPicker, second: DocumentPicker, api_name: str, tab: gr.Tab) -> None:
    def choices(a: str | None, b: str | None):
        docs = app.assistant.documents()
        return first.update(docs, a), second.update(docs, b)

    tab.select(choices, inputs=[first.choice, second.choice], outputs=[first.choice, second.choice],
               api_name=api_name)


# -- Documenten --------------------------------------------------------------------------------

def documents_intro(max_mb: float) -> str:
    return f"""
### Documenten in de index
Hier staan de documenten waarin de assistent zoekt: adviezen, reacties van het college,
raadsinformatiebrieven en Kamerbrieven.

1. **Sleep bestanden** naar het vak hieronder, of klik erin om ze te kiezen. U kunt meer
   bestanden tegelijk kiezen: {present.supported_types()}, tot {max_mb:.0f} MB per bestand.
2. Klik op **Toevoegen aan de index**. De balk laat zien hoe ver de assistent is.

Een bestand dat al in de index staat en niet is veranderd, wordt overgeslagen. Twee verschillende
brieven met dezelfde bestandsnaam worden twee documenten.
"""

_TABLE_HEADERS = ["Titel", "Soort", "Datum", "Kenmerk", "Pagina's", "Passages", "Bestand"]


def _document_rows(docs: list[DocumentInfo]) -> list[list[Any]]:
    docs = sorted(docs, key=lambda d: (d.date or date.min, _title(d)), reverse=True)
    return [[_title(d), KIND_LABELS.get(d.kind, d.kind), present.day(d.date), d.reference or "",
             d.pages_text if d.ocr_pages else d.pages, _passages_cell(d), Path(d.path).name] for d in docs]


def _passages_cell(doc: DocumentInfo) -> Any:
    """The number of passages; while some still wait for their vector, that it is found by its
    words already and by meaning soon."""
    if doc.complete:
        return doc.passages
    return f"{doc.passages} (zoeken op woorden; op betekenis volgt)"


def background_status(work: Background | None) -> str:
    """The line above the table while the background stage runs (a scan read by OCR, vectors
    written); empty when it is idle."""
    if work is None:
        return ""
    if work.stage == "ocr":
        pages = f", pagina {present.number(work.done)} van {present.number(work.total)}" if work.total else ""
        return (f"Scan wordt gelezen met OCR: {work.name}{pages}. Het document verschijnt in de lijst zodra het "
                "gelezen is; zoeken in de andere documenten kan gewoon.")
    shown = f"{present.number(work.done)} van {present.number(work.total)} passages klaar" if work.total else "bezig"
    return (f"Zoeken op betekenis wordt voorbereid ({shown}). De nieuwe documenten zijn al te vinden op "
            "hun woorden en hun toezeggingen staan in het overzicht.")


def _document_choices(docs: list[DocumentInfo]) -> list[tuple[str, str]]:
    return sorted((_label(d), d.id) for d in docs)


def _progress(progress: gr.Progress, idle: str):
    def step(done: int, total: int, name: str) -> None:
        progress((done, total), desc=f"Bezig met {name}" if name else idle, unit="bestanden")

    return step


def documents_tab(app: App) -> None:
    def refresh():
        docs = app.assistant.documents()
        return _document_rows(docs), gr.update(choices=_document_choices(docs), value=None)

    @shown_errors
    def add(files: list[str] | None, progress=gr.Progress()):
        if not files:
            raise fout("Kies eerst een of meer bestanden: sleep ze naar het vak of klik erin.")
        kept, rejected = [], []
        for file in files:
            name = Path(file).name
            if Path(name).suffix.lower() not in present.SUPPORTED_SUFFIXES:
                rejected.append(str(UnsupportedType(name)))
                continue
            kept.append(_uploaded(app, file))
        report = None
        if kept:
            progress(0, desc="Documenten lezen")
            # Copies are kept beside the index (Gradio's own are temporary), named by content.
            report = app.assistant.add_uploads(kept, max_mb=app.max_mb, progress=_progress(progress, "Index bijwerken"),
                                               vectors_later=True)
            # Searchable by words now; scans and search by meaning follow in the background.
            app.assistant.embed_in_background(report.scans_waiting)
        return (fragments.ingest_report(report, rejected), None, *refresh())

    def watch(seen: tuple[str, str], current: str | None):
        """Every few seconds: how far the background stage is, and what it could not add. The
        table is read again when a scan was added and when the stage is done; the chosen
        document stays chosen."""
        work = app.assistant.background()
        step, kept = seen
        failed = app.assistant.background_failures()
        if failed:
            kept = "Niet toegevoegd na het lezen met OCR: " + " ".join(failed)
        text = "\n\n".join(filter(None, (background_status(work), kept)))
        now = f"{work.stage}:{work.name}" if work is not None else ""
        if now == step and not failed:
            return gr.update(value=text, visible=bool(text)), (now, kept), gr.update(), gr.update()
        docs = app.assistant.documents()
        value = current if current in {d.id for d in docs} else None
        return (gr.update(value=text, visible=bool(text)), (now, kept), _document_rows(docs),
                gr.update(choices=_document_choices(docs), value=value))

    @shown_errors
    def remove(doc_id: str | None):
        if not doc_id:
            raise fout("Kies eerst het document dat u wilt verwijderen.")
        doc = app.assistant.remove(doc_id)
        return (fragments.notice([f"Verwijderd uit de index: {_title(doc)}."]), *refresh())

    @shown_errors
    def reindex(progress=gr.Progress()):
        progress(0, desc="Index opnieuw opbouwen")
        report = app.assistant.reindex(progress=_progress(progress, "Index opslaan"))
        return (fragments.reindex_report(report), *refresh())

    with gr.Tab("Documenten", id="documenten"):
        gr.Markdown(documents_intro(app.max_mb))
        with gr.Row(equal_height=False):
            with gr.Column(scale=3):
                files = gr.File(file_count="multiple", type="filepath", height=160, elem_id="upload",
                                label="Bestanden (PDF, Word .docx, OpenDocument .odt, tekst .txt of .md)")
                add_button = gr.Button("Toevoegen aan de index", variant="primary")
            with gr.Column(scale=2):
                status = _html("documents-status", label="Uitkomst")
        second_stage = gr.Markdown(visible=False, elem_id="background-status")
        seen = gr.State(("", ""))
        table = gr.Dataframe(headers=_TABLE_HEADERS, label="Documenten in de index", interactive=False,
                             elem_id="documents-table", wrap=True,
                             column_widths=["32%", "13%", "9%", "10%", "7%", "7%", "22%"])
        with gr.Accordion("Document verwijderen of de index opnieuw opbouwen", open=False):
            gr.Markdown("Verwijderen haalt een document uit de zoekresultaten; het bestand zelf blijft "
                        "bewaard. **Index opnieuw opbouwen** leest alle bestanden opnieuw in; gebruik dit "
                        "alleen als de beheerder erom vraagt (het kan enkele minuten duren).")
            with gr.Row(equal_height=True):
                choice = gr.Dropdown(label="Document", choices=[], value=None, scale=3)
                remove_button = gr.Button("Verwijderen", variant="stop", scale=1)
            reindex_button = gr.Button("Index opnieuw opbouwen", variant="secondary")

    app.blocks.load(refresh, outputs=[table, choice], api_name="documents")
    gr.Timer(3).tick(watch, inputs=[seen, choice], outputs=[second_stage, seen, table, choice],
                     show_progress="hidden", api_name="background")
    # One progress bar per batch, where the user just dropped the files (or on the table, for a rebuild).
    add_button.click(add, inputs=files, outputs=[status, files, table, choice], api_name="add",
                     show_progress_on=files, **WRITING)
    remove_button.click(remove, inputs=choice, outputs=[status, table, choice], api_name="remove", **WRITING)
    reindex_button.click(reindex, outputs=[status, table, choice], api_name="reindex", show_progress_on=table,
                         **WRITING)


# -- Zoeken ------------------------------------------------------------------------------------

SEARCH_INTRO = """
### Zoeken in alle documenten
Typ een vraag of een paar woorden, bijvoorbeeld *wanneer wordt de logeervoorziening uitgebreid*,
en druk op Enter. Elk resultaat noemt de bron: document, datum, pagina en alinea, zodat u het
kunt citeren. **Klik op een resultaat** (of kies rechts het nummer) om de alinea's ervoor en
erna te lezen.
"""


NO_GOOD_MATCH = ("Geen passend resultaat gevonden; dit komt het dichtst in de buurt. Waarschijnlijk staat het "
                 "antwoord niet in de documenten in de index.")


def search_tab(app: App) -> None:
    @shown_errors
    def context_html(hits: list[Hit], index: int | None) -> str:
        if index is None or not 0 <= index < len(hits):
            return fragments.EMPTY_CONTEXT
        hit = hits[index]
        return fragments.in_context(hit, app.assistant.context(hit, CONTEXT_PARAGRAPHS, CONTEXT_PARAGRAPHS))

    @shown_errors
    def search(query: str, kinds: list[str] | None, after: str, before: str):
        if not (query or "").strip():  # a hint, and the previous results go
            return (fragments.notice(["Typ eerst waar u naar zoekt, bijvoorbeeld: wanneer wordt de logeervoorziening "
                                      "uitgebreid?"]), [], gr.update(choices=[], value=None), fragments.EMPTY_CONTEXT)
        filters = Filters(kinds=tuple(kinds or ()), after=_typed_day(after), before=_typed_day(before, last=True))
        found = app.assistant.find(query, k=RESULTS_PER_SEARCH, filters=filters)
        hits = found.hits
        if not hits:
            message = ("De index is nog leeg: voeg eerst documenten toe op het tabblad Documenten."
                       if not app.assistant.documents() else
                       "Niets gevonden. Probeer andere woorden, of zet de filters ruimer.")
            return fragments.notice([message], warn=True), [], gr.update(choices=[], value=None), fragments.EMPTY_CONTEXT
        choices = [(str(n), n - 1) for n in range(1, len(hits) + 1)]  # the numbers on the cards
        cards = fragments.hit_cards(hits)
        if found.weak:
            cards = fragments.notice([NO_GOOD_MATCH], warn=True) + cards
        return cards, hits, gr.update(choices=choices, value=0), context_html(hits, 0)

    def chosen(hits: list, evt: gr.EventData):  # a real annotation: Gradio passes EventData by it
        index = getattr(evt, "hit", None)
        return gr.update(value=index), context_html(hits, index)

    with gr.Tab("Zoeken", id="zoeken"):
        gr.Markdown(SEARCH_INTRO)
        query = gr.Textbox(label="Zoekvraag", placeholder="bijv. wanneer wordt de logeervoorziening uitgebreid",
                           submit_btn="Zoeken", elem_id="query")
        with gr.Accordion("Filters: soort document en periode", open=False):
            kinds = gr.CheckboxGroup(choices=[(label, kind) for kind, label in KIND_LABELS.items()],
                                     label="Soort document", info="Niets aangevinkt: alle soorten.")
            with gr.Row():
                after = gr.Textbox(label="Vanaf", placeholder="bijv. 2024, maart 2024 of 01-03-2024")
                before = gr.Textbox(label="Tot en met", placeholder="bijv. 2025 of 31-12-2024")
        hits = gr.State([])
        with gr.Row(equal_height=False):
            with gr.Column(scale=3):
                gr.Markdown("#### Resultaten")
                results = _html("results", label="Resultaten", js_on_load=_CLICK_HIT_JS)
            with gr.Column(scale=2, elem_id="context-column"):
                gr.Markdown("#### In de tekst")
                which = gr.Radio(label="Toon resultaat nummer", choices=[], value=None, elem_id="context-choice")
                context = _html("context", fragments.EMPTY_CONTEXT, label="Context")

    query.submit(search, inputs=[query, kinds, after, before], outputs=[results, hits, which, context],
                 api_name="search", **SEARCHING)
    which.input(context_html, inputs=[hits, which], outputs=context, api_name="context", **SEARCHING)
    results.select(chosen, inputs=hits, outputs=[which, context], api_visibility="private", **SEARCHING)


# -- Adviespunten ------------------------------------------------------------------------------

POINTS_INTRO = """
### Adviespunten en de reactie van het college
Per adviespunt: wat het college ervan vindt, wat het toezegt, en waar dat staat.

1. Kies het **advies** en de **reactie van het college**: uit de index, of sleep een bestand in het vak.
   Alleen het advies? Dan zoekt de assistent de reactie zelf in de index.
2. Klik op **Adviespunten tonen**.

Groen: het college neemt het advies over; oranje: gedeeltelijk; rood: niet. **Geen antwoord gevonden**
betekent dat de reactie niet herkenbaar op dat punt ingaat: lees de reactie dan zelf na.
"""


def points_tab(app: App) -> None:
    @shown_errors
    def show(advice_choice: str | None, advice_file: str | None, response_choice: str | None,
             response_file: str | None):
        advice, response = _picked(app, advice_choice, advice_file), _picked(app, response_choice, response_file)
        if not (advice or response):
            raise fout("Kies eerst een advies (en de reactie van het college): uit de index of als bestand.")
        return fragments.points_matrix(app.assistant.points(advice, response))

    with gr.Tab("Adviespunten", id="adviespunten") as tab:
        gr.Markdown(POINTS_INTRO)
        with gr.Row(equal_height=False):
            with gr.Column():
                advice = DocumentPicker("Advies", "points-advice", first_kind="advies")
            with gr.Column():
                response = DocumentPicker("Reactie van het college", "points-response", first_kind="reactie")
        button = gr.Button("Adviespunten tonen", variant="primary")
        matrix = _html("points", label="Adviespunten")

    _pair_pickers(app, advice, response, "points_documents", tab)
    button.click(show, inputs=[advice.choice, advice.upload, response.choice, response.upload], outputs=matrix,
                 api_name="points", **READING)


# -- Toezeggingen ------------------------------------------------------------------------------

REGISTER_INTRO = """
### Toezeggingen van het college
Alle toezeggingen uit de documenten in de index, met termijn, bedrag en bron. De status hangt af van de
peildatum (standaard vandaag): **open** (de termijn komt nog), **nu aan de orde**, **verlopen** (de termijn
is voorbij) of **zonder datum**.

- Kies een status, een actor (wie de toezegging doet) of een document om de lijst te beperken.
- **Klik op een regel** om de hele zin te lezen en, bij lopende en verlopen toezeggingen, wat latere
  documenten erover melden. Sorteren: klik op ⋮ naast een kolomnaam.
- **Voortgang**: wat een later document meldt (uitgevoerd, vertraagd, gewijzigd) staat er als voorstel bij;
  bevestig of wijzig het onder de lijst. Wat u vastlegt blijft bewaard, ook als de index opnieuw wordt opgebouwd.
- **Herinneringsbrief maken** zet de verlopen toezeggingen (van de gekozen actor) in een Word-brief aan het college.
- **Download als Excel** of **als CSV** geeft de lijst zoals u hem nu ziet.
"""

FOLLOW_SUGGESTION = "volg"  # the progress picker's "no status of my own" choice

REGISTER_HEADERS = ["Nr", "Status", "Voortgang", "Toezegging", "Actor", "Adviespunt", "Termijn", "Van", "Tot",
                    "Bedrag", "Document", "Datum", "Pagina"]
# Where each column comes from in the export rows (present.REGISTER_COLUMNS), so the table and the Excel agree.
_REGISTER_SOURCE = {"Status": "Status", "Voortgang": "Voortgang", "Toezegging": "Toezegging", "Actor": "Actor", "Adviespunt": "Adviespunt",
                    "Termijn": "Termijn (tekst)", "Van": "Termijn van", "Tot": "Termijn tot", "Bedrag": "Bedrag (€)",
                    "Document": "Document", "Datum": "Documentdatum", "Pagina": "Pagina"}
_STATUS_COLOURS = {"verlopen": "color: #991b1b; font-weight: 600", "nu aan de orde": "color: #9a3412; font-weight: 600"}


def _register_table(commitments: list[Commitment], today: date, standings=None):
    """The register as a pandas Styler: real dates and amounts (so sorting works), shown the Dutch way."""
    import pandas as pd

    at = {name: i for i, (name, _) in enumerate(present.REGISTER_COLUMNS)}
    rows = [[n] + [row[at[_REGISTER_SOURCE[h]]] for h in REGISTER_HEADERS[1:]]
            for n, row in enumerate(present.register_rows(commitments, today, standings), start=1)]
    frame = pd.DataFrame(rows, columns=REGISTER_HEADERS)
    for column in ("Van", "Tot", "Datum"):
        frame[column] = pd.to_datetime(frame[column])
    frame["Bedrag"] = frame["Bedrag"].astype("float")
    shown = {column: (lambda v: "" if pd.isna(v) else v.strftime("%d-%m-%Y")) for column in ("Van", "Tot", "Datum")}
    shown["Bedrag"] = lambda v: "" if pd.isna(v) else present.money(v)
    shown.update({column: (lambda v: "" if v is None or v != v else v) for column in ("Voortgang", "Actor",
                                                                                       "Adviespunt", "Termijn",
                                                                                       "Document")})
    return frame.style.format(shown).map(lambda v: _STATUS_COLOURS.get(v, ""), subset=["Status"])


def register_tab(app: App) -> None:
    @shown_errors
    def show(status: str, after: str, before: str, actor: str | None, doc_ids: list[str] | None, peildatum: str):
        today = _typed_day(peildatum) or date.today()
        where = RegisterFilter(status=None if status == ALL else status, due_after=_typed_day(after),
                               due_before=_typed_day(before, last=True), actor=actor or None,
                               doc_ids=tuple(doc_ids or ()))
        view = app.assistant.register_view(where, today=today)
        found = view.commitments
        folder = app.output_folder()
        files = [app.assistant.export_register(found, folder / f"toezeggingen-{today.isoformat()}{suffix}", today,
                                               view.standings)
                 for suffix in (".xlsx", ".csv")]
        choices = [(f"{n}. {present.shorten(c.action, 80)}", n - 1) for n, c in enumerate(found, start=1)]
        doc_choices = _document_choices(view.documents)
        return (fragments.register_summary(view), _register_table(found, today, view.standings),
                (today, found, view.standings),
                gr.update(choices=choices, value=None), fragments.EMPTY_DETAIL, *[str(f) for f in files],
                gr.update(choices=view.actors, value=actor if actor in view.actors else None),
                gr.update(choices=doc_choices,
                          value=[d for d in doc_ids or () if d in {value for _, value in doc_choices}]))

    @shown_errors
    def detail(listing, index: int | None) -> str:
        if not listing or index is None or not 0 <= index < len(listing[1]):
            return fragments.EMPTY_DETAIL
        today, found, standings = listing
        c = found[index]
        return fragments.commitment_detail(index + 1, c, today, app.assistant.evidence_if_due(c, today),
                                           standings.get(c.id))

    @shown_errors
    def record(listing, index: int | None, kind: str, new_due: str, note: str):
        if not listing or index is None or not 0 <= index < len(listing[1]):
            raise fout("Kies eerst een toezegging in de lijst.")
        today, found, standings = listing
        c = found[index]
        if kind == FOLLOW_SUGGESTION:
            app.assistant.clear_status(c.id)
            said = "Vastgelegde voortgang vergeten; het register volgt weer wat latere documenten melden."
        else:
            typed = present.parse_term(new_due, today)
            saved = app.assistant.set_status(c.id, kind, note=note, new_due=typed, today=date.today())
            said = f"Vastgelegd: {present.TRACKING_LABELS[saved.kind]}."
        standings = {**standings, **app.assistant.standings([c], today)}
        return (fragments.notice([said]), (today, found, standings),
                fragments.commitment_detail(index + 1, c, today, app.assistant.evidence_if_due(c, today),
                                            standings.get(c.id)),
                _register_table(found, today, standings))

    def chosen(listing, evt: gr.SelectData):
        index = evt.index[0] if evt.index else None  # the row in our list, also when the table is sorted
        return gr.update(value=index), detail(listing, index)

    with gr.Tab("Toezeggingen", id="toezeggingen") as tab:
        gr.Markdown(REGISTER_INTRO)
        with gr.Row(equal_height=True):
            status = gr.Radio(choices=[("alle", ALL)] + [(present.STATUS_LABELS[s], s) for s in present.STATUSES],
                              value=ALL, label="Status", scale=3, elem_id="register-status")
            actor = gr.Dropdown(label="Actor", info="Wie de toezegging doet.", choices=[], value=None, scale=1)
            doc_ids = gr.Dropdown(label="Document", info="Niets gekozen: alle documenten.", choices=[], value=[],
                                  multiselect=True, scale=2)
        with gr.Accordion("Meer filters: termijn en peildatum", open=False):
            with gr.Row(equal_height=True):
                after = gr.Textbox(label="Termijn vanaf", placeholder="bijv. 2025 of maart 2025")
                before = gr.Textbox(label="Termijn tot en met", placeholder="bijv. eind 2025 of 31-12-2025")
                peildatum = gr.Textbox(label="Peildatum", placeholder="leeg: vandaag",
                                       info="De status geldt op deze dag.")
                apply = gr.Button("Filters toepassen", variant="secondary")
        listing = gr.State(None)
        with gr.Row(equal_height=True):
            summary = _html("register-summary")
            xlsx = gr.DownloadButton("Download als Excel", value=None, variant="secondary", size="md", scale=0,
                                     min_width=200, elem_id="register-xlsx")
            csv = gr.DownloadButton("Download als CSV", value=None, variant="secondary", size="md", scale=0,
                                    min_width=200, elem_id="register-csv")
        table = gr.Dataframe(headers=REGISTER_HEADERS, label="Toezeggingen", interactive=False, wrap=True,
                             elem_id="register-table", max_height=600,
                             datatype=["number", "str", "str", "str", "str", "str", "str", "date", "date",
                                       "number", "str", "date", "number"],
                             column_widths=["3%", "6%", "9%", "17%", "6%", "7%", "8%", "6%", "6%", "7%", "13%",
                                            "7%", "5%"])
        with gr.Row(equal_height=False, elem_id="commitment-detail"):
            with gr.Column(scale=1):
                which = gr.Dropdown(label="Toon toezegging", choices=[], value=None, elem_id="register-choice")
                with gr.Group(elem_id="register-progress"):
                    progress = gr.Dropdown(label="Voortgang vastleggen",
                                           info="Bevestig of kies wat er van de toezegging is geworden.",
                                           choices=[("volg wat latere documenten melden", FOLLOW_SUGGESTION)]
                                           + [(present.TRACKING_LABELS[k], k) for k in present.SETTABLE],
                                           value=FOLLOW_SUGGESTION, elem_id="register-progress-kind")
                    new_due = gr.Textbox(label="Nieuwe termijn (bij vertraagd)", placeholder="bijv. september 2025")
                    note = gr.Textbox(label="Notitie", placeholder="bijv. bevestigd in de raadsinformatiebrief van mei",
                                      lines=2)
                    save = gr.Button("Voortgang vastleggen", variant="secondary", elem_id="register-progress-save")
                said = _html("register-progress-said")
            item = _html("register-detail", fragments.EMPTY_DETAIL, scale=3)
        with gr.Row(equal_height=True, elem_id="register-reminder"):
            make_reminder = gr.Button("Herinneringsbrief maken (verlopen toezeggingen)", variant="secondary", scale=0,
                                      min_width=320, elem_id="register-reminder-make")
            reminder_said = _html("register-reminder-said")
            reminder_file = gr.DownloadButton("Download de herinnering", value=None, visible=False, scale=0,
                                              min_width=240, elem_id="register-reminder-file")

    gr.on([tab.select, status.input, actor.input, doc_ids.input, after.submit, before.submit, peildatum.submit,
           apply.click], show, inputs=[status, after, before, actor, doc_ids, peildatum],
          outputs=[summary, table, listing, which, item, xlsx, csv, actor, doc_ids], api_name="register", **SEARCHING)
    @shown_errors
    def remind(actor: str | None, peildatum: str):
        today = _typed_day(peildatum) or date.today()
        output = app.output_folder() / f"herinnering-toezeggingen-{today.isoformat()}.docx"
        result = app.assistant.reminder(output, RegisterFilter(status="overdue", actor=actor or None), today=today)
        said = (f"Herinneringsbrief klaar met {present.plural(result.commitments, 'verlopen toezegging', 'verlopen toezeggingen')}"
                f"{' van ' + actor if actor else ''}. Download hem hiernaast en pas hem aan in Word.")
        return fragments.notice([said]), gr.update(value=str(result.path), visible=True)

    which.input(detail, inputs=[listing, which], outputs=item, api_name="commitment", **SEARCHING)
    make_reminder.click(remind, inputs=[actor, peildatum], outputs=[reminder_said, reminder_file], api_name="reminder",
                        **SEARCHING)
    save.click(record, inputs=[listing, which, progress, new_due, note], outputs=[said, listing, item, table],
               api_name="set_status", **SEARCHING)
    table.select(chosen, inputs=listing, outputs=[which, item], api_visibility="private", **SEARCHING).then(
        None, js="() => document.getElementById('commitment-detail').scrollIntoView({behavior: 'smooth', "
                 "block: 'nearest'})")


# -- Concept -----------------------------------------------------------------------------------

DRAFT_INTRO = """
### Concept voor een vervolgadvies
De assistent zet per adviespunt het advies, de reactie van het college, de toezeggingen en wat later
is gemeld in een Word-document, met bronnen. Het nieuwe advies schrijft u daarin zelf.

1. Kies het **advies** en de **reactie van het college**: uit de index, of sleep een bestand in het vak.
   Alleen het advies? Dan zoekt de assistent de reactie zelf in de index.
2. Klik op **Concept maken** en daarna op **Download het concept**.
"""


def draft_tab(app: App) -> None:
    @shown_errors
    def make(advice_choice: str | None, advice_file: str | None, response_choice: str | None,
             response_file: str | None, template: str | None, peildatum: str):
        advice, response = _picked(app, advice_choice, advice_file), _picked(app, response_choice, response_file)
        if not (advice or response):
            raise fout("Kies eerst een advies, een reactie van het college, of allebei: uit de index of als "
                           "bestand.")
        today = _typed_day(peildatum) or date.today()
        template = _uploaded(app, template) if template else None
        output = app.output_folder() / f"concept-vervolgadvies-{Path(advice or response).stem}.docx"
        result = app.assistant.draft(advice, response, output, template=template, today=today)
        return fragments.draft_summary(result), gr.update(value=str(result.path), visible=True)

    with gr.Tab("Concept", id="concept") as tab:
        gr.Markdown(DRAFT_INTRO)
        with gr.Row(equal_height=False):
            with gr.Column():
                advice = DocumentPicker("Advies", "draft-advice", first_kind="advies")
            with gr.Column():
                response = DocumentPicker("Reactie van het college", "draft-response", first_kind="reactie")
        with gr.Accordion("Meer opties: briefpapier en peildatum", open=False):
            with gr.Row(equal_height=False):
                template = gr.File(label="Briefpapier van de adviesraad (Word-sjabloon, .docx)", file_count="single",
                                   type="filepath", file_types=[".docx"], height=90)
                peildatum = gr.Textbox(label="Peildatum", placeholder="leeg: vandaag",
                                       info="De status van de toezeggingen geldt op deze dag.")
        button = gr.Button("Concept maken", variant="primary")
        summary = _html("draft-summary")
        download = gr.DownloadButton("Download het concept (Word)", value=None, visible=False, variant="primary",
                                     elem_id="draft-download")

    _pair_pickers(app, advice, response, "draft_documents", tab)
    button.click(make, inputs=[advice.choice, advice.upload, response.choice, response.upload, template, peildatum],
                 outputs=[summary, download], api_name="draft", **READING)


# -- Vergelijken -------------------------------------------------------------------------------

COMPARE_INTRO = """
### Twee versies van een brief vergelijken
Zie wat er tussen bijvoorbeeld het concept en de definitieve brief is veranderd, en vooral welke
toezeggingen anders zijn geworden: termijn, bedrag, voor wie, of hoe stellig.

1. Kies de **oude** en de **nieuwe versie**: uit de index, of sleep een bestand in het vak.
2. Klik op **Vergelijken**. Bovenaan staan de gewijzigde toezeggingen; daaronder de tekst, met
   <del>doorgehaald</del> wat is vervallen en <ins>onderstreept</ins> wat nieuw is.
3. **Download als Word** geeft de nieuwe tekst met 'wijzigingen bijhouden': in Word aanvaardt of
   weigert u elke wijziging.
"""


def compare_tab(app: App) -> None:
    @shown_errors
    def run(old_choice: str | None, old_file: str | None, new_choice: str | None, new_file: str | None,
            ignore_case: bool, ignore_punctuation: bool):
        old, new = _picked(app, old_choice, old_file), _picked(app, new_choice, new_file)
        if not (old and new):
            raise fout("Kies twee versies: de oude en de nieuwe, uit de index of als bestand.")
        comparison = app.assistant.compare(old, new, ignore_case=ignore_case, ignore_punctuation=ignore_punctuation)
        path = app.assistant.redline(comparison, app.output_folder() / f"wijzigingen-{Path(new).stem}.docx")
        return fragments.comparison_html(comparison), gr.update(value=str(path), visible=True)

    with gr.Tab("Vergelijken", id="vergelijken") as tab:
        gr.Markdown(COMPARE_INTRO)
        with gr.Row(equal_height=False):
            with gr.Column():
                old = DocumentPicker("Oude versie", "compare-old")
            with gr.Column():
                new = DocumentPicker("Nieuwe versie", "compare-new")
        with gr.Row(equal_height=True):
            ignore_case = gr.Checkbox(label="Hoofdletters negeren", value=False)
            ignore_punctuation = gr.Checkbox(label="Leestekens negeren", value=False)
            button = gr.Button("Vergelijken", variant="primary", scale=2)
        download = gr.DownloadButton("Download als Word (wijzigingen bijhouden)", value=None, visible=False,
                                     variant="secondary", elem_id="compare-download")
        changes = gr.HTML(label="Wijzigingen", js_on_load=None, elem_id="compare")

    _pair_pickers(app, old, new, "compare_documents", tab)
    button.click(run, inputs=[old.choice, old.upload, new.choice, new.upload, ignore_case, ignore_punctuation],
                 outputs=[changes, download], api_name="compare", **READING)


# -- the app -----------------------------------------------------------------------------------

TABS = (documents_tab, search_tab, points_tab, register_tab, draft_tab, compare_tab)

HEADER = """
# Adviesassistent
Zoekt in adviezen, beleidsbrieven en reacties van het college, volgt de toezeggingen van het college en
maakt een concept voor het vervolgadvies; bij alles staat de bron. Alles werkt zonder internet: er gaat
niets naar buiten.
"""


def build_app(assistant: Assistant, max_mb: float = MAX_MB) -> gr.Blocks:
    """The Gradio app over ``assistant``; uploads are kept in ``assistant.uploads_dir``."""
    # Gradio's temporary copies of uploads are cleaned daily; ours are kept beside the index.
    with gr.Blocks(title="Adviesassistent", analytics_enabled=False, delete_cache=(86400, 86400)) as blocks:
        gr.Markdown(HEADER)
        output_dir = Path(tempfile.mkdtemp(prefix="adviesassistent-"))
        atexit.register(shutil.rmtree, output_dir, ignore_errors=True)
        app = App(assistant=assistant, blocks=blocks, output_dir=output_dir, max_mb=max_mb)
        with gr.Tabs():
            for tab in TABS:
                tab(app)
    blocks.queue(default_concurrency_limit=2)
    # No published API: every endpoint stays callable by the app (and by gradio_client in the
    # tests) but is left out of the API description that Gradio embeds in every page, the
    # login page included.
    for fn in blocks.fns.values():
        if fn.api_visibility == "public":
            fn.api_visibility = "undocumented"
    blocks.upload_ceiling_mb = 2 * max_mb  # Gradio refuses larger uploads before they reach us
    return blocks


def serve(blocks: gr.Blocks, host: str = "127.0.0.1", port: int = 7860,
          auth: list[tuple[str, str]] | None = None, block: bool = True) -> str:
    """Start the server and return its URL; with ``block`` wait until Ctrl+C."""
    from gradio.themes.utils.fonts import LocalFont

    # The default theme's bundled fonts, without their semibold files: in Gradio 6.31 those hold
    # capitals only, so semibold text mixed two fonts. Semibold now uses the complete bold file.
    theme = gr.themes.Default(
        font=[LocalFont("Source Sans Pro", weights=(400, 700)), "ui-sans-serif", "system-ui", "sans-serif"],
        font_mono=[LocalFont("IBM Plex Mono", weights=(400, 700)), "ui-monospace", "Consolas", "monospace"])
    _, url, _ = blocks.launch(
        server_name=host, server_port=port, auth=auth, prevent_thread_lock=True, quiet=True, ssr_mode=False,
        theme=theme, css=fragments.stylesheet("page"), js=fragments.page_script(),
        auth_message="Log in met de naam en het wachtwoord die u van de beheerder hebt gekregen.",
        max_file_size=f"{int(getattr(blocks, 'upload_ceiling_mb', UPLOAD_CEILING_MB) * 1024)}kb", footer_links=[])  # no settings panel, no API page
    if block:
        print(f"Adviesassistent staat klaar op {url}  (stoppen: Ctrl+C)", flush=True)
        blocks.block_thread()
    return url


def warm_up(assistant: Assistant) -> None:
    """Open the index and load the model now, so the first search is as fast as the rest."""
    assistant.documents()
    assistant.embedder.embed_queries(["opwarmen"])


def load_auth(auth_file: Path | None, environ: dict[str, str]) -> list[tuple[str, str]] | None:
    """Logins from ``--auth-file`` (lines "naam:wachtwoord") or ASSISTANT_UI_USER/_PASSWORD."""
    logins = []
    if auth_file is not None:
        try:
            lines = auth_file.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise SystemExit(f"Fout: het bestand met inloggegevens {auth_file} kan niet worden gelezen ({exc}).")
        for number, line in enumerate(lines, start=1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            user, sep, password = line.partition(":")
            if not (sep and user.strip() and password):
                raise SystemExit(f"Fout: regel {number} van {auth_file} is niet van de vorm naam:wachtwoord.")
            logins.append((user.strip(), password))
    user, password = environ.get("ASSISTANT_UI_USER"), environ.get("ASSISTANT_UI_PASSWORD")
    if bool(user) != bool(password):
        raise SystemExit("Fout: zet zowel ASSISTANT_UI_USER als ASSISTANT_UI_PASSWORD, of geen van beide.")
    if user and password:
        logins.append((user, password))
    return logins or None


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    env = os.environ
    parser = argparse.ArgumentParser(description="Start de Adviesassistent in de browser.")
    parser.add_argument("--host", default="127.0.0.1",
                        help="Adres om op te luisteren (standaard 127.0.0.1: alleen deze computer).")
    parser.add_argument("--port", type=int, default=7860, help="Poort (standaard 7860).")
    parser.add_argument("--index", type=Path, default=Path(env.get("ASSISTANT_INDEX", "index")),
                        help="Map van de index (of $ASSISTANT_INDEX).")
    parser.add_argument("--chroma-host", default=env.get("ASSISTANT_CHROMA_HOST"),
                        help="Gebruik een Chroma-server op deze host (of $ASSISTANT_CHROMA_HOST).")
    parser.add_argument("--chroma-port", type=int, default=int(env.get("ASSISTANT_CHROMA_PORT", "8000")),
                        help="Poort van de Chroma-server (of $ASSISTANT_CHROMA_PORT).")
    parser.add_argument("--embedder", default=env.get("ASSISTANT_EMBEDDER", "e5"),
                        help="Taalmodel: e5 (standaard), st:PAD of fake (alleen tests).")
    parser.add_argument("--max-mb", type=float, default=float(env.get("ASSISTANT_MAX_MB", MAX_MB)),
                        help=f"Grootste bestand dat wordt gelezen, in MB (standaard {MAX_MB}; of $ASSISTANT_MAX_MB).")
    parser.add_argument("--auth-file", type=Path, default=None,
                        help="Bestand met regels naam:wachtwoord; of zet ASSISTANT_UI_USER en ASSISTANT_UI_PASSWORD.")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    auth = load_auth(args.auth_file, dict(os.environ))
    assistant = Assistant(StoreConfig(index_dir=args.index, host=args.chroma_host, port=args.chroma_port),
                          embedder=args.embedder)
    print(f"Taalmodel en index laden ({assistant.config.label}) ...", flush=True)
    try:
        warm_up(assistant)
    except AssistantError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return exc.exit_code
    if auth is None and args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"Let op: de assistent is zonder inloggen bereikbaar voor anderen op {args.host}; "
              "zet ASSISTANT_UI_USER en ASSISTANT_UI_PASSWORD of gebruik --auth-file.", file=sys.stderr)
    if assistant.vectors_pending():
        assistant.embed_in_background()  # what an earlier run left is found by its words until then
    serve(build_app(assistant, max_mb=args.max_mb), host=args.host, port=args.port, auth=auth)
    return 0


if __name__ == "__main__":
    sys.exit(main())
