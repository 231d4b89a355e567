"""Dutch sentence splitting with character spans, aware of common abbreviations."""

from __future__ import annotations

import re

# Abbreviations after which a full stop does not end a sentence (lower case, no final dot).
ABBREVIATIONS = frozenset(
    """
    bijv o.a d.w.z nr nrs art blz pp mr dr drs ing ir prof jl e.d etc t.a.v i.v.m m.b.t
    z.s.m m.i.v i.p.v t.b.v n.a.v m.u.v c.q incl excl ca vgl zgn resp evt
    a.s j.l dhr mevr mw sept okt nov dec jan feb aug o.b.v t.o.v i.o.m e.a v.w.b
    """.split()
)
_BOUNDARY = re.compile(r"[.!?…]+['’”)]*\s+(?=[\"'‘“(]?[A-Z0-9ÀÁÉÈËÏÖÜ€•\-–])")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Spans (start, end) of the sentences in ``text``, trailing spaces excluded."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        candidate = text[start:match.start() + 1]
        if _ends_with_abbreviation(candidate) or _is_list_label(candidate):
            continue
        spans.append((start, end - (len(match.group(0)) - len(match.group(0).rstrip()))))
        start = end
    if start < len(text) and text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def _ends_with_abbreviation(candidate: str) -> bool:
    word = re.search(r"(\S+)\.$", candidate.rstrip())
    if not word:
        return False
    token = word.group(1).lower().lstrip("(\"'‘“")
    return token in ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def _is_list_label(candidate: str) -> bool:
    """"1." or "Advies 3." at the start is a label, not a sentence."""
    return bool(re.fullmatch(r"\s*(?:(?:advies(?:punt)?|punt|aanbeveling)\s+)?\d{1,2}[a-z]?\.", candidate, re.I))


def shorten(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters at a word boundary, with "…" if cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:–-")
    return cut + "…"
