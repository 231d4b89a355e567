"""BM25 over passages, with Dutch analysis (stems, stopwords, compound parts).

>>> index = LexicalIndex(["p1", "p2"], ["Nieuw welzijnsbeleid in 2026", "Parkeren in de binnenstad"])
>>> [pid for pid, score in index.search("parkeervergunningen binnenstad", k=5)]
['p2']

The index keeps its passages' texts so ``add`` and ``remove`` can rebuild it (a rebuild of
100,000 passages takes seconds; see bench/retrieval_dev.py). ``save`` writes plain files (JSON
and ``.npy`` arrays, never pickle) beside the vector store; ``load`` checks them against a content
fingerprint so a file left behind by an older index is detected instead of silently used.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import chain
from pathlib import Path

import numpy as np

from assistant.errors import StoreError
from assistant.nl.analyzer import CompoundSplitter, analyze, terms, tokenize
from assistant.nl.synonyms import EXPANSION_WEIGHT, expansions

# Bumped whenever the analysis or the file layout changes, so old files read as stale.
FORMAT_VERSION = 1
_META = "lexical.json"
_BM25_DIR = "bm25s"

# bm25s defaults (Lucene's BM25); tuning k1/b on the eval sets gained nothing that carried
# over from one set to the other.
_K1 = 1.5
_B = 0.75


def fingerprint(ids: Sequence[str], texts: Sequence[str]) -> str:
    """A hash of the (id, text) pairs, independent of their order."""
    pair_hashes = sorted(
        hashlib.sha256(f"{i}\x00{t}".encode()).digest() for i, t in zip(ids, texts, strict=True)
    )
    digest = hashlib.sha256(f"lexical-v{FORMAT_VERSION}".encode())
    for h in pair_hashes:
        digest.update(h)
    return digest.hexdigest()


class LexicalIndex:
    """A BM25 index of passages, searched by their ids.

    ``split_compounds`` learns Dutch compounds from the passages (see
    :class:`~assistant.nl.analyzer.CompoundSplitter`) and indexes their parts too.
    """

    # Expand queries with other names for what they name (a class switch, for measuring it).
    synonyms = True

    def __init__(
        self, ids: Sequence[str], texts: Sequence[str], *, split_compounds: bool = True
    ) -> None:
        if len(ids) != len(texts):
            raise ValueError(f"{len(ids)} ids but {len(texts)} texts")
        if len(set(ids)) != len(ids):
            raise ValueError("passage ids must be unique")
        self.split_compounds = split_compounds
        self._build(list(ids), list(texts))

    def __len__(self) -> int:
        return len(self.ids)

    def _build(self, ids: list[str], texts: list[str]) -> None:
        import bm25s

        self.ids = ids
        self.texts = texts
        self.fingerprint = fingerprint(ids, texts)
        self._row = {pid: n for n, pid in enumerate(ids)}
        words = [tokenize(t) for t in texts]
        self._splitter = None
        if self.split_compounds:
            self._splitter = CompoundSplitter(Counter(chain.from_iterable(words)))
        corpus_terms = [terms(ws, self._splitter) for ws in words]
        self._bm25 = None
        if any(corpus_terms):  # bm25s cannot index a corpus without a single term
            self._bm25 = bm25s.BM25(k1=_K1, b=_B)
            self._bm25.index(corpus_terms, show_progress=False)

    def scores(self, query: str) -> np.ndarray:
        """The BM25 score of every passage for ``query``, in the order of ``self.ids``."""
        if self._bm25 is None:
            return np.zeros(len(self.ids), dtype=np.float32)
        vocab = self._bm25.vocab_dict
        token_ids = [vocab[t] for t in analyze(query, self._splitter) if t in vocab]
        # Other names for what the query names (assistant/nl/synonyms.py), at a lower weight.
        extra_ids = [vocab[t] for t in expansions(query, self._splitter) if t in vocab] if self.synonyms else []
        if not token_ids and not extra_ids:
            return np.zeros(len(self.ids), dtype=np.float32)
        scores = self._bm25.get_scores_from_ids(token_ids) if token_ids else np.zeros(len(self.ids), np.float32)
        if extra_ids:
            scores = scores + EXPANSION_WEIGHT * self._bm25.get_scores_from_ids(extra_ids)
        return scores

    def search(
        self, query: str, k: int = 10, allowed_ids: set[str] | None = None
    ) -> list[tuple[str, float]]:
        """The ``k`` best passages for ``query`` as ``(id, score)``, best first.

        Only passages that share a term with the query are returned. With ``allowed_ids``
        every passage is scored and the others are left out before ranking, so a filter never
        starves the result: it holds ``k`` passages whenever ``k`` allowed ones match.
        """
        scores = self.scores(query)
        if scores.size == 0 or k <= 0:
            return []
        if allowed_ids is not None:
            rows = [self._row[i] for i in allowed_ids if i in self._row]
            mask = np.zeros(scores.shape, dtype=bool)
            mask[rows] = True
            scores = np.where(mask, scores, 0.0)
        candidates = np.flatnonzero(scores > 0)
        if candidates.size > k:
            top = np.argpartition(-scores[candidates], k - 1)[:k]
            candidates = candidates[top]
        # Ties broken by id so results are stable across rebuilds and platforms.
        order = sorted(candidates.tolist(), key=lambda r: (-float(scores[r]), self.ids[r]))
        return [(self.ids[r], float(scores[r])) for r in order]

    def add(self, ids: Sequence[str], texts: Sequence[str]) -> None:
        """Add passages, replacing any with the same id, and rebuild."""
        new = dict(zip(self.ids, self.texts))
        new.update(zip(ids, texts, strict=True))
        self._build(list(new), list(new.values()))

    def remove(self, ids: Iterable[str]) -> None:
        """Remove passages by id (unknown ids are ignored) and rebuild."""
        gone = set(ids)
        keep = [(i, t) for i, t in zip(self.ids, self.texts) if i not in gone]
        self._build([i for i, _ in keep], [t for _, t in keep])

    def save(self, directory: str | Path) -> None:
        """Write the index to ``directory`` (replaced as a whole, so a crash leaves the old one)."""
        directory = Path(directory)
        directory.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{directory.name}-", dir=directory.parent))
        try:
            if self._bm25 is not None:
                self._bm25.save(str(tmp / _BM25_DIR), show_progress=False)
            meta = {
                "format": FORMAT_VERSION,
                "fingerprint": self.fingerprint,
                "split_compounds": self.split_compounds,
                "has_terms": self._bm25 is not None,
                "ids": self.ids,
                "texts": self.texts,
                "compound_vocabulary": self._splitter.to_dict() if self._splitter else None,
            }
            (tmp / _META).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
            old = None
            if directory.exists():
                # rename(2) may replace an empty directory: park the old index there, then swap.
                old = Path(tempfile.mkdtemp(prefix=f".{directory.name}-old-", dir=directory.parent))
                os.replace(directory, old)
            os.replace(tmp, directory)
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise

    @classmethod
    def load(cls, directory: str | Path, expected_fingerprint: str | None = None) -> LexicalIndex:
        """Read an index written by :meth:`save`.

        Raises :class:`StoreError` when the files are missing, damaged, from another version,
        or (with ``expected_fingerprint``, see :func:`fingerprint`) hold other passages than
        the vector store: the caller should then rebuild the index from its passages.
        """
        directory = Path(directory)
        try:
            meta = json.loads((directory / _META).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise StoreError(f"Geen trefwoordindex gevonden in {directory}; {_REBUILD}.") from None
        except (OSError, ValueError) as e:
            raise _damaged(directory, e) from None
        if not isinstance(meta, dict) or meta.get("format") != FORMAT_VERSION:
            raise StoreError(f"De trefwoordindex in {directory} is van een andere versie; {_REBUILD}.")
        if expected_fingerprint is not None and meta.get("fingerprint") != expected_fingerprint:
            raise StoreError(
                f"De trefwoordindex in {directory} hoort niet bij de opgeslagen passages "
                f"(verouderd); {_REBUILD}."
            )
        try:
            return cls._from_files(directory, meta)
        except (OSError, ValueError, KeyError, TypeError) as e:
            raise _damaged(directory, e) from None

    @classmethod
    def _from_files(cls, directory: Path, meta: dict) -> LexicalIndex:
        import bm25s

        self = cls.__new__(cls)
        self.ids = list(meta["ids"])
        self.texts = list(meta["texts"])
        self.split_compounds = bool(meta["split_compounds"])
        self.fingerprint = meta["fingerprint"]
        if fingerprint(self.ids, self.texts) != self.fingerprint:
            raise ValueError("the passages do not match the fingerprint")
        self._row = {pid: n for n, pid in enumerate(self.ids)}
        vocabulary = meta["compound_vocabulary"]
        self._splitter = CompoundSplitter(vocabulary) if vocabulary is not None else None
        self._bm25 = None
        if meta["has_terms"]:
            self._bm25 = bm25s.BM25.load(str(directory / _BM25_DIR), show_progress=False)
            if self._bm25.scores["num_docs"] != len(self.ids):
                raise ValueError("the BM25 arrays hold another number of passages")
        return self


_REBUILD = "lees de documenten opnieuw in om hem opnieuw op te bouwen"


def _damaged(directory: Path, error: Exception) -> StoreError:
    return StoreError(f"De trefwoordindex in {directory} is beschadigd ({error}); {_REBUILD}.")
