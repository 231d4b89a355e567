"""Incremental ingest: files -> parsed documents -> passages -> store, then embeddings.

By content hash: an unchanged file is skipped before it is even parsed; a changed file
replaces all its passages; with ``prune``, documents whose file disappeared from an
ingested folder are removed. A file that fails to parse is reported and the batch goes on.

Two stages: every file's passages, lexical postings and commitments are committed first, so a
batch is searchable by its words and its commitments are in the register long before the
slow part, the embedding, is done; ``embed_pending`` then gives the passages their vectors, in
batches, resumable (what is left when a process stops is done by the next ingest or app start).
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from assistant.errors import AssistantError, FileMissing
from assistant.extract.commitments import scored_sentences
from assistant.extract.scored_cache import ScoredCache
from assistant.model import Document, DocumentInfo
from assistant.parse import file_hash, ocr, parse_document
from assistant.parse.cache import ParseCache
from assistant.parse.parallel import ParseAhead
from assistant.parse.detect import DEFAULT_MAX_MB, SUPPORTED_SUFFIXES
from assistant.search.passages import make_passages
from assistant.search.store import Store

# Files an ingest of a folder looks at; others (images, spreadsheets) are passed over.
DOCUMENT_SUFFIXES = frozenset(SUPPORTED_SUFFIXES)
# A folder's README (how the folder is organised) is documentation, not a letter: a folder ingest
# skips it and says so; named on its own, it is read like any other file.
_FOLDER_NOTES = re.compile(r"^(readme|license|licence|changelog)(\.[a-z]+)?$", re.IGNORECASE)
# Fault injection for the crash test: exit hard after writing passages, before the commit.
_CRASH_ENV = "ASSISTANT_TEST_CRASH_BEFORE_COMMIT"

Progress = Callable[[int, int, str], None]


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (file, the document it repeats)
    failed: list[tuple[str, str]] = field(default_factory=list)
    failed_codes: dict[str, int] = field(default_factory=dict)  # the exit code of each failure's cause
    removed: list[str] = field(default_factory=list)
    passages_embedded: int = 0
    pages: int = 0
    seconds: float = 0.0
    searchable_seconds: float = 0.0  # until every file was committed (found by its words)
    scans_waiting: list[str] = field(default_factory=list)  # scans left for the background (scans_later)

    @property
    def exit_code(self) -> int:
        """0 without failures, else the code of the most serious cause (the highest: an index
        problem outranks a damaged file, which outranks a missing one)."""
        return max(self.failed_codes.values(), default=1 if self.failed else 0)

    def to_dict(self) -> dict:
        return {
            "added": self.added,
            "updated": self.updated,
            "skipped": self.skipped,
            "duplicates": [{"path": p, "same_as": d} for p, d in self.duplicates],
            "failed": [{"path": p, "error": e, "code": self.failed_codes.get(p, 1)} for p, e in self.failed],
            "removed": self.removed,
            "passages_embedded": self.passages_embedded,
            "pages": self.pages,
            "seconds": round(self.seconds, 2),
            "searchable_seconds": round(self.searchable_seconds, 2),
            "scans_waiting": self.scans_waiting,
        }


def document_id(path: str | Path) -> str:
    """A stable, readable id for a file: its name plus a short hash of where it lives."""
    resolved = Path(path).resolve()
    slug = re.sub(r"[^a-z0-9]+", "-", resolved.stem.lower()).strip("-")[:48] or "document"
    return f"{slug}-{hashlib.sha1(str(resolved).encode()).hexdigest()[:8]}"


def collect_files(paths: Iterable[str | Path]) -> list[Path]:
    """The document files named or found (recursively) under the given paths."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files += sorted(p for p in path.rglob("*")
                            if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES and not p.name.startswith(".")
                            and not _FOLDER_NOTES.match(p.name))
        elif path.exists():
            files.append(path)
        else:
            raise FileMissing(path)
    return files


