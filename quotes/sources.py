"""Stage 3: the source of a cue, the noun phrase that grammatically does the saying."""

from __future__ import annotations

from spacy.tokens import Span, Token

from .cues import Cue

_SUBJECTS = ("nsubj", "csubj")
# Dependents that describe a source rather than name it ("X, a spokesperson, who …").
_DESCRIPTIVE = ("appos", "relcl", "acl", "punct", "advmod", "parataxis", "prep_long")
# Clauses whose missing subject is their head's ("…, saying that", "and stated that"), and
# adjectives a cue hangs on ("was quick to say").
_INHERITS_SUBJECT = ("advcl", "xcomp", "conj", "pcomp", "ccomp", "prep", "acomp")
_RELATIVE_PRONOUNS = {"who", "which", "that"}


def own_subject(verb: Token, deps: tuple[str, ...] = _SUBJECTS) -> Token | None:
    """The subject hung on `verb`. The parse may hang two on one verb: then a name or a
    pronoun, else the nearer ('…, said Robin Maynard, half joking', 'for people …, she said')."""
    subjects = [c for c in verb.children if c.dep_ in deps]
    if not subjects:
        return None
    return min(subjects, key=lambda c: (c.pos_ not in ("PROPN", "PRON"), abs(c.i - verb.i)))


def _subject(verb: Token, depth: int = 0) -> Token | None:
    """The subject of `verb`, climbing to the verb it depends on when it has none."""
    if _relative_pronoun(verb) is not None:
        return verb.head  # "officials, who called it …"
    subject = own_subject(verb)
    if subject is not None:
        return subject
    for child in verb.children:
        if child.dep_ == "agent":  # "it was announced by X"
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    # "an ad hitting Trump for …", "a letter opposing …": the noun a participle describes.
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    if depth < 3 and verb.dep_ in _INHERITS_SUBJECT and verb.head.i != verb.i:
        # A ccomp subject is only inherited by participles ("…, insisting that …").
        if verb.dep_ == "ccomp" and verb.tag_ != "VBG":
            return None
        return _subject(verb.head, depth + 1)
    return None


def relative_subject(cue: Cue) -> Token | None:
    """'officials, who called it …': the relative pronoun standing as the cue's subject; the
    source is the noun it refers to, but this is the word the sentence names it by."""
    return _relative_pronoun(cue.token) if cue.form == "verb" else None


def _relative_pronoun(verb: Token) -> Token | None:
    """The relative pronoun that is the subject of a relative clause's verb."""
    if verb.dep_ != "relcl":
        return None
    return next(
        (c for c in verb.children if c.dep_ in _SUBJECTS and c.lower_ in _RELATIVE_PRONOUNS), None
    )


def _according_source(cue: Cue) -> Token | None:
    to = next((c for c in cue.token.children if c.lower_ == "to"), None)
    if to is None:
        return None
    found = next((c for c in to.children if c.dep_ == "pobj"), None)
    # "according to show insiders" is sometimes parsed with a verb in between.
    return found or next((t for t in to.subtree if t.pos_ in ("NOUN", "PROPN", "PRON")), None)


def _noun_source(noun: Token) -> Token | None:
    """'Clinton's criticism of …' (possessor), 'Trump voiced concern that …' (the verb's subject)."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is not None:
        return owner
    if noun.dep_ == "dobj":
        return _subject(noun.head)
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ == "VERB":
        return _subject(noun.head.head)
    return None


def source_head(cue: Cue) -> Token | None:
    """The head word of the cue's source."""
    if cue.form == "according":
        return _according_source(cue)
    if cue.form == "noun":
        return _noun_source(cue.token)
    if cue.form == "adjective":
        head = cue.token.head if cue.token.dep_ in ("acomp", "amod") else cue.token
        return _subject(head)
    return _subject(cue.token)


def noun_phrase(head: Token) -> Span:
    """The compact noun phrase of `head`: modifiers and of/for/from phrases, no appositions
    or relative clauses ("a member of Iraq's Parliament", not "…, who spoke …")."""
    doc = head.doc
    start = head.left_edge.i
    end = head.i + 1
    for child in head.rights:
        if child.dep_ in ("prep",) and child.lower_ in ("of", "for", "from", "at", "with", "in"):
            end = child.right_edge.i + 1
        elif child.dep_ in ("compound", "nummod", "conj", "cc") or (
            child.dep_ == "case" and child.i == end
        ):
            end = child.right_edge.i + 1
        else:
            break
    # A noun phrase holds no finite verb: a misparsed headline verb ends it.
    for token in doc[head.i + 1 : end]:
        if token.tag_ in ("VBZ", "VBD", "VBP"):
            end = token.i
            break
    # Left modifiers may themselves hold appositions or punctuation: keep from the first word.
    while start < head.i and doc[start].is_punct:
        start += 1
    return doc[start:end]


def apposition(head: Token) -> Span | None:
    """'Yehia Rasool, the spokesperson for …': the apposition describing the source."""
    for child in head.children:
        if child.dep_ != "appos":
            continue
        words = [t for t in child.subtree if not t.is_punct]
        if not words:
            return None
        return head.doc[words[0].i : words[-1].i + 1]
    return None
