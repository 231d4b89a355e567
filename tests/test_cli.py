"""Every `assistant` command through click's CliRunner: it works on good input, and bad input
gets one Dutch sentence (``Fout: ...``) with the exit code of its cause, never a traceback or
click's English usage text. Index commands use a small index with the fake embedder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.cli import main
from assistant.errors import FileMissing, InputError, StoreError, UnknownDocument
from tests.conftest import CORPUS, ROOT

ADVICE = CORPUS / "advies_asd_mantelzorg_2024.pdf"
RESPONSE = CORPUS / "reactie_college_mantelzorg_2024.pdf"


def run(*args: object):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def refused(result, exit_code: int, words: str) -> None:
    """One Dutch sentence on one line, the cause's exit code."""
    assert result.exit_code == exit_code, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Fout: ") and words in lines[0], result.output
    assert "Usage:" not in result.output and "Error:" not in result.output


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> list[str]:
    folder = tmp_path_factory.mktemp("cli-brieven")
    for path in (ADVICE, RESPONSE, CORPUS / "voortgangsbrief_sociaal_domein_2025.pdf"):
        shutil.copy(path, folder / path.name)
    options = ["--index", str(tmp_path_factory.mktemp("cli") / "index"), "--embedder", "fake"]
    result = run("ingest", folder, *options)
    assert result.exit_code == 0, result.output
    return options


def test_parse(tmp_path):
    result = run("parse", ADVICE)
    assert result.exit_code == 0 and "Soort:      Advies" in result.output
    refused(run("parse", tmp_path / "weg.pdf"), FileMissing.exit_code, "weg.pdf: bestand niet gevonden")


def test_ingest(tmp_path):
    options = ["--index", tmp_path / "index", "--embedder", "fake"]
    result = run("ingest", ADVICE, "--json", *options)
    assert result.exit_code == 0 and json.loads(result.output)["added"] == [str(ADVICE)]
    refused(run("ingest", tmp_path / "weg.pdf", *options), FileMissing.exit_code, "niet gevonden")


def test_ingest_exits_with_the_code_of_the_most_serious_failure_and_keeps_the_rest(tmp_path):
    options = ["--index", tmp_path / "index", "--embedder", "fake"]
    folder = tmp_path / "batch"
    folder.mkdir()
    shutil.copy(ADVICE, folder / ADVICE.name)
    (folder / "leeg.txt").write_bytes(b"")  # empty: 4
    result = run("ingest", folder, *options)
    assert result.exit_code == 4 and "leeg.txt" in result.output
    (folder / "kapot.pdf").write_bytes(b"%PDF-1.7\nhier houdt het op")  # damaged: 5 outranks empty
    result = run("ingest", folder, "--json", *options)
    assert result.exit_code == 5
    report = json.loads(result.output)
    assert {f["code"] for f in report["failed"]} == {4, 5} and report["skipped"] == [str(folder / ADVICE.name)]


def test_documents(index):
    result = run("documents", *index)
    assert result.exit_code == 0 and "3 documenten" in result.output and "Reactie op advies" in result.output
    assert len(json.loads(run("documents", "--json", *index).output)["documents"]) == 3


def test_remove(tmp_path):
    options = ["--index", tmp_path / "index", "--embedder", "fake"]
    run("ingest", ADVICE, *options)
    result = run("remove", ADVICE.name, *options)
    assert result.exit_code == 0 and result.output.startswith("Verwijderd: Advies mantelzorgondersteuning")
    refused(run("remove", ADVICE.name, *options), UnknownDocument.exit_code, "staat niet in de index")


def test_reindex(tmp_path):
    options = ["--index", tmp_path / "index", "--embedder", "fake"]
    refused(run("reindex", *options), StoreError.exit_code, "er staan geen bestanden in de index")
    run("ingest", ADVICE, *options)
    result = run("reindex", *options)
    assert result.exit_code == 0 and "Opnieuw opgebouwd: 1 documenten" in result.output


def test_search(index):
    result = run("search", "logeervoorziening Molenweg", "--after", "maart 2024", "--json", *index)
    assert result.exit_code == 0 and json.loads(result.output)["hits"]
    refused(run("search", " ", *index), InputError.exit_code, "typ een zoekvraag")
    refused(run("search", "x", "--after", "gisteren", *index), InputError.exit_code, "'gisteren' is geen datum")
    refused(run("search", "x", "-k", "0", *index), InputError.exit_code, "'-k' moet een geheel getal van 1")
    refused(run("search", "x", "--mode", "snel", *index), InputError.exit_code, "kies voor '--mode' een van")


def test_points(index, tmp_path):
    result = run("points", ADVICE, "--response", RESPONSE, *index)
    assert result.exit_code == 0 and "neemt gedeeltelijk over" in result.output and "toezegging:" in result.output
    alone = run("points", ADVICE, *index)  # the response is found in the index
    assert alone.exit_code == 0 and "De reactie is in de index gevonden" in alone.output
    refused(run("points", tmp_path / "weg.pdf", *index), FileMissing.exit_code, "niet gevonden")


