"""Taking sources out of the library and bringing them back.

``remove`` moves an added document's copy and its record from ``NATO_BRIEF_HOME/documents`` into
``NATO_BRIEF_HOME/trash`` (a shipped seed gets a record there that keeps it out), and the index drops its
sources: the documents folder stays what the library is built from, so a rebuild gives the same library.
``restore`` moves a document back and indexes it again; emptying the trash deletes its copies for good.

What a user names is a document: by a source id (as ``sources`` and ``search --json`` show it), by the path
or address it was added from, or by its origin as ``sources`` shows it. A document that holds several sources
(a compilation) goes as a whole, so a source id alone names it only when it is the document's one source.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from .ingest.web import is_url
from .model import Source
from .paths import Paths, make_private_dir, private_files

SEED_RECORD = "seed."  # trash/seed.<seed file name>.json keeps a shipped seed out of the library


@dataclass
class RemoveReport:
    """What ``remove`` or ``restore`` did: the sources taken out (or brought back), what could not be used
    (what the user typed, why), and how many quotes marked in the app's tray come from the removed sources."""

    sources: list[Source] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)
    tray_quotes: int = 0


def trash_dir(paths: Paths) -> Path:
    return paths.home / "trash"


def origin_of(item: Path | str) -> str:
    """Where a document was added from, as recorded with its copy: an address as given, a file's full path."""
    if isinstance(item, str) and is_url(item):
        return item
    try:
        return str(Path(item).expanduser().resolve())
    except (OSError, RuntimeError):
        return str(item)


def removed_seeds(paths: Paths) -> set[str]:
    """The names of the shipped seeds the user removed (kept out of the library until restored)."""
    try:
        names = os.listdir(trash_dir(paths))
    except OSError:
        return set()
    return {n[len(SEED_RECORD) : -5] for n in names if n.startswith(SEED_RECORD) and n.endswith(".json")}


def document_records(paths: Paths, keys: list[str]) -> dict[str, dict]:
    """doc key -> the record kept beside an added document's copy (file, origin, overrides, from), for the
    added documents among ``keys`` (read one by one: a library holds thousands)."""
    out: dict[str, dict] = {}
    for key in keys:
        if key.startswith("doc:"):
            with contextlib.suppress(OSError, ValueError):
                meta = json.loads((paths.documents / f"{key[4:]}.json").read_text(encoding="utf-8"))
                if isinstance(meta, dict):
                    out[key] = meta
    return out


def previous_versions(records: dict[str, dict], origin: str) -> list[str]:
    """The keys of the documents added before from the same path or address (``origin``, see
    :func:`origin_of`) among ``records`` (the documents of the same name); or, when none recorded where it came
    from (added before paths were kept), the one of that name (only when one is: two files of one name may
    come from two folders)."""
    same = sorted(k for k, m in records.items() if m.get("from") == origin)
    if same:
        return same
    legacy = [k for k, m in records.items() if "from" not in m]
    return legacy if len(legacy) == 1 and len(records) == 1 else []


def resolve(target: str, st, paths: Paths) -> tuple[list[str], str | None]:
    """The keys of the documents ``target`` names in the library whose records are in ``st`` (a Store): one,
    or every version added from one path or address; or ([], why not)."""
    catalog = st.catalog()
    if target in catalog:
        key = st.document_of(target)
        ids = st.sources_of(key) if key else []
        if key is None:
            return [], f"no document holds {target}"
        if len(ids) > 1:
            origin = st.documents().get(key, (key,))[0]
            return [], (f"{target} is one of the {len(ids)} sources read from {origin}; they go together: "
                          f"nato-brief remove {origin} removes the document and all of them")  # fmt: skip
        return [key], None
    name = target if is_url(target) else Path(target).name
    named = document_records(paths, st.documents_named(name))
    keys = sorted(k for k, m in named.items() if m.get("from") == origin_of(target))
    if keys:  # every version added from there
        return keys, None
    keys = st.documents_named(target)  # the origin as `sources` shows it: a file name, an address, seeds/NAME
    if not keys and not is_url(target) and "/" in target:  # a record written before paths were kept
        keys = previous_versions(named, origin_of(target))
    if not keys and is_url(target):
        keys = sorted({k for s in catalog.values() if s.url == target and (k := st.document_of(s.id))})
    if len(keys) > 1:
        ids = ", ".join(i for k in keys for i in st.sources_of(k))
        return [], f"{target!r} names {len(keys)} documents ({ids}): name the one to remove by its id"
    if not keys:
        return [], (f"no source {target!r} in the library (give an id from `nato-brief sources`, "
                    "or the path or address it was added from)")  # fmt: skip
    return keys, None


def to_trash(paths: Paths, st, targets: list[str], report: RemoveReport) -> list[str]:
    """Move the documents ``targets`` name into the trash (the caller holds the write lock and drops them from
    the index); the keys moved. What names nothing goes to ``report.errors``, what was moved to its sources."""
    keys: list[str] = []
    for target in targets:
        found, why = resolve(target, st, paths)
        if not found:
            report.errors.append((target, why or ""))
        keys += [k for k in found if k not in keys]
    for key in keys:
        got = list(st.catalog_of(st.sources_of(key)).values())
        move_to_trash(paths, key, got)
        report.sources += got
    return keys


