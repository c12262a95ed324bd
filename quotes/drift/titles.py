"""Title drift: how each outlet names a speaker ("the spokesperson for the commander in chief
of the Iraqi Armed Forces" / "a spokesperson for the Iraqi military").

The rows are in `speaker_titles` joined to `articles.outlet`; this module only says
when two titles are the same title written differently, so that a speaker's title
drift counts real differences.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

LEADING = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def normalize_title(title: str) -> str:
    """A title compared without case, leading article, punctuation or doubled spaces."""
    text = re.sub(r"[^\w\s'-]", " ", title.replace("’", "'")).strip()
    text = LEADING.sub("", re.sub(r"\s+", " ", text))
    return text.lower()


def titles_by_speaker(
    rows: Iterable[tuple[str, str | None, str]],
) -> dict[str, dict[str, list[str]]]:
    """speaker id -> normalised title -> outlets using it, from (speaker, outlet, title) rows."""
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for speaker_id, outlet, title in rows:
        if title and title.strip():
            found[speaker_id][normalize_title(title)].add(outlet or "?")
    return {s: {t: sorted(o) for t, o in sorted(v.items())} for s, v in sorted(found.items())}


def speakers_with_title_drift(rows: Iterable[tuple[str, str | None, str]]) -> list[str]:
    """Speakers whom outlets title in more than one way."""
    return [s for s, titles in titles_by_speaker(rows).items() if len(titles) > 1]
