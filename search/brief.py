"""The briefing assistant: answers made only of verbatim, cited sentences (compare by author: compare.py).

No language model: the question is read for author names and entities, searched, and the most relevant
sentences of each author are picked with diversity. Each quote carries offsets into its source's clean text
and is checked there before it is returned.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from . import markdown as md
from .compare import Column, compare
from .engine.analysis import text_analyzer
from .library import Hit, Library
from .model import sentence_spans
from .names import author_matches
from .own_words import foreign_spans, mostly_foreign
from .query import cap_query
from .question import (
    BriefContext,
    asked_speakers,
    read_follow_up,
    read_question,
    speaker_nouns,
    unresolved_pronoun,
)
from .quotes import citation, how_quoted, join_names, twin_sources
from .said import statements as said_statements
from .statement_topic import nothing_from_them, own_context
from .text import fold

__all__ = ["BriefContext", "Column", "compare", "brief", "export_briefing"]


# --- the briefing ------------------------------------------------------------------------------------


@dataclass
class BriefQuote:
    source_id: str
    passage_id: str
    start: int
    end: int
    text: str
    citation: str
    speaker: str | None = None
    duplicate_of: list[str] = field(default_factory=list)
    also_attributed: list[dict] = field(default_factory=list)  # the same words under another speaker/author
    # A statement's kind: "direct" (the speaker's own quoted words) or "reported" (the article's words about
    # what the speaker said); None for the article authors' own sentences.
    kind: str | None = None
    reporter: str | None = None  # who wrote a reported statement's words: the article's authors (or outlet)

    @property
    def display(self) -> str:
        """The words as a briefing shows them: a reported statement is marked as the article's account,
        never shown as the speaker's quotation."""
        if self.kind == "reported":
            return f"(reported by {self.reporter or 'the article'}: {self.text})"
        return self.text

    def to_json(self) -> dict:
        return {
            "source_id": self.source_id, "passage_id": self.passage_id, "start": self.start, "end": self.end,
            "text": self.text, "citation": self.citation, "speaker": self.speaker, "kind": self.kind,
            "duplicate_of": self.duplicate_of, "also_attributed": self.also_attributed,
        }  # fmt: skip


@dataclass
class BriefSection:
    authors: list[str]
    source_ids: list[str]
    quotes: list[BriefQuote]
    speaker: str | None = (
        None  # a section made of one speaker's statements (the articles' authors in authors)
    )

    @property
    def heading(self) -> str:
        """The speaker for a speaker's statements ("as quoted", "as reported" or both, by their kinds), else
        the authors."""
        if not self.speaker:
            return join_names(self.authors)
        return f"{self.speaker} ({how_quoted({q.kind == 'reported' for q in self.quotes})})"

    def to_json(self) -> dict:
        out = {
            "authors": self.authors,
            "source_ids": self.source_ids,
            "quotes": [q.to_json() for q in self.quotes],
        }
        if self.speaker:
            out["speaker"] = self.speaker
        return out


@dataclass
class Briefing:
    question: str
    answered: bool
    framing: str
    sections: list[BriefSection]
    topic: str = ""
    authors_filter: list[str] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)
    corrected: str | None = None  # the question as read after typo correction
    read_as: str | None = None  # a follow-up as read with the previous question's people or topic filled in

    def to_json(self) -> dict:
        return {
            "question": self.question,
            "corrected": self.corrected,
            "read_as": self.read_as,
            "answered": self.answered,
            "framing": self.framing,
            "topic": self.topic,
            "authors_filter": self.authors_filter,
            "entities": self.entities,
            "sections": [s.to_json() for s in self.sections],
        }

    def to_markdown(self) -> str:
        # The question, names, titles and quoted words are the user's and the documents' text: escaped, so
        # nothing in them renders as a link, HTML or a heading (search/markdown.py).
        lines = [f"# {md.inline(self.question)}", "", md.inline(self.framing), ""]
        for s in self.sections:
            lines += [f"## {md.inline(s.heading)}", ""]
            for q in s.quotes:
                # A reported statement is the article's account, not a quotation: never a block quote.
                lines.append(md.inline(q.display) if q.kind == "reported" else md.block_quote(q.text))
                lines.append("")
                suffix = f" (quoting {q.speaker})" if q.speaker and not s.speaker else ""
                lines.append(f"— {md.inline(q.citation + suffix)}")
                for twin in q.also_attributed:
                    other = twin.get("speaker") or twin.get("author") or ""
                    note = f"(the same words are also given to {other}, “{twin.get('title')}”)"
                    lines.append(f"  {md.inline(note)}")
                lines.append("")
        return "\n".join(lines).rstrip() + "\n"


