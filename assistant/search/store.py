"""Chroma storage: embedded (PersistentClient in ``index/``) or a Chroma server (HttpClient).

Two collections: ``passages`` (one record per passage, with our own embeddings) and
``documents`` (one record per document: its metadata and content hash). A document is
*committed* when its record points at the version its passages carry: passages are written
first and the record last, so a crash in between leaves passages of an uncommitted
version, which readers ignore and ``remove_orphans`` deletes. Chroma has no transactions;
this ordering is what makes ingest of one document all-or-nothing.

Several writers may share one index (app processes and CLI ingests against a Chroma server).
Before a writer writes a version it records it in ``pending`` (document, version, host, process,
time); the commit deletes that record. ``remove_orphans`` looks only at these records, never at
every passage, and deletes a pending version only when its writer is gone: a process on this
machine that no longer runs, or a record older than the lease (``PENDING_LEASE_S``). Another
writer's work in progress is left alone.

Ingest writes in two stages. First a document's passages and commitments, with a stand-in
vector each and ``dense: False``, and its record: committed, so it is found by the lexical search
and its commitments are in the register at once. Then the vectors, in batches, from any process
(``pending_vectors`` / ``attach_vectors``): the dense search leaves passages without one out until
then, and the record counts how many are still to do (``DocumentInfo.unembedded``). What is left
when a process stops stays marked, and the next ingest or app start finishes it.

A rebuild (``assistant reindex``) never touches the index in use: it writes a new *generation*
of the three collections beside it, with a journal of the files still to do, and switches the
active generation in one write at the end (``GenerationSwitch``). A rebuild that is killed
leaves the old index as it was; the next one resumes from the journal.
"""

from __future__ import annotations

import os
import socket
import time
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from assistant.errors import StoreError
from assistant.model import Amount, AmountPeriod, Commitment, DateRange, DocumentInfo, Passage, Source, StatusNote
from assistant.search.locks import file_lock

PASSAGES = "passages"
DOCUMENTS = "documents"
COMMITMENTS = "commitments"
PENDING = "pending"
COLLECTIONS = (PASSAGES, DOCUMENTS, COMMITMENTS, PENDING)
# A pending version older than this whose writer cannot be checked (another machine) is taken as
# abandoned: far longer than embedding the largest document takes.
PENDING_LEASE_S = 6 * 3600
# Which generation is active, and the journal of a rebuild (one record per file to rebuild).
META = "assistant_meta"
# Statuses the user confirmed or set, by commitment id. Outside the generations: a reindex
# rebuilds what can be read again from the files, never what a person decided.
STATUSES = "assistant_status"
_PAGE = 2000  # records per read; Chroma caps how many variables one query may bind


# How many neighbours HNSW explores per search (Chroma's default is 100; a search asks for 200
# candidates, so it explored 200). Measured on corpus-real (8,631 passages, 170 real questions)
# against exact search: the top 10 agree .987 at the default and .995 at 400, the 200 candidates
# the fusion normalises over .940 and .985, for about 1.5 ms more per query at 150,000 vectors.
# MRR@10 did not move beyond its run-to-run spread (README, issue 17). Mutable: an index made
# before gets it when it is opened (in a process, Chroma applies it only before the first query).
EF_SEARCH = 400


def collection_name(name: str, generation: int) -> str:
    """Generation 0 keeps the plain names, so an index from before generations opens as it is."""
    return name if generation == 0 else f"{name}__g{generation}"


@dataclass(frozen=True)
class StoreConfig:
    """Where the index lives: a folder (embedded) or a Chroma server."""

    index_dir: Path = Path("index")
    host: str | None = None
    port: int = 8000

    @property
    def label(self) -> str:
        return f"Chroma-server {self.host}:{self.port}" if self.host else f"map {self.index_dir}"


def _settings():
    from chromadb.config import Settings

    return Settings(anonymized_telemetry=False)


