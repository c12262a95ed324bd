"""The runner: batches, worker processes, and texts longer than the pipeline's max_length."""

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotes import runner
from quotes.articles import Article
from quotes.cli import cli
from quotes.errors import InputError
from quotes.nlp import load_pipeline
from quotes.runner import ParagraphTooLong, extract_articles, paragraph_chunks

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

ARTICLE = (
    '"The budget is balanced for the first time in a decade," said Governor Helen Park.\n\n'
    "Police Chief Sarah Klein said that the suspect had been arrested near the border.\n\n"
    "The mayor, John Reed, told reporters that the bridge would reopen in May.\n\n"
    '"We will not raise taxes," Senator Ann Gray said.\n'
)


@pytest.mark.parametrize(
    ("text", "limit", "pieces"),
    [
        ("abc", 10, [(0, 3)]),
        ("aaaa\nbbbb\ncccc", 10, [(0, 10), (10, 14)]),
        ("aaaa\nbbbb\ncccc", 5, [(0, 5), (5, 10), (10, 14)]),
        ("aa\n\nbb\n\ncc", 6, [(0, 4), (4, 10)]),
        ("aa\n\nbb\n\ncc", 5, [(0, 4), (4, 8), (8, 10)]),
        ("", 5, [(0, 0)]),
    ],
)
def test_paragraph_chunks_cut_only_after_newlines(text, limit, pieces):
    assert paragraph_chunks(text, limit) == pieces
    assert "".join(text[a:b] for a, b in pieces) == text
    for _, end in pieces[:-1]:
        assert text[end - 1] == "\n"


@pytest.mark.parametrize(("text", "limit"), [("aaaaaa\nbb", 5), ("aa\nbbbbbbbbb", 5)])
def test_paragraph_longer_than_the_limit_is_refused(text, limit):
    with pytest.raises(ParagraphTooLong):
        paragraph_chunks(text, limit)


@pytest.fixture
def small_max_length():
    nlp = load_pipeline()
    saved = nlp.max_length
    nlp.max_length = 180
    yield nlp
    nlp.max_length = saved


def whole(nlp, text):
    saved, nlp.max_length = nlp.max_length, 10**6
    try:
        return list(nlp(text)._.quotes)
    finally:
        nlp.max_length = saved


def test_long_text_is_analysed_in_paragraphs_with_offsets_into_the_whole(small_max_length):
    nlp = small_max_length
    article = Article(text=ARTICLE, path="long.txt")
    [(_, found)] = list(extract_articles(nlp, [article]))
    assert len(ARTICLE) > nlp.max_length
    # Each paragraph here stands alone, so pieces give what the whole text gives.
    expected = whole(nlp, ARTICLE)
    assert [(q.start, q.end, q.speaker) for q in found] == [
        (q.start, q.end, q.speaker) for q in expected
    ]
    assert len(found) == 4
    for quote in found:
        assert ARTICLE[quote.start : quote.end] == quote.text
        assert ARTICLE[quote.cue_start : quote.cue_end] == quote.cue
        mention = quote.speaker_mention
        assert ARTICLE[mention.start : mention.end] == mention.text
        assert quote.context_start <= quote.start < quote.end <= quote.context_end
        assert "\n" not in ARTICLE[quote.context_start : quote.context_end].strip()
    assert len({q.attribution for q in found}) == 4


def test_paragraph_over_max_length_is_an_error_naming_the_article(small_max_length):
    text = "The spokesman said that " + "very " * 60 + "much.\n"
    articles = [Article(text=text, path="x.txt", source="in/x.txt"), Article(ARTICLE, "y.txt")]
    results = list(extract_articles(small_max_length, articles))
    assert isinstance(results[0][1], InputError)
    assert str(results[0][1]).startswith("in/x.txt: could not be analysed (ParagraphTooLong: ")
    assert len(results[1][1]) == 4


def test_two_jobs_give_the_same_output_as_one_on_the_seeds():
    runner = CliRunner()
    one = runner.invoke(cli, ["extract", str(SEEDS)])
    two = runner.invoke(cli, ["extract", "--jobs", "2", str(SEEDS)])
    assert one.exit_code == two.exit_code == 0
    assert one.stdout.count("\n") > 50
    assert two.stdout == one.stdout


def test_jobs_must_be_positive():
    result = CliRunner().invoke(cli, ["extract", "--jobs", "0", str(SEEDS)])
    assert result.exit_code == 2
    assert "Invalid value for '--jobs' / '-j': 0 is not in the range x>=1." in result.output


def _die(texts):
    os._exit(3)  # a worker killed mid-batch, as the kernel does when memory runs out


def test_a_dying_worker_fails_its_articles_instead_of_hanging(monkeypatch):
    monkeypatch.setattr(runner, "_work", _die)
    articles = [Article(text=ARTICLE, path=f"{k}.txt") for k in range(3)]
    results = list(extract_articles(load_pipeline(), articles, jobs=2))
    assert [article.path for article, _ in results] == ["0.txt", "1.txt", "2.txt"]
    for article, found in results:
        assert isinstance(found, InputError)
        assert str(found).startswith(
            f"{article.path}: could not be analysed (a worker process died: "
        )
