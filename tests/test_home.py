"""The home folder: modes of what the program creates, leftovers of killed runs, concurrent adds."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

from nato_brief.search.library import Library

ROOT = Path(__file__).resolve().parent.parent


def _doc(title: str, place: str) -> str:
    return (
        f"{title}\n\nby Rana Haddad\n\nApril 9, 2022\n\n"
        f"Officials in {place} said the reopened crossing handled more trucks in its first week than in the "
        f"whole of the previous month. Traders in {place} described shorter queues and fewer informal fees, "
        "though drivers said the inspections still took most of a morning.\n"
    )


def _cli(*args: str, home: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "nato_brief.tui.cli", *args], capture_output=True, text=True,
                          env={**os.environ, "NATO_BRIEF_HOME": str(home)}, timeout=timeout, cwd=ROOT)  # fmt: skip


def test_an_existing_home_keeps_its_mode(tmp_path, monkeypatch):
    """NATO_BRIEF_HOME=/tmp used to make /tmp 0700: a folder the program did not create is not chmodded."""
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    monkeypatch.setenv("NATO_BRIEF_HOME", str(shared))
    Library().open()
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    assert stat.S_IMODE((shared / "index").stat().st_mode) == 0o700


def test_everything_the_program_creates_is_user_only(tmp_path, monkeypatch):
    home = tmp_path / "made" / "by" / "us"
    monkeypatch.setenv("NATO_BRIEF_HOME", str(home))
    old = os.umask(0o022)
    try:
        lib = Library().open()
        f = tmp_path / "crossing.txt"
        f.write_text(_doc("Crossing Reopens", "Rabia"), encoding="utf-8")
        assert lib.add([f]).added
        lib.rebuild()
        from nato_brief.search.clipboard import save_export

        assert save_export("a quote", paths=lib.paths)
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "made").stat().st_mode) == 0o700  # parents it created, too
    loose = []
    for dirpath, dirnames, filenames in os.walk(home):
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            mode = stat.S_IMODE(p.lstat().st_mode)
            if mode & 0o077:
                loose.append(f"{oct(mode)} {p.relative_to(home)}")
    assert not loose, loose


def _dead_pid() -> int:
    """The id of a process that was killed (as a crashed nato-brief would be)."""
    p = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    p.send_signal(signal.SIGKILL)
    p.wait()
    return p.pid


def test_leftovers_of_a_killed_process_are_cleaned_at_next_start(seeded):
    dead = _dead_pid()
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        index, docs = seeded / "index", seeded / "documents"
        docs.mkdir(exist_ok=True)
        gen = index / (index / "CURRENT").read_text().strip()
        left = [
            index / f"tmp-gen-20261201120000-{dead}-123",
            index / f"CURRENT.{dead}",
            docs / f"0123abcd.txt.tmp{dead}",
            docs / f"0123abcd.json.tmp{dead}",
            gen / "postings" / f"MAIN_x.bin.tmp{dead}",
        ]
        kept = [index / f"tmp-gen-20261201120000-{live.pid}-7", docs / f"4567cdef.txt.tmp{live.pid}"]
        for p in left + kept:
            if p.name.startswith("tmp-gen-"):
                (p / "whoosh").mkdir(parents=True)
                (p / "whoosh" / "_MAIN_1.toc").write_bytes(b"half written")
            else:
                p.write_bytes(b"half written")
        r = _cli("search", "NATO", "--json", home=seeded)  # the next start is a plain search
        assert r.returncode == 0, r.stderr
        assert [p for p in left if p.exists()] == []
        assert all(p.exists() for p in kept)  # a running writer's files are its own
        assert json.loads(r.stdout)["total"] >= 1
    finally:
        live.kill()
        live.wait()


def test_an_add_reports_what_it_added_when_another_run_indexed_it_first(seeded, tmp_path, monkeypatch):
    """A second nato-brief that opens while this add is copying indexes the copies it finds; this add
    still reports every document it added, and the other run only its own."""
    import nato_brief.search.documents as L

    mine = []
    for n, place in enumerate(["Zakho", "Sinjar"]):
        f = tmp_path / f"mine{n}.txt"
        f.write_text(_doc(f"Crossing Report {place}", place), encoding="utf-8")
        mine.append(f)
    theirs = tmp_path / "theirs.txt"
    theirs.write_text(_doc("Crossing Report Tal Afar", "Tal Afar"), encoding="utf-8")
    real = L.ingest_document
    calls = []
    other: list[subprocess.CompletedProcess] = []

    def ingest(*a, **kw):
        calls.append(1)
        if len(calls) == 2:  # the first document is copied; another run starts now
            other.append(_cli("add", str(theirs), "--json", home=seeded))
        return real(*a, **kw)

    monkeypatch.setattr(L, "ingest_document", ingest)
    lib = Library().open()
    rep = lib.add(mine)
    assert sorted(s.title for s in rep.added) == ["Crossing Report Sinjar", "Crossing Report Zakho"]
    assert other and other[0].returncode == 0, other[0].stderr
    assert [s["title"] for s in json.loads(other[0].stdout)["added"]] == ["Crossing Report Tal Afar"]


def test_two_concurrent_adds_each_report_exactly_what_they_added(seeded, tmp_path):
    runs = []
    for r in range(2):
        files = []
        for n in range(6):
            place = f"Post{r}x{n}"
            f = tmp_path / f"run{r}-{n}.txt"
            f.write_text(_doc(f"Checkpoint {place}", place), encoding="utf-8")
            files.append(f)
        runs.append(files)
    procs = [subprocess.Popen([sys.executable, "-m", "nato_brief.tui.cli", "add", *map(str, files), "--json"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                              env={**os.environ, "NATO_BRIEF_HOME": str(seeded)}) for files in runs]  # fmt: skip
    outs = [p.communicate(timeout=300) for p in procs]
    for r, (p, (out, err)) in enumerate(zip(procs, outs, strict=True)):
        assert p.returncode == 0, err
        titles = sorted(s["title"] for s in json.loads(out)["added"])
        assert titles == sorted(f"Checkpoint Post{r}x{n}" for n in range(6))
