"""Every candidate sentence of a document as the classifier scored it, kept beside the index.

Ingest scores every sentence of a document anyway (to find its commitments); kept here by the
document's content hash and a fingerprint of the code and model that scored it, a compare of two
indexed versions reads them instead of scoring again (scoring is most of a compare's own time).
The entries hold no document identity: id, title and date are those of the document read now.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

from assistant.extract.commitments import Scored, scored_sentences
from assistant.model import Amount, Commitment, DateRange, Document, Source

_PACKAGE = Path(__file__).resolve().parent.parent
Scorer = Callable[[Document, "set[int] | None"], list[Scored]]


@cache
def fingerprint() -> str:
    """The code and weights that turn a parsed document into scored sentences."""
    from assistant.parse.cache import parser_fingerprint

    digest = hashlib.sha256(parser_fingerprint().encode())
    for source in sorted((_PACKAGE / "extract").glob("*.py")) + sorted((_PACKAGE / "extract").glob("*.json")):
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


class ScoredCache:
    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def _entry(self, doc: Document) -> Path:
        return self.folder / doc.content_hash[:2] / f"{doc.content_hash}-{fingerprint()}.json.gz"

    def put(self, doc: Document, scored: list[Scored]) -> None:
        if not doc.content_hash:
            return
        entry = self._entry(doc)
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as raw, gzip.open(raw, "wt", encoding="utf-8") as fh:
                json.dump([_to_dict(s) for s in scored], fh, ensure_ascii=False)
            os.replace(tmp, entry)
        except OSError:
            pass  # a cache that cannot be written only costs time

    def get(self, doc: Document) -> list[Scored] | None:
        if not doc.content_hash:
            return None
        try:
            with gzip.open(self._entry(doc), "rt", encoding="utf-8") as fh:
                return [_from_dict(item, doc) for item in json.load(fh)]
        except (OSError, ValueError, KeyError, TypeError, EOFError):
            return None

    def scored(self, doc: Document, only: set[int] | None = None) -> list[Scored]:
        """``scored_sentences(doc, only)``, from the cache when the document was scored before."""
        found = self.get(doc)
        if found is None:
            return scored_sentences(doc, only)
        return found if only is None else [s for s in found if s.commitment.source.block - 1 in only]


def _to_dict(s: Scored) -> dict:
    c = s.commitment
    return {
        "accepted": s.accepted, "looks": s.looks_like_one,
        "text": c.text, "action": c.action, "actor": c.actor, "point": c.point, "strength": c.strength,
        "confidence": c.confidence, "why": list(c.why),
        "source": [c.source.page, c.source.block, c.source.start, c.source.end, c.source.ocr],
        "due": c.due.to_dict() if c.due else None,
        "amount": c.amount.to_dict() if c.amount else None,
    }


def _from_dict(item: dict, doc: Document) -> Scored:
    page, block, start, end, ocr = item["source"]
    commitment = Commitment(
        text=item["text"], action=item["action"], actor=item["actor"], point=item["point"],
        strength=item["strength"], confidence=item["confidence"], why=tuple(item["why"]),
        source=Source(doc_id=doc.id, page=page, block=block, start=start, end=end, ocr=ocr),
        due=DateRange.from_dict(item["due"]) if item["due"] else None,
        amount=Amount.from_dict(item["amount"]) if item["amount"] else None,
        doc_title=doc.title, doc_date=doc.date,
    )
    return Scored(commitment, item["accepted"], item["looks"])

