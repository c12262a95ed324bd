"""The PolNeAR benchmark's scoring, on tiny hand-made examples (no data, no spaCy)."""

import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.polnear import (
    TRIM_CHARS,
    Counts,
    Gold,
    Pred,
    align,
    article_errors,
    check_offsets,
    count,
    gold_attributions,
    is_match,
    load_gold,
    metrics,
    outer,
    overlap,
    parse_brat,
    select_articles,
    sentence_around,
    trim,
)
from benchmarks.polnear_strict import (
    StrictCounts,
    count_strict,
    fragments,
    greedy_pairs,
    strict_metrics,
)

TEXT = (
    'Smith said, "We will win the vote." Critics argue the plan fails.\n'
    '"We will," Jones said, "lose the vote." Rain fell all day.'
)


def sp(sub, nth=0):
    """The character span of the nth occurrence of `sub` in TEXT."""
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(sub, start + 1)
    return (start, start + len(sub))


def pred(sub, source=None, kind="speech", nth=0):
    return Pred(*sp(sub, nth), kind=kind, source=[sp(source)] if source else [])


GOLD_SMITH = Gold([sp('"We will win the vote."')], [sp("said")], [sp("Smith")])
GOLD_CRITICS = Gold([sp("the plan fails")], [sp("argue")], [sp("Critics")])
GOLD_JONES = Gold([sp('"We will,"'), sp('"lose the vote."')], [sp("said", 1)], [sp("Jones")])
GOLD_NO_SOURCE = Gold([sp("Rain fell all day")])
GOLDS = [GOLD_SMITH, GOLD_CRITICS]

ANN = """\
T1\tSource 0 5\tSmith
T2\tCue 6 10\tsaid
T3\tContent 12 35\t"We will win the vote."
T4\tAttribution 6 10\tsaid
E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1
T5\tContent 66 76;89 105\t"We will," "lose the vote."
T6\tCue 83 87\tsaid
T7\tAttribution-no-source 83 87\tsaid
E2\tCue:T6 Content:T5 Attribution-no-source:T7 \n\
T8\tDiscuss 106 110\tRain
#1\tAnnotatorNotes T8\tA note "with quotes"
T9\tContent 36 43\tCritics
T10\tContent 50 65\tthe plan fails.
continued text on its own line
E3\tAttribution:T4 Content:T9 Content2:T10 Cue:T2
E4\tAttribution:T4 Cue:T2 Source:T1
E5\tAttribution:T4 Content:T99 Cue:T2
"""


def test_parse_brat_reads_spans_roles_and_skips_other_lines():
    bounds, events = parse_brat(ANN)
    assert set(bounds) == {f"T{i}" for i in range(1, 11)}
    assert bounds["T5"].spans == [(66, 76), (89, 105)]
    assert bounds["T8"].label == "Discuss"
    assert events[0] == {"Attribution": ["T4"], "Content": ["T3"], "Cue": ["T2"], "Source": ["T1"]}
    assert events[2]["Content"] == ["T9", "T10"]  # Content2 is folded into Content
    assert len(events) == 5


def test_gold_attributions_one_per_event_with_content():
    golds = gold_attributions(*parse_brat(ANN))
    assert golds == [
        Gold([(12, 35)], [(6, 10)], [(0, 5)]),
        Gold([(66, 76), (89, 105)], [(83, 87)], []),  # Attribution-no-source: no source
        Gold([(36, 43), (50, 65)], [(6, 10)], []),
    ]  # E4 has no content and E5 only an unknown id: neither is a gold attribution


def test_ann_offsets_match_the_sample_text():
    bounds, _ = parse_brat(ANN)
    assert check_offsets(bounds, TEXT) == 0


@pytest.mark.parametrize(
    ("ann", "expected_bad", "expected_spans"),
    [
        ("T1\tSource 0 5\tSmith\n", 0, [(0, 5)]),
        ("T1\tSource 2 7\tSmith\n", 1, [(0, 5)]),  # off by two: counted, then realigned
        ("T1\tSource 0 5\tNobody\n", 1, [(0, 5)]),  # not found anywhere: counted, left alone
        ('T1\tContent 12 20;21 24\t"We will win\n', 0, [(12, 20), (21, 24)]),
        ('T1\tContent 12 35\t"We will\nwin the vote."\n', 0, [(12, 35)]),  # wrapped text
        ("T1\tSource 0 5\t\n", 0, [(0, 5)]),  # no text to check against
    ],
)
def test_check_offsets_counts_and_repairs_mismatches(ann, expected_bad, expected_spans):
    bounds, _ = parse_brat(ann)
    assert check_offsets(bounds, TEXT) == expected_bad
    assert bounds["T1"].spans == expected_spans


