"""Web debris around an article (`quotes.boilerplate.find_debris`): which lines are skipped."""

import pytest

from quotes.boilerplate import find_debris


def debris_lines(text):
    return [text[start:end] for start, end in find_debris(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # an appeal to the reader, in the page's own words
        (
            "The strike killed three people.\nSupport our work: donate today and help us report.",
            ["Support our work: donate today and help us report."],
        ),
        (
            "Sign up for our newsletter to get the news first.",
            ["Sign up for our newsletter to get the news first."],
        ),
        # a fundraising story whose "we" is a source's, inside quotation marks
        (
            'The campaign sent a fundraising email. "We need everyone to step up," the email said.',
            [],
        ),
        ("The “we” in “we donate” is theirs, the fundraiser said.", []),
        # an appeal word with no reader addressed is article text
        ("The senator's fundraising lagged in March.", []),
        # a header opens a list of links
        (
            "The vote is Tuesday.\nRelated\nA headline\nAnother headline",
            ["Related", "A headline", "Another headline"],
        ),
    ],
)
def test_debris(text, expected):
    assert debris_lines(text) == expected
