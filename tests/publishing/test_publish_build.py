"""`quotes build` on the seeds: the schema, de-duplicated speakers, metadata, stable ids."""

from __future__ import annotations

import shutil
from pathlib import Path

import sqlite_utils
import yaml

from quotes.build import build_database
from quotes.schema import FTS, INDEXES, TABLES, VIEW_NAME

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
METADATA = REPO / "metadata.yml"
CORE_QUOTE_COLUMNS = "id, article_id, speaker_id, type, kind, cue, text, start, [end], context"


def rows(db_path: Path, sql: str, params: tuple = ()) -> list[dict]:
    return list(sqlite_utils.Database(db_path).query(sql, params))


def test_every_table_column_index_and_search_index_exists(seeds_db):
    db = sqlite_utils.Database(seeds_db)
    for table, columns in TABLES.items():
        assert list(db[table].columns_dict) == list(columns), table
        indexed = {tuple(index.columns) for index in db[table].indexes}
        for column in INDEXES[table]:
            names = column if isinstance(column, tuple) else (column,)
            assert names in indexed or any(ix[0] == column for ix in indexed), (table, column)
    for table in FTS:
        assert db[table].detect_fts() == f"{table}_fts"
        assert "porter" in db[f"{table}_fts"].schema
    assert VIEW_NAME in db.view_names()
    foreign = {(fk.table, fk.column, fk.other_table) for t in TABLES for fk in db[t].foreign_keys}
    assert ("quotes", "article_id", "articles") in foreign
    assert ("quotes", "speaker_id", "speakers") in foreign
    assert ("quotes", "statement_id", "statements") in foreign
    assert ("speaker_titles", "article_id", "articles") in foreign
    assert ("article_reuse", "source_article_id", "articles") in foreign
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_schema_types_match_the_agreed_api(seeds_db):
    db = sqlite_utils.Database(seeds_db)
    quotes = {c.name: c.type for c in db["quotes"].columns}
    assert quotes["start"] == quotes["end"] == "INTEGER"
    assert quotes["confidence"] == quotes["similarity"] == "REAL"
    assert quotes["misquote"] == quotes["attribution_changed"] == "INTEGER"
    assert quotes["diff_html"] == quotes["drift_class"] == "TEXT"


def test_rasool_is_one_speaker_quoted_in_at_least_four_articles(seeds_db):
    rasool = rows(seeds_db, "SELECT * FROM speakers WHERE name LIKE '%Rasool%'")
    assert [r["name"] for r in rasool] == ["Yehia Rasool"]
    assert rasool[0]["kind"] == "person"
    articles = rows(
        seeds_db,
        "SELECT DISTINCT article_id FROM quotes WHERE speaker_id = ?",
        (rasool[0]["id"],),
    )
    assert len(articles) >= 4
    aliases = {r["alias"] for r in rows(seeds_db, "SELECT alias FROM speaker_aliases")}
    assert "Rasool" in aliases


def test_central_command_is_one_speaker(seeds_db):
    found = rows(
        seeds_db,
        "SELECT DISTINCT s.id, s.name FROM speakers s JOIN speaker_aliases a ON a.speaker_id = s.id "
        "WHERE s.name LIKE '%Central Command%' OR a.alias LIKE '%CENTCOM%' "
        "OR a.alias LIKE '%Central Command%'",
    )
    assert [r["name"] for r in found] == ["U.S. Central Command"]


def test_anonymous_sources_span_articles_only_through_a_shared_statement(seeds_db):
    # Issue 8: an unnamed source described alike in two articles that render one common
    # statement is one row; otherwise it stays with its article.
    anonymous = rows(
        seeds_db,
        "SELECT s.id, count(DISTINCT q.article_id) AS n FROM speakers s "
        "JOIN quotes q ON q.speaker_id = s.id WHERE s.kind = 'anonymous' GROUP BY s.id",
    )
    for row in anonymous:
        if row["n"] > 1:
            shared = rows(
                seeds_db,
                "SELECT statement_id FROM quotes WHERE speaker_id = ? AND statement_id IS NOT NULL "
                "GROUP BY statement_id HAVING count(DISTINCT article_id) > 1",
                (row["id"],),
            )
            assert shared, row


