"""Putting the stages together: cues, content, sources, quotation marks, speakers."""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from .audience import ADDRESSEE_VERBS
from .boilerplate import find_debris, in_ranges
from .colons import colon_attributions
from .content import content_range, cue_phrase, raised_subject
from .coref import Resolution, SpeakerResolver
from .cues import Cue, find_cues
from .doc_cache import analyses_doc, doc_ents, doc_text, overlapping
from .duplicates import deduplicate
from .extents import Extent, content_extents, nested_flags
from .marks import QuotedSpan, find_quoted_spans
from .model import Quote
from .quotations import unclaimed_quotes
from .quote_parts import count_words, make_quote, mention_of, strip_span
from .reactions import is_reaction
from .rules import Rules
from .scoring import CandidateScorer, candidate_features, load_scorer
from .sources import relative_subject, source_head

# Share of a content that quotation marks must cover for the quote to count as direct.
DIRECT_SHARE = 0.6
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


def _inside_quotation(token: Token, quoted: list[QuotedSpan], text: str) -> bool:
    """A cue inside a long quotation belongs to the quoted speaker's own words."""
    return any(
        q.start <= token.idx < q.end and count_words(text[q.start : q.end]) >= MIN_QUOTATION_WORDS
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
            if span is None:
                continue
            start, end, relation = span
            # A raising verb's subject is in the content ("the plan seems to …"): no source.
            raised = raised_subject(cue, relation, rules) is not None
            head = None if raised else source_head(cue)
            # Without a source there is no attribution, unless the passive hides it ("it was reported").
            if head is None and not (raised or _passive(cue.token)):
                continue
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
    if cue.token.lemma_.lower() in ADDRESSEE_VERBS:
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


def _around_cue(text: str, candidate: _Candidate, rules: Rules) -> list[tuple[int, int]]:
    """'Climate change, Mr. Obama says, is the greatest threat': the content on either side of
    a cue set into it, as two halves of one attribution (like a split quotation)."""
    cue = candidate.cue
    if not candidate.relation.startswith("^") or not candidate.start < cue.start < candidate.end:
        return [(candidate.start, candidate.end)]
    phrase = cue_phrase(cue.token, rules)
    doc = cue.token.doc
    clause = [doc[phrase[0]], doc[phrase[1]]] if phrase else list(cue.token.subtree)
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


def _with_closing_mark(text: str, start: int, end: int, inside: list[QuotedSpan]) -> int:
    """A content ending on a quotation's last words keeps its closing mark ('that "… ridiculous."'),
    and one the parse ends inside a quotation it opened runs on to the close: the source's
    words go on ('told Fox that "they hit Matt … . What they are doing is …"')."""
    for quoted in inside:
        if quoted.close_at is not None and end <= quoted.close_at:
            if not text[end : quoted.close_at].strip(" .,;!?") or start <= quoted.open_at < end:
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


# Relations the hand-written rules stand behind: the scorer only weighs what else the parse offers.
_HAND_RELATIONS = (
    "ccomp",
    "object+complement",
    "^parataxis",
    "that-clause",
    "quotation-after",
    "quotation-before",
    "^set-off",
)


def _by_hand_rule(candidate: _Candidate, rules: Rules) -> bool:
    """'X said that …', 'according to X', 'X denounced Y as Z', 'X: …': constructions the
    rules name explicitly, kept whatever the learned scorer thinks of the verb."""
    cue = candidate.cue
    if cue.form in ("according", "colon", "adjective"):
        return True
    lemma = cue.token.lemma_.lower()
    if cue.form != "verb":
        return False
    # An infinitive ('vowed to …', 'plans to …', 'the strike threatened to …') is left to the
    # scorer: on PolNeAR train most infinitives the scorer drops are not attributions.
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
        mention = (
            mention_of(relative if relative is not None else head) if head is not None else None
        )
        via = _via(cue, head)
        candidate, kind, inside, keep, probability = _bounded(candidate, quoted, resolution, scorer)
        if not (keep or _by_hand_rule(candidate, rules)):
            continue
        confidence = probability * (resolution.confidence if resolution else 0.3)
        # Direct: each quotation not claimed yet; otherwise the content around the cue.
        if kind == "direct":
            spans = [strip_span(text, q.start, q.end) for q in inside if q not in claimed]
            quote_kind = None
        else:
            spans = [
                (start, _with_closing_mark(text, start, end, inside))
                for start, end in _around_cue(text, candidate, rules)
            ]
            reaction = kind == "indirect" and is_reaction(cue, candidate.relation, rules)
            quote_kind = "reaction" if reaction else None
        claimed.update(inside)
        for start, end in spans:
            quotes.append(
                make_quote(
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
            speech = quote_kind != "reaction"
            resolver.remember(candidate.sentence.start_char, resolution.speaker, speech)
    quotes.extend(unclaimed_quotes(doc, rules, quoted, claimed, quotes, resolver))
    quotes.sort(key=lambda q: (q.start, q.end))
    return deduplicate(quotes)
