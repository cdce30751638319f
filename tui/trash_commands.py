"""The ``remove`` and ``restore`` commands: sources out of the library into the trash, and back."""

from __future__ import annotations

import argparse

from nato_brief.search.errors import EXIT_INPUT, EXIT_OK

from . import output as out


def _row(s) -> str:
    return f"{s.id}\t{'; '.join(s.authors) or '(no author)'}\t{s.title}"


def cmd_remove(args: argparse.Namespace) -> int:
    from .commands import _open

    lib = _open()
    if args.empty_trash:
        n = lib.empty_trash()
        if args.json:
            out.emit_json({"emptied": n})
        else:
            out.plain(f"emptied the trash ({n} document(s) deleted for good)")
        return EXIT_OK
    rep = lib.remove(args.sources)
    if args.json:
        out.emit_json({"removed": [s.to_json() for s in rep.sources],
                       "errors": [{"source": t, "error": e} for t, e in rep.errors],
                       "tray_quotes": rep.tray_quotes})  # fmt: skip
    else:
        for s in rep.sources:
            out.plain("removed " + _row(s))
        for _t, e in rep.errors:
            out.err(f"nato-brief: not removed: {e}")
        if rep.sources:
            out.err("nato-brief: moved to the trash; `nato-brief restore ID` brings a source back")
        if rep.tray_quotes:
            out.err(f"nato-brief: {rep.tray_quotes} quote(s) marked in the app's tray come from the removed "
                    "source(s): the app leaves them out and says so (restore the source first to keep them)")  # fmt: skip
    return EXIT_INPUT if rep.errors else EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from .commands import _open

    lib = _open()
    if not args.sources:  # what the trash holds
        trash = [{"origin": r.get("origin"), "removed": r.get("removed"), "sources": r.get("sources", [])}
                 for r in lib.trash().values()]  # fmt: skip
        if args.json:
            out.emit_json({"trash": trash})
        elif not trash:
            out.err("nato-brief: the trash is empty")
        for t in [] if args.json else trash:
            for s in t["sources"] or [{"id": "-", "title": "(no source of its own)"}]:
                out.plain(f"{s.get('id')}\t{s.get('title')}\t{t['origin']}\tremoved {t['removed']}")
        return EXIT_OK
    rep = lib.restore(args.sources)
    if args.json:
        out.emit_json({"restored": [s.to_json() for s in rep.sources],
                       "errors": [{"source": t, "error": e} for t, e in rep.errors]})  # fmt: skip
    else:
        for s in rep.sources:
            out.plain("restored " + _row(s))
        for _t, e in rep.errors:
            out.err(f"nato-brief: not restored: {e}")
    for n in lib.notices:
        out.err(f"nato-brief: {n}")
    return EXIT_INPUT if rep.errors else EXIT_OK
