"""Quotes with citations: formatting (Markdown, plain) and the verbatim check every export passes."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date as _date

from . import markdown as md
from .errors import InputError, VerbatimError
from .model import Source


@dataclass(frozen=True)
class QuoteRef:
    """A span of a source's clean text: a whole passage or a sentence range inside one."""

    source_id: str
    passage_id: str
    start: int
    end: int


@dataclass
class Quote:
    ref: QuoteRef
    text: str
    source: Source
    # Whose words these are when they are not the authors' own: the statement's citation ("Jens
    # Stoltenberg, NATO Secretary General, quoted in ..."), or the speakers a passage quotes directly.
    speaker_citation: str | None = None
    speaker: str | None = None  # the statement's speaker as shown (with speaker_citation)
    reported: bool = False  # a reported statement: the article's words about what the speaker said
    quoting: list[str] = field(default_factory=list)
    page: int | None = None  # the page the quoted passage starts on (PDFs)
    # Other sources printing the identical passage under other authors ("Michael Knights, … in “Title”"):
    # said under the citation wherever the quote goes (copy, export, `quote`).
    also_under: list[str] = field(default_factory=list)

    @property
    def citation(self) -> str:
        if self.speaker_citation:
            return self.speaker_citation + (f", p. {self.page}" if self.page is not None else "")
        suffix = f" (quoting {join_names(self.quoting)})" if self.quoting else ""
        return citation(self.source, page=self.page) + suffix


def join_names(names: list[str]) -> str:
    if not names:
        return "Unknown author"
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def meta_line(authors: list[str], outlet: str | None, date: str | None, *, undated: str = "undated") -> str:
    """The one line that names a source: authors · outlet · date (``undated`` when it has no date; pass ""
    to leave the date out)."""
    return " · ".join(x for x in (join_names(authors), outlet or "", date or undated) if x)


def human_date(iso: str | None) -> str | None:
    if not iso:
        return None
    try:
        d = _date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{d.day} {d.strftime('%B')} {d.year}"


def citation(src: Source, *, with_url: bool = True, page: int | None = None) -> str:
    """Every author, the title, outlet and date where known, the page for a paged document, and the URL."""
    parts = [join_names(src.authors), f"“{src.title}”"]
    if src.outlet:
        parts.append(src.outlet)
    if d := human_date(src.date):
        parts.append(d)
    if page is not None:
        parts.append(f"p. {page}")
    text = ", ".join(parts)
    if with_url and src.url:
        text += f". {src.url}"
    return text


def resolve(lib, ref: QuoteRef) -> Quote:
    """Load the quote's text from the stored source and check it is verbatim there."""
    src = lib.source(ref.source_id)
    if src is None:
        raise VerbatimError(f"source {ref.source_id} is no longer in the library")
    if not (0 <= ref.start < ref.end <= len(src.text)):
        raise VerbatimError(f"quote {ref.passage_id} points outside its source's text")
    quote = Quote(ref, src.text[ref.start : ref.end], src, page=page_of(src, ref))
    _whose_words(lib, quote)
    twins = twin_sources(lib, lib.store().duplicates().get(ref.passage_id, []))
    quote.also_under = [f"{t['author']} in “{t['title']}”" for t in twins]
    return quote


def _whose_words(lib, quote: Quote) -> None:
    """A marked statement cites its speaker; a passage keeps its authors but names whom it quotes."""
    from .said import statement_at, statements_inside

    ref = quote.ref
    if (st := statement_at(lib, ref.source_id, ref.start, ref.end)) is not None:
        quote.speaker_citation = st.citation
        quote.speaker = st.who
        quote.reported = st.kind == "reported"
        return
    quote.quoting = [s.who for s in statements_inside(lib, ref.source_id, ref.start, ref.end, direct=True)]


def page_of(src: Source, ref: QuoteRef) -> int | None:
    """The page a quote starts on: its passage's page (None for documents without pages)."""
    return next((p.page for p in src.passages if p.id == ref.passage_id), None)


def verify(lib, quote: Quote) -> None:
    """Raise VerbatimError unless ``quote`` still reads and is cited as the stored source gives it now.

    ``quote`` may have been resolved long before (a quote marked in the TUI): its source is read again, and
    its text must be exactly the stored text at its offsets and its citation (authors, title, outlet, date,
    page, speaker) the one that source gives now. A source whose metadata was corrected meanwhile is refused
    too: copying the citation as it was marked would put the words under the old, wrong attribution.
    """
    ref = quote.ref
    try:
        now = resolve(lib, ref)
    except VerbatimError as e:
        raise VerbatimError(
            f"the quote from {ref.passage_id} cannot be checked: {e.message}; not exported"
        ) from e
    if now.text != quote.text:
        raise VerbatimError(
            f"the quote from {ref.passage_id} does not match its source text any more; not exported"
        )
    if now.citation != quote.citation or list(now.source.authors) != list(quote.source.authors):
        raise VerbatimError(
            f"the citation of {ref.passage_id} changed after it was quoted (now: {now.citation}); not exported"
        )


