"""Ingest, remove, prune, filters and crash safety, against the embedded store and a real
Chroma server. Mechanics only: the fake embedder keeps these fast."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
import warnings
from datetime import date
from pathlib import Path

import pytest

from assistant.core import Assistant
from assistant.errors import StoreError
from assistant.search.search import Filters
from assistant.search.store import StoreConfig
from tests.conftest import empty_store

LETTER = """Gemeente Rijnwaarde

Datum: {datum}
Ons kenmerk: {kenmerk}
Onderwerp: {onderwerp}

{aanhef}

{body}

Hoogachtend,

het college van burgemeester en wethouders van Rijnwaarde
"""


def write_letter(folder: Path, name: str, body: str, datum="14 maart 2024", kenmerk="2024/001",
                 onderwerp="Raadsinformatiebrief", aanhef="Geachte leden van de raad,") -> Path:
    path = folder / name
    path.write_text(LETTER.format(datum=datum, kenmerk=kenmerk, onderwerp=onderwerp, body=body, aanhef=aanhef),
                    encoding="utf-8")
    return path


@pytest.fixture(params=["embedded", "server"])
def assistant(request, tmp_path):
    # One server for the session: each server test starts from empty collections.
    return Assistant(empty_store(request, tmp_path), embedder="fake")


@pytest.fixture
def letters(tmp_path):
    folder = tmp_path / "brieven"
    folder.mkdir()
    write_letter(folder, "logeerhuis.txt", "De logeervoorziening aan de Molenweg wordt per 1 september 2025 uitgebreid.",
                 datum="9 april 2024", kenmerk="2024/0412", onderwerp="Reactie op uw advies over respijtzorg")
    write_letter(folder, "wijkregisseurs.txt", "De wijkregisseurs worden in 2024 geëvalueerd in de gemeenteraad.",
                 datum="3 oktober 2023", kenmerk="2023/0999", onderwerp="Raadsinformatiebrief wijkregisseurs")
    write_letter(folder, "parkeren.txt", "Het parkeerbeleid in de binnenstad blijft ongewijzigd.",
                 datum="1 februari 2025", kenmerk="2025/0101", onderwerp="Parkeren binnenstad",
                 aanhef="Geachte heer De Vries,")
    return folder


def test_ingest_adds_documents_and_search_cites_them(assistant, letters):
    report = assistant.ingest([letters])
    assert len(report.added) == 3 and not report.failed
    hits = assistant.search("logeervoorziening Molenweg", k=3)
    assert hits[0].document.reference == "2024/0412"
    assert "logeervoorziening" in hits[0].passage.text
    assert hits[0].passage.page == 1 and hits[0].passage.block >= 1


def test_second_ingest_of_same_folder_embeds_nothing(assistant, letters):
    assistant.ingest([letters])
    again = assistant.ingest([letters])
    assert again.passages_embedded == 0
    assert len(again.skipped) == 3 and not again.added and not again.updated


def test_changed_file_replaces_all_its_passages(assistant, letters):
    assistant.ingest([letters])
    write_letter(letters, "parkeren.txt", "Het parkeertarief stijgt per 1 januari 2026 naar drie euro.",
                 datum="1 februari 2025", kenmerk="2025/0101", onderwerp="Parkeren binnenstad",
                 aanhef="Geachte heer De Vries,")
    report = assistant.ingest([letters])
    assert [Path(p).name for p in report.updated] == ["parkeren.txt"]
    texts = " ".join(h.passage.text for h in assistant.search("parkeerbeleid parkeertarief binnenstad", k=10))
    assert "parkeertarief" in texts and "ongewijzigd" not in texts


def test_remove_deletes_document_and_its_passages_from_both_retrievers(assistant, letters):
    assistant.ingest([letters])
    removed = assistant.remove("wijkregisseurs.txt")
    assert removed.reference == "2023/0999"
    for mode in ("lexical", "dense", "hybrid"):
        hits = assistant.search("wijkregisseurs geëvalueerd", k=10, mode=mode)
        assert all(h.document.id != removed.id for h in hits)
    assert len(assistant.documents()) == 2


def test_prune_removes_documents_whose_file_disappeared(assistant, letters):
    assistant.ingest([letters])
    (letters / "parkeren.txt").unlink()
    report = assistant.ingest([letters], prune=True)
    assert [Path(p).name for p in report.removed] == ["parkeren.txt"]
    assert sorted(Path(d.path).name for d in assistant.documents()) == ["logeerhuis.txt", "wijkregisseurs.txt"]


def test_failed_file_is_reported_and_the_batch_goes_on(assistant, letters):
    (letters / "kapot.pdf").write_bytes(b"%PDF-1.7\n garbage")
    report = assistant.ingest([letters])
    assert len(report.added) == 3
    assert [Path(p).name for p, _ in report.failed] == ["kapot.pdf"]
    assert "beschadigd" in report.failed[0][1]


def test_filters_on_kind_date_reference_and_document(assistant, letters):
    assistant.ingest([letters])
    query = "gemeente beleid"
    after = assistant.search(query, k=10, filters=Filters(after=date(2024, 1, 1)))
    assert {h.document.reference for h in after} <= {"2024/0412", "2025/0101"}
    window = assistant.search(query, k=10, filters=Filters(after=date(2023, 1, 1), before=date(2023, 12, 31)))
    assert {h.document.reference for h in window} == {"2023/0999"}
    by_ref = assistant.search("Molenweg", k=10, filters=Filters(reference="2025/0101"))
    assert all(h.document.reference == "2025/0101" for h in by_ref)
    rib = assistant.search(query, k=10, filters=Filters(kinds=("raadsinformatiebrief",)))
    assert {h.document.reference for h in rib} == {"2023/0999"}
    doc = assistant.find_document("parkeren.txt")
    only = assistant.search(query, k=10, filters=Filters(doc_ids=(doc.id,)), mode="dense")
    assert only and {h.document.id for h in only} == {doc.id}


def test_querying_with_another_embedder_is_a_clear_error(tmp_path, letters):
    config = StoreConfig(index_dir=tmp_path / "index")
    Assistant(config, embedder="fake").ingest([letters])
    from assistant.search import embed

    other = Assistant(config, embedder="fake")
    other._embedder = embed.FakeEmbedder(dim=16)
    with pytest.raises(StoreError, match="assistant reindex"):
        other.search("logeervoorziening")


def test_reindex_rebuilds_with_the_current_embedder(tmp_path, letters):
    config = StoreConfig(index_dir=tmp_path / "index")
    Assistant(config, embedder="fake").ingest([letters])
    from assistant.search import embed

    other = Assistant(config, embedder="fake")
    other._embedder = embed.FakeEmbedder(dim=16)
    report = other.reindex()
    assert len(report.added) == 3
    assert other.search("logeervoorziening Molenweg")[0].document.reference == "2024/0412"


def test_crash_mid_document_leaves_no_half_indexed_document(tmp_path, letters):
    """Kill the ingest process after it wrote passages but before the commit, then re-run."""
    index = tmp_path / "index"
    env = dict(os.environ, ASSISTANT_TEST_CRASH_BEFORE_COMMIT="1")
    cmd = [sys.executable, "-m", "assistant.cli", "ingest", "--index", str(index), "--embedder", "fake",
           str(letters / "logeerhuis.txt")]
    crashed = subprocess.run(cmd, env=env, capture_output=True, text=True)
    assert crashed.returncode == 137

    assistant = Assistant(StoreConfig(index_dir=index), embedder="fake")
    assert assistant.documents() == []
    assert assistant.search("logeervoorziening Molenweg") == []
    assert assistant.store.passage_count() > 0  # the orphaned passages are there, but invisible

    report = assistant.ingest([letters / "logeerhuis.txt"])
    assert len(report.added) == 1
    assert assistant.store.passage_count() == assistant.documents()[0].passages
    assert assistant.search("logeervoorziening Molenweg")[0].document.reference == "2024/0412"


def test_lexical_index_follows_changes_made_by_another_process(tmp_path, letters):
    config = StoreConfig(index_dir=tmp_path / "index")
    reader = Assistant(config, embedder="fake")
    writer = Assistant(config, embedder="fake")
    writer.ingest([letters / "parkeren.txt"])
    assert reader.search("parkeerbeleid", mode="lexical")
    writer.ingest([letters / "logeerhuis.txt"])
    assert reader.search("logeervoorziening", mode="lexical")[0].document.reference == "2024/0412"


def test_dense_search_explores_enough_neighbours_in_both_modes(assistant, letters):
    """The dense search explores EF_SEARCH neighbours (closer to exact search than Chroma's default;
    README, issue 17), on the embedded index and on a server."""
    from assistant.search.store import EF_SEARCH

    assistant.ingest([letters])
    client = assistant.store._client
    passages = client.get_collection("passages", embedding_function=None)
    assert passages.configuration_json["hnsw"]["ef_search"] == EF_SEARCH == 400


def test_an_index_made_with_chromas_default_gets_the_wider_search_when_opened(tmp_path, letters):
    import chromadb

    from assistant.search.store import EF_SEARCH, _settings

    index = tmp_path / "index"
    Assistant(StoreConfig(index_dir=index), embedder="fake").ingest([letters])
    client = chromadb.PersistentClient(path=str(index), settings=_settings())
    with warnings.catch_warnings():  # Chroma warns of the embedder this index does not keep
        warnings.simplefilter("ignore", DeprecationWarning)
        client.get_collection("passages", embedding_function=None).modify(configuration={"hnsw": {"ef_search": 100}})
    assert client.get_collection("passages", embedding_function=None).configuration_json["hnsw"]["ef_search"] == 100
    del client

    reopened = Assistant(StoreConfig(index_dir=index), embedder="fake")
    assert reopened.search("logeervoorziening")  # the index is read as before
    passages = reopened.store._client.get_collection("passages", embedding_function=None)
    assert passages.configuration_json["hnsw"]["ef_search"] == EF_SEARCH
