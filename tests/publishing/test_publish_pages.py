"""The reporter's pages and links through Datasette's own client: home, speaker, statement."""

from __future__ import annotations

import asyncio
import html
import re
from pathlib import Path

import pytest
import sqlite_utils
from conftest import METADATA, PAYLOADS, RAW_MARKUP

from quotes.drift.features import SimpleLemmatizer
from quotes.drift.pipeline import track_drift
from quotes.drift.records import ArticleRecord, QuoteRecord, SpeakerRef
from quotes.render import safe_diff_html
from quotes.serve import make_datasette


def get(datasette, path: str, **kwargs):
    return asyncio.run(datasette.client.get(path, **kwargs))


def one(db_path: Path, sql: str, params=()):
    rows = list(sqlite_utils.Database(db_path).query(sql, params))
    assert len(rows) == 1, rows
    return rows[0]


def text_of(markup: str) -> str:
    """What a browser shows: tags removed, entities decoded once, spaces collapsed."""
    shown = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())
    return shown.replace("( ", "(").replace(" )", ")")


@pytest.fixture(scope="module")
def ds(seeds_db):
    return make_datasette(str(seeds_db), str(METADATA))


@pytest.fixture(scope="module")
def blatant(seeds_db) -> str:
    """The id of Rasool's "blatant assassination" statement."""
    return one(
        seeds_db,
        "SELECT id FROM statements WHERE speaker_id = 'yehia-rasool' "
        "AND text LIKE 'conducted a blatant assassination%'",
    )["id"]


# --- diffs ---------------------------------------------------------------------------

RAY = SpeakerRef("jo-ray", "Jo Ray", "person")


def drift_of(reference: str, other: str):
    articles = [ArticleRecord("a1", "", "One", "2024-01-01"), ArticleRecord("a2", "", "Two")]
    quotes = [
        QuoteRecord("q1", "a1", "direct", reference, RAY),
        QuoteRecord("q2", "a2", "direct", other, RAY),
    ]
    return track_drift(articles, quotes, SimpleLemmatizer()).quotes["q2"]


@pytest.mark.parametrize(
    ("reference", "other", "shown"),
    [
        (
            "Tom's shop & Jerry's café will open on Monday morning",
            "Tom's shop & Jerry's café will close on Monday morning",
            "Tom's shop & Jerry's café will open close on Monday morning",
        ),
        (
            "the <script>alert(1)</script> tag stays as text in the page",
            "the <script>alert(1)</script> tag stays as words in the page",
            "the <script> alert (1) </script> tag stays as text words in the page",
        ),
        (
            "José Núñez said the naïve plan — 5 < 6 — would fail",
            "José Núñez said the naïve plan — 5 < 6 — would work",
            "José Núñez said the naïve plan — 5 < 6 — would fail work",
        ),
    ],
)
def test_a_diff_keeps_every_character_and_is_escaped_once(reference, other, shown):
    drift = drift_of(reference, other)
    rendered = str(safe_diff_html(drift.diff_html))
    assert text_of(rendered) == shown
    assert "&amp;amp;" not in rendered and "&amp;#" not in rendered and "&amp;lt;" not in rendered
    assert "<script" not in rendered
    assert re.search(r"<del>\w+</del> <ins>\w+</ins>", rendered)
    # JSON users get the stored HTML: each entity once, so one unescape gives the words back.
    assert "&amp;amp;" not in drift.diff_html and "&amp;#" not in drift.diff_html
    assert text_of(drift.diff_html) == shown
    assert drift.similarity < 1


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Tom's shop & Jerry's", ["Tom's", "shop &", "Jerry's"]),
        ("& first", ["& first"]),
        ("<script>alert(1)</script>", ["<script>", "alert", "(1)", "</script>"]),
        ("militias — or proxies", ["militias —", "or", "proxies"]),
        ('said "a blatant assassination" in', ["said", "a", "blatant", "assassination", "in"]),
        ("[U.S.] attacks", ["U.S.", "attacks"]),
        ("café naïve 5 < 6", ["café", "naïve", "5 <", "6"]),
    ],
)
def test_shown_words_keep_their_symbols_but_not_quotation_marks(text, shown):
    from quotes.drift.text import tokenize

    assert [t.shown for t in tokenize(text)] == shown


