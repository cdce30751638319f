"""Combining marks stacked on one character ("Zalgo" text) are cut to four at ingestion (search/text.py,
``sanitize``), in document text, metadata and queries: terminals keep only a few marks per cell and some draw
the rest as cells of their own, which pushed the results list's right border sideways. Real writing keeps
every mark. The ingestion and terminal tests failed before (35 marks after one letter reached the terminal)."""

from __future__ import annotations

import re
import shutil
import sys
import time
import unicodedata
from pathlib import Path

import pytest
from nato_brief.search.text import MAX_MARKS, sanitize

MARKS = "".join(chr(0x300 + i) for i in range(35))  # from U+0300 COMBINING GRAVE ACCENT on
ZALGO = "Z" + MARKS + "a" + MARKS[::-1] + "lgo"
_RUN = re.compile(r"[\u0300-\u036f]+")


def _longest_run(text: str) -> int:
    return max((len(m.group()) for m in _RUN.finditer(text)), default=0)


def _bare(text: str) -> str:
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def test_a_stack_of_marks_keeps_four_after_each_letter():
    out = sanitize(f"The signature read {ZALGO} before the thread was locked.")
    assert _longest_run(out) == MAX_MARKS == 4
    assert _bare(out) == "The signature read Zalgo before the thread was locked."  # no letter lost
    kept = re.search("Z(.*)a(.*)lgo", out)
    assert kept and all(len(g) == 4 and set(g) <= set(MARKS) for g in kept.groups())  # (in canonical order)
    assert sanitize(out) == out
    assert _longest_run(sanitize(" " + MARKS + " after a space, and at the start: " + MARKS)) == 4


@pytest.mark.parametrize(
    "text",
    [
        unicodedata.normalize("NFD", "Người Việt ở Hà Nội nói tiếng Việt; Nguyễn Thị Định."),  # decomposed
        "Người Việt ở Hà Nội nói tiếng Việt; Nguyễn Thị Định.",
        "بِسْمِ ٱللَّٰهِ ٱلرَّحْمَٰنِ ٱلرَّحِيمِ وَقَالَ المُتَحَدِّثُ إِنَّ القُوَّاتِ سَتَبْقَى",  # Arabic with harakat, shadda
        "בְּרֵאשִׁ֖ית בָּרָ֣א אֱלֹהִ֑ים וְשִּׁ֖",  # pointed Hebrew with cantillation: four marks on one letter
        "ज़ुँ नमस्ते, प्रधानमंत्री ने कहा",  # Devanagari: nukta, vowel sign and candrabindu on one consonant
        "ที่นี่ น้ำ กรุงเทพฯ",  # Thai: vowel and tone marks
        "བསྒྲུབས་ ཧཱུྃ",  # Tibetan stacks
        "Yorùbá: ọ̀rọ̀ ẹ̀gbẹ́",
        "1️⃣ 👍🏽 ★★★★★ ──────── …… ©®™ ¿¡ «»",  # runs of symbols and emoji: no marks to cut
    ],
)  # fmt: skip
def test_real_writing_keeps_every_mark(text):
    assert sanitize(text) == unicodedata.normalize("NFKC", text)


def _zalgo_doc(folder: Path) -> Path:
    doc = folder / "forum-spam.md"
    doc.write_text(
        "---\n"
        f"title: Forum spam sample {ZALGO}\n"
        f"author: Mira {ZALGO} Tallis\n"
        "outlet: Test Wire\n"
        "date: 2023-05-04\n"
        "---\n\n"
        f"Moderators on the Quillfeather forum removed a post whose signature read {ZALGO} before the thread "
        "was locked.\n\n"
        "A second Quillfeather post carried no decoration at all and stayed up.\n",
        encoding="utf-8",
    )
    return doc


def test_text_metadata_and_queries_keep_four_marks(seeded, tmp_path):
    from nato_brief.search.library import Library

    lib = Library().open()
    lib.add([_zalgo_doc(tmp_path)])
    res = lib.search("Moderators Quillfeather")
    (hit,) = res.hits
    assert _longest_run(hit.text) == 4 and "Zalgo" in _bare(hit.text)
    assert _longest_run(hit.title) == 4 and _bare(hit.title) == "Forum spam sample Zalgo"
    assert _longest_run(" ".join(hit.authors)) == 4
    zalgo_query = lib.search(f"Moderators {ZALGO}")
    assert _longest_run(zalgo_query.query) == 4
    assert [h.passage_id for h in zalgo_query.hits] == [hit.passage_id]


BIN = Path(sys.executable).parent / "nato-brief"


@pytest.mark.tmux
@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_the_terminal_receives_four_marks_and_the_border_stays(seeded, tmp_path):
    """The installed program in tmux: what it writes to the terminal (tmux's pipe-pane) and the screen."""
    from nato_brief.search.library import Library

    from .test_tmux import Tmux

    Library().open().add([_zalgo_doc(tmp_path)])
    t = Tmux(seeded)
    try:
        raw = tmp_path / "to-terminal.bin"
        t.tmux("pipe-pane", "-o", "-t", "t", f"cat >> {raw}")
        t.wait_for("Type to search")
        t.type("Moderators")
        screen = t.wait_for("Moderators on the Quillfeather")
        time.sleep(0.5)
        sent = raw.read_bytes().decode("utf-8", "replace")
        assert "before the thread" in sent  # the row was drawn (its highlighted words carry styles)
        assert _longest_run(sent) == 4  # was 35: a terminal that draws the extra marks shifts the row
        rows = screen.splitlines()
        row = next(r for r in rows if "Moderators on the Quillfeather" in r)
        below = rows[rows.index(row) + 1]
        width = len(_bare(row))
        assert _bare(row).endswith("│") and below.endswith("│") and width == len(below)
    finally:
        t.close()
