"""BM25 over passages, with Dutch analysis (stems, stopwords, compound parts).

>>> index = LexicalIndex(["p1", "p2"], ["Nieuw welzijnsbeleid in 2026", "Parkeren in de binnenstad"])
>>> [pid for pid, score in index.search("parkeervergunningen binnenstad", k=5)]
['p2']

The index grows and shrinks in place (``assistant/search/bm25.py``): ``add`` analyses only the
new passages and appends them as a segment, ``remove`` takes passages out, and the scores stay
those of one index over the same passages. The compound splitter is learned from the passages
of a full build and kept for the passages added after it, until the next full build.

``save`` writes plain files (JSON and ``.npz`` arrays, never pickle) beside the vector store,
the segments once each; ``load`` reads them back with the ``contents`` the caller saved with
them (which document versions they hold), so a caller can tell what changed since.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import uuid
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import chain, islice
from pathlib import Path
from typing import Any

import numpy as np

from assistant.errors import StoreError
from assistant.nl.analyzer import CompoundSplitter, analyze, terms, tokenize
from assistant.nl.synonyms import EXPANSION_WEIGHT, expansions
from assistant.search.bm25 import B, K1, SegmentedBm25
from assistant.search.locks import file_lock

# Bumped whenever the analysis or the file layout changes, so old files read as stale.
FORMAT_VERSION = 2
_META = "lexical.json"
_LOCK = ".lock"  # one writer at a time, and no reader of a half-written folder


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
        words = [tokenize(t) for t in texts]
        self._splitter = CompoundSplitter(Counter(chain.from_iterable(words))) if split_compounds else None
        self._bm25 = SegmentedBm25(K1, B)
        self._first_ids: list[str] = []  # per row: the passage it was added for
        self._row: dict[str, int] = {}  # per live passage: its row (a row of a removed or replaced one is dead)
        self._saved: list[str] = []  # the files of each segment already on disk
        self._splitter_file: str | None = None
        self.built_rows = len(ids)  # passages of the last full build (the splitter learned from them)
        self._append(list(ids), [terms(ws, self._splitter) for ws in words])

    def __len__(self) -> int:
        return len(self._row)

    @property
    def ids(self) -> list[str]:
        """The live passages, in the order they were added."""
        return [pid for row, pid in enumerate(self._first_ids) if self._row.get(pid) == row]

    def __contains__(self, pid: str) -> bool:
        return pid in self._row

    def copy(self) -> LexicalIndex:
        """An index to change while searches go on reading this one."""
        other = LexicalIndex.__new__(LexicalIndex)
        other.split_compounds, other._splitter, other.built_rows = self.split_compounds, self._splitter, self.built_rows
        other._bm25 = self._bm25.copy()
        other._first_ids, other._row, other._saved = list(self._first_ids), dict(self._row), list(self._saved)
        other._splitter_file = self._splitter_file
        return other

    def _append(self, ids: list[str], corpus_terms: list[list[str]]) -> None:
        rows = self._bm25.add(corpus_terms)
        self._first_ids.extend(ids)
        self._row.update(zip(ids, rows))

    def scores(self, query: str) -> np.ndarray:
        """The BM25 score of every row for ``query`` (removed passages score 0)."""
        token_ids = self._bm25.term_ids(analyze(query, self._splitter))
        # Other names for what the query names (assistant/nl/synonyms.py), at a lower weight.
        extra_ids = self._bm25.term_ids(expansions(query, self._splitter)) if self.synonyms else []
        scores = self._bm25.scores(token_ids)
        if extra_ids:
            scores = scores + EXPANSION_WEIGHT * self._bm25.scores(extra_ids)
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
        order = sorted(candidates.tolist(), key=lambda r: (-float(scores[r]), self._first_ids[r]))
        return [(self._first_ids[r], float(scores[r])) for r in order]

    def add(self, ids: Sequence[str], texts: Sequence[str]) -> None:
        """Add passages, replacing any with the same id: only the new ones are analysed."""
        if len(ids) != len(texts):
            raise ValueError(f"{len(ids)} ids but {len(texts)} texts")
        new = dict(zip(ids, texts))
        self.remove(new)
        self._append(list(new), [terms(tokenize(t), self._splitter) for t in new.values()])

    def remove(self, ids: Iterable[str]) -> None:
        """Remove passages by id (unknown ids are ignored)."""
        self._bm25.remove([self._row.pop(pid) for pid in set(ids) if pid in self._row])

    def save(self, directory: str | Path, contents: Any = None) -> None:
        """Write the index to ``directory`` with ``contents`` (any JSON value the caller wants back
        from ``load``). Segments already on disk are kept; the rest is written beside them and the
        description replaced in one step, so a crash leaves the old index whole."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        with file_lock(directory / _LOCK):
            self._save(directory, contents)

    def _save(self, directory: Path, contents: Any) -> None:
        if self._saved and not all((directory / f"{name}.npz").exists() for name in self._saved):
            self._saved, self._splitter_file = [], None  # another folder, or files removed: write all
        if self._splitter_file is None or not (directory / self._splitter_file).exists():
            self._splitter_file = f"splitter-{uuid.uuid4().hex[:12]}.json"
            vocabulary = self._splitter.to_dict() if self._splitter else None
            (directory / self._splitter_file).write_text(json.dumps(vocabulary, ensure_ascii=False), encoding="utf-8")
        segments = self._bm25.segments
        for k in range(len(self._saved), len(segments)):
            # Each segment with its passage ids and the terms it was the first to use, so what is
            # written for a change is the size of the change.
            name = f"segment-{uuid.uuid4().hex[:12]}"
            first_column = segments[k - 1].counts.shape[1] if k else 0
            offset = self._bm25.offsets[k]
            self._bm25.save_segment(k, directory / f"{name}.npz")
            sidecar = {"row_ids": self._first_ids[offset:offset + segments[k].rows],
                       "terms": list(islice(self._bm25.vocab, first_column, segments[k].counts.shape[1]))}
            (directory / f"{name}.json").write_text(json.dumps(sidecar, ensure_ascii=False), encoding="utf-8")
            self._saved.append(name)
        meta = {
            "format": FORMAT_VERSION,
            "split_compounds": self.split_compounds,
            "built_rows": self.built_rows,
            "k1": self._bm25.k1, "b": self._bm25.b,
            "splitter": self._splitter_file,
            "segments": self._saved,
            "removed_rows": {name: np.flatnonzero(~segment.live).tolist()
                             for name, segment in zip(self._saved, segments)},
            "contents": contents,
        }
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=".lexical-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(meta, fh, ensure_ascii=False)
            os.replace(tmp, directory / _META)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        keep = {_META, _LOCK, self._splitter_file} | {f"{n}{ext}" for n in self._saved for ext in (".npz", ".json")}
        for stale in directory.iterdir():  # segments of an older build, files of an older format
            if stale.name in keep or stale.name.startswith(".lexical-"):
                continue
            if stale.is_dir():
                shutil.rmtree(stale, ignore_errors=True)
            else:
                stale.unlink(missing_ok=True)

    @classmethod
    def load(cls, directory: str | Path) -> tuple[LexicalIndex, Any]:
        """Read an index written by :meth:`save`, and the ``contents`` saved with it.

        Raises :class:`StoreError` when the files are missing, damaged or from another
        version: the caller should then build the index again from its passages.
        """
        directory = Path(directory)
        if not (directory / _META).is_file():
            raise StoreError(f"Geen trefwoordindex gevonden in {directory}; {_REBUILD}.")
        with file_lock(directory / _LOCK, exclusive=False):
            try:
                meta = json.loads((directory / _META).read_text(encoding="utf-8"))
            except FileNotFoundError:
                raise StoreError(f"Geen trefwoordindex gevonden in {directory}; {_REBUILD}.") from None
            except (OSError, ValueError) as e:
                raise _damaged(directory, e) from None
            if not isinstance(meta, dict) or meta.get("format") != FORMAT_VERSION:
                raise StoreError(f"De trefwoordindex in {directory} is van een andere versie; {_REBUILD}.")
            try:
                return cls._from_files(directory, meta), meta.get("contents")
            except (OSError, ValueError, KeyError, TypeError, IndexError) as e:
                raise _damaged(directory, e) from None

    @classmethod
    def _from_files(cls, directory: Path, meta: dict) -> LexicalIndex:
        self = cls.__new__(cls)
        self.split_compounds = bool(meta["split_compounds"])
        self.built_rows = int(meta["built_rows"])
        self._splitter_file = meta["splitter"]
        vocabulary = json.loads((directory / self._splitter_file).read_text(encoding="utf-8"))
        self._splitter = CompoundSplitter(vocabulary) if vocabulary is not None else None
        self._saved = list(meta["segments"])
        masks, terms_in_order, first_ids = [], [], []
        for name in self._saved:
            sidecar = json.loads((directory / f"{name}.json").read_text(encoding="utf-8"))
            mask = np.ones(len(sidecar["row_ids"]), dtype=bool)
            mask[np.asarray(meta["removed_rows"][name], dtype=np.int64)] = False
            masks.append(mask)
            first_ids += sidecar["row_ids"]
            terms_in_order += sidecar["terms"]
        self._bm25 = SegmentedBm25.from_files(meta["k1"], meta["b"], terms_in_order,
                                              [directory / f"{n}.npz" for n in self._saved], masks)
        if len(first_ids) != self._bm25.rows:
            raise ValueError("the passage ids do not match the arrays")
        live = np.concatenate(masks) if masks else np.zeros(0, dtype=bool)
        self._first_ids = first_ids
        self._row = {pid: n for n, (pid, alive) in enumerate(zip(first_ids, live)) if alive}
        return self


_REBUILD = "lees de documenten opnieuw in om hem opnieuw op te bouwen"


def _damaged(directory: Path, error: Exception) -> StoreError:
    return StoreError(f"De trefwoordindex in {directory} is beschadigd ({error}); {_REBUILD}.")
