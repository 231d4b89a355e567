"""Shared fixtures: paths to ../shared (skipped with a reason when absent) and small
real files generated at test time, each named for the oddity it holds."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_4f54596c6e284ff3.txt"
CORPUS = ROOT / "corpus"

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
# One OCR page cache for all test processes of a run: a scan read in one test is not read again.
os.environ.setdefault("ASSISTANT_OCR_CACHE", f"/tmp/adviesassistent-ocr-{os.environ.get('PYTEST_XDIST_TESTRUNUID', os.getpid())}")


def need(path: Path) -> Path:
    """Skip the test with a clear reason when a file from ../shared is not there."""
    if not path.exists():
        pytest.skip(f"{path} is absent: these tests read the shared real documents beside the clone")
    return path


@pytest.fixture
def seed_path() -> Path:
    return need(SEED)


def start_chroma(data: Path):
    """A real `chroma run` on a free loopback port: (process, port)."""
    import shutil
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    chroma = Path(sys.executable).with_name("chroma")
    if not chroma.exists():
        chroma = Path(shutil.which("chroma") or "chroma")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = dict(os.environ, ANONYMIZED_TELEMETRY="False")
    proc = subprocess.Popen([str(chroma), "run", "--path", str(data), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, env=env)
    deadline = time.time() + 60
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1):
                return proc, port
        except OSError:
            if proc.poll() is not None or time.time() > deadline:
                proc.kill()
                pytest.fail("chroma run did not start")
            time.sleep(0.2)


def stop_chroma(proc) -> None:
    import signal
    import subprocess

    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory):
    """A real `chroma run` on a free loopback port, stopped at the end of the session."""
    proc, port = start_chroma(tmp_path_factory.mktemp("chroma-server"))
    yield ("127.0.0.1", port)
    stop_chroma(proc)


def empty_store(request, tmp_path):
    """A StoreConfig for an empty index: embedded in tmp_path, or on the session's Chroma server
    (whose collections are dropped first) when the test is parametrized with "server"."""
    from assistant.search.store import StoreConfig, connect

    if request.param == "server":
        host, port = request.getfixturevalue("chroma_server")
        config = StoreConfig(index_dir=tmp_path / "cache", host=host, port=port)
        client = connect(config)
        for collection in client.list_collections():
            client.delete_collection(collection.name)
        return config
    return StoreConfig(index_dir=tmp_path / "index")


@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory):
    """The real model over our corpus/, ingested once per test session (embedded store)."""
    from assistant.core import Assistant
    from assistant.search.store import StoreConfig

    index = tmp_path_factory.mktemp("corpus-index") / "index"
    assistant = Assistant(StoreConfig(index_dir=index), embedder="e5")
    report = assistant.ingest([CORPUS])
    return assistant, report
