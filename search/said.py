"""Reading the speech index: statements by speaker, with the article they appear in and their citation.

The statements are found at ingestion (:mod:`.speech`) and stored with the library (the ``quotes`` table,
rebuilt with the index). This module looks them up (``said NAME`` is fuzzy, like ``who``), shapes them as the
contract's ``statement`` JSON, and flags the same words given to two different speakers or authors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, utils

from .names import name_key
from .quotes import human_date, join_names
from .store import words_key

UNATTRIBUTED = "unattributed quote"


@dataclass
class Statement:
    """One stored statement, with its article's metadata."""

    speaker: str
    speaker_entity: str | None
    role: str | None
    kind: str
    text: str
    source_id: str
    passage_id: str
    start: int
    end: int
    title: str
    authors: list[str]
    outlet: str | None
    date: str | None
    named: bool = True
    # Other speakers or authors the same words are given to elsewhere in the library.
    also_attributed: list[dict] = field(default_factory=list)

    @property
    def who(self) -> str:
        """The speaker as shown: the resolved full name when there is one."""
        return self.speaker_entity or self.speaker

    @property
    def head(self) -> str | None:
        """An unnamed or collective speaker's head noun ("official" for "a senior defence official", "minister"
        for "The Ministers"); None for a named person or body (their name is ``speaker_entity``)."""
        return None if self.named else speaker_head(self.speaker)

    def to_json(self) -> dict:
        return {
            "speaker": self.speaker,
            "speaker_entity": self.speaker_entity,
            "named": self.named,
            "head": self.head,
            "role": self.role,
            "kind": self.kind,
            "text": self.text,
            "source_id": self.source_id,
            "passage_id": self.passage_id,
            "title": self.title,
            "authors": list(self.authors),
            "outlet": self.outlet,
            "date": self.date,
            "start": self.start,
            "end": self.end,
            "also_attributed": list(self.also_attributed),
        }

    @property
    def citation(self) -> str:
        return statement_citation(self)


_HEAD_CUT = re.compile(r",|\s(?:of|from|in|at|who|whose|with|involved|on|for|close to|familiar with)\s", re.I)


def speaker_head(speaker: str) -> str | None:
    """The head noun of a speaker phrase, singular and lower case ("two people involved in the talks" ->
    "people", "French and Italian officials" -> "official")."""
    words = re.findall(r"[\w’'-]+", _HEAD_CUT.split(" " + speaker + " ", maxsplit=1)[0].lower())
    if not words:
        return None
    w = words[-1]
    if w in ("people", "police", "press", "staff"):
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    return w[:-1] if w.endswith("s") and not w.endswith("ss") else w


def statement_citation(st: Statement) -> str:
    """`Jens Stoltenberg, NATO Secretary General, quoted in Author, “Title”, Outlet, date` (reported speech:
    "reported in")."""
    who = st.who
    if st.role and st.role.lower() not in who.lower():
        who += f", {st.role}"
    parts = [join_names(st.authors), f"“{st.title}”"]
    if st.outlet:
        parts.append(st.outlet)
    if d := human_date(st.date):
        parts.append(d)
    verb = "quoted in" if st.kind == "direct" else "reported in"
    return f"{who}, {verb} {', '.join(parts)}"


def format_statement(st: Statement, fmt: str = "markdown") -> str:
    """The statement's words and whose they are, ready to paste."""
    if fmt == "markdown":
        block = "\n".join("> " + line if line else ">" for line in f"“{st.text}”".split("\n"))
        return f"{block}\n\n— {st.citation}"
    return f"“{st.text}” — {st.citation}"


def _statement(lib, row: tuple, cat: dict) -> Statement | None:
    sid, pid, start, end, speaker, _key, named, direct, entity, role, _norm = row
    src = cat.get(sid)
    full = lib.source(sid)
    if src is None or full is None:
        return None
    return Statement(
        speaker, entity, role, "direct" if direct else "reported", full.text[start:end], sid, pid, start, end,
        src.title, list(src.authors), src.outlet, src.date, bool(named),
    )  # fmt: skip


