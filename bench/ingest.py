"""End-to-end ingest speed: pages/s and passages/s, and where the time goes.

Ingests corpus/ and a selection of real born-digital PDFs from ../shared/corpus-real into a
fresh embedded index with the real e5 model, timing parse, extraction, embedding and store
separately. Prints one table.

    .venv/bin/python bench/ingest.py [--real N]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["ANONYMIZED_TELEMETRY"] = "False"

from assistant.errors import AssistantError  # noqa: E402
from assistant.extract.commitments import extract_commitments  # noqa: E402
from assistant.parse import parse_document  # noqa: E402
from assistant.search.embed import get_embedder  # noqa: E402
from assistant.search.ingest import _containing, document_info  # noqa: E402
from assistant.search.passages import make_passages  # noqa: E402
from assistant.search.store import Store, StoreConfig  # noqa: E402

REAL = ROOT.parent / "shared" / "corpus-real"
REAL_PICKS = [
    "minbzk-plooi-testdata/kamerbrief_2011-03-01_draagmoederschap_JenV.pdf",
    "minbzk-plooi-testdata/kamerbrief_2018-10-03_leerlingendaling_onbeantwoorde_vragen_OCW.pdf",
    "minbzk-plooi-testdata/ah-tk-20202021-3235_kamervragen_TOZO_antwoorden.pdf",
    "minvws-coronamelder-coordination/kst-35538-4_advies_raad_van_state_en_nader_rapport_2020-08.pdf",
    "minvws-coronamelder-coordination/juridische_analyse_landsadvocaat_op_AP-advies_2020-08-12.pdf",
    "openstate-open-raadsinformatie/besluitenlijst_raadsvergadering_2015-06-29.pdf",
]


def run(files: list[Path], label: str, embedder, store: Store) -> None:
    timings = {"parse": 0.0, "extract": 0.0, "embed": 0.0, "store": 0.0}
    pages = passages = 0
    for path in files:
        t0 = time.perf_counter()
        try:
            doc = parse_document(path)
        except AssistantError:
            continue
        t1 = time.perf_counter()
        parts = make_passages(doc)
        commitments = extract_commitments(doc)
        t2 = time.perf_counter()
        vectors = embedder.embed_passages([p.text for p in parts])
        t3 = time.perf_counter()
        info = document_info(doc, len(parts))
        store.write_passages(info, parts, vectors)
        holding = [_containing(parts, c.source.start) for c in commitments]
        store.write_commitments(info, commitments, vectors[holding], [parts[i].id for i in holding])
        store.commit_document(info, vectors.mean(axis=0))
        t4 = time.perf_counter()
        for key, value in zip(timings, (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
            timings[key] += value
        pages += doc.pages
        passages += len(parts)
    total = sum(timings.values())
    share = " | ".join(f"{timings[k]:.1f} s ({timings[k] / total:.0%})" for k in timings)
    print(f"| {label} | {len(files)} | {pages} | {passages} | {pages / total:.2f} | {passages / timings['embed']:.1f} | "
          f"{share} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--real", type=int, default=len(REAL_PICKS), help="how many real PDFs to include")
    args = parser.parse_args()
    embedder = get_embedder("e5")
    embedder.embed_passages(["opwarmen"])
    print("| set | files | pages | texts embedded | pages/s | texts/s embedded | parse | extract | embed | store |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(StoreConfig(index_dir=Path(tmp) / "index"), embedder.name, embedder.dim)
        run(sorted((ROOT / "corpus").glob("*.pdf")), "corpus/ (PDF)", embedder, store)
        real = [REAL / p for p in REAL_PICKS[: args.real] if (REAL / p).exists()]
        if real:
            run(real, "corpus-real (born-digital PDF)", embedder, store)
    print(f"\npeak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
