"""Feeds, OPML and iCalendar of a real ``mkdocs build`` of the fixture site (tests/conftest.py).

Golden files live in tests/golden/feeds/; regenerate them with ``UPDATE_GOLDEN=1 pytest``.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import feedparser
import pytest
from conftest import (
    ENGLISH_MARKER,
    FIXTURE_DOCS,
    PUBLISHED_MARKER,
    SITE_URL,
    UNPUBLISHED_MARKERS,
    WITHDRAWN_MARKER,
    Build,
    build_site,
    make_project,
    run_build,
)
from lxml import etree

pytestmark = pytest.mark.build

ATOM = "{http://www.w3.org/2005/Atom}"
GOLDEN = Path(__file__).parent / "golden" / "feeds"
GOLDEN_FILES = (
    "feeds/rss.xml",
    "feeds/atom.xml",
    "feeds/feed.json",
    "feeds/chuyen-muc/thi-hanh-an-dan-su.atom.xml",
    "feeds/loai-tin/hop-bao.rss.xml",
    "en/feeds/atom.xml",
    "en/feeds/feed.json",
    "feeds/feeds.opml",
    "feeds/hop-bao.ics",
)


def _feed_files(build: Build) -> list[Path]:
    return [
        p
        for p in build.files()
        if "feeds" in p.relative_to(build.site).parts[:2] and p.suffix in (".xml", ".json")
    ]


def _all_outputs(build: Build) -> dict[str, bytes]:
    paths = [*_feed_files(build), build.site / "feeds/feeds.opml", build.site / "feeds/hop-bao.ics"]
    return {p.relative_to(build.site).as_posix(): p.read_bytes() for p in paths}


def test_every_feed_parses_without_errors(fixture_build):
    feeds = _feed_files(fixture_build)
    assert len(feeds) > 60
    for path in feeds:
        if path.suffix == ".json":
            data = json.loads(path.read_text(encoding="utf-8"))
            assert data["version"] == "https://jsonfeed.org/version/1.1"
            continue
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))


def test_atom_feeds_follow_rfc_4287(fixture_build):
    for path in fixture_build.site.rglob("*atom.xml"):
        feed = etree.parse(str(path)).getroot()
        assert feed.tag == f"{ATOM}feed", path
        for name in ("id", "title", "updated"):
            assert feed.findtext(f"{ATOM}{name}"), (path, name)
        assert feed.find(f"{ATOM}link[@rel='self']") is not None
        has_author = feed.find(f"{ATOM}author/{ATOM}name") is not None
        for entry in feed.findall(f"{ATOM}entry"):
            for name in ("id", "title", "updated"):
                assert entry.findtext(f"{ATOM}{name}"), (path, name)
            assert has_author or entry.find(f"{ATOM}author/{ATOM}name") is not None
            assert entry.find(f"{ATOM}link[@rel='alternate']") is not None
            assert entry.find(f"{ATOM}content").get("type") == "html"
            for link in entry.findall(f"{ATOM}link[@rel='enclosure']"):
                assert link.get("type") and link.get("length", "").isdigit() and link.get("href")


def test_urls_are_absolute_and_dates_carry_the_offset(fixture_build):
    atom = etree.parse(str(fixture_build.site / "feeds/atom.xml")).getroot()
    for link in atom.iter(f"{ATOM}link"):
        assert link.get("href").startswith(SITE_URL)
    for name in ("updated", "published"):
        for element in atom.iter(f"{ATOM}{name}"):
            assert element.text.endswith("+07:00")
    # the attachment (each entry also encloses its lead image, feed_lifecycle.py)
    enclosure = atom.find(f"{ATOM}entry/{ATOM}link[@rel='enclosure'][@type='text/plain']")
    assert enclosure is not None and enclosure.get("href") == f"{SITE_URL}tep/tai-lieu.txt"


def test_unpublished_and_withdrawn_articles_appear_nowhere(fixture_build):
    blob = b"".join(_all_outputs(fixture_build).values()).decode("utf-8")
    for marker in (*UNPUBLISHED_MARKERS, WITHDRAWN_MARKER):
        assert marker not in blob, marker
    for article_id in ("fx-2026-ban-nhap", "fx-2026-cho-duyet", "fx-2026-hen-gio", "fx-2026-go-bo"):
        assert article_id not in blob, article_id
    assert PUBLISHED_MARKER in fixture_build.text("feeds/atom.xml")


def test_english_feeds_hold_only_english_items(fixture_build):
    parsed = feedparser.parse((fixture_build.site / "en/feeds/rss.xml").read_bytes())
    assert [e.id.rsplit("/", 1)[-1] for e in parsed.entries] == ["en", "en"]
    assert ENGLISH_MARKER in fixture_build.text("en/feeds/rss.xml")
    assert PUBLISHED_MARKER not in fixture_build.text("en/feeds/rss.xml")
    assert ENGLISH_MARKER not in fixture_build.text("feeds/rss.xml")


def test_category_feeds_hold_only_their_category(fixture_build):
    parsed = feedparser.parse(
        (fixture_build.site / "feeds/chuyen-muc/hoat-dong-cua-bo.rss.xml").read_bytes()
    )
    assert [e.id for e in parsed.entries] == ["tag:example.gov.vn,2024:tin-tuc/fx-2026-hop-bao/vi"]
    empty = feedparser.parse(
        (fixture_build.site / "feeds/chuyen-muc/hop-tac-quoc-te.rss.xml").read_bytes()
    )
    assert not empty.bozo and empty.entries == []


def test_corrected_article_updated_after_published(fixture_build):
    atom = etree.parse(str(fixture_build.site / "feeds/atom.xml")).getroot()
    entry = next(
        e
        for e in atom.findall(f"{ATOM}entry")
        if e.findtext(f"{ATOM}id").endswith("fx-2025-thong-cao/vi")
    )
    assert entry.findtext(f"{ATOM}updated") > entry.findtext(f"{ATOM}published")
    assert entry.findtext(f"{ATOM}content").startswith(
        '<p class="newsroom-correction"><strong>Đính chính (06/10/2025):'
    )


def test_opml_and_calendar(fixture_build):
    urls: set[str] = set()
    for name in ("feeds.opml", "feeds-atom.opml", "feeds-json.opml"):  # one format each
        opml = etree.parse(str(fixture_build.site / "feeds" / name)).getroot()
        listed = [o.get("xmlUrl") for o in opml.iter("outline") if o.get("xmlUrl")]
        assert len({u.rsplit(".", 1)[-1] for u in listed}) == 1, name
        urls.update(listed)
    written = {
        SITE_URL + p.relative_to(fixture_build.site).as_posix() for p in _feed_files(fixture_build)
    }
    assert urls == written  # every feed written is listed, and nothing else
    ics = (fixture_build.site / "feeds/hop-bao.ics").read_bytes()
    assert b"UID:fx-2026-hop-bao@example.gov.vn\r\n" in ics
    assert not (fixture_build.site / "en/feeds/feeds.opml").exists()


def test_press_room_and_feed_pages_render(fixture_build):
    vi = fixture_build.text("bao-chi/index.html")
    assert 'href="tel:+842462739999"' in vi and "phatngon@moj.gov.vn" in vi
    assert 'href="../tin-tuc/2026/hop-bao/"' in vi and "20/06/2026 09:00" in vi
    assert 'href="../feeds/hop-bao.ics"' in vi and 'href="nguon-tin/"' in vi
    en = fixture_build.text("en/bao-chi/index.html")
    assert 'href="../../feeds/feeds.opml"' in en and "Press release: civil judgment" in en
    # the feed directory: one table row per stream, its formats as links
    for path, prefix in (
        ("bao-chi/nguon-tin/index.html", ""),
        ("en/bao-chi/nguon-tin/index.html", "en/"),
    ):
        page = fixture_build.text(path)
        rows = re.findall(r'<tr>\s*<th scope="row">(.*?)</tr>', page, flags=re.DOTALL)
        streams = list((fixture_build.site / prefix / "feeds").rglob("*rss.xml"))
        assert len(rows) == len(streams) > 20  # every stream, once
        first = rows[0]
        assert re.findall(r'href="([^"]+)"', first) == [
            f"{SITE_URL}{prefix}feeds/rss.xml",
            f"{SITE_URL}{prefix}feeds/atom.xml",
            f"{SITE_URL}{prefix}feeds/feed.json",
        ]
        assert "data-copy" not in page  # no wall of copy buttons
        assert (
            f"{SITE_URL}feeds/feeds-atom.opml" in page
            and f"{SITE_URL}feeds/feeds-json.opml" in page
        )


@pytest.mark.parametrize("path", GOLDEN_FILES)
def test_golden_files(fixture_build, path):
    actual = (fixture_build.site / path).read_bytes()
    golden = GOLDEN / path.replace("feeds/", "", 1)  # feeds/rss.xml → rss.xml, en/atom.xml
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(actual)
    assert golden.exists(), f"missing golden file {golden}: run with UPDATE_GOLDEN=1"
    assert actual == golden.read_bytes()


def test_two_builds_are_byte_identical(fixture_build, tmp_path):
    again = build_site(tmp_path)
    assert _all_outputs(again) == _all_outputs(fixture_build)


def test_renaming_an_article_file_keeps_its_guid(fixture_build, tmp_path):
    root = make_project(tmp_path / "project")
    folder = root / "docs" / "tin-tuc" / "2026"
    (folder / "cong-bo.md").rename(folder / "cong-bo-ten-moi.md")
    (folder / "cong-bo.en.md").rename(folder / "cong-bo-ten-moi.en.md")
    rebuilt = run_build(root)
    assert rebuilt.returncode == 0, rebuilt.output
    before = feedparser.parse((fixture_build.site / "feeds/rss.xml").read_bytes())
    after = feedparser.parse((rebuilt.site / "feeds/rss.xml").read_bytes())
    old = next(e for e in before.entries if e.link.endswith("/cong-bo/"))
    new = next(e for e in after.entries if e.link.endswith("/cong-bo-ten-moi/"))
    assert new.id == old.id == "tag:example.gov.vn,2024:tin-tuc/fx-2026-cong-bo/vi"


def test_item_bodies_are_the_page_bodies_rendered_once(tmp_path):
    """An item's body is its page's body (MkDocs rendered it, the English link rewrite and the
    sanitiser ran once), with absolute URLs and without heading permalinks."""
    original = (FIXTURE_DOCS / "tin-tuc/2026/cong-bo.en.md").read_text(encoding="utf-8")
    head = original.split("\n---\n", 1)[0] + "\n---\n"
    body = (
        "## Background\n\nSee the [press release](../2025/thong-cao.md), the [response]"
        "(../2025/phan-hoi.md#chi-tiet).\n"
    )
    build = build_site(tmp_path, extra_files={"tin-tuc/2026/cong-bo.en.md": head + body})
    page = build.text("en/tin-tuc/2026/cong-bo/index.html")
    # the page marks the Vietnamese-only article (newsroom.site.links): the feed says the same
    assert 'hreflang="vi" lang="vi">response (in Vietnamese)</a>' in page
    atom = etree.parse(str(build.site / "en/feeds/atom.xml")).getroot()
    entry = next(
        e for e in atom.iter(f"{ATOM}entry") if e.findtext(f"{ATOM}id").endswith("cong-bo/en")
    )
    content = entry.findtext(f"{ATOM}content")
    assert (
        f'<a href="{SITE_URL}tin-tuc/2025/phan-hoi/#chi-tiet" hreflang="vi" lang="vi">'
        "response (in Vietnamese)</a>"
    ) in content
    assert f'<a href="{SITE_URL}en/tin-tuc/2025/thong-cao/">press release</a>' in content
    assert '<h2 id="background">Background</h2>' in content
    assert "headerlink" not in content
    assert "headerlink" in page  # the page keeps its permalinks
