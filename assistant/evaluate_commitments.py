"""Measured commitment detection on real documents labelled sentence by sentence by a separate
reading (``eval/commitments/<source>.json``, guide in eval/README.md), per split of
``eval/splits.json``: precision, recall, F1, exact due range and exact amount, overall, per
source and per cue. The test split is what the README reports; train and dev are for making
the classifier.

A labelled commitment is found when a detected commitment's sentence contains its anchor. A
detected commitment that contains no anchor of a labelled commitment is a false alarm (the
documents are fully labelled); items the labeller marked ambiguous count neither way.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from assistant.errors import AssistantError
from assistant.evaluate_structure import normalise

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "eval"


@dataclass
class LabelledDocument:
    source: str
    split: str
    path: Path
    letter_date: date | None
    positives: list[dict]
    negatives: list[dict]
    ambiguous: list[str]  # anchors, normalised


def splits() -> dict[str, str]:
    """Source folder -> split, from eval/splits.json."""
    data = json.loads((EVAL / "splits.json").read_text(encoding="utf-8"))
    return {source: name for name in ("train", "dev", "test") for source in data[name]}


def labelled_documents(split: str | None = None, files: list[Path] | None = None) -> list[LabelledDocument]:
    """The labelled documents of one split (or of the given label files). A labelled document that
    is missing is an error, not a skip: the figures would silently change."""
    files = files or sorted((EVAL / "commitments").glob("*.json"))
    out: list[LabelledDocument] = []
    for file in files:
        data = json.loads(Path(file).read_text(encoding="utf-8"))
        if split is not None and data["split"] != split:
            continue
        for entry in data["documents"]:
            path = (ROOT / entry["path"]).resolve()
            if not path.exists():
                raise AssistantError(f"evaluatie: {entry['path']} ontbreekt; zet ../shared naast de projectmap")
            items = entry.get("commitments", []) + entry.get("non_commitments", [])
            out.append(LabelledDocument(
                source=data["source"], split=data["split"], path=path,
                letter_date=date.fromisoformat(entry["letter_date"]) if entry.get("letter_date") else None,
                positives=[c for c in entry.get("commitments", []) if not c.get("ambiguous")],
                negatives=[n for n in entry.get("non_commitments", []) if not n.get("ambiguous")],
                ambiguous=[normalise(i["anchor"]) for i in items if i.get("ambiguous")]))
    return out


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    due_checked: int = 0
    due_exact: int = 0
    amount_checked: int = 0
    amount_exact: int = 0

    def add(self, other: Counts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1, "tp": self.tp, "fp": self.fp,
                "fn": self.fn, "due_exact": self.due_exact / self.due_checked if self.due_checked else None,
                "due_checked": self.due_checked,
                "amount_exact": self.amount_exact / self.amount_checked if self.amount_checked else None,
                "amount_checked": self.amount_checked}


@dataclass
class CommitmentScores:
    split: str
    overall: Counts
    by_source: dict[str, Counts]
    cues: dict[str, list[int]]  # cue -> [fired, of which true commitments]
    documents: int
    sentences: int
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)
    wrong_dues: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"split": self.split, "documents": self.documents, "sentences": self.sentences,
                "overall": self.overall.to_dict(), "by_source": {k: v.to_dict() for k, v in self.by_source.items()},
                "cues": {k: {"fired": v[0], "precision": v[1] / v[0] if v[0] else None} for k, v in self.cues.items()}}


def eval_commitments(split: str = "test", files: list[Path] | None = None) -> CommitmentScores:
    from assistant.extract.commitments import extract_commitments
    from assistant.nl.sentences import split_sentences
    from assistant.parse import parse_document

    overall, by_source = Counts(), defaultdict(Counts)
    cues: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses, alarms, wrong_dues = [], [], []
    documents = sentences = 0
    for labelled in labelled_documents(split, files):
        doc = parse_document(labelled.path, ocr=False)  # labelled on the text layer
        if labelled.letter_date:
            doc.date = labelled.letter_date
        documents += 1
        sentences += sum(len(split_sentences(b.text)) for b in doc.blocks if b.kind not in ("heading", "note"))
        found = extract_commitments(doc)
        texts = [normalise(c.text) for c in found]
        counts = Counts()
        used: set[int] = {i for i, t in enumerate(texts) if any(a in t for a in labelled.ambiguous)}
        truth: set[int] = set()
        for item in labelled.positives:
            anchor = normalise(item["anchor"])
            hit = next((i for i, t in enumerate(texts) if anchor in t), None)
            if hit is None:
                counts.fn += 1
                misses.append(f"{labelled.path.name}: {item['anchor']}")
                continue
            counts.tp += 1
            used.add(hit)
            truth.add(hit)
            _check_due(item, found[hit], counts, wrong_dues, labelled.path.name)
            _check_amount(item, found[hit], counts)
        for i, commitment in enumerate(found):
            for cue in getattr(commitment, "why", ()) or ():
                cues[cue][0] += 1
                cues[cue][1] += i in truth
            if i not in used:
                counts.fp += 1
                alarms.append(f"{labelled.path.name}: {commitment.text[:100]}")
        overall.add(counts)
        by_source[labelled.source].add(counts)
    return CommitmentScores(split=split or "alle", overall=overall, by_source=dict(by_source), cues=dict(cues),
                            documents=documents, sentences=sentences, misses=misses, false_alarms=alarms,
                            wrong_dues=wrong_dues)


def _check_due(item: dict, commitment, counts: Counts, wrong: list[str], name: str) -> None:
    if not item.get("due"):
        return
    counts.due_checked += 1
    due = commitment.due
    expected = (item["due"]["start"], item["due"]["end"])
    if due and (due.start.isoformat(), due.end.isoformat()) == expected:
        counts.due_exact += 1
    else:
        got = f"{due.start}..{due.end} ({due.label})" if due else "geen"
        wrong.append(f"{name}: {item['due'].get('label')}: verwacht {expected[0]}..{expected[1]}, kreeg {got}")


def _check_amount(item: dict, commitment, counts: Counts) -> None:
    if not item.get("amount"):
        return
    counts.amount_checked += 1
    if commitment.amount is not None and abs(commitment.amount.eur - float(item["amount"]["eur"])) < 0.5:
        counts.amount_exact += 1
