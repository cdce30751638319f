"""nato-brief benchmark: prints numbers, asserts nothing.

    python benchmarks/bench.py --articles 1000 --json
    python benchmarks/bench.py --ingest-series --json    (ingestion time against size, adversarial input)

Builds a synthetic library (benchmarks/corpus.py) in a temporary NATO_BRIEF_HOME and measures the build, one
add, searches (top 20 with highlights), search-as-you-type keystrokes (the TUI's own call, Library.as_you_type,
in a new thread as Textual runs it: last word completed, 40 rows, the first screen's highlighted, the entity
strip; the other rows' highlights timed apart), entity
look-ups, a whole CLI search process, the TUI's first frame on a warm index, peak memory, the same
keystroke workload on SQLite FTS5 over the same passages as a reference, and the judged set's relevance
numbers over the seeds (benchmarks/relevance.py).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = ["stoltenberg", "counterterrorism", "coalition", "detainees", "training mission", "partnership policy",
         "islamic state", "iraq security", "nato alliance", "operation inherent", "mosul", "peshmerga forces",
         "strategic", "ministers", "withdrawal troops", "summit", "baghdad", "leadership", "stability region"]  # fmt: skip
TYPOS = ["Stoltenburg", "inherent resolv", "bagdadi", "Petreus", "Marroto", "Kurdistan regional govt",
         "Haddad", "Novak Berg", "syrian democratic", "Suleimani"]  # fmt: skip


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    if not xs:
        return 0.0
    k = min(len(xs) - 1, max(0, round(p / 100 * (len(xs) - 1))))
    return xs[k]


def stage_documents(home: Path, files: list[Path]) -> None:
    """Put files where `nato-brief add` would (documents/ + a JSON record), without indexing them one by one."""
    docs = home / "documents"
    docs.mkdir(parents=True, exist_ok=True, mode=0o700)
    for n, f in enumerate(files):
        key = f"bench{n:06d}"
        (docs / f"{key}.md").write_bytes(f.read_bytes())
        (docs / f"{key}.json").write_text(
            json.dumps({"file": f"{key}.md", "origin": f.name, "overrides": {}})
        )


# The most rows the TUI highlights before it shows a keystroke's results at 160x48 (tui/search_panel.first_rows of
# its result list's height; tests/test_tui_first_rows.py checks the TUI asks for this many).
FIRST_ROWS = 15


def keystroke_queries() -> list[str]:
    out = []
    for phrase in WORDS:
        for i in range(1, len(phrase) + 1):
            out.append(phrase[:i])
    return out


def fts5(passages: list[tuple[str, str]], queries: list[str]) -> list[float]:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE p USING fts5(id UNINDEXED, text, tokenize='porter unicode61')")
    db.executemany("INSERT INTO p VALUES (?, ?)", passages)
    times = []
    for q in queries:
        words = [w for w in q.replace('"', " ").split() if w]
        if not words:
            continue
        expr = " ".join(f'"{w}"' for w in words[:-1]) + f' "{words[-1]}"*'
        t = time.perf_counter()
        db.execute("SELECT id, snippet(p, 1, '[', ']', '…', 20) FROM p WHERE p MATCH ? ORDER BY rank LIMIT 20",
                   (expr,)).fetchall()  # fmt: skip
        times.append((time.perf_counter() - t) * 1000)
    return times


def first_frame(home: Path) -> float:
    code = (
        "import time, os; t0=time.perf_counter()\n"
        "from nato_brief.tui.app import make_app\n"
        "app = make_app()\n"
        "def done():\n"
        "    print(f'FIRST_FRAME {time.perf_counter()-t0:.4f}', flush=True); app.exit()\n"
        "app.call_after_refresh(done)\n"
        "app.run(headless=True, size=(160, 48))\n"
    )
    best = []
    for _ in range(3):
        r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                           env={**os.environ, "NATO_BRIEF_HOME": str(home)}, timeout=120)  # fmt: skip
        for line in r.stdout.splitlines():
            if line.startswith("FIRST_FRAME"):
                best.append(float(line.split()[1]))
    return statistics.median(best) if best else -1.0


def lookup_times(index) -> list[float]:
    """Milliseconds per fuzzy look-up of each misspelt name, five rounds."""
    times = []
    for _ in range(5):
        for q in TYPOS:
            t = time.perf_counter()
            index.lookup(q)
            times.append((time.perf_counter() - t) * 1000)
    return times


def measure(home: Path) -> dict:
    """Search, keystroke and who timings in this (fresh) process against the library in ``home``."""
    os.environ["NATO_BRIEF_HOME"] = str(home)
    from nato_brief.search.library import Library

    def in_thread(fn, *args, **kw):
        th = threading.Thread(target=fn, args=args, kwargs=kw)
        th.start()
        th.join()

    # Opened as the TUI opens it (a worker thread: Library.open and Library.warm), then each
    # keystroke as the TUI runs it: in a new worker thread (Textual starts one per search), the app's own call
    # (40 rows, last word completed, the entity strip, the rows of the first screen highlighted: the
    # results are shown then), then the other rows' highlights (shown a moment later), timed apart.
    # Caches start cold, as after start-up.
    lib = Library()

    def open_like_the_tui():
        lib.open()
        lib.warm()

    in_thread(open_like_the_tui)
    k_times, rest_times = [], []
    for q in keystroke_queries():
        marks: list[float] = []

        def keystroke(q=q, marks=marks):
            res, _ents = lib.as_you_type(q, limit=40, first=FIRST_ROWS)
            marks.append(time.perf_counter())
            if res is not None:
                res.highlight_rest()
            marks.append(time.perf_counter())

        t = time.perf_counter()
        in_thread(keystroke)
        k_times.append((marks[0] - t) * 1000)
        rest_times.append((marks[1] - marks[0]) * 1000)

    rng = random.Random(3)
    searches = [f"{rng.choice(WORDS)} {rng.choice(WORDS).split()[0]}" for _ in range(200)]
    s_times = []
    for q in searches:
        t = time.perf_counter()
        lib.search(q, limit=20)
        s_times.append((time.perf_counter() - t) * 1000)

    t = time.perf_counter()
    ents = lib.entities()
    entities_s = time.perf_counter() - t
    w_times = lookup_times(ents)

    # Entity look-up at 10,000 entities: the library's own plus synthetic names of the same shape.
    from nato_brief.search.entities import EntityIndex
    from nato_brief.search.names import NameRow

    from benchmarks.corpus import FIRST, LAST

    big = list(ents.entities)
    fake_rng = random.Random(11)
    rows, keys = [], set()
    while len(big) + len(keys) < 10_000:
        name = f"{fake_rng.choice(FIRST)} {fake_rng.choice(LAST)}{fake_rng.randint(1, 9999)}"
        rows.append(NameRow("x", "x.1", 0, 1, name, name.lower(), "person"))
        keys.add(name.lower())
    w10_times = lookup_times(EntityIndex(big + EntityIndex.build([], rows, [], []).entities))

    return {
        "search": s_times, "keystroke": k_times, "keystroke_rest": rest_times, "who": w_times, "who10k": w10_times,
        "entities": len(ents.entities), "entities_load_s": entities_s,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }  # fmt: skip


def relevance_figures() -> dict:
    """The judged set's three numbers (benchmarks/relevance.py) as typed in the box and through search, over
    the seeds alone, in a fresh process (the judged queries are about the seeds, not the synthetic corpus)."""
    r = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "relevance.py"), "--json"], capture_output=True,
                       text=True, cwd=ROOT, env={k: v for k, v in os.environ.items() if k != "NATO_BRIEF_HOME"},
                       timeout=600)  # fmt: skip
    try:
        res = json.loads(r.stdout)
    except ValueError:
        return {"relevance_error": (r.stderr or "no output")[-300:]}
    out = {}
    for mode in ("box", "search"):
        m = res[mode]
        out[f"relevance_{mode}_ndcg10"] = m["ndcg@10"]
        out[f"relevance_{mode}_first_hit_relevant"] = m["first_hit_relevant"]
        out[f"relevance_{mode}_zero_result_rate"] = m["zero_result_rate"]
    return out


def speech_figures(st, extra: Path) -> dict:
    """What the speech index costs: its pass over every source of the built library (one process, serial,
    so comparable with build_s only as an upper bound on its share), its part of adding one article, and its
    time per article on quote-dense composed news (tests/labels/speech: the synthetic corpus has no quotes,
    so the library figure alone would understate the cost on real news)."""
    from nato_brief.search.ingest import ingest_file
    from nato_brief.search.speech import find_statements, known_persons

    sources = [full for src in st.catalog().values() if (full := st.source(src.id)) is not None]
    t = time.perf_counter()
    n = 0
    for full in sources:
        n += len(find_statements(full, dict(known_persons())))
    speech_s = time.perf_counter() - t  # the speech pass alone (sources loaded before the clock starts)
    t = time.perf_counter()
    for src in ingest_file(extra):
        find_statements(src, dict(known_persons()))
    add_one_ms = (time.perf_counter() - t) * 1000
    news = [s for f in sorted((ROOT / "tests" / "labels" / "speech").glob("[0-9][0-9]-*.md")) for s in ingest_file(f)]
    t = time.perf_counter()
    rounds = 20
    for _ in range(rounds):
        for src in news:
            find_statements(src, dict(known_persons()))
    news_ms = (time.perf_counter() - t) * 1000 / (rounds * len(news))
    return {
        "speech_statements": n,
        "speech_s": round(speech_s, 2),
        "speech_add_one_ms": round(add_one_ms, 2),
        "speech_news_ms_per_article": round(news_ms, 2),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--keep", type=Path, help="build the library here and keep it")
    ap.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--ingest-series", action="store_true",
                    help="only ingestion time against size for adversarial documents (benchmarks/ingest_series.py)")
    ap.add_argument("--sizes", help="ingest series sizes in bytes, comma-separated (default 10 KB to 10 MB)")
    ap.add_argument("--patterns", help="ingest series patterns, comma-separated (default all)")
    args = ap.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return 0
    if args.ingest_series:
        from benchmarks.ingest_series import ingest_series

        series = ingest_series([int(x) for x in args.sizes.split(",")] if args.sizes else None,
                               args.patterns.split(",") if args.patterns else None)  # fmt: skip
        print(json.dumps({"ingest_series": series}, indent=None if args.json else 2))
        return 0

    tmp = Path(tempfile.mkdtemp(prefix="nb-bench-"))
    home = args.keep or (tmp / "home")
    os.environ["NATO_BRIEF_HOME"] = str(home)
    from nato_brief.search.library import Library

    from benchmarks.corpus import write_corpus

    files = write_corpus(tmp / "corpus", args.articles)
    stage_documents(home, files)
    lib = Library()
    t = time.perf_counter()
    lib.open()
    build_s = time.perf_counter() - t
    st = lib.store()
    n_passages = st.passage_count()

    extra = write_corpus(tmp / "extra", 1, seed=99)[0]
    t = time.perf_counter()
    lib.add([extra])
    add_one_s = time.perf_counter() - t

    speech = speech_figures(st, extra)

    # Queries are measured in a fresh process on the warm index, as the TUI meets it: the build leaves this
    # process with a large heap that would slow every query through garbage collection.
    r = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--measure", str(home)], capture_output=True,
                       text=True, cwd=ROOT, env={**os.environ}, timeout=1800)  # fmt: skip
    m = json.loads(r.stdout)
    s_times, k_times, w_times, w10_times = m["search"], m["keystroke"], m["who"], m["who10k"]
    n_entities, entities_s, query_rss = m["entities"], m["entities_load_s"], m["rss_mb"]

    passages = [(p.id, p.text) for p in st.all_passages()]
    f_times = fts5(passages, keystroke_queries())

    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "nato_brief.tui.cli", "search", "training mission", "--json"], cwd=ROOT,
                   capture_output=True, env={**os.environ})  # fmt: skip
    cli_s = time.perf_counter() - t

    result = {
        "articles": args.articles,
        "passages": n_passages,
        "build_s": round(build_s, 2),
        "add_one_s": round(add_one_s, 3),
        "search_p50_ms": round(pct(s_times, 50), 2),
        "search_p95_ms": round(pct(s_times, 95), 2),
        "keystroke_p50_ms": round(pct(k_times, 50), 2),
        "keystroke_p95_ms": round(pct(k_times, 95), 2),
        "keystroke_max_ms": round(max(k_times), 2),
        # the rows below the first screen highlighted after the results are shown, and the whole keystroke
        "keystroke_rest_p95_ms": round(pct(m["keystroke_rest"], 95), 2),
        "keystroke_all_rows_p95_ms": round(pct([a + b for a, b in zip(k_times, m["keystroke_rest"], strict=True)], 95), 2),
        "who_p50_ms": round(pct(w_times, 50), 2),
        "who_p95_ms": round(pct(w_times, 95), 2),
        "entities": n_entities,
        "who_10k_entities_p50_ms": round(pct(w10_times, 50), 2),
        "who_10k_entities_p95_ms": round(pct(w10_times, 95), 2),
        "entities_load_s": round(entities_s, 2),
        "cli_search_s": round(cli_s, 2),
        "tui_first_frame_s": round(first_frame(home), 3),
        "peak_rss_mb": round(query_rss, 1),
        "build_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "fts5_keystroke_p50_ms": round(pct(f_times, 50), 2),
        "fts5_keystroke_p95_ms": round(pct(f_times, 95), 2),
        **speech,
        **relevance_figures(),
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for k, v in result.items():
            print(f"{k:>24}  {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
