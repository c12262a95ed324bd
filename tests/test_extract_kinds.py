"""Speech versus reactions, and the short and split constructions of issue 8, on hand-written
sentences: every quote extracted is listed (type, kind, exact text, speaker), nothing else."""

import pytest

import quotes


def found(text):
    return [(q.type, q.kind, q.text, q.speaker) for q in quotes.extract(text)]


# A content that only names what the source acted on is a reaction; a proposition is speech.
KINDS = [
    pytest.param(
        "Yehia Rasool condemned the strike on Tuesday.",
        [("indirect", "reaction", "the strike", "Yehia Rasool")],
        id="condemned-a-thing",
    ),
    pytest.param(
        "Benjamin Netanyahu rejected a proposal from the mediators.",
        [("indirect", "reaction", "a proposal from the mediators", "Benjamin Netanyahu")],
        id="rejected-a-proposal",
    ),
    pytest.param(
        "Anna Berg expressed growing discontent.",
        [("indirect", "reaction", "growing discontent", "Anna Berg")],
        id="expressed-discontent",
    ),
    pytest.param(
        "Ali Hassan attacked ships in the harbour.",
        [("indirect", "reaction", "ships", "Ali Hassan")],
        id="attacked-ships",
    ),
    pytest.param(
        "Anna Berg issued a rebuke of the drone strike.",
        [("indirect", "reaction", "a rebuke of the drone strike", "Anna Berg")],
        id="issued-a-rebuke",
    ),
    pytest.param(
        "Senator Tom Reyes authorized military action against the militias.",
        [("indirect", "reaction", "military action against the militias", "Tom Reyes")],
        id="authorized-action",
    ),
    pytest.param(
        "Maria Lopez criticized the council for its delays.",
        [("indirect", "reaction", "the council for its delays", "Maria Lopez")],
        id="criticized-for-a-reason",
    ),
    pytest.param(
        "Maria Lopez accused the council of hiding the report.",
        [("indirect", "speech", "the council of hiding the report", "Maria Lopez")],
        id="accused-x-of-y-is-speech",
    ),
    pytest.param(
        "Anna Berg denied any role in the attacks.",
        [("indirect", "speech", "any role in the attacks", "Anna Berg")],
        id="denied-a-role-is-speech",
    ),
    pytest.param(
        "Tom Reyes described the strike as a violation of sovereignty.",
        [("indirect", "speech", "the strike as a violation of sovereignty", "Tom Reyes")],
        id="described-x-as-y-is-speech",
    ),
    pytest.param(
        "Tom Reyes deems the strike a violation of sovereignty.",
        [("indirect", "speech", "the strike a violation of sovereignty", "Tom Reyes")],
        id="deems-x-a-y-is-speech",
    ),
    pytest.param(
        "Tom Reyes vowed to continue the investigation.",
        [("indirect", "speech", "to continue the investigation", "Tom Reyes")],
        id="vowed-to-is-speech",
    ),
    pytest.param(
        'Yehia Rasool called it a "blatant assassination" on Tuesday.',
        [("direct", "speech", "blatant assassination", "Yehia Rasool")],
        id="called-it-a-quoted-name-is-speech",
    ),
    pytest.param(
        "Yehia Rasool condemned the strike that killed two commanders.",
        [("indirect", "reaction", "the strike that killed two commanders", "Yehia Rasool")],
        id="a-relative-clause-still-names-the-thing",
    ),
    pytest.param(
        "Fuad Hussein expressed his support for restarting talks with the coalition.",
        [
            (
                "indirect",
                "speech",
                "his support for restarting talks with the coalition",
                "Fuad Hussein",
            )
        ],
        id="support-for-a-clause-is-speech",
    ),
    pytest.param(
        "Anna Berg expressed the hope that talks would resume.",
        [("indirect", "speech", "the hope that talks would resume", "Anna Berg")],
        id="a-noun-with-a-that-clause-is-speech",
    ),
    pytest.param(
        "The senator appeared to be referring to the attack.",
        [("indirect", "speech", "The senator appeared to be referring to the attack", None)],
        id="a-raising-verb-takes-its-subject-and-names-no-source",
    ),
    pytest.param("The senator appeared on television on Sunday.", [], id="appeared-on-is-no-cue"),
]