def connect(config: StoreConfig):
    """A Chroma client for the configuration; telemetry is off in both modes."""
    os.environ["ANONYMIZED_TELEMETRY"] = "False"
    import chromadb

    try:
        if config.host:
            client = chromadb.HttpClient(host=config.host, port=config.port, settings=_settings())
            client.heartbeat()
            return client
        config.index_dir.mkdir(parents=True, exist_ok=True)
        # One process at a time opens an embedded index: Chroma creates its tables on first open,
        # and two processes doing that at once fail one of them ("table collections already exists").
        with file_lock(config.index_dir / ".open.lock"):
            return chromadb.PersistentClient(path=str(config.index_dir), settings=_settings())
    except StoreError:
        raise
    except Exception as exc:  # chromadb raises many types for an unreachable or broken store
        if config.host:
            raise StoreError(
                f"De Chroma-server op {config.host}:{config.port} is niet bereikbaar ({type(exc).__name__}); "
                "start hem met `chroma run --path DIR --host 127.0.0.1 --port PORT` of laat --chroma-host weg"
            ) from exc
        raise StoreError(f"De index in {config.index_dir} kan niet worden geopend ({exc}); "
                         "verwijder de map en bouw de index opnieuw op met `assistant ingest`") from exc


class Store:
    """Passages and document records in Chroma, for one embedder.

    Opened without ``generation`` it follows the active generation (and reopens when a rebuild
    elsewhere switched it); with one, it is that generation, for writing a rebuild."""

    def __init__(self, config: StoreConfig, embedder_name: str, dim: int, generation: int | None = None) -> None:
        self.config = config
        self.embedder_name = embedder_name
        self.dim = dim
        self._client = connect(config)
        self._follow_active = generation is None
        self._open(active_generation(self._client) if generation is None else generation)
        self.check_embedder()

    def _open(self, generation: int) -> None:
        space = {"hnsw": {"space": "cosine", "ef_search": EF_SEARCH}}
        meta = {"embedder": self.embedder_name, "dim": self.dim, "generation": 0}
        try:
            self._passages = self._collection(collection_name(PASSAGES, generation), space, meta)
            self._documents = self._collection(collection_name(DOCUMENTS, generation), space, meta)
            self._commitments = self._collection(collection_name(COMMITMENTS, generation), space, meta)
            self._pending = self._collection(collection_name(PENDING, generation), None, meta)
        except Exception as exc:
            raise StoreError(f"De index ({self.config.label}) kan niet worden geopend: {exc}") from exc
        self.generation_id = generation

    def _collection(self, name: str, configuration: dict[str, Any] | None, metadata: dict[str, Any]):
        collection = _get_or_create(self._client, name, configuration=configuration, metadata=metadata)
        wanted = (configuration or {}).get("hnsw", {}).get("ef_search")
        if wanted and ((collection.configuration_json or {}).get("hnsw") or {}).get("ef_search") != wanted:
            with warnings.catch_warnings():  # Chroma re-reads its config and warns of the embedder we do not give it
                warnings.simplefilter("ignore", DeprecationWarning)
                collection.modify(configuration={"hnsw": {"ef_search": wanted}})  # an index made before
        return collection

    # -- identity of the index -------------------------------------------------------------

    def check_embedder(self) -> None:
        meta = self._passages.metadata or {}
        built_with, built_dim = meta.get("embedder"), meta.get("dim")
        if built_with != self.embedder_name or built_dim != self.dim:
            raise StoreError(
                f"De index ({self.config.label}) is gebouwd met het model '{built_with}' "
                f"({built_dim} dimensies), niet met '{self.embedder_name}' ({self.dim}). "
                "Bouw de index opnieuw op met `assistant reindex` (in de app: 'Index opnieuw opbouwen'), "
                "of kies het oorspronkelijke model met --embedder."
            )

    def generation(self) -> tuple[int, int]:
        """(generation, change counter): changes with every committed change, and when a rebuild
        switched the active generation (then the store reopens on the new one); caches key on it."""
        if self._follow_active:
            active = active_generation(self._client)
            if active != self.generation_id:
                self._open(active)
                self.check_embedder()
        name = collection_name(PASSAGES, self.generation_id)
        collection = self._client.get_collection(name, embedding_function=None)
        return self.generation_id, int((collection.metadata or {}).get("generation", 0))

    def identity(self) -> str:
        """What tells this index apart from any other, also one with the same generation and
        change count: the id of its passages collection (new on every rebuild and every new index)."""
        return str(self._passages.id)

    def _bump(self) -> None:
        name = collection_name(PASSAGES, self.generation_id)
        meta = dict(self._client.get_collection(name, embedding_function=None).metadata or {})
        meta["generation"] = int(meta.get("generation", 0)) + 1
        self._passages.modify(metadata=meta)

    # -- statuses the user set ------------------------------------------------------------------

    def _statuses(self):
        return _get_or_create(self._client, STATUSES)

    def set_status(self, note: StatusNote) -> None:
        meta = _clean({"kind": note.kind, "note": note.note or None, "on": day_int(note.on),
                       "due_start": day_int(note.new_due.start) if note.new_due else None,
                       "due_end": day_int(note.new_due.end) if note.new_due else None,
                       "due_label": note.new_due.label if note.new_due else None})
        self._statuses().upsert(ids=[note.commitment_id], documents=[note.text], metadatas=[meta],
                                embeddings=[[0.0]])

    def clear_status(self, commitment_id: str) -> None:
        self._statuses().delete(ids=[commitment_id])

    def statuses(self) -> dict[str, StatusNote]:
        records = self._statuses().get(include=["documents", "metadatas"])
        found = {}
        for key, text, meta in zip(records["ids"], records["documents"] or [], records["metadatas"] or []):
            due = None
            if meta.get("due_start"):
                due = DateRange(_int_day(meta["due_start"]), _int_day(meta["due_end"]), meta.get("due_label", ""))
            found[key] = StatusNote(commitment_id=key, kind=meta["kind"], text=text, on=_int_day(meta["on"]),
                                    note=meta.get("note", ""), new_due=due)
        return found

    # -- documents --------------------------------------------------------------------------

    def documents(self) -> list[DocumentInfo]:
        records = self._documents.get(include=["metadatas"])
        infos = [_info(m) for m in records["metadatas"] or []]
        return sorted(infos, key=lambda d: (d.date is None, d.date or "", d.title))

    def document(self, doc_id: str) -> DocumentInfo | None:
        records = self._documents.get(ids=[doc_id], include=["metadatas"])
        return _info(records["metadatas"][0]) if records["ids"] else None

    def document_with_version(self, version: str) -> DocumentInfo | None:
        """A committed document whose file has this content hash, if any."""
        records = self._documents.get(where={"version": version}, include=["metadatas"], limit=1)
        return _info(records["metadatas"][0]) if records["ids"] else None

    # -- writing ----------------------------------------------------------------------------

    def write_passages(self, info: DocumentInfo, passages: Sequence[Passage], vectors: np.ndarray | None) -> None:
        """Write one version's passages; invisible until ``commit_document``. Without ``vectors``
        each gets a stand-in and waits for ``attach_vectors``."""
        dense = vectors is not None
        for start in range(0, len(passages), _PAGE):
            chunk = passages[start:start + _PAGE]
            self._passages.upsert(
                ids=[p.id for p in chunk],
                embeddings=np.asarray(vectors[start:start + _PAGE], dtype=np.float32) if dense
                else _stand_ins([p.id for p in chunk], self.dim),
                documents=[p.text for p in chunk],
                metadatas=[_passage_meta(p, info, dense) for p in chunk],
            )

    def write_commitments(self, info: DocumentInfo, commitments: Sequence[Commitment], vectors: np.ndarray | None,
                          passage_ids: Sequence[str]) -> None:
        """Write one version's commitments, each with the passage it stands in (whose vector it
        shares); like passages, invisible until the commit."""
        if not commitments:
            return
        ids = [f"{c.id}-{info.version[:12]}" for c in commitments]
        self._commitments.upsert(
            ids=ids,
            embeddings=np.asarray(vectors, dtype=np.float32) if vectors is not None else _stand_ins(ids, self.dim),
            documents=[c.text for c in commitments],
            metadatas=[_commitment_meta(c, info, passage, vectors is not None)
                       for c, passage in zip(commitments, passage_ids)],
        )

    # -- the second stage: vectors --------------------------------------------------------------

    def pending_vectors(self, limit: int) -> tuple[list[str], list[str], list[dict[str, Any]]]:
        """Up to ``limit`` passages still without their vector: ids, texts and metadata."""
        batch = self._passages.get(where={"dense": False}, limit=limit, include=["documents", "metadatas"])
        return list(batch["ids"]), list(batch["documents"] or []), list(batch["metadatas"] or [])

    def vectors_pending(self) -> int:
        """How many passages still wait for their vector (a read of those passages' ids only)."""
        return len(self._passages.get(where={"dense": False}, include=[])["ids"])

    def attach_vectors(self, ids: Sequence[str], metas: Sequence[dict[str, Any]], vectors: np.ndarray) -> None:
        """Give passages (from ``pending_vectors``) their vectors, and the commitments in them;
        a document whose last passage got one gets its mean vector and counts as complete. A
        passage of a version that was replaced or removed meanwhile is not brought back: Chroma's
        update skips ids that no longer exist."""
        if not ids:
            return
        vectors = np.asarray(vectors, dtype=np.float32)
        self._passages.update(ids=list(ids), embeddings=vectors,
                              metadatas=[{**meta, "dense": True} for meta in metas])
        by_passage = dict(zip(ids, vectors))
        linked = self._commitments.get(where={"passage": {"$in": list(ids)}}, include=["metadatas"])
        if linked["ids"]:
            self._commitments.update(
                ids=linked["ids"], embeddings=np.stack([by_passage[m["passage"]] for m in linked["metadatas"]]),
                metadatas=[{**m, "dense": True} for m in linked["metadatas"]])
        for doc_id, version in {(m["doc_id"], m["version"]) for m in metas}:
            self._count_vectors(doc_id, version)
        self._bump()

    def _count_vectors(self, doc_id: str, version: str) -> None:
        records = self._documents.get(ids=[doc_id], include=["metadatas"])
        if not records["ids"] or records["metadatas"][0].get("version") != version:
            return  # replaced or removed meanwhile
        meta = dict(records["metadatas"][0])
        this = [{"doc_id": doc_id}, {"version": version}]
        left = len(self._passages.get(where={"$and": [*this, {"dense": False}]}, include=[])["ids"])
        meta["unembedded"] = left
        if left:
            self._documents.update(ids=[doc_id], metadatas=[meta])
            return
        vectors = np.asarray(self._passages.get(where={"$and": this}, include=["embeddings"])["embeddings"],
                             dtype=np.float32)
        self._documents.update(ids=[doc_id], metadatas=[meta],
                               embeddings=[_mean_vector(vectors) if len(vectors) else _stand_ins([doc_id], self.dim)[0]])

    def begin_version(self, info: DocumentInfo) -> None:
        """Record that this process is about to write ``info.version`` (before any passage)."""
        self._pending.upsert(ids=[_pending_id(info.id, info.version)], embeddings=[[0.0]],
                             metadatas=[{"doc_id": info.id, "version": info.version, "host": socket.gethostname(),
                                         "pid": os.getpid(), "started": time.time()}])

    def abandon_version(self, info: DocumentInfo) -> None:
        """Remove what this process wrote of a version it will not commit (an error mid-document)."""
        self._drop_uncommitted(info.id, info.version)
        self._pending.delete(ids=[_pending_id(info.id, info.version)])

    def commit_document(self, info: DocumentInfo, vector: np.ndarray | None) -> None:
        """Make ``info.version`` the visible version of the document, then drop older ones, except
        versions another writer is still writing (they replace this one when they commit).
        Without ``vector`` (its passages wait for theirs) the record gets a stand-in."""
        vector = _stand_ins([info.id], self.dim)[0] if vector is None else np.asarray(vector, dtype=np.float32)
        self._documents.upsert(ids=[info.id], embeddings=[vector], metadatas=[_clean(info.to_dict())])
        self._drop_stale(info.id, info.version)
        # Last: a crash before this line leaves the record, and the clean-up finishes the job.
        self._pending.delete(ids=[_pending_id(info.id, info.version)])
        self._bump()

    def _drop_stale(self, doc_id: str, committed: str) -> None:
        """Delete the versions of a document other than the committed one and those being written."""
        busy = [meta["version"] for meta in self._pending.get(where={"doc_id": doc_id},
                                                               include=["metadatas"])["metadatas"] or []]
        stale = {"$and": [{"doc_id": doc_id}, {"version": {"$nin": [committed, *busy]}}]}
        self._passages.delete(where=stale)
        self._commitments.delete(where=stale)

    def delete_document(self, doc_id: str) -> None:
        """Remove the record first (the document disappears at once), then what hangs off it."""
        self._documents.delete(ids=[doc_id])
        self._passages.delete(where={"doc_id": doc_id})
        self._commitments.delete(where={"doc_id": doc_id})
        self._bump()

    def remove_orphans(self) -> int:
        """Delete the pending versions whose writer is gone (a crash mid-ingest); returns how many.
        Costs a read of the pending records, not of the index."""
        records = self._pending.get(include=["metadatas"])
        removed = 0
        for key, meta in zip(records["ids"], records["metadatas"] or []):
            if not _writer_gone(meta):
                continue
            self._drop_uncommitted(meta["doc_id"], meta["version"])
            self._pending.delete(ids=[key])
            removed += 1
        return removed

    def _drop_uncommitted(self, doc_id: str, version: str) -> None:
        committed = self.document(doc_id)
        if committed is not None and committed.version == version:
            # Committed after all (the writer died after its commit): finish its clean-up.
            self._drop_stale(doc_id, version)
            return
        where = {"$and": [{"doc_id": doc_id}, {"version": version}]}
        self._passages.delete(where=where)
        self._commitments.delete(where=where)

    def pending_versions(self) -> list[dict[str, Any]]:
        """The versions being written (or left by a writer that died), with writer and start."""
        return list(self._pending.get(include=["metadatas"])["metadatas"] or [])

    # -- reading ----------------------------------------------------------------------------

    def commitments(self, where: dict[str, Any] | None = None) -> list[Commitment]:
        """Committed commitments matching a Chroma ``where`` clause, in document order."""
        committed = {d.id: d.version for d in self.documents()}
        found = []
        offset = 0
        while True:
            batch = self._commitments.get(include=["documents", "metadatas"], where=where or None,
                                          limit=_PAGE, offset=offset)
            if not batch["ids"]:
                break
            for text, meta in zip(batch["documents"], batch["metadatas"]):
                if committed.get(meta["doc_id"]) == meta["version"]:
                    found.append(commitment_from_record(text, meta))
            offset += len(batch["ids"])
        return sorted(found, key=lambda c: (c.doc_date or date.min, c.source.doc_id, c.source.start))

    def commitments_of(self, doc_id: str, version: str) -> list[Commitment]:
        """The commitments of one version of a document (no full scan), in document order."""
        batch = self._commitments.get(where={"$and": [{"doc_id": doc_id}, {"version": version}]},
                                      include=["documents", "metadatas"])
        found = [commitment_from_record(text, meta) for text, meta in zip(batch["documents"] or [], batch["metadatas"] or [])]
        return sorted(found, key=lambda c: c.source.start)

    def nearest_commitments(self, vector: np.ndarray, k: int) -> list[tuple[Commitment, float]]:
        """Committed commitments whose passage is nearest to ``vector``, as (commitment, cosine)."""
        query = [np.asarray(vector, dtype=np.float32)]
        include = ["documents", "metadatas", "distances"]
        result = self._commitments.query(query_embeddings=query, n_results=k, include=include)
        if not result["ids"][0]:
            return []
        if any(meta.get("dense") is False for meta in result["metadatas"][0]):
            # A stand-in vector among the nearest (its passage's vector is still to come): without them.
            result = self._commitments.query(query_embeddings=query, n_results=k, where=_HAS_VECTOR, include=include)
        committed = {d.id: d.version for d in self.documents()}
        return [(commitment_from_record(text, meta), 1.0 - float(dist))
                for text, meta, dist in zip(result["documents"][0], result["metadatas"][0], result["distances"][0])
                if committed.get(meta["doc_id"]) == meta["version"]]

    def all_passages(self) -> tuple[list[str], list[str], list[dict[str, Any]]]:
        """Every committed passage: ids, texts and metadata (for the lexical index)."""
        committed = {d.id: d.version for d in self.documents()}
        ids: list[str] = []
        texts: list[str] = []
        metas: list[dict[str, Any]] = []
        offset = 0
        while True:
            batch = self._passages.get(include=["documents", "metadatas"], limit=_PAGE, offset=offset)
            if not batch["ids"]:
                break
            for pid, text, meta in zip(batch["ids"], batch["documents"], batch["metadatas"]):
                if committed.get(meta["doc_id"]) == meta["version"]:
                    ids.append(pid)
                    texts.append(text)
                    metas.append(meta)
            offset += len(batch["ids"])
        return ids, texts, metas

    def passages_of(self, doc_id: str, version: str) -> tuple[list[str], list[str], list[dict[str, Any]]]:
        """The passages of one version of a document: ids, texts and metadata (no full scan)."""
        batch = self._passages.get(where={"$and": [{"doc_id": doc_id}, {"version": version}]},
                                   include=["documents", "metadatas"])
        return list(batch["ids"]), list(batch["documents"] or []), list(batch["metadatas"] or [])

    def passages_by_id(self, ids: Sequence[str]) -> dict[str, tuple[str, dict[str, Any]]]:
        """Text and metadata of the given passages (those that exist)."""
        if not ids:
            return {}
        batch = self._passages.get(ids=list(ids), include=["documents", "metadatas"])
        return {pid: (text, meta) for pid, text, meta in zip(batch["ids"], batch["documents"], batch["metadatas"])}

    def passage_count(self) -> int:
        return self._passages.count()

    def query(self, vector: np.ndarray, k: int, where: dict[str, Any] | None = None,
              marked: bool = True) -> list[tuple[str, float]]:
        """Nearest passages by cosine similarity, best first, as (id, similarity); never a
        stand-in. ``marked=False``: the caller knows no passage waits for its vector (then the
        marks are not read, which saves a read of every hit's metadata)."""
        # No count first: it costs a read of every record (6 ms at 100,000 passages), and Chroma
        # returns what it has when asked for more, or nothing from an empty index.
        query = np.asarray(vector, dtype=np.float32)
        result = self._passages.query(query_embeddings=[query], n_results=k, where=where or None,
                                      include=["distances", "metadatas"] if marked else ["distances"])
        if not marked:
            return [(pid, 1.0 - float(dist)) for pid, dist in zip(result["ids"][0], result["distances"][0])]
        found = [(pid, 1.0 - float(dist)) for pid, dist, meta in
                 zip(result["ids"][0], result["distances"][0], result["metadatas"][0]) if meta.get("dense") is not False]
        if len(found) == len(result["ids"][0]):
            return found
        # Stand-in vectors (passages whose vector is still to come) were among the nearest: ask
        # again without them. A filter on every record is slow, so only then.
        where = {"$and": [where, _HAS_VECTOR]} if where else _HAS_VECTOR
        result = self._passages.query(query_embeddings=[query], n_results=k, where=where, include=["distances"])
        return [(pid, 1.0 - float(dist)) for pid, dist in zip(result["ids"][0], result["distances"][0])]


