"""Drafting time for a 10-point advice against an index of 1,000 documents, after the model
is loaded. The index holds our corpus plus 1,000 synthetic documents (10 passages each,
varied real texts as in bench/search.py). Prints one table.

    .venv/bin/python bench/draft.py [--docs 1000]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ["ANONYMIZED_TELEMETRY"] = "False"

import numpy as np  # noqa: E402
from search import base_texts, fill  # noqa: E402

from assistant.core import Assistant  # noqa: E402
from assistant.search.store import StoreConfig  # noqa: E402


def ten_point_advice(folder: Path) -> Path:
    """Our mantelzorg advice with four more points, as a text letter."""
    source = (ROOT / "corpus" / "src" / "advies_asd_mantelzorg_2024.letter").read_text(encoding="utf-8")
    body = source.split("\n---\n", 1)[1]
    extra = [
        "7. Zorg voor een vast aanspreekpunt voor mantelzorgers bij de gemeente.",
        "8. Maak de informatie over respijtzorg beschikbaar in eenvoudige taal en in meerdere talen.",
        "9. Betrek mantelzorgers bij de evaluatie van het mantelzorgbeleid.",
        "10. Rapporteer jaarlijks aan de adviesraad over de uitvoering van deze adviezen.",
    ]
    body = body.rstrip() + "\n\n" + "\n\n".join(extra) + "\n"
    path = folder / "advies_tien_punten.txt"
    path.write_text("Datum: 12 februari 2024\nOns kenmerk: ASD-2024-003\nOnderwerp: Advies mantelzorg\n\n"
                    "Geacht college,\n\n" + body, encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        assistant = Assistant(StoreConfig(index_dir=tmp / "index"), embedder="e5")
        texts, _ = base_texts(limit=300)
        vectors = np.asarray(assistant.embedder.embed_passages(texts), dtype=np.float32)
        t0 = time.perf_counter()
        fill(assistant.store, texts, vectors, args.docs * 10, per_doc=10)
        fill_s = time.perf_counter() - t0
        assistant.ingest([ROOT / "corpus"])
        assistant.searcher.refresh()
        advice = ten_point_advice(tmp)
        response = ROOT / "corpus" / "reactie_college_mantelzorg_2024.pdf"
        print("| index | points | commitments | draft written, s |")
        print("|---|---|---|---|")
        for _ in range(3):
            t1 = time.perf_counter()
            result = assistant.draft(advice, response, tmp / "concept.docx", today=date(2026, 11, 29))
            t2 = time.perf_counter()
            print(f"| {len(assistant.documents()):,} docs, {assistant.store.passage_count():,} passages | "
                  f"{result.points} | {result.commitments} | {t2 - t1:.2f} |", flush=True)
        print(f"\n(filling the synthetic index took {fill_s:.0f} s)")


if __name__ == "__main__":
    main()
