"""Builds that survive: kill -9 and resume, a second build at once, serving while building.

One real build runs in a subprocess over a corpus of news articles (PolNeAR dev texts
when they are next to the checkout, else the seeds cut into pieces). While it runs, a
Datasette reads the database and a second build tries to write it; then it is killed
with SIGKILL mid-build, and the same build run again must give the rows a clean build
gives.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from quotes.build import build_database
from quotes.cli import cli
from quotes.nlp import load_pipeline
from quotes.schema import TABLES
from quotes.serve import make_datasette

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
METADATA = REPO / "metadata.yml"
N_ARTICLES = 24
KILL_AFTER = 6  # articles stored before the kill
LOG_TABLES = ("builds", "ingest_log")
PAGES = ("/quotes/articles", "/quotes/quotes_view", "/quotes/speakers.json?_shape=array")


def polnear_texts() -> Path | None:
    """PolNeAR's dev texts, where the benchmark looks for them (read in place, never copied)."""
    candidates = [
        os.environ.get("QUOTES_POLNEAR"),
        REPO.parent / "shared" / "bench" / "polnear",
        REPO.parent.parent / "shared" / "bench" / "polnear",
    ]
    for candidate in filter(None, candidates):
        texts = Path(candidate) / "dev" / "text"
        if len(list(texts.glob("*.txt"))) >= N_ARTICLES:
            return texts
    return None


def corpus(folder: Path) -> list[str]:
    """N_ARTICLES article files: PolNeAR dev texts, or pieces of the seeds."""
    texts = polnear_texts()
    if texts is not None:
        return [str(p) for p in sorted(texts.glob("*.txt"))[:N_ARTICLES]]
    folder.mkdir()
    pieces = []
    for seed in sorted(SEEDS.glob("*.txt")):
        paragraphs = seed.read_text(encoding="utf-8").split("\n\n")
        size = max(1, len(paragraphs) // 5)
        pieces += ["\n\n".join(paragraphs[i : i + size]) for i in range(0, len(paragraphs), size)]
    files = []
    for n, text in enumerate(pieces[:N_ARTICLES]):
        file = folder / f"piece{n:02}.txt"
        file.write_text(text, encoding="utf-8")
        files.append(str(file))
    return files


def dump(db_path: Path) -> dict[str, list]:
    """Every row of every data table (the build log aside), in a stable order."""
    db = sqlite_utils.Database(db_path)
    return {
        table: sorted((tuple(row.values()) for row in db[table].rows), key=repr)
        for table in TABLES
        if table not in LOG_TABLES
    }


def stored(db_path: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as conn:
            sql = "SELECT count(*) FROM ingest_log WHERE status = 'stored'"
            return conn.execute(sql).fetchone()[0]
    except sqlite3.Error:
        return -1  # not created yet


def statuses(datasette) -> list[int]:
    return [asyncio.run(datasette.client.get(page)).status_code for page in PAGES]


@pytest.fixture(scope="module")
def killed(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """A subprocess build killed mid-build, and what was seen while it ran."""
    load_pipeline()  # now, so that the second build below stops at once
    work = tmp_path_factory.mktemp("killed")
    files = corpus(work / "pieces")
    db_path = work / "quotes.db"
    command = [sys.executable, "-c", "from quotes.cli import cli; cli()", "build", *files]
    process = subprocess.Popen(
        [*command, "--db", str(db_path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    seen: dict = {"files": files, "db": db_path, "pages": [], "second": None}
    datasette = None
    deadline = time.monotonic() + 600
    try:
        while stored(db_path) < KILL_AFTER:
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline
            if stored(db_path) >= 1:
                datasette = datasette or make_datasette(str(db_path), str(METADATA))
                seen["pages"].append(statuses(datasette))
                if seen["second"] is None:
                    seen["second"] = CliRunner().invoke(
                        cli, ["build", *files, "--db", str(db_path)]
                    )
            time.sleep(0.05)
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    seen["stored_at_kill"] = stored(db_path)
    with sqlite3.connect(db_path) as conn:
        seen["integrity"] = conn.execute("PRAGMA integrity_check").fetchall()
    seen["builds"] = list(sqlite_utils.Database(db_path).query("SELECT * FROM builds"))
    return seen


def test_a_killed_build_leaves_a_sound_database_marked_incomplete(killed):
    assert killed["integrity"] == [("ok",)]
    assert KILL_AFTER <= killed["stored_at_kill"] < N_ARTICLES
    (build,) = killed["builds"]
    assert (build["status"], build["ended"], build["stored"]) == ("incomplete", None, None)


def test_the_site_answers_while_a_build_writes(killed):
    assert killed["pages"], "Datasette was never asked"
    assert all(codes == [200] * len(PAGES) for codes in killed["pages"]), killed["pages"]


def test_a_second_build_into_the_same_database_stops_with_one_line(killed):
    second = killed["second"]
    assert (second.exit_code, second.stdout) == (1, "")
    assert second.stderr == f"Error: {killed['db']}: another build is writing to it\n"


def test_running_the_build_again_completes_it_as_a_clean_build_would(killed, tmp_path):
    summary = build_database(killed["files"], str(killed["db"]))
    assert summary.errors == []
    assert (summary.unchanged, summary.stored) == (
        killed["stored_at_kill"],
        N_ARTICLES - killed["stored_at_kill"],
    )
    db = sqlite_utils.Database(killed["db"])
    assert [r["status"] for r in db.query("SELECT status FROM builds ORDER BY id")] == [
        "incomplete",
        "complete",
    ]
    clean = tmp_path / "clean.db"
    build_database(killed["files"], str(clean))
    assert dump(killed["db"]) == dump(clean)
    assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
