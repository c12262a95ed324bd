"""One speaker row per real speaker across the whole database.

The extractor resolves a speaker within one article ("Rasool", "he" -> Yehia Rasool) and
lists the surface forms that article uses. Here we match those names against the
speakers already known from other articles: the same name or alias, the same surname
for a person ("Rasool" and "Yehia Rasool"), the project's organisation aliases and
acronyms for an organisation ("CENTCOM" and "U.S. Central Command"). Anonymous and
unknown sources are never matched across articles: two unnamed officials in two
stories are two rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .identity import (
    PRONOUNS,
    Speaker,
    canonical_org_name,
    is_acronym_of,
    is_name_like,
    is_organization_name,
    is_pronoun,
    looks_like_acronym,
    name_key,
    org_key,
    person_tokens,
    same_person_name,
    slug,
)
from .model import Quote
from .rules import load_rules

__all__ = ["Speaker", "SpeakerRegistry", "is_acronym_of", "name_key", "quote_names", "slug"]

# Speakers of these kinds belong to the article that quotes them.
ARTICLE_SCOPED_KINDS = frozenset({"anonymous", "unknown"})
# Most specific first: a later article may know more about a speaker than an earlier one.
KIND_ORDER = ("person", "organization", "group", "anonymous", "unknown")


def names_a_speaker(quote: Quote) -> bool:
    """Whether the quote's speaker can be a speakers row: not a pronoun, not a description
    of nobody ("strike"), not words of the quote itself ("a blatant assassination")."""
    if not quote.speaker or is_pronoun(quote.speaker):
        return False
    if quote.speaker_kind not in KIND_ORDER[:4] and not is_name_like(quote.speaker):
        return False
    # A direct quote's words are all inside quotation marks: its speaker stands outside them
    # (reported speech may hold its cue: "The coalition, Rasool said, had …").
    mention = quote.speaker_mention
    if quote.type != "direct" or mention is None or mention.text not in quote.text:
        return True
    return not (quote.start <= mention.start and mention.end <= quote.end)


def speaker_kind(quote: Quote) -> str:
    """The quote's speaker kind; a country or known organisation is never a person."""
    kind = quote.speaker_kind if quote.speaker_kind in KIND_ORDER else "unknown"
    if kind == "person" and quote.speaker and is_organization_name(quote.speaker):
        return "organization"
    return kind


def quote_names(quote: Quote) -> list[str]:
    """Every surface form the article uses for the quote's speaker, pronouns left out."""
    forms = [quote.speaker or "", *quote.speaker_aliases]
    if quote.speaker_mention is not None:
        forms.append(quote.speaker_mention.text)
    seen: dict[str, None] = {}
    for form in forms:
        form = " ".join(form.split())
        if form and name_key(form) not in PRONOUNS:
            seen.setdefault(form, None)
    return list(seen)