def _unreachable(exc: Exception) -> bool:
    """Whether an exception means the store is gone or unusable (server down, connection reset)."""
    module = type(exc).__module__.split(".")[0]
    return module in ("httpx", "httpcore", "chromadb", "urllib3", "requests") or isinstance(
        exc, (ConnectionError, TimeoutError))


def _guarded(method):
    """A Store method whose failures of the store itself reach the user as one Dutch sentence."""
    import functools

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except StoreError:
            raise
        except Exception as exc:
            if not _unreachable(exc):
                raise
            if self.config.host:
                raise StoreError(
                    f"De Chroma-server op {self.config.host}:{self.config.port} reageert niet meer "
                    f"({type(exc).__name__}); start hem opnieuw en herhaal de opdracht: wat half was, "
                    "blijft onzichtbaar en wordt dan afgemaakt") from exc
            raise StoreError(f"De index in {self.config.index_dir} kan niet worden gebruikt ({exc}); "
                             "herhaal de opdracht, of bouw de index opnieuw op met `assistant reindex`") from exc

    return wrapper


for _name, _method in list(vars(Store).items()):
    if callable(_method) and not _name.startswith("__"):
        setattr(Store, _name, _guarded(_method))


# -- generations and the rebuild journal ---------------------------------------------------------


def _meta_collection(client):
    return _get_or_create(client, META, metadata={"active": 0})


