"""Speakers' names: how one is written, compared, keyed, slugged, and what it tells of gender.

Coreference (quotes.coref), the speaker registry (quotes.speakers) and drift
(quotes.drift) all compare names through these functions, so a rule about names is
written once: honorifics come from rules/honorifics.txt, organisation aliases from
rules/organizations.tsv, gendered words from rules/gendered_words.tsv.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from .rules import Rules, load_rules

PRONOUNS = frozenset(
    "he she they it him her them his hers their theirs its we i you who which that this".split()
)
_MARKS = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
_COUNTRY_QUALIFIER = re.compile(r"^(?:the )?(?:us|united states|american|u s)\s+")
_OF_COUNTRY = re.compile(r"\s+of the (?:us|united states)(?: military| government)?$")
_SMALL_WORDS = frozenset({"of", "and", "for", "the"})


@dataclass(frozen=True)
class SpeakerRef:
    """A speaker as drift compares it: a frozen, hashable view of a `Speaker`."""

    id: str | None = None
    name: str | None = None
    kind: str = "unknown"
    aliases: tuple[str, ...] = ()


@dataclass(eq=False)
class Speaker:
    """One speaker: who a quote belongs to while its article is resolved (`id` None), and
    the speakers row it becomes (`id` set). `name` None: the mention was not resolved.

    `description` is the row's (the title an article gives, "Unnamed source in …");
    `nouns` are the role nouns that can refer back to it ("the lawmaker"); `gender` is
    "f" or "m" once a name, honorific, title or pronoun tells.
    """

    name: str | None
    kind: str = "unknown"
    id: str | None = None
    description: str | None = None
    aliases: list[str] = field(default_factory=list)
    nouns: set[str] = field(default_factory=set)
    gender: str | None = None

    def add_alias(self, *aliases: str) -> None:
        for alias in aliases:
            if alias and alias not in self.aliases:
                self.aliases.append(alias)

    def agrees(self, gender: str | None) -> bool:
        """Whether a pronoun or role noun of `gender` can stand for this speaker."""
        return gender is None or self.gender is None or self.gender == gender

    def row(self) -> dict[str, str | None]:
        """The speakers table row."""
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "description": self.description,
        }

    def ref(self) -> SpeakerRef:
        return SpeakerRef(self.id, self.name, self.kind, tuple(self.aliases))


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_MARKS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def display_name(text: str) -> str:
    """A name as shown: single spaces, straight apostrophes, no possessive ending.

    Apostrophes inside a name stay ("Kata'ib Hezbollah", "O'Brien").
    """
    text = " ".join(text.translate(_MARKS).split())
    return re.sub(r"'s?$", "", text).strip(" ,")


@lru_cache(maxsize=1 << 16)  # drift relates each speaker to many others
def name_key(name: str) -> str:
    """A name compared loosely: case, accents, dots, possessives and a leading "the" ignored."""
    text = _ascii(name).lower()
    text = re.sub(r"'s\b", "", text)
    text = text.replace(".", "").replace("'", "")
    text = re.sub(r"[^\w]+", " ", text).strip()
    return re.sub(r"^the\s+", "", text)


def slug(name: str) -> str:
    """A speaker id from a name: "Yehia Rasool" -> "yehia-rasool", "U.S. Central Command" ->
    "us-central-command" (the one slug rule of the database and drift)."""
    text = re.sub(r"[^a-z0-9]+", "-", name_key(name)).strip("-")[:60].strip("-")
    return text or "speaker-" + hashlib.sha256(name.encode()).hexdigest()[:8]


@lru_cache(maxsize=1)
def _honorifics() -> frozenset[str]:
    return frozenset(word.lower().rstrip(".") for word in load_rules().honorifics)


def is_honorific(word: str, rules: Rules | None = None) -> bool:
    """ "Mr.", "Sen", "Dr.": a courtesy title, not part of the name (`rules`: the shipped ones)."""
    if rules is not None:
        return word.lower() in rules.honorifics or word.lower() + "." in rules.honorifics
    return word.lower().rstrip(".") in _honorifics()


def is_pronoun(text: str) -> bool:
    return name_key(text) in PRONOUNS


def is_name_like(alias: str) -> bool:
    """Whether a surface form names someone ("Rasool", "CENTCOM"), not describes ("he", "the lawmaker")."""
    stripped = re.sub(r"^(?:the|a|an)\s+", "", alias.strip(), flags=re.IGNORECASE)
    if not stripped or name_key(stripped) in PRONOUNS:
        return False
    return stripped[0].isupper() or stripped[0].isdigit() or government_of(stripped) is not None


# "Iran's government" (its name key drops the possessive), "the government of Iran".
_GOVERNMENT = re.compile(r"^(?:(?P<before>.+) government|government of (?:the )?(?P<after>.+))$")


@lru_cache(maxsize=1)
def _country_keys() -> dict[str, str]:
    return {name_key(country): country for country in load_rules().countries}


def government_of(name: str) -> str | None:
    """The country a name stands for as a speaker: "Iran", "Iran's government" and "the
    government of Iran" are one source (a country as a speaker is its government)."""
    key = name_key(name)
    match = _GOVERNMENT.match(key)
    return _country_keys().get(match["before"] or match["after"] if match else key)


