"""Parse every document in corpus/ and ../shared/corpus-real/ and print a table: per file its
pages, parse time and pages per second, and whether it gave text, points and a date, or why it
failed; then the overall rate in one process and with both cores (two worker processes).

    .venv/bin/python bench/parse.py [--quiet] [--no-workers]
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.errors import AssistantError  # noqa: E402
from assistant.parse import parse_document  # noqa: E402

SUFFIXES = {".pdf", ".docx", ".txt", ".md", ".odt", ".html", ".xml"}


def documents(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES and "src" not in p.parts)


def _pages(path: str) -> int:
    try:
        return parse_document(path).pages
    except AssistantError:
        return 0


def run(folder: Path, quiet: bool, workers: bool) -> None:
    files = documents(folder)
    if not files:
        print(f"\n{folder}: not present, skipped")
        return
    print(f"\n## {folder}  ({len(files)} files)\n")
    if not quiet:
        print("| file | pages | seconds | pages/s | blocks | points | date | kind | result |")
        print("|---|---|---|---|---|---|---|---|---|")
    pages = seconds = 0.0
    ok = text = with_points = with_date = failed = 0
    rates: list[tuple[float, str, int]] = []
    for path in files:
        start = time.perf_counter()
        try:
            doc = parse_document(path)
        except AssistantError as exc:
            failed += 1
            if not quiet:
                print(f"| {path.name[:60]} | | | | | | | | {type(exc).__name__}: {exc.message[len(path.name) + 2:][:70]} |")
            continue
        elapsed = time.perf_counter() - start
        pages += doc.pages
        seconds += elapsed
        ok += 1
        if path.suffix.lower() == ".pdf" and doc.pages >= 5:
            rates.append((doc.pages / elapsed, path.name, doc.pages))
        points = sum(b.kind == "point" for b in doc.blocks)
        text += bool(doc.blocks)
        with_points += points > 0
        with_date += doc.date is not None
        if not quiet:
            note = "; ".join(doc.warnings)[:70] or "ok"
            print(f"| {path.name[:60]} | {doc.pages} | {elapsed:.2f} | {doc.pages / elapsed:.1f} | {len(doc.blocks)} | "
                  f"{points} | {doc.date or ''} | {doc.kind} | {note} |")
    rate = pages / seconds if seconds else 0.0
    print(f"\nparsed {ok}/{len(files)}: {text} with text, {with_points} with points, {with_date} with a date, "
          f"{failed} refused with a message")
    print(f"one process: {pages:.0f} pages in {seconds:.1f} s = {rate:.1f} pages/s")
    if rates:
        slowest = sorted(rates)[:3]
        print("slowest PDFs of 5 pages or more: " + "; ".join(f"{n} ({p} pp) {r:.1f} pages/s" for r, n, p in slowest))
    if workers and (os.cpu_count() or 1) >= 2:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        start = time.perf_counter()
        with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
            # largest first, so that the two workers finish together
            order = sorted(files, key=lambda p: -p.stat().st_size)
            total = sum(pool.map(_pages, [str(p) for p in order]))
        wall = time.perf_counter() - start
        print(f"both cores (2 worker processes, start-up included): {total} pages in {wall:.1f} s = "
              f"{total / wall:.1f} pages/s")


if __name__ == "__main__":
    quiet = "--quiet" in sys.argv
    workers = "--no-workers" not in sys.argv
    run(ROOT / "corpus", quiet, workers)
    run(ROOT.parent / "shared" / "corpus-real", quiet, workers)
