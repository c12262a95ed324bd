"""Drift's lemmas read off the extraction parse versus tagging each text on its own.

A build stores, with each article, drift's annotations of its quotes and sentences taken
from the extraction pipeline's parse (quotes.drift.lemmas). This script builds a fresh
database from the given files (default: the seeds), counts the texts drift still had to
tag (0 expected), then empties the lemma table, runs drift again so that every text is
tagged alone, and prints how many annotations and drift results differ.

    python benchmarks/drift_lemmas.py [FILE_OR_FOLDER ...]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

import sqlite_utils

from quotes.build import build_database
from quotes.drift import apply_drift
from quotes.drift import lemmas as drift_lemmas
from quotes.schema import LEMMA_TABLE

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
DRIFT_SQL = (
    "SELECT id, statement_id, drift_class, misquote, attribution_changed, similarity "
    "FROM quotes ORDER BY id"
)
REUSE_SQL = "SELECT * FROM article_reuse ORDER BY article_id, source_article_id"


def annotations(db: sqlite_utils.Database) -> dict[str, list]:
    return {row["key"]: json.loads(row["annotations"]) for row in db[LEMMA_TABLE].rows}


def compare(paths: list[str]) -> dict[str, object]:
    """Figures for a fresh build of `paths`: tagging done by drift, and what tagging alone changes."""
    tagged: list[int] = []
    prune = drift_lemmas.CachedLemmatizer.prune

    def counting(self: drift_lemmas.CachedLemmatizer) -> None:
        tagged.append(self.tagged)
        prune(self)

    drift_lemmas.CachedLemmatizer.prune = counting  # type: ignore[method-assign]
    try:
        with tempfile.TemporaryDirectory() as folder:
            db_path = str(Path(folder) / "q.db")
            build_database(paths, db_path)
            db = sqlite_utils.Database(db_path)
            parsed, drift = annotations(db), db.execute(DRIFT_SQL).fetchall()
            reuse = db.execute(REUSE_SQL).fetchall()
            fresh_build_tagged = list(tagged)
            with db.conn:
                db.execute(f"DELETE FROM [{LEMMA_TABLE}]")
            apply_drift(db)
            alone, drift_alone = annotations(db), db.execute(DRIFT_SQL).fetchall()
            reuse_alone = db.execute(REUSE_SQL).fetchall()
            texts = dict(db.execute("SELECT id, text FROM quotes").fetchall())
            db.close()
    finally:
        drift_lemmas.CachedLemmatizer.prune = prune  # type: ignore[method-assign]
    shared = [key for key in parsed if key in alone]
    tokens = sum(len(alone[key]) for key in shared)
    differing = sum(
        sum(a != b for a, b in zip(parsed[key], alone[key], strict=True)) for key in shared
    )
    similarity = max(
        (abs(a[5] - b[5]) for a, b in zip(drift, drift_alone, strict=True)), default=0.0
    )
    changed = [
        f"{a[0]} {a[2]} -> {b[2]}, similarity {a[5]} -> {b[5]}: {texts[a[0]][:70]!r}"
        for a, b in zip(drift, drift_alone, strict=True)
        if a[:5] != b[:5]
    ]
    return {
        "texts drift tagged in the fresh build": sum(fresh_build_tagged),
        "texts annotated from the parse": len(parsed),
        "texts tagged alone": len(alone),
        "texts whose annotation differs": sum(parsed[k] != alone[k] for k in shared),
        "tokens": tokens,
        "tokens whose (lemma, content, entity) differs": differing,
        "quotes": len(drift),
        "quotes whose statement, class or flags differ": len(changed),
        "largest similarity change": round(similarity, 4),
        "rewritten-article pairs the same": reuse == reuse_alone,
        "quotes that differ (from the parse -> tagged alone)": "".join(
            f"\n  {line}" for line in changed
        ),
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("paths", nargs="*", default=[str(SEEDS)], help="files or folders")
    args = ap.parse_args(argv)
    for name, value in compare(args.paths).items():
        print(f"{name}: {value}")


if __name__ == "__main__":
    main()
