"""Quotations with no cue of their own: after a colon, signed, next to a speech verb in
another sentence, or continuing an earlier quote of the same speaker."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.tokens import Doc, Span, Token

from .coref import Resolution, SpeakerResolver
from .cues import Cue, find_cues
from .doc_cache import doc_text, sentence_starts, span_noun_chunks
from .marks import QuotedSpan
from .model import Quote
from .quote_parts import count_words, make_quote, mention_of, paragraph_bounds, strip_span
from .rules import Rules
from .sources import source_head

# What may open a source's noun phrase, and the words that head one.
_PHRASE_OPENERS = ("DET", "PROPN", "NOUN", "PRON", "ADJ", "NUM")
_NOMINALS = ("PROPN", "NOUN", "PRON")


def unclaimed_quotes(
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
            found = _continuation(doc, span, quotes + added)
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
    return count_words(inner) >= 3 or inner.endswith((".", "!", "?"))


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
    end = strip_span(doc_text(doc), span.start, span.end)[1]
    end = span.outer_end if span.close_at == end else end  # keep the closing mark with the fragment
    return make_quote(
        "mixed",
        start,
        end,
        doc_text(doc),
        cue,
        resolution,
        mention_of(head),
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
    paragraph_end = paragraph_bounds(doc_text(doc), span.outer_end)[1]
    tail = doc.char_span(span.outer_end, paragraph_end, alignment_mode="contract")
    if tail is None:
        return None
    used = {q.cue_start for q in quotes}
    for token in tail:
        if token.text in (".", "?", "!"):
            break  # the cue must stand in the quotation's own sentence
        if token.pos_ != "VERB" or token.lemma_.lower() not in rules.speech_verbs:
            continue
        if token.idx in used:
            # '"Yes," Berg said, "we will."': the first half of the quote the cue introduced.
            second = [q for q in quotes if q.cue_start == token.idx and q.start > span.close_at]
            if second and second[0].type == "direct" and second[0].speaker:
                return _same_speaker(doc_text(doc), span, second[0])
            return None
        # Inverted ('"…," exclaimed the mayor'), the parser may take the source for an object.
        inverted = token.i == tail[0].i
        relations = ("nsubj", "dobj") if inverted else ("nsubj",)
        subject = next(
            (c for c in token.children if c.dep_ in relations and c.idx > span.close_at), None
        ) or _name_after_mark(doc, span, token, inverted)
        if subject is None:
            return None
        cue = Cue(token, token.idx, token.idx + len(token), "speech", "verb")
        return _quotation(
            doc_text(doc), span, cue, resolver.resolve_head(subject), subject, token.sent
        )
    return None


def _name_after_mark(doc: Doc, span: QuotedSpan, verb: Token, inverted: bool) -> Token | None:
    """'"…," William Daley, the former chief of staff, said' / '"…," said Robin Maynard, half
    joking': the noun phrase right after the closing mark, or right after the verb when it
    follows the mark (`inverted`), when the parser did not make it the verb's subject."""
    text = doc_text(doc)
    start = verb.idx + len(verb) if inverted else span.outer_end
    end = verb.sent.end_char if inverted else verb.idx
    words = doc.char_span(start, end, alignment_mode="contract")
    if words is None or not len(words) or text[start : words.start_char].strip(" ,"):
        return None
    if words[0].pos_ not in _PHRASE_OPENERS and not words[0].is_title:
        return None  # a capitalised word is a name, whatever the tagger made of it ('Tulsa')
    head = next((t for t in words if t.pos_ in _NOMINALS), None)
    # 'Gene Sperling': the name's last word, even when the parser hung the phrase elsewhere
    while head is not None and head.dep_ in ("compound", "flat") and head.head in words:
        head = head.head
    return head


def _hands_over(text: str, span: QuotedSpan) -> bool:
    """'"No," she said' / '"Never!" cried …': a comma, '!' or '?' closes the quotation."""
    inner = text[span.start : span.end].rstrip()
    after = text[span.outer_end : span.outer_end + 2].lstrip()
    return bool(inner) and (inner[-1] in ",!?" or after[:1] == ",")


