"""Unit tests of newsroom.site.pressroom (the press room's template data)."""

from __future__ import annotations

import datetime as dt

from feeds_support import article, make_corpus, translation
from newsroom.site import pressroom

PRESS_RELEASE = "thong-cao-bao-chi"

RESPONDS = (
    "spokesperson: chanh-van-phong-bo\nresponds_to:\n  outlet: Báo Pháp luật Việt Nam\n"
    "  title: Vì sao chậm?\n  url: https://example.org/bai\n"
    "  published: 2026-05-01T07:00:00+07:00\n"
)


def _conference(id: str, date: str, start: str) -> str:
    extra = f"event:\n  start: {start}\n  location: 60 Trần Phú, Hà Nội\n"
    return article(id, f"Họp báo {id}", date, type="hop-bao", extra=extra)


def _section(context, key):
    return next(s for s in context["sections"] if s["id"] == key)


def test_sections_lists_and_order(tmp_path):
    files = {
        "tin-tuc/2026/tc.md": article(
            "thong-cao-1", "Thông cáo", "2026-05-01T09:15:00", type=PRESS_RELEASE
        ),
        "tin-tuc/2026/ph.md": article(
            "phan-hoi-1", "Phản hồi", "2026-05-02", type="phan-hoi-bao-chi", extra=RESPONDS
        ),
        "tin-tuc/2026/h1.md": _conference("hb-qua-1", "2026-03-01", "2026-03-05T09:00:00+07:00"),
        "tin-tuc/2026/h2.md": _conference("hb-qua-2", "2026-04-01", "2026-04-05T09:00:00+07:00"),
        "tin-tuc/2026/h3.md": _conference("hb-toi-1", "2026-06-01", "2026-07-05T09:00:00+07:00"),
        "tin-tuc/2026/h4.md": _conference("hb-toi-2", "2026-06-02", "2026-06-20T14:30:00+07:00"),
    }
    context = pressroom.context(make_corpus(tmp_path, files), "vi")
    releases = _section(context, "press_releases")
    assert releases["items"][0]["date"] == "01/05/2026 09:15"
    assert releases["items"][0]["url"] == "tin-tuc/2026/tc/"
    assert releases["more"] == "loai-tin/thong-cao-bao-chi/"
    response = _section(context, "responses")["items"][0]["responds_to"]
    assert response == {
        "outlet": "Báo Pháp luật Việt Nam",
        "title": "Vì sao chậm?",
        "url": "https://example.org/bai",
        "date": "01/05/2026 07:00",
    }
    upcoming = [i["title"] for i in _section(context, "upcoming")["items"]]
    assert upcoming == ["Họp báo hb-toi-2", "Họp báo hb-toi-1"]  # soonest first
    past = [i["title"] for i in _section(context, "past")["items"]]
    assert past == ["Họp báo hb-qua-2", "Họp báo hb-qua-1"]  # newest first
    assert _section(context, "upcoming")["items"][0]["event"]["start"] == "20/06/2026 14:30"
    assert _section(context, "statements")["items"] == []
    assert context["links"] == {
        "feeds_page": "bao-chi/nguon-tin/",
        "opml": "feeds/feeds.opml",
        "ics": "feeds/hop-bao.ics",
    }


def test_lists_are_capped(tmp_path):
    files = {
        f"tin-tuc/2026/tc-{n}.md": article(
            f"thong-cao-{n}", f"TC {n}", f"2026-05-{n:02d}", type=PRESS_RELEASE
        )
        for n in range(1, 15)
    }
    items = _section(pressroom.context(make_corpus(tmp_path, files), "vi"), "press_releases")
    assert len(items["items"]) == pressroom.LIST_LIMIT
    assert items["items"][0]["title"] == "TC 14"


def test_english_lists_only_english_translations(tmp_path):
    files = {
        "tin-tuc/2026/a.md": article(
            "thong-cao-a", "Thông cáo A", "2026-05-01", type=PRESS_RELEASE
        ),
        "tin-tuc/2026/a.en.md": translation("Press release A", "2026-05-01"),
        "tin-tuc/2026/b.md": article(
            "thong-cao-b", "Thông cáo B", "2026-05-02", type=PRESS_RELEASE
        ),
    }
    context = pressroom.context(make_corpus(tmp_path, files), "en")
    items = _section(context, "press_releases")["items"]
    assert [i["title"] for i in items] == ["Press release A"]
    assert items[0]["url"] == "en/tin-tuc/2026/a/"
    assert items[0]["date"] == "1 May 2026, 00:00"
    assert context["links"]["feeds_page"] == "en/bao-chi/nguon-tin/"
    assert _section(context, "press_releases")["title"] == "Press releases"  # catalogue, en


def test_spokespersons_in_office_with_contacts(tmp_path):
    context = pressroom.context(make_corpus(tmp_path, {}), "vi")
    ids = [p["id"] for p in context["spokespersons"]]
    assert "chanh-van-phong-bo" in ids and "pho-tong-cuc-truong-thads" not in ids  # ended 2025
    person = context["spokespersons"][ids.index("chanh-van-phong-bo")]
    assert person["tel"] == "tel:+842462739999"
    assert person["email"] == "phatngon@moj.gov.vn"
    assert person["unit"] == "Văn phòng Bộ Tư pháp"
    assert "27/QĐ-BTP" in person["appointed_by"]
    before = pressroom.context(
        make_corpus(tmp_path / "old", {}, now=dt.datetime(2024, 1, 1, tzinfo=dt.UTC)), "vi"
    )
    assert "pho-tong-cuc-truong-thads" in [p["id"] for p in before["spokespersons"]]


def test_tel_uri():
    assert pressroom.tel_uri("024 6273 9999") == "tel:+842462739999"
    assert pressroom.tel_uri("+84 24 3333 4444") == "tel:+842433334444"
