"""Putting the stages together: cues, content, sources, quotation marks, speakers."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from .boilerplate import find_debris, in_ranges
from .colons import colon_attributions
from .content import content_range, is_reaction
from .coref import Resolution, SpeakerResolver
from .cues import Cue, find_cues
from .doc_cache import analyses_doc, doc_ents, doc_text, overlapping, span_noun_chunks
from .duplicates import deduplicate
from .extents import Extent, content_extents, nested_flags
from .marks import QuotedSpan, find_quoted_spans
from .model import Mention, Quote
from .rules import Rules
from .scoring import CandidateScorer, candidate_features, load_scorer
from .sources import noun_phrase, relative_subject, source_head

# Share of a content that quotation marks must cover for the quote to count as direct.
DIRECT_SHARE = 0.6
# A sentence end: not after a capital initial ("Ronald R. Fieldstone", "U.S.").
_SENTENCE_END = re.compile(r"(?<![A-Z])[.!?][\"”’]?\s+(?=[\"“A-Z])")
# A quoted span this long is a quotation, not a scare-quoted phrase.
MIN_QUOTATION_WORDS = 3


@dataclass
class _Candidate:
    cue: Cue
    start: int
    end: int
    head: Token | None
    sentence: Span
    relation: str
    extents: tuple[Extent, ...] = ()
    nested: bool = False

    def bounded(self, extent: Extent) -> _Candidate:
        return replace(self, start=extent.start, end=extent.end)


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def _words(text: str) -> int:
    return len(text.split())


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim spaces and a trailing comma from a quoted span's inside."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;"):
        end -= 1
    return start, end


def _inside_quotation(token: Token, quoted: list[QuotedSpan], text: str) -> bool:
    """A cue inside a long quotation belongs to the quoted speaker's own words."""
    return any(
        q.start <= token.idx < q.end and _words(text[q.start : q.end]) >= MIN_QUOTATION_WORDS
        for q in overlapping(quoted, token.idx, token.idx + 1)
    )


def _candidates(doc: Doc, rules: Rules, quoted: list[QuotedSpan], debris: list) -> list[_Candidate]:
    """Every cue with a content in its sentence."""
    found = []
    text = doc_text(doc)
    for sentence in doc.sents:
        if in_ranges(sentence.start_char, debris):
            continue
        cues = find_cues(sentence, rules)
        in_sentence = []
        for cue in cues:
            if _inside_quotation(cue.token, quoted, text):
                continue
            span = content_range(cue, rules)
            head = source_head(cue)
            # Without a source there is no attribution, unless the passive hides it ("it was reported").
            if span is None or (head is None and not _passive(cue.token)):
                continue
            start, end, relation = span
            extents = content_extents(text, sentence, cue, start, end, relation, cues)
            in_sentence.append(
                _Candidate(cue, start, end, head, sentence, relation, tuple(extents))
            )
        nested = nested_flags([(c.start, c.end) for c in in_sentence])
        found += [replace(c, nested=flag) for c, flag in zip(in_sentence, nested, strict=True)]
    for cue, start, end, head in colon_attributions(doc, rules):
        if not in_ranges(start, debris):
            found.append(_Candidate(cue, start, end, head, cue.token.sent, "colon"))
    found.sort(key=lambda c: c.cue.start)
    return found


def _via(cue: Cue, head: Token | None) -> str | None:
    """'told CBS News', 'a lawmaker who spoke with CBS News': the outlet in between."""
    places: list[Token] = []
    if cue.token.lemma_.lower() == "tell":
        places += [c for c in cue.token.children if c.dep_ in ("dative", "dobj")]
    for verb in [cue.token] + ([head] if head is not None else []):
        for child in verb.subtree:
            if child.dep_ == "pobj" and child.head.lower_ in ("with", "to"):
                governor = child.head.head
                if governor.lemma_.lower() in ("speak", "talk", "interview"):
                    places.append(child)
    for place in places:
        if place.ent_type_ == "ORG":
            ent = next(e for e in doc_ents(place.doc) if e.start <= place.i < e.end)
            return ent.text
    return None


