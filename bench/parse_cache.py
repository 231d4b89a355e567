"""Parse once: the time to read real PDFs the first time (parsed) and again (from the parse
cache), and a compare of two versions of a 70-page document both ways. Prints a table.
Run: .venv/bin/python bench/parse_cache.py  (needs ../shared/corpus-real)"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.core import Assistant, StoreConfig  # noqa: E402

DOSSIER = ROOT.parent / "shared" / "corpus-real" / "minvws-coronamelder-coordination"
OLD = DOSSIER / "dpia_covid19_notificatie-app_versie_2020-07-01.pdf"
NEW = DOSSIER / "dpia_covid19_notificatie-app_versie_2020-08-24.pdf"


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    if not DOSSIER.exists():
        sys.exit(f"{DOSSIER} ontbreekt")
    assistant = Assistant(StoreConfig(index_dir=Path(tempfile.mkdtemp()) / "index"), embedder="fake")
    files = sorted(p for p in DOSSIER.iterdir() if p.suffix.lower() == ".pdf")
    pages = 0
    first = 0.0
    for path in files:
        start = time.perf_counter()
        pages += assistant.read(path).pages
        first += time.perf_counter() - start
    again = sum(timed(lambda p=p: assistant.read(p)) for p in files)
    fresh = Assistant(StoreConfig(index_dir=Path(tempfile.mkdtemp()) / "index"), embedder="fake")
    compare_first = timed(lambda: fresh.compare(OLD, NEW))
    compare_again = timed(lambda: fresh.compare(OLD, NEW))
    print("| what | parsed | from the cache | speed-up |")
    print("|---|---|---|---|")
    print(f"| read {len(files)} PDFs, {pages} pages | {first:.1f} s ({pages / first:.1f} p/s) | {again:.2f} s "
          f"({pages / again:.0f} p/s) | {first / again:.0f}x |")
    print(f"| compare two DPIA versions | {compare_first:.1f} s | {compare_again:.1f} s | "
          f"{compare_first / compare_again:.1f}x |")


if __name__ == "__main__":
    main()