def document_info(doc: Document, passages: int) -> DocumentInfo:
    return DocumentInfo(
        id=doc.id, title=doc.title or Path(doc.path).name, path=doc.path, kind=doc.kind, date=doc.date,
        reference=doc.reference, version=doc.content_hash, pages=doc.pages, passages=passages,
        format=doc.format, sender=doc.sender, addressee=doc.addressee, ocr_pages=len(doc.ocr_pages),
    )


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    embedder,
    *,
    prune: bool = False,
    max_mb: float = DEFAULT_MAX_MB,
    progress: Progress | None = None,
    cache: ParseCache | None = None,
    scored: ScoredCache | None = None,
    vectors_later: bool = False,
    vector_progress: Progress | None = None,
    scans_later: bool = False,
) -> IngestReport:
    """Add files and folders to the index; with ``cache``, parses are kept and reused by content,
    with ``scored`` every scored sentence (for a later compare).

    Files with pages to read by OCR (scans) come last: every file with a text layer is committed,
    and so searchable, before the first scanned page is read; with ``scans_later`` they are not
    read here but listed in ``report.scans_waiting`` (for a background stage). Then the vectors
    of every passage still without one (``embed_pending``), unless ``vectors_later``: the caller
    does that."""
    started = time.perf_counter()
    paths = list(paths)
    report = IngestReport()
    store.remove_orphans()
    files = collect_files(paths)
    ahead = ParseAhead(files, cache, max_mb, defer_ocr=ocr.available())
    scans: list[Path] = []
    done = 0
    for path in files:
        try:
            _ingest_reported(path, done, len(files), store, embedder, report, max_mb, ahead, scored, progress)
            done += 1
        except ocr.OcrDeferred:
            scans.append(path)
    if scans_later:
        report.scans_waiting = [str(path) for path in scans]
        scans = []
    for path in scans:  # the text layers are in: now the scans, page by page
        _ingest_reported(path, done, len(files), store, embedder, report, max_mb, ahead, scored, progress)
        done += 1
    ahead.close()
    if progress:
        progress(len(files), len(files), "")
    if prune:
        report.removed = prune_missing([Path(p) for p in paths if Path(p).is_dir()], store)
    report.searchable_seconds = time.perf_counter() - started
    if not vectors_later:
        report.passages_embedded = embed_pending(store, embedder, vector_progress)
    report.seconds = time.perf_counter() - started
    return report


# Passages read from the store per round of the second stage (texts of similar length are then
# embedded together, so both cores finish a call at about the same time).
VECTOR_ROUND = 256


def embed_pending(store: Store, embedder, progress: Progress | None = None,
                  lock: Callable[[], AbstractContextManager] = nullcontext, rounds: int | None = None) -> int:
    """Give every passage still without a vector its vector (all, or ``rounds`` rounds of
    ``VECTOR_ROUND``); returns how many were done. ``lock`` is held while a round is written, not
    while it is embedded. Another process may do the same passages at the same time: the result
    is the same vector, written twice."""
    total = store.vectors_pending()
    if progress and total:
        progress(0, total, "")
    done = 0
    previous: list[str] = []
    while rounds is None or rounds > 0:
        ids, texts, metas = store.pending_vectors(VECTOR_ROUND)
        if not ids:
            break
        if ids == previous:  # the store did not take them: stop rather than loop
            raise AssistantError("De vectoren van de index konden niet worden opgeslagen; herhaal de opdracht")
        previous = ids
        order = sorted(range(len(ids)), key=lambda i: len(texts[i]))
        vectors = np.asarray(embedder.embed_passages([texts[i] for i in order]), dtype=np.float32)
        with lock():
            store.attach_vectors([ids[i] for i in order], [metas[i] for i in order], vectors)
        done += len(ids)
        total = max(total, done)
        if progress:
            progress(done, total, "")
        if rounds is not None:
            rounds -= 1
    return done


