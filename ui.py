"""The Adviesassistent in the browser: a Gradio app over the same core as the `assistant` CLI.

Layout and callbacks only. Each tab is one function (``documents_tab``, ``search_tab``, ...)
that builds its components and wires them to ``Assistant`` methods; ``build_app`` puts the
tabs together, so a new tab is one new function in ``TABS``.

    python ui.py --index index --host 127.0.0.1 --port 7860

The model and the index are loaded once, at start, before the first page is served.
Everything runs offline: analytics are switched off before Gradio is imported and the
default theme's fonts are bundled with Gradio.
"""

import argparse
import atexit
import html
import logging
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

# Before Gradio is imported anywhere: it looks up version-check and analytics hosts otherwise.
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

if TYPE_CHECKING:
    import gradio as gr

    from assistant.core import Assistant
    from assistant.extract.points import PointMapping
    from assistant.model import Commitment, DocumentInfo, Hit
    from assistant.search.ingest import IngestReport

MAX_MB = 100  # per file: the core refuses larger files, with a Dutch message in the upload report
# Gradio refuses uploads above this before they reach us, with an English message hard-coded in
# its browser client; so it is only a safety net against huge files, well above MAX_MB.
UPLOAD_CEILING_MB = 2 * MAX_MB
ALLOWED_SUFFIXES = (".pdf", ".docx", ".txt", ".md")
KIND_LABELS = {
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
RESULTS_PER_SEARCH = 10
CONTEXT_PARAGRAPHS = 2  # shown before and after a hit

# Scoped to each gr.HTML component through css_template, so build_app alone is complete.
_CSS = """
.hit { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 10px 14px;
       margin-bottom: 10px; cursor: pointer; background: var(--background-fill-primary); }
.hit:hover, .hit:focus { border-color: var(--color-accent); outline: none; }
.hit .cite, .context .cite { font-weight: 600; margin-bottom: 4px; }
.hit .file, .context .where { color: var(--body-text-color-subdued); font-size: 0.85em; }
.hit p, .context p { margin: 4px 0; line-height: 1.5; }
mark { background: #ffe58a; color: inherit; padding: 0 1px; border-radius: 2px; }
.context .para { padding: 6px 10px; margin-bottom: 6px; border-left: 3px solid transparent; }
.context .para.found { border-left-color: var(--color-accent); background: var(--background-fill-secondary); }
.notice { padding: 8px 12px; border-radius: 6px; background: var(--background-fill-secondary); }
.notice.warn { border-left: 4px solid #d97706; }
.notice.ok { border-left: 4px solid #16a34a; }
.notice ul { margin: 4px 0 0 18px; }
.badge { display: inline-block; padding: 1px 10px; border-radius: 999px; font-weight: 600; font-size: 0.9em;
         white-space: nowrap; }
.badge.agree { background: #dcfce7; color: #14532d; }
.badge.partly { background: #fef3c7; color: #7c2d12; }
.badge.disagree { background: #fee2e2; color: #991b1b; }
.badge.unclear { background: #e5e7eb; color: #374151; }
.badge.none { background: #991b1b; color: #ffffff; }
.badge.overdue { background: #fee2e2; color: #991b1b; }
.badge.due { background: #fef3c7; color: #7c2d12; }
.badge.open { background: #dbeafe; color: #1e3a8a; }
.badge.undated { background: #e5e7eb; color: #374151; }
.matrix { width: 100%; border-collapse: collapse; table-layout: fixed; margin-top: 10px; border: 0; }
.matrix tr, .matrix th, .matrix td { border: 0; text-align: left; }
.matrix th { font-weight: 600; padding: 6px 8px; border-bottom: 2px solid var(--border-color-primary); }
.matrix td { vertical-align: top; padding: 10px 8px; border-bottom: 1px solid var(--border-color-primary); }
.matrix td.nr { font-weight: 600; white-space: nowrap; }
.matrix tr.unanswered td { background: #fef2f2; }
.matrix .quote { margin: 6px 0 0; font-style: italic; }
.matrix .meta, .matrix .note { color: var(--body-text-color-subdued); font-size: 0.85em; }
.matrix td.src { font-size: 0.85em; }
.matrix ul { margin: 0; padding-left: 18px; }
.matrix li { margin-bottom: 6px; }
.matrix details summary { cursor: pointer; color: var(--body-text-color-subdued); font-size: 0.85em; }
.item .sentence { font-size: 1.05em; line-height: 1.5; margin: 6px 0; }
.item dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 8px 0; }
.item dt { font-weight: 600; }
.item dd { margin: 0; }
.later { border-left: 3px solid var(--color-accent); padding: 4px 10px; margin: 6px 0; }
.item .where { color: var(--body-text-color-subdued); }
"""
# Page-wide: the context stays in view while the results scroll; the table in the body font.
_PAGE_CSS = """
.gradio-container { overflow: clip !important; }  /* 'hidden' would make sticky columns scroll away */
#context-column { position: sticky; top: 8px; align-self: flex-start; flex-wrap: nowrap;
                  max-height: calc(100vh - 16px); overflow-y: auto; }
#context-column > * { flex-shrink: 0; }
#documents-table, #documents-table *, #register-table, #register-table * { font-family: var(--font) !important; }
#compare .aa-compare { font-family: var(--font); }  /* the app's bundled font, not the viewer's Arial */
"""
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


@dataclass
class App:
    """What every tab needs: the one Assistant of this process and where files for download
    (Excel, Word) are written: a temporary folder, removed at exit. Uploads are kept by the core."""

    assistant: "Assistant"
    blocks: "gr.Blocks"
    output_dir: Path

    def output_folder(self) -> Path:
        """A fresh folder per download, so two users never overwrite each other's file."""
        self.output_dir.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(dir=self.output_dir))


# -- presentation helpers (no logic beyond formatting) ------------------------------------------


def _esc(text: object) -> str:
    # Braces too: gr.HTML renders its value inside a JS/Handlebars template.
    return html.escape(str(text)).replace("{", "&#123;").replace("}", "&#125;")


