"""The one entry point of the assistant: ``Assistant``.

Everything the CLI and the app do is one call here (parse, ingest, remove, reindex, search and
the context of a hit, points, commitments, the register, evidence, draft, compare, redline,
export), returning the document model or a typed view (``assistant.views``). The faces import
only this module, ``assistant.model``, ``assistant.errors`` and ``assistant.present``; the
types their calls take (filters, reports, views) are importable from here.

The embedding model, the store and the searcher are created once, on first use.
"""

from __future__ import annotations

import logging
import shutil
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from assistant.compare import Comparison, compare_documents
from assistant.errors import AssistantError, InputError, StoreError, UnknownCommitment, UnknownDocument
from assistant.extract.commitments import extract_commitments, scored_sentences
from assistant.extract.points import PointMapping, advice_points, map_points
from assistant.extract.voice import is_response
from assistant.model import (Commitment, DateRange, Document, DocumentInfo, Finding, Hit, Passage, Standing,
                             StatusNote, Tracking)
from assistant.present import SETTABLE, TRACKING_LABELS
from assistant.parse import file_hash
from assistant.parse.cache import ParseCache
from assistant.extract.scored_cache import ScoredCache
from assistant import register_copy
from assistant.linking import CANDIDATES, THRESHOLD, Link, idf_table, point_sentences, rank_links
from assistant.register import RegisterFilter, evidence_query, export_register, later_evidence
from assistant.search.ingest import IngestReport, Progress, document_id, embed_pending, ingest
from assistant.search.search import Filters, Mode, Searcher
from assistant.search.store import Store, StoreConfig
from assistant.versions import newest
from assistant.tracking import suggest
from assistant.views import DraftResult, PointsView, ReminderResult, SearchView, RegisterView, points_view, standing, wants_evidence

__all__ = [
    "Assistant", "Background", "Comparison", "DraftResult", "Filters", "IngestReport", "Mode", "PointMapping", "PointsView",
    "Progress", "RegisterFilter", "RegisterView", "StoreConfig", "evaluate_commitments", "evaluate_extract",
    "evaluate_links", "evaluate_retrieval", "evaluate_structure", "retrieval_sets", "train_commitments",
]


@dataclass
class Background:
    """The background stage as the app shows it: reading a scan ("ocr", pages) or writing
    vectors ("vectors", passages)."""

    stage: str = "vectors"
    name: str = ""
    done: int = 0
    total: int = 0


# More changed documents than this since the register was last read: read it whole (one read
# costs less than this many reads of one document each).
_REREAD_ALL = 50


