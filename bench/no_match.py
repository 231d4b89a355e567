"""The "no good match" threshold of the search: how close the nearest passage comes to a
question, for answerable questions (eval/corpus_queries.json) and questions the corpus does
not answer (eval/questions_unanswerable.json), over an e5 index of corpus/.

The threshold is chosen on the even-numbered questions of both sets (the lowest share of
answerable questions flagged, at most 5 %, with the most unanswerable ones flagged) and
reported on the odd-numbered ones. Prints a table; run: .venv/bin/python bench/no_match.py
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.core import Assistant, StoreConfig  # noqa: E402
from assistant.search.embed import E5Embedder  # noqa: E402


def nearest(assistant: Assistant, questions: list[str]) -> list[float]:
    vectors = assistant.embedder.embed_queries(questions)
    return [assistant.store.query(v, 1)[0][1] for v in vectors]


def rates(answerable: list[float], unanswerable: list[float], threshold: float) -> tuple[float, float]:
    return (sum(c < threshold for c in answerable) / len(answerable),
            sum(c < threshold for c in unanswerable) / len(unanswerable))


def main() -> None:
    index = Path(tempfile.mkdtemp()) / "index"
    assistant = Assistant(StoreConfig(index_dir=index), embedder="e5")
    assistant.ingest([ROOT / "corpus"])
    answerable = nearest(assistant, [q["text"] for q in json.loads(
        (ROOT / "eval/corpus_queries.json").read_text(encoding="utf-8"))["queries"]])
    unanswerable = nearest(assistant, [q["text"] for q in json.loads(
        (ROOT / "eval/questions_unanswerable.json").read_text(encoding="utf-8"))["queries"]])
    dev = (answerable[::2], unanswerable[::2])
    test = (answerable[1::2], unanswerable[1::2])
    candidates = [t / 1000 for t in range(700, 950)]
    allowed = [t for t in candidates if rates(*dev, t)[0] <= 0.05]
    chosen = max(allowed, key=lambda t: (rates(*dev, t)[1], -t))
    print("| split | questions (answerable / not) | answerable flagged | unanswerable flagged | threshold |")
    print("|---|---|---|---|---|")
    for name, (a, u) in (("dev (chosen here)", dev), ("test (held out)", test)):
        fa, fu = rates(a, u, chosen)
        print(f"| {name} | {len(a)} / {len(u)} | {fa:.3f} | {fu:.3f} | {chosen} |")
    fa, fu = rates(*test, E5Embedder.no_match_below)
    print(f"| test at the shipped threshold | {len(test[0])} / {len(test[1])} | {fa:.3f} | {fu:.3f} | "
          f"{E5Embedder.no_match_below} |")


if __name__ == "__main__":
    main()