def export_briefing(lib: Library, b: Briefing) -> Path | None:
    """Write the briefing ``b`` as Markdown under exports/ (``briefing-*.md``), every quote checked against
    its stored source now (VerbatimError when one changed since the answer was shown, or its citation did);
    None when the file could not be written."""
    from .clipboard import save_export
    from .errors import VerbatimError

    lib.reload_if_changed()
    store = lib.store()
    for sec in b.sections:
        for q in sec.quotes:
            src = store.source(q.source_id)
            if src is None or src.text[q.start : q.end] != q.text:
                raise VerbatimError(f"a quote from {q.passage_id} no longer matches its source; not exported")
            passage = next((p for p in src.passages if p.id == q.passage_id), None)
            if sec.speaker is None:  # an author's own sentence: cited as the source gives it now
                if citation(src, page=passage.page if passage else None) != q.citation:
                    raise VerbatimError(f"the source of {q.passage_id} was corrected since; ask again")
    return save_export(b.to_markdown(), paths=lib.paths, stem="briefing")


def _terms(text: str) -> set[str]:
    return {t.text for t in text_analyzer()(text, mode="query")}


def brief(
    lib: Library, question: str, ctx: BriefContext | None = None, per_author: int = 3, max_authors: int = 8
) -> Briefing:
    """A briefing for ``question``; ``answered`` is False when the library does not cover it."""
    question, _cut = cap_query(question)  # before anything else
    asked = question
    question, corrections = lib.correct_text(question)  # "Levit" -> Levitt, "Stoltenburg" -> Stoltenberg
    typed = question
    if refused := unresolved_pronoun(lib, question, ctx):  # "and him?" after a question on a woman
        return Briefing(asked, False, refused, [], corrected=typed if corrections else None)
    question, more = read_follow_up(lib, question, ctx)
    read_as = question if question != typed else None
    topic, authors, ents = read_question(lib, question)
    skip = set(ctx.shown) if ctx is not None and more else set()
    nothing = (
        "Nothing more: every quote the library has on this was shown above."
        if more
        else "The library does not cover this question."
    )
    if read_as:
        nothing = f"Follow-up, read as: {read_as} {nothing}"
    not_covered = Briefing(asked, False, nothing, [], topic, authors, ents, read_as=read_as)
    if ctx is not None:
        # A follow-up answered with nothing more still carries its people ("what else?" then "and him?" read
        # the name as a topic word, and the pronoun's gender went unchecked)
        kept = [n for n in ctx.names if read_as and fold(n) in fold(question)]
        ctx.topic = " ".join(w for w in topic.split() if w not in {x for n in kept for x in fold(n).split()})
        ctx.authors, ctx.names = authors, list(dict.fromkeys([*authors, *kept]))
        if not more:
            ctx.shown = set()
    if not topic.strip() and not authors:
        return not_covered
    bq = lib.build_query(topic or "*", group_or=True)
    needed_terms = _terms(topic)
    # Words of the topic that are entity names count as one concept each, whatever alias a source uses.
    concept_terms: list[set[str]] = []
    covered_words: set[str] = set()
    for phrase, names in bq.expansions:
        concept_terms.append(set().union(*(_terms(n) for n in names)))
        covered_words |= _terms(phrase)
    for t in needed_terms - covered_words:
        concept_terms.append({t})
    required = min(2, len(concept_terms)) if concept_terms else 0
    off_topic: list[tuple[str, int]] = []
    spoken = _speaker_sections(lib, question, topic, ents, per_author + 2, skip, off_topic)
    if (spoken or off_topic) and not authors:
        # "What did Stoltenberg say about X?": his statements first; the articles' own sentences after,
        # on the topic without his name.
        named = {w for sec in spoken for w in fold(sec.speaker or "").split()}
        named |= {w for who, _n in off_topic for w in fold(who).split()}
        topic = " ".join(w for w in topic.split() if w not in named)
    if ctx is not None:
        ctx.topic = topic
        ctx.names = list(authors) + [sec.speaker for sec in spoken if sec.speaker] or ctx.names
    spoken_in: dict[str, list[tuple[int, int]]] = {}
    for sec in spoken:
        for q in sec.quotes:
            spoken_in.setdefault(q.source_id, []).append((q.start, q.end))
    hits: list[Hit] = []
    wanted: list[str | None] = list(authors) or [None]
    for author in wanted:
        res = (
            lib.search(topic, limit=80, group_or=True, author=author)
            if topic
            else lib.search("", limit=40, author=author)
        )
        hits += res.hits
    if not hits and not spoken:
        return not_covered
    quotes_by_author: OrderedDict[tuple[str, ...], list[tuple[float, BriefQuote, set[str]]]] = OrderedDict()
    sources_by_author: dict[tuple[str, ...], list[str]] = {}
    store = lib.store()
    an = text_analyzer()
    foreign: dict[str, list[tuple[int, int]]] = {}  # per source: words that are nobody's own (own_words.py)
    for rank, h in enumerate(hits):
        if authors and not author_matches(authors, h.authors):
            continue
        src = store.source(h.source_id)
        if src is None:
            continue
        passage = next((p for p in src.passages if p.id == h.passage_id), None)
        if passage is None:
            continue
        p_start = passage.start
        speakers = _speakers_in(lib, h.source_id)
        stated = said_statements(lib, source_id=h.source_id, flag_twins=False)
        for s, e in sentence_spans(src.text, p_start, p_start + len(h.text)):
            sent = src.text[s:e]
            if (h.source_id, s, e) in skip:
                continue  # "what else?": not the quotes already shown
            if any(a >= s and b <= e for a, b in spoken_in.get(h.source_id, ())):
                continue  # the statement is in its speaker's section already, with whose words it is
            if len(sent) < 40 or _ELSEWHERE.match(sent):
                continue  # "According to them, …": someone else's words the sentence does not name
            toks = {t.text for t in an(sent, mode="query")}
            hit_concepts = sum(1 for c in concept_terms if c & toks)
            if concept_terms and hit_concepts < required:
                continue
            score = hit_concepts * 2 + h.score / (1 + rank * 0.05) * 0.1
            speaker = next((sp for a, b, sp in speakers if a < e and b > s), None)
            if h.source_id not in foreign:
                foreign[h.source_id] = foreign_spans(src.text, src.authors, src.outlet)
            unnamed = speaker is None and mostly_foreign(foreign[h.source_id], s, e)
            cite = citation(src, page=passage.page)
            bqte = BriefQuote(h.source_id, h.passage_id, s, e, sent, cite, speaker, list(h.duplicate_of),
                              also_attributed=twin_sources(lib, h.duplicate_of))  # fmt: skip
            key = tuple(h.authors) or ("Unknown author",)
            st = next((x for x in stated if x.named and x.start >= s and x.end <= e
                       and (x.end - x.start) * 2 >= e - s), None)  # fmt: skip
            if st is not None and (h.source_id, st.start, st.end) in skip:
                continue
            if st is not None and concept_terms:
                # The statement's own words (or its sentence outside other speakers' statements) must be on the
                # topic, not another speaker's clause beside it: else the sentence stays the article's own.
                st_toks = {t.text for t in an(st.text, mode="query")} | own_context(lib, st)
                if sum(1 for c in concept_terms if c & st_toks) < required:
                    st = None
            if st is not None and any(st.who == who for who, _n in off_topic):
                st = None  # nothing from them on the topic: never one of their statements under their name
            if st is not None:
                # Mostly a statement: it goes under its speaker, with the article as the source.
                key = (_SPEAKER_KEY, st.who)
                bqte = BriefQuote(h.source_id, h.passage_id, st.start, st.end, st.text, st.citation, st.who,
                                  list(h.duplicate_of), kind=st.kind, reporter=_reporter(st),
                                  also_attributed=twin_sources(lib, h.duplicate_of))  # fmt: skip
            elif unnamed:
                continue  # quoted words nobody is named for (or an answer, a post): never the author's own
            quotes_by_author.setdefault(key, []).append((score, bqte, toks))
            sources_by_author.setdefault(key, [])
            if h.source_id not in sources_by_author[key]:
                sources_by_author[key].append(h.source_id)
    sections: list[tuple[float, BriefSection]] = []
    for key, cands in quotes_by_author.items():
        cands.sort(key=lambda c: -c[0])
        picked: list[tuple[float, BriefQuote, set[str]]] = []
        for c in cands:
            if any(_jaccard(c[2], p[2]) > 0.5 or c[1].text == p[1].text for p in picked):
                continue  # diversity: not five near-identical sentences
            picked.append(c)
            if len(picked) >= per_author:
                break
        if picked:
            picked.sort(key=lambda c: (c[1].source_id, c[1].start))
            best = max(c[0] for c in picked)
            qs = [c[1] for c in picked]
            if key[0] == _SPEAKER_KEY:
                if any(sec.speaker == key[1] for sec in spoken):
                    continue  # the question's speaker already has the first section
                who_authors: list[str] = []
                for q in qs:
                    src = store.source(q.source_id)
                    who_authors += [a for a in (src.authors if src else []) if a not in who_authors]
                sec = BriefSection(who_authors, sources_by_author[key], qs, speaker=key[1])
            else:
                sec = BriefSection(list(key), sources_by_author[key], qs)
            sections.append((best, sec))
    nothing_from = nothing_from_them(off_topic)
    if not sections and not spoken:
        if nothing_from:
            not_covered.framing = f"{nothing_from} {not_covered.framing}"
        return not_covered
    sections.sort(key=lambda t: -t[0])
    secs = spoken + [sec for _, sec in sections][: max(1, max_authors - len(spoken))]
    for section in secs:
        for q in section.quotes:
            src = store.source(q.source_id)
            assert src is not None and src.text[q.start : q.end] == q.text, "briefing quote is not verbatim"
    if ctx is not None:
        ctx.shown |= {(q.source_id, q.start, q.end) for sec in secs for q in sec.quotes}
    framing = _framing(lib, secs)
    if nothing_from:
        framing = f"{nothing_from} " + framing
    if corrections:
        framing = f"Showing results for {typed!r}. " + framing
    if read_as:
        framing = f"Follow-up, read as: {read_as} " + framing
    out = Briefing(asked, True, framing, secs, topic, authors, ents, read_as=read_as)
    out.corrected = typed if corrections else None
    return out


