"""Helpers for the feed, OPML, iCalendar and press-room unit tests: a small corpus on disk."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import markdown
from newsroom.common.text import toc_slugify
from newsroom.content import loading
from newsroom.content.corpus import Corpus
from newsroom.content.settings import Settings
from newsroom.outputs.feed_content import PageHTML
from newsroom.site.sanitize import sanitize_html

REPO = Path(__file__).resolve().parents[1]
SITE_URL = "https://baochi.example.gov.vn/"
NOW = dt.datetime.fromisoformat("2026-06-15T12:00:00+07:00")
EXTENSIONS = ["toc", "tables", "attr_list", "md_in_html", "footnotes", "pymdownx.superfences"]
CONFIGS = {"toc": {"permalink": True, "slugify": toc_slugify}}


def article(
    id: str,
    title: str,
    date: str,
    *,
    type: str = "tin-hoat-dong",
    category: str = "hoat-dong-cua-bo",
    unit: str = "van-phong-bo",
    status: str = "approved",
    extra: str = "",
    body: str = "Nội dung bài viết.",
) -> str:
    """Front-matter and body of a valid article (approved by the all-units approver)."""
    approval = ""
    if status in ("approved", "withdrawn"):
        approval = f"approval:\n  by: chanh-van-phong-bo\n  at: {date}\n"
    return (
        f'---\nid: {id}\ntitle: "{title}"\nsummary: "Tóm tắt {title}"\ndate: {date}\n'
        f"type: {type}\ncategory: {category}\nunit: {unit}\nstatus: {status}\n"
        f"{approval}{extra}---\n\n{body}\n"
    )


def translation(title: str, date: str, *, extra: str = "", body: str = "Body.") -> str:
    return (
        f'---\ntitle: "{title}"\nsummary: "Summary of {title}"\nstatus: approved\n'
        f"approval:\n  by: chanh-van-phong-bo\n  at: {date}\n{extra}---\n\n{body}\n"
    )


def make_corpus(
    tmp_path: Path,
    files: dict[str, str],
    *,
    now: dt.datetime = NOW,
    feed_limit: int = 50,
) -> Corpus:
    """Write ``files`` (docs-relative path → text) beside the repo's registries and scan them."""
    docs = tmp_path / "docs"
    shutil.copytree(REPO / "docs" / ".registries", docs / ".registries")
    for rel, text in files.items():
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    settings = Settings(docs_dir=docs, site_url=SITE_URL, feed_limit=feed_limit)
    corpus = loading.load(settings, now).corpus
    errors = [i.format("en") for i in corpus.issues if i.is_error]
    assert not errors, errors
    return corpus


def pages(corpus: Corpus) -> dict[str, PageHTML]:
    """Each published article's page body, as the build records it for feeds: Markdown with
    the site's extensions, sanitised (a real build also resolves links: test_feeds_build)."""
    found = {}
    for article in corpus.articles():
        body = markdown.markdown(article.body, extensions=EXTENSIONS, extension_configs=CONFIGS)
        clean, _removed = sanitize_html(body, ("www.youtube-nocookie.com",))
        found[article.src_uri] = PageHTML(article.url, clean)
    return found
