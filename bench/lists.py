"""What a municipality's archive costs the lists: the document list and the commitment register
at 10,000 documents and 20,000 commitments (issue 13's sizes). The records are written straight
into an embedded store in batches (this bench reads, it does not measure ingest); the commitments
have real-looking dates, amounts and actors. Prints one table.

    .venv/bin/python bench/lists.py [--documents 10000] [--commitments 20000]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["ANONYMIZED_TELEMETRY"] = "False"

from assistant.core import Assistant, RegisterFilter  # noqa: E402
from assistant.model import Commitment, DateRange, DocumentInfo, Source  # noqa: E402
from assistant.search.store import StoreConfig, _clean, _commitment_meta  # noqa: E402

KINDS = ("reactie", "raadsinformatiebrief", "advies", "besluitenlijst", "kamerbrief")
ACTORS = ("college", "wethouder Zorg", "wethouder Jeugd", "burgemeester", "minister")


def fill(assistant: Assistant, documents: int, commitments: int) -> None:
    store = assistant.store
    rng = random.Random(7)
    dim = assistant.embedder.dim
    infos = []
    for i in range(documents):
        day = date(2016, 1, 1) + timedelta(days=rng.randrange(3650))
        infos.append(DocumentInfo(id=f"brief-{i:05d}", title=f"Raadsinformatiebrief {i}", path=f"/archief/{i}.pdf",
                                  kind=rng.choice(KINDS), date=day, reference=f"{day.year}/{i:05d}",
                                  version=f"v{i:05d}", pages=4, passages=15, commitments=commitments // documents))
    for start in range(0, documents, 1000):
        chunk = infos[start:start + 1000]
        store._documents.upsert(ids=[d.id for d in chunk], embeddings=np.random.rand(len(chunk), dim).astype(np.float32),
                                metadatas=[_clean(d.to_dict()) for d in chunk])
    records = []
    for j in range(commitments):
        info = infos[j % documents]
        due = info.date + timedelta(days=rng.randrange(30, 900))
        c = Commitment(text=f"Het college informeert de raad over onderwerp {j} voor {due:%B %Y}.",
                       action=f"de raad informeren over onderwerp {j}", actor=rng.choice(ACTORS),
                       due=DateRange(due.replace(day=1), due, f"{due:%B %Y}"),
                       source=Source(doc_id=info.id, page=1, block=j % 15 + 1, start=j, end=j + 40))
        records.append((c, info))
    for start in range(0, commitments, 1000):
        chunk = records[start:start + 1000]
        store._commitments.upsert(ids=[f"c{start + k}" for k in range(len(chunk))],
                                  embeddings=np.random.rand(len(chunk), dim).astype(np.float32),
                                  documents=[c.text for c, _ in chunk],
                                  metadatas=[_commitment_meta(c, info, f"p{start + k}") for k, (c, info) in enumerate(chunk)])


def one_more_letter(assistant: Assistant) -> None:
    """A letter with 3 commitments committed the way ingest commits one (stand-in vectors)."""
    info = DocumentInfo(id="nieuwe-brief", title="Nieuwe brief", path="/archief/nieuw.pdf", kind="reactie",
                        date=date(2026, 11, 30), version="nieuw", pages=2, passages=1, commitments=3)
    found = [Commitment(text=f"Het college start per 1 maart 2027 met maatregel {k}.", action=f"maatregel {k}",
                        due=DateRange(date(2027, 3, 1), date(2027, 3, 1), "per 1 maart 2027"),
                        source=Source(doc_id=info.id, page=1, block=1, start=k * 50, end=k * 50 + 45))
             for k in range(3)]
    assistant.store.write_commitments(info, found, None, ["p"] * 3)
    assistant.store.commit_document(info, None)


def best_ms(action, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--commitments", type=int, default=20_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        assistant = Assistant(StoreConfig(index_dir=Path(tmp) / "index"), embedder="fake")
        fill(assistant, args.documents, args.commitments)
        today = date(2026, 12, 1)
        overdue = RegisterFilter(status="overdue")
        rows = [("`documents` (the document list)", best_ms(assistant.documents))]
        rows.append(("register, first read with no copy on disk (every commitment; writes the copy)",
                     best_ms(lambda: assistant.register(today=today), runs=1)))
        rows.append(("register with a status filter (overdue), index unchanged",
                     best_ms(lambda: assistant.register(overdue, today=today))))
        again = Assistant(StoreConfig(index_dir=Path(tmp) / "index"), embedder="fake")  # as a new process
        rows.append(("register with the status filter, first read in a new process (the copy on disk)",
                     best_ms(lambda: again.register(overdue, today=today), runs=1)))
        one_more_letter(assistant)
        rows.append(("register with the status filter after one more letter",
                     best_ms(lambda: assistant.register(overdue, today=today), runs=1)))
        later = Assistant(StoreConfig(index_dir=Path(tmp) / "index"), embedder="fake")
        rows.append(("the same in a new process after that letter (copy plus one document)",
                     best_ms(lambda: later.register(overdue, today=today), runs=1)))
        print(f"| {args.documents:,} documents, {args.commitments:,} commitments (embedded) | ms |")
        print("|---|---|")
        for label, ms in rows:
            print(f"| {label} | {ms:.0f} |")


if __name__ == "__main__":
    main()
