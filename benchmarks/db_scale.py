"""Does a large database stay quick? A synthetic database of N quotes, timed through Datasette.

    .venv/bin/python benchmarks/db_scale.py                   # 1,000,000 quotes
    .venv/bin/python benchmarks/db_scale.py --quotes 20000    # smaller, for development
    .venv/bin/python benchmarks/db_scale.py --quotes 1000000 --write-docs

Quote texts come from the seeds build (seeds/ is built first, into a temporary folder)
and from the Content spans of PolNeAR train (read from ../shared/bench/polnear/train,
never copied); speakers, outlets, dates, statements and drift classes are drawn with
skewed (Zipf-like) frequencies, so a few speakers and outlets hold many quotes as in a
real archive. Rows are bulk-inserted with sqlite-utils into the real schema
(quotes.db.TABLES), then the real indexes, full-text indexes and view are added
(quotes.db.ensure_schema).

Timed through `Datasette(...).client`, served as `quotes serve` serves it but with
Datasette's default 1 s SQL time limit: the quotes table page with its facets, a
full-text search, a speaker's quotes (and the speaker page when the plugin has one),
every canned query in metadata.yml, the statement page of the statement with the most
versions and the home page. Each request runs three times (the first with
cold caches); the first and the median are reported, with the facets that hit
Datasette's facet time limit. A request over the SQL time limit fails with Datasette's
error, and is reported.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import json
import random
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path
from urllib.parse import parse_qs, quote, urlencode, urlsplit

import sqlite_utils
import yaml

REPO = Path(__file__).resolve().parents[1]
# ../shared from the repository root (a worktree sits one level deeper).
POLNEAR_TRAIN = (
    next(
        (p for p in (REPO.parent / "shared", REPO.parent.parent / "shared") if p.is_dir()),
        REPO.parent / "shared",
    )
    / "bench/polnear/train"
)
METADATA = REPO / "metadata.yml"
SQL_TIME_LIMIT_MS = 1000  # Datasette's default
TABLE_FACETS = {
    table: spec.get("facets", [])
    for table, spec in yaml.safe_load(METADATA.read_text())["databases"]["quotes"]["tables"].items()
}
QUOTES_PER_ARTICLE = 8
QUOTES_PER_STATEMENT = 4
BATCH = 20_000
FIRST = ["Maria", "John", "Wei", "Aisha", "Carlos", "Olga", "Yehia", "Nasser", "Fatima", "Tom"]
LAST = ["Smith", "Rasool", "Kanaani", "Garcia", "Chen", "Okafor", "Novak", "Haddad", "Ivanova"]
TITLES = [None, "spokesman", "minister", "senator", "lawmaker", "analyst", "official"]
KINDS = ["person"] * 14 + ["organization"] * 3 + ["group", "anonymous"]
VARIANTS = [  # drift class, how the text changes, weight
    ("verbatim", "same", 40),
    ("excerpt", "cut", 25),
    ("altered", "swap", 8),
    ("paraphrase", "shuffle", 20),
    ("reattributed", "same", 7),
]


def zipf_weights(n: int, offset: float = 2.0) -> list[float]:
    return list(accumulate(1 / (rank + offset) for rank in range(n)))


def polnear_contents(limit: int = 50_000) -> list[tuple[str, str]]:
    """(content, cue) pairs from PolNeAR train's brat files (empty when absent)."""
    found: list[tuple[str, str]] = []
    folder = POLNEAR_TRAIN / "attributions"
    for ann in sorted(folder.glob("*.ann")) if folder.is_dir() else []:
        spans: dict[str, tuple[str, str]] = {}
        for line in ann.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) == 3 and parts[0].startswith("T"):
                spans[parts[0]] = (parts[1].split(" ")[0], parts[2])
        for line in ann.read_text(encoding="utf-8").splitlines():
            if not line.startswith("E"):
                continue
            roles = dict(p.split(":") for p in line.split("\t")[1].split()[1:])
            content = spans.get(roles.get("Content", ""), ("", ""))[1]
            cue = spans.get(roles.get("Cue", ""), ("", "said"))[1]
            if len(content.split()) >= 4:
                found.append((content, cue))
        if len(found) >= limit:
            break
    return found


