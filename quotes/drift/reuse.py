"""Which articles rewrite which: sentences that follow another article's, in its order.

Machine rewrites reword nearly every sentence, so shared wording alone misses them;
what survives is each sentence's content words (after lemmas and synonym sets) and the
order of the sentences. For two articles, a sentence of one matches a sentence of the
other when they share most content words; the article pair's coverage is the longest
run of matches in the same order (rapidfuzz LCSseq over matched sentence numbers) over
the shorter article's sentence count. Verbatim copies are caught by word 3-shingles too.
Two rewrites of one source are alike only through it: such a pair is not reported.
"""

from __future__ import annotations

import multiprocessing
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from rapidfuzz.distance import LCSseq

from .blocking import Blocker
from .classify import Weight, idf_weights, overlap
from .features import DriftMemo, Features, Lemmatizer, memo_features
from .lexicon import Lexicon
from .records import ArticleRecord, Reuse
from .text import sentence_ranges

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

MIN_CONTENT = 3  # content words a sentence needs to count (headings and debris do not)
MATCH_SHARED, MATCH_CONTAINMENT = 3, 0.5  # a sentence match: shared content words, containment
MIN_ALIGNED = 3  # sentences in order an article pair needs before it can be a rewrite
MIN_COVERAGE = 0.3  # share of the shorter article's sentences that follow the other
MIN_SHINGLES = 0.5  # share of the shorter article's word 3-shingles found in the other
EXPLAINED = 0.7  # share of a pair's matches that also match one common source
FULLER_RATIO = 1.25  # how much fuller one version must be for fullness to decide the direction


@dataclass
class _Article:
    """An article's sentences as drift tracking compares them."""

    record: ArticleRecord
    sentences: list[Features]

    @cached_property
    def shingles(self) -> set[tuple[str, ...]]:
        """Word 3-shingles of the article's sentences."""
        return {f.words[i : i + 3] for f in self.sentences for i in range(len(f.words) - 2)}


def _sentences(
    articles: Sequence[ArticleRecord],
    lemmatizer: Lemmatizer,
    lexicon: Lexicon,
    memo: DriftMemo | None = None,
) -> list[_Article]:
    """Each article with the features of its sentences that hold enough content."""
    spans = [sentence_ranges(a.text) for a in articles]
    flat = [(a.text[x:y], False) for a, rs in zip(articles, spans, strict=True) for x, y in rs]
    feats = iter(memo_features(flat, lemmatizer, lexicon, memo))
    out = []
    for article, rs in zip(articles, spans, strict=True):
        kept = [f for f in (next(feats) for _ in rs) if len(f.content_set) >= MIN_CONTENT]
        out.append(_Article(article, kept))
    return out


Matches = dict[tuple[int, int], float]  # (sentence of a, sentence of b) -> strength


def _sentence_matches(arts: list[_Article]) -> dict[tuple[int, int], Matches]:
    """(article a, article b), a < b -> every pair of their sentences that match."""
    where = [(a, s) for a, art in enumerate(arts) for s in range(len(art.sentences))]
    feats = [arts[a].sentences[s] for a, s in where]
    blocker = Blocker(feats, [None] * len(feats))
    weight: Weight = idf_weights(feats)
    found: dict[tuple[int, int], Matches] = defaultdict(dict)
    for k, (a, s) in enumerate(where):
        for m in blocker.candidates(k):
            b, t = where[m]
            if b <= a:
                continue
            shared, containment, jaccard = overlap(feats[k], feats[m], weight)
            if shared >= MATCH_SHARED and containment >= MATCH_CONTAINMENT:
                found[(a, b)][(s, t)] = containment + jaccard
    return found