def _get_or_create(client, name: str, **options):
    """The collection, created with ``options`` if it does not exist yet. (Chroma's own
    get_or_create would overwrite the metadata that records the embedder and generation.)"""
    if name in {c.name for c in client.list_collections()}:
        return client.get_collection(name, embedding_function=None)
    try:
        return client.create_collection(name, embedding_function=None, **options)
    except Exception:
        # Another writer created it between our look and our create: use theirs.
        if name in {c.name for c in client.list_collections()}:
            return client.get_collection(name, embedding_function=None)
        raise


def active_generation(client) -> int:
    """The generation searches and ingests use (0 for an index without a meta collection)."""
    try:
        collection = client.get_collection(META, embedding_function=None)
    except Exception:  # noqa: BLE001 - chromadb raises NotFoundError or ValueError across versions
        return 0
    return int((collection.metadata or {}).get("active", 0))


@dataclass(frozen=True)
class RebuildPlan:
    """A rebuild in progress: the generation it writes and every file it must read."""

    target: int
    paths: tuple[str, ...]
    resumed: bool


def plan_rebuild(config: StoreConfig, paths: Sequence[str]) -> RebuildPlan:
    """Start a rebuild of ``paths`` into a new generation, or resume the one a crash left.

    The journal (one record per file in the meta collection) is written before any new data,
    so a killed rebuild is resumed with its whole list of files, never a shorter one."""
    client = connect(config)
    meta = _meta_collection(client)
    journal = meta.get(where={"target": {"$gte": 0}}, include=["documents", "metadatas"])
    if journal["ids"]:
        target = int(journal["metadatas"][0]["target"])
        known = list(journal["documents"])
        new = [p for p in paths if p not in set(known)]  # added to the old index meanwhile
        _journal(meta, target, new)
        return RebuildPlan(target=target, paths=tuple(known + new), resumed=True)
    names = {c.name for c in client.list_collections()}
    active = active_generation(client)
    target = active + 1
    while any(collection_name(n, target) in names for n in COLLECTIONS):
        target += 1  # leftovers of an abandoned generation are never reused
    _journal(meta, target, list(paths))
    return RebuildPlan(target=target, paths=tuple(paths), resumed=False)


