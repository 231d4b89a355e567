"""Hybrid search: Dutch BM25 and dense e5 retrieval, fused, filtered, cited.

The lexical index is ours (Chroma's BM25 is Cloud-only): it is derived from the store's
committed passages, kept on disk beside the index, and brought up to date whenever the store's
generation counter says something changed (here or in another process), in embedded and server
mode alike: only the documents added or removed since are read.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import cached_property, lru_cache
from datetime import date
from pathlib import Path
from typing import Any, Literal

from assistant.errors import StoreError
from assistant.model import DocumentInfo, Hit, Passage
from assistant.nl.analyzer import analyze
from assistant.search.fusion import CANDIDATES, hybrid
from assistant.search.lexical import LexicalIndex
from assistant.search.passages import of_version, passage_document
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
    """Answers queries over one store with one embedder; keeps the lexical index in step.

    A change in the store (another commit, here or in another process) is applied as a change:
    the passages of the documents added are read and indexed, those of the documents removed are
    taken out, and the lexical index on disk gets the new segment. The searcher holds no passage
    texts: a search reads the texts and places of its hits only. Every passage is read only to
    build the lexical index when none is saved, or when it has grown to more than twice what
    its compound splitter was learned from.
    """

    def __init__(self, store: Store, embedder, cache_dir: Path | None = None) -> None:
        self.store = store
        self.embedder = embedder
        self.cache_dir = cache_dir
        self._state = _State(generation=None, lexical=None, documents={}, by_doc={})
        # Searches run beside ingests in the app: one thread updates, the others wait and then
        # read the new snapshot, which is published whole (never half old, half new).
        self._lock = threading.Lock()
        self.full_builds = 0  # how often the lexical index was built from every passage (measured in tests)

    def refresh(self) -> _State:
        """The current snapshot, brought up to date first if the store changed."""
        generation = self.store.generation()
        if generation == self._state.generation:
            return self._state
        with self._lock:
            if generation != self._state.generation:
                self._state = self._advance(generation)
            return self._state

    def _advance(self, generation) -> _State:
        documents = {d.id: d for d in self.store.documents()}
        lexical, held = self._state.lexical, {doc: info.version for doc, info in self._state.documents.items()}
        if lexical is None:
            lexical, held = self._load()
        if lexical is not None:
            by_doc = self._state.by_doc if lexical is self._state.lexical else _by_document(lexical)
            lexical = lexical.copy() if lexical is self._state.lexical else lexical
            self._apply(lexical, held, documents, by_doc)
        by_doc = _by_document(lexical)
        # Each document holds as many passages as it says it has; if not, or if the index has
        # doubled since its compound splitter was learned, it is built from every passage.
        if lexical is None or len(lexical) > 2 * max(lexical.built_rows, 500) or any(
                len(by_doc.get(doc, ())) != info.passages for doc, info in documents.items()):
            ids, texts, _ = self.store.all_passages()
            lexical = self._build(ids, texts)
            by_doc = _by_document(lexical)
        self._save(lexical, documents)
        return _State(generation=generation, lexical=lexical, documents=documents, by_doc=by_doc)

    def _apply(self, lexical: LexicalIndex, held: dict[str, str], documents: dict[str, DocumentInfo],
               by_doc: dict[str, list[str]]) -> None:
        """Bring ``lexical`` from the document versions ``held`` to ``documents``."""
        current = {doc: info.version for doc, info in documents.items()}
        gone = {doc for doc, version in held.items() if current.get(doc) != version}
        gone |= set(by_doc) - set(held)  # passages of a document the index never said it held
        lexical.remove([pid for doc in gone for pid in by_doc.get(doc, [])])
        for doc, version in current.items():
            if held.get(doc) != version:
                ids, texts, _ = self.store.passages_of(doc, version)
                lexical.add(ids, texts)

    def _load(self) -> tuple[LexicalIndex | None, dict[str, str]]:
        folder = self.cache_dir / "lexical" if self.cache_dir else None
        if folder is None:
            return None, {}
        try:
            lexical, contents = LexicalIndex.load(folder)
        except StoreError:
            return None, {}  # missing, damaged or of an older version: built from the store
        return lexical, contents if isinstance(contents, dict) else {}

    def _build(self, ids: list[str], texts: list[str]) -> LexicalIndex:
        self.full_builds += 1
        return LexicalIndex(ids, texts)

    def _save(self, lexical: LexicalIndex, documents: dict[str, DocumentInfo]) -> None:
        if self.cache_dir is None:
            return
        try:
            lexical.save(self.cache_dir / "lexical", contents={doc: info.version for doc, info in documents.items()})
        except OSError:
            pass  # the copy on disk only saves the next process time

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
            # Every filter is on what a document is (kind, date, kenmerk, which one): decided per
            # document, then all its passages are allowed or none.
            allowed = {pid for doc, info in state.documents.items() if filters.allows(_document_meta(info))
                       for pid in state.by_doc.get(doc, [])} if filters else None
            lexical = state.lexical.search(query, n, allowed_ids=allowed)
        if mode in ("hybrid", "dense"):
            if vector is None:
                vector = self.embedder.embed_queries([query])[0]
            dense = [(pid, s) for pid, s in self.store.query(vector, n, filters.where(), marked=state.waiting)
                     if _committed(state, pid)]
        if mode == "lexical":
            ranked = lexical
        elif mode == "dense":
            ranked = dense
        else:
            ranked = hybrid(lexical, dense, query)
        nearest = max((s for _, s in dense), default=None) if mode != "lexical" else None
        top = ranked[:k]
        found = self.store.passages_by_id([pid for pid, _ in top])
        return [_hit(state, pid, found[pid], score, query) for pid, score in top if pid in found], nearest

    def document(self, doc_id: str) -> DocumentInfo | None:
        """An indexed document by id, from the current snapshot."""
        return self.refresh().documents.get(doc_id)

    def neighbours(self, hit: Hit, before: int = 1, after: int = 1) -> list[Passage]:
        """The passages around a hit in its document, for reading it in context."""
        state = self.refresh()
        doc_id, block = hit.passage.doc_id, hit.passage.block
        info = state.documents.get(doc_id)
        if info is None:
            return []
        ids, texts, metas = self.store.passages_of(doc_id, info.version)
        near = [_passage(pid, text, meta) for pid, text, meta in zip(ids, texts, metas)
                if block - before <= meta["block"] <= block + after]
        return sorted(near, key=lambda p: (p.block, p.start))


@dataclass(frozen=True)
class _State:
    """One consistent view of the index: what a search reads from start to end."""

    generation: int | None
    lexical: LexicalIndex | None
    documents: dict[str, DocumentInfo]
    by_doc: dict[str, list[str]]  # the passages of each document in the lexical index

    @cached_property
    def waiting(self) -> bool:
        """Some passages still have a stand-in vector (their document says so)."""
        return any(not info.complete for info in self.documents.values())


def _by_document(lexical: LexicalIndex | None) -> dict[str, list[str]]:
    by_doc: dict[str, list[str]] = {}
    for pid in lexical.ids if lexical is not None else ():
        by_doc.setdefault(passage_document(pid), []).append(pid)
    return by_doc


def _document_meta(info: DocumentInfo) -> dict[str, Any]:
    """What a filter asks of a passage, which is all about its document."""
    return {"kind": info.kind, "date_int": _date_int(info.date) if info.date else 0, "reference": info.reference,
            "doc_id": info.id}


def _committed(state: _State, pid: str) -> bool:
    """A passage of a document version the snapshot holds (not one being written or replaced)."""
    info = state.documents.get(passage_document(pid))
    return info is not None and of_version(pid, info.version or "")


def _passage(pid: str, text: str, meta: dict[str, Any]) -> Passage:
    return Passage(id=pid, doc_id=meta["doc_id"], text=text, page=meta["page"], block=meta["block"],
                   start=meta["start"], end=meta["end"], point=meta.get("point"), heading=meta.get("heading"),
                   ocr=bool(meta.get("ocr")))


def _hit(state: _State, pid: str, found: tuple[str, dict[str, Any]], score: float, query: str) -> Hit:
    passage = _passage(pid, *found)
    document = state.documents.get(passage.doc_id) or DocumentInfo(id=passage.doc_id, title="?", path="")
    return Hit(passage=passage, document=document, score=float(score), highlights=highlight_spans(passage.text, query))


def highlight_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Spans of the words in ``text`` that share a BM25 term (stem) with the query."""
    wanted = set(analyze(query))
    if not wanted:
        return []
    return [(m.start(), m.end()) for m in _WORD.finditer(text) if wanted.intersection(_word_terms(m.group(0)))]


@lru_cache(maxsize=65536)
def _word_terms(word: str) -> tuple[str, ...]:
    """The BM25 terms of one word (the same words recur in every result: analysed once)."""
    return tuple(analyze(word))