def _mention(head: Token) -> Mention:
    phrase = noun_phrase(head) if head.pos_ != "PRON" else head.doc[head.i : head.i + 1]
    return Mention(phrase.text, phrase.start_char, phrase.end_char)


def _quote(
    kind: str,
    start: int,
    end: int,
    text: str,
    cue: Cue | None,
    resolution: Resolution | None,
    mention: Mention | None,
    via: str | None,
    sentence: Span,
    confidence: float,
    attribution: int | None = None,
    quote_kind: str | None = None,
) -> Quote:
    speaker = resolution.speaker if resolution else None
    return Quote(
        type=kind,
        text=text[start:end],
        start=start,
        end=end,
        kind=quote_kind or (cue.kind if cue else "speech"),
        cue=cue.text if cue else None,
        cue_start=cue.start if cue else None,
        cue_end=cue.end if cue else None,
        speaker=speaker.name if speaker else None,
        speaker_kind=speaker.kind if speaker else "unknown",
        speaker_mention=mention,
        speaker_title=resolution.title if resolution else None,
        speaker_aliases=list(speaker.aliases) if speaker else [],
        via=via,
        confidence=confidence,
        context_start=sentence.start_char,
        context_end=sentence.end_char,
        attribution=attribution,
    )


def _split_by_marks(
    candidate: _Candidate, quoted: list[QuotedSpan]
) -> tuple[str, list[QuotedSpan]]:
    """'direct' when marks cover most of the content, 'mixed' when some, else 'indirect'.

    Several quoted fragments woven into the reporter's words are mixed; two quotations
    on either side of their own cue ('"…," he said, "…"') are direct.
    """
    near = overlapping(quoted, candidate.start, candidate.end)
    inside = [q for q in near if _overlap(q.start, q.end, candidate.start, candidate.end) > 0]
    covered = sum(_overlap(q.start, q.end, candidate.start, candidate.end) for q in inside)
    length = max(1, candidate.end - candidate.start)
    if not inside:
        return "indirect", inside
    split_by_cue = all(
        left.outer_end <= candidate.cue.start < right.open_at
        for left, right in zip(inside, inside[1:], strict=False)
    )
    if covered >= DIRECT_SHARE * length and (len(inside) == 1 or split_by_cue):
        if len(inside) == 1 and _has_lead_in(candidate, inside[0]):
            return "mixed", inside  # 'said that "…"': the reporter's words belong to it
        return "direct", inside
    return "mixed", inside


def _around_cue(text: str, candidate: _Candidate) -> list[tuple[int, int]]:
    """'Climate change, Mr. Obama says, is the greatest threat': the content on either side of
    a cue set into it, as two halves of one attribution (like a split quotation)."""
    cue = candidate.cue
    if not candidate.relation.startswith("^") or not candidate.start < cue.start < candidate.end:
        return [(candidate.start, candidate.end)]
    clause = list(cue.token.subtree)
    left_end = min(t.idx for t in clause)
    right_start = max(t.idx + len(t) for t in clause)
    while left_end > candidate.start and text[left_end - 1] in " ,—–-\n":
        left_end -= 1
    while right_start < candidate.end and text[right_start] in " ,—–-\n":
        right_start += 1
    halves = [(candidate.start, left_end), (right_start, candidate.end)]
    if all(any(c.isalnum() for c in text[a:b]) for a, b in halves):
        return halves
    return [(candidate.start, candidate.end)]


def _with_closing_mark(text: str, end: int, inside: list[QuotedSpan]) -> int:
    """A content ending on a quotation's last words keeps its closing mark ('that "… ridiculous."')."""
    for quoted in inside:
        if quoted.close_at is not None and end <= quoted.close_at:
            if not text[end : quoted.close_at].strip(" .,;!?"):
                return quoted.outer_end
    return end


_SUBORDINATORS = ("that", "whether", "if", "how", "why", "what", "when")


