"""Nested reported speech: in "X said he agreed with Y, who said last week that “…”" X's reported words stop
before the relative clause, and the nested quotation is Y's (or nobody's when the extractor cannot tell who
"who" is), never X's. Articles written for this test."""

from __future__ import annotations

import json

from tests.test_cli import run

ARTICLE = (
    "Ferry fares split the island council\n\nBy Tove Lindahl\n\n"
    "Councillor Petter Aasen opened the session on the ferry contract.\n\n"
    '"The contract runs out in May," Aasen told the council.\n\n'
    'Mayor Inga Solberg said she agreed with Aasen, who said last month that "the ferry fares are far too high."\n\n'
    "The harbour clerk said the minutes were ready, adding that the vote could wait.\n\n"
    'Solberg said the vote was close, according to an aide, who said that "the ferry fares decide it."\n'
)


def _statements(tmp_path) -> list[dict]:
    p = tmp_path / "ferry.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    assert run("add", str(p)).returncode == 0
    return json.loads(run("said", "--json").stdout)["statements"]


def test_a_nested_quote_is_not_the_reporting_speakers(home, tmp_path):
    stmts = _statements(tmp_path)
    solberg = [s["text"] for s in stmts if "Solberg" in s["speaker"]]
    assert not any("ferry fares" in t for t in solberg), (
        solberg
    )  # never Aasen's (or an aide's) words under her
    assert "she agreed with Aasen" in solberg
    aasen = [s["text"] for s in stmts if "Aasen" in s["speaker"]]
    assert any(t.startswith("the ferry fares are far too high") for t in aasen), aasen
    data = json.loads(run("brief", "What did Solberg say about the ferry fares?", "--json").stdout)
    for sec in data["sections"]:
        if "Solberg" in (sec.get("speaker") or ""):
            assert not any("fares" in q["text"] for q in sec["quotes"]), sec
