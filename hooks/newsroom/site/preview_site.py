"""The preview's pages, kept from one ``make serve`` session to the next.

``mkdocs serve`` writes each session into a new temporary folder, so every session began by
writing every page (30 s at 10,000 articles with the page cache, 100 s without it). The
preview writes into ``.cache/newsroom/preview/site/`` instead and records, after every
complete build, what that folder was built from (sealed with the machine's cache secret):

- the inputs every page depends on (:func:`inputs`: templates, hooks, config, registries,
  theme assets, installed packages, the server's address, and the moment as pages see it —
  :func:`newsroom.site.uptodate.moment`);
- the stat signature of each source and the fingerprint of each generated page.

A new session with the same inputs starts like a rebuild after a save
(:mod:`newsroom.site.preview`): only what changed since the record is built again. With other
inputs the folder is emptied and everything is built. The record is deleted when a build
starts and written when it is complete, so a session stopped during a build leaves none. One
session holds the folder at a time (a lock); another one at the same time uses MkDocs'
temporary folder, as before.

As within a session, an article that did not change keeps its page even where it shows other
articles (its related links): a preview, not a release.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..common import cache

FOLDER = "preview"
SITE = "site"
RECORD = "record.json"
LOCK = "lock"

#: Each source's ``cache.stat_listing`` entry, by docs path.
Signatures = dict[str, tuple[int, int, int, int]]
#: (source signatures, generated pages' fingerprints) as a build left the folder.
Restored = tuple[Signatures, dict[tuple[str, str], str]]


@dataclass(frozen=True)
class Held:
    """The preview folder, held by this process (the lock's descriptor stays open)."""

    folder: Path
    lock: int

    @property
    def site(self) -> Path:
        return self.folder / SITE

    @property
    def record(self) -> Path:
        return self.folder / RECORD


def hold(cache_dir: Path) -> Held | None:
    """Take the preview folder for this process; ``None`` if another session has it, or
    if it cannot be made (a symbolic link in the way: never written through)."""
    folder = cache_dir / FOLDER
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if folder.is_symlink() or not folder.is_dir():
            return None
        descriptor = os.open(folder / LOCK, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    except OSError:
        return None
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(descriptor)
        return None
    held = Held(folder, descriptor)
    if held.site.is_symlink():
        os.close(descriptor)
        return None
    return held


def restore(held: Held, expected: str) -> Restored | None:
    """What the last session's complete build left in the folder, if it was built from
    ``expected`` inputs; otherwise the folder is emptied. The record is deleted either way
    (a build starts)."""
    found = _read(held.record, expected)
    forget(held)
    if found is None:
        shutil.rmtree(held.site, ignore_errors=True)
    held.site.mkdir(parents=True, exist_ok=True)
    return found


def forget(held: Held) -> None:
    """A build starts: the folder no longer matches any record."""
    with contextlib.suppress(OSError):
        held.record.unlink()


def record(
    held: Held, inputs: str, sources: Signatures, generated: dict[tuple[str, str], str]
) -> None:
    """A build is complete: note what the folder now holds."""
    data = {
        "inputs": inputs,
        "sources": {src: list(signature) for src, signature in sources.items()},
        "generated": [[lang, src, value] for (lang, src), value in generated.items()],
    }
    cache.write_sealed(held.record, data)


def inputs(site_inputs: str, site_url: str, moment: str) -> str:
    """What every preview page depends on besides its own source."""
    return cache.key("preview-1", site_inputs, site_url, moment)


def _read(path: Path, expected: str) -> Restored | None:
    data = cache.read_sealed(path)
    if data is None or data.get("inputs") != expected:
        return None
    try:
        sources = {str(src): _signature(value) for src, value in data["sources"].items()}
        generated = {(str(lang), str(src)): str(value) for lang, src, value in data["generated"]}
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    return sources, generated


def _signature(value: Any) -> tuple[int, int, int, int]:
    mode, size, mtime, inode = (int(v) for v in value)
    return mode, size, mtime, inode
