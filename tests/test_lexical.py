"""BM25 over passages: ranking, filters, changes in place, and saving beside the vector store."""

from __future__ import annotations

import json

import numpy as np
import pytest

from assistant.errors import StoreError
from assistant.search.lexical import LexicalIndex

PASSAGES = {
    "p1": "Het college stelt in 2025 nieuw welzijnsbeleid op, samen met de adviesraad.",
    "p2": "Voor mantelzorgondersteuning komt jaarlijks 200.000 euro extra beschikbaar.",
    "p3": "De parkeervergunning voor bewoners van de binnenstad wordt duurder.",
    "p4": "Wijkregisseurs werken in elke wijk samen met buurthuizen en vrijwilligers.",
    "p5": "Mantelzorg is onmisbaar; de gemeente biedt respijtzorg en een logeervoorziening.",
    "p6": "Het beleid voor het welzijn van ouderen vraagt ondersteuning van vrijwilligers.",
}


@pytest.fixture(scope="module")
def index() -> LexicalIndex:
    return LexicalIndex(list(PASSAGES), list(PASSAGES.values()))


def ids(hits: list[tuple[str, float]]) -> list[str]:
    return [pid for pid, _ in hits]


def test_finds_passage_by_an_inflected_word(index):
    assert ids(index.search("parkeervergunningen binnenstad"))[0] == "p3"


def test_finds_compound_by_its_part(index):
    # The parts are learned from the passages: "beleid" and "mantelzorg" also occur alone.
    assert set(ids(index.search("beleid"))) == {"p1", "p6"}
    assert set(ids(index.search("mantelzorg"))) == {"p2", "p5"}


def test_compound_part_not_found_without_splitting():
    plain = LexicalIndex(list(PASSAGES), list(PASSAGES.values()), split_compounds=False)
    assert ids(plain.search("beleid")) == ["p6"]


def test_results_are_best_first_and_at_most_k(index):
    hits = index.search("mantelzorg wijk gemeente", k=2)
    assert len(hits) == 2
    assert hits[0][1] >= hits[1][1] > 0


def test_only_passages_sharing_a_term_are_returned(index):
    assert ids(index.search("parkeren binnenstad", k=10)) == ["p3"]


def test_query_of_stopwords_or_unknown_words_finds_nothing(index):
    assert index.search("de het een") == []
    assert index.search("zwembad") == []
    assert index.search("") == []


def test_filter_still_returns_k_allowed_passages():
    # 40 passages say "subsidie" three times, the 10 allowed ones only once: a top-k cut
    # before filtering would hold none of the allowed ones.
    strong = [f"Subsidie, subsidie en nog eens subsidie voor vereniging {n}." for n in range(40)]
    weak = [f"Een subsidie voor sportclub {n} en verder veel andere woorden." for n in range(10)]
    ids_ = [f"s{n}" for n in range(40)] + [f"w{n}" for n in range(10)]
    index = LexicalIndex(ids_, strong + weak)
    allowed = {f"w{n}" for n in range(10)}
    assert not allowed & set(ids(index.search("subsidie", k=5)))
    hits = index.search("subsidie", k=5, allowed_ids=allowed)
    assert len(hits) == 5 and set(ids(hits)) <= allowed


def test_filter_with_unknown_ids_is_ignored(index):
    assert ids(index.search("mantelzorg", allowed_ids={"p5", "nope"})) == ["p5"]
    assert index.search("mantelzorg", allowed_ids=set()) == []


def test_ties_are_ordered_by_id():
    index = LexicalIndex(["b", "a", "c"], ["zelfde tekst", "zelfde tekst", "andere"])
    assert ids(index.search("tekst")) == ["a", "b"]


def test_scores_cover_every_passage_in_order(index):
    scores = index.scores("parkeervergunning")
    assert scores.shape == (len(PASSAGES),)
    assert int(np.argmax(scores)) == list(PASSAGES).index("p3")


def test_empty_index_and_index_without_terms_search_fine():
    assert LexicalIndex([], []).search("iets") == []
    assert LexicalIndex(["x"], ["de het een"]).search("iets") == []


def test_duplicate_ids_are_rejected():
    with pytest.raises(ValueError, match="unique"):
        LexicalIndex(["a", "a"], ["een", "twee"])


def test_add_replaces_a_passage_with_the_same_id():
    index = LexicalIndex(["a", "b"], ["parkeren in de wijk", "afval ophalen"])
    index.add(["b", "c"], ["parkeren bij het station", "nieuwe speeltuin"])
    assert len(index) == 3
    assert set(ids(index.search("parkeren"))) == {"a", "b"}
    assert ids(index.search("speeltuin")) == ["c"]
    assert index.search("afval") == []


def test_remove_drops_passages():
    index = LexicalIndex(["a", "b"], ["parkeren in de wijk", "parkeren bij het station"])
    index.remove(["a", "unknown"])
    assert ids(index.search("parkeren")) == ["b"]
    assert index.ids == ["b"] and len(index) == 1 and "a" not in index


