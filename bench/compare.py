"""Speed of `assistant compare` on long letters: prints a table of milliseconds per stage.

Synthesises two ~30-page letters from the corpus pair beleidsbrief_armoede_concept /
_definitief: the body is repeated N times, each repetition made distinct (its own section
numbers, wijk names and amounts), so the new version carries every planted change N times.
Both are rendered to PDF and DOCX with corpus/render.py, then timed stage by stage:
parsing (per file), the comparison itself (alignment, metadata, commitments; this is what
the ≤ 1 s target is about) and the renderings (Word redline, HTML, JSON). A third case
compares the old letter with an unrelated rewrite of every paragraph: the alignment's
worst case, where no paragraph matches exactly and every leftover pair is scored.

    .venv/bin/python bench/compare.py [--repeat 17] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.compare import align_blocks, compare_commitments, compare_documents, compare_metadata  # noqa: E402
from assistant.extract.commitments import extract_commitments  # noqa: E402
from assistant.parse import parse_document  # noqa: E402
from assistant.present.html import comparison_html as render_html  # noqa: E402
from assistant.redline import write_redline  # noqa: E402
from corpus.render import load_letter, render_docx, render_pdf  # noqa: E402

WIJKEN = ("Rijnwaarde", "Oosterveld", "Molenwijk", "Rijnwaarde-Noord", "Hoogkamp", "De Wiers", "Veldhoven",
          "Lindenhof", "Kerkbuurt", "Zuiderpark", "Bosrand", "Havenkwartier")


def _vary(paragraph: str, k: int) -> str:
    """Repetition k of a paragraph: another wijk, other amounts, a numbered heading, and a
    closing sentence naming the repetition: every paragraph is unique, as in a real letter
    (the parser drops a line repeated on many pages as a running header)."""
    text = paragraph.replace("Rijnwaarde", WIJKEN[k % len(WIJKEN)])
    text = re.sub(r"€ (\d+)\.000", lambda m: f"€ {int(m.group(1)) + k}.000", text)
    if text.startswith("# "):
        return f"# Deel {k + 1}: {text[2:]}"
    return f"{text} Zie ook bijlage {k + 1}."


def _rewrite(paragraph: str, k: int) -> str:
    """Unrelated text of about the same length: the words reversed and shifted."""
    words = paragraph.split()
    return " ".join(f"{w[::-1]}{k}" for w in reversed(words))


def _long_letter(name: str, repeat: int, transform=_vary):
    letter = load_letter(ROOT / "corpus" / "src" / f"{name}.letter")
    letter.paragraphs = [transform(p, k) for k in range(repeat) for p in letter.paragraphs]
    letter.outputs = ("pdf", "docx")
    return letter


def _best_ms(func, runs: int) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best * 1000, result


def _bench(label: str, old_path: Path, new_path: Path, out: Path, runs: int) -> list[tuple[str, str, float]]:
    rows: list[tuple[str, str, float]] = []
    parse_old, old = _best_ms(lambda: parse_document(old_path), runs)
    parse_new, new = _best_ms(lambda: parse_document(new_path), runs)
    rows += [(label, f"parse old ({old.pages} p., {len(old.blocks)} alinea's)", parse_old),
             (label, f"parse new ({new.pages} p., {len(new.blocks)} alinea's)", parse_new)]
    rows.append((label, "  align_blocks", _best_ms(lambda: align_blocks(old, new), runs)[0]))
    rows.append((label, "  compare_metadata", _best_ms(lambda: compare_metadata(old, new), runs)[0]))
    ms, found = _best_ms(lambda: (extract_commitments(old), extract_commitments(new)), runs)
    rows.append((label, f"  extract_commitments x2 ({len(found[0])} + {len(found[1])})", ms))
    rows.append((label, "  compare_commitments", _best_ms(lambda: compare_commitments(*found), runs)[0]))
    ms, comparison = _best_ms(lambda: compare_documents(old, new), runs)
    rows.append((label, "compare_documents (excl. parsing)", ms))
    rows.append((label, "compare_files (parsing + compare)", parse_old + parse_new + ms))
    rows.append((label, "write_redline (.docx)", _best_ms(lambda: write_redline(comparison, out), runs)[0]))
    rows.append((label, "render_html", _best_ms(lambda: render_html(comparison), runs)[0]))
    rows.append((label, "to_dict + json.dumps",
                 _best_ms(lambda: json.dumps(comparison.to_dict(), ensure_ascii=False), runs)[0]))
    counts = comparison.counts()
    summary = ", ".join(f"{n} {op}" for op, n in counts.items() if n)
    rows.append((label, f"result: {summary}; commitments {len(comparison.changed)} changed, "
                        f"{len(comparison.removed)} removed, {len(comparison.added)} added", float("nan")))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=17, help="copies of the letter body (17 gives ~30 PDF pages)")
    parser.add_argument("--runs", type=int, default=3, help="best of this many runs per stage")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        tmp_dir = Path(tmp)
        old = _long_letter("beleidsbrief_armoede_concept", args.repeat)
        new = _long_letter("beleidsbrief_armoede_definitief", args.repeat)
        rewritten = _long_letter("beleidsbrief_armoede_concept", args.repeat, _rewrite)
        for ext, render in (("pdf", render_pdf), ("docx", render_docx)):
            render(old, tmp_dir / f"old.{ext}")
            render(new, tmp_dir / f"new.{ext}")
        render_pdf(rewritten, tmp_dir / "rewritten.pdf")

        rows = _bench("PDF", tmp_dir / "old.pdf", tmp_dir / "new.pdf", tmp_dir / "r1.docx", args.runs)
        rows += _bench("DOCX", tmp_dir / "old.docx", tmp_dir / "new.docx", tmp_dir / "r2.docx", args.runs)
        rows += _bench("PDF, all rewritten", tmp_dir / "old.pdf", tmp_dir / "rewritten.pdf", tmp_dir / "r3.docx",
                       args.runs)

    print(f"| pair | stage | ms (best of {args.runs}) |")
    print("|---|---|---:|")
    for label, stage, ms in rows:
        print(f"| {label} | {stage} | {'' if ms != ms else f'{ms:.0f}'} |")


if __name__ == "__main__":
    main()
