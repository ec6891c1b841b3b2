"""Load a site's content at one moment: settings → registries → corpus."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..common import cache, clock
from ..common import issues as issue
from ..desk import loader as desk_loader
from ..desk.loader import Desk
from .checked import Known
from .corpus import Corpus
from .registries import Registries
from .settings import Settings

#: The file of checked articles in the cache folder.
SCAN_CACHE = "scan.pickle"


@dataclass(frozen=True)
class Site:
    settings: Settings
    registries: Registries
    corpus: Corpus
    desk: Desk

    @property
    def now(self) -> dt.datetime:
        return self.corpus.now


#: Scan caches kept in memory by a process that builds again and again (``mkdocs serve``).
_KEPT: dict[Path, cache.Store] = {}
#: ... and what each of their files was when read (``newsroom.content.checked.Known``).
_KNOWN: dict[Path, Known] = {}


def load(
    settings: Settings,
    now: dt.datetime | None = None,
    cache_dir: Path | None = None,
    keep: bool = False,
) -> Site:
    """Read the registries, scan every article, then the press register and the plans;
    ``now`` defaults to the build clock. The desk's issues join the corpus's.

    ``cache_dir`` (the build's ``.cache/newsroom/``) keeps checked articles across builds
    (``newsroom.common.cache``): the result is the same with or without it, only faster.
    ``keep`` (the preview): the cache stays in memory for the next build of this process and
    is written by the first build and by :func:`save_kept` (when the preview stops), not by
    every rebuild.
    """
    registries = Registries.load(settings.registries_path)
    moment = now or clock.now(settings.timezone)
    store = kept = None
    if cache_dir is not None:
        path = cache_dir / SCAN_CACHE
        kept = _KEPT.get(path) if keep else None
        store = kept.next_build() if kept is not None else cache.Store(path)
        if keep:
            _KEPT[path] = store
    known = _KNOWN.setdefault(cache_dir, {}) if keep and cache_dir is not None else None
    corpus = Corpus.scan(settings, registries, moment, store, known)
    if store is not None and not (keep and kept is not None):
        store.save()
    desk = desk_loader.load(settings, registries, corpus)
    corpus.issues = issue.sort([*corpus.issues, *desk.issues])
    return Site(settings, registries, corpus, desk)


def save_kept() -> None:
    """Write the scan caches kept in memory (the preview is stopping)."""
    for store in _KEPT.values():
        store.save()
