"""pypdf made faster without changing what it gives: a content-stream reader, and fonts read
once per document.


pypdf reads a content stream one byte at a time through a file object; on long documents with
one text object per word that is most of the time spent parsing (a 72-page report: 8 of 14 s).
This reader tokenises the same bytes with one regular expression and builds the same pypdf
objects (numbers, names, strings, arrays, dictionaries) in the same order. Whatever it does not
handle the same way for certain (an inline image, an escaped name, an indirect reference, a
stray delimiter) makes it hand the whole stream back to pypdf's reader, so the result is always
pypdf's. `tests/test_pdf_content.py` checks the two give equal operations on real PDFs.

pypdf also reads a page's fonts again on every page: for a font with a large ToUnicode map
(an embedded subset mapped by ranges) that was 3 of the 3.4 s an 8-page letter took. Inside
``fonts_read_once()`` a font object is read once and its reading reused on the next pages (the
reader hands back the same object for the same font).

`install()` puts both in place of pypdf's methods; it is called by the PDF reader.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from io import BytesIO
from typing import Any

from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    ByteStringObject,
    ContentStream,
    DictionaryObject,
    FloatObject,
    NameObject,
    NullObject,
    NumberObject,
)
from pypdf.generic._font import Font
from pypdf.generic._utils import create_string_object, read_string_from_stream

_ORIGINAL = ContentStream._parse_content_stream
_ORIGINAL_FONT = Font.from_font_resource.__func__
_LOCAL = threading.local()

_TOKEN = re.compile(
    rb"""
    [\x00\t\n\x0c\r ]*
    (?:
    (?P<comment>%[^\r\n]*)
  | (?P<name>/[^\s()<>\[\]{}/%]*)
  | (?P<number>[+\-.0-9]+)
  | (?P<string>\((?:[^()\\]|\\.)*\))
  | (?P<dict><<)
  | (?P<dictend>>>)
  | (?P<hex><[0-9A-Fa-f\x00\t\n\x0c\r ]*>)
  | (?P<open>\[)
  | (?P<close>\])
  | (?P<word>[A-Za-z'"][^\s()<>\[\]{}/%]*)
    )
    """,
    re.VERBOSE | re.DOTALL,
)
_HEX_SPACE = re.compile(rb"[\x00\t\n\x0c\r ]")
_SPACE = b"\x00\t\n\x0c\r "
# pypdf reads a number from a peek of 20 bytes (a longer one goes another way), and refuses
# names and operators longer than its limits.
_NUMBER_PEEK = 20
_NAME_LIMIT = 4000
_OPERATOR_LIMIT = 120


class _Unsupported(Exception):
    """Something this reader does not mirror exactly: pypdf's reader takes over."""


def install() -> None:
    """Use the fast reader for every content stream pypdf parses from now on, and the font
    memory inside ``fonts_read_once`` (idempotent)."""
    ContentStream._parse_content_stream = _parse_content_stream
    Font.from_font_resource = classmethod(_font_from_resource)


@contextmanager
def fonts_read_once() -> Iterator[None]:
    """Within this block (one document, in this thread) a font is read only the first time."""
    previous = getattr(_LOCAL, "fonts", None)
    _LOCAL.fonts = {}
    try:
        yield
    finally:
        _LOCAL.fonts = previous


def _font_from_resource(cls, pdf_font_dict):
    fonts = getattr(_LOCAL, "fonts", None)
    if fonts is None:
        return _ORIGINAL_FONT(cls, pdf_font_dict)
    known = fonts.get(id(pdf_font_dict))
    if known is not None and known[0] is pdf_font_dict:
        return known[1]
    font = _ORIGINAL_FONT(cls, pdf_font_dict)
    fonts[id(pdf_font_dict)] = (pdf_font_dict, font)  # the object is held, so its id stays its own
    return font


def _parse_content_stream(self: ContentStream, stream: Any) -> None:
    data = stream.getvalue() if isinstance(stream, BytesIO) else None
    if data is None:
        _ORIGINAL(self, stream)
        return
    try:
        self._operations = parse_operations(data, self.forced_encoding)
    except _Unsupported:
        self._operations = []
        _ORIGINAL(self, stream)


def parse_operations(data: bytes, forced_encoding: Any = None) -> list[tuple[Any, bytes]]:
    """The (operands, operator) pairs of a content stream, as pypdf gives them."""
    operations: list[tuple[Any, bytes]] = []
    operands: list[Any] = []
    # Open arrays and dictionaries, innermost last; a dictionary collects a flat list of items.
    stack: list[list[Any]] = []
    kinds: list[str] = []
    match = _TOKEN.match
    pos, end = 0, len(data)
    while pos < end:
        m = match(data, pos)
        if m is None:
            pos = len(data) - len(data[pos:].lstrip(_SPACE)) if data[pos:pos + 1] in _SPACE else pos
            if pos == end:
                break
            if data[pos:pos + 1] == b"(":
                value, pos = _nested_string(data, pos, forced_encoding)
                (stack[-1] if stack else operands).append(value)
                continue
            raise _Unsupported(data[pos:pos + 1])
        kind = m.lastgroup
        token = m.group(kind)
        pos = m.end()
        if kind == "comment":
            continue
        if kind == "word":
            if stack:
                if token == b"true" or token == b"false":
                    stack[-1].append(BooleanObject(token == b"true"))
                elif token == b"null":
                    stack[-1].append(NullObject())
                else:
                    raise _Unsupported(token)
                continue
            if token == b"BI" or token == b"ID" or token == b"EI" or len(token) > _OPERATOR_LIMIT:
                raise _Unsupported(token)
            operations.append((operands, token))
            operands = []
            continue
        if kind == "open" or kind == "dict":
            stack.append([])
            kinds.append(kind)
            continue
        if kind == "close" or kind == "dictend":
            if not stack or kinds[-1] != ("open" if kind == "close" else "dict"):
                raise _Unsupported(token)
            items = stack.pop()
            kinds.pop()
            value = ArrayObject(items) if kind == "close" else _dictionary(items)
        elif kind == "number":
            if len(token) >= _NUMBER_PEEK:
                raise _Unsupported(token)
            value = _number(token)
        elif kind == "name":
            value = _name(token)
        elif kind == "string":
            value = _string(token, forced_encoding)
        else:  # hex
            digits = _HEX_SPACE.sub(b"", token[1:-1])
            if len(digits) % 2:
                digits += b"0"
            value = create_string_object(bytes.fromhex(digits.decode("ascii")), forced_encoding)
        (stack[-1] if stack else operands).append(value)
    if stack:
        raise _Unsupported(b"unterminated")
    return operations


def _number(token: bytes) -> FloatObject | NumberObject:
    # The constructors without their Python-level checks; a malformed number takes the checked
    # way (pypdf warns and reads it as zero).
    try:
        if b"." in token:
            return float.__new__(FloatObject, float(token))
        return int.__new__(NumberObject, int(token))
    except ValueError:
        return FloatObject(token) if b"." in token else NumberObject(token)


def _name(token: bytes) -> NameObject:
    if b"#" in token or len(token) > _NAME_LIMIT:
        raise _Unsupported(token)
    for charset in NameObject.CHARSETS:
        try:
            return NameObject(token.decode(charset))
        except UnicodeDecodeError:
            continue
    raise _Unsupported(token)


def _string(token: bytes, forced_encoding: Any):
    if b"\\" in token:
        return read_string_from_stream(BytesIO(token), forced_encoding)
    if forced_encoding == "bytes":
        return ByteStringObject(token[1:-1])
    return create_string_object(token[1:-1], forced_encoding)


def _nested_string(data: bytes, pos: int, forced_encoding: Any):
    """A literal string with balanced parentheses inside it: find its end, let pypdf read it."""
    depth, i, end = 0, pos, len(data)
    while i < end:
        c = data[i]
        if c == 0x5C:  # backslash: the next byte is escaped
            i += 2
            continue
        if c == 0x28:
            depth += 1
        elif c == 0x29:
            depth -= 1
            if depth == 0:
                token = data[pos:i + 1]
                return read_string_from_stream(BytesIO(token), forced_encoding), i + 1
        i += 1
    raise _Unsupported(b"unterminated string")


def _dictionary(items: list[Any]) -> DictionaryObject:
    if len(items) % 2:
        raise _Unsupported(b"odd dictionary")
    result = DictionaryObject()
    for key, value in zip(items[::2], items[1::2]):
        if not isinstance(key, NameObject):
            raise _Unsupported(b"dictionary key")
        if key not in result:  # pypdf keeps the first of a repeated key
            result[key] = value
    return result
