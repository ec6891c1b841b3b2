"""Hook: collect every public page of both language builds, then write one sitemap."""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority
from newsroom.content.visibility import Visibility
from newsroom.outputs.sitemap import SitemapEntry, git_lastmod, write
from newsroom.site import build


def on_post_page(output: str, page, config) -> str:
    state = build.state()
    if state.preview or page.meta.get("internal") or page.url.endswith("404.html"):
        return output  # internal pages (the editors' guide) are not advertised
    lang = build.current_language(config)
    entry = state.site.corpus.get(page.file.src_uri)
    if entry is not None and entry.visibility is not Visibility.PUBLISHED:
        return output  # withdrawn pages keep their URL but are not advertised
    alternates = getattr(page.file, "alternates", None) or {lang: page.file}
    state.sitemap_entries.append(
        SitemapEntry(
            url=page.url,
            lang=lang,
            lastmod=_lastmod(page, entry, state),
            alternates=tuple((code, f.url) for code, f in alternates.items()),
        )
    )
    return output


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
        write(Path(config.site_dir), state.sitemap_entries, state.settings.site_url)
