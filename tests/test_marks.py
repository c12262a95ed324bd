"""Pairing quotation marks into quoted spans (`quotes.marks.find_quoted_spans`)."""

import pytest

from quotes.marks import find_quoted_spans

# Every mark that may open or close a quoted span.
MARKS = "\"'“”‘’«»„「」"


def inside(text):
    """The words inside each quoted span, in order."""
    return [text[span.start : span.end] for span in find_quoted_spans(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # straight double quotes
        ('The coach said "we will be back" after the loss.', ["we will be back"]),
        ('"We lost," he said, "but we will be back."', ["We lost,", "but we will be back."]),
        ('Fans chanted "Go home!" and left.', ["Go home!"]),
        # curly double quotes
        ("The coach said “we will be back” after the loss.", ["we will be back"]),
        ("“We lost,” he said, “but we will be back.”", ["We lost,", "but we will be back."]),
        # curly and straight in one text
        ('“One,” she said.\n"Two," he said.', ["One,", "Two,"]),
        # one quotation opened with one kind and closed with the other
        ('“We lost," he said. "We will be back.”', ["We lost,", "We will be back."]),
        ('"We lost,” he said.', ["We lost,"]),
        ("“It is unusual,“ said Larry Noble. “Very.“", ["It is unusual,", "Very."]),
        # Swedish and Finnish print the closing mark on both sides
        ("”Vi vinner,” sa hon.", ["Vi vinner,"]),
        # doubled straight apostrophes as double quotes; single quotes nest inside them
        ("''We lost,'' he said, ''but we will be back.''", ["We lost,", "but we will be back."]),
        ("''They told us 'no' twice,'' she said.", ["They told us 'no' twice,"]),
        ("A 6'' pipe burst under the street.", []),
        # other pairs from the rules
        ("Il a répondu «jamais» hier.", ["jamais"]),
        ("Er sagte „nein“ gestern.", ["nein"]),
        # single quotes as quotation marks, as in headlines
        ("Minister calls budget 'a disaster' for schools", ["a disaster"]),
        ("Whoopi Goldberg is vile as Miss Hannigan in ‘Annie’ stage return", ["Annie"]),
        # an inner single-quoted phrase stays inside the outer double quote
        ("\"He told me 'never again,'\" she said.", ["He told me 'never again,'"]),
        # apostrophes inside words are not marks
        ("Kata'ib Hezbollah's leader said \"we're ready\" today.", ["we're ready"]),
        ("Kata’ib Hezbollah’s leader said “we’re ready” today.", ["we’re ready"]),
        ("Iran's minister said \"it's over\" and O'Brien didn't agree.", ["it's over"]),
        ("Nobody's sure and they don't care.", []),
        # possessives, singular and plural
        ('The teachers\' union said "enough is enough."', ["enough is enough."]),
        ("The teachers’ union said “enough is enough.”", ["enough is enough."]),
        ("Hamas' attack and Iran’s response", []),
        ("James' car and the Joneses' house were both sold.", []),
        # leading apostrophes (elisions) are not openers that swallow later marks
        ('Music from the \'90s is back, the singer said "we love it."', ["we love it."]),
        ("The rock 'n' roll band said \"thank you\" twice.", ["thank you"]),
        ("In the '90s the band's hit 'Run' topped the charts.", ["Run"]),
        # inch marks and other stray straight quotes
        ('A 6" pipe burst under the street.', []),
        ('A 6" pipe burst.\n"Water was everywhere," he said.', ["Water was everywhere,"]),
        # empty and mark-free text
        ("", []),
        ("No quotation marks here.", []),
        ('""', []),
    ],
)
def test_pairs(text, expected):
    assert inside(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # an unclosed mark is limited to its paragraph: later paragraphs pair normally
        ('He said "we will win.\nThe vote is "close" now.', ["close"]),
        ("He said “we will win.\nThe vote is “close” now.", ["close"]),
        ('He said "we will win.\n\nLater "one" and "two" came.', ["one", "two"]),
        # an odd number of marks in one paragraph leaves the next paragraph alone
        ('"Yes," he said, and "no.\nShe said "maybe" then.', ["Yes,", "maybe"]),
        ("“Yes,” he said, and ”no.\nShe said “maybe” then.", ["Yes,", "maybe"]),
        # a closing mark without an opener, then a normal paragraph
        ('He left." The end.\n"Good," she said.', ["Good,"]),
        # an unclosed mark at the end of the document is no span
        ('He said "this never closes', []),
        ("He said “this never closes", []),
        # an unclosed paragraph followed by a paragraph without a mark does not run on
        ('He said "it began in May.\nNothing else happened.', []),
    ],
)
def test_unbalanced_marks_are_limited_to_their_paragraph(text, expected):
    assert inside(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # news convention: an unclosed paragraph followed by one opening with a mark runs on
        (
            "“First part,” he said. “Second part runs on.\n“And it ends here,” he added.",
            [("First part,", True), ("Second part runs on.", False), ("And it ends here,", True)],
        ),
        (
            '"It began in May.\n\n"It ended in June."',
            [("It began in May.", False), ("It ended in June.", True)],
        ),
        (
            "“One.\n“Two.\n“Three.”",
            [("One.", False), ("Two.", False), ("Three.", True)],
        ),
    ],
)
def test_run_on_paragraph_quotes(text, expected):
    spans = find_quoted_spans(text)
    assert [(text[s.start : s.end], s.close_at is not None) for s in spans] == expected


@pytest.mark.parametrize(
    "text",
    [
        '“We lost,” he said, “but we will be back.”\n"Yes," she said.',
        "“First part,” he said. “Second part runs on.\n“And it ends here,” he added.",
        "Kata'ib Hezbollah's leader said \"we're ready\" today.",
        'He said "we will win.\nThe vote is "close" now.',
        "''We lost,'' he said, ''but we will be back.''\n''It ran on.\n''Then ended.''",
    ],
)
def test_span_offsets(text):
    for span in find_quoted_spans(text):
        assert text[span.open_at : span.start] in (*MARKS, "''")
        if span.close_at is None:
            assert span.outer_end == span.end
            assert span.end == len(text) or text[span.end] == "\n"
        else:
            assert span.close_at == span.end
            assert text[span.close_at : span.outer_end] in (*MARKS, "''")
        assert text[span.start : span.end].strip()


@pytest.mark.parametrize(
    "text",
    [
        "'" * 7,
        '"' * 7,
        "“”‘’«»„" * 5,
        "'\"'\"\n\"'\n'",
        "don't' 'n' ''s '' \"\" \" ' ’ ‘",
        "\n\n\n",
        "”Backwards,“ he said.",
    ],
)
def test_never_raises_on_stray_marks(text):
    for span in find_quoted_spans(text):
        assert 0 <= span.start <= span.end <= len(text)
