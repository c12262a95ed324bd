"""`POST /-/quotes/extract`: quotes in a draft, for newsroom tools, without touching the database.

The request body is JSON ``{"text": "..."}`` sent as ``Content-Type: application/json``;
the answer is ``{"quotes": [...]}``, each object shaped like a line of
``quotes extract --format jsonl``. Every refusal is JSON too:
``{"ok": false, "error": "...", "status": N}``.

The parse runs in worker processes (`quotes.extract_worker`), never on the event loop:
at most `queue_size` requests are admitted at a time (503 with Retry-After beyond
that), and a request still unanswered after `time_limit_s` seconds, or whose client
went away, has its worker process killed and replaced.
"""

from __future__ import annotations

import asyncio
import json
import math
import threading
import weakref
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from time import monotonic
from typing import Any

from .errors import QuotesError
from .extract_worker import ExtractionCancelled, ExtractionTimeout, WorkerPool

DEFAULT_MAX_BYTES = 1_000_000
DEFAULT_TIME_LIMIT_S = 30.0
DEFAULT_QUEUE_SIZE = 16
DEFAULT_WORKERS = 1
PATH = "/-/quotes/extract"
MEDIA_TYPE = "application/json"

Receive = Callable[[], Awaitable[dict[str, Any]]]


class RequestError(QuotesError):
    """A request the endpoint refuses, with the HTTP status to answer."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.headers = headers or {}


def error_body(error: RequestError) -> dict[str, Any]:
    return {"ok": False, "error": str(error), "status": error.status}


@dataclass(frozen=True)
class Limits:
    """The endpoint's settings (plugin config under `plugins: quotes:`)."""

    max_body_bytes: int = DEFAULT_MAX_BYTES
    time_limit_s: float = DEFAULT_TIME_LIMIT_S
    queue_size: int = DEFAULT_QUEUE_SIZE
    workers: int = DEFAULT_WORKERS

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> Limits:
        return cls(
            max_body_bytes=int(config.get("max_body_bytes", DEFAULT_MAX_BYTES)),
            time_limit_s=float(config.get("time_limit_s", DEFAULT_TIME_LIMIT_S)),
            queue_size=max(1, int(config.get("queue_size", DEFAULT_QUEUE_SIZE))),
            workers=max(1, int(config.get("workers", DEFAULT_WORKERS))),
        )

    @property
    def retry_after(self) -> str:
        """Seconds until a slot is sure to free up: the time limit."""
        return str(max(1, math.ceil(self.time_limit_s)))


@dataclass
class ExtractService:
    """The worker pool and admission count behind one served endpoint."""

    limits: Limits
    model: str | None = None
    admitted: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _pool: WorkerPool | None = None
    _threads: ThreadPoolExecutor | None = None

    @property
    def pool(self) -> WorkerPool:
        with self._lock:
            if self._pool is None:
                self._pool = WorkerPool(self.limits.workers, self.model)
            return self._pool

    @property
    def threads(self) -> ThreadPoolExecutor:
        """One waiting thread per admitted request, apart from Datasette's own threads."""
        with self._lock:
            if self._threads is None:
                self._threads = ThreadPoolExecutor(self.limits.queue_size, "quotes-extract")
            return self._threads

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
        if self._threads is not None:
            self._threads.shutdown(wait=False)


_SERVICES: weakref.WeakKeyDictionary[Any, ExtractService] = weakref.WeakKeyDictionary()


def service_for(owner: Any, config: dict[str, Any]) -> ExtractService:  # noqa: ANN401
    """The one service of a Datasette instance (`owner`), made on its first request."""
    service = _SERVICES.get(owner)
    if service is None:
        service = _SERVICES[owner] = ExtractService(Limits.from_config(config))
    return service