def test_a_changed_word_never_scores_as_identical():
    drift = drift_of("the strike was not legal under the law", "the strike was legal under the law")
    assert drift.similarity < 1
    assert "<del>not</del>" in drift.diff_html
    same = drift_of("the strike was legal under the law", "the strike was legal")
    assert same.similarity == 1.0


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("Iran&#x27;s <del>old</del> <ins>new</ins>", "Iran&#x27;s <del>old</del> <ins>new</ins>"),
        ("a &amp; b &lt;i&gt;", "a &amp; b &lt;i&gt;"),
        ('<span class="trim">…</span>', '<span class="trim">…</span>'),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ('<ins onclick="x()">a</ins>', "<ins>a</ins>"),
        ('<span class="a" id=b>c', '<span class="a">c</span>'),
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
        ("</del>x", "&lt;/del&gt;x"),
    ],
)
def test_safe_diff_html_keeps_inline_tags_and_escapes_the_rest_once(stored, shown):
    assert str(safe_diff_html(stored)) == shown.replace("&#x27;", "&#39;")


# --- pages ---------------------------------------------------------------------------


def test_home_page_offers_the_three_questions(ds, blatant):
    page = get(ds, "/").text
    assert "Quotes in the news" in page
    for question in (
        "What did a speaker say, and where?",
        "How did each outlet quote a statement?",
        "Who changed someone's words?",
    ):
        assert question in page
    assert '<a href="/-/quotes/speaker/yehia-rasool">Yehia Rasool</a>' in page
    assert f'href="/-/quotes/statement/{blatant}"' in page
    assert "clear act of assassination" in page
    assert "select " not in page.lower()


def test_speaker_page_shows_names_titles_and_quotes_by_statement(ds, blatant):
    response = get(ds, "/-/quotes/speaker/yehia-rasool")
    assert response.status_code == 200
    page = response.text
    assert "<h1>Yehia Rasool</h1>" in page
    shown = text_of(page)
    for words in (
        "Names and titles by outlet",
        "Gulan Media Iraq Criticizes U.S. Drone Strike, Calls for End to Coalition Presence "
        "Yehia Rasool; Rasool spokesperson for the Iraqi Prime Minister",
        "Truthout Iraq Condemns US for Drone Assassination of Militia Group Commander "
        "Yehia Rasool; Rasool a spokesperson for the Iraqi military",
        "(unknown outlet)",
        "10 versions in 5 outlets",
        "become a factor of instability",
        "misquote",
    ):
        assert words in shown, words
    assert f'href="/-/quotes/statement/{blatant}"' in page
    # The diff against the reference: 003's "of" where Truthout printed "for".
    assert "<del>for</del> <ins>of</ins>" in page
    assert "select " not in page.lower()


def test_an_anonymous_source_shows_how_each_outlet_described_them(ds, seeds_db):
    # 003's unnamed member of parliament; 001 rewrites the same statements (one row for both).
    speaker = one(
        seeds_db,
        "SELECT DISTINCT s.id FROM speakers s JOIN speaker_aliases a ON a.speaker_id = s.id "
        "WHERE s.kind = 'anonymous' AND a.alias = 'One member of Iraq''s Parliament'",
    )["id"]
    page = get(ds, f"/-/quotes/speaker/{speaker}").text
    shown = text_of(page)
    described = shown[shown.index("How each outlet described them") : shown.index("What they said")]
    assert "VisionFunds" in described and "One member of Iraq's Parliament" in described
    assert (
        "(unknown outlet)" in described and "An anonymous member of Iraq’s Parliament" in described
    )


def test_statement_page_shows_every_version_in_time_order_and_who_changed_it(ds, blatant):
    response = get(ds, f"/-/quotes/statement/{blatant}")
    assert response.status_code == 200
    page = response.text
    shown = text_of(page)
    assert "Every version of a statement by Yehia Rasool" in shown
    assert "from Truthout" in shown
    assert (
        "conducted a blatant assassination through an airstrike in the heart of a residential "
        "neighborhood in the capital, Baghdad, showing no regard for civilian lives or "
        "international laws." in shown
    )
    # Who changed it: 001's misquote, given to an army official, and the reattributions.
    changed = shown[shown.index("Who changed it") : shown.index("Every version, in time order")]
    assert "misquote" in changed and "clear act" in changed
    assert "gives it to An official from the Iraq army" in changed
    assert "(unknown outlet) (credits CBS News)" in changed
    assert "gives it to Iraq " in changed
    # Time order: Gulan Media (2024-02-08), VisionFunds (2025-04-06), then the undated.
    rows = re.findall(r'<tr class="version-row[^"]*">\s*<td>([^<]*)</td>', page)
    assert rows == ["2024-02-08"] + ["2025-04-06"] * 3 + ["undated"] * 6
    # Who copied whom among these articles.
    copied = shown[shown.index("Who copied whom") :]
    assert copied.count("rewrites") == 2
    assert (
        '"clear act of assassination." ((unknown outlet) (credits CBS News)) rewrites Iraq army'
        in copied
    )
    assert "select " not in page.lower()


@pytest.mark.parametrize("path", ["/-/quotes/speaker/nobody", "/-/quotes/statement/0000"])
def test_unknown_ids_are_404(ds, path):
    assert get(ds, path).status_code == 404


