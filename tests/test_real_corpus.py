"""Every real document in ../shared/corpus-real parses or is refused with a message."""

from __future__ import annotations

import pytest

from assistant.errors import AssistantError
from assistant.parse import parse_document
from tests.conftest import SHARED

REAL = SHARED / "corpus-real"
SUFFIXES = {".pdf", ".docx", ".txt", ".md", ".odt", ".html", ".xml"}
FILES = sorted(p for p in REAL.rglob("*") if p.suffix.lower() in SUFFIXES) if REAL.is_dir() else []


@pytest.mark.skipif(not FILES, reason="../shared/corpus-real is absent beside the clone")
@pytest.mark.parametrize("path", FILES, ids=[p.name[:50] for p in FILES])
def test_real_document_parses_or_is_refused_with_a_message(path):
    try:
        doc = parse_document(path)
    except AssistantError as exc:
        assert str(exc).startswith(path.name)
        return
    assert doc.blocks
    for block in doc.blocks:
        assert doc.text[block.start:block.end] == block.text


@pytest.mark.skipif(not FILES, reason="../shared/corpus-real is absent beside the clone")
def test_real_advice_with_reply_yields_numbered_points():
    doc = parse_document(REAL / "minvws-coronamelder-coordination" / "advies_AP_voorafgaande_raadpleging_2020-08-06_v1_met_contactpersoon.pdf")
    assert sum(b.kind == "point" for b in doc.blocks) >= 10
