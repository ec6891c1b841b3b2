"""``newsroom report --plan``: plan vs actual on a tree with known counts — a press item left
unanswered, one answered late, a conference published twice (notice + record) and one still
to come — and the md/csv/html outputs through the CLI."""

from __future__ import annotations

import csv
import io

import pytest
from newsroom.content import loading, settings
from newsroom.desk import review
from newsroom.report import figures
from newsroom_cli import main as cli
from tree_factory import article, make_tree

NOW = "2026-10-05T12:00:00+07:00"  # Q1–Q3 are over, Q4 and the year are not
SPOKES = "chanh-van-phong-bo"


def _item(slug: str, received: str, status: str = "open", extra: str = "") -> tuple[str, str]:
    text = (
        f"id: 2026-{slug}\nkind: report\noutlet: Báo Thử\ntitle: Phản ánh {slug}\n"
        f"received: {received}\nunit: cuc-quan-ly-thads\nstatus: {status}\n{extra}"
    )
    return f".bao-chi/2026/2026-{slug}.yml", text


def _response(slug: str, date: str, item: str, received: str, **fields: str) -> tuple[str, str]:
    block = (
        f"\n  outlet: Báo Thử\n  title: Phản ánh\n  published: {received}\n"
        f"  received: {received}\n  item: 2026-{item}"
    )
    values = {
        "id": f"2026-{slug}",
        "date": date,
        "type": "phan-hoi-bao-chi",
        "unit": "cuc-quan-ly-thads",
        "spokesperson": SPOKES,
        "responds_to": block,
    }
    values.update(fields)
    return f"tin-tuc/2026/{slug}.md", article(**values)


def _conference(slug: str, date: str, start: str, notice: str = "") -> tuple[str, str]:
    extra = f"\n  notice: 2026-{notice}" if notice else ""
    return f"tin-tuc/2026/{slug}.md", article(
        id=f"2026-{slug}",
        date=date,
        type="hop-bao",
        event=f"\n  start: {start}\n  location: Hà Nội{extra}",
    )


def _news(slug: str, date: str, **fields: str) -> tuple[str, str]:
    return f"tin-tuc/2026/{slug}.md", article(id=f"2026-{slug}", date=date, **fields)


PLAN = """year: 2026
title: Kế hoạch thử
articles: 10
translations: 2
focus_areas: {chinh-sach: 3}
types: {tin-hoat-dong: 6, hop-bao: 4}
press_conferences: 1
media: {infographic: 1, video: 2}
"""

FILES = dict(
    [
        _news("a1", "2026-01-10T09:00:00+07:00", focus_areas="[chinh-sach]", media="[infographic]"),
        (
            "tin-tuc/2026/a1.en.md",
            "---\ntitle: A1\nsummary: S.\nstatus: approved\napproval:\n"
            "  by: chanh-van-phong-bo\n  at: 2026-01-10T08:00:00+07:00\n---\n",
        ),
        _news("a2", "2026-04-10T09:00:00+07:00", unit="thads-ha-noi", focus_areas="[chinh-sach]"),
        _news("a3", "2026-07-10T09:00:00+07:00", unit="thads-tp-ho-chi-minh", media="[video]"),
        _news("a4", "2026-08-10T09:00:00+07:00", unit="cuc-quan-ly-thads"),
        # one conference in Q1, published twice: its notice and its record
        _conference("n1", "2026-03-20T09:00:00+07:00", "2026-03-27T14:00:00+07:00"),
        _conference("r1", "2026-03-27T17:00:00+07:00", "2026-03-27T14:00:00+07:00", "n1"),
        _conference("c3", "2026-08-15T17:00:00+07:00", "2026-08-15T14:00:00+07:00"),
        # announced in Q3 for a date in Q4: upcoming, counted for no quarter yet
        _conference("n2", "2026-09-25T09:00:00+07:00", "2026-10-20T14:00:00+07:00"),
        _response("p1", "2026-05-05T10:00:00+07:00", "i1", "2026-05-04T09:00:00+07:00"),
        _response("p2", "2026-07-01T10:00:00+07:00", "i2", "2026-06-01T09:00:00+07:00"),
        # a draft answer does not answer anything
        _response(
            "p3",
            "2026-07-05T10:00:00+07:00",
            "i3",
            "2026-07-01T09:00:00+07:00",
            status="draft",
            approval=None,
        ),
        _item("i1", "2026-05-04T09:00:00+07:00", "answered"),
        _item("i2", "2026-06-01T09:00:00+07:00", "answered"),
        _item("i3", "2026-07-01T09:00:00+07:00"),
        _item(
            "i4",
            "2026-08-03T09:00:00+07:00",
            "closed",
            "closed:\n  at: 2026-08-05T09:00:00+07:00\n  reason: Đã trả lời bằng văn bản\n",
        ),
        _item("i5", "2026-10-01T09:00:00+07:00"),
        (".ke-hoach/2026.yml", PLAN),
        (".ke-hoach/2026/cuc-quan-ly-thads.yml", "year: 2026\narticles: 3\n"),
        (".ke-hoach/2026/thads-ha-noi.yml", "year: 2026\narticles: 1\n"),
    ]
)


