"""Hook: give every page what its template shows (article header, banners, wording, feeds).

Display only: the article view model is computed by ``newsroom.site.views`` from the corpus.
"""

from __future__ import annotations

from markupsafe import escape
from mkdocs.plugins import event_priority
from newsroom.common.frozen import FrozenDict, freeze
from newsroom.common.text import nfc
from newsroom.common.wording import catalogue, text
from newsroom.content.paths import translation_of
from newsroom.site import build, fragments, links, preview, urls
from newsroom.site.views import article_page


@event_priority(100)  # NFC before any other plugin reads the text
def on_page_markdown(markdown: str, page, config, files) -> str:
    markdown = nfc(markdown)
    lang = build.current_language(config)
    if build.state().site.corpus.get(page.file.src_uri) is not None:
        page.meta.setdefault("hide", ["navigation"])  # articles are not in the navigation
        if build.incremental_build():  # what a later build checks (newsroom.site.incremental)
            found = preview.references(page.file.src_uri, markdown)
            build.state().references[(lang, page.file.src_uri)] = found
    if lang == "vi":
        return markdown
    corpus = build.state().site.corpus
    note = text(lang, "page.vietnamese_only")

    def target(docs_path: str) -> tuple[str, bool] | None:
        is_page = docs_path.endswith(".md")
        if is_page and files.get_file_from_path(translation_of(docs_path, lang)) is not None:
            return None  # the English page exists: MkDocs resolves it
        entry = corpus.get(docs_path)
        if entry is not None:
            return entry.article.url, True
        if not is_page and (build.state().settings.docs_dir / docs_path).exists():
            return docs_path, False  # an asset published once, at the site root
        return None

    return links.rewrite_for_translation(markdown, page.file.src_uri, page.url, target, note)


def on_env(env, config, files):
    """The navigation sidebar is rendered once per pass for the pages outside it."""
    fragments.start_pass(env)
    return env


def on_page_context(context, page, config, nav):
    state = build.state()
    lang = build.current_language(config)
    registries = state.site.registries
    context["t"] = catalogue(lang)
    context["nr"] = _site_links(state, lang)
    entry = state.site.corpus.get(page.file.src_uri)
    if entry is not None:
        context["article"] = article_page(
            entry, state.site.corpus, registries, state.preview, state.cards()
        )
    return context


def _site_links(state: build.BuildState, lang: str) -> FrozenDict:
    """The portal's own links in ``lang``: the same on every page of a build (frozen: its
    printed form, part of every page key, is worked out once)."""

    def make() -> FrozenDict:
        return freeze(
            {
                "lang": lang,
                "preview": state.preview,
                "feeds": {fmt: urls.feed(fmt, lang) for fmt in ("rss", "atom", "json")},
                "home": urls.home(lang),
                "press_room": urls.prefix(lang) + urls.PRESS_ROOM,
                "search": urls.prefix(lang) + urls.SEARCH,
                "all_news": urls.listing("all", None, lang),
                "sections": [
                    {"label": term.label.get(lang), "url": urls.listing("category", key, lang)}
                    for key, term in state.site.registries.categories.items()
                ],
            }
        )

    return state.once(("site links", lang), make)


@event_priority(-100)  # after rendering, before any template prints a title
def on_page_content(html: str, page, config, files) -> str:
    """Titles and summaries are text: escape them once, as Markup, for every template.

    MkDocs' Jinja environment does not autoescape and Material prints ``page.title`` and
    ``page.meta.title`` raw, so a title like ``A <b>`` would otherwise become markup.
    """
    entry = build.state().site.corpus.get(page.file.src_uri)
    title = entry.article.title if entry else (page.title or "")
    page.title = page.meta["title"] = escape(nfc(str(title)))
    if entry is not None:
        page.meta["description"] = escape(entry.article.summary)
    elif "description" in page.meta:
        page.meta["description"] = escape(nfc(str(page.meta["description"])))
    return html
