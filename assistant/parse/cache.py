"""Parse once: parsed documents kept beside the index, keyed by the file's content hash.

A reindex, a re-ingest of a moved file, the points and draft of an indexed letter and a compare
of two indexed versions read the stored ``Document`` instead of parsing the file again. The key
includes a fingerprint of the parser's own code, so a changed parser never serves an old parse.
A damaged cache entry is ignored (and replaced); the cache can be deleted at any time.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import tempfile
from functools import cache
from pathlib import Path

from assistant.model import Document
from assistant.parse import file_hash, parse_document
from assistant.parse.detect import DEFAULT_MAX_MB, detect_format

_PACKAGE = Path(__file__).resolve().parent.parent


@cache
def parser_fingerprint() -> str:
    """A hash of the code that turns a file into a Document (the parsers, the Dutch helpers and
    the model): part of every cache key."""
    digest = hashlib.sha256()
    for folder in ("parse", "nl"):
        for source in sorted((_PACKAGE / folder).glob("*.py")):
            digest.update(source.name.encode())
            digest.update(source.read_bytes())
    digest.update((_PACKAGE / "model.py").read_bytes())
    return digest.hexdigest()[:16]


class ParseCache:
    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.ocr_folder = self.folder.parent / "ocr"  # pages of scans, by image: beside the parses
        self.hits = 0
        self.misses = 0

    def _entry(self, digest: str) -> Path:
        return self.folder / digest[:2] / f"{digest}-{parser_fingerprint()}.json.gz"

    def has(self, digest: str) -> bool:
        return self._entry(digest).is_file()

    def get(self, digest: str) -> Document | None:
        entry = self._entry(digest)
        try:
            with gzip.open(entry, "rt", encoding="utf-8") as fh:
                return Document.from_dict(json.load(fh))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, TypeError, KeyError, EOFError):  # damaged: parse again, overwrite
            return None

    def put(self, doc: Document) -> None:
        entry = self._entry(doc.content_hash)
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as raw, gzip.open(raw, "wt", encoding="utf-8") as fh:
                json.dump(doc.to_dict(), fh, ensure_ascii=False)
            os.replace(tmp, entry)  # readers see the whole entry or none
        except OSError:
            pass  # a cache that cannot be written only costs time

    def parse(self, path: str | Path, max_mb: float = DEFAULT_MAX_MB, defer_ocr: bool = False) -> Document:
        """``parse_document``, or the stored parse of a file with the same content (a stored parse
        of a scan is never deferred: its OCR is done)."""
        path = Path(path)
        detect_format(path, max_mb=max_mb)  # size and type are checked on the file itself, every time
        try:
            digest = file_hash(path)
        except OSError:
            return parse_document(path, max_mb=max_mb)  # which says in Dutch why it cannot be read
        doc = self.get(digest) if digest else None
        if doc is not None:
            self.hits += 1
            doc.path = str(path)
            return doc
        self.misses += 1
        doc = parse_document(path, max_mb=max_mb, ocr_cache=self.ocr_folder, defer_ocr=defer_ocr)
        if doc.content_hash:
            self.put(doc)
        return doc
