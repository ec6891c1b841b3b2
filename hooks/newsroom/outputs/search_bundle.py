"""Each language's Pagefind index, kept between builds and written as one bundle.

Pagefind reads only the staged pages (``search.stage``) and its settings, so when the digest
of a language's staged files (paths and bytes), the excluded selectors, Pagefind's version and
this package's code equals the digest of an earlier build, that build's final index of the
language (re-chunked) is used instead of indexing again: about 30 s at 10,000 articles. Each
index is kept as one sealed entry of a cache folder (``pagecache.EntryStore``), read only when
it is needed: one from anywhere else is never served. Every file of a language's index
carries the language in its name, so the languages are written side by side with one entry
file listing them all (:func:`merge`).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

from ..common import cache
from . import search_shards

#: The cache folder (in ``.cache/newsroom/``) holding the indexes: one entry per index, named
#: by the digest of what it was made from. A complete build deletes the ones it did not use.
BUNDLE_FOLDER = "pagefind"
#: Where earlier versions kept them all in one file (deleted when found).
OLD_BUNDLE_CACHE = "pagefind.pickle"
#: Pagefind's entry file: the languages of the bundle and the name of each one's index.
ENTRY = "pagefind-entry.json"


def new_digest(settings: str) -> Any:
    """A running digest of one indexing run, seeded with what else Pagefind's output depends
    on; ``search.stage`` adds every staged page."""
    digest = hashlib.sha256()
    digest.update(
        cache.key(settings, cache.code_version(), cache.package_versions("pagefind")).encode()
    )
    return digest


def add_page(digest: Any, name: str, content: str) -> None:
    digest.update(cache.key(name, content).encode())


def packed(files: dict[str, bytes], chunks: dict[str, int]) -> dict[str, Any]:
    """A bundle as the cache keeps it: every file by its path in the bundle folder, and the
    chunk counts."""
    return {"files": files, "chunks": dict(chunks)}


def is_bundle(value: Any) -> bool:
    """A value read from the cache that :func:`merge` can write."""
    if not isinstance(value, dict):
        return False
    files, chunks = value.get("files"), value.get("chunks")
    if not isinstance(files, dict) or not isinstance(chunks, dict):
        return False
    return all(
        isinstance(name, str)
        and isinstance(data, bytes)
        and not name.startswith("/")
        and ".." not in Path(name).parts
        for name, data in files.items()
    )


def merge(bundles: list[dict[str, Any]], output: Path, programs: bool = True) -> None:
    """Write the bundles of single languages as one: each language's files carry the
    language in their names; the program files are the same in all; the entry file lists
    every language. Without ``programs``, Pagefind's own UI files are left out (a year's
    folder needs only what an index searched first loads: the script, worker and WASM)."""
    languages: dict[str, Any] = {}
    entry: dict[str, Any] = {}
    for bundle in bundles:
        for name, data in bundle["files"].items():
            if name == ENTRY:
                entry = json.loads(data)
                languages.update(entry.get("languages") or {})
                continue
            if not programs and _is_program(name) and not SEARCH_PROGRAMS.match(name):
                continue
            _write(output / name, data)
    if bundles:
        entry["languages"] = dict(sorted(languages.items()))
        text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
        output.mkdir(parents=True, exist_ok=True)
        (output / ENTRY).write_text(text, encoding="utf-8")


def clear(output: Path, keep: set[str]) -> None:
    """Empty the bundle folder but the index folders in ``keep`` (``""``: the root's own
    files and index), written by the last build from the same indexes."""
    if not output.is_dir() or output.is_symlink():
        shutil.rmtree(output, ignore_errors=True)
        if output.is_symlink():
            output.unlink()
        return
    for entry in list(output.iterdir()):
        is_shard = (
            entry.is_dir() and not entry.is_symlink() and search_shards.SHARD_NAME.match(entry.name)
        )
        if is_shard:
            if entry.name not in keep:
                shutil.rmtree(entry, ignore_errors=True)
        elif search_shards.ROOT not in keep:
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink()


def size(bundles: list[dict[str, Any]], programs: bool = True) -> int:
    """Bytes :func:`merge` writes for ``bundles`` (without the entry file)."""
    files = {
        name: len(data)
        for bundle in bundles
        for name, data in bundle["files"].items()
        if name != ENTRY and (programs or not _is_program(name) or SEARCH_PROGRAMS.match(name))
    }
    return sum(files.values())


def write_programs(bundle: dict[str, Any], output: Path) -> None:
    """Only the program files of ``bundle`` (where no index of its own is written)."""
    for name, data in bundle["files"].items():
        if _is_program(name):
            _write(output / name, data)


#: Program files a search loads from the folder of the index it searches first.
SEARCH_PROGRAMS = re.compile(r"^(?:pagefind\.js|pagefind-worker\.js|wasm\.[a-z]+\.pagefind)$")


def _is_program(name: str) -> bool:
    """A top-level file that is not part of an index (scripts, styles, WASM)."""
    return "/" not in name and name != ENTRY and not name.endswith(".pf_meta")


def _write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    os.chmod(target, 0o644)
