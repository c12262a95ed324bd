"""`quotes extract PATH... --format jsonl|json|table`: output shapes, errors and exit codes."""

import json

import pytest
from click.testing import CliRunner

import quotes
from quotes.cli import cli

JSONL_FIELDS = {
    "article",
    "type",
    "kind",
    "text",
    "start",
    "end",
    "cue",
    "cue_start",
    "cue_end",
    "speaker",
    "speaker_kind",
    "speaker_mention",
    "speaker_title",
    "via",
    "confidence",
    "caption",
}

ARTICLE = (
    "Café owner Maria Lopez spoke at the hearing on Monday.\n\n"
    '"The budget is balanced for the first time in a decade," said Governor Helen Park. '
    '"We did it without cutting school funding."\n\n'
    "Police Chief Sarah Klein said that the suspect had been arrested near the border.\n"
)
OTHER_ARTICLE = "“Three people were injured in the crash,” according to Reuters.\n"


def run(*args):
    result = CliRunner().invoke(cli, ["extract", *args])
    # never a traceback, whatever the input
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.output
    return result


def expected_jsonl(name, text):
    return "".join(
        json.dumps(q.to_json(name), ensure_ascii=False) + "\n" for q in quotes.extract(text)
    )


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "budget.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture
def other(tmp_path):
    path = tmp_path / "crash.txt"
    path.write_text(OTHER_ARTICLE, encoding="utf-8")
    return path


def test_jsonl_fields_are_exactly_the_documented_set(article):
    result = run(str(article))
    assert result.exit_code == 0
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert len(lines) >= 3
    for line in lines:
        record = json.loads(line)
        assert set(record) == JSONL_FIELDS
        assert record["article"] == "budget.txt"
        assert record["text"] == ARTICLE[record["start"] : record["end"]]
        if record["cue"] is not None:
            assert record["cue"] == ARTICLE[record["cue_start"] : record["cue_end"]]
        mention = record["speaker_mention"]
        if mention is not None:
            assert set(mention) == {"text", "start", "end"}
            assert mention["text"] == ARTICLE[mention["start"] : mention["end"]]
        assert 0 <= record["confidence"] <= 1


def test_jsonl_content(article):
    result = run(str(article))
    records = [json.loads(line) for line in result.stdout.splitlines()]
    rows = [(r["type"], r["speaker"], r["text"]) for r in records]
    assert (
        "direct",
        "Helen Park",
        "The budget is balanced for the first time in a decade",
    ) in [(t, s, x.rstrip(",")) for t, s, x in rows]
    assert ("direct", "Helen Park", "We did it without cutting school funding.") in rows
    assert any(t == "indirect" and s == "Sarah Klein" for t, s, _ in rows)


def test_jsonl_is_exactly_the_library_output(article):
    result = run(str(article))
    assert result.stdout == expected_jsonl("budget.txt", ARTICLE)


def test_jsonl_keeps_non_ascii_text(tmp_path):
    path = tmp_path / "cafe.txt"
    text = "“Our café will reopen in the spring,” owner Zoë Brandt said.\n"
    path.write_text(text, encoding="utf-8")
    result = run(str(path))
    assert result.exit_code == 0
    assert "café" in result.stdout
    assert "\\u00e9" not in result.stdout
    assert result.stdout == expected_jsonl("cafe.txt", text)


