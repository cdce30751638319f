"""Read-only still reads: with a home that cannot be written (read-only, full), reading commands and the TUI
work and only writes fail, with a message saying why.

As root, permissions do not stop writes, so the home is made read-only (or put on a full tmpfs) inside a
private mount namespace of the command (``unshare -m``); as another user, ``chmod -R a-w`` does it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
IS_ROOT = os.geteuid() == 0


def _can_unshare() -> bool:
    if not IS_ROOT or shutil.which("unshare") is None:
        return False
    r = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    return r.returncode == 0


pytestmark = pytest.mark.skipif(IS_ROOT and not _can_unshare(), reason="root without mount namespaces")

# Runs "$@" with $H read-only (bind mount) or on a nearly full tmpfs holding a copy of it.
_READ_ONLY = 'mount --bind "$H" "$H" && mount -o remount,ro,bind "$H" && exec "$@"'
_FULL = (
    'mount -t tmpfs -o size=$SIZE tmpfs "$F" && cp -a "$H/." "$F/" && '
    '(dd if=/dev/zero of="$F/filler" bs=4096 2>/dev/null; true) && exec "$@"'
)


def _run(home: Path, args: list[str], mode: str = "ro", timeout: float = 120, tmp: Path | None = None):
    env = {**os.environ, "NATO_BRIEF_HOME": str(home), "TEXTUAL_ANIMATIONS": "none"}
    if not IS_ROOT:
        if mode == "full":
            pytest.skip("a full disk needs a tmpfs (root)")
        subprocess.run(["chmod", "-R", "a-w", str(home)], check=True)
        try:
            return subprocess.run(args, capture_output=True, text=True, env=env, timeout=timeout, cwd=ROOT)
        finally:
            subprocess.run(["chmod", "-R", "u+w", str(home)], check=True)
    if mode == "ro":
        env["H"] = str(home)
        script = _READ_ONLY
    else:
        assert tmp is not None
        import tempfile

        full = Path(tempfile.mkdtemp(prefix="full-", dir=tmp))
        size = sum(p.stat().st_size for p in home.rglob("*") if p.is_file()) + 8 * 1024 * 1024
        env.update(H=str(home), F=str(full), SIZE=str(size), NATO_BRIEF_HOME=str(full))
        script = _FULL
    return subprocess.run(["unshare", "-m", "sh", "-c", script, "sh", *args], capture_output=True, text=True,
                          env=env, timeout=timeout, cwd=ROOT)  # fmt: skip


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "nato_brief.tui.cli", *args]


@pytest.fixture
def with_added(seeded, tmp_path):
    """The seed library plus one added document (so documents/ exists too)."""
    f = tmp_path / "crossing.txt"
    f.write_text(
        "Crossing Reopens\n\nby Rana Haddad\n\nApril 9, 2022\n\nOfficials in Rabia said the reopened crossing "
        "handled more trucks in its first week than in the whole of the previous month.\n",
        encoding="utf-8",
    )
    r = subprocess.run(_cli("add", str(f)), capture_output=True, text=True, cwd=ROOT,
                       env={**os.environ, "NATO_BRIEF_HOME": str(seeded)}, timeout=120)  # fmt: skip
    assert r.returncode == 0, r.stderr
    return seeded


READS = [
    ("search", ["search", "Stoltenberg", "--json"]),
    ("search-added", ["search", "Rabia crossing", "--json"]),
    ("who", ["who", "Stoltenburg", "--json"]),
    ("brief", ["brief", "What did Levitt say about detainees?", "--json"]),
    ("sources", ["sources", "--json"]),
]


@pytest.mark.parametrize("mode", ["ro", "full"])
@pytest.mark.parametrize("name,args", READS, ids=[n for n, _ in READS])
def test_reading_commands_work(with_added, tmp_path, mode, name, args):
    r = _run(with_added, _cli(*args), mode, tmp=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    out = json.loads(r.stdout)
    assert out if isinstance(out, list) else (out.get("total") or out.get("matches") or out.get("answered"))
    assert "rebuil" not in r.stderr and "damaged" not in r.stderr  # read-only is not damage


@pytest.mark.parametrize("mode", ["ro", "full"])
def test_writes_fail_with_a_message_saying_why(with_added, tmp_path, mode):
    f = tmp_path / "new.txt"
    f.write_text("Another Report\n\nby Sam Wells\n\n" + "The convoy reached Erbil before dawn. " * 40)
    r = _run(with_added, _cli("add", str(f)), mode, tmp=tmp_path)
    assert r.returncode == 4, r.stderr
    assert "Traceback" not in r.stderr
    why = "read-only" if mode == "ro" and IS_ROOT else ("No space" if mode == "full" else "ermission")
    assert "Cannot write to" in r.stderr and why.lower() in r.stderr.lower(), r.stderr
    r = _run(with_added, _cli("index", "--rebuild"), mode, tmp=tmp_path)
    assert r.returncode == 4 and "Cannot write to" in r.stderr and "Traceback" not in r.stderr, r.stderr


def test_a_read_only_home_without_an_index_builds_one_for_the_session(tmp_path):
    home = tmp_path / "empty-home"
    home.mkdir()
    r = _run(home, _cli("search", "Stoltenberg", "--json"))
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["total"] >= 1
    assert "Cannot write to" in r.stderr and "for this session" in r.stderr


TUI_SCRIPT = textwrap.dedent(
    """
    import asyncio, json
    from nato_brief.tui.app import make_app

    async def main():
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(400):
                await pilot.pause(0.05)
                if app.lib is not None and not app.query_one("#status").render().plain.startswith("Opening"):
                    break
            box = app.query_one("#search")
            box.focus()
            for ch in "Stoltenberg":
                await pilot.press(ch)
            for _ in range(200):
                await pilot.pause(0.05)
                await app.workers.wait_for_complete()
                if app.last_result is not None and app.last_result.query == "Stoltenberg":
                    break
            status = app.query_one("#status").render().plain
            res = app.last_result
            print(json.dumps({"status": status, "hits": len(res.hits) if res else 0}))

    asyncio.run(main())
    """
)


def test_the_tui_opens_and_searches(with_added, tmp_path):
    script = tmp_path / "tui_ro.py"
    script.write_text(TUI_SCRIPT)
    r = _run(with_added, [sys.executable, str(script)], timeout=180)
    assert r.returncode == 0, r.stderr[-2000:]
    out = json.loads(r.stdout.strip().splitlines()[-1])
    assert out["hits"] >= 1 and "passage" in out["status"], out


@pytest.mark.parametrize("mode", ["ro", "full"])
def test_quote_copy_says_the_file_could_not_be_saved(with_added, tmp_path, mode):
    """`quote --copy` saves a copy under exports/ besides the clipboard routes; on a read-only or full home
    that write fails and the user is told so, with the reason (it said only 'No clipboard route confirmed')."""
    r = _run(with_added, _cli("quote", "73af31434c.2", "--copy"), mode, tmp=tmp_path)
    assert r.returncode == 0, r.stderr
    said = (r.stdout + r.stderr).lower()
    assert "not saved to a file" in said and "cannot write under" in said, said
    why = "read-only" if mode == "ro" and IS_ROOT else ("no space" if mode == "full" else "ermission")
    assert why.lower() in said, said
