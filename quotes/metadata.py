"""Article metadata: outlet, title, date and URL, read from the text or from a sidecar file.

Scraped articles often say where they come from ("Gulan Media February 8, 2024",
"Date:2025-04-06", a Truthout fundraising appeal). We read only what the text states,
near its top or in such labelled lines. The publishing outlet is kept apart from the
source an article credits ("Source: cbsnews.com", "Reporting was provided by …",
"told CBS News"): a rewrite credits the story it rewrote, not itself. A sidecar
`articles.yml` beside the articles (file name -> outlet, url, published, title)
overrides whatever is inferred.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from .errors import InputError

SIDECAR_NAME = "articles.yml"
SIDECAR_FIELDS = ("outlet", "url", "published", "title", "credited_source")

# Only the first lines of a page hold its masthead, headline and dateline.
HEAD_LINES = 15

# Domains we can name; any other domain is used as written.
KNOWN_OUTLETS = {
    "apnews.com": "Associated Press",
    "bbc.com": "BBC",
    "bbc.co.uk": "BBC",
    "cbsnews.com": "CBS News",
    "cnn.com": "CNN",
    "nytimes.com": "The New York Times",
    "reuters.com": "Reuters",
    "truthout.org": "Truthout",
    "washingtonpost.com": "The Washington Post",
}

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_MONTH_DATE = rf"(?:{_MONTHS})\.? \d{{1,2}}, \d{{4}}"
_ISO_DATE = r"\d{4}-\d{2}-\d{2}"

# "Date:2025-04-06 18:31:22", "Published: February 8, 2024"
_LABELLED_DATE = re.compile(
    rf"^\s*(?:Date|Published|Posted|Updated)\s*(?:on)?\s*:?\s*(?P<date>{_ISO_DATE}|{_MONTH_DATE})",
    re.IGNORECASE | re.MULTILINE,
)
# A masthead line: "Gulan Media February 8, 2024 News"
_MASTHEAD = re.compile(
    rf"^(?P<outlet>[A-Z][\w&'.-]*(?: [A-Z][\w&'.-]*){{0,3}}) (?P<date>{_MONTH_DATE})(?: \w+)?\s*$",
    re.MULTILINE,
)
# "Source: cbsnews.com"
_SOURCE = re.compile(
    r"^\s*(?:Source|Originally published (?:at|by|on))\s*:?\s*(?:https?://)?(?:www\.)?"
    r"(?P<domain>[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})\b",
    re.IGNORECASE | re.MULTILINE,
)
_KNOWN_NAMES = "|".join(re.escape(name) for name in sorted(set(KNOWN_OUTLETS.values())))
# "told CBS News", "spoke with Reuters": the outlet that did the reporting.
_TOLD = re.compile(
    r"\b(?:told|informed|spoke (?:with|to)|speaking (?:with|to)|in an interview with)\s+"
    rf"(?P<outlet>{_KNOWN_NAMES}|[A-Z][\w&.-]*(?: [A-Z][\w&.-]*){{0,3}} "
    r"(?:News|Press|Times|Post|Radio|Television|TV|Agency|Journal|Tribune|Herald))\b"
)
# "Reporting was provided by Margaret Brennan." (a credit line, often the last lines)
_REPORTING = re.compile(
    r"^\s*(?:Additional )?reporting (?:was provided |was contributed )?by "
    r"(?P<who>[A-Z][\w.'-]*(?: (?:and |of )?[A-Z][\w.'-]*){0,5})",
    re.IGNORECASE | re.MULTILINE,
)
# Fundraising appeals name the outlet: "Truthout has launched a necessary fundraising campaign".
_APPEAL = re.compile(
    r"\b(?P<outlet>[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?) (?:has launched an? (?:\w+ )?fundraising"
    r"|relies (?:heavily )?on (?:individual )?(?:donations|readers))"
)
# A title tag kept in a breadcrumb: "Current:Home > My<title> -VisionFunds"
_TITLE_SUFFIX = re.compile(r"\s[-|–—]\s?(?P<outlet>[A-Z][\w.]*(?: [A-Z][\w.]*){0,2})\s*$")
_BOILERPLATE_LINE = re.compile(
    r"skip to (?:content|main)|^\W*(?:logo|menu|home|search)\W*$|\bHome\s*[>»/]",
    re.IGNORECASE,
)
_MARKS = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


@dataclass(frozen=True)
class ArticleMetadata:
    """What we know about where and when an article appeared; None when unknown."""

    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    url: str | None = None
    credited_source: str | None = None


def _head(text: str) -> list[str]:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[:HEAD_LINES]


def _normalised(line: str) -> str:
    return " ".join(line.translate(_MARKS).split()).lower().rstrip(".")


def _iso_date(value: str) -> str | None:
    value = value.strip()
    if re.fullmatch(_ISO_DATE, value):
        try:
            return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            return None
    cleaned = value.replace(".", "").replace("Sept ", "Sep ")
    for pattern in ("%B %d, %Y", "%b %d, %Y"):
        try:
            return dt.datetime.strptime(cleaned, pattern).date().isoformat()
        except ValueError:
            continue
    return None


# Public for readers of exports, whose dates are normalised the same way.
iso_date = _iso_date


def _outlet_from_domain(domain: str) -> str:
    domain = domain.lower()
    return KNOWN_OUTLETS.get(domain, domain)


outlet_from_domain = _outlet_from_domain


def infer_title(text: str) -> str | None:
    """The headline: a line the page repeats near its top, else the first headline-like line."""
    head = [line for line in _head(text) if not _BOILERPLATE_LINE.search(line)]
    keys = [_normalised(line) for line in head]
    # Pages print the headline twice (title tag, then heading); the shorter copy is cleaner.
    for i, key in enumerate(keys):
        for j in range(i + 1, len(keys)):
            other = keys[j]
            if len(key) > 20 and len(other) > 20 and (key == other or other in key or key in other):
                return head[j] if len(other) <= len(key) else head[i]
    for line in head:
        words = line.split()
        if 4 <= len(words) <= 25 and not line.endswith((".", "!", "?")) and line[0].isupper():
            return line
    return head[0] if head else None


def infer_metadata(text: str) -> ArticleMetadata:
    """Outlet, title and date as the article's own text states them."""
    head = "\n".join(_head(text))
    outlet = published = None
    masthead = _MASTHEAD.search(head)
    if masthead:
        outlet = masthead.group("outlet")
        published = _iso_date(masthead.group("date"))
    labelled = _LABELLED_DATE.search(head)
    if labelled and published is None:
        published = _iso_date(labelled.group("date"))
    if outlet is None:
        appeal = _APPEAL.search(text)
        if appeal:
            outlet = appeal.group("outlet")
    if outlet is None:
        first = _head(text)[:1]
        suffix = _TITLE_SUFFIX.search(first[0]) if first else None
        if suffix:
            outlet = suffix.group("outlet")
    credited = infer_credited_source(text)
    return ArticleMetadata(
        outlet=outlet,
        title=infer_title(text),
        published=published,
        credited_source=credited if credited != outlet else None,
    )


