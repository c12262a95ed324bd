"""The served database through Datasette's own client: pages, canned queries, search, the API."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path

import pytest
import sqlite_utils
import yaml
from markupsafe import escape

from quotes import extract
from quotes.articles import Article
from quotes.db import open_database, write_article
from quotes.metadata import ArticleMetadata
from quotes.model import Mention, Quote
from quotes.serve import make_datasette
from quotes.speakers import SpeakerRegistry

REPO = Path(__file__).resolve().parents[2]
METADATA = REPO / "metadata.yml"
QUERIES = yaml.safe_load(METADATA.read_text())["databases"]["quotes"]["queries"]
DRAFT = 'Mayor Jane Smith said on Monday that the bridge would reopen. "We will rebuild it," Smith said.'


def get(datasette, path: str, **kwargs):
    return asyncio.run(datasette.client.get(path, **kwargs))


def post(datasette, path: str, **kwargs):
    return asyncio.run(datasette.client.post(path, **kwargs))


@pytest.fixture(scope="module")
def ds(seeds_db):
    return make_datasette(str(seeds_db), str(METADATA))


@pytest.mark.parametrize(
    "table",
    [
        "articles",
        "speakers",
        "speaker_aliases",
        "speaker_titles",
        "quotes",
        "statements",
        "article_reuse",
        "quotes_view",
    ],
)
def test_table_pages_show_with_their_descriptions(ds, table):
    response = get(ds, f"/quotes/{table}")
    assert response.status_code == 200
    description = yaml.safe_load(METADATA.read_text())["databases"]["quotes"]["tables"][table][
        "description"
    ]
    assert str(escape(description.split(".")[0])) in response.text


def test_home_page_has_title_licence_and_canned_queries(ds):
    page = get(ds, "/quotes").text
    assert "Quotes in the news" in get(ds, "/").text
    for name in QUERIES:
        assert f"/quotes/{name}" in page


def test_quotes_facet_by_speaker_outlet_and_type_with_speaker_names(ds):
    data = get(ds, "/quotes/quotes.json").json()
    assert {"speaker_id", "outlet", "type", "drift_class"} <= set(data["facet_results"])
    speakers = {row["label"] for row in data["facet_results"]["speaker_id"]["results"]}
    assert "Yehia Rasool" in speakers


def query_params(name: str, seeds_db: Path) -> dict[str, str]:
    statement = next(iter(sqlite_utils.Database(seeds_db).query("SELECT id FROM statements")), None)
    values = {
        "speaker": "Rasool",
        "outlet": "",
        "statement_id": statement["id"] if statement else "",
    }
    names = set(re.findall(r"(?<!:):(\w+)", QUERIES[name]["sql"]))
    assert names <= set(values), f"give the test a value for {names - set(values)}"
    return {key: values[key] for key in names}


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_canned_query_answers_json(ds, seeds_db, name):
    response = get(
        ds, f"/quotes/{name}.json", params={**query_params(name, seeds_db), "_shape": "array"}
    )
    assert response.status_code == 200, response.text
    assert isinstance(response.json(), list)
    assert response.headers["access-control-allow-origin"] == "*"


def test_quotes_by_speaker_spans_articles(ds):
    rows = get(
        ds, "/quotes/quotes_by_speaker.json", params={"speaker": "Rasool", "_shape": "array"}
    ).json()
    assert {row["speaker"] for row in rows} == {"Yehia Rasool"}
    assert len({row["article_title"] for row in rows}) >= 4


def test_canned_query_pages_highlight_quotes_and_link_speakers(ds):
    page = get(ds, "/quotes/quotes_by_speaker", params={"speaker": "Rasool"}).text
    assert '<mark class="quote">' in page
    assert '<a href="/-/quotes/speaker/yehia-rasool">Yehia Rasool</a>' in page


def test_search_finds_assassination(ds):
    rows = get(
        ds, "/quotes/quotes.json", params={"_search": "assassination", "_shape": "array"}
    ).json()
    assert rows and all("assassination" in row["text"].lower() for row in rows)
    view = get(
        ds, "/quotes/quotes_view.json", params={"_search": "assassination", "_shape": "array"}
    )
    assert len(view.json()) == len(rows)
    articles = get(
        ds, "/quotes/articles.json", params={"_search": "assassination", "_shape": "array"}
    )
    assert len(articles.json()) >= 4
    assert 'name="_search"' in get(ds, "/quotes/quotes").text


def test_a_quote_row_shows_the_quote_highlighted_in_context(ds, seeds_db):
    quote = next(
        iter(
            sqlite_utils.Database(seeds_db).query(
                "SELECT id, text FROM quotes WHERE type = 'direct'"
            )
        )
    )
    page = get(ds, f"/quotes/quotes/{quote['id']}").text
    marked = re.search(r'<mark class="quote">(.*?)</mark>', page, re.S)
    assert marked is not None
    assert marked.group(1).replace("&#39;", "'").replace("&#34;", '"') == quote["text"]


def test_sql_is_allowed_and_time_limited(ds):
    response = get(
        ds, "/quotes.json", params={"sql": "select count(*) as n from quotes", "_shape": "array"}
    )
    assert response.json()[0]["n"] > 0
    slow = "with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c"
    assert get(ds, "/quotes.json", params={"sql": slow}).status_code == 400


def test_served_read_only_with_robots_blocked(ds):
    assert get(ds, "/robots.txt").text == "User-agent: *\nDisallow: /\n"
    assert get(ds, "/quotes").headers["x-robots-tag"] == "noindex, nofollow"
    response = get(ds, "/quotes.json", params={"sql": "delete from quotes"})
    assert response.status_code == 400
    assert get(ds, "/quotes/quotes.json?_shape=array&_size=1").json()


def test_extract_endpoint_answers_like_quotes_extract_jsonl(ds):
    response = post(ds, "/-/quotes/extract", json={"text": DRAFT})
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers  # cors_origins: []
    found = response.json()["quotes"]
    assert found == [quote.to_json(None) for quote in extract(DRAFT)]
    assert found, "the extractor finds the mayor's quote"
    assert set(found[0]) == set(Quote("direct", "x", 0, 1).to_json(None))


def test_extract_endpoint_preflight_allows_no_origin_by_default(ds):
    response = asyncio.run(
        ds.client.options("/-/quotes/extract", headers={"Origin": "https://evil.example"})
    )
    assert response.status_code == 204
    assert "access-control-allow-origin" not in response.headers


@pytest.mark.parametrize(
    ("body", "status", "error"),
    [
        (b"not json", 400, 'body must be JSON: {"text": "..."}'),
        (b'{"words": "x"}', 400, 'body must be a JSON object with a "text" field'),
        (b'["text"]', 400, 'body must be a JSON object with a "text" field'),
        (b'{"text": 5}', 400, '"text" must be a string'),
        (b"\xff\xfe", 400, 'body must be JSON: {"text": "..."}'),
        (
            json.dumps({"text": "a" * 1_000_001}).encode(),
            413,
            "request body is over the limit of 1,000,000 bytes",
        ),
    ],
)
def test_extract_endpoint_refuses_bad_bodies(ds, body, status, error):
    response = post(
        ds, "/-/quotes/extract", content=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == status
    assert response.json() == {"ok": False, "error": error, "status": status}


def test_extract_endpoint_wants_post(ds):
    response = get(ds, "/-/quotes/extract")
    assert response.status_code == 405
    assert response.json()["ok"] is False


HOSTILE = 'Jo <b>Ray</b> said: "<script>alert(1)</script> is here," in <i>town</i>.'


@pytest.fixture(scope="module")
def hostile_ds(tmp_path_factory):
    """A database holding article text full of markup, written without the extractor."""
    db_path = tmp_path_factory.mktemp("hostile") / "hostile.db"
    db = open_database(str(db_path))
    start = HOSTILE.index("<script>")
    end = HOSTILE.index(" is here") + len(" is here")
    quote = Quote(
        type="direct",
        text=HOSTILE[start:end],
        start=start,
        end=end,
        speaker="Jo <b>Ray</b>",
        speaker_kind="person",
        speaker_mention=Mention("Jo <b>Ray</b>", 0, 13),
        speaker_title="<img src=x onerror=alert(2)>",
        context_start=0,
        context_end=len(HOSTILE),
    )
    article = Article(
        HOSTILE, "hostile.txt", metadata=ArticleMetadata(outlet="<u>Outlet</u>", title="<h1>T</h1>")
    )
    write_article(db, article, [quote], SpeakerRegistry())
    db.execute(
        "UPDATE quotes SET diff_html = ?",
        ['<del class="word">old</del><ins>new</ins><script>alert(3)</script><a href="x">y</a>'],
    )
    db.conn.commit()
    return make_datasette(str(db_path), str(METADATA))


@pytest.mark.parametrize(
    "path", ["/quotes/quotes", "/quotes/quotes_view", "/quotes/articles", "/quotes/speakers"]
)
def test_article_text_is_escaped_everywhere(hostile_ds, path):
    page = get(hostile_ds, path).text
    for raw in ("<script>alert", "<b>Ray", "<img src=x", "<u>Outlet", "<h1>T", "<i>town"):
        assert raw not in page, (path, raw)


def test_diff_html_keeps_only_inline_diff_markup(hostile_ds):
    page = get(hostile_ds, "/quotes/quotes").text
    assert '<del class="word">old</del><ins>new</ins>' in page
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in page
    assert '<a href="x">' not in page


def test_context_highlight_is_escaped(hostile_ds):
    page = get(hostile_ds, "/quotes/quotes_view").text
    assert '<mark class="quote">&lt;script&gt;alert(1)&lt;/script&gt; is here</mark>' in page
