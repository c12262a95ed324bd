"""Stage 4: resolving a source mention to the speaker it stands for within one article.

"he", "Rasool", "the lawmaker", "the statement" and "CENTCOM" are mentions; the
speaker is the person, organisation, group or anonymous source behind them. The
resolver walks the article in order and remembers who has spoken, so that a
pronoun or a definite description can look back.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .audience import introduces_another, told_whom
from .doc_cache import doc_text, ents_ending_by, sentence_starts, span_ents, tokens_where
from .identity import (
    Speaker,
    described_alike,
    display_name,
    gender_of_name,
    gender_of_word,
    is_honorific,
    person_tokens,
    same_person_name,
)
from .marks import find_quoted_spans
from .rules import Rules
from .sources import apposition, noun_phrase

_PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
# "one of the commanders": the described people are the preposition's object.
_PARTITIVES = {"one", "some", "many", "several", "two", "three", "few", "most", "all", "none"}
_GROUP_PRONOUNS = {"they", "them", "we", "their", "our"}
_DEFINITE = {"the", "this", "that", "these", "those"}
_DETERMINERS = {"the", "a", "an", "another", "this", "that", "these", "those", "some"}
# How many sentences back a pronoun may look for its speaker.
_PRONOUN_WINDOW = 6


@dataclass(frozen=True)
class Resolution:
    speaker: Speaker
    title: str | None
    confidence: float


_clean = display_name


def unresolved() -> Speaker:
    """No speaker: the mention ("it", "the strike") names nobody the article introduces."""
    return Speaker(None, "unknown")


def _gender(token: Token, rules: Rules) -> str | None:
    """The gender a pronoun or role noun gives ("she", "spokeswoman", "girl")."""
    morph = token.morph.get("Gender")
    if morph and morph[0] in ("Fem", "Masc"):
        return "f" if morph[0] == "Fem" else "m"
    return gender_of_word(token.lower_, rules)


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
        self.speech_history: list[tuple[int, Speaker]] = []  # the same, reactions left out
        self._told: dict[Speaker, set[str]] = {}  # anonymous source -> outlets it spoke to
        self._acronyms = self._find_acronyms()
        self._quoted = find_quoted_spans(doc_text(doc))
        self._register_people()

    # --- registries -----------------------------------------------------------------

    def _person_name(self, ent: Span) -> str:
        tokens = [t for t in ent if not is_honorific(t.text, self.rules)]
        if not tokens:
            return _clean(ent.text)
        return _clean(self.doc[tokens[0].i : tokens[-1].i + 1].text)

    def _register_people(self) -> None:
        """Full names first, so that a later surname finds the person."""
        named = [
            (self._person_name(ent), ent.text) for ent in self.doc.ents if ent.label_ == "PERSON"
        ]
        named += [(name, name) for name in self._titled_names()]
        for name, written in named:
            if self._is_org_name(name):
                continue
            if len(name.split()) >= 2 and name not in self.people:
                gender = gender_of_name(written, self.rules)
                self.people[name] = Speaker(name, "person", aliases=[name], gender=gender)

    def _is_org_name(self, name: str) -> bool:
        """A known organisation the entity tagger took for a person ("Kata'ib Hezbollah")."""
        return name in self.rules.org_aliases or name in self._acronyms

    def _titled_names(self) -> list[str]:
        """'Sina Toossi, a senior fellow at …': a two-word proper name with a role in apposition,
        which the entity tagger may have missed."""
        found = []
        heads = {t.head.i: t.head for t in tokens_where(self.doc[:], "DEP", "appos")}
        for token in sorted(heads.values(), key=lambda t: t.i):
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
            r"((?:[A-Z][\w.'-]*\s+){1,8}[A-Z][\w.'-]*)\s*\(([A-Z]{2,8})\)", doc_text(self.doc)
        ):
            found[match.group(2)] = _clean(match.group(1))
        return found

    def _person(self, name: str) -> Speaker:
        """The person called `name`; a surname alone joins the full name it ends."""
        if name in self.people:
            return self.people[name]
        for full, speaker in self.people.items():
            if same_person_name(name, full):
                speaker.add_alias(name)
                return speaker
        speaker = Speaker(name, "person", aliases=[name], gender=gender_of_name(name, self.rules))
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

    def _window_start(self, position: int, window: int | None) -> int:
        starts = sentence_starts(self.doc)
        before = bisect_right(starts, position)  # sentences starting at or before `position`
        return starts[before - window] if window and before >= window else 0

    def _recent(
        self, position: int, kinds: tuple[str, ...], window: int | None, gender: str | None = None
    ) -> Speaker | None:
        """The latest earlier speaker of one of `kinds`, within `window` sentences, whose
        gender does not disagree with `gender`."""
        limit = self._window_start(position, window)
        for start, speaker in reversed(self.history):
            if limit <= start <= position and speaker.kind in kinds and speaker.agrees(gender):
                return speaker
        return None

    def _recent_person_entity(
        self, position: int, gender: str | None = None, window: int | None = None
    ) -> Speaker | None:
        """The last person named before `position` whose gender agrees (a pronoun's or
        "the girl"'s antecedent when nobody spoke yet)."""
        limit = self._window_start(position, window)
        for ent in reversed(ents_ending_by(self.doc, position)):
            if ent.label_ != "PERSON" or ent.start_char < limit:
                continue
            speaker = self._agreeing_person(ent, gender)
            if speaker is not None:
                return speaker
        return None

    def _agreeing_person(self, ent: Span, gender: str | None) -> Speaker | None:
        """The person a PERSON entity names, if it is no organisation and agrees in gender."""
        name = self._person_name(ent)
        if self._is_org_name(name):
            return None
        speaker = self._person(name)
        return speaker if speaker.agrees(gender) else None

    def _by_role(self, noun: str, position: int, gender: str | None = None) -> Speaker | None:
        """'the lawmaker', 'the spokesman': the latest speaker described by that noun or a
        synonym, else the latest person the article introduced with it."""
        nouns = self.rules.title_synonyms(noun)
        for start, speaker in reversed(self.history):
            if start <= position and speaker.nouns & nouns and speaker.agrees(gender):
                return speaker
        return self._introduced_as(nouns, position, gender)

    def _introduced_as(
        self, nouns: frozenset[str], position: int, gender: str | None
    ) -> Speaker | None:
        """'Jane Doe, a spokeswoman for …' or 'spokesman John Kirby' before `position`."""
        for ent in reversed(ents_ending_by(self.doc, position)):
            if ent.label_ != "PERSON":
                continue
            described = [t for t in noun_phrase(ent.root) if t.i < ent.start or t.i >= ent.end]
            appos = apposition(ent.root)
            described += list(appos) if appos is not None else []
            if not any(t.lemma_.lower() in nouns for t in described):
                continue
            speaker = self._agreeing_person(ent, gender)
            if speaker is not None:
                return speaker
        return None

    def _document_issuer(self, noun: Token) -> Speaker | None:
        """'the statement said': whoever issued the statement."""
        for child in noun.children:
            if child.dep_ in ("poss", "compound") and child.ent_type_ in ("ORG", "PERSON", "GPE"):
                return self.resolve_head(child).speaker
        for start, speaker in reversed(self.speech_history):
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
        last = person_tokens(names[-1].text)
        for full, speaker in self.people.items():
            if len(full.split()) >= 2 and last and person_tokens(full)[-1:] == last[-1:]:
                speaker.add_alias(written)
                return speaker
        return None

    def _with_name_before(self, phrase: Span) -> Span:
        """The phrase with a capitalised word the parser left out before it ("Kata’ib")."""
        start = phrase.start
        while start > phrase.sent.start and self.doc[start - 1].text[:1].isupper():
            start -= 1
        return self.doc[start : phrase.end]

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
        or in apposition ("Yehia Rasool, the spokesperson for …"); never a coordination."""
        appos = apposition(head)
        if appos is not None and not any(t.ent_type_ == "PERSON" for t in appos):
            return _clean(appos.text)
        if name_span is not None and name_span.start > phrase.start:
            before = self.doc[phrase.start : name_span.start]
            words = [t for t in before if t.lower_ not in _DETERMINERS and not t.is_punct]
            if any(t.pos_ == "CCONJ" for t in words):
                return None
            if any(t.pos_ == "NOUN" or t.lower_ in self.rules.title_nouns for t in words):
                return _clean(self.doc[words[0].i : words[-1].i + 1].text)
        return None

    def _anonymous(self, phrase: Span, head: Token, role: Token | None = None) -> Speaker:
        """A described source ("a lawmaker", "one of the group's commanders"); `role` is the
        noun describing it when that is not the head."""
        role = role if role is not None else head
        name = _without_determiner(phrase)
        if len(phrase) and phrase[0].lower_ == "another":
            # Kept, so that this source is not one row with the "lawmaker" quoted before.
            name = f"another {name}"
        sentence = head.sent.text.lower()
        plural = head.tag_ in ("NNS", "NNPS")
        anonymous = any(marker in sentence for marker in self.rules.anonymity_markers)
        if anonymous and "anonymous" not in name.lower():
            name = f"anonymous {name}"
        kind = "group" if plural and head.lemma_.lower() != "source" else "anonymous"
        speaker = Speaker(name, kind, aliases=[], gender=_gender(role, self.rules))
        speaker.nouns.add(role.lemma_.lower())
        told = told_whom(head)
        if told:
            self._told[speaker] = {told}
        return speaker

    def _told_before(self, phrase: Span, head: Token) -> Speaker | None:
        """ "According to a lawmaker who spoke with CBS News" after "An anonymous member of
        Parliament informed CBS News": an unnamed source described alike (synonymous role,
        no conflicting qualifier) who spoke to the same outlet earlier in the article is that
        source again. Nothing else ties two unnamed sources; "another lawmaker" never is one."""
        told = told_whom(head)
        if not told or introduces_another(phrase) or head.tag_ in ("NNS", "NNPS"):
            return None
        nouns = self.rules.title_synonyms(head.lemma_.lower())
        name = _without_determiner(phrase)
        for start, speaker in reversed(self.history):
            if (
                start <= head.idx
                and speaker.kind == "anonymous"
                and speaker.nouns & nouns
                and told in self._told.get(speaker, ())
                and described_alike(speaker.name or "", name)
            ):
                return speaker
        return None

    def resolve_head(self, head: Token) -> Resolution:
        """The speaker a source mention with head word `head` stands for."""
        lower = head.lower_
        if lower in _PERSON_PRONOUNS or lower in _GROUP_PRONOUNS or lower in ("it", "its"):
            return self._resolve_pronoun(head)
        if self._quoted_fragment(head):
            return Resolution(unresolved(), None, 0.3)
        phrase = noun_phrase(head)
        conjunct = next((c for c in head.children if c.dep_ == "conj"), None)
        if conjunct is not None and head.pos_ in ("NOUN", "PROPN"):
            # "The militias and the Houthis": the speakers together, a group.
            return Resolution(self._other(_without_determiner(phrase), "group"), None, 0.6)
        partitive = self._partitive_role(head)
        if partitive is not None:
            return Resolution(self._anonymous(phrase, head, partitive), None, 0.6)
        return self._resolve_named(head, phrase) or self._resolve_described(head, phrase)

    def _resolve_pronoun(self, head: Token) -> Resolution:
        """Pronouns look back to whoever spoke last, of a gender and kind that agree."""
        position, lower = head.idx, head.lower_
        if lower in _PERSON_PRONOUNS:
            gender = _gender(head, self.rules)
            found = self._recent(position, ("person",), _PRONOUN_WINDOW, gender)
            found = found or self._recent_person_entity(position, gender)
            if found:
                found.gender = found.gender or gender
                return Resolution(found, found.description, 0.75)
            return Resolution(unresolved(), None, 0.3)
        kinds = ("organization",) if lower in ("it", "its") else ("group", "organization")
        found = self._recent(position, kinds, _PRONOUN_WINDOW)
        if found:
            return Resolution(found, found.description, 0.6)
        return Resolution(unresolved(), None, 0.3)

    def _quoted_fragment(self, head: Token) -> bool:
        """Words inside quotation marks whose verb stands outside them ('as "a blatant
        assassination" that disregarded …'): a fragment of a quote, not a speaker."""
        for span in self._quoted:
            if span.start <= head.idx < span.end:
                return not span.start <= head.head.idx < span.end
        return False

    def _partitive_role(self, head: Token) -> Token | None:
        """ "one of the commanders of the group": the role noun after "of"."""
        if head.lower_ not in _PARTITIVES:
            return None
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if obj is not None and obj.lemma_.lower() in self.rules.title_nouns:
                    return obj
        return None

    def _resolve_named(self, head: Token, phrase: Span) -> Resolution | None:
        """A person or organisation the phrase names."""
        person = self._entity_of(phrase, ("PERSON",))
        if person is not None and self._is_org_name(self._person_name(person)):
            return Resolution(self._org(self._person_name(person)), None, 0.85)
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
            return Resolution(speaker, title or speaker.description, 0.9)
        # A surname already known as a person's, whatever the entity tagger said.
        known = self._known_person(phrase)
        if known is not None:
            title = self._title_of(phrase, None, head)
            self._learn(known, title, head)
            return Resolution(known, title or known.description, 0.8)
        place = _without_determiner(phrase)
        if head.ent_type_ == "GPE" or place in self.rules.countries:
            # Countries speak as their governments ("Iraq criticizes …").
            return Resolution(self._org(place), None, 0.6)
        return None

    def _resolve_described(self, head: Token, phrase: Span) -> Resolution:
        """Documents, organisations, roles, groups; a bare common noun names nobody."""
        position = head.idx
        if head.lemma_.lower() in self.rules.document_nouns:
            issuer = self._document_issuer(head)
            if issuer is not None:
                return Resolution(issuer, issuer.description, 0.7)
        alias = self._org_alias_in(self._with_name_before(phrase).text)
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
                found = self._by_role(noun, position, _gender(head, self.rules))
                if found:
                    return Resolution(found, found.description, 0.7)
            else:
                found = self._told_before(phrase, head)
                if found:
                    return Resolution(found, found.description, 0.65)
            return Resolution(self._anonymous(phrase, head), None, 0.7)
        if (
            determiner in _DEFINITE
            and head.pos_ == "NOUN"
            and _gender(head, self.rules) is not None
        ):
            # "the girl", "the woman": the person of that gender named just before.
            found = self._recent_person_entity(position, _gender(head, self.rules), _PRONOUN_WINDOW)
            if found:
                return Resolution(found, found.description, 0.6)
        # Organisations and peoples ("Democrats") speak as such.
        if org is not None:
            return Resolution(self._org(_without_determiner(phrase)), None, 0.6)
        if head.ent_type_ == "NORP" or head.tag_ in ("NNS", "NNPS"):
            return Resolution(self._other(_without_determiner(phrase), "group"), None, 0.6)
        if head.pos_ == "PROPN":
            return Resolution(self._person(_clean(phrase.text)), None, 0.5)
        return Resolution(unresolved(), None, 0.4)

    def _learn(self, speaker: Speaker, title: str | None, head: Token) -> None:
        """Remember the roles a title gives, so "the spokesperson" can refer back."""
        if title and not speaker.description:
            speaker.description = title
        if title:
            for word in title.lower().replace(",", " ").split():
                if word in self.rules.title_nouns:
                    speaker.nouns.add(word)
                    speaker.gender = speaker.gender or gender_of_word(word, self.rules)

    def remember(self, position: int, speaker: Speaker, speech: bool = True) -> None:
        """Record that `speaker` was quoted at `position` (a sentence start); `speech` is
        False for a reaction, which no later 'the statement' can mean."""
        self.history.append((position, speaker))
        if speech:
            self.speech_history.append((position, speaker))
