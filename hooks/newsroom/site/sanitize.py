"""Allow-list HTML sanitiser for article bodies (raw HTML editors paste into Markdown).

Everything not explicitly allowed goes: ``<script>`` and friends with their content, ``on*``
and ``style`` attributes, ``javascript:``/``data:`` URLs, iframes from hosts not listed in the
config. Unknown harmless tags are unwrapped (their text stays). The caller learns what was
removed, so the editor is told (file and line) instead of losing content silently.
"""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser
from urllib.parse import urlsplit

from ..content import urlpolicy

ALLOWED_TAGS = frozenset(
    (
        "a abbr b blockquote br caption cite code dd del details div dl dt em figcaption "
        "figure h1 h2 h3 h4 h5 h6 hr i iframe img ins kbd li mark ol p pre q s samp small "
        "span strong sub summary sup table tbody td tfoot th thead time tr u ul "
        "video audio source track"  # the site's own media with captions (newsroom.content.media)
    ).split(" ")
)
#: Dropped together with everything inside them.
DROP_WITH_CONTENT = frozenset(
    (
        "script style object embed applet form input button textarea select option noscript "
        "template frame frameset link meta base svg math"
    ).split(" ")
)
VOID_TAGS = frozenset({"br", "hr", "img", "source", "track"})
GLOBAL_ATTRS = frozenset({"id", "class", "title", "lang", "dir"})
TAG_ATTRS = {
    "a": {"href", "rel", "hreflang", "target"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start", "type", "reversed"},
    "iframe": {"src", "width", "height", "title", "allow", "allowfullscreen", "loading"},
    "time": {"datetime"},
    "details": {"open"},
    "q": {"cite"},
    "blockquote": {"cite"},
    "video": {"src", "controls", "width", "height", "poster", "preload"},
    "audio": {"src", "controls", "preload"},
    "source": {"src", "type"},
    "track": {"src", "kind", "srclang", "label", "default"},
}
URL_ATTRS = frozenset({"href", "src", "cite", "poster"})
#: The one inline style Markdown itself writes (aligned table columns).
_TABLE_ALIGN = re.compile(r"^\s*text-align:\s*(left|right|center)\s*;?\s*$")


class _Sanitizer(HTMLParser):
    def __init__(self, iframe_hosts: frozenset[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.iframe_hosts = iframe_hosts
        self.out: list[str] = []
        self.removed: list[str] = []
        self.drop_depth = 0
        self.drop_tag: str | None = None

    # -- tags -------------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.drop_depth:
            if tag == self.drop_tag:
                self.drop_depth += 1
            return
        if tag in DROP_WITH_CONTENT or (tag == "iframe" and not self._iframe_ok(attrs)):
            self.removed.append(self._describe_drop(tag, attrs))
            if tag not in VOID_TAGS and tag not in {"input", "link", "meta", "base", "embed"}:
                self.drop_depth, self.drop_tag = 1, tag
            return
        if tag not in ALLOWED_TAGS:
            self.removed.append(f"<{tag}>")
            return
        self.out.append(f"<{tag}{self._attributes(tag, attrs)}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """``<x/>``: nothing inside, so a forbidden tag drops only itself."""
        if self.drop_depth:
            return
        if tag in DROP_WITH_CONTENT or (tag == "iframe" and not self._iframe_ok(attrs)):
            self.removed.append(self._describe_drop(tag, attrs))
            return
        self.handle_starttag(tag, attrs)
        if tag in ALLOWED_TAGS and tag not in VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.drop_depth:
            if tag == self.drop_tag:
                self.drop_depth -= 1
                if not self.drop_depth:
                    self.drop_tag = None
            return
        if tag in VOID_TAGS or tag in DROP_WITH_CONTENT:
            return
        if tag in ALLOWED_TAGS or tag == "iframe":
            self.out.append(f"</{tag}>")

    # -- content ----------------------------------------------------------------------------
    def handle_data(self, data: str) -> None:
        if not self.drop_depth:
            self.out.append(escape(data, quote=False))

    def handle_comment(self, data: str) -> None:
        """Comments are dropped (conditional comments can carry markup)."""

    def handle_decl(self, decl: str) -> None:
        """Declarations are dropped."""

    def handle_pi(self, data: str) -> None:
        """Processing instructions are dropped."""

    # -- helpers ----------------------------------------------------------------------------
    def _attributes(self, tag: str, attrs: list[tuple[str, str | None]]) -> str:
        allowed = GLOBAL_ATTRS | TAG_ATTRS.get(tag, set())
        parts = []
        for name, value in attrs:
            if name == "style" and tag in {"td", "th"} and _TABLE_ALIGN.match(value or ""):
                parts.append(f' style="{escape(value or "")}"')
                continue
            if name not in allowed:
                self.removed.append(f"{name}=… trên <{tag}>")
                continue
            if name in URL_ATTRS and value is not None and not urlpolicy.is_allowed(value):
                self.removed.append(f"{name}={value.strip()[:40]!r} trên <{tag}>")
                continue
            parts.append(f" {name}" if value is None else f' {name}="{escape(value)}"')
        if tag == "a" and any(n == "target" for n, _ in attrs):
            parts.append(' rel="noopener noreferrer"')
        return "".join(parts)

    def _iframe_ok(self, attrs: list[tuple[str, str | None]]) -> bool:
        src = dict(attrs).get("src") or ""
        parts = urlsplit(src.strip())
        return parts.scheme == "https" and (parts.hostname or "") in self.iframe_hosts

    @staticmethod
    def _describe_drop(tag: str, attrs: list[tuple[str, str | None]]) -> str:
        if tag == "iframe":
            host = urlsplit((dict(attrs).get("src") or "").strip()).hostname or "?"
            return f"<iframe> từ {host}"
        return f"<{tag}>"


def sanitize_html(
    html: str, iframe_hosts: tuple[str, ...] | frozenset[str] = ()
) -> tuple[str, list[str]]:
    """Return ``html`` restricted to the allow-list, and a description of what was removed."""
    parser = _Sanitizer(frozenset(iframe_hosts))
    parser.feed(html)
    parser.close()
    return "".join(parser.out), parser.removed


def locate(markdown: str, removed: str) -> int:
    """0-based line of the first place in ``markdown`` that produced ``removed`` (best effort).

    ``removed`` is one of the descriptions made above: ``<tag>``, ``<iframe> từ host``,
    ``name=… trên <tag>`` or ``name='value' trên <tag>``.
    """
    if removed.startswith("<"):
        probe = removed[: removed.index(">")]  # "<script", "<iframe"
    else:
        name, _, rest = removed.partition("=")
        value = rest.split(" trên ", 1)[0]
        probe = value.strip("'\"")[:20] if value.startswith(("'", '"')) else f"{name}="
    index = markdown.lower().find(probe.lower())
    return markdown.count("\n", 0, index) if index >= 0 else 0
