"""Several writers on one index: a writer's version in progress is never removed by another
writer's clean-up, a crashed writer's leftovers are, and two concurrent ingests into one Chroma
server leave every document whole, once. Both store modes."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest

from assistant.core import Assistant
from assistant.search import store as store_module
from assistant.search.ingest import document_info
from assistant.search.passages import make_passages
from assistant.parse import parse_document
from tests.conftest import empty_store
from tests.test_index import write_letter


@pytest.fixture(params=["embedded", "server"])
def config(request, tmp_path):
    return empty_store(request, tmp_path)


def _half_written(assistant: Assistant, path, pid: int, doc_id: str | None = None):
    """What a writer with process id ``pid`` leaves when it has written a version's passages but
    not yet committed it."""
    doc = parse_document(path)
    doc.id = doc_id or path.stem
    passages = make_passages(doc)
    info = document_info(doc, len(passages))
    store = assistant.store
    real_pid = os.getpid
    os.getpid = lambda: pid
    try:
        store.begin_version(info)
    finally:
        os.getpid = real_pid
    vectors = np.asarray(assistant.embedder.embed_passages([p.text for p in passages]), dtype=np.float32)
    store.write_passages(info, passages, vectors)
    return info, vectors


def test_another_writers_version_in_progress_survives_an_ingest(config, tmp_path):
    folder = tmp_path / "brieven"
    folder.mkdir()
    write_letter(folder, "logeerhuis.txt", "De logeervoorziening aan de Molenweg wordt per 1 september 2025 uitgebreid.",
                 kenmerk="2024/0412")
    write_letter(folder, "parkeren.txt", "Het parkeerbeleid in de binnenstad blijft ongewijzigd.", kenmerk="2025/0101")
    writer = Assistant(config, embedder="fake")
    busy = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])  # the other writer runs
    try:
        info, vectors = _half_written(writer, folder / "logeerhuis.txt", busy.pid)
        other = Assistant(config, embedder="fake")
        other.ingest([folder / "parkeren.txt"])  # its clean-up runs first
        assert [v["doc_id"] for v in other.store.pending_versions()] == ["logeerhuis"]
        writer.store.commit_document(info, vectors.mean(axis=0))
    finally:
        busy.kill()
        busy.wait()
    reader = Assistant(config, embedder="fake")
    assert sorted(d.reference for d in reader.documents()) == ["2024/0412", "2025/0101"]
    assert reader.search("logeervoorziening Molenweg")[0].document.reference == "2024/0412"
    assert reader.store.passage_count() == sum(d.passages for d in reader.documents())
    assert reader.store.pending_versions() == []


def test_a_crashed_writers_leftovers_are_removed_and_an_old_lease_expires(config, tmp_path, monkeypatch):
    folder = tmp_path / "brieven"
    folder.mkdir()
    write_letter(folder, "logeerhuis.txt", "De logeervoorziening aan de Molenweg wordt per 1 september 2025 uitgebreid.")
    write_letter(folder, "wijk.txt", "De wijkregisseurs worden in 2024 geëvalueerd in de gemeenteraad.", kenmerk="2023/9")
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    writer = Assistant(config, embedder="fake")
    _half_written(writer, folder / "logeerhuis.txt", gone.pid)
    assert writer.store.passage_count() > 0 and writer.documents() == []
    assert writer.store.remove_orphans() == 1
    assert writer.store.passage_count() == 0 and writer.store.pending_versions() == []

    # a writer on another machine cannot be checked: its record counts until the lease runs out
    monkeypatch.setattr(store_module.socket, "gethostname", lambda: "andere-machine")
    _half_written(writer, folder / "wijk.txt", 4242)
    monkeypatch.undo()
    assert writer.store.remove_orphans() == 0 and writer.store.passage_count() > 0
    monkeypatch.setattr(store_module, "PENDING_LEASE_S", -1)  # as if the lease had run out
    assert writer.store.remove_orphans() == 1 and writer.store.passage_count() == 0


def test_a_failure_mid_document_leaves_nothing_behind(config, tmp_path, monkeypatch):
    folder = tmp_path / "brieven"
    folder.mkdir()
    write_letter(folder, "logeerhuis.txt", "De logeervoorziening aan de Molenweg wordt per 1 september 2025 uitgebreid.")
    assistant = Assistant(config, embedder="fake")

    def fails(*args, **kwargs):
        raise RuntimeError("schijf vol")

    monkeypatch.setattr(store_module.Store, "write_commitments", fails)
    with pytest.raises(RuntimeError):
        assistant.ingest([folder])
    assert assistant.store.passage_count() == 0 and assistant.store.pending_versions() == []


def test_two_concurrent_ingests_into_one_index_lose_nothing_and_duplicate_nothing(config, tmp_path):
    halves = []
    for half in ("a", "b"):
        folder = tmp_path / half
        folder.mkdir()
        for n in range(6):
            write_letter(folder, f"brief_{half}{n}.txt",
                         f"Het college zet in 2026 maatregel {half}{n} voort in de wijk {n}. " * 30,
                         kenmerk=f"2025/{half}{n}")
        halves.append(folder)
    where = ["--chroma-host", config.host, "--chroma-port", str(config.port)] if config.host else ["--index", str(config.index_dir)]
    runs = [subprocess.Popen([sys.executable, "-m", "assistant.cli", "ingest", *where, "--embedder", "fake",
                              str(folder)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for folder in halves]
    for run in runs:
        out, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
    reader = Assistant(config, embedder="fake")
    documents = reader.documents()
    assert len(documents) == 12
    assert reader.store.passage_count() == sum(d.passages for d in documents)
    assert reader.store.pending_versions() == []


def test_a_writer_that_died_after_its_commit_has_its_clean_up_finished(config, tmp_path):
    folder = tmp_path / "brieven"
    folder.mkdir()
    letter = write_letter(folder, "logeerhuis.txt", "De logeervoorziening wordt per 1 september 2025 uitgebreid.")
    writer = Assistant(config, embedder="fake")
    writer.ingest([letter])
    old = writer.documents()[0]
    write_letter(folder, "logeerhuis.txt", "De logeervoorziening wordt per 1 januari 2026 uitgebreid, met acht plaatsen.")
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    info, _ = _half_written(writer, letter, gone.pid, doc_id=old.id)
    # the new version's record is written, then the process dies: old passages and the pending record stay
    writer.store._documents.upsert(ids=[old.id], embeddings=[[0.0] * writer.embedder.dim],
                                   metadatas=[{k: v for k, v in info.to_dict().items() if v is not None}])
    assert writer.store.passage_count() > info.passages
    assert writer.store.remove_orphans() == 1
    assert writer.store.passage_count() == info.passages and writer.store.pending_versions() == []
    _, texts, metas = writer.store.all_passages()
    assert {m["version"] for m in metas} == {info.version} and "januari 2026" in " ".join(texts)