def _day(value: date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


def _notice(lines: list[str], items: list[str] | None = None, warn: bool = False) -> str:
    body = "".join(f"<p>{_esc(line)}</p>" for line in lines)
    if items:
        body += "<ul>" + "".join(f"<li>{_esc(item)}</li>" for item in items) + "</ul>"
    return f'<div class="notice {"warn" if warn else "ok"}">{body}</div>'


def _marked_html(hit: "Hit") -> str:
    # Sentinels survive escaping; the passage text itself is escaped before <mark> goes in.
    marked = _esc(hit.marked("\x00", "\x01"))
    return marked.replace("\x00", "<mark>").replace("\x01", "</mark>")


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _title(doc: "DocumentInfo") -> str:
    return doc.title or Path(doc.path).name


def _typed_day(text: str, last: bool) -> date | None:
    """The first (or last) day of what the user typed: 2024, maart 2024, 14-03-2024."""
    import gradio as gr

    from assistant.nl.dates import normalise_due

    if not (text or "").strip():
        return None
    period = normalise_due(text)
    if period is None:
        raise gr.Error(f"'{text.strip()}' is geen datum. Typ bijvoorbeeld 2024, maart 2024 of 14-03-2024.")
    return period.end if last else period.start


def _money(eur: float) -> str:
    return f"€ {eur:,.0f}".replace(",", ".")


# -- choosing documents: from the index or as an upload (Adviespunten, Concept, Vergelijken) ----


def _picker_choices(docs: "list[DocumentInfo]", first_kind: str | None = None) -> list[tuple[str, str]]:
    """Indexed documents as (label, id), newest first; documents of ``first_kind`` on top."""
    docs = sorted(docs, key=lambda d: (d.date or date.min, _title(d)), reverse=True)
    docs.sort(key=lambda d: d.kind != first_kind)  # stable: the dates stay in order
    return [(f"{_title(d)} ({_day(d.date) or 'zonder datum'}, {Path(d.path).name})", d.id) for d in docs]


def _document_picker(label: str, elem_id: str) -> tuple["gr.Dropdown", "gr.File"]:
    """A document from the index, or a file dropped below it (the file wins)."""
    import gradio as gr

    choice = gr.Dropdown(label=label, info="Kies uit de index, of sleep hieronder een bestand.", choices=[],
                         value=None, elem_id=f"{elem_id}-choice")
    upload = gr.File(label="Of een bestand (PDF, Word, tekst)", file_count="single",
                     type="filepath", file_types=list(ALLOWED_SUFFIXES), height=130, elem_id=f"{elem_id}-upload")
    return choice, upload


def _picked(app: App, choice: str | None, upload: str | None) -> str | None:
    """The file to read: an upload (only from Gradio's upload folder), else the indexed document
    chosen by its id. Never a path the browser made up."""
    if upload:
        return _uploaded(app, upload)
    if choice:
        from assistant.errors import AssistantError

        try:
            return app.assistant.find_document(choice).path
        except AssistantError as exc:
            import gradio as gr

            raise gr.Error(str(exc)) from exc
    return None


_log = logging.getLogger("adviesassistent.ui")


def _uploaded(app: App, path: str) -> str:
    """A path from a file input, if it lies where uploads are kept; anything else is refused."""
    import gradio as gr
    from gradio.utils import get_upload_folder

    resolved = Path(path).resolve()
    roots = (Path(get_upload_folder()).resolve(), app.assistant.uploads_dir.resolve())
    if not any(root in resolved.parents for root in roots):
        _log.warning("bestandspad buiten de uploadmap geweigerd: %s", path)
        raise gr.Error("Dit bestand is niet via de app geüpload en wordt niet gelezen. Sleep het bestand in het vak.")
    return str(resolved)


def _picker_update(docs: "list[DocumentInfo]", current: str | None, first_kind: str | None = None):
    import gradio as gr

    choices = _picker_choices(docs, first_kind)
    return gr.update(choices=choices, value=current if current in {doc_id for _, doc_id in choices} else None)


# -- Documenten --------------------------------------------------------------------------------

DOCUMENTS_INTRO = f"""
### Documenten in de index
Hier staan de documenten waarin de assistent zoekt: adviezen, reacties van het college,
raadsinformatiebrieven en Kamerbrieven.

1. **Sleep bestanden** naar het vak hieronder, of klik erin om ze te kiezen. U kunt meer
   bestanden tegelijk kiezen: PDF, Word (.docx) en tekst (.txt, .md), tot {MAX_MB} MB per bestand.
2. Klik op **Toevoegen aan de index**. De balk laat zien hoe ver de assistent is.

Een bestand dat al in de index staat en niet is veranderd, wordt overgeslagen. Een nieuwe
versie van een bestand met dezelfde naam vervangt de oude.
"""

_TABLE_HEADERS = ["Titel", "Soort", "Datum", "Kenmerk", "Pagina's", "Passages", "Bestand"]


def _document_rows(docs: "list[DocumentInfo]") -> list[list[Any]]:
    docs = sorted(docs, key=lambda d: (d.date or date.min, _title(d)), reverse=True)
    return [[_title(d), KIND_LABELS.get(d.kind, d.kind), _day(d.date), d.reference or "", d.pages, d.passages,
             Path(d.path).name] for d in docs]


def _document_choices(docs: "list[DocumentInfo]") -> list[tuple[str, str]]:
    labelled = [(f"{_title(d)} ({_day(d.date) or 'zonder datum'}, {Path(d.path).name})", d.id) for d in docs]
    return sorted(labelled)


def _names(paths: list[str]) -> str:
    return ", ".join(Path(p).name for p in paths)


def _report_html(report: "IngestReport | None", rejected: list[str]) -> str:
    lines = []
    if report is not None:
        if report.added:
            lines.append(f"{_plural(len(report.added), 'document', 'documenten')} toegevoegd: {_names(report.added)}.")
        if report.updated:
            lines.append(f"{_plural(len(report.updated), 'document', 'documenten')} bijgewerkt met een nieuwe versie: "
                         f"{_names(report.updated)}.")
        if report.skipped:
            n = len(report.skipped)
            lines.append(f"{_plural(n, 'bestand stond', 'bestanden stonden')} al ongewijzigd in de index en "
                         f"{'is' if n == 1 else 'zijn'} overgeslagen.")
        if report.duplicates:
            lines.append(f"{_plural(len(report.duplicates), 'bestand is', 'bestanden zijn')} overgeslagen omdat "
                         "dezelfde brief er al in staat (hetzelfde bestand, of de brief in een ander formaat): "
                         + "; ".join(f"{Path(p).name} (al in de index als {Path(twin).name})"
                                     for p, twin in report.duplicates) + ".")
    failed = rejected + ([message for _, message in report.failed] if report is not None else [])
    if failed:
        lines.append(f"{_plural(len(failed), 'bestand kon', 'bestanden konden')} niet worden toegevoegd:")
    if not lines:
        lines.append("Er is niets veranderd.")
    return _notice(lines, failed, warn=bool(failed))


def documents_tab(app: App) -> None:
    import gradio as gr

    from assistant.errors import AssistantError, UnsupportedType

    def refresh():
        docs = app.assistant.documents()
        return _document_rows(docs), gr.update(choices=_document_choices(docs), value=None)

    def add(files: list[str] | None, progress=gr.Progress()):
        if not files:
            raise gr.Error("Kies eerst een of meer bestanden: sleep ze naar het vak of klik erin.")
        kept, rejected = [], []
        for file in files:
            name = Path(file).name
            if Path(name).suffix.lower() not in ALLOWED_SUFFIXES:
                rejected.append(str(UnsupportedType(name)))
                continue
            kept.append(_uploaded(app, file))
        report = None
        if kept:
            progress(0, desc="Documenten lezen")

            def step(done: int, total: int, name: str) -> None:
                progress((done, total), desc=f"Bezig met {name}" if name else "Index bijwerken", unit="bestanden")

            try:
                # Copies are kept beside the index (Gradio's own are temporary), named by content.
                report = app.assistant.add_uploads(kept, max_mb=MAX_MB, progress=step)
            except AssistantError as exc:
                raise gr.Error(str(exc)) from exc
        return (_report_html(report, rejected), None, *refresh())

    def remove(doc_id: str | None):
        if not doc_id:
            raise gr.Error("Kies eerst het document dat u wilt verwijderen.")
        try:
            doc = app.assistant.remove(doc_id)
        except AssistantError as exc:
            raise gr.Error(str(exc)) from exc
        message = _notice([f"Verwijderd uit de index: {_title(doc)}."])
        return (message, *refresh())

    def reindex(progress=gr.Progress()):
        progress(0, desc="Index opnieuw opbouwen")

        def step(done: int, total: int, name: str) -> None:
            progress((done, total), desc=f"Bezig met {name}" if name else "Index opslaan", unit="bestanden")

        try:
            report = app.assistant.reindex(progress=step)
        except AssistantError as exc:
            raise gr.Error(str(exc)) from exc
        lines = [f"De index is opnieuw opgebouwd: {_plural(len(report.added), 'document', 'documenten')}, "
                 f"{report.passages_embedded} passages."]
        failed = [message for _, message in report.failed]
        if failed:
            lines.append("Deze bestanden konden niet opnieuw worden gelezen:")
        return (_notice(lines, failed, warn=bool(failed)), *refresh())

    with gr.Tab("Documenten", id="documenten"):
        gr.Markdown(DOCUMENTS_INTRO)
        with gr.Row(equal_height=False):
            with gr.Column(scale=3):
                files = gr.File(file_count="multiple", type="filepath", height=160, elem_id="upload",
                                label="Bestanden (PDF, Word .docx, tekst .txt of .md)")
                add_button = gr.Button("Toevoegen aan de index", variant="primary")
            with gr.Column(scale=2):
                status = gr.HTML(label="Uitkomst", css_template=_CSS, js_on_load=None, elem_id="documents-status")
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
    # Writing to the index one at a time; searches run beside it in their own group.
    writing = {"concurrency_id": "index-write", "concurrency_limit": 1}
    # One progress bar per batch, where the user just dropped the files (or on the table, for a rebuild).
    add_button.click(add, inputs=files, outputs=[status, files, table, choice], api_name="add",
                     show_progress_on=files, **writing)
    remove_button.click(remove, inputs=choice, outputs=[status, table, choice], api_name="remove", **writing)
    reindex_button.click(reindex, outputs=[status, table, choice], api_name="reindex", show_progress_on=table,
                         **writing)


# -- Zoeken ------------------------------------------------------------------------------------

SEARCH_INTRO = """
### Zoeken in alle documenten
Typ een vraag of een paar woorden, bijvoorbeeld *wanneer wordt de logeervoorziening uitgebreid*,
en druk op Enter. Elk resultaat noemt de bron: document, datum, pagina en alinea, zodat u het
kunt citeren. **Klik op een resultaat** (of kies rechts het nummer) om de alinea's ervoor en
erna te lezen.
"""


def _hit_html(number: int, hit: "Hit") -> str:
    return (f'<div class="hit" data-hit="{number - 1}" tabindex="0" role="button">'
            f'<div class="cite">{number}. {_esc(hit.citation)}</div>'
            f"<p>{_marked_html(hit)}</p>"
            f'<div class="file">{_esc(KIND_LABELS.get(hit.document.kind, hit.document.kind))} · '
            f"bestand {_esc(Path(hit.document.path).name)}</div></div>")


def search_tab(app: App) -> None:
    import gradio as gr

    from assistant.errors import AssistantError
    from assistant.search.search import Filters

    empty_context = '<p class="where">Zoek eerst; klik dan op een resultaat om de tekst eromheen te lezen.</p>'

    def context_html(hits: "list[Hit]", index: int | None) -> str:
        if index is None or not 0 <= index < len(hits):
            return empty_context
        hit = hits[index]
        try:
            near = app.assistant.searcher.neighbours(hit, before=CONTEXT_PARAGRAPHS, after=CONTEXT_PARAGRAPHS)
        except AssistantError as exc:
            raise gr.Error(str(exc)) from exc
        paras = []
        for passage in near or [hit.passage]:
            found = passage.id == hit.passage.id
            text = _marked_html(hit) if found else _esc(passage.text)
            paras.append(f'<div class="para{" found" if found else ""}"><div class="where">pagina {passage.page}, '
                         f"alinea {passage.block}</div><p>{text}</p></div>")
        return (f'<div class="context"><div class="cite">{_esc(hit.citation)}</div>'
                f'<div class="where">bestand {_esc(Path(hit.document.path).name)}</div>{"".join(paras)}</div>')

    def search(query: str, kinds: list[str] | None, after: str, before: str):
        if not (query or "").strip():
            raise gr.Error("Typ eerst waar u naar zoekt.")
        filters = Filters(kinds=tuple(kinds or ()), after=_typed_day(after, last=False),
                          before=_typed_day(before, last=True))
        try:
            hits = app.assistant.search(query, k=RESULTS_PER_SEARCH, filters=filters)
        except AssistantError as exc:
            raise gr.Error(str(exc)) from exc
        if not hits:
            message = ("De index is nog leeg: voeg eerst documenten toe op het tabblad Documenten."
                       if not app.assistant.documents() else
                       "Niets gevonden. Probeer andere woorden, of zet de filters ruimer.")
            return _notice([message], warn=True), [], gr.update(choices=[], value=None), empty_context
        cards = "".join(_hit_html(n, hit) for n, hit in enumerate(hits, start=1))
        choices = [(str(n), n - 1) for n in range(1, len(hits) + 1)]  # the numbers on the cards
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
                results = gr.HTML(label="Resultaten", css_template=_CSS, js_on_load=_CLICK_HIT_JS,
                                  elem_id="results")
            with gr.Column(scale=2, elem_id="context-column"):
                gr.Markdown("#### In de tekst")
                which = gr.Radio(label="Toon resultaat nummer", choices=[], value=None, elem_id="context-choice")
                context = gr.HTML(empty_context, label="Context", css_template=_CSS, js_on_load=None,
                                  elem_id="context")

    searching = {"concurrency_id": "search", "concurrency_limit": 2}
    query.submit(search, inputs=[query, kinds, after, before], outputs=[results, hits, which, context],
                 api_name="search", **searching)
    which.input(context_html, inputs=[hits, which], outputs=context, api_name="context", **searching)
    results.select(chosen, inputs=hits, outputs=[which, context], api_visibility="private", **searching)


# -- Adviespunten ------------------------------------------------------------------------------

POINTS_INTRO = """
### Adviespunten en de reactie van het college
Per adviespunt: wat het college ervan vindt, wat het toezegt, en waar dat staat.

1. Kies het **advies** en de **reactie van het college**: uit de index, of sleep een bestand in het vak.
   Alleen het advies kiezen kan ook; u ziet dan de punten zonder reactie.
2. Klik op **Adviespunten tonen**.

Groen: het college neemt het advies over; oranje: gedeeltelijk; rood: niet. **Geen antwoord gevonden**
betekent dat de reactie niet herkenbaar op dat punt ingaat: lees de reactie dan zelf na.
"""

STANCE_LABELS = {"agree": "neemt over", "partly": "neemt gedeeltelijk over", "disagree": "neemt niet over",
                 "unclear": "onduidelijk"}
NO_ANSWER = "geen antwoord gevonden"
MATCHED_BY = {"content": "gekoppeld op inhoud: de reactie noemt het nummer niet",
              "quote": "gekoppeld via het geciteerde adviespunt"}


def _badge(css: str, text: str) -> str:
    return f'<span class="badge {css}">{_esc(text)}</span>'


def _due_text(c: "Commitment") -> str:
    if c.due is None:
        return "geen termijn"
    if c.due.start == c.due.end:
        return f"{c.due.label} ({_day(c.due.start)})"
    return f"{c.due.label} ({_day(c.due.start)} t/m {_day(c.due.end)})"


def _amount_text(c: "Commitment") -> str:
    if c.amount is None:
        return ""
    return " ".join(part for part in (c.amount.label, f"({c.amount.kind})" if c.amount.kind else "") if part)


def _commitment_item(c: "Commitment", today: date) -> str:
    from assistant.register import STATUS_NL

    status = c.status(today)
    meta = [_esc(_due_text(c))] + ([_esc(_amount_text(c))] if c.amount else []) + [_badge(status, STATUS_NL[status])]
    return f'<li>{_esc(c.action)}<div class="meta">{" · ".join(meta)}</div></li>'


def _point_row(m: "PointMapping", mine: "list[Commitment]", titles: dict[str, str], today: date,
               with_response: bool) -> str:
    """One row of the matrix: the point, the college's stance, its commitments, and the sources."""
    point, answer = m.point, m.answer
    advice_cell = (f"<strong>{_esc(point.title or point.text[:160])}</strong>"
                   f"<details><summary>Hele adviespunt</summary><p>{_esc(point.text)}</p></details>")
    sources = [f"{_esc(titles.get(point.source.doc_id, 'advies'))}, p. {point.source.page}"]
    if answer is None:
        stance_cell = _badge("none", NO_ANSWER) if with_response else _badge("unclear", "geen reactie gekozen")
    else:
        stance_cell = _badge(answer.stance, STANCE_LABELS[answer.stance])
        if answer.stance_sentence:
            stance_cell += f'<p class="quote">“{_esc(answer.stance_sentence)}”</p>'
        if answer.matched_by in MATCHED_BY:
            stance_cell += f'<div class="note">{_esc(MATCHED_BY[answer.matched_by])}</div>'
        stance_cell += f"<details><summary>Hele antwoord</summary><p>{_esc(answer.text)}</p></details>"
        sources.append(f"{_esc(titles.get(answer.source.doc_id, 'reactie'))}, p. {answer.source.page}")
    if mine:
        promised = "<ul>" + "".join(_commitment_item(c, today) for c in mine) + "</ul>"
        sources.append(f"toezeggingen: p. {', '.join(str(p) for p in sorted({c.source.page for c in mine}))}")
    else:
        promised = '<span class="note">geen toezeggingen bij dit punt</span>'
    row_class = "unanswered" if answer is None else "answered"
    return (f'<tr class="{row_class}" data-point="{_esc(point.number)}"><td class="nr">{_esc(point.number)}</td>'
            f'<td>{advice_cell}</td><td class="stance">{stance_cell}</td><td>{promised}</td>'
            f'<td class="src">{"<br>".join(sources)}</td></tr>')


def _points_summary(mappings: "list[PointMapping]", commitments: "list[Commitment]", today: date,
                    with_response: bool) -> str:
    answered = [m for m in mappings if m.answer is not None]
    counts = {stance: sum(1 for m in answered if m.answer.stance == stance) for stance in STANCE_LABELS}
    taken = [f"{counts[s]} {words}" for s, words in (("agree", "over"), ("partly", "gedeeltelijk over"),
                                                       ("disagree", "niet over")) if counts[s]]
    lines = [f"{_plural(len(mappings), 'adviespunt', 'adviespunten')}."
             + (f" Het college neemt er {', '.join(taken)}." if taken else "")
             + (f" Bij {counts['unclear']} is het standpunt onduidelijk." if counts["unclear"] else "")]
    unanswered = len(mappings) - len(answered)
    if not with_response:
        lines.append("Kies ook de reactie van het college om de standpunten en toezeggingen te zien.")
    elif not answered:
        lines.append("De gekozen reactie gaat op geen enkel adviespunt herkenbaar in. Controleer of u de juiste "
                     "reactie hebt gekozen.")
    elif unanswered:
        lines.append(f"Bij {_plural(unanswered, 'punt', 'punten')} is geen antwoord gevonden in de reactie: "
                     "lees de reactie daar zelf na.")
    if commitments:
        lines.append(f"{_plural(len(commitments), 'toezegging', 'toezeggingen')} in de reactie, "
                     f"status op {_day(today)}.")
    return _notice(lines, warn=with_response and bool(unanswered))


def _points_html(mappings: "list[PointMapping]", commitments: "list[Commitment]", titles: dict[str, str],
                 today: date, with_response: bool) -> str:
    """The matrix: point -> stance -> commitments (grouped by their point) -> sources."""
    if not mappings:
        return _notice(["Er zijn geen genummerde adviespunten gevonden. Controleer of u het juiste document "
                        "hebt gekozen: een advies met punten 1, 2, 3 ... of een reactie die ze citeert."], warn=True)
    numbers = {m.point.number for m in mappings}
    by_point: dict[str, list["Commitment"]] = {}
    for c in commitments:
        by_point.setdefault(c.point if c.point in numbers else "", []).append(c)
    rows = "".join(_point_row(m, by_point.get(m.point.number, []), titles, today, with_response) for m in mappings)
    html_ = ('<table class="matrix"><colgroup><col style="width: 5%"><col style="width: 22%">'
             '<col style="width: 25%"><col style="width: 34%"><col style="width: 14%"></colgroup>'
             "<thead><tr><th>Punt</th><th>Advies</th><th>Standpunt college</th><th>Toezeggingen</th><th>Bron</th>"
             f"</tr></thead><tbody>{rows}</tbody></table>")
    if by_point.get(""):
        items = "".join(_commitment_item(c, today) for c in by_point[""])
        html_ += ("<h4>Andere toezeggingen in de reactie (niet bij een adviespunt)</h4>"
                  f'<table class="matrix"><tbody><tr><td><ul>{items}</ul></td></tr></tbody></table>')
    return _points_summary(mappings, commitments, today, with_response) + html_


def _document_titles(app: App, paths: list[str | None]) -> dict[str, str]:
    """Document id -> title, for the source column: the index knows the titles of its documents."""
    from assistant.search.ingest import document_id

    indexed = {d.path: _title(d) for d in app.assistant.documents()}
    return {document_id(p): indexed.get(p, Path(p).name) for p in paths if p}


def points_tab(app: App) -> None:
    import gradio as gr

    from assistant.errors import AssistantError

    def choices(advice: str | None, response: str | None):
        docs = app.assistant.documents()
        return _picker_update(docs, advice, "advies"), _picker_update(docs, response, "reactie")

    def show(advice_choice: str | None, advice_file: str | None, response_choice: str | None,
             response_file: str | None):
        advice, response = _picked(app, advice_choice, advice_file), _picked(app, response_choice, response_file)
        if not (advice or response):
            raise gr.Error("Kies eerst een advies (en de reactie van het college): uit de index of als bestand.")
        try:
            mappings = app.assistant.points(advice, response)
            # A response chosen as the advice is read for the points it quotes: its commitments count.
            answered_in = response or (advice if any(m.answer for m in mappings) else None)
            commitments = app.assistant.commitments_in([answered_in]) if answered_in else []
            titles = _document_titles(app, [advice, response])
        except AssistantError as exc:
            raise gr.Error(str(exc)) from exc
        titles.update({c.source.doc_id: c.doc_title for c in commitments if c.doc_title})
        return _points_html(mappings, commitments, titles, date.today(), with_response=answered_in is not None)

    with gr.Tab("Adviespunten", id="adviespunten") as tab:
        gr.Markdown(POINTS_INTRO)
        with gr.Row(equal_height=False):
            with gr.Column():
                advice_choice, advice_file = _document_picker("Advies", "points-advice")
            with gr.Column():
                response_choice, response_file = _document_picker("Reactie van het college", "points-response")
        button = gr.Button("Adviespunten tonen", variant="primary")
        matrix = gr.HTML(label="Adviespunten", css_template=_CSS, js_on_load=None, elem_id="points")

    tab.select(choices, inputs=[advice_choice, response_choice], outputs=[advice_choice, response_choice],
               api_name="points_documents")
    button.click(show, inputs=[advice_choice, advice_file, response_choice, response_file], outputs=matrix,
                 api_name="points", concurrency_id="reading", concurrency_limit=2)


# -- Toezeggingen ------------------------------------------------------------------------------

REGISTER_INTRO = """
### Toezeggingen van het college
Alle toezeggingen uit de documenten in de index, met termijn, bedrag en bron. De status hangt af van de
peildatum (standaard vandaag): **open** (de termijn komt nog), **nu aan de orde**, **verlopen** (de termijn
is voorbij) of **zonder datum**.

- Kies een status, een actor (wie de toezegging doet) of een document om de lijst te beperken.
- **Klik op een regel** om de hele zin te lezen en, bij lopende en verlopen toezeggingen, wat latere
  documenten erover melden. Sorteren: klik op ⋮ naast een kolomnaam.
- **Download als Excel** of **als CSV** geeft de lijst zoals u hem nu ziet.
"""

REGISTER_HEADERS = ["Nr", "Status", "Toezegging", "Actor", "Adviespunt", "Termijn", "Van", "Tot", "Bedrag",
                    "Document", "Datum", "Pagina"]
# Where each column comes from in the export rows (register.COLUMNS), so the table and the Excel agree.
_REGISTER_SOURCE = {"Status": "Status", "Toezegging": "Toezegging", "Actor": "Actor", "Adviespunt": "Adviespunt",
                    "Termijn": "Termijn (tekst)", "Van": "Termijn van", "Tot": "Termijn tot", "Bedrag": "Bedrag (€)",
                    "Document": "Document", "Datum": "Documentdatum", "Pagina": "Pagina"}
_STATUS_COLOURS = {"verlopen": "color: #991b1b; font-weight: 600", "nu aan de orde": "color: #9a3412; font-weight: 600"}
ALL = "alle"
EMPTY_DETAIL = '<p class="where">Klik op een toezegging in de tabel om de hele zin en latere vermeldingen te lezen.</p>'


def _register_table(commitments: "list[Commitment]", today: date):
    """The register as a pandas Styler: real dates and amounts (so sorting works), shown the Dutch way."""
    import pandas as pd

    from assistant.register import COLUMNS, register_rows

    at = {name: i for i, (name, _) in enumerate(COLUMNS)}
    rows = [[n] + [row[at[_REGISTER_SOURCE[h]]] for h in REGISTER_HEADERS[1:]]
            for n, row in enumerate(register_rows(commitments, today), start=1)]
    frame = pd.DataFrame(rows, columns=REGISTER_HEADERS)
    for column in ("Van", "Tot", "Datum"):
        frame[column] = pd.to_datetime(frame[column])
    frame["Bedrag"] = frame["Bedrag"].astype("float")
    shown = {column: (lambda v: "" if pd.isna(v) else v.strftime("%d-%m-%Y")) for column in ("Van", "Tot", "Datum")}
    shown["Bedrag"] = lambda v: "" if pd.isna(v) else _money(v)
    shown.update({column: (lambda v: "" if v is None or v != v else v) for column in ("Actor", "Adviespunt",
                                                                                       "Termijn", "Document")})
    return frame.style.format(shown).map(lambda v: _STATUS_COLOURS.get(v, ""), subset=["Status"])


def _commitment_html(number: int, c: "Commitment", today: date, later: "list[Hit] | None") -> str:
    from assistant.register import STATUS_NL

    status = c.status(today)
    where = ", ".join(part for part in (c.doc_title, _day(c.doc_date), f"p. {c.source.page}",
                                        f"alinea {c.source.block}") if part)
    facts = [("Wie", c.actor or "niet genoemd"), ("Termijn", _due_text(c)), ("Bedrag", _amount_text(c) or "geen"),
             ("Adviespunt", c.point or "niet bij een adviespunt"),
             ("Stelligheid", "toezegging" if c.strength == "firm" else "voornemen (geen harde toezegging)"),
             ("Bron", where)]
    dl = "".join(f"<dt>{_esc(k)}</dt><dd>{_esc(v)}</dd>" for k, v in facts)
    parts = [f'<div class="item"><div class="cite">Toezegging {number} {_badge(status, STATUS_NL[status])}</div>',
             f'<p class="sentence">{_esc(c.text)}</p><dl>{dl}</dl>']
    if later is None:
        reason = ("de termijn ligt nog in de toekomst" if status == "open" else "de toezegging heeft geen termijn")
        parts.append(f'<p class="where">Niet gezocht naar latere vermeldingen: {reason}.</p>')
    else:
        parts.append("<h4>Wat latere documenten erover melden</h4>")
        if not later:
            parts.append(_notice(["geen latere vermelding gevonden"], warn=True))
        for hit in later:
            parts.append(f'<div class="later"><div class="cite">{_esc(hit.citation)}</div>'
                         f"<p>{_marked_html(hit)}</p></div>")
    return "".join(parts) + "</div>"


def register_tab(app: App) -> None:
    import gradio as gr

    from assistant.errors import AssistantError
    from assistant.register import STATUS_NL, STATUSES, RegisterFilter, export_register

    def show(status: str, after: str, before: str, actor: str | None, doc_ids: list[str] | None, peildatum: str):
        today = _typed_day(peildatum, last=False) or date.today()
        where = RegisterFilter(status=None if status == ALL else status, due_after=_typed_day(after, last=False),
                               due_before=_typed_day(before, last=True), actor=actor or None,
                               doc_ids=tuple(doc_ids or ()))
        folder = app.output_folder()
        try:
            found = app.assistant.register(where, today=today)
            actors = sorted({c.actor for c in app.assistant.register(today=today) if c.actor})
            docs = [d for d in app.assistant.documents() if d.commitments]
            files = [export_register(found, folder / f"toezeggingen-{today.isoformat()}{suffix}", today)
                     for suffix in (".xlsx", ".csv")]
        except AssistantError as exc:
            raise gr.Error(str(exc)) from exc
        counts = {s: sum(1 for c in found if c.status(today) == s) for s in STATUSES}
        line = (f"{_plural(len(found), 'toezegging', 'toezeggingen')} op peildatum {_day(today)}"
                + (": " + ", ".join(f"{n} {STATUS_NL[s]}" for s, n in counts.items() if n) if found else "") + ".")
        message = _notice([line]) if found or docs else _notice(
            ["Er staan nog geen toezeggingen in de index: voeg eerst brieven van het college toe op het tabblad "
             "Documenten."], warn=True)
        if not found and docs:
            message = _notice([line, "Zet de filters ruimer om meer te zien."], warn=True)
        choices = [(f"{n}. {c.action[:80]}", n - 1) for n, c in enumerate(found, start=1)]
        doc_choices = _document_choices(docs)
        return (message, _register_table(found, today), (today, found), gr.update(choices=choices, value=None),
                EMPTY_DETAIL, *[str(f) for f in files],
                gr.update(choices=actors, value=actor if actor in actors else None),
                gr.update(choices=doc_choices,
                          value=[d for d in doc_ids or () if d in {value for _, value in doc_choices}]))

    def detail(listing, index: int | None) -> str:
        if not listing or index is None or not 0 <= index < len(listing[1]):
            return EMPTY_DETAIL
        today, found = listing
        c = found[index]
        later = None
        if c.status(today) in ("due", "overdue"):
            try:
                later = app.assistant.evidence(c)
            except AssistantError as exc:
                raise gr.Error(str(exc)) from exc
        return _commitment_html(index + 1, c, today, later)

    def chosen(listing, evt: gr.SelectData):
        index = evt.index[0] if evt.index else None  # the row in our list, also when the table is sorted
        return gr.update(value=index), detail(listing, index)

    with gr.Tab("Toezeggingen", id="toezeggingen") as tab:
        gr.Markdown(REGISTER_INTRO)
        with gr.Row(equal_height=True):
            status = gr.Radio(choices=[("alle", ALL)] + [(STATUS_NL[s], s) for s in STATUSES], value=ALL,
                              label="Status", scale=3, elem_id="register-status")
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
            summary = gr.HTML(css_template=_CSS, js_on_load=None, elem_id="register-summary")
            xlsx = gr.DownloadButton("Download als Excel", value=None, variant="secondary", size="md", scale=0,
                                     min_width=200, elem_id="register-xlsx")
            csv = gr.DownloadButton("Download als CSV", value=None, variant="secondary", size="md", scale=0,
                                    min_width=200, elem_id="register-csv")
        table = gr.Dataframe(headers=REGISTER_HEADERS, label="Toezeggingen", interactive=False, wrap=True,
                             elem_id="register-table", max_height=600,
                             datatype=["number", "str", "str", "str", "str", "str", "date", "date", "number",
                                       "str", "date", "number"],
                             column_widths=["3%", "7%", "19%", "7%", "8%", "9%", "7%", "7%", "7%", "14%", "7%",
                                            "5%"])
        with gr.Row(equal_height=False, elem_id="commitment-detail"):
            which = gr.Dropdown(label="Toon toezegging", choices=[], value=None, scale=1, elem_id="register-choice")
            item = gr.HTML(EMPTY_DETAIL, css_template=_CSS, js_on_load=None, elem_id="register-detail", scale=3)

    searching = {"concurrency_id": "search", "concurrency_limit": 2}
    gr.on([tab.select, status.input, actor.input, doc_ids.input, after.submit, before.submit, peildatum.submit,
           apply.click], show, inputs=[status, after, before, actor, doc_ids, peildatum],
          outputs=[summary, table, listing, which, item, xlsx, csv, actor, doc_ids], api_name="register", **searching)
    which.input(detail, inputs=[listing, which], outputs=item, api_name="commitment", **searching)
    table.select(chosen, inputs=listing, outputs=[which, item], api_visibility="private", **searching).then(
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


def _draft_summary(path: Path, today: date) -> str:
    """What the draft holds, read back from its overview table."""
    import docx

    document = docx.Document(str(path))
    overview = next((t for t in document.tables if t.rows and t.rows[0].cells[0].text.strip() == "Adviespunt"), None)
    if overview is None:
        return _notice(["Het concept is klaar. Download het hieronder."])
    header = [cell.text.strip() for cell in overview.rows[0].cells]
    rows = [[cell.text.strip() for cell in row.cells] for row in overview.rows[1:]]

    def column(name: str) -> list[str]:
        return [row[header.index(name)] for row in rows] if name in header else []

    def total(name: str) -> int:
        return sum(int(v) for v in column(name) if v.isdigit())

    stances: dict[str, int] = {}
    for stance in column("Standpunt college"):
        stances[stance] = stances.get(stance, 0) + 1
    lines = [f"Het concept is klaar: {_plural(len(rows), 'adviespunt', 'adviespunten')}, elk op een eigen pagina, "
             f"met {_plural(total('Toezeggingen'), 'toezegging', 'toezeggingen')} (waarvan {total('Verlopen')} "
             f"verlopen op {_day(today)}). Download het hieronder en open het in Word.", "Het college:"]
    return _notice(lines, [f"{stance}: {_plural(n, 'punt', 'punten')}" for stance, n in stances.items()])


def draft_tab(app: App) -> None:
    import gradio as gr

    from assistant.errors import AssistantError

    def choices(advice: str | None, response: str | None):
        docs = app.assistant.documents()
        return _picker_update(docs, advice, "advies"), _picker_update(docs, response, "reactie")

    def make(advice_choice: str | None, advice_file: str | None, response_choice: str | None,
             response_file: str | None, template: str | None, peildatum: str):
        advice, response = _picked(app, advice_choice, advice_file), _picked(app, response_choice, response_file)
        if not (advice or response):
            raise gr.Error("Kies eerst een advies, een reactie van het college, of allebei: uit de index of als "
                           "bestand.")
        today = _typed_day(peildatum, last=False) or date.today()
        template = _uploaded(app, template) if template else None
        output = app.output_folder() / f"concept-vervolgadvies-{Path(advice or response).stem}.docx"
        try:
            path = app.assistant.draft(advice, response, output, template=template, today=today)
        except AssistantError as exc:
            raise gr.Error(str(exc)) from exc
        return _draft_summary(path, today), gr.update(value=str(path), visible=True)

    with gr.Tab("Concept", id="concept") as tab:
        gr.Markdown(DRAFT_INTRO)
        with gr.Row(equal_height=False):
            with gr.Column():
                advice_choice, advice_file = _document_picker("Advies", "draft-advice")
            with gr.Column():
                response_choice, response_file = _document_picker("Reactie van het college", "draft-response")
        with gr.Accordion("Meer opties: briefpapier en peildatum", open=False):
            with gr.Row(equal_height=False):
                template = gr.File(label="Briefpapier van de adviesraad (Word-sjabloon, .docx)", file_count="single",
                                   type="filepath", file_types=[".docx"], height=90)
                peildatum = gr.Textbox(label="Peildatum", placeholder="leeg: vandaag",
                                       info="De status van de toezeggingen geldt op deze dag.")
        button = gr.Button("Concept maken", variant="primary")
        summary = gr.HTML(css_template=_CSS, js_on_load=None, elem_id="draft-summary")
        download = gr.DownloadButton("Download het concept (Word)", value=None, visible=False, variant="primary",
                                     elem_id="draft-download")

    tab.select(choices, inputs=[advice_choice, response_choice], outputs=[advice_choice, response_choice],
               api_name="draft_documents")
    button.click(make, inputs=[advice_choice, advice_file, response_choice, response_file, template, peildatum],
                 outputs=[summary, download], api_name="draft", concurrency_id="reading", concurrency_limit=2)


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
    import gradio as gr

    from assistant.compare import compare_files
    from assistant.errors import AssistantError
    from assistant.redline import render_html, write_redline

    def choices(old: str | None, new: str | None):
        docs = app.assistant.documents()
        return _picker_update(docs, old), _picker_update(docs, new)

    def run(old_choice: str | None, old_file: str | None, new_choice: str | None, new_file: str | None,
            ignore_case: bool, ignore_punctuation: bool):
        old, new = _picked(app, old_choice, old_file), _picked(app, new_choice, new_file)
        if not (old and new):
            raise gr.Error("Kies twee versies: de oude en de nieuwe, uit de index of als bestand.")
        output = app.output_folder() / f"wijzigingen-{Path(new).stem}.docx"
        try:
            result = compare_files(old, new, ignore_case=ignore_case, ignore_punctuation=ignore_punctuation)
            path = write_redline(result, output)
        except AssistantError as exc:
            raise gr.Error(str(exc)) from exc
        return render_html(result), gr.update(value=str(path), visible=True)

    with gr.Tab("Vergelijken", id="vergelijken") as tab:
        gr.Markdown(COMPARE_INTRO)
        with gr.Row(equal_height=False):
            with gr.Column():
                old_choice, old_file = _document_picker("Oude versie", "compare-old")
            with gr.Column():
                new_choice, new_file = _document_picker("Nieuwe versie", "compare-new")
        with gr.Row(equal_height=True):
            ignore_case = gr.Checkbox(label="Hoofdletters negeren", value=False)
            ignore_punctuation = gr.Checkbox(label="Leestekens negeren", value=False)
            button = gr.Button("Vergelijken", variant="primary", scale=2)
        download = gr.DownloadButton("Download als Word (wijzigingen bijhouden)", value=None, visible=False,
                                     variant="secondary", elem_id="compare-download")
        changes = gr.HTML(label="Wijzigingen", js_on_load=None, elem_id="compare")

    tab.select(choices, inputs=[old_choice, new_choice], outputs=[old_choice, new_choice],
               api_name="compare_documents")
    button.click(run, inputs=[old_choice, old_file, new_choice, new_file, ignore_case, ignore_punctuation],
                 outputs=[changes, download], api_name="compare", concurrency_id="reading", concurrency_limit=2)


# -- the app -----------------------------------------------------------------------------------

TABS = (documents_tab, search_tab, points_tab, register_tab, draft_tab, compare_tab)

HEADER = """
# Adviesassistent
Zoekt in adviezen, beleidsbrieven en reacties van het college, volgt de toezeggingen van het college en
maakt een concept voor het vervolgadvies; bij alles staat de bron. Alles werkt zonder internet: er gaat
niets naar buiten.
"""


def build_app(assistant: "Assistant") -> "gr.Blocks":
    """The Gradio app over ``assistant``; uploads are kept in ``assistant.uploads_dir``."""
    import gradio as gr

    # Gradio's temporary copies of uploads are cleaned daily; ours are kept beside the index.
    with gr.Blocks(title="Adviesassistent", analytics_enabled=False, delete_cache=(86400, 86400)) as blocks:
        gr.Markdown(HEADER)
        output_dir = Path(tempfile.mkdtemp(prefix="adviesassistent-"))
        atexit.register(shutil.rmtree, output_dir, ignore_errors=True)
        app = App(assistant=assistant, blocks=blocks, output_dir=output_dir)
        with gr.Tabs():
            for tab in TABS:
                tab(app)
    blocks.queue(default_concurrency_limit=2)
    return blocks


def serve(blocks: "gr.Blocks", host: str = "127.0.0.1", port: int = 7860,
          auth: list[tuple[str, str]] | None = None, block: bool = True) -> str:
    """Start the server and return its URL; with ``block`` wait until Ctrl+C."""
    import gradio as gr
    from gradio.themes.utils.fonts import LocalFont

    # The default theme's bundled fonts, without their semibold files: in Gradio 6.31 those hold
    # capitals only, so semibold text mixed two fonts. Semibold now uses the complete bold file.
    theme = gr.themes.Default(
        font=[LocalFont("Source Sans Pro", weights=(400, 700)), "ui-sans-serif", "system-ui", "sans-serif"],
        font_mono=[LocalFont("IBM Plex Mono", weights=(400, 700)), "ui-monospace", "Consolas", "monospace"])
    _, url, _ = blocks.launch(
        server_name=host, server_port=port, auth=auth, prevent_thread_lock=True, quiet=True, ssr_mode=False,
        theme=theme, css=_PAGE_CSS,
        auth_message="Log in met de naam en het wachtwoord die u van de beheerder hebt gekregen.",
        max_file_size=f"{UPLOAD_CEILING_MB}mb", footer_links=["settings"])
    if block:
        print(f"Adviesassistent staat klaar op {url}  (stoppen: Ctrl+C)", flush=True)
        blocks.block_thread()
    return url


def warm_up(assistant: "Assistant") -> None:
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
    parser.add_argument("--auth-file", type=Path, default=None,
                        help="Bestand met regels naam:wachtwoord; of zet ASSISTANT_UI_USER en ASSISTANT_UI_PASSWORD.")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    auth = load_auth(args.auth_file, dict(os.environ))
    from assistant.core import Assistant
    from assistant.errors import AssistantError
    from assistant.search.store import StoreConfig

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
    serve(build_app(assistant), host=args.host, port=args.port, auth=auth)
    return 0


if __name__ == "__main__":
    sys.exit(main())
