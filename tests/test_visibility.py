"""The one visibility decision, with the clock injected."""

from __future__ import annotations

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from newsroom.common import clock
from newsroom.content.model import Article, pack_body
from newsroom.content.visibility import Visibility, decide

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
DATE = dt.datetime(2026, 6, 1, 8, 0, tzinfo=TZ)
BASE = Article(
    src_uri="tin-tuc/2026/a.md",
    path="docs/tin-tuc/2026/a.md",
    lang="vi",
    id="a-01",
    title="T",
    summary="S",
    date=DATE,
    type="tin-hoat-dong",
    category="thi-hanh-an-dan-su",
    unit="van-phong-bo",
    status="approved",
    packed_body=pack_body(""),
    body_line=1,
)


def at(**kwargs: int) -> dt.datetime:
    return DATE + dt.timedelta(**kwargs)


@pytest.mark.parametrize(
    ("status", "now", "expected"),
    [
        ("approved", at(seconds=0), Visibility.PUBLISHED),  # due exactly now
        ("approved", at(seconds=-1), Visibility.SCHEDULED),  # one second early
        ("draft", at(days=9), Visibility.DRAFT),
        ("in-review", at(days=9), Visibility.IN_REVIEW),
        ("withdrawn", at(days=9), Visibility.WITHDRAWN),
        ("withdrawn", at(days=-1), Visibility.SCHEDULED),  # never published: stays absent
    ],
)
def test_decision(status: str, now: dt.datetime, expected: Visibility) -> None:
    assert decide(dataclasses.replace(BASE, status=status), now) is expected


def test_embargo_is_compared_in_the_site_time_zone() -> None:
    """08:00 in Hanoi is 01:00 UTC: at 00:59 UTC the article is still scheduled."""
    utc = ZoneInfo("UTC")
    assert decide(BASE, dt.datetime(2026, 6, 1, 0, 59, tzinfo=utc)) is Visibility.SCHEDULED
    assert decide(BASE, dt.datetime(2026, 6, 1, 1, 0, tzinfo=utc)) is Visibility.PUBLISHED


def test_translation_follows_its_original() -> None:
    translation = dataclasses.replace(BASE, lang="en", original_src_uri="tin-tuc/2026/a.md")
    later = at(days=1)
    assert decide(translation, later, Visibility.PUBLISHED) is Visibility.PUBLISHED
    assert decide(translation, later, Visibility.SCHEDULED) is Visibility.ORIGINAL_UNPUBLISHED
    assert decide(translation, later, Visibility.DRAFT) is Visibility.ORIGINAL_UNPUBLISHED
    assert decide(translation, later, Visibility.WITHDRAWN) is Visibility.WITHDRAWN
    draft = dataclasses.replace(translation, status="draft")
    assert decide(draft, later, Visibility.PUBLISHED) is Visibility.DRAFT


def test_clock_reads_newsroom_now() -> None:
    now = clock.now(TZ, {"NEWSROOM_NOW": "2026-06-01T01:00:00Z"})
    assert now.isoformat() == "2026-06-01T08:00:00+07:00"
    with pytest.raises(clock.ClockError):
        clock.now(TZ, {"NEWSROOM_NOW": "2026-06-01T01:00:00"})  # no offset: refused