def test_the_seeds_speakers_table_holds_only_speakers(seeds_db):
    # Issue 8: the rows seen before (pronouns, a thing, a quote fragment, countries and
    # militias typed person, a cut name) are gone.
    speakers = {
        r["name"]: (r["kind"], r["description"]) for r in rows(seeds_db, "SELECT * FROM speakers")
    }
    for name in ("it", "they", "strike", "blatant assassination", "Houthis", "Hezbollah"):
        assert name not in speakers
    assert speakers["Iraq"] == ("organization", None)
    assert speakers["Kata'ib Hezbollah"][0] == "organization"
    assert speakers["one of the commanders of the group"][0] == "anonymous"
    assert not [n for n, (kind, _) in speakers.items() if kind == "unknown"]
    assert all(not d or not d.endswith((" and", " or", ",")) for _, d in speakers.values())
    unresolved = rows(
        seeds_db, "SELECT speaker_mention FROM quotes WHERE speaker_id IS NULL ORDER BY start"
    )
    # The mention that names nobody is kept on its quote, with no speakers row ('The crowd in
    # attendance chanted …'); the two passives ('is believed to') have none.
    assert [r["speaker_mention"] for r in unresolved] == [None, "The crowd in attendance", None]


def test_the_anonymous_mp_is_one_speaker(seeds_db):
    found = rows(
        seeds_db,
        "SELECT DISTINCT s.id, s.name, s.description FROM speakers s "
        "JOIN speaker_aliases a ON a.speaker_id = s.id "
        "WHERE a.alias LIKE '%lawmaker%' OR a.alias LIKE '%Parliament%'",
    )
    assert [r["name"] for r in found] == ["anonymous member of Iraq's Parliament"]
    # described as unnamed in each article that quotes it
    places = {
        r["outlet"] or r["title"]
        for r in rows(
            seeds_db,
            "SELECT DISTINCT a.outlet, a.title FROM articles a JOIN quotes q ON q.article_id = a.id "
            "WHERE q.speaker_id = ?",
            (found[0]["id"],),
        )
    }
    assert len(places) == 2
    description = found[0]["description"]
    assert description.startswith("Unnamed source in ")
    assert all(place in description for place in places)
    aliases = {
        r["alias"]
        for r in rows(
            seeds_db, "SELECT alias FROM speaker_aliases WHERE speaker_id = ?", (found[0]["id"],)
        )
    }
    assert {"a lawmaker", "The lawmaker", "One member of Iraq's Parliament"} <= aliases


def test_every_speaker_is_quoted_and_every_quote_span_is_in_its_article(seeds_db):
    assert (
        rows(seeds_db, "SELECT id FROM speakers WHERE id NOT IN (SELECT speaker_id FROM quotes)")
        == []
    )
    for q in rows(
        seeds_db,
        "SELECT q.text, q.start, q.[end], q.context, q.context_start, q.context_end, a.text AS article "
        "FROM quotes q JOIN articles a ON a.id = q.article_id",
    ):
        assert q["article"][q["start"] : q["end"]] == q["text"]
        assert q["article"][q["context_start"] : q["context_end"]] == q["context"]


def test_article_metadata_comes_from_the_sidecar(seeds_db):
    found = {
        Path(r["path"]).name: r
        for r in rows(seeds_db, "SELECT path, outlet, title, published, n_quotes FROM articles")
    }
    assert {name: r["outlet"] for name, r in found.items()} == {
        "000_e6aac28a3ace6f8c.txt": None,
        "001_069f4c2e8d9fbc17.txt": None,
        "002_ab57a92e2d5baa27.txt": "Gulan Media",
        "003_fe990feb682e3f65.txt": "VisionFunds",
        "004_e4782c04c093bb79.txt": "Truthout",
    }
    assert found["002_ab57a92e2d5baa27.txt"]["published"] == "2024-02-08"
    assert found["003_fe990feb682e3f65.txt"]["published"] == "2025-04-06"
    assert all(r["title"] for r in found.values())
    counted = rows(seeds_db, "SELECT article_id, count(*) AS n FROM quotes GROUP BY article_id")
    n_quotes = {r["article_id"]: r["n"] for r in counted}
    for r in rows(seeds_db, "SELECT id, n_quotes FROM articles"):
        assert r["n_quotes"] == n_quotes.get(r["id"], 0)


