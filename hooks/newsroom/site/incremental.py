"""A production build that renders again only the pages whose inputs changed.

``newsroom build`` (``make build``) runs MkDocs with ``--dirty`` and :data:`ENV_VAR` set to the
digest of everything every page depends on (``uptodate.site_wide``: config, templates, code,
packages, settings, the date, and every docs file that is neither an article nor an asset)
when ``site/`` is, file for file, what its last build wrote. That build left a :class:`Record`.
When the digest is the record's, the build keeps ``site/`` and hands MkDocs only:

- the articles whose source changed, was added, or whose text refers (links, images) to a
  docs path that was added, removed or changed, and every language version of these;
- the articles whose page shows other data than before: :func:`view_key` digests what the
  templates show of an article (its view: related articles, translations, withdrawal,
  approval, labels, attachments' sizes), which language versions exist and whether its event
  is still to come (the rest of "now" reaches pages through visibility, in the view, or the
  date, in the site-wide digest);
- the articles a feed now carries whose body the record does not hold;
- every static page, and each listing page whose articles changed (``hooks/listings.py``);
- the articles these link to, so that their links resolve as in a full build (not rendered).

Every other page keeps the file the last build wrote, with its sitemap entry and its feed
body from the record. Files of ``site/`` that this build neither wrote nor kept are deleted
at its end (:func:`stale`), so the folder holds exactly what a clean build writes;
``tests/test_incremental.py`` compares the two, byte for byte. Anything else (another digest,
no record, a touched ``site/``) is a full build.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..common import cache
from ..content.classify import Kind
from ..content.settings import LANGUAGES
from ..outputs import feeds
from ..outputs.feed_content import PageHTML
from ..outputs.sitemap import SitemapEntry
from . import preview
from .views import article_page

#: Set by ``newsroom build``: the build's site-wide digest (``uptodate.site_wide``).
ENV_VAR = "NEWSROOM_INCREMENTAL"
#: The record of the last production build (a sealed cache file).
RECORD = "site-pages.pickle"
_RECORD_KEY = "record"
_FORMAT = "newsroom-incremental-1"
#: A source's stat signature (``cache.stat_listing``).
Signature = tuple[int, int, int, int]
#: A page of one language pass: (language, source path).
PageId = tuple[str, str]
#: Where the build memo (``BuildState.memo``) keeps the plan and notes that it was reported,
#: the feed bodies and the search indexes' sources for the record, and that the pages of the
#: articles not handed to MkDocs were noted.
PLAN, PLAN_LOGGED = ("incremental", "plan"), ("incremental", "logged")
BODIES, SEARCH, KEPT = ("incremental", "bodies"), ("incremental", "search"), ("incremental", "kept")


@dataclass(frozen=True)
class PageRecord:
    """What the last build wrote for one article or listing page."""

    key: str  # view_key (articles) or the listing's fingerprint
    dest: str  # output file, relative to site/
    sitemap: SitemapEntry | None  # None: not in the sitemap (withdrawn, internal)
    references: frozenset[str] = frozenset()  # docs paths its source text refers to


@dataclass
class Record:
    """The last production build: what every page was made from."""

    site_wide: str
    sources: dict[str, Signature]  # docs files' stat signatures, taken before the scan
    pages: dict[PageId, PageRecord] = field(default_factory=dict)
    bodies: dict[PageId, PageHTML] = field(default_factory=dict)  # feed items' bodies
    search: Any = None  # what each search index was made from (search.Earlier)
    format: str = _FORMAT


def load(cache_dir: Path | None) -> Record | None:
    """The sealed record of the last build, or ``None``."""
    if cache_dir is None:
        return None
    value = cache.Store(cache_dir / RECORD).get(_RECORD_KEY)
    if isinstance(value, Record) and value.format == _FORMAT:
        return value
    return None


def save(cache_dir: Path | None, record: Record) -> None:
    if cache_dir is None:
        return
    store = cache.Store(cache_dir / RECORD, load=False)  # the old one is replaced whole
    store.put(_RECORD_KEY, record)
    store.save()


def forget(cache_dir: Path | None) -> None:
    """Drop the record (a failed build: the next one is complete)."""
    if cache_dir is not None:
        with contextlib.suppress(OSError):
            (cache_dir / RECORD).unlink()


def view_key(view: Mapping[str, Any], versions: Iterable[str], upcoming: bool) -> str | None:
    """Digest of what an article's templates show, of its language versions and of whether
    its event is still to come (the page's "add to calendar", hooks/portal.py); ``None``
    when some value does not print its content (never a false match). The related cards
    are the build's frozen cards (``views.Cards``): each is printed once, not once per
    article showing it."""
    shown = cache.stable_repr(view)
    if cache.is_opaque(shown):
        return None
    return cache.key(_FORMAT, shown, cache.stable_repr(sorted(versions)), str(upcoming))


def changed_paths(now: Mapping[str, Signature], before: Mapping[str, Signature]) -> set[str]:
    """Docs files added, removed or changed between two stat listings."""
    return {p for p in now.keys() | before.keys() if now.get(p) != before.get(p)}


def stale(
    now: Mapping[str, Signature], before: Mapping[str, Signature], outputs: set[str]
) -> list[str]:
    """Files of ``site/`` that a clean build would not hold: left from the last build (same
    signature as before this one) and not an output of this build."""
    return sorted(
        rel
        for rel, signature in now.items()
        if before.get(rel) == signature
        and rel not in outputs
        and not rel.startswith(".")
        and not stat.S_ISDIR(signature[0])  # folders go when they are left empty
    )


def delete(site_dir: Path, files: Iterable[str]) -> None:
    """Delete ``files`` of ``site_dir``, then the folders left empty."""
    folders = set()
    for rel in files:
        path = site_dir / rel
        try:
            path.unlink()
        except OSError:
            continue
        folders.add(path.parent)
    for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        while folder != site_dir and site_dir in folder.parents:
            try:
                os.rmdir(folder)
            except OSError:
                break
            folder = folder.parent


# ---- the plan of one build ---------------------------------------------------------------------
@dataclass(frozen=True)
class Plan:
    """The articles of this build: their keys, those MkDocs gets and those it renders."""

    keys: dict[str, str | None]  # every article with a public page, by source path
    kept: set[str]  # handed to MkDocs: rendered, or only there for links to resolve
    rendered: set[str]
    changed: set[str] = field(default_factory=set)  # docs files added, removed or changed


def plan(state: Any) -> Plan:
    """The articles of the build of ``state`` (``newsroom.site.build.BuildState``),
    computed once (both language passes use it): with the last build's record, those the
    rules above render again, and those they link to."""
    if PLAN in state.memo:
        return state.memo[PLAN]
    corpus, registries = state.site.corpus, state.site.registries
    public = {
        src: entry for src, entry in corpus.entries.items() if entry.visibility.has_public_page
    }
    keys = {
        src: view_key(
            article_page(entry, corpus, registries, False, state.cards()),
            preview.versions({src}) & public.keys(),
            entry.article.event is not None and entry.article.event.start > corpus.now,
        )
        for src, entry in public.items()
    }
    record = state.record
    if record is None:
        made = Plan(keys, set(public), set(public))
    else:
        touched = changed_paths(state.sources_read or {}, record.sources)
        changed = preview.versions(touched)
        rendered = set()
        for src, key in keys.items():
            old = record.pages.get((public[src].article.lang, src))
            if (
                old is None
                or key is None
                or old.key != key
                or src in changed
                or not old.references.isdisjoint(changed)
            ):
                rendered.add(src)
        for lang in LANGUAGES:  # a feed now carries it, and its body was not kept
            rendered |= {s for s in feeds.in_feeds(corpus, lang) if (lang, s) not in record.bodies}
        rendered = preview.versions(rendered) & public.keys()
        docs = state.settings.docs_dir
        texts = {src: preview.source_text(docs / src) for src in rendered}
        for src in corpus.files.of_kind(Kind.PAGE):
            texts[src] = preview.source_text(docs / src)
        kept = preview.kept_articles(rendered, texts, set(public))
        made = Plan(keys, kept | rendered, rendered, touched)
    state.memo[PLAN] = made
    return made
