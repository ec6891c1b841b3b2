"""Hook: the portal frame of every page — identity footer, breadcrumbs, hreflang, sharing
metadata — plus a 404 page in each language and ``robots.txt``.

Display data only; the rules live in ``newsroom.site.portal``.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.toc import AnchorLink
from newsroom.common.frozen import freeze
from newsroom.common.wording import catalogue, section, text
from newsroom.content.paths import other_language
from newsroom.outputs import ical
from newsroom.site import build, portal, urls


def _settings(config) -> dict:
    return (config.extra.get("newsroom") or {}).get("portal") or {}


def on_config(config):
    for lang in ("vi", "en"):
        try:
            portal.identity((config.extra.get("newsroom") or {}).get("identity"), lang)
        except portal.IdentityError as error:
            raise PluginError(str(error)) from error
    return config


def _frame(config, lang: str) -> dict:
    """What every page of ``lang`` shows around its content: a new dict for the page's own
    values, around values made once per build (frozen: their printed form, part of every
    page key, is worked out once)."""
    site_url = build.state().settings.site_url

    def make() -> dict:
        newsroom = config.extra.get("newsroom") or {}
        return freeze(
            {
                "lang": lang,
                "identity": portal.identity(newsroom.get("identity"), lang),
                "links": portal.site_links(lang),
                "home": urls.home(lang),
                "other_home": urls.home(other_language(lang)),
                "site_url": site_url,
                "locale": text(lang, "site.locale"),
                "default_image": urls.absolute(site_url, portal.DEFAULT_IMAGE),
                "default_image_size": portal.DEFAULT_IMAGE_SIZE,
            }
        )

    return dict(build.state().once(("portal frame", lang), make))


@event_priority(-10)  # after hooks/pages.py and hooks/listings.py filled the article and listing
def on_page_context(context, page, config, nav):
    state = build.state()
    lang = build.current_language(config)
    frame = _frame(config, lang)
    site_url = state.settings.site_url
    own = portal.clean_url(page.url)
    others = {code: f.url for code, f in (getattr(page.file, "alternates", None) or {}).items()}
    frame["canonical"] = urls.absolute(site_url, own)
    frame["alternates"] = portal.alternates(site_url, lang, own, others)
    frame["breadcrumbs"] = _breadcrumbs(context, lang)
    entry = state.site.corpus.get(page.file.src_uri)
    article = entry.article if entry is not None else None
    image, alt, _default = portal.image_url(site_url, article)
    frame["image"], frame["image_alt"] = image, alt
    if article is not None:
        share = _settings(config).get("share") or {}
        frame["share"] = portal.share_links(
            frame["canonical"],
            article.title,
            lang,
            share.get("zalo", "https://sp.zalo.me/share_inline?url={url}"),
            share.get("facebook", "https://www.facebook.com/sharer/sharer.php?u={url}"),
        )
        if article.event is not None and article.event.start > state.site.corpus.now:
            frame["calendar"] = ical.event_path(article)  # "add to calendar" on its page
        if entry.visibility.value == "published":
            unit = state.site.registries.units[article.unit].label.get(lang)
            frame["jsonld"] = portal.news_article(
                article, site_url, frame["canonical"], frame["identity"]["agency"], unit
            )
    context["portal"] = frame
    if context.get("pressroom"):
        _press_room_contents(page, context["pressroom"], lang)
    return context


def _press_room_contents(page, pressroom: dict, lang: str) -> None:
    """The press room's sections are drawn by its template, not written in Markdown: add them
    to the page's table of contents, so that it lists every section, not only the first."""
    labels = section(lang, "press")
    sections = [("nr-pr-spokespersons", labels["spokespersons"])]
    sections += [(f"nr-pr-{s['id']}", s["title"]) for s in pressroom["sections"]]
    sections.append(("nr-pr-feeds", labels["feeds"]))
    toc = page.toc.items[0].children if page.toc.items else page.toc.items
    known = {link.id for link in toc}
    toc.extend(AnchorLink(title, anchor, 2) for anchor, title in sections if anchor not in known)


def _breadcrumbs(context, lang: str) -> list[dict[str, str]]:
    """Home › section › (this page) for articles; Home › all news › (this listing) for listings."""
    t = section(lang, "page")
    crumbs = [{"label": t["home"], "url": urls.home(lang)}]
    article, listing = context.get("article"), context.get("listing")
    if article:
        crumbs.append(dict(article["category"]))
        crumbs.append({"label": Markup.escape(article["title"]), "url": None})
    elif listing:
        if listing["kind"] != "all":
            crumbs.append({"label": t["all_news"], "url": urls.listing("all", None, lang)})
        crumbs.append({"label": listing["label"], "url": None})
    else:
        return []
    return crumbs


def on_template_context(context, template_name, config):
    if template_name != "404.html":
        return context
    lang = build.current_language(config)
    frame = _frame(config, lang)
    root = urlsplit(build.state().settings.site_url).path.rstrip("/") + "/"
    frame["not_found"] = [
        {
            "lang": code,
            "t": catalogue(code),
            "search": root + urls.prefix(code) + urls.SEARCH,
            "home": root + urls.prefix(code),
        }
        for code in (lang, other_language(lang))
    ]
    frame["canonical"] = None
    context["portal"] = frame
    context["t"] = catalogue(lang)
    # The language switch of a missing page leads to the other language's home page.
    switch = [
        {"name": text(code, "site.language_name"), "link": root + urls.prefix(code), "lang": code}
        for code in ("vi", "en")
    ]
    # static-i18n sets both the key and an attribute (which Jinja reads first): set both.
    config.extra["alternate"] = switch
    config.extra.alternate = switch
    return context


def on_post_template(output: str, template_name: str, config) -> str:
    if template_name == "404.html":
        build.state().not_found_pages[build.current_language(config)] = output
    return output


@event_priority(-200)  # after static-i18n built every language into the same site_dir
def on_post_build(config) -> None:
    """Each language's 404 page at its own place: static-i18n writes every language's
    ``404.html`` to the site root, so the last language built would win."""
    if not build.is_final_pass(config):
        return
    site_dir = Path(config.site_dir)
    for lang, output in build.state().not_found_pages.items():
        target = site_dir / urls.prefix(lang) / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(output, encoding="utf-8")