def cors_headers(config: dict[str, Any], origin: str | None) -> dict[str, str]:
    """CORS headers for a request from `origin`: only origins listed in `cors_origins`.

    None by default: the endpoint spends CPU on whatever it is sent, so a web page a
    reporter happens to open must not be able to make their browser call it.
    """
    allowed = config.get("cors_origins") or []
    allowed = [allowed] if isinstance(allowed, str) else list(allowed)
    if "*" in allowed:
        value = "*"
    elif origin and origin in allowed:
        value = origin
    else:
        return {"Vary": "Origin"} if allowed else {}
    return {
        "Access-Control-Allow-Origin": value,
        "Access-Control-Allow-Methods": "POST, OPTIONS",
        "Access-Control-Allow-Headers": "Content-Type",
        "Access-Control-Max-Age": "3600",
        **({} if value == "*" else {"Vary": "Origin"}),
    }


def check_content_type(content_type: str | None) -> None:
    """Only JSON: a form or text/plain body would let any web page post without a preflight."""
    media, _, params = (content_type or "").partition(";")
    charset = dict(p.strip().lower().split("=", 1) for p in params.split(";") if "=" in p).get(
        "charset", "utf-8"
    )
    if media.strip().lower() != MEDIA_TYPE or charset.strip('"') != "utf-8":
        raise RequestError(415, f"send the body as Content-Type: {MEDIA_TYPE} (UTF-8)")


async def read_body(receive: Receive, content_length: str | None, max_bytes: int) -> bytes:
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
    except RecursionError:
        raise RequestError(400, "body is nested too deeply") from None
    if not isinstance(data, dict) or "text" not in data:
        raise RequestError(400, 'body must be a JSON object with a "text" field')
    text = data["text"]
    if not isinstance(text, str):
        raise RequestError(400, '"text" must be a string')
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # "\ud800": a lone surrogate escaped in valid JSON
        raise RequestError(400, '"text" holds a lone surrogate, not valid Unicode') from None
    return text


async def _watch_disconnect(receive: Receive, cancelled: threading.Event) -> None:
    """Set `cancelled` when the client goes away before its answer is ready."""
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            cancelled.set()
            return


async def run_extraction(service: ExtractService, text: str, receive: Receive) -> dict[str, Any]:
    """The quotes in `text`, from a worker process, within the time limit."""
    limits = service.limits
    deadline = monotonic() + limits.time_limit_s
    cancelled = threading.Event()
    watcher = asyncio.ensure_future(_watch_disconnect(receive, cancelled))
    try:
        loop = asyncio.get_running_loop()
        found = await loop.run_in_executor(
            service.threads, service.pool.extract, text, deadline, cancelled
        )
    except ExtractionTimeout as error:
        if error.started:
            message = f"stopped at the time limit of {limits.time_limit_s:g} s: send a shorter text"
            raise RequestError(504, message) from None
        message = f"busy: no extraction worker was free within {limits.time_limit_s:g} s"
        raise RequestError(503, message, {"Retry-After": limits.retry_after}) from None
    except ExtractionCancelled:
        raise RequestError(499, "client disconnected") from None
    finally:
        watcher.cancel()
    return {"quotes": found}


async def handle_extract(
    service: ExtractService,
    method: str,
    headers: dict[str, str],
    receive: Receive,
) -> tuple[int, dict[str, Any], dict[str, str]]:
    """(status, JSON body, extra headers) for one request to the endpoint."""
    limits = service.limits
    try:
        if method != "POST":
            raise RequestError(405, 'use POST with a JSON body {"text": "..."}')
        check_content_type(headers.get("content-type"))
        if service.admitted >= limits.queue_size:
            raise RequestError(
                503,
                f"busy: {limits.queue_size} requests are already waiting; retry later",
                {"Retry-After": limits.retry_after},
            )
        service.admitted += 1
        try:
            body = await read_body(receive, headers.get("content-length"), limits.max_body_bytes)
            return 200, await run_extraction(service, parse_text(body), receive), {}
        finally:
            service.admitted -= 1
    except RequestError as error:
        return error.status, error_body(error), error.headers
    except QuotesError as error:  # no pipeline installed: the server's fault, not the client's
        return 500, error_body(RequestError(500, str(error))), {}
