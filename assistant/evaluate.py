"""Measured quality: retrieval (recall@k, MRR@10) and extraction (precision, recall, deadlines).

Retrieval sets come in three shapes, told apart by content:
- passages + queries with relevant passage ids (``../shared/eval/dev_retrieval_nl.json``);
- the Rekenkamer CSV (tab-separated; each ``vraag`` a query, its own ``antwoord`` the answer);
- queries over a folder of documents, relevant passages given as file name + anchor words
  (``eval/corpus_queries.json``): these run the whole pipeline (parse, index, search).

The Rekenkamer set is split by the document the questions were asked about (a hash of its
source id), so no document has questions on both sides: ``dev`` (780 questions about 84
documents) is where weights may be chosen, ``test`` (852 about 82) is where they are reported. Every
passage stays in the pool either way. A document set whose queries carry a ``kind``,
``paraphrase`` or ``dilution`` label is also scored per label.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np

from assistant.errors import AssistantError

MODES = ("lexical", "dense", "hybrid")
SPLITS = ("all", "dev", "test")
Ranker = Callable[[str], list[str]]


@dataclass
class Scores:
    r1: float = 0.0
    r5: float = 0.0
    r10: float = 0.0
    mrr10: float = 0.0
    queries: int = 0
    groups: dict[str, Scores] = field(default_factory=dict)  # the same, per label of the queries

    def to_dict(self) -> dict:
        out: dict = {"R@1": self.r1, "R@5": self.r5, "R@10": self.r10, "MRR@10": self.mrr10, "queries": self.queries}
        if self.groups:
            out["groups"] = {name: s.to_dict() for name, s in self.groups.items()}
        return out


def score(rankings: list[list[bool]], labels: list[list[str]] | None = None) -> Scores:
    """Metrics from, per query, whether each ranked result (best first) is relevant; with
    ``labels`` (per query, the groups it belongs to) also per group."""
    n = len(rankings) or 1
    first = [next((i for i, rel in enumerate(r[:10]) if rel), None) for r in rankings]
    groups: dict[str, Scores] = {}
    if labels:
        for name in sorted({g for query in labels for g in query}):
            groups[name] = score([r for r, query in zip(rankings, labels) if name in query])
    return Scores(
        r1=sum(f is not None and f < 1 for f in first) / n,
        r5=sum(f is not None and f < 5 for f in first) / n,
        r10=sum(f is not None for f in first) / n,
        mrr10=sum(1 / (f + 1) for f in first if f is not None) / n,
        queries=len(rankings),
        groups=groups,
    )


# -- retrieval over fixed passages (dev set, Rekenkamer) -------------------------------------


@dataclass
class PassageSet:
    ids: list[str]
    texts: list[str]
    queries: list[str]
    relevant: list[set[str]]
    subsets: dict[str, list[int]] = field(default_factory=dict)


def load_passage_set(path: Path, split: str = "all") -> PassageSet:
    if split not in SPLITS:
        raise AssistantError(f"onbekend deel {split!r}: kies uit {', '.join(SPLITS)}")
    if path.suffix.lower() in (".csv", ".tsv"):
        return _rekenkamer(path, split)
    _whole_only(split)
    data = json.loads(path.read_text(encoding="utf-8"))
    ids = [p["id"] for p in data["passages"]]
    texts = [p["text"] for p in data["passages"]]
    queries = [q["text"] for q in data["queries"]]
    relevant = [set(q["relevant"]) for q in data["queries"]]
    return PassageSet(ids, texts, queries, relevant)


def _whole_only(split: str) -> None:
    if split != "all":
        raise AssistantError("alleen de Rekenkamer-set is in dev en test gesplitst")


def rekenkamer_split(source_id: str) -> str:
    """The half of the Rekenkamer set a source document's questions belong to."""
    return ("dev", "test")[int(hashlib.sha1(source_id.encode("utf-8")).hexdigest(), 16) % 2]


def _rekenkamer(path: Path, split: str = "all") -> PassageSet:
    """Each question a query; its own answer the relevant passage. Answers that only refer to
    another answer are left out; identical answers become one passage. With ``split`` only
    the questions about that half's documents are asked; every answer stays a passage."""
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    by_text: dict[str, str] = {}
    queries, relevant = [], []
    for row in rows:
        answer, question = (row.get("antwoord") or "").strip(), (row.get("vraag") or "").strip()
        if not answer or not question or (row.get("antwoord_zie_nr") or "").strip():
            continue
        pid = by_text.setdefault(answer, f"a{len(by_text)}")
        if split != "all" and rekenkamer_split(row.get("src_id") or "") != split:
            continue
        queries.append(question)
        relevant.append({pid})
    return PassageSet(list(by_text.values()), list(by_text), queries, relevant)


