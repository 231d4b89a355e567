"""Shared fixtures: paths to ../shared (skipped with a reason when absent) and small
real files generated at test time, each named for the oddity it holds."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_4f54596c6e284ff3.txt"
CORPUS = ROOT / "corpus"

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def need(path: Path) -> Path:
    """Skip the test with a clear reason when a file from ../shared is not there."""
    if not path.exists():
        pytest.skip(f"{path} is absent: these tests read the shared real documents beside the clone")
    return path


@pytest.fixture
def seed_path() -> Path:
    return need(SEED)