class SpeakerRegistry:
    """Matches each quote's speaker to a speakers row, creating rows for new speakers.

    Named speakers are indexed by name key, organisation key, surname and acronym, so
    matching stays fast with many speakers; the first speaker indexed under a key wins.
    """

    def __init__(self, known: Iterable[Speaker] = ()) -> None:
        self._ids: set[str] = set()
        self._by_key: dict[str, Speaker] = {}
        self._by_org_key: dict[str, Speaker] = {}
        self._by_surname: dict[str, list[Speaker]] = {}
        self._acronyms: dict[str, Speaker] = {}
        self._organisations: list[Speaker] = []
        for speaker in known:
            self._add(speaker)

    def _add(self, speaker: Speaker) -> None:
        self._ids.add(speaker.id)
        if speaker.kind in ARTICLE_SCOPED_KINDS or not is_name_like(speaker.name):
            return
        if speaker.kind != "person":
            self._organisations.append(speaker)
        self._index(speaker, [speaker.name, *sorted(speaker.aliases)])

    def _index(self, speaker: Speaker, names: Iterable[str]) -> None:
        for name in filter(is_name_like, names):
            self._by_key.setdefault(name_key(name), speaker)
            if speaker.kind == "person":
                tokens = person_tokens(name)
                if tokens and speaker not in self._by_surname.setdefault(tokens[-1], []):
                    self._by_surname[tokens[-1]].append(speaker)
            else:
                self._by_org_key.setdefault(org_key(canonical_org_name(name)), speaker)
                if looks_like_acronym(name):
                    self._acronyms.setdefault(name, speaker)

    def _new_id(self, name: str) -> str:
        base = slug(name)
        candidate, n = base, 2
        while candidate in self._ids:
            candidate, n = f"{base}-{n}", n + 1
        return candidate

    def _find(self, kind: str, names: list[str]) -> Speaker | None:
        names = [n for n in names if is_name_like(n)]
        for name in names:
            if name_key(name) in self._by_key:
                return self._by_key[name_key(name)]
        if kind == "person":
            return self._find_person(names)
        for name in names:
            found = self._by_org_key.get(org_key(canonical_org_name(name)))
            if found is not None and found.kind != "person":
                return found
        for name in names:
            if looks_like_acronym(name):
                for speaker in self._organisations:
                    if any(
                        is_acronym_of(name, alias) for alias in (speaker.name, *speaker.aliases)
                    ):
                        return speaker
            else:
                for acronym, speaker in self._acronyms.items():
                    if is_acronym_of(acronym, name):
                        return speaker
        return None

    def _find_person(self, names: list[str]) -> Speaker | None:
        """Same surname, compatible first names; a bare surname only when one person has it."""
        candidates: list[Speaker] = []
        for name in names:
            tokens = person_tokens(name)
            for speaker in self._by_surname.get(tokens[-1], []) if tokens else []:
                if speaker not in candidates and same_person_name(name, speaker.name):
                    candidates.append(speaker)
        return candidates[0] if len(candidates) == 1 else None

    def resolve(self, quote: Quote, article_id: str, where: str) -> Speaker | None:
        """The speakers row for `quote`'s speaker (None when the extractor found none).

        `where` names the article for an unnamed source's description ("Truthout").
        """
        if not names_a_speaker(quote):
            return None
        kind = speaker_kind(quote)
        names = quote_names(quote)
        display = canonical_org_name(quote.speaker) if kind != "person" else quote.speaker.strip()
        if kind in ARTICLE_SCOPED_KINDS or not is_name_like(display):
            # A description ("officials", "a lawmaker") names nobody beyond its own article.
            speaker_id = f"{slug(display)}-{article_id[:8]}"
            described = "Unnamed source" if kind == "anonymous" else "Described, not named,"
            speaker = Speaker(display, kind, id=speaker_id, description=f"{described} in {where}")
            speaker.add_alias(*names)
            self._ids.add(speaker_id)
            return speaker
        speaker = self._find(kind, names)
        if speaker is None:
            speaker = Speaker(
                display, kind, id=self._new_id(display), description=_phrase(quote.speaker_title)
            )
            self._add(speaker)
        else:
            self._merge(speaker, display, kind, quote.speaker_title)
        speaker.add_alias(*names)
        if display != quote.speaker:
            speaker.add_alias(display)
        self._index(speaker, [speaker.name, *names])
        return speaker

    @staticmethod
    def _merge(speaker: Speaker, display: str, kind: str, title: str | None) -> None:
        """Let a later article improve what an earlier one said (full name, kind, title)."""
        if KIND_ORDER.index(kind) < KIND_ORDER.index(speaker.kind):
            speaker.kind = kind
        if kind == "person":
            if len(person_tokens(display)) > len(person_tokens(speaker.name)):
                speaker.name = display
        elif display in load_rules().org_aliases.values() and speaker.name != display:
            speaker.name = display
        elif len(speaker.name.split()) == 1 and len(display.split()) > 1:
            speaker.name = display
        if speaker.description is None and title:
            speaker.description = _phrase(title)


def _phrase(title: str | None) -> str | None:
    """A description as a phrase: "a senior fellow at …" -> "senior fellow at …"."""
    if not title:
        return None
    return re.sub(r"^(?:a|an|the)\s+", "", title.strip(" ,"), flags=re.IGNORECASE) or None
