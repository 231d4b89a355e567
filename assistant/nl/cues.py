"""A rule that carries its own evidence: a named pattern with an example it must match and a
counterexample it must not, both sentences we wrote. Structure (who speaks), stance and
commitment detection are tables of cues; tests run every cue on its own two sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Cue:
    name: str
    pattern: str
    example: str
    counterexample: str
    flags: int = re.IGNORECASE
    _compiled: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_compiled", re.compile(self.pattern, self.flags))

    def search(self, text: str) -> re.Match[str] | None:
        return self._compiled.search(text)

    def fires(self, text: str) -> bool:
        return self._compiled.search(text) is not None


def fired(cues: tuple[Cue, ...], text: str) -> list[str]:
    """The names of the cues that fire on ``text``."""
    return [cue.name for cue in cues if cue.fires(text)]