_PARTICLE = re.compile(r"^(?:al|el|ul|ar|as|ad|an|bin|ibn|abu|bint|de|van|von|le|la|da|di)-(?=\w)")


def _tokens(key: str) -> list[str]:
    """A name key's words, each particle-joined surname also without its particle ("al-fatlawi" -> "fatlawi")."""
    toks = key.split()
    return toks + [_PARTICLE.sub("", t) for t in toks if _PARTICLE.match(t)]


def _given_names_fit(qk: str, toks: list[str]) -> bool:
    """Whether a typed full name's other words ("ingrid" in "ingrid halvorsen") are in a stored name of two or
    more words, allowing typos: "Ingrid Halvorsen" is not "Anders Halvorsen" nor "A spokesman for Anders
    Halvorsen" (a surname alone matches either: it names nobody in particular). Titles typed are not names."""
    from .speech.words import TITLE_WORDS

    given = [w for w in qk.split()[:-1] if w not in TITLE_WORDS and len(w) > 1]
    if not given or len(toks) < 2:
        return True
    return all(max((fuzz.ratio(w, t) for t in toks), default=0) >= 80 for w in given)


def scored_speakers(lib, name: str, cutoff: float = 80) -> list[tuple[float, str]]:
    """(score, speaker name as stored) for the names a typed name means, best first. 200: the name, a word of
    it or its surname without the particle ("Fatlawi" for "Ali al-Fatlawi"); 150: the first letters of one of
    its words; below: a fuzzy match (typos), kept only when no name matched better than fuzzily, and only the
    ones close to the best (a shared "al-" makes "al-Abbasi" look like "al-Sudani")."""
    q = " ".join(name.split())
    if not q:
        return []
    qk = name_key(q)
    if not qk.split():
        return []  # no letter or digit in it ("?", "[/]", an emoji): it names nobody
    names = lib.store().speaker_names()
    qks = {qk, _PARTICLE.sub("", qk)}
    scored = []
    for n in names:
        nk = name_key(n)
        toks = _tokens(nk)
        if qk == nk or qks & set(toks) or (len(qk) > 3 and nk.endswith(" " + qk)):
            scored.append((200.0, n))
            continue
        if len(qk) >= 2 and any(t.startswith(k) for t in toks for k in qks):
            scored.append((150.0, n))  # typing a name: its first letters already find it
            continue
        # A typo'd surname ("Stoltenburg", "Marroto"): the last word typed must be close to one of the name's.
        last = _PARTICLE.sub("", qk.split()[-1])
        close = max((fuzz.ratio(last, t) for t in toks if len(t) > 3), default=0)
        s = max(fuzz.WRatio(q, n, processor=utils.default_process), close)
        if s >= cutoff and close >= cutoff and _given_names_fit(qk, toks):
            scored.append((s, n))
    scored.sort(key=lambda t: (-t[0], t[1]))
    if scored and scored[0][0] >= 150:
        return [x for x in scored if x[0] >= 150]
    return [x for x in scored if x[0] >= scored[0][0] - 6] if scored else []


def matching_speakers(lib, name: str, cutoff: float = 80) -> list[str]:
    """Speaker names (as stored, written or resolved) that a typed name means, best first (typos allowed)."""
    return [n for _s, n in scored_speakers(lib, name, cutoff)]