def test_utf8_bom_is_dropped_and_offsets_match_the_text(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"))
    result = run(str(path))
    assert result.exit_code == 0
    assert result.stdout == expected_jsonl("bom.txt", ARTICLE)


def test_several_files_in_order(article, other):
    result = run(str(article), str(other))
    assert result.exit_code == 0
    assert result.stdout == expected_jsonl("budget.txt", ARTICLE) + expected_jsonl(
        "crash.txt", OTHER_ARTICLE
    )


def test_folder_reads_txt_files_only(tmp_path):
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    (folder / "b.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "sub" / "c.txt").write_text(OTHER_ARTICLE, encoding="utf-8")
    (folder / "notes.md").write_text('"Ignore me entirely," said Nobody Here.\n', encoding="utf-8")
    result = run(str(folder))
    assert result.exit_code == 0
    assert result.stderr == ""
    articles = {json.loads(line)["article"] for line in result.stdout.splitlines()}
    assert articles == {"b.txt", "c.txt"}


@pytest.mark.parametrize("content", ["", "   \n\n  \n"])
def test_empty_file_gives_no_output(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_text(content, encoding="utf-8")
    result = run(str(path))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == ""


def test_article_without_quotes_gives_no_output(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text('The so-called "peace plan" collapsed within a week.\n', encoding="utf-8")
    result = run(str(path))
    assert result.exit_code == 0
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"\xff\xfe\x00T\x00e\x00x\x00t\x00\x00\xd8", "not valid UTF-16 text"),
        (b"plain ascii with a NUL \x00 byte", "binary file (holds NUL bytes), not text"),
        (b"\x80\x81\x82", "not text in any encoding detected with confidence"),
    ],
)
def test_unreadable_file_is_an_error_and_the_others_are_processed(tmp_path, article, raw, reason):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(raw)
    result = run(str(bad), str(article))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {bad}: {reason}\n"
    assert result.stdout == expected_jsonl("budget.txt", ARTICLE)


def test_missing_path(tmp_path, article):
    missing = tmp_path / "nowhere.txt"
    result = run(str(missing), str(article))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {missing}: no such file or folder\n"
    assert result.stdout == expected_jsonl("budget.txt", ARTICLE)


def test_missing_path_alone(tmp_path):
    missing = tmp_path / "nowhere"
    result = run(str(missing))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"Error: {missing}: no such file or folder\n"


def test_folder_without_articles(tmp_path, article):
    folder = tmp_path / "empty_folder"
    folder.mkdir()
    (folder / "readme.md").write_text("nothing here\n", encoding="utf-8")
    result = run(str(folder), str(article))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {folder}: folder holds no articles (.txt, .html, .htm, .jsonl, .json, .csv)\n"
    )
    assert result.stdout == expected_jsonl("budget.txt", ARTICLE)


def test_every_error_is_reported(tmp_path, article):
    missing = tmp_path / "nowhere.txt"
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x80\x81\x82")
    result = run(str(missing), str(article), str(bad))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {missing}: no such file or folder\n"
        f"Error: {bad}: not text in any encoding detected with confidence\n"
    )
    assert result.stdout == expected_jsonl("budget.txt", ARTICLE)


def test_format_json(article, other):
    result = run("--format", "json", str(article), str(other))
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    assert isinstance(records, list)
    expected = [q.to_json("budget.txt") for q in quotes.extract(ARTICLE)] + [
        q.to_json("crash.txt") for q in quotes.extract(OTHER_ARTICLE)
    ]
    assert records == expected
    assert all(set(record) == JSONL_FIELDS for record in records)


def test_format_json_with_no_quotes_is_an_empty_list(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("", encoding="utf-8")
    result = run("--format", "json", str(path))
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


def test_format_table(article):
    result = run("--format", "table", str(article))
    assert result.exit_code == 0
    found = quotes.extract(ARTICLE)
    lines = result.stdout.splitlines()
    assert len(lines) == len(found)
    for line, quote in zip(lines, found, strict=True):
        columns = line.split("\t")
        assert columns[:3] == ["budget.txt", quote.type, quote.speaker or "?"]
        assert quote.text.startswith(columns[3].removesuffix("..."))


def test_format_table_shortens_long_quotes(tmp_path):
    long_quote = " ".join(["The council will vote on the plan again next week"] * 3)
    text = f'"{long_quote}," said Mayor Tom Reyes.\n'
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    result = run("--format", "table", str(path))
    assert result.exit_code == 0
    (line,) = result.stdout.splitlines()
    article, type_, speaker, shown = line.split("\t")
    assert (article, type_, speaker) == ("long.txt", "direct", "Tom Reyes")
    assert len(shown) <= 80
    assert shown.endswith("...")


def test_unknown_format_is_a_usage_error(article):
    result = run("--format", "xml", str(article))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "xml" in result.stderr


def test_no_paths_is_a_usage_error():
    result = run()
    assert result.exit_code == 2
    assert "Missing argument" in result.stderr


def test_unknown_model_is_an_error_without_traceback(article):
    result = run("--model", "no_such_spacy_model_xyz", str(article))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ")
    assert "no_such_spacy_model_xyz" in result.stderr


def test_jsonl_exact_record(tmp_path):
    text = 'Tom Reyes said: "We will not raise taxes".\n'
    path = tmp_path / "reyes.txt"
    path.write_text(text, encoding="utf-8")
    result = run(str(path))
    assert result.exit_code == 0
    (line,) = result.stdout.splitlines()
    record = json.loads(line)
    confidence = record.pop("confidence")
    assert 0 < confidence <= 1
    assert record == {
        "article": "reyes.txt",
        "type": "direct",
        "kind": "speech",
        "text": "We will not raise taxes",
        "start": 17,
        "end": 40,
        "cue": "said",
        "cue_start": 10,
        "cue_end": 14,
        "speaker": "Tom Reyes",
        "speaker_kind": "person",
        "speaker_mention": {"text": "Tom Reyes", "start": 0, "end": 9},
        "speaker_title": None,
        "via": None,
        "caption": False,
    }
