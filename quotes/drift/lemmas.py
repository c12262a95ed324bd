"""Drift's lemma annotations kept in the database, so that a build tags only texts it has
not seen before: an incremental build lemmatizes its new quotes and articles, not the archive.

Each row holds what a `Lemmatizer` said of one text (a quote, or a sentence of an
article): (lemma, is_content, is_entity) per drift token. Rows are keyed by the text and
the pipeline that tagged it, so a cached annotation is exactly what tagging the text again
would give; rows no drift run used any more are dropped at the end of the run.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from .features import Lemmatizer
from .text import Token

if TYPE_CHECKING:
    from sqlite_utils import Database

TABLE = "drift_lemmas"
_CHUNK = 500  # keys per SQL statement

Note = list[tuple[str, bool, bool]]


def _key(text: str, model: str) -> str:
    return hashlib.sha256(f"{model}\x00{text}".encode()).hexdigest()[:32]


class CachedLemmatizer:
    """A `Lemmatizer` that asks `inner` only about texts the database has no annotation for."""

    def __init__(self, db: Database, inner: Lemmatizer, model: str) -> None:
        self.db, self.inner, self.model = db, inner, model
        self.used: set[str] = set()
        self.tagged = 0  # texts `inner` was asked about, for tests and the log
        if not db[TABLE].exists():
            db[TABLE].create({"key": str, "annotations": str}, pk="key")

    def _stored(self, keys: Iterable[str]) -> dict[str, Note]:
        keys = sorted(set(keys))
        found: dict[str, Note] = {}
        for k in range(0, len(keys), _CHUNK):
            chunk = keys[k : k + _CHUNK]
            marks = ", ".join("?" for _ in chunk)
            sql = f"SELECT key, annotations FROM [{TABLE}] WHERE key IN ({marks})"
            for key, stored in self.db.execute(sql, chunk).fetchall():
                found[key] = [(lemma, bool(c), bool(e)) for lemma, c, e in json.loads(stored)]
        return found

    def annotate(self, texts: Sequence[str], tokens: Sequence[list[Token]]) -> list[Note]:
        """(lemma, is_content, is_entity) for every token of every text."""
        keys = [_key(text, self.model) for text in texts]
        self.used.update(keys)
        notes = self._stored(keys)
        missing: dict[str, int] = {}
        for k, key in enumerate(keys):
            if key not in notes:
                missing.setdefault(key, k)
        if missing:
            order = list(missing.values())
            fresh = self.inner.annotate([texts[k] for k in order], [tokens[k] for k in order])
            self.tagged += len(order)
            rows = []
            for k, note in zip(order, fresh, strict=True):
                notes[keys[k]] = note
                rows.append({"key": keys[k], "annotations": json.dumps(note)})
            self.db[TABLE].insert_all(rows, batch_size=500, replace=True)
        return [notes[key] for key in keys]

    def prune(self) -> None:
        """Drop the annotations of texts no longer in the database (none used this run)."""
        stale = [
            key for (key,) in self.db.execute(f"SELECT key FROM [{TABLE}]") if key not in self.used
        ]
        for k in range(0, len(stale), _CHUNK):
            chunk = stale[k : k + _CHUNK]
            marks = ", ".join("?" for _ in chunk)
            self.db.execute(f"DELETE FROM [{TABLE}] WHERE key IN ({marks})", chunk)
