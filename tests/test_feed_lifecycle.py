"""Feeds over time (newsroom.outputs.feed_lifecycle), on real builds of the fixture site: a
withdrawn article is announced for the stated period, then no more; every item has its lead
image."""

from __future__ import annotations

import json

import feedparser
import pytest
from conftest import FIXED_NOW, SITE_URL, WITHDRAWN_MARKER, Build, build_site
from lxml import etree
from newsroom.outputs.feed_lifecycle import NOTICE_DAYS

pytestmark = pytest.mark.build

ATOM = "{http://www.w3.org/2005/Atom}"
AT = "{http://purl.org/atompub/tombstones/1.0}"
MEDIA = "{http://search.yahoo.com/mrss/}"
#: The fixture's withdrawn article (tin-tuc/2026/go-bo.md) was withdrawn 2026-04-03 10:00.
WEEK_AFTER = "2026-04-10T12:00:00+07:00"
REASON = "Thông tin trong bài đã được thay thế bằng thông cáo chính thức."
ITEM_ID = "tag:example.gov.vn,2024:tin-tuc/fx-2026-go-bo/vi"
PAGE = SITE_URL + "tin-tuc/2026/go-bo/"


@pytest.fixture(scope="module")
def week_after(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return build_site(tmp_path_factory.mktemp("withdrawn-week"), now=WEEK_AFTER)


def test_atom_has_an_rfc_6721_tombstone_with_the_reason(week_after):
    for path in ("feeds/atom.xml", "feeds/chuyen-muc/hoat-dong-cua-bo.atom.xml"):
        root = etree.parse(str(week_after.site / path)).getroot()
        tombs = root.findall(f"{AT}deleted-entry")
        assert len(tombs) == 1, path
        tomb = tombs[0]
        assert tomb.get("ref") == ITEM_ID
        assert tomb.get("when") == "2026-04-03T10:00:00+07:00"
        assert tomb.findtext(f"{AT}comment") == REASON
        assert tomb.find(f"{AT}comment").get("{http://www.w3.org/XML/1998/namespace}lang") == "vi"
        assert tomb.find(f"{ATOM}link").get("href") == PAGE
        assert ITEM_ID not in {e.findtext(f"{ATOM}id") for e in root.iter(f"{ATOM}entry")}
    other = etree.parse(str(week_after.site / "feeds/chuyen-muc/thi-hanh-an-dan-su.atom.xml"))
    assert other.getroot().findall(f"{AT}deleted-entry") == []  # only where it was listed


def test_rss_and_json_feed_carry_a_notice_item(week_after):
    rss = feedparser.parse(week_after.text("feeds/rss.xml"))
    assert not rss.bozo
    notice = next(e for e in rss.entries if e.id == ITEM_ID + "#withdrawn")
    assert notice.title == "Đã gỡ bỏ: Bài đã gỡ bỏ"
    assert notice.link == PAGE
    assert REASON in notice.summary and f"{NOTICE_DAYS} ngày" in notice.summary
    feed = json.loads(week_after.text("feeds/feed.json"))
    item = next(i for i in feed["items"] if i["id"] == ITEM_ID + "#withdrawn")
    assert item["url"] == PAGE and REASON in item["content_text"]
    assert item["date_published"] == "2026-04-03T10:00:00+07:00"
    dates = [i["date_published"] for i in feed["items"]]
    assert dates == sorted(dates, reverse=True)


def test_the_withdrawn_text_never_reaches_a_feed(week_after):
    for path in week_after.site.joinpath("feeds").rglob("*"):
        if path.is_file():
            assert WITHDRAWN_MARKER not in path.read_text(encoding="utf-8"), path
            assert "Bài này đã được gỡ bỏ." not in path.read_text(encoding="utf-8")  # summary


def test_after_the_stated_period_the_notice_is_gone(fixture_build):
    assert FIXED_NOW > "2026-05-03"  # more than 30 days after the withdrawal
    assert b"deleted-entry" not in (fixture_build.site / "feeds/atom.xml").read_bytes()
    assert "#withdrawn" not in fixture_build.text("feeds/rss.xml")
    assert "#withdrawn" not in fixture_build.text("feeds/feed.json")


def test_every_item_has_its_lead_image(fixture_build):
    image = SITE_URL + "assets/og-default.png"  # the fixture articles have none: the default
    rss = etree.parse(str(fixture_build.site / "feeds/rss.xml")).getroot()
    items = rss.findall("channel/item")
    assert items and all(i.find(f"{MEDIA}content").get("url") == image for i in items)
    atom = etree.parse(str(fixture_build.site / "en/feeds/atom.xml")).getroot()
    for entry in atom.iter(f"{ATOM}entry"):
        links = entry.findall(f"{ATOM}link[@rel='enclosure'][@type='image/png']")
        assert [x.get("href") for x in links] == [image]
        assert links[0].get("length").isdigit()
    feed = json.loads(fixture_build.text("feeds/feed.json"))
    assert feed["items"] and all(i["image"] == image for i in feed["items"])
