"""One unnamed source named twice in one article (issue 8, "one identity per source").

An indefinite mention ("a lawmaker who spoke with Reuters") is the unnamed source quoted
earlier when its role is a synonym, no qualifier conflicts, and both spoke to the same
outlet. Nothing else ties two unnamed sources: another outlet, no outlet, "another"/"a
second", a conflicting qualifier or an unrelated role keep them apart.
"""

from __future__ import annotations

import pytest

import quotes
from quotes.audience import introduces_another, told_whom

PARLIAMENT = "anonymous member of Parliament"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (  # synonymous role, same outlet: one source
            "An anonymous member of Parliament told Reuters that the vote was rigged. "
            "According to a lawmaker who spoke with Reuters, the count was stopped early.",
            [
                ("that the vote was rigged", PARLIAMENT, "An anonymous member of Parliament"),
                ("the count was stopped early.", PARLIAMENT, "a lawmaker"),
            ],
        ),
        (  # the later mention says less, nothing that conflicts
            "A senior official told CBS News that talks had stalled. "
            "An official who spoke to CBS News said that no date was set.",
            [
                ("that talks had stalled", "senior official", "A senior official"),
                ("that no date was set", "senior official", "An official"),
            ],
        ),
        (  # cue after the content, "informed" and "told" the same outlet
            "A legislator informed the Associated Press that the vote was rigged. "
            "The count was stopped early, a lawmaker told the Associated Press.",
            [
                ("that the vote was rigged", "legislator", "A legislator"),
                ("The count was stopped early", "legislator", "a lawmaker"),
            ],
        ),
        (  # "another": someone else, whatever the outlet
            "A member of Parliament told Reuters that the vote was rigged. "
            "Another lawmaker told Reuters that the count was stopped early.",
            [
                ("that the vote was rigged", "member of Parliament", "A member of Parliament"),
                ("that the count was stopped early", "another lawmaker", "Another lawmaker"),
            ],
        ),
        (  # one role noun: "another" keeps the second source a row of its own
            "An official told Reuters that the talks had stalled. "
            "Another official told Reuters that no date was set.",
            [
                ("that the talks had stalled", "official", "An official"),
                ("that no date was set", "another official", "Another official"),
            ],
        ),
        (  # "a second official"
            "A senior official told Reuters that the talks had stalled. "
            "A second official told Reuters that no date was set.",
            [
                ("that the talks had stalled", "senior official", "A senior official"),
                ("that no date was set", "second official", "A second official"),
            ],
        ),
        (  # another outlet
            "A member of Parliament told Reuters that the vote was rigged. "
            "According to a lawmaker who spoke with CBS News, the count was stopped early.",
            [
                ("that the vote was rigged", "member of Parliament", "A member of Parliament"),
                ("the count was stopped early.", "lawmaker", "a lawmaker"),
            ],
        ),
        (  # no outlet: nothing ties them
            "A member of Parliament said that the vote was rigged. "
            "A lawmaker said that the count was stopped early.",
            [
                ("that the vote was rigged", "member of Parliament", "A member of Parliament"),
                ("that the count was stopped early", "lawmaker", "A lawmaker"),
            ],
        ),
        (  # qualifiers that conflict
            "A Republican lawmaker told CNN that the bill would pass. "
            "A Democratic lawmaker told CNN that it would fail.",
            [
                ("that the bill would pass", "Republican lawmaker", "A Republican lawmaker"),
                ("that it would fail", "Democratic lawmaker", "A Democratic lawmaker"),
            ],
        ),
        (  # roles that are not synonyms
            "An official told Reuters that the talks had stalled. "
            "A lawmaker told Reuters that no date was set.",
            [
                ("that the talks had stalled", "official", "An official"),
                ("that no date was set", "lawmaker", "A lawmaker"),
            ],
        ),
    ],
)
def test_an_unnamed_source_told_the_same_outlet_is_one_source(text, found):
    extracted = quotes.extract(text)
    got = [
        (q.text, q.speaker, q.speaker_mention.text if q.speaker_mention else None)
        for q in extracted
    ]
    assert got == found
    assert [q.speaker_kind for q in extracted] == ["anonymous"] * len(found)


@pytest.fixture(scope="module")
def nlp():
    from quotes.nlp import load_pipeline

    return load_pipeline()


@pytest.mark.parametrize(
    ("text", "told"),
    [
        ("A lawmaker told CBS News that the vote was rigged.", "cbs news"),
        ("According to a lawmaker who spoke with CBS News, the vote was rigged.", "cbs news"),
        ("An aide explained to the Associated Press that talks had stalled.", "associated press"),
        ("A lawmaker told reporters that talks had stalled.", None),  # nobody named
        ("A lawmaker criticized Reuters for the report.", None),  # not spoken to
        ("A lawmaker said that talks had stalled.", None),
    ],
)
def test_told_whom(nlp, text, told):
    doc = nlp(text)
    head = next(t for t in doc if t.lemma_ in ("lawmaker", "aide"))
    assert told_whom(head) == told


@pytest.mark.parametrize(
    ("phrase", "another"),
    [
        ("another lawmaker", True),
        ("a second official", True),
        ("other officials", True),
        ("a lawmaker", False),
        ("an anonymous member of Parliament", False),
    ],
)
def test_introduces_another(nlp, phrase, another):
    assert introduces_another(nlp(phrase)[:]) is another
