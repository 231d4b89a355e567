"""Write (or check) tests/fixtures/parse_reference.json: for every file of ../shared/corpus-real/
that parses, a fingerprint of the body text our parser gives: its word count and a MinHash of its
word 3-grams. No text is stored, only hashes; tests/test_parse_reference.py compares a new parse
with it, so a faster or smarter reader cannot silently lose or garble text.

    python bench/parse_reference.py            # write the reference from the current parser
    python bench/parse_reference.py --docx     # rewrite only the Word and OpenDocument entries

The PDF entries come from the layout-mode reader the fast PDF reader replaced. The Word entries
were rewritten once the Word reader read a text box once (the old one read its drawing and its
fallback copy, so a letterhead in a text box counted twice).
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared" / "corpus-real"
REFERENCE = ROOT / "tests" / "fixtures" / "parse_reference.json"
PERMUTATIONS = 128
_MASK = (1 << 61) - 1


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def minhash(tokens: list[str], n: int = 3) -> list[int]:
    """MinHash of the word n-grams: n=1 says which words, n=3 also in which order."""
    shingles = {" ".join(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1))}
    hashes = [int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "big") for s in shingles]
    out = []
    for k in range(PERMUTATIONS):
        a, b = 2 * k + 1, k * 7919 + 13
        out.append(min(((a * h + b) & _MASK) for h in hashes) if hashes else 0)
    return out


def similarity(one: list[int], other: list[int]) -> float:
    return sum(x == y for x, y in zip(one, other)) / PERMUTATIONS


def fingerprint(path: Path) -> dict | None:
    from assistant.errors import AssistantError
    from assistant.parse import parse_document

    try:
        doc = parse_document(path, ocr=False)  # the text layer's reading, not OCR
    except AssistantError:
        return None
    tokens = words(doc.text)
    return {"words": len(tokens), "minhash": minhash(tokens), "vocabulary": minhash(tokens, 1)}


def documents() -> list[Path]:
    return sorted(p for p in SHARED.rglob("*") if p.is_file() and p.suffix.lower() in (".pdf", ".docx", ".odt"))


def main() -> None:
    only_zip = "--docx" in sys.argv[1:]
    reference = json.loads(REFERENCE.read_text(encoding="utf-8")) if only_zip else {}
    for path in documents():
        if only_zip and path.suffix.lower() == ".pdf":
            continue
        found = fingerprint(path)
        if found is not None:
            reference[str(path.relative_to(SHARED))] = found
    REFERENCE.write_text(json.dumps(reference, indent=0, sort_keys=True), encoding="utf-8")
    print(f"{len(reference)} documents written to {REFERENCE}")


if __name__ == "__main__":
    main()