def eval_passages(data: PassageSet, embedder) -> dict[str, Scores]:
    """BM25, dense and hybrid over a fixed passage set, as the application fuses them."""
    from assistant.search.fusion import CANDIDATES, hybrid
    from assistant.search.lexical import LexicalIndex

    lexical = LexicalIndex(data.ids, data.texts)
    passage_vecs = np.asarray(embedder.embed_passages(data.texts), dtype=np.float32)
    query_vecs = np.asarray(embedder.embed_queries(data.queries), dtype=np.float32)
    results: dict[str, list[list[bool]]] = {m: [] for m in MODES}
    for query, qvec, relevant in zip(data.queries, query_vecs, data.relevant):
        lex = lexical.search(query, CANDIDATES)
        sims = passage_vecs @ qvec
        top = np.argsort(-sims)[:CANDIDATES]
        dense = [(data.ids[i], float(sims[i])) for i in top]
        for mode, ranked in (("lexical", lex), ("dense", dense), ("hybrid", hybrid(lex, dense, query))):
            results[mode].append([pid in relevant for pid, _ in ranked[:10]])
    return {mode: score(r) for mode, r in results.items()}


# -- retrieval over documents, through the whole pipeline ------------------------------------


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def eval_documents(spec_path: Path, embedder_spec: str, root: Path | None = None,
                   index_dir: Path | None = None) -> dict[str, Scores]:
    """Ingest the set's folder into an index and search it in each mode.

    The index is temporary unless ``index_dir`` is given: then the folder's index is kept there
    (in a subfolder named after the document folder, so sets over one folder share it), and a
    second run ingests only what changed (a large folder is embedded once)."""
    spec = json.loads(spec_path.read_text(encoding="utf-8"))
    folder = (root or Path.cwd()) / spec["corpus"]
    if index_dir is not None:
        return _search_documents(spec, folder, embedder_spec, index_dir / folder.resolve().name)
    with tempfile.TemporaryDirectory() as tmp:
        return _search_documents(spec, folder, embedder_spec, Path(tmp) / "index")


def _search_documents(spec: dict, folder: Path, embedder_spec: str, index_dir: Path) -> dict[str, Scores]:
    from assistant.core import Assistant
    from assistant.search.store import StoreConfig

    assistant = Assistant(StoreConfig(index_dir=index_dir), embedder=embedder_spec)
    report = assistant.ingest([folder])
    if report.failed:
        raise AssistantError(f"evaluatie: {len(report.failed)} documenten konden niet worden gelezen")
    results: dict[str, list[list[bool]]] = {m: [] for m in MODES}
    for query in spec["queries"]:
        wanted = [(r["doc"], _norm(r["anchor"])) for r in query["relevant"]]
        for mode in MODES:
            hits = assistant.search(query["text"], k=10, mode=mode)
            results[mode].append([
                # The same letter as PDF or DOCX is the same document.
                any(Path(h.document.path).stem == Path(doc).stem and anchor in _norm(h.passage.text)
                    for doc, anchor in wanted)
                for h in hits
            ])
    labels = [_labels(query) for query in spec["queries"]]
    return {mode: score(r, labels if any(labels) else None) for mode, r in results.items()}


def _labels(query: dict) -> list[str]:
    """The groups a labelled query is scored in besides the whole set."""
    labels = [f"kind={query['kind']}"] if query.get("kind") else []
    if "paraphrase" in query:
        labels.append("paraphrase" if query["paraphrase"] else "same words")
    if query.get("dilution"):
        labels.append("one sentence in a long paragraph")
    return labels


def eval_retrieval(path: Path, embedder_spec: str = "e5", split: str = "all",
                   index_dir: Path | None = None) -> dict[str, Scores]:
    if path.suffix.lower() == ".json" and "corpus" in json.loads(path.read_text(encoding="utf-8")):
        _whole_only(split)
        return eval_documents(path, embedder_spec, root=_project_root(path), index_dir=index_dir)
    from assistant.search.embed import get_embedder

    return eval_passages(load_passage_set(path, split), get_embedder(embedder_spec))


def standard_sets(root: Path) -> list[tuple[Path, str]]:
    """The retrieval sets ``assistant eval`` measures when given none, as (file, split): the dev
    set, both halves of the Rekenkamer set, our corpus questions, and the dev and held-out
    questions over ``../shared/corpus-real``; those that are absent are left out."""
    shared = root.parent / "shared"
    rekenkamer = shared / "corpus-real" / "rekenkamer-kamervragen-qa" / "kamervragen-structured.csv"
    wanted = [(shared / "eval" / "dev_retrieval_nl.json", "all"), (rekenkamer, "dev"), (rekenkamer, "test"),
              (root / "eval" / "corpus_queries.json", "all"), (root / "eval" / "questions_dev_real.json", "all"),
              (root / "eval" / "questions_real.json", "all")]
    present = []
    for path, split in wanted:
        if not path.exists():
            continue
        if path.suffix == ".json" and "corpus" in (spec := json.loads(path.read_text(encoding="utf-8"))):
            if not (_project_root(path) / spec["corpus"]).exists():
                continue
        present.append((path, split))
    return present


