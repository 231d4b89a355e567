"""Existing commitments about an advice point, from the whole archive.

For each point the commitments collection is searched with the point's text (the dense vector
of the passage each commitment stands in, stored at ingest). The nearest candidates are scored
on three signals:

- ``passage``: cosine of the point and the commitment's passage;
- ``sentence``: the best cosine between a sentence of the point and the commitment's sentence;
- ``lexical``: the idf-weighted overlap of their stems (a word every commitment shares says little).

A link is shown only at or above a threshold. Weights and threshold were chosen on one labelled
set of point → commitment pairs and checked on another source (``eval/point_links.json``,
``assistant eval-links``; figures in the README).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from assistant.model import Commitment
from assistant.nl.analyzer import analyze
from assistant.nl.sentences import sentences

# (passage, sentence, lexical) and the threshold, chosen on the "corpus" set of eval/point_links.json.
WEIGHTS = (0.6, 0.2, 0.2)
THRESHOLD = 0.68
# e5's cosines between Dutch texts of one domain lie in a narrow band; this maps it to about 0-1.
_COS_FLOOR, _COS_SPAN = 0.70, 0.22
CANDIDATES = 40
POINT_SENTENCES = 12  # the sentences of a long point that are compared one by one


@dataclass(frozen=True)
class Link:
    """A commitment that may be about an advice point, with the signals and the combined score."""

    commitment: Commitment
    passage: float
    sentence: float
    lexical: float
    score: float


def combine(passage: float, sentence: float, lexical: float, weights: tuple[float, float, float] = WEIGHTS) -> float:
    wp, ws, wl = weights
    return (wp * (passage - _COS_FLOOR) / _COS_SPAN + ws * (sentence - _COS_FLOOR) / _COS_SPAN
            + wl * min(1.0, 2 * lexical))


def point_sentences(text: str) -> list[str]:
    """The sentences of a point worth comparing on their own (at least four words)."""
    found = [s for s in sentences(" ".join(text.split())) if len(s.split()) >= 4]
    return found[:POINT_SENTENCES] or [text]


def idf_table(texts: list[str]) -> dict[str, float]:
    """Inverse document frequency of each stem over the commitments of the index."""
    counts: dict[str, int] = {}
    for text in texts:
        for term in set(analyze(text)):
            counts[term] = counts.get(term, 0) + 1
    n = len(texts)
    return {term: math.log(1 + (n - df + 0.5) / (df + 0.5)) for term, df in counts.items()}


def lexical_overlap(point_terms: set[str], sentence: str, idf: dict[str, float] | None = None) -> float:
    """Cosine of the two sets of stems, each weighted by its idf (0 when either is empty)."""
    terms = set(analyze(sentence))
    if not point_terms or not terms:
        return 0.0
    if not idf:
        return len(point_terms & terms) / math.sqrt(len(point_terms) * len(terms))
    default = max(idf.values())
    weight = {t: idf.get(t, default) ** 2 for t in point_terms | terms}
    shared = sum(weight[t] for t in point_terms & terms)
    return shared / math.sqrt(sum(weight[t] for t in point_terms) * sum(weight[t] for t in terms))


def rank_links(point_text: str, candidates: list[tuple[Commitment, float, float]], *,
               weights: tuple[float, float, float] = WEIGHTS, threshold: float | None = THRESHOLD,
               exclude_docs: frozenset[str] = frozenset(), k: int = 5,
               idf: dict[str, float] | None = None) -> list[Link]:
    """Candidates (commitment, passage cosine, best sentence cosine) scored and ranked; only those
    at or above ``threshold`` (None: all), at most ``k``, one per sentence and document title."""
    wanted = set(analyze(point_text))
    links: dict[tuple[str, str], Link] = {}
    for c, passage, sentence in candidates:
        if c.source.doc_id in exclude_docs:
            continue
        lexical = lexical_overlap(wanted, c.text, idf)
        link = Link(c, passage, sentence, lexical, combine(passage, sentence, lexical, weights))
        key = (" ".join(c.text.split()).casefold(), c.doc_title or "")
        if key not in links or links[key].score < link.score:
            links[key] = link
    ranked = sorted(links.values(), key=lambda link: -link.score)
    return [link for link in ranked if threshold is None or link.score >= threshold][:k]


def rescored(links: list[Link], weights: tuple[float, float, float], threshold: float | None, k: int = 5) -> list[Link]:
    """The same candidates under other weights and threshold (for choosing them on labelled data)."""
    again = [Link(l.commitment, l.passage, l.sentence, l.lexical, combine(l.passage, l.sentence, l.lexical, weights))
             for l in links]
    again.sort(key=lambda link: -link.score)
    return [link for link in again if threshold is None or link.score >= threshold][:k]
