"""Load a site's content at one moment: settings → registries → corpus."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import clock
from . import issues as issue
from .corpus import Corpus
from .desk import loader as desk_loader
from .desk.loader import Desk
from .registries import Registries
from .settings import Settings


@dataclass(frozen=True)
class Site:
    settings: Settings
    registries: Registries
    corpus: Corpus
    desk: Desk

    @property
    def now(self) -> dt.datetime:
        return self.corpus.now


def load(settings: Settings, now: dt.datetime | None = None) -> Site:
    """Read the registries, scan every article, then the press register and the plans;
    ``now`` defaults to the build clock. The desk's issues join the corpus's."""
    registries = Registries.load(settings.registries_path)
    moment = now or clock.now(settings.timezone)
    corpus = Corpus.scan(settings, registries, moment)
    desk = desk_loader.load(settings, registries, corpus)
    corpus.issues = issue.sort([*corpus.issues, *desk.issues])
    return Site(settings, registries, corpus, desk)
