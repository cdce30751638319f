"""The whole-posting-list evaluator (search/engine/dense.py) answers exactly what Whoosh's own searcher answers."""

from __future__ import annotations

import json
import os
import shutil
import threading
from collections import Counter
from pathlib import Path

import pytest
from nato_brief.search.engine import dense as dense_module
from nato_brief.search.engine.run import by_docnum

from benchmarks.bench import stage_documents
from benchmarks.corpus import write_corpus

QUERIES = [
    "Levitt detainees", "withdrawal deployment", "Stoltenburg training", "Rudaw Peshmerga",
    "nato", "coalition training", "nato alliance", "islamic state", "ISIS mosul", "\"islamic state\"",
    "stoltenberg", "Jens Stoltenberg", "nato -coalition", "nato NOT mission", "isis OR daesh",
    "(baghdad OR erbil) AND peshmerga", "\"operation inherent resolve\"", "partnership policy",
    "author:haddad", "title:coalition", "outlet:lawfare nato", "year:2019 iraq", "speaker:stoltenberg",
    "nato ANDMAYBE coalition", "\"training mission\" -isis", "withdrawal troops summit", "mosul^3 baghdad",
    "\"nato mission iraq\" OR \"global coalition\"", "strategic leadership stability",
    "-\"islamic state\" nato", "\"nato coalition\"~3 iraq", "nato NOT \"training mission\"",
    "title:\"coalition forces\" nato", "\"islamic state\" detainees", "\"state nato\"",
]  # fmt: skip


@pytest.fixture(scope="module")
def synth(tmp_path_factory):
    """A 260-article synthetic library: built by the multi-process path, several segments, with caches."""
    home = tmp_path_factory.mktemp("synth") / "home"
    files = write_corpus(home.parent / "corpus", 260)
    stage_documents(home, files)
    old = os.environ.get("NATO_BRIEF_HOME")
    os.environ["NATO_BRIEF_HOME"] = str(home)
    from nato_brief.search.library import Library

    lib = Library().open()
    yield lib, home
    if old is None:
        del os.environ["NATO_BRIEF_HOME"]
    else:
        os.environ["NATO_BRIEF_HOME"] = old


@pytest.fixture(scope="module")
def reference(synth, tmp_path_factory):
    """The same passages in a plain one-segment Whoosh index whose text field keeps positions.

    Whoosh's own searcher over it is the reference the evaluator must agree with, phrases included.
    """
    from nato_brief.search.build import prepare, whoosh_docs
    from nato_brief.search.engine.analysis import text_analyzer
    from nato_brief.search.engine.schema import make_schema
    from whoosh import fields
    from whoosh import index as windex

    lib, _ = synth
    schema = make_schema()
    schema.remove("text")
    schema.add("text", fields.TEXT(analyzer=text_analyzer()))
    d = tmp_path_factory.mktemp("reference")
    ix = windex.create_in(str(d), schema)
    w = ix.writer()
    for _key, (origin, path, ov) in sorted(lib.documents.specs().items()):
        for doc in whoosh_docs(prepare(path, origin, ov, lib.gazetteer.matcher)):
            w.add_document(**doc)
    w.commit()
    with ix.searcher() as s:
        yield s


def _same_ranking(lib, ref, q, limit=20):
    res = ref.search(q, limit=limit)
    want = [(r["passage_id"], round(r.score, 6)) for r in res]
    total, exact, top = lib.dense().run(q, limit, by_docnum(lib.searcher(), lib.queries.texts_of))
    s = lib.searcher()
    got = [(s.stored_fields(d)["passage_id"], round(sc, 6)) for d, sc in top]
    # Equal scores may come in any order within a tie; the scores must agree position by position.
    assert [sc for _, sc in got] == [sc for _, sc in want], str(q)
    tied = {sc for sc, n in Counter(sc for _, sc in want).items() if n > 1}
    assert {p for p, sc in got if sc not in tied} == {p for p, sc in want if sc not in tied}, str(q)
    if exact:
        assert total == len(ref.search(q, limit=None)), str(q)
    return total, got


