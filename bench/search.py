"""Query latency at 1k, 10k and 100k passages, embedded store and Chroma server.

The large corpora are synthesised from real Dutch passages (the Rekenkamer answers in
../shared, else our corpus): each copy gets its words shuffled within sentences and its
vector a small random perturbation, so BM25 and HNSW see realistic, distinct data. Query
time includes embedding the query with the real e5 model. Prints one table.

    .venv/bin/python bench/search.py [--sizes 1000,10000,100000] [--queries 200] [--no-server]
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["ANONYMIZED_TELEMETRY"] = "False"

from assistant.model import DocumentInfo, Passage  # noqa: E402
from assistant.search.embed import get_embedder  # noqa: E402
from assistant.search.passages import passage_id  # noqa: E402
from assistant.search.search import Searcher  # noqa: E402
from assistant.search.store import Store, StoreConfig  # noqa: E402

REKENKAMER = ROOT.parent / "shared" / "corpus-real" / "rekenkamer-kamervragen-qa" / "kamervragen-structured.csv"
PER_DOC = 100


def base_texts(limit: int = 600) -> tuple[list[str], list[str]]:
    """Real passages and real questions to vary and to ask."""
    if REKENKAMER.exists():
        with REKENKAMER.open(encoding="utf-8") as fh:
            rows = [r for r in csv.DictReader(fh, delimiter="\t") if r.get("antwoord") and not r.get("antwoord_zie_nr")]
        random.Random(1).shuffle(rows)
        return [r["antwoord"] for r in rows[:limit]], [r["vraag"] for r in rows[:limit]]
    from assistant.parse import parse_document

    texts = [b.text for p in sorted((ROOT / "corpus").glob("*.pdf")) for b in parse_document(p).blocks]
    return texts, [t[:80] for t in texts]


def vary(text: str, rng: random.Random) -> str:
    words = text.split()
    for _ in range(max(1, len(words) // 8)):
        i, j = rng.randrange(len(words)), rng.randrange(len(words))
        words[i], words[j] = words[j], words[i]
    return " ".join(words)


def fill(store: Store, texts: list[str], vectors: np.ndarray, n: int, per_doc: int = PER_DOC) -> float:
    """Write n synthetic passages in documents of per_doc passages; returns seconds taken."""
    rng = random.Random(n)
    noise = np.random.default_rng(n)
    started = time.perf_counter()
    for doc_no in range(0, n, per_doc):
        count = min(per_doc, n - doc_no)
        picks = [rng.randrange(len(texts)) for _ in range(count)]
        doc_id = f"synth-{doc_no // per_doc}"
        info = DocumentInfo(id=doc_id, title=f"Synthetisch document {doc_no // per_doc}", path="", kind="other",
                            date=date(2020 + doc_no % 6, 1 + doc_no % 12, 1), version="v1",
                            pages=count // 4 + 1, passages=count)
        passages = [Passage(id=passage_id(doc_id, "v1", i), doc_id=doc_id, text=vary(texts[k], rng) if doc_no else texts[k],
                            page=i // 4 + 1, block=i + 1, start=0, end=len(texts[k])) for i, k in enumerate(picks)]
        vecs = vectors[picks] + noise.normal(0, 0.02, size=(count, vectors.shape[1])).astype(np.float32)
        vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
        store.write_passages(info, passages, vecs)
        store.commit_document(info, vecs.mean(axis=0))
    return time.perf_counter() - started


def measure(searcher: Searcher, queries: list[str]) -> dict[str, float]:
    searcher.search(queries[0])  # warm: loads the lexical index
    totals, embeds = [], []
    for query in queries:
        t0 = time.perf_counter()
        searcher.embedder.embed_queries([query])
        t1 = time.perf_counter()
        searcher.search(query, k=10)
        t2 = time.perf_counter()
        embeds.append(t1 - t0)
        totals.append(t2 - t1)
    ms = np.array(totals) * 1000
    return {"p50": float(np.percentile(ms, 50)), "p95": float(np.percentile(ms, 95)),
            "embed_ms": float(np.median(embeds) * 1000)}


def start_server(path: Path) -> tuple[subprocess.Popen, int]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    chroma = Path(sys.executable).with_name("chroma")
    proc = subprocess.Popen([str(chroma), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1)
            return proc, port
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("chroma run did not start")


@contextmanager
def store_for(mode: str, tmp: Path):
    """The configuration of an embedded store in ``tmp``, or of a fresh Chroma server on
    loopback keeping its data in ``tmp`` (stopped afterwards)."""
    proc = None
    if mode == "server":
        proc, port = start_server(tmp / "server")
        config = StoreConfig(index_dir=tmp / "cache", host="127.0.0.1", port=port)
    else:
        config = StoreConfig(index_dir=tmp / "index")
    try:
        yield config
    finally:
        if proc:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--no-server", action="store_true")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    embedder = get_embedder("e5")
    texts, questions = base_texts()
    t0 = time.perf_counter()
    vectors = np.asarray(embedder.embed_passages(texts), dtype=np.float32)
    rate = len(texts) / (time.perf_counter() - t0)
    queries = (questions * (args.queries // len(questions) + 1))[: args.queries]
    print(f"embedded {len(texts)} base passages at {rate:.1f} passages/s (e5, 2 cores)\n")
    print("| store | passages | fill s | refresh s | query p50 ms | query p95 ms | of which embed ms | peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|")
    modes = ["embedded"] + ([] if args.no_server else ["server"])
    for mode in modes:
        for n in sizes:
            with tempfile.TemporaryDirectory() as tmp, store_for(mode, Path(tmp)) as config:
                store = Store(config, embedder.name, embedder.dim)
                fill_s = fill(store, texts, vectors, n)
                searcher = Searcher(store, embedder, cache_dir=config.index_dir)
                r0 = time.perf_counter()
                searcher.refresh()
                refresh_s = time.perf_counter() - r0
                stats = measure(searcher, queries)
                rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                print(f"| {mode} | {n:,} | {fill_s:.1f} | {refresh_s:.1f} | {stats['p50']:.1f} | {stats['p95']:.1f} | "
                      f"{stats['embed_ms']:.1f} | {rss:.0f} |", flush=True)


if __name__ == "__main__":
    main()