def test_changes_in_place_score_as_one_index_over_the_same_passages():
    """Adding and removing passages gives the scores a full build over the result gives (the
    statistics of every live passage count, whatever segment it is in)."""
    texts = dict(PASSAGES)
    changed = LexicalIndex(list(texts), list(texts.values()))
    changed.remove(["p2", "p4"])
    changed.add(["p7", "p3"], ["Nieuw beleid voor parkeren in de wijk", "Parkeren in de binnenstad wordt goedkoper"])
    for pid in ("p2", "p4"):
        texts.pop(pid)
    texts["p7"], texts["p3"] = "Nieuw beleid voor parkeren in de wijk", "Parkeren in de binnenstad wordt goedkoper"
    full = _rebuilt_with(changed._splitter, texts)  # the first build's splitter stays until a full build
    for query in ("parkeren binnenstad", "beleid wijk", "mantelzorg", "vrijwilligers ouderen"):
        got = dict(changed.search(query))
        want = dict(full.search(query))
        assert got.keys() == want.keys(), query
        assert all(abs(got[k] - want[k]) < 1e-5 for k in got), query


def _rebuilt_with(splitter, texts: dict[str, str]) -> LexicalIndex:
    """One build over ``texts`` analysed with ``splitter``."""
    from assistant.nl.analyzer import terms, tokenize

    index = LexicalIndex([], [])
    index._splitter = splitter
    index._append(list(texts), [terms(tokenize(t), splitter) for t in texts.values()])
    return index


def test_save_and_load_give_the_same_results(index, tmp_path):
    index.save(tmp_path / "lexical", contents={"brief": "v1"})
    loaded, contents = LexicalIndex.load(tmp_path / "lexical")
    assert contents == {"brief": "v1"}
    for query in ("mantelzorg", "beleid", "wijkregisseur", "parkeervergunning binnenstad"):
        assert loaded.search(query) == index.search(query)
    loaded.add(["p7"], ["Nieuw beleid voor parkeren"])
    assert set(ids(loaded.search("beleid"))) == {"p1", "p6", "p7"}


def test_a_change_is_saved_as_a_new_segment_beside_the_old_ones(tmp_path):
    folder = tmp_path / "lexical"
    index = LexicalIndex(["a", "b"], ["parkeren in de wijk", "afval ophalen"])
    index.save(folder)
    first = sorted(p.name for p in folder.glob("segment-*"))
    stamp = {p.name: p.stat().st_mtime_ns for p in folder.glob("segment-*")}
    assert len(first) == 2  # the term counts and, beside them, the passage ids and new terms
    index.remove(["b"])
    index.add(["c"], ["nieuwe speeltuin"])
    index.save(folder)
    now = sorted(p.name for p in folder.glob("segment-*"))
    assert len(now) == 4 and set(first) < set(now)
    assert all(folder.joinpath(n).stat().st_mtime_ns == stamp[n] for n in first)  # not written again
    loaded, _ = LexicalIndex.load(folder)
    assert loaded.ids == ["a", "c"] and loaded.search("afval") == [] and ids(loaded.search("speeltuin")) == ["c"]


def test_saved_files_are_plain_json_and_arrays(index, tmp_path):
    index.save(tmp_path / "lexical")
    files = [p for p in (tmp_path / "lexical").rglob("*") if p.is_file() and p.name != ".lock"]
    assert files and all(p.suffix in (".json", ".npz") for p in files), files
    for path in files:
        if path.suffix == ".npz":
            np.load(path, allow_pickle=False).close()


def test_save_replaces_an_older_index(tmp_path):
    LexicalIndex(["a"], ["parkeren"]).save(tmp_path / "lexical")
    newer = LexicalIndex(["b"], ["afval"])
    newer.save(tmp_path / "lexical")
    assert LexicalIndex.load(tmp_path / "lexical")[0].ids == ["b"]
    assert [p.name for p in tmp_path.iterdir()] == ["lexical"]
    assert len(list((tmp_path / "lexical").glob("segment-*.npz"))) == 1  # the older build's segment is gone


def test_load_of_missing_index_says_to_rebuild(tmp_path):
    with pytest.raises(StoreError, match="Geen trefwoordindex.*opnieuw"):
        LexicalIndex.load(tmp_path / "nothing")


def test_load_detects_damaged_files(index, tmp_path):
    index.save(tmp_path / "lexical")
    sidecar = next((tmp_path / "lexical").glob("segment-*.json"))
    ids_and_terms = json.loads(sidecar.read_text(encoding="utf-8"))
    ids_and_terms["row_ids"].append("p9")
    sidecar.write_text(json.dumps(ids_and_terms), encoding="utf-8")
    with pytest.raises(StoreError, match="beschadigd"):
        LexicalIndex.load(tmp_path / "lexical")
    meta_path = tmp_path / "lexical" / "lexical.json"
    meta_path.write_text("{niet af", encoding="utf-8")
    with pytest.raises(StoreError, match="beschadigd"):
        LexicalIndex.load(tmp_path / "lexical")


def test_load_detects_missing_arrays(index, tmp_path):
    index.save(tmp_path / "lexical")
    next((tmp_path / "lexical").rglob("*.npz")).unlink()
    with pytest.raises(StoreError, match="beschadigd"):
        LexicalIndex.load(tmp_path / "lexical")


def test_examples_in_the_docstrings_hold():
    import doctest

    import assistant.search.lexical as module

    assert doctest.testmod(module, optionflags=doctest.ELLIPSIS).failed == 0
