"""Drift's lemma annotations kept in the database, so that a build tags only texts it has
not seen before: an incremental build lemmatizes its new quotes and articles, not the archive.

Each row holds what a `Lemmatizer` said of one text (a quote, or a sentence of an
article): (lemma, is_content, is_entity) per drift token. Rows are keyed by the text and
the pipeline that tagged it, so a cached annotation is exactly what tagging the text again
would give; rows no drift run used any more are dropped at the end of the run.

A build stores, with each article, the annotations of its quotes and sentences read off
the extraction pipeline's own parse (`article_rows`), so drift tags nothing on a fresh
build. Those tags were given in the article's context, where tagging the text alone may
differ for a word or two next to its edges; a text found word for word in several
articles keeps the annotation first stored (quotes.schema owns the table).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ..schema import LEMMA_TABLE
from .features import Features, Lemmatizer, Tags, annotate_tokens, text_features
from .lexicon import Lexicon
from .text import Token, sentence_ranges, tokenize

if TYPE_CHECKING:
    from sqlite_utils import Database

TABLE = LEMMA_TABLE
_CHUNK = 500  # keys per SQL statement

Note = list[tuple[str, bool, bool]]


def _key(text: str, model: str) -> str:
    return hashlib.sha256(f"{model}\x00{text}".encode()).hexdigest()[:32]


def article_rows(
    text: str, tags: Tags, quote_spans: Iterable[tuple[int, int]], model: str, lexicon: Lexicon
) -> list[dict[str, str]]:
    """The table's rows for an article's quotes (by span) and sentences, from its parse.

    `tags` holds the lemma and part of speech of every token of the parse of `text`, by
    offset: the texts drift will ask about get their annotation without a second parse.
    """
    spans = [(start, end, False) for start, end in quote_spans]
    return article_annotations(text, tags, spans, model, lexicon)[0]


def article_annotations(
    text: str,
    tags: Tags,
    quote_spans: Iterable[tuple[int, int, bool]],
    model: str,
    lexicon: Lexicon,
) -> tuple[list[dict[str, str]], dict[tuple[str, bool], Features]]:
    """`article_rows`, and drift's features of each quote (start, end, is_direct) and
    sentence as (text, is_direct) -> Features, made from the same rows: what drift makes
    of them when the rows are the ones the table keeps (quotes.build checks)."""
    rows: dict[str, dict[str, str]] = {}
    features: dict[tuple[str, bool], Features] = {}
    notes: dict[str, list] = {}
    sentences = [(start, end, False) for start, end in sentence_ranges(text)]
    for start, end, direct in [*quote_spans, *sentences]:
        span = text[start:end]
        key = _key(span, model)
        if key in rows and (span, direct) in features:
            continue
        toks = tokenize(span)
        if key not in rows:
            notes[key] = annotate_tokens(toks, tags, start, lexicon)
            rows[key] = {"key": key, "annotations": json.dumps(notes[key])}
        if (span, direct) not in features:
            features[(span, direct)] = text_features(span, direct, toks, notes[key], lexicon)
    return list(rows.values()), features


def text_key(text: str, model: str) -> str:
    """The table's key of `text` annotated by `model`."""
    return _key(text, model)


class CachedLemmatizer:
    """A `Lemmatizer` that asks `inner` only about texts the database has no annotation for."""

    def __init__(self, db: Database, inner: Lemmatizer, model: str) -> None:
        self.db, self.inner, self.model = db, inner, model
        self.used: set[str] = set()
        self.tagged = 0  # texts `inner` was asked about, for tests and the log
        if not db[TABLE].exists():
            from ..schema import ensure_schema

            ensure_schema(db)

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

    def mark_used(self, texts: Iterable[str]) -> None:
        """Keep the annotations of `texts` at `prune`, though they were not asked about."""
        self.used.update(_key(text, self.model) for text in texts)

    def prune(self) -> None:
        """Drop the annotations of texts no longer in the database (none used this run)."""
        stale = [
            key for (key,) in self.db.execute(f"SELECT key FROM [{TABLE}]") if key not in self.used
        ]
        for k in range(0, len(stale), _CHUNK):
            chunk = stale[k : k + _CHUNK]
            marks = ", ".join("?" for _ in chunk)
            self.db.execute(f"DELETE FROM [{TABLE}] WHERE key IN ({marks})", chunk)
