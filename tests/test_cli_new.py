"""``newsroom new``: scaffolds a valid draft with a fresh id; never overwrites."""

from __future__ import annotations

import re

import pytest
from newsroom.content import parsing
from newsroom_cli import main as cli
from newsroom_cli import new_command
from tree_factory import article, make_tree

NOW = "2026-05-04T10:15:42+07:00"


@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSROOM_NOW", NOW)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    return make_tree(tmp_path, {"tin-tuc/2026/bai-thu.md": article()})


def new(config, *options):
    return cli.main(["--config", str(config), "new", *options])


@pytest.mark.parametrize("type_key", ["tin-hoat-dong", "phat-ngon", "phan-hoi-bao-chi", "hop-bao"])
def test_new_writes_a_draft_that_passes_check(site, capsys, type_key):
    code = new(
        site,
        "--type",
        type_key,
        "--category",
        "hoat-dong-cua-bo",
        "--unit",
        "van-phong-bo",
        "--title",
        "Đất đai & Thi hành án: Quý II",
    )
    out = capsys.readouterr().out
    assert code == 0
    path = site.parent / "docs/tin-tuc/2026/dat-dai-thi-hanh-an-quy-ii.md"
    assert "docs/tin-tuc/2026/dat-dai-thi-hanh-an-quy-ii.md" in out
    front_matter, issues = parsing.parse(path.read_text(encoding="utf-8"), "x")
    data = front_matter.data
    assert not issues
    assert re.fullmatch(r"2026-dat-dai-thi-hanh-an-quy-ii-[0-9a-f]{4}", data["id"])
    assert data["status"] == "draft"
    assert data["title"] == "Đất đai & Thi hành án: Quý II"
    assert data["date"].isoformat() == "2026-05-04T10:15:00+07:00"
    assert data["type"] == type_key
    assert cli.main(["--config", str(site), "check"]) == 0, capsys.readouterr().out


def test_required_skeletons(site, capsys):
    new(
        site,
        "--type",
        "phan-hoi-bao-chi",
        "--category",
        "hoat-dong-cua-bo",
        "--unit",
        "van-phong-bo",
        "--title",
        "Phản hồi",
    )
    data = parsing.parse((site.parent / "docs/tin-tuc/2026/phan-hoi.md").read_text(), "x")[0].data
    assert data["spokesperson"] == "chanh-van-phong-bo"
    assert set(data["responds_to"]) == {"outlet", "title", "published", "received"}
    new(
        site,
        "--type",
        "hop-bao",
        "--category",
        "hoat-dong-cua-bo",
        "--unit",
        "van-phong-bo",
        "--title",
        "Họp báo",
    )
    data = parsing.parse((site.parent / "docs/tin-tuc/2026/hop-bao.md").read_text(), "x")[0].data
    assert set(data["event"]) == {"start", "location"}


def test_never_overwrites(site, capsys):
    options = [
        "--type",
        "tin-hoat-dong",
        "--category",
        "hoat-dong-cua-bo",
        "--unit",
        "van-phong-bo",
        "--title",
        "Bài thử",
    ]
    before = (site.parent / "docs/tin-tuc/2026/bai-thu.md").read_bytes()
    assert new(site, *options) == 1
    assert "không ghi đè" in capsys.readouterr().err
    assert (site.parent / "docs/tin-tuc/2026/bai-thu.md").read_bytes() == before


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            ["--type", "tin-hoat-dng", "--category", "hoat-dong-cua-bo", "--unit", "van-phong-bo"],
            "có phải `tin-hoat-dong`?",
        ),
        (["--type", "tin-hoat-dong", "--category", "xx", "--unit", "van-phong-bo"], "'xx'"),
        (
            [
                "--type",
                "tin-hoat-dong",
                "--category",
                "hoat-dong-cua-bo",
                "--unit",
                "tong-cuc-thads",
            ],
            "có phải `cuc-quan-ly-thads`?",
        ),
        (["--category", "hoat-dong-cua-bo", "--unit", "van-phong-bo"], "thiếu --type"),
    ],
)
def test_invalid_or_missing_options_exit_2(site, capsys, options, message):
    assert new(site, *options, "--title", "Bài mới") == 2
    assert message in capsys.readouterr().err
    assert not (site.parent / "docs/tin-tuc/2026/bai-moi.md").exists()


def test_asks_when_interactive(site, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    answers = iter(["thong-bao", "hoat-dong-cua-bo", "van-phong-bo", "Thông báo lịch tiếp dân"])
    args = cli.build_parser().parse_args(["--config", str(site), "new"])
    assert new_command.run(args, ask=lambda prompt: next(answers)) == 0
    assert (site.parent / "docs/tin-tuc/2026/thong-bao-lich-tiep-dan.md").is_file()


def test_translation_carries_only_its_own_fields(site, capsys):
    code = new(
        site,
        "--lang",
        "en",
        "--translation-of",
        "docs/tin-tuc/2026/bai-thu.md",
        "--title",
        "Test article",
    )
    assert code == 0
    text = (site.parent / "docs/tin-tuc/2026/bai-thu.en.md").read_text(encoding="utf-8")
    assert set(parsing.parse(text, "x")[0].data) == {"title", "summary", "status"}
    assert cli.main(["--config", str(site), "check"]) == 0
    assert (
        new(
            site,
            "--lang",
            "en",
            "--translation-of",
            "docs/tin-tuc/2026/bai-thu.md",
            "--title",
            "Again",
        )
        == 1
    )
    assert new(site, "--lang", "en", "--title", "No original") == 2
