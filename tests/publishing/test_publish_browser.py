"""A reporter's path in a real browser: Debian's Chromium driven by Playwright against `quotes serve`."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
QUOTES = Path(sys.executable).with_name("quotes")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url: str, server: subprocess.Popen, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"quotes serve exited: {server.stdout.read()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer within {seconds} s")


@pytest.fixture
def server(seeds_db):
    port = free_port()
    process = subprocess.Popen(
        [str(QUOTES), "serve", "--db", str(seeds_db), "--port", str(port)],
        cwd=Path(__file__).resolve().parents[2],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/robots.txt", process)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_reporter_searches_and_opens_a_highlighted_quote(server, tmp_path):
    # .ci/run installs Debian's chromium; elsewhere this names the missing step.
    assert CHROMIUM.exists(), "Debian's chromium is missing: apt-get install -y chromium"
    from playwright import sync_api

    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"{server}/quotes/quotes", timeout=30_000)
            assert "quotes" in page.title()
            page.fill("input[name=_search]", "assassination")
            page.press("input[name=_search]", "Enter")
            page.wait_for_url("**_search=assassination**")
            rows = page.locator("table.rows-and-columns tbody tr")
            assert rows.count() > 0
            page.screenshot(path=str(tmp_path / "search.png"), full_page=True)
            rows.first.locator("td a").first.click()
            page.wait_for_load_state()
            mark = page.locator("mark.quote").first
            mark.wait_for(state="visible", timeout=10_000)
            assert mark.inner_text().strip()
            assert "assassination" in page.locator("td.col-text").first.inner_text().lower()
            page.screenshot(path=str(tmp_path / "quote.png"), full_page=True)
        finally:
            browser.close()
    assert (tmp_path / "quote.png").stat().st_size > 0