def _ingest_reported(path: Path, done: int, total: int, store: Store, embedder, report: IngestReport, max_mb: float,
                     ahead: ParseAhead, scored: ScoredCache | None, progress: Progress | None) -> None:
    """Ingest one file, with its progress line, and put any error it raises in the report."""
    if progress:
        progress(done, total, path.name)
    try:
        with ocr.reporting(_ocr_progress(progress, done, total, path.name)):
            _ingest_one(path, store, embedder, report, max_mb, ahead.parse, scored)
    except AssistantError as exc:
        report.failed.append((str(path), str(exc)))
        report.failed_codes[str(path)] = exc.exit_code
    except OSError as exc:  # e.g. a file without read permission: report it, go on with the rest
        report.failed.append((str(path), f"{path.name}: het bestand kan niet worden gelezen "
                                         f"({exc.strerror or exc}); controleer of u leesrechten heeft"))
        report.failed_codes[str(path)] = 3


def _ocr_progress(progress: Progress | None, done: int, total: int, name: str) -> Callable[[int, int], None]:
    """A scan's pages as they are read, on the file's progress line: "brief.pdf (OCR 5/63)"."""
    def report(pages: int, of: int) -> None:
        if progress:
            progress(done, total, f"{name} (OCR {pages}/{of})")

    return report


def _ingest_one(path: Path, store: Store, embedder, report: IngestReport, max_mb: float,
                parse: Callable[..., Document] = parse_document, scored_cache: ScoredCache | None = None) -> None:
    doc_id = document_id(path)
    existing = store.document(doc_id)
    digest = file_hash(path) if path.stat().st_size else ""
    if existing is not None and digest and existing.version == digest:
        report.skipped.append(str(path))
        return
    copy = store.document_with_version(digest) if digest else None
    if copy is not None and copy.id != doc_id:  # the same file at another path: index it once
        report.duplicates.append((str(path), copy.path))
        return
    doc = parse(path, max_mb=max_mb)
    doc.id = doc_id
    doc.path = str(path.resolve())
    twin = _same_letter_other_format(doc, store)
    if twin is not None:
        report.duplicates.append((str(path), twin.path))
        return
    passages = make_passages(doc)
    if not passages:
        from assistant.errors import EmptyDocument

        raise EmptyDocument(path, "het document bevat geen leesbare tekst")
    scored = scored_sentences(doc)
    commitments = [s.commitment for s in scored if s.accepted]
    if scored_cache is not None:
        scored_cache.put(doc, scored)  # a later compare of this version need not score it again
    info = document_info(doc, len(passages))
    info.commitments = len(commitments)
    info.unembedded = len(passages)  # the vectors follow (embed_pending)
    store.begin_version(info)
    try:
        store.write_passages(info, passages, None)
        # A commitment gets the vector of the passage it stands in: embedding is the slow step
        # of ingest, and the passage is what a later search should find anyway.
        store.write_commitments(info, commitments, None,
                                [passages[_containing(passages, c.source.start)].id for c in commitments])
        if os.environ.get(_CRASH_ENV):
            os._exit(137)
        store.commit_document(info, None)
    except BaseException:
        try:
            store.abandon_version(info)
        except Exception:  # noqa: BLE001 - the store itself failed: the record stays, the next ingest cleans up
            pass
        raise
    report.pages += doc.pages
    (report.updated if existing else report.added).append(str(path))


def _same_letter_other_format(doc: Document, store: Store) -> DocumentInfo | None:
    """The PDF and the Word file of one letter are one document: index one. Same name, kenmerk
    and date; side by side in one folder, or anywhere when kenmerk and date are known (uploads
    are kept in a folder per file)."""
    path = Path(doc.path)
    for info in store.documents():
        other = Path(info.path)
        if other == path or other.stem != path.stem or info.reference != doc.reference or info.date != doc.date:
            continue
        if other.parent == path.parent or (doc.reference and doc.date):
            return info
    return None


def _containing(passages, offset: int) -> int:
    """The index of the passage whose span holds a character offset of the document text."""
    for index, passage in enumerate(passages):
        if passage.start <= offset < passage.end + 2:
            return index
    return len(passages) - 1


def prune_missing(folders: list[Path], store: Store) -> list[str]:
    """Remove documents whose file lived under one of ``folders`` and is gone."""
    roots = [f.resolve() for f in folders]
    removed = []
    for info in store.documents():
        path = Path(info.path).resolve()
        if any(root in path.parents for root in roots) and not path.exists():
            store.delete_document(info.id)
            removed.append(info.path)
    return removed