def test_load_gold_and_select_articles_pick_the_first_annotator(tmp_path):
    for sub in ("text", "attributions"):
        (tmp_path / sub).mkdir()
    (tmp_path / "text" / "b_art_x.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "text" / "a_art.txt").write_text("Nothing here.", encoding="utf-8")
    (tmp_path / "attributions" / "b_art_x_ff00.ann").write_text("", encoding="utf-8")
    (tmp_path / "attributions" / "b_art_x_4e07.ann").write_text(ANN, encoding="utf-8")
    (tmp_path / "attributions" / "a_art_5fec.ann").write_text("", encoding="utf-8")
    (tmp_path / "attributions" / "orphan_5fec.ann").write_text(ANN, encoding="utf-8")
    articles = select_articles(tmp_path)
    assert [(n, t.name, a.name) for n, t, a in articles] == [
        ("a_art", "a_art.txt", "a_art_5fec.ann"),
        ("b_art_x", "b_art_x.txt", "b_art_x_4e07.ann"),
    ]
    assert [n for n, _, _ in select_articles(tmp_path, limit=1)] == ["a_art"]
    text, golds, bad = load_gold(*articles[1][1:])
    assert (text, len(golds), bad) == (TEXT, 3, 0)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ([(0, 10)], [(5, 15)], 5),
        ([(0, 10)], [(10, 20)], 0),
        ([(0, 4), (10, 14)], [(2, 12)], 4),
        ([(0, 10)], [], 0),
    ],
)
def test_overlap(a, b, expected):
    assert overlap(a, b) == expected


@pytest.mark.parametrize(
    ("gold", "prediction", "expected"),
    [
        ([(0, 10)], (0, 10), True),
        ([(0, 10)], (5, 10), True),  # exactly half of the gold
        ([(0, 10)], (6, 10), False),  # less than half of the gold
        ([(0, 10)], (0, 20), True),  # exactly half of the prediction inside the gold
        ([(0, 10)], (0, 21), False),  # most of the prediction outside the gold
        ([(0, 10)], (10, 20), False),  # adjacent, not overlapping
        ([(0, 10)], (5, 5), False),  # empty prediction
        ([(0, 4), (10, 14)], (0, 14), True),  # discontinuous gold, gap inside the prediction
        ([(0, 4), (10, 14)], (0, 4), True),  # one fragment of two equal ones
        ([(0, 4), (10, 14)], (0, 3), False),
        ([(0, 2), (20, 22)], (0, 22), False),  # the gap is most of the prediction
    ],
)
def test_is_match(gold, prediction, expected):
    assert is_match(gold, prediction) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"Hello."', "Hello"),
        ("\u201cHello,\u201d ", "Hello"),
        ("\u2018tis\u2019", "tis"),
        ("\u00abBonjour\u00bb", "Bonjour"),
        ("(It is.)", "It is"),
        ("\u2014that's it\u2014", "that's it"),
        ("plain words", "plain words"),
        ("  ...  ", ""),
    ],
)
def test_trim(text, expected):
    s, e = trim(text, (0, len(text)))
    assert text[s:e] == expected


def test_outer_spans_discontinuous_fragments():
    assert outer([(3, 5), (9, 12)]) == (3, 12)


C = Counts  # gold, found, preds, correct, exact_found, exact_correct, sourced, source_ok


