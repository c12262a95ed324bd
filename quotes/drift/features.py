"""What drift tracking knows about one quote's words: normalised words, lemmas, content words.

Two lemmatizers give the same `Features`: `SpacyLemmatizer` (spaCy's tagger and lemmatizer,
for real articles) and `SimpleLemmatizer` (plural stripping, for synthetic benchmarks and
tests that must not load a model). Everything downstream works on `Features` only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Protocol

from .lexicon import Lexicon, load_lexicon
from .text import Token, normalise, quoted_spans, tokenize

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV", "PROPN", "NUM", "X"})
# The components that give lemmas and parts of speech.
TAGGING_COMPONENTS = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer")


@dataclass(frozen=True)
class Features:
    """A quote's words, aligned: `words[i]`, `shown[i]`, `lemmas[i]`, `content[i]`."""

    words: tuple[str, ...]
    shown: tuple[str, ...]
    lemmas: tuple[str, ...]
    content: tuple[bool, ...]
    quoted: tuple[tuple[int, int], ...]
    entities: frozenset[str]

    @cached_property
    def content_set(self) -> frozenset[str]:
        """Canonical lemmas of the content words (synonyms share one)."""
        return frozenset(self.content_seq)

    @cached_property
    def content_seq(self) -> tuple[str, ...]:
        """Canonical lemmas of the content words, in order."""
        return tuple(lemma for lemma, keep in zip(self.lemmas, self.content, strict=True) if keep)

    @cached_property
    def quoted_content_set(self) -> frozenset[str]:
        """Canonical lemmas of the content words inside quotation marks."""
        return frozenset(
            self.lemmas[k] for a, b in self.quoted for k in range(a, b) if self.content[k]
        )

    @cached_property
    def fragments(self) -> tuple[tuple[str, ...], ...]:
        """The quoted fragments as normalised word sequences."""
        return tuple(self.words[a:b] for a, b in self.quoted)

    @cached_property
    def n_quoted(self) -> int:
        """How many words stand inside quotation marks."""
        return sum(b - a for a, b in self.quoted)

    def content_count(self, start: int, end: int) -> int:
        """Content words among words[start:end]."""
        return sum(self.content[start:end])


class Lemmatizer(Protocol):
    """Gives each token a lemma and says whether it carries content or names an entity."""

    def annotate(
        self, texts: Sequence[str], tokens: Sequence[list[Token]]
    ) -> list[list[tuple[str, bool, bool]]]: ...


def simple_lemma(word: str) -> str:
    """A plural- and possessive-stripping lemma: cheap, and good enough for synthetic text."""
    if word.endswith(("'s", "s'")):
        word = word[:-2] if word.endswith("'s") else word[:-1]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _starts_sentence(tokens: list[Token], index: int, text: str) -> bool:
    """Whether token `index` opens a sentence (so its capital letter says nothing)."""
    if index == 0:
        return True
    between = text[tokens[index - 1].end : tokens[index].start]
    return any(mark in between for mark in ".!?\n") or tokens[index - 1].shown.endswith(".")


class SimpleLemmatizer:
    """Rules only: stop words from the lexicon, plural stripping, capitals for entities."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or load_lexicon()

    def annotate(
        self, texts: Sequence[str], tokens: Sequence[list[Token]]
    ) -> list[list[tuple[str, bool, bool]]]:
        """(lemma, is_content, is_entity) for every token of every text."""
        out = []
        for text, toks in zip(texts, tokens, strict=True):
            row = []
            for i, tok in enumerate(toks):
                lemma = simple_lemma(tok.norm)
                stop = tok.norm in self.lexicon.stop_words or lemma in self.lexicon.stop_words
                entity = tok.norm[0].isdigit() or (
                    tok.shown[0].isupper() and not _starts_sentence(toks, i, text)
                )
                content = (entity or not stop) and any(c.isalnum() for c in tok.norm)
                row.append((lemma, content, entity))
            out.append(row)
        return out


# Character offset of a spaCy token -> (its lemma, its part of speech).
Tags = Mapping[int, tuple[str, str]]


@lru_cache(maxsize=8)  # nlp.meta builds a fresh dict, with every label, on each access
def model_name(nlp: Language) -> str:
    """The pipeline's name and version, which annotations are kept under."""
    meta = nlp.meta
    return f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}"


def doc_tags(doc: Doc, offset: int = 0) -> dict[int, tuple[str, str]]:
    """The lemma and part of speech of each token of `doc`, by offset (+ `offset`)."""
    # Read off arrays, looking each distinct lemma and part of speech up once: a Token
    # object per word cost as much as the rest of the annotation.
    from spacy.attrs import IDX, LEMMA, POS

    strings = doc.vocab.strings
    lemmas: dict[int, str] = {}
    parts: dict[int, str] = {}
    tags = {}
    for idx, lemma, pos in doc.to_array([IDX, LEMMA, POS]).tolist():
        if lemma not in lemmas:
            lemmas[lemma] = strings[lemma]
        if pos not in parts:
            parts[pos] = strings[pos]
        tags[idx + offset] = (lemmas[lemma], parts[pos])
    return tags