@pytest.fixture
def tree(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSROOM_NOW", NOW)
    return make_tree(tmp_path, FILES)


def _review(config) -> review.Review:
    loaded = loading.load(settings.load(config))
    assert loaded.corpus.issues == [], [i.format() for i in loaded.corpus.issues]
    return review.build(loaded.corpus, loaded.desk, 2026)


def _figures(lines) -> dict[str, tuple[int | None, int]]:
    return {line.key: (line.target, line.actual) for line in lines}


def test_plan_against_actual_per_target(tree):
    figures = _review(tree)
    assert not figures.complete
    assert _figures(figures.totals) == {"articles": (10, 10), "translations": (2, 1)}
    assert _figures(figures.focus_areas) == {"chinh-sach": (3, 2)}
    assert _figures(figures.types) == {
        "tin-hoat-dong": (6, 4),
        "phan-hoi-bao-chi": (None, 2),
        "hop-bao": (4, 4),
    }
    assert _figures(figures.media) == {
        "infographic": (1, 1),
        "video": (2, 1),
        "audio": (None, 0),
    }


def test_provincial_units_roll_up_under_their_parent(tree):
    units = {u.key: u for u in _review(tree).units}
    assert set(units) == {"van-phong-bo", "cuc-quan-ly-thads"}
    parent = units["cuc-quan-ly-thads"]
    assert (parent.target, parent.actual) == (3, 5)  # a4, p1, p2 + a2 (Hà Nội) + a3 (HCM)
    assert _figures(parent.children) == {
        "thads-ha-noi": (1, 1),
        "thads-tp-ho-chi-minh": (None, 1),
    }
    assert units["van-phong-bo"].actual == 5  # a1, n1, r1, c3, n2


def test_conferences_count_once_and_only_when_held(tree):
    figures = _review(tree)
    rows = [(q.label, q.articles, q.conferences_held, q.complete) for q in figures.quarters]
    assert rows == [
        ("Q1/2026", 3, 1, True),  # notice + record of one conference: counted once
        ("Q2/2026", 2, 0, True),
        ("Q3/2026", 5, 1, True),  # the notice of the Q4 conference is not a conference held
        ("Q4/2026", 0, 0, False),
    ]
    assert [q.missing_conference for q in figures.quarters] == [False, True, False, False]
    assert [c.key for c in figures.held] == ["2026-n1", "2026-c3"]
    assert [c.key for c in figures.upcoming] == ["2026-n2"]


def test_timeliness_is_measured_from_the_register(tree):
    outcomes = {o.item.id: o.outcome for o in _review(tree).outcomes}
    assert outcomes == {
        "2026-i1": "on_time",
        "2026-i2": "late",  # due 24:00 16/06, answered 01/07
        "2026-i3": "overdue",  # only a draft answers it
        "2026-i4": "closed",
        "2026-i5": "pending",
    }


def test_the_programme_report_counts_a_conference_once(tree):
    loaded = loading.load(settings.load(tree))
    quarters = figures.build(loaded.corpus).quarters
    assert [q.press_conferences for q in quarters] == [1, 0, 1, 0]
    assert [c.key for c in figures.build(loaded.corpus).upcoming] == ["2026-n2"]


def test_cli_exports_markdown_csv_and_printable_html(tree, tmp_path, capsys):
    config = str(tree)
    assert cli.main(["--config", config, "report", "--plan", "2026"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("# Sơ kết thực hiện kế hoạch thông tin báo chí năm 2026")
    assert "| — Thi hành án dân sự thành phố Hà Nội | 1 | 1 | 100 % |" in text
    assert "- Quá hạn, chưa trả lời: **1**" in text
    assert "| Q2/2026 | 2 | 0 | 1 | 0 | ⚠ Chưa đạt chỉ tiêu họp báo |" in text

    assert cli.main(["--config", config, "report", "--plan", "2026", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    by_key = {(r["muc"], r["ma"]): r for r in rows}
    assert by_key[("totals", "articles")]["thuc_hien"] == "10"
    assert by_key[("quy-hop-bao", "Q1/2026")]["thuc_hien"] == "1"
    assert by_key[("tra-loi-bao-chi", "late")]["thuc_hien"] == "1"

    out = tmp_path / "so-ket.html"
    args = ["--config", config, "report", "--plan", "2026", "--format", "html", "-o", str(out)]
    assert cli.main(args) == 0
    html = out.read_text(encoding="utf-8")
    assert html.count("<svg") == 2 and "<script" not in html and "@page{size:A4" in html
    assert "Trả lời quá hạn" in html and "Nghị định" not in html.split("<body>")[0]


def test_year_over_is_a_final_review_with_flags(tree, monkeypatch, capsys):
    monkeypatch.setenv("NEWSROOM_NOW", "2027-01-05T09:00:00+07:00")
    assert cli.main(["--config", str(tree), "report", "--plan", "2026"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("# Tổng kết thực hiện kế hoạch thông tin báo chí năm 2026")
    assert "| Bản dịch tiếng Anh | 2 | 1 | 50 % ⚠ |" in text
    assert "| Họp báo | 4 | 4 | 100 % |" in text