def person_tokens(name: str) -> list[str]:
    """A person's name keyed word by word, honorifics dropped ("Mr. Trump" -> ["trump"])."""
    tokens = name_key(name).split()
    while tokens and tokens[0] in _honorifics():
        tokens = tokens[1:]
    return tokens


def first_names_agree(a: list[str], b: list[str]) -> bool:
    """ "Yehia" and "Yehia", or an initial and a name it begins ("Y." and "Yehia")."""
    first_a, first_b = a[0], b[0]
    return first_a == first_b or first_a[:1] == first_b[:1] and min(len(first_a), len(first_b)) == 1


def same_person_name(a: str, b: str) -> bool:
    """Same surname and compatible first names; a bare surname matches any full name."""
    left, right = person_tokens(a), person_tokens(b)
    if not left or not right or left[-1] != right[-1]:
        return False
    return len(left) == 1 or len(right) == 1 or first_names_agree(left, right)


def canonical_org_name(name: str) -> str:
    """The project's canonical spelling of a known organisation, else `name` unchanged."""
    aliases = load_rules().org_aliases
    name = display_name(name) if "’" in name else name.strip()
    stripped = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
    return aliases.get(name) or aliases.get(stripped) or name


def is_organization_name(name: str, rules: Rules | None = None) -> bool:
    """A country ("Iraq": its government) or an organisation the rules list ("Kata'ib Hezbollah")."""
    rules = rules or load_rules()
    name = display_name(name)
    stripped = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
    if government_of(name) is not None:
        return True
    return bool({name, stripped} & (rules.countries | rules.org_aliases.keys()))


def org_key(name: str) -> str:
    """An organisation's name without the country qualifiers outlets add or drop; a
    country's government keyed as the country."""
    country = government_of(name)
    if country is not None:
        return f"government of {name_key(country)}"
    key = name_key(name)
    if " military " in f" {key} " and " " in key:
        # "U.S. military's Central Command" -> "central command"
        key = key.split("military", 1)[1].strip() or key
    key = _OF_COUNTRY.sub("", key)
    return _COUNTRY_QUALIFIER.sub("", key)


def looks_like_acronym(name: str) -> bool:
    letters = name.replace(".", "")
    return " " not in letters and 2 <= len(letters) <= 8 and letters.isupper()


def is_acronym_of(acronym: str, name: str) -> bool:
    """ "CENTCOM" of "Central Command", "IRGC" of "Islamic Revolutionary Guard Corps"."""
    letters = re.sub(r"[^a-z]", "", _ascii(acronym).lower())
    words = [w for w in org_key(name).split() if w not in _SMALL_WORDS]
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


def gender_of_word(word: str, rules: Rules | None = None) -> str | None:
    """ "f" or "m" for a gendered first name, honorific or role noun ("Maria", "Mrs.",
    "spokeswoman"), else None."""
    return (rules or load_rules()).gendered_words.get(word.lower().rstrip("."))


def gender_of_name(name: str, rules: Rules | None = None) -> str | None:
    """The gender a person's name tells: its honorific, else its first name."""
    words = name_key(name).split()
    if not words:
        return None
    if len(words) > 1 or is_honorific(words[0], rules):
        return gender_of_word(words[0], rules)
    return None


# Words of a description that tell nothing about who the source is.
_DESCRIPTION_FILLER = frozenset(
    "a an the one of from for in at with who whom anonymous unnamed s".split()
)


def description_parts(description: str) -> tuple[frozenset[str], frozenset[str]]:
    """(role nouns, qualifying words) of a source description: "member of Iraq's Parliament"
    -> ({"member"}, {"iraq", "parliament"}); roles are the title nouns of rules/titles.txt."""
    title_nouns = load_rules().title_nouns
    roles, qualifiers = set(), set()
    for word in name_key(description).split():
        singular = word[:-1] if word.endswith("s") and word[:-1] in title_nouns else word
        if singular in title_nouns:
            roles.add(singular)
        elif word not in _DESCRIPTION_FILLER:
            qualifiers.add(word)
    return frozenset(roles), frozenset(qualifiers)


def described_alike(a: str, b: str) -> bool:
    """Two descriptions that could be one source: synonymous roles ("lawmaker" / "member",
    "official" / "representative") and one's qualifiers within the other's ("Iraqi
    government official" / "Iraqi government representative", "lawmaker" / "member of
    Iraq's Parliament")."""
    rules = load_rules()
    roles_a, qualifiers_a = description_parts(a)
    roles_b, qualifiers_b = description_parts(b)
    synonyms = frozenset().union(*(rules.title_synonyms(role) for role in roles_a))
    if not roles_a or not roles_b or not synonyms & roles_b:
        return False
    return qualifiers_a <= qualifiers_b or qualifiers_b <= qualifiers_a