@pytest.mark.parametrize("text", QUERIES)
def test_dense_ranks_as_whoosh_does(synth, reference, text):
    lib, _ = synth
    bq = lib.build_query(text)
    assert bq.query is not None
    _same_ranking(lib, reference, bq.query)


def test_phrase_candidates_are_checked(synth, reference):
    """Passages holding both words apart are not phrase matches; the count is exact once checked."""
    from whoosh import query as wq

    lib, _ = synth
    phrase = wq.Phrase("text", ["state", "nato"])
    words = wq.And([wq.Term("text", "state"), wq.Term("text", "nato")])
    n_words = len(lib.searcher().search(words, limit=None))
    n_phrase = len(reference.search(phrase, limit=None))
    assert n_words > n_phrase  # the words co-occur far more often than they touch
    docs, exact = lib.dense().docs(phrase, by_docnum(lib.searcher(), lib.queries.texts_of), cap=100_000)
    assert exact and len(docs) == n_phrase


def test_a_phrase_evaluated_again_is_checked_through_and_ranks_as_whoosh(synth, reference, monkeypatch):
    """The first query with a phrase checks only the candidates that could reach its top; a later query with
    the same phrase checks the rest at once (most candidates have the words apart). The ranking and the count
    stay Whoosh's."""
    from whoosh import query as wq

    lib, _ = synth
    dense = lib.dense()
    monkeypatch.setattr(dense_module, "VERIFY_CHUNK", 1)  # a few checks per round, as at 10k
    phrase = wq.Phrase("text", ["state", "nato"])
    dense._phrases.clear()
    dense._nodes.clear()
    first = wq.And([phrase, wq.Term("text", "mosul")])  # checks only the candidates with "mosul"
    _same_ranking(lib, reference, first, limit=3)
    ph = dense._phrases[(("state", "nato"), 1)]
    assert ph.unchecked.any()  # only the top's candidates were checked
    second = wq.And([phrase, wq.Term("text", "train")])
    total, _got = _same_ranking(lib, reference, second, limit=3)
    assert not ph.unchecked.any()  # the second query checked the rest, not only those with "train"
    assert total == len(reference.search(second, limit=None))


def test_postings_caches_written_for_each_segment_and_equal_to_whoosh(synth):
    from nato_brief.search.engine.dense import DenseSearcher

    lib, home = synth
    s = lib.searcher()
    cache_dir = lib.generations.dir(lib.readers.gen) / "postings"
    segs = [ss.reader().segment().segment_id() for ss, _ in s.leaf_searchers()]
    assert len(segs) >= 2  # the big build writes one segment per process
    for seg in segs:
        assert (cache_dir / f"{seg}.bin").is_file()
    with_cache = DenseSearcher(s, cache_dir)
    without = DenseSearcher(s, None)
    for term in ("nato", "coalit", "mosul", "isi"):
        a, b = with_cache.postings("text", term), without.postings("text", term)
        assert len(a[0]) > 0
        assert (a[0] == b[0]).all() and (a[1] == b[1]).all()
    # Titles are indexed with every passage of their source: their frequent words are kept too.
    kept = [t for c in with_cache.terms.seg_caches if c is not None for t in c.tables.get("title", {})]
    assert kept
    for term in set(kept):
        a, b = with_cache.postings("title", term), without.postings("title", term)
        assert len(a[0]) > 0
        assert (a[0] == b[0]).all() and (a[1] == b[1]).all()


