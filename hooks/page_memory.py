"""Hook: a page's HTML waits for its template compressed, and is let go once written.

MkDocs converts every page's Markdown before it renders any template, so every page's HTML
is in memory at once, and then again for the whole of the next language's pass (static-i18n
builds English inside the Vietnamese ``on_post_build``). At 20,000 articles that was the
largest part of the build's memory. Here:

- once every hook has seen a page's HTML (``on_page_content``, last), its Markdown source is
  dropped and, when MkDocs has stored the HTML (at the next page's conversion, or before
  the templates start), the HTML is kept zlib-compressed instead;
- before any hook fills the page's template context (``on_page_context``, first), it is
  restored, byte for byte;
- once the page is written (``on_post_page``, last), it is dropped;
- once every page of a language is written and its anchors checked (``on_post_build``,
  before static-i18n starts the next language), so are its table of contents and anchors.

Nothing reads a page's HTML or Markdown outside these events (the feeds keep their own copy
of the bodies, the search index reads the written pages).
"""

from __future__ import annotations

import zlib

from mkdocs.plugins import event_priority

#: The attribute holding a page's compressed HTML between conversion and template.
_PACKED = "newsroom_packed_content"
#: The page converted last: MkDocs stores its HTML after the last ``on_page_content``.
_pending: list = []
#: The files of the language pass being built (``on_env``), until its ``on_post_build``.
_built: list = []


def _pack_pending() -> None:
    while _pending:
        page = _pending.pop()
        if isinstance(page.content, str):
            setattr(page, _PACKED, zlib.compress(page.content.encode("utf-8"), 1))
            page.content = None


@event_priority(-5000)  # after every other hook and plugin read the HTML and the Markdown
def on_page_content(html: str, page, config, files) -> str:
    _pack_pending()
    page.markdown = None
    _pending.append(page)
    return html


@event_priority(5000)  # before anything else is built from the converted pages
def on_env(env, config, files):
    _pack_pending()
    _built[:] = [files]
    return env


@event_priority(5000)  # before any hook fills the context from the page
def on_page_context(context, page, config, nav):
    packed = getattr(page, _PACKED, None)
    if packed is not None:
        page.content = zlib.decompress(packed).decode("utf-8")
        setattr(page, _PACKED, None)
    return context


@event_priority(-5000)  # after every other hook has seen the page's output
def on_post_page(output: str, page, config) -> str:
    page.content = None
    return output


@event_priority(-50)  # before static-i18n (-100) builds the next language in this one's event
def on_post_build(config) -> None:
    while _built:
        for file in _built.pop().documentation_pages():
            page = file.page
            if page is not None:
                page.toc = []  # what an unconverted page holds
                page.present_anchor_ids = None
                page.links_to_anchors = None
