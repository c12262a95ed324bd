"""The article: one shape for what `extract`, `build`, the database and drift work on."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from .metadata import ArticleMetadata


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
        The file as the user named it, for messages ("seeds/x.txt: not UTF-8 text").
    """

    text: str
    path: str
    record: int | None = None
    metadata: ArticleMetadata = field(default_factory=ArticleMetadata)
    source: str = ""

    @property
    def name(self) -> str:
        """The file name, with the record number for one record of an export."""
        name = PurePosixPath(self.path).name
        return name if self.record is None else f"{name}#{self.record}"

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
