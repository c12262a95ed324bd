"""`POST /-/quotes/extract`: quotes in a draft, for newsroom tools, without touching the database.

The request body is JSON ``{"text": "..."}``; the answer is ``{"quotes": [...]}``, each
object shaped like a line of ``quotes extract --format jsonl``. Bad requests get a
4xx status and ``{"ok": false, "error": "...", "status": N}``.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Awaitable, Callable
from typing import Any

from .errors import QuotesError

DEFAULT_MAX_BYTES = 1_000_000
PATH = "/-/quotes/extract"

# One document at a time: spaCy pipelines are not documented as thread-safe.
_PIPELINE_LOCK = threading.Lock()


class RequestError(QuotesError):
    """A request the endpoint refuses, with the HTTP status to answer."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def error_body(error: RequestError) -> dict[str, Any]:
    return {"ok": False, "error": str(error), "status": error.status}


async def read_body(
    receive: Callable[[], Awaitable[dict[str, Any]]],
    content_length: str | None,
    max_bytes: int,
) -> bytes:
    """The request body, refused with 413 as soon as it is known to exceed `max_bytes`."""
    too_large = RequestError(413, f"request body is over the limit of {max_bytes:,} bytes")
    if content_length and content_length.isdigit() and int(content_length) > max_bytes:
        raise too_large
    body = bytearray()
    more = True
    while more:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise RequestError(400, "client disconnected")
        body += message.get("body", b"")
        if len(body) > max_bytes:
            raise too_large
        more = message.get("more_body", False)
    return bytes(body)


def parse_text(body: bytes) -> str:
    """The draft text from a JSON body ``{"text": "..."}``; RequestError(400) otherwise."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise RequestError(400, 'body must be JSON: {"text": "..."}') from None
    if not isinstance(data, dict) or "text" not in data:
        raise RequestError(400, 'body must be a JSON object with a "text" field')
    if not isinstance(data["text"], str):
        raise RequestError(400, '"text" must be a string')
    return data["text"]


def extract_quotes(text: str) -> dict[str, list[dict[str, Any]]]:
    """The endpoint's answer for `text` (blocking: run it off the event loop)."""
    from . import extract

    with _PIPELINE_LOCK:
        found = extract(text)
    return {"quotes": [quote.to_json(None) for quote in found]}


async def handle_extract(
    method: str,
    receive: Callable[[], Awaitable[dict[str, Any]]],
    content_length: str | None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> tuple[int, dict[str, Any]]:
    """(status, JSON body) for one request to the endpoint."""
    try:
        if method != "POST":
            raise RequestError(405, 'use POST with a JSON body {"text": "..."}')
        text = parse_text(await read_body(receive, content_length, max_bytes))
    except RequestError as error:
        return error.status, error_body(error)
    try:
        return 200, await asyncio.to_thread(extract_quotes, text)
    except QuotesError as error:  # no pipeline installed: the server's fault, not the client's
        return 500, error_body(RequestError(500, str(error)))
