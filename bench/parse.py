"""Parse every document in corpus/ and ../shared/corpus-real/ and print a table:
pages per second, and per file whether it gave text, points and a date, or why it failed.

    .venv/bin/python bench/parse.py [--quiet]
"""

from __future__ import annotations

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


def run(folder: Path, quiet: bool) -> None:
    files = documents(folder)
    if not files:
        print(f"\n{folder}: not present, skipped")
        return
    print(f"\n## {folder}  ({len(files)} files)\n")
    if not quiet:
        print("| file | pages | blocks | points | date | kind | result |")
        print("|---|---|---|---|---|---|---|")
    pages = seconds = 0.0
    ok = text = with_points = with_date = failed = 0
    for path in files:
        start = time.perf_counter()
        try:
            doc = parse_document(path)
        except AssistantError as exc:
            failed += 1
            if not quiet:
                print(f"| {path.name[:60]} | | | | | | {type(exc).__name__}: {exc.message[len(path.name) + 2:][:70]} |")
            continue
        elapsed = time.perf_counter() - start
        pages += doc.pages
        seconds += elapsed
        ok += 1
        points = sum(b.kind == "point" for b in doc.blocks)
        text += bool(doc.blocks)
        with_points += points > 0
        with_date += doc.date is not None
        if not quiet:
            note = "; ".join(doc.warnings)[:70] or "ok"
            print(f"| {path.name[:60]} | {doc.pages} | {len(doc.blocks)} | {points} | "
                  f"{doc.date or ''} | {doc.kind} | {note} |")
    rate = pages / seconds if seconds else 0.0
    print(f"\nparsed {ok}/{len(files)}: {text} with text, {with_points} with points, {with_date} with a date, "
          f"{failed} refused with a message")
    print(f"{pages:.0f} pages in {seconds:.1f} s = {rate:.1f} pages/s")


if __name__ == "__main__":
    quiet = "--quiet" in sys.argv
    run(ROOT / "corpus", quiet)
    run(ROOT.parent / "shared" / "corpus-real", quiet)