def from_trash(paths: Paths, targets: list[str], report: RemoveReport, st=None) -> list[str]:
    """Move the documents ``targets`` name back from the trash (the caller holds the write lock and indexes
    them); the keys moved. What is not in the trash goes to ``report.errors``, and so does a document whose
    text is in the library again (added again since it was removed): one text, one source, so the trashed
    copy, with its own metadata, stays where it is."""
    trashed, keys = trash_records(paths), []
    for target in targets:
        key = find_in_trash(trashed, target)
        live = _live_again(st, key, trashed[key]) if key is not None and st is not None else None
        if key is None:
            report.errors.append((target, f"{target!r} is not in the trash (nato-brief restore lists it)"))
        elif live:
            report.errors.append((target, f"{target!r}: its text is already in the library as {live} (added "
                                  f"again since it was removed); the trash keeps its copy (nato-brief remove {live} "
                                  "first to bring this one back)"))  # fmt: skip
        elif key not in keys:
            keys.append(key)
            take_from_trash(paths, key)
    return keys


def _live_again(st, key: str, record: dict) -> str | None:
    """The id of a source of the trashed document ``key`` that the library holds now from another document."""
    for s in record.get("sources") or []:
        sid = s.get("id") if isinstance(s, dict) else None
        if isinstance(sid, str) and st.document_of(sid) not in (None, key):
            return sid
    return None


def move_to_trash(paths: Paths, key: str, sources: list[Source]) -> None:
    """Take document ``key`` out of the documents folder into the trash, with what it held (for listing)."""
    trash = trash_dir(paths)
    with private_files():
        make_private_dir(trash)
        removed = {"removed": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                   "sources": [{"id": s.id, "title": s.title} for s in sources]}  # fmt: skip
        if key.startswith("seed:"):
            name = key.removeprefix("seed:")
            record = {"seed": name, "origin": f"seeds/{name}", **removed}
            _write_json(trash / f"{SEED_RECORD}{name}.json", record)
            return
        stem = key.removeprefix("doc:")
        meta_path = paths.documents / f"{stem}.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        copy = paths.documents / meta["file"]
        if copy.exists():
            os.replace(copy, trash / meta["file"])
        _write_json(trash / f"{stem}.json", {**meta, **removed})
        meta_path.unlink()


def trash_records(paths: Paths) -> dict[str, dict]:
    """The documents in the trash: doc key -> record (origin, the sources it held, when it was removed)."""
    out: dict[str, dict] = {}
    with contextlib.suppress(OSError):
        for p in sorted(trash_dir(paths).glob("*.json")):
            with contextlib.suppress(OSError, ValueError):
                rec = json.loads(p.read_text(encoding="utf-8"))
                if isinstance(rec, dict):
                    key = "seed:" + rec["seed"] if "seed" in rec else "doc:" + p.stem
                    out[key] = rec
    return out


def find_in_trash(records: dict[str, dict], target: str) -> str | None:
    """The trashed document ``target`` names: a source id it held, its origin, or the path it was added from."""
    for key, rec in records.items():
        if any(s.get("id") == target for s in rec.get("sources", [])):
            return key
    for key, rec in records.items():
        if target in (rec.get("origin"), rec.get("from")) or rec.get("from") == origin_of(target):
            return key
    return None


def take_from_trash(paths: Paths, key: str) -> None:
    """Move a trashed document back into the documents folder (a seed: drop the record keeping it out)."""
    trash = trash_dir(paths)
    if key.startswith("seed:"):
        (trash / f"{SEED_RECORD}{key.removeprefix('seed:')}.json").unlink()
        return
    stem = key.removeprefix("doc:")
    rec = json.loads((trash / f"{stem}.json").read_text(encoding="utf-8"))
    meta = {k: v for k, v in rec.items() if k not in ("removed", "sources")}
    with private_files():
        paths.ensure()
        if (trash / rec["file"]).exists():
            os.replace(trash / rec["file"], paths.documents / rec["file"])
        _write_json(paths.documents / f"{stem}.json", meta)
    (trash / f"{stem}.json").unlink()


def empty_trash(paths: Paths) -> int:
    """Delete everything in the trash for good; how many documents were in it."""
    n = len(trash_records(paths))
    with contextlib.suppress(OSError):
        for p in trash_dir(paths).iterdir():
            if p.is_file() and not p.is_symlink():
                p.unlink()
    return n


def tray_quotes_from(paths: Paths, ids: set[str]) -> int:
    """How many quotes kept in the app's tray (``tray.json``) come from the sources ``ids``."""
    try:
        data = json.loads((paths.home / "tray.json").read_text(encoding="utf-8"))
        return sum(1 for q in data.get("quotes") or [] if isinstance(q, dict) and q.get("source_id") in ids)
    except (OSError, ValueError, AttributeError):
        return 0


def _write_json(path: Path, data: dict) -> None:
    tmp = path.with_name(path.name + f".tmp{os.getpid()}")
    tmp.write_text(json.dumps(data), encoding="utf-8")
    os.replace(tmp, path)
