"""Incremental builds: the ingest log, unchanged and changed inputs, duplicates, --prune, db errors."""

from __future__ import annotations

import asyncio
import hashlib
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from quotes.articles import Article
from quotes.build import build_database
from quotes.cli import cli
from quotes.drift.records import ArticleRecord
from quotes.metadata import ArticleMetadata
from quotes.schema import TABLES
from quotes.serve import make_datasette

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
METADATA = REPO / "metadata.yml"
STORY = (
    "Mayor Jane Smith said on Monday that the bridge would reopen.\n\n"
    '"We will rebuild it," Smith said.\n'
)
OTHER = 'Governor Tom Lee said the tunnel would close.\n\n"It is not safe," Lee said.\n'
LOG_COLUMNS = "build_id, path, record, status, reason, sha256, article_id"


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    ticks = iter([100.0, 102.5, 200.0, 201.0, 300.0, 301.0])
    monkeypatch.setattr("quotes.build.perf_counter", lambda: next(ticks))


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def rows(db_path: Path, sql: str, params: tuple = ()) -> list[dict]:
    return list(sqlite_utils.Database(db_path).query(sql, params))


def holds(db_path: Path) -> str:
    db = sqlite_utils.Database(db_path)
    n = {t: db[t].count for t in ("articles", "quotes", "speakers")}
    words = [f"{n[t]} {t[:-1] if n[t] == 1 else t}" for t in n]
    return "the database holds " + ", ".join(words)


def dump(db_path: Path) -> dict[str, list]:
    db = sqlite_utils.Database(db_path)
    return {
        table: sorted((tuple(r.values()) for r in db[table].rows), key=repr)
        for table in TABLES
        if table not in ("builds", "ingest_log")
    }


def build(*args: str):
    return CliRunner().invoke(cli, ["build", *args])


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "articles"
    target.mkdir()
    return target


def test_every_input_is_logged_and_the_build_recorded(folder, tmp_path):
    (folder / "a.txt").write_text(STORY, encoding="utf-8")
    (folder / "b.txt").write_bytes(b"caf\xe9 au lait")
    (folder / "c.txt").write_text(STORY, encoding="utf-8")
    db_path = tmp_path / "log.db"
    result = build(str(folder), "--db", str(db_path))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {folder / 'b.txt'}: not text in any encoding detected with confidence\n"
        "Skipped: c.txt: same text, outlet and URL as a.txt\n"
    )
    assert result.stdout == (
        f"1 stored, 0 unchanged, 1 skipped, 1 failed in 2.5 s; {holds(db_path)}\n"
    )
    story_id = sha(STORY)[:16]
    logged = rows(db_path, f"SELECT {LOG_COLUMNS} FROM ingest_log ORDER BY path")
    assert [tuple(r.values()) for r in logged] == [
        (1, "a.txt", None, "stored", None, sha(STORY), story_id),
        (
            1,
            "b.txt",
            None,
            "failed",
            "not text in any encoding detected with confidence",
            None,
            None,
        ),
        (1, "c.txt", None, "skipped", "same text, outlet and URL as a.txt", sha(STORY), None),
    ]
    assert all(r["time"] for r in rows(db_path, "SELECT time FROM ingest_log"))
    (first,) = rows(db_path, "SELECT * FROM builds")
    counts = {k: first[k] for k in ("status", "stored", "unchanged", "skipped", "failed")}
    assert counts == {"status": "complete", "stored": 1, "unchanged": 0, "skipped": 1, "failed": 1}
    assert (first["pruned"], first["articles"], first["error"]) == (None, 1, None)
    assert first["started"] <= first["ended"]

    again = build(str(folder), "--db", str(db_path))
    assert again.stdout == (
        f"0 stored, 1 unchanged, 1 skipped, 1 failed in 1.0 s; {holds(db_path)}\n"
    )
    logged = rows(db_path, f"SELECT {LOG_COLUMNS} FROM ingest_log WHERE build_id = 2")
    assert sorted((r["path"], r["status"]) for r in logged) == [
        ("a.txt", "unchanged"),
        ("b.txt", "failed"),
        ("c.txt", "skipped"),
    ]
    datasette = make_datasette(str(db_path), str(METADATA))
    response = asyncio.run(datasette.client.get("/quotes/last_build_failures.json?_shape=array"))
    assert [(r["status"], r["path"], r["reason"]) for r in response.json()] == [
        ("failed", "b.txt", "not text in any encoding detected with confidence"),
        ("skipped", "c.txt", "same text, outlet and URL as a.txt"),
    ]


