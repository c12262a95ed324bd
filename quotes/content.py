"""Stage 2: the content a cue introduces, as a character range of the sentence.

A cue reaches its content through a dependency relation: a clause ("said that …",
ccomp), an infinitive ("vowed to …", xcomp), an object ("denounced the strike",
dobj), a preposition ("called for …", prep:for), or the other way round when the
cue is set into the clause it reports ("…, Rasool said, …", ^parataxis; a speech verb set
off by commas takes its whole clause on both sides, ^set-off; one closing its sentence after
a comma takes the words before it, ^trailing). The hand
rules in quotes/rules cover the core; frames learned from PolNeAR train add the rest.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .audience import ADDRESSEE_VERBS
from .cues import Cue, cue_adjective, frame_key
from .objects import after_adjective, between, is_predicative, object_phrase, takes_complement
from .quotation_content import CLOSING_MARKS, OPENING_MARKS, quotation_after, quotation_before
from .rules import GLOSS_FRAME_SHARE, Rules
from .sources import own_subject

# Punctuation trimmed from the edges of a content span (quotation marks stay: they are evidence).
_EDGE_PUNCT = set(",;:—–-()[]")
# Relations in the order a cue's content is looked for.
_ORDER = ("ccomp", "xcomp", "dobj", "acl", "prep")


def _token_range(tokens: list[Token]) -> tuple[int, int] | None:
    """Offsets of tokens trimmed of edge punctuation."""
    tokens = sorted(tokens, key=lambda t: t.i)
    while tokens and (tokens[0].text in _EDGE_PUNCT or tokens[0].is_space):
        tokens.pop(0)
    while tokens and (tokens[-1].text in _EDGE_PUNCT or tokens[-1].is_space):
        tokens.pop()
    if not tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def relation_name(child: Token) -> str:
    return f"prep:{child.lower_}" if child.dep_ == "prep" else child.dep_


def _allowed(cue: Cue, relation: str, rules: Rules) -> bool:
    """Whether this cue carries content through this relation: hand rules, then learned frames."""
    lemma = cue.token.lemma_.lower()
    if cue.form == "verb" and relation == "ccomp":
        return True  # find_cues only keeps verbs that report
    if cue.form == "verb" and relation == "xcomp" and lemma in rules.infinitive_verbs:
        return True
    return relation in rules.cue_frames.get(frame_key(cue.token), {})


def _child_content(cue: Cue, rules: Rules) -> tuple[list[Token], str] | None:
    """Content reached through a dependent of the cue, with the relation that reached it."""
    token = cue.token
    adjective = cue_adjective(cue)
    if adjective is not None:
        return after_adjective(token, adjective)
    # After the cue first ('Claiming X, Trump told Fox that Y'; '…, urged voters to act'),
    # then by relation.
    children = sorted(
        token.children,
        key=lambda c: (c.i < token.i, _ORDER.index(c.dep_) if c.dep_ in _ORDER else 9),
    )
    has_object_complement = any(
        is_predicative(c) or (c.dep_ == "prep" and takes_complement(token, c, rules))
        for c in token.children
    )
    passive = _passive_content(cue, rules)
    if passive is not None:
        return passive, "nsubjpass"
    for child in children:
        if child.dep_ not in _ORDER:
            continue
        relation = relation_name(child)
        if child.dep_ == "ccomp" and (_subjectless_finite(child) or _colon_between(child, token)):
            continue
        if child.dep_ == "dobj" and has_object_complement:
            return object_phrase(token, child, rules), "object+complement"
        if not _allowed(cue, relation, rules):
            continue
        if child.dep_ == "xcomp":
            # "urged Congress to act": the object belongs to the content.
            objects = [c for c in token.children if c.dep_ == "dobj" and c.i < child.i]
            first = objects[0].left_edge if objects else child.left_edge
            return between(first, child.right_edge), relation
        if child.dep_ == "dobj":
            return object_phrase(token, child, rules), relation
        if child.dep_ == "prep":
            inner = [t for t in child.subtree if t.i != child.i]
            return (inner, relation) if inner else None
        return between(child.left_edge, _coordinated_end(token, child)), relation
    return None


def _subjectless_finite(clause: Token) -> bool:
    """'Everything Trump says is a lie' parsed with 'is a lie' as what Trump says: a finite
    clause with no subject is no reported clause, which always has one."""
    # The parse may hang the subject on an auxiliary ('the government was now facing').
    words = [clause, *(c for c in clause.children if c.dep_ in ("aux", "auxpass"))]
    finite = any(w.tag_ in ("VBZ", "VBD", "VBP", "MD") for w in words)
    return finite and not any(c.dep_ in _CLAUSE_SUBJECTS for w in words for c in w.children)


def _colon_between(clause: Token, cue: Token) -> bool:
    """'The concerns are magnified …: That candidate would assume office': a clause before
    its cue across a colon or semicolon is a sentence of its own, not what the cue reports."""
    if clause.i > cue.i:
        return False
    return any(t.text in (":", ";") for t in cue.doc[clause.right_edge.i + 1 : cue.i])


_CLAUSE_SUBJECTS = ("nsubj", "nsubjpass", "csubj", "csubjpass", "expl")


def _passive_content(cue: Cue, rules: Rules) -> list[Token] | None:
    """'The issue was first reported by The Post', 'Trump is supported by few papers': the
    subject of a passive cue with an agent is what the agent said, backed or reported, when
    the verb carries content through its object in the active voice."""
    token = cue.token
    if cue.form != "verb" or not any(c.dep_ == "agent" for c in token.children):
        return None
    subject = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
    if subject is None or subject.lower_ in ("it", "this", "that", "which", "who"):
        return None
    # 'were characterized by X as support for …': the complement is what was said.
    if any(
        is_predicative(c) or (c.dep_ == "prep" and takes_complement(token, c, rules))
        for c in token.children
    ):
        return None
    if not _allowed(cue, "dobj", rules):
        return None
    return list(subject.subtree)


def _coordinated_end(cue: Token, clause: Token) -> Token:
    """'said that X, but that Y': a second that-clause coordinated on the cue is content too."""
    end = clause.right_edge
    for sibling in cue.children:
        if sibling.dep_ == "conj" and sibling.i > clause.i:
            if any(c.dep_ == "mark" and c.lower_ == "that" for c in sibling.children):
                end = max(end, sibling.right_edge, key=lambda t: t.i)
    return end


def _that_clause(cue: Token) -> list[Token] | None:
    """A misparsed 'said … that X': everything from the complementizer to the sentence end."""
    sentence = cue.sent
    for token in cue.doc[cue.i + 1 : min(cue.i + 8, sentence.end)]:
        # A complementizer, or "that" misparsed as the cue's own object; not a relative pronoun.
        complementizer = token.dep_ == "mark" or token.head.i == cue.i
        # or misparsed as a modifier of the verb it opens, that verb hanging on the cue
        opens = token.head.head.i == cue.i and token.head.left_edge.i == token.i
        modifier = token.dep_ not in ("nsubj", "nsubjpass") and token.head.pos_ in ("VERB", "AUX")
        complementizer = complementizer or (opens and modifier)
        # 'is that of a policy wonk': the pronoun 'that', with 'of' hung on it, opens no clause.
        pronoun = token.dep_ != "mark" and any(c.lower_ == "of" for c in token.children)
        if token.lower_ == "that" and complementizer and not pronoun:
            rest = list(cue.doc[token.i : sentence.end])
            return rest if len(rest) > 3 else None
        if (token.is_punct and token.text not in ",") or token.pos_ == "VERB":
            return None  # another clause, with a cue of its own
    return None


def _host_clause(exclude: Token, host: Token | None = None) -> list[Token] | None:
    """'The coalition, Rasool said, had …', '…, according to AP': the clause the cue sits in."""
    host = host if host is not None else exclude.head
    if host.i == exclude.i:
        return None
    inner = {t.i for t in exclude.subtree}
    tokens = [t for t in host.subtree if t.i not in inner]
    # '…, according to AP.': the full stop after the cue must not stretch the content over it.
    after = [t for t in tokens if t.i > max(inner)]
    if after and all(t.is_punct or t.is_space for t in after):
        tokens = [t for t in tokens if t.i < min(inner)]
    return tokens or None


def _after_opening_source(according: Token) -> list[Token] | None:
    """'According to Rush Limbaugh, the move reeks of fear' parsed with the clause hung on the
    source (the cue the sentence's root): the words after the comma that closes the source."""
    sentence = according.sent
    if according.i != sentence.start or sentence.root.i != according.i:
        return None
    source = next((t for t in according.subtree if t.dep_ == "pobj"), None)
    if source is None:
        return None
    comma = next((t.i for t in according.doc[source.i : sentence.end] if t.text == ","), None)
    if comma is None:
        return None
    clause = list(according.doc[comma + 1 : sentence.end])
    # A clause, not a trailing word ('According to MSNBC, basically.')
    return clause if sum(t.is_alpha for t in clause) >= 3 else None


def _is_parenthetical(cue: Cue, rules: Rules) -> bool:
    """'…, Rasool said, …' / '…, as he put it': a cue set into the clause it reports."""
    token = cue.token
    if token.head.i == token.i or token.head.pos_ not in ("VERB", "AUX"):
        return False
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
        return False
    if token.dep_ == "parataxis":
        return True
    if token.dep_ == "advcl" and any(c.lower_ == "as" for c in token.children):
        return True
    return f"^{token.dep_}" in rules.cue_frames.get(token.lemma_.lower(), {})


def _adjunct(cue: Token, child: Token, rules: Rules) -> bool:
    """'also', 'told reporters', 'in a June report': a dependent of the cue that is not what was said."""
    if child.dep_ in ("aux", "neg", "advmod", "npadvmod"):
        return True
    if child.dep_ in ("dative", "dobj"):
        return child.pos_ == "PRON" or cue.lemma_.lower() in ADDRESSEE_VERBS
    if child.dep_ != "prep" or takes_complement(cue, child, rules):
        return False
    return relation_name(child) not in rules.cue_frames.get(frame_key(cue), {})


def reporting_clause(cue: Token, rules: Rules) -> tuple[int, int] | None:
    """'…, the agency said in a June report', '…, said the mayor', '…, she said': the first and
    last token of a speech verb with its subject (before or after it) and its adjuncts, after
    a comma that does not close a quotation; None when the cue is not set off so."""
    subject = own_subject(cue, ("nsubj",))
    if subject is None or cue.lemma_.lower() not in rules.speech_verbs:
        return None
    doc, sentence = cue.doc, cue.sent
    first, last = min(subject.left_edge.i, cue.i), cue.i
    for child in sorted((c for c in cue.children if c.i > cue.i), key=lambda c: c.i):
        if child.left_edge.i != last + 1 or not (
            child.i == subject.i or _adjunct(cue, child, rules)
        ):
            break
        last = child.right_edge.i
    # Between a subject and its verb only the verb's own words ('also', 'has').
    own = {t.i for t in subject.subtree} | {c.i for c in cue.children if c.dep_ in _OWN_WORDS}
    if any(i not in own for i in range(first, cue.i)):
        return None
    comma = first - 1
    if comma <= sentence.start or doc[comma].text != ",":
        return None
    before = doc[comma - 1]
    return None if before.is_quote or before.text in CLOSING_MARKS else (first, last)


# Words a verb keeps between its subject and itself.
_OWN_WORDS = ("aux", "advmod", "neg")


def cue_phrase(cue: Token, rules: Rules) -> tuple[int, int] | None:
    """'The middle fifth paid 8.9 percent, the agency said in a June report, and …': the first
    and last token of a reporting clause set off by commas inside the sentence it reports."""
    clause = reporting_clause(cue, rules)
    if clause is None:
        return None
    doc, (first, last) = cue.doc, clause
    if last + 2 >= cue.sent.end or doc[last + 1].text != ",":
        return None
    after = doc[last + 2]
    # Split quotations are not; nor is a cue a participle glosses ('…, he said, adding …').
    gloss = after.tag_ == "VBG" and after.head.i == cue.i and after.lower_ != "including"
    if after.text in OPENING_MARKS or gloss:
        return None
    return first, last


def _before_trailing_report(cue: Token, rules: Rules) -> list[Token] | None:
    """'…, she said.', '…, said the chief executive, John Ferriola.': a reporting clause closing
    a sentence reports the words before it, wherever the parse hangs them."""
    clause = reporting_clause(cue, rules)
    if clause is None:
        return None
    doc, sentence, (first, last) = cue.doc, cue.sent, clause
    if not all(t.is_punct or t.is_space for t in doc[last + 1 : sentence.end]):
        return None
    content = [t for t in doc[sentence.start : first - 1] if not t.is_space]
    return content if sum(t.is_alpha for t in content) >= 3 else None


# Where the clause a cue is set into begins: after a semicolon or dash, after ', but', or at
# ', which' ('…, which, police said, is usually full').
_CLAUSE_BREAKS = (";", ":", "—", "–", "--")
_CLAUSE_COORDINATORS = ("but", "yet")
_CLAUSE_RELATIVES = ("which", "who", "whom", "where")


def _clause_start(sentence: Span, comma: int) -> int:
    doc = sentence.doc
    for index in range(comma - 1, sentence.start, -1):
        token, previous = doc[index], doc[index - 1]
        if token.text in _CLAUSE_BREAKS:
            return index + 1
        if previous.text == "," and token.lower_ in _CLAUSE_COORDINATORS:
            return index + 1
        if previous.text == "," and token.lower_ in _CLAUSE_RELATIVES:
            return index
    return sentence.start


def _set_off_content(cue: Token, rules: Rules) -> list[Token] | None:
    """The clause around a speech verb set off by commas inside it, its own phrase left out."""
    phrase = cue_phrase(cue, rules)
    if phrase is None:
        return None
    first, last = phrase
    sentence = cue.sent
    start = _clause_start(sentence, first - 1)
    tokens = [t for t in sentence if start <= t.i < first - 1 or t.i > last + 1]
    return tokens if any(t.is_alpha for t in tokens if t.i < first) else None


def _passive_subject(cue: Token) -> Token | None:
    """'One voter in nine is expected to be Latino': the subject of a passive cue with no agent,
    ahead of it, is part of what is expected, said or seen; the content runs from it through
    the cue, which reads as one sentence ('The militia is believed to have …')."""
    if not any(c.dep_ == "auxpass" for c in cue.children):
        return None
    if any(c.dep_ == "agent" for c in cue.children):
        return None
    return next((c for c in cue.children if c.dep_ == "nsubjpass" and c.i < cue.i), None)


def raised_subject(cue: Cue, relation: str, rules: Rules) -> Token | None:
    """'The plan seems to have failed': the subject of a raising verb ahead of it, with an
    infinitive, is what the writer reads something into, so it belongs to the content, and
    the sentence names no source."""
    token = cue.token
    if cue.form != "verb" or relation != "xcomp":
        return None
    if token.lemma_.lower() not in rules.raising_verbs:
        return None
    return next(
        (c for c in token.children if c.dep_ == "nsubj" and c.i < token.i and not _expletive(c)),
        None,
    )


def _expletive(token: Token) -> bool:
    return token.dep_ == "expl" or token.lower_ in ("it", "there")


def _glosses_a_clause(cue: Cue, rules: Rules) -> bool:
    """'wants to sign up voters, focusing on people under 30': a participle set off by a comma,
    with no subject of its own and no speech verb, is the reporter's gloss, not the source's
    speech ('…, saying that …' still is; so is a frame that often reports: _gloss_content)."""
    token = cue.token
    if cue.form != "verb" or token.tag_ != "VBG" or token.dep_ not in _GLOSS_DEPS:
        return False
    lemma = token.lemma_.lower()
    if lemma in rules.speech_verbs or lemma in rules.belief_verbs:
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
        return False
    before = token.left_edge.i - 1
    return before >= 0 and token.doc[before].text == ","


def _gloss_content(cue: Cue, rules: Rules) -> tuple[list[Token], str] | None:
    """'…, referring to the core four': a glossing participle still reports what it reaches
    through a frame that often carries content ('…, focusing on youth' does not)."""
    found = _child_content(cue, rules)
    if found is None:
        return None
    share = rules.cue_frames.get(frame_key(cue.token), {}).get(found[1], 0.0)
    return found if share >= GLOSS_FRAME_SHARE else None


def content_tokens(cue: Cue, rules: Rules) -> tuple[list[Token], str] | None:
    """The tokens of the content and how the cue reaches them, or None when it has none."""
    token = cue.token
    if _glosses_a_clause(cue, rules):
        return _gloss_content(cue, rules)
    if cue.form == "according":
        # "according to" attributes the whole sentence it stands in, wherever the parser hangs it.
        found = _host_clause(token, token.sent.root) or _after_opening_source(token)
        return (found, "according") if found else None
    set_off = _set_off_content(token, rules) if cue.form == "verb" else None
    if set_off:
        return set_off, "^set-off"
    found = _child_content(cue, rules)
    before = quotation_before(token) if cue.form == "verb" else None
    if before and not (found and {t.i for t in found[0]} & {t.i for t in before}):
        return before, "quotation-before"  # the parse found something else: a gloss, a clause
    # 'said … that X' with 'that' parsed as the object: the clause it opens is the content.
    lone_that = found is not None and [t.lower_ for t in found[0]] == ["that"]
    subject = None
    if found and cue.form == "verb":
        subject = _passive_subject(token) or raised_subject(cue, found[1], rules)
    if found and not lone_that and subject is not None and min(t.i for t in found[0]) > token.i:
        return list(subject.subtree) + found[0], found[1]
    if found and not lone_that:
        return found
    if cue.form == "verb" and _is_parenthetical(cue, rules):
        host = _host_clause(token)
        return (host, f"^{token.dep_}") if host else None
    if cue.form != "verb":
        return None
    trailing = _before_trailing_report(token, rules)
    if trailing:
        return trailing, "^trailing"
    that = _that_clause(token)
    if that:
        return that, "that-clause"
    quotation = quotation_after(token)
    return (quotation, "quotation-after") if quotation else None


# Set off by a comma at the end of a content, a participle adds the reporter's gloss, not the
# speech: ', arguing that …', ', focusing on …', ', with each state assigned …'.
_GLOSS_DEPS = ("advcl", "acl", "npadvmod")


def _is_gloss(token: Token) -> bool:
    return token.tag_ in ("VBG", "VBN") or any(c.lower_ == "with" for c in token.children)


def _without_gloss(tokens: list[Token]) -> list[Token]:
    """The content up to a trailing participle clause after a comma."""
    tokens = sorted(tokens, key=lambda t: t.i)
    if len(tokens) < 4:
        return tokens
    first, last = tokens[0].i, tokens[-1].i
    for token in tokens[2:]:
        edge = token.left_edge.i
        before = token.doc[edge - 1] if edge > first else None
        if before is None or before.text not in (",", "and", "—", "–"):
            continue
        if token.dep_ in _GLOSS_DEPS and token.right_edge.i >= last and _is_gloss(token):
            cut = edge - 1 if before.text != "and" or token.doc[edge - 2].text != "," else edge - 2
            kept = [t for t in tokens if t.i < cut]
            return kept if len(kept) >= 2 else tokens
    return tokens


_QUOTATIONS = ("according", "quotation-after", "quotation-before")


def content_range(cue: Cue, rules: Rules) -> tuple[int, int, str] | None:
    """Character offsets of the content, trimmed of edge punctuation, and the relation."""
    found = content_tokens(cue, rules)
    if not found:
        return None
    tokens, relation = found
    if not relation.startswith("^") and relation not in _QUOTATIONS:
        tokens = _without_gloss(tokens)
    span = _token_range(tokens)
    # A content must hold more than a word or two to be speech; a lone complementizer ('said
    # that', with the clause lost to the parser) is none.
    if span is None or span[1] - span[0] < 3:
        return None
    words = [t for t in tokens if span[0] <= t.idx < span[1] and not t.is_punct]
    if len(words) == 1 and words[0].lower_ == "that":
        return None
    return span[0], span[1], relation