def _has_lead_in(candidate: _Candidate, quoted: QuotedSpan) -> bool:
    """Words of the content outside the one quotation, not counting the cue's own words."""
    text = doc_text(candidate.cue.token.doc)
    outside = text[candidate.start : quoted.open_at] + text[quoted.outer_end : candidate.end]
    if candidate.start <= candidate.cue.start < candidate.end:
        return False
    words = [w for w in outside.split() if any(char.isalpha() for char in w)]
    # 'said that "…"': the complementizer is the reporter's and opens the content.
    return len(words) == 1 and words[0].lower() in _SUBORDINATORS


def _paragraph_bounds(text: str, position: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return start, (len(text) if end < 0 else end)


# Relations the hand-written rules stand behind: the scorer only weighs what else the parse offers.
_HAND_RELATIONS = ("ccomp", "object+complement", "^parataxis", "that-clause", "quotation-after")


def _by_hand_rule(candidate: _Candidate, rules: Rules) -> bool:
    """'X said that …', 'according to X', 'X denounced Y as Z', 'X: …': constructions the
    rules name explicitly, kept whatever the learned scorer thinks of the verb."""
    cue = candidate.cue
    if cue.form in ("according", "colon", "adjective"):
        return True
    lemma = cue.token.lemma_.lower()
    if cue.form != "verb":
        return False
    if candidate.relation == "xcomp":
        return lemma in rules.infinitive_verbs
    return lemma in rules.speech_verbs and candidate.relation in _HAND_RELATIONS


def _bounded(
    candidate: _Candidate,
    quoted: list[QuotedSpan],
    resolution: Resolution | None,
    scorer: CandidateScorer,
) -> tuple[_Candidate, str, list[QuotedSpan], bool, float]:
    """The candidate at the extent the scorer finds likeliest, its quote type and marks inside,
    and whether to keep it with what probability."""
    options = [candidate.bounded(e) for e in candidate.extents] or [candidate]
    extras = [e.features for e in candidate.extents] or [()]
    marks = [_split_by_marks(option, quoted) for option in options]
    features = [
        _features(option, kind, resolution) + list(extra)
        for option, (kind, _), extra in zip(options, marks, extras, strict=True)
    ]
    spans = [(option.start, option.end) for option in options]
    index, keep, probability = scorer.choose(features, spans)
    kind, inside = marks[index]
    return options[index], kind, inside, keep, probability


def _passive(token: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)


def _features(candidate: _Candidate, quote_type: str, resolution: Resolution | None) -> list[str]:
    cue = candidate.cue
    return candidate_features(
        cue.token,
        cue.form,
        candidate.relation,
        quote_type,
        cue.kind,
        candidate.head,
        resolution.speaker.kind if resolution else "unknown",
        cue.token.doc.char_span(candidate.start, candidate.end, alignment_mode="expand"),
    ) + ([f"nested|{candidate.relation}", f"nested|{quote_type}"] if candidate.nested else [])


@analyses_doc
def extract_quotes(doc: Doc, rules: Rules, scorer: CandidateScorer | None = None) -> list[Quote]:
    """Every attributed quote in `doc`, in document order.

    `scorer` decides which candidate attributions to keep (default: the shipped model);
    it is asked once per candidate, in document order.
    """
    scorer = scorer or rules.scorer or load_scorer()
    text = doc_text(doc)
    debris = find_debris(text, rules)
    quoted = [q for q in find_quoted_spans(text) if not in_ranges(q.start, debris)]
    resolver = SpeakerResolver(doc, rules)
    quotes: list[Quote] = []
    claimed: set[QuotedSpan] = set()
    for number, candidate in enumerate(_candidates(doc, rules, quoted, debris)):
        cue, head = candidate.cue, candidate.head
        resolution = resolver.resolve_head(head) if head is not None else None
        relative = relative_subject(cue)
        mention = _mention(relative if relative is not None else head) if head is not None else None
        via = _via(cue, head)
        candidate, kind, inside, keep, probability = _bounded(candidate, quoted, resolution, scorer)
        if not (keep or _by_hand_rule(candidate, rules)):
            continue
        confidence = probability * (resolution.confidence if resolution else 0.3)
        # Direct: each quotation not claimed yet; otherwise the content around the cue.
        if kind == "direct":
            spans = [_strip_span(text, q.start, q.end) for q in inside if q not in claimed]
            quote_kind = None
        else:
            spans = [
                (start, _with_closing_mark(text, end, inside))
                for start, end in _around_cue(text, candidate)
            ]
            reaction = kind == "indirect" and is_reaction(cue, candidate.relation, rules)
            quote_kind = "reaction" if reaction else None
        claimed.update(inside)
        for start, end in spans:
            quotes.append(
                _quote(
                    kind,
                    start,
                    end,
                    text,
                    cue,
                    resolution,
                    mention,
                    via,
                    candidate.sentence,
                    confidence,
                    attribution=number,
                    quote_kind=quote_kind,
                )
            )
        if resolution is not None:
            resolver.remember(candidate.sentence.start_char, resolution.speaker)
    quotes.extend(_unclaimed_quotes(doc, rules, quoted, claimed, quotes, resolver))
    quotes.sort(key=lambda q: (q.start, q.end))
    return deduplicate(quotes)


def _unclaimed_quotes(
    doc: Doc,
    rules: Rules,
    quoted: list[QuotedSpan],
    claimed: set[QuotedSpan],
    quotes: list[Quote],
    resolver: SpeakerResolver,
) -> list[Quote]:
    """Quotations with no cue of their own: after a colon, or continuing an earlier quote."""
    text = doc_text(doc)
    added: list[Quote] = []
    next_number = 1 + max((q.attribution for q in quotes if q.attribution is not None), default=-1)
    # A quotation running on over paragraphs is attributed where it ends: walk back from there.
    for span in reversed(quoted):
        if span not in claimed and span.close_at is None:
            found = _runs_into(text, span, quotes + added)
            if found is not None:
                added.append(found)
                claimed = claimed | {span}
    for span in quoted:
        if span in claimed:
            continue
        found = (
            _after_colon(doc, rules, span, resolver)
            or _signed(doc, span, resolver)
            or _after_speech_verb(doc, rules, span, resolver, quotes + added)
            or _before_speech_verb(doc, rules, span, resolver, quotes + added)
        )
        if found is None and _is_sentence_like(text, span):
            found = _continuation(text, span, quotes + added)
        if found is not None:
            if found.attribution is None and found.cue is not None:
                # A cue of its own: a new attribution, which continuations then share.
                found.attribution = next_number
                next_number += 1
            added.append(found)
    return added


def _is_sentence_like(text: str, span: QuotedSpan) -> bool:
    """A quotation that could stand alone: a few words, not a title or scare quote."""
    inner = text[span.start : span.end].strip()
    return _words(inner) >= 3 or inner.endswith((".", "!", "?"))


def _after_colon(
    doc: Doc, rules: Rules, span: QuotedSpan, resolver: SpeakerResolver
) -> Quote | None:
    """'Iraq army official condemns …: "Blatant assassination"' / 'Rasool said: "…"'."""
    text = doc_text(doc)
    before = text[: span.open_at].rstrip()
    if not before.endswith(":"):
        return None
    colon = len(before) - 1
    sentence = doc.char_span(colon, colon + 1, alignment_mode="expand")
    if sentence is None:
        return None
    sent = sentence[0].sent
    cue = next((c for c in find_cues(sent, rules) if c.token.i < sentence[0].i), None)
    head = source_head(cue) if cue is not None else None
    if head is None:
        return None
    return _quotation(text, span, cue, resolver.resolve_head(head), head, sent)


def _after_speech_verb(
    doc: Doc, rules: Rules, span: QuotedSpan, resolver: SpeakerResolver, quotes: list[Quote]
) -> Quote | None:
    """'X denounces the attack … as a "clear act of assassination"' where the parser lost the
    link: a quotation ending its sentence after a speech verb that has a source before it."""
    words = doc.char_span(span.start, span.end, alignment_mode="expand")
    if words is None or not len(words):
        return None
    sentence = words[0].sent
    after = doc_text(doc)[span.outer_end : sentence.end_char].strip()
    if after.strip(".,;!?”\"'’ "):
        return None  # the sentence goes on: the quotation is not what the verb reports
    # A verb that already introduced a quote is not the lost link ('said X on "Meet the Press"').
    used = {q.cue_start for q in quotes}
    verbs = [
        t
        for t in doc[sentence.start : words[0].i]
        if t.pos_ == "VERB" and t.lemma_.lower() in rules.speech_verbs and t.idx not in used
    ]
    if not verbs:
        return None
    verb = verbs[0]
    head = source_head(Cue(verb, verb.idx, verb.idx + len(verb), "speech", "verb"))
    if head is None:
        # No parsed subject: the noun phrase that opens the sentence.
        chunk = next(span_noun_chunks(doc[sentence.start : verb.i]), None)
        head = chunk.root if chunk is not None else None
    if head is None:
        return None
    cue = Cue(verb, verb.idx, verb.idx + len(verb), "speech", "verb")
    resolution = resolver.resolve_head(head)
    lead = doc_text(doc)[cue.end : span.open_at].strip(" ,:;\t")
    if not any(char.isalnum() for char in lead):
        return _quotation(doc_text(doc), span, cue, resolution, head, sentence)
    # The reporter's words between the verb and the marks belong to the content: mixed.
    start = doc_text(doc).index(lead, cue.end)
    end = _strip_span(doc_text(doc), span.start, span.end)[1]
    end = end + 1 if span.close_at == end else end  # keep the closing mark with the fragment
    return _quote(
        "mixed",
        start,
        end,
        doc_text(doc),
        cue,
        resolution,
        _mention(head),
        None,
        sentence,
        resolution.confidence * 0.7,
    )


def _before_speech_verb(
    doc: Doc, rules: Rules, span: QuotedSpan, resolver: SpeakerResolver, quotes: list[Quote]
) -> Quote | None:
    """'"…," Rep. Jane Doe (D-Md.) said in an interview.' where the parser made the quotation's
    last words the verb's subject: the source and verb follow the closing mark. A short
    quotation ('"No," she said.') counts when its punctuation hands it to the cue."""
    if span.close_at is None:
        return None
    if not (_is_sentence_like(doc_text(doc), span) or _hands_over(doc_text(doc), span)):
        return None
    paragraph_end = _paragraph_bounds(doc_text(doc), span.outer_end)[1]
    tail = doc.char_span(span.outer_end, paragraph_end, alignment_mode="contract")
    if tail is None:
        return None
    used = {q.cue_start for q in quotes}
    for token in tail:
        if token.text in (".", "?", "!"):
            break  # the cue must stand in the quotation's own sentence
        if token.pos_ != "VERB" or token.lemma_.lower() not in rules.speech_verbs:
            continue
        # Inverted ('"…," exclaimed the mayor'), the parser may take the source for an object.
        inverted = ("nsubj", "dobj") if token.i == tail[0].i else ("nsubj",)
        subject = next(
            (c for c in token.children if c.dep_ in inverted and c.idx > span.close_at), None
        )
        if token.idx in used:
            # '"Yes," Berg said, "we will."': the first half of the quote the cue introduced.
            second = [q for q in quotes if q.cue_start == token.idx and q.start > span.close_at]
            if second and second[0].type == "direct" and second[0].speaker:
                return _same_speaker(doc_text(doc), span, second[0])
            return None
        if subject is None:
            return None
        cue = Cue(token, token.idx, token.idx + len(token), "speech", "verb")
        return _quotation(
            doc_text(doc), span, cue, resolver.resolve_head(subject), subject, token.sent
        )
    return None


def _hands_over(text: str, span: QuotedSpan) -> bool:
    """'"No," she said' / '"Never!" cried …': a comma, '!' or '?' closes the quotation."""
    inner = text[span.start : span.end].rstrip()
    after = text[span.outer_end : span.outer_end + 2].lstrip()
    return bool(inner) and (inner[-1] in ",!?" or after[:1] == ",")


def _signed(doc: Doc, span: QuotedSpan, resolver: SpeakerResolver) -> Quote | None:
    """'"…" ― Carla Sanchez': a quotation signed with a dash and a name ending its paragraph."""
    text = doc_text(doc)
    _, para_end = _paragraph_bounds(text, span.outer_end)
    tail = text[span.outer_end : para_end]
    stripped = tail.strip()
    if not stripped or stripped[0] not in "―—–-" or len(stripped.split()) > 6:
        return None
    name = doc.char_span(
        span.outer_end + tail.index(stripped[0]) + 1, para_end, alignment_mode="contract"
    )
    if name is None or not len(name) or not any(t.pos_ == "PROPN" for t in name):
        return None
    dash = span.outer_end + tail.index(stripped[0])
    mark = doc.char_span(dash, dash + 1, alignment_mode="expand")[0]
    cue = Cue(mark, dash, dash + 1, "speech", "signature")
    return _quotation(text, span, cue, resolver.resolve_head(name.root), name.root, name.sent)


def _quotation(
    text: str,
    span: QuotedSpan,
    cue: Cue,
    resolution: Resolution,
    head: Token,
    sentence: Span,
) -> Quote:
    """A direct quote found by its surroundings rather than the parse: a little less sure."""
    start, end = _strip_span(text, span.start, span.end)
    return _quote(
        "direct",
        start,
        end,
        text,
        cue,
        resolution,
        _mention(head),
        None,
        sentence,
        resolution.confidence * 0.8,
    )


def _runs_into(text: str, span: QuotedSpan, quotes: list[Quote]) -> Quote | None:
    """An unclosed quotation whose next paragraph opens with the quote that carries the cue."""
    _, para_end = _paragraph_bounds(text, span.open_at)
    following = [q for q in quotes if q.start > para_end and q.type == "direct" and q.speaker]
    if not following:
        return None
    after = min(following, key=lambda q: q.start)
    if text[para_end : after.start].strip() not in ('"', "“", "'", "‘", "''", "``"):
        return None
    return _same_speaker(text, span, after)


def _continuation(text: str, span: QuotedSpan, quotes: list[Quote]) -> Quote | None:
    """A quoted sentence right after a quote, in its paragraph or the next, is the same speaker's."""
    earlier = [q for q in quotes if q.end <= span.open_at and (q.speaker or q.speaker_mention)]
    if not earlier:
        return None
    previous = max(earlier, key=lambda q: q.end)
    if previous.type == "indirect":
        # '"…," DuVernay said, emphasizing why …. "…"': the cue's sentence may report more.
        quoted = [q for q in earlier if q.type != "indirect"]
        if not quoted or max(quoted, key=lambda q: q.end).speaker != previous.speaker:
            return None
        previous = max(quoted, key=lambda q: q.end)
    para_start, _ = _paragraph_bounds(text, span.open_at)
    prev_para_start, _ = _paragraph_bounds(text, previous.start)
    same_paragraph = prev_para_start == para_start
    next_paragraph = (
        text[previous.end : para_start].count("\n") <= 2
        and text[para_start : span.open_at].strip() == ""
    )
    if not (same_paragraph or next_paragraph):
        return None
    # Unquoted prose between the two would carry its own speech, unless it is the cue's sentence.
    between = text[previous.end : span.open_at]
    cue_between = previous.cue_start is not None and previous.cue_start >= previous.end
    ends = len(_SENTENCE_END.findall(between))
    if _words(between) > 12 and not (cue_between and ends <= 1):
        return None
    # A run-on (unclosed) quotation continues only a run-on quotation.
    if span.close_at is None and not same_paragraph:
        return None
    return _same_speaker(text, span, previous)


def _same_speaker(text: str, span: QuotedSpan, previous: Quote) -> Quote:
    """A quotation with no cue of its own, given to the speaker of the quote it belongs with."""
    start, end = _strip_span(text, span.start, span.end)
    return Quote(
        type="direct",
        text=text[start:end],
        start=start,
        end=end,
        kind=previous.kind,
        speaker=previous.speaker,
        speaker_kind=previous.speaker_kind,
        speaker_mention=previous.speaker_mention,
        speaker_title=previous.speaker_title,
        speaker_aliases=list(previous.speaker_aliases),
        via=previous.via,
        confidence=round(previous.confidence * 0.85, 3),
        context_start=_paragraph_bounds(text, span.open_at)[0],
        context_end=_paragraph_bounds(text, span.open_at)[1],
        attribution=previous.attribution,
    )