_SPEAKER_KEY = "\0speaker"
_ELSEWHERE = re.compile(r"^(?:According to|In the words of)\s+(?:him|her|them|it)\b", re.I)


def _speaker_sections(
    lib: Library, question: str, topic: str, ents: list[str], limit: int, skip: set, off_topic: list
) -> list[BriefSection]:
    """One section per speaker the question names: their statements on the topic, best first. A speaker
    with statements but none on the topic gets no section; (speaker, how many statements) goes to
    ``off_topic`` so the briefing can say the library has nothing from them on it."""
    from .said import flag_same_words, statements

    seen: list[str] = []
    sections: list[BriefSection] = []
    for cand, group in asked_speakers(question, ents):
        # The speaker must be the one asked for: the name as asked, and for a group ("French diplomats") the
        # group's own noun too ("French and German leaders and diplomats" said it; "French soldiers" did not).
        stmts = [s for s in statements(lib, cand, flag_twins=False)
                 if fold(cand) in fold(s.who) and (not group or group in speaker_nouns(s.who))]  # fmt: skip
        if not stmts:
            continue
        # The speaker most often matched; a tie goes to the first in the statements' order (a set's order
        # changed with the interpreter's hash seed: one run named "a NATO diplomat", the next "Several …").
        who = max(dict.fromkeys(s.who for s in stmts), key=lambda w: sum(1 for s in stmts if s.who == w))
        if who in seen:
            continue
        seen.append(who)
        mine = [s for s in stmts if s.who == who and (s.source_id, s.start, s.end) not in skip]
        want = _terms(" ".join(w for w in topic.split() if w not in fold(who).split()))
        # On the topic means the statement's OWN words are on it, or the words of its sentence outside every
        # other speaker's statement ("In Iraq, Stoltenberg said ..."), or the title of the article it is in
        # (the whole article is on the topic); never the rest of the passage, nor another speaker's clause in
        # the same sentence. With no topic ("What did X say?") everything X said.
        scored = [(len(want & _terms(s.text)) or len(want & own_context(lib, s)) or len(want & _terms(s.title)),
                   s) for s in mine]  # fmt: skip
        if want:
            scored = [t for t in scored if t[0] > 0]
            if not scored and mine:
                off_topic.append((who, len(mine)))
        scored.sort(key=lambda t: (-t[0], t[1].date or ""), reverse=False)
        chosen = [s for _, s in scored[:limit]]
        if not chosen:
            continue
        flag_same_words(lib, chosen, authored=False)
        authors: list[str] = []
        sids: list[str] = []
        for s in chosen:
            authors += [a for a in s.authors if a not in authors]
            if s.source_id not in sids:
                sids.append(s.source_id)
        quotes = [
            BriefQuote(s.source_id, s.passage_id, s.start, s.end, s.text, s.citation, who,
                       also_attributed=list(s.also_attributed), kind=s.kind, reporter=_reporter(s))
            for s in chosen
        ]  # fmt: skip
        sections.append(BriefSection(authors, sids, quotes, speaker=who))
    return sections


