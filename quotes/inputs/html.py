"""Saved web pages: the article trafilatura finds, its paragraphs, captions and metadata.

Scripts, styles, navigation, comments, footers and link lists never reach the text
(trafilatura's main-content extraction). Paragraphs are joined by one blank line, as in
our plain-text articles, because split quotes and continued quotations depend on them.
trafilatura drops figure captions; we put each back where its picture stood, as its own
paragraph, and remember where it is, so its quotes are marked as from a caption.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from configparser import ConfigParser
from functools import lru_cache
from typing import TYPE_CHECKING

import lxml.etree
import lxml.html
import trafilatura
from trafilatura.settings import use_config

from ..articles import Article
from ..errors import InputError
from ..metadata import ArticleMetadata, iso_date, outlet_from_domain
from .decoding import clean_controls, decode, read_bytes

if TYPE_CHECKING:
    from pathlib import Path

    from . import ReadContext

# trafilatura's XML: block elements that are paragraphs of their own.
_BLOCKS = {"p", "head", "quote", "item", "row", "code"}
_IMAGE_SOURCES = ("src", "data-src", "data-original", "data-lazy-src")
_SPACES = re.compile(r"[^\S\n]+")
_DOMAIN = re.compile(r"[\w-]+(?:\.[\w-]+)+")
_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_CHARSET = re.compile(rb"""<(?:meta|\?xml)[^>]+?(?:charset|encoding)\s*=\s*["']?([\w.:-]+)""", re.I)


def declared_charset(raw: bytes) -> str | None:
    """The charset a page declares in its first kilobytes (<meta charset>, XML declaration)."""
    found = _CHARSET.search(raw[:4096])
    return found.group(1).decode("ascii", "replace") if found else None


@lru_cache(maxsize=1)
def _config() -> ConfigParser:
    config = use_config()
    # Below this size trafilatura falls back to one flat paragraph: short pages keep theirs.
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
    # Its timeout uses a signal alarm, which only the main thread may set.
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    return config


def _inline_text(element: lxml.etree._Element) -> str:
    """An element's words, with <lb/> as a line break and runs of spaces made one."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            parts.append("\n")
        elif child.tag == "cell":
            parts.append(" " + _inline_text(child))
        elif child.tag != "graphic":
            parts.append(_inline_text(child))
        parts.append(child.tail or "")
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def figure_captions(html: str) -> dict[str, str]:
    """Image source -> caption text, for each <figure> with an <img> and a <figcaption>."""
    try:  # lxml refuses text that still declares its encoding
        tree = lxml.html.fromstring(_DECLARATION.sub("", html, count=1))
    except (lxml.etree.ParserError, ValueError):
        return {}
    captions: dict[str, str] = {}
    for figure in tree.iter("figure"):
        caption = next(figure.iter("figcaption"), None)
        image = next(figure.iter("img"), None)
        if caption is None or image is None:
            continue
        text = _SPACES.sub(" ", caption.text_content()).strip()
        for source in _IMAGE_SOURCES:  # lazy-loading pages keep the picture in data-src
            if text and image.get(source):
                captions.setdefault(image.get(source), text)
    return captions


def _paragraphs(main: lxml.etree._Element, captions: dict[str, str]) -> Iterator[tuple[str, bool]]:
    """(paragraph, is it a caption) in document order; a block holding blocks is their sum."""
    for element in main.iter():
        if element.tag == "graphic":
            caption = captions.get(element.get("src") or "")
            if caption:
                yield caption, True
        elif element.tag in _BLOCKS and not any(
            d.tag in _BLOCKS for d in element.iterdescendants()
        ):
            text = _inline_text(element)
            if text:
                yield text, False


def _outlet(sitename: str | None, hostname: str | None) -> str | None:
    """The page's site name, else its host; a domain we know by name gets that name."""
    if sitename and not _DOMAIN.fullmatch(sitename):
        return sitename  # "St. Louis Post-Dispatch"
    domain = sitename or hostname
    return outlet_from_domain(domain.lower().removeprefix("www.")) if domain else None


def html_article(html: str) -> tuple[str, list[tuple[int, int]], ArticleMetadata]:
    """The article text of a page, its caption ranges, and the page's own metadata."""
    xml = trafilatura.extract(
        html,
        output_format="xml",
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=True,
        include_links=False,
        config=_config(),
    )
    if xml is None:
        return "", [], ArticleMetadata()
    doc = lxml.etree.fromstring(xml.encode("utf-8"))
    main = doc.find("main")
    captions = figure_captions(html)
    text, ranges = "", []
    for paragraph, is_caption in _paragraphs(main if main is not None else doc, captions):
        if text:
            text += "\n\n"
        if is_caption:
            ranges.append((len(text), len(text) + len(paragraph)))
        text += paragraph
    metadata = ArticleMetadata(
        outlet=_outlet(doc.get("sitename"), doc.get("hostname")),
        title=doc.get("title") or None,
        published=iso_date(doc.get("date") or ""),
        url=doc.get("url") or None,
    )
    return clean_controls(text + "\n" if text else ""), ranges, metadata


def read_html_file(
    file: Path, relative: str, context: ReadContext
) -> Iterator[Article | InputError]:
    """A saved web page: one article; sidecar metadata still wins over the page's."""
    shown = str(file)
    try:
        raw = read_bytes(file, shown, context.max_bytes)
        html = decode(raw, shown, declared_charset(raw))
    except InputError as error:
        yield error
        return
    try:
        text, captions, given = html_article(html) if html.strip() else ("", [], ArticleMetadata())
    except (lxml.etree.LxmlError, ValueError) as error:
        yield InputError(shown, f"not a readable web page ({error})")
        return
    if html.strip() and not text:  # an index page or an app shell, not an empty article
        yield InputError(shown, "no article text found in the page")
        return
    metadata = context.metadata.resolve(shown, text, given)
    yield from context.metadata.take_errors()
    yield Article(
        text=text,
        path=relative,
        metadata=metadata,
        source=shown,
        captions=tuple(captions),
    )
