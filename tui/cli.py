"""The ``nato-brief`` command: with no arguments it opens the TUI; subcommands are thin layers over ``search``."""

from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

from nato_brief.search.errors import EXIT_NOTHING_FOUND, EXIT_OK, EXIT_USAGE, BriefError

from . import output as out


class UsageError(Exception):
    """A command line argparse cannot use; raised instead of argparse's print-and-exit."""

    def __init__(self, parser: argparse.ArgumentParser, message: str) -> None:
        super().__init__(message)
        self.parser = parser
        self.message = message


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is raised (main reports it, as JSON under ``--json``)."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(self, message)


def positive_int(text: str) -> int:
    """A count of 1 or more (``--limit``)."""
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 1 or more")
    return n


def year(text: str) -> str:
    """A four-digit year (``--year 2019``)."""
    if not re.fullmatch(r"\d{4}", text.strip()):
        raise argparse.ArgumentTypeError(f"{text!r} is not a year (use four digits, e.g. 2019)")
    return text.strip()


def date_range(text: str) -> str:
    """A date range for ``search --date``: 2020, 2020-01..2021-06, ..2019, 2021.."""
    from nato_brief.search.engine.parse import parse_date_range

    if parse_date_range(text.strip()) is None:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date range (use 2020, 2020-01..2021-06, ..2019, 2021..)"
        )
    return text.strip()


def iso_date(text: str) -> str:
    """A date, stored as YYYY-MM-DD (``--date``)."""
    from nato_brief.search.ingest import normalise_date

    date = normalise_date(text)
    if date is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (use YYYY-MM-DD)")
    return date


def web_url(text: str) -> str:
    """An http(s) address (``--url``): anything else would be shown and written into citations as a link."""
    from nato_brief.search.ingest.metadata import web_address
    from nato_brief.search.text import clean_line

    url = web_address(clean_line(text))
    if url is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not an http:// or https:// address")
    return url


JSON_HELP = 'print JSON (an error too: {"error": {"code", "message"}})'


