"""What grows with the archive and what does not: the searcher's view of a large index, before
and after one more letter, in a fresh process and in a running one. Prints one table.

The index is synthesised as bench/search.py does (real Dutch passages varied, e5 vectors
perturbed; documents of 100 passages) in an embedded store. Per size:

- ``first view``: a new process's first search: every passage read once, lexical index built;
- ``saved view``: another new process, with the lexical index saved by the first;
- ``one more letter``: a letter of 100 passages committed, then the first search after it in the
  running process (its passages read and indexed alone);
- ``documents``: listing every document; query p50 / p95 with the e5 query embedding included.

    .venv/bin/python bench/scale.py [--sizes 10000,100000] [--queries 100]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
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
from bench.search import base_texts, fill, measure  # noqa: E402


def timed(action) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def one_more_letter(store: Store, texts: list[str], vectors: np.ndarray) -> None:
    info = DocumentInfo(id="nieuwe-brief", title="Nieuwe brief", path="", kind="brief", date=date(2026, 11, 30),
                        version="v1", pages=25, passages=100)
    picks = list(range(100))
    passages = [Passage(id=passage_id(info.id, info.version, i), doc_id=info.id, text=f"{texts[k]} wachtlijstbemiddelaar",
                        page=i // 4 + 1, block=i + 1, start=0, end=len(texts[k])) for i, k in enumerate(picks)]
    store.write_passages(info, passages, vectors[picks])
    store.commit_document(info, vectors[picks].mean(axis=0))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--queries", type=int, default=100)
    args = parser.parse_args()
    embedder = get_embedder("e5")
    texts, questions = base_texts()
    vectors = np.asarray(embedder.embed_passages(texts), dtype=np.float32)
    rows = []
    for size in [int(s) for s in args.sizes.split(",")]:
        folder = Path(tempfile.mkdtemp()) / "index"
        config = StoreConfig(index_dir=folder)
        store = Store(config, embedder.name, embedder.dim)
        fill(store, texts, vectors, size)
        first, _ = timed(lambda: Searcher(store, embedder, cache_dir=folder).refresh())
        searcher = Searcher(Store(config, embedder.name, embedder.dim), embedder, cache_dir=folder)
        saved, _ = timed(searcher.refresh)
        listing, _ = timed(searcher.store.documents)
        latency = measure(searcher, questions[: args.queries])
        one_more_letter(searcher.store, texts, vectors)
        after, hits = timed(lambda: searcher.search("wachtlijstbemiddelaar", k=5))
        assert hits and hits[0].passage.doc_id == "nieuwe-brief", "the new letter was not found"
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        rows.append((size, first, saved, after, listing, latency["p50"], latency["p95"], rss,
                     getattr(searcher, "full_builds", "-")))
    print("\n| passages | first view (new process, builds) | saved view (new process) | first search after one more "
          "letter | documents | query p50 / p95 (e5 included) | peak RSS | full builds after the first |")
    print("|---|---|---|---|---|---|---|---|")
    for size, first, saved, after, listing, p50, p95, rss, builds in rows:
        print(f"| {size:,} | {first:.1f} s | {saved:.1f} s | {after * 1000:.0f} ms | {listing * 1000:.0f} ms | "
              f"{p50:.0f} / {p95:.0f} ms | {rss:.0f} MB | {builds} |")


if __name__ == "__main__":
    main()
