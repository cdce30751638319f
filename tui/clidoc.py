"""The generated parts of docs/cli.md: every command with its arguments (from the argparse tree) and every key
of the terminal app (from the help screen's table), so the reference cannot drift from the code.

    python -m nato_brief.tui.clidoc docs/cli.md          # rewrite the generated blocks in place
    python -m nato_brief.tui.clidoc --check docs/cli.md  # exit 1 when they are stale (a test does this too)
"""

from __future__ import annotations

import argparse
import re
import sys
from functools import partial
from pathlib import Path

BLOCKS = ("commands", "keys")


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    # argparse keeps its tree in underscored attributes; every documentation tool for argparse reads them.
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _arguments(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    return [a for a in parser._actions if not isinstance(a, argparse._HelpAction)]


def _metavar(action: argparse.Action) -> str:
    if action.metavar:
        return str(action.metavar)
    if action.choices:
        return "{" + ",".join(map(str, action.choices)) + "}"
    return action.dest.upper()


def argument_label(action: argparse.Action) -> str:
    """How an argument is written on the command line: ``QUERY ...``, ``--limit LIMIT``, ``--json``."""
    if not action.option_strings:
        name = _metavar(action)
        return f"{name} ..." if action.nargs in ("+", "*") else name
    flag = max(action.option_strings, key=len)
    if action.nargs == 0:
        return flag
    return f"{flag} {_metavar(action)}"


def synopsis(name: str, parser: argparse.ArgumentParser) -> str:
    parts = [f"nato-brief {name}"]
    for a in _arguments(parser):
        label = argument_label(a)
        if a.option_strings:
            label = f"[{label}{' ...' if isinstance(a, argparse._AppendAction) else ''}]"
        elif a.nargs == "*":
            label = f"[{label}]"
        parts.append(label)
    return " ".join(parts)


def _cell(text: str) -> str:
    """Text for a Markdown table cell (a ``|`` would end the cell)."""
    return text.replace("|", "\\|")


def commands_markdown(parser: argparse.ArgumentParser) -> str:
    out: list[str] = []
    for name, sub in _subcommands(parser).items():
        out += [f"### `{name}`", "", f"`{synopsis(name, sub)}`", "", sub.description or "", ""]
        out += ["| argument | meaning |", "|---|---|"]
        for a in _arguments(sub):
            help_text = _cell(a.help or "")
            if a.default not in (None, False, [], argparse.SUPPRESS) and "default" not in help_text:
                help_text += f" (default {a.default})"
            out.append(f"| `{argument_label(a)}` | {help_text} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def keys_markdown() -> str:
    from .screens import HELP

    out: list[str] = []
    for area, keys in HELP:
        out += [f"**{area}**", "", "| key | does |", "|---|---|"]
        out += [f"| `{_cell(k)}` | {_cell(what)} |" for k, what in keys]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def generated() -> dict[str, str]:
    from .cli import build_parser

    return {"commands": commands_markdown(build_parser()), "keys": keys_markdown()}


def _block(name: str) -> re.Pattern[str]:
    return re.compile(rf"(<!-- generated: {name} .*?-->\n)(.*?)(<!-- end generated: {name} -->)", re.S)


def _filled(body: str, m: re.Match[str]) -> str:
    return m.group(1) + "\n" + body + "\n" + m.group(3)


def update(text: str) -> str:
    """``text`` (docs/cli.md) with every generated block rewritten from the code."""
    for name, body in generated().items():
        pattern = _block(name)
        if not pattern.search(text):
            raise ValueError(f"docs/cli.md has no '<!-- generated: {name} ... -->' block")
        text = pattern.sub(partial(_filled, body), text)
    return text


def main(argv: list[str] | None = None) -> int:
    args = argparse.ArgumentParser(prog="python -m nato_brief.tui.clidoc", description=__doc__)
    args.add_argument("path", type=Path, help="docs/cli.md")
    args.add_argument("--check", action="store_true", help="only report whether the file is stale")
    ns = args.parse_args(argv)
    old = ns.path.read_text(encoding="utf-8")
    new = update(old)
    if ns.check:
        if new != old:
            print(f"{ns.path} is stale: run python -m nato_brief.tui.clidoc {ns.path}", file=sys.stderr)
            return 1
        return 0
    ns.path.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
