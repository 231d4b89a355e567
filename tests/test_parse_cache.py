"""Parse once: a file's parse is kept by content hash and reused by reindex, re-ingest and read."""

from __future__ import annotations

import gzip
import shutil

import pytest

import assistant.parse.cache as cache_module
from assistant.core import Assistant, StoreConfig
from assistant.errors import EmptyDocument, TooLarge
from assistant.parse import parse_document
from assistant.parse.cache import ParseCache
from tests.conftest import CORPUS

LETTER = CORPUS / "reactie_college_mantelzorg_2024.pdf"


def test_the_second_parse_of_the_same_content_is_the_stored_one_and_identical(tmp_path, monkeypatch):
    store = ParseCache(tmp_path / "parsed")
    first = store.parse(LETTER)
    moved = tmp_path / "elders.pdf"
    shutil.copy(LETTER, moved)

    def no_parsing(*_args, **_kwargs):
        raise AssertionError("parsed again")

    monkeypatch.setattr(cache_module, "parse_document", no_parsing)
    again = store.parse(moved)

    assert (store.hits, store.misses) == (1, 1)
    assert again.path == str(moved)
    assert [b.to_dict() for b in again.blocks] == [b.to_dict() for b in first.blocks]
    assert (again.title, again.date, again.reference, again.kind) == (first.title, first.date, first.reference,
                                                                       first.kind)


def test_a_changed_parser_or_a_damaged_entry_parses_again(tmp_path, monkeypatch):
    store = ParseCache(tmp_path / "parsed")
    doc = store.parse(LETTER)
    [entry] = (tmp_path / "parsed").rglob("*.json.gz")
    entry.write_bytes(b"geen gzip")
    assert store.parse(LETTER).blocks == doc.blocks and store.misses == 2
    monkeypatch.setattr(cache_module, "parser_fingerprint", lambda: "anders")
    store.parse(LETTER)
    assert store.misses == 3
    assert gzip.open(next((tmp_path / "parsed").rglob("*-anders.json.gz"))).read()


def test_size_and_emptiness_are_checked_on_the_file_every_time(tmp_path):
    store = ParseCache(tmp_path / "parsed")
    store.parse(LETTER)
    with pytest.raises(TooLarge):
        store.parse(LETTER, max_mb=0.001)
    empty = tmp_path / "leeg.txt"
    empty.write_bytes(b"")
    with pytest.raises(EmptyDocument):
        store.parse(empty)


def test_reindex_and_read_of_an_indexed_file_parse_nothing_again(tmp_path, monkeypatch):
    folder = tmp_path / "brieven"
    folder.mkdir()
    shutil.copy(LETTER, folder / LETTER.name)
    assistant = Assistant(StoreConfig(index_dir=tmp_path / "index"), embedder="fake")
    assistant.ingest([folder])
    calls = []
    monkeypatch.setattr(cache_module, "parse_document", lambda *a, **k: calls.append(a) or parse_document(*a, **k))

    assistant.reindex()
    assistant.read(folder / LETTER.name)

    assert calls == [] and assistant.parse_cache.hits >= 2
    assert [d.title for d in assistant.documents()] == ["Reactie op uw advies mantelzorgondersteuning en respijtzorg"]


def test_parsing_ahead_in_worker_processes_gives_the_same_index(tmp_path, monkeypatch):
    import assistant.parse.parallel as parallel_module

    folder = tmp_path / "brieven"
    folder.mkdir()
    for path in sorted(CORPUS.glob("*.pdf"))[:5]:
        shutil.copy(path, folder / path.name)
    (folder / "kapot.pdf").write_bytes(b"%PDF-1.7\nniets")

    monkeypatch.setattr(parallel_module, "PARSE_AHEAD_MIN_BYTES", 0)

    def build(minimum: int, name: str):
        monkeypatch.setattr(parallel_module, "PARSE_AHEAD_MIN_FILES", minimum)
        assistant = Assistant(StoreConfig(index_dir=tmp_path / name), embedder="fake")
        report = assistant.ingest([folder])
        return report, sorted((d.title, d.pages, d.passages) for d in assistant.documents()), \
            sorted(c.text for c in assistant.register())

    alone, docs_alone, promised_alone = build(10**9, "een")
    ahead, docs_ahead, promised_ahead = build(2, "twee")
    assert docs_ahead == docs_alone and promised_ahead == promised_alone
    assert ahead.failed == alone.failed and ahead.failed_codes == alone.failed_codes


def test_compare_parses_the_two_versions_side_by_side_with_the_same_result(tmp_path, monkeypatch):
    import assistant.parse.parallel as parallel_module

    old, new = CORPUS / "beleidsbrief_armoede_concept.pdf", CORPUS / "beleidsbrief_armoede_definitief.pdf"
    monkeypatch.setattr(parallel_module, "PAIR_MIN_BYTES", 10**12)
    alone = Assistant(StoreConfig(index_dir=tmp_path / "een"), embedder="fake").compare(old, new)
    monkeypatch.setattr(parallel_module, "PAIR_MIN_BYTES", 0)
    side = Assistant(StoreConfig(index_dir=tmp_path / "twee"), embedder="fake")
    by_two = side.compare(old, new)
    assert by_two.to_dict() == alone.to_dict()
    assert side.parse_cache.misses == 1  # this process parsed one version, the worker the other
    # the worker wrote its parse to the shared cache: the next compare parses nothing
    again = Assistant(StoreConfig(index_dir=tmp_path / "twee"), embedder="fake")
    assert again.compare(old, new).to_dict() == alone.to_dict()
    assert again.parse_cache.misses == 0 and again.parse_cache.hits == 2


def test_a_broken_version_parsed_in_the_worker_gives_its_dutch_message(tmp_path, monkeypatch):
    import assistant.parse.parallel as parallel_module
    from assistant.errors import AssistantError

    monkeypatch.setattr(parallel_module, "PAIR_MIN_BYTES", 0)
    broken = tmp_path / "kapot.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + b"niets " * 100)
    big = tmp_path / "groot.pdf"
    shutil.copy(CORPUS / "beleidsbrief_armoede_definitief.pdf", big)
    assistant = Assistant(StoreConfig(index_dir=tmp_path / "index"), embedder="fake")
    with pytest.raises(AssistantError) as raised:
        assistant.compare(broken, big)
    assert "kapot.pdf" in str(raised.value) and "beschadigd" in str(raised.value)


def test_compare_of_two_indexed_versions_reads_their_scored_sentences(tmp_path, monkeypatch):
    import assistant.compare as compare_module
    import assistant.extract.scored_cache as scored_module

    old, new = CORPUS / "beleidsbrief_armoede_concept.pdf", CORPUS / "beleidsbrief_armoede_definitief.pdf"
    fresh = Assistant(StoreConfig(index_dir=tmp_path / "leeg"), embedder="fake").compare(old, new)
    indexed = Assistant(StoreConfig(index_dir=tmp_path / "index"), embedder="fake")
    indexed.ingest([old, new])

    def no_scoring(*args, **kwargs):
        raise AssertionError("scored again")

    monkeypatch.setattr(compare_module, "scored_sentences", no_scoring)
    monkeypatch.setattr(scored_module, "scored_sentences", no_scoring)
    again = Assistant(StoreConfig(index_dir=tmp_path / "index"), embedder="fake").compare(old, new)
    assert again.to_dict() == fresh.to_dict()
    assert again.changed or again.added or again.removed  # the pair does differ in its commitments
