"""HTML for Datasette cells: a quote highlighted in its context, links, drift diffs.

Article text is untrusted web text, so every piece of it is escaped exactly once. The one
column stored as HTML, `quotes.diff_html`, is built by quotes.drift from escaped words; it
is parsed again here and only a few inline tags (with at most a `class`) are kept:
anything else is shown as text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser

from markupsafe import Markup, escape

STYLESHEET = """
mark.quote { background: #fde68a; color: inherit; padding: 0 0.1em; }
ins { background: #d1fae5; text-decoration: none; }
del { background: #fee2e2; }
td.col-context, td.col-quote { min-width: 22em; }
dl.column-descriptions { display: none; }
details.column-notes { margin: 0.5em 0 1em; }
details.column-notes dl { margin: 0.5em 0 0; }
details.diff-json pre { max-width: 40em; white-space: pre-wrap; }
.unknown-outlet { color: #666; font-style: italic; }
.quotes-page .version { border-top: 1px solid #ddd; padding: 0.6em 0; }
.quotes-page .version h3 { margin: 0 0 0.3em; font-size: 1em; }
.quotes-page .flag { background: #fee2e2; border-radius: 3px; padding: 0 0.3em; }
.quotes-page .meta { color: #555; font-size: 0.9em; }
.quotes-page blockquote { margin: 0.4em 0 0.4em 1em; }
.quotes-page .entry-points li { margin: 0.4em 0; }
"""
# Offsets and the JSON diff are for tools (JSON, CSV): the quotes table page does not show them.
_TOOL_COLUMNS = (
    "start",
    "end",
    "context_start",
    "context_end",
    "cue_start",
    "cue_end",
    "diff_json",
)
STYLESHEET += "".join(
    f"body.table.table-quotes .col-{c} {{ display: none; }}\n" for c in _TOOL_COLUMNS
)
UNKNOWN_OUTLET = "(unknown outlet)"
_ALLOWED_TAGS = frozenset({"ins", "del", "mark", "span", "br", "em", "strong", "b", "i", "s"})
_VOID_TAGS = frozenset({"br"})
_CLASS = re.compile(r"[\w -]*")
_SPEAKER_NAME_COLUMNS = ("speaker", "speaker_name", "source_described_as")
_ARTICLE_COLUMNS = ("article_id", "source_article_id")
_QUOTE_COLUMNS = ("quote_id", "reference_quote_id")
_OUTLET_COLUMNS = ("outlet", "source_outlet", "reference_outlet")


@dataclass(frozen=True)
class Links:
    """Where the plugin's pages and Datasette's row pages live."""

    speaker: Callable[[str], str]
    statement: Callable[[str], str]
    row: Callable[[str, str], str]  # (table, primary key) -> URL


def _get(row: object, key: str) -> object:
    """A column of a result row, or None when the query did not select it."""
    try:
        return row[key]  # type: ignore[index]
    except (IndexError, KeyError, TypeError):
        return None


def highlight(context: str, context_start: int, start: int, end: int) -> Markup:
    """`context` with the quote's characters (article offsets start..end) in <mark>."""
    lo = max(0, min(len(context), start - context_start))
    hi = max(lo, min(len(context), end - context_start))
    if lo == hi:
        return Markup(escape(context))
    return Markup(
        f'{escape(context[:lo])}<mark class="quote">{escape(context[lo:hi])}</mark>'
        f"{escape(context[hi:])}"
    )


def highlight_text(context: str, quote: str) -> Markup:
    """`context` with the first occurrence of `quote` in <mark> (for rows without offsets)."""
    at = context.find(quote) if quote else -1
    if at < 0:
        return Markup(escape(context))
    return highlight(context, 0, at, at + len(quote))


class _DiffSanitizer(HTMLParser):
    """Re-emits diff markup: allowed inline tags kept, all text escaped once."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _ALLOWED_TAGS:
            self.out.append(str(escape(self.get_starttag_text() or "")))
            return
        css = dict(attrs).get("class") or ""
        attr = f' class="{escape(css)}"' if css and _CLASS.fullmatch(css) else ""
        self.out.append(f"<{tag}{attr}>")
        if tag not in _VOID_TAGS:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID_TAGS:
            self.out.append(f"<{tag}>")
        else:
            self.out.append(str(escape(self.get_starttag_text() or "")))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            while self.open:
                last = self.open.pop()
                self.out.append(f"</{last}>")
                if last == tag:
                    break
        else:
            self.out.append(str(escape(f"</{tag}>")))

    def handle_data(self, data: str) -> None:
        self.out.append(str(escape(data)))

    def handle_comment(self, data: str) -> None:
        self.out.append(str(escape(f"<!--{data}-->")))

    def handle_decl(self, decl: str) -> None:
        self.out.append(str(escape(f"<!{decl}>")))

    def handle_pi(self, data: str) -> None:
        self.out.append(str(escape(f"<?{data}>")))

    def unknown_decl(self, data: str) -> None:
        self.out.append(str(escape(f"<![{data}]>")))

    def result(self) -> str:
        self.close()
        return "".join(self.out) + "".join(f"</{tag}>" for tag in reversed(self.open))


def safe_diff_html(value: str) -> Markup:
    """Diff markup with only inline tags kept; everything else, entities decoded, as text."""
    parser = _DiffSanitizer()
    parser.feed(value)
    return Markup(parser.result())


def diff_json_details(value: str) -> Markup:
    """The JSON diff, collapsed: rows stay short."""
    try:
        shown = json.dumps(json.loads(value), ensure_ascii=False, indent=1)
        n = len(json.loads(value))
    except (ValueError, TypeError):
        shown, n = value, 0
    return Markup(
        f'<details class="diff-json"><summary>{n} operations</summary>'
        f"<pre>{escape(shown)}</pre></details>"
    )


def link(href: str, text: str) -> Markup:
    """An escaped link."""
    return Markup(f'<a href="{escape(href)}">{escape(text)}</a>')


def url_link(value: str) -> Markup:
    """A link for http(s) URLs only; anything else (javascript:, data:) stays text."""
    stripped = value.strip()
    if re.match(r"https?://[^\s]+$", stripped, re.IGNORECASE):
        return link(stripped, stripped)
    return Markup(escape(value))


def _id_and_label(value: object) -> tuple[str | None, str | None]:
    """(id, label) of a plain value or of Datasette's expanded foreign key {value, label}."""
    if isinstance(value, dict):
        raw = value.get("value")
        label = value.get("label")
        return (str(raw) if raw is not None else None), (str(label) if label else None)
    if isinstance(value, str) and value:
        return value, None
    return None, None


def _id_cell(column: str, value: object, table: str | None, links: Links) -> Markup | None:
    """Links for the id columns: speaker and statement pages, article and quote rows."""
    ident, label = _id_and_label(value)
    if ident is None:
        return None
    if column == "speaker_id":
        return link(links.speaker(ident), label or ident)
    if column == "statement_id":
        return link(links.statement(ident), label or ident)
    if column in _ARTICLE_COLUMNS:
        return link(links.row("articles", ident), label or ident)
    if column in _QUOTE_COLUMNS or (column == "id" and table == "quotes_view"):
        return link(links.row("quotes", ident), label or ident)
    return None


def render_cell(
    row: object, value: object, column: str, table: str | None, links: Links
) -> Markup | None:
    """HTML for the cells this project renders specially; None leaves Datasette's default."""
    if column == "context" and isinstance(value, str):
        context_start, start, end = (_get(row, k) for k in ("context_start", "start", "end"))
        if all(isinstance(n, int) for n in (context_start, start, end)):
            return highlight(value, context_start, start, end)  # type: ignore[arg-type]
        quote = _get(row, "quote") or _get(row, "text")
        return highlight_text(value, quote if isinstance(quote, str) else "")
    if column == "diff_html" and isinstance(value, str) and value:
        return safe_diff_html(value)
    if column == "diff_json" and isinstance(value, str) and value:
        return diff_json_details(value)
    if column == "url" and isinstance(value, str) and value:
        return url_link(value)
    if column in _OUTLET_COLUMNS and value is None:
        return Markup(f'<span class="unknown-outlet">{UNKNOWN_OUTLET}</span>')
    if column in _SPEAKER_NAME_COLUMNS and isinstance(value, str) and value:
        speaker_id = _get(row, "speaker_id")
        if isinstance(speaker_id, str) and speaker_id:
            return link(links.speaker(speaker_id), value)
        return None
    if column == "name" and table == "speakers" and isinstance(value, str):
        return link(links.speaker(str(_get(row, "id"))), value)
    if column == "text" and table == "statements" and isinstance(value, str):
        return link(links.statement(str(_get(row, "id"))), value)
    return _id_cell(column, value, table, links)


def _decorate_row(row: dict) -> None:
    diff = row.get("diff_html")
    row["diff"] = safe_diff_html(diff) if isinstance(diff, str) and diff else Markup("")
    context, start, end, context_start = (
        row.get(k) for k in ("context", "start", "end", "context_start")
    )
    if isinstance(context, str) and all(isinstance(n, int) for n in (start, end, context_start)):
        row["context_html"] = highlight(context, context_start, start, end)  # type: ignore[arg-type]
    else:
        row["context_html"] = Markup(escape(row.get("text") or ""))


def decorate(data: object, links: Links) -> None:
    """Give every quote row in a page's data its rendered diff and highlighted context."""
    if isinstance(data, dict):
        if "diff_html" in data:
            _decorate_row(data)
        for value in data.values():
            decorate(value, links)
    elif isinstance(data, list):
        for item in data:
            decorate(item, links)