def test_a_cache_checked_with_the_older_crc32_is_still_read(synth, tmp_path):
    """Caches written before the XXH3 hashes (entries keyed with CRC-32) are read as they were, without asking
    Whoosh, and give the same postings; a wrong CRC still sends the term to Whoosh."""
    from nato_brief.search.engine import postings
    from nato_brief.search.engine.dense import DenseSearcher

    lib, _home = synth
    s = lib.searcher()
    src = lib.generations.dir(lib.readers.gen) / "postings"
    old = tmp_path / "postings"
    shutil.copytree(src, old)
    for f in old.glob("*.json"):
        meta = json.loads(f.read_text())
        assert meta["crc"] == "xxh3"
        data = f.with_suffix(".bin").read_bytes()
        for field, table in [("text", meta["terms"]), *meta["more"].items()]:
            for term, (pos, n, _h) in table.items():
                table[term] = [pos, n, postings.entry_crc(f.stem, field, term, data[pos : pos + n * 8])]
        meta["crc"] = "keyed"
        meta["terms"]["nato"][2] ^= 1  # one wrong entry: that term is read from Whoosh, the rest still cached
        f.write_text(json.dumps(meta))
    older = DenseSearcher(s, old)
    assert all(c is not None and c.check == "keyed" for c in older.terms.seg_caches)
    without = DenseSearcher(s, None)
    for term in ("coalit", "mosul", "isi", "nato"):
        assert all(c.vouched(term) for c in older.terms.seg_caches if term in c.terms)
        a, b = older.postings("text", term), without.postings("text", term)
        assert len(a[0]) > 0
        assert (a[0] == b[0]).all() and (a[1] == b[1]).all()
    assert all(c.damaged for c in older.terms.seg_caches if "nato" in c.terms)


def test_removed_documents_never_come_back(seeded, tmp_path):
    """Whoosh keeps deleted passages in its segments; the evaluator must skip them."""
    from nato_brief.search.library import Library

    doc = tmp_path / "zq.md"
    doc.write_text(
        "---\ntitle: Zq\nauthors: [Ann Example]\n---\n\nThe word quuxplor appears here. Nato too.\n"
    )
    lib = Library().open()
    lib.add([doc])
    assert lib.search("quuxplor").total == 1
    for f in (seeded / "documents").glob("*"):
        f.unlink()
    lib.sync()
    lib = Library().open()
    res = lib.search("quuxplor")
    assert res.total == 0 and res.hits == []
    # The fast path (it runs: no literal fallback) counts what Whoosh's own searcher counts for the same query
    # over every field, deleted passages left out. (Until d9f6577 the fast path could not open on an index
    # with deletions and the count came from a fallback; this compared it with the text field alone.)
    res = lib.search("nato", exact=True)
    assert not any("could not run" in n for n in res.notices)
    built = lib.queries.build("nato", exact=True)
    assert res.total == len(lib.searcher().search(built.query, limit=None))


def test_a_new_worker_thread_reuses_the_last_ones_searcher(lib):
    """The TUI searches from a new thread each time; the searcher, catalog and caches carry over."""
    seen = []

    def work():
        lib.search("nato")
        seen.append((lib.searcher(), lib.store(), lib.dense()))

    for _ in range(3):
        t = threading.Thread(target=work)
        t.start()
        t.join()
    assert seen[0][0] is seen[1][0] is seen[2][0]
    assert seen[0][1] is seen[2][1] and seen[0][2] is seen[2][2]


