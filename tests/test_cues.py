"""Every rule carries its own evidence: each cue fires on the example sentence we wrote for it and
not on its counterexample (commitment cues, who-speaks cues, stance cues)."""

from __future__ import annotations

import pytest

from assistant.extract.cues import CUES, HEDGES, INTENT, strength
from assistant.extract.stance import SIGNALS, VERDICTS
from assistant.extract.voice import POINT_CUES, REPLY_CUES

ALL = list(CUES) + list(HEDGES) + list(POINT_CUES) + list(REPLY_CUES) + [cue for _, cue in VERDICTS + SIGNALS]


@pytest.mark.parametrize("cue", ALL, ids=[c.name for c in ALL])
def test_cue_fires_on_its_example(cue):
    assert cue.fires(cue.example)


@pytest.mark.parametrize("cue", ALL, ids=[c.name for c in ALL])
def test_cue_is_silent_on_its_counterexample(cue):
    assert not cue.fires(cue.counterexample)


def test_cue_names_are_unique_per_table():
    for table in (CUES + HEDGES, POINT_CUES, REPLY_CUES, [c for _, c in VERDICTS + SIGNALS]):
        names = [c.name for c in table]
        assert len(names) == len(set(names))
    assert INTENT <= {c.name for c in CUES}


def test_no_cue_names_a_sample_actor_or_topic():
    # Rules are about how a promise is worded, never about who or what in our own letters.
    sample_words = ("rijnwaarde", "wijkregisseur", "logeer", "mantelzorg", "molenweg", "steunpunt")
    for cue in ALL:
        assert not any(word in cue.pattern.lower() for word in sample_words), cue.name


@pytest.mark.parametrize(("sentence", "level"), [
    ("Wij zullen de regeling per 1 januari 2026 verlengen.", "firm"),
    ("Wij streven ernaar de regeling per 1 januari 2026 te verlengen.", "intent"),
    ("Wij verlengen de regeling zo mogelijk per 1 januari 2026.", "intent"),
    ("Wij proberen de regeling per 1 januari 2026 te verlengen.", "intent"),
])
def test_one_strength_table_for_extraction_and_comparison(sentence, level):
    assert strength(sentence) == level
