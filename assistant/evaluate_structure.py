"""Measured structure: are the points of a reply found, is each answer's span right, is the stance
right? Scored on labelled real documents (``eval/structure/*.json``, format in eval/README.md).

A labelled point is matched to a found point when the label's point anchor stands in the found
point's text, or its first answer anchor in the found answer; each found point matches once.
Points: precision, recall, F1 over those matches. Answer right: the found answer holds the first
and the last sentence of the labelled answer and not the next point's text (an unanswered point
is right when nothing was found as its answer). Stance: on points whose label gives one.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from assistant.errors import AssistantError

STANCES = ("agree", "partly", "disagree", "unclear")


def normalise(text: str) -> str:
    """Fold what PDF and Word files write differently (ligatures, quotes, dashes, soft hyphens,
    spaces); lower case. The same folding the labellers' anchor check uses."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    for a, b in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("„", '"'), ("–", "-"), ("—", "-")):
        text = text.replace(a, b)
    return re.sub(r"\s+", " ", text).strip().lower()


@dataclass
class Tally:
    labelled: int = 0
    found: int = 0
    matched: int = 0
    answers: int = 0
    answers_right: int = 0
    stances: int = 0
    stances_right: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in ("labelled", "found", "matched", "answers", "answers_right", "stances", "stances_right"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors += other.errors

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.labelled if self.labelled else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def answer_accuracy(self) -> float:
        return self.answers_right / self.answers if self.answers else 0.0

    @property
    def stance_accuracy(self) -> float:
        return self.stances_right / self.stances if self.stances else 0.0

    def to_dict(self) -> dict:
        return {"points_labelled": self.labelled, "points_found": self.found, "precision": self.precision,
                "recall": self.recall, "f1": self.f1, "answers": self.answers,
                "answer_accuracy": self.answer_accuracy, "stances": self.stances,
                "stance_accuracy": self.stance_accuracy}


@dataclass
class StructureScores:
    overall: Tally
    by_source: dict[str, Tally]
    by_layout: dict[str, Tally]
    documents: int

    def to_dict(self) -> dict:
        return {"overall": self.overall.to_dict(), "documents": self.documents,
                "by_source": {k: v.to_dict() for k, v in self.by_source.items()},
                "by_layout": {k: v.to_dict() for k, v in self.by_layout.items()}}


def eval_structure(files: list[Path], root: Path | None = None) -> StructureScores:
    """Score the reading of points, answers and stances on labelled documents. A labelled
    document that is missing is an error, not a skip: the figures would silently change."""
    from assistant.extract.points import quoted_points
    from assistant.parse import parse_document

    overall, by_source, by_layout, documents = Tally(), defaultdict(Tally), defaultdict(Tally), 0
    for file in files:
        data = json.loads(Path(file).read_text(encoding="utf-8"))
        base = root or _project_root(Path(file))
        for entry in data["documents"]:
            path = (base / entry["path"]).resolve()
            if not path.exists():
                raise AssistantError(f"evaluatie: {entry['path']} ontbreekt; zet ../shared naast de projectmap")
            found = [(normalise(p.text), normalise(a.text) if a else "", a.stance if a else None)
                     for p, a in quoted_points(parse_document(path, ocr=False))]
            tally = score_document(entry["points"], found, path.name)
            documents += 1
            for target in (overall, by_source[data["source"]], by_layout[entry.get("layout", "?")]):
                target.add(tally)
    return StructureScores(overall, dict(by_source), dict(by_layout), documents)


def score_document(labelled: list[dict], found: list[tuple[str, str, str | None]], name: str) -> Tally:
    """Match labelled points to found ones (point text, answer text, stance) and count."""
    tally = Tally(labelled=len(labelled), found=len(found))
    used: set[int] = set()
    matches: dict[int, int] = {}
    for pass_ in ("point", "answer"):  # the point's own words first, then where its answer starts
        for k, point in enumerate(labelled):
            if k in matches:
                continue
            anchor = point.get("point_anchor") if pass_ == "point" else point.get("answer_first")
            if not anchor:
                continue
            anchor = normalise(anchor)
            column = 0 if pass_ == "point" else 1
            hit = next((j for j, item in enumerate(found) if j not in used and anchor in item[column]), None)
            if hit is not None:
                matches[k] = hit
                used.add(hit)
    tally.matched = len(matches)
    for k, point in enumerate(labelled):
        label = f"{name} punt {point.get('number')}"
        if k not in matches:
            tally.errors.append(f"{label}: niet gevonden")
            if point.get("answer_first"):
                tally.answers += 1
            continue
        _, answer, stance = found[matches[k]]
        tally.answers += 1
        if _answer_right(point, answer, labelled[k + 1] if k + 1 < len(labelled) else None):
            tally.answers_right += 1
        else:
            tally.errors.append(f"{label}: antwoord niet goed afgebakend")
        if point.get("stance") in STANCES:
            tally.stances += 1
            if stance == point["stance"]:
                tally.stances_right += 1
            else:
                tally.errors.append(f"{label}: houding {stance}, verwacht {point['stance']}")
    return tally


def _without_label(anchor: str) -> str:
    """An anchor copied with the answer's label in front ("Antwoord op vraag 1 Ja."): the label
    opens the answer but is no part of its text, which the reader gives without it."""
    from assistant.parse.structure import read_label

    label = read_label(anchor)
    if label is not None and label.role in ("antwoord", "reactie", "ad") and label.rest.strip():
        return label.rest
    return anchor


def _answer_right(point: dict, answer: str, following: dict | None) -> bool:
    if not point.get("answer_first"):
        return not answer
    first = normalise(_without_label(point["answer_first"]))
    last = normalise(_without_label(point.get("answer_last") or point["answer_first"]))
    if first not in answer or last not in answer:
        return False
    grouped = set(point.get("answered_with") or []) - {point.get("number")}
    if following is not None and following.get("point_anchor") and following.get("number") not in grouped:
        return normalise(following["point_anchor"]) not in answer
    return True


def _project_root(path: Path) -> Path:
    path = path.resolve()
    for parent in path.parents:
        if parent.name == "eval":
            return parent.parent
    return Path.cwd()
