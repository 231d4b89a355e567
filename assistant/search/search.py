"""Hybrid search: Dutch BM25 and dense e5 retrieval, fused, filtered, cited.

The lexical index is ours (Chroma's BM25 is Cloud-only): it is derived from the store's
committed passages, cached on disk beside the index, and reloaded whenever the store's
generation counter says another process changed it, in embedded and server mode alike.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

from assistant.errors import StoreError
from assistant.model import DocumentInfo, Hit, Passage
from assistant.nl.analyzer import analyze
from assistant.search.fusion import CANDIDATES, hybrid
from assistant.search.lexical import LexicalIndex, fingerprint
from assistant.search.store import Store

Mode = Literal["hybrid", "lexical", "dense"]
_WORD = re.compile(r"\w+(?:[-']\w+)*")


@dataclass(frozen=True)
class Filters:
    """Restrict a search to kinds of document, a date window, a kenmerk or given documents."""

    kinds: tuple[str, ...] = ()
    after: date | None = None
    before: date | None = None
    reference: str | None = None
    doc_ids: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.kinds or self.after or self.before or self.reference or self.doc_ids)

    def where(self) -> dict[str, Any] | None:
        """The same restriction as a Chroma ``where`` clause."""
        clauses: list[dict[str, Any]] = []
        if self.kinds:
            clauses.append({"kind": {"$in": list(self.kinds)}})
        if self.after:
            clauses.append({"date_int": {"$gte": _date_int(self.after)}})
        if self.before:
            clauses.append({"date_int": {"$lte": _date_int(self.before)}})
        if self.reference:
            clauses.append({"reference": self.reference})
        if self.doc_ids:
            clauses.append({"doc_id": {"$in": list(self.doc_ids)}})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def allows(self, meta: dict[str, Any]) -> bool:
        if self.kinds and meta.get("kind") not in self.kinds:
            return False
        if self.after and meta.get("date_int", 0) < _date_int(self.after):
            return False
        if self.before and not (0 < meta.get("date_int", 0) <= _date_int(self.before)):
            return False
        if self.reference and meta.get("reference") != self.reference:
            return False
        return not self.doc_ids or meta.get("doc_id") in self.doc_ids


def _date_int(day: date) -> int:
    return int(day.strftime("%Y%m%d"))


class Searcher:
    """Answers queries over one store with one embedder; keeps the lexical index in step."""

    def __init__(self, store: Store, embedder, cache_dir: Path | None = None) -> None:
        self.store = store
        self.embedder = embedder
        self.cache_dir = cache_dir
        self._state = _State(generation=None, lexical=None, meta={}, texts={}, documents={})
        # Searches run beside ingests in the app: one thread rebuilds, the others wait and then
        # read the new snapshot, which is published whole (never half old, half new).
        self._lock = threading.Lock()

    def refresh(self) -> _State:
        """The current snapshot, reloaded first if the store changed."""
        generation = self.store.generation()
        if generation == self._state.generation:
            return self._state
        with self._lock:
            if generation != self._state.generation:
                ids, texts, metas = self.store.all_passages()
                self._state = _State(generation=generation, lexical=self._load_or_build(ids, texts),
                                     meta=dict(zip(ids, metas)), texts=dict(zip(ids, texts)),
                                     documents={d.id: d for d in self.store.documents()})
            return self._state

    def _load_or_build(self, ids: list[str], texts: list[str]) -> LexicalIndex:
        folder = self.cache_dir / "lexical" if self.cache_dir else None
        if folder is not None:
            try:
                return LexicalIndex.load(folder, expected_fingerprint=fingerprint(ids, texts))
            except StoreError:
                pass  # missing or stale: rebuild below
        index = LexicalIndex(ids, texts)
        if folder is not None:
            try:
                index.save(folder)
            except OSError:
                pass  # the cache is optional: another process may be writing it right now
        return index

    def search(self, query: str, k: int = 10, filters: Filters | None = None, mode: Mode = "hybrid",
               vector=None) -> list[Hit]:
        """The ``k`` best passages for ``query``, best first, each with its citation.

        ``vector`` is the query's embedding when the caller embedded many queries at once."""
        return self.search_scored(query, k, filters, mode, vector)[0]

    def search_scored(self, query: str, k: int = 10, filters: Filters | None = None, mode: Mode = "hybrid",
                      vector=None) -> tuple[list[Hit], float | None]:
        """``search``, and the cosine of the nearest passage (None without a dense search): how
        close the index comes to the question at all."""
        query = query.strip()
        if not query:
            return [], None
        state = self.refresh()
        filters = filters or Filters()
        n = max(CANDIDATES, 3 * k)
        lexical: list[tuple[str, float]] = []
        dense: list[tuple[str, float]] = []
        if mode in ("hybrid", "lexical") and state.lexical is not None:
            allowed = {pid for pid, meta in state.meta.items() if filters.allows(meta)} if filters else None
            lexical = state.lexical.search(query, n, allowed_ids=allowed)
        if mode in ("hybrid", "dense"):
            if vector is None:
                vector = self.embedder.embed_queries([query])[0]
            dense = [(pid, s) for pid, s in self.store.query(vector, n, filters.where()) if pid in state.meta]
        if mode == "lexical":
            ranked = lexical
        elif mode == "dense":
            ranked = dense
        else:
            ranked = hybrid(lexical, dense)
        nearest = max((s for _, s in dense), default=None) if mode != "lexical" else None
        return [_hit(state, pid, score, query) for pid, score in ranked[:k] if pid in state.meta], nearest

    def document(self, doc_id: str) -> DocumentInfo | None:
        """An indexed document by id, from the current snapshot."""
        return self.refresh().documents.get(doc_id)

    def neighbours(self, hit: Hit, before: int = 1, after: int = 1) -> list[Passage]:
        """The passages around a hit in its document, for reading it in context."""
        state = self.refresh()
        doc_id, block = hit.passage.doc_id, hit.passage.block
        near = []
        for pid, meta in state.meta.items():
            if meta["doc_id"] == doc_id and block - before <= meta["block"] <= block + after:
                near.append(Passage(id=pid, doc_id=doc_id, text=state.texts[pid], page=meta["page"],
                                    block=meta["block"], start=meta["start"], end=meta["end"],
                                    point=meta.get("point"), ocr=bool(meta.get("ocr"))))
        return sorted(near, key=lambda p: (p.block, p.start))


@dataclass(frozen=True)
class _State:
    """One consistent view of the index: what a search reads from start to end."""

    generation: int | None
    lexical: LexicalIndex | None
    meta: dict[str, dict[str, Any]]
    texts: dict[str, str]
    documents: dict[str, DocumentInfo]


def _hit(state: _State, pid: str, score: float, query: str) -> Hit:
    meta = state.meta[pid]
    passage = Passage(
        id=pid, doc_id=meta["doc_id"], text=state.texts[pid], page=meta["page"], block=meta["block"],
        start=meta["start"], end=meta["end"], point=meta.get("point"), heading=meta.get("heading"),
        ocr=bool(meta.get("ocr")),
    )
    document = state.documents.get(meta["doc_id"]) or DocumentInfo(id=meta["doc_id"], title="?", path="")
    return Hit(passage=passage, document=document, score=float(score), highlights=highlight_spans(passage.text, query))


def highlight_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Spans of the words in ``text`` that share a BM25 term (stem) with the query."""
    wanted = set(analyze(query))
    if not wanted:
        return []
    return [(m.start(), m.end()) for m in _WORD.finditer(text) if wanted.intersection(analyze(m.group(0)))]
