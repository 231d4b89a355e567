"""How well advice points are linked to existing commitments: precision@5 on labelled pairs.

``eval/point_links.json`` holds, per set of documents (our sample corpus; one real source), the
commitments a separate reading judged to be about each advice point, keyed "file@offset". Each
set's documents are indexed on their own; weights and threshold are chosen on one set and
reported on the other, so no figure is measured on the data it was tuned on.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from assistant.linking import THRESHOLD, WEIGHTS, Link, rescored

ROOT = Path(__file__).resolve().parent.parent
SET_FOLDERS = {"corpus": ROOT / "corpus",
               "coronamelder": ROOT.parent / "shared" / "corpus-real" / "minvws-coronamelder-coordination"}
GRID = tuple((a, b, c) for a in (0.0, 0.2, 0.4, 0.6) for b in (0.0, 0.2, 0.4, 0.6) for c in (0.2, 0.4, 0.6, 0.8))
OFFSET_DRIFT = 10  # characters a labelled commitment's offset may have moved since labelling
THRESHOLDS = tuple(round(0.10 + 0.02 * i, 2) for i in range(60))


@dataclass
class LinkScores:
    points: int  # labelled points
    shown: int  # points with at least one link shown
    precision_at_5: float  # relevant among the links shown (at most 5 per point), over all shown
    recall_at_5: float  # relevant shown / relevant labelled (points with labels)
    relevant: int  # labelled pairs

    def row(self) -> str:
        return f"{self.points} | {self.shown} | {self.precision_at_5:.3f} | {self.recall_at_5:.3f} | {self.relevant}"


def _candidates(set_name: str, labels: dict[str, list[str]], embedder: str):
    """Per labelled point every candidate link (no threshold), from an index of the set's
    documents, and the file name of each indexed document."""
    from assistant.core import Assistant, StoreConfig
    from assistant.extract.points import advice_points

    folder = SET_FOLDERS[set_name]
    files = sorted({key.rsplit("@", 1)[0] for keys in labels.values() for key in keys}
                   | {point.split("#", 1)[0] for point in labels})
    missing = [f for f in files if not (folder / f).exists()]
    if missing:
        raise FileNotFoundError(f"{set_name}: not found in {folder}: {', '.join(missing)}")
    work = Path(tempfile.mkdtemp(prefix=f"links-{set_name}-"))
    docs = work / "docs"
    docs.mkdir()
    for f in files:
        shutil.copy(folder / f, docs / f)
    assistant = Assistant(StoreConfig(index_dir=work / "index"), embedder=embedder)
    assistant.ingest([docs])
    names = {d.id: Path(d.path).name for d in assistant.documents()}
    texts = []
    for point_id in labels:
        file, number = point_id.split("#", 1)
        point = next(p for p in advice_points(assistant.read(docs / file)) if p.number == number)
        texts.append(" ".join(filter(None, (point.title, point.text))))
    links = assistant.related_commitments(texts, k=1000, threshold=None)
    shutil.rmtree(work, ignore_errors=True)
    return dict(zip(labels, links)), names


def score(found: dict[str, list[Link]], names: dict[str, str], labels: dict[str, list[str]],
          weights: tuple[float, float, float], threshold: float) -> LinkScores:
    shown = hits = relevant_shown = 0
    labelled = sum(len(v) for v in labels.values())
    for point_id, candidates in found.items():
        links = rescored(candidates, weights, threshold, k=5)
        keys = [(names[link.commitment.source.doc_id], link.commitment.source.start) for link in links]
        shown += bool(keys)
        hits += len(keys)
        unused = list(labels[point_id])  # each label counts once, for the nearest shown commitment
        for key in keys:
            label = _labelled(key, unused)
            if label is not None:
                unused.remove(label)
                relevant_shown += 1
    return LinkScores(points=len(labels), shown=shown, precision_at_5=relevant_shown / hits if hits else 0.0,
                      recall_at_5=relevant_shown / labelled if labelled else 0.0, relevant=labelled)


def _labelled(key: tuple[str, int], labelled: list[str]) -> str | None:
    """The label that names a shown commitment (file, start), the nearest if several could; None
    when none does. A label keeps the offset the commitment had when it was labelled; a later
    change to the parse earlier in the file (a letterhead line, a hyphen) moves it by a few
    characters, never by a sentence."""
    name, start = key
    near = []
    for label in labelled:
        file, _, offset = label.rpartition("@")
        if file == name and abs(int(offset) - start) <= OFFSET_DRIFT:
            near.append((abs(int(offset) - start), label))
    return min(near)[1] if near else None


def evaluate_links(path: Path, embedder: str = "e5") -> str:
    """The table: per set, the figures at the shipped weights and threshold, and at those chosen
    on the other set (best F1 of precision@5 and recall@5 among precision@5 >= 0.8, else best P@5)."""
    labels = json.loads(path.read_text(encoding="utf-8"))["sets"]
    data = {name: _candidates(name, sets, embedder) for name, sets in labels.items() if SET_FOLDERS[name].exists()}
    lines = ["| set | weights/threshold chosen on | weights | threshold | points | shown | P@5 | R@5 | pairs |",
             "|---|---|---|---|---|---|---|---|---|"]
    for name, (found, names) in data.items():
        shipped = score(found, names, labels[name], WEIGHTS, THRESHOLD)
        lines.append(f"| {name} | shipped | {WEIGHTS} | {THRESHOLD} | {shipped.row()} |")
        for other, (o_found, o_names) in data.items():
            if other != name:
                weights, threshold = choose(o_found, o_names, labels[other])
                held = score(found, names, labels[name], weights, threshold)
                lines.append(f"| {name} | {other} | {weights} | {threshold} | {held.row()} |")
    return "\n".join(lines)


def choose(found, names, labels) -> tuple[tuple[float, float, float], float]:
    best, best_key = (WEIGHTS, THRESHOLD), None
    for weights in GRID:
        for threshold in THRESHOLDS:
            s = score(found, names, labels, weights, threshold)
            p, r = s.precision_at_5, s.recall_at_5
            f1 = 2 * p * r / (p + r) if p + r else 0.0
            key = (p >= 0.8, f1 if p >= 0.8 else p)
            if best_key is None or key > best_key:
                best, best_key = (weights, threshold), key
    return best