def seed_quotes(work: Path) -> list[tuple[str, str]]:
    """(text, cue) of every quote in a fresh build of seeds/."""
    from quotes.build import build_database

    shutil.copytree(REPO / "seeds", work / "seeds")
    summary = build_database([str(work / "seeds")], str(work / "seeds.db"))
    print(f"seeds build: {summary}", flush=True)
    db = sqlite_utils.Database(work / "seeds.db")
    return [(r["text"], r["cue"] or "said") for r in db.query("select text, cue from quotes")]


class Generator:
    """Draws articles, speakers, statements and quotes for an archive of `n` quotes."""

    def __init__(self, n: int, pool: list[tuple[str, str]], seed: int = 11) -> None:
        self.rng = random.Random(seed)
        self.n = n
        self.pool = pool
        self.n_articles = max(1, n // QUOTES_PER_ARTICLE)
        self.n_statements = max(1, n // QUOTES_PER_STATEMENT)
        self.n_speakers = max(10, n // 25)
        self.outlets = [f"Outlet {k:02d}" for k in range(60)] + [None]
        self.outlet_w = zipf_weights(len(self.outlets))
        self.speaker_w = zipf_weights(self.n_speakers, 5.0)

    def speakers(self) -> Iterator[dict]:
        rng = random.Random(1)
        for k in range(self.n_speakers):
            kind = rng.choice(KINDS)
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {k}"
            if kind == "anonymous":
                name = f"an official who spoke on condition of anonymity ({k})"
            yield {"id": f"s{k}", "name": name, "kind": kind, "description": None}

    def aliases(self) -> Iterator[dict]:
        for k in range(self.n_speakers):
            for a in range(min(3, 1 + self.n_articles // (k + 1))):
                yield {"speaker_id": f"s{k}", "alias": f"alias {k}-{a}", "article_id": f"a{a}"}

    def article(self, k: int) -> dict:
        rng = random.Random(k)
        outlet = rng.choices(self.outlets, cum_weights=self.outlet_w)[0]
        day = date(2015, 1, 1) + timedelta(days=rng.randrange(4000))
        return {
            "id": f"a{k}",
            "path": f"archive/{k // 1000:04d}/{k}.txt",
            "outlet": outlet,
            "title": f"{rng.choice(self.pool)[0][:60]} ({k})",
            "published": day.isoformat(),
            "url": None,
        }

    def statement_text(self, s: int) -> str:
        return self.pool[s % len(self.pool)][0]

    def statement_speaker(self, s: int) -> int:
        return random.Random(s * 7919).choices(range(self.n_speakers), cum_weights=self.speaker_w)[
            0
        ]

    def variant(self, text: str, how: str) -> str:
        words = text.split()
        if how == "cut" and len(words) > 6:
            start = self.rng.randrange(len(words) - 5)
            return " ".join(words[start : start + self.rng.randint(5, 12)])
        if how == "swap" and words:
            words[self.rng.randrange(len(words))] = self.rng.choice(self.pool)[0].split()[0]
        if how == "shuffle":
            cut = len(words) // 2
            words = words[cut:] + words[:cut]
        return " ".join(words)

    def quotes(self, articles: dict[int, dict]) -> Iterator[dict]:
        """Every quote row, drift columns filled as drift tracking would."""
        rng = self.rng
        classes = [v for v in VARIANTS for _ in range(v[2])]
        for q in range(self.n):
            s = q % self.n_statements
            a = rng.randrange(self.n_articles)
            art = articles[a]
            text, cue = self.statement_text(s), self.pool[s % len(self.pool)][1]
            speaker = self.statement_speaker(s)
            if q < self.n_statements:
                klass, changed = "reference", 0
            else:
                klass, how, _ = rng.choice(classes)
                text, changed = self.variant(text, how), int(klass == "reattributed")
                if changed:
                    speaker = rng.randrange(self.n_speakers)
            sentence = f"{text}, {cue} the {rng.choice(TITLES) or 'speaker'}."
            yield {
                "id": f"q{q}",
                "article_id": art["id"],
                "speaker_id": f"s{speaker}" if rng.random() > 0.03 else None,
                "type": rng.choice(["direct", "direct", "indirect", "mixed"]),
                "kind": "speech" if rng.random() > 0.1 else "belief",
                "cue": cue,
                "text": text,
                "start": 0,
                "end": len(text),
                "context": sentence,
                "context_start": 0,
                "context_end": len(sentence),
                "cue_start": len(text) + 2,
                "cue_end": len(text) + 2 + len(cue),
                "speaker_mention": None,
                "speaker_title": rng.choice(TITLES),
                "via": None,
                "confidence": round(rng.random(), 3),
                "outlet": art["outlet"],
                "published": art["published"],
                "statement_id": f"st{s}",
                "drift_class": klass,
                "similarity": 1.0 if klass in ("reference", "verbatim") else round(rng.random(), 3),
                "diff_json": "[]",
                "diff_html": json.dumps(text)[1:-1][:200],
                "misquote": int(klass == "altered"),
                "attribution_changed": changed,
            }


def generate(db_path: Path, n: int, pool: list[tuple[str, str]]) -> dict[str, int]:
    """Write the synthetic archive into a fresh database at `db_path`; row counts."""
    from quotes.schema import TABLES, _create_sql, ensure_schema

    db = sqlite_utils.Database(db_path)
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    for table, columns in TABLES.items():
        db.execute(_create_sql(table, columns))
    gen = Generator(n, pool)
    articles = {k: gen.article(k) for k in range(gen.n_articles)}
    texts: dict[str, list[str]] = {}
    n_quotes: dict[str, int] = {}
    statements: dict[int, dict] = {}

    def quote_rows() -> Iterator[dict]:
        for row in gen.quotes(articles):
            texts.setdefault(row["article_id"], []).append(row["context"])
            n_quotes[row["article_id"]] = n_quotes.get(row["article_id"], 0) + 1
            s = int(row["statement_id"][2:])
            st = statements.setdefault(
                s,
                {
                    "id": row["statement_id"],
                    "speaker_id": row["speaker_id"],
                    "text": row["text"],
                    "reference_quote_id": row["id"],
                    "n_quotes": 0,
                    "outlets": set(),
                    "first_published": row["published"],
                    "last_published": row["published"],
                },
            )
            st["n_quotes"] += 1
            st["outlets"].add(row["outlet"])
            st["first_published"] = min(st["first_published"], row["published"])
            st["last_published"] = max(st["last_published"], row["published"])
            yield row

    db["speakers"].insert_all(gen.speakers(), batch_size=BATCH)
    db["speaker_aliases"].insert_all(gen.aliases(), batch_size=BATCH)
    db["quotes"].insert_all(quote_rows(), batch_size=BATCH)
    db["articles"].insert_all(
        (
            {
                **art,
                "text": "\n\n".join(texts.get(art["id"], [""])),
                "sha256": f"{k:064x}",
                "n_quotes": n_quotes.get(art["id"], 0),
            }
            for k, art in articles.items()
        ),
        batch_size=BATCH,
    )
    db["statements"].insert_all(
        (
            {**{k: v for k, v in st.items() if k != "outlets"}, "n_outlets": len(st["outlets"])}
            for st in statements.values()
        ),
        batch_size=BATCH,
    )
    rng = random.Random(5)
    db["speaker_titles"].insert_all(
        (
            {"speaker_id": f"s{k}", "article_id": f"a{rng.randrange(gen.n_articles)}", "title": t}
            for k in range(gen.n_speakers)
            for t in rng.sample(TITLES[1:], 2)
        ),
        batch_size=BATCH,
        ignore=True,
    )
    reuse = {}
    for _ in range(gen.n_articles // 10):
        a, b = rng.randrange(gen.n_articles), rng.randrange(gen.n_articles)
        if a != b:
            reuse[(a, b)] = {
                "article_id": f"a{a}",
                "source_article_id": f"a{b}",
                "score": round(rng.random(), 3),
                "shared_statements": rng.randint(1, 5),
                "direction": rng.choice(["published", "fuller", "undetermined"]),
            }
    db["article_reuse"].insert_all(reuse.values(), batch_size=BATCH)
    started = time.perf_counter()
    # The real indexes, full-text indexes and view. No ANALYZE, as `quotes build` runs
    # none: with its statistics SQLite picked a far slower plan for a canned query.
    ensure_schema(db)
    print(f"indexes and full-text search: {time.perf_counter() - started:.1f} s", flush=True)
    counts = {t: db[t].count for t in TABLES}
    db.close()
    return counts


def requests_to_time(db_path: Path) -> list[tuple[str, str]]:
    """(label, path) of every page timed, with parameters drawn from the database."""
    db = sqlite_utils.Database(db_path)
    top = db.execute(
        "select speaker_id, count(*) c from quotes where speaker_id is not null "
        "group by speaker_id order by c desc limit 1"
    ).fetchone()[0]
    name = db.execute("select name from speakers where id = ?", [top]).fetchone()[0]
    statement = db.execute(
        "select id from statements order by n_quotes desc, id limit 1"
    ).fetchone()[0]
    word = "assassination" if db["quotes_fts"].count else "said"
    plan = [
        ("quotes table, default facets", "/quotes/quotes"),
        ("quotes table, facet outlet", "/quotes/quotes?_facet=outlet"),
        ("quotes_view (reading view)", "/quotes/quotes_view"),
        ("full-text search quotes_view", f"/quotes/quotes_view?_search={word}"),
        ("full-text search quotes", f"/quotes/quotes?_search={word}"),
        ("full-text search articles", f"/quotes/articles?_search={word}"),
        (f"speaker's quotes ({top}, busiest)", f"/quotes/quotes?speaker_id={quote(top)}"),
        ("speaker's quotes, reading view", f"/quotes/quotes_view?speaker_id={quote(top)}"),
        ("speaker page", f"/-/quotes/speaker/{quote(top)}"),
        ("speaker page, last page", f"/-/quotes/speaker/{quote(top)}?page=last"),
        ("statement page (most versions)", f"/-/quotes/statement/{quote(statement)}"),
        ("home page", "/"),
        ("statements table", "/quotes/statements"),
        ("articles table", "/quotes/articles"),
    ]
    named = {"speaker": name, "statement_id": statement, "outlet": ""}
    queries = yaml.safe_load(METADATA.read_text())["databases"]["quotes"].get("queries", {})
    for query, spec in queries.items():
        needed = sorted(set(re.findall(r"(?<!:):([a-z_]+)", spec["sql"])))
        variants = [("", named)]
        if "speaker" in needed and "empty" in spec.get("description", ""):
            variants.append((" (everyone)", {**named, "speaker": ""}))
        for suffix, params in variants:
            args = urlencode({p: params.get(p, "") for p in needed})
            plan.append((f"canned query {query}{suffix}", f"/quotes/{query}?{args}"))
    return plan


async def time_requests(datasette: object, plan: list[tuple[str, str]], runs: int = 3) -> list:
    results = []
    for label, path in plan:
        times, status = [], None
        for _ in range(runs):
            started = time.perf_counter()
            response = await datasette.client.get(path)
            times.append(time.perf_counter() - started)
            status = response.status_code
        if status == 404 and path.startswith("/-/"):  # a plugin page this checkout lacks
            results.append((label, path, status, None, None, ""))
            continue
        timed_out = "sql_time_limit_ms" in response.text  # Datasette's time-limit error
        facets = ""
        table = path.split("?")[0].removeprefix("/quotes/")
        if table in TABLE_FACETS:
            json_path = path.replace("?", ".json?", 1) if "?" in path else path + ".json"
            data = (await datasette.client.get(json_path)).json()
            asked = set(TABLE_FACETS[table]) | set(parse_qs(urlsplit(path).query).get("_facet", []))
            # A facet past Datasette's facet time limit is left out of the page.
            facets = ", ".join(sorted(asked - set(data.get("facet_results") or {})))
        status = status if not timed_out else "TIME LIMIT"
        results.append((label, path, status, times[0], sorted(times)[1], facets))
    return results


def serve_and_time(db_path: Path) -> list:
    from quotes.serve import make_datasette

    datasette = make_datasette(str(db_path), str(METADATA))
    datasette._settings["sql_time_limit_ms"] = SQL_TIME_LIMIT_MS
    # As `quotes serve` does: rich would print (and here crash on) every 404's traceback.
    importlib.import_module("datasette.handle_exception").rich = None
    return asyncio.run(time_requests(datasette, requests_to_time(db_path)))


def report(n: int, counts: dict[str, int], results: list, seconds: float | None) -> str:
    lines = [
        f"Database of {counts['quotes']:,} quotes, {counts['articles']:,} articles, "
        f"{counts['speakers']:,} speakers, {counts['statements']:,} statements "
        f"(`benchmarks/db_scale.py --quotes {n}`; "
        + (
            "database reused, `--reuse`)." if seconds is None else f"generated in {seconds:.0f} s)."
        ),
        f"Each page three times through `Datasette(...).client` with a SQL time limit of "
        f"{SQL_TIME_LIMIT_MS} ms (measured on a shared, busy machine unless rerun):",
        "",
        "| page | status | first (s) | median (s) | facets over the facet time limit |",
        "| --- | --- | --- | --- | --- |",
    ]
    for label, _path, status, first, median, facets in results:
        if first is None:
            lines.append(f"| {label} | {status} | (no such page) | | |")
        else:
            lines.append(f"| {label} | {status} | {first:.3f} | {median:.3f} | {facets} |")
    over = [r for r in results if r[3] is not None and (r[2] != 200 or r[4] >= 1.0)]
    lines.append("")
    lines.append(
        "Every page answered 200, median within 1 s."
        if not over
        else f"Median over 1 s, or failed: {', '.join(r[0] for r in over)}."
    )
    return "\n".join(lines)


def write_docs(section: str, text: str) -> None:
    """Replace one generated section of docs/scale.md."""
    path = REPO / "docs" / "scale.md"
    doc = path.read_text() if path.exists() else "# Scale\n"
    begin, end = f"<!-- {section}: begin -->", f"<!-- {section}: end -->"
    block = f"{begin}\n{text}\n{end}"
    if begin in doc:
        doc = doc[: doc.index(begin)] + block + doc[doc.index(end) + len(end) :]
    else:
        doc = doc.rstrip("\n") + f"\n\n{block}\n"
    path.write_text(doc)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=1_000_000)
    parser.add_argument("--db", help="keep the database here (default: a temporary folder)")
    parser.add_argument("--write-docs", action="store_true", help="write docs/scale.md")
    parser.add_argument(
        "--reuse", action="store_true", help="time the database at --db without regenerating it"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        db_path = Path(args.db) if args.db else Path(work) / "scale.db"
        started = time.perf_counter()
        reused = args.reuse and db_path.exists()
        if reused:
            from quotes.schema import ensure_schema

            db = sqlite_utils.Database(db_path)
            ensure_schema(db)  # this checkout's indexes and view
            counts = {t: db[t].count for t in ("quotes", "articles", "speakers", "statements")}
            args.quotes = counts["quotes"]
        else:
            pool = seed_quotes(Path(work)) + polnear_contents()
            print(f"quote texts: {len(pool):,} (seeds and PolNeAR train)", flush=True)
            if db_path.exists():
                db_path.unlink()
            counts = generate(db_path, args.quotes, pool)
        seconds = None if reused else time.perf_counter() - started
        results = serve_and_time(db_path)
    text = report(args.quotes, counts, results, seconds)
    print(text)
    if args.write_docs:
        write_docs("db_scale", text)
    if any(r[3] is not None and (r[2] != 200 or r[4] >= 1.0) for r in results):
        sys.exit(1)


if __name__ == "__main__":
    main()
