"""Scores the speech index on the independent labelled set (tests/labels/speech/), by the judge's own rule.

Every labelled article is added through the normal ``Library.add`` path into a fresh home, next to the
seeds (ingested as every library ingests them); the statements the library stored are turned into the
judge's prediction shape and scored with ``tests/labels/speech/score.py``.

    python tests/speech_report.py          # prints precision/recall per kind, wrong speakers, misses
    python tests/speech_report.py --json
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import sys
import tempfile
import tomllib
from pathlib import Path

LABELS = Path(__file__).resolve().parent / "labels" / "speech"


def _scorer():
    spec = importlib.util.spec_from_file_location("speech_label_score", LABELS / "score.py")
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod


def labels() -> dict:
    return tomllib.loads((LABELS / "labels.toml").read_text(encoding="utf-8"))


def _statements(lib) -> list[dict]:
    """Every statement the library stored, in the contract's ``statement`` shape (plus ``origin``)."""
    from nato_brief.search.said import statements

    return [s.to_json() for s in statements(lib, flag_twins=False)]


def predictions(home: Path) -> list[dict]:
    """Build a library in ``home`` with the seeds and the labelled articles; its statements as predictions."""
    os.environ["NATO_BRIEF_HOME"] = str(home)
    from nato_brief.search.library import Library

    lib = Library().open()
    files = sorted(LABELS.glob("[0-9][0-9]-*.md"))
    report = lib.add(files)
    assert not report.errors, report.errors
    origin_of = {s.id: s.origin for s in lib.sources()}
    preds = []
    for st in _statements(lib):
        origin = re.sub(r"#\d+$", "", origin_of[st["source_id"]])  # a compilation entry: its file
        preds.append(
            {
                "file": origin,
                "text": st["text"],
                "speaker": st["speaker"],
                "speaker_entity": st["speaker_entity"],
                "kind": st["kind"],
            }
        )
    return preds


def run() -> dict:
    old = os.environ.get("NATO_BRIEF_HOME")
    try:
        with tempfile.TemporaryDirectory() as d:
            preds = predictions(Path(d))
    finally:
        if old is None:
            os.environ.pop("NATO_BRIEF_HOME", None)
        else:
            os.environ["NATO_BRIEF_HOME"] = old
    data = labels()
    out = _scorer().score(preds, data)
    out["missed"] = _missed(preds, data)
    return out


def _missed(preds: list[dict], data: dict) -> list[dict]:
    sc = _scorer()
    missed = []
    for lab in data.get("statement", []):
        ok = any(
            p["file"] == lab["file"]
            and sc.attributed(p)
            and sc.text_overlap(p["text"], lab["text"])
            and sc.speaker_match(p, lab)
            for p in preds
        )
        if not ok:
            missed.append(
                {
                    "file": lab["file"],
                    "form": lab["form"],
                    "kind": lab["kind"],
                    "speaker": lab.get("speaker_entity") or lab["speaker"],
                    "text": lab["text"][:90],
                }
            )
    return missed


def format_report(out: dict) -> str:
    lines = [
        f"speech labels: recall {out['recall']:.3f} ({out['found']}/{out['labels']}), precision "
        f"{out['precision']:.3f} of {out['attributed_predictions']} attributed "
        f"({out['unattributed_predictions']} unattributed)",
        f"WRONG SPEAKERS: {out['wrong_speaker']}   negative hits: {out['negative_hits']}",
    ]
    for k, v in sorted(out["per_kind"].items()):
        p = "-" if v["precision"] is None else f"{v['precision']:.3f}"
        r = "-" if v["recall"] is None else f"{v['recall']:.3f}"
        lines.append(
            f"  {k:9s} precision {p} ({v.get('correct', 0)}/{v.get('pred', 0)})  "
            f"recall {r} ({v.get('found', 0)}/{v.get('gold', 0)})"
        )
    lines.append("  recall by form: " + ", ".join(f"{k} {v}" for k, v in out["recall_by_form"].items()))
    for c in out["wrong_speaker_cases"]:
        lines.append(f"  WRONG SPEAKER {c['file']}: {c['text']!r} -> {c['predicted']!r} (is {c['gold']!r})")
    for c in out["negative_hit_cases"]:
        lines.append(f"  NEGATIVE HIT {c['file']}: {c['text']!r}")
    for m in out["missed"]:
        lines.append(f"  missed [{m['kind']}/{m['form']}] {m['file']}: {m['speaker']}: {m['text']!r}")
    return "\n".join(lines)


if __name__ == "__main__":
    result = run()
    print(json.dumps(result, indent=2, ensure_ascii=False) if "--json" in sys.argv else format_report(result))
