"""Train the commitment classifier: ``assistant train-commitments``.

Reproducible from the labelled real documents (``eval/commitments``, split by source in
``eval/splits.json``) and our own fully labelled letters (``eval/gold_extract.json``): fit a
logistic regression on the train split, choose its regularisation, calibrate its probabilities
(Platt scaling) and choose the threshold on the dev split, and write the weights as JSON beside
the classifier. The test split is never read here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from assistant.errors import AssistantError
from assistant.evaluate_commitments import EVAL, ROOT, labelled_documents
from assistant.evaluate_structure import normalise
from assistant.extract.classifier import MODEL_PATH

_C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
_THRESHOLDS = [t / 100 for t in range(15, 86)]


@dataclass
class Examples:
    values: list[dict[str, float]]
    labels: list[int]
    sources: list[str]
    missing: int  # labelled commitments no candidate sentence holds (parse or quote problems)

    def __len__(self) -> int:
        return len(self.labels)


def examples(split: str) -> Examples:
    """Candidate sentences of a split with their labels; ambiguous ones left out."""
    from assistant.extract.commitments import candidates
    from assistant.parse import parse_document

    docs = [(d.source, d.path, d.letter_date, d.positives, d.ambiguous) for d in labelled_documents(split)]
    if split == "train":
        docs += _own_letters()
    values, labels, sources, missing = [], [], [], 0
    for source, path, letter_date, positives, ambiguous in docs:
        doc = parse_document(path, ocr=False)  # labelled on the text layer
        if letter_date:
            doc.date = letter_date
        found = candidates(doc)
        texts = [normalise(c.sentence) for c in found]
        anchors = [normalise(p["anchor"]) for p in positives]
        missing += sum(not any(a in t for t in texts) for a in anchors)
        for candidate, text in zip(found, texts):
            if any(a in text for a in ambiguous):
                continue
            values.append(candidate.values)
            labels.append(int(any(a in text for a in anchors)))
            sources.append(source)
    return Examples(values, labels, sources, missing)


def _own_letters() -> list[tuple[Path, date | None, list[dict], list[str]]]:
    """The fully labelled letters of the first gold set (our corpus and the seed)."""
    gold = json.loads((EVAL / "gold_extract.json").read_text(encoding="utf-8"))
    out = []
    for entry in gold["documents"]:
        path = (ROOT / entry["path"]).resolve()
        if not entry.get("fully_labelled"):
            continue
        if not path.exists():  # a model trained on part of its data would differ without a word
            raise AssistantError(f"training: {entry['path']} ontbreekt; zet ../shared naast de checkout")
        items = entry.get("commitments", []) + entry.get("non_commitments", [])
        out.append(("corpus", path, date.fromisoformat(entry["letter_date"]) if entry.get("letter_date") else None,
                    [c for c in entry.get("commitments", []) if not c.get("ambiguous")],
                    [normalise(i["anchor"]) for i in items if i.get("ambiguous")]))
    return out


def train(output: Path = MODEL_PATH) -> dict:
    """Fit, calibrate, choose the threshold, write the model; return what was measured."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    train_set, dev_set = examples("train"), examples("dev")
    vectorizer = DictVectorizer(sort=True)
    x_train = vectorizer.fit_transform(train_set.values)
    x_dev = vectorizer.transform(dev_set.values)
    y_train, y_dev = np.array(train_set.labels), np.array(dev_set.labels)

    names = list(vectorizer.get_feature_names_out())
    best = None
    for c in _C_GRID:
        coef, intercept = fit_signed(x_train, y_train, names, c)
        scores = x_dev @ coef + intercept
        f1, threshold = _best_threshold(_sigmoid(scores), y_dev)
        if best is None or f1 > best[0]:
            best = (f1, c, coef, intercept)
    _, c, coef, intercept = best
    scores = x_dev @ coef + intercept
    platt = LogisticRegression(C=1e6, max_iter=5000).fit(scores.reshape(-1, 1), y_dev)
    scale, shift = float(platt.coef_[0][0]), float(platt.intercept_[0])
    probabilities = _sigmoid(scale * scores + shift)
    dev_f1, threshold = _best_threshold(probabilities, y_dev)
    predicted = probabilities >= threshold
    tp = int((predicted & (y_dev == 1)).sum())
    report = {
        "trained": date.today().isoformat(),
        "regularisation_C": c,
        "train": {"sentences": len(train_set), "commitments": int(y_train.sum()), "anchors_not_found": train_set.missing},
        "dev": {"sentences": len(dev_set), "commitments": int(y_dev.sum()), "anchors_not_found": dev_set.missing,
                "precision": tp / max(1, int(predicted.sum())), "recall": tp / max(1, int(y_dev.sum())), "f1": dev_f1},
    }
    data = {
        "description": "Commitment classifier weights (logistic regression over named features); written by "
                       "`assistant train-commitments`, see assistant/extract/train.py.",
        "weights": {str(n): round(float(w), 6) for n, w in zip(names, coef) if abs(w) > 1e-9},
        "bias": round(float(intercept), 6),
        "scale": round(scale, 6), "shift": round(shift, 6), "threshold": threshold,
        "report": report,
    }
    output.write_text(json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    from assistant.extract.classifier import load_model

    load_model.cache_clear()
    return report


def fit_signed(x, y, names: list[str], c: float):
    """A logistic regression (class-balanced, L2 with strength 1/c) whose weights keep the sign the
    classifier allows each feature (``classifier.FOR``, ``classifier.AGAINST``)."""
    import numpy as np
    from scipy.optimize import minimize

    from assistant.extract.classifier import AGAINST, FOR

    x = x.tocsr() if hasattr(x, "tocsr") else np.asarray(x)
    y = np.asarray(y, dtype=float)
    positives = max(1.0, y.sum())
    weights = np.where(y == 1, len(y) / (2 * positives), len(y) / (2 * max(1.0, len(y) - positives)))
    bounds = [(0.0, None) if n in FOR else (None, 0.0) if n in AGAINST else (None, None) for n in names]
    bounds.append((None, None))  # the intercept

    def loss(theta):
        w, b = theta[:-1], theta[-1]
        z = x @ w + b
        p = _sigmoid(z)
        eps = 1e-12
        value = -(weights * (y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps))).sum() + (w @ w) / (2 * c)
        residual = weights * (p - y)
        grad = np.append(x.T @ residual + w / c, residual.sum())
        return value, grad

    result = minimize(loss, np.zeros(len(names) + 1), jac=True, method="L-BFGS-B", bounds=bounds,
                      options={"maxiter": 5000})
    return result.x[:-1], float(result.x[-1])


def _sigmoid(values):
    import numpy as np

    return 1.0 / (1.0 + np.exp(-np.clip(values, -50, 50)))


def _best_threshold(probabilities, labels) -> tuple[float, float]:
    best = (0.0, 0.5)
    for threshold in _THRESHOLDS:
        predicted = probabilities >= threshold
        tp = int((predicted & (labels == 1)).sum())
        precision = tp / max(1, int(predicted.sum()))
        recall = tp / max(1, int(labels.sum()))
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        if f1 > best[0] + 1e-9:
            best = (f1, threshold)
    return best
