"""The documents the library holds: the shipped seeds plus copies of what the user added, kept under
``NATO_BRIEF_HOME/documents`` as ``<key>.<ext>`` with ``<key>.json`` (origin and the metadata the user gave).
The index is built from these; it can always be rebuilt from them."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import CannotWrite, InputError, cannot_write, is_place_error
from .ingest import (
    Overrides,
    display_name,
    doc_key,
    document_key,
    ingest_document,
    kind_of,
    read_file_bytes,
    source_id,
)
from .ingest.files import decode
from .ingest.web import fetch, is_url
from .paths import Paths, private_files, remove_leftovers, seed_files
from .removal import document_records, origin_of, previous_versions, removed_seeds
from .text import clean_line


@contextlib.contextmanager
def _no_dir() -> Iterator[str]:
    yield ""


Specs = dict[str, tuple[str, Path, Overrides]]  # doc_key -> (origin, path, overrides)


class Documents:
    def __init__(self, paths: Paths, include_seeds: bool, notices: list[str]) -> None:
        self.paths = paths
        self.include_seeds = include_seeds
        self.notices = notices

    def keys(self) -> set[str]:
        """The keys of every document the library should contain, from file names alone (cheap)."""
        keys = {"seed:" + p.name for p in self.seeds()}
        try:
            names = os.listdir(self.paths.documents)
        except OSError:
            return keys
        keys |= {"doc:" + n[:-5] for n in names if n.endswith(".json")}
        remove_leftovers(self.paths.documents, [n for n in names if ".tmp" in n])  # a killed add's copies
        return keys

    def seeds(self) -> list[Path]:
        """The shipped seed documents the library holds: all of them, less those the user removed."""
        if not self.include_seeds:
            return []
        gone = removed_seeds(self.paths)
        return [p for p in seed_files() if p.name not in gone]

    def specs(self, only: set[str] | None = None) -> Specs:
        """doc_key -> (origin, path, overrides) for the library's documents (or just the keys in ``only``)."""
        specs: Specs = {}
        if self.include_seeds:
            for p in self.seeds():
                if only is None or "seed:" + p.name in only:
                    specs["seed:" + p.name] = (f"seeds/{p.name}", p, Overrides())
        docs = self.paths.documents
        if docs.is_dir():
            for meta_path in sorted(docs.glob("*.json")):
                if only is not None and "doc:" + meta_path.stem not in only:
                    continue
                try:
                    meta = json.loads(meta_path.read_text(encoding="utf-8"))
                    path = docs / meta["file"]
                    if path.is_file():
                        specs["doc:" + meta_path.stem] = (
                            meta["origin"],
                            path,
                            Overrides.from_json(meta["overrides"]),
                        )
                except (OSError, ValueError, KeyError, TypeError):
                    self.notices.append(f"Skipped an unreadable document record: {meta_path.name}")
        return specs

    def stage(
        self,
        files: list[Path | str],
        overrides: Overrides,
        origin_names: list[str] | None,
        errors: list[tuple[str, str]],
        *,
        owner_of: Callable[[str], str | None] = lambda sid: None,
        named: Callable[[str], list[str]] = lambda origin: [],
        replace: bool = False,
        mine: Callable[[list], object] | None = None,
    ) -> Staged:
        """Copy readable documents into the documents folder; what cannot be used goes to ``errors``.

        One source, one identity: a document whose text the library already holds (``owner_of`` names the
        document a source id belongs to) is not copied; it goes to ``already``, unless ``replace`` asks it to
        take the place of that copy (never of a shipped seed). With ``replace`` it also takes the place of the
        versions added before from the same path or address (``named`` lists the documents of an origin).

        Each file is read once (pipes, devices, folders and oversized files are refused before anything is
        read), decoded and ingested here, before the caller takes the write lock; ``mine(sources)`` makes what
        the indexer will store of them (``prepared``, by key).
        """
        out = Staged()
        seen: set[str] = set()
        overrides = overrides.cleaned()  # what a user types is as untrusted as a document
        self.paths.ensure()
        urls = any(isinstance(item, str) and is_url(item) for item in files)
        # Only an add of web addresses needs a place to fetch into (a read-only home still reports its error).
        with (
            tempfile.TemporaryDirectory(prefix="fetched-", dir=self.paths.home)
            if urls
            else _no_dir() as fetched
        ):
            for n, item in enumerate(files):
                ov = overrides
                if isinstance(item, str) and is_url(item):
                    try:
                        page = fetch(item)
                    except InputError as e:
                        errors.append((item, e.message))
                        continue
                    f = Path(fetched) / f"page{n}{page.suffix}"
                    f.write_bytes(page.data)
                    ov = Overrides(url=page.url).merged(overrides).cleaned()  # the user's --url still wins
                    origin = origin_names[n] if origin_names else item
                else:
                    f = Path(item)
                    origin = origin_names[n] if origin_names else f.name
                origin = clean_line(origin) or "document"
                came_from = origin_of(item)
                # The versions added before from the same path or address (--replace; the hint without it).
                prior = previous_versions(document_records(self.paths, named(origin)), came_from)
                self._stage_one(f, origin, ov, errors, out, seen, owner_of, replace, mine, (came_from, prior))
        return out

    def _stage_one(self, f, origin, ov, errors, out, seen, owner_of, replace, mine, came) -> None:
        """Read one file once, check it makes a source and is new, then copy it with its record into ``out``.
        ``came`` is (where it comes from, the keys of the documents added before from there)."""
        came_from, prior = came
        staged = out.staged
        try:
            kind_of(f)
            data = read_file_bytes(f)
            doc = decode(data, f.suffix.lower(), display_name(f))
            # Refuses documents with nothing usable before they are copied into the library.
            sources = ingest_document(doc, origin, document_key(doc), ov)
        except InputError as e:
            errors.append((str(f), e.message))
            return
        except RecursionError:
            errors.append((str(f), f"{display_name(f)}: nested too deeply to read"))
            return
        except MemoryError:
            errors.append((str(f), f"{display_name(f)}: too large to read in the memory available"))
            return
        key = doc_key(data + json.dumps(ov.to_json(), sort_keys=True).encode())
        # The text's identity: the key its source ids are made from (as build.prepare makes them).
        sid = source_id(document_key(doc), 0)
        owner = owner_of(sid)
        if sid in seen or (owner is not None and not replace):
            out.already.append((str(f), sid))
            return
        prior = [k for k in prior if k != owner]
        if prior and not replace:  # an edited version of one added before: added beside it, with a hint
            out.earlier += [(str(f), k) for k in prior]
        if owner is not None and owner.startswith("seed:"):
            errors.append((str(f), f"{display_name(f)}: the same text is the shipped seed {sid}; seeds cannot "
                           "be replaced"))  # fmt: skip
            return
        if replace and (owner is not None or prior):
            # It takes the place of the copy that has its text and of the versions added before from the same
            # path or address.
            out.gone["doc:" + key] = ([owner] if owner is not None else []) + prior
        seen.add(sid)
        dest = self.paths.documents / f"{key}{f.suffix.lower()}"
        try:
            with private_files():
                tmp = dest.with_suffix(dest.suffix + f".tmp{os.getpid()}")
                tmp.write_bytes(data)
                os.replace(tmp, dest)
                meta = {"file": dest.name, "origin": origin, "overrides": ov.to_json(), "from": came_from}
                mtmp = self.paths.documents / f"{key}.json.tmp{os.getpid()}"
                mtmp.write_text(json.dumps(meta), encoding="utf-8")
                os.replace(mtmp, self.paths.documents / f"{key}.json")
        except OSError as e:
            if is_place_error(e):
                raise CannotWrite(cannot_write(self.paths.documents, e)) from e
            errors.append((str(f), f"cannot store it in the library: {e.strerror or e}"))
            return
        staged["doc:" + key] = (origin, dest, ov)
        if mine is not None:
            out.prepared["doc:" + key] = mine(sources)

    def forget(self, key: str) -> None:
        """Remove an added document's copy and its record from the documents folder (best effort)."""
        meta = self.paths.documents / f"{key.removeprefix('doc:')}.json"
        try:
            name = json.loads(meta.read_text(encoding="utf-8"))["file"]
        except (OSError, ValueError, KeyError, TypeError):
            name = None
        with contextlib.suppress(OSError):
            meta.unlink()
            if name and "/" not in name:
                (self.paths.documents / name).unlink()


@dataclass
class Staged:
    """What :meth:`Documents.stage` did: documents copied, ones whose text was there already (path, source
    id), copies being replaced (new key -> old keys), versions added before from the same place and kept
    beside the new one (without ``replace``), and the copied documents read, parsed and mined."""

    staged: Specs = field(default_factory=dict)
    already: list[tuple[str, str]] = field(default_factory=list)
    gone: dict[str, list[str]] = field(default_factory=dict)
    earlier: list[tuple[str, str]] = field(default_factory=list)  # (path, key of the version added before)
    prepared: dict[str, object] = field(default_factory=dict)  # key -> build.Prepared, made before the lock
