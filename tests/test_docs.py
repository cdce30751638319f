"""The reference stays in the project and in step with the code: every command and option has help text,
docs/cli.md's generated tables match the code, and the README points only inside the repository."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

from nato_brief.tui import clidoc
from nato_brief.tui.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "cli.md"


def test_every_command_and_option_has_help_text():
    parser = build_parser()
    commands = clidoc._subcommands(parser)
    assert {"search", "who", "said", "compare", "brief", "quote", "sources", "add", "index"} <= set(commands)
    missing = []
    for name, sub in commands.items():
        if not (sub.description or "").strip():
            missing.append(f"{name}: no description")
        for action in sub._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            if not (action.help or "").strip():
                missing.append(f"{name} {clidoc.argument_label(action)}: no help")
    for action in parser._actions:  # the top level: the command list itself
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                if not (choice.help or "").strip():
                    missing.append(f"{choice.dest}: no one-line help in the command list")
    assert not missing, "\n".join(missing)


def test_docs_cli_md_is_in_step_with_the_code():
    text = DOC.read_text(encoding="utf-8")
    assert clidoc.update(text) == text, (
        "docs/cli.md is stale: run python -m nato_brief.tui.clidoc docs/cli.md"
    )
    # and so every command and every option is written there
    for name, sub in clidoc._subcommands(build_parser()).items():
        assert f"### `{name}`" in text
        for action in sub._actions:
            for flag in action.option_strings:
                if flag.startswith("--") and flag != "--help":
                    assert f"`{flag}" in text, f"{name} {flag} is not in docs/cli.md"


def test_clidoc_check_reports_a_stale_page(tmp_path):
    stale = tmp_path / "cli.md"
    stale.write_text(DOC.read_text(encoding="utf-8").replace("| how many passages", "| how many things"))
    r = subprocess.run([sys.executable, "-m", "nato_brief.tui.clidoc", "--check", str(stale)],
                       capture_output=True, text=True)  # fmt: skip
    assert r.returncode == 1 and "stale" in r.stderr
    subprocess.run([sys.executable, "-m", "nato_brief.tui.clidoc", str(stale)], check=True)
    assert stale.read_text(encoding="utf-8") == DOC.read_text(encoding="utf-8")


def test_docs_cover_exit_codes_home_json_errors_and_keys():
    text = DOC.read_text(encoding="utf-8")
    for code in ("| 0 |", "| 1 |", "| 2 |", "| 3 |", "| 4 |"):
        assert code in text
    assert "NATO_BRIEF_HOME" in text and '{"error": {"code"' in text
    for key in ("`/`", "`enter`", "`space`", "`y`", "`escape`", "`?`", "`ctrl+p`", "`ctrl+q`"):
        assert key in text


def test_readme_points_inside_the_repository():
    for page in (ROOT / "README.md", DOC):
        text = page.read_text(encoding="utf-8")
        assert "../shared" not in text and "CONTRACT.md" not in text, page
        for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", text):
            if re.match(r"[a-z]+://", target):
                continue
            resolved = (page.parent / target).resolve()
            assert resolved.is_relative_to(ROOT) and resolved.exists(), f"{page.name} links to {target}"
    assert "docs/cli.md" in (ROOT / "README.md").read_text(encoding="utf-8")
