"""Golden cases: each invalid front-matter file and the exact lines the checker prints."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from newsroom.content.corpus import Corpus
from newsroom.content.registries import Registries
from newsroom.content.settings import Settings

HERE = Path(__file__).parent / "fixtures" / "frontmatter"
REGISTRIES = Path(__file__).parent / "fixtures" / "site" / "docs" / ".registries"
NOW = dt.datetime(2026, 6, 15, 12, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
INVALID = sorted(HERE.glob("invalid/*.md"))


def scan(tmp_path: Path, files: dict[str, str]) -> Corpus:
    docs = tmp_path / "docs"
    shutil.copytree(REGISTRIES, docs / ".registries")
    for rel, text in files.items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(text, encoding="utf-8")
    settings = Settings(docs_dir=docs, site_url="https://example.gov.vn/")
    return Corpus.scan(settings, Registries.load(settings.registries_path), NOW)


@pytest.mark.parametrize("case", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_case_reports_exactly_the_expected_lines(tmp_path: Path, case: Path) -> None:
    corpus = scan(tmp_path, {f"tin-tuc/2026/{case.name}": case.read_text(encoding="utf-8")})
    expected = case.with_suffix(".issues.txt").read_text(encoding="utf-8").splitlines()
    assert [i.format() for i in corpus.issues] == expected
    assert corpus.entries == {}


def test_valid_case_is_normalised(tmp_path: Path) -> None:
    text = (HERE / "valid" / "full.md").read_text(encoding="utf-8")
    corpus = scan(tmp_path, {"tin-tuc/2026/full.md": text})
    assert corpus.issues == []
    article = corpus.entries["tin-tuc/2026/full.md"].article
    # a date without offset is read in the site's time zone, never as UTC
    assert article.date.isoformat() == "2026-03-02T09:00:00+07:00"
    assert article.approval.at.isoformat() == "2026-03-01T00:00:00+07:00"
    assert article.updated.isoformat() == "2026-03-03T10:00:00+07:00"
    assert article.has_correction and article.featured
    assert article.event.location == "Trụ sở Bộ Tư pháp"
    assert article.url == "tin-tuc/2026/full/"


def test_english_messages_come_from_the_same_catalogue(tmp_path: Path) -> None:
    case = HERE / "invalid" / "many-problems.md"
    corpus = scan(tmp_path, {"tin-tuc/2026/x.md": case.read_text(encoding="utf-8")})
    english = [i.format("en") for i in corpus.issues]
    assert (
        "docs/tin-tuc/2026/x.md:5: E014 sumary: unknown field (did you mean `summary`?)" in english
    )
    assert any("may not approve for unit 'tong-cuc-thads'" in line for line in english)


ORIGINAL = """---
id: ban-goc-01
title: Bản gốc
summary: Sa-pô.
date: 2026-03-02T09:00:00+07:00
type: tin-hoat-dong
category: thi-hanh-an-dan-su
unit: van-phong-bo
status: approved
approval: {by: chanh-van-phong-bo, at: 2026-03-01T09:00:00+07:00}
---
Nội dung có [liên kết tới bản nháp](nhap.md).
"""

DRAFT = ORIGINAL.replace("ban-goc-01", "nhap-01").replace("status: approved", "status: draft")


def test_cross_file_rules(tmp_path: Path) -> None:
    translation = ORIGINAL.replace("id: ban-goc-01\n", "").replace(
        "category: thi-hanh-an-dan-su", "category: hop-tac-quoc-te"
    )
    orphan = translation.replace("category: hop-tac-quoc-te\n", "")
    corpus = scan(
        tmp_path,
        {
            "tin-tuc/2026/ban-goc.md": ORIGINAL,
            "tin-tuc/2026/ban-goc.en.md": translation,
            "tin-tuc/2026/nhap.md": DRAFT,
            "tin-tuc/2026/trung.md": DRAFT,  # same id as nhap.md
            "tin-tuc/2026/mo-coi.en.md": orphan,
        },
    )
    lines = [i.format() for i in corpus.issues]
    assert lines == [
        "docs/tin-tuc/2026/ban-goc.en.md:6: E017 category: bản dịch ghi 'hop-tac-quoc-te', "
        "khác bản gốc 'thi-hanh-an-dan-su'",
        "docs/tin-tuc/2026/ban-goc.md:12: E021 liên kết tới bài chưa được đăng "
        "docs/tin-tuc/2026/nhap.md (draft)",
        "docs/tin-tuc/2026/mo-coi.en.md:1: E018 bản dịch không có bản gốc "
        "docs/tin-tuc/2026/mo-coi.md",
        "docs/tin-tuc/2026/trung.md:2: E015 id: mã định danh 'nhap-01' đã dùng ở "
        "docs/tin-tuc/2026/nhap.md",
    ]


def test_links_to_hidden_articles_are_found_in_every_scan_of_one_process(tmp_path: Path) -> None:
    """The preview scans again after every save, in one process, remembering which bodies can
    name a hidden article at all: an edited body, or another article hidden, is asked again."""

    def article(ident: str, status: str, body: str) -> str:
        text = ORIGINAL.replace("ban-goc-01", ident).replace("status: approved", status)
        return text.replace("Nội dung có [liên kết tới bản nháp](nhap.md).", body)

    draft, published = "status: draft", "status: approved"
    links_draft = "Xem [bản nháp](nhap.md)."
    rounds = [  # (nhap.md, cho-duyet.md, khac.md's body) → the E021 lines
        (draft, published, "Không có liên kết.", ["ban-goc.md:12 → nhap.md"]),
        (draft, published, "Không có liên kết.", ["ban-goc.md:12 → nhap.md"]),
        (draft, published, links_draft, ["ban-goc.md:12 → nhap.md", "khac.md:12 → nhap.md"]),
        (draft, published, "Xem [bài khác](cho-duyet.md).", ["ban-goc.md:12 → nhap.md"]),
        (published, draft, "Xem [bài khác](cho-duyet.md).", ["khac.md:12 → cho-duyet.md"]),
        (published, published, "Xem [bài khác](cho-duyet.md).", []),
        (draft, published, links_draft, ["ban-goc.md:12 → nhap.md", "khac.md:12 → nhap.md"]),
    ]
    for number, (nhap, cho_duyet, body, expected) in enumerate(rounds):
        folder = tmp_path / str(number)
        corpus = scan(
            folder,
            {
                "tin-tuc/2026/ban-goc.md": ORIGINAL,
                "tin-tuc/2026/nhap.md": article("nhap-01", nhap, "Nội dung."),
                "tin-tuc/2026/cho-duyet.md": article("cho-duyet-01", cho_duyet, "Nội dung."),
                "tin-tuc/2026/khac.md": article("khac-01", published, body),
            },
        )
        found = [
            f"{Path(i.path).name}:{i.line} → {Path(str(dict(i.params)['target'])).name}"
            for i in corpus.issues
            if i.code == "E021"
        ]
        assert found == expected, (number, [i.format() for i in corpus.issues])


def test_scheduled_article_may_only_link_to_what_is_out_by_its_date(tmp_path: Path) -> None:
    def scheduled(ident: str, date: str, body: str) -> str:
        return (
            ORIGINAL.replace("ban-goc-01", ident)
            .replace("date: 2026-03-02T09:00:00+07:00", f"date: {date}")
            .replace("Nội dung có [liên kết tới bản nháp](nhap.md).", body)
        )

    corpus = scan(
        tmp_path,
        {
            "tin-tuc/2026/nhap.md": DRAFT,
            "tin-tuc/2026/som.md": scheduled("som-01", "2026-07-01T08:00:00+07:00", "Nội dung."),
            "tin-tuc/2026/muon.md": scheduled(
                "muon-01", "2026-08-01T08:00:00+07:00", "[sớm](som.md) và [nháp](nhap.md)"
            ),
        },
    )
    assert [i.format() for i in corpus.issues] == [
        "docs/tin-tuc/2026/muon.md:12: E021 liên kết tới bài chưa được đăng "
        "docs/tin-tuc/2026/nhap.md (draft)",
    ]


def test_files_used_only_by_unpublished_articles_are_private(tmp_path: Path) -> None:
    uses = "Xem [tệp](../../tep/{name}) và ![ảnh](anh-{name}.png)."
    draft = DRAFT.replace(
        "Nội dung có [liên kết tới bản nháp](nhap.md).", uses.format(name="a.txt")
    )
    shared = ORIGINAL.replace(
        "Nội dung có [liên kết tới bản nháp](nhap.md).", "[chung](../../tep/chung.txt)"
    )
    raw_html = (
        '\n<a href="../../tep/bi%20m%E1%BA%ADt%20(1).pdf">x</a> <img src="../../tep/k [2].png">\n'
    )
    corpus = scan(
        tmp_path,
        {
            "tin-tuc/2026/nhap.md": draft + "\n[chung](../../tep/chung.txt)\n" + raw_html,
            "tin-tuc/2026/ban-goc.md": shared,
            "tep/a.txt": "a",
            "tep/chung.txt": "shared",
            "tep/bi mật (1).pdf": "%PDF",
            "tep/k [2].png": "png",
            "tep/khong-ai-dung.txt": "unused",
            "tin-tuc/2026/anh-a.txt.png": "png",
        },
    )
    assert corpus.private_files() == {
        "tep/a.txt",
        "tin-tuc/2026/anh-a.txt.png",
        "tep/bi mật (1).pdf",  # named from raw HTML, %-encoded
        "tep/k [2].png",  # spaces and brackets
    }
