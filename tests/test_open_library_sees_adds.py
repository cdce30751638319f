"""A library kept open (the TUI) while another process adds documents one by one sees each passage once.

Whoosh's ``Searcher.refresh()`` reused the readers of segments it already had: once the other writer's commits
merged its small segments, the open searcher kept the merged-away ones beside the merged one and every passage
added since was found twice (totals doubled, rows repeated)."""

from __future__ import annotations


def test_passages_added_elsewhere_are_found_once(seeded, tmp_path):
    from nato_brief.search.library import Library

    open_one = Library().open()  # the TUI's
    writer = Library().open()  # another nato-brief process
    assert open_one.search("kirkuk checkpoint").total == 0
    for i in range(9):
        doc = tmp_path / f"r{i}.md"
        doc.write_text(
            f"---\ntitle: Checkpoint report {i}\nauthors: [Dana Example]\ndate: 2021-03-0{i + 1}\n---\n\n"
            f"Patrol {i} reached the Kirkuk checkpoint at dawn.\n\nA second Kirkuk checkpoint closed at noon.\n",
            encoding="utf-8",
        )
        writer.add([doc])
        res = open_one.search("kirkuk checkpoint", limit=50)
        ids = [h.passage_id for h in res.hits]
        assert res.total == 2 * (i + 1) == len(ids) == len(set(ids)), (i, res.total, ids)
        typed, _ = open_one.as_you_type("kirkuk checkpoint")
        assert typed is not None and typed.total == 2 * (i + 1)
