"""POST /-/quotes/extract through Datasette's client: errors, content type, CORS, queue, time limit."""

from __future__ import annotations

import asyncio
import json
import os
import threading
import time
from pathlib import Path

import pytest
import yaml

from quotes import api, extract
from quotes.db import open_database
from quotes.extract_worker import ExtractionCancelled, WorkerPool
from quotes.serve import make_datasette

REPO = Path(__file__).resolve().parents[2]
PATH = "/-/quotes/extract"
JSON = {"Content-Type": "application/json"}
DRAFT = '"We will rebuild the bridge," Mayor Jane Smith said on Monday.'
# Long enough that the extractor needs well over a second on it.
LONG = " ".join(
    f'"The council will vote on plan number {k} next week," Mayor Jane Smith said. '
    f"She added that the budget for item {k} was already approved by the committee."
    for k in range(400)
)


def serve(tmp_path: Path, **settings) -> object:
    """A Datasette over an empty quotes database, with these `plugins: quotes:` settings."""
    db_path = tmp_path / "quotes.db"
    open_database(str(db_path)).close()
    metadata = tmp_path / "metadata.yml"
    metadata.write_text(yaml.safe_dump({"plugins": {"quotes": settings}}))
    return make_datasette(str(db_path), str(metadata))


@pytest.fixture
def make_ds(tmp_path):
    made = []

    def make(**settings):
        folder = tmp_path / str(len(made))
        folder.mkdir()
        made.append(serve(folder, **settings))
        return made[-1]

    yield make
    for datasette in made:
        service = api._SERVICES.get(datasette)
        if service is not None:
            service.close()


def post(datasette, body: bytes, headers: dict[str, str] | None = None):
    return asyncio.run(datasette.client.post(PATH, content=body, headers=headers or JSON))


def is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture
def plain(tmp_path):
    datasette = serve(tmp_path)
    yield datasette
    service = api._SERVICES.get(datasette)
    if service is not None:
        service.close()


NESTED = b'{"text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"


@pytest.mark.parametrize(
    ("body", "status", "error"),
    [
        (b'{"text": "\\ud800"}', 400, '"text" holds a lone surrogate, not valid Unicode'),
        (NESTED, 400, "body is nested too deeply"),
        (b'{"text": "caf\xe9"}', 400, 'body must be JSON: {"text": "..."}'),
        (b"", 400, 'body must be JSON: {"text": "..."}'),
        (b'{"text": null}', 400, '"text" must be a string'),
        (b"5", 400, 'body must be a JSON object with a "text" field'),
    ],
)
def test_bad_bodies_get_a_json_400(plain, body, status, error):
    response = post(plain, body)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    assert response.json() == {"ok": False, "error": error, "status": status}


@pytest.mark.parametrize(
    "content_type",
    [
        None,
        "text/plain",
        "text/plain;charset=UTF-8",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/json; charset=latin-1",
    ],
)
def test_only_json_bodies_are_accepted(plain, content_type):
    headers = {} if content_type is None else {"Content-Type": content_type}
    request = plain.client.post(PATH, content=json.dumps({"text": DRAFT}), headers=headers)
    response = asyncio.run(request)
    assert response.status_code == 415
    assert response.json() == {
        "ok": False,
        "error": "send the body as Content-Type: application/json (UTF-8)",
        "status": 415,
    }


def test_json_with_charset_utf8_is_answered(plain):
    response = post(
        plain,
        json.dumps({"text": DRAFT}).encode(),
        {"Content-Type": "application/json; charset=utf-8"},
    )
    assert response.status_code == 200
    assert response.json() == {"quotes": [q.to_json(None) for q in extract(DRAFT)]}
    assert [q["text"] for q in response.json()["quotes"]] == ["We will rebuild the bridge"]


def test_cors_origins_setting(make_ds):
    datasette = make_ds(cors_origins=["https://tools.example.org"])
    allowed = {"Origin": "https://tools.example.org"}
    preflight = asyncio.run(datasette.client.options(PATH, headers=allowed))
    assert preflight.status_code == 204
    assert preflight.headers["access-control-allow-origin"] == "https://tools.example.org"
    assert preflight.headers["access-control-allow-methods"] == "POST, OPTIONS"
    assert "Origin" in preflight.headers["vary"]
    other = asyncio.run(datasette.client.options(PATH, headers={"Origin": "https://evil.example"}))
    assert "access-control-allow-origin" not in other.headers
    anyone = make_ds(cors_origins="*")
    preflight = asyncio.run(anyone.client.options(PATH, headers={"Origin": "https://a.example"}))
    assert preflight.headers["access-control-allow-origin"] == "*"


def test_a_full_queue_answers_503_with_retry_after(make_ds):
    datasette = make_ds(queue_size=1, time_limit_s=60)

    async def two_requests():
        first = asyncio.ensure_future(
            datasette.client.post(PATH, json={"text": DRAFT}, timeout=120)
        )
        await asyncio.sleep(0.3)  # the first is admitted: its worker takes seconds to start
        second = await datasette.client.post(PATH, json={"text": DRAFT})
        return await first, second

    first, second = asyncio.run(two_requests())
    assert second.status_code == 503
    assert second.headers["retry-after"] == "60"
    assert second.json() == {
        "ok": False,
        "error": "busy: 1 requests are already waiting; retry later",
        "status": 503,
    }
    assert first.status_code == 200
    assert [q["text"] for q in first.json()["quotes"]] == ["We will rebuild the bridge"]


def test_the_time_limit_kills_the_work_and_the_next_request_is_served(make_ds):
    datasette = make_ds(time_limit_s=1)
    assert post(datasette, json.dumps({"text": DRAFT}).encode()).status_code == 200
    service = api._SERVICES[datasette]
    (pid,) = service.pool.pids()
    started = time.monotonic()
    response = post(datasette, json.dumps({"text": LONG * 3}).encode())
    took = time.monotonic() - started
    assert response.status_code == 504
    assert response.json() == {
        "ok": False,
        "error": "stopped at the time limit of 1 s: send a shorter text",
        "status": 504,
    }
    assert 1 <= took < 10
    assert not is_running(pid), "the worker parsing the long text was killed"
    again = post(datasette, json.dumps({"text": DRAFT}).encode())
    assert again.status_code == 200
    assert [q["text"] for q in again.json()["quotes"]] == ["We will rebuild the bridge"]
    assert service.pool.pids() != [pid]


def test_a_client_that_leaves_stops_the_work():
    pool = WorkerPool(1)
    try:
        cancelled = threading.Event()
        assert pool.extract(DRAFT, time.monotonic() + 120, cancelled)
        (pid,) = pool.pids()
        threading.Timer(0.5, cancelled.set).start()
        started = time.monotonic()
        with pytest.raises(ExtractionCancelled):
            pool.extract(LONG * 3, time.monotonic() + 120, cancelled)
        assert time.monotonic() - started < 5
        assert not is_running(pid)
        assert pool.pids() == []
    finally:
        pool.close()
