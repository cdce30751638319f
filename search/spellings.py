"""Names across spellings: transliteration variants and shortened forms of one name become one entity.

Arabic and Persian names reach English in several spellings (Suleimani, Soleimani; Qassim, Qasem; Haider,
Haidar; Mohammed, Muhammad), with or without the article (al-Abadi, Abadi), and people appear with and
without a middle initial (James N. Mattis, James Mattis) or by surname alone (al-Sudani). Rather than list
every spelling, a general rule decides:

- a *skeleton* groups candidates cheaply: particles (al-, el-, ad-, ash- ...) and one-letter initials are
  dropped, q/k, ph/f and doubled letters are folded, and only the consonants are kept;
- two names in a group are one name when their words align group by group, consonants equal and vowels
  equivalent under transliteration (o~u, ee~i, ai~ay~ei~ey, and an unstressed e standing for a or i), their
  initials do not disagree, and rapidfuzz agrees they are close;
- a surname on its own (a one-word name written with its particle, "al-Abadi", or after a title, "Defense
  Secretary Mattis") joins the full name whose last word it spells, but only when exactly one person in the
  library has that surname.

Skeletons are computed at index time (one row per distinct name and skeleton in the store), so linking reads
only the groups that hold two names or more. Organisations and acronyms never take part.
"""

from __future__ import annotations

import re
from functools import lru_cache

PARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|ul)[-\s]")
_PARTICLE_WORDS = {"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ul"}
_VOWELS = "aeiouy"
_MIN_RATIO = 70.0


def _words(key: str) -> list[str]:
    """A folded name's words without particles; hyphenated particles come off their word ("al-abadi")."""
    out = []
    for w in key.replace("’", "'").split():
        w = PARTICLE.sub("", w + " ").strip() if "-" in w else w
        if w and w not in _PARTICLE_WORDS:
            out.append(w.strip("-'"))
    return [w for w in out if w]


@lru_cache(maxsize=50_000)
def _groups(word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(consonant groups, vowel groups) of one word in a folded transliteration spelling.

    "soleimani" -> (("s", "l", "m", "n"), ("u", "ai", "a", "i")); the vowel tuple has one entry per slot
    before, between and after the consonants ('' where there is none), so two words align slot by slot.
    """
    w = re.sub(r"[^a-z]", "", word)
    w = w.replace("ph", "f").replace("ck", "k").replace("q", "k")
    w = re.sub(r"(?<=[aeiou])h$", "", w)  # Fallujah / Falluja
    w = re.sub(r"([b-df-hj-np-tv-z])\1+", r"\1", w)  # doubled consonants
    cons: list[str] = []
    vows: list[str] = [""]
    if len(w) > 1 and w[0] == "y" and w[1] in "aeiou":  # y is a consonant before a vowel at the start (Yusuf)
        cons.append("y")
        vows.append("")
        w = w[1:]
    for p in re.findall(r"[^aeiouy]+|[aeiouy]+", w):  # elsewhere a vowel (Husayn)
        if p[0] in _VOWELS:
            vows[-1] += p
        else:
            cons.append(p)
            vows.append("")
    return tuple(cons), tuple(_vowel(v) for v in vows)


def _vowel(v: str) -> str:
    if not v:
        return ""
    v = v.replace("ou", "u").replace("oo", "u").replace("o", "u").replace("ee", "i").replace("ie", "i")
    v = re.sub(r"^(?:ay|ai|ei|ey|ae)$", "ai", v)
    v = re.sub(r"(.)\1+", r"\1", v)
    return v.replace("y", "i")


def _vowels_match(a: str, b: str) -> bool:
    return a == b or (a == "e" and b in ("a", "i")) or (b == "e" and a in ("a", "i"))


def same_word(a: str, b: str) -> bool:
    """Two spellings of one word: consonants equal group by group, vowels equivalent slot by slot."""
    if a == b:
        return True
    if len(a) < 3 or len(b) < 3:
        return False
    ca, va = _groups(a)
    cb, vb = _groups(b)
    return ca == cb and len(va) == len(vb) and all(_vowels_match(x, y) for x, y in zip(va, vb, strict=True))


def _split(key: str) -> tuple[list[str], list[str]]:
    """(words of three letters or more, initials) of a folded name."""
    ws = _words(key)
    return [w for w in ws if len(w) > 1], sorted(w for w in ws if len(w) == 1)


def skeletons(key: str, kind: str) -> list[str]:
    """The groups a folded name takes part in: its whole skeleton, and ``~surname`` for a surname link.

    Empty for names that never link by spelling (organisations, acronyms, one short word).
    """
    if kind not in ("name", "person"):
        return []
    words, _initials = _split(key)
    if not words or any(not re.fullmatch(r"[a-z'-]+", w) for w in words):
        return []
    skel = " ".join("".join(_groups(w)[0]) for w in words)
    out = []
    if len(words) > 1:
        out.append(skel)
        last = "".join(_groups(words[-1])[0])
        if len(words[-1]) >= 4 and last:
            out.append("~" + last)
    elif len(words[0]) >= 4 and (kind == "person" or PARTICLE.match(key + " ")):
        out.append("~" + skel)  # a surname alone: "al-abadi", or a titled "mattis"
    return out


def same_name(a: str, b: str) -> bool:
    """Two folded multi-word names that are one name in two spellings (or with and without an initial)."""
    wa, ia = _split(a)
    wb, ib = _split(b)
    if len(wa) != len(wb) or len(wa) < 2 or (ia and ib and ia != ib):
        return False
    if not all(same_word(x, y) for x, y in zip(wa, wb, strict=True)):
        return False
    from rapidfuzz import fuzz

    return fuzz.ratio(" ".join(wa), " ".join(wb)) >= _MIN_RATIO


def spelling_links(groups: dict[str, list[str]]) -> list[tuple[str, str]]:
    """Pairs of folded names to merge, from skeleton groups (skeleton -> names sharing it)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    links: list[tuple[str, str]] = []
    for skel, keys in groups.items():
        if skel.startswith("~") or len(keys) < 2:
            continue
        keys = sorted(set(keys))
        initials = {tuple(_split(k)[1]) for k in keys} - {()}
        for i, a in enumerate(keys):
            for b in keys[i + 1 :]:
                if not same_name(a, b):
                    continue
                # "James Mattis" is "James N. Mattis" only when no "James A. Mattis" is in the library too.
                if (not _split(a)[1] or not _split(b)[1]) and len(initials) > 1:
                    continue
                links.append((a, b))
                parent[find(b)] = find(a)
    for skel, keys in groups.items():
        if not skel.startswith("~"):
            continue
        singles = [k for k in set(keys) if len(_split(k)[0]) == 1]
        fulls = [k for k in set(keys) if len(_split(k)[0]) > 1]
        for s in singles:
            word = _split(s)[0][0]
            owners = [f for f in fulls if same_word(word, _split(f)[0][-1])]
            if owners and len({find(f) for f in owners}) == 1:
                links.append((min(owners), s))
    return links


def curated_skeletons(entries) -> dict[str, list[str]]:
    """Skeleton -> folded names of the curated people, so a new spelling in a document joins its entry."""
    from .names import name_key

    out: dict[str, list[str]] = {}
    for e in entries:
        if e.kind != "person":
            continue
        for n in [e.name, *e.aliases]:
            k = name_key(n)
            for sk in skeletons(k, "person"):
                out.setdefault(sk, []).append(k)
    return out


def library_links(store, entries) -> list[tuple[str, str]]:
    """The spelling links of a library's store, the curated people (``entries``) included."""
    return spelling_links(store.spelling_groups(curated_skeletons(entries)))
