"""Markdown to HTML with the site's own extensions, for reading what a page links to.

The build and ``newsroom check`` both need the links of a page as the reader gets them (raw
HTML included), before MkDocs has rendered anything; this renders the Markdown with the
extensions of ``mkdocs.yml`` (MkDocs' own always-on ones included). Only pages that can
mention an unpublished article or a private file are rendered (see ``newsroom.content.corpus``).
"""

from __future__ import annotations

from typing import Any

import markdown

#: Extensions MkDocs always loads in addition to the configured ones.
MKDOCS_BUILTINS = ("toc", "tables", "fenced_code")


def extensions_from(config: Any) -> tuple[tuple[str, dict[str, Any]], ...]:
    """``(name, options)`` of every Markdown extension of a MkDocs config.

    Accepts MkDocs' validated config (names plus ``mdx_configs``) and the raw YAML the CLI
    reads (strings and one-key mappings). Options that are not plain data (a slugify
    function, or a tag the CLI's loader ignored) are left out: they change ids, not links.
    """
    configs = config.get("mdx_configs") or {}
    found: dict[str, dict[str, Any]] = {name: {} for name in MKDOCS_BUILTINS}
    for item in config.get("markdown_extensions") or ():
        if isinstance(item, str):
            name, options = item, configs.get(item) or {}
        elif isinstance(item, dict) and len(item) == 1:
            name, options = next(iter(item.items()))
            options = options or {}
        else:
            continue
        found[name] = {
            k: v for k, v in options.items() if isinstance(v, str | int | float | bool | list)
        }
    return tuple(found.items())


class Renderer:
    """Reusable Markdown converter (one instance per scan)."""

    def __init__(self, extensions: tuple[tuple[str, dict[str, Any]], ...]) -> None:
        self._md = markdown.Markdown(
            extensions=[name for name, _ in extensions],
            extension_configs={name: options for name, options in extensions if options},
        )

    def __call__(self, text: str) -> str:
        self._md.reset()
        return self._md.convert(text)
