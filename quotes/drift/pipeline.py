"""Drift tracking over plain records: statements, each quote's drift, article reuse."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence

from .align import diff_html, diff_ops, edits
from .classify import Weight, drift_class, fragments_faithful, idf_weights, quoted_sequence
from .classify import similarity as similarity_to
from .features import DriftMemo, Features, Lemmatizer, memo_features
from .lexicon import Lexicon, load_lexicon
from .records import (
    ArticleRecord,
    DriftResult,
    QuoteDrift,
    QuoteRecord,
    Reuse,
    SpeakerRef,
    Statement,
)
from .reuse import find_reuse, start_matching
from .speakers import SAME, relation, specificity
from .statements import Item, group_statements, has_quoted_content


def statement_id(speaker_id: str | None, reference_quote_id: str) -> str:
    """A statement's id from its content: its speaker and its reference quote."""
    return hashlib.sha256(f"{speaker_id or ''}|{reference_quote_id}".encode()).hexdigest()[:16]


def choose_reference(members: Sequence[int], items: Sequence[Item]) -> int:
    """The fullest direct quotation, else the fullest quoted fragments, else the earliest."""
    quoted = [i for i in members if has_quoted_content(items[i].features)]
    direct = [i for i in quoted if items[i].record.direct]
    if direct or quoted:
        return min(direct or quoted, key=lambda i: items[i].priority())
    return min(
        members,
        key=lambda i: (
            items[i].published or "9999",
            items[i].record.article_id,
            items[i].record.start,
        ),
    )


def choose_speaker(
    members: Sequence[int], items: Sequence[Item], reference: int, lexicon: Lexicon
) -> SpeakerRef:
    """The most precisely named speaker among the versions; the most frequent on a tie."""
    counts = Counter(items[i].record.speaker for i in members)
    ref_speaker = items[reference].record.speaker
    return max(
        counts,
        key=lambda s: (
            specificity(s, lexicon),
            counts[s],
            s == ref_speaker,
            s.id or "",
            s.name or "",
        ),
    )


def rendered_words(f: Features) -> tuple[list[str], list[str]]:
    """What a diff compares: the quoted words when there are any, else all words."""
    if not has_quoted_content(f):
        return list(f.words), list(f.shown)
    picked = [k for a, b in f.quoted for k in range(a, b)]
    return [f.words[k] for k in picked], [f.shown[k] for k in picked]


def faithful_versions(
    members: Sequence[int], reference: int, items: Sequence[Item]
) -> list[list[str]]:
    """The reference's quoted words and those of versions that repeat it faithfully."""
    ref_words = quoted_sequence(items[reference].features)
    versions = [ref_words]
    for i in members:
        f = items[i].features
        if i != reference and f.quoted and fragments_faithful(f, [ref_words]):
            versions.append(quoted_sequence(f))
    return versions


class _StatementBuilder:
    """Turns one group of quotes into a Statement and the drift of each quote."""

    def __init__(
        self,
        items: Sequence[Item],
        articles: dict[str, ArticleRecord],
        weight: Weight,
        lexicon: Lexicon,
    ) -> None:
        self.items, self.articles, self.weight, self.lexicon = items, articles, weight, lexicon

    def build(self, members: Sequence[int]) -> tuple[Statement, list[QuoteDrift]]:
        """The statement and its quotes' drift."""
        items = self.items
        ref = choose_reference(members, items)
        speaker = choose_speaker(members, items, ref, self.lexicon)
        sid = statement_id(speaker.id, items[ref].record.id)
        versions = faithful_versions(members, ref, items)
        drifts = [self.quote_drift(i, ref, sid, speaker, versions) for i in members]
        arts = [self.articles.get(items[i].record.article_id) for i in members]
        outlets = {
            (a.outlet or a.id) if a else items[i].record.article_id
            for i, a in zip(members, arts, strict=True)
        }
        dates = sorted(a.published for a in arts if a and a.published)
        statement = Statement(
            id=sid,
            speaker_id=speaker.id,
            text=items[ref].record.text,
            reference_quote_id=items[ref].record.id,
            quote_ids=tuple(items[i].record.id for i in members),
            n_outlets=len(outlets),
            first_published=dates[0] if dates else None,
            last_published=dates[-1] if dates else None,
        )
        return statement, drifts

    def quote_drift(
        self, i: int, ref: int, sid: str, speaker: SpeakerRef, versions: list[list[str]]
    ) -> QuoteDrift:
        """One quote against its statement's reference wording."""
        f, ref_f = self.items[i].features, self.items[ref].features
        changed = relation(self.items[i].record.speaker, speaker, self.lexicon) != SAME
        klass, misquote = drift_class(
            f, ref_f, is_reference=i == ref, attribution_changed=changed, faithful_to=versions
        )
        ref_words, ref_shown = rendered_words(ref_f)
        words, shown = rendered_words(f)
        steps = edits(ref_words, words)
        return QuoteDrift(
            quote_id=self.items[i].record.id,
            statement_id=sid,
            drift_class=klass,
            similarity=1.0 if i == ref else similarity_to(f, ref_f, self.weight),
            diff=diff_ops(steps, ref_shown, shown),
            diff_html=diff_html(steps, ref_shown, shown),
            misquote=misquote,
            attribution_changed=changed,
        )


