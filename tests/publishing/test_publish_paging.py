"""A busy speaker's page comes a page of statements at a time, and every quote stays reachable."""

from __future__ import annotations

import asyncio
import re
import shutil
from pathlib import Path

import pytest
import sqlite_utils
from conftest import METADATA

from quotes import pages
from quotes.serve import make_datasette

SPEAKER = "yehia-rasool"
EXTRA_STATEMENTS = 60


def get(datasette, path: str):
    return asyncio.run(datasette.client.get(path))


def quote_links(page: str) -> set[str]:
    return set(re.findall(r'href="/quotes/quotes/([^"]+)"', page))


@pytest.fixture(scope="module")
def busy(seeds_db, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds with 60 more statements by Rasool, one quote each, and 3 ungrouped quotes."""
    copy = tmp_path_factory.mktemp("busy") / "busy.db"
    shutil.copy(seeds_db, copy)
    db = sqlite_utils.Database(copy)
    quote = next(
        db.query(
            "SELECT * FROM quotes WHERE speaker_id = ? AND statement_id IS NOT NULL LIMIT 1",
            [SPEAKER],
        )
    )
    statement = next(db.query("SELECT * FROM statements WHERE id = ?", [quote["statement_id"]]))
    for k in range(EXTRA_STATEMENTS):
        db["statements"].insert(
            {**statement, "id": f"busy-st{k}", "reference_quote_id": f"busy-q{k}", "n_outlets": 1}
        )
        db["quotes"].insert({**quote, "id": f"busy-q{k}", "statement_id": f"busy-st{k}"})
    for k in range(3):
        db["quotes"].insert({**quote, "id": f"busy-loose{k}", "statement_id": None})
    db.conn.commit()
    return copy


def test_a_busy_speaker_pages_through_every_quote(busy):
    ds = make_datasette(str(busy), str(METADATA))
    db = sqlite_utils.Database(busy)
    every = {
        r["id"]
        for r in db.query(
            "SELECT id FROM quotes WHERE speaker_id = ? AND kind IS NOT 'reaction'", [SPEAKER]
        )
    }
    n_statements = len(
        {
            r["statement_id"]
            for r in db.query("SELECT statement_id FROM quotes WHERE speaker_id = ?", [SPEAKER])
        }
    )
    first = get(ds, f"/-/quotes/speaker/{SPEAKER}").text
    assert f"Statements 1–50 of {n_statements} ·" in first
    assert '<a href="?page=2" rel="next">next</a>' in first
    assert f'href="/quotes/quotes_view?speaker_id={SPEAKER}">every quote as a table</a>' in first
    assert f"{len(every)} quotes" in first
    assert first.count('class="version"') == 50
    second = get(ds, f"/-/quotes/speaker/{SPEAKER}?page=2").text
    assert f"Statements 51–{n_statements} of {n_statements} ·" in second
    assert '<a href="?page=1" rel="prev">previous</a>' in second and 'rel="next"' not in second
    assert quote_links(first) | quote_links(second) == every
    assert not quote_links(first) & quote_links(second)
    assert get(ds, f"/-/quotes/speaker/{SPEAKER}?page=last").text == second


@pytest.mark.parametrize("page", ["0", "3", "two", "²", "-1"])
def test_a_page_past_the_end_or_not_a_number_is_404(busy, page):
    ds = make_datasette(str(busy), str(METADATA))
    assert get(ds, f"/-/quotes/speaker/{SPEAKER}?page={page}").status_code == 404


def test_ungrouped_quotes_past_the_limit_link_to_the_table(busy, monkeypatch):
    monkeypatch.setattr(pages, "UNGROUPED_SHOWN", 2)
    ds = make_datasette(str(busy), str(METADATA))
    last = get(ds, f"/-/quotes/speaker/{SPEAKER}?page=last").text
    assert len({q for q in quote_links(last) if q.startswith("busy-loose")}) == 2
    assert (
        f'and 1 more: <a href="/quotes/quotes_view?speaker_id={SPEAKER}&amp;statement_id__isnull=1">'
        in last
    )


def test_a_speaker_with_few_statements_has_no_paging(seeds_db):
    ds = make_datasette(str(seeds_db), str(METADATA))
    page = get(ds, f"/-/quotes/speaker/{SPEAKER}").text
    assert "Statements 1–" not in page and "?page=" not in page