def test_commitments(index, tmp_path):
    result = run("commitments", "--all", "--status", "overdue", "--today", "eind 2025", *index)
    assert result.exit_code == 0 and "[verlopen]" in result.output
    out = tmp_path / "register.xlsx"
    assert run("commitments", "--all", "--export", out, *index).exit_code == 0 and out.stat().st_size
    refused(run("commitments", *index), InputError.exit_code, "geef bestanden of --all")
    refused(run("commitments", "--all", "--status", "laat", *index), InputError.exit_code, "kies voor '--status'")
    refused(run("commitments", "--all", "--export", tmp_path / "r.pdf", *index), 1, "eindigt op .xlsx of .csv")


def test_draft(index, tmp_path):
    out = tmp_path / "concept.docx"
    result = run("draft", "--advice", ADVICE, "-o", out, "--today", "29-11-2026", *index)
    assert result.exit_code == 0 and "Concept geschreven" in result.output and out.exists()
    refused(run("draft", "-o", out, *index), InputError.exit_code, "geef --advice, --response of allebei")
    refused(run("draft", "--advice", ADVICE, *index), InputError.exit_code, "ontbreekt")


def test_compare(tmp_path):
    out = tmp_path / "wijzigingen.docx"
    result = run("compare", CORPUS / "beleidsbrief_armoede_concept.pdf", CORPUS / "beleidsbrief_armoede_definitief.pdf",
                 "-o", out)
    assert result.exit_code == 0 and "Gewijzigde toezeggingen" in result.output and out.exists()
    refused(run("compare", tmp_path / "a.pdf", ADVICE), FileMissing.exit_code, "a.pdf: bestand niet gevonden")


def test_eval_commands_refuse_a_missing_set(tmp_path):
    for command in ("eval", "eval-extract", "eval-structure"):
        refused(run(command, tmp_path / "set.json"), FileMissing.exit_code, "set.json: bestand niet gevonden")


def test_eval_on_the_corpus_questions_with_the_fake_embedder():
    result = run("eval", ROOT / "eval" / "corpus_queries.json", "--embedder", "fake", "--json")
    assert result.exit_code == 0 and set(json.loads(result.output)) == {"lexical", "dense", "hybrid"}


def test_eval_measures_several_sets_and_says_which_sets_have_halves(tmp_path):
    small = tmp_path / "klein.json"
    small.write_text(json.dumps({
        "passages": [{"id": "p1", "text": "De gemeente opent de logeervoorziening per 1 september."},
                     {"id": "p2", "text": "Het parkeerbeleid in de binnenstad blijft ongewijzigd."}],
        "queries": [{"text": "wanneer opent de logeervoorziening", "relevant": ["p1"]}]}), encoding="utf-8")
    result = run("eval", small, ROOT / "eval" / "corpus_queries.json", "--embedder", "fake", "--json")
    assert result.exit_code == 0, result.output
    measured = json.loads(result.output)
    assert set(measured) == {"klein.json", "corpus_queries.json"}
    assert measured["klein.json"]["lexical"]["R@1"] == 1.0
    # The corpus questions are labelled by kind of wording: scored per label as well.
    assert set(measured["corpus_queries.json"]["hybrid"]["groups"]) == {"paraphrase", "same words"}
    refused(run("eval", small, "--split", "dev", "--embedder", "fake"), 1, "Rekenkamer")


def test_eval_without_a_file_where_no_set_is_says_so_in_dutch(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    refused(run("eval", "--embedder", "fake"), InputError.exit_code, "geen vragenset gevonden")


def test_eval_structure_on_a_labelled_set():
    labels = sorted((ROOT / "eval" / "structure").glob("*.json"))[:1]
    result = run("eval-structure", *labels, "--json")
    if result.exit_code == FileMissing.exit_code:
        pytest.skip("../shared/corpus-real is absent beside the clone")
    assert result.exit_code == 0 and "overall" in json.loads(result.output)


def test_an_unknown_command_or_option_is_one_dutch_sentence():
    refused(run("zoek", "x"), InputError.exit_code, "onbekende opdracht")
    refused(run("parse", "--snel", ADVICE), InputError.exit_code, "onbekende optie --snel")


@pytest.mark.slow
def test_train_commitments_writes_a_model(tmp_path):
    from tests.conftest import SHARED

    if not (SHARED / "corpus-real").is_dir():
        pytest.skip("../shared/corpus-real is absent beside the clone")
    out = tmp_path / "model.json"
    result = run("train-commitments", "-o", out)
    assert result.exit_code == 0 and "dev: precisie" in result.output
    assert json.loads(out.read_text(encoding="utf-8"))["weights"]


def test_help_is_dutch():
    result = run("--help")
    assert result.exit_code == 0 and "Adviesassistent" in result.output
    for command in ("parse", "ingest", "remove", "documents", "reindex", "search", "points", "commitments", "draft",
                    "compare", "eval", "eval-extract", "eval-structure", "train-commitments"):
        assert command in result.output


def test_a_folder_ingest_reads_markdown_letters_but_not_the_folders_readme(tmp_path):
    folder = tmp_path / "map"
    folder.mkdir()
    (folder / "notitie.md").write_text("# Notitie wijkteams\n\nHet college start in 2026 met vier wijkteams.\n",
                                       encoding="utf-8")
    (folder / "README.md").write_text("# Over deze map\n\nHier staan de brieven van 2025.\n", encoding="utf-8")
    options = ["--index", tmp_path / "index", "--embedder", "fake"]

    result = run("ingest", folder, "--json", *options)

    assert result.exit_code == 0
    assert json.loads(result.output)["added"] == [str(folder / "notitie.md")]