def test_wire_copies_are_one_article_per_outlet_and_true_duplicates_are_skipped(folder, tmp_path):
    for name in ("ap.txt", "cbs.txt", "gulan.txt", "ap-again.txt"):
        (folder / name).write_text(STORY, encoding="utf-8")
    (folder / "articles.yml").write_text(
        "ap.txt: {outlet: AP, url: 'https://ap.example/bridge'}\n"
        "cbs.txt: {outlet: CBS News}\n"
        "gulan.txt: {outlet: Gulan Media}\n"
        "ap-again.txt: {outlet: AP, url: 'https://ap.example/bridge'}\n",
        encoding="utf-8",
    )
    db_path = tmp_path / "wire.db"
    result = build(str(folder), "--db", str(db_path))
    assert (result.exit_code, result.stderr) == (
        0,
        "Skipped: ap.txt: same text, outlet and URL as ap-again.txt\n",
    )
    assert result.stdout.startswith("3 stored, 0 unchanged, 1 skipped, 0 failed")
    articles = rows(db_path, "SELECT id, path, outlet FROM articles ORDER BY path")
    assert [(r["path"], r["outlet"]) for r in articles] == [
        ("ap-again.txt", "AP"),
        ("cbs.txt", "CBS News"),
        ("gulan.txt", "Gulan Media"),
    ]
    assert len({r["id"] for r in articles}) == 3
    per_article = rows(db_path, "SELECT article_id, count(*) AS n FROM quotes GROUP BY article_id")
    assert sorted(r["n"] for r in per_article) == [2, 2, 2]
    assert len(rows(db_path, "SELECT DISTINCT id FROM quotes")) == 6


def test_the_same_file_given_twice_is_stored_once(folder, tmp_path):
    (folder / "a.txt").write_text(STORY, encoding="utf-8")
    db_path = tmp_path / "twice.db"
    result = build(str(folder), str(folder / "a.txt"), "--db", str(db_path))
    assert (result.exit_code, result.stderr) == (0, "Skipped: a.txt: same input as a.txt\n")
    assert result.stdout.startswith("1 stored, 0 unchanged, 1 skipped, 0 failed")


def test_a_changed_file_replaces_its_rows_whatever_spelling_of_its_path(folder, tmp_path):
    story = folder / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    db_path = tmp_path / "change.db"
    build_database([str(folder)], str(db_path))
    story.write_text(OTHER, encoding="utf-8")
    respelled = f"{folder.parent}/./{folder.name}/../{folder.name}/story.txt"
    summary = build_database([respelled], str(db_path))
    assert (summary.stored, summary.unchanged) == (1, 0)
    (article,) = rows(db_path, "SELECT id, path, text FROM articles")
    assert (article["path"], article["text"]) == ("story.txt", OTHER)
    assert rows(db_path, "SELECT * FROM speakers WHERE name LIKE '%Smith%'") == []
    assert {r["article_id"] for r in rows(db_path, "SELECT article_id FROM quotes")} == {
        article["id"]
    }


def test_prune_removes_articles_whose_inputs_are_gone_and_keeps_failed_ones(folder, tmp_path):
    (folder / "a.txt").write_text(STORY, encoding="utf-8")
    (folder / "b.txt").write_text(OTHER, encoding="utf-8")
    (folder / "c.txt").write_text(STORY.replace("Monday", "Tuesday"), encoding="utf-8")
    db_path = tmp_path / "prune.db"
    build_database([str(folder)], str(db_path))
    (folder / "b.txt").unlink()
    (folder / "c.txt").write_bytes(b"\x00binary")
    kept = build(str(folder), "--db", str(db_path))
    assert kept.stdout == f"0 stored, 1 unchanged, 0 skipped, 1 failed in 1.0 s; {holds(db_path)}\n"
    assert len(rows(db_path, "SELECT id FROM articles")) == 3
    pruned = build(str(folder), "--db", str(db_path), "--prune")
    assert pruned.exit_code == 1
    assert pruned.stdout == (
        f"0 stored, 1 unchanged, 0 skipped, 1 failed, 1 pruned in 1.0 s; {holds(db_path)}\n"
    )
    assert [r["path"] for r in rows(db_path, "SELECT path FROM articles ORDER BY path")] == [
        "a.txt",
        "c.txt",
    ]
    assert rows(db_path, "SELECT * FROM speakers WHERE name LIKE '%Lee%'") == []
    (last,) = rows(db_path, "SELECT pruned FROM builds WHERE id = 3")
    assert last["pruned"] == 1


def test_a_second_build_of_the_same_inputs_changes_no_row(seed_copy, tmp_path):
    db_path = tmp_path / "again.db"
    first = build_database([str(seed_copy)], str(db_path))
    before = dump(db_path)
    second = build_database([str(seed_copy)], str(db_path))
    assert (first.stored, second.stored, second.unchanged) == (5, 0, 5)
    assert dump(db_path) == before
    assert before["statements"] and before["article_reuse"]


def test_a_read_only_database_file_is_one_error_line(folder, tmp_path):
    (folder / "a.txt").write_text(STORY, encoding="utf-8")
    db_path = tmp_path / "ro.db"
    build_database([str(folder)], str(db_path))
    before = db_path.read_bytes()
    db_path.chmod(0o444)
    (folder / "a.txt").write_text(OTHER, encoding="utf-8")
    result = build(str(folder), "--db", str(db_path))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"Error: {db_path}: is read-only\n"
    assert db_path.read_bytes() == before


