"""Extraction on a Dask LocalCluster gives the database a single-process build gives."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from quotes.build import build_database
from quotes.cli import cli
from quotes.distributed import extract_to_shards, load_shards, partitions

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
TABLES = ("articles", "speakers", "speaker_aliases", "speaker_titles", "quotes", "statements")


def rows(db_path: Path, table: str) -> list[dict]:
    db = sqlite_utils.Database(db_path)
    return sorted(
        (dict(row) for row in db[table].rows), key=lambda r: json.dumps(r, sort_keys=True)
    )


@pytest.fixture(scope="module")
def cluster():
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as local,
        Client(local) as client,
    ):
        yield client


@pytest.fixture
def seeds(tmp_path):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    return tmp_path / "seeds"


def test_partitions_keep_input_order_and_relative_paths(seeds):
    parts, errors = partitions([str(seeds), str(seeds / "missing")], size=2)
    files = [relative for part in parts for relative in (r for _, r in part)]
    assert files == sorted(p.name for p in seeds.glob("*.txt"))
    assert [len(p) for p in parts] == [2, 2, 1]
    assert errors == [f"{seeds / 'missing'}: no such file or folder"]


def test_dask_run_gives_the_same_database_as_a_single_process_build(seeds, cluster, tmp_path):
    single = tmp_path / "single.db"
    assert build_database([str(seeds)], str(single)).errors == []
    summary = extract_to_shards([str(seeds)], cluster, str(tmp_path / "shards"), partition_size=2)
    assert summary.errors == []
    assert len(summary.shards) == 3
    assert summary.articles == 5
    merged = tmp_path / "merged.db"
    loaded = load_shards([str(tmp_path / "shards")], str(merged))
    assert loaded.errors == []
    assert (loaded.articles, loaded.quotes) == (5, summary.quotes)
    for table in TABLES:
        assert rows(merged, table) == rows(single, table), table
    assert rows(merged, "quotes"), "the seeds have quotes"
    assert {r["statement_id"] for r in rows(merged, "quotes")} - {None}, "drift ran"


def test_load_reports_a_broken_shard_line_and_keeps_the_rest(seeds, cluster, tmp_path):
    shards = tmp_path / "shards"
    first = sorted(seeds.glob("*.txt"))[0]
    assert extract_to_shards([str(first)], cluster, str(shards)).errors == []
    (shard,) = sorted(shards.glob("*.jsonl"))
    shard.write_text(shard.read_text() + "{not json\n")
    result = CliRunner().invoke(cli, ["load", str(shards), "--db", str(tmp_path / "q.db")])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {shard}: line 2: not a shard line (JSONDecodeError)\n"
    assert result.stdout.startswith("1 stored, 0 unchanged, 0 skipped, 1 failed in ")
    assert "; the database holds 1 article, " in result.stdout


def test_extract_dask_command_writes_shards_load_merges_them(seeds, cluster, tmp_path):
    shards, db = tmp_path / "shards", tmp_path / "q.db"
    address = cluster.scheduler.address
    result = CliRunner().invoke(
        cli, ["extract", str(seeds), "--dask", address, "--shards", str(shards)]
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in (shards / "part-00000.jsonl").read_text().splitlines()]
    assert [line["path"] for line in lines] == sorted(p.name for p in seeds.glob("*.txt"))
    n_quotes = sum(len(line["quotes"]) for line in lines)
    assert result.stdout == f"5 articles, {n_quotes} quotes in 1 shards in {shards}\n"
    result = CliRunner().invoke(cli, ["load", str(shards), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("5 stored, 0 unchanged, 0 skipped, 0 failed in ")
    assert f"; the database holds 5 articles, {n_quotes} quotes, " in result.stdout