def build_parser() -> argparse.ArgumentParser:
    p = Parser(
        prog="nato-brief",
        description="Search scraped articles on NATO, ISIS and Iraq, look up who said what, and build briefs "
        "of cited verbatim quotes. With no command, opens the terminal app (it needs a terminal).",
        epilog="Reference: docs/cli.md. Everything the program writes lives under NATO_BRIEF_HOME.",
    )
    from nato_brief.search import __version__

    p.add_argument("--version", action="version", version=f"nato-brief {__version__}",
                   help="print the version and exit")  # fmt: skip
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    s = sub.add_parser("search", help="ranked passages for a query", description="Ranked passages (BM25F). "
                       "Words match passage text, titles, authors, outlets and speakers; when no passage has "
                       "every word, the closest matches are shown with the words each lacks; unknown words are "
                       "corrected. Query syntax: words, \"a phrase\", OR, NOT or -word, author:NAME, "
                       "outlet:NAME, year:YYYY, date:2020-01..2021-06, speaker:NAME, title:WORD.")  # fmt: skip
    s.add_argument("query", nargs="+", help='the query (words, "phrases", OR, NOT, field:value)')
    s.add_argument("--author", help="only passages by this author")
    s.add_argument("--outlet", help="only passages from this outlet")
    s.add_argument("--year", type=year, help="only passages from this year (four digits)")
    s.add_argument("--limit", type=positive_int, default=10, help="how many passages (default 10)")
    s.add_argument("--explain", action="store_true", help="print the parsed query and alias expansion")
    s.add_argument("--exact", action="store_true", help="do not expand entity aliases or word families")
    s.add_argument("--no-correct", action="store_true",
                   help="search the words as typed (no typo correction; quoting a word does the same)")  # fmt: skip
    s.add_argument("--date", type=date_range,
                   help="only sources dated in this range: 2020, 2020-01..2021-06, ..2019, 2021..")  # fmt: skip
    s.add_argument("--sort", choices=["relevance", "date"], default="relevance",
                   help="order: relevance (default) or date (newest first, undated last)")  # fmt: skip
    s.add_argument("--json", action="store_true", help=JSON_HELP)

    w = sub.add_parser(
        "who",
        help="fuzzy look-up of people, organisations and operations",
        description="Typo-tolerant entity look-up: 'Stoltenburg', 'inherent resolv', 'bagdadi'.",
    )
    w.add_argument("name", nargs="+", help="a name, typos welcome")
    w.add_argument("--limit", type=positive_int, default=5, help="how many matches (default 5)")
    w.add_argument("--json", action="store_true", help=JSON_HELP)

    sd = sub.add_parser(
        "said",
        help="quoted and reported statements inside the articles, by speaker",
        description="Who said what inside the articles: direct quotes and reported speech, each with its "
        "speaker (as written and as resolved), role, kind and the article it appears in. NAME is fuzzy "
        "('Stoltenburg'). Words the library also gives to another speaker or author are flagged.",
    )
    sd.add_argument("name", nargs="*", help="the speaker (omit for every statement)")
    sd.add_argument("--source", help="only statements inside this source (an id from 'sources')")
    sd.add_argument("--limit", type=positive_int, default=None, help="at most this many statements")
    sd.add_argument("--json", action="store_true", help=JSON_HELP)

    c = sub.add_parser("compare", help="passages on a topic, one column per author",
                       description="The best passages on a topic, grouped by author; identical texts under "
                       "different attributions are flagged in every column they appear in.")  # fmt: skip
    c.add_argument("topic", nargs="+", help="the topic (a search query)")
    c.add_argument("--author", action="append", default=[], help="show this author (repeatable)")
    c.add_argument("--limit", type=positive_int, default=3, help="passages per author (default 3)")
    c.add_argument("--json", action="store_true", help=JSON_HELP)

    b = sub.add_parser("brief", help="a briefing made of cited verbatim quotes",
                       description="Answers a question with verbatim quotes from the library, grouped by author "
                       "(or by speaker when the question names one), each with its citation.")  # fmt: skip
    b.add_argument("question", nargs="+", help="the question, e.g. 'What did Levitt say about detainees?'")
    fmt = b.add_mutually_exclusive_group()
    fmt.add_argument("--markdown", action="store_true",
                     help="print the briefing as Markdown (the default when the output is not a terminal)")  # fmt: skip
    fmt.add_argument("--json", action="store_true", help=JSON_HELP)

    q = sub.add_parser("quote", help="format passages as quotes with citations",
                       description="Each passage as a verbatim quote followed by a citation naming every "
                       "author, the title, and the outlet and date where known. The quote is checked "
                       "against the stored source text first.")  # fmt: skip
    q.add_argument("passage_ids", nargs="+", metavar="PASSAGE_ID", help="passage ids, e.g. 73af31434c.2")
    q.add_argument("--format", choices=["markdown", "plain"], default="markdown",
                   help="markdown (block quotes, the default) or plain text")  # fmt: skip
    q.add_argument("--copy", action="store_true", help="also copy to the clipboard (OSC 52 and system tools)")
    q.add_argument("--json", action="store_true", help=JSON_HELP)

    so = sub.add_parser("sources", help="the library's sources and their metadata",
                        description="Every source in the library: id, authors, title, outlet, date, where it "
                        "came from and how many passages it has.")  # fmt: skip
    so.add_argument("--json", action="store_true", help=JSON_HELP)

    a = sub.add_parser("add", help="add documents (.txt, .md, .html, .pdf, .docx files, or http(s) addresses)",
                       description="Copies documents into the library and indexes them; an http(s) address is "
                       "fetched first. Metadata given here overrides what is found in the text.")  # fmt: skip
    a.add_argument(
        "paths", nargs="+", metavar="PATH|URL", help="a file or folder, or an http(s) address to fetch"
    )
    a.add_argument("--title", help="the title (overrides detection)")
    a.add_argument("--author", action="append", default=[], help="author (repeatable); overrides detection")
    a.add_argument("--date", type=iso_date, help="the publication date, YYYY-MM-DD")
    a.add_argument("--outlet", help="the outlet that published it")
    a.add_argument("--url", type=web_url, help="the address it came from")
    a.add_argument("--replace", action="store_true",
                   help="put this copy in the place of the version added before from the same path or address "
                   "(an edited file: its new text, under a new id) and of the copy that has the same text (its "
                   "file name and metadata; the id stays); without it the same text changes nothing and an "
                   "edited file is added beside the old version")  # fmt: skip
    a.add_argument("--json", action="store_true", help=JSON_HELP)

    r = sub.add_parser("remove", help="take sources out of the library (into a trash)",
                       description="Takes sources out of the library: from search, said, who, compare, brief and "
                       "sources, and from every later rebuild. A source is named by its id (as sources and "
                       "search --json show it), by the path or address it was added from, or by its origin as "
                       "sources shows it. A document of several sources goes as a whole. Removed documents "
                       "wait in a trash until it is emptied: restore brings them back.")  # fmt: skip
    r.add_argument(
        "sources", nargs="*", metavar="SOURCE", help="a source id, or the path or address it was added from"
    )
    r.add_argument("--empty-trash", action="store_true", help="delete the documents in the trash for good")
    r.add_argument("--json", action="store_true", help=JSON_HELP)

    rs = sub.add_parser("restore", help="bring removed sources back from the trash",
                        description="Brings removed sources back from the trash and indexes them again; with no "
                        "SOURCE, lists what the trash holds.")  # fmt: skip
    rs.add_argument(
        "sources", nargs="*", metavar="SOURCE", help="a removed source's id, or where it was added from"
    )
    rs.add_argument("--json", action="store_true", help=JSON_HELP)

    i = sub.add_parser("index", help="(re)build the index",
                       description="Opens the index (building it when missing or outdated) and prints what it "
                       "holds; with --rebuild, builds it again from the documents.")  # fmt: skip
    i.add_argument("--rebuild", action="store_true", help="rebuild from scratch")
    i.add_argument("--json", action="store_true", help=JSON_HELP)
    p.set_defaults(_commands=sub.choices)
    return p


