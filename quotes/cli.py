"""The `quotes` command line: each command opens its inputs, calls one library function, prints."""

from __future__ import annotations

import json
import sys

import click

from .articles import find_article_paths, read_article
from .errors import InputError, QuotesError
from .model import Quote


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
def extract(paths: tuple[str, ...], output_format: str, model: str | None) -> None:
    """Extract attributed quotes from article files or folders (PATH...)."""
    from .nlp import load_pipeline

    try:
        nlp = load_pipeline(model)
    except QuotesError as error:
        raise click.ClickException(str(error)) from None
    failed = False
    collected: list[dict] = []
    for item in find_article_paths(list(paths)):
        try:
            if isinstance(item, InputError):
                raise item
            article = read_article(item)
        except InputError as error:
            click.echo(f"Error: {error}", err=True)
            failed = True
            continue
        found = list(nlp(article.text)._.quotes) if article.text.strip() else []
        for quote in found:
            if output_format == "table":
                click.echo(_table_row(quote, article.name))
            elif output_format == "jsonl":
                click.echo(json.dumps(quote.to_json(article.name), ensure_ascii=False))
            else:
                collected.append(quote.to_json(article.name))
    if output_format == "json":
        click.echo(json.dumps(collected, ensure_ascii=False, indent=2))
    if failed:
        sys.exit(1)
