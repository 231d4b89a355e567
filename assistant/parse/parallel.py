"""Parsing on both cores: files parsed in spawned worker processes, through the parse cache
(whose folder the workers share), their errors brought back with the same Dutch message and
exit code as a parse in this process would give.

``ParseAhead`` parses a batch ahead of an ingest that embeds and writes; ``parse_pair`` parses
the two versions a compare reads at the same time.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from assistant.errors import AssistantError
from assistant.model import Document
from assistant.parse import file_hash, parse_document
from assistant.parse.cache import ParseCache
from assistant.parse.detect import DEFAULT_MAX_MB
from assistant.parse.ocr import OcrDeferred

# Files are parsed in worker processes, ahead of the main process that embeds and writes, when
# a batch has at least this many files and bytes (starting a worker costs a second or more; a few
# short letters parse faster than that) and the machine has a second core.
PARSE_AHEAD_MIN_FILES = 3
PARSE_AHEAD_MIN_BYTES = 5_000_000
# Two versions are parsed side by side when neither is cached and the smaller one is at least
# this large (below it, the worker would start slower than the file parses).
PAIR_MIN_BYTES = 300_000


class ParsedElsewhereError(AssistantError):
    """A parse error raised in a worker process, with its message and exit code."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def _cores() -> int:
    return min(2, os.cpu_count() or 1)


def _pool(workers: int):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _parse_in_worker(cache_folder: str, path: str, max_mb: float, defer_ocr: bool = False) -> tuple:
    try:
        return ("ok", ParseCache(Path(cache_folder)).parse(path, max_mb=max_mb, defer_ocr=defer_ocr).to_dict())
    except OcrDeferred as deferred:
        return ("deferred", deferred.pages)
    except AssistantError as exc:
        return ("error", str(exc), exc.exit_code)
    except OSError as exc:
        return ("error", f"{Path(path).name}: het bestand kan niet worden gelezen ({exc.strerror or exc}); "
                         "controleer of u leesrechten heeft", 3)


def _outcome(future, parse, path: Path, max_mb: float) -> Document:
    try:
        outcome = future.result()
    except Exception:  # noqa: BLE001 - a worker that died: parse here, which reports properly
        return parse(path, max_mb=max_mb)
    if outcome[0] == "error":
        raise ParsedElsewhereError(outcome[1], outcome[2])
    if outcome[0] == "deferred":
        raise OcrDeferred(path, outcome[1])
    return Document.from_dict(outcome[1])


class ParseAhead:
    """Parse the files of a batch in a pool of worker processes (spawned: the caller may hold
    threads) while the main process embeds and writes; ``parse`` returns each file's Document as
    ``parse(path)`` would, or raises the error it would raise, in Dutch. Without a parse cache
    every file is parsed here. With ``defer_ocr`` a file with pages to read by OCR raises
    ``OcrDeferred`` the first time it is asked for; asked again, it is read with OCR here."""

    def __init__(self, files: list[Path], cache: ParseCache | None, max_mb: float, defer_ocr: bool = False) -> None:
        self._futures: dict[str, Any] = {}
        self._pool = None
        self._parse = cache.parse if cache is not None else parse_document
        self._defer = defer_ocr
        self._deferred: set[str] = set()
        if cache is None or _cores() < 2 or len(files) < PARSE_AHEAD_MIN_FILES:
            return
        if sum(_size(p) for p in files) < PARSE_AHEAD_MIN_BYTES:
            return
        self._pool = _pool(_cores())
        self._futures = {str(p): self._pool.submit(_parse_in_worker, str(cache.folder), str(p), max_mb, defer_ocr)
                         for p in files}

    def parse(self, path: Path, max_mb: float = DEFAULT_MAX_MB) -> Document:
        key = str(path)
        defer = self._defer and key not in self._deferred
        self._deferred.add(key)
        future = self._futures.pop(key, None)
        if future is None:
            return self._parse(path, max_mb=max_mb, defer_ocr=defer)
        return _outcome(future, self._parse, path, max_mb)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)


def parse_pair(old: str | Path, new: str | Path, cache: ParseCache,
               max_mb: float = DEFAULT_MAX_MB) -> tuple[Document, Document]:
    """Both files parsed (or taken from the cache); when neither is cached and both are large,
    the smaller one in a worker process while this one parses the larger."""
    paths = [Path(old), Path(new)]
    sizes = [_size(p) for p in paths]
    if _cores() < 2 or min(sizes) < PAIR_MIN_BYTES or any(_cached(cache, p) for p in paths):
        return cache.parse(paths[0], max_mb=max_mb), cache.parse(paths[1], max_mb=max_mb)
    small = 0 if sizes[0] <= sizes[1] else 1
    pool = _pool(1)
    try:
        future = pool.submit(_parse_in_worker, str(cache.folder), str(paths[small]), max_mb)
        large_doc = cache.parse(paths[1 - small], max_mb=max_mb)
        small_doc = _outcome(future, cache.parse, paths[small], max_mb)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return (small_doc, large_doc) if small == 0 else (large_doc, small_doc)


def _cached(cache: ParseCache, path: Path) -> bool:
    try:
        digest = file_hash(path)
    except OSError:
        return False
    return bool(digest) and cache.has(digest)
