"""Reading inputs: one reader per format behind `read_inputs`, chosen by suffix.

Every reader turns one file into Articles (a file may hold one article or an export
of many) or InputErrors naming the file, the record and the reason; a bad file never
stops the others.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from .articles import Article
from .errors import InputError
from .metadata import MetadataResolver

DEFAULT_MAX_BYTES = 5_000_000

Reader = Callable[[Path, str, "ReadContext"], Iterator["Article | InputError"]]


class ReadContext:
    """What readers share during one call of `read_inputs`: limits and sidecars."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.metadata = MetadataResolver()


def _read_bytes(file: Path, shown: str, context: ReadContext) -> bytes:
    try:
        if not file.is_file():
            raise InputError(shown, "not a regular file")
        size = file.stat().st_size
        if size > context.max_bytes:
            raise InputError(shown, f"over the limit of {context.max_bytes:,} bytes")
        return file.read_bytes()
    except OSError as error:
        raise InputError(shown, error.strerror or "cannot be read") from None


def read_text_file(
    file: Path, relative: str, context: ReadContext
) -> Iterator[Article | InputError]:
    """A plain-text article (UTF-8; a BOM is dropped); sidecar metadata applies."""
    shown = str(file)
    try:
        raw = _read_bytes(file, shown, context)
        if b"\x00" in raw:
            raise InputError(shown, "not UTF-8 text")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError(shown, "not UTF-8 text") from None
    except InputError as error:
        yield error
        return
    metadata = context.metadata.resolve(str(file), text)
    yield from context.metadata.errors
    context.metadata.errors.clear()
    yield Article(text=text, path=relative, metadata=metadata, source=shown)


READERS: dict[str, Reader] = {".txt": read_text_file}


def _files(given: str) -> Iterator[tuple[Path, str] | InputError]:
    """(file, path relative to what was given) for a file or every input in a folder."""
    path = Path(given)
    if not path.exists():
        yield InputError(given, "no such file or folder")
    elif path.is_dir():
        found = sorted(p for p in path.rglob("*") if p.suffix.lower() in READERS)
        if not found:
            kinds = ", ".join(READERS)
            yield InputError(given, f"folder holds no articles ({kinds})")
        for child in found:
            yield child, child.relative_to(path).as_posix()
    else:
        yield path, path.name


def read_inputs(
    paths: list[str], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article | InputError]:
    """Every article in `paths` (files and folders, recursively), in order, or an error."""
    context = ReadContext(max_bytes)
    for given in paths:
        for item in _files(given):
            if isinstance(item, InputError):
                yield item
                continue
            file, relative = item
            reader = READERS.get(file.suffix.lower(), read_text_file)
            yield from reader(file, relative, context)
