"""PDF reader (pypdf). Malformed input is the normal case: every failure becomes a
DocumentError that says what to do."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from assistant.errors import CorruptDocument, EncryptedDocument, NoTextLayer
from assistant.parse.lines import Line, RawDocument

# A page with fewer words than this has no usable text layer (a scan).
_MIN_WORDS_PER_PAGE = 5


def read_pdf(path: str | Path) -> RawDocument:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError, PyPdfError

    # pypdf logs every repaired cross-reference; it recovered, so the user need not know.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(str(path), strict=False)
        if reader.is_encrypted:
            # Many PDFs are "encrypted" with an empty user password (only editing is locked).
            try:
                if not reader.decrypt(""):
                    raise EncryptedDocument(path)
            except (FileNotDecryptedError, NotImplementedError, DependencyError) as exc:
                raise EncryptedDocument(path) from exc
        page_texts = [_page_text(page) for page in reader.pages]
        properties = _properties(reader)
    except (EncryptedDocument,):
        raise
    except FileNotDecryptedError as exc:
        raise EncryptedDocument(path) from exc
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            RecursionError, OSError) as exc:
        raise CorruptDocument(path, f"het PDF-bestand is beschadigd en kan niet worden gelezen ({type(exc).__name__}); "
                              "sla het opnieuw op als PDF of vraag de afzender om een nieuw exemplaar") from exc

    if not page_texts:
        raise CorruptDocument(path, "het PDF-bestand bevat geen pagina's")
    empty = [i + 1 for i, text in enumerate(page_texts) if len(text.split()) < _MIN_WORDS_PER_PAGE]
    if len(empty) == len(page_texts):
        raise NoTextLayer(path)
    warnings = []
    if empty:
        warnings.append(
            f"{len(empty)} van {len(page_texts)} pagina's hebben geen tekstlaag (gescand): "
            f"{_page_list(empty)}; die pagina's zijn niet gelezen, OCR is nodig"
        )
    pages = [_lines(text, page_no) for page_no, text in enumerate(page_texts, start=1)]
    return RawDocument(format="pdf", pages=pages, warnings=warnings, properties=properties)


def _page_text(page) -> str:
    """Layout mode keeps vertical gaps (blank lines) that tell where paragraphs end."""
    try:
        return page.extract_text(extraction_mode="layout")
    except Exception:  # noqa: BLE001 - layout mode fails on some fonts; plain mode still reads them
        return page.extract_text() or ""


def _lines(text: str, page_no: int) -> list[Line]:
    lines: list[Line] = []
    blank_before = True
    for raw in text.split("\n"):
        if not raw.strip():
            blank_before = True
            continue
        # Keep wide gaps (columns) as three spaces; fold the rest.
        cleaned = re.sub(r" {3,}", "   ", raw.strip())
        lines.append(Line(text=cleaned, page=page_no, new_paragraph=blank_before))
        blank_before = False
    return lines


def _properties(reader) -> dict[str, str]:
    meta = reader.metadata or {}
    props = {}
    for key, name in (("/Title", "title"), ("/Author", "author"), ("/Subject", "subject")):
        value = meta.get(key)
        if value and str(value).strip():
            props[name] = str(value).strip()
    return props


def _page_list(pages: list[int]) -> str:
    shown = ", ".join(str(p) for p in pages[:10])
    return shown + (" ..." if len(pages) > 10 else "")
