"""The article: one shape for what `extract`, `build`, the database and drift work on."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from .boilerplate import mark_captions
from .metadata import ArticleMetadata
from .model import Quote


@dataclass(frozen=True)
class Article:
    """One article as read from an input.

    path
        Where it came from, relative to the folder (or file) named on the command line,
        with "/" separators: a published database never carries the builder's layout.
    record
        The line (JSON Lines, CSV) or position (JSON list) of the record inside an
        export holding many articles; None for a file holding one.
    source
        The file as the user named it, for messages ("exports/feed.jsonl: line 2: not valid
        JSON").
    captions
        (start, end) ranges of `text` known to be photo captions (a web page's
        figcaptions); quotes standing in them are marked as from a caption.
    """

    text: str
    path: str
    record: int | None = None
    metadata: ArticleMetadata = field(default_factory=ArticleMetadata)
    source: str = ""
    captions: tuple[tuple[int, int], ...] = ()

    @property
    def name(self) -> str:
        """The file name, with the record number for one record of an export."""
        name = PurePosixPath(self.path).name
        return name if self.record is None else f"{name}#{self.record}"

    def mark_captions(self, quotes: Iterable[Quote]) -> None:
        """Mark the quotes standing in one of this article's known captions."""
        mark_captions(quotes, list(self.captions))

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def key(self) -> str:
        """The identity: this text as published by this outlet at this URL (SHA-256, hex).

        The same wire story run by three outlets is three articles. Without an outlet
        or URL it is the hash of the text alone, so such articles keep their ids.
        """
        outlet, url = self.metadata.outlet, self.metadata.url
        if outlet is None and url is None:
            return self.sha256
        published = f"{self.text}\x00{outlet or ''}\x00{url or ''}"
        return hashlib.sha256(published.encode("utf-8")).hexdigest()

    @property
    def id(self) -> str:
        return self.key[:16]
