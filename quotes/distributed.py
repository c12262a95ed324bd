"""Past one machine: extraction mapped over partitions of input files on a Dask cluster.

    quotes extract ARCHIVE/ --dask tcp://scheduler:8786 --shards shards/
    quotes load shards/ --db quotes.db

`extract_to_shards` lists the input files on the client, cuts the list into partitions
and has the cluster run `extract_partition` on each: the worker reads its files with
the same readers as `quotes extract`, runs the spaCy pipeline (loaded once per worker
process and cached) and writes one JSON Lines shard, one line per article with its
metadata and quotes. Inputs and the shard folder must be paths every worker sees (a
shared file system). `load_shards` then writes the shards into the database through
the same path as `quotes build` (speaker registry, `write_article`) and runs drift once.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from time import perf_counter
from typing import Any

from .articles import Article
from .build import BuildSummary
from .errors import InputError, QuotesError
from .inputs import DEFAULT_MAX_BYTES, READERS, ReadContext, read_text_file
from .inputs import _files as input_files
from .metadata import ArticleMetadata
from .model import Mention, Quote

SHARD_PATTERN = "part-{:05d}.jsonl"
DEFAULT_PARTITION_SIZE = 50
# Threads of one worker process share its cached pipeline; one document at a time.
_PIPELINE_LOCK = threading.Lock()


@dataclass
class ShardSummary:
    """What the cluster extracted: counts, the shards written, and per-input errors."""

    articles: int = 0
    quotes: int = 0
    shards: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return f"{self.articles} articles, {self.quotes} quotes in {len(self.shards)} shards" + (
            f", {len(self.errors)} errors" if self.errors else ""
        )


def partitions(
    paths: list[str], size: int = DEFAULT_PARTITION_SIZE
) -> tuple[list[list[tuple[str, str]]], list[str]]:
    """The input files as (file, path relative to what was given), `size` per partition.

    Also returns the errors met while listing (a missing path, an empty folder).
    """
    files: list[tuple[str, str]] = []
    errors: list[str] = []
    for given in paths:
        for item in input_files(given):
            if isinstance(item, InputError):
                errors.append(str(item))
            else:
                files.append((str(item[0]), item[1]))
    size = max(1, size)
    return [files[k : k + size] for k in range(0, len(files), size)], errors


def article_line(article: Article, quotes: list[Quote] | None, error: str | None) -> str:
    """One shard line: the article, its metadata, its quotes (every field) or its error."""
    record = {
        "path": article.path,
        "record": article.record,
        "source": article.source,
        "metadata": asdict(article.metadata),
        "text": article.text,
        "captions": [list(span) for span in article.captions],
        "quotes": [quote.to_dict() for quote in quotes or []],
        "error": error,
    }
    return json.dumps(record, ensure_ascii=False)


def _quote(data: dict[str, Any]) -> Quote:
    known = {f.name for f in fields(Quote)}
    values = {k: v for k, v in data.items() if k in known}
    if values.get("speaker_mention"):
        values["speaker_mention"] = Mention(**values["speaker_mention"])
    return Quote(**values)


def parse_line(line: str) -> tuple[Article, list[Quote], str | None]:
    """The article, its quotes and its error from one shard line."""
    data = json.loads(line)
    article = Article(
        text=data["text"],
        path=data["path"],
        record=data["record"],
        metadata=ArticleMetadata(**data["metadata"]),
        source=data["source"],
        captions=tuple(tuple(span) for span in data.get("captions", [])),
    )
    return article, [_quote(q) for q in data["quotes"]], data["error"]


def extract_partition(
    files: list[tuple[str, str]], shard: str, model: str | None = None
) -> dict[str, Any]:
    """Run on a worker: read `files`, extract their quotes, write the shard at `shard`."""
    from .nlp import load_pipeline
    from .runner import extract_articles

    nlp = load_pipeline(model)  # cached: one pipeline per worker process
    context = ReadContext(DEFAULT_MAX_BYTES)
    articles: list[Article] = []
    errors: list[str] = []
    for file, relative in files:
        reader = READERS.get(Path(file).suffix.lower(), read_text_file)
        for item in reader(Path(file), relative, context):
            if isinstance(item, InputError):
                errors.append(str(item))
            else:
                articles.append(item)
    n_quotes = 0
    Path(shard).parent.mkdir(parents=True, exist_ok=True)
    with _PIPELINE_LOCK, open(shard, "w", encoding="utf-8") as out:
        for article, found in extract_articles(nlp, articles):
            if isinstance(found, InputError):
                errors.append(str(found))
                out.write(article_line(article, None, str(found)) + "\n")
                continue
            n_quotes += len(found)
            out.write(article_line(article, found, None) + "\n")
    return {"shard": shard, "articles": len(articles), "quotes": n_quotes, "errors": errors}


def extract_to_shards(
    paths: list[str],
    scheduler: Any,  # noqa: ANN401 - an address, or a distributed.Client
    shard_dir: str,
    *,
    model: str | None = None,
    partition_size: int = DEFAULT_PARTITION_SIZE,
) -> ShardSummary:
    """Extract every input on the Dask cluster at `scheduler` into shards in `shard_dir`."""
    from distributed import Client

    parts, errors = partitions(paths, partition_size)
    summary = ShardSummary(errors=errors)
    shards = [str(Path(shard_dir).resolve() / SHARD_PATTERN.format(k)) for k in range(len(parts))]
    try:
        client = scheduler if isinstance(scheduler, Client) else Client(scheduler, timeout=30)
    except OSError as error:
        raise QuotesError(f"{scheduler}: cannot reach the Dask scheduler ({error})") from None
    try:
        futures = client.map(extract_partition, parts, shards, model=model, pure=False)
        for result in client.gather(futures):
            summary.shards.append(result["shard"])
            summary.articles += result["articles"]
            summary.quotes += result["quotes"]
            summary.errors.extend(result["errors"])
    finally:
        if client is not scheduler:
            client.close()
    return summary


def shard_files(paths: list[str]) -> Iterator[Path | InputError]:
    """Shard files named, or in folders named (*.jsonl, sorted: partition order)."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(path.glob("*.jsonl"))
            if not found:
                yield InputError(given, "folder holds no shards (*.jsonl)")
            yield from found
        elif path.is_file():
            yield path
        else:
            yield InputError(given, "no such file or folder")


