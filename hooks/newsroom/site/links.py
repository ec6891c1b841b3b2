"""Links in English pages that point at Vietnamese-only content.

With static-i18n's fallback off, the English build holds only English pages, so a link from
an English translation to an untranslated article (or to an asset kept at the site root)
would break. Such links are rewritten to the Vietnamese page, marked with ``hreflang="vi"``
and a visible note, so the reader knows the page is in Vietnamese.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable

from ..content.paths import resolve

_INLINE_LINK = re.compile(r"(!?\[[^\]]*\])\(\s*([^)\s]+)((?:\s+\"[^\"]*\")?)\s*\)(\{[^}]*\})?")


def relative_url(from_url: str, to_path: str) -> str:
    """Relative URL from the page at ``from_url`` (``en/a/b/``) to ``to_path`` (site-relative)."""
    base = from_url if from_url.endswith("/") else posixpath.dirname(from_url) + "/"
    relative = posixpath.relpath("/" + to_path, "/" + base)
    return relative + ("/" if to_path.endswith("/") and not relative.endswith("/") else "")


def rewrite_for_translation(
    markdown: str,
    src_uri: str,
    page_url: str,
    target_url: Callable[[str], tuple[str, bool] | None],
    note: str,
) -> str:
    """Rewrite relative links of an English page that have no English target.

    ``target_url(docs_path)`` returns ``(site_url, is_vietnamese_only)`` for a docs path,
    or ``None`` to leave the link alone.
    """
    folder = posixpath.dirname(src_uri)

    def replace(match: re.Match[str]) -> str:
        text, target, title, attrs = match.groups()
        if "://" in target or target.startswith(("#", "mailto:", "tel:", "/")):
            return match.group(0)
        path, _, anchor = target.partition("#")
        docs_path = resolve(folder, path)
        found = target_url(docs_path) if docs_path else None
        if found is None:
            return match.group(0)
        site_url, vietnamese_only = found
        new_target = relative_url(page_url, site_url) + (f"#{anchor}" if anchor else "")
        if not vietnamese_only or text.startswith("!"):
            return f"{text}({new_target}{title}){attrs or ''}"
        marked = f"{text[:-1]} ({note})]"
        return f'{marked}({new_target}{title}){{hreflang="vi" lang="vi"}}'

    return _INLINE_LINK.sub(replace, markdown)
