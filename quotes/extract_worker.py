"""Worker processes that run the spaCy pipeline for the extract endpoint, and can be killed.

A thread cannot be stopped, so the parse runs in a child process: when a request runs
past its deadline, or its client goes away, the child is terminated (its memory freed
with it) and a fresh one is started for the next request. Each child loads the
pipeline once and answers one text at a time over a pipe.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
from multiprocessing.connection import Connection
from time import monotonic
from typing import Any

from .errors import QuotesError

# Loading spaCy in a fresh process takes seconds; it is not counted against a request.
STARTUP_TIMEOUT_S = 300.0
POLL_S = 0.05


class ExtractionTimeout(QuotesError):
    """The deadline passed: before a worker was free (`started` False) or during the parse."""

    def __init__(self, message: str, started: bool) -> None:
        super().__init__(message)
        self.started = started


class ExtractionCancelled(QuotesError):
    """The client went away; the work was stopped."""


class WorkerFailed(QuotesError):
    """The worker process could not start, or died while parsing."""


def _serve(conn: Connection, model: str | None) -> None:
    """The child process: load the pipeline, then answer texts until the pipe closes."""
    from .nlp import load_pipeline

    try:
        nlp = load_pipeline(model)
    except QuotesError as error:
        conn.send(("error", str(error)))
        return
    conn.send(("ready", None))
    while True:
        try:
            text = conn.recv()
        except (EOFError, OSError):
            return
        try:
            found = list(nlp(text)._.quotes) if text.strip() else []
            conn.send(("ok", [quote.to_json(None) for quote in found]))
        except Exception as error:  # noqa: BLE001 - reported to the request, worker stays up
            conn.send(("error", f"could not be analysed ({type(error).__name__}: {error})"))


class Worker:
    """One child process and the pipe to it; started on first use, restarted after a kill."""

    def __init__(self, model: str | None) -> None:
        self.model = model
        self.process: multiprocessing.process.BaseProcess | None = None
        self.conn: Connection | None = None

    def _start(self) -> Connection:
        context = multiprocessing.get_context("spawn")  # no fork of a threaded server
        parent, child = context.Pipe()
        process = context.Process(target=_serve, args=(child, self.model), daemon=True)
        process.start()
        child.close()
        if not parent.poll(STARTUP_TIMEOUT_S):
            process.kill()
            raise WorkerFailed("the extraction worker did not start")
        try:
            status, message = parent.recv()
        except EOFError:
            status, message = "error", "the extraction worker exited while starting"
        if status != "ready":
            process.join()
            raise WorkerFailed(message)
        self.process, self.conn = process, parent
        return parent

    def stop(self) -> None:
        """Kill the child now (it may be deep inside a parse) and forget it."""
        if self.process is not None:
            self.process.kill()
            self.process.join()
        if self.conn is not None:
            self.conn.close()
        self.process = self.conn = None

    def extract(self, text: str, deadline: float, cancelled: threading.Event) -> list[dict]:
        """The quotes in `text` as JSON objects; the child is killed at the deadline."""
        conn = self.conn if self.process is not None and self.process.is_alive() else None
        if conn is None:
            budget = deadline - monotonic()
            conn = self._start()
            deadline = monotonic() + budget
        conn.send(text)
        while not conn.poll(max(0.0, min(POLL_S, deadline - monotonic()))):
            if cancelled.is_set() or monotonic() >= deadline:
                self.stop()
                if cancelled.is_set():
                    raise ExtractionCancelled("client disconnected")
                raise ExtractionTimeout("the text took longer than the time limit", True)
        try:
            status, payload = conn.recv()
        except (EOFError, OSError):
            self.stop()
            raise WorkerFailed("the extraction worker died (out of memory?)") from None
        if status != "ok":
            raise WorkerFailed(payload)
        return payload


class WorkerPool:
    """`size` workers; a request waits for a free one until its deadline."""

    def __init__(self, size: int, model: str | None = None) -> None:
        self.workers = [Worker(model) for _ in range(size)]
        self.free: queue.SimpleQueue[Worker] = queue.SimpleQueue()
        for worker in self.workers:
            self.free.put(worker)

    def extract(self, text: str, deadline: float, cancelled: threading.Event) -> list[dict]:
        """Blocking: run it in a thread. Raises ExtractionTimeout / ExtractionCancelled."""
        while True:
            try:
                worker = self.free.get(timeout=max(0.0, min(POLL_S, deadline - monotonic())))
                break
            except queue.Empty:
                if cancelled.is_set():
                    raise ExtractionCancelled("client disconnected") from None
                if monotonic() >= deadline:
                    raise ExtractionTimeout("busy: no worker was free in time", False) from None
        try:
            return worker.extract(text, deadline, cancelled)
        finally:
            self.free.put(worker)

    def pids(self) -> list[Any]:
        """The live worker processes' ids (for tests and monitoring)."""
        return [w.process.pid for w in self.workers if w.process is not None]

    def close(self) -> None:
        for worker in self.workers:
            worker.stop()
