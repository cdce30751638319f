"""An honest command line (issue 12, item 12): no terminal, bad values and unknown ids are refused with a clear
message and a documented exit code, as a JSON error object under --json; brief --markdown prints Markdown."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "nato_brief.tui.cli"]


def run(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, cwd=ROOT, timeout=120, **kw)


def json_error(r: subprocess.CompletedProcess) -> dict:
    """The JSON error object a failed --json run prints on stdout (and nothing else there)."""
    data = json.loads(r.stdout)
    assert set(data) == {"error"} and isinstance(data["error"]["code"], int), r.stdout
    assert data["error"]["code"] == r.returncode and data["error"]["message"].strip()
    return data["error"]


def test_no_terminal_exits_2_with_a_message(home):
    """Without a terminal the app cannot read keys: it used to spin a CPU forever."""
    t0 = time.monotonic()
    r = subprocess.run(CLI, stdin=subprocess.DEVNULL, capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert r.returncode == 2
    assert "needs a terminal" in r.stderr and "nato-brief search" in r.stderr
    assert r.stdout == "" and time.monotonic() - t0 < 60


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["search", "nato", "--limit", "-3"], ["--limit", "'-3'", "1 or more"]),
        (["search", "nato", "--limit", "0"], ["--limit", "1 or more"]),
        (["search", "nato", "--limit", "many"], ["--limit", "'many'"]),
        (["search", "nato", "--year", "twenty"], ["--year", "'twenty'", "four digits"]),
        (["search", "nato", "--date", "garbage"], ["--date", "'garbage'", "date range"]),
        (["who", "Stoltenberg", "--limit", "-1"], ["--limit"]),
        (["said", "--limit", "-2"], ["--limit"]),
        (["compare", "nato", "--limit", "0"], ["--limit"]),
        (["add", "x.txt", "--date", "2019-13-45"], ["--date", "YYYY-MM-DD"]),
        (["search"], ["required"]),
        (["frobnicate"], ["frobnicate"]),
    ],
)
def test_bad_values_are_usage_errors_exit_2(seeded, args, words):
    r = run(*args)
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert r.stdout == "" and "usage: nato-brief" in r.stderr
    assert all(w in r.stderr for w in words), r.stderr
    r = run(*args, "--json")
    error = json_error(r)
    assert error["code"] == 2 and all(w in error["message"] for w in words), error
    assert r.stderr == ""


def test_brief_json_and_markdown_together_is_a_usage_error(seeded):
    error = json_error(run("brief", "What about Iraq?", "--markdown", "--json"))
    assert error["code"] == 2 and "--markdown" in error["message"] and "--json" in error["message"]


def test_unknown_passage_and_source_ids_exit_3(seeded):
    r = run("quote", "c034740e10.999")
    assert r.returncode == 3 and r.stdout == ""
    assert "no passage 'c034740e10.999'" in r.stderr
    error = json_error(run("quote", "nosuchpassage", "--json"))
    assert error["code"] == 3 and "no passage 'nosuchpassage'" in error["message"]
    error = json_error(run("said", "--source", "nosuchsource", "--json"))
    assert error["code"] == 3 and "nosuchsource" in error["message"]


def _on_a_terminal(*args: str) -> str:
    """Run the CLI with its stdout on a pseudo-terminal; return what it printed there."""
    master, slave = pty.openpty()
    env = {**os.environ, "COLUMNS": "160", "LINES": "50", "TERM": "xterm-256color"}
    p = subprocess.Popen([*CLI, *args], stdin=subprocess.DEVNULL, stdout=slave, stderr=subprocess.DEVNULL,
                         cwd=ROOT, env=env)  # fmt: skip
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # the other end closed
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    assert p.wait(timeout=120) == 0
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def test_brief_markdown_prints_markdown_on_a_terminal_too(seeded):
    question = "What did Levitt say about detainees?"
    md = _on_a_terminal("brief", question, "--markdown")
    lines = md.splitlines()
    assert lines[0] == f"# {question}"
    assert "## Matthew Levitt" in lines
    quotes = [line for line in lines if line.startswith("> ")]
    assert quotes and all(line.startswith("— Matthew Levitt, “") for line in lines if line.startswith("— "))
    assert "\x1b[" not in md  # plain Markdown, no terminal styling
    # without --markdown a terminal gets the readable briefing, not Markdown
    shown = _on_a_terminal("brief", question)
    assert not any(line.startswith(("# ", "> ")) for line in shown.splitlines())
    assert quotes[0][2:40] in shown.replace("\n", " ")
    # piped, the briefing is the same Markdown with or without the flag
    assert run("brief", question).stdout == run("brief", question, "--markdown").stdout == md


def test_brief_speaker_section_is_headed_by_the_speaker_everywhere(seeded):
    """Statements of one speaker are that speaker's words: the section is headed by the speaker (as in the
    Markdown), not by the authors of the articles that report them."""
    question = "What did Stoltenberg say about Iraq?"
    md = run("brief", question, "--markdown").stdout
    assert re.search(r"## Jens Stoltenberg \(as (?:quoted|reported|quoted and reported)\)", md)
    shown = _on_a_terminal("brief", question)
    assert re.search(r"Jens Stoltenberg \(as (?:quoted|reported|quoted and reported)\)", shown)
    assert "(quoting Jens Stoltenberg)" not in shown  # the heading already says whose words they are
