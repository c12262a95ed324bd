"""SpeakerRelations: the relation of `relation`, each speaker's names worked out once."""

from __future__ import annotations

import pytest

from quotes.drift import speakers
from quotes.drift.lexicon import load_lexicon
from quotes.drift.records import SpeakerRef
from quotes.drift.speakers import DIFFERENT, SAME, VAGUER, SpeakerRelations

RASOOL = SpeakerRef("yehia-rasool", "Yehia Rasool", "person")
OTHERS = [
    (SpeakerRef("rasool", "Rasool", "person"), SAME),
    (SpeakerRef("y-rasool", "Y. Rasool", "person"), SAME),
    (SpeakerRef("yehia-rasool", "Yehia Rasool", "person"), SAME),
    (SpeakerRef("iraqi-officials", "Iraqi officials", "group"), VAGUER),
    (SpeakerRef(None, None, "unknown"), VAGUER),
    (SpeakerRef("iraq", "Iraq", "organization"), VAGUER),
    (SpeakerRef("x", "A spokesperson for the Iraqi Armed Forces", "person"), VAGUER),
    (SpeakerRef("toossi", "Sina Toossi", "person"), DIFFERENT),
    (SpeakerRef("m-rasool", "Mohammed Rasool Ali", "person"), DIFFERENT),
    (SpeakerRef("he", "he", "person", ("he", "Rasool")), SAME),
]


@pytest.mark.parametrize(("other", "expected"), OTHERS)
def test_relations_match_the_one_pair_function_both_ways(other, expected):
    relations = SpeakerRelations(load_lexicon())
    assert relations.relation(RASOOL, other) == expected
    assert relations.relation(other, RASOOL) == expected
    assert speakers.relation(RASOOL, other) == expected
    assert speakers.relation(other, RASOOL) == expected


def test_each_name_is_worked_out_once(monkeypatch):
    calls: list[str] = []
    real = speakers.name_tokens

    def counting(name, lexicon=None):
        calls.append(name)
        return real(name, lexicon)

    monkeypatch.setattr(speakers, "name_tokens", counting)
    relations = SpeakerRelations(load_lexicon())
    found = [relations.relation(RASOOL, other) for other, _ in OTHERS for _ in range(3)]
    assert found == [expected for _, expected in OTHERS for _ in range(3)]
    assert sorted(calls) == sorted(set(calls))
    assert set(calls) == {
        "Yehia Rasool",
        "Rasool",
        "Y. Rasool",
        "Iraqi officials",
        "Iraq",
        "A spokesperson for the Iraqi Armed Forces",
        "Sina Toossi",
        "Mohammed Rasool Ali",
        "he",  # its words decide whether it is vague; as a name it is a pronoun, left out
    }


def test_specificity_and_vagueness():
    relations = SpeakerRelations(load_lexicon())
    assert relations.specificity(RASOOL) == 3
    assert relations.specificity(SpeakerRef("iraq", "Iraq", "organization")) == 2
    assert relations.specificity(SpeakerRef("o", "Iraqi officials", "group")) == 1
    assert relations.specificity(SpeakerRef(None, None, "unknown")) == 0
    assert relations.is_vague(SpeakerRef("x", "A spokesperson for the army", "person"))
    assert not relations.is_vague(RASOOL)
