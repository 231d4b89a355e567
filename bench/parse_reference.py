"""Write (or check) tests/fixtures/parse_reference.json: for every file of ../shared/corpus-real/
that parses, a fingerprint of the body text our parser gives: its word count and a MinHash of its
word 3-grams. No text is stored, only hashes; tests/test_parse_reference.py compares a new parse
with it, so a faster or smarter reader cannot silently lose or garble text.

    python bench/parse_reference.py            # write the reference from the current parser
    python bench/parse_reference.py --docx     # rewrite only the Word and OpenDocument entries
    python bench/parse_reference.py NAME ...   # rewrite only the entries whose path contains NAME

The PDF entries come from the layout-mode reader the fast PDF reader replaced. The Word entries
were rewritten once the Word reader read a text box once (the old one read its drawing and its
fallback copy, so a letterhead in a text box counted twice). One Haarlem form (the toezegging
record "Evaluatie aanpak ratten begin 2022") was rewritten when the letterhead stopped at the
body: the reference had lost its whole first page to the letterhead (71 words; now 182).
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
    names = [a for a in sys.argv[1:] if not a.startswith("--")]
    reference = json.loads(REFERENCE.read_text(encoding="utf-8")) if only_zip or names else {}
    for path in documents():
        if only_zip and path.suffix.lower() == ".pdf":
            continue
        if names and not any(name in str(path) for name in names):
            continue
        found = fingerprint(path)
        if found is not None:
            reference[str(path.relative_to(SHARED))] = found
    REFERENCE.write_text(json.dumps(reference, indent=0, sort_keys=True), encoding="utf-8")
    print(f"{len(reference)} documents written to {REFERENCE}")


if __name__ == "__main__":
    main()