def ref_for_passage(lib, passage_id: str) -> QuoteRef:
    """A quote of a whole passage by its id (``SOURCEID.N``)."""
    sid = passage_id.rsplit(".", 1)[0]
    ps = lib.store().passages([passage_id])
    p = ps.get(passage_id)
    if p is None or p.source_id != sid:
        raise InputError(f"no passage {passage_id!r} in the library (ids look like 73af31434c.2)")
    return QuoteRef(p.source_id, p.id, p.start, p.end)


def format_quotes(quotes: list[Quote], fmt: str = "markdown", *, sources_list: bool | None = None) -> str:
    """Block quotes (or plain quoted lines) each followed by its citation; a Sources list for several."""
    out: list[str] = []
    for q in quotes:
        # A reported statement is the article's account of what the speaker said: marked as such, never
        # shown as the speaker's quotation (no block quote, no quotation marks).
        by = f"(reported by {join_names(q.source.authors)}: " if q.reported else ""
        twins = f"(identical text also printed under {'; '.join(q.also_under)})" if q.also_under else ""
        if fmt == "markdown":
            body = md.inline(by + " ".join(md.lines_of(q.text)) + ")") if by else md.block_quote(q.text)
            out.append(f"{body}\n\n— {md.inline(q.citation)}" + (f"\n{md.inline(twins)}" if twins else ""))
        else:
            # Plain: the quote's own line breaks are indented, so no line of it can pass for a citation.
            body = "\n  ".join(md.lines_of(q.text))
            out.append((f"{by}{body})\n— {q.citation}" if by else f"“{body}”\n— {q.citation}")
                       + (f"\n{twins}" if twins else ""))  # fmt: skip
    text = "\n\n".join(out)
    distinct = list(OrderedDict((q.source.id, q.source) for q in quotes).values())
    if sources_list is None:
        sources_list = len(quotes) > 1
    if sources_list and distinct:
        head = "## Sources" if fmt == "markdown" else "Sources"
        lines = [f"- {md.inline(citation(s)) if fmt == 'markdown' else citation(s)}" for s in distinct]
        text += f"\n\n{head}\n\n" + "\n".join(lines)
    return text + "\n"


def how_quoted(reported: set[bool]) -> str:
    """How a speaker's heading says the words below are theirs: all quoted, all reported, or both."""
    return (
        "as reported" if reported == {True} else "as quoted and reported" if True in reported else "as quoted"
    )


def format_brief(quotes: list[Quote], title: str = "Brief") -> str:
    """A Markdown brief: quotes grouped by whose words they are (in first-marked order): a statement under its
    speaker ("Jens Stoltenberg (as quoted)", "(as reported)", as ``brief --markdown`` heads it; a reported
    statement marked "(reported by Author: …)"), a passage under its authors;
    then the sources."""
    groups: OrderedDict[tuple[str, bool], list[Quote]] = OrderedDict()
    for q in quotes:
        key = (q.speaker, True) if q.speaker else (join_names(q.source.authors), False)
        groups.setdefault(key, []).append(q)
    parts = [f"# {md.inline(title)}", ""]
    for (who, speaker), qs in groups.items():
        if speaker:
            who = f"{who} ({how_quoted({q.reported for q in qs})})"
        parts.append(f"## {md.inline(who)}")
        parts.append("")
        parts.append(format_quotes(qs, "markdown", sources_list=False).rstrip())
        parts.append("")
    distinct = list(OrderedDict((q.source.id, q.source) for q in quotes).values())
    parts.append("## Sources")
    parts.append("")
    parts += [f"- {md.inline(citation(s))}" for s in distinct]
    return "\n".join(parts) + "\n"


def twin_sources(lib, duplicate_of: list[str]) -> list[dict]:
    """The sources whose passages have the identical text (``duplicate_of``: their passage ids), as a quote's
    ``also_attributed`` flags: the same words printed under other authors must be said wherever the words are
    cited (a seed prints one paragraph under two entries)."""
    cat = lib.store().catalog() if duplicate_of else {}
    out = []
    for pid in duplicate_of:
        src = cat.get(pid.rsplit(".", 1)[0])
        if src is not None:
            out.append({"author": join_names(src.authors) or "Unknown author", "source_id": src.id,
                        "title": src.title})  # fmt: skip
    return out
