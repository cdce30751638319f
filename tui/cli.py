"""The ``nato-brief`` command: with no arguments it opens the TUI; subcommands are thin layers over ``search``."""

from __future__ import annotations

import argparse
import sys

from nato_brief.search.errors import EXIT_NOTHING_FOUND, EXIT_OK, EXIT_USAGE, BriefError

from . import output as out


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="nato-brief",
        description="Search scraped articles on NATO, ISIS and Iraq, look up who said what, and build briefs "
        "of cited verbatim quotes. With no command, opens the terminal app.",
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    s = sub.add_parser("search", help="ranked passages for a query", description="Ranked passages (BM25F). "
                       "Words match passage text, titles, authors, outlets and speakers; when no passage has "
                       "every word, the closest matches are shown with the words each lacks; unknown words are "
                       "corrected. Query syntax: words, \"a phrase\", OR, NOT or -word, author:NAME, "
                       "outlet:NAME, year:YYYY, date:2020-01..2021-06, speaker:NAME, title:WORD.")  # fmt: skip
    s.add_argument("query", nargs="+", help="the query")
    s.add_argument("--author", help="only passages by this author")
    s.add_argument("--outlet", help="only passages from this outlet")
    s.add_argument("--year", help="only passages from this year")
    s.add_argument("--limit", type=int, default=10, help="how many passages (default 10)")
    s.add_argument("--explain", action="store_true", help="print the parsed query and alias expansion")
    s.add_argument("--exact", action="store_true", help="do not expand entity aliases or word families")
    s.add_argument("--no-correct", action="store_true",
                   help="search the words as typed (no typo correction; quoting a word does the same)")  # fmt: skip
    s.add_argument("--date", help="only sources dated in this range: 2020, 2020-01..2021-06, ..2019, 2021..")
    s.add_argument("--sort", choices=["relevance", "date"], default="relevance",
                   help="order: relevance (default) or date (newest first, undated last)")  # fmt: skip
    s.add_argument("--json", action="store_true", help="print JSON")

    w = sub.add_parser(
        "who",
        help="fuzzy look-up of people, organisations and operations",
        description="Typo-tolerant entity look-up: 'Stoltenburg', 'inherent resolv', 'bagdadi'.",
    )
    w.add_argument("name", nargs="+")
    w.add_argument("--limit", type=int, default=5)
    w.add_argument("--json", action="store_true")

    sd = sub.add_parser(
        "said",
        help="quoted and reported statements inside the articles, by speaker",
        description="Who said what inside the articles: direct quotes and reported speech, each with its "
        "speaker (as written and as resolved), role, kind and the article it appears in. NAME is fuzzy "
        "('Stoltenburg'). Words the library also gives to another speaker or author are flagged.",
    )
    sd.add_argument("name", nargs="*", help="the speaker (omit for every statement)")
    sd.add_argument("--source", help="only statements inside this source (an id from 'sources')")
    sd.add_argument("--limit", type=int, default=None, help="at most this many statements")
    sd.add_argument("--json", action="store_true", help="print JSON")

    c = sub.add_parser("compare", help="passages on a topic, one column per author")
    c.add_argument("topic", nargs="+")
    c.add_argument("--author", action="append", default=[], help="show this author (repeatable)")
    c.add_argument("--limit", type=int, default=3, help="passages per author")
    c.add_argument("--json", action="store_true")

    b = sub.add_parser("brief", help="a briefing made of cited verbatim quotes")
    b.add_argument("question", nargs="+")
    b.add_argument("--markdown", action="store_true", help="print the briefing as Markdown")
    b.add_argument("--json", action="store_true")

    q = sub.add_parser("quote", help="format passages as quotes with citations")
    q.add_argument("passage_ids", nargs="+", metavar="PASSAGE_ID")
    q.add_argument("--format", choices=["markdown", "plain"], default="markdown")
    q.add_argument("--copy", action="store_true", help="also copy to the clipboard (OSC 52 and system tools)")
    q.add_argument("--json", action="store_true")

    so = sub.add_parser("sources", help="the library's sources and their metadata")
    so.add_argument("--json", action="store_true")

    a = sub.add_parser("add", help="add documents (.txt, .md, .html files, or http(s) addresses to fetch)")
    a.add_argument("paths", nargs="+", metavar="PATH|URL", help="a file, or an http(s) address to fetch")
    a.add_argument("--title")
    a.add_argument("--author", action="append", default=[], help="author (repeatable); overrides detection")
    a.add_argument("--date", help="YYYY-MM-DD")
    a.add_argument("--outlet")
    a.add_argument("--url")
    a.add_argument("--replace", action="store_true",
                   help="when the same text is already in the library (added before under any file name), "
                   "replace that copy, its file name and metadata with this one; without it nothing changes")  # fmt: skip
    a.add_argument("--json", action="store_true")

    i = sub.add_parser("index", help="(re)build the index")
    i.add_argument("--rebuild", action="store_true", help="rebuild from scratch")
    i.add_argument("--json", action="store_true")
    return p


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    if not argv:
        from .app import run_app

        return run_app()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:
        return int(e.code or 0) if e.code in (0, None) else EXIT_USAGE
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    from . import commands

    try:
        return getattr(commands, "cmd_" + args.command)(args)
    except BriefError as e:
        out.err(f"nato-brief: {e.title}: {e.message}")
        return e.exit_code
    except KeyboardInterrupt:
        out.err("nato-brief: interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_OK


def exit_for(found: bool) -> int:
    return EXIT_OK if found else EXIT_NOTHING_FOUND


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