def test_damaged_postings_cache_only_costs_speed(synth, tmp_path):
    lib, home = synth
    copy = tmp_path / "home"
    shutil.copytree(home, copy)
    for f in Path(copy).glob("index/gen-*/postings/*.json"):
        f.write_text("{broken")
    truncated = tmp_path / "home2"
    shutil.copytree(home, truncated)
    for f in Path(truncated).glob("index/gen-*/postings/*.bin"):
        f.write_bytes(f.read_bytes()[: f.stat().st_size // 3])
    flipped = tmp_path / "home3"  # same size, different bytes: each term's CRC catches it
    shutil.copytree(home, flipped)
    for f in Path(flipped).glob("index/gen-*/postings/*.bin"):
        data = bytearray(f.read_bytes())
        for i in range(0, len(data), 97):
            data[i] ^= 0x5A
        f.write_bytes(bytes(data))
    edited = tmp_path / "home4"  # entries moved between fields, a dict for an entry, an absurd count
    shutil.copytree(home, edited)
    for f in Path(edited).glob("index/gen-*/postings/*.json"):
        meta = json.loads(f.read_text())
        both = sorted(set(meta["terms"]) & set(meta["more"]["title"]))
        for t in both[: len(both) // 2]:
            meta["terms"][t], meta["more"]["title"][t] = meta["more"]["title"][t], meta["terms"][t]
        for t in both[len(both) // 2 :][:3]:
            meta["terms"][t] = {"a": 1}
        for t in list(meta["terms"])[-3:]:
            meta["terms"][t] = [0, 10**12, 0]
        f.write_text(json.dumps(meta))
    os.environ["NATO_BRIEF_HOME"] = str(copy)
    try:
        from nato_brief.search.library import Library

        want = lib.search("nato coalition")
        other = Library().open().search("nato coalition")
        assert other.total == want.total and not other.notices
        os.environ["NATO_BRIEF_HOME"] = str(truncated)
        other = Library().open().search("nato coalition")
        assert other.total == want.total and not other.notices
        assert [h.passage_id for h in other.hits] == [h.passage_id for h in want.hits]
        for q in ("nato coalition", "title:coalition", "coalition iraq"):
            os.environ["NATO_BRIEF_HOME"] = str(home)
            want = Library().open().search(q)
            os.environ["NATO_BRIEF_HOME"] = str(edited)
            other = Library().open().search(q)
            assert other.total == want.total and other.notices == want.notices, q
            assert [(h.passage_id, round(h.score, 9)) for h in other.hits] == [
                (h.passage_id, round(h.score, 9)) for h in want.hits
            ], q
        os.environ["NATO_BRIEF_HOME"] = str(home)
        want = lib.search("nato coalition")
        os.environ["NATO_BRIEF_HOME"] = str(flipped)
        other = Library().open().search("nato coalition")
        assert other.total == want.total and not other.notices
        assert [(h.passage_id, round(h.score, 9)) for h in other.hits] == [
            (h.passage_id, round(h.score, 9)) for h in want.hits
        ]
    finally:
        os.environ["NATO_BRIEF_HOME"] = str(home)


def test_parallel_build_stores_what_the_serial_build_stores(seeded, tmp_path, monkeypatch):
    """The worker-process build (used above 200 documents) gives the same library as the in-process one."""
    import nato_brief.search.indexer as indexer
    import nato_brief.search.library as L

    serial = L.Library().open()
    monkeypatch.setenv("NATO_BRIEF_HOME", str(tmp_path / "par"))
    monkeypatch.setattr(indexer, "PARALLEL_MIN_DOCS", 0)
    par = L.Library().open()
    assert len(par.searcher().leaf_searchers()) >= 2  # really built by several workers
    a, b = serial.store(), par.store()
    assert [(s.id, s.title, s.authors, s.date, s.outlet) for s in a.catalog().values()] == [
        (s.id, s.title, s.authors, s.date, s.outlet) for s in b.catalog().values()
    ]
    assert sorted(a.vocabulary()) == sorted(b.vocabulary())
    for table in ("passages", "names", "pairs", "quotes"):
        q = f"SELECT * FROM {table} ORDER BY 1, 2, 3"
        assert a.db.execute(q).fetchall() == b.db.execute(q).fetchall(), table
    for text in ("Stoltenberg", "ISIS detainees", '"Operation Inherent Resolve"', "NATO -Iraq"):
        ra, rb = serial.search(text), par.search(text)
        assert [(h.passage_id, round(h.score, 6)) for h in ra.hits] == [
            (h.passage_id, round(h.score, 6)) for h in rb.hits
        ]


def test_fast_segment_writer_writes_what_whoosh_writes(lib, tmp_path):
    """Every posting, block statistic, stored field and length equals Whoosh's own writer's."""
    from nato_brief.search.build import prepare, whoosh_docs
    from nato_brief.search.engine.schema import make_schema
    from nato_brief.search.engine.segments import FastSegmentWriter
    from whoosh import index as windex

    docs = [
        d
        for _k, (origin, path, ov) in sorted(lib.documents.specs().items())
        for d in whoosh_docs(prepare(path, origin, ov, lib.gazetteer.matcher))
    ] * 6  # common words then fill several blocks of 128 postings
    readers = []
    for name, fast in (("plain", False), ("fast", True)):
        d = tmp_path / name
        d.mkdir()
        ix = windex.create_in(str(d), make_schema())
        w = FastSegmentWriter(ix, compound=False) if fast else ix.writer(compound=False)
        for doc in docs:
            w.add_document(**doc)
        w.commit()
        readers.append(ix.reader())
    a, b = readers
    assert list(a.all_terms()) == list(b.all_terms())
    assert a.doc_frequency("text", "nato") > 3 * 128
    for fieldname, text in a.all_terms():
        ta, tb = a.term_info(fieldname, text), b.term_info(fieldname, text)
        assert (ta.doc_frequency(), ta.weight(), ta.min_length(), ta.max_length(), ta.max_weight()) == (
            tb.doc_frequency(), tb.weight(), tb.min_length(), tb.max_length(), tb.max_weight()
        )  # fmt: skip
        assert _all_postings(a, fieldname, text) == _all_postings(b, fieldname, text)
    for n in range(a.doc_count_all()):
        assert a.stored_fields(n) == b.stored_fields(n)
        for f in ("text", "title", "author"):
            assert a.doc_field_length(n, f) == b.doc_field_length(n, f)


def _all_postings(reader, fieldname, text) -> list:
    m = reader.postings(fieldname, text)
    out = []
    while m.is_active():
        out.append((m.id(), m.weight(), m.value()))
        m.next()
    return out


def test_facets_count_every_match_per_source(synth, reference):
    """Facet counts cover all matches (not a sample) and agree with Whoosh's own result list."""
    from collections import Counter as C

    lib, _ = synth
    res = lib.search("nato coalition", facets=True)
    assert res.total > 100
    assert sum(n for _, n in res.facets["outlet"]) == res.total
    cat = lib.store().catalog()
    want = C(
        cat[r["source_id"]].outlet or "(unknown)"
        for r in reference.search(lib.build_query("nato coalition").query, limit=None)
    )
    assert dict(res.facets["outlet"]) == dict(want)


def test_one_pass_analyzer_gives_the_chains_tokens():
    """Indexing (fast path), phrase checking and Whoosh's analyzer chain see the same words."""
    from nato_brief.search.engine.analysis import _text_chain, stem_sequence, text_analyzer
    from nato_brief.search.paths import seed_files

    samples = [p.read_text(encoding="utf-8") for p in seed_files()]
    samples += ["İstanbul ǅemal Ärger naïve U.S. e.g. x y THE über-cool ﬁx Daesh’s 3 33 ab", "", "a" * 3000]
    for text in samples:
        chain = [t.text for t in _text_chain()(text)]
        assert [t.text for t in text_analyzer()(text)] == chain
        assert stem_sequence(text) == chain


def test_caches_built_in_one_thread_serve_a_thread_alive_at_the_same_time(lib):
    """The TUI searches in worker threads, several alive at once (a keystroke, the entity strip, a pane). Each
    has its own searcher, but the caches built from the index (typo corrector: seconds at 10k articles,
    completions, results) belong to the index, not the thread: a second thread must not build them again."""
    import threading

    built: dict[str, object] = {}
    first_done, second_done = threading.Event(), threading.Event()

    def first():
        built["searcher1"] = lib.searcher()
        built["corrector1"] = lib.queries.corrector()
        first_done.set()
        second_done.wait(30)  # stay alive: the second thread cannot take over this slot

    t = threading.Thread(target=first)
    t.start()
    assert first_done.wait(30)

    def second():
        built["searcher2"] = lib.searcher()
        built["corrector2"] = lib.queries.corrector()
        second_done.set()

    t2 = threading.Thread(target=second)
    t2.start()
    t2.join(30)
    t.join(30)
    assert built["searcher1"] is not built["searcher2"]  # two threads alive: two searchers
    assert built["corrector1"] is built["corrector2"]
