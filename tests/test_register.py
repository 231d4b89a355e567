"""The commitment register over an index: stored at ingest, filtered by status, export, evidence."""

from __future__ import annotations

import csv
import json
import shutil
from datetime import date

import openpyxl
import pytest
from click.testing import CliRunner

from assistant.cli import main
from assistant.core import Assistant
from assistant.register import RegisterFilter, export_register
from assistant.search.store import StoreConfig
from tests.conftest import CORPUS

TODAY = date(2025, 10, 1)
FILES = ["reactie_college_mantelzorg_2024.pdf", "voortgangsbrief_sociaal_domein_2025.pdf",
         "raadsinformatiebrief_wijkregisseurs_2024.pdf"]


@pytest.fixture(scope="module")
def indexed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("stukken")
    for name in FILES:
        shutil.copy(CORPUS / name, folder / name)
    assistant = Assistant(StoreConfig(index_dir=folder / "index"), embedder="fake")
    assistant.ingest([folder])
    return assistant, folder


def test_commitments_are_stored_at_ingest_with_their_count(indexed):
    assistant, _ = indexed
    docs = {d.title: d for d in assistant.documents()}
    response = docs["Reactie op uw advies mantelzorgondersteuning en respijtzorg"]
    stored = assistant.register(RegisterFilter(doc_ids=(response.id,)), today=TODAY)
    assert response.commitments == len(stored) >= 10
    assert any("Molenweg wordt per 1 september 2025" in c.text for c in stored)


def test_status_filters_partition_the_register(indexed):
    assistant, _ = indexed
    everything = assistant.register(today=TODAY)
    parts = {s: assistant.register(RegisterFilter(status=s), today=TODAY) for s in ("open", "due", "overdue", "undated")}
    assert sum(len(p) for p in parts.values()) == len(everything)
    assert all(c.status(TODAY) == s for s, found in parts.items() for c in found)
    assert any("Molenweg wordt" in c.text for c in parts["overdue"])  # per 1 september 2025
    assert any("voorjaar van 2026" in c.text for c in parts["open"])
    assert any("Wel breiden wij deze monitor uit" in c.text for c in parts["undated"])


def test_overdue_commitment_shows_what_a_later_letter_says(indexed):
    assistant, _ = indexed
    logeer = next(c for c in assistant.register(RegisterFilter(status="overdue"), today=TODAY) if "Molenweg wordt" in c.text)
    evidence = assistant.evidence(logeer)
    assert evidence
    assert all(h.document.date > logeer.doc_date for h in evidence)
    assert any("logeervoorziening" in h.passage.text for h in evidence)


def test_removing_a_document_removes_its_commitments(tmp_path):
    shutil.copy(CORPUS / FILES[0], tmp_path / FILES[0])
    assistant = Assistant(StoreConfig(index_dir=tmp_path / "index"), embedder="fake")
    assistant.ingest([tmp_path / FILES[0]])
    assert assistant.register(today=TODAY)
    assistant.remove(FILES[0])
    assert assistant.register(today=TODAY) == []


def test_xlsx_export_has_header_frozen_panes_dates_and_numbers(indexed, tmp_path):
    assistant, _ = indexed
    path = export_register(assistant.register(today=TODAY), tmp_path / "register.xlsx", TODAY)
    sheet = openpyxl.load_workbook(path).active
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["Status", "Toezegging", "Actor"]
    assert sheet.freeze_panes == "A2"
    rows = [dict(zip(header, (c.value for c in row))) for row in sheet.iter_rows(min_row=2)]
    logeer = next(r for r in rows if "Molenweg wordt" in r["Zin"])
    assert logeer["Termijn tot"].date() == date(2025, 9, 1)
    assert logeer["Status"] == "verlopen"
    money = next(r for r in rows if "€ 1,2 miljoen" in r["Zin"])
    assert money["Bedrag (€)"] == 1_200_000 and isinstance(money["Bedrag (€)"], (int, float))


def test_csv_export_reads_back(indexed, tmp_path):
    assistant, _ = indexed
    path = export_register(assistant.register(today=TODAY), tmp_path / "register.csv", TODAY)
    with path.open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    assert len(rows) == len(assistant.register(today=TODAY))
    assert any(r["Termijn tot"] == "2025-09-01" for r in rows)


def test_register_cli_contract_and_export(indexed, tmp_path):
    _, folder = indexed
    base = ["--index", str(folder / "index"), "--embedder", "fake", "--today", "2025-10-01"]
    result = CliRunner().invoke(main, ["commitments", "--all", "--status", "overdue", "--json", *base])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)["commitments"]
    assert rows and all(r["status"] == "overdue" for r in rows)
    out = tmp_path / "register.xlsx"
    result = CliRunner().invoke(main, ["commitments", "--all", "--export", str(out), *base])
    assert result.exit_code == 0 and out.exists()


