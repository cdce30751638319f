#!/usr/bin/env python3
"""Reference scorer for labels.toml (the rule is specified in README.md; this file implements it).

usage: python3 score.py PREDICTIONS.json[l] [--json]

PREDICTIONS: a JSON array, or JSON lines, of objects
  {"file": "01-pentagon-briefing.md" | "seeds/001_f7bbb347a983d1b6.txt",
   "text": "...", "speaker": "Kirby" | null, "speaker_entity": "John Kirby" | null,
   "kind": "direct" | "reported"   (optional)}
A prediction with no speaker and no speaker_entity (or speaker "unattributed", or a bare pronoun) is
UNATTRIBUTED. Only files that have labels are scored; predictions for other files are ignored.
"""
import json, re, sys, tomllib
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
PRONOUNS = {"he", "she", "they", "it", "we", "i", "unattributed", "unknown", "none", ""}
CUT = re.compile(r",| of | from | in | at | who | whose | with | involved | on | for ")

def toks(s):
    s = s.replace("’", "'").replace("‘", "'")
    return re.findall(r"\w+(?:'\w+)?", s.lower())

def contains(big, small):
    n = len(small)
    return n > 0 and any(big[i:i + n] == small for i in range(len(big) - n + 1))

def text_overlap(pred, gold):
    """pred contains gold; or gold contains pred (pred >= 2 tokens); or token Jaccard >= 0.8."""
    p, g = toks(pred), toks(gold)
    if not p or not g:
        return False
    if contains(p, g) or (len(p) >= 2 and contains(g, p)):
        return True
    a, b = set(p), set(g)
    return len(a & b) / len(a | b) >= 0.8

def sing(w):
    if w in ("people", "press"):
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    return w[:-1] if w.endswith("s") and not w.endswith("ss") else w

def head_of(speaker):
    s = " " + speaker.lower().strip() + " "
    s = CUT.split(s, maxsplit=1)[0].strip()
    ws = toks(s)
    return [sing(w) for w in ws]

def attributed(p):
    ent = (p.get("speaker_entity") or "").strip()
    spk = (p.get("speaker") or "").strip()
    return bool(ent) or spk.lower() not in PRONOUNS

def is_named(p):
    if (p.get("speaker_entity") or "").strip():
        return True
    spk = (p.get("speaker") or "").strip()
    return any(w[:1].isupper() for w in spk.split()[-1:]) and not head_generic(spk)

def head_generic(spk):
    h = head_of(spk)
    return bool(h) and h[-1] in {"official", "diplomat", "officer", "minister", "people", "person", "expert",
                                  "source", "aide", "lawmaker", "government", "observer", "leader", "report"}

def speaker_match(p, lab):
    ent = (p.get("speaker_entity") or "").strip().lower()
    spk = (p.get("speaker") or "").strip()
    if "speaker_entity" in lab:
        accept = [lab["speaker_entity"]] + lab.get("also_accept", [])
        acc = {a.lower() for a in accept}
        if ent:
            return ent in acc
        if spk.lower() in acc or spk.lower() == lab["speaker"].lower():
            return True
        last = toks(spk)[-1:] if toks(spk) else []
        return bool(last) and any(toks(a)[-1:] == last for a in accept)
    # null entity: head noun of the predicted speaker string must match a label head
    if ent and not spk:
        spk = ent
    h = head_of(spk)
    for head in lab.get("head", []):
        hh = [sing(w) for w in toks(head)]
        if hh and h[-len(hh):] == hh:
            return True
    if ent:
        return ent in {a.lower() for a in lab.get("also_accept", [])}
    return False

def load_preds(path):
    raw = Path(path).read_text(encoding="utf-8").strip()
    if raw.startswith("["):
        return json.loads(raw)
    return [json.loads(l) for l in raw.splitlines() if l.strip()]

