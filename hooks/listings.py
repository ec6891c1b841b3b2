"""Hook: generated listing pages (category, type, unit, focus area, tag, year, all news) and
the home page's data, for the language being built.

Runs after static-i18n's ``on_files`` (-100): that plugin treats generated documentation
pages as unknown files, so they are added to the per-language file set it produced.
"""

from __future__ import annotations

from itertools import islice

from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from newsroom.content.paths import other_language
from newsroom.site import build, listings, urls
from newsroom.site.views import link, listing_page


@event_priority(-150)
def on_files(files: Files, config) -> Files:
    state = build.state()
    lang = build.current_language(config)
    other = other_language(lang)
    state.listing_pages.clear()  # this language pass's pages only
    pages = _listing_pages(state, lang)
    other_urls = {p.url for p in _listing_pages(state, other)}
    for page in pages:
        counterpart = urls.prefix(other) + page.url[len(urls.prefix(lang)) :]
        translation = counterpart if counterpart in other_urls else None
        files.append(build.generated_page(config, page.src_uri, page.markdown(), lang, translation))
        state.listing_pages[page.src_uri] = page
    _dirty_preview(files, state, lang, other_urls)
    return files


def _dirty_preview(files: Files, state: build.BuildState, lang: str, other: set[str]) -> None:
    """``make serve`` (``mkdocs serve --dirty``) renders a page again only when its source
    changed; pages that show other pages' data (home, press room: every page that is not an
    article) are rendered every time, a listing page when its articles changed, and every
    page when templates, config or registries changed. Runs after static-i18n, which
    replaces the language's ``File`` objects."""
    if not build.is_dirty_preview():
        return
    shown = build.article_digests()  # each article's digest, once (on several listings)
    for file in files.documentation_pages():
        listing = state.listing_pages.get(file.src_uri)
        if listing is not None:
            print_ = listings.fingerprint(listing, other, shown)
            same = build.generated_unchanged(lang, file.src_uri, print_)
            if state.partial and same:
                files.remove(file)  # the previous preview build's page stays
                del state.listing_pages[file.src_uri]
        elif file.generated_by:
            continue  # other generated pages are always rendered (MkDocs: they have content)
        elif (
            not state.partial
            or state.site.corpus.get(file.src_uri) is None  # static pages
            or file.src_uri in state.preview_changed  # saved, even if with an older time
        ):
            file.is_modified = build.always_modified


def _listing_pages(state: build.BuildState, lang: str) -> list[listings.ListingPage]:
    """One language's listing pages, computed once per build (both passes need both)."""
    site = state.site
    return state.once(
        ("listings", lang),
        lambda: listings.listing_pages(
            site.corpus, site.registries, lang, state.settings.page_size
        ),
    )


def on_page_context(context, page, config, nav):
    state = build.state()
    listing = state.listing_pages.get(page.file.src_uri)
    if listing is not None:
        context["listing"] = listing_page(listing, state.cards())
        page.meta["newsroom_articles"] = listing.articles  # the sitemap's lastmod
    elif page.meta.get("template") == "home.html":
        cards = state.cards()
        lang = build.current_language(config)
        articles = state.site.corpus.articles(lang)
        featured = [a for a in articles if a.featured][:4]
        not_featured = (a for a in articles if a not in featured)
        page.meta["newsroom_articles"] = articles[:16]
        context["home"] = {
            "featured": [cards(a) for a in featured],
            "latest": [cards(a) for a in islice(not_featured, 12)],
            "years": [
                link(str(y), urls.listing("year", str(y), lang))
                for y in sorted({a.year for a in articles}, reverse=True)
            ],
        }
    return context
