"""The `quotes` command line: each command opens its inputs, calls one library function, prints."""

from __future__ import annotations

import json
import sys

import click

from .errors import InputError, InputSkipped, QuotesError
from .inputs import DEFAULT_MAX_BYTES, read_inputs
from .model import STATEMENT_KINDS, Quote
from .process import settle_for_batch

max_bytes_option = click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Larger input files are reported and skipped.",
)

_db_option = click.option(
    "--db",
    "db_path",
    default="quotes.db",
    show_default=True,
    help="SQLite database to create or update.",
)

_jobs_option = click.option(
    "--jobs",
    "-j",
    default=1,
    show_default=True,
    type=click.IntRange(min=1),
    help="Worker processes analysing articles in parallel (the output does not change).",
)


@click.group()
@click.version_option(package_name="quotes")
def cli() -> None:
    """Extract, attribute and track quotes in news articles."""


def _table_row(quote: Quote, article: str) -> str:
    speaker = quote.speaker or "?"
    text = quote.text.replace("\n", " ")
    if len(text) > 80:
        text = text[:77] + "..."
    return f"{article}\t{quote.type}\t{speaker}\t{text}"


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["jsonl", "json", "table"]),
    default="jsonl",
    show_default=True,
    help="Output format.",
)
@click.option("--model", default=None, help="spaCy pipeline to use (default: en_core_web_sm).")
@max_bytes_option
@_jobs_option
@click.option(
    "--dask",
    "scheduler",
    default=None,
    metavar="ADDRESS",
    help="Run on the Dask cluster at ADDRESS and write JSON Lines shards (see --shards).",
)
@click.option(
    "--shards",
    "shard_dir",
    default="shards",
    show_default=True,
    help="With --dask: folder for the shards, on a file system every worker sees.",
)
def extract(
    paths: tuple[str, ...],
    output_format: str,
    model: str | None,
    max_bytes: int,
    jobs: int,
    scheduler: str | None,
    shard_dir: str,
) -> None:
    """Extract attributed quotes from articles (PATH...: .txt, .html, .jsonl, .json, .csv
    files, or folders of them)."""
    from .nlp import load_pipeline

    if scheduler is not None:
        _extract_on_dask(list(paths), scheduler, shard_dir, model)
        return

    try:
        nlp = load_pipeline(model)
    except QuotesError as error:
        raise click.ClickException(str(error)) from None
    settle_for_batch()
    from tqdm import tqdm

    from .runner import extract_articles

    progress = sys.stderr.isatty()

    def show(error: InputError) -> None:
        if progress:  # tqdm.write keeps the progress bar intact below the message
            tqdm.write(f"Error: {error}", file=sys.stderr)
        else:
            click.echo(f"Error: {error}", err=True)

    failed = False
    collected: list[dict] = []
    articles = []
    for item in read_inputs(list(paths), max_bytes=max_bytes):
        if isinstance(item, InputSkipped):
            click.echo(f"Skipped: {item}", err=True)
        elif isinstance(item, InputError):
            click.echo(f"Error: {item}", err=True)
            failed = True
        else:
            articles.append(item)
    for article, found in extract_articles(nlp, articles, jobs=jobs, progress=progress):
        if isinstance(found, InputError):
            show(found)
            failed = True
            continue
        article.mark_captions(found)
        for quote in found:
            if output_format == "table":
                if quote.kind in STATEMENT_KINDS:  # a reaction is not something said
                    click.echo(_table_row(quote, article.name))
            elif output_format == "jsonl":
                click.echo(json.dumps(quote.to_json(article.name), ensure_ascii=False))
            else:
                collected.append(quote.to_json(article.name))
    if output_format == "json":
        click.echo(json.dumps(collected, ensure_ascii=False, indent=2))
    if failed:
        sys.exit(1)


def _extract_on_dask(paths: list[str], scheduler: str, shard_dir: str, model: str | None) -> None:
    from .distributed import extract_to_shards

    try:
        summary = extract_to_shards(paths, scheduler, shard_dir, model=model)
    except QuotesError as error:
        raise click.ClickException(str(error)) from None
    for error in summary.errors:
        click.echo(f"Error: {error}", err=True)
    click.echo(f"{summary} in {shard_dir}")
    if summary.errors:
        sys.exit(1)


@cli.command()
@click.argument("shards", nargs=-1, required=True)
@_db_option
def load(shards: tuple[str, ...], db_path: str) -> None:
    """Merge shards written by `quotes extract --dask` (files or folders) into a database."""
    from .distributed import load_shards

    try:
        summary = load_shards(
            list(shards), db_path, on_error=lambda e: click.echo(f"Error: {e}", err=True)
        )
    except QuotesError as error:
        raise click.ClickException(str(error)) from None
    click.echo(str(summary))
    if summary.errors:
        sys.exit(1)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@_db_option
@click.option("--model", default=None, help="spaCy pipeline to use (default: en_core_web_sm).")
@click.option(
    "--prune", is_flag=True, help="Remove the articles whose inputs are no longer among PATHS."
)
@max_bytes_option
@_jobs_option
def build(
    paths: tuple[str, ...],
    db_path: str,
    model: str | None,
    prune: bool,
    max_bytes: int,
    jobs: int,
) -> None:
    """Extract quotes from article files or folders (PATH...) into a SQLite database.

    Inputs already stored unchanged are not extracted again; a build that was
    interrupted is completed by running it again.
    """
    from tqdm import tqdm

    from .build import build_database
    from .nlp import load_pipeline

    progress = sys.stderr.isatty()

    def say(line: str) -> None:
        if progress:  # tqdm.write keeps the progress bar intact below the message
            tqdm.write(line, file=sys.stderr)
        else:
            click.echo(line, err=True)

    try:
        load_pipeline(model)  # loaded once: build_database gets it from the cache
        settle_for_batch()
        summary = build_database(
            list(paths),
            db_path,
            model=model,
            progress=progress,
            on_error=lambda error: say(f"Error: {error}"),
            on_skip=lambda notice: say(f"Skipped: {notice}"),
            prune=prune,
            max_bytes=max_bytes,
            jobs=jobs,
        )
    except QuotesError as error:
        raise click.ClickException(str(error)) from None
    click.echo(str(summary))
    if summary.errors:
        sys.exit(1)


@cli.command()
@click.option(
    "--db",
    "db_path",
    default="quotes.db",
    show_default=True,
    help="Database built by `quotes build`.",
)
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535))
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--metadata",
    "metadata_path",
    default=None,
    help="Datasette metadata (default: metadata.yml here or at the repository root).",
)
def serve(db_path: str, port: int, host: str, metadata_path: str | None) -> None:
    """Browse, search and query the database in Datasette, with a JSON API."""
    from .serve import serve_database

    def ready(url: str) -> None:
        click.echo(f"Serving {db_path} at {url} (Ctrl+C to stop)")

    try:
        serve_database(db_path, host=host, port=port, metadata_path=metadata_path, on_ready=ready)
    except QuotesError as error:
        raise click.ClickException(str(error)) from None
