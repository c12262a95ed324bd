"""Exports with one article per record: JSON Lines, a JSON list, CSV.

A record gives its text in `text`, `body` or `content` (first found) and may give
`title`, `url`, `outlet` and `published`; what it gives wins over what is inferred from
the text. A record without a text field fails alone; an empty text is an article
with no quotes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..articles import Article
from ..errors import InputError
from ..metadata import ArticleMetadata, infer_metadata, iso_date
from .decoding import clean_controls, decode, read_bytes

if TYPE_CHECKING:
    from pathlib import Path

    from . import ReadContext

TEXT_FIELDS = ("text", "body", "content")
METADATA_FIELDS = ("title", "url", "outlet", "published")
_NO_TEXT = "no text (a record needs a text, body or content field)"
# CSV delimiters we recognise from the header line, most common first.
_DELIMITERS = (",", ";", "\t", "|")


class RecordError(ValueError):
    """One record cannot be an article; the message is the reason."""


def _metadata_value(name: str, value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise RecordError(f"{name} must be text")
    value = str(value).strip()
    if not value:
        return None
    if name == "published":
        iso = iso_date(value[:10]) or iso_date(value)
        if iso is None:
            raise RecordError(f"published is not a date: {value!r}")
        return iso
    return value


def record_article(record: Any, relative: str, number: int, shown: str) -> Article:
    """The Article a record describes; raises RecordError naming what is wrong."""
    if not isinstance(record, dict):
        raise RecordError("not a JSON object")
    fields = {str(key).strip().lower(): value for key, value in record.items()}
    name = next((f for f in TEXT_FIELDS if fields.get(f) is not None), None)
    if name is None:
        raise RecordError(_NO_TEXT)
    text = fields[name]
    if not isinstance(text, str):
        raise RecordError(f"{name} must be text")
    text = clean_controls(text)
    given = {f: _metadata_value(f, fields.get(f)) for f in METADATA_FIELDS}
    inferred = infer_metadata(text) if text.strip() else ArticleMetadata()
    metadata = replace(inferred, **{f: v for f, v in given.items() if v is not None})
    return Article(text=text, path=relative, record=number, metadata=metadata, source=shown)


def _records(
    items: Iterator[tuple[int, Any]], relative: str, shown: str, label: str
) -> Iterator[Article | InputError]:
    for number, record in items:
        try:
            yield record_article(record, relative, number, shown)
        except RecordError as error:
            yield InputError(shown, str(error), record=f"{label} {number}")


def _text(file: Path, context: ReadContext) -> str:
    return decode(read_bytes(file, str(file), context.max_bytes), str(file))


def _json_lines(text: str, shown: str) -> Iterator[tuple[int, Any] | InputError]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except ValueError:
            yield InputError(shown, "not valid JSON", record=f"line {number}")


def read_jsonl_file(
    file: Path, relative: str, context: ReadContext
) -> Iterator[Article | InputError]:
    """JSON Lines: one record per line; Article.record is the line number."""
    shown = str(file)
    try:
        text = _text(file, context)
    except InputError as error:
        yield error
        return
    for item in _json_lines(text, shown):
        if isinstance(item, InputError):
            yield item
        else:
            yield from _records(iter([item]), relative, shown, "line")


def read_json_file(
    file: Path, relative: str, context: ReadContext
) -> Iterator[Article | InputError]:
    """A JSON list of records; Article.record is the position in the list (from 0)."""
    shown = str(file)
    try:
        text = _text(file, context)
        try:
            data = json.loads(text) if text.strip() else []
        except ValueError as error:
            line = getattr(error, "lineno", None)
            where = f"line {line}" if line else None
            raise InputError(shown, "not valid JSON", record=where) from None
        if not isinstance(data, list):
            raise InputError(shown, "not a JSON list of records")
    except InputError as error:
        yield error
        return
    yield from _records(enumerate(data), relative, shown, "index")


def _delimiter(text: str) -> str:
    header = text.split("\n", 1)[0]
    counts = [(header.count(d), -i, d) for i, d in enumerate(_DELIMITERS)]
    return max(counts)[2] if max(counts)[0] else ","


def _csv_rows(text: str, shown: str) -> Iterator[tuple[int, Any] | InputError]:
    """(line where the row starts, {column: value}) for each row after the header."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        header = [name.strip().lower() for name in next(reader, [])]
    except csv.Error as error:
        yield InputError(shown, f"not valid CSV ({error})", record="line 1")
        return
    if header and not any(name in header for name in TEXT_FIELDS):
        yield InputError(shown, "no text, body or content column")
        return
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield InputError(shown, f"not valid CSV ({error})", record=f"line {start}")
            return
        if not any(cell.strip() for cell in row):
            continue  # a blank line between rows
        yield start, {name: value for name, value in zip(header, row, strict=False) if name}


def read_csv_file(
    file: Path, relative: str, context: ReadContext
) -> Iterator[Article | InputError]:
    """CSV with a header row (comma, semicolon, tab or bar); Article.record is the line."""
    shown = str(file)
    try:
        text = _text(file, context)
    except InputError as error:
        yield error
        return
    csv.field_size_limit(max(context.max_bytes, csv.field_size_limit()))
    for item in _csv_rows(text, shown):
        if isinstance(item, InputError):
            yield item
        else:
            yield from _records(iter([item]), relative, shown, "line")
