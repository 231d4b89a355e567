"""The college's stance on an advice point, from Dutch cue phrases, with the deciding sentence.

Two tiers: an explicit verdict on the advice ("wij nemen dit advies (niet|gedeeltelijk) over")
outranks softer signals ("wij delen uw zorg", "wij zien geen aanleiding"). Within a tier
the first sentence that carries a cue decides; inside one sentence, disagree outranks partly
outranks agree, because "neemt het advies niet over" also contains "neemt ... over".
"""

from __future__ import annotations

import re

from assistant.model import Stance
from assistant.nl.sentences import sentences

_ADVICE = r"(?:dit|het|uw|deze|dat|die)\s+(?:\w+\s+){0,2}?(?:adviezen|advies|adviespunten|adviespunt|aanbevelingen|aanbeveling|voorstellen|voorstel)"

# (stance, pattern) per tier, in priority order within a sentence.
VERDICTS: tuple[tuple[Stance, str], ...] = (
    ("disagree", rf"\b(neemt|nemen|neem)\s+(wij\s+|we\s+|het college\s+)?{_ADVICE}\s+niet\s+over\b"),
    ("disagree", rf"\b{_ADVICE}\s+(nemen|neemt)\s+(wij|we|het college)\s+niet\s+over\b"),
    ("disagree", rf"\b(volgt|volgen)\s+(wij\s+|we\s+)?{_ADVICE}\s+niet\b"),
    ("disagree", rf"\b(wijst|wijzen)\s+(wij\s+|we\s+)?{_ADVICE}\s+af\b"),
    ("disagree", rf"\b{_ADVICE}\s+(niet\s+over(nemen|genomen)|niet\s+op\s+te\s+volgen)\b"),
    ("partly", rf"\b(neemt|nemen)\s+(wij\s+|we\s+|het college\s+)?{_ADVICE}\s+(gedeeltelijk|deels|ten dele|voor een deel|in aangepaste vorm|op onderdelen)\s+over\b"),
    ("partly", rf"\b{_ADVICE}\s+(gedeeltelijk|deels|ten dele|in aangepaste vorm)\b"),
    ("partly", r"\b(gedeeltelijk|deels|ten dele|in aangepaste vorm)\s+over(genomen|nemen)?\b"),
    ("agree", rf"\b(neemt|nemen)\s+(wij\s+|we\s+|het college\s+)?{_ADVICE}\s+(volledig\s+|graag\s+|integraal\s+)?over\b"),
    ("agree", rf"\b{_ADVICE}\s+(nemen|neemt)\s+(wij|we|het college)\s+(graag\s+|volledig\s+)?over\b"),
    ("agree", rf"\b(volgt|volgen)\s+(wij\s+|we\s+)?{_ADVICE}\b"),
    ("agree", rf"\b(onderschrijft|onderschrijven)\s+{_ADVICE}\b"),
)
SIGNALS: tuple[tuple[Stance, str], ...] = (
    ("disagree", r"\b(zien|ziet)\s+(wij\s+|we\s+|het college\s+)?(daar|hier|dan ook)?\s*geen\s+aanleiding\b"),
    ("disagree", r"\b(kunnen|kan)\s+(wij\s+|we\s+|het college\s+)?(hier|daar)\s+niet\s+in\s+meegaan\b"),
    ("disagree", r"\b(gaan|gaat)\s+(wij\s+|we\s+|het college\s+)?(hier|daar)\s+niet\s+in\s+mee\b"),
    ("disagree", r"\b(achten|acht)\s+(wij\s+|we\s+|het college\s+)?dit\s+niet\s+(wenselijk|nodig|haalbaar)\b"),
    ("partly", r"\b(gedeeltelijk|deels|ten dele|in aangepaste vorm|voor een deel)\b"),
    ("agree", r"\b(onderschrijft|onderschrijven|onderschrijf)\b"),
    ("agree", r"\b(deelt|delen)\s+(wij\s+|we\s+|het college\s+)?(uw|de|deze)\s+(stelling|mening|analyse|conclusie|opvatting|visie|zorg|zorgen)\b"),
    ("agree", r"\b(is|zijn)\s+(het\s+)?(wij\s+|we\s+|het college\s+)?(het\s+)?(met\s+u\s+|met\s+de\s+\w+\s+)?(volledig\s+)?eens\b"),
    ("agree", r"\b(eens\s+met\s+(u|uw|de adviesraad))\b"),
    ("agree", r"\b(sluit|sluiten)\s+(wij\s+|we\s+|het college\s+)?(ons|zich)\s+aan\s+bij\s+(uw|het|dit)\b"),
    ("agree", r"\b(herkent|herkennen)\s+(wij\s+|we\s+)?(uw|het|de)\b"),
)
_ORDER: dict[Stance, int] = {"disagree": 0, "partly": 1, "agree": 2}


def decide_stance(text: str) -> tuple[Stance, str | None]:
    """The stance of an answer and the sentence that decided it (None when unclear)."""
    parts = sentences(text)
    for rules in (VERDICTS, SIGNALS):
        for sentence in parts:
            lowered = sentence.lower()
            found = [stance for stance, pattern in rules if re.search(pattern, lowered)]
            if found:
                return min(found, key=_ORDER.__getitem__), sentence
    return "unclear", None
