"""Load a site's content at one moment: settings → registries → corpus."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import clock
from .corpus import Corpus
from .registries import Registries
from .settings import Settings


@dataclass(frozen=True)
class Site:
    settings: Settings
    registries: Registries
    corpus: Corpus

    @property
    def now(self) -> dt.datetime:
        return self.corpus.now


def load(settings: Settings, now: dt.datetime | None = None) -> Site:
    """Read the registries and scan every article; ``now`` defaults to the build clock."""
    registries = Registries.load(settings.registries_path)
    moment = now or clock.now(settings.timezone)
    return Site(settings, registries, Corpus.scan(settings, registries, moment))
