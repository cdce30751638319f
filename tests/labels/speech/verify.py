#!/usr/bin/env python3
"""Mechanical checks for labels.toml (python3 verify.py; exit 1 on any failure)."""
import re, sys, tomllib
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEEDS = Path("/work/main/seeds")
FORMS = ["said_before", "said_after", "split", "pronoun", "role_backref", "told_interviewer",
         "according_to", "in_the_words_of", "as_x_concluded", "collective", "unnamed",
         "reported_that", "announced_that", "quick_to_highlight", "reported_ends", "other"]
KINDS = {"direct", "reported"}
REQUIRED = ["file", "form", "speaker", "kind", "text"]
OPTIONAL = {"speaker_entity", "role", "head", "also_accept", "entry", "note"}

def path_of(f):
    return SEEDS / f[len("seeds/"):] if f.startswith("seeds/") else HERE / f

def authors_of(text):
    m = re.match(r"---\n(.*?)\n---\n", text, re.S)
    if not m:
        return []
    a = re.search(r'^author:\s*"?([^"\n#]+)"?', m.group(1), re.M)
    return [x.strip() for x in a.group(1).split(",")] if a else []

def words(s):
    return len(s.split())

errors = []
data = tomllib.loads((HERE / "labels.toml").read_text(encoding="utf-8"))
sts, negs = data.get("statement", []), data.get("negative", [])
cache = {}
def content(f):
    if f not in cache:
        p = path_of(f)
        if not p.exists():
            errors.append(f"missing file {f}")
            cache[f] = ""
        else:
            cache[f] = p.read_text(encoding="utf-8")
    return cache[f]

for i, s in enumerate(sts):
    tag = f"statement #{i+1} ({s.get('file')}: {s.get('text', '')[:40]!r})"
    for k in REQUIRED:
        if k not in s:
            errors.append(f"{tag}: missing {k}")
    for k in s:
        if k not in REQUIRED and k not in OPTIONAL:
            errors.append(f"{tag}: unknown key {k}")
    if s.get("form") not in FORMS:
        errors.append(f"{tag}: bad form {s.get('form')}")
    if s.get("kind") not in KINDS:
        errors.append(f"{tag}: bad kind {s.get('kind')}")
    if "speaker_entity" not in s and not s.get("head"):
        errors.append(f"{tag}: null entity needs head nouns")
    txt = content(s["file"])
    if s["text"] not in txt:
        errors.append(f"{tag}: text not verbatim in file")
    for a in authors_of(txt):
        if s.get("speaker_entity", "").lower() == a.lower() or s["speaker"].lower() == a.lower():
            errors.append(f"{tag}: speaker is the article's own author {a}")

for i, n in enumerate(negs):
    tag = f"negative #{i+1} ({n.get('file')}: {n.get('text', '')[:40]!r})"
    for k in ("file", "text", "why"):
        if k not in n:
            errors.append(f"{tag}: missing {k}")
    if n["text"] not in content(n["file"]):
        errors.append(f"{tag}: text not verbatim in file")
    for s in sts:
        if s["file"] == n["file"] and (n["text"] in s["text"] or s["text"] in n["text"]):
            errors.append(f"{tag}: overlaps statement {s['text'][:40]!r}")

# duplicates
dup = Counter((s["file"], s["text"]) for s in sts)
for k, c in dup.items():
    if c > 1:
        errors.append(f"duplicate statement {k}")

own = [s for s in sts if not s["file"].startswith("seeds/")]
seed = [s for s in sts if s["file"].startswith("seeds/")]
fc = Counter(s["form"] for s in own)
print(f"statements: {len(sts)} total = {len(own)} in own texts + {len(seed)} in seeds; negatives: {len(negs)}"
      f" ({sum(not n['file'].startswith('seeds/') for n in negs)} own, {sum(n['file'].startswith('seeds/') for n in negs)} seeds)")
print("own-text statements per form:")
for f in FORMS:
    print(f"  {f:20s} {fc[f]:3d}")
print("seed statements per file:", dict(sorted(Counter(s['file'] for s in seed).items())))
print("seed statements per form:", dict(sorted(Counter(s['form'] for s in seed).items())))
print("kind (own / seeds):", dict(Counter(s['kind'] for s in own)), dict(Counter(s['kind'] for s in seed)))

if len(own) < 60:
    errors.append(f"only {len(own)} statements in own texts (need >= 60)")
for f in FORMS:
    need = 10 if f == "other" else 3
    if fc[f] < need:
        errors.append(f"form {f}: {fc[f]} < {need}")
arts = sorted(p for p in HERE.glob("*.md") if p.name != "README.md")
if len(arts) < 12:
    errors.append(f"only {len(arts)} articles")
for p in arts:
    body = p.read_text(encoding="utf-8").split("---", 2)[2]
    n = words(body)
    if not 300 <= n <= 700:
        errors.append(f"{p.name}: {n} words (need 300-700)")
    if not authors_of(p.read_text(encoding="utf-8")):
        errors.append(f"{p.name}: no author in front matter")
print(f"articles: {len(arts)}, body words {min(words(p.read_text(encoding='utf-8').split('---',2)[2]) for p in arts)}"
      f"-{max(words(p.read_text(encoding='utf-8').split('---',2)[2]) for p in arts)}")
for e in errors:
    print("FAIL:", e)
print("OK" if not errors else f"{len(errors)} failure(s)")
sys.exit(1 if errors else 0)