def annotate_tokens(
    tokens: Sequence[Token], tags: Tags, offset: int, lexicon: Lexicon
) -> list[tuple[str, bool, bool]]:
    """(lemma, is_content, is_entity) of drift tokens (offsets + `offset` into the tagged text).

    A drift token is read off the spaCy token that starts where it starts; one that starts
    inside a spaCy token, and hyphenated compounds ("non-military"), stay whole words.
    """
    row = []
    for tok in tokens:
        tag = tags.get(tok.start + offset)
        if tag is None or "-" in tok.norm:
            lemma, pos = tok.norm, "X"
        else:
            lemma, pos = normalise(tag[0]), tag[1]
        entity = pos in ("PROPN", "NUM")
        stop = lemma in lexicon.stop_words or tok.norm in lexicon.stop_words
        content = pos in CONTENT_POS and (entity or not stop) and any(c.isalnum() for c in lemma)
        row.append((lemma, content, entity))
    return row


class SpacyLemmatizer:
    """spaCy's tagger, attribute ruler and lemmatizer (parser and NER left out for speed).

    They are the extraction pipeline's own components (`quotes.nlp.load_pipeline`, loaded
    once per process and model): drift lemmatizes exactly as extraction does, with the
    model the build was given, and never loads a second pipeline.
    """

    def __init__(self, model: str | None = None, lexicon: Lexicon | None = None) -> None:
        from ..nlp import load_pipeline

        self.lexicon = lexicon or load_lexicon()
        self.nlp = load_pipeline(model)
        self.components = [name for name in self.nlp.pipe_names if name in TAGGING_COMPONENTS]
        self.model_name = model_name(self.nlp)

    def annotate(
        self, texts: Sequence[str], tokens: Sequence[list[Token]]
    ) -> list[list[tuple[str, bool, bool]]]:
        """(lemma, is_content, is_entity) for every token, read off spaCy's tokens by offset."""
        with self.nlp.select_pipes(enable=self.components):
            docs = list(self.nlp.pipe(texts, batch_size=256))
        return [
            annotate_tokens(toks, doc_tags(doc), 0, self.lexicon)
            for doc, toks in zip(docs, tokens, strict=True)
        ]


def text_features(
    text: str,
    direct: bool,
    toks: list[Token],
    note: Sequence[tuple[str, bool, bool]],
    lexicon: Lexicon,
) -> Features:
    """The features of one text from its tokens and their (lemma, is_content, is_entity)."""
    lemmas = tuple(
        lexicon.synonyms.get(lemma) or lexicon.synonyms.get(tok.norm) or lemma or tok.norm
        for tok, (lemma, _, _) in zip(toks, note, strict=True)
    )
    return Features(
        words=tuple(t.norm for t in toks),
        shown=tuple(t.shown for t in toks),
        lemmas=lemmas,
        content=tuple(c for _, c, _ in note),
        quoted=quoted_spans(text, toks, direct),
        entities=frozenset(lem for lem, (_, _, e) in zip(lemmas, note, strict=True) if e),
    )


def build_features(
    items: Sequence[tuple[str, bool]], lemmatizer: Lemmatizer, lexicon: Lexicon | None = None
) -> list[Features]:
    """Features of each (text, is_direct) pair: a direct quote's words are all quoted."""
    lexicon = lexicon or load_lexicon()
    tokens = [tokenize(text) for text, _ in items]
    notes = lemmatizer.annotate([text for text, _ in items], tokens)
    return [
        text_features(text, direct, toks, note, lexicon)
        for (text, direct), toks, note in zip(items, tokens, notes, strict=True)
    ]


@dataclass
class DriftMemo:
    """Features known before drift asks, and work drift runs over the same texts share.

    A build fills `features` with what the extraction parse gave (quotes.drift.lemmas), and
    runs drift again after described sources merge, which changes speakers only; that
    rerun reuses the quotes' features, the sentence matches (`sentences`, quotes.drift.reuse's),
    grouping's work that does not depend on who speakers are (`grouping`,
    quotes.drift.statements') and `lemmatizer`, whose record of the texts asked about decides
    which stored lemmas are kept. Valid for one lemmatizer and lexicon.
    """

    features: dict[tuple[str, bool], Features] = field(default_factory=dict)
    sentences: dict[tuple, object] = field(default_factory=dict)
    lemmatizer: Lemmatizer | None = None
    jobs: int = 1  # processes drift may use (a second one matches sentences meanwhile)
    # Grouping's work that does not depend on who speakers are (quotes.drift.statements).
    grouping: dict[str, object] = field(default_factory=dict)

    def forget(self) -> None:
        """Drop everything: what it holds came from another lemmatizer."""
        self.features.clear()
        self.sentences.clear()
        self.grouping.clear()


def memo_features(
    items: Sequence[tuple[str, bool]],
    lemmatizer: Lemmatizer,
    lexicon: Lexicon,
    memo: DriftMemo | None = None,
) -> list[Features]:
    """`build_features` of each (text, is_direct), asking `lemmatizer` only about those `memo`
    lacks (and telling it that the others were used)."""
    if memo is None:
        return build_features(items, lemmatizer, lexicon)
    missing = [item for item in dict.fromkeys(items) if item not in memo.features]
    memo.features.update(zip(missing, build_features(missing, lemmatizer, lexicon), strict=True))
    mark_used = getattr(lemmatizer, "mark_used", None)
    if mark_used is not None:
        mark_used(text for text, _ in items)
    return [memo.features[item] for item in items]
