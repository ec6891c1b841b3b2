"""newsroom.report.figures on a tree with known counts, and the md/csv/html renderers via the
CLI."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from newsroom.content import loading, settings
from newsroom.report.figures import build as build_report
from newsroom_cli import main as cli
from tree_factory import article, make_tree

NOW = "2026-07-15T12:00:00+07:00"
SPOKES = "chanh-van-phong-bo"


def _response(slug: str, date: str, received: str) -> tuple[str, str]:
    block = (
        f"\n  outlet: Báo Thử\n  title: Bài báo {slug}\n  published: {received}\n"
        f"  received: {received}"
    )
    return f"tin-tuc/2026/{slug}.md", article(
        id=f"2026-{slug}",
        title=f"Phản hồi {slug}",
        date=date,
        type="phan-hoi-bao-chi",
        spokesperson=SPOKES,
        responds_to=block,
    )


FILES = dict(
    [
        (
            "tin-tuc/2026/a1.md",
            article(
                id="2026-a1",
                date="2026-01-10T09:00:00+07:00",
                focus_areas="[chinh-sach, no-luc-ket-qua]",
            ),
        ),
        (
            "tin-tuc/2026/a1.en.md",
            "---\ntitle: A1\nsummary: S.\nstatus: approved\napproval:\n"
            "  by: chanh-van-phong-bo\n  at: 2026-01-10T08:00:00+07:00\n---\n",
        ),
        (
            "tin-tuc/2026/a2.md",
            article(
                id="2026-a2",
                date="2026-02-05T09:00:00+07:00",
                type="phat-ngon",
                spokesperson=SPOKES,
                focus_areas="[chinh-sach]",
            ),
        ),
        ("tin-tuc/2026/a2.en.md", "---\ntitle: A2\nsummary: S.\nstatus: draft\n---\n"),
        # published in Q2, but the press conference itself took place in Q1
        (
            "tin-tuc/2026/a3.md",
            article(
                id="2026-a3",
                date="2026-04-01T09:00:00+07:00",
                type="hop-bao",
                event="\n  start: 2026-03-31T15:00:00+07:00\n  location: Hà Nội",
            ),
        ),
        _response("r-nhanh", "2026-05-10T10:00:00+07:00", "2026-05-09T16:00:00+07:00"),
        _response("r-cham", "2026-05-20T10:00:00+07:00", "2026-05-18T09:00:00+07:00"),
        _response("r-rat-cham", "2026-06-25T10:00:00+07:00", "2026-05-01T10:00:00+07:00"),
        (
            "tin-tuc/2026/nhap.md",
            article(
                id="2026-nhap", date="2026-05-02T09:00:00+07:00", status="draft", approval=None
            ),
        ),
        (
            "tin-tuc/2026/go.md",
            article(
                id="2026-go",
                date="2026-03-02T09:00:00+07:00",
                status="withdrawn",
                withdrawn="\n  at: 2026-03-03T09:00:00+07:00\n  reason: Sai",
            ),
        ),
        ("tin-tuc/2026/hen-gio.md", article(id="2026-hen-gio", date="2026-07-20T09:00:00+07:00")),
        ("tin-tuc/2025/cu.md", article(id="2025-cu", date="2025-12-30T09:00:00+07:00")),
    ]
)


@pytest.fixture
def config(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSROOM_NOW", NOW)
    return make_tree(tmp_path, FILES)


@pytest.fixture
def figures(config):
    loaded = loading.load(settings.load(config))
    assert not loaded.corpus.issues, [i.format() for i in loaded.corpus.issues]
    return build_report(loaded.corpus, dt.date(2026, 1, 1), dt.date(2026, 6, 30))


def counts(rows):
    return {r.key: r.count for r in rows if r.count}


def test_counts_published_originals_only(figures):
    assert figures.items == 6  # not the draft, the withdrawn, the scheduled or the 2025 one
    assert figures.translations == 1  # a1.en approved; a2.en is a draft
    assert counts(figures.by_type) == {
        "tin-hoat-dong": 1,
        "phat-ngon": 1,
        "hop-bao": 1,
        "phan-hoi-bao-chi": 3,
    }
    assert counts(figures.by_category) == {"hoat-dong-cua-bo": 6}
    assert counts(figures.by_unit) == {"van-phong-bo": 6}
    assert counts(figures.by_focus_area) == {"chinh-sach": 2, "no-luc-ket-qua": 1, "": 4}
    assert [(r.key, r.count) for r in figures.by_month] == [
        ("2026-01", 1),
        ("2026-02", 1),
        ("2026-03", 0),
        ("2026-04", 1),
        ("2026-05", 2),
        ("2026-06", 1),
    ]
    assert len(figures.by_type) == 9  # every type is listed, zeros included


def test_quarters_flag_missing_press_conference(figures):
    quarters = [(q.label, q.statements, q.press_conferences, q.complete) for q in figures.quarters]
    assert quarters == [("Q1/2026", 1, 1, True), ("Q2/2026", 0, 0, True)]
    assert [q.label for q in figures.quarters_without_press_conference] == ["Q2/2026"]


def test_response_timeliness(figures):
    rows = [(r.id, r.delay, r.over_24_hours, r.over_30_days) for r in figures.responses]
    assert rows == [
        ("2026-r-nhanh", dt.timedelta(hours=18), False, False),
        ("2026-r-cham", dt.timedelta(hours=49), True, False),
        ("2026-r-rat-cham", dt.timedelta(days=55), True, True),
    ]


def test_scheduled_article_is_not_counted_even_in_range(config):
    loaded = loading.load(settings.load(config))
    whole_year = build_report(loaded.corpus, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert whole_year.items == 6
    q3 = whole_year.quarters[2]
    assert (q3.label, q3.complete, q3.missing_press_conference) == ("Q3/2026", False, True)


def run(config, *argv):
    return cli.main(
        ["--config", str(config), "report", "--from", "2026-01-01", "--to", "2026-06-30", *argv]
    )


def test_markdown_report(config, capsys):
    assert run(config) == 0
    out = capsys.readouterr().out
    assert "Từ ngày 01/01/2026 đến ngày 30/06/2026" in out
    assert "| Q2/2026 | 0 | 0 | ⚠ Không có họp báo |" in out
    assert "| 2 ngày 1 giờ | ⚠ Quá 24 giờ |" in out
    assert "| 55 ngày | ⚠ Quá 30 ngày |" in out
    assert "| Phát ngôn | 1 |" in out


def test_csv_report(config, capsys):
    assert run(config, "--format", "csv") == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    by_key = {(r["muc"], r["ma"]): r for r in rows}
    assert by_key[("tong", "tin-bai")]["gia_tri"] == "6"
    assert by_key[("tong", "ban-dich")]["gia_tri"] == "1"
    assert by_key[("quy-hop-bao", "Q2/2026")]["ghi_chu"] == "Không có họp báo"
    assert by_key[("phan-hoi", "2026-r-cham")]["gia_tri"] == "49.0"


def test_html_report_is_self_contained(config, tmp_path, capsys):
    target = tmp_path / "bao-cao.html"
    assert run(config, "--format", "html", "--output", str(target)) == 0
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="vi">' in html
    assert html.count("<svg") == 2
    assert "Số bài đăng theo tháng" in html and "Số bài theo nội dung trọng tâm" in html
    for forbidden in ("<script", "<link", "src=", "@import", "https://"):
        assert forbidden not in html
    assert "@media print" in html
    assert "Thời gian" in html and "Không có họp báo" in html


def test_bad_date_is_a_usage_error(config, capsys):
    assert cli.main(["--config", str(config), "report", "--from", "01/01/2026"]) == 2


def test_reversed_range_is_a_usage_error(config, capsys):
    argv = ["--config", str(config), "report", "--from", "2026-06-30", "--to", "2026-01-01"]
    assert cli.main(argv) == 2
    assert "sau --to" in capsys.readouterr().err
