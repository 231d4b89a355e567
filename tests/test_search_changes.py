"""The lexical index follows the store by changes, not rebuilds: a letter added, changed or
removed (here or by another process) is read alone, the index on disk gets it as a segment, and
a new process takes the saved index instead of building one. The searcher holds no passage
texts: a search reads those of its hits."""

from __future__ import annotations

import shutil

import pytest

from assistant.core import Assistant, StoreConfig
from tests.conftest import CORPUS

FIRST = ["advies_asd_jeugd_2025.pdf", "reactie_college_jeugd_2025.pdf", "raadsinformatiebrief_wijkregisseurs_2024.pdf"]


def lexical_ids(assistant: Assistant, query: str) -> set[str]:
    return {hit.document.id for hit in assistant.search(query, k=20, mode="lexical")}


@pytest.fixture()
def folder(tmp_path):
    target = tmp_path / "brieven"
    target.mkdir()
    for name in FIRST:
        shutil.copy(CORPUS / name, target / name)
    return target


def no_full_scan(assistant: Assistant, monkeypatch) -> None:
    def refuse():
        raise AssertionError("every passage was read again")

    monkeypatch.setattr(assistant.store, "all_passages", refuse)


def test_a_new_letter_is_indexed_alone(folder, tmp_path, monkeypatch):
    assistant = Assistant(StoreConfig(index_dir=tmp_path / "index"), embedder="fake")
    assistant.ingest([folder])
    assert not lexical_ids(assistant, "mantelzorgcompliment")
    builds = assistant.searcher.full_builds
    no_full_scan(assistant, monkeypatch)
    shutil.copy(CORPUS / "reactie_college_mantelzorg_2024.pdf", folder)
    assistant.ingest([folder / "reactie_college_mantelzorg_2024.pdf"])
    found = lexical_ids(assistant, "respijtzorg mantelzorgers")
    assert any("mantelzorg" in doc for doc in found)
    assert assistant.searcher.full_builds == builds


def test_a_removed_letter_leaves_the_index(folder, tmp_path, monkeypatch):
    assistant = Assistant(StoreConfig(index_dir=tmp_path / "index"), embedder="fake")
    assistant.ingest([folder])
    before = lexical_ids(assistant, "wijkregisseurs")
    gone = next(doc for doc in before if "wijkregisseurs" in doc)
    no_full_scan(assistant, monkeypatch)
    assistant.remove("raadsinformatiebrief_wijkregisseurs_2024.pdf")
    assert gone not in lexical_ids(assistant, "wijkregisseurs")


def test_a_new_process_takes_the_saved_index_and_the_changes_made_since(folder, tmp_path, monkeypatch):
    first = Assistant(StoreConfig(index_dir=tmp_path / "index"), embedder="fake")
    first.ingest([folder])
    # another process ingests one more letter and removes one, then this one starts
    other = Assistant(StoreConfig(index_dir=tmp_path / "index"), embedder="fake")
    shutil.copy(CORPUS / "reactie_college_mantelzorg_2024.pdf", folder)
    other.ingest([folder / "reactie_college_mantelzorg_2024.pdf"])
    later = Assistant(StoreConfig(index_dir=tmp_path / "index"), embedder="fake")
    no_full_scan(later, monkeypatch)  # it reads the other letter's passages, not every passage
    assert any("mantelzorg" in doc for doc in lexical_ids(later, "respijtzorg mantelzorgers"))
    assert later.searcher.full_builds == 0
    # the first process sees the other's letter too, by the change alone
    assert any("mantelzorg" in doc for doc in lexical_ids(first, "respijtzorg mantelzorgers"))


def test_a_damaged_saved_index_is_built_again(folder, tmp_path):
    assistant = Assistant(StoreConfig(index_dir=tmp_path / "index"), embedder="fake")
    assistant.ingest([folder])
    (tmp_path / "index" / "lexical" / "lexical.json").write_text("{niet af", encoding="utf-8")
    again = Assistant(StoreConfig(index_dir=tmp_path / "index"), embedder="fake")
    assert lexical_ids(again, "wijkregisseurs")
    assert again.searcher.full_builds == 1


def test_a_search_reads_the_texts_of_its_hits_only(folder, tmp_path, monkeypatch):
    assistant = Assistant(StoreConfig(index_dir=tmp_path / "index"), embedder="fake")
    assistant.ingest([folder])
    asked: list[int] = []
    read = assistant.store.passages_by_id
    monkeypatch.setattr(assistant.store, "passages_by_id", lambda ids: asked.append(len(ids)) or read(ids))
    hits = assistant.search("jeugdhulp", k=3)
    assert len(hits) == 3 and asked == [3]
    assert all(h.passage.text and h.passage.page >= 1 and h.document.title for h in hits)
