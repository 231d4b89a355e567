"""Document -> passages: paragraph-sized pieces that keep their page, paragraph and point."""

from __future__ import annotations

from assistant.model import Document, Passage
from assistant.nl.sentences import split_sentences
from assistant.parse.meta import is_closing, is_salutation

# Paragraphs longer than this are split at sentence boundaries; e5 reads 512 tokens at most,
# and a passage about one thing ranks better than a page about many.
MAX_WORDS = 160
_SIGNATURE_WORDS = 12


def make_passages(doc: Document) -> list[Passage]:
    passages: list[Passage] = []
    point: str | None = None
    heading: str | None = None
    signature = False
    for number, block in enumerate(doc.blocks, start=1):
        if block.kind == "heading":
            heading = block.text
            point = block.number  # a numbered heading ("2. Regie") opens a section; else none
            continue  # a heading is context for what follows, not an answer on its own
        if block.kind == "point":
            point = block.number
        # "Geachte leden", "Hoogachtend," and the short signature lines after it answer no
        # question; an annex after the signature does.
        signature = is_closing(block.text) or (signature and len(block.text.split()) <= _SIGNATURE_WORDS)
        if signature or is_salutation(block.text):
            continue
        for start, end in _chunks(block.text):
            passages.append(
                Passage(
                    id=passage_id(doc.id, doc.content_hash, len(passages)),
                    doc_id=doc.id,
                    text=block.text[start:end],
                    page=block.page,
                    block=number,
                    start=block.start + start,
                    end=block.start + end,
                    point=point,
                    heading=heading if block.kind != "heading" else None,
                    ocr=doc.read_by_ocr(block),
                )
            )
    if not passages:  # an agenda or a note of headings only: its headings are its text
        passages = [Passage(id=passage_id(doc.id, doc.content_hash, i), doc_id=doc.id, text=b.text, page=b.page,
                            block=number, start=b.start, end=b.end, point=b.number, ocr=doc.read_by_ocr(b))
                    for i, (number, b) in enumerate((n, b) for n, b in enumerate(doc.blocks, start=1)
                                                    if b.kind == "heading")]
    return passages


def passage_id(doc_id: str, version: str, n: int) -> str:
    """A passage's id: its document, the version (content hash) it was cut from, its number."""
    return f"{doc_id}-{version[:12]}-{n}"


def passage_document(pid: str) -> str:
    """The document a passage id belongs to."""
    return pid.rsplit("-", 2)[0]


def of_version(pid: str, version: str) -> bool:
    """Whether a passage id was cut from this version of its document."""
    return pid.rsplit("-", 2)[1] == version[:12]


def _chunks(text: str) -> list[tuple[int, int]]:
    """Spans of at most MAX_WORDS words, cut between sentences."""
    if len(text.split()) <= MAX_WORDS:
        return [(0, len(text))]
    chunks: list[tuple[int, int]] = []
    start = end = None
    words = 0
    for s, e in split_sentences(text):
        n = len(text[s:e].split())
        if start is not None and words + n > MAX_WORDS:
            chunks.append((start, end))
            start, words = None, 0
        if start is None:
            start = s
        end, words = e, words + n
    if start is not None:
        chunks.append((start, end))
    return chunks
