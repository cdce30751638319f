"""The curated gazetteer (``seeds/gazetteer.toml``): entities with their aliases, and one regex that finds
every alias in a text."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .names import name_key
from .paths import seeds_dir


@dataclass
class GazetteerEntry:
    name: str
    kind: str
    aliases: list[str]


def load_gazetteer(path: Path | None = None) -> list[GazetteerEntry]:
    """The curated entities (data file in ``seeds/``)."""
    path = path or seeds_dir() / "gazetteer.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return []
    out = []
    for e in data.get("entity", []):
        if e.get("name"):
            out.append(GazetteerEntry(e["name"], e.get("kind", "name"), list(e.get("aliases", []))))
    return out


def gazetteer_matcher(entries: list[GazetteerEntry]) -> tuple[re.Pattern[str], dict[str, str]]:
    """One regex for every curated alias (acronyms case-sensitive, names case-insensitive)."""
    keys: dict[str, str] = {}
    exact, loose = [], []
    for e in entries:
        canon = name_key(e.name)
        for a in [e.name, *e.aliases]:
            if a.isupper() or re.fullmatch(r"[A-Z][A-Z0-9.-]+", a):
                keys[a] = canon
                exact.append(a)
            else:
                keys[name_key(a)] = canon
                loose.append(a)
    parts = []
    if loose:
        parts.append(r"(?i:" + _trie_pattern([a.lower() for a in loose]) + r")")
    if exact:
        parts.append(_trie_pattern(exact))
    pat = re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])")
    return pat, keys


def _trie_pattern(names: list[str]) -> str:
    """One regex for many names, shaped as a trie: shared prefixes are tried once (a flat alternation of
    hundreds of names tried each one at every word). Longer names are preferred, as before; a space
    matches any run of white space."""
    trie: dict = {}
    for name in names:
        node = trie
        for ch in name:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [(r"\s+" if ch == " " else re.escape(ch)) + emit(child) for ch, child in node.items() if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            return "(?:" + body + ")?" if len(alts) == 1 else body + "?"
        return body

    return emit(trie)


class Gazetteer:
    """The curated entities and their matcher, loaded once, on first use."""

    def __init__(self) -> None:
        self._entries: list[GazetteerEntry] | None = None
        self._matcher: tuple = (None, None)

    @property
    def entries(self) -> list[GazetteerEntry]:
        if self._entries is None:
            self._entries = load_gazetteer()
            self._matcher = gazetteer_matcher(self._entries) if self._entries else (None, None)
        return self._entries

    @property
    def matcher(self) -> tuple:
        """(regex, surface -> canonical key), or (None, None) when there is no gazetteer."""
        self.entries  # noqa: B018  (loads both)
        return self._matcher
