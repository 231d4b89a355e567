"""How soon a batch is searchable: ingest of ``../shared/corpus-real`` (or given folders) into a
fresh embedded e5 index, the first stage alone (parse, passages, commitments, lexical index: the
batch is then found by its words and listed in the register), then some rounds of the second
stage (vectors), against the embedding engine's own rate on the same number of passages measured
in the same run. Prints one table.

Pages read by OCR are left out (``ASSISTANT_OCR=0``: their time is in bench/ocr.py).

    .venv/bin/python bench/searchable.py [FOLDER ...] [--rounds 4]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["ANONYMIZED_TELEMETRY"] = "False"
os.environ["ASSISTANT_OCR"] = "0"

from assistant.core import Assistant  # noqa: E402
from assistant.search.ingest import VECTOR_ROUND  # noqa: E402
from assistant.search.store import StoreConfig  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus-real"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, default=[SHARED])
    parser.add_argument("--rounds", type=int, default=4, help="rounds of the second stage to time")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        assistant = Assistant(StoreConfig(index_dir=Path(tmp) / "index"), embedder="e5")
        assistant.store  # the model loads with the store: not part of the ingest
        started = time.perf_counter()
        report = assistant.ingest(args.folders, vectors_later=True)
        first = time.perf_counter() - started
        pending = assistant.vectors_pending()
        if not assistant.search("toezegging informeren voor de zomer", mode="lexical"):
            raise SystemExit("no lexical hit after the first stage")
        files = len(report.added) + len(report.updated)
        print("| stage | files | pages | passages | seconds | rate |")
        print("|---|---|---|---|---|---|")
        print(f"| 1: searchable by words, commitments in the register | {files} | {report.pages} | {pending} | "
              f"{first:.1f} | {report.pages / first:.1f} pages/s |")
        if not args.rounds:
            return
        _, texts, _ = assistant.store.pending_vectors(args.rounds * VECTOR_ROUND)  # what the rounds will take
        start = time.perf_counter()
        done = assistant.embed_pending(rounds=args.rounds)
        ours = done / (time.perf_counter() - start)
        start = time.perf_counter()
        assistant.embedder.embed_passages(texts)
        engine = len(texts) / (time.perf_counter() - start)
        print(f"| e5 engine alone, the same {len(texts)} passages in one call | | | {len(texts)} | "
              f"{len(texts) / engine:.1f} | {engine:.1f} passages/s |")
        print(f"| 2: vectors, {args.rounds} rounds (read, embed, write) | | | {done} | {done / ours:.1f} | "
              f"{ours:.1f} passages/s ({ours / engine:.0%} of the engine) |")
        print(f"\nThe whole second stage of this batch: about {pending / ours / 60:.0f} min; a passage is found "
              "by meaning as soon as its round is written.")


if __name__ == "__main__":
    main()
