"""The spaCy pipeline components: `nlp.add_pipe("quotes")` sets `doc._.quotes`.

The component holds everything the extractor consults: the rule lists and the learned
weights (the candidate scorer, `rules/candidate_weights.json`, and the learned cue
frames, `rules/cue_frames.tsv`), passed to `extract_quotes` with each Doc. `to_disk` /
`from_disk` save and load the learned parts with the pipeline.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Token

from .boilerplate import find_captions, mark_captions
from .doc_cache import analysing, doc_text, positions_where
from .extractor import extract_quotes
from .rules import RULES_DIR, Rules, cue_frames_from_lines, load_rules
from .scoring import CandidateScorer, load_scorer, scorer_data, scorer_from_data

WEIGHTS_NAME = "candidate_weights.json"
FRAMES_NAME = "cue_frames.tsv"


def _register_extensions() -> None:
    """Register Doc._.quotes once, whoever imports first."""
    if not Doc.has_extension("quotes"):
        Doc.set_extension("quotes", default=None)


def _data_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


class QuotesComponent:
    """Finds attributed quotes in a parsed Doc (needs a dependency parse and entities)."""

    def __init__(self, nlp: Language, name: str, rules: Rules | None = None) -> None:
        _register_extensions()
        self.name = name
        base = rules or load_rules()
        self.rules = replace(base, scorer=base.scorer or load_scorer())
        self._weights = scorer_data(self.rules.scorer)
        frames = RULES_DIR / FRAMES_NAME
        self._frames_text = frames.read_text(encoding="utf-8") if frames.exists() else ""

    @property
    def scorer(self) -> CandidateScorer:
        return self.rules.scorer

    def __call__(self, doc: Doc) -> Doc:
        with analysing(doc):  # doc.text is rebuilt on every access: once here
            text = doc_text(doc)
            doc._.quotes = (
                extract_quotes(doc, self.rules, self.rules.scorer) if text.strip() else []
            )
        mark_captions(doc._.quotes, find_captions(text))
        return doc

    def to_disk(self, path: str | Path, *, exclude: tuple[str, ...] = ()) -> None:
        """Save the learned weights and cue frames under `path` (a folder)."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / WEIGHTS_NAME).write_text(
            json.dumps(self._weights, indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )
        (path / FRAMES_NAME).write_text(self._frames_text, encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: tuple[str, ...] = ()) -> QuotesComponent:
        """Load weights and cue frames saved by `to_disk`; a file missing keeps the shipped one."""
        path = Path(path)
        weights = path / WEIGHTS_NAME
        if weights.exists():
            scorer = scorer_from_data(json.loads(weights.read_text(encoding="utf-8")))
            self.rules = replace(self.rules, scorer=scorer)
            self._weights = scorer_data(scorer)
        frames = path / FRAMES_NAME
        if frames.exists():
            self._frames_text = frames.read_text(encoding="utf-8")
            cue_frames = cue_frames_from_lines(_data_lines(self._frames_text))
            self.rules = replace(self.rules, cue_frames=cue_frames)
        return self


class ParagraphSplitter:
    """Sentence starts at paragraph breaks, never inside a quotation, before the parser runs.

    Web text keeps headlines and list items without final punctuation; without this
    they merge into the next sentence. A quotation of several sentences is parsed whole
    so its cue can reach it.
    """

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        # Only a word holding a newline or an apostrophe decides anything for the next token.
        for position in positions_where(doc, "ORTH", _may_decide):
            if position + 1 == len(doc):
                break
            previous, token = doc[position], doc[position + 1]
            if "\n" in previous.text or previous.text_with_ws.endswith("\n"):
                token.is_sent_start = True
            elif _name_with_apostrophe(previous) and token.is_title:
                # "Kata’ib Hezbollah", "O’Neill Smith": one name, which the parser may split.
                token.is_sent_start = False
        return doc


def _may_decide(word: str) -> bool:
    return "\n" in word or "'" in word or "’" in word


def _name_with_apostrophe(token: Token) -> bool:
    """A capitalised word with an apostrophe inside it ("Kata’ib", "O'Neill")."""
    text = token.text
    inner = text[1:-1]
    return text[:1].isupper() and ("’" in inner or "'" in inner) and not text.endswith(("'s", "’s"))


@Language.factory(
    "quotes",
    default_config={"paragraphs": True},
    assigns=["doc._.quotes"],
    requires=["token.dep", "token.head", "token.lemma", "token.pos", "doc.ents"],
)
def make_quotes_component(nlp: Language, name: str, paragraphs: bool = True) -> QuotesComponent:
    """`paragraphs`: also add the paragraph splitter before the parser (as `quotes.extract`
    runs it), so `nlp.add_pipe("quotes")` finds what `quotes.extract` finds."""
    if paragraphs and "parser" in nlp.pipe_names and "quotes_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("quotes_paragraphs", before="parser")
    return QuotesComponent(nlp, name)


@Language.factory("quotes_paragraphs", assigns=["token.is_sent_start"])
def make_paragraph_splitter(nlp: Language, name: str) -> ParagraphSplitter:
    return ParagraphSplitter(nlp, name)


_register_extensions()
