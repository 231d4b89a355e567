"""One point of a document as the readers in ``points.py`` and ``labelled_reply.py`` find it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Section:
    """One point: the block that opens it, further blocks of the point itself (a quoted advice,
    the question) and the body (the answer, or an advice's explanation)."""

    numbers: tuple[str, ...]
    head: int  # index of the opening block in doc.blocks
    point: list[int] = field(default_factory=list)
    body: list[int] = field(default_factory=list)
    auto: bool = False  # numbered in order of appearance: the document gives no number
    answered_with: tuple[str, ...] = ()  # every point one grouped answer answers ("Antwoord op vraag 3 en 4")
    # The answer begins inside the point's last block (block index, character offset): a question
    # restated and answered in one paragraph.
    reply_from: tuple[int, int] | None = None
