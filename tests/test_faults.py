"""Faults: the CLI killed with SIGKILL at random moments during ingest, update, remove and
reindex, then run again; every time the index must equal a clean build (no document lost,
none half-written, no stray passages), in the embedded store and on a real Chroma server.

The fake embedder keeps each run short; the kill moments are spread uniformly over the time a
whole run takes on this machine, measured first."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.core import Assistant
from assistant.search.store import StoreConfig, connect
from tests.conftest import CORPUS, empty_store

pytestmark = pytest.mark.slow

KILLS = {"embedded": 10, "server": 4}  # per experiment; the server runs the same code path
LETTERS = ("advies_asd_mantelzorg_2024.pdf", "reactie_college_mantelzorg_2024.pdf",
           "voortgangsbrief_sociaal_domein_2025.pdf", "raadsinformatiebrief_wijkregisseurs_2024.pdf",
           "advies_asd_armoede_2024.docx")


@pytest.fixture(params=["embedded", "server"])
def store(request, tmp_path):
    """CLI arguments and a config for an empty index of either kind."""
    config = empty_store(request, tmp_path)
    if config.host:
        return config, ["--index", str(config.index_dir), "--chroma-host", config.host, "--chroma-port", str(config.port)]
    return config, ["--index", str(config.index_dir)]


def kill_moments(config: StoreConfig, duration: float, seed: int) -> list[float]:
    rng = random.Random(seed)
    return [rng.uniform(0.2, duration * 1.1) for _ in range(KILLS["server" if config.host else "embedded"])]


@pytest.fixture
def folder(tmp_path) -> Path:
    folder = tmp_path / "stukken"
    folder.mkdir()
    for name in LETTERS:
        shutil.copy(CORPUS / name, folder / name)
    return folder


def cli(*args: str, kill_after: float | None = None) -> int:
    """Run `assistant ...` in its own process; with ``kill_after``, SIGKILL it after that long."""
    cmd = [sys.executable, "-m", "assistant.cli", *args, "--embedder", "fake"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env=dict(os.environ, ANONYMIZED_TELEMETRY="False"))
    if kill_after is None:
        return proc.wait(timeout=300)
    try:
        return proc.wait(timeout=kill_after)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        return -9


def timed(*args: str) -> float:
    begun = time.perf_counter()
    assert cli(*args) == 0
    return time.perf_counter() - begun


def fresh_view(config: StoreConfig) -> None:
    """Read the embedded index as a new process would: drop this process's cached Chroma system
    for it. (After a writer was killed mid-delete, a Chroma system opened before the kill can
    still show what the killed process deleted, while every process started after it, like the
    next CLI command or a restarted app, sees it gone.)"""
    if config.host:
        return
    from chromadb.api.shared_system_client import SharedSystemClient

    identifier = str(config.index_dir)
    system = SharedSystemClient._identifier_to_system.pop(identifier, None)
    SharedSystemClient._identifier_to_refcount.pop(identifier, None)
    if system is not None:
        system.stop()


def state(config: StoreConfig) -> dict[str, tuple]:
    """What a user can see, per document: version, passage count and the passages themselves."""
    fresh_view(config)
    assistant = Assistant(config, embedder="fake")
    store = assistant.store
    ids, texts, metas = store.all_passages()
    found: dict[str, list[str]] = {}
    for text, meta in zip(texts, metas):
        found.setdefault(meta["doc_id"], []).append(text)
    docs = {d.id: d for d in store.documents()}
    assert set(found) <= set(docs), "passages of a document that is not in the index are visible"
    out = {}
    for doc_id, info in docs.items():
        assert info.passages == len(found.get(doc_id, [])), f"{info.path}: half-written"
        out[Path(info.path).name] = (info.version, tuple(sorted(found.get(doc_id, []))))
    return out


def test_killed_ingest_then_run_again_equals_a_clean_build(store, folder, tmp_path):
    config, where = store
    clean = StoreConfig(index_dir=tmp_path / "clean")
    assert cli("ingest", "--index", str(clean.index_dir), str(folder)) == 0
    expected = state(clean)
    duration = timed("ingest", *where, str(folder))
    for n, moment in enumerate(kill_moments(config, duration, seed=1)):
        for doc in Assistant(config, embedder="fake").documents():
            Assistant(config, embedder="fake").remove(doc.id)
        cli("ingest", *where, str(folder), kill_after=moment)
        assert cli("ingest", *where, str(folder)) == 0
        assert state(config) == expected, f"kill {n} at {moment:.2f} s"


def test_killed_update_keeps_the_old_or_the_new_version_whole(store, folder):
    config, where = store
    target = folder / "beleidsbrief.pdf"  # one file whose content changes: concept, then definitief, ...
    versions = [(CORPUS / "beleidsbrief_armoede_concept.pdf").read_bytes(),
                (CORPUS / "beleidsbrief_armoede_definitief.pdf").read_bytes()]
    target.write_bytes(versions[0])
    assert cli("ingest", *where, str(folder)) == 0
    duration = timed("ingest", *where, str(target))
    for n, moment in enumerate(kill_moments(config, duration + 1.0, seed=2)):
        old = state(config)[target.name]
        target.write_bytes(versions[(n + 1) % 2])
        cli("ingest", *where, str(target), kill_after=moment)
        during = state(config)[target.name]  # consistent after the kill: the old or the new version, whole
        assert during == old or during[0] != old[0], f"kill {n} at {moment:.2f} s"
        assert cli("ingest", *where, str(target)) == 0
        assert state(config)[target.name][0] != old[0], f"kill {n}: the new version did not land"


def test_killed_remove_removes_all_or_nothing(store, folder):
    config, where = store
    assert cli("ingest", *where, str(folder)) == 0
    full = state(config)
    name = "voortgangsbrief_sociaal_domein_2025.pdf"
    duration = timed("remove", *where, name)
    for n, moment in enumerate(kill_moments(config, duration, seed=3)):
        assert cli("ingest", *where, str(folder)) == 0
        cli("remove", *where, name, kill_after=moment)
        now = state(config)
        assert now in (full, {k: v for k, v in full.items() if k != name}), f"kill {n} at {moment:.2f} s"
        if name in now:
            assert cli("remove", *where, name) == 0
        assert name not in state(config)


def test_killed_reindex_never_loses_a_document(store, folder, tmp_path):
    config, where = store
    assert cli("ingest", *where, str(folder)) == 0
    expected = {name: texts for name, (_version, texts) in state(config).items()}
    duration = timed("reindex", *where)
    for n, moment in enumerate(kill_moments(config, duration, seed=4)):
        cli("reindex", *where, kill_after=moment)
        # Killed at any moment, the index in use is complete: the old one or the new one.
        assert {k: t for k, (_v, t) in state(config).items()} == expected, f"kill {n} at {moment:.2f} s"
        if n % 3 == 2:
            assert cli("reindex", *where) == 0  # and a rebuild run again finishes the job
            assert {k: t for k, (_v, t) in state(config).items()} == expected
    assert cli("reindex", *where) == 0
    assert {k: t for k, (_v, t) in state(config).items()} == expected
    client = connect(config)
    leftovers = [c.name for c in client.list_collections() if "__g" in c.name]
    assert len({name.split("__g")[1] for name in leftovers}) <= 1, "old generations were not cleaned up"
