"""A Turkish dotted capital İ lowercases to "i" plus a combining dot: the analyzer drops the dot, so
"incirlik" finds "İncirlik" (it found nothing, and was 'corrected' to "ncirlik": fresh-user check)."""

from __future__ import annotations

from .test_cli import run


def test_dotted_capital_i_is_found_without_the_dot(seeded, tmp_path):
    import json

    doc = tmp_path / "incirlik.md"
    doc.write_text(
        "---\ntitle: Tankers at the southern base\nauthors: [Deniz Example]\ndate: 2021-04-02\n---\n\n"
        "Coalition tankers flew from İncirlik Air Base near Adana, officials in İstanbul said on Friday.\n",
        encoding="utf-8",
    )
    assert run("add", str(doc)).returncode == 0
    for query in ("incirlik", "Incirlik Air Base", "İncirlik", "istanbul"):
        data = json.loads(run("search", query, "--json").stdout)
        assert data["total"] == 1 and not data.get("corrected"), (query, data.get("corrected"))
        hit = data["hits"][0]
        marked = [hit["text"][a:b] for a, b in hit["highlights"]]
        assert any(w.startswith("İ") for w in marked), marked