# --- links and readable defaults ------------------------------------------------------


def test_ids_and_names_link_to_pages_and_rows(ds, seeds_db, blatant):
    page = get(ds, "/quotes/quotes_view", params={"_search": "blatant"}).text
    assert '<a href="/-/quotes/speaker/yehia-rasool">Yehia Rasool</a>' in page
    assert f'<a href="/-/quotes/statement/{blatant}">{blatant}</a>' in page
    article = one(seeds_db, "SELECT id FROM articles WHERE path LIKE '%004_%'")["id"]
    assert f'<a href="/quotes/articles/{article}">{article}</a>' in page
    table = get(ds, "/quotes/quotes", params={"speaker_id": "yehia-rasool"}).text
    assert '<a href="/-/quotes/speaker/yehia-rasool">Yehia Rasool</a>' in table
    assert f'href="/-/quotes/statement/{blatant}"' in table
    reuse = get(ds, "/quotes/article_reuse").text
    assert f'<a href="/quotes/articles/{article}">' not in reuse  # 004 rewrites nothing
    statements = get(ds, "/quotes/statements").text
    assert f'<a href="/-/quotes/statement/{blatant}">conducted a blatant' in statements
    speakers = get(ds, "/quotes/speakers").text
    assert '<a href="/-/quotes/speaker/yehia-rasool">Yehia Rasool</a>' in speakers


@pytest.mark.parametrize(
    ("query", "params"),
    [
        ("misquotes", {"speaker": ""}),
        ("quotes_by_speaker", {"speaker": "Rasool"}),
        ("statements_by_reach", {"speaker": ""}),
    ],
)
def test_canned_queries_link_ids_and_hide_their_sql(ds, query, params, blatant):
    page = get(ds, f"/quotes/{query}", params=params).text
    assert f'href="/-/quotes/statement/{blatant}"' in page or query == "misquotes"
    assert 'href="/-/quotes/statement/' in page
    assert '<pre id="sql-query">' not in page and "<textarea" not in page
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert "select" not in title.lower() and title.strip()


def test_column_descriptions_are_collapsed(ds):
    page = get(ds, "/quotes/quotes").text
    assert '<details class="column-notes"><summary>What each column means</summary>' in page
    css = get(ds, "/-/quotes/quotes.css").text
    assert "dl.column-descriptions { display: none; }" in css
    # Offsets and the JSON diff are not shown on the quotes table page (JSON and CSV keep them).
    for column in ("start", "end", "context_start", "diff_json"):
        assert f"body.table.table-quotes .col-{column} {{ display: none; }}" in css
    assert '<body class="table db-quotes table-quotes">' in page


def test_quote_rows_keep_the_json_diff_collapsed(ds, seeds_db):
    quote = one(seeds_db, "SELECT id FROM quotes WHERE misquote = 1 AND text LIKE '%factor of%'")
    page = get(ds, f"/quotes/quotes/{quote['id']}").text
    assert re.search(r'<details class="diff-json"><summary>\d+ operations</summary>', page)


def test_the_reading_view_has_no_offsets_and_names_unknown_outlets(ds):
    data = get(ds, "/quotes/quotes_view.json", params={"_shape": "objects"}).json()
    columns = data["columns"]
    assert columns[:4] == ["id", "speaker", "quote", "context"]
    assert not {"start", "end", "context_start", "diff_json", "cue_start"} & set(columns)
    outlets = {row["outlet"] for row in data["rows"]}
    assert "(unknown outlet)" in outlets and None not in outlets


def test_reactions_are_left_out_of_the_reading_views(tmp_path, seeds_db):
    import shutil

    copy = tmp_path / "copy.db"
    shutil.copy(seeds_db, copy)
    db = sqlite_utils.Database(copy)
    target = one(copy, "SELECT id, speaker_id FROM quotes WHERE text = 'blatant assassination'")
    db.execute("UPDATE quotes SET kind = 'reaction' WHERE id = ?", [target["id"]])
    db.conn.commit()
    ds = make_datasette(str(copy), str(METADATA))
    view = get(ds, "/quotes/quotes_view.json", params={"_shape": "array", "_size": "max"}).json()
    assert target["id"] not in {row["id"] for row in view}
    speech = "SELECT count(*) FROM quotes WHERE kind IS NOT 'reaction'"
    assert len(view) == db.execute(speech).fetchone()[0]
    page = get(ds, f"/-/quotes/speaker/{target['speaker_id']}").text
    assert f"/quotes/quotes/{target['id']}" not in page


# --- outlet, credited source, reuse, misquotes -----------------------------------------