@pytest.mark.parametrize(
    ("golds", "preds", "expected"),
    [
        pytest.param(
            GOLDS,
            [pred("We will win the vote", "Smith"), pred("the plan fails", "Critics")],
            C(2, 2, 2, 2, 2, 2, 2, 2),
            id="perfect, quotation marks and full stop trimmed",
        ),
        pytest.param(GOLDS, [], C(2, 0, 0, 0, 0, 0, 0, 0), id="no predictions"),
        pytest.param([], [pred("Rain fell")], C(0, 0, 1, 0, 0, 0, 0, 0), id="no gold"),
        pytest.param(
            GOLDS, [pred("Rain fell all day", "Smith")], C(2, 0, 1, 0, 0, 0, 0, 0), id="unrelated"
        ),
        pytest.param(
            GOLDS, [Pred(0, len(TEXT), source=[sp("Smith")])], C(2, 0, 1, 0, 0, 0, 0, 0), id="huge"
        ),
        pytest.param(GOLDS, [pred("We will")], C(2, 0, 1, 0, 0, 0, 0, 0), id="too short"),
        pytest.param(
            GOLDS,
            [pred("We will win the", "Smith")],
            C(2, 1, 1, 1, 0, 0, 1, 1),
            id="overlap but not exact",
        ),
        pytest.param(
            GOLDS, [pred("the plan fails", "Smith")], C(2, 1, 1, 1, 1, 1, 1, 0), id="wrong source"
        ),
        pytest.param(
            GOLDS, [pred("the plan fails")], C(2, 1, 1, 1, 1, 1, 1, 0), id="no speaker mention"
        ),
        pytest.param(
            GOLDS,
            [pred("Critics argue the plan fails", "Critics")],
            C(2, 1, 1, 1, 0, 0, 1, 1),
            id="speaker overlaps the content",
        ),
        pytest.param(
            [GOLD_CRITICS],
            [pred("plan fails", "Critics"), pred("the plan fails.", "Smith")],
            C(1, 1, 2, 2, 1, 1, 1, 0),
            id="source from the prediction with the largest overlap",
        ),
        pytest.param(
            [GOLD_SMITH, GOLD_SMITH],
            [pred("We will win the vote", "Smith")],
            C(2, 2, 1, 1, 2, 1, 2, 2),
            id="one prediction, two gold attributions of the same content",
        ),
        pytest.param(
            [GOLD_NO_SOURCE],
            [pred("Rain fell all day", "Smith")],
            C(1, 1, 1, 1, 1, 1, 0, 0),
            id="gold without source: no source score",
        ),
        pytest.param(
            [GOLD_JONES],
            [pred('We will," Jones said, "lose the vote', "Jones")],
            C(1, 1, 1, 1, 1, 1, 1, 1),
            id="discontinuous gold, exact from first start to last end",
        ),
        pytest.param(
            [GOLD_JONES],
            [pred("lose the vote", "Jones")],
            C(1, 1, 1, 1, 0, 0, 1, 1),
            id="discontinuous gold, larger fragment only",
        ),
        pytest.param(
            [GOLD_JONES], [pred("We will", "Jones", nth=1)], C(1, 0, 1, 0, 0, 0, 0, 0), id="small"
        ),
    ],
)
def test_align_and_count(golds, preds, expected):
    assert count(align(golds, preds, TEXT)) == expected


def test_align_reports_which_prediction_matches_each_gold():
    preds = [pred("Rain fell"), pred("plan fails", "Critics"), pred("the plan fails", "Smith")]
    al = align(GOLDS, preds, TEXT)
    assert al.gold_match == [None, 2]
    assert al.pred_correct == [False, True, True]
    assert al.source_ok == [None, False]


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        (C(4, 2, 2, 1, 1, 1, 2, 1), (0.5, 0.5, 0.5, 0.5, 1 / 3, 0.5)),
        (C(4, 4, 4, 4, 4, 4, 3, 3), (1.0, 1.0, 1.0, 1.0, 1.0, 1.0)),
        (C(4, 0, 0, 0, 0, 0, 0, 0), (0.0, 0.0, 0.0, 0.0, 0.0, 0.0)),  # no division by zero
        (C(0, 0, 3, 0, 0, 0, 0, 0), (0.0, 0.0, 0.0, 0.0, 0.0, 0.0)),
    ],
)
def test_metrics(counts, expected):
    m = metrics(counts)
    got = (m["precision"], m["recall"], m["f1"], m["exact_precision"], m["exact_f1"])
    assert got + (m["source_accuracy"],) == pytest.approx(expected)


def test_counts_add_up_micro_average():
    total = Counts()
    total += C(2, 1, 3, 1, 0, 0, 1, 1)
    total += C(1, 1, 0, 0, 0, 0, 0, 0)
    assert total == C(3, 2, 3, 1, 0, 0, 1, 1)
    assert metrics(total)["recall"] == pytest.approx(2 / 3)


@pytest.mark.parametrize(
    ("sents", "spans", "expected"),
    [
        ([(0, 35), (36, 65)], [sp("the plan fails")], "Critics argue the plan fails."),
        ([(0, 35), (36, 65)], [sp("win"), sp("plan")], TEXT[:65]),
        ([], [sp("Rain")], TEXT[66:]),  # no sentences: the line
        ([], [sp("plan")], TEXT[:65]),
    ],
)
def test_sentence_around(sents, spans, expected):
    assert sentence_around(TEXT, sents, spans) == expected


def test_article_errors_lists_misses_false_positives_and_wrong_sources():
    preds = [pred("Rain fell all day", "Smith"), pred("the plan fails", "Smith")]
    dump = article_errors("art", TEXT, [], GOLDS, preds)
    assert dump.startswith("## art\n")
    assert 'MISSED     "We will win the vote."\n  cue: said | source: Smith\n' in dump
    assert "FALSE POS  Rain fell all day\n  cue: - | speaker: Smith" in dump
    assert "WRONG SRC  the plan fails\n  gold: Critics | predicted: Smith" in dump
    assert "MISSED     the plan fails" not in dump