def score(preds, data):
    labels, negs = data.get("statement", []), data.get("negative", [])
    files = {l["file"] for l in labels} | {n["file"] for n in negs}
    by_file = defaultdict(list)
    for l in labels:
        by_file[l["file"]].append(l)
    negs_by_file = defaultdict(list)
    for n in negs:
        negs_by_file[n["file"]].append(n)
    found = set()
    res = Counter()
    per_kind = defaultdict(Counter)
    wrong, neg_hits, fps = [], [], []
    for p in preds:
        if p.get("file") not in files:
            continue
        if not attributed(p):
            res["unattributed"] += 1
            continue
        overl = [l for l in by_file[p["file"]] if text_overlap(p.get("text", ""), l["text"])]
        good = [l for l in overl if speaker_match(p, l)]
        kind = p.get("kind") or (overl[0]["kind"] if overl else "unknown")
        res["attributed"] += 1
        per_kind[kind]["pred"] += 1
        if good:
            res["correct"] += 1
            per_kind[kind]["correct"] += 1
            for l in good:
                found.add(id(l))
            continue
        if overl and is_named(p):
            res["wrong_speaker"] += 1
            wrong.append((p, overl[0]))
        elif any(text_overlap(p.get("text", ""), n["text"]) for n in negs_by_file[p["file"]]):
            res["negative_hit"] += 1
            neg_hits.append(p)
        else:
            fps.append(p)
        res["incorrect"] += 1
    for l in labels:
        per_kind[l["kind"]]["gold"] += 1
        if id(l) in found:
            per_kind[l["kind"]]["found"] += 1
    by_form = defaultdict(Counter)
    for l in labels:
        scope = "seeds" if l["file"].startswith("seeds/") else "own"
        by_form[(scope, l["form"])]["gold"] += 1
        by_form[(scope, l["form"])]["found"] += id(l) in found
    out = {
        "labels": len(labels), "found": len(found),
        "recall": len(found) / len(labels) if labels else 0.0,
        "precision": res["correct"] / res["attributed"] if res["attributed"] else 0.0,
        "attributed_predictions": res["attributed"], "unattributed_predictions": res["unattributed"],
        "wrong_speaker": res["wrong_speaker"], "negative_hits": res["negative_hit"],
        "per_kind": {k: {"precision": (v["correct"] / v["pred"]) if v["pred"] else None,
                         "recall": (v["found"] / v["gold"]) if v["gold"] else None, **v}
                     for k, v in per_kind.items()},
        "recall_by_form": {f"{s}:{f}": f"{v['found']}/{v['gold']}" for (s, f), v in sorted(by_form.items())},
        "wrong_speaker_cases": [{"file": p["file"], "text": p.get("text", "")[:80], "predicted": p.get("speaker_entity") or p.get("speaker"),
                                 "gold": l.get("speaker_entity") or l["speaker"]} for p, l in wrong],
        "negative_hit_cases": [{"file": p["file"], "text": p.get("text", "")[:80]} for p in neg_hits],
    }
    return out

def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if not args:
        sys.exit(__doc__)
    data = tomllib.loads((HERE / "labels.toml").read_text(encoding="utf-8"))
    out = score(load_preds(args[0]), data)
    if "--json" in sys.argv:
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return
    print(f"recall {out['recall']:.3f} ({out['found']}/{out['labels']})  precision {out['precision']:.3f} "
          f"(of {out['attributed_predictions']} attributed; {out['unattributed_predictions']} unattributed ignored)")
    print(f"WRONG SPEAKER: {out['wrong_speaker']}   negative hits: {out['negative_hits']}")
    for k, v in sorted(out["per_kind"].items()):
        print(f"  {k:9s} precision {v['precision'] if v['precision'] is None else round(v['precision'], 3)}"
              f"  recall {v['recall'] if v['recall'] is None else round(v['recall'], 3)}")
    for c in out["wrong_speaker_cases"]:
        print(f"  wrong speaker: {c['file']}: {c['text']!r} predicted {c['predicted']!r}, gold {c['gold']!r}")

if __name__ == "__main__":
    main()
