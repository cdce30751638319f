"""Ingestion time against document size, for adversarial documents (benchmarks/adversarial.py).

    python benchmarks/bench.py --ingest-series [--sizes 10000,100000,1000000,10000000] [--patterns a,b]

Each document goes through ``Library.add`` (read, decode, sanitise, parse, mine, store, index) in a fresh
library of the seeds. Prints, per pattern, the seconds at each size and the growth from one size to the next
divided by the growth in size: about 1 everywhere for linear time, about 10 per tenfold step if quadratic.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from benchmarks.adversarial import PATTERNS, make, suffix

SIZES = [10_000, 100_000, 1_000_000, 10_000_000]


def ingest_series(sizes: list[int] | None = None, patterns: list[str] | None = None) -> dict:
    """{"sizes": [...], "seconds": {pattern: [...]}, "growth_vs_size": {pattern: [...]}, "refused": {...}}."""
    sizes = sizes or SIZES
    patterns = patterns or list(PATTERNS)
    tmp = Path(tempfile.mkdtemp(prefix="nb-ingest-"))
    os.environ["NATO_BRIEF_HOME"] = str(tmp / "home")
    from nato_brief.search.library import Library

    lib = Library().open()  # with the seeds: Whoosh cannot open an index with no segment
    seconds: dict[str, list[float]] = {}
    refused: dict[str, list[str]] = {}
    for name in patterns:
        row = []
        for n, size in enumerate(sizes):
            f = tmp / f"{name}-{n}{suffix(name)}"
            f.write_text(make(name, size), encoding="utf-8")
            t = time.perf_counter()
            rep = lib.add([f])
            row.append(round(time.perf_counter() - t, 3))
            f.unlink()
            for _p, e in rep.errors:
                refused.setdefault(name, []).append(e)
        seconds[name] = row
    growth = {
        name: [
            round((row[k + 1] / max(row[k], 1e-3)) / (sizes[k + 1] / sizes[k]), 2)
            for k in range(len(row) - 1)
        ]
        for name, row in seconds.items()
    }
    return {"sizes": sizes, "seconds": seconds, "growth_vs_size": growth, "refused": refused}
