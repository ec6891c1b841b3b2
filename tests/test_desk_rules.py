"""The press register and the annual plans go through the same parser, rules and messages as
articles: golden invalid cases (exact ``path:line: CODE`` lines), cross-file checks between
register items and response articles, and deadlines in the site's time zone."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from newsroom.content import loading
from newsroom.content.settings import Settings
from newsroom.desk.deadlines import DeskConfigError, DeskRules, show_due
from tree_factory import article

HERE = Path(__file__).parent / "fixtures"
REGISTRIES = HERE / "site" / "docs" / ".registries"
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = dt.datetime(2026, 6, 15, 12, tzinfo=TZ)
REGISTER_CASES = sorted((HERE / "desk" / "register").glob("*.yml"))
PLAN_CASES = sorted((HERE / "desk" / "plans").glob("*.yml"))

ITEM = """id: {id}
kind: report
outlet: Báo Thử
title: Phản ánh thử
received: {received}
unit: thads-ha-noi
status: {status}
"""


def load(tmp_path: Path, files: dict[str, str], now: dt.datetime = NOW) -> loading.Site:
    docs = tmp_path / "docs"
    shutil.copytree(REGISTRIES, docs / ".registries")
    (docs / "tin-tuc").mkdir(parents=True)
    for rel, text in files.items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(text, encoding="utf-8")
    return loading.load(Settings(docs_dir=docs, site_url="https://example.gov.vn/"), now)


def lines(loaded: loading.Site) -> list[str]:
    return [i.format() for i in loaded.corpus.issues]


@pytest.mark.parametrize("case", REGISTER_CASES, ids=[p.stem for p in REGISTER_CASES])
def test_register_case_reports_exactly_the_expected_lines(tmp_path: Path, case: Path) -> None:
    loaded = load(tmp_path, {f".bao-chi/2026/{case.name}": case.read_text(encoding="utf-8")})
    expected = case.with_suffix(".issues.txt").read_text(encoding="utf-8").splitlines()
    assert lines(loaded) == expected


@pytest.mark.parametrize("case", PLAN_CASES, ids=[p.stem for p in PLAN_CASES])
def test_plan_case_reports_exactly_the_expected_lines(tmp_path: Path, case: Path) -> None:
    loaded = load(tmp_path, {".ke-hoach/2026.yml": case.read_text(encoding="utf-8")})
    expected = case.with_suffix(".issues.txt").read_text(encoding="utf-8").splitlines()
    assert lines(loaded) == expected
    assert loaded.desk.plans == {}


def test_unit_plans_are_checked_against_the_units_registry(tmp_path: Path) -> None:
    loaded = load(
        tmp_path,
        {
            ".ke-hoach/2026.yml": "year: 2026\narticles: 10\n",
            ".ke-hoach/2026/thads-ha-noi.yml": "year: 2026\narticles: 3\n",
            ".ke-hoach/2026/tong-cuc-thads.yml": "year: 2026\narticles: 3\n",  # ended 2025
            ".ke-hoach/2026/khong-co.yml": "year: 2026\n",
        },
    )
    assert lines(loaded) == [
        "docs/.ke-hoach/2026/khong-co.yml:1: E009 'khong-co' không có trong danh mục đơn vị",
        "docs/.ke-hoach/2026/tong-cuc-thads.yml:1: E070 đơn vị 'tong-cuc-thads' không có hiệu lực "
        "trong năm 2026",
    ]
    assert set(loaded.desk.plans) == {(2026, None), (2026, "thads-ha-noi")}


def test_valid_item_is_normalised_with_its_deadlines(tmp_path: Path) -> None:
    text = ITEM.format(id="2026-muc", received="2026-01-31 10:00:00", status="open")
    loaded = load(tmp_path, {".bao-chi/2026/2026-muc.yml": text})
    assert lines(loaded) == []
    (item,) = loaded.desk.items
    assert item.received.isoformat() == "2026-01-31T10:00:00+07:00"  # site zone, never UTC
    assert item.priority == "normal"
    assert item.first_information_due.isoformat() == "2026-02-01T10:00:00+07:00"
    # 15 days end on Sunday 15/02; the period runs to the end of Monday 16/02
    assert show_due(item.answer_due) == "16/02/2026 24:00"


RESPONSE = "\n  outlet: Báo Thử\n  title: Phản ánh thử\n  published: 2026-06-01T08:00:00+07:00"


def _response(item: str, received: str = "2026-06-01T09:00:00+07:00", **fields: str) -> str:
    block = f"{RESPONSE}\n  received: {received}\n  item: {item}"
    values = {
        "id": "2026-phan-hoi",
        "date": "2026-06-03T09:00:00+07:00",
        "type": "phan-hoi-bao-chi",
        "unit": "thads-ha-noi",
        "spokesperson": "chanh-van-phong-bo",
        "responds_to": block,
        "approval": "\n  by: chanh-van-phong-bo\n  at: 2026-06-03T08:00:00+07:00",
    }
    values.update(fields)
    return article(**values)


def test_response_points_to_a_register_item(tmp_path: Path) -> None:
    item = ITEM.format(id="2026-muc", received="2026-06-01T09:00:00+07:00", status="answered")
    loaded = load(
        tmp_path,
        {
            ".bao-chi/2026/2026-muc.yml": item,
            "tin-tuc/2026/phan-hoi.md": _response("2026-muc"),
        },
    )
    assert lines(loaded) == []
    (found,) = loaded.desk.items
    assert loaded.desk.answered_at(found).isoformat() == "2026-06-03T09:00:00+07:00"
    answer = loaded.corpus.entries["tin-tuc/2026/phan-hoi.md"].article
    assert answer.responds_to.item == "2026-muc"


def test_cross_file_problems_name_file_and_line(tmp_path: Path) -> None:
    open_item = ITEM.format(id="2026-muc", received="2026-06-01T09:00:00+07:00", status="open")
    conference = article(
        id="2026-hop-bao-ghi",
        type="hop-bao",
        date="2026-06-05T17:00:00+07:00",
        event="\n  start: 2026-06-05T15:00:00+07:00\n  location: Hà Nội\n  notice: 2026-khong-co",
    )
    loaded = load(
        tmp_path,
        {
            ".bao-chi/2026/2026-muc.yml": open_item,
            # answers the open item, received differs from the register
            "tin-tuc/2026/phan-hoi.md": _response("2026-muc", "2026-06-02T09:00:00+07:00"),
            "tin-tuc/2026/sai-muc.md": _response("2026-mux", id="2026-sai-muc"),
            "tin-tuc/2026/hop-bao.md": conference,
            "tin-tuc/2026/trung.md": article(
                id="2026-hop-bao-trung",
                type="hop-bao",
                date="2026-06-05T18:00:00+07:00",
                event="\n  start: 2026-06-05T15:00:00+07:00\n  location: Hà Nội",
                media="[podcast]",
            ),
        },
    )
    assert lines(loaded) == [
        "docs/.bao-chi/2026/2026-muc.yml:7: W114 status: mục còn mở nhưng đã có bài phản hồi "
        "đã đăng docs/tin-tuc/2026/phan-hoi.md",
        "docs/tin-tuc/2026/hop-bao.md:16: E069 event.notice: '2026-khong-co' không phải bài họp "
        "báo (hop-bao) trong trang",
        "docs/tin-tuc/2026/phan-hoi.md:18: W112 responds_to.received: thời điểm nhận 02/06/2026 "
        "09:00 khác sổ theo dõi (01/06/2026 09:00)",
        "docs/tin-tuc/2026/sai-muc.md:19: E066 responds_to.item: không có mục '2026-mux' trong sổ "
        "theo dõi thông tin báo chí (có phải `2026-muc`?)",
        "docs/tin-tuc/2026/trung.md:16: E064 media.0: 'podcast' không hợp lệ (infographic, "
        "video, audio)",
    ]


def test_unlinked_notice_and_record_of_one_conference_are_flagged(tmp_path: Path) -> None:
    def conference(slug: str, date: str, notice: str = "") -> str:
        extra = f"\n  notice: {notice}" if notice else ""
        return article(
            id=f"2026-{slug}",
            type="hop-bao",
            date=date,
            event=f"\n  start: 2026-06-05T15:00:00+07:00\n  location: Hà Nội{extra}",
        )

    unlinked = load(
        tmp_path / "a",
        {
            "tin-tuc/2026/thong-bao.md": conference("thong-bao", "2026-06-01T09:00:00+07:00"),
            "tin-tuc/2026/tuong-thuat.md": conference("tuong-thuat", "2026-06-05T18:00:00+07:00"),
        },
    )
    assert [i.code for i in unlinked.corpus.issues] == ["W113"]
    linked = load(
        tmp_path / "b",
        {
            "tin-tuc/2026/thong-bao.md": conference("thong-bao", "2026-06-01T09:00:00+07:00"),
            "tin-tuc/2026/tuong-thuat.md": conference(
                "tuong-thuat", "2026-06-05T18:00:00+07:00", "2026-thong-bao"
            ),
        },
    )
    assert linked.corpus.issues == []


def test_overdue_items_are_reminders_not_build_issues(tmp_path: Path) -> None:
    item = ITEM.format(id="2026-muc", received="2026-06-01T09:00:00+07:00", status="open")
    later = dt.datetime(2026, 6, 20, 9, tzinfo=TZ)
    loaded = load(tmp_path, {".bao-chi/2026/2026-muc.yml": item}, later)
    assert loaded.corpus.issues == []  # the production build must not fail on a deadline
    assert [i.format() for i in loaded.desk.reminders()] == [
        "docs/.bao-chi/2026/2026-muc.yml:5: W110 first_info: quá hạn cung cấp thông tin ban đầu "
        "(hạn 02/06/2026 09:00)",
        "docs/.bao-chi/2026/2026-muc.yml:7: W111 status: quá hạn trả lời (hạn 16/06/2026 24:00)",
    ]


# -- deadlines ----------------------------------------------------------------------------------
def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).astimezone(TZ)


def test_first_information_runs_through_a_weekend_and_a_month_end() -> None:
    rules = DeskRules()
    # Saturday 31/01/2026 22:30 (Vietnam) → Sunday 01/02/2026 22:30: the clock never stops
    assert rules.first_information_due(at("2026-01-31T22:30:00+07:00")).isoformat() == (
        "2026-02-01T22:30:00+07:00"
    )
    # given in UTC, still counted and shown in the site's zone
    due = rules.first_information_due(at("2026-04-30T20:00:00+00:00"))
    assert due.isoformat() == "2026-05-02T03:00:00+07:00"


def test_answer_period_in_calendar_days_moves_off_a_weekend() -> None:
    rules = DeskRules(answer_days=15)
    # received Friday 16/10/2026; day 15 is Saturday 31/10 → ends Monday 02/11 (month end)
    due = rules.answer_due(at("2026-10-16T16:00:00+07:00"))
    assert show_due(due) == "02/11/2026 24:00"
    assert due.isoformat() == "2026-11-03T00:00:00+07:00"
    # received late in the evening UTC = next morning in Vietnam: counted from the Vietnam day
    assert show_due(rules.answer_due(at("2026-10-15T18:00:00+00:00"))) == "02/11/2026 24:00"


def test_answer_period_in_working_days_skips_weekends_and_holidays() -> None:
    rules = DeskRules(answer_days=5, answer_days_kind="working", holidays=(dt.date(2026, 9, 2),))
    # Thursday 27/08: 28/08, 31/08, 01/09, (02/09 National Day), 03/09, 04/09
    assert show_due(rules.answer_due(at("2026-08-27T10:00:00+07:00"))) == "04/09/2026 24:00"


def test_desk_config_is_validated() -> None:
    with pytest.raises(DeskConfigError, match="answer_days_kind"):
        DeskRules.from_config({"answer_days_kind": "business"})
    with pytest.raises(DeskConfigError, match="unknown key"):
        DeskRules.from_config({"answer_day": 15})
    rules = DeskRules.from_config({"answer_days": 10, "holidays": [dt.date(2026, 4, 30)]})
    assert rules.answer_days == 10 and rules.holidays == (dt.date(2026, 4, 30),)