def test_outlet_and_credited_source_are_apart(seeds_db):
    found = {
        Path(r["path"]).name[:3]: (r["outlet"], r["credited_source"])
        for r in sqlite_utils.Database(seeds_db).query(
            "SELECT path, outlet, credited_source FROM articles"
        )
    }
    assert found == {
        "000": (None, None),
        "001": (None, "CBS News"),
        "002": ("Gulan Media", None),
        "003": ("VisionFunds", "CBS News"),
        "004": ("Truthout", None),
    }


def test_reuse_rows_of_the_seeds(ds):
    rows = get(
        ds, "/quotes/article_reuse_by_outlet.json", params={"outlet": "", "_shape": "array"}
    ).json()
    found = {
        (r["article"][:30], r["outlet"], r["credited_source"], r["source_outlet"], r["direction"])
        for r in rows
    }
    # 000 and 001 are rewrites of the CBS story whose copy is 003 (VisionFunds).
    assert found == {
        ("U.S. Military Conducts Drone S", "(unknown outlet)", None, "VisionFunds", "fuller"),
        ("An official from the Iraq army", "(unknown outlet)", "CBS News", "VisionFunds", "fuller"),
    }
    assert {r["source_credited_source"] for r in rows} == {"CBS News"}


def test_misquotes_show_the_changed_attribution_and_the_reference_outlet(ds):
    rows = get(ds, "/quotes/misquotes.json", params={"speaker": "", "_shape": "array"}).json()
    by_outlet = {(r["outlet"], r["named_as"]): r for r in rows}
    army = by_outlet[("(unknown outlet)", "An official from the Iraq army")]
    assert army["attribution_changed"] == 1
    assert army["credited_source"] == "CBS News"
    assert army["reference_outlet"] == "Truthout"
    assert 'as a "clear act of assassination."' in army["quote"]
    assert army["similarity"] < 1
    rasool = by_outlet[("VisionFunds", "Rasool")]
    assert (rasool["attribution_changed"], rasool["speaker"]) == (0, "Yehia Rasool")
    # Searching by speaker finds the misquote given to someone else too.
    named = get(ds, "/quotes/misquotes.json", params={"speaker": "Rasool", "_shape": "array"})
    assert len(named.json()) == 2


# --- untrusted text --------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile(hostile_db):
    return make_datasette(str(hostile_db), str(METADATA))


def hostile_paths(db_path: Path) -> list[str]:
    db = sqlite_utils.Database(db_path)
    statement = db.execute("SELECT id FROM statements").fetchone()[0]
    quote = db.execute("SELECT id FROM quotes WHERE misquote = 1").fetchone()[0]
    article = db.execute("SELECT id FROM articles WHERE path = 'one.txt'").fetchone()[0]
    return [
        "/",
        "/-/quotes/speaker/jo-ray",
        f"/-/quotes/statement/{statement}",
        "/quotes/quotes",
        f"/quotes/quotes/{quote}",
        "/quotes/quotes_view",
        "/quotes/articles",
        f"/quotes/articles/{article}",
        "/quotes/speaker_titles",
        "/quotes/statements",
        f"/quotes/statement_versions?statement_id={statement}",
        "/quotes/misquotes?speaker=",
        "/quotes/quotes_by_speaker?speaker=Ray",
        "/quotes/article_reuse_by_outlet?outlet=",
    ]


def test_hostile_markup_is_escaped_on_every_page(hostile, hostile_db):
    for path in hostile_paths(hostile_db):
        response = get(hostile, path)
        assert response.status_code == 200, path
        for raw in RAW_MARKUP:
            assert raw not in response.text, (path, raw)
        assert 'href="javascript:' not in response.text.lower(), path


def test_hostile_markup_is_shown_as_text(hostile, hostile_db):
    statement = sqlite_utils.Database(hostile_db).execute("SELECT id FROM statements").fetchone()
    page = get(hostile, f"/-/quotes/statement/{statement[0]}").text
    assert "<del>open</del> <ins>shut</ins>" in page
    assert "&lt;img src= x onerror= alert (1)&gt;" in page  # the diff, escaped once
    assert "&lt;img src=x onerror=alert(1)&gt;" in page  # the context, escaped once
    assert "Tom&#39;s shop &amp; Jerry&#39;s café" in page
    assert "&amp;amp;" not in page and "&amp;#" not in page


def test_only_http_urls_are_links(hostile):
    page = get(hostile, "/quotes/articles").text
    assert '<a href="https://example.org/a?b=1&amp;c=2">' in page
    assert "javascript:alert(1)" in page and 'href="javascript:' not in page


def test_json_diff_html_holds_each_entity_once(hostile):
    rows = get(hostile, "/quotes/quotes.json", params={"_shape": "array"}).json()
    for row in rows:
        assert "&amp;amp;" not in row["diff_html"] and "&amp;#" not in row["diff_html"]
        assert html.unescape(row["diff_html"]).count("<script>") == 1
    assert PAYLOADS[0] in {row["text"] for row in rows}.pop()
