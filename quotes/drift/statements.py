"""Grouping quotes into statements: the renderings, across articles, of one utterance.

Grouping is greedy and ordered, so that every quote is compared only with candidates
the blocker proposes and that were placed before it:
1. quotes with quoted words, fullest first, join the group of the quote whose words they
   repeat (surface links only), or start a group: verbatim copies, excerpts, slight changes;
2. those groups (through their fullest version), then the indirect quotes, longest first,
   join the statement holding their strongest link (surface or paraphrase), or start one;
3. an indirect quote left alone gets a second chance against everything placed after it.
Step 1 runs first so that an altered quotation ("clear act of assassination") meets the
short verbatim pieces ("blatant assassination") already placed, not only the full version.
Identical quotes given to the identical speaker are grouped once.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from .blocking import Blocker
from .classify import IdfWeights, KnownSurfaces, Link, idf_weights, links
from .features import Features
from .lexicon import Lexicon, load_lexicon
from .records import QuoteRecord, SpeakerRef
from .speakers import SpeakerRelations


@dataclass(frozen=True)
class Item:
    """A quote as grouping sees it: its record, its words, when its article appeared."""

    record: QuoteRecord
    features: Features
    published: str | None = None

    def priority(self) -> tuple:
        """Fullest quotation first, then earliest, then by id (for determinism)."""
        return (
            -self.features.n_quoted,
            -len(self.features.words),
            self.published or "9999",
            self.record.id,
        )


def has_quoted_content(f: Features) -> bool:
    """Whether some quoted fragment holds a content word."""
    return any(f.content_count(a, b) for a, b in f.quoted)


# Distinct quotes up to which a grouping run keeps its work for the next (memory for time).
REMEMBER_UP_TO = 20_000
LinkKey = tuple[int, int, str, bool]  # (quote, candidate, relation of speakers, surface only)


@dataclass(frozen=True)
class _Kept:
    """A grouping run's blocker, weights and links checked, which a later run over the same
    distinct quotes with the same blocker keys reuses: a link depends on the two texts, the
    weights and how the speakers relate, which its key holds."""

    features: list[Features]
    speaker_keys: list[Hashable | None]
    options: dict
    blocker: Blocker
    weight: IdfWeights
    links: dict[LinkKey, Link | None]

    def same_texts(self, features: list[Features], options: dict) -> bool:
        """The same distinct quotes in the same order: the weights and links still hold."""
        return (
            len(features) == len(self.features)
            and options == self.options
            and all(a is b for a, b in zip(features, self.features, strict=True))
        )


class _Grouper:
    """The state of one grouping run over distinct quotes."""

    def __init__(
        self,
        items: Sequence[Item],
        lexicon: Lexicon,
        blocker_options: dict,
        memo: dict[str, object] | None = None,
    ) -> None:
        self.items = items
        self.lexicon = lexicon
        self.speakers = SpeakerRelations(lexicon)
        feats = [item.features for item in items]
        keys = [self._speaker_key(i.record.speaker) for i in items]
        kept = memo.get("kept") if memo is not None else None
        # A later run over the same texts keeps the weights and the links checked, which are
        # keyed by how the speakers relate; merged speakers change only the blocker's keys.
        reuse = isinstance(kept, _Kept) and kept.same_texts(feats, blocker_options)
        self.weight = kept.weight if reuse else idf_weights(feats)
        self.known: dict[LinkKey, Link | None] | None = (
            kept.links if reuse else ({} if memo is not None else None)
        )
        if reuse and keys == kept.speaker_keys:
            self.blocker = kept.blocker
        else:
            bands = memo.setdefault("bands", {}) if memo is not None else None
            self.blocker = Blocker(
                feats, keys, bands=bands, remember=memo is not None, **blocker_options
            )
            if memo is not None:
                memo["kept"] = _Kept(
                    feats, keys, dict(blocker_options), self.blocker, self.weight, self.known
                )
        self.surfaces: KnownSurfaces | None = None
        if memo is not None:
            self.surfaces = memo.setdefault("surfaces", {})  # type: ignore[assignment]
        speakers: dict[SpeakerRef, int] = {}
        self._speaker = [speakers.setdefault(i.record.speaker, len(speakers)) for i in items]
        self._relations: dict[tuple[int, int], str] = {}

    def _speaker_key(self, speaker: SpeakerRef) -> Hashable | None:
        """The key paraphrases by one speaker share in the blocker (none for vague speakers)."""
        return None if speaker.id is None or self.speakers.is_vague(speaker) else speaker.id

    def relation(self, i: int, j: int) -> str:
        """How the speakers of quotes i and j relate (cached per pair of speakers; symmetric)."""
        si, sj = self._speaker[i], self._speaker[j]
        key = (si, sj) if si <= sj else (sj, si)
        found = self._relations.get(key)
        if found is None:
            a, b = self.items[i].record.speaker, self.items[j].record.speaker
            found = self._relations[key] = self.speakers.relation(a, b)
        return found

    def best(
        self, members: Sequence[int], placed: dict[int, int], surface_only: bool
    ) -> int | None:
        """The placed group with the strongest link to any of `members`, if any."""
        found: dict[int, Link] = {}
        for m in members:
            near = [j for j in self.blocker.candidates(m) if j in placed]
            if not near:
                continue
            evidence = self.links(m, near, surface_only)
            for j, found_link in zip(near, evidence, strict=True):
                group = placed[j]
                if found_link and (group not in found or found_link.rank > found[group].rank):
                    found[group] = found_link
        if not found:
            return None
        return max(found, key=lambda g: (found[g].rank, -g))

    def links(self, m: int, near: Sequence[int], surface_only: bool) -> list[Link | None]:
        """The link of quote m with each of `near` (those checked before are remembered)."""
        relations = [self.relation(m, j) for j in near]
        known = self.known
        if known is None:
            return self._check(m, near, relations, surface_only)
        keys = [(m, j, r, surface_only) for j, r in zip(near, relations, strict=True)]
        missing = [k for k, key in enumerate(keys) if key not in known]
        if missing:
            fresh = self._check(
                m, [near[k] for k in missing], [relations[k] for k in missing], surface_only
            )
            known.update(zip([keys[k] for k in missing], fresh, strict=True))
        return [known[key] for key in keys]

    def _check(
        self, m: int, near: Sequence[int], relations: Sequence[str], surface_only: bool
    ) -> list[Link | None]:
        feats = [self.items[j].features for j in near]
        found = self.items[m].features
        return links(found, feats, relations, self.weight, surface_only, self.surfaces)

    def surface_groups(self, order: Sequence[int]) -> list[list[int]]:
        """Step 1: quotes with quoted words, joined by repeated words only."""
        placed: dict[int, int] = {}
        groups: list[list[int]] = []
        for i in order:
            group = self.best([i], placed, surface_only=True)
            if group is None:
                group = len(groups)
                groups.append([])
            groups[group].append(i)
            placed[i] = group
        return groups

    def statements(self, units: Sequence[list[int]]) -> list[list[int]]:
        """Step 2: each unit joins the statement it links to most strongly, or starts one."""
        placed: dict[int, int] = {}
        statements: list[list[int]] = []
        for unit in units:
            # A group speaks through its fullest version: its short excerpts share too few
            # words to tell a rewording of this statement from another by the same speaker.
            target = self.best(unit[:1], placed, surface_only=False)
            if target is None:
                target = len(statements)
                statements.append([])
            statements[target].extend(unit)
            for i in unit:
                placed[i] = target
        self._second_chance(statements, placed)
        return [s for s in statements if s]

    def _second_chance(self, statements: list[list[int]], placed: dict[int, int]) -> None:
        """A quote left alone may link to one placed after it (two paraphrases of one thing)."""
        for target, members in enumerate(statements):
            if len(members) != 1 or has_quoted_content(self.items[members[0]].features):
                continue
            i = members[0]
            del placed[i]
            found = self.best([i], placed, surface_only=False)
            placed[i] = target if found is None else found
            if found is not None:
                statements[found].append(i)
                members.clear()


def _twins(items: Sequence[Item]) -> tuple[list[int], list[int]]:
    """Distinct quotes and, for each item, its distinct one.

    Quotes with the same words, quoted the same way and given to the same speaker would
    link anyway when they hold two content words; grouping them once saves the work
    (a much-copied quote). Quotes with less content stay apart, as `link` keeps them.
    """
    first: dict[tuple, int] = {}
    reps: list[int] = []
    twin_of: list[int] = []
    for i, item in enumerate(items):
        f = item.features
        key = (f.words, f.quoted, item.record.speaker) if len(f.content_set) >= 2 else (i,)
        if key not in first:
            first[key] = len(reps)
            reps.append(i)
        twin_of.append(first[key])
    return reps, twin_of


def group_statements(
    items: Sequence[Item],
    lexicon: Lexicon | None = None,
    memo: dict[str, object] | None = None,
    **blocker_options: object,
) -> list[list[int]]:
    """Statements as lists of indices into `items`, each list in placing order.

    `memo` (a DriftMemo's `grouping`) carries over what does not depend on who speakers
    are (MinHash bands, surface scores, and links whose speakers relate as before) to a
    later run on the same texts; the result is the same as without it."""
    lexicon = lexicon or load_lexicon()
    reps, twin_of = _twins(items)
    distinct = [items[r] for r in reps]
    if len(distinct) > REMEMBER_UP_TO:
        memo = None
    grouper = _Grouper(distinct, lexicon, dict(blocker_options), memo)
    order = sorted(range(len(distinct)), key=lambda k: distinct[k].priority())
    quoted = [k for k in order if has_quoted_content(distinct[k].features)]
    unquoted = [[k] for k in order if not has_quoted_content(distinct[k].features)]
    statements = grouper.statements(grouper.surface_groups(quoted) + unquoted)
    members: list[list[int]] = [[] for _ in statements]
    where = {k: s for s, group in enumerate(statements) for k in group}
    for i, rep in enumerate(twin_of):
        members[where[rep]].append(i)
    return [sorted(m, key=lambda i: items[i].priority()) for m in members]