def test_article_errors_is_empty_when_all_is_right():
    preds = [pred("We will win the vote", "Smith"), pred("the plan fails", "Critics")]
    assert article_errors("art", TEXT, [], GOLDS, preds) == ""


def test_scoring_module_does_not_import_spacy():
    code = "import sys, benchmarks.polnear; assert 'spacy' not in sys.modules, 'spacy imported'"
    root = Path(__file__).resolve().parents[1]
    subprocess.run([sys.executable, "-c", code], cwd=root, check=True)


S = StrictCounts  # gold, preds, matched, exact, sourced, source_ok


@pytest.mark.parametrize(
    ("golds", "preds", "expected"),
    [
        pytest.param(
            GOLDS,
            [pred("We will win the vote", "Smith"), pred("the plan fails", "Critics")],
            S(2, 2, 2, 2, 2, 2),
            id="perfect",
        ),
        pytest.param(
            [GOLD_CRITICS],
            [pred("plan fails", "Critics"), pred("the plan fails.", "Smith")],
            S(1, 2, 1, 1, 1, 0),
            id="overlapping duplicate is a false positive; largest overlap wins",
        ),
        pytest.param(
            [GOLD_SMITH, GOLD_SMITH],
            [pred("We will win the vote", "Smith")],
            S(2, 1, 1, 1, 1, 1),
            id="one prediction finds one gold only",
        ),
        pytest.param(
            [GOLD_JONES],
            [Pred(*sp("We will", 1), source=[sp("Jones")], extra=[sp("lose the vote")])],
            S(1, 1, 1, 1, 1, 1),
            id="split quote halves sharing a cue: one prediction, exact on the fragments",
        ),
        pytest.param(
            [GOLD_JONES],
            [pred('We will," Jones said, "lose the vote', "Jones")],
            S(1, 1, 1, 0, 1, 1),
            id="the reporter's words between fragments are not exact",
        ),
        pytest.param(GOLDS, [], S(2, 0, 0, 0, 0, 0), id="no predictions"),
    ],
)
def test_strict_counts(golds, preds, expected):
    assert count_strict(golds, preds, TEXT) == expected


def test_fragments_join_across_whitespace_and_trim():
    text = '"One two.\n\nThree four," he said.'
    assert fragments(text, [(0, 9), (11, 22)], TRIM_CHARS) == [(1, 21)]
    assert fragments(text, [(0, 1)], TRIM_CHARS) == []


def test_greedy_pairs_are_one_to_one_largest_first():
    assert greedy_pairs([(5, 0, 0), (9, 0, 1), (7, 1, 1), (3, 1, 0)]) == [(0, 1), (1, 0)]


def test_strict_metrics():
    m = strict_metrics(S(4, 2, 2, 1, 2, 1))
    assert (m["precision"], m["recall"], m["exact_f1"], m["source_accuracy"]) == pytest.approx(
        (1.0, 0.5, 1 / 3, 0.5)
    )


def test_readme_accuracy_block_is_regenerated_from_reports():
    from benchmarks.readme_accuracy import END, START, block, rewrite

    metrics_ = {
        "precision": 0.5,
        "recall": 0.25,
        "f1": 1 / 3,
        "exact_f1": 0.2,
        "source_accuracy": 0.9,
    }
    entry = {"metrics": metrics_, "counts": {"gold": 4}}
    report = {
        "split": "dev",
        "articles": 2,
        "model": "m",
        "textacy_failures": 1,
        "systems": {"quotes": entry},
        "strict": {"quotes": entry},
    }
    readme = f"intro\n{START}\nold figures\n{END}\noutro\n"
    new = rewrite(readme, block([report]))
    assert new.startswith("intro\n" + START) and new.endswith(END + "\noutro\n")
    assert "old figures" not in new
    assert "| dev | quotes | strict | 50.0% | 25.0% | 33.3% | 20.0% | 90.0% |" in new
    assert "| dev | quotes | lenient | 50.0% | 25.0% | 33.3% | 20.0% | 90.0% |" in new
    assert "- dev: 2 articles, 4 gold attributions, model m; textacy raised on 1" in new
    cv = {"folds": 5, "metrics": metrics_, "fold_f1": [31.0, 35.5, 33.0]}
    assert (
        "- train, 5-fold cross-validated (the scorer fitted on the other folds), quotes, strict: "
        "content F1 33.3% (folds 31.0% to 35.5%), exact F1 20.0%, source acc. 90.0%\n"
    ) in block([report], cv)
