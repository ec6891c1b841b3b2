"""Hook: ``newsroom build`` after a recorded build renders only what changed.

The rules are in ``newsroom.site.incremental``. ``hooks/preview.py`` (45, before static-i18n)
hands MkDocs only the articles the plan keeps. Here, after static-i18n made each language's
files: which of those MkDocs renders, which listing pages it skips, every output of the
build; at the end, the files of ``site/`` that no longer belong to it are deleted and the
record of this build is written, for the next one.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from newsroom.common import cache
from newsroom.content.paths import other_language
from newsroom.site import build, incremental, listings

log = get_plugin_logger("newsroom")


@event_priority(-160)  # after static-i18n (-100), the listings and the plan pages (-150)
def on_files(files: Files, config) -> Files:
    """Note every output of this language pass and each article and listing page's key;
    when the last build's pages are kept, hand MkDocs only the listing pages whose articles
    changed, render the articles the plan chose, and leave alone those it kept only for
    their links (the content and preview hooks removed the others)."""
    if not build.incremental_build() or build.is_preview():
        return files
    state = build.state()
    lang = build.current_language(config)
    chosen = incremental.plan(state)
    record = state.record
    if record is not None and incremental.PLAN_LOGGED not in state.memo:
        state.memo[incremental.PLAN_LOGGED] = True
        log.info(
            f"dựng lại: {len(chosen.rendered)}/{len(chosen.keys)} bài / "
            f"incremental build: {len(chosen.rendered)} of {len(chosen.keys)} articles rendered"
        )
    other = other_language(lang)
    other_urls = {p.url for p in state.memo.get(("listings", other), [])}
    shown = build.article_digests()
    corpus = state.site.corpus
    for file in list(files):
        state.outputs.add(file.dest_uri)
        if not file.is_documentation_page():
            if file.src_uri in chosen.changed:  # copied even if its time is older than the copy
                file.is_modified = build.always_modified
            continue
        page = (lang, file.src_uri)
        listing = state.listing_pages.get(file.src_uri)
        if listing is not None:
            key = listings.fingerprint(listing, other_urls, shown)
            state.pages_now[page] = (key, file.dest_uri)
            old = record.pages.get(page) if record is not None else None
            if old is not None and old.key == key:
                files.remove(file)  # the last build's page stays
                del state.listing_pages[file.src_uri]
                continue
        elif corpus.get(file.src_uri) is not None:
            state.pages_now[page] = (chosen.keys.get(file.src_uri), file.dest_uri)
            if file.src_uri not in chosen.rendered:
                file.is_modified = build.never_modified  # there for its links to resolve
                continue
        if listing is not None or corpus.get(file.src_uri) is not None:
            state.rendered.add(page)
        if record is not None:
            file.is_modified = build.always_modified  # rendered whatever the modification times say
    return files


@event_priority(-250)  # after every other hook, static-i18n's nested passes included
def on_post_build(config) -> None:
    """Delete what the last build left and this one does not hold; record this build."""
    if not build.incremental_build() or build.is_preview() or not build.is_final_pass(config):
        return
    state = build.state()
    site_dir = Path(config.site_dir)
    if state.record is not None:
        after = cache.stat_listing(site_dir)
        left = incremental.stale(after, state.site_before, state.outputs)
        incremental.delete(site_dir, left)
        if left:
            log.info(
                f"dựng lại: xoá {len(left)} tệp cũ / incremental build: {len(left)} files "
                f"removed ({', '.join(left[:3])}{', …' if len(left) > 3 else ''})"
            )
        else:  # nothing written or deleted since: newsroom build records this listing
            build.hand_back(after)
    incremental.save(state.cache_dir, _record(state))


def _record(state: build.BuildState) -> incremental.Record:
    old = state.record
    pages = {}
    for page, (key, dest) in state.pages_now.items():
        if page in state.rendered or old is None or page not in old.pages:
            sitemap = state.sitemap_pages.get(page)
            references = state.references.get(page, frozenset())
        else:
            sitemap, references = old.pages[page].sitemap, old.pages[page].references
        pages[page] = incremental.PageRecord(key or "", dest, sitemap, references)
    return incremental.Record(
        build.incremental_build(),
        state.sources_read or {},
        pages,
        dict(state.memo.get(incremental.BODIES, {})),
        state.memo.get(incremental.SEARCH),
    )
