"""What happens to the typed words before parsing: typo correction and word families.

Both work on the query text, word by word, outside quotes, ``field:value`` pairs and parentheses (alias
groups and the user's own), so ``--explain`` shows the query that ran. Quoted words are never corrected.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .engine.analysis import _STOP, _forms
from .families import family
from .query import MIN_PREFIX

FAMILY_BOOST = 0.5  # another form of the word counts half: the form typed ranks first
OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"}
_SEGMENTS = re.compile(r'("[^"]*"?|\S+:(?:"[^"]*"?|\S+))')
# A word: "U.S." (a dotted abbreviation) or letters with inner apostrophes and hyphens; a leading "-" (an
# exclusion) is not part of it, so "-Levit" is corrected like "NOT Levit".
_WORD = re.compile(r"(?<![\w'’^~.])(?:(?:[^\W\d_]\.){2,}|[^\W\d_][\w'’-]*)")
_DOTTED = re.compile(r"^(?:[^\W\d_]\.){2,}$")


@dataclass
class Rewritten:
    text: str  # what is parsed
    shown: str  # the user's text with corrections only (what "Showing results for" says)
    corrections: list[tuple[str, str]] = field(default_factory=list)  # (typed, used)
    families: list[tuple[str, list[str]]] = field(default_factory=list)  # (word, other forms searched)
    unknown: list[str] = field(default_factory=list)  # words neither known nor correctable
    notices: list[str] = field(default_factory=list)  # filter values that name nobody ("no author Levit")


def rewrite(
    text: str,
    *,
    known: Callable[[str], bool],
    correct: Callable[[str], str | None] | None = None,
    has_word: Callable[[str], bool] | None = None,
    open_last: bool = False,
    widen: bool = True,
    fix_field: Callable[[str, str, bool], tuple[str | None, str | None]] | None = None,
    complete_field: Callable[[str, str], list[str]] | None = None,
    undot: bool = False,
    sharp_written: Callable[[str], bool] | None = None,
    lone_letters: bool = False,
) -> Rewritten:
    """Correct unknown words and widen words to their families.

    ``known`` says whether a folded word occurs in the library (passages or metadata); ``correct`` gives a
    replacement for an unknown one; ``has_word`` says whether a folded word occurs in passage text (for
    families). ``open_last``: the last word is still being typed (search as you type completes it instead).
    ``widen``: write each word with a family as an OR of its forms (after alias expansion, which must see the
    names as typed). ``fix_field(field, value, correct)``: (the corrected value or None, a notice or None) for
    an unquoted ``author:``/``outlet:``/``title:``/``speaker:`` value. ``complete_field(field, value)``: the
    field's words that complete a value still being typed (the text's last segment, search as you type):
    that value is searched as any of them, neither corrected nor reported (``author:Levi`` is Levitt's).
    ``undot``: a dotted acronym is parsed undotted ("E.U." -> "EU"), so that alias expansion, which knows the
    names as the entity data spells them, reaches the entity ("E.U." finds the European Union as "EU" does);
    the widening pass adds the dotted form back where the library has it. Not for ``--exact``.
    ``sharp_written(folded)``: the library writes that folded word with a "ß" ("strase" as "Straße"); then a
    typed "ss" word also searches it, even when the library has the "ss" spelling too (without it, only a word
    the library lacks is tried across "ss" and "ß": "loss" must not become "los"). ``lone_letters``: a query
    whose only words are single letters ("ß", "ſ", "s") searches none of them (the text index has no
    one-letter words; the name fields' initials gave a stray hit).
    """
    out: list[str] = []
    shown: list[str] = []
    res = Rewritten(text, text)
    text = _drop_lone_letters(text) if lone_letters else text
    depth = 0
    segs = _SEGMENTS.split(text)
    last_seg = max((i for i, s in enumerate(segs) if s.strip()), default=-1)
    words = {m.group().lower() for m in _WORD.finditer(text)} if widen else set()  # "UN OR U.N." has both
    for i, seg in enumerate(segs):
        if i % 2 == 1 and complete_field is not None and i == len(segs) - 2 and not segs[-1]:
            done = _complete_field_segment(seg, complete_field)
            if done is not None:  # the value is still being typed and completes: no correction, no notice
                out.append(done)
                shown.append(seg)
                continue
        if i % 2 == 1 and fix_field is not None and not seg.startswith('"'):
            seg = _fix_field_segment(seg, fix_field, correct is not None, res)
        if not seg or seg.startswith('"') or (i % 2 == 1):
            out.append(seg)
            shown.append(seg)
            continue
        pos = 0
        matches = list(_WORD.finditer(seg))
        for j, m in enumerate(matches):
            between = seg[pos : m.start()]
            depth += between.count("(") - between.count(")")
            out.append(between)
            shown.append(between)
            pos = m.end()
            w = m.group()
            if _DOTTED.match(w):
                plain = w.replace(".", "")
                # "U.S." is the index's one token "u.s."; undotted it would be the stop word "us" (dropped)
                stop = plain.lower() in _STOP
                used = plain if undot and depth == 0 and not stop else w
                if used == w and widen and not stop and plain.lower() not in words:  # "U.K." is also "UK"
                    used = f"({w} OR {plain})"
                elif used == plain and undot and i == last_seg and j == len(matches) - 1 and not seg[m.end() :].strip():
                    used += " "  # typed to its last dot: a finished word, never completed as a prefix ("USA*")
                if not known(w.lower()) and (stop or not known(plain.lower())):
                    res.unknown.append(w)  # listed only if it also matches nothing (QueryService checks)
                out.append(used)
                shown.append(w)
                continue
            typing = open_last and i == last_seg and j == len(matches) - 1 and m.end() == len(seg)
            dotted = _dotted(w) if widen and w not in OPERATORS else None
            # "UK" is also "U.K." (also in an alias group: "EU" was expanded to "(European Union OR EU)"; a
            # word still typed, from 3 letters on, is completion's: engine/parse.py adds the dotted form)
            if dotted and dotted.lower() not in words and known(dotted.lower()) and not (typing and len(w) >= MIN_PREFIX):
                out.append(f"({w} OR {dotted})")
                shown.append(w)
                continue
            if w in OPERATORS or depth > 0 or "'" in w or "’" in w:
                out.append(w)
                shown.append(w)
                continue
            if "-" in w:  # each part of a hyphenated word is corrected on its own ("counter-terorism")
                fixed_w = _correct_parts(w, known, correct, res)
                out.append(fixed_w)
                shown.append(fixed_w)
                continue
            low = _forms(w)[0]
            used = w
            sharp = _sharp_s(w, low, known, sharp_written if known(low) else lambda _: True)
            if sharp:  # "strasse" is the library's "Straße" (folded "strase"): the same word, not a typo
                out.append(f"({w} OR {sharp})")  # also while typed: the box finds both as the command line does
                shown.append(w)
                continue
            if typing:
                out.append(w)  # still being typed: completion handles it
                shown.append(w)
                continue
            if not known(low):
                fam = family(low, has_word) if has_word else []
                fixed = None if fam else (correct(low) if correct else None)
                if fixed:
                    used = fixed.capitalize() if any(ch.isupper() for ch in w) else fixed
                    res.corrections.append((w, used))
                    low = fixed
                elif not fam:
                    res.unknown.append(w)
            shown.append(used)
            forms = family_forms(low, has_word) if has_word and widen else []
            if forms:
                res.families.append((used, forms))
                # The word itself stays even when the library lacks it: its stem may be another form's
                # ("withdraw" is withdrawal's stem).
                out.append("(" + " OR ".join([used] + [f"{f}^{FAMILY_BOOST}" for f in forms]) + ")")
            else:
                out.append(used)
        tail = seg[pos:]
        depth += tail.count("(") - tail.count(")")
        out.append(tail)
        shown.append(tail)
    res.text = "".join(out)
    res.shown = "".join(shown)
    return res


_FIELD_SEG = re.compile(r'^(-?)(\w+):([^\s"]+)$')


def _complete_field_segment(seg: str, complete_field: Callable[[str, str], list[str]]) -> str | None:
    """``author:Levi`` (still being typed) -> ``(author:levitt OR author:levine)``; None when the segment is
    not one open word in a field or nothing completes it. Each completion is its own ``field:word`` token,
    so the later passes (aliases, families) leave them alone as they leave any filter."""
    m = _FIELD_SEG.match(seg)
    if not m or not re.fullmatch(r"[^\W\d_]+", m.group(3)):
        return None
    words = complete_field(m.group(2).lower(), m.group(3))
    if not words:
        return None
    return m.group(1) + "(" + " OR ".join(f"{m.group(2)}:{w}" for w in words) + ")"


def _fix_field_segment(
    seg: str, fix_field: Callable[[str, str, bool], tuple[str | None, str | None]], correct: bool, res: Rewritten
) -> str:
    """``author:Levit`` -> ``author:Levitt`` (a correction), or a notice when the value names nobody."""
    m = _FIELD_SEG.match(seg)
    if not m:
        return seg
    fixed, notice = fix_field(m.group(2).lower(), m.group(3), correct)
    if notice:
        res.notices.append(notice)
    if not fixed or fixed == m.group(3):
        return seg
    if fixed.startswith("("):  # the value and the same name spelt otherwise ("Weiss", "Weiß"): no correction
        return m.group(1) + fixed
    new = f"{m.group(1)}{m.group(2)}:{fixed}"
    res.corrections.append((seg, new))
    return new


def _correct_parts(
    word: str, known: Callable[[str], bool], correct: Callable[[str], str | None] | None, res: Rewritten
) -> str:
    """A hyphenated word with each unknown part replaced by the closest known word (parts that are not words,
    or shorter than a correctable word, stay as typed); the parts nothing corrects are ``unknown``."""
    parts = word.split("-")
    changed = False
    for i, part in enumerate(parts):
        if not part or not part.isalpha():
            continue
        low = _forms(part)[0]
        if known(low):
            continue
        fixed = correct(low) if correct else None
        if fixed:
            parts[i] = fixed.capitalize() if any(ch.isupper() for ch in part) else fixed
            changed = True
        elif len(low) >= 4:
            res.unknown.append(part)
    if not changed:
        return word
    used = "-".join(parts)
    res.corrections.append((word, used))
    return used


def _sharp_s(
    word: str, low: str, known: Callable[[str], bool], sharp_written: Callable[[str], bool] | None = None
) -> str | None:
    """The library's spelling of ``word`` across "ss" and "ß" (the index folds "ß" to "s": "Straße" is
    "strase"), or None: "strasse" -> "strase" when the library has "Straße", "straße" -> "strasse" when it has
    "Strasse". Searched beside the word as typed and never shown: the user's word is not a typo. An "ss" word
    the library also has is tried only where ``sharp_written`` says the library writes the other one with "ß"
    (None: never; "loss" is not "los")."""
    lowered = word.lower()
    cands = [_forms(lowered.replace("ß", "ss"))[0]] if "ß" in lowered else []
    if sharp_written is not None:
        cands += [low[:i] + low[i + 1 :] for i in range(len(low) - 1) if low[i : i + 2] == "ss"]
    return next(
        (c for c in cands if c != low and known(c) and ("ß" in lowered or (sharp_written and sharp_written(c)))), None
    )  # fmt: skip


_FIELDS_AND_QUOTES = re.compile(r'"[^"]*"?|\S+:(?:"[^"]*"?|\S*)')
_LETTER = re.compile(r'(?<![\w:"\'’.-])[^\W\d_](?![\w:"\'’.-])')


def _drop_lone_letters(text: str) -> str:
    """``text`` without its words when every one of them is a single letter ("ß", "s"; fields, quotes and
    operators aside): such a query has nothing to search for (see ``rewrite``'s ``lone_letters``)."""
    rest = _FIELDS_AND_QUOTES.sub(" ", text)
    words = [w for w in re.findall(r"[^\W\d_][\w'’.-]*", rest) if w not in OPERATORS]
    if not words or any(len(_forms(w)[0]) != 1 for w in words):
        return text
    return "".join(
        seg if i % 2 else _LETTER.sub(" ", seg) for i, seg in enumerate(re.split(f"({_FIELDS_AND_QUOTES.pattern})", text))
    )


def _dotted(word: str) -> str | None:
    """"UK" -> "U.K.": the dotted form of a short word (2 to 5 letters). A stop word only in capitals: "US" is
    the acronym ("U.S."), "us" stays the stop word; operators ("OR", "NOT") are never acronyms."""
    if not (2 <= len(word) <= 5 and word.isalpha() and word.isascii()) or word in OPERATORS:
        return None
    if word.lower() in _STOP and not word.isupper():
        return None
    return "".join(ch + "." for ch in word)


def family_forms(low: str, has_word: Callable[[str], bool]) -> list[str]:
    """Other forms of ``low`` in the library whose stems differ from its own (and from each other)."""
    seen = {_forms(low)[1]}
    forms = []
    for f in family(low, has_word):
        st = _forms(f)[1]
        if st not in seen:
            seen.add(st)
            forms.append(f)
    return forms
