"""Stage 4: resolving a source mention to the speaker it stands for within one article.

"he", "Rasool", "the lawmaker", "the statement" and "CENTCOM" are mentions; the
speaker is the person, organisation, group or anonymous source behind them. The
resolver walks the article in order and remembers who has spoken, so that a
pronoun or a definite description can look back.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .doc_cache import ents_ending_by, sentence_starts, span_ents
from .rules import Rules
from .sources import apposition, noun_phrase

_PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
_GROUP_PRONOUNS = {"they", "them", "we", "their", "our"}
_DEFINITE = {"the", "this", "that", "these", "those"}
_DETERMINERS = {"the", "a", "an", "another", "this", "that", "these", "those", "some"}
# How many sentences back a pronoun may look for its speaker.
_PRONOUN_WINDOW = 6


@dataclass
class Speaker:
    """Who a quote belongs to, as far as one article tells."""

    name: str
    kind: str
    title: str | None = None
    aliases: list[str] = field(default_factory=list)
    nouns: set[str] = field(default_factory=set)  # role nouns that can refer back to it

    def add_alias(self, alias: str) -> None:
        if alias and alias not in self.aliases:
            self.aliases.append(alias)


@dataclass(frozen=True)
class Resolution:
    speaker: Speaker
    title: str | None
    confidence: float


def _clean(text: str) -> str:
    """A display form: single spaces, no possessive ending, straight apostrophes."""
    text = " ".join(text.replace("’", "'").split())
    return re.sub(r"'s?$", "", text).strip(" ,")


def _without_determiner(span: Span) -> str:
    tokens = list(span)
    while tokens and (
        tokens[0].lower_ in _DETERMINERS
        or tokens[0].is_punct
        or (tokens[0].lower_ == "one" and len(tokens) > 1 and tokens[1].lower_ != "of")
    ):
        tokens = tokens[1:]
    if not tokens:
        return _clean(span.text)
    return _clean(span.doc[tokens[0].i : tokens[-1].i + 1].text)


class SpeakerResolver:
    """Resolves mentions in document order; one instance per article."""

    def __init__(self, doc: Doc, rules: Rules) -> None:
        self.doc = doc
        self.rules = rules
        self.people: dict[str, Speaker] = {}  # full name -> speaker
        self.orgs: dict[str, Speaker] = {}
        self.others: dict[str, Speaker] = {}
        self.history: list[tuple[int, Speaker]] = []  # (sentence start, speaker) of quotes so far
        self._acronyms = self._find_acronyms()
        self._register_people()

    # --- registries -----------------------------------------------------------------

    def _person_name(self, ent: Span) -> str:
        tokens = [t for t in ent if t.lower_ not in self.rules.honorifics]
        if not tokens:
            return _clean(ent.text)
        return _clean(self.doc[tokens[0].i : tokens[-1].i + 1].text)

    def _register_people(self) -> None:
        """Full names first, so that a later surname finds the person."""
        names = [self._person_name(ent) for ent in self.doc.ents if ent.label_ == "PERSON"]
        names += self._titled_names()
        for name in names:
            if len(name.split()) >= 2 and name not in self.people:
                self.people[name] = Speaker(name, "person", aliases=[name])

    def _titled_names(self) -> list[str]:
        """'Sina Toossi, a senior fellow at …': a two-word proper name with a role in apposition,
        which the entity tagger may have missed."""
        found = []
        for token in self.doc:
            if token.pos_ != "PROPN":
                continue
            appos = next((c for c in token.children if c.dep_ == "appos"), None)
            if appos is None or appos.lemma_.lower() not in self.rules.title_nouns:
                continue
            parts = [c for c in token.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
            if parts:
                found.append(_clean(self.doc[parts[0].i : token.i + 1].text))
        return found

    def _find_acronyms(self) -> dict[str, str]:
        """'Full Name (ACR)' written out in the article."""
        found: dict[str, str] = {}
        for match in re.finditer(
            r"((?:[A-Z][\w.'-]*\s+){1,8}[A-Z][\w.'-]*)\s*\(([A-Z]{2,8})\)", self.doc.text
        ):
            found[match.group(2)] = _clean(match.group(1))
        return found

    def _person(self, name: str) -> Speaker:
        """The person called `name`; a surname alone joins the full name it ends."""
        if name in self.people:
            return self.people[name]
        last = name.split()[-1]
        for full, speaker in self.people.items():
            if full.split()[-1] == last and (len(name.split()) == 1 or full.endswith(name)):
                speaker.add_alias(name)
                return speaker
        speaker = Speaker(name, "person", aliases=[name])
        self.people[name] = speaker
        return speaker

    def _org(self, name: str) -> Speaker:
        canonical = self.rules.org_aliases.get(name) or self._acronyms.get(name) or name
        canonical = self.rules.org_aliases.get(canonical, canonical)
        speaker = self.orgs.get(canonical)
        if speaker is None:
            speaker = self.orgs[canonical] = Speaker(canonical, "organization", aliases=[canonical])
        speaker.add_alias(name)
        return speaker

    def _other(self, name: str, kind: str) -> Speaker:
        key = f"{kind}:{name.lower()}"
        if key not in self.others:
            self.others[key] = Speaker(name, kind, aliases=[name])
        return self.others[key]

    # --- looking back ---------------------------------------------------------------

    def _recent(self, position: int, kinds: tuple[str, ...], window: int | None) -> Speaker | None:
        """The latest earlier speaker of one of `kinds`, within `window` sentences."""
        starts = sentence_starts(self.doc)
        before = bisect_right(starts, position)  # sentences starting at or before `position`
        limit = starts[before - window] if window and before >= window else 0
        for start, speaker in reversed(self.history):
            if start <= position and start >= limit and speaker.kind in kinds:
                return speaker
        return None

    def _recent_person_entity(self, position: int) -> Speaker | None:
        """The last person named before `position` (a pronoun's antecedent when nobody spoke yet)."""
        for ent in reversed(ents_ending_by(self.doc, position)):
            if ent.label_ == "PERSON":
                return self._person(self._person_name(ent))
        return None

    def _by_role(self, noun: str, position: int) -> Speaker | None:
        """'the lawmaker': the latest speaker described by that noun or a synonym."""
        nouns = self.rules.title_synonyms(noun)
        for start, speaker in reversed(self.history):
            if start <= position and speaker.nouns & nouns:
                return speaker
        return None

    def _document_issuer(self, noun: Token) -> Speaker | None:
        """'the statement said': whoever issued the statement."""
        for child in noun.children:
            if child.dep_ in ("poss", "compound") and child.ent_type_ in ("ORG", "PERSON", "GPE"):
                return self.resolve_head(child).speaker
        for start, speaker in reversed(self.history):
            if start <= noun.idx and speaker.kind in ("organization", "person"):
                return speaker
        return self._issuer_in_text(noun)

    def _issuer_in_text(self, noun: Token) -> Speaker | None:
        """'The Ministry released a statement … the statement said': the subject of the
        verb that issued an earlier mention of the same document."""
        lemma = noun.lemma_.lower()
        for token in reversed(self.doc[: noun.sent.start]):
            if token.lemma_.lower() != lemma:
                continue
            verb = token.head.head if token.dep_ == "pobj" else token.head
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.lemma_.lower() not in self.rules.document_nouns:
                return self.resolve_head(subject).speaker
        return None

    # --- resolving ------------------------------------------------------------------

    def _entity_of(self, span: Span, labels: tuple[str, ...]) -> Span | None:
        for ent in span_ents(span):
            if ent.label_ in labels:
                return ent
        return None

    def _known_person(self, phrase: Span) -> Speaker | None:
        """A proper name in `phrase` that is, or ends, a full name seen in the article."""
        names = [t for t in phrase if t.pos_ == "PROPN"]
        if not names:
            return None
        written = _clean(self.doc[names[0].i : names[-1].i + 1].text)
        if written in self.people:
            return self.people[written]
        last = _clean(names[-1].text)
        for full, speaker in self.people.items():
            if len(full.split()) >= 2 and full.split()[-1] == last:
                speaker.add_alias(written)
                return speaker
        return None

    def _org_alias_in(self, text: str) -> str | None:
        """The longest known organisation alias that `text` contains as whole words."""
        best = None
        for alias in list(self.rules.org_aliases) + list(self._acronyms):
            if len(alias) > 1 and re.search(rf"(?<!\w){re.escape(alias)}(?!\w)", text):
                if best is None or len(alias) > len(best):
                    best = alias
        return best

    def _title_of(self, phrase: Span, name_span: Span | None, head: Token) -> str | None:
        """A title written before the name ("Foreign Ministry spokesperson Nasser Kanaani")
        or in apposition ("Yehia Rasool, the spokesperson for …")."""
        appos = apposition(head)
        if appos is not None and not any(t.ent_type_ == "PERSON" for t in appos):
            return _clean(appos.text)
        if name_span is not None and name_span.start > phrase.start:
            before = self.doc[phrase.start : name_span.start]
            words = [t for t in before if t.lower_ not in _DETERMINERS and not t.is_punct]
            if any(t.pos_ == "NOUN" or t.lower_ in self.rules.title_nouns for t in words):
                return _clean(self.doc[words[0].i : words[-1].i + 1].text)
        return None

    def _anonymous(self, phrase: Span, head: Token) -> Speaker:
        name = _without_determiner(phrase)
        sentence = head.sent.text.lower()
        plural = head.tag_ in ("NNS", "NNPS")
        anonymous = any(marker in sentence for marker in self.rules.anonymity_markers)
        if anonymous and "anonymous" not in name.lower():
            name = f"anonymous {name}"
        kind = "group" if plural and head.lemma_.lower() != "source" else "anonymous"
        speaker = Speaker(name, kind, aliases=[])
        speaker.nouns.add(head.lemma_.lower())
        return speaker

    def resolve_head(self, head: Token) -> Resolution:
        """The speaker a source mention with head word `head` stands for."""
        phrase = noun_phrase(head)
        position = head.idx
        lower = head.lower_
        # Pronouns look back to whoever spoke last.
        if lower in _PERSON_PRONOUNS:
            found = self._recent(position, ("person",), _PRONOUN_WINDOW)
            found = found or self._recent_person_entity(position)
            if found:
                return Resolution(found, found.title, 0.75)
            return Resolution(Speaker(head.text, "unknown"), None, 0.3)
        if lower in _GROUP_PRONOUNS or lower in ("it", "its"):
            kinds = ("organization",) if lower in ("it", "its") else ("group", "organization")
            found = self._recent(position, kinds, _PRONOUN_WINDOW)
            if found:
                return Resolution(found, found.title, 0.6)
            return Resolution(Speaker(head.text, "unknown"), None, 0.3)
        # A person named in the phrase, or in apposition to it.
        person = self._entity_of(phrase, ("PERSON",))
        appos = apposition(head)
        if person is None and appos is not None:
            person = self._entity_of(appos, ("PERSON",))
            if person is not None:
                speaker = self._person(self._person_name(person))
                title = _clean(phrase.text)
                self._learn(speaker, title, head)
                return Resolution(speaker, title, 0.85)
        if person is not None:
            speaker = self._person(self._person_name(person))
            title = self._title_of(phrase, person, head)
            self._learn(speaker, title, head)
            return Resolution(speaker, title or speaker.title, 0.9)
        # A surname already known as a person's, whatever the entity tagger said.
        known = self._known_person(phrase)
        if known is not None:
            title = self._title_of(phrase, None, head)
            self._learn(known, title, head)
            return Resolution(known, title or known.title, 0.8)
        # Documents speak for their issuer.
        if head.lemma_.lower() in self.rules.document_nouns:
            issuer = self._document_issuer(head)
            if issuer is not None:
                return Resolution(issuer, issuer.title, 0.7)
        # Organisations, by alias list, acronym or entity.
        alias = self._org_alias_in(phrase.text)
        if alias is not None:
            return Resolution(self._org(alias), None, 0.85)
        org = self._entity_of(phrase, ("ORG",))
        if org is not None and head.i in range(org.start, org.end):
            return Resolution(self._org(_without_determiner(org)), None, 0.8)
        # "the mayor's office", "the campaign": bodies that speak as organisations.
        if head.lemma_.lower() in self.rules.organization_nouns:
            return Resolution(self._org(_without_determiner(phrase)), None, 0.6)
        # Role nouns: "the lawmaker" looks back, "a lawmaker" is someone new.
        noun = head.lemma_.lower()
        determiner = phrase[0].lower_ if len(phrase) else ""
        if noun in self.rules.title_nouns or noun == "source":
            if determiner in _DEFINITE:
                found = self._by_role(noun, position)
                if found:
                    return Resolution(found, found.title, 0.7)
            speaker = self._anonymous(phrase, head)
            return Resolution(speaker, None, 0.7)
        # Places and peoples speak as governments and groups ("Iraq", "Democrats").
        if head.ent_type_ == "GPE" or (org is not None):
            return Resolution(self._org(_without_determiner(phrase)), None, 0.6)
        if head.ent_type_ == "NORP" or head.tag_ in ("NNS", "NNPS"):
            return Resolution(self._other(_without_determiner(phrase), "group"), None, 0.6)
        if head.pos_ == "PROPN":
            return Resolution(self._person(_clean(phrase.text)), None, 0.5)
        return Resolution(self._other(_without_determiner(phrase), "unknown"), None, 0.4)

    def _learn(self, speaker: Speaker, title: str | None, head: Token) -> None:
        """Remember the roles a title gives, so "the spokesperson" can refer back."""
        if title and not speaker.title:
            speaker.title = title
        if title:
            for word in title.lower().replace(",", " ").split():
                if word in self.rules.title_nouns:
                    speaker.nouns.add(word)

    def remember(self, position: int, speaker: Speaker) -> None:
        """Record that `speaker` was quoted at `position` (a sentence start)."""
        self.history.append((position, speaker))
