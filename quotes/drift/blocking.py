"""Candidate partners for each quote, so that grouping never compares every pair.

Three cheap indexes propose candidates; `classify.link` then checks each one:
- ordered pairs of neighbouring content lemmas (skipping at most one): excerpts and
  lightly altered quotations share them with the quote they come from;
- MinHash LSH (datasketch MinHash, banded here) over the set of content lemmas:
  reworded versions whose content words mostly agree, whoever they are given to;
- (speaker, content lemma): paraphrases by one speaker that share few words.
Keys (and LSH bands) held by more than `max_postings` quotes say little and are
skipped: that cap is what keeps the work per quote bounded as the collection grows
(an uncapped LSH bucket of common words grows with it, making grouping quadratic).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence

from datasketch import MinHash, MinHashLSH

from .features import Features


def phrase_keys(f: Features) -> set[tuple[str, str, str]]:
    """Ordered pairs of content lemmas at most one content word apart."""
    seq = f.content_seq
    keys = {("p", seq[k], seq[k + 1]) for k in range(len(seq) - 1)}
    keys |= {("p", seq[k], seq[k + 2]) for k in range(len(seq) - 2)}
    return keys


def band_keys(minhash: MinHash, bands: int, rows: int) -> list[int]:
    """One key per LSH band of `minhash`: its hash values in the band, and the band."""
    raw = minhash.hashvalues.tobytes()
    width = rows * minhash.hashvalues.itemsize  # bytes of one band's hash values
    return [
        int.from_bytes(raw[b * width : (b + 1) * width], "little") * 32 + b for b in range(bands)
    ]


class Blocker:
    """Proposes, for any quote, the quotes worth comparing it with."""

    def __init__(
        self,
        features: Sequence[Features],
        speaker_keys: Sequence[Hashable | None],
        *,
        num_perm: int = 64,
        threshold: float = 0.3,
        max_postings: int = 100,
        max_candidates: int = 60,
        bands: dict[tuple, list[int]] | None = None,
        remember: bool = False,
    ) -> None:
        """`bands`, if given, holds band keys by content set (and is filled): a later
        blocker over the same quotes hashes none of them again. `remember` keeps each
        quote's candidates for the next call (memory for time)."""
        self.max_candidates = max_candidates
        self._candidates: dict[int, list[int]] | None = {} if remember else None
        self.keys: list[list[Hashable]] = []
        postings: dict[Hashable, list[int]] = defaultdict(list)
        for i, (f, speaker) in enumerate(zip(features, speaker_keys, strict=True)):
            keys: list[Hashable] = sorted(phrase_keys(f))
            if speaker is not None:
                keys += [("s", speaker, lemma) for lemma in sorted(f.content_set)]
            self.keys.append(keys)
            for key in keys:
                postings[key].append(i)
        self.postings = {k: v for k, v in postings.items() if 1 < len(v) <= max_postings}
        del postings
        self._build_lsh(features, num_perm, threshold, max_postings, {} if bands is None else bands)

    def _build_lsh(
        self,
        features: Sequence[Features],
        num_perm: int,
        threshold: float,
        max_postings: int,
        known: dict[tuple, list[int]],
    ) -> None:
        """MinHash every content set of two or more lemmas; index it by LSH bands."""
        indexed = [i for i, f in enumerate(features) if len(f.content_set) >= 2]
        layout = (num_perm, threshold)
        missing = list(dict.fromkeys(features[i].content_set for i in indexed))
        missing = [lemmas for lemmas in missing if (layout, lemmas) not in known]
        if missing:
            params = MinHashLSH(threshold=threshold, num_perm=num_perm)  # its band layout only
            sets = [[lemma.encode() for lemma in sorted(lemmas)] for lemmas in missing]
            for lemmas, minhash in zip(missing, MinHash.bulk(sets, num_perm=num_perm), strict=True):
                known[(layout, lemmas)] = band_keys(minhash, params.b, params.r)
        self.bands: dict[int, list[int]] = {}
        buckets: dict[int, list[int]] = defaultdict(list)
        for i in indexed:
            keys = self.bands[i] = known[(layout, features[i].content_set)]
            for key in keys:
                buckets[key].append(i)
        self.buckets = {k: v for k, v in buckets.items() if 1 < len(v) <= max_postings}

    def candidates(self, i: int) -> list[int]:
        """Quotes sharing keys with quote `i`, most shared first (at most `max_candidates`)."""
        if self._candidates is None:
            return self._ranked(i)
        found = self._candidates.get(i)
        if found is None:
            found = self._candidates[i] = self._ranked(i)
        return found

    def _ranked(self, i: int) -> list[int]:
        counts: Counter[int] = Counter()
        for key in self.keys[i]:
            counts.update(self.postings.get(key, ()))
        similar: set[int] = set()
        for key in self.bands.get(i, ()):
            similar.update(self.buckets.get(key, ()))
        counts.update({j: 2 for j in similar})
        counts.pop(i, None)
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        return [j for j, _ in ranked[: self.max_candidates]]
