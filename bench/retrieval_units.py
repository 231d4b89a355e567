"""Which unit to score: whole passages, or sentence windows collapsed to their passage.

    .venv/bin/python bench/retrieval_units.py [--split dev|test|all] [--sizes 1,2,3]

A long passage about many things ranks low for a question about one of its sentences
(dilution). This bench scores windows of 1-3 sentences (stride one sentence) and gives a
passage the best score of its windows, for BM25, for e5, and for both fused as the application
fuses them, on the dev set (`../shared/eval/dev_retrieval_nl.json`) and the Rekenkamer set
(only the questions of ``--split``; every answer stays in the pool). Choose on ``dev``; report
``test``. e5 vectors are cached as in bench/retrieval_dev.py; the first Rekenkamer run embeds
every window (about 7,000 sentences for size 1, 17,000 texts for 1,2,3: half an hour or more on
two cores), so ``--sizes 2`` is the quick look.

Measured 2026-12-02 (README, search quality): on the dev set windows changed hybrid MRR@10 by
-.009 to +.008; on the Rekenkamer dev half BM25 over windows fell from .660 to .585-.633, and
BM25 windows as a third list moved hybrid by at most +.005. Not adopted.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.evaluate import load_passage_set  # noqa: E402
from assistant.nl.sentences import split_sentences  # noqa: E402
from assistant.search.fusion import CANDIDATES, score_fusion  # noqa: E402
from assistant.search.lexical import LexicalIndex  # noqa: E402
from bench.retrieval_dev import DEV, REKENKAMER, EvalSet, _cached_embeddings, metrics, print_table  # noqa: E402

Hits = list[tuple[str, float]]


def windows(s: EvalSet, size: int) -> tuple[list[str], list[str], list[str]]:
    """(window ids, their passage ids, texts): every run of ``size`` sentences of a passage; a
    passage of fewer sentences is one window."""
    wids, owners, texts = [], [], []
    for pid, text in zip(s.ids, s.texts):
        spans = split_sentences(text) or [(0, len(text))]
        for i in range(max(1, len(spans) - size + 1)):
            part = spans[i:i + size]
            wids.append(f"{pid}#{i}")
            owners.append(pid)
            texts.append(text[part[0][0]:part[-1][1]])
    return wids, owners, texts


def collapse(hits: Hits, owner: dict[str, str], k: int = CANDIDATES) -> Hits:
    """Window hits -> passage hits: a passage takes the score of its best window."""
    best: dict[str, float] = {}
    for wid, score in hits:
        pid = owner[wid]
        if pid not in best:
            best[pid] = score
        if len(best) == k:
            break
    return list(best.items())


def top(sims: np.ndarray, ids: list[str], k: int) -> Hits:
    order = np.argsort(-sims, kind="stable")[:k]
    return [(ids[i], float(sims[i])) for i in order]


def passage_runs(s: EvalSet):
    """The e5 model, the query vectors, and per query the top BM25 and e5 passages."""
    from assistant.search.embed import get_embedder

    embedder = get_embedder("e5")
    qvecs, _ = _cached_embeddings(f"{s.name}-queries", s.queries, embedder.embed_queries)
    # The passages are the same for every half of a set: embedded once.
    pvecs, _ = _cached_embeddings(f"{s.name.split('-')[0]}-passages", s.texts, embedder.embed_passages)
    lexical = LexicalIndex(s.ids, s.texts)
    bm25 = [lexical.search(q, CANDIDATES) for q in s.queries]
    dense = [top(pvecs @ q, s.ids, CANDIDATES) for q in qvecs]
    return embedder, qvecs, bm25, dense


def run(s: EvalSet, sizes: list[int]) -> dict[str, dict[str, float]]:
    embedder, qvecs, bm25, dense = passage_runs(s)
    rows: dict[str, dict[str, float]] = {}

    def add(name: str, lex: list[Hits], den: list[Hits], share: float = 0.6) -> None:
        rows[f"{name}: BM25"] = metrics(lex, s.relevant)
        rows[f"{name}: e5"] = metrics(den, s.relevant)
        rows[f"{name}: hybrid"] = metrics(
            [score_fusion([b, d], [1 - share, share], "zscore") for b, d in zip(lex, den)], s.relevant)

    add("passages", bm25, dense)
    for size in sizes:
        wids, owners, texts = windows(s, size)
        owner = dict(zip(wids, owners))
        wlex = LexicalIndex(wids, texts)
        wbm25 = [collapse(wlex.search(q, 4 * CANDIDATES), owner) for q in s.queries]
        wvecs, _ = _cached_embeddings(f"{s.name}-windows{size}", texts, embedder.embed_passages)
        wdense = [collapse(top(wvecs @ q, wids, 4 * CANDIDATES), owner) for q in qvecs]
        add(f"windows of {size} ({len(wids)})", wbm25, wdense)
        # Mixed: windows for BM25 only (no extra vectors), and the best of passage and window cosine.
        rows[f"windows of {size}: BM25 windows + e5 passages (hybrid)"] = metrics(
            [score_fusion([b, d], [0.4, 0.6], "zscore") for b, d in zip(wbm25, dense)], s.relevant)
        both = [_best_of(d, w) for d, w in zip(dense, wdense)]
        rows[f"windows of {size}: e5 max(passage, window) (hybrid)"] = metrics(
            [score_fusion([b, d], [0.4, 0.6], "zscore") for b, d in zip(bm25, both)], s.relevant)
        rows[f"windows of {size}: both (hybrid)"] = metrics(
            [score_fusion([b, d], [0.4, 0.6], "zscore") for b, d in zip(wbm25, both)], s.relevant)
    return rows


def _best_of(a: Hits, b: Hits) -> Hits:
    best: dict[str, float] = dict(a)
    for pid, score in b:
        best[pid] = max(score, best.get(pid, -1.0))
    return sorted(best.items(), key=lambda x: -x[1])[:CANDIDATES]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    parser.add_argument("--sizes", default="1,2,3")
    args = parser.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]
    loaders: list[tuple[str, Path, Callable[[], EvalSet]]] = [
        ("dev set", DEV, lambda: _as_set("dev", load_passage_set(DEV))),
        (f"Rekenkamer {args.split}", REKENKAMER,
         lambda: _as_set(f"Rekenkamer-{args.split}", load_passage_set(REKENKAMER, args.split))),
    ]
    for title, path, load in loaders:
        if not path.exists():
            print(f"skipped {title}: {path} not found")
            continue
        s = load()
        print_table(f"{title}: {len(s.queries)} queries over {len(s.ids)} passages", run(s, sizes))
    return 0


def _as_set(name: str, data) -> EvalSet:
    return EvalSet(name, data.ids, data.texts, data.queries, data.relevant)


if __name__ == "__main__":
    raise SystemExit(main())
