"""Stage 1: finding cues, the words that introduce speech or belief ("said", "according to")."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from .doc_cache import doc_text, tokens_where
from .rules import Rules

# How a parse hangs the adjective of "made (it) clear that …" on the verb.
_ADJECTIVE_DEPS = ("ccomp", "oprd", "acomp", "dobj")
# An object or a passive: 'called it a breach', 'was called a liar by …' report speech.
_NOT_NAMING = frozenset(("dobj", "auxpass", "nsubjpass", "agent"))


@dataclass(frozen=True)
class Cue:
    """A cue: `token` is its head word; start/end are character offsets of its words."""

    token: Token
    start: int
    end: int
    kind: str  # speech | belief
    form: str  # verb | according | adjective | noun | colon | signature

    @property
    def text(self) -> str:
        return doc_text(self.token.doc)[self.start : self.end]


def _names(verb: Token) -> bool:
    """'a group called Kata'ib Hezbollah', 'His group, called the Legacy Fund, will …': a
    participle with a noun for a name and neither object nor passive names a thing; nobody
    speaks. The parse may give it the noun before as a subject; the comma before it still
    shows the participle. ('what he calls Confident America' is speech; so is 'called it a
    breach', with an object.)"""
    deps = {c.dep_ for c in verb.children}
    names = any(c.dep_ == "oprd" and c.pos_ in ("PROPN", "NOUN") for c in verb.children)
    if not names or deps & _NOT_NAMING:
        return False
    participle = not deps & {"nsubj", "aux"}
    return participle or (verb.i > 0 and verb.nbor(-1).text == ",")


def _verb_cue(token: Token, rules: Rules) -> Cue | None:
    """A speech or belief verb, with its particle for phrasal verbs ("point out")."""
    if token.pos_ not in ("VERB", "AUX") or token.dep_ in ("amod", "aux", "auxpass"):
        return None
    if _names(token):
        return None
    lemma = token.lemma_.lower()
    # A particle ("point out") or an adjective complement ("made it clear that …").
    particles = [c for c in token.children if c.dep_ == "prt" or _complement_adjective(token, c)]
    for particle in particles:
        if (lemma, particle.lower_) in rules.phrasal_speech_verbs:
            end = max(token.idx + len(token), particle.idx + len(particle))
            return Cue(token, token.idx, end, "speech", "verb")
    if lemma in rules.speech_verbs:
        return Cue(token, token.idx, token.idx + len(token), "speech", "verb")
    clausal = ("ccomp", "xcomp") if lemma in rules.infinitive_verbs else ("ccomp",)
    if lemma in rules.belief_verbs and any(c.dep_ in clausal for c in token.children):
        return Cue(token, token.idx, token.idx + len(token), "belief", "verb")
    if lemma in rules.cue_frames:
        kind = "belief" if lemma in rules.belief_verbs else "speech"
        return Cue(token, token.idx, token.idx + len(token), kind, "verb")
    return None


def _complement_adjective(verb: Token, child: Token) -> bool:
    """'made clear', 'made it very clear'; not 'made the road clear' (an object between)."""
    if child.pos_ != "ADJ" or child.dep_ not in _ADJECTIVE_DEPS or child.i <= verb.i:
        return False
    between = verb.doc[verb.i + 1 : child.i]
    return all(t.lower_ == "it" or t.pos_ == "ADV" for t in between)


def cue_adjective(cue: Cue) -> Token | None:
    """The adjective a phrasal cue ends with ("made it clear"), if any."""
    return next(
        (c for c in cue.token.children if c.pos_ == "ADJ" and cue.start < c.idx < cue.end), None
    )


def _according_cue(token: Token) -> Cue | None:
    """'according to X'."""
    if token.lower_ != "according":
        return None
    to = next((c for c in token.children if c.lower_ == "to"), None)
    if to is None or not any(c.pos_ in ("NOUN", "PROPN", "PRON") for c in to.subtree):
        return None
    return Cue(token, token.idx, to.idx + len(to), "speech", "according")


def _adjective_cue(token: Token, rules: Rules) -> Cue | None:
    """'X is confident that …'."""
    if token.lemma_.lower() not in rules.belief_adjectives:
        return None
    if not any(c.dep_ == "ccomp" for c in token.children):
        return None
    return Cue(token, token.idx, token.idx + len(token), "belief", "adjective")


def frame_key(token: Token) -> str:
    """The key of a word in the learned cue frames: verbs by lemma, nouns as noun:lemma."""
    lemma = token.lemma_.lower()
    return f"noun:{lemma}" if token.pos_ == "NOUN" else lemma


def _noun_cue(token: Token, rules: Rules) -> Cue | None:
    """'her criticism of the plan', 'fears that the deal collapses' (learned noun frames)."""
    if token.pos_ != "NOUN" or frame_key(token) not in rules.cue_frames:
        return None
    kind = "belief" if token.lemma_.lower() in rules.belief_verbs else "speech"
    return Cue(token, token.idx, token.idx + len(token), kind, "noun")


def find_cues(sentence: Span, rules: Rules) -> list[Cue]:
    """Every cue in one sentence, in order."""
    cues: list[Cue] = []
    # Only words a cue rule names can be cues: found by lemma and word, not a walk of every token.
    candidates = tokens_where(sentence, "LEMMA", rules.may_cue)
    candidates += tokens_where(sentence, "LOWER", "according")
    for token in sorted({t.i: t for t in candidates}.values(), key=lambda t: t.i):
        cue = (
            _according_cue(token)
            or _verb_cue(token, rules)
            or _adjective_cue(token, rules)
            or _noun_cue(token, rules)
        )
        if cue is not None:
            cues.append(cue)
    return cues