def _aligned(matches: Matches, n_a: int, n_b: int) -> int:
    """How many sentences match in the same order (longest common subsequence).

    Each sentence of b stands for its best match in a (ties: the earlier sentence).
    """
    best: dict[int, tuple[float, int]] = {}
    for (s, t), strength in matches.items():
        if t not in best or (strength, -s) > (best[t][0], -best[t][1]):
            best[t] = (strength, s)
    seq_b = [best[t][1] if t in best else -1 - t for t in range(n_b)]
    return int(LCSseq.similarity(list(range(n_a)), seq_b))


def _pair_score(x: _Article, y: _Article, matches: Matches) -> float:
    """Coverage by sentences in order, or by shared word shingles for near copies."""
    shorter = min(len(x.sentences), len(y.sentences)) or 1
    aligned = _aligned(matches, len(x.sentences), len(y.sentences))
    coverage = aligned / shorter
    coverage = coverage if aligned >= MIN_ALIGNED and coverage >= MIN_COVERAGE else 0.0
    sx, sy = x.shingles, y.shingles
    shingled = len(sx & sy) / min(len(sx), len(sy)) if sx and sy else 0.0
    return max(coverage, shingled if shingled >= MIN_SHINGLES else 0.0)


def _matched(found: Mapping[tuple[int, int], Matches], x: int, y: int) -> set[int]:
    """Sentences of article x that match some sentence of article y."""
    if x < y:
        return {s for s, _ in found.get((x, y), {})}
    return {t for _, t in found.get((y, x), {})}


def _explained_by(
    pair: tuple[int, int], source: int, found: Mapping[tuple[int, int], Matches]
) -> bool:
    """Whether most sentence matches of the pair join sentences that both match `source`."""
    a, b = pair
    shared = found.get(pair, {})
    in_a, in_b = _matched(found, a, source), _matched(found, b, source)
    through = sum(1 for s, t in shared if s in in_a and t in in_b)
    return bool(shared) and through / len(shared) >= EXPLAINED


def _fullness(
    article: str, shared: set[str], quoted: Mapping[str, Mapping[str, int]], arts: _Article
) -> tuple[int, int]:
    """How full an article's version is: quoted words of shared statements, then content words."""
    words = sum(n for sid, n in quoted.get(article, {}).items() if sid in shared)
    return words, sum(len(f.content_seq) for f in arts.sentences)


def _direction(
    x: _Article, y: _Article, shared: set[str], quoted: Mapping[str, Mapping[str, int]]
) -> tuple[int, str]:
    """(0 if x is the source else 1, how that was decided)."""
    px, py = x.record.published, y.record.published
    if px and py and px[:10] != py[:10]:
        return (0 if px < py else 1), "published"
    fx = _fullness(x.record.id, shared, quoted, x)
    fy = _fullness(y.record.id, shared, quoted, y)
    for a, b in zip(fx, fy, strict=True):
        if a != b:
            if max(a, b) >= FULLER_RATIO * min(a, b) + 1:
                return (0 if a > b else 1), "fuller"
            break  # a close call: nothing decides
    return (0 if x.record.id < y.record.id else 1), "undetermined"


Scores = dict[tuple[int, int], float]  # (article a, article b), a < b -> pair score > 0
Matched = tuple[list[_Article], dict[tuple[int, int], Matches], Scores]


def _match(arts: list[_Article]) -> tuple[dict[tuple[int, int], Matches], Scores]:
    """The sentence matches of article pairs, and the pairs' scores above 0."""
    matches = _sentence_matches(arts)
    scores = {pair: _pair_score(arts[pair[0]], arts[pair[1]], m) for pair, m in matches.items()}
    return matches, {pair: score for pair, score in scores.items() if score > 0}


def _match_and_send(arts: list[_Article], sender: Connection) -> None:
    sender.send(_match(arts))
    sender.close()