def test_a_read_only_folder_is_one_error_line(folder, tmp_path):
    (folder / "a.txt").write_text(STORY, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        result = build(str(folder), "--db", str(locked / "q.db"))
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o755)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"Error: {locked / 'q.db'}: folder {locked} is read-only\n"


def test_a_database_in_a_missing_folder_is_one_error_line(folder, tmp_path):
    (folder / "a.txt").write_text(STORY, encoding="utf-8")
    db_path = tmp_path / "nowhere" / "q.db"
    result = build(str(folder), "--db", str(db_path))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"Error: {db_path}: folder {db_path.parent} does not exist\n"
    assert not db_path.parent.exists()


def test_a_seed_copy_built_then_moved_keeps_its_rows(seed_copy, tmp_path):
    """Paths are relative: the same folder under another name is the same inputs."""
    db_path = tmp_path / "moved.db"
    build_database([str(seed_copy)], str(db_path))
    before = dump(db_path)
    moved = shutil.move(str(seed_copy), str(tmp_path / "elsewhere"))
    summary = build_database([moved], str(db_path))
    assert (summary.stored, summary.unchanged) == (0, 5)
    assert dump(db_path) == before


def test_a_database_another_program_is_writing_is_one_error_line(folder, tmp_path, monkeypatch):
    (folder / "a.txt").write_text(STORY, encoding="utf-8")
    db_path = tmp_path / "busy.db"
    build_database([str(folder)], str(db_path))
    (folder / "a.txt").write_text(OTHER, encoding="utf-8")
    monkeypatch.setattr("quotes.db.BUSY_TIMEOUT_MS", 50)
    other = sqlite3.connect(db_path)
    other.execute("BEGIN IMMEDIATE")
    try:
        result = build(str(folder), "--db", str(db_path))
    finally:
        other.rollback()
        other.close()
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"Error: {db_path}: locked by another program (database is locked)\n"
    assert [r["text"] for r in rows(db_path, "SELECT text FROM articles")] == [STORY]


def test_an_article_s_drift_view_is_its_id_text_and_metadata():
    article = Article(STORY, "a.txt", metadata=ArticleMetadata(outlet="AP", published="2024-02-08"))
    assert ArticleRecord.of(article) == ArticleRecord(
        article.id, STORY, outlet="AP", published="2024-02-08", title=None
    )


def test_one_file_name_in_two_folders_given_is_reported_not_merged(tmp_path):
    for name, text in (("one", STORY), ("two", OTHER)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "story.txt").write_text(text, encoding="utf-8")
    db_path = tmp_path / "two.db"
    result = build(str(tmp_path / "one"), str(tmp_path / "two"), "--db", str(db_path))
    assert result.stderr == "Skipped: story.txt: same path as story.txt in another folder given\n"
    assert [r["text"] for r in rows(db_path, "SELECT text FROM articles")] == [STORY]


def test_a_build_the_database_stops_is_recorded_as_failed(folder, tmp_path, monkeypatch):
    (folder / "a.txt").write_text(STORY, encoding="utf-8")
    db_path = tmp_path / "full.db"

    def disk_full(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr("quotes.build.write_article", disk_full)
    result = build(str(folder), "--db", str(db_path))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"Error: {db_path}: cannot be written (database or disk is full)\n"
    (failed,) = rows(db_path, "SELECT status, error, ended FROM builds")
    assert (failed["status"], failed["error"]) == (
        "failed",
        "cannot be written (database or disk is full)",
    )
    assert failed["ended"]
    assert rows(db_path, "SELECT id FROM articles") == []


def test_a_build_stopped_before_drift_is_completed_by_the_next(
    seed_copy, seeds_db, tmp_path, monkeypatch
):
    db_path = tmp_path / "stopped.db"

    def interrupted(db, model=None):
        raise KeyboardInterrupt

    monkeypatch.setattr("quotes.build._apply_drift", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build_database([str(seed_copy)], str(db_path))
    assert rows(db_path, "SELECT status FROM builds") == [{"status": "incomplete"}]
    assert rows(db_path, "SELECT id FROM statements") == []
    monkeypatch.undo()
    summary = build_database([str(seed_copy)], str(db_path))
    assert (summary.stored, summary.unchanged) == (0, 5)
    assert dump(db_path) == dump(seeds_db)


def test_a_fifo_named_txt_is_logged_skipped_and_never_opened(folder, tmp_path):
    (folder / "a.txt").write_text(STORY, encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    db_path = tmp_path / "fifo.db"
    result = build(str(folder), "--db", str(db_path))
    assert result.exit_code == 0
    assert result.stderr == "Skipped: pipe.txt: a FIFO, not a regular file\n"
    logged = rows(db_path, "SELECT path, status, reason FROM ingest_log ORDER BY path")
    assert [tuple(r.values()) for r in logged] == [
        ("a.txt", "stored", None),
        ("pipe.txt", "skipped", "a FIFO, not a regular file"),
    ]
