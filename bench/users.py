"""Search latency for ten users at once while an ingest runs: embedded store and Chroma server.

An index of synthetic passages (made from real Dutch passages, as bench/search.py does) is
searched by ten simulated users through the same core the app uses (``Assistant.find``, the
hits and the no-match check). The app lets two searches run at a time and queues the rest
(``ui.py``: ``SEARCHING``, concurrency limit 2), so each user's latency here includes the wait
in that queue. Each user asks a real question, reads for ``--think`` seconds and asks again.

Two phases per store: the users alone; the users while an ingest of real documents
runs (parse, passages, commitments, then vectors: what a secretary starting an upload does);
for the server, that ingest runs as a second process (`assistant ingest`), the second writer
the scale path allows. Prints one table: latency p50/p95/max, queries, errors.

    .venv/bin/python bench/users.py [--passages 10000] [--users 10] [--think 1.0] [--files 12] [--no-server]
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["ANONYMIZED_TELEMETRY"] = "False"

from assistant.core import Assistant  # noqa: E402
from assistant.search.store import StoreConfig  # noqa: E402
from bench.search import base_texts, fill, store_for  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus-real"
APP_SEARCH_SLOTS = 2  # ui.py SEARCHING["concurrency_limit"]


def documents_to_ingest() -> list[Path]:
    """Real letters to upload during the run: a mix of the shared corpus, else our own."""
    picks = []
    for source in ("tk-aanhangsel-kamervragen-2023-2024", "openstate-pdflab", "minvws-coronamelder-coordination"):
        text_layer = [f for f in sorted((SHARED / source).glob("*.pdf")) if not any(
            mark in f.name.lower() for mark in ("scan", "ocr", "handgeschreven"))]
        picks += text_layer[:4]
    return picks or sorted((ROOT / "corpus").glob("*.pdf"))


class Users:
    """Users searching through the app's two search slots until told to stop."""

    def __init__(self, assistant: Assistant, questions: list[str], users: int, think: float) -> None:
        self.assistant, self.questions, self.users, self.think = assistant, questions, users, think
        self.slots = threading.Semaphore(APP_SEARCH_SLOTS)
        self.latencies: list[float] = []
        self.errors: list[str] = []
        self.stop = threading.Event()
        self._lock = threading.Lock()

    def _user(self, number: int) -> None:
        rng = random.Random(number)
        time.sleep(rng.random() * self.think)  # users do not all press at once
        while not self.stop.is_set():
            question = rng.choice(self.questions)
            started = time.perf_counter()
            try:
                with self.slots:
                    view = self.assistant.find(question, k=10)
                error = "" if view.hits else "no hits"  # the archive always holds some
            except Exception as exc:  # noqa: BLE001 (counted and shown: the point of the bench)
                error = f"{type(exc).__name__}: {exc}"
            elapsed = time.perf_counter() - started
            with self._lock:
                if error:
                    self.errors.append(error)
                else:
                    self.latencies.append(elapsed)
            self.stop.wait(rng.expovariate(1 / self.think) if self.think else 0)

    def run(self, until) -> dict:
        threads = [threading.Thread(target=self._user, args=(n,), daemon=True) for n in range(self.users)]
        for thread in threads:
            thread.start()
        started = time.perf_counter()
        until()
        seconds = time.perf_counter() - started
        self.stop.set()
        for thread in threads:
            thread.join(timeout=60)
        ms = np.array(self.latencies or [0.0]) * 1000
        return {"queries": len(self.latencies), "errors": len(self.errors), "seconds": seconds,
                "p50": float(np.percentile(ms, 50)), "p95": float(np.percentile(ms, 95)), "max": float(ms.max()),
                "first_error": self.errors[0] if self.errors else ""}


def ingest_here(assistant: Assistant, files: list[Path]):
    """The app's own upload: an ingest in this process, beside the searches."""
    return lambda: assistant.ingest(files)


def ingest_elsewhere(port: int, index_dir: Path, files: list[Path]):
    """A second writer: the CLI in its own process, against the same Chroma server."""
    def run():
        command = [sys.executable, "-m", "assistant.cli", "ingest", "--chroma-host", "127.0.0.1",
                   "--chroma-port", str(port), "--index", str(index_dir / "cli"), *map(str, files)]
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError(f"ingest failed: {done.stderr[-400:]}")
    return run


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--passages", type=int, default=10_000)
    parser.add_argument("--users", type=int, default=10)
    parser.add_argument("--think", type=float, default=1.0, help="mean seconds a user reads before asking again")
    parser.add_argument("--idle-seconds", type=float, default=30.0)
    parser.add_argument("--files", type=int, default=12, help="how many real PDFs the ingest adds")
    parser.add_argument("--no-server", action="store_true")
    args = parser.parse_args()

    files = documents_to_ingest()[: args.files]
    texts, questions = base_texts()
    print(f"{args.users} users, mean think time {args.think:.1f} s, {APP_SEARCH_SLOTS} search slots (as in ui.py); "
          f"ingest of {len(files)} real PDFs ({sum(f.stat().st_size for f in files) / 1e6:.1f} MB)\n")
    print("| store | passages | phase | seconds | queries | p50 ms | p95 ms | max ms | errors |")
    print("|---|---|---|---|---|---|---|---|---|")
    for mode in ["embedded"] + ([] if args.no_server else ["server"]):
        with tempfile.TemporaryDirectory() as tmp, store_for(mode, Path(tmp)) as config:
            assistant = Assistant(config)
            vectors = np.asarray(assistant.embedder.embed_passages(texts), dtype=np.float32)
            fill(assistant.store, texts, vectors, args.passages)
            assistant.find(questions[0])  # warm: the lexical index and the model
            users = f"{args.users} users"
            phases = [(f"{users}, idle", lambda: time.sleep(args.idle_seconds))]
            if mode == "server":
                phases.append((f"{users} + ingest in a 2nd process", ingest_elsewhere(config.port, Path(tmp), files)))
            else:
                phases.append((f"{users} + ingest in the app", ingest_here(assistant, files)))
            for phase, until in phases:
                stats = Users(assistant, questions, args.users, args.think).run(until)
                print(f"| {mode} | {args.passages:,} | {phase} | {stats['seconds']:.0f} | "
                      f"{stats['queries']} | {stats['p50']:.0f} | {stats['p95']:.0f} | {stats['max']:.0f} | "
                      f"{stats['errors']} |", flush=True)
                if stats["first_error"]:
                    print(f"  first error: {stats['first_error']}")


if __name__ == "__main__":
    main()
