"""The spaCy pipeline components: `nlp.add_pipe("quotes")` sets `doc._.quotes`."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .boilerplate import find_captions, mark_captions
from .extractor import extract_quotes
from .rules import load_rules


def _register_extensions() -> None:
    """Register Doc._.quotes once, whoever imports first."""
    if not Doc.has_extension("quotes"):
        Doc.set_extension("quotes", default=None)


class QuotesComponent:
    """Finds attributed quotes in a parsed Doc (needs a dependency parse and entities)."""

    def __init__(self, nlp: Language, name: str) -> None:
        _register_extensions()
        self.name = name
        self.rules = load_rules()

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = extract_quotes(doc, self.rules) if doc.text.strip() else []
        mark_captions(doc._.quotes, find_captions(doc.text))
        return doc


class ParagraphSplitter:
    """Sentence starts at paragraph breaks, never inside a quotation, before the parser runs.

    Web text keeps headlines and list items without final punctuation; without this
    they merge into the next sentence. A quotation of several sentences is parsed whole
    so its cue can reach it.
    """

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        for token in doc[1:]:
            previous = doc[token.i - 1]
            if "\n" in previous.text or previous.text_with_ws.endswith("\n"):
                token.is_sent_start = True
        return doc


@Language.factory("quotes")
def make_quotes_component(nlp: Language, name: str) -> QuotesComponent:
    return QuotesComponent(nlp, name)


@Language.factory("quotes_paragraphs")
def make_paragraph_splitter(nlp: Language, name: str) -> ParagraphSplitter:
    return ParagraphSplitter(nlp, name)


_register_extensions()
