"""Load a site's content at one moment: settings → registries → corpus."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..common import cache, clock
from ..common import issues as issue
from ..desk import loader as desk_loader
from ..desk.loader import Desk
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


def load(settings: Settings, now: dt.datetime | None = None, cache_dir: Path | None = None) -> Site:
    """Read the registries, scan every article, then the press register and the plans;
    ``now`` defaults to the build clock. The desk's issues join the corpus's.

    ``cache_dir`` (the build's ``.cache/newsroom/``) keeps checked articles across builds
    (``newsroom.common.cache``): the result is the same with or without it, only faster.
    """
    registries = Registries.load(settings.registries_path)
    moment = now or clock.now(settings.timezone)
    store = cache.Store(cache_dir / SCAN_CACHE) if cache_dir is not None else None
    corpus = Corpus.scan(settings, registries, moment, store)
    if store is not None:
        store.save()
    desk = desk_loader.load(settings, registries, corpus)
    corpus.issues = issue.sort([*corpus.issues, *desk.issues])
    return Site(settings, registries, corpus, desk)
