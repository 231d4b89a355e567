"""The register's copy on disk, beside the lexical index: the commitments of every document
version, so that a new process (the app after a restart, every CLI call) lists the register
without reading every commitment from Chroma again (about 100 microseconds a record, 3.5 s for
20,000). When the store has seen no commit since the copy was written (its change counter), the
copy is the register; otherwise it is checked per document version, and a document whose
version differs is read from the store.
A copy that is missing, damaged or of another format is ignored; it only saves time.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from assistant.model import Commitment
from assistant.search.store import commitment_from_record, commitment_record, day_int

FILE = "register.json"
FORMAT = 2

Held = dict[str, tuple[str, list[Commitment]]]  # per document: its version and its commitments


def load(folder: Path | None, index: str) -> tuple[Held, int | None]:
    """The copy and the store's change counter when it was written, if it was written for this
    index (``Store.identity``: another index, a rebuild that may have found other commitments in
    the same version, or another Chroma server never match); ({}, None) otherwise."""
    if folder is None:
        return {}, None
    try:
        data = json.loads((folder / FILE).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT or data.get("index") != index:
            return {}, None
        held = {doc: (version, [commitment_from_record(text, meta) for text, meta in records])
                for doc, (version, records) in data["documents"].items()}
        return held, int(data["changes"])
    except Exception:  # noqa: BLE001 - a damaged copy of any shape is ignored; the store is read instead
        return {}, None


def save(folder: Path | None, index: str, changes: int, held: Held) -> None:
    """Write the copy whole, then move it in place: a reader never sees half a file."""
    if folder is None:
        return
    documents = {doc: (version, [(c.text, _record(c)) for c in found]) for doc, (version, found) in held.items()}
    part = folder / f"{FILE}.{os.getpid()}.part"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        part.write_text(json.dumps({"format": FORMAT, "index": index, "changes": changes,
                                    "documents": documents}, ensure_ascii=False), encoding="utf-8")
        os.replace(part, folder / FILE)
    except OSError:
        part.unlink(missing_ok=True)  # the copy only saves the next process time


def _record(c: Commitment) -> dict:
    record = commitment_record(c)
    record.update(doc_id=c.source.doc_id)
    if c.doc_title:
        record["doc_title"] = c.doc_title
    if c.doc_date:
        record["doc_date"] = day_int(c.doc_date)
    return record
