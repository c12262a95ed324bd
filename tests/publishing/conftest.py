"""Shared fixtures for the publishing tests: the seeds built once per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
METADATA = REPO / "metadata.yml"


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh database built from a copy of seeds/ (with its articles.yml sidecar)."""
    from quotes.build import build_database

    work = tmp_path_factory.mktemp("seeds-build")
    shutil.copytree(SEEDS, work / "seeds")
    db_path = work / "quotes.db"
    summary = build_database([str(work / "seeds")], str(db_path))
    assert summary.errors == [], summary.errors
    return db_path


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    """A writable copy of seeds/ for tests that change files."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target