def test_full_text_search_finds_assassination(seeds_db):
    db = sqlite_utils.Database(seeds_db)
    assert list(db["quotes"].search("assassination"))
    assert list(db["articles"].search("assassination"))
    # Porter stemming: "assassinations" finds "assassination".
    assert list(db["quotes"].search("assassinations"))


def test_every_table_and_column_is_documented_in_metadata_yml(seeds_db):
    tables = yaml.safe_load(METADATA.read_text())["databases"]["quotes"]["tables"]
    db = sqlite_utils.Database(seeds_db)
    for name in [*TABLES, VIEW_NAME]:
        assert tables[name]["description"], name
        assert set(tables[name]["columns"]) == set(db[name].columns_dict), name


def dump(db_path: Path) -> dict[str, list]:
    db = sqlite_utils.Database(db_path)
    return {
        "articles": list(
            db.query("SELECT id, path, outlet, title, sha256 FROM articles ORDER BY id")
        ),
        "speakers": list(db.query("SELECT * FROM speakers ORDER BY id")),
        "aliases": list(db.query("SELECT * FROM speaker_aliases ORDER BY 1, 2, 3")),
        "titles": list(db.query("SELECT * FROM speaker_titles ORDER BY 1, 2, 3")),
        "quotes": list(db.query(f"SELECT {CORE_QUOTE_COLUMNS} FROM quotes ORDER BY id")),
    }


def test_building_twice_gives_the_same_rows(seeds_db, seed_copy, tmp_path):
    db_path = tmp_path / "again.db"
    build_database([str(seed_copy)], str(db_path))
    first = dump(db_path)
    build_database([str(seed_copy)], str(db_path))
    assert dump(db_path) == first
    fresh = dump(seeds_db)
    assert [r["id"] for r in first["quotes"]] == [r["id"] for r in fresh["quotes"]]
    assert first["speakers"] == fresh["speakers"]


def test_adding_a_file_adds_only_its_rows(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(SEEDS / "004_e4782c04c093bb79.txt", folder)
    db_path = tmp_path / "grow.db"
    build_database([str(folder)], str(db_path))
    before = dump(db_path)
    shutil.copy(SEEDS / "003_fe990feb682e3f65.txt", folder)
    build_database([str(folder)], str(db_path))
    after = dump(db_path)
    assert all(row in after["quotes"] for row in before["quotes"])
    assert all(row in after["articles"] for row in before["articles"])
    new_article = {r["id"] for r in after["articles"]} - {r["id"] for r in before["articles"]}
    added = [row for row in after["quotes"] if row not in before["quotes"]]
    assert added and {row["article_id"] for row in added} == new_article
    rasool = rows(db_path, "SELECT id FROM speakers WHERE name LIKE '%Rasool%'")
    assert len(rasool) == 1


def test_a_changed_article_replaces_its_rows(tmp_path):
    article = tmp_path / "story.txt"
    article.write_text(
        "Mayor Jane Smith said on Monday that the bridge would reopen.\n\n"
        '"We will rebuild it," Smith said.\n',
        encoding="utf-8",
    )
    db_path = tmp_path / "change.db"
    build_database([str(article)], str(db_path))
    old_id = rows(db_path, "SELECT id FROM articles")[0]["id"]
    article.write_text(
        "Governor Tom Lee said on Tuesday that the tunnel would close.\n", encoding="utf-8"
    )
    build_database([str(article)], str(db_path))
    articles = rows(db_path, "SELECT id, text FROM articles")
    assert len(articles) == 1 and articles[0]["id"] != old_id
    assert rows(db_path, "SELECT * FROM quotes WHERE article_id = ?", (old_id,)) == []
    assert rows(db_path, "SELECT * FROM speaker_titles WHERE article_id = ?", (old_id,)) == []
    assert rows(db_path, "SELECT * FROM speakers WHERE name LIKE '%Smith%'") == []


def test_a_bad_input_loses_nothing_already_stored(tmp_path):
    article = tmp_path / "story.txt"
    shutil.copy(SEEDS / "002_ab57a92e2d5baa27.txt", article)
    db_path = tmp_path / "keep.db"
    build_database([str(article)], str(db_path))
    before = dump(db_path)
    article.write_bytes(b"\xff\xfe not text")
    summary = build_database([str(article)], str(db_path))
    assert [str(e) for e in summary.errors] == [f"{article}: not valid UTF-16 text"]
    assert dump(db_path) == before
