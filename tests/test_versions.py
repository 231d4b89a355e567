"""Versions of one letter: the concept and the definitive policy letter (same kenmerk) are one
letter in two versions; the newest is the one picked, and it is never later evidence for the
older one."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from assistant.core import Assistant
from assistant.model import DocumentInfo
from assistant.search.store import StoreConfig
from assistant.versions import is_version, newest, previous, version_groups
from tests.conftest import CORPUS

CONCEPT, FINAL = "beleidsbrief_armoede_concept.pdf", "beleidsbrief_armoede_definitief.pdf"


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    folder = tmp_path_factory.mktemp("brieven")
    for name in (CONCEPT, FINAL, "advies_asd_armoede_2024.docx", "reactie_college_mantelzorg_2024.pdf"):
        shutil.copy(CORPUS / name, folder / name)
    assistant = Assistant(StoreConfig(index_dir=tmp_path_factory.mktemp("versies") / "index"), embedder="fake")
    assistant.ingest([folder])
    return assistant


def _doc(assistant, name: str) -> DocumentInfo:
    return assistant.find_document(name)


def test_concept_and_final_letter_are_two_versions_of_one_letter(assistant):
    groups = version_groups(assistant.documents())
    pair = next(g for g in groups if len(g) > 1)
    assert [d.path.rsplit("/", 1)[-1] for d in pair] == [CONCEPT, FINAL]  # oldest first
    assert sum(len(g) == 1 for g in groups) == 2


def test_the_newest_version_is_picked_and_the_previous_one_named(assistant):
    docs = assistant.documents()
    concept, final = _doc(assistant, CONCEPT), _doc(assistant, FINAL)
    assert newest(concept, docs).id == final.id
    assert previous(final, docs).id == concept.id and previous(concept, docs) is None


def test_a_newer_version_is_no_later_evidence_for_the_older(assistant):
    concept = _doc(assistant, CONCEPT)
    commitments = [c for c in assistant.register() if c.source.doc_id == concept.id]
    assert commitments
    final = _doc(assistant, FINAL)
    for commitment in commitments:
        assert all(hit.document.id != final.id for hit in assistant.evidence(commitment, k=5))


def test_same_title_and_sender_within_months_without_a_kenmerk_are_versions():
    one = DocumentInfo(id="a", title="Notitie armoedebeleid", path="a.pdf", date=date(2024, 3, 1), sender="college")
    two = DocumentInfo(id="b", title="Notitie Armoedebeleid", path="b.pdf", date=date(2024, 5, 1), sender="college")
    far = DocumentInfo(id="c", title="Notitie armoedebeleid", path="c.pdf", date=date(2026, 5, 1), sender="college")
    assert is_version(one, two) and not is_version(one, far) and not is_version(one, one)
