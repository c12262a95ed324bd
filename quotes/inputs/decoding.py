"""From a file's bytes to article text: size limit, binary files, encodings, control characters.

UTF-8 is read as is. Anything else is decoded only when charset-normalizer is
confident of it: the decoded text must read as a language, not just as bytes that map
to printable characters (three stray bytes decode "cleanly" in a dozen code pages).
"""

from __future__ import annotations

import codecs
import stat
from pathlib import Path

from charset_normalizer import from_bytes

from ..errors import InputError, InputSkipped

# Unicode BOMs that make NUL bytes legitimate (Excel's "Unicode text" exports UTF-16).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# When code pages tie, the one English-language newsrooms' legacy files use.
_PREFERRED = ("cp1252",)

# Control characters become one character each, so offsets into the text never move:
# paragraph separators become line breaks, the rest (vertical tab and line separator
# too: they break lines inside a paragraph) spaces. Glued to a word ("said\x1b"), a
# control character hides it from the tokenizer and the quote is lost.
_LINE_BREAKS = "\x85\u2029"
_CONTROLS = [chr(c) for c in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0))]
_CLEAN = str.maketrans(
    {
        c: ("\n" if c in _LINE_BREAKS else " ")
        for c in (*_CONTROLS, "\u2028", "\u2029")
        if c not in "\t\n\r"
    }
)

_KINDS = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def clean_controls(text: str) -> str:
    """`text` with control characters replaced one for one (tab and line ends kept)."""
    return text.translate(_CLEAN)


def read_bytes(file: Path, shown: str, max_bytes: int) -> bytes:
    """The file's bytes; raises InputSkipped for what is not a regular file (never opened)."""
    try:
        status = file.stat()
        if not stat.S_ISREG(status.st_mode):
            kind = next((name for test, name in _KINDS if test(status.st_mode)), "special file")
            raise InputSkipped(shown, f"{kind}, not a regular file")
        size = status.st_size
        if size > max_bytes:
            raise InputError(shown, f"{size:,} bytes, over --max-bytes ({max_bytes:,})")
        return file.read_bytes()
    except OSError as error:
        raise InputError(shown, error.strerror or "cannot be read") from None


def _legacy_encoding(raw: bytes) -> str | None:
    """The code page charset-normalizer is confident of, or None."""
    matches = list(from_bytes(raw))
    if not matches or matches[0].coherence <= 0:
        return None
    best = matches[0]
    tied = {
        m.encoding
        for m in matches
        if m.chaos <= best.chaos and m.coherence >= best.coherence - 0.05
    }
    return next((name for name in _PREFERRED if name in tied), best.encoding)


def _declared(encoding: str | None) -> str | None:
    """A codec for what a page declares; Latin-1 labels mean Windows-1252, as in browsers."""
    if not encoding:
        return None
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return None
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name


def decode(raw: bytes, shown: str, declared: str | None = None) -> str:
    """Text from bytes: UTF-8, a BOM'd UTF-16/32, the encoding the file `declared` (a web
    page's charset) if the bytes fit it, or a code page detected with confidence."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return clean_controls(raw.decode(encoding))
            except UnicodeDecodeError:
                raise InputError(shown, f"not valid {encoding.upper()} text") from None
    if b"\x00" in raw:
        raise InputError(shown, "binary file (holds NUL bytes), not text")
    try:
        return clean_controls(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    codec = _declared(declared)
    if codec is not None:
        try:
            return clean_controls(raw.decode(codec))
        except UnicodeDecodeError:
            pass
    encoding = _legacy_encoding(raw)
    if encoding is None:
        raise InputError(shown, "not text in any encoding detected with confidence")
    return clean_controls(raw.decode(encoding))
