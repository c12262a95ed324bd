"""Running the pipeline over many articles: the one loop `extract` and `build` share."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language

from .articles import Article
from .errors import InputError
from .model import Quote


def extract_articles(
    nlp: Language, articles: Iterable[Article], *, jobs: int = 1, progress: bool = False
) -> Iterator[tuple[Article, list[Quote] | InputError]]:
    """Each article with its quotes, in input order, or the error that stopped it."""
    for article in articles:
        if not article.text.strip():
            yield article, []
            continue
        try:
            yield article, list(nlp(article.text)._.quotes)
        except Exception as error:  # noqa: BLE001 - one bad article must not stop the others
            reason = f"could not be analysed ({type(error).__name__}: {error})"
            yield article, InputError(article.source or article.path, reason)
