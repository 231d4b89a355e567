"""BM25 in segments scores exactly as one bm25s index over the same passages, after adds and
removals, and from files as in memory."""

from __future__ import annotations

import random

import bm25s
import numpy as np
import pytest

from assistant.search.bm25 import SegmentedBm25

WORDS = [f"w{i}" for i in range(300)]


def corpus(seed: int, n: int) -> list[list[str]]:
    rng = random.Random(seed)
    # Zipf-like: some words in most passages, most in few; some passages empty.
    return [[rng.choice(WORDS[: rng.randint(5, 300)]) for _ in range(rng.randint(0, 60))] for _ in range(n)]


def reference(docs: list[list[str]], query: list[str]) -> np.ndarray:
    index = bm25s.BM25(k1=1.5, b=0.75)
    index.index(docs, show_progress=False)
    return index.get_scores_from_ids([index.vocab_dict[t] for t in query if t in index.vocab_dict])


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_segments_score_as_one_bm25s_index(seed):
    docs = corpus(seed, 400)
    ours = SegmentedBm25()
    for start, end in ((0, 150), (150, 151), (151, 400)):
        ours.add(docs[start:end])
    rng = random.Random(seed)
    for _ in range(40):
        query = [rng.choice(WORDS) for _ in range(rng.randint(1, 8))]
        assert np.allclose(ours.scores(ours.term_ids(query)), reference(docs, query), atol=1e-5, rtol=1e-5)


def test_removed_passages_leave_the_statistics_and_score_zero():
    docs = corpus(7, 300)
    ours = SegmentedBm25()
    ours.add(docs[:200])
    ours.add(docs[200:])
    gone = list(range(0, 300, 7)) + [250, 251]
    ours.remove(gone + [10_000, -1])  # unknown rows are ignored
    ours.remove(gone)  # and removing twice changes nothing
    kept = [d for i, d in enumerate(docs) if i not in set(gone)]
    rows = [i for i in range(300) if i not in set(gone)]
    rng = random.Random(7)
    for _ in range(30):
        query = [rng.choice(WORDS) for _ in range(rng.randint(1, 6))]
        scores = ours.scores(ours.term_ids(query))
        assert np.all(scores[gone] == 0)
        assert np.allclose(scores[rows], reference(kept, query), atol=1e-5, rtol=1e-5)


def test_saved_segments_read_back_with_their_removals(tmp_path):
    docs = corpus(9, 120)
    ours = SegmentedBm25()
    ours.add(docs[:60])
    ours.add(docs[60:])
    ours.remove([3, 70])
    paths = [tmp_path / "a.npz", tmp_path / "b.npz"]
    for k, path in enumerate(paths):
        ours.save_segment(k, path)
    back = SegmentedBm25.from_files(ours.k1, ours.b, list(ours.vocab), paths, [s.live for s in ours.segments])
    for query in (["w1", "w2"], ["w40"], ["w299", "w0", "w0"]):
        assert np.array_equal(back.scores(back.term_ids(query)), ours.scores(ours.term_ids(query)))
