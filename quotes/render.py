"""HTML for Datasette cells: a quote highlighted in its context, speaker links, drift diffs.

Article text is untrusted web text, so every piece of it is escaped. The one column
rendered as HTML, `quotes.diff_html`, is built by quotes.drift from escaped text;
we still let through only a few inline tags without attributes other than `class`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import quote as url_quote

from markupsafe import Markup, escape

STYLESHEET = """
mark.quote { background: #fde68a; color: inherit; padding: 0 0.1em; }
td.col-diff_html ins, td.col-diff_html .ins { background: #d1fae5; text-decoration: none; }
td.col-diff_html del, td.col-diff_html .del { background: #fee2e2; }
td.col-context { min-width: 24em; }
"""
_ALLOWED_TAGS = "ins|del|mark|span|br|em|strong|b|i|s|code|sup|sub"
_SAFE_TAG = re.compile(rf"&lt;(/?)({_ALLOWED_TAGS})((?: class=&#34;[\w -]*&#34;)?)\s*/?&gt;")


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


def safe_diff_html(value: str) -> Markup:
    """Diff markup with only inline tags kept; everything else shown as text."""

    def restore(match: re.Match[str]) -> str:
        slash, tag, attrs = match.groups()
        attrs = attrs.replace("&#34;", '"')
        return f"<{slash}{tag}{'' if slash else attrs}>"

    return Markup(_SAFE_TAG.sub(restore, str(escape(value))))


def speaker_link(name: str, speaker_id: str, quotes_table_url: str) -> Markup:
    """A speaker's name linking to their quotes."""
    href = f"{quotes_table_url}?speaker_id={url_quote(speaker_id, safe='')}"
    return Markup(f'<a href="{escape(href)}">{escape(name)}</a>')


def render_cell(
    row: object, value: object, column: str, quotes_table_url: Callable[[], str]
) -> Markup | None:
    """HTML for the cells this project renders specially; None leaves Datasette's default."""
    if column == "context" and isinstance(value, str):
        context_start, start, end = (_get(row, k) for k in ("context_start", "start", "end"))
        if all(isinstance(n, int) for n in (context_start, start, end)):
            return highlight(value, context_start, start, end)  # type: ignore[arg-type]
    elif column == "diff_html" and isinstance(value, str) and value:
        return safe_diff_html(value)
    elif column in ("speaker", "speaker_name") and isinstance(value, str) and value:
        speaker_id = _get(row, "speaker_id")
        if isinstance(speaker_id, str) and speaker_id:
            return speaker_link(value, speaker_id, quotes_table_url())
    return None