def _journal(meta, target: int, paths: Sequence[str]) -> None:
    import hashlib

    for start in range(0, len(paths), _PAGE):
        chunk = list(paths[start:start + _PAGE])
        meta.upsert(ids=[hashlib.sha1(p.encode()).hexdigest() for p in chunk], documents=chunk,
                    metadatas=[{"target": target}] * len(chunk), embeddings=[[0.0]] * len(chunk))


def switch_generation(config: StoreConfig, target: int) -> None:
    """Make ``target`` the active generation (one write), then drop the journal and every other
    generation's collections. Run again after a crash, it finishes the cleanup."""
    client = connect(config)
    meta = _meta_collection(client)
    meta.modify(metadata={**(meta.metadata or {}), "active": target})
    meta.delete(where={"target": {"$gte": 0}})
    keep = {collection_name(n, target) for n in COLLECTIONS}
    for collection in client.list_collections():
        base = collection.name.split("__g")[0]
        if base in COLLECTIONS and collection.name not in keep:
            client.delete_collection(collection.name)


def recorded_documents(config: StoreConfig) -> list[DocumentInfo]:
    """The documents recorded in the active index, read without opening it for an embedder
    (a rebuild with another model needs the list); none when there is no index."""
    client = connect(config)
    try:
        records = client.get_collection(collection_name(DOCUMENTS, active_generation(client))).get(
            include=["metadatas"])
    except Exception:  # noqa: BLE001 - no index at all (chromadb raises several types for that)
        return []
    return [DocumentInfo.from_dict(dict(m)) for m in records["metadatas"] or []]


