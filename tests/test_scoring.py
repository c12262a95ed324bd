"""The candidate scorer: a logistic model over symbolic features, weights shipped as data."""

import math

import pytest

from quotes.scoring import THRESHOLD, CandidateScorer, load_scorer, scorer_data, scorer_from_data


@pytest.mark.parametrize(
    "bias, weights, features, expected",
    [
        (0.0, {}, ["lemma=say"], 0.5),
        (0.0, {"lemma=say": 2.0}, ["lemma=say"], 0.8808),
        (1.0, {"lemma=show": -3.0}, ["lemma=show", "unseen=1"], 0.1192),
        (0.5, {"a": 0.25, "b": 0.25}, ["a", "b"], 0.7311),
    ],
)
def test_probability(bias, weights, features, expected):
    assert CandidateScorer(bias, weights).probability(features) == pytest.approx(expected, abs=1e-4)


def test_keep_follows_the_threshold():
    assert CandidateScorer(5.0, {}).keep([])[0] is True
    assert CandidateScorer(-5.0, {}).keep([])[0] is False


def _features(lemma, relation, quote_type, speaker_kind):
    return [
        f"lemma={lemma}",
        f"relation={relation}",
        f"lemma+relation={lemma}|{relation}",
        "form=verb",
        f"type={quote_type}",
        f"speaker_kind={speaker_kind}",
        f"relation+type={relation}|{quote_type}",
    ]


@pytest.mark.parametrize(
    "likely, unlikely",
    [
        (("say", "ccomp", "direct", "person"), ("show", "dobj", "indirect", "unknown")),
        (("say", "ccomp", "indirect", "person"), ("expect", "xcomp", "indirect", "unknown")),
        (("tell", "ccomp", "indirect", "anonymous"), ("discuss", "dobj", "indirect", "group")),
    ],
)
def test_shipped_model_prefers_reported_speech(likely, unlikely):
    scorer = load_scorer()
    assert scorer.probability(_features(*likely)) > scorer.probability(_features(*unlikely))
    assert scorer.keep(_features(*likely))[0]
    assert 0 < THRESHOLD < 1


def test_choose_takes_the_likeliest_extent_and_keeps_it_by_the_threshold():
    scorer = CandidateScorer(0.0, {"extent=sentence_end": 2.0, "extent=parse": -1.0})
    index, keep, probability = scorer.choose([["extent=parse"], ["extent=sentence_end"]])
    assert (index, keep) == (1, True)
    assert probability == pytest.approx(1 / (1 + math.exp(-2.0)))
    index, keep, _ = CandidateScorer(-5.0, {}).choose([["a"], ["b"]])
    assert (index, keep) == (0, False)  # a tie keeps the parse's extent, the first


def test_choice_weights_pick_the_extent_and_the_model_weighs_it():
    scorer = CandidateScorer(0.0, {"extent=parse": 3.0}, {"break=in": 1.0, "extent=parse": -1.0})
    index, keep, probability = scorer.choose([["extent=parse"], ["break=in"]])
    assert (index, keep, probability) == (1, True, 0.5)  # chosen by `choice`, not likelier
    index, _, probability = scorer.choose([["extent=parse"], ["other"]], [(0, 5), (0, 9)])
    assert (index, probability) == (1, 0.5)
    tie = CandidateScorer(0.0, {}, {"unrelated": 1.0})
    assert tie.choose([["a"], ["b"]])[0] == 0  # a tie keeps the parse's extent, the first


def test_one_extent_is_weighed_without_the_choice_weights():
    scorer = CandidateScorer(-5.0, {}, {"a": 10.0})
    assert scorer.choose([["a"]]) == (0, False, pytest.approx(1 / (1 + math.exp(5.0))))


def test_scorer_data_round_trips():
    scorer = CandidateScorer(-0.5, {"a": 1.0}, {"b": -2.0})
    again = scorer_from_data(scorer_data(scorer))
    assert (again.bias, again.weights, again.choice) == (-0.5, {"a": 1.0}, {"b": -2.0})
    assert scorer_from_data({"bias": 1, "weights": {}}).choice == {}  # files before the choice
