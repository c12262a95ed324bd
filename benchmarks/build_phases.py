"""Phases of one in-process `quotes build`: what stays serial after the last article.

    python benchmarks/build_phases.py INPUT [INPUT ...] [--jobs 2] [--db FILE]

Loads the pipeline, applies the CLI's process settings (quotes.process), builds INPUT into a fresh
database, and prints wall and CPU seconds (this process only) of: model load, the parse
phase (until the last article is stored), and the serial tail after it: prune_speakers,
drift (`_apply_drift`), `merge_described_sources` (with its drift rerun) and rewritten
articles (`_apply_reuse`). Issue 10's
2-job target turns on that tail: it is the part of `quotes build --jobs 2` no worker shares.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import quotes.build as build  # noqa: E402
from quotes.nlp import load_pipeline  # noqa: E402
from quotes.process import settle_for_batch  # noqa: E402

TIMED = ("prune_speakers", "_apply_drift", "merge_described_sources", "_apply_reuse")


def _clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _timed(name: str, function: Callable, spent: dict[str, tuple[float, float]]) -> Callable:
    def run(*args: object, **kwargs: object) -> object:
        wall, cpu = _clock()
        try:
            return function(*args, **kwargs)
        finally:
            now_wall, now_cpu = _clock()
            spent[name] = (now_wall - wall, now_cpu - cpu)

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--db", help="database to build (default: a temporary file)")
    args = parser.parse_args()
    spent: dict[str, tuple[float, float]] = {}
    for name in TIMED:
        setattr(build, name, _timed(name, getattr(build, name), spent))
    analysed = build.analyse_articles
    parsed: list[tuple[float, float]] = []

    def analyse(*a: object, **k: object):  # noqa: ANN202 - a generator passed through
        yield from analysed(*a, **k)
        parsed.append(_clock())

    build.analyse_articles = analyse
    start = _clock()
    load_pipeline(None)
    settle_for_batch()
    loaded = _clock()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or os.path.join(tmp, "phases.db")
        summary = build.build_database(args.inputs, db, jobs=args.jobs)
        end = _clock()
    rows = [
        ("model load", loaded[0] - start[0], loaded[1] - start[1]),
        ("parse phase", parsed[0][0] - loaded[0], parsed[0][1] - loaded[1]),
        *((name, *spent[name]) for name in TIMED if name in spent),
        ("tail (after the last article)", end[0] - parsed[0][0], end[1] - parsed[0][1]),
        ("total", end[0] - start[0], end[1] - start[1]),
    ]
    print(f"jobs {args.jobs}: {summary}")
    print(f"{'phase':<32}{'wall s':>8}{'cpu s':>8}")
    for name, wall, cpu in rows:
        print(f"{name:<32}{wall:>8.2f}{cpu:>8.2f}")


if __name__ == "__main__":
    main()
