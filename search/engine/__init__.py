"""The fence around Whoosh: every module that imports ``whoosh`` lives in this package.

- ``compat.py``    the pinned Whoosh version, checked at import (``FAST``, ``WARNING``)
- ``analysis.py``  words as the index sees them: analyzers, stems, highlight offsets, phrase checks
- ``schema.py``    the index's fields and the Whoosh documents made from a source
- ``parse.py``     what the user typed → a Whoosh query (never raises)
- ``run.py``       running a query: the fast evaluator when it can, Whoosh's searcher otherwise
- ``dense.py``     whole-posting-list BM25F with numpy (uses Whoosh internals)
- ``postings.py``  per-segment postings caches (uses Whoosh internals; versioned files)
- ``segments.py``  opening and creating indexes, the fast segment writer, the parallel build's segment
                   hand-over (uses Whoosh internals)

README.md lists the private names the fast path relies on. The rest of ``search/`` talks to this package
only, never to ``whoosh`` (an import-linter contract in pyproject.toml checks it).
"""
