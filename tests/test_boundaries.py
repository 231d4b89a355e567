"""The faces are thin: the CLI and the app reach the assistant only through its core
(``assistant.core``), its document model, its errors and its presentation; and no module of the
core imports a face."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

FACES = [ROOT / "ui.py", ROOT / "assistant" / "cli.py"]
ALLOWED = ("assistant.core", "assistant.model", "assistant.errors", "assistant.present")


def imported(path: Path) -> set[str]:
    """Every module a file imports, at any depth of its code (lazy imports included)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            if node.module == "assistant":  # from assistant import present
                found |= {f"assistant.{alias.name}" for alias in node.names}
    return found


@pytest.mark.parametrize("face", FACES, ids=[f.name for f in FACES])
def test_a_face_imports_only_the_core_model_errors_and_presentation(face):
    ours = {m for m in imported(face) if m == "assistant" or m.startswith("assistant.")}
    outside = {m for m in ours - {"assistant"} if not any(m == a or m.startswith(a + ".") for a in ALLOWED)}
    assert not outside, f"{face.name} reaches past the core: {sorted(outside)}"


def test_the_core_never_imports_a_face():
    for path in sorted((ROOT / "assistant").rglob("*.py")):
        if path.name == "cli.py":
            continue
        modules = imported(path)
        assert "ui" not in modules and "assistant.cli" not in modules and "gradio" not in modules \
            and "click" not in modules, path