CONSTRUCTIONS = [
    pytest.param(
        "Maria Lopez, the committee chair, faced reporters on Monday. "
        '"No," she said. "The committee will not resign over this."',
        [
            ("direct", "speech", "No", "Maria Lopez"),
            ("direct", "speech", "The committee will not resign over this.", "Maria Lopez"),
        ],
        id="split-quote-with-a-one-word-first-half",
    ),
    pytest.param(
        '"Yes," Anna Berg said, "we will."',
        [("direct", "speech", "Yes", "Anna Berg"), ("direct", "speech", "we will.", "Anna Berg")],
        id="one-word-half-before-the-cue",
    ),
    pytest.param(
        '"Absolutely not," said Tom Reyes.',
        [("direct", "speech", "Absolutely not", "Tom Reyes")],
        id="two-word-quote-inverted-cue",
    ),
    pytest.param(
        '"Never," Tom Reyes said.',
        [("direct", "speech", "Never", "Tom Reyes")],
        id="one-word-quote",
    ),
    pytest.param(
        '"Get out of here!" cried Tom Baker.',
        [("direct", "speech", "Get out of here!", "Tom Baker")],
        id="cried",
    ),
    pytest.param(
        '"This is outrageous!" exclaimed the mayor, Tom Reyes.',
        [("direct", "speech", "This is outrageous!", "Tom Reyes")],
        id="exclaimed-inverted-with-apposition",
    ),
    pytest.param(
        '"Did you see him?" Anna Berg yelled at the guards.',
        [("direct", "speech", "Did you see him?", "Anna Berg")],
        id="yelled",
    ),
    pytest.param(
        "Tom Reyes muttered that the vote was rigged.",
        [("indirect", "speech", "that the vote was rigged", "Tom Reyes")],
        id="muttered-that",
    ),
    pytest.param(
        '"We will not pay," Anna Berg repeated.',
        [("direct", "speech", "We will not pay", "Anna Berg")],
        id="repeated",
    ),
    pytest.param(
        '"Release the prisoners now," demanded Anna Berg.',
        [("direct", "speech", "Release the prisoners now", "Anna Berg")],
        id="demanded-quotation",
    ),
    pytest.param(
        "Anna Berg demanded that the prisoners be released.",
        [("indirect", "speech", "that the prisoners be released", "Anna Berg")],
        id="demanded-that",
    ),
    pytest.param(
        "Anna Berg wants to sign up five million voters, focusing on people under 30.",
        [("indirect", "belief", "to sign up five million voters", "Anna Berg")],
        id="trailing-participle-gloss-left-out",
    ),
    pytest.param(
        "The talks will resume on Monday, according to Anna Berg.",
        [("indirect", "speech", "The talks will resume on Monday", "Anna Berg")],
        id="according-to-at-the-end-is-not-content",
    ),
    pytest.param(
        'Anna Berg said that "the committee will not resign over this."',
        [("mixed", "speech", 'that "the committee will not resign over this."', "Anna Berg")],
        id="that-before-the-quotation-is-mixed",
    ),
    pytest.param(
        "Climate change, Anna Berg often says, is the greatest threat facing the world.",
        [
            ("indirect", "speech", "Climate change", "Anna Berg"),
            ("indirect", "speech", "is the greatest threat facing the world.", "Anna Berg"),
        ],
        id="indirect-content-around-a-parenthetical-cue-in-two-halves",
    ),
    pytest.param(
        "Nasser Kanaani made it clear that Iran would respond.",
        [("indirect", "speech", "that Iran would respond", "Nasser Kanaani")],
        id="made-it-clear-that",
    ),
    pytest.param(
        "Anna Berg made clear she would not resign.",
        [("indirect", "speech", "she would not resign", "Anna Berg")],
        id="made-clear-a-clause",
    ),
    pytest.param(
        "The ministry made clear its opposition to the plan.",
        [("indirect", "speech", "its opposition to the plan", "ministry")],
        id="made-clear-a-noun-phrase",
    ),
    pytest.param("The storm made the roads clear of traffic.", [], id="made-x-clear-nothing-said"),
    pytest.param(
        "Prices, Anna Berg told reporters on Monday, will rise sharply next year.",
        [
            ("indirect", "speech", "Prices", "Anna Berg"),
            ("indirect", "speech", "will rise sharply next year.", "Anna Berg"),
        ],
        id="told-a-listener-set-into-the-clause",
    ),
    pytest.param(
        "The emails covered a variety of topics, the Times said, including speeches and meetings.",
        [
            ("indirect", "speech", "The emails covered a variety of topics", "The New York Times"),
            ("indirect", "speech", "including speeches and meetings.", "The New York Times"),
        ],
        id="including-after-the-reporting-clause-is-no-gloss",
    ),
    pytest.param(
        "His nonprofit group, called the Virginia Conservation Legacy Fund, will still own the "
        "property until it pays back the loan.",
        [],
        id="called-names-a-group",
    ),
    # Negative cases: a short quoted word with no cue, and 'cried' with nothing said.
    pytest.param('The so-called "reform" passed on Monday.', [], id="scare-quote-no-cue"),
    pytest.param("Tom Reyes lost the vote. He cried for an hour.", [], id="cried-weeping"),
    pytest.param("Tom Reyes said that.", [], id="a-lone-that-is-no-content"),
    pytest.param("The branch snapped and the dogs barked.", [], id="snapped-barked-nothing-said"),
]


@pytest.mark.parametrize(("text", "expected"), KINDS + CONSTRUCTIONS)
def test_exactly_these_quotes(text, expected):
    assert found(text) == expected


def test_split_quote_halves_share_one_attribution():
    text = 'Maria Lopez spoke on Monday. "No," she said. "The committee will not resign."'
    first, second = quotes.extract(text)
    assert first.attribution is not None and first.attribution == second.attribution
    assert (first.cue, second.cue) == ("said", None)


def test_reactions_stay_out_of_the_table_output(tmp_path):
    from click.testing import CliRunner

    from quotes.cli import cli

    article = tmp_path / "a.txt"
    article.write_text(
        "Yehia Rasool condemned the strike on Tuesday. Anna Berg denied any role in the attacks.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["extract", str(article), "--format", "table"])
    assert result.exit_code == 0
    assert result.output == "a.txt\tindirect\tAnna Berg\tany role in the attacks\n"


def test_indirect_halves_around_a_cue_share_one_attribution():
    first, second = quotes.extract("Climate change, Anna Berg says, is the greatest threat.")
    assert first.attribution is not None and first.attribution == second.attribution
    assert first.cue == second.cue == "says"
