"""Check the anchors of a labelled set against the documents' own text.

    python3 eval/check_anchors.py eval/commitments/<source>.json [more.json ...]

The text is read the way eval/README.md defines anchors: pypdf's plain text for a PDF,
python-docx paragraphs and table cells for Word, the file itself for text, the "tekst"
fields for a JSON list; line-end hyphens undone, whitespace collapsed, compared without
regard to case. Exits 1 when an anchor is missing or not unique. Independent of the
project's parser on purpose: labellers use it without running the extractor.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def normalise(text: str) -> str:
    """Fold the typographic variants PDF and Word files use, collapse whitespace, lower-case."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\u00ad", "")
    for a, b in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("„", '"'), ("–", "-"), ("—", "-"),
                 ("\u00a0", " "), ("\u2009", " "), ("\u202f", " ")):
        text = text.replace(a, b)
    return re.sub(r"\s+", " ", text).strip().lower()


def join_hyphens(text: str) -> str:
    return re.sub(r"(\w)-[ \t]*\n\s*(\w)", r"\1\2", text)


def document_text(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        from pypdf import PdfReader

        reader = PdfReader(str(path), strict=False)
        raw = "\n".join(page.extract_text() or "" for page in reader.pages)
    elif suffix == ".docx":
        import docx

        document = docx.Document(str(path))
        parts = [p.text for p in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                parts += [cell.text for cell in row.cells]
        raw = "\n".join(parts)
    elif suffix == ".json":
        data = json.loads(path.read_text(encoding="utf-8"))
        raw = "\n".join(_json_texts(data))
    else:
        raw = path.read_text(encoding="utf-8", errors="replace")
    return normalise(join_hyphens(raw))


def _json_texts(node) -> list[str]:
    if isinstance(node, dict):
        out = [node["tekst"]] if isinstance(node.get("tekst"), str) else []
        for value in node.values():
            if isinstance(value, (dict, list)):
                out += _json_texts(value)
        return out
    if isinstance(node, list):
        return [t for item in node for t in _json_texts(item)]
    return []


def check(label_file: Path) -> list[str]:
    data = json.loads(label_file.read_text(encoding="utf-8"))
    problems = []
    for doc in data["documents"]:
        path = (ROOT / doc["path"]).resolve()
        if not path.exists():
            problems.append(f"{doc['path']}: file not found")
            continue
        text = document_text(path)
        items = [("commitment", it) for it in doc.get("commitments", [])]
        items += [("non_commitment", it) for it in doc.get("non_commitments", [])]
        for kind, item in items:
            anchor = normalise(item["anchor"])
            words = len(anchor.split())
            if not 4 <= words <= 10:
                problems.append(f"{path.name}: {kind} anchor has {words} words: {item['anchor']!r}")
            found = text.count(anchor)
            if found != item.get("occurrences", 1):
                problems.append(f"{path.name}: {kind} anchor found {found}x: {item['anchor']!r}")
    return problems


def main(argv: list[str]) -> int:
    problems = [p for name in argv for p in check(Path(name))]
    for problem in problems:
        print(problem)
    print("ok" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