def infer_credited_source(text: str) -> str | None:
    """The source an article credits: a source line, else an outlet told, else a reporter."""
    source = _SOURCE.search(text)
    if source:
        return _outlet_from_domain(source.group("domain"))
    told = _TOLD.search(text)
    if told:
        return told.group("outlet")
    reporting = _REPORTING.search(text)
    return reporting.group("who").rstrip(".") if reporting else None


def _sidecar_value(path: Path, key: str, field: str, value: object) -> str | None:
    if value is None:
        return None
    if field == "published":
        if isinstance(value, dt.datetime):
            return value.date().isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        iso = _iso_date(str(value))
        if iso is None:
            raise InputError(str(path), f"{key}: published is not a date: {value!r}")
        return iso
    if not isinstance(value, (str, int, float)):
        raise InputError(str(path), f"{key}: {field} must be text")
    return str(value).strip() or None


def load_sidecar(path: Path) -> dict[str, dict[str, str | None]]:
    """Read a sidecar file: {file name relative to it: {field: value}}; raises InputError."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError(str(path), error.strerror or "cannot be read") from None
    except UnicodeDecodeError:
        raise InputError(str(path), "not UTF-8 text") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise InputError(str(path), f"not valid YAML{where}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError(str(path), "must map article file names to their metadata")
    entries: dict[str, dict[str, str | None]] = {}
    for key, fields in data.items():
        if not isinstance(fields, dict):
            raise InputError(str(path), f"{key}: must be a mapping of {', '.join(SIDECAR_FIELDS)}")
        unknown = sorted(set(map(str, fields)) - set(SIDECAR_FIELDS))
        if unknown:
            raise InputError(str(path), f"{key}: unknown field {unknown[0]!r}")
        entries[str(key)] = {
            field: _sidecar_value(path, str(key), field, fields[field])
            for field in SIDECAR_FIELDS
            if field in fields
        }
    return entries


class MetadataResolver:
    """Infers each article's metadata and applies the sidecar next to it, if there is one.

    Sidecars are read once per folder; a broken one is reported once (see `errors`)
    and the articles beside it keep their inferred metadata.
    """

    def __init__(self) -> None:
        self._sidecars: dict[Path, dict[str, dict[str, str | None]]] = {}
        self.errors: list[InputError] = []

    def _sidecar(self, folder: Path) -> dict[str, dict[str, str | None]]:
        if folder not in self._sidecars:
            path = folder / SIDECAR_NAME
            entries: dict[str, dict[str, str | None]] = {}
            if path.is_file():
                try:
                    entries = load_sidecar(path)
                except InputError as error:
                    self.errors.append(error)
            self._sidecars[folder] = entries
        return self._sidecars[folder]

    def resolve(
        self, path: str, text: str, given: ArticleMetadata | None = None
    ) -> ArticleMetadata:
        """The article's metadata: sidecar fields where given, then what the file itself
        states (`given`, e.g. a web page's metadata), then inference from the text."""
        inferred = infer_metadata(text)
        if given is not None:
            known = {k: v for k, v in vars(given).items() if v is not None}
            inferred = replace(inferred, **known)
        file = Path(path)
        overrides = self._sidecar(file.parent.resolve()).get(file.name, {})
        return replace(inferred, **overrides) if overrides else inferred

    def take_errors(self) -> list[InputError]:
        """The sidecar errors met since the last call (each reported once)."""
        errors, self.errors = self.errors, []
        return errors
