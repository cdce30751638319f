"""Printing for the command line: JSON, plain text when piped, Rich tables on a terminal.

Document text is data: it is printed with markup, emoji and highlighting off, never wrapped, and passed
through the sanitiser once more so no escape sequence reaches a terminal or a pipe.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from nato_brief.search.text import sanitize


def clean(value: Any) -> Any:
    """Sanitise every string inside ``value`` (JSON payloads included)."""
    if isinstance(value, str):
        return sanitize(value)
    if isinstance(value, list):
        return [clean(v) for v in value]
    if isinstance(value, tuple):
        return [clean(v) for v in value]
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    return value


def emit_json(payload: Any) -> None:
    sys.stdout.write(json.dumps(clean(payload), ensure_ascii=False, indent=2) + "\n")
    sys.stdout.flush()


def is_terminal() -> bool:
    return sys.stdout.isatty()


def console(stderr: bool = False):
    from rich.console import Console

    return Console(
        stderr=stderr, soft_wrap=True, markup=False, emoji=False, highlight=False, force_terminal=None
    )


def plain(line: str = "") -> None:
    sys.stdout.write(sanitize(line) + "\n")


def text_block(text: str, indent: str = "    ") -> None:
    """Document text under a row of plain output: every line indented (also at U+2028, NEL, ...) and tabs
    made spaces, so no line of a document can pass for a row, a header or a citation line."""
    for line in text.splitlines() or [""]:
        plain(indent + line.replace("\t", " "))


def one_line(text: str) -> str:
    """Document text inside a line of plain output: its line breaks and tabs become spaces."""
    return " ".join(text.replace("\t", " ").splitlines())


def err(message: str) -> None:
    sys.stderr.write(sanitize(message) + "\n")
    sys.stderr.flush()