def statements_and_drift(
    items: Sequence[Item],
    articles: dict[str, ArticleRecord],
    lexicon: Lexicon,
    memo: DriftMemo | None = None,
) -> tuple[list[Statement], dict[str, QuoteDrift]]:
    """Group quotes into statements and classify each quote against its reference."""
    groups = group_statements(items, lexicon, memo.grouping if memo is not None else None)
    builder = _StatementBuilder(items, articles, idf_weights(i.features for i in items), lexicon)
    statements: list[Statement] = []
    drifts: dict[str, QuoteDrift] = {}
    for members in groups:
        statement, quote_drifts = builder.build(members)
        statements.append(statement)
        drifts.update((d.quote_id, d) for d in quote_drifts)
    statements.sort(key=lambda s: s.id)
    return statements, drifts


def _rewrites(
    articles: Sequence[ArticleRecord],
    quotes: Sequence[QuoteRecord],
    features: Sequence[Features],
    statement_of: Mapping[str, str],
    lemmatizer: Lemmatizer,
    lexicon: Lexicon,
    memo: DriftMemo | None,
) -> list[Reuse]:
    """Article reuse, weighing each quote's quoted words by the statement it renders."""
    quoted = [
        (q.article_id, statement_of[q.id], f.n_quoted)
        for q, f in zip(quotes, features, strict=True)
    ]
    return find_reuse(articles, quoted, lemmatizer, lexicon, memo)


def find_rewrites(
    articles: Sequence[ArticleRecord],
    quotes: Sequence[QuoteRecord],
    statement_of: Mapping[str, str],
    lemmatizer: Lemmatizer,
    lexicon: Lexicon | None = None,
    memo: DriftMemo | None = None,
) -> list[Reuse]:
    """Article reuse alone, given each quote's statement (`statement_of`, by quote id)."""
    lexicon = lexicon or load_lexicon()
    features = memo_features([(q.text, q.direct) for q in quotes], lemmatizer, lexicon, memo)
    return _rewrites(articles, quotes, features, statement_of, lemmatizer, lexicon, memo)


def track_drift(
    articles: Sequence[ArticleRecord],
    quotes: Sequence[QuoteRecord],
    lemmatizer: Lemmatizer,
    lexicon: Lexicon | None = None,
    memo: DriftMemo | None = None,
    reuse: bool = True,
) -> DriftResult:
    """Statements, each quote's drift and (unless `reuse` is False) article reuse for a
    collection of articles (`memo` carries work over from an earlier run on the same texts)."""
    lexicon = lexicon or load_lexicon()
    by_id = {a.id: a for a in articles}
    features = memo_features([(q.text, q.direct) for q in quotes], lemmatizer, lexicon, memo)
    items = [
        Item(q, f, by_id[q.article_id].published if q.article_id in by_id else None)
        for q, f in zip(quotes, features, strict=True)
    ]
    if memo is not None and memo.jobs > 1:
        start_matching(articles, lemmatizer, lexicon, memo)
    statements, drifts = statements_and_drift(items, by_id, lexicon, memo)
    if not reuse:
        return DriftResult(statements=statements, quotes=drifts, reuse=None)
    statement_of = {quote_id: d.statement_id for quote_id, d in drifts.items()}
    found = _rewrites(articles, quotes, features, statement_of, lemmatizer, lexicon, memo)
    return DriftResult(statements=statements, quotes=drifts, reuse=found)
