"""`quotes build` and `quotes serve` on the command line: exact output, errors, exit status."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from quotes.cli import cli

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED = "002_ab57a92e2d5baa27.txt"


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    ticks = iter([100.0, 102.5])
    monkeypatch.setattr("quotes.build.perf_counter", lambda: next(ticks))


def counts(db_path: Path) -> tuple[int, int]:
    db = sqlite_utils.Database(db_path)
    return db["quotes"].count, db["speakers"].count


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def test_build_prints_a_summary(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(SEEDS / SEED, folder)
    db_path = tmp_path / "out.db"
    result = CliRunner().invoke(cli, ["build", str(folder), "--db", str(db_path)])
    n_quotes, n_speakers = counts(db_path)
    assert (result.exit_code, result.stderr) == (0, "")
    assert n_quotes > 0
    summary = (
        "1 stored, 0 unchanged, 0 skipped, 0 failed in 2.5 s; the database holds 1 article, "
        f"{plural(n_quotes, 'quote')}, {plural(n_speakers, 'speaker')}\n"
    )
    assert result.stdout == summary


def test_build_reports_bad_files_and_builds_the_rest(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(SEEDS / SEED, folder / "a.txt")
    (folder / "b.txt").write_bytes(b"caf\xe9 au lait")
    db_path = tmp_path / "out.db"
    result = CliRunner().invoke(cli, ["build", str(folder), "missing", "--db", str(db_path)])
    n_quotes, n_speakers = counts(db_path)
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {folder / 'b.txt'}: not text in any encoding detected with confidence\nError: missing: no such file or folder\n"
    )
    summary = (
        "1 stored, 0 unchanged, 0 skipped, 2 failed in 2.5 s; the database holds 1 article, "
        f"{plural(n_quotes, 'quote')}, {plural(n_speakers, 'speaker')}\n"
    )
    assert result.stdout == summary


def test_build_reports_a_broken_sidecar_and_uses_inferred_metadata(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(SEEDS / SEED, folder)
    (folder / "articles.yml").write_text(f"{SEED}:\n  outlet: [unclosed\n", encoding="utf-8")
    db_path = tmp_path / "out.db"
    result = CliRunner().invoke(cli, ["build", str(folder), "--db", str(db_path)])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {folder / 'articles.yml'}: not valid YAML (line 3)\n"
    outlets = [
        r["outlet"] for r in sqlite_utils.Database(db_path).query("SELECT outlet FROM articles")
    ]
    assert outlets == ["Gulan Media"]


def test_build_refuses_a_file_that_is_not_a_database(tmp_path):
    db_path = tmp_path / "notes.db"
    db_path.write_text("shopping list\n" * 100)
    result = CliRunner().invoke(cli, ["build", str(SEEDS / SEED), "--db", str(db_path)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"Error: {db_path}: not a usable SQLite database (file is not a database)\n"
    )
    assert db_path.read_text() == "shopping list\n" * 100


def test_build_refuses_a_folder_as_database(tmp_path):
    result = CliRunner().invoke(cli, ["build", str(SEEDS / SEED), "--db", str(tmp_path)])
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {tmp_path}: is a folder, not a database file\n",
    )


def test_serve_needs_a_built_database(tmp_path):
    missing = tmp_path / "nope.db"
    result = CliRunner().invoke(cli, ["serve", "--db", str(missing)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"Error: {missing}: no such database (run: quotes build PATH... --db {missing})\n"
    )


def test_serve_reports_a_port_in_use(seeds_db):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--db", str(seeds_db), "--port", str(port)])
    assert result.exit_code == 1
    assert result.stderr == f"Error: 127.0.0.1:{port}: port is in use\n"


def test_serve_reports_broken_metadata(seeds_db, tmp_path):
    metadata = tmp_path / "metadata.yml"
    metadata.write_text("title: [unclosed\n")
    result = CliRunner().invoke(cli, ["serve", "--db", str(seeds_db), "--metadata", str(metadata)])
    assert (result.exit_code, result.stderr) == (1, f"Error: {metadata}: not valid YAML\n")


def test_serve_refuses_a_file_that_is_not_a_quotes_database(tmp_path):
    notes = tmp_path / "notes.db"
    notes.write_text("shopping list\n" * 100)
    result = CliRunner().invoke(cli, ["serve", "--db", str(notes)])
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {notes}: not a usable SQLite database (file is not a database)\n",
    )
    other = tmp_path / "other.db"
    sqlite_utils.Database(other)["things"].insert({"a": 1})
    result = CliRunner().invoke(cli, ["serve", "--db", str(other)])
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {other}: has no quotes table (run: quotes build PATH... --db {other})\n",
    )
