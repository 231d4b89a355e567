"""The encoding of a text file: UTF-8, UTF-16 (with or without byte order mark), or a Windows
code page, and files that mix UTF-8 with Latin-1 lines (a letter pasted together from two
sources). Dutch accents (é, ë, ï, ö) must survive every one of them.
"""

from __future__ import annotations

import codecs

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when every other byte of a sample is NUL (ASCII letters in
    UTF-16), else None."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def decode_text(data: bytes) -> str:
    """The text of a file's bytes, by byte order mark, UTF-16 pattern, UTF-8, or (line by line,
    for what is not UTF-8) the code page a detector finds, Windows-1252 by default."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    if (wide := utf16_without_bom(data)) is not None:
        return data.decode(wide, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    lines = data.splitlines(keepends=True)
    foreign = [line for line in lines if not _is_utf8(line)]
    codec = _code_page(b"".join(foreign))
    return "".join(line.decode("utf-8") if _is_utf8(line) else line.decode(codec, errors="replace") for line in lines)


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _code_page(data: bytes) -> str:
    """The single-byte code page of text that is not UTF-8 (Windows-1252 unless the detector is
    sure of another Western one)."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - it comes with requests; without it, the usual case
        return "cp1252"
    best = from_bytes(data, cp_isolation=["cp1252", "latin_1", "iso8859_15", "mac_roman", "cp850"]).best()
    return best.encoding if best is not None else "cp1252"
