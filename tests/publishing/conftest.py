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


# Article text is untrusted: markup that must never reach a page unescaped.
PAYLOADS = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"><svg onload=alert(1)>')
RAW_MARKUP = ("<script>alert", "<img src=x", "<svg onload")


def _hostile_article(outlet: str, url: str, verb: str) -> tuple[str, str, str]:
    quoted = f"Tom's shop & Jerry's café {PAYLOADS[0]} is {verb} {PAYLOADS[1]} today"
    text = f'{PAYLOADS[2]} Headline {PAYLOADS[1]}\n\nJo Ray said: "{quoted}."\n'
    return text, quoted, outlet


@pytest.fixture(scope="session")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two outlets' versions of one quotation full of markup, with drift tracked."""
    from quotes.articles import Article
    from quotes.db import open_database, write_article
    from quotes.drift import apply_drift
    from quotes.metadata import ArticleMetadata
    from quotes.model import Mention, Quote
    from quotes.speakers import SpeakerRegistry

    db_path = tmp_path_factory.mktemp("hostile") / "hostile.db"
    db = open_database(str(db_path))
    registry = SpeakerRegistry()
    versions = [
        ("one.txt", PAYLOADS[2] + "Outlet", "javascript:alert(1)", "open", "2024-01-01"),
        ("two.txt", "Second <b>Outlet</b>", "https://example.org/a?b=1&c=2", "shut", "2024-01-02"),
    ]
    for name, outlet, url, verb, published in versions:
        text, quoted, _ = _hostile_article(outlet, url, verb)
        start = text.index(quoted)
        quote = Quote(
            type="direct",
            text=quoted,
            start=start,
            end=start + len(quoted),
            cue="said",
            speaker="Jo Ray",
            speaker_kind="person",
            speaker_mention=Mention("Jo Ray", text.index("Jo Ray"), text.index("Jo Ray") + 6),
            speaker_title=PAYLOADS[1],
            context_start=text.index("Jo Ray"),
            context_end=len(text) - 1,
        )
        meta = ArticleMetadata(
            outlet=outlet, title=f"Title {PAYLOADS[0]}", published=published, url=url
        )
        write_article(db, Article(text, name, metadata=meta), [quote], registry)
    apply_drift(db)
    return db_path
