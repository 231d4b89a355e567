"""Every real document of ../shared/corpus-real/ parses to the same text as the reference parse
(tests/fixtures/parse_reference.json, written by bench/parse_reference.py with the layout-mode
PDF reader, before it was rebuilt for speed): no more than 5 % of the words lost, the same
vocabulary (word MinHash similarity at least 0.9), and the same word order (3-gram similarity at
least 0.7) except where the pages have no reading order (OCR noise, slides)."""

from __future__ import annotations

import json

import pytest

from bench.parse_reference import REFERENCE, SHARED, fingerprint, similarity
from tests.conftest import need

pytestmark = pytest.mark.slow
REFERENCES = json.loads(REFERENCE.read_text(encoding="utf-8"))
# No reading order to keep: pages of scattered OCR characters (a folder photographed at an angle),
# and presentation slides of loose text boxes.
NO_READING_ORDER = {
    "haarlem-woo-rattenoverlast/pdf/2024-11-24 Beantw aanv technische vraag PvdD thuisbezoeken "
    "spaarnelanden (geanonimiseerd).pdf",
    "haarlem-woo-rattenoverlast/pdf/Samenspel Rattenbestrijding (geanonimiseerd).pdf",
}


@pytest.mark.parametrize("name", sorted(REFERENCES), ids=lambda name: name.split("/")[-1][:60])
def test_parse_gives_the_reference_text(name):
    path = need(SHARED / name)
    expected = REFERENCES[name]
    found = fingerprint(path)
    assert found is not None, f"{name} no longer parses"
    assert found["words"] >= 0.95 * expected["words"] - 5, (found["words"], expected["words"])
    assert found["words"] <= 1.15 * expected["words"] + 5, (found["words"], expected["words"])
    assert similarity(found["vocabulary"], expected["vocabulary"]) >= 0.9
    if name not in NO_READING_ORDER:
        assert similarity(found["minhash"], expected["minhash"]) >= 0.7