# Commands whose positional arguments are free text (a query or a name): a word there may start with "-".
FREE_TEXT = ("search", "compare", "brief", "who", "said")


def query_words_last(parser: argparse.ArgumentParser, argv: list[str]) -> list[str]:
    """``argv`` with the free-text words of a search, compare or brief after ``--``, so that a word starting
    with "-" that is not one of the command's options is a query word: ``search nato -coalition`` means NOT
    coalition, as it does in the box (argparse took it for an unknown option: a usage error). Options keep
    their values (``--limit 3``), ``--`` keeps its meaning, and an unknown ``--word`` stays an error (a
    mistyped option must not become a search for it)."""
    cmd = next((i for i, a in enumerate(argv) if not a.startswith("-")), None)
    if cmd is None or argv[cmd] not in FREE_TEXT:
        return argv
    sub = parser.get_default("_commands")[argv[cmd]]
    takes = {o: a.nargs != 0 for a in sub._actions for o in a.option_strings}
    opts: list[str] = []
    words: list[str] = []
    rest = argv[cmd + 1 :]
    i = 0
    while i < len(rest):
        a = rest[i]
        if a == "--":
            words += rest[i + 1 :]
            break
        name = a.split("=", 1)[0]
        known = [o for o in takes if o == name] or [
            o for o in takes if name.startswith("--") and len(name) > 2 and o.startswith(name)
        ]
        if len(a) > 1 and a.startswith("-") and (known or a.startswith("--")):
            opts.append(a)
            if known and takes[known[0]] and "=" not in a and i + 1 < len(rest):
                opts.append(rest[i + 1])
                i += 1
        else:
            words.append(a)
        i += 1
    return [*argv[: cmd + 1], *opts, *(["--", *words] if words else [])]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    if not argv:
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            # The app would wait forever for keys that cannot come (it used to spin a CPU doing so).
            out.err("nato-brief: the terminal app needs a terminal (stdin and stdout); without one, use a "
                    "command, e.g. nato-brief search QUERY (nato-brief --help lists them)")  # fmt: skip
            return EXIT_USAGE
        from .app import run_app

        return run_app()
    as_json = any(len(a) > 2 and "--json".startswith(a) for a in argv)  # argparse takes --js too
    try:
        args = parser.parse_args(query_words_last(parser, argv))
    except UsageError as e:
        return _fail(EXIT_USAGE, f"{e.parser.prog}: {e.message}", as_json, usage=e.parser.format_usage())
    except SystemExit as e:  # --help
        return EXIT_OK if e.code in (0, None) else EXIT_USAGE
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    from . import commands

    if args.command == "remove" and bool(args.sources) == bool(args.empty_trash):
        return _fail(EXIT_USAGE, "nato-brief remove: give the SOURCE(s) to remove, or --empty-trash alone",
                     args.json, usage=parser.get_default("_commands")["remove"].format_usage())  # fmt: skip
    try:
        return getattr(commands, "cmd_" + args.command)(args)
    except BriefError as e:
        return _fail(e.exit_code, f"{e.title}: {e.message}", getattr(args, "json", False))
    except KeyboardInterrupt:
        out.err("nato-brief: interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_OK


def _fail(code: int, message: str, as_json: bool, usage: str = "") -> int:
    """Report an error: ``{"error": {"code", "message"}}`` on stdout under --json, else a line on stderr."""
    if as_json:
        out.emit_json({"error": {"code": code, "message": message}})
    else:
        if usage:
            sys.stderr.write(usage)
        out.err(f"nato-brief: {message}" if not message.startswith("nato-brief") else message)
    return code


def exit_for(found: bool) -> int:
    return EXIT_OK if found else EXIT_NOTHING_FOUND


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