# Records written before the two stages have no "dense" key: they have their vector.
_HAS_VECTOR = {"dense": {"$ne": False}}


def _stand_ins(ids: Sequence[str], dim: int) -> np.ndarray:
    """A vector per id until the real one is there: pseudo-random unit vectors (fixed per id),
    far from each other and from real text, so the vector index stays well spread; searches
    leave them out by their ``dense: False`` mark."""
    import zlib

    out = np.empty((len(ids), dim), dtype=np.float32)
    for row, key in enumerate(ids):
        values = np.random.default_rng(zlib.crc32(key.encode())).standard_normal(dim)
        out[row] = values / np.linalg.norm(values)
    return out


def _mean_vector(vectors: np.ndarray) -> np.ndarray:
    """The normalised mean of a document's passage vectors: its record's vector."""
    mean = vectors.mean(axis=0)
    norm = np.linalg.norm(mean)
    return mean / norm if norm else mean


def _passage_meta(p: Passage, info: DocumentInfo, dense: bool = True) -> dict[str, Any]:
    return _clean({
        "doc_id": info.id,
        "version": info.version,
        "kind": info.kind,
        "date": info.date.isoformat() if info.date else None,
        "date_int": day_int(info.date),
        "reference": info.reference,
        "page": p.page,
        "block": p.block,
        "start": p.start,
        "end": p.end,
        "point": p.point,
        "heading": p.heading,
        "ocr": True if p.ocr else None,
        "dense": dense,
    })