def statements(
    lib, name: str | None = None, *, source_id: str | None = None, limit: int | None = None,
    flag_twins: bool = True,
) -> list[Statement]:  # fmt: skip
    """Statements: all, or one speaker's (``name`` fuzzy: the best-matching speaker's first), or one source's;
    newest article first within each."""
    names = None
    rank: dict[str, float] = {}
    if name:
        scored = scored_speakers(lib, name)
        if not scored:
            return []
        names = [n for _s, n in scored]
        rank = {n: sc for sc, n in scored}
    cat = lib.store().catalog()
    rows = lib.store().statement_rows(names, source_id)
    out = [s for r in rows if (s := _statement(lib, r, cat)) is not None]
    order = {}
    for n, sid in enumerate(cat):
        order[sid] = n
    out.sort(key=lambda s: (s.date or "", -order.get(s.source_id, 0), -s.start), reverse=True)
    if rank:
        out.sort(key=lambda s: -max(rank.get(s.speaker, 0.0), rank.get(s.speaker_entity or "", 0.0)))
    if limit is not None:
        out = out[: max(0, limit)]
    if flag_twins:
        flag_same_words(lib, out, authored=len(out) <= 50)
    return out


def flag_same_words(lib, stmts: list[Statement], *, authored: bool = True) -> None:
    """Mark statements whose words the library also gives to another speaker, or prints as another
    author's own prose (a passage with the same words in a source by different authors)."""
    store = lib.store()
    cat = store.catalog()
    for st in stmts:
        key = words_key(st.text)
        if not key:
            continue
        seen: set[str] = set()
        for sid, speaker, entity in store.statements_with_words(key):
            other = entity or speaker
            if name_key(other) != name_key(st.who) and other not in seen:
                seen.add(other)
                src = cat.get(sid)
                st.also_attributed.append(
                    {"speaker": other, "source_id": sid, "title": src.title if src else None}
                )
        for sid, authors in _authored_twins(lib, st) if authored else ():
            label = join_names(authors)
            if label not in seen:
                seen.add(label)
                src = cat.get(sid)
                st.also_attributed.append(
                    {"author": label, "source_id": sid, "title": src.title if src else None}
                )


def _authored_twins(lib, st: Statement) -> list[tuple[str, list[str]]]:
    """Sources by other authors whose own prose (outside any statement) has the same words."""
    words = re.findall(r"\w+", st.text.casefold())
    if len(words) < 8:
        return []
    phrase = " ".join(words)
    res = lib.search(f'"{" ".join(words[:12])}"', limit=10)
    out = []
    for h in res.hits:
        if phrase not in " ".join(re.findall(r"\w+", h.text.casefold())):
            continue
        if h.source_id == st.source_id:
            continue
        if any(sid == h.source_id for sid, _s, _e in lib.store().statements_with_words(words_key(st.text))):
            continue  # the same words there are a statement too (flagged above, by speaker)
        if list(h.authors) != list(st.authors):
            out.append((h.source_id, list(h.authors)))
    return out


def same_words_elsewhere(lib, source_id: str, start: int, end: int) -> list[dict]:
    """The flags of the statement at this span (see :func:`flag_same_words`): the other speakers and authors the
    library gives its words to. [] when there is none, or no named statement there."""
    st = statement_at(lib, source_id, start, end)
    if st is None:
        return []
    flag_same_words(lib, [st])
    return st.also_attributed


def same_words_note(twins: list[dict]) -> str:
    """The flags as one line: "! the same words are also given to X in “Title”; …"."""
    if not twins:
        return ""
    parts = [f"{t.get('speaker') or t.get('author')} in “{t.get('title')}”" for t in twins]
    return "! the same words are also given to " + "; ".join(parts)


def statement_at(lib, source_id: str, start: int, end: int) -> Statement | None:
    """The named statement whose words are exactly (or nearly: a mark or a comma) this span, if any."""
    cat = lib.store().catalog()
    for r in lib.store().statements_within(source_id, start, end):
        if r[2] <= start + 2 and r[3] >= end - 2 and (s := _statement(lib, r, cat)) is not None:
            return s
    return None


def statements_inside(lib, source_id: str, start: int, end: int, *, direct: bool = False) -> list[Statement]:
    """Named statements inside a span of a source (a passage), in text order, one per speaker."""
    cat = lib.store().catalog()
    out: list[Statement] = []
    for r in lib.store().statements_within(source_id, start, end, direct=direct):
        s = _statement(lib, r, cat)
        if s is not None and all(o.who != s.who for o in out):
            out.append(s)
    return out
