"""Hook: collect every public page of both language builds, then write one sitemap."""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority
from newsroom.content.visibility import Visibility
from newsroom.outputs.sitemap import SitemapEntry, git_lastmod, write
from newsroom.site import build


def on_post_page(output: str, page, config) -> str:
    state = build.state()
    if state.preview:
        return output
    lang = build.current_language(config)
    made = _entry(page, state, lang)
    state.sitemap_pages[(lang, page.file.src_uri)] = made  # the incremental build's record
    if made is not None:
        state.sitemap_entries.append(made)
    return output


def _entry(page, state, lang: str) -> SitemapEntry | None:
    if page.meta.get("internal") or page.url.endswith("404.html"):
        return None  # internal pages (the editors' guide) are not advertised
    entry = state.site.corpus.get(page.file.src_uri)
    if entry is not None and entry.visibility is not Visibility.PUBLISHED:
        return None  # withdrawn pages keep their URL but are not advertised
    alternates = getattr(page.file, "alternates", None) or {lang: page.file}
    return SitemapEntry(
        url=page.url,
        lang=lang,
        lastmod=_lastmod(page, entry, state),
        alternates=tuple((code, f.url) for code, f in alternates.items()),
    )


def _lastmod(page, entry, state):
    """An article's last public update; a listing's newest item; a static page's last commit."""
    if entry is not None:
        return entry.article.updated
    articles = page.meta.get("newsroom_articles")
    if articles is not None:
        return max((a.updated for a in articles), default=None)
    committed = git_lastmod(Path(page.file.abs_src_path)) if page.file.abs_src_path else None
    return committed.astimezone(state.settings.timezone) if committed else None


@event_priority(-200)  # after static-i18n built every language and wrote its own sitemap
def on_post_build(config) -> None:
    if build.is_final_pass(config) and not build.state().preview:
        state = build.state()
        entries = list(state.sitemap_entries)
        if state.record is not None:  # pages kept from the last build: their recorded entries
            for page in state.pages_now.keys() - state.rendered:
                kept = state.record.pages[page].sitemap
                if kept is not None:
                    entries.append(kept)
        write(Path(config.site_dir), entries, state.settings.site_url)