def test_due_window_filter_same_in_index_and_on_files(indexed):
    assistant, folder = indexed
    window = RegisterFilter(due_after=date(2025, 6, 1), due_before=date(2025, 12, 31))
    stored = assistant.register(window, today=TODAY)
    assert stored and all(c.due.end >= date(2025, 6, 1) and c.due.start <= date(2025, 12, 31) for c in stored)
    from_files = [c for c in assistant.commitments_in([folder / FILES[0]]) if window.allows(c, TODAY)]
    assert {c.text for c in from_files} <= {c.text for c in stored}
    assert from_files


def test_the_register_follows_changes_by_reading_only_the_changed_document(tmp_path, monkeypatch):
    """Kept per index state: a second look reads nothing, a letter added or removed is read or
    dropped alone, and the result equals a fresh read of the whole register in a new process."""
    from assistant.search import store as store_module

    folder = tmp_path / "stukken"
    folder.mkdir()
    for name in FILES[:2]:
        shutil.copy(CORPUS / name, folder / name)
    assistant = Assistant(StoreConfig(index_dir=tmp_path / "index"), embedder="fake")
    assistant.ingest([folder])
    first = assistant.register(today=TODAY)
    reads: list[str] = []
    monkeypatch.setattr(store_module.Store, "commitments", lambda self, where=None: reads.append("all") or [])
    real_of = store_module.Store.commitments_of
    monkeypatch.setattr(store_module.Store, "commitments_of",
                        lambda self, doc, version: reads.append(doc) or real_of(self, doc, version))
    assert assistant.register(today=TODAY) == first and reads == []
    shutil.copy(CORPUS / FILES[2], folder / FILES[2])
    assistant.ingest([folder / FILES[2]])
    added = next(d for d in assistant.documents() if d.path.endswith(FILES[2]))
    after = assistant.register(today=TODAY)
    assert reads == [added.id] and len(after) == len(first) + added.commitments
    assistant.remove(added.id)
    assert assistant.register(today=TODAY) == first and reads == [added.id]
    monkeypatch.undo()
    fresh = Assistant(StoreConfig(index_dir=tmp_path / "index"), embedder="fake")
    assert [c.id for c in fresh.register(today=TODAY)] == [c.id for c in first]


def test_a_new_process_starts_from_the_register_copy_on_disk(tmp_path, monkeypatch):
    """The register is written beside the index once per process; a new process whose store has
    seen no commit since reads neither the documents nor a commitment from Chroma, one after
    another commit reads only the changed document, and a damaged copy or one of an index built
    again is ignored. Every way gives the same register as a read of the whole store."""
    from assistant import register_copy
    from assistant.search import store as store_module

    folder = tmp_path / "stukken"
    folder.mkdir()
    for name in FILES[:2]:
        shutil.copy(CORPUS / name, folder / name)
    config = StoreConfig(index_dir=tmp_path / "index")
    assistant = Assistant(config, embedder="fake")
    assistant.ingest([folder])
    whole = assistant.register(today=TODAY)
    assert whole and (tmp_path / "index" / register_copy.FILE).exists()

    def read(what):
        def reader(self, *args, **kwargs):
            raise AssertionError(f"read {what} from the store")
        return reader

    with monkeypatch.context() as patch:
        patch.setattr(store_module.Store, "commitments", read("every commitment"))
        patch.setattr(store_module.Store, "documents", read("the documents"))
        again = Assistant(config, embedder="fake").register(today=TODAY)
    assert again == whole

    shutil.copy(CORPUS / FILES[2], folder / FILES[2])
    assistant.ingest([folder / FILES[2]])
    reads: list[str] = []
    real_of = store_module.Store.commitments_of
    with monkeypatch.context() as patch:
        patch.setattr(store_module.Store, "commitments", read("every commitment"))
        patch.setattr(store_module.Store, "commitments_of",
                      lambda self, doc, version: reads.append(doc) or real_of(self, doc, version))
        grown = Assistant(config, embedder="fake").register(today=TODAY)
    added = next(d for d in assistant.documents() if d.path.endswith(FILES[2]))
    assert reads == [added.id] and len(grown) == len(whole) + added.commitments

    for damaged in ("{niet af", "[]", "null", '{"format": 2, "index": null, "documents": [null]}'):
        (tmp_path / "index" / register_copy.FILE).write_text(damaged, encoding="utf-8")
        assert Assistant(config, embedder="fake").register(today=TODAY) == grown

    # The copy of another index with the same generation and change count (or of an index built
    # again, or of another Chroma server) is never taken for this one's.
    other_folder = tmp_path / "ander"
    other_folder.mkdir()
    shutil.copy(CORPUS / FILES[2], other_folder / FILES[2])
    other = Assistant(StoreConfig(index_dir=tmp_path / "ander-index"), embedder="fake")
    other.ingest([other_folder])
    other.register(today=TODAY)
    shutil.copy(tmp_path / "ander-index" / register_copy.FILE, tmp_path / "index" / register_copy.FILE)
    held, _ = register_copy.load(tmp_path / "index", other.store.identity())
    assert held and register_copy.load(tmp_path / "index", assistant.store.identity()) == ({}, None)
    assert Assistant(config, embedder="fake").register(today=TODAY) == grown
