"""The Content-Security-Policy of a release: no ``unsafe-inline`` for scripts.

The theme writes a few inline scripts (Material's ``__md_scope`` set-up, which differs by
page depth, its palette and tab restorers, our press room's copy button) and one inline
``onclick`` handler (the print button). They are allowed one by one, by the SHA-256 of their
exact text as found in the built pages, so any other inline script — one slipped into an
article, say — is refused by the browser.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_HANDLER = re.compile(r"""\son[a-z]+\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_TAG = re.compile(r"<[a-zA-Z][^>]*>")
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
#: Script types a browser executes (others, like ``application/json``, are data blocks).
_EXECUTED = {"", "text/javascript", "application/javascript", "module"}


def sha256(text: str) -> str:
    """The CSP source expression for ``text``: ``'sha256-…'``."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


@dataclass
class InlineCode:
    """The hashes of the inline scripts and event handlers found in some pages."""

    scripts: set[str] = field(default_factory=set)
    handlers: set[str] = field(default_factory=set)

    def add_page(self, text: str) -> None:
        for attributes, body in _SCRIPT.findall(text):
            if re.search(r"\bsrc\s*=", attributes, re.IGNORECASE):
                continue
            kind = _TYPE.search(attributes)
            if (kind.group(1).lower() if kind else "") in _EXECUTED:
                self.scripts.add(sha256(body))
        for tag in _TAG.findall(_SCRIPT.sub("", text)):
            for double, single in _HANDLER.findall(tag):
                self.handlers.add(sha256(html.unescape(double or single)))

    def update(self, other: InlineCode) -> None:
        self.scripts |= other.scripts
        self.handlers |= other.handlers


def missing_from(inline: InlineCode, config_text: str) -> list[str]:
    """Hashes of ``inline`` that a written configuration does not allow yet."""
    return sorted(h for h in inline.scripts | inline.handlers if h not in config_text)


def scan(site: Path) -> InlineCode:
    """Every inline script and handler of every HTML page under ``site``."""
    found = InlineCode()
    for page in sorted(site.rglob("*.html")):
        if page.is_file() and not page.is_symlink():
            found.add_page(page.read_text(encoding="utf-8", errors="replace"))
    return found


def policy(
    inline: InlineCode,
    frame_hosts: Iterable[str] = (),
    monitoring_origin: str | None = None,
    upgrade_insecure: bool = False,
) -> str:
    """The policy: everything from the site itself, nothing inline that was not hashed.

    Pagefind runs WebAssembly, which needs ``'wasm-unsafe-eval'`` (it allows compiling
    WebAssembly only, not JavaScript's ``eval``). The EMC monitoring origin is added to
    scripts, images and connections only when the snippet is on.
    """
    extra = [monitoring_origin] if monitoring_origin else []
    scripts = ["'self'", "'wasm-unsafe-eval'", *sorted(inline.scripts)]
    if inline.handlers:
        scripts += ["'unsafe-hashes'", *sorted(inline.handlers)]
    frames = [f"https://{host}" for host in frame_hosts]
    directives = [
        ("default-src", ["'none'"]),
        ("script-src", scripts + extra),
        ("style-src", ["'self'"]),
        ("img-src", ["'self'", "data:", *extra]),
        ("font-src", ["'self'"]),
        ("connect-src", ["'self'", *extra]),
        ("media-src", ["'self'"]),
        ("manifest-src", ["'self'"]),
        ("worker-src", ["'self'"]),
        ("frame-src", frames or ["'none'"]),
        ("object-src", ["'none'"]),
        ("base-uri", ["'self'"]),
        ("form-action", ["'self'"]),
        ("frame-ancestors", ["'none'"]),
    ]
    text = "; ".join(f"{name} {' '.join(values)}" for name, values in directives)
    return text + ("; upgrade-insecure-requests" if upgrade_insecure else "")
