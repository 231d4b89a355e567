"""Ingest with parsing in two worker processes ahead of the embedding, against one process.
Prints a table. Run: .venv/bin/python bench/parse_ahead.py FOLDER [fake|e5]"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main():
    import assistant.parse.parallel as ing
    from assistant.core import Assistant, StoreConfig
    folder = Path(sys.argv[1])
    embedder = sys.argv[2] if len(sys.argv) > 2 else "fake"
    print("| ingest | files, pages | time | speed |")
    print("|---|---|---|---|")
    for label, minimum in (("one process", 10**9), ("parse ahead, 2 workers", 3)):
        ing.PARSE_AHEAD_MIN_FILES = minimum
        ing.PARSE_AHEAD_MIN_BYTES = 0
        a = Assistant(StoreConfig(index_dir=Path(tempfile.mkdtemp()) / "index"), embedder=embedder)
        start = time.perf_counter()
        r = a.ingest([folder])
        dt = time.perf_counter() - start
        print(f"| {label} | {len(r.added)} files, {r.pages} pages | {dt:.1f} s | {r.pages/dt:.1f} pages/s |")


if __name__ == "__main__":
    main()
