"""Running the pipeline over many articles: the one loop `extract` and `build` share.

Articles go through `nlp.pipe` in batches; with `jobs` > 1, batches go to worker
processes that each run the whole pipeline and send back plain `Quote` objects (spaCy's
`n_process` would have to pickle `doc._.quotes`). Results come back in input order
whatever the number of jobs. A text longer than the pipeline's `max_length` is analysed
in pieces cut between paragraphs, with every offset mapped back to the whole text.

For a build, `lemmas` also returns drift's annotations of each quote and sentence, read
off the same parse in the worker (quotes.drift.lemmas), so drift never parses them again.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc
from tqdm import tqdm

from .articles import Article
from .errors import InputError
from .model import Mention, Quote

if TYPE_CHECKING:
    from .drift.features import Features

# Articles per nlp.pipe batch in one process.
BATCH_SIZE = 8
# Articles per task sent to a worker process: small, so that the workers finish together
# (a last task of 8 long articles kept one core busy alone for over a second), and tasks
# kept in flight per worker, so that none waits while the oldest task is still running.
TASK_SIZE = 2
TASKS_PER_WORKER = 4


@dataclass
class Analysis:
    """What the pipeline found in one text: its quotes and, when asked for, drift's lemmas."""

    quotes: list[Quote]
    lemmas: list[dict[str, str]] = field(default_factory=list)  # quotes.drift.lemmas rows
    # Drift's features of the quotes and sentences, by (text, is_direct), from those rows.
    features: dict[tuple[str, bool], Features] = field(default_factory=dict)


Found = list[Quote] | str  # the quotes of one text, or why it could not be analysed
Analysed = Analysis | str  # the same with drift's lemmas


class ParagraphTooLong(ValueError):
    """A paragraph longer than the pipeline's max_length: no cut between paragraphs fits."""


def paragraph_chunks(text: str, limit: int) -> list[tuple[int, int]]:
    """(start, end) pieces of `text`, each at most `limit` characters, cut only after a newline."""
    pieces: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        cut = text.rfind("\n", start, start + limit) + 1
        if cut <= start:
            raise ParagraphTooLong(
                f"a paragraph at character {start} is longer than the pipeline's "
                f"max_length ({limit} characters)"
            )
        pieces.append((start, cut))
        start = cut
    pieces.append((start, len(text)))
    return pieces


def _shifted(quote: Quote, offset: int, attribution_offset: int) -> Quote:
    """`quote` found in a piece starting at `offset`, with offsets into the whole text."""

    def move(position: int | None) -> int | None:
        return None if position is None else position + offset

    mention = quote.speaker_mention
    return replace(
        quote,
        start=quote.start + offset,
        end=quote.end + offset,
        cue_start=move(quote.cue_start),
        cue_end=move(quote.cue_end),
        speaker_mention=(
            Mention(mention.text, mention.start + offset, mention.end + offset)
            if mention is not None
            else None
        ),
        context_start=move(quote.context_start),
        context_end=move(quote.context_end),
        attribution=(None if quote.attribution is None else quote.attribution + attribution_offset),
    )


def _with_lemmas(
    nlp: Language, text: str, quotes: list[Quote], tags: dict[int, tuple[str, str]] | None
) -> Analysis:
    """The quotes, with drift's lemmas of them and of the sentences when `tags` are given."""
    if tags is None:
        return Analysis(quotes)
    from .drift.features import model_name
    from .drift.lemmas import article_annotations
    from .drift.lexicon import load_lexicon

    spans = [(q.start, q.end, q.type == "direct") for q in quotes]
    rows, features = article_annotations(text, tags, spans, model_name(nlp), load_lexicon())
    return Analysis(quotes, rows, features)


def _long_text(nlp: Language, text: str, lemmas: bool) -> Analysis:
    """A text over max_length, analysed piece by piece between paragraphs."""
    from .drift.features import doc_tags

    pieces = paragraph_chunks(text, nlp.max_length)
    quotes: list[Quote] = []
    tags: dict[int, tuple[str, str]] | None = {} if lemmas else None
    attribution_offset = 0
    docs = nlp.pipe(text[start:end] for start, end in pieces)
    for (start, _), doc in zip(pieces, docs, strict=True):
        found = [_shifted(q, start, attribution_offset) for q in doc._.quotes]
        numbers = [q.attribution for q in found if q.attribution is not None]
        attribution_offset = max(numbers, default=attribution_offset - 1) + 1
        quotes += found
        if tags is not None:
            tags.update(doc_tags(doc, start))
    return _with_lemmas(nlp, text, quotes, tags)


def _reason(error: Exception) -> str:
    return f"could not be analysed ({type(error).__name__}: {error})"


def _of_doc(nlp: Language, text: str, doc: Doc, lemmas: bool) -> Analysis:
    from .drift.features import doc_tags

    return _with_lemmas(nlp, text, list(doc._.quotes), doc_tags(doc) if lemmas else None)


def _one(nlp: Language, text: str, lemmas: bool) -> Analysed:
    try:
        if len(text) > nlp.max_length:
            return _long_text(nlp, text, lemmas)
        return _of_doc(nlp, text, nlp(text), lemmas)
    except Exception as error:  # noqa: BLE001 - one bad article must not stop the others
        return _reason(error)


