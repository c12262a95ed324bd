"""Rewritten articles: sentences that follow another article's in order."""

from __future__ import annotations

import pytest

from quotes.drift.features import SimpleLemmatizer
from quotes.drift.lexicon import load_lexicon
from quotes.drift.records import ArticleRecord
from quotes.drift.reuse import find_reuse

SOURCE = """Flood waters swept through the northern valley on Monday, destroying hundreds of homes.
Rescue teams pulled forty residents from collapsed buildings near the river bridge.
The regional governor declared a state of emergency and requested federal assistance.
Meteorologists warned that heavy rainfall would continue through Wednesday evening.
Farmers reported that entire harvests of wheat and barley were lost to the water.
The national railway suspended service between the valley towns until further notice.
Hospitals in the provincial capital treated dozens of people for injuries and hypothermia.
Officials estimated the damage to roads and bridges at several million dollars."""

REWRITE = """On Monday, floodwaters rushed through the northern valley and destroyed hundreds of homes.
Forty residents were pulled by rescue teams from buildings that collapsed near the river bridge.
A state of emergency was declared by the regional governor, who asked for federal help.
Heavy rainfall will continue through Wednesday evening, meteorologists cautioned.
Entire wheat and barley harvests were lost to the water, farmers said.
Dozens of people were treated for injuries and hypothermia at hospitals in the provincial capital."""

SECOND_REWRITE = """Floodwaters tore through the northern valley Monday, wrecking hundreds of homes.
Rescue crews pulled forty residents out of collapsed buildings close to the river bridge.
The regional governor declared an emergency and sought federal assistance.
Rail service between the valley towns was suspended by the national railway.
Damage to roads and bridges was estimated by officials at several million dollars."""

SEPARATE = """The governor of the northern region visited shelters on Tuesday and met displaced families.
Volunteers from neighbouring provinces brought blankets, food and clean water to the valley.
Engineers began inspecting the river bridge, which was closed to traffic after the flood.
Insurance companies said claims from the valley could take months to process.
A local school reopened as a temporary clinic for residents with minor injuries.
Environmental groups blamed deforestation upstream for the severity of the flooding.
Farmers said their wheat and barley harvests were lost, and the railway has suspended service.
Forty residents were pulled from collapsed buildings on Monday, according to rescue teams."""


def run(articles, quotes=()):
    return find_reuse(articles, list(quotes), SimpleLemmatizer(), load_lexicon())


def pairs(found):
    return {(r.article_id, r.source_article_id) for r in found}


def test_a_rewrite_points_to_its_source_and_a_separate_report_to_nothing():
    found = run(
        [ArticleRecord("src", SOURCE), ArticleRecord("rw", REWRITE), ArticleRecord("sep", SEPARATE)]
    )
    assert pairs(found) == {("rw", "src")}
    (reuse,) = found
    assert reuse.direction == "fuller" and 0.6 <= reuse.score <= 1.0


def test_two_rewrites_of_one_source_are_not_rewrites_of_each_other():
    articles = [
        ArticleRecord("src", SOURCE),
        ArticleRecord("rw", REWRITE),
        ArticleRecord("rw2", SECOND_REWRITE),
    ]
    assert pairs(run(articles)) == {("rw", "src"), ("rw2", "src")}


@pytest.mark.parametrize(
    ("src_date", "rw_date", "expected", "direction"),
    [
        ("2024-02-07", "2024-02-08", ("rw", "src"), "published"),
        ("2024-02-09", "2024-02-08", ("src", "rw"), "published"),
        (None, "2024-02-08", ("rw", "src"), "fuller"),
        ("2024-02-08", "2024-02-08T10:00", ("rw", "src"), "fuller"),
    ],
)
def test_direction_from_dates_else_fullness(src_date, rw_date, expected, direction):
    found = run(
        [
            ArticleRecord("src", SOURCE, published=src_date),
            ArticleRecord("rw", REWRITE, published=rw_date),
        ]
    )
    assert pairs(found) == {expected}
    assert found[0].direction == direction


def test_fuller_means_more_quoted_words_of_shared_statements():
    quotes = [("rw", "s1", 30), ("src", "s1", 4), ("src", "s2", 50)]
    (reuse,) = run([ArticleRecord("src", SOURCE), ArticleRecord("rw", REWRITE)], quotes)
    assert (reuse.article_id, reuse.source_article_id, reuse.shared_statements) == ("src", "rw", 1)


def test_a_verbatim_copy_is_found_by_its_shingles():
    copy = SOURCE.replace("\n", " ")
    found = run(
        [
            ArticleRecord("src", SOURCE, published="2024-01-01"),
            ArticleRecord("copy", copy, published="2024-01-02"),
        ]
    )
    assert pairs(found) == {("copy", "src")}
    assert found[0].score == pytest.approx(1.0)


def test_articles_without_sentences_give_nothing():
    assert run([ArticleRecord("a", ""), ArticleRecord("b", "Top")]) == []


@pytest.mark.parametrize(
    ("quotes", "expected"),
    [
        # 30 quoted words against 4: the fuller version is the source.
        ([("rw", "s1", 4), ("src", "s1", 30)], ("rw", "src", "fuller")),
        # 11 against 10: too close to tell; the text lengths do not decide it either.
        # (The pair is then stored in id order, the smaller id as the source.)
        ([("rw", "s1", 11), ("src", "s1", 10)], ("src", "rw", "undetermined")),
    ],
)
def test_a_close_call_on_fullness_is_undetermined(quotes, expected):
    copy = SOURCE.replace("\n", " ")
    (reuse,) = run([ArticleRecord("src", SOURCE), ArticleRecord("rw", copy)], quotes)
    assert (reuse.article_id, reuse.source_article_id, reuse.direction) == expected


def test_sentences_matched_in_a_second_process_give_the_same_rewrites():
    """A build with several jobs matches sentences in a forked process meanwhile."""
    from quotes.drift.features import DriftMemo
    from quotes.drift.reuse import start_matching

    articles = [
        ArticleRecord("src", SOURCE, published="2024-03-04"),
        ArticleRecord("re1", REWRITE, published="2024-03-05"),
        ArticleRecord("re2", SECOND_REWRITE, published="2024-03-06"),
        ArticleRecord("sep", SEPARATE, published="2024-03-05"),
    ]
    lemmatizer, lexicon, memo = SimpleLemmatizer(), load_lexicon(), DriftMemo(jobs=2)
    start_matching(articles, lemmatizer, lexicon, memo)
    [running] = memo.sentences.values()
    assert type(running).__name__ == "_Matching"
    found = find_reuse(articles, [], lemmatizer, lexicon, memo)
    assert found == run(articles)
    assert pairs(found) == {("re1", "src"), ("re2", "src")}
    [kept] = memo.sentences.values()
    assert isinstance(kept, tuple)  # collected once, kept for drift's rerun
    assert find_reuse(articles, [], lemmatizer, lexicon, memo) == found