class Assistant:
    def __init__(self, config: StoreConfig | None = None, embedder: str = "e5") -> None:
        self.config = config or StoreConfig()
        self.embedder_spec = embedder
        self._embedder = None
        self._store: Store | None = None
        self._searcher: Searcher | None = None
        # Ingest and remove write; searches may run beside them (the store is consistent at
        # every commit), but two writers at once would race on the lexical cache.
        self._write_lock = threading.Lock()
        self._open_lock = threading.Lock()
        self._parse_cache: ParseCache | None = None
        self._register_held: dict[str, tuple[str, list[Commitment]]] = {}
        self._register_all: list[Commitment] = []
        self._register_at: tuple[int, int] | None = None
        self._later_hits: dict[str, list[Hit]] = {}
        self._later_at: tuple[int, int] | None = None
        self._idf: dict[str, float] = {}
        self._idf_at: tuple[int, int] | None = None
        self._background: threading.Thread | None = None
        self._progress = Background()
        self._queued_scans: list[Path] = []
        self._failed_scans: list[str] = []

    @property
    def embedder(self):
        if self._embedder is None:
            from assistant.search.embed import get_embedder

            self._embedder = get_embedder(self.embedder_spec)
        return self._embedder

    @property
    def store(self) -> Store:
        with self._open_lock:
            if self._store is None:
                self._store = Store(self.config, self.embedder.name, self.embedder.dim)
            return self._store

    @property
    def _cache_dir(self) -> Path:
        """Where copies that only save time live: beside the embedded index, or in a folder of
        this machine's own for a Chroma server."""
        return self.config.index_dir if not self.config.host else self.config.index_dir / "server-cache"

    @property
    def searcher(self) -> Searcher:
        if self._searcher is None:
            self._searcher = Searcher(self.store, self.embedder, cache_dir=self._cache_dir)
        return self._searcher

    # -- documents --------------------------------------------------------------------------

    def ingest(self, paths: Iterable[str | Path], *, prune: bool = False, max_mb: float = 100,
               progress: Progress | None = None, vector_progress: Progress | None = None,
               vectors_later: bool = False) -> IngestReport:
        """Add files: committed and searchable by their words first, then their vectors. With
        ``vectors_later`` the caller runs the second stage (``embed_in_background``): the vectors,
        and the scans, which are then not read here but listed in ``report.scans_waiting``."""
        started = time.perf_counter()
        with self._write_lock:
            report = ingest(paths, self.store, self.embedder, prune=prune, max_mb=max_mb, progress=progress,
                            cache=self.parse_cache, scored=self.scored_cache, vectors_later=True,
                            scans_later=vectors_later)
            self.searcher.refresh()  # rebuild and save the lexical index now, not on the next query
        report.searchable_seconds = time.perf_counter() - started
        if not vectors_later:
            report.passages_embedded = self.embed_pending(progress=vector_progress)
        report.seconds = time.perf_counter() - started
        return report

    def embed_pending(self, progress: Progress | None = None, rounds: int | None = None) -> int:
        """Give the passages still without a vector theirs (the second stage of ingest; also what
        an earlier run left); returns how many were done. Searches go on meanwhile."""
        return embed_pending(self.store, self.embedder, progress, lock=lambda: self._write_lock, rounds=rounds)

    def vectors_pending(self) -> int:
        """How many passages are found by their words only, until their vector is written."""
        return self.store.vectors_pending()

    def embed_in_background(self, scans: Iterable[str | Path] = ()) -> None:
        """The second stage of ingest in a thread of this process, for an app that keeps
        answering meanwhile: the ``scans`` (``IngestReport.scans_waiting``) read by OCR and
        added, then every passage's vector. One such thread at a time; ``background`` says how
        far it is, and which scans could not be added."""
        with self._open_lock:
            if self._background is not None and self._background.is_alive():
                self._queued_scans.extend(Path(p) for p in scans)
                return
            self._queued_scans = [Path(p) for p in scans]
            self._progress = Background()
            self._background = threading.Thread(target=self._second_stage, name="tweede-fase", daemon=True)
            self._background.start()

    def background(self) -> Background | None:
        """How far the background stage is; None when it is idle (its last failures stay in
        ``background_failures`` until read)."""
        thread = self._background
        return self._progress if thread is not None and thread.is_alive() else None

    def background_failures(self) -> list[str]:
        """The scans the background stage could not add since the last call, with their reason."""
        with self._open_lock:
            failed, self._failed_scans = self._failed_scans, []
            return failed

    def _second_stage(self) -> None:
        progress = self._progress
        try:
            while True:
                with self._open_lock:
                    if not self._queued_scans:
                        break
                    scan = self._queued_scans.pop(0)
                self._read_scan(scan, progress)
            progress.stage, progress.name, progress.done, progress.total = "vectors", "", 0, 0

            def note(done: int, total: int, _name: str) -> None:
                progress.done, progress.total = done, total

            self.embed_pending(progress=note)
        except Exception:  # noqa: BLE001 - a thread has no caller: what is left is done at the next start
            logging.getLogger(__name__).exception("de tweede fase is gestopt; de volgende start gaat verder")

    def _read_scan(self, scan: Path, progress: Background) -> None:
        """OCR a scan outside the write lock (its parse is kept), then add it (which takes the
        parse from the cache)."""
        from assistant.parse import ocr

        progress.stage, progress.name, progress.done, progress.total = "ocr", scan.name, 0, 0

        def note(done: int, total: int) -> None:
            progress.done, progress.total = done, total

        try:
            with ocr.reporting(note):
                self.parse_cache.parse(scan)
            report = self.ingest([scan], vectors_later=True)
        except AssistantError as exc:
            failed = [str(exc)]
        except OSError as exc:  # moved or unreadable since the upload: say so, go on with the rest
            failed = [f"{scan.name}: het bestand kan niet worden gelezen ({exc.strerror or exc}); voeg het opnieuw toe"]
        else:
            failed = [message for _, message in report.failed]
        if failed:
            self._delete_upload(scan)
            with self._open_lock:
                self._failed_scans.extend(failed)

    @property
    def parse_cache(self) -> ParseCache:
        """Parsed documents kept beside the index by content hash: a file is parsed once."""
        if self._parse_cache is None:
            self._parse_cache = ParseCache(Path(self.config.index_dir) / "parsed")
        return self._parse_cache

    @property
    def scored_cache(self) -> ScoredCache:
        """Every scored sentence of an indexed version, kept by ingest for a later compare."""
        return ScoredCache(Path(self.config.index_dir) / "scored")

    @property
    def uploads_dir(self) -> Path:
        """Where copies of files added through the app are kept, one folder per content."""
        return Path(self.config.index_dir) / "uploads"

    def add_uploads(self, files: Iterable[str | Path], *, max_mb: float = 100,
                    progress: Progress | None = None, vectors_later: bool = False) -> IngestReport:
        """Keep a copy of each uploaded file beside the index and ingest the copies.

        A copy is named by its content (``uploads/<hash>/<name>``), so two different letters with
        the same file name are two documents and the same file uploaded again is recognised as
        unchanged. A copy that could not be indexed is deleted again."""
        kept: list[Path] = []
        for file in files:
            source = Path(file)
            target = self.uploads_dir / file_hash(source)[:16] / source.name
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
            kept.append(target)
        report = self.ingest(kept, max_mb=max_mb, progress=progress, vectors_later=vectors_later)
        for path in [p for p, _ in report.failed] + [p for p, _ in report.duplicates]:
            self._delete_upload(Path(path))
        return report

    def _delete_upload(self, path: Path) -> None:
        """Delete a stored upload (and its folder); files outside the uploads folder are never touched."""
        path = path.resolve()
        root = self.uploads_dir.resolve()
        if root not in path.parents:
            return
        try:
            path.unlink(missing_ok=True)
            if path.parent != root and not any(path.parent.iterdir()):
                path.parent.rmdir()
        except OSError as exc:  # the index stays right; only a stray copy is left behind
            logging.getLogger(__name__).warning("kopie %s niet verwijderd: %s", path, exc)

    def documents(self) -> list[DocumentInfo]:
        return self.store.documents()

    def find_document(self, name: str) -> DocumentInfo:
        """A document by id, by path or by file name."""
        docs = self.store.documents()
        exact = [d for d in docs if name in (d.id, d.path)]
        if exact:
            return exact[0]
        by_name = [d for d in docs if Path(d.path).name == name]
        if len(by_name) > 1:
            listing = "; ".join(f"{d.id} ({d.path})" for d in by_name)
            raise AssistantError(f"Er staan meerdere documenten '{name}' in de index: {listing}; "
                                 "geef het id of het volledige pad")
        if by_name:
            return by_name[0]
        path_id = document_id(name)
        for doc in docs:
            if doc.id == path_id:
                return doc
        raise UnknownDocument(f"Document '{name}' staat niet in de index; `assistant documents` toont wat er is")

    def remove(self, name: str) -> DocumentInfo:
        with self._write_lock:
            doc = self.find_document(name)
            self.store.delete_document(doc.id)
            self.searcher.refresh()
            self._delete_upload(Path(doc.path))  # a copy the app kept; the user's own files stay
            return doc

    def reindex(self, progress: Progress | None = None) -> IngestReport:
        """Rebuild the index from the files it was built from, with the current embedder.

        The new index is written beside the one in use, which stays searchable and is replaced
        in one step at the end; a rebuild that was interrupted is resumed from its journal."""
        from assistant.search.store import Store, plan_rebuild, switch_generation

        with self._write_lock:
            paths = [d.path for d in self._indexed_documents()]
            missing = [p for p in paths if not Path(p).exists()]
            if missing:
                # Checked before anything is written: a rebuild must not lose what it cannot redo.
                raise StoreError(
                    f"De index kan niet opnieuw worden opgebouwd: {len(missing)} bestand(en) zijn niet meer te "
                    f"vinden, bijvoorbeeld {missing[0]}; zet ze terug of verwijder die documenten eerst uit de "
                    "index. Er is niets gewijzigd")
            plan = plan_rebuild(self.config, paths)
            if not plan.paths:
                raise StoreError("De index kan niet opnieuw worden opgebouwd: er staan geen bestanden in de "
                                 "index; voeg eerst documenten toe. Er is niets gewijzigd")
            target = Store(self.config, self.embedder.name, self.embedder.dim, generation=plan.target)
            report = ingest([p for p in plan.paths if Path(p).exists()], target, self.embedder, progress=progress,
                            cache=self.parse_cache, scored=self.scored_cache)
            # A file done before an interruption is skipped as unchanged; it is rebuilt all the same.
            report.added += report.skipped
            report.skipped = []
            switch_generation(self.config, plan.target)
            self._store = None
            self._searcher = None
            self.searcher.refresh()
            return report

    def _indexed_documents(self) -> list[DocumentInfo]:
        """The documents of the active index; none when there is no index (or it belongs to
        another embedder: a rebuild is exactly what that needs)."""
        from assistant.search.store import Store, recorded_documents

        try:
            return Store(self.config, self.embedder.name, self.embedder.dim).documents()
        except StoreError:
            return recorded_documents(self.config)

    # -- advice points and commitments ------------------------------------------------------

    def read(self, path: str | Path, max_mb: float = 100) -> Document:
        """Parse a file (or take its stored parse), giving it the id it has (or would have) in the index."""
        doc = self.parse_cache.parse(path, max_mb=max_mb)
        doc.id = document_id(path)
        return doc

    def pair(self, advice: str | Path | None, response: str | Path | None,
             find_response: bool = True) -> tuple[Document | None, Document | None, list[str]]:
        """The advice and the response to read points from, and notes on how they were chosen.

        A response chosen as the advice is read as the response (its quoted points are the
        points); an advice alone gets its response from the index when one answers its points."""
        if advice is None and response is None:
            raise InputError("Kies een advies, een reactie van het college, of allebei")
        advice_doc = self.read(advice) if advice else None
        response_doc = self.read(response) if response else None
        notes: list[str] = []
        if advice_doc is not None and response_doc is None:
            if is_response(advice_doc):
                advice_doc, response_doc = None, advice_doc
            elif find_response:
                response_doc = self._find_response(advice_doc)
                if response_doc is not None:
                    notes.append(f"De reactie is in de index gevonden: {response_doc.title} "
                                 f"({Path(response_doc.path).name}).")
        return advice_doc, response_doc, notes

    def _find_response(self, advice: Document) -> Document | None:
        """A later response in the index that answers the advice's points (its newest version)."""
        documents = self.documents()
        if not documents:
            return None
        votes: dict[str, float] = {}
        filters = Filters(kinds=("reactie",), after=advice.date) if advice.date else Filters(kinds=("reactie",))
        for point in advice_points(advice)[:10]:
            for hit in self.search(point.text[:500], k=3, filters=filters):
                votes[hit.document.path] = votes.get(hit.document.path, 0.0) + hit.score
        if not votes:
            return None
        best = max(votes, key=votes.__getitem__)
        chosen = next((d for d in documents if d.path == best), None)
        if chosen is not None:
            best = newest(chosen, documents).path  # a concept and its final text: answer from the final
        return self.read(best) if Path(best).exists() else None

    def points(self, advice: str | Path | None, response: str | Path | None = None, *,
               today: date | None = None, use_model: bool = True) -> PointsView:
        """Each advice point with the college's answer and stance, and the commitments in that answer."""
        advice_doc, response_doc, notes = self.pair(advice, response)
        mappings = map_points(advice_doc, response_doc, embedder=self.embedder if use_model else None)
        commitments = extract_commitments(response_doc) if response_doc is not None else []
        earlier = None
        if use_model and mappings:
            own = {i for doc in (advice_doc, response_doc) if doc is not None for i in self._indexed_ids(doc)}
            earlier = self.related_commitments([_point_text(m) for m in mappings], exclude_docs=own)
        return points_view(mappings, commitments, advice_doc, response_doc, today or date.today(), notes, earlier)

    def commitments_in(self, paths: Iterable[str | Path], where: RegisterFilter | None = None,
                       today: date | None = None) -> list[Commitment]:
        """Commitments in files, without ingesting them; with ``where``, only those it allows."""
        found: list[Commitment] = []
        for path in paths:
            found += extract_commitments(self.read(path))
        day = today or date.today()
        return [c for c in found if where is None or where.allows(c, day)]

    def register(self, where: RegisterFilter | None = None, today: date | None = None) -> list[Commitment]:
        """The commitment register over the whole index, filtered."""
        where, day = where or RegisterFilter(), today or date.today()
        return [c for c in self._all_commitments() if where.allows(c, day)]

    def _all_commitments(self) -> list[Commitment]:
        """Every committed commitment, in register order, kept per index state and brought up to
        date by changes: the commitments of a document version read once, not the whole register
        on every change (one read of 20,000 takes seconds)."""
        key = self.store.generation()
        if self._register_at == key:
            return self._register_all
        held = self._register_held
        first = self._register_at is None or self._register_at[0] != key[0]
        index = self.store.identity()
        if first:  # a new process, or the index rebuilt: the copy on disk, whole if nothing was committed since
            held, saved_at = register_copy.load(self._cache_dir, index)
            if held and saved_at == key[1]:
                return self._keep_register(held, key)
        versions = {d.id: d.version for d in self.store.documents()}
        changed = [doc for doc, version in versions.items() if held.get(doc, ("",))[0] != version]
        if not held or len(changed) > _REREAD_ALL:
            by_doc: dict[str, list[Commitment]] = {}
            for c in self.store.commitments(None):
                by_doc.setdefault(c.source.doc_id, []).append(c)
            held = {doc: (version, by_doc.get(doc, [])) for doc, version in versions.items()}
        else:
            held = {doc: held[doc] for doc in versions if doc not in changed and doc in held}
            held.update({doc: (versions[doc], self.store.commitments_of(doc, versions[doc])) for doc in changed})
        if first:
            register_copy.save(self._cache_dir, index, key[1], held)  # once per process: the next starts from it
        return self._keep_register(held, key)

    def _keep_register(self, held: register_copy.Held, key: tuple[int, int]) -> list[Commitment]:
        everything = sorted((c for _, found in held.values() for c in found),
                            key=lambda c: (c.doc_date or date.min, c.source.doc_id, c.source.start))
        self._register_held, self._register_all, self._register_at = held, everything, key
        return everything

    def register_view(self, where: RegisterFilter | None = None, today: date | None = None) -> RegisterView:
        """The register as the app shows it: the filtered commitments with their standing (a status
        the user set, else what a later document suggests), and what the filters can offer. A
        commitment the user marked done or cancelled is no longer listed as overdue or due."""
        where = where or RegisterFilter()
        day = today or date.today()
        everything = self._all_commitments()
        with_commitments = {c.source.doc_id for c in everything}
        chosen = [c for c in everything if where.allows(c, day)]
        standings = self.standings(chosen, day)
        if where.status in ("overdue", "due"):
            chosen = [c for c in chosen if not standings[c.id].settled(day)]
        return RegisterView(
            commitments=chosen, today=day, where=where,
            actors=sorted({c.actor for c in everything if c.actor}),
            documents=[d for d in self.documents() if d.id in with_commitments], total=len(everything),
            standings=standings)

    def related_commitments(self, texts: list[str], k: int = 5, exclude_docs: Iterable[str] = (),
                            threshold: float | None = THRESHOLD) -> list[list[Link]]:
        """Per text (an advice point): the commitments anywhere in the index that are about it,
        best first, at or above the measured threshold (None: every candidate, for evaluation)."""
        if not texts:
            return []
        excluded = frozenset(exclude_docs)
        idf = self._commitment_idf()
        queries = self.embedder.embed_queries(list(texts))
        found = [self.store.nearest_commitments(vector, CANDIDATES) for vector in queries]
        sentences = {c.text for candidates in found for c, _ in candidates}
        sentence_vectors = dict(zip(sentences, self.embedder.embed_passages(list(sentences)))) if sentences else {}
        results = []
        for text, candidates in zip(texts, found):
            parts = self.embedder.embed_queries(point_sentences(text))
            scored = [(c, cosine, float((parts @ sentence_vectors[c.text]).max())) for c, cosine in candidates]
            results.append(rank_links(text, scored, threshold=threshold, exclude_docs=excluded, k=k, idf=idf))
        return results

    def _commitment_idf(self) -> dict[str, float]:
        key = self.store.generation()
        if self._idf_at != key:
            self._idf, self._idf_at = idf_table([c.text for c in self._all_commitments()]), key
        return self._idf

    # -- where a commitment stands ------------------------------------------------------------

    def standings(self, commitments: list[Commitment], today: date | None = None) -> dict[str, Standing]:
        """Per commitment: the status the user set, else (once its term has come) the status a
        later document suggests, with the sentence and its source."""
        day = today or date.today()
        notes = self.store.statuses()
        asked = [c for c in commitments if c.id not in notes and wants_evidence(c, day)]
        found = self.suggestions(asked)
        return {c.id: standing(c, notes, found.get(c.id)) for c in commitments}

    def suggestions(self, commitments: list[Commitment]) -> dict[str, Finding]:
        """What later documents report about each commitment (none where nothing is found)."""
        later = self._later(commitments)
        return {c.id: f for c in commitments if (f := suggest(c, later[c.id])) is not None}

    def _later(self, commitments: list[Commitment]) -> dict[str, list[Hit]]:
        """``evidence_many``, kept per index state: the register asks again on every filter change,
        and the reminder wants the same passages the suggestions were read from."""
        key = self.store.generation()
        if self._later_at != key:
            self._later_hits, self._later_at = {}, key
        todo = [c for c in commitments if c.id not in self._later_hits]
        self._later_hits.update(zip((c.id for c in todo), self.evidence_many(todo)))
        return {c.id: self._later_hits[c.id] for c in commitments}

    def commitment(self, commitment_id: str) -> Commitment:
        """One commitment of the register by its id (as the register, CLI and export show it)."""
        doc_id, _, start = commitment_id.rpartition("-c")
        if doc_id and start.isdigit():
            for c in self.store.commitments({"doc_id": doc_id}):
                if c.id == commitment_id:
                    return c
        raise UnknownCommitment(commitment_id)

    def set_status(self, commitment_id: str, kind: Tracking, note: str = "", new_due: DateRange | None = None,
                   today: date | None = None) -> StatusNote:
        """Confirm or set where a commitment stands (done, delayed with a new date, changed,
        cancelled), with a note. Stored beside the index: it survives re-ingest and reindex."""
        if kind not in SETTABLE:
            raise InputError(f"onbekende status '{kind}'; kies uit {', '.join(TRACKING_LABELS[k] for k in SETTABLE)}")
        c = self.commitment(commitment_id)
        record = StatusNote(commitment_id=c.id, kind=kind, text=c.text, on=today or date.today(), note=note.strip(),
                            new_due=new_due)
        with self._write_lock:
            self.store.set_status(record)
        return record

    def clear_status(self, commitment_id: str) -> None:
        """Forget the status set for a commitment: the register suggests again."""
        c = self.commitment(commitment_id)
        with self._write_lock:
            self.store.clear_status(c.id)

    def evidence(self, commitment: Commitment, k: int = 3) -> list[Hit]:
        """Passages in later documents that most likely report on a commitment."""
        return later_evidence(self.searcher, commitment, k=k)

    def evidence_if_due(self, commitment: Commitment, today: date | None = None, k: int = 3) -> list[Hit] | None:
        """``evidence`` once the commitment's term has begun or passed; None (not searched) before."""
        return self.evidence(commitment, k=k) if wants_evidence(commitment, today or date.today()) else None

    def evidence_many(self, commitments: list[Commitment], k: int = 3) -> list[list[Hit]]:
        """``evidence`` for many commitments, with their queries embedded in one batch."""
        dated = [c for c in commitments if c.doc_date is not None]
        vectors = self.embedder.embed_queries([evidence_query(c) for c in dated]) if dated else []
        by_id = {c.id: later_evidence(self.searcher, c, k=k, vector=v) for c, v in zip(dated, vectors)}
        return [by_id.get(c.id, []) for c in commitments]

    def export_register(self, commitments: list[Commitment], path: str | Path, today: date | None = None,
                        standings: dict[str, Standing] | None = None) -> Path:
        """Write commitments as .xlsx (dates as dates, amounts as numbers) or .csv, with where each
        stands (``standings`` as the register view holds them; looked up when not given)."""
        day = today or date.today()
        if standings is None:
            standings = self.standings(commitments, day)
        return export_register(commitments, path, day, standings)

    def draft(self, advice: str | Path | None, response: str | Path | None, output: str | Path,
              template: str | Path | None = None, today: date | None = None) -> DraftResult:
        """Write the follow-up advice draft (.docx) for an advice and/or a response."""
        from assistant.draft import EVIDENCE_PER_COMMITMENT, build_draft
        from assistant.draft_docx import write_draft

        advice_doc, response_doc, notes = self.pair(advice, response)
        mappings = map_points(advice_doc, response_doc, embedder=self.embedder)
        scored = scored_sentences(response_doc) if response_doc is not None else []
        commitments = [s.commitment for s in scored if s.accepted]
        possible = [s.commitment for s in scored if not s.accepted and s.looks_like_one]
        day = today or date.today()
        later = dict(zip((c.id for c in commitments), self.evidence_many(commitments, k=EVIDENCE_PER_COMMITMENT)))
        standings = self._draft_standings(response_doc, commitments, later, day)
        own = {i for doc in (advice_doc, response_doc) if doc is not None for i in self._indexed_ids(doc)}
        earlier = self.related_commitments([_point_text(m) for m in mappings], exclude_docs=own)
        earlier_standings = self.standings([link.commitment for links in earlier for link in links], day)
        draft = build_draft(advice_doc, response_doc, mappings, commitments, later, day, notes, possible, standings,
                            earlier={m.point.number: [(link, self.store.document(link.commitment.source.doc_id))
                                                      for link in links] for m, links in zip(mappings, earlier)},
                            earlier_standings=earlier_standings)
        return DraftResult(write_draft(draft, output, template=template), draft)

    def _indexed_ids(self, doc: Document) -> set[str]:
        """The ids a read document has in the index: its own, and that of the same file indexed
        from another path."""
        ids = {doc.id}
        if doc.content_hash and (twin := self.store.document_with_version(doc.content_hash)) is not None:
            ids.add(twin.id)
        return ids

    def _draft_standings(self, response: Document | None, commitments: list[Commitment],
                         later: dict[str, list[Hit]], day: date) -> dict[str, Standing]:
        """Standings for a draft's commitments: the status the user set (under the id the register
        gives the commitment: the response may be indexed from another path), else what the later
        passages the draft quotes suggest."""
        notes = self.store.statuses()
        indexed_as = response.id if response is not None else ""
        if response is not None and self.store.document(response.id) is None and response.content_hash:
            twin = self.store.document_with_version(response.content_hash)
            indexed_as = twin.id if twin is not None else indexed_as
        found = {}
        for c in commitments:
            key = f"{indexed_as}-c{c.source.start}" if indexed_as else c.id
            finding = suggest(c, later.get(c.id, [])) if wants_evidence(c, day) else None
            found[c.id] = standing(c, {c.id: notes[key]} if key in notes else {}, finding)
        return found

    def reminder(self, output: str | Path, where: RegisterFilter | None = None, template: str | Path | None = None,
                 today: date | None = None, sender: str | None = None) -> ReminderResult:
        """A Word letter to the college listing the commitments the filter lets through (by default
        the overdue ones, without those the user marked done, cancelled or moved), each with its
        source, term and what later documents say."""
        from assistant.reminder import Reminder, ReminderItem, write_reminder

        day = today or date.today()
        where = where or RegisterFilter(status="overdue")
        view = self.register_view(where, today=day)
        later = self._later(view.commitments)  # mostly read already for the suggestions
        items = [ReminderItem(c, view.standing(c), later[c.id]) for c in view.commitments]
        reminder = Reminder(today=day, items=items, **({"sender": sender} if sender else {}))
        return ReminderResult(write_reminder(reminder, output, template=template), reminder)

    # -- two versions -----------------------------------------------------------------------

    def compare(self, old: str | Path, new: str | Path, *, ignore_case: bool = False, ignore_whitespace: bool = True,
                ignore_punctuation: bool = False) -> Comparison:
        """Two versions of a letter compared: paragraphs, metadata and commitments. The two files
        are parsed side by side (or read from the parse cache)."""
        from assistant.parse.parallel import parse_pair

        old_doc, new_doc = parse_pair(old, new, self.parse_cache)
        old_doc.id, new_doc.id = document_id(old), document_id(new)
        return compare_documents(old_doc, new_doc, scorer=self.scored_cache.scored, ignore_case=ignore_case,
                                 ignore_whitespace=ignore_whitespace, ignore_punctuation=ignore_punctuation)

    def redline(self, comparison: Comparison, output: str | Path) -> Path:
        """The new version as a Word file with tracked changes against the old one."""
        from assistant.redline import write_redline

        return write_redline(comparison, output)

    # -- search -----------------------------------------------------------------------------

    def search(self, query: str, k: int = 10, filters: Filters | None = None, mode: Mode = "hybrid") -> list[Hit]:
        return self.searcher.search(query, k=k, filters=filters, mode=mode)

    def find(self, query: str, k: int = 10, filters: Filters | None = None, mode: Mode = "hybrid") -> SearchView:
        """``search`` as the app shows it: the hits, and whether even the nearest passage is so far
        from the question that the index most likely holds no answer (for the embedding models
        whose threshold was measured)."""
        hits, nearest = self.searcher.search_scored(query, k=k, filters=filters, mode=mode)
        floor = getattr(self.embedder, "no_match_below", None)
        return SearchView(hits, weak=bool(hits) and floor is not None and nearest is not None and nearest < floor,
                          nearest=nearest)

    def context(self, hit: Hit, before: int = 2, after: int = 2) -> list[Passage]:
        """The paragraphs around a hit in its document, the hit among them."""
        return self.searcher.neighbours(hit, before=before, after=after)


