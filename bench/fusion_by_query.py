"""Fusion weights by kind of query: short keyword queries and long questions.

    .venv/bin/python bench/fusion_by_query.py [--split dev|test]

A long question (a Kamervraag of twenty words) shares many words with its answer, so BM25 is
strong; a short query in other words needs the dense model. This bench fuses BM25 and e5 as the
application does (z-scores over the top 200 of each) with a dense share that depends on the
number of distinct terms in the query (``assistant.nl.analyzer.analyze``): ``short`` up to
``T`` terms, ``long`` above. It prints, per setting, MRR@10 on the dev set and on the
Rekenkamer questions of ``--split`` (choose on dev, report on test), and the settings' mean.
``*`` marks one weight for all queries (before), ``**`` the setting ``hybrid()`` uses now.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.evaluate import load_passage_set  # noqa: E402
from assistant.nl.analyzer import analyze  # noqa: E402
from assistant.search.fusion import KEYWORD_TERMS, KEYWORD_WEIGHTS, QUESTION_WEIGHTS, score_fusion  # noqa: E402
from bench.retrieval_dev import DEV, REKENKAMER, EvalSet, metrics  # noqa: E402
from bench.retrieval_units import _as_set, passage_runs  # noqa: E402


def runs(s: EvalSet):
    _, _, bm25, dense = passage_runs(s)
    return bm25, dense, [len(set(analyze(q))) for q in s.queries]


def fused(s: EvalSet, bm25, dense, lengths, threshold: int, short: float, long: float) -> dict[str, float]:
    ranked = [score_fusion([b, d], [1 - share, share], "zscore")
              for b, d, n in zip(bm25, dense, lengths)
              for share in [short if n <= threshold else long]]
    return metrics(ranked, s.relevant)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    args = parser.parse_args()
    if not DEV.exists() or not REKENKAMER.exists():
        print(f"skipped: {DEV} or {REKENKAMER} not found")
        return 0
    sets = [_as_set("dev", load_passage_set(DEV)),
            _as_set(f"Rekenkamer-{args.split}", load_passage_set(REKENKAMER, args.split))]
    data = [(s, *runs(s)) for s in sets]
    for s, _, _, lengths in data:
        print(f"{s.name}: {len(s.queries)} queries, terms per query p10/p50/p90 "
              f"{np.percentile(lengths, 10):.0f}/{np.percentile(lengths, 50):.0f}/{np.percentile(lengths, 90):.0f}")
    print(f"\n| T | short share | long share | {' | '.join(s.name + ' MRR@10 / R@5' for s in sets)} | mean MRR |")
    print("|---|---|---|" + "---|" * len(sets) + "---|")
    rows = []
    for threshold in (6, 8, 10, 12):
        for short in (0.5, 0.6, 0.7):
            for long in (0.3, 0.4, 0.5, 0.6):
                m = [fused(s, b, d, n, threshold, short, long) for s, b, d, n in data]
                rows.append((threshold, short, long, m))
    for threshold, short, long, m in rows:
        cells = " | ".join(f"{x['MRR@10']:.3f} / {x['R@5']:.3f}" for x in m)
        # * one weight for all (what the app did before), ** what hybrid() does now.
        now = (threshold == KEYWORD_TERMS and abs(short - KEYWORD_WEIGHTS[1]) < 1e-9
               and abs(long - QUESTION_WEIGHTS[1]) < 1e-9)
        mark = " **" if now else " *" if (short, long) == (0.6, 0.6) and threshold == 6 else ""
        print(f"| {threshold}{mark} | {short} | {long} | {cells} | {np.mean([x['MRR@10'] for x in m]):.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
