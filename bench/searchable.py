"""How soon a batch is searchable: ingest of ``../shared/corpus-real`` (or given folders) into a
fresh embedded index, the first stage alone (parse, passages, commitments, lexical index: the
batch is then found by its words and listed in the register), then the vectors of a share of the
passages with e5, to give the second stage's rate. Prints one table.

The first stage does not embed, so it is timed with the fake embedder's index; pages read by OCR
are left out (``ASSISTANT_OCR=0``: their time is in bench/ocr.py).

    .venv/bin/python bench/searchable.py [FOLDER ...] [--embed 300]
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
from assistant.search.store import StoreConfig  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus-real"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, default=[SHARED])
    parser.add_argument("--embed", type=int, default=300, help="passages to embed with e5 for the second stage's rate")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        assistant = Assistant(StoreConfig(index_dir=Path(tmp) / "index"), embedder="fake")
        started = time.perf_counter()
        report = assistant.ingest(args.folders, vectors_later=True)
        first = time.perf_counter() - started
        pending = assistant.vectors_pending()
        hits = assistant.search("toezegging informeren voor de zomer", mode="lexical")
        print("| stage | files | pages | passages | seconds | pages/s |")
        print("|---|---|---|---|---|---|")
        files = len(report.added) + len(report.updated)
        print(f"| 1: searchable by words, commitments in the register | {files} | {report.pages} | {pending} | "
              f"{first:.1f} | {report.pages / first:.1f} |")
        if not hits:
            raise SystemExit("no lexical hit after the first stage")
        if args.embed:
            from assistant.search.embed import get_embedder

            e5 = get_embedder("e5")
            ids, texts, _ = assistant.store.pending_vectors(args.embed)
            start = time.perf_counter()
            e5.embed_passages(texts)
            seconds = time.perf_counter() - start
            rate = len(ids) / seconds
            per_page = pending / max(1, report.pages)
            print(f"| 2: vectors (e5), {len(ids)} passages of this batch | | | {len(ids)} | {seconds:.1f} | "
                  f"{rate / per_page:.1f} |")
            print(f"\nThe whole second stage of this batch: about {pending / rate / 60:.0f} min at {rate:.1f} "
                  "passages/s; searches find each passage by meaning as soon as its round is written.")


if __name__ == "__main__":
    main()
