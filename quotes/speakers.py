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

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from .model import Quote
from .rules import load_rules

# Speakers of these kinds belong to the article that quotes them.
ARTICLE_SCOPED_KINDS = frozenset({"anonymous", "unknown"})
# Most specific first: a later article may know more about a speaker than an earlier one.
KIND_ORDER = ("person", "organization", "group", "anonymous", "unknown")

PRONOUNS = frozenset(
    "he she they it him her them his hers their theirs its we i you who which that this".split()
)
HONORIFICS = frozenset("mr mrs ms miss dr prof sir dame sen rep gen col lt capt sgt".split())
_COUNTRY_QUALIFIER = re.compile(r"^(?:the )?(?:us|united states|american|u s)\s+")
_OF_COUNTRY = re.compile(r"\s+of the (?:us|united states)(?: military| government)?$")
_MARKS = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_MARKS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def name_key(name: str) -> str:
    """A name compared loosely: case, accents, dots, possessives and a leading "the" ignored."""
    text = _ascii(name).lower()
    text = re.sub(r"'s\b", "", text)
    text = text.replace(".", "").replace("'", "")
    text = re.sub(r"[^\w]+", " ", text).strip()
    text = re.sub(r"^the\s+", "", text)
    return text


def slug(name: str) -> str:
    """A readable id: "Yehia Rasool" -> "yehia-rasool"."""
    text = re.sub(r"[^a-z0-9]+", "-", name_key(name)).strip("-")[:60].strip("-")
    return text or "speaker-" + hashlib.sha256(name.encode()).hexdigest()[:8]


def is_name_like(alias: str) -> bool:
    """Whether a surface form names someone ("Rasool", "CENTCOM"), not describes ("he", "the lawmaker")."""
    stripped = re.sub(r"^(?:the|a|an)\s+", "", alias.strip(), flags=re.IGNORECASE)
    if not stripped or name_key(stripped) in PRONOUNS:
        return False
    return stripped[0].isupper() or stripped[0].isdigit()


def _person_tokens(name: str) -> list[str]:
    tokens = name_key(name).split()
    while tokens and tokens[0] in HONORIFICS:
        tokens = tokens[1:]
    return tokens


def _org_key(name: str) -> str:
    """An organisation's name without the country qualifiers outlets add or drop."""
    key = name_key(name)
    if " military " in f" {key} " and " " in key:
        # "U.S. military's Central Command" -> "central command"
        key = key.split("military", 1)[1].strip() or key
    key = _OF_COUNTRY.sub("", key)
    key = _COUNTRY_QUALIFIER.sub("", key)
    return key


def is_acronym_of(acronym: str, name: str) -> bool:
    """ "CENTCOM" of "Central Command", "IRGC" of "Islamic Revolutionary Guard Corps"."""
    letters = re.sub(r"[^a-z]", "", _ascii(acronym).lower())
    words = [w for w in _org_key(name).split() if w not in {"of", "and", "for", "the"}]
    if len(letters) < 2 or len(words) < 2:
        return False

    def match(i: int, j: int) -> bool:
        if i == len(letters):
            return j == len(words)
        if j == len(words):
            return False
        word = words[j]
        for k in range(min(len(word), len(letters) - i), 0, -1):
            if word[:k] == letters[i : i + k] and match(i + k, j + 1):
                return True
        return False

    return match(0, 0)


@dataclass
class Speaker:
    """A speakers row, with the names it is matched by."""

    id: str
    name: str
    kind: str
    description: str | None = None
    aliases: set[str] = field(default_factory=set)

    def row(self) -> dict[str, str | None]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "description": self.description,
        }


def canonical_name(name: str) -> str:
    """The project's canonical spelling of a known organisation, else `name` unchanged."""
    aliases = load_rules().org_aliases
    stripped = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE)
    return aliases.get(name.strip()) or aliases.get(stripped) or name.strip()


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


def _looks_like_acronym(name: str) -> bool:
    letters = name.replace(".", "")
    return " " not in letters and 2 <= len(letters) <= 8 and letters.isupper()


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
                tokens = _person_tokens(name)
                if tokens and speaker not in self._by_surname.setdefault(tokens[-1], []):
                    self._by_surname[tokens[-1]].append(speaker)
            else:
                self._by_org_key.setdefault(_org_key(canonical_name(name)), speaker)
                if _looks_like_acronym(name):
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
            found = self._by_org_key.get(_org_key(canonical_name(name)))
            if found is not None and found.kind != "person":
                return found
        for name in names:
            if _looks_like_acronym(name):
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
            tokens = _person_tokens(name)
            for speaker in self._by_surname.get(tokens[-1], []) if tokens else []:
                theirs = _person_tokens(speaker.name)
                if speaker in candidates or not theirs:
                    continue
                if len(tokens) == 1 or len(theirs) == 1 or _first_names_agree(tokens, theirs):
                    candidates.append(speaker)
        return candidates[0] if len(candidates) == 1 else None

    def resolve(self, quote: Quote, article_id: str, where: str) -> Speaker | None:
        """The speakers row for `quote`'s speaker (None when the extractor found none).

        `where` names the article for an unnamed source's description ("Truthout").
        """
        if not quote.speaker:
            return None
        kind = quote.speaker_kind if quote.speaker_kind in KIND_ORDER else "unknown"
        names = quote_names(quote)
        display = canonical_name(quote.speaker) if kind != "person" else quote.speaker.strip()
        if kind in ARTICLE_SCOPED_KINDS or not is_name_like(display):
            # A description ("officials", "a lawmaker") names nobody beyond its own article.
            speaker_id = f"{slug(display)}-{article_id[:8]}"
            described = "Unnamed source" if kind == "anonymous" else "Described, not named,"
            speaker = Speaker(speaker_id, display, kind, f"{described} in {where}")
            speaker.aliases.update(names)
            self._ids.add(speaker_id)
            return speaker
        speaker = self._find(kind, names)
        if speaker is None:
            speaker = Speaker(self._new_id(display), display, kind, quote.speaker_title)
            self._add(speaker)
        else:
            self._merge(speaker, display, kind, quote.speaker_title)
        speaker.aliases.update(names)
        if display != quote.speaker:
            speaker.aliases.add(display)
        self._index(speaker, [speaker.name, *names])
        return speaker

    @staticmethod
    def _merge(speaker: Speaker, display: str, kind: str, title: str | None) -> None:
        """Let a later article improve what an earlier one said (full name, kind, title)."""
        if KIND_ORDER.index(kind) < KIND_ORDER.index(speaker.kind):
            speaker.kind = kind
        if kind == "person":
            if len(_person_tokens(display)) > len(_person_tokens(speaker.name)):
                speaker.name = display
        elif display in load_rules().org_aliases.values() and speaker.name != display:
            speaker.name = display
        elif len(speaker.name.split()) == 1 and len(display.split()) > 1:
            speaker.name = display
        if speaker.description is None and title:
            speaker.description = title


def _first_names_agree(a: list[str], b: list[str]) -> bool:
    first_a, first_b = a[0], b[0]
    return first_a == first_b or first_a[:1] == first_b[:1] and min(len(first_a), len(first_b)) == 1