def _reporter(st) -> str:
    """Whose words a reported statement is: the article's authors, else its outlet."""
    return join_names(st.authors) if st.authors else (st.outlet or "the article")


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _speakers_in(lib: Library, source_id: str) -> list[tuple[int, int, str]]:
    return lib.store().direct_quotes_of(source_id)


def _framing(lib: Library, sections: list[BriefSection]) -> str:
    cat = lib.store().catalog()
    sids = {sid for s in sections for q in s.quotes for sid in [q.source_id]}
    years = sorted({d[:4] for s in sids if s in cat and (d := cat[s].date)})
    n_auth = len({a for s in sections for a in s.authors})
    span = ""
    if years:
        span = f", {years[0]}" if len(years) == 1 else f", {years[0]}–{years[-1]}"
    undated = sum(1 for s in sids if s in cat and not cat[s].date)
    if undated:
        span += f" ({undated} undated)" if span else " (undated)"
    n_src = len(sids)
    reported = any(q.kind == "reported" for s in sections for q in s.quotes)
    note = " Lines marked “reported by” are the article's words about what someone said, not their own."
    return (
        f"Coverage: {n_src} source{'s' if n_src != 1 else ''} by {n_auth} author{'s' if n_auth != 1 else ''}"
        f"{span}. Every line below is a verbatim quote with its citation." + (note if reported else "")
    )