def _pending_id(doc_id: str, version: str) -> str:
    return f"{doc_id}@{version}"


def _writer_gone(meta: dict[str, Any], now: float | None = None) -> bool:
    """The writer of a pending version no longer runs: a process of this machine that is gone,
    or any writer whose record is older than the lease."""
    if (now or time.time()) - float(meta.get("started", 0)) > PENDING_LEASE_S:
        return True
    if meta.get("host") != socket.gethostname():
        return False
    pid = int(meta.get("pid", 0))
    if pid == os.getpid():
        return False  # this process (another thread of it may be writing)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # runs, as another user
    return False


def day_int(day: date | None) -> int | None:
    return int(day.strftime("%Y%m%d")) if day else None


def _int_day(value: int | None) -> date | None:
    return date(value // 10000, value // 100 % 100, value % 100) if value else None


def _commitment_meta(c: Commitment, info: DocumentInfo, passage: str | None = None,
                     dense: bool = True) -> dict[str, Any]:
    return _clean({
        "doc_id": info.id,
        "passage": passage,
        "dense": dense,
        "version": info.version,
        "doc_title": info.title,
        "doc_date": day_int(info.date),
        "kind": info.kind,
        **commitment_record(c),
    })


def commitment_record(c: Commitment) -> dict[str, Any]:
    """What a commitment's metadata holds of the commitment itself; ``commitment_from_record``
    reads it back (with the document fields ``doc_id``, ``doc_title`` and ``doc_date``)."""
    return _clean({
        "action": c.action,
        "actor": c.actor,
        "point": c.point,
        "strength": c.strength,
        "page": c.source.page,
        "block": c.source.block,
        "start": c.source.start,
        "end": c.source.end,
        "ocr": True if c.source.ocr else None,
        "dated": c.due is not None,
        "due_start": day_int(c.due.start) if c.due else None,
        "due_end": day_int(c.due.end) if c.due else None,
        "due_label": c.due.label if c.due else None,
        "amount_eur": c.amount.eur if c.amount else None,
        "amount_kind": c.amount.kind if c.amount else None,
        "amount_period": str(c.amount.period) if c.amount and c.amount.period else None,
        "amount_label": c.amount.label if c.amount else None,
        "confidence": c.confidence,
        "why": ",".join(c.why) or None,
    })


def commitment_from_record(text: str, meta: dict[str, Any]) -> Commitment:
    """A commitment from its sentence and its metadata (as stored, or as ``commitment_record``
    wrote it with the document fields)."""
    due = None
    if meta.get("dated"):
        due = DateRange(_int_day(meta["due_start"]), _int_day(meta["due_end"]), meta.get("due_label", ""))
    amount = None
    if "amount_eur" in meta:
        amount = Amount(eur=meta["amount_eur"], label=meta.get("amount_label", ""), kind=meta.get("amount_kind"),
                        period=AmountPeriod.parse(meta.get("amount_period")))
    return Commitment(
        text=text, action=meta.get("action", ""), actor=meta.get("actor"), point=meta.get("point"),
        strength=meta.get("strength", "firm"), due=due, amount=amount,
        source=Source(doc_id=meta["doc_id"], page=meta["page"], block=meta["block"], start=meta["start"],
                      end=meta["end"], ocr=bool(meta.get("ocr"))),
        doc_title=meta.get("doc_title"), doc_date=_int_day(meta.get("doc_date")),
        confidence=float(meta.get("confidence", 1.0)), why=tuple(filter(None, meta.get("why", "").split(","))),
    )


def _clean(meta: dict[str, Any]) -> dict[str, Any]:
    """Chroma metadata holds no None values."""
    return {k: v for k, v in meta.items() if v is not None}


def _info(meta: dict[str, Any]) -> DocumentInfo:
    return DocumentInfo.from_dict(dict(meta))
