"""The subcommands: each opens the library, calls ``search``, and prints JSON, plain text or Rich."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from nato_brief.search.errors import EXIT_INPUT, EXIT_NOTHING_FOUND, EXIT_OK
from nato_brief.search.library import Library
from nato_brief.search.query import cap_query
from nato_brief.search.quotes import meta_line

from . import output as out
from .trash_commands import cmd_remove, cmd_restore

__all__ = ["cmd_remove", "cmd_restore"]  # (the other commands are found by name too; these live beside)


def _open(progress: bool = False) -> Library:
    lib = Library()
    if progress and out.is_terminal():
        _with_progress(lambda cb: lib.open(cb))
    else:
        lib.open()
    for n in lib.notices:
        out.err(f"nato-brief: {n}")
    return lib


def _with_progress(run) -> None:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(TextColumn("indexing"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
                  console=out.console(stderr=True), transient=True) as bar:  # fmt: skip
        task = bar.add_task("", total=None)

        def cb(done: int, total: int, what: str) -> None:
            bar.update(task, completed=done, total=total, description=what[-40:])

        run(cb)


# --- sources ------------------------------------------------------------------------------------------
def _outlets(s) -> str:
    """The outlet, and a wire agency or news service credited as well: "The Fairhaven Courier (+ Associated Press)"."""
    extra = [o for o in s.outlets_extra if o != s.outlet]
    return (s.outlet or "") + (f" (+ {', '.join(extra)})" if extra else "")


def cmd_sources(args: argparse.Namespace) -> int:
    lib = _open()
    sources = lib.sources()
    if args.json:
        out.emit_json([s.to_json() for s in sources])
    elif out.is_terminal():
        from rich.table import Table
        from rich.text import Text

        t = Table(title=f"{len(sources)} sources", show_lines=False)
        for col in ("id", "authors", "title", "outlet", "date", "passages"):
            t.add_column(col, overflow="fold")
        for s in sources:
            t.add_row(*(Text(out.clean(v)) for v in (s.id, ", ".join(s.authors) or "—", s.title, _outlets(s) or "—",
                                                      s.date or "—", str(s.to_json()["passages"]))))  # fmt: skip
        out.console().print(t)
    else:
        for s in sources:
            out.plain("\t".join([s.id, "; ".join(s.authors), s.title, _outlets(s), s.date or "", s.origin]))
    return EXIT_OK


# --- search -------------------------------------------------------------------------------------------
def cmd_search(args: argparse.Namespace) -> int:
    lib = _open()
    query = " ".join(args.query)
    if args.date:
        query += f" date:{args.date}"
    res = lib.search(query, limit=args.limit, author=args.author, outlet=args.outlet, year=args.year,
                     exact=args.exact, correct=not args.no_correct, sort=args.sort)  # fmt: skip
    if args.json:
        out.emit_json(res.to_json())
        return EXIT_OK if res.hits else EXIT_NOTHING_FOUND
    for n in res.notices_beside_why():
        out.err(f"nato-brief: {n}")
    if args.explain:
        out.err(f"query: {res.expanded or '(nothing to search)'}")
        for typed, used in res.corrections:
            out.err(f"corrected: {typed} -> {used}")
        for typed, names in res.expansions:
            out.err(f"alias: {typed} -> {' | '.join(names)}")
        for word, forms in res.families:
            out.err(f"family: {word} -> {' | '.join(forms)}")
    if line := res.correction_line():
        out.err(line + " (--no-correct)")
    if not res.hits:
        out.err(res.why or res.unknown_line() or f"No passages match {query!r}.")
        return EXIT_NOTHING_FOUND
    if line := res.partial_line():
        out.err(line)
    if out.is_terminal():
        from rich.panel import Panel
        from rich.text import Text

        con = out.console()
        count = f"{res.total}" if res.total_exact else f"up to {res.total}"
        con.print(Text(f"{count} passages match; showing {len(res.hits)}", style="bold"))
        for h in res.hits:
            body = Text(h.text)
            for a, b in h.highlights:
                body.stylize("bold yellow", a, b)
            if h.missing:
                body.append("\nlacks: " + ", ".join(h.missing), style="dim")
            title = Text(meta_line(h.authors, h.outlet, h.date))
            sub = Text(
                f"{h.title} · {h.passage_id}"
                + (" · identical text also under " + ", ".join(h.duplicate_of) if h.duplicate_of else "")
            )
            con.print(Panel(body, title=title, subtitle=sub, title_align="left", subtitle_align="left"))
    else:
        for h in res.hits:
            lacks = f"\tlacks: {', '.join(h.missing)}" if h.missing else ""
            out.plain(
                f"{h.passage_id}\t{h.score:.3f}\t{meta_line(h.authors, h.outlet, h.date)}\t{h.title}{lacks}"
            )
            out.text_block(h.text)
            out.plain()
    return EXIT_OK


# --- who ----------------------------------------------------------------------------------------------
def cmd_who(args: argparse.Namespace) -> int:
    from nato_brief.search.said import same_words_note

    name, cut = cap_query(" ".join(args.name))
    lib = _open()
    for n in cut:
        out.err(f"nato-brief: {n}")
    matches = lib.entities().lookup(name, limit=args.limit)
    if args.json:
        out.emit_json({"query": name, "matches": [_entity_json(lib, m) for m in matches]})
        return EXIT_OK if matches else EXIT_NOTHING_FOUND
    if not matches:
        out.err(f"No person, organisation or operation close to {name!r}.")
        return EXIT_NOTHING_FOUND
    from nato_brief.search.entity_card import entity_card, mention_context

    if out.is_terminal():
        from rich.panel import Panel
        from rich.text import Text

        con = out.console()
        for m in matches:
            e = m.entity
            card = entity_card(lib, e)
            body = Text()
            body.append(f"{e.kind}", style="bold cyan")
            body.append(f" · match {m.score:.0f}\n")
            if e.aliases:
                body.append("also: " + ", ".join(e.aliases[:10]) + "\n", style="dim")
            if e.authored:
                body.append("wrote: ", style="bold")
                body.append("; ".join(s.title for s in card.authored) + "\n")
            if card.counts:
                body.append("mentioned in:\n", style="bold")
                for src, c in card.sources_by_count(12):
                    body.append(f"  {c}× {meta_line(src.authors, src.outlet, src.date)} — {src.title}\n")
                for sid in list(card.counts)[:6]:
                    mention = next(x for x in e.mentions if x.source_id == sid)
                    body.append(
                        "  … " + mention_context(lib, mention.source_id, mention.start, mention.end) + "\n",
                        style="dim",
                    )
            if card.quotes:
                body.append("quoted as saying:\n", style="bold")
                for q in card.quotes[:8]:
                    mark = "“" + q.text + "”" if q.direct else "(reported) " + q.text
                    src = q.source
                    body.append(
                        f"  {mark}\n    — in {meta_line(src.authors, src.outlet, src.date)}, {src.title}\n"
                    )
                    if q.twins:
                        body.append(f"    {same_words_note(q.twins)}\n", style="bold yellow")
            con.print(Panel(body, title=Text(e.name), title_align="left"))
    else:
        for m in matches:
            e = m.entity
            out.plain(
                f"{e.name}\t{e.kind}\t{m.score:.0f}\t{len(e.mentions)} mentions in {len(e.source_ids)} sources"
            )
            for q in entity_card(lib, e).quotes:
                out.plain(f"  said: {out.one_line(q.text)}\t[{q.ref.source_id}]")
                if q.twins:
                    out.plain(f"    {same_words_note(q.twins)}")
    return EXIT_OK


def cmd_said(args: argparse.Namespace) -> int:
    """Statements by speaker, newest article first."""
    from nato_brief.search.errors import InputError
    from nato_brief.search.said import statements

    lib = _open()
    name = " ".join(args.name).strip() or None
    if args.source and lib.source(args.source) is None:
        raise InputError(f"no source {args.source!r} in the library (see 'nato-brief sources')")
    found = statements(lib, name, source_id=args.source, limit=args.limit)
    if args.json:
        out.emit_json({"query": name, "statements": [s.to_json() for s in found]})
        return EXIT_OK if found else EXIT_NOTHING_FOUND
    if not found:
        out.err(f"No statements by anyone close to {name!r}." if name else "No statements found.")
        return EXIT_NOTHING_FOUND
    for s in found:
        head = s.who + (f" ({s.role})" if s.role else "")
        words = f"“{out.one_line(s.text)}”" if s.kind == "direct" else f"(reported) {out.one_line(s.text)}"
        out.plain(f"{head}: {words}")
        out.plain(f"    — in {meta_line(s.authors, s.outlet, s.date)}, “{s.title}” [{s.passage_id}]")
        for twin in s.also_attributed:
            other = twin.get("speaker") or twin.get("author")
            out.plain(
                f"    ! the same words are also given to {other} in “{twin.get('title')}” [{twin['source_id']}]"
            )
    return EXIT_OK


def _entity_json(lib: Library, m) -> dict:
    from nato_brief.search.entity_card import entity_card

    e = m.entity
    card = entity_card(lib, e)
    return {
        "name": e.name,
        "kind": e.kind,
        "aliases": list(e.aliases),
        "score": round(m.score, 1),
        "mentions": [
            {"source_id": x.source_id, "passage_id": x.passage_id, "start": x.start, "end": x.end}
            for x in e.mentions
        ],
        "sources": [{"source_id": sid, "count": c} for sid, c in card.counts.most_common()],
        "authored": list(e.authored),
        "quoted": [
            {
                "source_id": q.ref.source_id,
                "passage_id": q.ref.passage_id,
                "text": q.text,
                "direct": q.direct,
                "also_attributed": q.twins,
            }
            for q in card.quotes
        ],
    }


# --- compare ------------------------------------------------------------------------------------------
def cmd_compare(args: argparse.Namespace) -> int:
    from nato_brief.search.brief import compare
    from nato_brief.search.names import authors_matching_nobody

    topic, cut = cap_query(" ".join(args.topic))
    lib = _open()
    for n in cut:
        out.err(f"nato-brief: {n}")
    cols = compare(lib, topic, args.author or None, per_author=args.limit)
    every = [a for src in lib.sources() for a in src.authors]
    nobody = authors_matching_nobody(args.author, every) if args.author else []
    said = [f"No author in the library matches {name!r}"
            + (f"; closest: {', '.join(near)}." if near else ".") for name, near in nobody]  # fmt: skip
    if args.json:
        out.emit_json({"topic": topic, "columns": [c.to_json() for c in cols], "notices": said})
        return EXIT_OK if cols else EXIT_NOTHING_FOUND
    for line in said:
        out.err(f"nato-brief: {line}")
    if not cols:
        if not said:
            out.err(f"No passages on {topic!r}" + (" by those authors." if args.author else "."))
        return EXIT_NOTHING_FOUND
    for c in cols:
        out.plain("== " + ", ".join(c.authors))
        for h in c.passages:
            out.plain(
                f"[{h.passage_id}] {h.title}"
                + (f" (identical text also under {', '.join(h.duplicate_of)})" if h.duplicate_of else "")
            )
            out.text_block(h.text)
            out.plain()
    return EXIT_OK


# --- brief --------------------------------------------------------------------------------------------
def cmd_brief(args: argparse.Namespace) -> int:
    from nato_brief.search.brief import brief

    question, cut = cap_query(" ".join(args.question))
    lib = _open()
    for n in cut:
        out.err(f"nato-brief: {n}")
    b = brief(lib, question)
    if args.json:
        out.emit_json(b.to_json())
    elif args.markdown or not out.is_terminal():
        sys.stdout.write(out.clean(b.to_markdown()))
    else:
        from rich.text import Text

        from .render import brief_citation, brief_heading

        con = out.console()
        con.print(Text(b.framing, style="bold"))
        for s in b.sections:
            con.print(Text("\n" + brief_heading(s), style="bold cyan"))
            for q in s.quotes:
                con.print(Text("  " + (q.display if q.kind == "reported" else "“" + q.text + "”")))
                con.print(Text("   " + brief_citation(s, q), style="dim"))
    return EXIT_OK if b.answered else EXIT_NOTHING_FOUND


# --- quote --------------------------------------------------------------------------------------------
def cmd_quote(args: argparse.Namespace) -> int:
    from nato_brief.search.clipboard import copy_text, osc52_sequence
    from nato_brief.search.quotes import format_quotes, ref_for_passage, resolve

    lib = _open()
    quotes = [resolve(lib, ref_for_passage(lib, pid)) for pid in args.passage_ids]  # read from the store now
    text = format_quotes(quotes, args.format)
    if args.json:
        out.emit_json({"format": args.format, "text": text,
                       "quotes": [{"source_id": q.ref.source_id, "passage_id": q.ref.passage_id, "text": q.text,
                                   "citation": q.citation} for q in quotes]})  # fmt: skip
    else:
        sys.stdout.write(out.clean(text))
        sys.stdout.flush()
    if args.copy:

        def osc(t: str) -> None:
            try:
                with open("/dev/tty", "w", encoding="utf-8") as tty:
                    tty.write(osc52_sequence(t))
            except OSError as e:
                raise RuntimeError("no terminal") from e

        rep = copy_text(text, osc52=osc, stem="quote")
        out.err(rep.summary())
    return EXIT_OK


# --- add / index --------------------------------------------------------------------------------------
def cmd_add(args: argparse.Namespace) -> int:
    from nato_brief.search.ingest import Overrides

    ov = Overrides(
        title=args.title, authors=list(args.author), date=args.date, outlet=args.outlet, url=args.url
    )
    lib = _open()
    from nato_brief.search.ingest.web import is_url

    rep = lib.add([p if is_url(p) else Path(p) for p in args.paths], ov, replace=args.replace)
    if args.json:
        out.emit_json(
            {
                "added": [s.to_json() for s in rep.added],
                "already": [{"path": p, **s.to_json()} for p, s in rep.already],
                "errors": [{"path": p, "error": e} for p, e in rep.errors],
                "skipped": [{"path": p, "reason": r} for p, r in rep.skipped],
                "replaced": [{"ids": new, "was": old} for new, old in rep.was.values()],
                "earlier": [{"path": p, "ids": ids} for p, ids in rep.earlier],
            }
        )
    else:
        was = {i: old for new, old in rep.was.values() for i in new if old != new}
        for s in rep.added:
            verb = "replaced" if s.id in rep.replaced else "added"
            now = f"{s.id} (was {', '.join(was[s.id])})" if was.get(s.id) else s.id
            out.plain(f"{verb} {now}\t{'; '.join(s.authors) or '(no author found)'}\t{s.title}")
        for p, ids in rep.earlier:
            out.err(f"nato-brief: {Path(p).name} was added before as {', '.join(ids) or 'a copy'} (another "
                    "text); both are kept: add it with --replace to put the new version in its place")  # fmt: skip
        for p, s in rep.already:
            out.plain(f"already in the library as {s.id} {s.title}\t({Path(p).name}; nothing changed)")
        if rep.already and not args.replace and any((ov.title, ov.authors, ov.date, ov.outlet, ov.url)):
            out.err("nato-brief: to change the title, authors, date, outlet or address of a document already "
                    "in the library, add it again with --replace")  # fmt: skip
        for _p, e in rep.errors:
            out.err(f"nato-brief: not added: {e}")
        if rep.skipped:
            out.err(
                f"nato-brief: skipped {len(rep.skipped)} file(s) in the folder(s) that are not documents:"
            )
            for _p, r in rep.skipped[:20]:
                out.err(f"  {r}")
            if len(rep.skipped) > 20:
                out.err(f"  … and {len(rep.skipped) - 20} more (all of them in --json)")
    if rep.errors:
        return EXIT_INPUT
    return EXIT_OK


def cmd_index(args: argparse.Namespace) -> int:
    lib = Library()
    if args.rebuild:
        if out.is_terminal() and not args.json:
            _with_progress(lambda cb: lib.rebuild(cb))
        else:
            lib.rebuild()
    else:
        if out.is_terminal() and not args.json:
            _with_progress(lambda cb: lib.open(cb))
        else:
            lib.open()
    for n in lib.notices:
        out.err(f"nato-brief: {n}")
    st = lib.store()
    info = {"sources": len(st.catalog()), "passages": st.passage_count(), "entities": len(lib.entities().entities),
            "home": str(lib.paths.home)}  # fmt: skip
    if args.json:
        out.emit_json(info)
    else:
        out.plain(
            f"{info['sources']} sources, {info['passages']} passages, {info['entities']} entities in {info['home']}"
        )
    return EXIT_OK
