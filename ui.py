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
import html
import os
import shutil
import sys
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
    from assistant.model import DocumentInfo, Hit
    from assistant.search.ingest import IngestReport

MAX_MB = 100  # per file: the core refuses larger files, with a Dutch message in the upload report
# Gradio refuses uploads above this before they reach us, with an English message hard-coded in
# its browser client; so it is only a safety net against huge files, well above MAX_MB.
UPLOAD_CEILING_MB = 2 * MAX_MB
ALLOWED_SUFFIXES = (".pdf", ".docx", ".txt", ".md")
KIND_LABELS = {
    "advies": "Advies",
    "reactie": "Reactie college",
    "raadsinformatiebrief": "Raadsinformatiebrief",
    "kamerbrief": "Kamerbrief",
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
"""
# Page-wide: the context stays in view while the results scroll; the table in the body font.
_PAGE_CSS = """
.gradio-container { overflow: clip !important; }  /* 'hidden' would make sticky columns scroll away */
#context-column { position: sticky; top: 8px; align-self: flex-start; flex-wrap: nowrap;
                  max-height: calc(100vh - 16px); overflow-y: auto; }
#context-column > * { flex-shrink: 0; }
#documents-table, #documents-table * { font-family: var(--font) !important; }
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
    """What every tab needs: the one Assistant of this process and where uploads are kept."""

    assistant: "Assistant"
    blocks: "gr.Blocks"
    upload_dir: Path


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
                         "dezelfde brief er al in staat in een ander formaat: "
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
        app.upload_dir.mkdir(parents=True, exist_ok=True)
        kept, rejected = [], []
        for file in files:
            # Keep a copy beside the index: Gradio's own copies are temporary.
            name = Path(file).name
            if Path(name).suffix.lower() not in ALLOWED_SUFFIXES:
                rejected.append(str(UnsupportedType(name)))
                continue
            kept.append(shutil.copyfile(file, app.upload_dir / name))
        report = None
        if kept:
            progress(0, desc="Documenten lezen")

            def step(done: int, total: int, name: str) -> None:
                progress((done, total), desc=f"Bezig met {name}" if name else "Index bijwerken", unit="bestanden")

            try:
                report = app.assistant.ingest(kept, max_mb=MAX_MB, progress=step)
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
        message = _notice([f"Verwijderd uit de index: {_title(doc)}. Het bestand zelf is bewaard gebleven."])
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
    from assistant.nl.dates import normalise_due
    from assistant.search.search import Filters

    empty_context = '<p class="where">Zoek eerst; klik dan op een resultaat om de tekst eromheen te lezen.</p>'

    def day(text: str, last: bool) -> date | None:
        """The first (or last) day of what the user typed: 2024, maart 2024, 14-03-2024."""
        if not (text or "").strip():
            return None
        period = normalise_due(text)
        if period is None:
            raise gr.Error(f"'{text.strip()}' is geen datum. Typ bijvoorbeeld 2024, maart 2024 of 14-03-2024.")
        return period.end if last else period.start

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
        filters = Filters(kinds=tuple(kinds or ()), after=day(after, last=False), before=day(before, last=True))
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


# -- the app -----------------------------------------------------------------------------------

TABS = (documents_tab, search_tab)

HEADER = """
# Adviesassistent
Zoekt in adviezen, beleidsbrieven en reacties van het college, en vermeldt bij alles de bron.
Alles werkt zonder internet: er gaat niets naar buiten.
"""


def build_app(assistant: "Assistant", upload_dir: Path | None = None) -> "gr.Blocks":
    """The Gradio app over ``assistant``; uploads are kept in ``upload_dir`` (default <index>/uploads)."""
    import gradio as gr

    # Gradio's temporary copies of uploads are cleaned daily; ours are kept in upload_dir.
    with gr.Blocks(title="Adviesassistent", analytics_enabled=False, delete_cache=(86400, 86400)) as blocks:
        gr.Markdown(HEADER)
        app = App(assistant=assistant, blocks=blocks,
                  upload_dir=upload_dir or Path(assistant.config.index_dir) / "uploads")
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
