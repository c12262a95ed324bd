"""A reporter's path in a real browser: Debian's Chromium driven by Playwright against `quotes serve`.

Screenshots of every page visited are kept in build/screenshots/ (git-ignored) for review.
"""

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
REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "build" / "screenshots"


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
    yield from serving(seeds_db)


@pytest.fixture
def hostile_server(hostile_db):
    yield from serving(hostile_db)


def serving(db_path: Path):
    port = free_port()
    process = subprocess.Popen(
        [str(QUOTES), "serve", "--db", str(db_path), "--port", str(port)],
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


def shoot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 0
    return path


def visible_text(page) -> str:
    return " ".join(page.locator("body").inner_text().split())


def test_three_clicks_from_home_to_who_changed_rasools_words(server):
    assert CHROMIUM.exists(), "Debian's chromium is missing: apt-get install -y chromium"
    from playwright import sync_api

    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"{server}/", timeout=30_000)
            home = visible_text(page)
            assert "What did a speaker say, and where?" in home
            assert "Who changed someone's words?" in home
            shoot(page, "1-home")

            page.get_by_role("link", name="Yehia Rasool", exact=True).first.click()  # click 1
            page.wait_for_url("**/-/quotes/speaker/yehia-rasool")
            speaker = visible_text(page)
            assert page.locator("h1").inner_text() == "Yehia Rasool"
            assert "spokesperson for the Iraqi Prime Minister" in speaker  # Gulan Media's title
            assert "a spokesperson for the Iraqi military" in speaker  # Truthout's
            assert "13 versions in 5 outlets" in speaker
            shoot(page, "2-speaker-rasool")

            page.get_by_role("link", name="every outlet's version").first.click()  # click 2
            page.wait_for_url("**/-/quotes/statement/*")
            statement = visible_text(page)
            assert "Every version of a statement by Yehia Rasool" in statement
            assert "conducted a blatant assassination through an airstrike" in statement
            assert "Who changed it" in statement and "Who copied whom" in statement
            assert page.locator("tr.version-row").count() == 13
            assert page.locator("tr.version-row.misquote").count() == 1
            assert page.locator("del").count() > 0 and page.locator("ins").count() > 0
            shoot(page, "3-statement-blatant-assassination")

            changed = page.locator("ul.changed li").filter(has_text="misquote")
            assert changed.count() == 1
            assert "gives it to An official from the Iraq army" in " ".join(
                changed.inner_text().split()
            )
            changed.get_by_role("link", name="the quote").click()  # click 3
            page.wait_for_url("**/quotes/quotes/*")
            quote = visible_text(page)
            assert "clear act of assassination" in quote
            assert page.locator("td.col-misquote").inner_text().strip() == "1"
            assert page.locator("td.col-attribution_changed").inner_text().strip() == "1"
            assert "An official from the Iraq army" in quote
            shoot(page, "4-misquote-in-001")

            for text in (home, speaker, statement, quote):
                assert "select " not in text.lower()
        finally:
            browser.close()


def test_an_onerror_payload_in_a_quote_opens_no_dialog(hostile_server):
    assert CHROMIUM.exists(), "Debian's chromium is missing: apt-get install -y chromium"
    from playwright import sync_api

    dialogs: list[str] = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            page.goto(f"{hostile_server}/", timeout=30_000)
            page.get_by_role("link", name="Jo Ray", exact=True).first.click()
            page.wait_for_url("**/-/quotes/speaker/jo-ray")
            assert "<img src=x onerror=alert(1)>" in page.locator("body").inner_text()
            shoot(page, "hostile-speaker")
            page.get_by_role("link", name="every outlet's version").first.click()
            page.wait_for_url("**/-/quotes/statement/*")
            shoot(page, "hostile-statement")
            for path in ("/quotes/quotes", "/quotes/quotes_view", "/quotes/articles"):
                page.goto(f"{hostile_server}{path}")
                page.wait_for_load_state("load")
            page.wait_for_timeout(300)
            assert page.locator("img[src=x]").count() == 0
        finally:
            browser.close()
    assert dialogs == []
