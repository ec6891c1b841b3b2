"""Parts of Material's pages rendered once per pass for the pages they read the same for: the
navigation sidebar, and the configuration script (``__config``) for each relative base.

Every page carries a ``<script id="__config">`` with Material's settings for its scripts
(the base address relative to the page, features, the search's phrases in the pass's
language): the template (Material's ``config`` block, called through :func:`kept`) reads
nothing else of the page than its relative base, so it is rendered once per base in a pass
(0.07 ms of an article page's 1.1 ms). The worker's address it prints (through MkDocs'
``url`` filter, relative to the page) follows from that base because no page lives under
``assets/`` (a reserved root: ``newsroom.content.corpus.RESERVED_ROOTS``).

Every page carries the site's navigation (``partials/nav.html``): rendering it is about a
tenth of the time Jinja spends on an article's page (1.46 ms with it, 1.33 ms with it kept,
measured on one core alone). Articles and listing pages are not in
the navigation (``not_in_nav``), so for them the sidebar reads nothing of the page but the
links it makes relative to it: the navigation itself, the configuration and the language are
those of the pass. Such a page's sidebar is kept under the relative forms of every address it
can print (each navigation entry, the home page, the logo), and the next page whose links read
the same gets the same HTML. A page in the navigation (the sidebar marks it, or shows its
table of contents) is always rendered. The template (``overrides/main.html``) calls
:func:`navigation` exactly where Material includes the partial, and includes it itself when
the hooks did not register it (:data:`ENABLED`): ``tests/test_portal_build.py`` builds both
ways and finds every file the same, byte for byte.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from typing import Any

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

#: The partial this module renders, as Material's ``base.html`` includes it.
PARTIAL = "partials/nav.html"
#: Registered for every pass (``start_pass``); the tests turn it off to build without it.
ENABLED = True
#: The sidebars of the current pass, by the relative forms of the addresses they print.
_kept: dict[tuple[str | None, ...], Markup] = {}
#: The parts rendered through :func:`kept` in the current pass, by name and what they read.
_parts: dict[tuple[str, Hashable], Markup] = {}


def start_pass(env: Environment) -> None:
    """A pass (a language, or a preview's rebuild) starts: forget the last one's sidebars
    (another navigation, configuration or language) and let the templates ask for them."""
    _kept.clear()
    _parts.clear()
    if ENABLED:
        env.globals["nr_navigation"] = navigation
        env.globals["nr_kept"] = kept


def kept(name: str, reads: Hashable, render: Callable[[], str]) -> Markup:
    """The part ``name`` of a page, rendered by ``render`` (a template block's ``super``)
    for the first page of this pass whose values it reads (``reads``) are these, and kept
    for the next ones. The template says what the part reads: everything else it reads
    must be the pass's (its configuration and language)."""
    key = (name, reads)
    if key not in _parts:
        _parts[key] = Markup(render())
    return _parts[key]


@pass_context
def navigation(context: Context) -> Markup:
    """The rendered partial: kept from an earlier page of this pass whose links read the
    same, else rendered here as Material's ``{% include %}`` renders it."""
    key = _key(context)
    if key is not None and key in _kept:
        return _kept[key]
    template = context.environment.get_template(PARTIAL)
    html = Markup("".join(template.root_render_func(template.new_context(context.get_all(), True))))
    if key is not None:
        _kept[key] = html
    return html


def _key(context: Context) -> tuple[str | None, ...] | None:
    """The relative form of every address the sidebar can print, for a page outside the
    navigation; ``None`` for a page in it (or a template context without one)."""
    page, nav, config = context.get("page"), context.get("nav"), context.get("config")
    if page is None or nav is None or config is None or page in getattr(nav, "pages", [page]):
        return None
    url = context.environment.filters["url"]
    addresses = [getattr(item, "url", None) for item in _entries(nav.items)]
    if getattr(nav, "homepage", None) is not None:
        addresses.append(nav.homepage.url)
    extra = config.get("extra") or {}
    addresses.append(extra.get("homepage"))
    addresses.append(config["theme"].get("logo"))
    return tuple(url(context, address) if address else None for address in addresses)


def _entries(items: Iterable[Any]) -> Iterator[Any]:
    """Every page, section and link of the navigation, depth first."""
    for item in items:
        yield item
        yield from _entries(getattr(item, "children", None) or ())
