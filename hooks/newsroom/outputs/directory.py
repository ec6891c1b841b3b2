"""The directory of every feed of one language, for the OPML file and the feed page.

Groups follow the facets that have feeds (:mod:`newsroom.content.facets`: all items, categories,
types, units), keys in registry order; every URL is absolute, because readers copy them into
feed readers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..common import wording
from ..content.registries import Registries
from ..content.settings import Settings
from ..site import urls
from ..site.scopes import Scope
from .feeds import scopes, title


@dataclass(frozen=True)
class DirectoryEntry:
    """One scope's feeds as absolute URLs (``json`` only for all items)."""

    scope: Scope
    title: str  # the scope's label inside its group; the site title for ``all``
    full_title: str  # the channel title
    rss: str
    atom: str
    json: str | None

    def as_dict(self) -> dict[str, str | None]:
        return {"title": self.title, "rss": self.rss, "atom": self.atom, "json": self.json}


@dataclass(frozen=True)
class DirectoryGroup:
    kind: str
    title: str
    entries: tuple[DirectoryEntry, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "title": self.title,
            "feeds": [e.as_dict() for e in self.entries],
        }


def directory(registries: Registries, settings: Settings, lang: str) -> list[DirectoryGroup]:
    """Every feed of ``lang``, grouped by facet (all, category, type, unit), in registry order."""
    groups: dict[str, list[DirectoryEntry]] = {}
    for scope in scopes(registries, lang):
        url = {f: urls.absolute(settings.site_url, scope.path(f)) for f in scope.formats}
        full = title(scope)
        groups.setdefault(scope.kind, []).append(
            DirectoryEntry(
                scope,
                full if scope.is_all else scope.label,
                full,
                url["rss"],
                url["atom"],
                url.get("json"),
            )
        )
    return [
        DirectoryGroup(k, wording.text(lang, f"feeds.group_{k}"), tuple(v))
        for k, v in groups.items()
    ]


def page_context(registries: Registries, settings: Settings, lang: str) -> dict[str, Any]:
    """The feed page's template variable: groups of {title, rss, atom, json}, links."""
    return {
        "groups": [g.as_dict() for g in directory(registries, settings, lang)],
        "opml": urls.absolute(settings.site_url, urls.OPML),
        "opml_other": {
            "Atom": urls.absolute(settings.site_url, "feeds/feeds-atom.opml"),
            "JSON Feed": urls.absolute(settings.site_url, "feeds/feeds-json.opml"),
        },
        "ics": urls.absolute(settings.site_url, urls.PRESS_CONFERENCES_ICS),
    }
