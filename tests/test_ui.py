"""The Gradio app through its API, as gradio_client sees it: each endpoint, on a real server on
a free loopback port. Mechanics run on the fake embedder over a temporary index; one test at
the end runs the real model over the project's corpus."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"

import ui  # noqa: E402  (after the analytics switch)
from assistant.core import Assistant  # noqa: E402
from assistant.search.store import StoreConfig  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"

LETTER = """Gemeente Rijnwaarde

Datum: {datum}
Ons kenmerk: {kenmerk}
Onderwerp: {onderwerp}

Geachte leden van de raad,

{body}

Hoogachtend,

het college van burgemeester en wethouders van Rijnwaarde
"""
LOGEREN = ("Het college breidt de logeervoorziening voor mantelzorgers in 2025 uit met vier bedden.\n\n"
           "Daarnaast onderzoeken wij of respijtzorg ook in het weekend mogelijk is.\n\n"
           "Over de uitkomst informeren wij u voor de zomer van 2025.")


def write_letter(folder: Path, name: str, body: str = LOGEREN, datum: str = "14 maart 2024",
                 kenmerk: str = "2024/001", onderwerp: str = "Logeervoorziening voor mantelzorgers") -> Path:
    path = folder / name
    path.write_text(LETTER.format(datum=datum, kenmerk=kenmerk, onderwerp=onderwerp, body=body), encoding="utf-8")
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Served:
    """An app on a loopback port with a client of its own; ``call`` is client.predict."""

    def __init__(self, assistant: Assistant, auth=None, max_mb: float = ui.MAX_MB) -> None:
        import tempfile

        from gradio_client import Client

        # Each app its own upload folder: Gradio deletes the files an app received when it shuts
        # down, and the next test's upload of the same letter would land at the same path.
        self._temp_dir = os.environ.get("GRADIO_TEMP_DIR")
        os.environ["GRADIO_TEMP_DIR"] = tempfile.mkdtemp(prefix="gradio-test-")
        self.assistant = assistant
        self.blocks = ui.build_app(assistant, max_mb=max_mb)
        self.url = ui.serve(self.blocks, host="127.0.0.1", port=free_port(), auth=auth, block=False)
        self.client = Client(self.url, analytics_enabled=False, verbose=False) if auth is None else None

    def call(self, *args, api_name: str):
        return self.client.predict(*args, api_name=api_name)

    def add(self, *paths: Path) -> str:
        from gradio_client import handle_file

        status, cleared, _table, _choices = self.call([handle_file(str(p)) for p in paths], api_name="/add")
        assert cleared is None  # the upload box is emptied for the next batch
        return status

    def rows(self) -> list[list]:
        table, _choices = self.call(api_name="/documents")
        assert table["headers"] == ["Titel", "Soort", "Datum", "Kenmerk", "Pagina's", "Passages", "Bestand"]
        return table["data"]

    def search(self, query: str, kinds=(), after: str = "", before: str = ""):
        return self.call(query, list(kinds), after, before, api_name="/search")

    def close(self) -> None:
        self.blocks.close()
        if self._temp_dir is None:
            os.environ.pop("GRADIO_TEMP_DIR", None)
        else:
            os.environ["GRADIO_TEMP_DIR"] = self._temp_dir


@pytest.fixture
def served(tmp_path):
    app = Served(Assistant(StoreConfig(index_dir=tmp_path / "index"), embedder="fake"))
    yield app
    app.close()


@pytest.fixture
def letters(tmp_path) -> Path:
    folder = tmp_path / "brieven"
    folder.mkdir()
    return folder


def cited_pages(results_html: str) -> list[tuple[str, int, int]]:
    """(citation, page, paragraph) of each result card, in rank order."""
    return [(m[0], int(m[1]), int(m[2]))
            for m in re.findall(r'class="cite">\d+\. (.*?, p\. (\d+), alinea (\d+))</div>', results_html)]


# -- Documenten ---------------------------------------------------------------------------------


def test_added_letter_is_listed_with_title_kind_date_and_kenmerk(served, letters):
    status = served.add(write_letter(letters, "logeren.txt"))

    assert "1 document toegevoegd" in status
    [row] = served.rows()
    [doc] = served.assistant.documents()
    # A letter to the council from the college: a raadsinformatiebrief, in three passages (one per paragraph).
    assert row == ["Logeervoorziening voor mantelzorgers", "Raadsinformatiebrief", "14-03-2024", "2024/001", 1,
                   doc.passages, "logeren.txt"]
    assert doc.passages >= 3


def test_uploads_are_kept_beside_the_index_not_in_gradios_temp_folder(served, letters):
    served.add(write_letter(letters, "logeren.txt"))

    [doc] = served.assistant.documents()
    upload_dir = served.assistant.config.index_dir / "uploads"
    assert Path(doc.path).name == "logeren.txt" and Path(doc.path).parent.parent == upload_dir.resolve()
    assert Path(doc.path).read_text(encoding="utf-8").startswith("Gemeente Rijnwaarde")


def test_several_files_in_one_batch_are_all_added(served, letters):
    first = write_letter(letters, "eerste.txt")
    second = write_letter(letters, "tweede.md", body="De wijkregisseurs starten per 1 januari 2025 in drie wijken.",
                          kenmerk="2024/002", onderwerp="Wijkregisseurs")

    status = served.add(first, second)

    assert "2 documenten toegevoegd" in status
    assert sorted(row[-1] for row in served.rows()) == ["eerste.txt", "tweede.md"]


def test_the_same_file_uploaded_again_is_recognised_as_unchanged(served, letters):
    path = write_letter(letters, "logeren.txt")
    served.add(path)

    assert "1 bestand stond al ongewijzigd in de index en is overgeslagen" in served.add(path)
    assert len(served.rows()) == 1


def test_a_different_letter_with_the_same_file_name_never_replaces_the_first(served, letters):
    first = letters / "a" / "brief.txt"
    second = letters / "b" / "brief.txt"
    first.parent.mkdir(), second.parent.mkdir()
    write_letter(first.parent, "brief.txt")
    write_letter(second.parent, "brief.txt", body="De wijkregisseurs starten per 1 januari 2025.",
                 kenmerk="2024/002", onderwerp="Wijkregisseurs")
    served.add(first)

    assert "1 document toegevoegd" in served.add(second)
    assert sorted(row[0] for row in served.rows()) == ["Logeervoorziening voor mantelzorgers", "Wijkregisseurs"]
    copies = sorted(served.assistant.uploads_dir.glob("*/brief.txt"))
    assert [p.read_text(encoding="utf-8") for p in copies] != [first.read_text(encoding="utf-8")] * 2
    assert {p.read_text(encoding="utf-8") for p in copies} == {first.read_text(encoding="utf-8"),
                                                              second.read_text(encoding="utf-8")}


def test_a_rejected_upload_leaves_no_copy_and_a_removed_document_takes_its_copy_along(served, letters):
    empty = letters / "leeg.txt"
    empty.write_text("   \n", encoding="utf-8")
    assert "kon niet worden toegevoegd" in served.add(empty)
    assert not list(served.assistant.uploads_dir.glob("*/leeg.txt"))

    served.add(write_letter(letters, "logeren.txt"))
    [doc] = served.assistant.documents()
    served.call(doc.id, api_name="/remove")
    assert not Path(doc.path).exists() and not list(served.assistant.uploads_dir.glob("*/*"))


def test_the_same_letter_in_another_format_is_added_once_and_said_so(served, letters):
    text = write_letter(letters, "logeren.txt")
    markdown = letters / "logeren.md"
    markdown.write_text(text.read_text(encoding="utf-8"), encoding="utf-8")

    status = served.add(text, markdown)

    assert "1 document toegevoegd: logeren.txt" in status
    assert "1 bestand is overgeslagen omdat dezelfde brief er al in staat (hetzelfde bestand, of de brief in een " \
           "ander formaat): logeren.md (al in de index als logeren.txt)" in status
    assert len(served.rows()) == 1


def test_unreadable_file_gets_a_dutch_message_and_nothing_else_is_lost(served, letters):
    served.add(write_letter(letters, "logeren.txt"))
    empty = letters / "leeg.txt"
    empty.write_bytes(b"")
    damaged = letters / "kapot.pdf"
    damaged.write_bytes(b"%PDF-1.7\nhier houdt het bestand op")

    status = served.add(empty, damaged)

    assert "2 bestanden konden niet worden toegevoegd" in status
    assert "leeg.txt: het bestand is leeg" in status
    assert "kapot.pdf:" in status and "Traceback" not in status
    assert [row[-1] for row in served.rows()] == ["logeren.txt"]
    assert cited_pages(served.search("logeervoorziening")[0])


def test_file_of_a_type_we_do_not_read_is_refused_before_it_is_kept(served, letters):
    sheet = letters / "begroting.xlsx"
    sheet.write_bytes(b"PK\x03\x04 geen brief")

    status = served.add(sheet, write_letter(letters, "logeren.txt"))

    assert "begroting.xlsx: dit bestandstype wordt niet ondersteund" in status
    assert "1 document toegevoegd" in status
    assert not (served.assistant.config.index_dir / "uploads" / "begroting.xlsx").exists()


def test_gradio_refuses_only_uploads_far_above_the_limit(served):
    assert served.blocks.max_file_size == ui.UPLOAD_CEILING_MB * 1024 * 1024 > ui.MAX_MB * 1024 * 1024


def test_adding_without_choosing_files_asks_to_choose_them(served):
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match="Kies eerst een of meer bestanden"):
        served.call(None, api_name="/add")


def test_removed_document_leaves_the_list_and_the_search_results(served, letters):
    served.add(write_letter(letters, "logeren.txt"))
    served.add(write_letter(letters, "wijken.txt", body="De wijkregisseurs starten in drie wijken.", kenmerk="2024/002",
                            onderwerp="Wijkregisseurs"))
    _table, choices = served.call(api_name="/documents")
    doc_id = next(value for label, value in choices["choices"] if "logeren.txt" in label)

    status, table, _choices = served.call(doc_id, api_name="/remove")

    assert "Verwijderd uit de index: Logeervoorziening voor mantelzorgers" in status
    assert [row[-1] for row in table["data"]] == ["wijken.txt"]
    assert "logeren.txt" not in served.search("logeervoorziening")[0]


def test_remove_without_a_choice_asks_for_one(served):
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match="Kies eerst het document"):
        served.call(None, api_name="/remove")


def test_reindex_rebuilds_from_the_kept_uploads(served, letters):
    served.add(write_letter(letters, "logeren.txt"))

    status, table, _choices = served.call(api_name="/reindex")

    assert "opnieuw opgebouwd: 1 document" in status
    assert [row[-1] for row in table["data"]] == ["logeren.txt"]
    assert cited_pages(served.search("logeervoorziening")[0])


def test_reindex_of_an_empty_index_explains_what_to_do(served):
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match="geen bestanden in de index"):
        served.call(api_name="/reindex")


# -- Zoeken -------------------------------------------------------------------------------------


def test_search_returns_a_cited_hit_with_the_query_terms_marked(served, letters):
    served.add(write_letter(letters, "logeren.txt"))

    results, choice, context = served.search("logeervoorziening uitbreiden")

    citation, page, paragraph = cited_pages(results)[0]
    assert citation.startswith("Logeervoorziening voor mantelzorgers, 14-03-2024, kenmerk 2024/001, p. 1")
    assert "<mark>logeervoorziening</mark>" in results.split('class="hit"')[1]
    assert choice["value"] == 0
    assert 'class="para found"' in context  # the best hit is shown in its context straight away


def test_context_shows_the_paragraphs_around_the_chosen_hit(served, letters):
    served.add(write_letter(letters, "logeren.txt"))
    results, choice, _context = served.search("respijtzorg weekend")
    assert [label for label, _ in choice["choices"]] == [str(n) for n in range(1, len(cited_pages(results)) + 1)]
    index = choice["choices"][0][1]

    context = served.call(index, api_name="/context")

    found = re.search(r'class="para found"><div class="where">pagina 1, alinea (\d+)', context)
    paragraphs = [int(n) for n in re.findall(r"pagina \d+, alinea (\d+)", context)]
    assert found and "<mark>respijtzorg</mark>" in context
    assert int(found[1]) - 1 in paragraphs and int(found[1]) + 1 in paragraphs
    assert "logeervoorziening" in context  # the paragraph before it


def test_kind_filter_keeps_other_kinds_out(served, letters):
    served.add(write_letter(letters, "logeren.txt"))
    [doc] = served.assistant.documents()
    other_kinds = [kind for kind in ui.KIND_LABELS if kind != doc.kind]

    assert cited_pages(served.search("logeervoorziening", kinds=[doc.kind])[0])
    results, choice, _ = served.search("logeervoorziening", kinds=other_kinds)
    assert "Niets gevonden" in results and choice["choices"] == []


@pytest.mark.parametrize(("after", "before", "found"), [
    ("2024", "", True), ("maart 2024", "14-03-2024", True), ("2025", "", False), ("", "februari 2024", False),
])
def test_date_filter_reads_years_months_and_dutch_dates(served, letters, after, before, found):
    served.add(write_letter(letters, "logeren.txt"))

    results, _choice, _context = served.search("logeervoorziening", after=after, before=before)

    assert bool(cited_pages(results)) is found


def test_a_date_we_cannot_read_gets_an_example_of_what_works(served):
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match="'gisteren' is geen datum. Typ bijvoorbeeld 2024"):
        served.search("logeervoorziening", after="gisteren")


def test_empty_query_gives_a_hint_and_clears_the_previous_results(served, letters):
    served.add(write_letter(letters, "logeren.txt"))
    results, choice, _context = served.search("logeervoorziening")
    assert "logeervoorziening" in results.lower() and choice["choices"]

    results, choice, context = served.search("   ")

    assert "Typ eerst waar u naar zoekt" in results and "badge" not in results
    assert choice["choices"] == [] and "logeervoorziening" not in context.lower()


def test_a_users_mistake_is_one_log_line_without_a_traceback(served, caplog):
    import logging

    from gradio_client.exceptions import AppError

    with caplog.at_level(logging.INFO, logger="adviesassistent.ui"), pytest.raises(AppError):
        served.search("logeervoorziening", after="gisteren")
    lines = [r for r in caplog.records if r.name == "adviesassistent.ui"]
    assert any("'gisteren' is geen datum" in r.getMessage() for r in lines)
    assert not any(r.exc_info for r in lines)


def test_search_in_an_empty_index_points_to_the_documents_tab(served):
    results, _choice, _context = served.search("logeervoorziening")

    assert "De index is nog leeg" in results and "Documenten" in results


def test_search_answers_while_a_long_ingest_is_running(served, letters):
    served.add(write_letter(letters, "logeren.txt"))
    started, release = threading.Event(), threading.Event()
    ingest = served.assistant.ingest

    def slow_ingest(*args, **kwargs):
        started.set()
        release.wait(30)
        return ingest(*args, **kwargs)

    served.assistant.ingest = slow_ingest
    from gradio_client import handle_file

    later = write_letter(letters, "later.txt", body="De wijkregisseurs starten per 1 januari 2025.", kenmerk="2024/002")
    job = served.client.submit([handle_file(str(later))], api_name="/add")
    try:
        assert started.wait(30)
        assert cited_pages(served.search("logeervoorziening")[0])  # answered while the ingest is held
        assert not job.done()
    finally:
        release.set()
    assert "1 document toegevoegd" in job.result(timeout=60)[0]


# -- start-up, login and defaults --------------------------------------------------------------


def test_login_is_required_when_credentials_are_set(tmp_path):
    from gradio_client import Client
    from gradio_client.exceptions import AuthenticationError

    app = Served(Assistant(StoreConfig(index_dir=tmp_path / "index"), embedder="fake"), auth=[("griffie", "geheim1")])
    try:
        with pytest.raises(AuthenticationError):
            Client(app.url, analytics_enabled=False, verbose=False)
        with pytest.raises(ValueError, match="Could not login"):
            Client(app.url, auth=("griffie", "fout"), analytics_enabled=False, verbose=False)
        client = Client(app.url, auth=("griffie", "geheim1"), analytics_enabled=False, verbose=False)
        table, _choices = client.predict(api_name="/documents")
        assert table["data"] == []
    finally:
        app.close()


def test_logins_come_from_the_auth_file_and_the_environment(tmp_path):
    auth_file = tmp_path / "logins.txt"
    auth_file.write_text("# griffie\ngriffie:ge:heim\n\nsecretaris: wachtwoord2\n", encoding="utf-8")

    logins = ui.load_auth(auth_file, {"ASSISTANT_UI_USER": "beheer", "ASSISTANT_UI_PASSWORD": "pw3"})

    assert logins == [("griffie", "ge:heim"), ("secretaris", " wachtwoord2"), ("beheer", "pw3")]
    assert ui.load_auth(None, {}) is None


@pytest.mark.parametrize(("content", "environ", "message"), [
    ("alleennaam\n", {}, "regel 1 van .* is niet van de vorm naam:wachtwoord"),
    (None, {"ASSISTANT_UI_USER": "beheer"}, "zet zowel ASSISTANT_UI_USER als ASSISTANT_UI_PASSWORD"),
])
def test_incomplete_logins_stop_the_start_with_a_dutch_message(tmp_path, content, environ, message):
    auth_file = None
    if content is not None:
        auth_file = tmp_path / "logins.txt"
        auth_file.write_text(content, encoding="utf-8")

    with pytest.raises(SystemExit, match=message):
        ui.load_auth(auth_file, environ)


def test_defaults_bind_to_loopback_and_read_the_cli_environment(monkeypatch):
    monkeypatch.setenv("ASSISTANT_INDEX", "/data/index")
    monkeypatch.setenv("ASSISTANT_CHROMA_HOST", "127.0.0.1")
    monkeypatch.setenv("ASSISTANT_CHROMA_PORT", "8123")
    monkeypatch.setenv("ASSISTANT_EMBEDDER", "fake")

    args = ui._arguments([])

    assert (args.host, args.port) == ("127.0.0.1", 7860)
    assert (args.index, args.chroma_host, args.chroma_port, args.embedder) == (Path("/data/index"), "127.0.0.1",
                                                                               8123, "fake")


def test_importing_ui_switches_telemetry_off_and_opens_no_index():
    code = ("import os, sys, ui; print(os.environ['GRADIO_ANALYTICS_ENABLED'], os.environ['ANONYMIZED_TELEMETRY'], "
            "'chromadb' in sys.modules)")
    env = {k: v for k, v in os.environ.items() if k not in ("GRADIO_ANALYTICS_ENABLED", "ANONYMIZED_TELEMETRY")}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True, env=env)
    assert out.stdout.split() == ["False", "False", "False"]


def test_ui_py_starts_and_prints_its_url(tmp_path):
    port = free_port()
    env = dict(os.environ, ASSISTANT_EMBEDDER="fake", ASSISTANT_UI_USER="", ASSISTANT_UI_PASSWORD="")
    proc = subprocess.Popen([sys.executable, "ui.py", "--index", str(tmp_path / "index"), "--port", str(port)],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = []
    try:
        deadline = time.time() + 90
        while time.time() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
            if "staat klaar op" in line:
                break
        assert f"Adviesassistent staat klaar op http://127.0.0.1:{port}" in "".join(lines)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        proc.stdout.close()


# -- the real model, end to end ----------------------------------------------------------------


@pytest.fixture(scope="module")
def served_e5(tmp_path_factory):
    app = Served(Assistant(StoreConfig(index_dir=tmp_path_factory.mktemp("e5") / "index"), embedder="e5"))
    yield app
    app.close()


@pytest.mark.slow
def test_corpus_search_finds_when_the_respite_care_is_extended(served_e5):
    files = sorted(p for p in CORPUS.iterdir() if p.suffix in (".pdf", ".docx"))
    if not files:
        pytest.skip(f"no documents in {CORPUS}")

    status = served_e5.add(*files)
    results, _choice, _context = served_e5.search("wanneer wordt de logeervoorziening uitgebreid")

    assert "documenten toegevoegd" in status and "niet worden toegevoegd" not in status
    first = results.split('class="hit"')[1]
    assert re.search(r"bestand reactie_college_mantelzorg_2024\.(pdf|docx)", first), first
    _citation, page, _paragraph = cited_pages(results)[0]
    assert 1 <= page <= 4
    assert "<mark>" in first


def test_hits_far_from_the_question_are_shown_under_a_no_good_match_notice(served, letters):
    served.add(write_letter(letters, "logeren.txt"))
    results, *_ = served.search("logeervoorziening")
    assert "Geen passend resultaat" not in results  # the fake model has no measured threshold
    served.assistant.embedder.no_match_below = 2.0  # as if every passage were far from the question

    results, choice, _context = served.search("logeervoorziening")

    assert results.index("Geen passend resultaat gevonden; dit komt het dichtst in de buurt") < results.index("logeer")
    assert choice["choices"]  # the nearest passages are still shown


def test_the_upload_limit_is_one_setting_shown_and_enforced_in_dutch(tmp_path, letters):
    assert ui._arguments(["--max-mb", "5"]).max_mb == 5.0
    app = Served(Assistant(StoreConfig(index_dir=tmp_path / "index"), embedder="fake"), max_mb=0.01)
    try:
        big = letters / "lang.txt"
        big.write_text("Geachte raad,\n\n" + "De logeervoorziening wordt uitgebreid. " * 400, encoding="utf-8")
        status = app.add(big)
        assert "lang.txt" in status and "groter dan de grens" in status
        assert app.rows() == [] and not any(app.assistant.uploads_dir.rglob("lang.txt"))  # the copy is gone
    finally:
        app.close()


@pytest.mark.slow
def test_ten_clients_search_while_an_ingest_runs_without_an_error(tmp_path, letters):
    import threading

    from gradio_client import Client, handle_file

    from tests.conftest import CORPUS

    app = Served(Assistant(StoreConfig(index_dir=tmp_path / "index"), embedder="fake"))
    try:
        app.add(write_letter(letters, "logeren.txt"))
        batch = sorted(CORPUS.glob("*.pdf"))[:8]
        errors: list[str] = []
        answers: list[int] = []

        def adding():
            try:
                status, *_ = Client(app.url, verbose=False).predict([handle_file(str(p)) for p in batch],
                                                                   api_name="/add")
                assert "toegevoegd" in status
            except Exception as exc:  # noqa: BLE001 - every failure is the finding
                errors.append(f"add: {exc!r}")

        def searching():
            client = Client(app.url, verbose=False)
            for _ in range(10):
                try:
                    results, *_ = client.predict("logeervoorziening", [], "", "", api_name="/search")
                    answers.append(len(results))
                except Exception as exc:  # noqa: BLE001
                    errors.append(f"search: {exc!r}")

        threads = [threading.Thread(target=adding)] + [threading.Thread(target=searching) for _ in range(10)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=600)
        assert errors == [] and len(answers) == 100
        assert len(app.rows()) == 1 + len(batch)
    finally:
        app.close()


def test_the_login_page_names_no_endpoint_and_no_label(tmp_path):
    import urllib.request

    app = Served(Assistant(StoreConfig(index_dir=tmp_path / "index"), embedder="fake"), auth=[("secretaris", "geheim")])
    try:
        page = urllib.request.urlopen(app.url, timeout=10).read().decode("utf-8", "replace")
        for word in ("api_name", "/register", "/set_status", "Toezegging", "code_snippets"):
            assert word not in page, word
    finally:
        app.close()


def test_an_upload_is_searchable_by_its_words_while_its_vectors_are_written(served, letters):
    embed, started, release = served.assistant.embed_pending, threading.Event(), threading.Event()

    def held(*args, **kwargs):
        started.set()
        release.wait(30)
        return embed(*args, **kwargs)

    served.assistant.embed_pending = held
    try:
        assert "1 document toegevoegd" in served.add(write_letter(letters, "logeren.txt"))
        assert started.wait(30)
        (row,) = served.rows()
        assert row[5].endswith("(zoeken op woorden; op betekenis volgt)")
        assert cited_pages(served.search("logeervoorziening mantelzorgers")[0])  # found by its words already
        line = served.call(None, api_name="/background")[0]
        assert "Zoeken op betekenis wordt voorbereid" in str(line)
    finally:
        release.set()
    deadline = time.monotonic() + 60
    while served.assistant.background() is not None and time.monotonic() < deadline:
        time.sleep(0.2)
    served.call(None, api_name="/background")
    (row,) = served.rows()
    assert isinstance(row[5], int) and row[5] > 0
    assert served.assistant.vectors_pending() == 0
