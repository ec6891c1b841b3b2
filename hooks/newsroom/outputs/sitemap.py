"""The sitemap: every public page once, with hreflang alternates and its real last change.

Replaces static-i18n's sitemap, whose ``<lastmod>`` is the build date for every URL (so two
builds of the same sources differ). Pages without a known change time get no ``<lastmod>``.
"""

from __future__ import annotations

import datetime as dt
import gzip
import subprocess
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from ..common import dates
from ..site import urls


@dataclass(frozen=True)
class SitemapEntry:
    url: str  # site-relative
    lang: str
    lastmod: dt.datetime | None
    alternates: tuple[tuple[str, str], ...]  # (lang, site-relative url), itself included


def git_lastmod(path: Path) -> dt.datetime | None:
    """Time of the last commit that changed ``path``; ``None`` outside git or if uncommitted.

    Used for static pages, which carry no dates of their own (CI clones with full history).
    """
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%cI", "--", path.name],
            cwd=path.parent,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    stamp = result.stdout.strip()
    return dt.datetime.fromisoformat(stamp) if result.returncode == 0 and stamp else None


def page_url(url: str) -> str:
    """A site-relative page URL without MkDocs' ``./`` for the home page (``/./`` otherwise)."""
    return "" if url in (".", "./") else url.removeprefix("./")


def robots_txt(site_url: str) -> str:
    """Every crawler may read every public page; the sitemap is named with its full URL."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {urls.absolute(site_url, 'sitemap.xml')}\n"


def _real_alternates(entries: list[SitemapEntry]) -> list[SitemapEntry]:
    """Keep only alternates that are public pages of this sitemap (never a language's home
    page standing in for a missing translation, never a withdrawn page)."""
    known = {page_url(e.url) for e in entries}
    cleaned = []
    for e in entries:
        alternates = tuple(
            (lang, page_url(url)) for lang, url in e.alternates if page_url(url) in known
        )
        cleaned.append(SitemapEntry(page_url(e.url), e.lang, e.lastmod, alternates))
    return cleaned


def render(entries: list[SitemapEntry], site_url: str) -> str:
    """Deterministic XML: entries sorted by URL, alternates by language."""
    entries = _real_alternates(entries)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for entry in sorted(entries, key=lambda e: e.url):
        lines.append("  <url>")
        lines.append(f"    <loc>{escape(urls.absolute(site_url, entry.url))}</loc>")
        if entry.lastmod is not None:
            lines.append(f"    <lastmod>{dates.iso(entry.lastmod)}</lastmod>")
        if len(entry.alternates) > 1:
            default = dict(entry.alternates).get("vi")
            extra = (("x-default", default),) if default is not None else ()
            for lang, url in (*sorted(entry.alternates), *extra):
                href = quoteattr(urls.absolute(site_url, url))
                lines.append(f'    <xhtml:link rel="alternate" hreflang="{lang}" href={href}/>')
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def write(site_dir: Path, entries: list[SitemapEntry], site_url: str) -> None:
    """Write ``sitemap.xml``, a reproducible ``sitemap.xml.gz`` (mtime 0) and ``robots.txt``."""
    text = render(entries, site_url)
    (site_dir / "sitemap.xml").write_text(text, encoding="utf-8")
    (site_dir / "robots.txt").write_text(robots_txt(site_url), encoding="utf-8")
    with (
        (site_dir / "sitemap.xml.gz").open("wb") as raw,
        gzip.GzipFile(filename="sitemap.xml", mode="wb", fileobj=raw, mtime=0) as packed,
    ):
        packed.write(text.encode("utf-8"))
    for stale in ("sitemap.xml", "sitemap.xml.gz"):
        (site_dir / "en" / stale).unlink(missing_ok=True)
