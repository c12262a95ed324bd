"""Plain records in and out of drift tracking: no database, no spaCy."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..articles import Article

from ..identity import SpeakerRef, slug

__all__ = ["SpeakerRef"]  # one speaker shape: quotes.identity owns it

DRIFT_CLASSES = ("reference", "verbatim", "excerpt", "altered", "paraphrase", "reattributed")


@dataclass(frozen=True)
class QuoteRecord:
    """One quote as the build stored it (`text` as it stands in the article)."""

    id: str
    article_id: str
    type: str
    text: str
    speaker: SpeakerRef = field(default_factory=SpeakerRef)
    start: int = 0

    @property
    def direct(self) -> bool:
        """All of its words stand in quotation marks."""
        return self.type == "direct"


@dataclass(frozen=True)
class ArticleRecord:
    """What drift tracking needs of an article: a flat view of `quotes.articles.Article`.

    Not a second article model: its fields are the Article's id, text and metadata
    (as the articles table stores them), flattened so that drift's inner loops and
    tests need no metadata object. Build one with `ArticleRecord.of(article)`.
    """

    id: str
    text: str = ""
    outlet: str | None = None
    published: str | None = None
    title: str | None = None

    @classmethod
    def of(cls, article: Article) -> ArticleRecord:
        """The drift view of one article."""
        meta = article.metadata
        return cls(article.id, article.text, meta.outlet, meta.published, meta.title)


@dataclass
class QuoteDrift:
    """How one quote renders its statement."""

    quote_id: str
    statement_id: str
    drift_class: str
    similarity: float
    diff: list[dict[str, Any]]
    diff_html: str
    misquote: bool
    attribution_changed: bool


@dataclass
class Statement:
    """One utterance by one speaker, and the quotes across articles that render it."""

    id: str
    speaker_id: str | None
    text: str
    reference_quote_id: str
    quote_ids: tuple[str, ...]
    n_outlets: int
    first_published: str | None
    last_published: str | None

    @property
    def n_quotes(self) -> int:
        return len(self.quote_ids)


@dataclass(frozen=True)
class Reuse:
    """`article_id` rewrites `source_article_id`; `direction` says how the source was chosen."""

    article_id: str
    source_article_id: str
    score: float
    shared_statements: int
    direction: str


@dataclass
class DriftResult:
    """Everything one drift run computes."""

    statements: list[Statement]
    quotes: dict[str, QuoteDrift]
    reuse: list[Reuse] | None  # None: not looked for in this run (what is stored stays)


def from_extracted(article_id: str, found: list[Any]) -> list[QuoteRecord]:
    """Records for the `quotes.model.Quote` objects `quotes.extract` returns for one article."""
    return [
        QuoteRecord(
            id=f"{article_id}:{q.start}:{q.end}",
            article_id=article_id,
            type=q.type,
            text=q.text,
            speaker=SpeakerRef(
                id=slug(q.speaker) if q.speaker else None,
                name=q.speaker,
                kind=q.speaker_kind,
                aliases=tuple(q.speaker_aliases),
            ),
            start=q.start,
        )
        for q in found
    ]
