"""A language's pages converted and rendered from both ends at once, on two cores.

MkDocs converts every page's Markdown (``Page.render``) one page after another, from the
first; at 10,000 articles that is about 1.3 ms a page with the page cache's entry written
(``pagecache``), on one core. When a pass starts converting, a forked copy of the build
converts the same pages from the last one backwards and writes each result to the page
cache, while the build goes forwards; the build finds the copy's entries as it would an
earlier build's (the same key: the page's Markdown after every hook, and every file its
links resolved to). They meet in the middle: the copy stops at the first page the build has
reached (the build says how far it is in a shared counter), and the build converts the
pages the copy had not done. The copy is made by ``forking.run_in_copy``.

The copy runs the same page events as MkDocs up to the conversion (``on_pre_page``,
``on_page_markdown``: the hooks only compute). A page that logs a
warning while converting is not cached (``pagecache.render_and_record``), so the build
converts it itself and a strict build stops on it as before. A copy that fails only leaves
more pages to the build.

The templates go the same way (``start_templates``): once every page is converted and the
template environment is ready (``on_env``), a second copy renders the pages' templates from
the last one backwards and hands each page's HTML to the page cache as the build would
(``keep``), while the build renders from the first and finds the copy's pages by their key.
The copy runs the page context events (the build runs them again for every page: whatever
they report, the build reports) and renders; it writes no page of the site. A page whose
rendering logs a warning is not kept, so the build renders it itself. Before rendering, the
copy lets go of whatever the build would do alongside its pages (``detach``: the search
staging of written pages), which only the build may do.
"""

from __future__ import annotations

import mmap
import struct
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mkdocs.commands.build import get_context
from mkdocs.structure.pages import Page

from ..common import forking
from .pagecache import WarningCount

_COUNTER = struct.Struct("q")


@dataclass
class Copy:
    """The copy converting one pass's pages from the end, and how far the build is."""

    pid: int
    counter: mmap.mmap
    order: dict[str, int]  # the position of each page's source in the pass

    def reached(self, src_uri: str) -> None:
        """The build converts ``src_uri`` now."""
        position = self.order.get(src_uri)
        if position is not None:
            _COUNTER.pack_into(self.counter, 0, position)

    def stop(self) -> None:
        """The build has converted every page: the copy ends (it has, or is killed) and is
        reaped."""
        forking.end(self.pid)
        self.counter.close()


def start(config: Any, files: Any, pages: list[Any]) -> Copy | None:
    """Fork the copy converting ``pages`` (the pass's files, in MkDocs' order) from the last."""

    def convert(counter: mmap.mmap) -> None:
        # The collector stays on: each conversion leaves a Markdown instance full of
        # reference cycles (170 MB at 10,000 articles without it); what the build loaded
        # before the copy was made is frozen (``collector``), so collections do not walk it.
        _convert_from_the_end(config, files, pages, counter)

    return _start(pages, convert)


def start_templates(
    config: Any,
    nav: Any,
    pages: list[Any],
    env: Any,
    detach: Callable[[], None],
    keep: Callable[[Any, str], None],
) -> Copy | None:
    """Fork the copy rendering the templates of ``pages`` (the pass's files, in MkDocs'
    order) from the last; ``keep(page, html)`` hands a page's output to the page cache."""

    def render(counter: mmap.mmap) -> None:
        detach()
        _render_from_the_end(config, nav, pages, env, counter, keep)

    return _start(pages, render)


def _start(pages: list[Any], work: Callable[[mmap.mmap], None]) -> Copy | None:
    """Fork a copy doing ``work`` on ``pages`` from the last, with the counter it reads the
    build's position from; none for fewer than two pages or without ``fork``."""
    if len(pages) < 2 or not forking.AVAILABLE:
        return None
    counter = mmap.mmap(-1, _COUNTER.size)  # shared with the copy
    _COUNTER.pack_into(counter, 0, -1)

    def run() -> int:
        work(counter)
        return 0

    pid = forking.run_in_copy(run, 0)  # a copy that fails leaves pages to the build
    return Copy(pid, counter, {file.src_uri: i for i, file in enumerate(pages)})


def _build_is_near(counter: mmap.mmap, position: int) -> bool:
    """The build has reached the page before ``position`` (or beyond): the copy stops."""
    return bool(_COUNTER.unpack_from(counter, 0)[0] >= position - 1)


def _render_from_the_end(
    config: Any,
    nav: Any,
    pages: list[Any],
    env: Any,
    counter: mmap.mmap,
    keep: Callable[[Any, str], None],
) -> None:
    """Render pages from the last until the build is one page away, as
    ``mkdocs.commands.build._build_page`` does up to the page's output (not written)."""
    plugins = config.plugins
    for position in range(len(pages) - 1, -1, -1):
        if _build_is_near(counter, position):
            return
        page = pages[position].page
        if page is None:
            continue
        config._current_page = page
        warnings = WarningCount.counting()
        try:
            page.active = True
            context = get_context(nav, pages, config, page)
            template = env.get_template(page.meta.get("template", "main.html"))
            context = plugins.on_page_context(context, page=page, config=config, nav=nav)
            output = template.render(context)
        except Exception:  # the build renders it, and reports what is wrong
            return
        finally:
            warnings.stop()
            page.active = False
            config._current_page = None
            page.content = None  # kept compressed until now (page_memory): let go again
        if not warnings.count:
            keep(page, output)


def _convert_from_the_end(config: Any, files: Any, pages: list[Any], counter: mmap.mmap) -> None:
    """Convert pages from the last until the build is one page away (``Page.render``, as
    ``mkdocs.commands.build._populate_page`` does it: the page cache's hook stores each)."""
    plugins = config.plugins
    for position in range(len(pages) - 1, -1, -1):
        if _build_is_near(counter, position):
            return
        file = pages[position]
        page = file.page if file.page is not None else Page(None, file, config)
        config._current_page = page
        try:
            page = plugins.on_pre_page(page, config=config, files=files)
            page.read_source(config)
            page.markdown = plugins.on_page_markdown(
                page.markdown, page=page, config=config, files=files
            )
            page.render(config, files)
        except Exception:  # the build converts it, and reports what is wrong
            return
        finally:
            config._current_page = None
        _let_go(page)


def _let_go(page: Any) -> None:
    """Drop what converting left on the page: it is in the page cache, and the copy would
    otherwise hold every page it converted (half the pass) until it ends."""
    page.markdown = None
    page.content = None
    page.toc = []
    page.present_anchor_ids = None
    page.links_to_anchors = None
