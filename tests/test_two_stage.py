"""Ingest in two stages: a file is committed, found by its words and its commitments listed in
the register before its passages have vectors; the vectors follow in rounds, resumable by any
later process, and never bring back a version that was replaced meanwhile. Both store modes."""

from __future__ import annotations

import pytest

from assistant.core import Assistant
from assistant.search import ingest as ingest_module
from tests.conftest import empty_store
from tests.test_index import write_letter

LETTER_BODY = ("Het college opent per 1 september 2025 een tweede logeerhuis voor mantelzorgers aan de Molenweg. "
               "Wij stellen daarvoor € 80.000 per jaar beschikbaar.\n\n"
               "De wachttijd voor respijtzorg bedraagt nu zes weken.\n\n"
               "Voor de zomer van 2025 informeren wij de raad over de evaluatie van de pilot.")


@pytest.fixture(params=["embedded", "server"])
def config(request, tmp_path):
    return empty_store(request, tmp_path)


@pytest.fixture
def letter(tmp_path):
    folder = tmp_path / "brieven"
    folder.mkdir()
    return write_letter(folder, "logeerhuis.txt", LETTER_BODY, kenmerk="2025/0412")


def test_found_by_words_and_in_the_register_before_any_vector(config, letter):
    assistant = Assistant(config, embedder="fake")
    report = assistant.ingest([letter], vectors_later=True)
    assert report.added == [str(letter)] and report.passages_embedded == 0
    (info,) = assistant.documents()
    assert info.passages > 0 and info.unembedded == info.passages and not info.complete
    assert assistant.vectors_pending() == info.passages
    assert assistant.search("logeerhuis Molenweg", mode="lexical")[0].document.reference == "2025/0412"
    assert assistant.search("logeerhuis Molenweg", mode="hybrid")[0].document.reference == "2025/0412"
    assert assistant.search("logeerhuis Molenweg", mode="dense") == []  # a stand-in vector is never a hit
    assert any("logeerhuis" in c.text for c in assistant.store.commitments())
    assert assistant.store.nearest_commitments(assistant.embedder.embed_queries(["logeerhuis"])[0], 5) == []


def test_the_vectors_follow_and_complete_the_document(config, letter):
    assistant = Assistant(config, embedder="fake")
    assistant.ingest([letter], vectors_later=True)
    seen: list[tuple[int, int]] = []
    done = assistant.embed_pending(progress=lambda d, t, _: seen.append((d, t)))
    (info,) = assistant.documents()
    assert done == info.passages and seen[-1] == (info.passages, info.passages)
    assert info.complete and assistant.vectors_pending() == 0
    assert assistant.search("logeerhuis Molenweg", mode="dense")[0].document.reference == "2025/0412"
    near = assistant.store.nearest_commitments(assistant.embedder.embed_queries(["logeerhuis Molenweg"])[0], 5)
    assert near and all(c.source.doc_id == info.id for c, _ in near)
    assert assistant.embed_pending() == 0  # nothing left: a second run does nothing


def test_an_ingest_embeds_by_default_and_reports_when_the_batch_was_searchable(config, letter):
    report = Assistant(config, embedder="fake").ingest([letter])
    assert report.passages_embedded > 0 and 0 < report.searchable_seconds <= report.seconds
    (info,) = Assistant(config, embedder="fake").documents()
    assert info.complete


def test_a_later_process_finishes_what_a_stopped_one_left(config, letter, tmp_path, monkeypatch):
    monkeypatch.setattr(ingest_module, "VECTOR_ROUND", 2)
    first = Assistant(config, embedder="fake")
    first.ingest([letter], vectors_later=True)
    assert first.embed_pending(rounds=1) == 2  # then the process stops
    later = Assistant(config, embedder="fake")
    (info,) = later.documents()
    assert info.unembedded == info.passages - 2 and later.vectors_pending() == info.passages - 2
    other = write_letter(letter.parent, "parkeren.txt", "Het parkeerbeleid in de binnenstad blijft ongewijzigd.",
                         kenmerk="2025/0101")
    later.ingest([letter, other])  # the unchanged letter is skipped; what it lacked is done as well
    assert later.vectors_pending() == 0
    assert all(d.complete for d in later.documents())
    assert later.search("logeerhuis Molenweg", mode="dense")[0].document.reference == "2025/0412"


def test_vectors_of_a_replaced_version_do_not_bring_it_back(config, letter):
    assistant = Assistant(config, embedder="fake")
    assistant.ingest([letter], vectors_later=True)
    ids, texts, metas = assistant.store.pending_vectors(100)  # a round of the old version, being embedded
    vectors = assistant.embedder.embed_passages(texts)
    letter.write_text(letter.read_text(encoding="utf-8").replace("zes weken", "vier weken"), encoding="utf-8")
    assistant.ingest([letter], vectors_later=True)  # the file changed meanwhile: a new version
    assistant.store.attach_vectors(ids, metas, vectors)  # the old round arrives late
    (info,) = assistant.documents()
    assert assistant.store.passage_count() == info.passages
    assert info.unembedded == info.passages  # the new version's passages still wait for theirs
    assistant.embed_pending()
    (info,) = assistant.documents()
    assert info.complete and assistant.store.passage_count() == info.passages
    hit = assistant.search("wachttijd respijtzorg", mode="dense")[0]
    assert "vier weken" in hit.passage.text
