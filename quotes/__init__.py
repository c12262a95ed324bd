"""quotes: who said what, where, and did every outlet quote it the same way?"""

from __future__ import annotations

from .errors import InputError, ModelError, QuotesError
from .model import Mention, Quote

__all__ = [
    "InputError",
    "Mention",
    "ModelError",
    "Quote",
    "QuotesError",
    "extract",
    "load_pipeline",
]

__version__ = "0.1.0"


def load_pipeline(model: str | None = None):  # noqa: ANN201 - spacy.Language, imported lazily
    """The English spaCy pipeline with the quotes component (see `quotes.nlp`)."""
    from .nlp import load_pipeline as _load

    return _load(model)


def extract(text: str, model: str | None = None) -> list[Quote]:
    """Every attributed quote in `text`, in document order (TypeError unless `text` is a str)."""
    if not isinstance(text, str):
        hint = " (decode bytes first, e.g. text.decode('utf-8'))" if isinstance(text, bytes) else ""
        raise TypeError(f"quotes.extract() takes a str, not {type(text).__name__}{hint}")
    if not text.strip():
        return []
    return list(load_pipeline(model)(text)._.quotes)
