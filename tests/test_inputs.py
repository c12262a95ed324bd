"""Inputs: every format behind read_inputs, and bad input as one line naming file and record."""

import json
import os
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotes.boilerplate import find_captions
from quotes.cli import cli
from quotes.errors import InputError, InputSkipped
from quotes.inputs import read_inputs
from quotes.metadata import ArticleMetadata

FIXTURES = Path(__file__).parent / "fixtures" / "inputs"
GOOD = 'Tom Reyes said: "We will not raise taxes".\n'
GOOD_QUOTE = ("good.txt", "direct", "Tom Reyes", "We will not raise taxes", False)


def extract(*args):
    result = CliRunner().invoke(cli, ["extract", *map(str, args)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    return result


def quotes_of(result):
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    return [(r["article"], r["type"], r["speaker"], r["text"], r["caption"]) for r in rows]


@pytest.fixture
def good(tmp_path):
    path = tmp_path / "good.txt"
    path.write_text(GOOD, encoding="utf-8")
    return path


# --- each format: exact text, metadata, quotes -------------------------------------------


def test_html_keeps_the_story_in_paragraphs_and_drops_page_furniture():
    (article,) = read_inputs([str(FIXTURES / "bridge.html")])
    assert article.text == (
        "Council approves bridge repairs\n\n"
        "The city council met on Monday, weeks before the spring floods.\n\n"
        '"We will rebuild the bridge by spring," said Mayor Tom Reyes. "It is our first job."\n\n'
        '"This bridge carried my grandfather to work," said resident Lena Hart, who watched '
        "the vote. (Gazette Photo/Sam Lee)\n\n"
        "Engineer Priya Shah said that the repairs would cost $4 million.\n"
    )
    assert article.metadata == ArticleMetadata(
        outlet="Riverside Gazette",
        title="Council approves bridge repairs",
        published="2024-03-05",
        url="https://gazette.example/news/bridge-repairs",
    )
    (caption,) = article.captions
    assert article.text[caption[0] : caption[1]].startswith('"This bridge carried')
    assert (article.path, article.record, article.name) == ("bridge.html", None, "bridge.html")


EXPECTED = {
    "articles.json": [
        ("articles.json#0", "direct", "Grace Moyo", "Our pupils deserve the extra week", False),
        ("articles.json#0", "direct", "Grace Moyo", "The new roof is finished.", False),
        (
            "articles.json#1",
            "indirect",
            "Omar Haddad",
            "The town library will stay open until 9 p.m.",
            False,
        ),
    ],
    "bridge.html": [
        ("bridge.html", "direct", "Tom Reyes", "We will rebuild the bridge by spring", False),
        ("bridge.html", "direct", "Tom Reyes", "It is our first job.", False),
        ("bridge.html", "direct", "Lena Hart", "This bridge carried my grandfather to work", True),
        ("bridge.html", "indirect", "Priya Shah", "that the repairs would cost $4 million", False),
    ],
    "export.csv": [
        ("export.csv#2", "direct", "Ruth Ngata", "Trade is back", False),
        ("export.csv#2", "indirect", "Ana Silva", "that sales had doubled", False),
        ("export.csv#7", "indirect", "Li Wei", "that heavy rain would fall on Sunday", False),
    ],
    "feed.jsonl": [
        (
            "feed.jsonl#1",
            "direct",
            "Marta Diaz",
            "The strike is over and the cranes are moving again",
            False,
        ),
        ("feed.jsonl#1", "indirect", "Joe Park", "that ships would dock by Friday", False),
        (
            "feed.jsonl#2",
            "indirect",
            "Ken Obi",
            "that the backlog would take a week to clear",
            False,
        ),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_extract_each_format_gives_exact_quotes_and_speakers(name):
    result = extract(FIXTURES / name)
    assert (result.exit_code, result.stderr) == (0, "")
    assert quotes_of(result) == EXPECTED[name]


def test_a_folder_of_every_format_is_read_recursively(tmp_path, good):
    folder = tmp_path / "mixed"
    (folder / "deep").mkdir(parents=True)
    for name in EXPECTED:
        (folder / "deep" / name).write_bytes((FIXTURES / name).read_bytes())
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "notes.md").write_text('"Not an article," said Nobody.\n', encoding="utf-8")
    result = extract(folder)
    assert (result.exit_code, result.stderr) == (0, "")
    expected = [q for name in sorted(EXPECTED) for q in EXPECTED[name]] + [GOOD_QUOTE]
    assert quotes_of(result) == expected
    paths = {(a.path, a.record) for a in read_inputs([str(folder)])}
    assert ("deep/feed.jsonl", 2) in paths and ("good.txt", None) in paths


def test_record_metadata_wins_over_what_the_text_says(tmp_path):
    text = "A headline that the text gives\n\nSource: cbsnews.com\n\nPublished: March 1, 2024\n"
    feed = tmp_path / "feed.jsonl"
    records = [{"text": text, "outlet": "Harbor Daily", "published": "2024-05-02"}, {"text": text}]
    feed.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    given, inferred = read_inputs([str(feed)])
    # "Source: …" credits a story; it does not name the publisher.
    assert given.metadata == ArticleMetadata(
        outlet="Harbor Daily",
        title="A headline that the text gives",
        published="2024-05-02",
        credited_source="CBS News",
    )
    assert inferred.metadata == ArticleMetadata(
        outlet=None,
        title="A headline that the text gives",
        published="2024-03-01",
        credited_source="CBS News",
    )


def test_sidecar_wins_over_the_page_and_the_text(tmp_path):
    page = tmp_path / "bridge.html"
    page.write_bytes((FIXTURES / "bridge.html").read_bytes())
    (tmp_path / "articles.yml").write_text(
        "bridge.html:\n  outlet: Gazette Weekly\n  published: 2024-03-06\n", encoding="utf-8"
    )
    (article,) = read_inputs([str(page)])
    assert article.metadata == ArticleMetadata(
        outlet="Gazette Weekly",
        title="Council approves bridge repairs",
        published="2024-03-06",
        url="https://gazette.example/news/bridge-repairs",
    )


def test_html_paragraphs_lists_and_line_breaks(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><body><article><h1>Flood warning issued</h1>"
        "<p>The river rose two metres overnight.<br>Roads were closed.</p>"
        '<blockquote><p>"Stay at home," the mayor said.</p><p>"Help is coming."</p></blockquote>'
        "<p>Schools   will stay\n   closed on Monday and Tuesday this week.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    (article,) = read_inputs([str(page)])
    assert article.text == (
        "Flood warning issued\n\n"
        "The river rose two metres overnight.\nRoads were closed.\n\n"
        '"Stay at home," the mayor said.\n\n'
        '"Help is coming."\n\n'
        "Schools will stay closed on Monday and Tuesday this week.\n"
    )


def test_a_figcaption_without_credit_is_still_a_caption(tmp_path):
    page = tmp_path / "figure.html"
    page.write_text(
        "<html><body><article><h1>Harbour reopens after storm</h1>"
        "<p>The harbour reopened on Tuesday after a week of repairs to the sea wall.</p>"
        '<figure><img src="wall.jpg"><figcaption>"This bridge carried my grandfather to work," said resident Lena Hart.'
        "</figcaption></figure>"
        "<p>Fishing boats left at dawn for the first time since the storm hit.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    result = extract(page)
    assert (result.exit_code, result.stderr) == (0, "")
    assert quotes_of(result) == [
        (
            "figure.html",
            "direct",
            "Lena Hart",
            "This bridge carried my grandfather to work",
            True,
        )
    ]


@pytest.mark.parametrize(
    ("line", "caption"),
    [
        ("Iraqi forces inspect the site. (AP Photo/Hadi Mizban)", True),
        ("Photo: Reuters", True),
        ("Mourners gather in Baghdad on Thursday | Getty Images", True),
        ("Protesters march on Sunday. Photograph: Jo Li/AFP", True),
        ('Image caption, "We are not afraid," said one protester', True),
        ("He said the plan would fail.", False),
        ("The photo showed nothing: it was blank.", False),
        ("The vote was 5/4 in favour of new images.", False),
        ('"It was a good day," she said (via Reuters).', False),
    ],
)
def test_plain_text_caption_lines(line, caption):
    assert bool(find_captions(f"Intro.\n{line}\nOutro.\n")) is caption


def test_plain_text_caption_quote_is_kept_and_marked(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(
        "The harbour reopened on Tuesday.\n\n"
        '"This bridge carried my grandfather to work," said resident Lena Hart. (Gazette Photo/Sam Lee)\n\n'
        '"We will rebuild the bridge by spring," said Mayor Tom Reyes.\n',
        encoding="utf-8",
    )
    result = extract(path)
    assert quotes_of(result) == [
        ("story.txt", "direct", "Lena Hart", "This bridge carried my grandfather to work", True),
        ("story.txt", "direct", "Tom Reyes", "We will rebuild the bridge by spring", False),
    ]


# --- encodings ----------------------------------------------------------------------------

CP1252 = (
    "The vote was close on Tuesday night in the council chamber.\n\n"
    "“We will win the next vote,” said José Núñez, the mayor’s aide.\n"
)


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8", "utf-16"])
def test_legacy_and_unicode_encodings_are_read_correctly(tmp_path, encoding):
    path = tmp_path / "aide.txt"
    path.write_bytes(CP1252.encode(encoding))
    (article,) = read_inputs([str(path)])
    assert article.text == CP1252
    result = extract(path)
    assert (result.exit_code, result.stderr) == (0, "")
    assert quotes_of(result) == [
        ("aide.txt", "direct", "José Núñez", "We will win the next vote", False)
    ]


# --- bad input: one line each, the rest processed, exit 1 ---------------------------------

BAD_INPUTS = [
    ("binary.txt", b"GIF89a\x00\x01\x00\x00", "binary file (holds NUL bytes), not text"),
    ("noise.txt", b"\x80\x81\x82", "not text in any encoding detected with confidence"),
    ("big.txt", b"x" * 101, "101 bytes, over --max-bytes (100)"),
    ("feed.jsonl", b'{"text": ""}\n{"text": oops}\n', "line 2: not valid JSON"),
    (
        "feed.jsonl",
        b'{"title": "No text"}\n',
        "line 1: no text (a record needs a text, body or content field)",
    ),
    ("feed.jsonl", b'["a list"]\n', "line 1: not a JSON object"),
    ("feed.jsonl", b'{"text": 42}\n', "line 1: text must be text"),
    (
        "feed.jsonl",
        b'{"text": "", "published": "soon"}\n',
        "line 1: published is not a date: 'soon'",
    ),
    (
        "list.json",
        b'[{"text": ""}, {"body": null}]',
        "index 1: no text (a record needs a text, body or content field)",
    ),
    ("list.json", b'{"text": "one record"}', "not a JSON list of records"),
    ("list.json", b'[{"text": ""},\n oops]', "line 2: not valid JSON"),
    (
        "export.csv",
        b"title,text\nFine,\nShort row\n",
        "line 3: no text (a record needs a text, body or content field)",
    ),
    ("export.csv", b"title,summary\nA,B\n", "no text, body or content column"),
    (
        "shell.html",
        b"<html><body><script>app()</script></body></html>",
        "no article text found in the page",
    ),
]


@pytest.mark.parametrize(("name", "raw", "reason"), BAD_INPUTS)
def test_bad_input_is_one_line_and_the_rest_is_processed(tmp_path, good, name, raw, reason):
    bad = tmp_path / name
    bad.write_bytes(raw)
    result = extract("--max-bytes", "100", bad, good)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {bad}: {reason}\n"
    assert quotes_of(result) == [GOOD_QUOTE]


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("empty.txt", b""),
        ("empty.html", b""),
        ("feed.jsonl", b'{"text": ""}\n\n{"body": "   "}\n'),
        ("list.json", b'[{"content": ""}]'),
        ("export.csv", b"text,title\n,Empty\n"),
    ],
)
def test_empty_files_and_records_are_articles_without_quotes(tmp_path, good, name, raw):
    path = tmp_path / name
    path.write_bytes(raw)
    articles = list(read_inputs([str(path)]))
    assert articles and all(not isinstance(a, InputError) for a in articles)
    assert all(not a.text.strip() for a in articles)
    result = extract(path, good)
    assert (result.exit_code, result.stderr) == (0, "")
    assert quotes_of(result) == [GOOD_QUOTE]


def test_a_fifo_named_txt_is_skipped_and_never_opened(tmp_path, good):
    folder = tmp_path / "in"
    folder.mkdir()
    fifo = folder / "pipe.txt"
    os.mkfifo(fifo)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")

    def unblock():  # had the reader opened the FIFO, this makes the test fail, not hang
        with open(fifo, "w") as writer:
            writer.write('"Read from a pipe," said Nobody Here.\n')

    timer = threading.Timer(10, unblock)
    timer.daemon = True
    timer.start()
    try:
        result = extract(folder)
    finally:
        timer.cancel()
    assert result.exit_code == 0
    assert result.stderr == f"Skipped: {fifo}: a FIFO, not a regular file\n"
    assert quotes_of(result) == [GOOD_QUOTE]
    (_, skipped) = read_inputs([str(folder)])
    assert isinstance(skipped, InputSkipped) and skipped.status == "skipped"


def test_a_device_is_skipped():
    (skipped,) = read_inputs(["/dev/null"])
    assert str(skipped) == "/dev/null: a character device, not a regular file"


# --- control characters -------------------------------------------------------------------

CONTROL_TEXT = (
    'The council met on Monday.\n\n"We will rebuild the bridge by spring,"{0}said{0}Mayor '
    'Tom Reyes.{0}"It is our first job."\n\nReyes{0}told reporters that the work would start.\n'
)


@pytest.mark.parametrize("char", ["\x0b", "\x0c", "\x1b", "\x07", "\x08", "\x7f", "\x1c", "\u2028"])
def test_control_characters_never_cost_a_quote(tmp_path, char):
    path = tmp_path / "controls.txt"
    path.write_text(CONTROL_TEXT.format(char), encoding="utf-8")
    (article,) = read_inputs([str(path)])
    assert len(article.text) == len(CONTROL_TEXT.format(char))  # offsets never move
    result = extract(path)
    assert result.exit_code == 0
    found = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(q["speaker"], q["text"].strip()) for q in found] == [
        ("Tom Reyes", "We will rebuild the bridge by spring"),
        ("Tom Reyes", "It is our first job."),
        ("Tom Reyes", "that the work would start"),
    ]
    assert all(article.text[q["start"] : q["end"]] == q["text"] for q in found)


# --- build ----------------------------------------------------------------------------------


def test_build_reads_every_format_limits_size_and_stores_captions(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("x" * 3000, encoding="utf-8")
    db_path = tmp_path / "q.db"
    result = CliRunner().invoke(
        cli,
        ["build", str(FIXTURES), str(big), "--db", str(db_path), "--max-bytes", "2000"],
    )
    assert result.exit_code == 1, result.output
    assert result.stderr == f"Error: {big}: 3,000 bytes, over --max-bytes (2,000)\n"
    import sqlite_utils

    db = sqlite_utils.Database(db_path)
    rows = db.execute(
        "SELECT a.path, q.text, q.in_caption FROM quotes q JOIN articles a ON a.id = q.article_id "
        "WHERE a.path = 'bridge.html' ORDER BY q.start"
    ).fetchall()
    assert [(text, flag) for _, text, flag in rows] == [
        ("We will rebuild the bridge by spring", 0),
        ("It is our first job.", 0),
        ("This bridge carried my grandfather to work", 1),
        ("that the repairs would cost $4 million", 0),
    ]
    assert db.execute("SELECT count(*) FROM articles WHERE path = 'big.txt'").fetchone()[0] == 0


def test_a_page_declaring_its_encoding_keeps_its_caption(tmp_path):
    page = tmp_path / "declared.xhtml.html"
    html = (FIXTURES / "bridge.html").read_text(encoding="utf-8").split("\n", 1)[1]
    page.write_text('<?xml version="1.0" encoding="utf-8"?>\n' + html, encoding="utf-8")
    (article,) = read_inputs([str(page)])
    assert article.text == next(read_inputs([str(FIXTURES / "bridge.html")])).text
    assert [article.text[start:end][:20] for start, end in article.captions] == [
        '"This bridge carried'
    ]


@pytest.mark.parametrize("meta", ['<meta charset="windows-1252">', '<meta charset="ISO-8859-1">'])
def test_a_page_in_the_charset_it_declares_is_read_correctly(tmp_path, meta):
    page = tmp_path / "declared.html"
    html = (
        f"<html><head>{meta}<title>Aide speaks</title></head><body><article>"
        "<p>“We will win the next vote,” said José Núñez, the mayor’s aide.</p>"
        "</article></body></html>"
    )
    page.write_bytes(html.encode("cp1252"))
    (article,) = read_inputs([str(page)])
    assert article.text == "“We will win the next vote,” said José Núñez, the mayor’s aide.\n"


@pytest.mark.parametrize(
    ("head", "outlet"),
    [
        (
            '<meta property="og:site_name" content="St. Louis Post-Dispatch">',
            "St. Louis Post-Dispatch",
        ),
        ('<link rel="canonical" href="https://www.reuters.com/world/bridge">', "Reuters"),
        ("", None),
    ],
)
def test_the_outlet_of_a_page(tmp_path, head, outlet):
    page = tmp_path / "page.html"
    page.write_text(
        f"<html><head>{head}<title>Bridge</title></head><body><article>"
        "<p>The city council met on Monday, weeks before the spring floods.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    (article,) = read_inputs([str(page)])
    assert article.metadata.outlet == outlet


def test_an_excel_csv_with_semicolons_and_a_bom(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes(
        "\ufefftitle;body\nRain;Li Wei warned that heavy rain would fall on Sunday.\n".encode()
    )
    (article,) = read_inputs([str(path)])
    assert (article.text, article.metadata.title, article.record) == (
        "Li Wei warned that heavy rain would fall on Sunday.",
        "Rain",
        2,
    )


def test_a_lazy_loaded_picture_keeps_its_caption(tmp_path):
    page = tmp_path / "lazy.html"
    html = (FIXTURES / "bridge.html").read_text(encoding="utf-8")
    lazy = '<img src="data:image/gif;base64,R0lGOD" data-src="bridge.jpg"'
    page.write_text(html.replace('<img src="bridge.jpg"', lazy), encoding="utf-8")
    (article,) = read_inputs([str(page)])
    assert article.captions == next(read_inputs([str(FIXTURES / "bridge.html")])).captions