def _project_root(path: Path) -> Path:
    """The folder a set's relative paths start from: the one that holds its eval/ folder."""
    path = path.resolve()
    return path.parent.parent if path.parent.name == "eval" else Path.cwd()


# -- extraction ------------------------------------------------------------------------------


@dataclass
class ExtractScores:
    precision: float
    recall: float
    deadline_accuracy: float
    date_accuracy: float
    true_positives: int
    false_positives: int
    false_negatives: int
    deadlines_checked: int
    dates_checked: int
    misses: list[str] = field(default_factory=list)
    wrong_deadlines: list[str] = field(default_factory=list)
    wrong_dates: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return dict(self.__dict__)


def _ambiguous(item: dict) -> bool:
    reason = item.get("ambiguous")
    return bool(reason) and not str(reason).lower().startswith("due only")


def eval_extract(gold_path: Path) -> ExtractScores:
    """Precision, recall and exact-deadline accuracy of commitment extraction on a gold set,
    and the accuracy of the date normaliser on its list of expressions."""
    from assistant.extract.commitments import extract_commitments
    from assistant.nl.dates import normalise_due
    from assistant.parse import parse_document

    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    root = _project_root(gold_path)
    tp = fp = fn = 0
    deadline_ok = deadline_n = 0
    misses, wrong, alarms = [], [], []
    for entry in gold["documents"]:
        path = (root / entry["path"]).resolve()
        if not path.exists():  # a score over part of the set would change without a word
            raise AssistantError(f"evaluatie: {entry['path']} ontbreekt; zet ../shared naast de checkout")
        doc = parse_document(path, ocr=False)  # labelled on the text layer
        if entry.get("letter_date"):
            doc.date = date.fromisoformat(entry["letter_date"])
        found = extract_commitments(doc)
        texts = [_norm(c.text) for c in found]
        used: set[int] = set()
        # Items the labeller marked ambiguous count neither way (unless only their date is).
        unsure = [_norm(i["anchor"]) for i in entry.get("commitments", []) + entry.get("non_commitments", [])
                  if _ambiguous(i)]
        used |= {i for i, t in enumerate(texts) if any(a in t for a in unsure)}
        for item in entry.get("commitments", []):
            if _ambiguous(item):
                continue
            anchor = _norm(item["anchor"])
            hit = next((i for i, t in enumerate(texts) if anchor in t), None)
            if hit is None:
                fn += 1
                misses.append(f"{path.name}: {item['anchor']}")
                continue
            tp += 1
            used.add(hit)
            if item.get("due"):
                deadline_n += 1
                due = found[hit].due
                expected = (item["due"]["start"], item["due"]["end"])
                if due and (due.start.isoformat(), due.end.isoformat()) == expected:
                    deadline_ok += 1
                else:
                    got = f"{due.start}..{due.end} ({due.label})" if due else "geen"
                    wrong.append(f"{path.name}: {item['anchor']}: verwacht {expected[0]}..{expected[1]}, kreeg {got}")
        negatives = [_norm(n["anchor"]) for n in entry.get("non_commitments", []) if not _ambiguous(n)]
        for i, text in enumerate(texts):
            if i in used:
                continue
            if any(a in text for a in negatives) or entry.get("fully_labelled"):
                fp += 1
                alarms.append(f"{path.name}: {found[i].text[:90]}")
    date_ok, wrong_dates = 0, []
    for item in gold.get("dates", []):
        reference = date.fromisoformat(item["reference"]) if item.get("reference") else None
        found_range = normalise_due(item["text"], reference=reference)
        if found_range and (found_range.start.isoformat(), found_range.end.isoformat()) == (item["start"], item["end"]):
            date_ok += 1
        else:
            got = f"{found_range.start}..{found_range.end}" if found_range else "geen"
            wrong_dates.append(f"{item['text']}: verwacht {item['start']}..{item['end']}, kreeg {got}")
    dates_n = len(gold.get("dates", []))
    return ExtractScores(
        precision=tp / (tp + fp) if tp + fp else 0.0,
        recall=tp / (tp + fn) if tp + fn else 0.0,
        deadline_accuracy=deadline_ok / deadline_n if deadline_n else 0.0,
        date_accuracy=date_ok / dates_n if dates_n else 0.0,
        true_positives=tp, false_positives=fp, false_negatives=fn,
        deadlines_checked=deadline_n, dates_checked=dates_n,
        misses=misses, wrong_deadlines=wrong, wrong_dates=wrong_dates, false_alarms=alarms,
    )
