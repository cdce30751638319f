"""A deterministic synthetic corpus for the benchmark: seeded, with the seed corpus's vocabulary and names."""

from __future__ import annotations

import random
import re
from pathlib import Path

from nato_brief.search.paths import seed_files

FIRST = ["Anna", "Omar", "Lena", "Karim", "Sofia", "Jonas", "Maya", "Tariq", "Elena", "Pavel", "Nadia", "Hugo",
         "Leila", "Rami", "Ines", "Milan", "Dana", "Yusuf", "Clara", "Amir"]  # fmt: skip
LAST = ["Haddad", "Novak", "Berg", "Rahimi", "Costa", "Lind", "Aziz", "Moreau", "Kowalski", "Salim", "Bauer",
        "Okafor", "Jensen", "Farouk", "Rossi", "Petrov", "Nasser", "Dahl", "Ibrahim", "Keller"]  # fmt: skip
OUTLETS = ["War on the Rocks", "Foreign Policy", "The Hill", "Arab News", "Rudaw News", "EU Observer",
           "Defense One", "Lawfare", "The Washington Institute", "RUSI Commentary"]  # fmt: skip
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
ENTITIES = ["Jens Stoltenberg", "Operation Inherent Resolve", "NATO Mission Iraq", "ISIS", "ISIL", "Daesh",
            "Syrian Democratic Forces", "Abu Bakr al-Baghdadi", "Qassim Suleimani", "Global Coalition",
            "Wayne Marotto", "Peshmerga", "Kurdistan Regional Government", "Camp Besmaya", "Erbil", "Mosul"]  # fmt: skip


def vocabulary() -> list[str]:
    words: list[str] = []
    for p in seed_files():
        words += re.findall(r"[A-Za-z][a-z]{2,}", p.read_text(encoding="utf-8", errors="replace"))
    return words


def article(rng: random.Random, vocab: list[str], n: int) -> str:
    authors = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(rng.choice([1, 1, 1, 2]))]
    title = " ".join(rng.choice(vocab).capitalize() for _ in range(rng.randint(4, 8)))
    date = f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(2014, 2023)}"
    paras = []
    for _ in range(6):
        sents = []
        for _ in range(rng.randint(5, 8)):
            words = [rng.choice(vocab) for _ in range(rng.randint(12, 24))]
            if rng.random() < 0.3:
                words.insert(rng.randint(0, len(words)), rng.choice(ENTITIES))
            sents.append(" ".join(words).capitalize() + ".")
        paras.append(" ".join(sents))
    outlet = rng.choice(OUTLETS)
    return (f"---\ntitle: {title} {n}\nauthors: [{', '.join(authors)}]\noutlet: {outlet}\n---\n\n"
            f"{title} {n}\n\nby {' and '.join(authors)}\n\n{date}\n\n" + "\n\n".join(paras) + "\n")  # fmt: skip


def write_corpus(dest: Path, articles: int, seed: int = 7) -> list[Path]:
    """Write ``articles`` Markdown files under ``dest``; the same seed gives the same bytes."""
    rng = random.Random(seed)
    vocab = vocabulary()
    dest.mkdir(parents=True, exist_ok=True)
    out = []
    for n in range(articles):
        p = dest / f"a{n:05d}.md"
        p.write_text(article(rng, vocab, n), encoding="utf-8")
        out.append(p)
    return out