def analyse(nlp: Language, texts: Sequence[str], lemmas: bool = False) -> list[Analysed]:
    """Each text's quotes (and drift's lemmas), in order, through one `nlp.pipe`."""
    found: list[Analysed | None] = [Analysis([]) if not text.strip() else None for text in texts]
    ordinary = [k for k, text in enumerate(texts) if found[k] is None]
    ordinary = [k for k in ordinary if len(texts[k]) <= nlp.max_length]
    try:
        docs = nlp.pipe((texts[k] for k in ordinary), batch_size=BATCH_SIZE)
        for k, doc in zip(ordinary, docs, strict=True):
            found[k] = _of_doc(nlp, texts[k], doc, lemmas)
    except Exception:  # noqa: BLE001 - redone one by one below to name the article that failed
        pass
    # Long texts, and every text of a batch that failed, one at a time.
    return [r if r is not None else _one(nlp, texts[k], lemmas) for k, r in enumerate(found)]


def analyse_texts(nlp: Language, texts: Sequence[str]) -> list[Found]:
    """The quotes of each text, in order, through one `nlp.pipe` for the ordinary ones."""
    return [r if isinstance(r, str) else r.quotes for r in analyse(nlp, texts)]


# The pipeline of a worker process and whether to give lemmas, set once by _start_worker.
_worker_nlp: Language | None = None
_worker_lemmas = False


def _start_worker(nlp: Language, lemmas: bool = False) -> None:
    global _worker_nlp, _worker_lemmas
    _worker_nlp, _worker_lemmas = nlp, lemmas


def _work(texts: list[str]) -> list[Analysed]:
    assert _worker_nlp is not None
    return analyse(_worker_nlp, texts, _worker_lemmas)


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while batch := list(islice(iterator, size)):
        yield batch


def _in_workers(
    nlp: Language, batches: Iterator[list[Article]], jobs: int, lemmas: bool
) -> Iterator[tuple[list[Article], list[Analysed]]]:
    """Each batch with its results, in order, analysed by `jobs` worker processes.

    A few tasks per worker are in flight at a time, so memory stays bounded and an early
    stop wastes little. A worker that dies (killed for memory, say) fails its batch and
    every later one with a clear reason instead of hanging the run.
    """
    # fork shares the loaded pipeline with the workers; elsewhere it is pickled to each.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    pool = ProcessPoolExecutor(
        jobs, mp_context=context, initializer=_start_worker, initargs=(nlp, lemmas)
    )
    pending: deque[tuple[list[Article], Future[list[Analysed]]]] = deque()
    broken: str | None = None
    try:
        for batch in batches:
            pending.append((batch, pool.submit(_work, [article.text for article in batch])))
            while len(pending) > TASKS_PER_WORKER * jobs or (pending and pending[0][1].done()):
                broken = yield from _first_done(pending, broken)
        while pending:
            broken = yield from _first_done(pending, broken)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _first_done(
    pending: deque[tuple[list[Article], Future[list[Analysed]]]], broken: str | None
) -> Iterator[tuple[list[Article], list[Analysed]]]:
    """Yield the oldest batch's results (waiting for them); returns why the pool broke, if it did."""
    batch, future = pending.popleft()
    if broken is None:
        try:
            yield batch, future.result()
            return None
        except BrokenProcessPool as error:
            broken = f"could not be analysed (a worker process died: {error})"
    yield batch, [broken] * len(batch)
    return broken


def analyse_articles(
    nlp: Language,
    articles: Iterable[Article],
    *,
    jobs: int = 1,
    progress: bool = False,
    lemmas: bool = False,
) -> Iterator[tuple[Article, Analysis | InputError]]:
    """Each article with what was found in it, in input order, or the error that stopped it.

    `jobs` worker processes share the work (the output is the same whatever the
    number); `progress` shows a bar with articles per second on stderr; `lemmas` adds
    drift's annotations of the article's quotes and sentences (`Analysis.lemmas`).
    """
    total = len(articles) if isinstance(articles, Sequence) else None
    batches = _batches(articles, BATCH_SIZE if jobs == 1 else TASK_SIZE)
    if jobs > 1:
        results = _in_workers(nlp, batches, jobs, lemmas)
    else:
        results = ((batch, analyse(nlp, [a.text for a in batch], lemmas)) for batch in batches)
    with tqdm(
        total=total, unit="article", disable=not progress, leave=False, file=sys.stderr
    ) as bar:
        for batch, found in results:
            for article, result in zip(batch, found, strict=True):
                bar.update()
                if isinstance(result, str):
                    yield article, InputError(article.source or article.path, result)
                else:
                    yield article, result


def extract_articles(
    nlp: Language, articles: Iterable[Article], *, jobs: int = 1, progress: bool = False
) -> Iterator[tuple[Article, list[Quote] | InputError]]:
    """Each article with its quotes, in input order, or the error that stopped it.

    `jobs` worker processes share the work (the output is the same whatever the
    number); `progress` shows a bar with articles per second on stderr.
    """
    for article, found in analyse_articles(nlp, articles, jobs=jobs, progress=progress):
        yield article, found if isinstance(found, InputError) else found.quotes
