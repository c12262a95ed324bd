"""Finding and reading article files."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

ARTICLE_SUFFIXES = (".txt",)


@dataclass(frozen=True)
class Article:
    """An article as read from disk: `path` as the user gave it, `text` decoded."""

    path: str
    name: str
    text: str


def find_article_paths(paths: list[str]) -> Iterator[str | InputError]:
    """Expand files and folders into article paths, yielding an InputError for each bad one."""
    for given in paths:
        path = Path(given)
        if not path.exists():
            yield InputError(given, "no such file or folder")
        elif path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in ARTICLE_SUFFIXES)
            if not found:
                yield InputError(given, "folder holds no articles (.txt)")
            for child in found:
                yield str(child)
        else:
            yield given


def read_article(path: str) -> Article:
    """Read one article file as UTF-8 text (a BOM is dropped), or raise InputError."""
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise InputError(path, error.strerror or "cannot be read") from None
    if b"\x00" in raw:
        raise InputError(path, "not UTF-8 text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(path, "not UTF-8 text") from None
    return Article(path=path, name=Path(path).name, text=text)