def _read_shards(
    paths: list[str], report: Callable[[QuotesError], None]
) -> Iterator[tuple[Article, list[Quote]]]:
    for shard in shard_files(paths):
        if isinstance(shard, InputError):
            report(shard)
            continue
        with open(shard, encoding="utf-8") as lines:
            for number, line in enumerate(lines, start=1):
                try:
                    article, quotes, error = parse_line(line)
                except (ValueError, KeyError, TypeError) as problem:
                    reason = f"not a shard line ({type(problem).__name__})"
                    report(InputError(str(shard), reason, f"line {number}"))
                    continue
                if error is not None:
                    report(InputError(str(shard), error, f"line {number}"))
                    continue
                yield article, quotes


def load_shards(
    paths: list[str],
    db_path: str,
    on_error: Callable[[QuotesError], None] | None = None,
    model: str | None = None,
) -> BuildSummary:
    """Write shards into the database as `quotes build` would, then run drift once."""
    from .build import _apply_drift, _count
    from .db import build_lock, load_registry, open_database, prune_speakers, write_article
    from .merge import merge_described_sources

    started = perf_counter()
    summary = BuildSummary()

    def report(error: QuotesError) -> None:
        summary.errors.append(error)
        if on_error is not None:
            on_error(error)

    with build_lock(db_path):
        db = open_database(db_path)
        try:
            # Two passes, so that an archive's shards never have to fit in memory at once.
            rebuilt: list[str] = []
            for article, _ in _read_shards(paths, lambda error: None):
                rebuilt.append(article.id)
                rebuilt += [
                    row["id"]
                    for row in db.query(
                        "SELECT id FROM articles WHERE path = ? AND record IS ?",
                        [article.path, article.record],
                    )
                ]
            registry = load_registry(db, rebuilt)
            for article, quotes in _read_shards(paths, report):
                write_article(db, article, quotes, registry)
                summary.stored += 1
            prune_speakers(db)
            _apply_drift(db, model)
            merge_described_sources(db, model=model)
            _count(db, summary)
        finally:
            db.close()
    summary.seconds = perf_counter() - started
    return summary
