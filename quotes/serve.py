"""`quotes serve`: the database in Datasette, configured from metadata.yml.

Served read-only, with SQL allowed under a time limit
and CORS on, so browser-based newsroom tools can call the JSON API.
"""

from __future__ import annotations

import asyncio
import errno
import importlib
import os
import socket
import sqlite3
from collections.abc import Awaitable, Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import yaml

from .errors import QuotesError

METADATA_NAME = "metadata.yml"
# The name (and URL path) the database is served under, as metadata.yml configures it.
DATABASE_NAME = "quotes"
SETTINGS = {
    "sql_time_limit_ms": 3000,
    "facet_time_limit_ms": 500,
    "default_facet_size": 15,
    "max_returned_rows": 1000,
    "default_allow_sql": True,
    "allow_download": True,
    "truncate_cells_html": 400,
    # Suggesting facets runs a query per column on every table page: seconds at 1M quotes.
    "suggest_facets": False,
}

Asgi = Callable[
    [dict, Callable[[], Awaitable[dict]], Callable[[dict], Awaitable[None]]], Awaitable[None]
]


class ServeError(QuotesError):
    """The database or metadata cannot be served: ``str(error)`` is "PATH: reason"."""


def find_metadata(path: str | None = None) -> Path | None:
    """metadata.yml as given, else in the current folder, else at the repository root."""
    if path is not None:
        return Path(path)
    for candidate in (Path.cwd() / METADATA_NAME, Path(__file__).parent.parent / METADATA_NAME):
        if candidate.is_file():
            return candidate
    return None


def load_metadata(path: Path | None) -> dict[str, Any]:
    """Datasette metadata from a YAML file (empty when there is none)."""
    if path is None:
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as error:
        raise ServeError(f"{path}: {error.strerror or 'cannot be read'}") from None
    except (yaml.YAMLError, UnicodeDecodeError):
        raise ServeError(f"{path}: not valid YAML") from None
    if not isinstance(data, dict):
        raise ServeError(f"{path}: must be a mapping")
    return data


def _check_database(path: Path) -> None:
    """Refuse, with one line, a file that is not a database `quotes build` wrote."""
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
            found = conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'quotes'"
            ).fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise ServeError(f"{path}: not a usable SQLite database ({error})") from None
    if not found:
        raise ServeError(f"{path}: has no quotes table (run: quotes build PATH... --db {path})")


def make_datasette(db_path: str, metadata_path: str | None = None) -> Any:  # noqa: ANN401
    """A configured, read-only Datasette serving `db_path` at /quotes/ whatever its file name."""
    from datasette.app import Datasette
    from datasette.database import Database

    path = Path(db_path)
    if not path.is_file():
        raise ServeError(f"{db_path}: no such database (run: quotes build PATH... --db {db_path})")
    _check_database(path)
    metadata = load_metadata(find_metadata(metadata_path))
    datasette = Datasette([], metadata=metadata, settings=SETTINGS, cors=True)
    datasette.remove_database("_memory")
    # Read-only either way. Where a build can write it (the folder is writable), it is
    # read through SQLite's write-ahead log, so pages show the data before or after each
    # article a running build writes; elsewhere it is immutable (row counts computed once).
    mutable = os.access(path.resolve().parent, os.W_OK)
    datasette.add_database(
        Database(datasette, path=str(path), is_mutable=mutable), name=DATABASE_NAME
    )
    return datasette


def check_port(host: str, port: int) -> None:
    """Fail early, with one line, when the port is taken."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        try:
            probe.bind((host, port))
        except OSError as error:
            reason = "is in use" if error.errno == errno.EADDRINUSE else f"unusable ({error})"
            raise ServeError(f"{host}:{port}: port {reason}") from None


def serve_database(
    db_path: str,
    *,
    host: str = "127.0.0.1",
    port: int = 8001,
    metadata_path: str | None = None,
    on_ready: Callable[[str], None] | None = None,
) -> None:
    """Serve the database until interrupted; `on_ready` gets the URL once it is checked."""
    import uvicorn

    instance = make_datasette(db_path, metadata_path)
    # With rich installed (spaCy brings it) Datasette prints every 404's traceback with
    # its local variables, request headers included, to the server log: not wanted.
    # (Imported only after datasette.app, which registers this module as a plugin.)
    importlib.import_module("datasette.handle_exception").rich = None
    check_port(host, port)
    asyncio.run(instance.invoke_startup())
    if on_ready is not None:
        shown = f"[{host}]" if ":" in host else host
        on_ready(f"http://{shown}:{port}/")
    uvicorn.run(instance.app(), host=host, port=port, log_level="warning", lifespan="on")


def add_response_header(app: Asgi, name: bytes, value: bytes) -> Asgi:
    """Wrap an ASGI app so every HTTP response carries one more header."""

    async def wrapped(scope: dict, receive: Callable, send: Callable) -> None:
        async def send_with_header(message: dict) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), (name, value)]}
            await send(message)

        await app(scope, receive, send_with_header)

    return wrapped
