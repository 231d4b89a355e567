"""Files -> Document. ``parse_document`` is the one entry point."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from assistant.errors import FileMissing
from assistant.model import Document, assign_offsets
from assistant.parse.detect import DEFAULT_MAX_MB, detect_format
from assistant.parse.kamerstuk import read_paper_head
from assistant.parse.layout import group_paragraphs, strip_lines_naming, strip_running_lines
from assistant.parse.lines import RawDocument
from assistant.parse.meta import (
    classify_kind,
    find_addressee,
    find_date,
    find_sender,
    find_title,
    split_letterhead,
)
from assistant.parse.structure import classify, mark_contents

__all__ = ["parse_document", "file_hash"]

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def file_hash(path: str | Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def parse_document(path: str | Path, max_mb: float = DEFAULT_MAX_MB, *, ocr: bool = True,
                   ocr_cache: Path | None = None, defer_ocr: bool = False) -> Document:
    """Read a PDF, DOCX or text file into a Document, or raise a DocumentError. With ``ocr``
    False, scanned PDF pages are not read (the labelled sets were labelled on the text layers);
    ``ocr_cache`` is where page readings are kept. With ``defer_ocr``, a PDF with pages to read
    by OCR raises ``ocr.OcrDeferred`` instead (an ingest reads such files last)."""
    path = Path(path)
    fmt = detect_format(path, max_mb=max_mb)
    try:
        raw = _read(path, fmt, ocr, ocr_cache, defer_ocr)
        digest = file_hash(path)
    except OSError as exc:
        raise FileMissing(path, f"het bestand kan niet worden gelezen ({exc.strerror or exc}); "
                                "controleer of u leesrechten heeft") from exc
    return build_document(raw, path, digest)


def _read(path: Path, fmt: str, ocr: bool = True, ocr_cache: Path | None = None,
          defer_ocr: bool = False) -> RawDocument:
    if fmt == "pdf":
        from assistant.parse.pdf import read_pdf

        return read_pdf(path, ocr=ocr, ocr_cache=ocr_cache, defer_ocr=defer_ocr)
    if fmt == "docx":
        from assistant.parse.docx import read_docx

        return read_docx(path)
    if fmt == "odt":
        from assistant.parse.odt import read_odt

        return read_odt(path)
    from assistant.parse.text import read_text

    return read_text(path)


def build_document(raw: RawDocument, path: Path, content_hash: str) -> Document:
    # A Word file keeps headers and footers apart already; its pages are only estimated, so
    # a paragraph repeated in the body must not be mistaken for a running header.
    pages = raw.pages if raw.format in ("docx", "odt") else strip_running_lines(raw.pages, raw.warnings)[0]
    first = next((i for i, lines in enumerate(pages) if lines), 0)
    letterhead = split_letterhead(pages[first]) if pages else None
    if letterhead and letterhead.body_start:
        pages[first] = pages[first][letterhead.body_start:]
        if pages[first]:
            pages[first][0].new_paragraph = True
    fields = letterhead.fields if letterhead else {}
    # The sender's name stands in the first rows of the letterhead (beside or below its address).
    senders = [re.split(r"\s{3,}| \| ", line)[0].strip() for line in (letterhead.lines[:3] if letterhead else [])]
    pages = strip_lines_naming(pages, [fields.get("kenmerk"), fields.get("onderwerp")], senders)
    paragraphs = group_paragraphs(pages)
    for paragraph in paragraphs:
        # Broken font maps leave control characters that Word files cannot hold.
        paragraph.text = _CONTROL.sub(" ", paragraph.text).strip()
    blocks = assign_offsets(mark_contents([classify(p) for p in paragraphs if p.text]))
    lead_lines = (letterhead.lines if letterhead else []) + [b.text for b in blocks[:3]]
    title = find_title(fields, blocks, raw.properties)
    doc = Document(
        id=content_hash[:16],
        path=str(path),
        format=raw.format,
        content_hash=content_hash,
        pages=max(len(raw.pages), 1),
        blocks=blocks,
        title=title,
        date=find_date(fields, lead_lines),
        reference=fields.get("kenmerk"),
        sender=find_sender(letterhead.lines if letterhead else [], blocks),
        addressee=find_addressee(fields, letterhead.lines if letterhead else []),
        letterhead=fields,
        warnings=list(raw.warnings),
        ocr_pages=dict(raw.ocr_pages),
    )
    doc.kind, doc.kind_evidence = classify_kind(title, doc.text)
    paper = read_paper_head(blocks)
    if paper is not None:  # a Kamerstuk or Aanhangsel names itself in its head
        doc.title = paper.title
        doc.date = paper.date or doc.date
        doc.reference = paper.reference or doc.reference
        doc.sender = paper.sender or doc.sender
        if paper.kind:
            doc.kind, doc.kind_evidence = paper.kind, paper.evidence
    return doc
