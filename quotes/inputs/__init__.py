"""Reading inputs: one reader per format behind `read_inputs`, chosen by suffix.

Every reader turns one file into Articles (a file may hold one article or an export
of many) or InputErrors naming the file, the record and the reason; a bad file or
record never stops the others.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from ..articles import Article
from ..errors import InputError
from ..metadata import MetadataResolver
from .decoding import decode, read_bytes
from .records import read_csv_file, read_json_file, read_jsonl_file

DEFAULT_MAX_BYTES = 5_000_000

Reader = Callable[[Path, str, "ReadContext"], Iterator["Article | InputError"]]


class ReadContext:
    """What readers share during one call of `read_inputs`: limits and sidecars."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.metadata = MetadataResolver()


def read_text_file(
    file: Path, relative: str, context: ReadContext
) -> Iterator[Article | InputError]:
    """A plain-text article (UTF-8, or a code page detected with confidence); sidecars apply."""
    shown = str(file)
    try:
        text = decode(read_bytes(file, shown, context.max_bytes), shown)
    except InputError as error:
        yield error
        return
    metadata = context.metadata.resolve(shown, text)
    yield from context.metadata.take_errors()
    yield Article(text=text, path=relative, metadata=metadata, source=shown)


def read_html_file(
    file: Path, relative: str, context: ReadContext
) -> Iterator[Article | InputError]:
    """A saved web page (quotes.inputs.html), imported on first use: trafilatura is slow to
    import and most runs read no HTML."""
    from .html import read_html_file as read

    yield from read(file, relative, context)


READERS: dict[str, Reader] = {
    ".txt": read_text_file,
    ".html": read_html_file,
    ".htm": read_html_file,
    ".jsonl": read_jsonl_file,
    ".json": read_json_file,
    ".csv": read_csv_file,
}


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
    """Every article in `paths` (files and folders, recursively), in order, or an error.

    A file named on its own is read by its suffix's reader, plain text for any other
    suffix; a folder yields only the files whose suffix has a reader.
    """
    context = ReadContext(max_bytes)
    for given in paths:
        for item in _files(given):
            if isinstance(item, InputError):
                yield item
                continue
            file, relative = item
            reader = READERS.get(file.suffix.lower(), read_text_file)
            yield from reader(file, relative, context)