def _signed(doc: Doc, span: QuotedSpan, resolver: SpeakerResolver) -> Quote | None:
    """'"…" ― Carla Sanchez': a quotation signed with a dash and a name ending its paragraph."""
    text = doc_text(doc)
    _, para_end = paragraph_bounds(text, span.outer_end)
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
    start, end = strip_span(text, span.start, span.end)
    return make_quote(
        "direct",
        start,
        end,
        text,
        cue,
        resolution,
        mention_of(head),
        None,
        sentence,
        resolution.confidence * 0.8,
    )


def _runs_into(text: str, span: QuotedSpan, quotes: list[Quote]) -> Quote | None:
    """An unclosed quotation whose next paragraph opens with the quote that carries the cue."""
    _, para_end = paragraph_bounds(text, span.open_at)
    following = [q for q in quotes if q.start > para_end and q.type == "direct" and q.speaker]
    if not following:
        return None
    after = min(following, key=lambda q: q.start)
    if text[para_end : after.start].strip() not in ('"', "“", "'", "‘", "''", "``"):
        return None
    return _same_speaker(text, span, after)


def _continuation(doc: Doc, span: QuotedSpan, quotes: list[Quote]) -> Quote | None:
    """A quoted sentence right after a quote, in its paragraph or the next, is the same speaker's."""
    text = doc_text(doc)
    earlier = [q for q in quotes if q.end <= span.open_at and (q.speaker or q.speaker_mention)]
    if not earlier:
        return None
    previous = max(earlier, key=lambda q: q.end)
    if previous.type == "indirect":
        # '"…," DuVernay said, emphasizing why …. "…"': the cue's sentence may report more,
        # its own speaker's or, in a description of the source, someone else's.
        quoted = [q for q in earlier if q.type != "indirect"]
        last_quoted = max(quoted, key=lambda q: q.end) if quoted else None
        glossed = last_quoted is not None and _in_cue_sentence(doc, last_quoted, previous)
        # 'Carter said that X. "That's because …"': a quotation opening the sentence after a
        # reported one goes on with it.
        goes_on = not text[previous.end : span.open_at].strip(". \n")
        if goes_on and not glossed:
            return _same_speaker(text, span, previous)
        if last_quoted is None or not (last_quoted.speaker == previous.speaker or glossed):
            return None
        previous = last_quoted
    para_start, _ = paragraph_bounds(text, span.open_at)
    prev_para_start, _ = paragraph_bounds(text, previous.start)
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
    ends = _sentence_starts(doc, previous.end, span.open_at)
    if count_words(between) > 12 and not (cue_between and ends <= 1):
        return None
    # A run-on (unclosed) quotation continues only a run-on quotation.
    if span.close_at is None and not same_paragraph:
        return None
    return _same_speaker(text, span, previous)


def _sentence_starts(doc: Doc, start: int, end: int) -> int:
    """How many of the parse's sentences start strictly between two character offsets."""
    starts = sentence_starts(doc)
    return max(0, bisect_left(starts, end) - bisect_right(starts, start))


def _in_cue_sentence(doc: Doc, quote: Quote, other: Quote) -> bool:
    """Whether `other` lies in the sentence of `quote`'s cue ('"…," said X, using a term Y
    used to describe Z.'), after the cue."""
    if quote.cue_start is None or other.start < quote.cue_start:
        return False
    return _sentence_starts(doc, quote.cue_start, other.start) == 0


def _same_speaker(text: str, span: QuotedSpan, previous: Quote) -> Quote:
    """A quotation with no cue of its own, given to the speaker of the quote it belongs with."""
    start, end = strip_span(text, span.start, span.end)
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
        context_start=paragraph_bounds(text, span.open_at)[0],
        context_end=paragraph_bounds(text, span.open_at)[1],
        attribution=previous.attribution,
    )