class _Matching:
    """Sentence matching running in a forked process; `result` waits for it (or, should the
    process fail, does the work here)."""

    def __init__(self, arts: list[_Article]) -> None:
        context = multiprocessing.get_context("fork")
        self.arts = arts
        self.receiver, sender = context.Pipe(duplex=False)
        # A forked child reads `arts` from its copy of memory: nothing is pickled but the result.
        self.process = context.Process(target=_match_and_send, args=(arts, sender), daemon=True)
        self.process.start()
        sender.close()

    def result(self) -> Matched:
        try:
            matches, scores = self.receiver.recv()
        except (EOFError, OSError):
            matches, scores = _match(self.arts)
        finally:
            self.receiver.close()
            self.process.join()
        return self.arts, matches, scores


def _key(articles: Sequence[ArticleRecord]) -> tuple:
    return tuple((a.id, a.text) for a in articles)


def start_matching(
    articles: Sequence[ArticleRecord], lemmatizer: Lemmatizer, lexicon: Lexicon, memo: DriftMemo
) -> None:
    """Match the articles' sentences in a second process while the caller groups statements
    (a build given several jobs); `find_reuse` then takes the result from `memo`."""
    key = _key(articles)
    if key in memo.sentences or "fork" not in multiprocessing.get_all_start_methods():
        return
    _forget(memo)
    memo.sentences[key] = _Matching(_sentences(articles, lemmatizer, lexicon, memo))


def _forget(memo: DriftMemo) -> None:
    """Keep one collection at a time, collecting any matching still running."""
    for found in memo.sentences.values():
        if isinstance(found, _Matching):
            found.result()
    memo.sentences.clear()


def _matched_sentences(
    articles: Sequence[ArticleRecord],
    lemmatizer: Lemmatizer,
    lexicon: Lexicon,
    memo: DriftMemo | None,
) -> Matched:
    """The articles' sentences, their matches and the article pairs' scores (all that does
    not depend on statements); remembered in `memo` for the same texts."""
    key = _key(articles)
    found = memo.sentences.get(key) if memo is not None else None
    if memo is not None and isinstance(found, _Matching):
        found = memo.sentences[key] = found.result()
    if found is not None:
        return found  # type: ignore[return-value]
    arts = _sentences(articles, lemmatizer, lexicon, memo)
    found = (arts, *_match(arts))
    if memo is not None:
        _forget(memo)
        memo.sentences[key] = found
    return found


def find_reuse(
    articles: Sequence[ArticleRecord],
    quotes: Sequence[tuple[str, str, int]],
    lemmatizer: Lemmatizer,
    lexicon: Lexicon,
    memo: DriftMemo | None = None,
) -> list[Reuse]:
    """Rewritten articles. `quotes` holds (article id, statement id, quoted words) per quote;
    `memo` holds sentences' features and keeps their matches for a later call."""
    arts, found, scores = _matched_sentences(articles, lemmatizer, lexicon, memo)
    quoted: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for article_id, sid, n_words in quotes:
        quoted[article_id][sid] += n_words
    pairs: dict[tuple[int, int], tuple[int, str, float, set[str]]] = {}
    for (a, b), score in scores.items():
        shared = set(quoted.get(arts[a].record.id, {})) & set(quoted.get(arts[b].record.id, {}))
        side, how = _direction(arts[a], arts[b], shared, quoted)
        pairs[(a, b)] = ((a, b)[side], how, score, shared)
    out = []
    for (a, b), (source, how, score, shared) in pairs.items():
        if _common_source((a, b), pairs, found):
            continue
        derived = b if source == a else a
        out.append(
            Reuse(
                arts[derived].record.id, arts[source].record.id, round(score, 3), len(shared), how
            )
        )
    return sorted(out, key=lambda r: (r.article_id, r.source_article_id))


def _common_source(
    pair: tuple[int, int], pairs: Mapping[tuple[int, int], tuple], found: Mapping
) -> bool:
    """Two rewrites of one source, alike only through it."""
    a, b = pair
    for c in {x for p in pairs for x in p} - {a, b}:
        via_a, via_b = pairs.get((min(a, c), max(a, c))), pairs.get((min(b, c), max(b, c)))
        if via_a and via_b and via_a[0] == c and via_b[0] == c and _explained_by(pair, c, found):
            return True
    return False
