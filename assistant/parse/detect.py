"""Tell a file's type by its content, not its name, and refuse what we cannot read."""

from __future__ import annotations

import codecs

import zipfile
import zlib
from pathlib import Path
from typing import Literal

from assistant.parse.encoding import decode_text, utf16_without_bom
from assistant.errors import (
    CorruptDocument,
    EmptyDocument,
    FileMissing,
    TooLarge,
    UnsupportedType,
)

Format = Literal["pdf", "docx", "odt", "text"]

# File names the assistant reads (the content decides how; these are what a folder ingest and
# the app's upload box accept): PDF, Word, OpenDocument and plain text.
SUPPORTED_SUFFIXES: tuple[str, ...] = (".pdf", ".docx", ".odt", ".txt", ".md")

DEFAULT_MAX_MB = 100
# Zip members (docx, odt) may unpack to this many times the file's size, within these bounds.
ZIP_RATIO = 50
ZIP_BUDGET_FLOOR = 20_000_000
ZIP_BUDGET_CAP = 200_000_000

# Magic bytes of formats people commonly mistake for documents we read, with the advice
# that fits each one.
_KNOWN_OTHER: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0", "dit is een oud Word- of Office-bestand (.doc/.xls); sla het op als .docx of PDF"),
    (b"{\\rtf", "dit is een RTF-bestand; sla het op als .docx of PDF"),
    (b"\x89PNG", "dit is een afbeelding (PNG); maak er met OCR een doorzoekbare PDF van"),
    (b"\xff\xd8\xff", "dit is een afbeelding (JPEG); maak er met OCR een doorzoekbare PDF van"),
    (b"II*\x00", "dit is een afbeelding (TIFF); maak er met OCR een doorzoekbare PDF van"),
    (b"MM\x00*", "dit is een afbeelding (TIFF); maak er met OCR een doorzoekbare PDF van"),
    (b"\x1f\x8b", "dit is een gecomprimeerd archief (gzip); pak het eerst uit"),
    (b"\x7fELF", "dit is een programmabestand, geen document"),
)


def detect_format(path: str | Path, max_mb: float = DEFAULT_MAX_MB) -> Format:
    """Return "pdf", "docx", "odt" or "text" for a readable file, or raise a DocumentError."""
    path = Path(path)
    try:
        return _detect(path, max_mb)
    except OSError as exc:  # no read permission, a file that vanished, a broken disk
        raise FileMissing(path, f"het bestand kan niet worden gelezen ({exc.strerror or exc}); "
                                "controleer of u leesrechten heeft") from exc


def _detect(path: Path, max_mb: float) -> Format:
    if not path.is_file():
        raise FileMissing(path)
    size = path.stat().st_size
    if size == 0:
        raise EmptyDocument(path)
    if size > max_mb * 1024 * 1024:
        raise TooLarge(
            path,
            f"het bestand is {size / 1024 / 1024:.0f} MB en daarmee groter dan de grens van "
            f"{max_mb:g} MB; splits het document of verhoog de grens (--max-mb)",
        )
    with path.open("rb") as fh:
        head = fh.read(8192)
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_format(path)
    for magic, advice in _KNOWN_OTHER:
        if head.startswith(magic):
            raise UnsupportedType(path, advice)
    if _looks_like_text(head):
        return "text"
    raise UnsupportedType(
        path, "het bestand bevat binaire gegevens en geen leesbare tekst; gebruik PDF, Word (.docx) of platte tekst"
    )


def _zip_format(path: Path) -> Format:
    try:
        with zipfile.ZipFile(path) as zf:
            _check_zip_budget(path, zf)
            names = set(zf.namelist())
            mimetype = ""
            if "mimetype" in names:
                with zf.open("mimetype") as member:  # a few bytes: the member itself may be a zip bomb
                    mimetype = member.read(100).decode("ascii", "replace")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, EOFError, NotImplementedError, RuntimeError,
            zlib.error) as exc:
        raise CorruptDocument(path, f"het zip-/Word-bestand is beschadigd ({exc}); sla het opnieuw op") from exc
    if "word/document.xml" in names:
        return "docx"
    if "opendocument.text" in mimetype and "content.xml" in names:
        return "odt"
    if "xl/workbook.xml" in names or "ppt/presentation.xml" in names:
        raise UnsupportedType(path, "dit is een Excel- of PowerPoint-bestand, geen brief; sla de tekst op als .docx of PDF")
    raise UnsupportedType(
        path, "dit is een zip-archief zonder Word-document erin; pak het uit en kies het document zelf"
    )


def _check_zip_budget(path: Path, archive: zipfile.ZipFile) -> None:
    """Refuse a zip (docx, odt) whose members unpack to far more than the file itself: a zip
    bomb would otherwise fill the memory. The sizes are the ones the zip declares; Python's
    zipfile never unpacks a member past its declared size."""
    size = path.stat().st_size
    budget = min(ZIP_BUDGET_CAP, max(ZIP_BUDGET_FLOOR, ZIP_RATIO * size))
    unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > budget:
        raise CorruptDocument(
            path, f"het bestand pakt uit tot {unpacked / 1e6:.0f} MB, veel meer dan een document van "
                  f"{size / 1e6:.1f} MB kan bevatten (een zogenaamde zip-bom); het wordt niet gelezen")


def _looks_like_text(head: bytes) -> bool:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or utf16_without_bom(head):
        text = decode_text(head[: len(head) // 2 * 2])
        printable = sum(ch.isprintable() or ch in "\n\r\t\f" for ch in text)
        return bool(text) and printable / len(text) > 0.95
    if b"\x00" in head:
        return False
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the sample is still text.
        if exc.start < len(head) - 4:
            text = head.decode("cp1252", errors="replace")
        else:
            text = head[: exc.start].decode("utf-8")
    if not text:
        return False
    printable = sum(ch.isprintable() or ch in "\n\r\t\f" for ch in text)
    return printable / len(text) > 0.95
