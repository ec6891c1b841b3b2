"""MkDocs' ``Page.render`` with one Markdown converter per process, reset between pages.

MkDocs makes a new ``markdown.Markdown`` with the site's extensions for every page it
converts: 0.42 ms, a third of converting an article of the benchmark corpus (1.17 ms), about
7 s of CPU in a clean 10,000-article build. Python-Markdown's ``reset`` is there to reuse one:
it empties the raw-HTML stash and the link references and resets every extension that keeps
state between documents (footnotes, the table of contents, superfences' stash).

:func:`render` does what MkDocs 1.6's ``Page.render`` does, with that converter. MkDocs' own
per-page processors (anchors, relative links, the title, raw HTML's ids) are made for each
page and registered under the names MkDocs gives them, replacing the last page's. A new
converter is made when the pass's extensions change (another language's configuration, a
preview's reload). ``tests/test_markdown_render.py`` builds the fixture site both ways and
finds every file the same; converting 6,000 pages (the benchmark corpus, this repository's
pages, the hostile fixtures) fresh and reused gave the same HTML and table of contents.
"""

from __future__ import annotations

import logging
from typing import Any

import markdown
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.toc import get_toc

#: Off: MkDocs' own ``Page.render`` (the tests compare).
ENABLED = True
#: The converter of this process, with the extension list and settings it was made from.
_kept: tuple[Any, Any, markdown.Markdown] | None = None
_mkdocs_log = logging.getLogger(mkdocs_pages.__name__)


def converter(extensions: Any, settings: Any) -> markdown.Markdown:
    """The kept converter, reset, if it was made from these very objects; else a new one."""
    global _kept
    if _kept is not None and _kept[0] is extensions and _kept[1] is settings:
        return _kept[2].reset()
    made = markdown.Markdown(extensions=extensions, extension_configs=settings)
    _kept = (extensions, settings, made)
    return made


def render(page: Any, config: Any, files: Any) -> None:
    """Convert ``page``'s Markdown as ``Page.render`` does, leaving on it what it leaves."""
    if page.markdown is None:
        raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
    md = converter(config["markdown_extensions"], config["mdx_configs"] or {})
    raw_html = mkdocs_pages._RawHTMLPreprocessor()
    raw_html._register(md)
    anchors = mkdocs_pages._ExtractAnchorsTreeprocessor(page.file, files, config)
    anchors._register(md)
    relative = mkdocs_pages._RelativePathTreeprocessor(page.file, files, config)
    relative._register(md)
    title = mkdocs_pages._ExtractTitleTreeprocessor()
    title._register(md)
    page.content = md.convert(page.markdown)
    page.toc = get_toc(getattr(md, "toc_tokens", []))
    page._title_from_render = title.title
    page.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
    if _mkdocs_log.getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = relative.links_to_anchors
