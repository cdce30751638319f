"""Capital and small letters for regular expressions, beyond A–Z.

Python's ``re`` has no ``\\p{Lu}``: ``[A-Z]`` misses Ö, É, Ç, Ş, İ, Ł, Ø, Ж…, so a sentence before "Ömer
Çelik" never ended and a byline "By Élise Martin" named nobody. Write ``[\\p{Lu}]`` (a capital) or
``[\\p{Ll}]`` (a small letter), alone or with other members (``[\\p{Lu}0-9]``), and pass the pattern through
:func:`caps` before compiling it; a pattern that reaches ``re`` without it fails loudly (``bad escape \\p``).

The classes cover the scripts names in this library's news are written in (Latin with all its extensions,
Greek, Cyrillic, Armenian, Georgian): a class over all of Unicode costs several milliseconds per pattern to
compile, and every pattern here is compiled when its module is imported.
"""

from __future__ import annotations

from functools import lru_cache

_SPAN = "".join(map(chr, range(0x2000)))  # Basic Latin … Greek Extended


def _ranges(chars: str) -> str:
    cps = sorted(map(ord, chars))
    parts, lo, hi = [], cps[0], cps[0]
    for c in cps[1:] + [-2]:
        if c == hi + 1:
            hi = c
            continue
        parts.append(chr(lo) if lo == hi else chr(lo) + chr(hi) if hi == lo + 1 else f"{chr(lo)}-{chr(hi)}")
        lo = hi = c
    return "".join(parts)


# Titlecase digraphs (ǅ, ǈ, ǋ) start a capitalised word too.
UPPER = _ranges("".join(c for c in _SPAN if c.isupper() or c.istitle()))
LOWER = _ranges("".join(c for c in _SPAN if c.islower()))


@lru_cache(maxsize=256)
def caps(pattern: str) -> str:
    """``pattern`` with ``\\p{Lu}`` / ``\\p{Ll}`` (inside a character class) spelled out as letters."""
    return pattern.replace(r"\p{Lu}", UPPER).replace(r"\p{Ll}", LOWER)
