"""The faces are thin: the CLI and the app reach the assistant only through its core
(``assistant.core``), its document model, its errors and its presentation; and no module of the
core imports a face."""

from __future__ import annotations

import ast
import re
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


# Imported only on paths that need an extra: the sentence-transformers backend ([st]) and
# training the commitment classifier ([test]). Each sits inside the function that needs it.
OPTIONAL = {"sentence_transformers": "st", "torch": "st", "sklearn": "test"}


def _dist(name: str) -> str:
    """A distribution's name as packaging compares them ("PyStemmer", "pystemmer")."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _base_closure() -> set[str]:
    """The distributions `make run` installs: [project.dependencies] and what they require
    (extras of those packages left out), read from the installed metadata."""
    import tomllib
    from importlib.metadata import PackageNotFoundError, requires

    from packaging.requirements import Requirement

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    todo = [Requirement(r) for r in project["dependencies"]]
    seen: set[str] = set()
    while todo:
        requirement = todo.pop()
        dist = _dist(requirement.name)
        if dist in seen:
            continue
        seen.add(dist)
        try:
            needs = requires(dist) or []
        except PackageNotFoundError:
            continue
        for text in needs:
            need = Requirement(text)
            if need.marker is None or need.marker.evaluate({"extra": ""}):
                todo.append(need)
    return seen


def test_the_app_runs_on_what_make_run_installs():
    """`make run` installs the base dependencies only (the tests install more), so every module
    the app and the CLI import must come from those or what they require: once the lexical index
    imported scipy, which only the test extra brought, and `make run` failed on a fresh machine."""
    import sys
    from importlib.metadata import packages_distributions

    closure = _base_closure()
    owners = packages_distributions()
    missing = {}
    for path in [ROOT / "ui.py", *sorted((ROOT / "assistant").rglob("*.py"))]:
        for module in imported(path):
            top = module.split(".")[0]
            if top in sys.stdlib_module_names or top in ("assistant", "tests") or top in OPTIONAL:
                continue
            dists = {_dist(d) for d in owners.get(top, [top])}
            if not dists & closure:
                missing.setdefault(top, []).append(path.relative_to(ROOT).as_posix())
    assert not missing, f"imported but not installed by `make run` (add to [project.dependencies]): {missing}"
