"""Hook: feeds, OPML and iCalendar files, and the template data of the press room pages.

Thin adapter over ``newsroom.outputs.feeds``, ``opml``, ``ical``, ``directory`` and ``pressroom``.
static-i18n builds once per language (the English build nested in the Vietnamese
``on_post_build``, with the same ``config.site_dir``), so each pass writes its own language's
feeds under ``urls.feed(...)`` (``feeds/…`` or ``en/feeds/…``) and the Vietnamese pass also
writes the OPML directory and the press-conference calendar. An item's body is its page's
body as MkDocs rendered and the sanitising hook cleaned it, recorded in ``on_page_content``
(``newsroom.outputs.feed_content``): articles are rendered once. Feeds are never written by
``mkdocs serve``: the preview shows drafts, feeds must never carry them.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority, get_plugin_logger
from newsroom.content.settings import DEFAULT_LANGUAGE
from newsroom.outputs import directory, feed_content, feed_lifecycle, feeds, ical, opml, podcast
from newsroom.site import build, incremental, pressroom, urls

log = get_plugin_logger("newsroom.feeds")

PRESSROOM_TEMPLATE = "pressroom.html"
FEEDS_TEMPLATE = "feeds.html"
#: The feed documents earlier builds made (newsroom.outputs.feeds.render_feeds).
FEED_CACHE = "feeds.pickle"


def on_page_context(context, page, config, nav):
    template = page.meta.get("template")
    if template not in (PRESSROOM_TEMPLATE, FEEDS_TEMPLATE):
        return context
    site = build.state().site
    lang = build.current_language(config)
    if template == PRESSROOM_TEMPLATE:
        context["pressroom"] = pressroom.context(site.corpus, lang)
    else:
        context["feed_directory"] = directory.page_context(site.registries, site.settings, lang)
    return context


@event_priority(-200)  # last: after hooks/sanitize.py (-50) and every other page hook
def on_page_content(html: str, page, config, files) -> str:
    state = build.state()
    if state.preview:
        return html  # `mkdocs serve` never writes feeds: they must never carry drafts
    lang = build.current_language(config)
    # the articles some feed carries: only their bodies are kept
    carried = state.once(("in-feeds", lang), lambda: feeds.in_feeds(state.site.corpus, lang))
    if page.file.src_uri in carried:
        body = feed_content.PageHTML(page.url, html)
        feed_content.record(state.memo, lang, page.file.src_uri, body)
    return html


@event_priority(0)  # before static-i18n (-100) starts the nested English build
def on_post_build(config) -> None:
    state = build.state()
    if state.preview:
        log.info("preview: feeds, OPML and iCalendar are not written")
        return
    lang = build.current_language(config)
    corpus = state.site.corpus
    pages = dict(feed_content.recorded(state.memo, lang))
    carried = state.memo.setdefault(incremental.BODIES, {})
    for src_uri in feeds.in_feeds(corpus, lang):
        if src_uri not in pages and state.record is not None:  # a page kept from the last build
            body = state.record.bodies.get((lang, src_uri))
            if body is not None:
                pages[src_uri] = body
        if src_uri in pages:
            carried[(lang, src_uri)] = pages[src_uri]  # for the next incremental build
    missing = sorted(feeds.in_feeds(corpus, lang) - pages.keys())  # `mkdocs build --dirty`
    if missing:
        log.warning("%d feed items have no body (pages not rendered): %s", len(missing), missing[0])
    files = feeds.render_feeds(corpus, lang, pages, state.store(FEED_CACHE))
    feed_lifecycle.amend(files, corpus, lang)  # withdrawal notices and lead images
    files[podcast.path(lang)] = podcast.render(corpus, lang)
    if lang == DEFAULT_LANGUAGE:
        for fmt, path in opml.FILES.items():  # one format per directory
            files[path] = opml.render(corpus, fmt)
        files[urls.PRESS_CONFERENCES_ICS] = ical.render(corpus)
        for article in ical.press_conferences(corpus):  # "add to calendar", one event each
            files[ical.event_path(article)] = ical.render(corpus, only=article)
    _write(Path(config.site_dir), files)
    log.debug("%d feed files written for '%s'", len(files), lang)


def _write(site_dir: Path, files: dict[str, bytes]) -> None:
    for path, content in sorted(files.items()):
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
