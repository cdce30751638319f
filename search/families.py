"""Word families: "withdrawal" also finds "withdrawn" and "withdraw", "deployment" finds "deployed".

The index's Porter stemmer joins plain inflections ("detainee"/"detainees") but splits derived forms and some
inflections apart: "withdrawal" -> withdraw, "withdrawn" -> withdrawn; "deployment" -> deployment,
"deployed" -> deploi; "repatriated" -> repatriat, "repatriate" -> repatri. Here a query word is taken back to
its root with a small derivation table (the suffixes of English policy vocabulary: -ation, -ment, -al, -ion,
-ed, -ing, ...), and the family is every word *of the library's vocabulary* made of that root and one of the
table's endings. Their stems are searched together, and ``--explain`` lists the forms.

Why a table and not a lemmatiser: lemminflect (the kept library that fits best, measured here) knows
inflections only (withdrawn -> withdraw, but withdrawal and deployment stay nouns of their own), and costs
0.5 s to import plus 1.4 s to load its tables on the first look-up: more than a whole ``nato-brief search``
process takes. The table is a few lines and touches only words that occur in the library.
"""

from __future__ import annotations

from collections.abc import Callable

# Endings a family member may have after the root (the root itself counts: "").
ENDINGS = (
    "", "s", "e", "es", "ed", "d", "ing", "er", "ers", "n", "en",
    "al", "als", "ment", "ments", "ion", "ions", "ation", "ations", "ations",
    "ize", "izes", "ized", "izing", "ization", "izations",
    "ise", "ises", "ised", "ising", "isation", "isations",
    "ate", "ates", "ated", "ating", "ee", "ees", "ance", "ence",
)  # fmt: skip
# Suffixes stripped from a query word to find its root, longest first (British -ise joins -ize below).
_STRIP = sorted({e for e in ENDINGS if e} | {"ization", "isation", "ation", "ition", "tion", "ement"}, key=len,
                reverse=True)  # fmt: skip
MIN_ROOT = 6  # "state" must not pull in "statement": shorter roots are not widened
# Roots whose derived forms mean something else ("nation"/"national", "intern"/"internal"/"internment").
NOT_ROOTS = frozenset({"nation", "ration", "intern", "option", "origin", "person", "critic", "format", "commun"})
MAX_FORMS = 12
_ENDING_SET = frozenset(ENDINGS)


def roots(word: str) -> list[str]:
    """Candidate roots of a lowercase word: the word itself and what is left after one table suffix."""
    out = [word]
    for suf in _STRIP:
        if word.endswith(suf) and len(word) - len(suf) >= MIN_ROOT:
            r = word[: -len(suf)]
            out.append(r)
            if r.endswith(("iz", "is")):  # stabiliz(ation) / stabilis(ing): both spellings
                out.append(r[:-1] + ("s" if r.endswith("z") else "z"))
            if r.endswith("i") and len(r) > MIN_ROOT:  # deploy: "deployed" -> deploi never occurs as text
                out.append(r[:-1] + "y")
    return [r for r in dict.fromkeys(out) if len(r) >= MIN_ROOT and r not in NOT_ROOTS]


def _made_of(word: str, rts: list[str]) -> bool:
    """Whether ``word`` is one of ``rts`` plus one of the table's endings."""
    return any(word.startswith(r) and word[len(r) :] in _ENDING_SET for r in rts)


def family(word: str, has: Callable[[str], bool]) -> list[str]:
    """Words of the vocabulary (``has``) in ``word``'s family, the word itself first when it occurs.

    Symmetric by construction: ``b`` is in ``a``'s family only when ``a`` is made of one of ``b``'s roots
    too, so "withdraw", "withdrawn" and "withdrawal" each find the others ("withdraw" used to find only
    "withdrawn", and "deploy" nothing that "deployed" found).
    """
    found: list[str] = [word] if has(word) else []
    if len(word) < MIN_ROOT or not word.isalpha():
        return found
    mine = roots(word)
    for r in mine:
        for e in ENDINGS:
            w = r + e
            if w != word and w not in found and has(w) and _made_of(word, roots(w)):
                found.append(w)
                if len(found) >= MAX_FORMS:
                    return found
    return found