def _point_text(mapping: PointMapping) -> str:
    point = mapping.point
    return " ".join(filter(None, (point.title, point.text)))


# -- measuring: the eval and training commands (developer tools, same entry point) -----------------


def evaluate_retrieval(path: Path, embedder: str = "e5", split: str = "all", index_dir: Path | None = None):
    from assistant.evaluate import eval_retrieval

    return eval_retrieval(path, embedder, split=split, index_dir=index_dir)


def retrieval_sets(root: Path) -> list[tuple[Path, str]]:
    """The labelled retrieval sets present beside ``root`` (project folder), as (file, split)."""
    from assistant.evaluate import standard_sets

    return standard_sets(root)


def evaluate_extract(gold: Path):
    from assistant.evaluate import eval_extract

    return eval_extract(gold)


def evaluate_commitments(split: str = "test", files: list[Path] | None = None):
    from assistant.evaluate_commitments import eval_commitments

    return eval_commitments(split, files)


def evaluate_links(path: Path, embedder: str = "e5") -> str:
    from assistant.evaluate_links import evaluate_links as run

    return run(path, embedder)


def evaluate_structure(files: list[Path]):
    from assistant.evaluate_structure import eval_structure

    return eval_structure(files)


def train_commitments(output: Path | None = None) -> dict:
    from assistant.extract.classifier import MODEL_PATH
    from assistant.extract.train import train

    return train(output or MODEL_PATH)
