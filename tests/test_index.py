"""The index: incremental add, atomic rebuild under kill -9, damage repair, schema stamp, two writers."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from nato_brief.search.errors import LibraryBusy
from nato_brief.search.ingest import Overrides
from nato_brief.search.library import Library, write_lock

DOC = "Basra Port Security\n\nby Ann Other\n\nJune 5, 2021\n\n" + (
    "The Basra port authority described quayside inspections as the quietest success of the mission. " * 4
)


def _cli(*args: str, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "nato_brief.tui.cli", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=timeout, cwd=Path(__file__).parent.parent)  # fmt: skip


def test_home_is_user_only(lib, seeded):
    assert (seeded.stat().st_mode & 0o077) == 0
    assert ((seeded / "index").stat().st_mode & 0o077) == 0


def test_add_indexes_only_that_document_and_overrides(lib, tmp_path):
    f = tmp_path / "basra.txt"
    f.write_text(DOC, encoding="utf-8")
    before = {s.id for s in lib.sources()}
    rep = lib.add([f], Overrides(outlet="Gulf Monitor"))
    assert not rep.errors and len(rep.added) == 1
    assert {s.id for s in lib.sources()} - before == {rep.added[0].id}
    hit = lib.search("quayside inspections").hits[0]
    assert hit.authors == ["Ann Other"] and hit.outlet == "Gulf Monitor" and hit.date == "2021-06-05"
    # A new process sees it too (the document was copied under NATO_BRIEF_HOME).
    lib2 = Library().open()
    assert lib2.search("quayside").total >= 1


def test_bad_file_reported_others_kept(lib, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(DOC, encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    empty = tmp_path / "empty.md"
    empty.write_text("", encoding="utf-8")
    rep = lib.add([bad, good, empty])
    assert [s.title for s in rep.added] == ["Basra Port Security"]
    assert len(rep.errors) == 2 and "binary" in rep.errors[0][1] and "empty" in rep.errors[1][1]


def test_schema_stamp_change_triggers_rebuild(lib, seeded):
    gen = (seeded / "index" / "CURRENT").read_text().strip()
    stamp = seeded / "index" / gen / "stamp.json"
    stamp.write_text(json.dumps({"schema": "0"}))
    lib2 = Library().open()
    assert any("rebuild" in n for n in lib2.notices)
    assert len(lib2.sources()) == 19


def _damage_cases(gen_dir: Path):
    wdir = gen_dir / "whoosh"
    toc = next(wdir.glob("*.toc"))
    seg = next(p for p in wdir.iterdir() if p.suffix in (".seg", ".trm", ".pst", ".vps") or "seg" in p.name)
    return {
        "truncated-toc": lambda: toc.write_bytes(toc.read_bytes()[:10]),
        "garbage-toc": lambda: toc.write_bytes(b"\x80\x04garbage" * 20),
        "missing-toc": lambda: toc.unlink(),
        "missing-segment": lambda: seg.unlink(),
        "garbage-sqlite": lambda: (gen_dir / "library.sqlite").write_bytes(b"not a database" * 100),
        "missing-current": lambda: (gen_dir.parent / "CURRENT").unlink(),
        "garbage-current": lambda: (gen_dir.parent / "CURRENT").write_text("../../etc"),
    }


@pytest.mark.parametrize(
    "case", ["truncated-toc", "garbage-toc", "missing-toc", "missing-segment", "garbage-sqlite", "missing-current",
             "garbage-current"],
)  # fmt: skip
def test_damaged_index_is_rebuilt_with_a_message(seeded, case):
    gen_dir = seeded / "index" / (seeded / "index" / "CURRENT").read_text().strip()
    _damage_cases(gen_dir)[case]()
    r = _cli("search", "Stoltenberg", "--json")
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    assert json.loads(r.stdout)["total"] >= 1
    if case not in ("missing-current", "garbage-current"):
        assert "damaged" in r.stderr or "rebuild" in r.stderr


def test_kill_during_rebuild_leaves_old_index_answering(seeded, tmp_path):
    docs = tmp_path / "many"
    docs.mkdir()
    for i in range(120):
        (docs / f"d{i}.txt").write_text(
            DOC.replace("Basra", f"Basra{i}") + f" Unique token zz{i}q.", encoding="utf-8"
        )
    lib = Library().open()
    lib.add(sorted(docs.iterdir()))
    current = (seeded / "index" / "CURRENT").read_text()
    proc = subprocess.Popen([sys.executable, "-m", "nato_brief.tui.cli", "index", "--rebuild"], cwd=Path(__file__).parent.parent,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    deadline = time.time() + 60
    while time.time() < deadline and not list((seeded / "index").glob("tmp-gen-*/whoosh/*")):
        time.sleep(0.01)
    time.sleep(0.2)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert (seeded / "index" / "CURRENT").read_text() == current
    r = _cli("search", "zz7q", "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["total"] == 1
    # The next writer clears the dead build's leftovers.
    Library().open().rebuild()
    assert not list((seeded / "index").glob("tmp-gen-*"))


def test_kill_during_add_then_recover(seeded, tmp_path):
    f = tmp_path / "late.txt"
    f.write_text(DOC.replace("Basra", "Umm Qasr"), encoding="utf-8")
    lib = Library().open()
    # Simulate a process killed after copying the document but before indexing it.
    key = "deadbeef"
    docs = seeded / "documents"
    docs.mkdir(exist_ok=True)
    (docs / f"{key}.txt").write_bytes(f.read_bytes())
    (docs / f"{key}.json").write_text(
        json.dumps({"file": f"{key}.txt", "origin": "late.txt", "overrides": {}})
    )
    assert lib.search('"Umm Qasr"').total == 0
    lib2 = Library().open()  # the next run indexes what was left behind
    assert lib2.search('"Umm Qasr"').total >= 1


def test_second_writer_waits_then_is_told(seeded, monkeypatch):
    lib = Library().open()
    with write_lock(lib.paths):
        with pytest.raises(LibraryBusy) as e:
            with write_lock(lib.paths, timeout=0.3):
                pass
    assert "Try again" in e.value.message


def test_two_add_processes_both_documents_indexed(seeded, tmp_path):
    files = []
    for n in range(2):
        f = tmp_path / f"p{n}.txt"
        f.write_text(DOC.replace("Basra", f"Parallel{n}"), encoding="utf-8")
        files.append(f)
    procs = [subprocess.Popen([sys.executable, "-m", "nato_brief.tui.cli", "add", str(f)], cwd=Path(__file__).parent.parent,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for f in files]  # fmt: skip
    results = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), results
    lib = Library().open()
    assert lib.search("Parallel0").total >= 1 and lib.search("Parallel1").total >= 1


def test_open_reader_sees_another_process_add(lib, tmp_path):
    assert lib.search("Fallujah").total == 0
    f = tmp_path / "f.txt"
    f.write_text(DOC.replace("Basra", "Fallujah"), encoding="utf-8")
    r = _cli("add", str(f))
    assert r.returncode == 0, r.stderr
    assert lib.reload_if_changed()
    assert lib.search("Fallujah").total >= 1


def test_unwritable_home_gives_clear_message(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")  # a home below a file cannot be created, even by root
    monkeypatch.setenv("NATO_BRIEF_HOME", str(blocker / "home"))
    r = _cli("search", "NATO")  # reading works from an index built for this session (issue 12, item 8)
    assert r.returncode == 0 and "Traceback" not in r.stderr
    assert "Cannot write to" in r.stderr and "NATO_BRIEF_HOME" in r.stderr and "for this session" in r.stderr
    doc = tmp_path / "doc.txt"
    doc.write_text(DOC, encoding="utf-8")
    r = _cli("add", str(doc))
    assert r.returncode == 4 and "Traceback" not in r.stderr
    assert "Cannot write to" in r.stderr and "NATO_BRIEF_HOME" in r.stderr


def test_full_disk_during_build_gives_clear_message(home, monkeypatch):
    import nato_brief.search.library as L

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(L.Store, "add_document", boom)
    from nato_brief.search.errors import IndexProblem

    with pytest.raises(IndexProblem) as e:
        Library().open()
    assert "No space left" in e.value.message
    assert not list((home / "index").glob("tmp-gen-*"))


def test_kill_during_parallel_rebuild_leaves_no_workers(seeded, tmp_path):
    """Above 200 documents the rebuild runs in worker processes: killing the parent stops them too."""
    from benchmarks.bench import stage_documents
    from benchmarks.corpus import write_corpus

    stage_documents(seeded, write_corpus(tmp_path / "corpus", 400))
    current = (seeded / "index" / "CURRENT").read_text()
    proc = subprocess.Popen([sys.executable, "-m", "nato_brief.tui.cli", "index", "--rebuild"], cwd=Path(__file__).parent.parent,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    children: set[int] = set()
    deadline = time.time() + 60
    while time.time() < deadline and len(children) < 2:
        for task in Path(f"/proc/{proc.pid}/task").glob("*/children"):
            children |= {int(c) for c in task.read_text().split()}
        time.sleep(0.05)
    assert len(children) >= 2  # the workers are running
    time.sleep(0.5)
    proc.send_signal(signal.SIGKILL)
    proc.wait()

    def alive(pid: int) -> bool:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return False
        return state not in ("Z", "X")

    deadline = time.time() + 20
    while time.time() < deadline and any(alive(c) for c in children):
        time.sleep(0.1)
    assert not any(alive(c) for c in children)
    assert (seeded / "index" / "CURRENT").read_text() == current  # the old generation still answers
    lib = Library().open()  # the next open indexes the 400 documents (incrementally) and searches them
    assert lib.search("nato").total > 400


_FIELD_NOTES = [
    ("erbil.md", "---\ntitle: Erbil airfield briefing\nauthor: Maren Holt\ndate: 2024-03-02\noutlet: Ninewa Weekly\n---\n\n"
     "Coalition advisers at the Erbil airfield said on Tuesday that the training mission would keep its Iraqi "
     "partners through the summer.\n\n\"We are not leaving the detainees question to chance,\" Colonel Ruth "
     "Avery told reporters, adding that the camps would be inspected every month.\n"),
    ("mosul.md", "---\ntitle: Mosul reconstruction ledger\nauthor: Idris Tamer\ndate: 2023-11-19\n---\n\n"
     "Engineers counted the bridges still closed in Mosul, and the provincial council said funding had slowed.\n\n"
     "According to the council, NATO's mission in Iraq had asked for a list of the schools rebuilt since 2019.\n"),
    ("brussels.txt", "Alliance ministers weigh Iraq mandate\nBy Petra Lind\n\nBRUSSELS - Defence ministers "
     "met to review the NATO Mission Iraq mandate. \"The mission is advisory and will stay advisory,\" the "
     "Secretary General said.\n\nDiplomats said the coalition would meet again before the summit.\n"),
]


def test_documents_added_one_by_one_give_what_a_rebuild_gives(lib, tmp_path):
    """Adding documents one at a time (each its own segment, manifest kept up to date) leaves the library a
    full rebuild of the same documents makes: the same sources as the add reported them, passages, names,
    statements and ranked results."""
    reported = []
    for name, text in _FIELD_NOTES:
        f = tmp_path / name
        f.write_text(text, encoding="utf-8")
        reported += [s.to_json() for s in lib.add([f]).added]
    assert len(reported) == 3

    def state(lib):
        st = lib.store()
        cat = st.catalog()
        tables = {t: st.db.execute(f"SELECT * FROM {t} ORDER BY 1, 2, 3").fetchall()
                  for t in ("passages", "names", "pairs", "quotes")}  # fmt: skip
        searches = {q: [(h.passage_id, round(h.score, 6)) for h in lib.search(q, limit=30).hits]
                    for q in ("detainees", "Mosul bridges", "training mission Iraq", "author:Holt", "NATO -coalition")}  # fmt: skip
        return [cat[s["id"]].to_json() for s in reported], tables, searches, sorted(st.vocabulary())

    before = state(lib)
    assert before[0] == reported  # the add's report is the catalog's own entry
    assert any("Avery" in row[4] for row in before[1]["quotes"])
    lib.rebuild()
    assert state(lib) == before
