"""Combine the rankings of several retrievers (BM25 and dense) into one.

Two ways, both measured in bench/retrieval_dev.py:

- :func:`rrf` (reciprocal rank fusion) uses only ranks: robust, but it throws away how much
  better the first hit is than the second.
- :func:`score_fusion` rescales each retriever's scores over its own candidate list and adds them
  with weights. This keeps the margins. :func:`hybrid` is the setting we recommend for BM25 + e5:
  z-scores over the top ``CANDIDATES`` of each retriever, with a dense share that depends on
  the kind of query (:func:`weights_for`).

Every function takes one list per retriever, best first, and returns ``(id, score)`` pairs best
first; ties are broken by id so the order is deterministic.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from assistant.nl.analyzer import analyze

Normalisation = Literal["minmax", "zscore"]

# BM25 : e5-small weights and candidates per retriever, measured in bench/retrieval_dev.py.
# z-scores with dense share 0.6 over the top 200 of each were the only setting tried that beats
# plain RRF on all four measures of the Rekenkamer set (R@1/R@5/R@10/MRR@10 .584/.754/.792/.658
# vs .563/.744/.785/.640) and also reaches R@5 >= .97 and MRR@10 >= .88 on the paraphrase-heavy
# dev set (.976/.881). Share 0.5 is better on Rekenkamer (MRR .669) but drops dev MRR to .846;
# with 50 candidates Rekenkamer R@10 falls to .781. Dev has 42 queries: .881 is one query above .88.
RECOMMENDED_WEIGHTS: tuple[float, float] = (0.4, 0.6)
CANDIDATES = 200

# By kind of query (bench/fusion_by_query.py; chosen on the dev sets, none of them held out):
# a question of more than KEYWORD_TERMS distinct terms shares many words with its answer and
# leans on BM25 (Rekenkamer dev half MRR@10 .673 -> .687, 780 questions); a keyword query keeps
# the single weight used before. A dense share of 0.7 for keyword queries scored higher on the
# dev sets (dev .881 -> .905, corpus_queries .701 -> .729) but put a five-word passage ("Ja, ik
# ken het bericht.") above the letter that holds every word of "extra logeerbedden De Linde"
# (tests/test_ui_browser.py): e5 rates very short passages close to many short queries.
KEYWORD_TERMS = 10
KEYWORD_WEIGHTS: tuple[float, float] = RECOMMENDED_WEIGHTS
QUESTION_WEIGHTS: tuple[float, float] = (0.6, 0.4)


def rrf(
    rankings: Sequence[Sequence[str]], k: int = 60, weights: Sequence[float] | None = None
) -> list[tuple[str, float]]:
    """Reciprocal rank fusion: ``score(d) = sum_i weights[i] / (k + rank_i(d))``, rank from 1.

    >>> rrf([["a", "b"], ["b", "c"]])[0][0]
    'b'
    """
    weights = _weights(weights, len(rankings))
    fused: dict[str, float] = {}
    for ranking, weight in zip(rankings, weights):
        for rank, doc_id in enumerate(ranking, start=1):
            fused[doc_id] = fused.get(doc_id, 0.0) + weight / (k + rank)
    return _sorted(fused)


def score_fusion(
    results: Sequence[Sequence[tuple[str, float]]],
    weights: Sequence[float] | None = None,
    normalisation: Normalisation = "zscore",
) -> list[tuple[str, float]]:
    """Weighted sum of each retriever's scores, normalised over its own candidate list.

    ``zscore`` subtracts the list's mean and divides by its standard deviation, so a hit that
    stands out from the rest of its list counts for more; ``minmax`` maps a list's best score
    to 1 and its worst to 0 (it did worse on both eval sets). A candidate missing from a list
    gets that list's lowest normalised score, as if it ranked just below the cut-off.

    >>> bm25 = [("a", 14.0), ("b", 12.0), ("c", 2.0)]
    >>> cosine = [("c", 0.86), ("b", 0.85), ("a", 0.70)]
    >>> score_fusion([bm25, cosine])[0][0]  # good in both beats best in one
    'b'
    """
    weights = _weights(weights, len(results))
    normalised = [_normalise(list(r), normalisation) for r in results]
    floors = [min(n.values(), default=0.0) for n in normalised]
    candidates = {doc_id for n in normalised for doc_id in n}
    fused = {
        doc_id: sum(w * n.get(doc_id, floor) for n, w, floor in zip(normalised, weights, floors))
        for doc_id in candidates
    }
    return _sorted(fused)


def hybrid(
    lexical: Sequence[tuple[str, float]], dense: Sequence[tuple[str, float]], query: str | None = None
) -> list[tuple[str, float]]:
    """The recommended fusion of BM25 hits and dense (cosine) hits for ``query``, each best first.

    Pass the top :data:`CANDIDATES` of each retriever (after any filter), not just the top 10:
    the z-scores are computed over these lists. Without the query the weights are the single
    setting used before queries were told apart (:data:`RECOMMENDED_WEIGHTS`).
    """
    weights = RECOMMENDED_WEIGHTS if query is None else weights_for(query)
    return score_fusion([lexical, dense], weights, "zscore")


def weights_for(query: str) -> tuple[float, float]:
    """(BM25, dense) weights for a query: a long question leans on BM25, a keyword query on
    the dense model.

    >>> weights_for("mantelzorg respijtzorg")
    (0.4, 0.6)
    >>> weights_for("Kunt u aangeven hoeveel gemeenten de regeling voor bijzondere bijstand aan "
    ...             "jongeren met schulden nog niet uitvoeren, en waarom dat zo lang duurt?")
    (0.6, 0.4)
    """
    return KEYWORD_WEIGHTS if len(set(analyze(query))) <= KEYWORD_TERMS else QUESTION_WEIGHTS


def _normalise(result: list[tuple[str, float]], how: Normalisation) -> dict[str, float]:
    if not result:
        return {}
    scores = [s for _, s in result]
    if how == "minmax":
        low, high = min(scores), max(scores)
        span = high - low
        # One candidate, or all equal: each is as good as the best.
        return {d: (s - low) / span if span > 0 else 1.0 for d, s in result}
    if how == "zscore":
        mean = sum(scores) / len(scores)
        std = (sum((s - mean) ** 2 for s in scores) / len(scores)) ** 0.5
        return {d: (s - mean) / std if std > 0 else 0.0 for d, s in result}
    raise ValueError(f"unknown normalisation {how!r}; use 'minmax' or 'zscore'")


def _weights(weights: Sequence[float] | None, n: int) -> Sequence[float]:
    if weights is None:
        return [1.0] * n
    if len(weights) != n:
        raise ValueError(f"{len(weights)} weights for {n} result lists")
    return weights


def _sorted(fused: dict[str, float]) -> list[tuple[str, float]]:
    return sorted(fused.items(), key=lambda item: (-item[1], item[0]))
