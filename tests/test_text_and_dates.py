"""Vietnamese text handling, date display and URL helpers."""

from __future__ import annotations

import datetime as dt
import unicodedata
from zoneinfo import ZoneInfo

from newsroom.common import dates
from newsroom.common.text import fold, nfc, slugify
from newsroom.content import paths
from newsroom.site import links, urls

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def test_slugs_are_ascii_and_map_d_stroke() -> None:
    assert slugify("Đất đai và Thi hành án: 2026!") == "dat-dai-va-thi-hanh-an-2026"
    assert slugify(unicodedata.normalize("NFD", "Cưỡng chế")) == "cuong-che"


def test_fold_and_nfc() -> None:
    assert fold("Đất đai, thi hành án") == "Dat dai, thi hanh an"
    nfd = unicodedata.normalize("NFD", "thi hành án")
    assert nfd != "thi hành án" and nfc(nfd) == "thi hành án"


def test_dates_are_shown_the_vietnamese_way() -> None:
    moment = dt.datetime(2026, 3, 5, 9, 7, tzinfo=TZ)
    assert dates.show_datetime(moment, "vi") == "05/03/2026 09:07"
    assert dates.show_datetime(moment, "en") == "5 March 2026, 09:07"
    assert dates.iso(moment) == "2026-03-05T09:07:00+07:00"
    assert dates.human_size(1536, "vi") == "1,5 KB" and dates.human_size(1536, "en") == "1.5 KB"


def test_listing_and_feed_urls() -> None:
    assert urls.listing("category", "bo-tro-tu-phap", "vi") == "chuyen-muc/bo-tro-tu-phap/"
    assert urls.listing("tag", "Cưỡng chế", "en", 3) == "en/the/cuong-che/trang/3/"
    assert urls.listing("year", "2025", "vi") == "tin-tuc/2025/"
    assert (
        urls.feed("atom", "en", "unit", "van-phong-bo") == "en/feeds/don-vi/van-phong-bo.atom.xml"
    )


def test_english_link_to_vietnamese_only_article_is_marked() -> None:
    markdown = "See [the release](../2025/a.md#x) and [English](../2025/b.md)."

    def target(path: str) -> tuple[str, bool] | None:
        return ("tin-tuc/2025/a/", True) if path == "tin-tuc/2025/a.md" else None

    out = links.rewrite_for_translation(
        markdown, "tin-tuc/2026/c.en.md", "en/tin-tuc/2026/c/", target, "in Vietnamese"
    )
    assert out == (
        "See [the release (in Vietnamese)](../../../../tin-tuc/2025/a/#x)"
        '{hreflang="vi" lang="vi"} and [English](../2025/b.md).'
    )


def test_language_suffixes() -> None:
    assert paths.language_of("tin-tuc/2026/a.en.md") == "en"
    assert paths.language_of("tin-tuc/2026/a.md") == "vi"
    assert paths.language_of("tin-tuc/2026/a.fr.md") == "vi"  # not a site language
    assert paths.original_of("tin-tuc/2026/a.en.md") == "tin-tuc/2026/a.md"
    assert paths.translation_of("tin-tuc/2026/a.md", "en") == "tin-tuc/2026/a.en.md"
    assert paths.translation_of("tin-tuc/2026/a.en.md", "vi") == "tin-tuc/2026/a.md"
    assert paths.resolve("tin-tuc/2026", "../../tep/x.pdf") == "tep/x.pdf"
    assert paths.resolve("tin-tuc/2026", "../../../etc/passwd") is None
