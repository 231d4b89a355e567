"""Versions of one letter: a concept and the definitive text, a revised report. Documents with the
same kenmerk, or the same title from the same sender within a few months, are versions of one
letter. Wherever a document is picked for the user (the response to an advice), the newest
version is taken; a newer version is never "later evidence" for an older one."""

from __future__ import annotations

import re
from datetime import timedelta

from assistant.model import DocumentInfo

# Versions of one letter without a kenmerk are written within this time of each other.
_WINDOW = timedelta(days=150)


def _key(text: str | None) -> str:
    return re.sub(r"[^0-9a-z]+", "", (text or "").lower())


def is_version(one: DocumentInfo, other: DocumentInfo) -> bool:
    """Whether two indexed documents are versions of the same letter (never a document itself)."""
    if one.id == other.id:
        return False
    if _key(one.reference) and _key(one.reference) == _key(other.reference):
        return True
    if not (_key(one.title) and _key(one.title) == _key(other.title)):
        return False
    if _key(one.sender) != _key(other.sender):
        return False
    if one.date and other.date:
        return abs(one.date - other.date) <= _WINDOW
    return True


def version_groups(documents: list[DocumentInfo]) -> list[list[DocumentInfo]]:
    """The documents grouped by letter, each group oldest first; single documents form a group of one."""
    groups: list[list[DocumentInfo]] = []
    for doc in documents:
        home = next((g for g in groups if any(is_version(doc, member) for member in g)), None)
        if home is None:
            groups.append([doc])
        else:
            home.append(doc)
    for group in groups:
        group.sort(key=_order)
    return groups


def newest(doc: DocumentInfo, documents: list[DocumentInfo]) -> DocumentInfo:
    """The newest version of ``doc`` among ``documents`` (``doc`` itself when it has none)."""
    return max([doc] + [d for d in documents if is_version(doc, d)], key=_order)


def previous(doc: DocumentInfo, documents: list[DocumentInfo]) -> DocumentInfo | None:
    """The version just before ``doc``, if any."""
    older = [d for d in documents if is_version(doc, d) and _order(d) < _order(doc)]
    return max(older, key=_order) if older else None


def _order(doc: DocumentInfo):
    from datetime import date

    return (doc.date or date.min, doc.path)
