"""Relevance on the judged query set (tests/labels/queries/judged_queries.toml): prints numbers, asserts nothing.

    python benchmarks/relevance.py [--json] [--home DIR] [--detail]

Runs every judged query the way an analyst meets it: as typed in the search box (``Library.as_you_type``,
the TUI's own call, last word completed) and through ``search`` (what ``nato-brief search`` runs), over the
seed library, and scores the ranked passages as the judge's README says:

* a hit matches a label when its passage text contains the label's snippet after whitespace normalisation
  and its source title is the label's source (titles compared with quotes and case folded); a hit's gain
  is the highest grade among the labels it matches that are not yet credited (each label is credited once);
* nDCG@10 with gain = grade, ideal DCG from the query's labelled grades;
* the share of queries whose first hit is relevant (grade >= 1, and >= 2);
* the share of queries with no hit at all.

Without ``--home`` a temporary home with only the seeds is built (a few seconds).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "tests" / "labels" / "queries" / "judged_queries.toml"
K = 10

_WS = re.compile(r"\s+")  # \s covers NBSP in str patterns
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def norm_text(s: str) -> str:
    """Whitespace runs (NBSP included) collapsed to one space."""
    return _WS.sub(" ", s).strip()


def norm_title(s: str) -> str:
    return norm_text(s).translate(_QUOTES).casefold()


def load_queries(path: Path = LABELS) -> list[dict]:
    with open(path, "rb") as f:
        return tomllib.load(f)["query"]


def gains(hits: list, labels: list[dict], k: int = K) -> list[int]:
    """The grade credited to each of the first ``k`` hits (objects with ``text`` and ``title``)."""
    credited = [False] * len(labels)
    snippets = [norm_text(lb["snippet"]) for lb in labels]
    sources = [norm_title(lb["source"]) for lb in labels]
    out = []
    for h in hits[:k]:
        text = norm_text(h.text)
        title = norm_title(h.title) if getattr(h, "title", None) else None
        best = 0
        for i, lb in enumerate(labels):
            if credited[i] or snippets[i] not in text or (title is not None and title != sources[i]):
                continue
            credited[i] = True
            best = max(best, int(lb["grade"]))
        out.append(best)
    return out


def ndcg(g: list[int], labels: list[dict], k: int = K) -> float:
    dcg = sum(x / math.log2(i + 2) for i, x in enumerate(g[:k]))
    ideal = sorted((int(lb["grade"]) for lb in labels), reverse=True)[:k]
    idcg = sum(x / math.log2(i + 2) for i, x in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def run_query(lib, q: str, mode: str) -> list:
    """The ranked hits for ``q``: as typed in the box (the TUI's call) or as ``nato-brief search`` runs it."""
    if mode == "box":
        res, _ents = lib.as_you_type(q, limit=40)
    else:
        res = lib.search(q, limit=K)
    return list(res.hits) if res is not None else []


def evaluate(lib, mode: str = "box", queries: list[dict] | None = None) -> dict:
    """nDCG@10, first-hit-relevant shares and zero-result rate over the judged queries (and per kind)."""
    queries = queries if queries is not None else load_queries()
    rows = []
    for qd in queries:
        hits = run_query(lib, qd["q"], mode)
        g = gains(hits, qd["relevant"])
        rows.append({"q": qd["q"], "kind": qd["kind"], "hits": len(hits), "ndcg": ndcg(g, qd["relevant"]),
                     "first": g[0] if g else 0, "gains": g,
                     "top": [f"{h.title[:40]} | {h.text[:50]}" for h in hits[:3]]})  # fmt: skip

    def summary(rs: list[dict]) -> dict:
        n = len(rs) or 1
        return {
            "queries": len(rs),
            "ndcg@10": round(sum(r["ndcg"] for r in rs) / n, 4),
            "first_hit_relevant": round(sum(r["first"] >= 1 for r in rs) / n, 4),
            "first_hit_relevant_grade2": round(sum(r["first"] >= 2 for r in rs) / n, 4),
            "zero_result_rate": round(sum(r["hits"] == 0 for r in rs) / n, 4),
        }

    kinds = sorted({r["kind"] for r in rows})
    return {
        "mode": mode,
        **summary(rows),
        "by_kind": {k: summary([r for r in rows if r["kind"] == k]) for k in kinds},
        "queries_detail": rows,
    }


def open_seed_library(home: Path | None = None):
    """A library of the seeds only, in ``home`` or a new temporary directory."""
    home = home or Path(tempfile.mkdtemp(prefix="nb-relevance-"))  # the caller removes it
    os.environ["NATO_BRIEF_HOME"] = str(home)
    sys.path.insert(0, str(ROOT))
    from nato_brief.search.library import Library

    return Library().open()


def headline(results: dict) -> dict:
    """The three numbers per mode, for bench.py and the baseline file."""
    keys = ("ndcg@10", "first_hit_relevant", "first_hit_relevant_grade2", "zero_result_rate")
    return {mode: {k: r[k] for k in keys} for mode, r in results.items()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--home", type=Path, help="an existing NATO_BRIEF_HOME to search (default: seeds only)")
    ap.add_argument("--json", action="store_true", help="print JSON (headline numbers and per kind)")
    ap.add_argument("--detail", action="store_true", help="also list every query's score and top hits")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="nb-relevance-") as tmp:
        lib = open_seed_library(args.home or Path(tmp))
        results = {mode: evaluate(lib, mode) for mode in ("box", "search")}
    report(results, args.json, args.detail)
    return 0


def report(results: dict, as_json: bool, detail: bool) -> None:
    args = argparse.Namespace(json=as_json, detail=detail)
    if args.json:
        out = {
            m: {k: v for k, v in r.items() if args.detail or k != "queries_detail"}
            for m, r in results.items()
        }
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return
    for mode, r in results.items():
        print(f"== {mode}: nDCG@10 {r['ndcg@10']:.3f} · first hit relevant {r['first_hit_relevant']:.0%} "
              f"(grade>=2: {r['first_hit_relevant_grade2']:.0%}) · zero results {r['zero_result_rate']:.0%}")  # fmt: skip
        for kind, s in r["by_kind"].items():
            print(f"   {kind:>13}: nDCG {s['ndcg@10']:.3f} · first {s['first_hit_relevant']:.0%} · "
                  f"zero {s['zero_result_rate']:.0%}")  # fmt: skip
        if args.detail:
            for row in r["queries_detail"]:
                print(f"   {row['ndcg']:.2f} {row['hits']:>3} {row['q']!r:45} {row['gains']}")


if __name__ == "__main__":
    sys.exit(main())
