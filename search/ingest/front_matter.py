"""Metadata a user states: a document's front matter (``---`` YAML-style ``key: value`` or TOML) and the
``nato-brief add`` options, as :class:`Overrides` that win over what is detected."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field

from ..dates import parse_date
from ..errors import InputError
from ..model import Source
from ..paragraphs import split_names
from ..text import clean_line, clean_opt

MAX_NESTING = 32  # brackets in front matter (tomllib recurses once per level)


@dataclass
class Overrides:
    """Metadata a user states (front matter or ``nato-brief add`` options); wins over detection."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    outlet: str | None = None
    url: str | None = None

    def apply(self, src: Source) -> None:
        if self.title:
            src.title = self.title
        if self.authors:
            src.authors = list(self.authors)
        if self.date:
            src.date = self.date
        if self.outlet:
            src.outlet = self.outlet
        if self.url:
            src.url = self.url

    def merged(self, other: Overrides) -> Overrides:
        """``other`` wins field by field."""
        return Overrides(
            title=other.title or self.title,
            authors=other.authors or self.authors,
            date=other.date or self.date,
            outlet=other.outlet or self.outlet,
            url=other.url or self.url,
        )

    def cleaned(self) -> Overrides:
        """The same values as safe single lines (what a user types is as untrusted as a document)."""
        return Overrides(
            title=clean_opt(self.title),
            authors=[a for a in map(clean_line, self.authors) if a],
            date=clean_opt(self.date),
            outlet=clean_opt(self.outlet),
            url=clean_opt(self.url),
        )

    def to_json(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v}

    @classmethod
    def from_json(cls, d: dict) -> Overrides:
        return cls(
            title=d.get("title"),
            authors=list(d.get("authors") or []),
            date=d.get("date"),
            outlet=d.get("outlet"),
            url=d.get("url"),
        )


_FM_YAML = re.compile(r"\A\s*---[ \t]*\n(?P<body>.*?)\n---[ \t]*(?:\n|\Z)", re.S)
_FM_TOML = re.compile(r"\A\s*\+\+\+[ \t]*\n(?P<body>.*?)\n\+\+\+[ \t]*(?:\n|\Z)", re.S)
_KEYS = {
    "title": "title", "author": "authors", "authors": "authors", "by": "authors", "date": "date",
    "published": "date", "outlet": "outlet", "publication": "outlet", "site": "outlet", "sitename": "outlet",
    "source": "url", "url": "url", "link": "url",
}  # fmt: skip


def split_front_matter(text: str) -> tuple[Overrides, str]:
    """Front matter (``---`` YAML-style key: value, or TOML in ``---``/``+++``) and the rest of the text."""
    m = _FM_TOML.match(text) or _FM_YAML.match(text)
    if not m:
        return Overrides(), text
    body = m.group("body")
    data: dict = {}
    if re.search(r"^[ \t]*\w+[ \t]*=", body, re.M) and not re.search(r"^[ \t]*\w+[ \t]*:", body, re.M):
        depth = _nesting(body)
        if depth > MAX_NESTING:
            raise InputError(
                f"front matter nested {depth} levels deep (at most {MAX_NESTING}); not read as a document"
            )
        try:
            data = tomllib.loads(body)
        except (tomllib.TOMLDecodeError, RecursionError):
            return Overrides(), text
    else:
        data = _simple_yaml(body)
        if not data:
            return Overrides(), text
    ov = Overrides()
    for key, value in data.items():
        field_name = _KEYS.get(str(key).lower())
        if field_name is None or value is None or value == "":
            continue
        if field_name in ("authors", "title", "outlet") and not isinstance(value, str | list):
            continue  # a number, a mapping, true/false: no name nor title (never "{'a': 1}" as an author)
        if field_name == "authors":
            if isinstance(value, list):  # names are strings: null, numbers, mappings and lists in it are not
                ov.authors = [v.strip() for v in value if isinstance(v, str) and v.strip()]
            else:
                ov.authors = split_names(value)
        elif isinstance(value, list):
            continue  # a list is no title, outlet, date or address
        elif field_name == "date":
            ov.date = normalise_date(str(value))
        elif field_name == "url" and not re.match(r"(?:https?://|www\.)", str(value).strip(), re.I):
            ov.outlet = ov.outlet or str(value).strip()  # "source: Baltic Policy Review" names the outlet
        else:
            setattr(ov, field_name, str(value).strip())
    # TOML escapes ("\u001b", "\n") make controls and newlines after the text was sanitised.
    return ov.cleaned(), text[m.end() :]


def _nesting(body: str) -> int:
    """How deep brackets and braces nest in ``body`` (quotes ignored: an over-estimate is harmless)."""
    depth = deepest = 0
    for ch in re.findall(r"[\[\]{}]", body):
        depth = depth + 1 if ch in "[{" else max(0, depth - 1)
        deepest = max(deepest, depth)
    return deepest


def _simple_yaml(body: str) -> dict:
    """Flat ``key: value`` pairs, ``[a, b]`` lists and ``- item`` lists: all front matter needs."""
    data: dict = {}
    last = None
    for line in body.split("\n"):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if (m := re.match(r"^\s*-\s+(.*)$", line)) and last:
            if not isinstance(data.get(last), list):
                data[last] = []
            data[last].append(_unquote(m.group(1)))
            continue
        m = re.match(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$", line)  # keys are ASCII words (title, author): on purpose
        if not m:
            return {}
        last = m.group(1)
        v = m.group(2).strip()
        if v.startswith("[") and v.endswith("]"):
            data[last] = [_unquote(x) for x in v[1:-1].split(",") if x.strip()]
        else:
            data[last] = _unquote(v)
    return data


def _unquote(v: str) -> str | None:
    """A YAML scalar as a string; YAML's null (``null``, ``~``, unquoted) is None: no value, never "null"."""
    v = v.strip()
    if len(v) >= 2 and v[0] == v[-1] and v[0] in "'\"":
        return v[1:-1]
    return None if v in ("null", "Null", "NULL", "~") else v


def normalise_date(value: str) -> str | None:
    """``YYYY-MM-DD`` from an ISO date/datetime or a written date; None when it is not a date."""
    value = value.strip()
    if m := re.match(r"^(\d{4}-\d{2}-\d{2})", value):
        return parse_date(m.group(1))
    return parse_date(value)
