"""Full ``mkdocs build`` of the fixture site: publishing safety, errors, determinism."""

from __future__ import annotations

import gzip
import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import (
    ENGLISH_MARKER,
    FIXED_NOW,
    PUBLISHED_MARKER,
    REPO,
    UNPUBLISHED_MARKERS,
    WITHDRAWN_MARKER,
    Build,
    build_site,
    make_project,
    run_build,
)


def readable(path: Path) -> str:
    """Text of any output file, gzip-compressed ones (Pagefind, sitemap.gz) included."""
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return data.decode("utf-8", errors="replace").lower()


def files_containing(build: Build, marker: str) -> list[str]:
    return [str(p.relative_to(build.site)) for p in build.files() if marker.lower() in readable(p)]


@pytest.mark.parametrize("marker", UNPUBLISHED_MARKERS)
def test_unpublished_articles_leak_nowhere(fixture_build: Build, marker: str) -> None:
    assert files_containing(fixture_build, marker) == []


def test_withdrawn_article_keeps_only_its_own_page(fixture_build: Build) -> None:
    assert files_containing(fixture_build, WITHDRAWN_MARKER) == ["tin-tuc/2026/go-bo/index.html"]
    page = fixture_build.text("tin-tuc/2026/go-bo/index.html")
    assert "Bài viết đã được gỡ bỏ" in page
    assert "Thông tin trong bài đã được thay thế bằng thông cáo chính thức." in page
    assert "data-pagefind-body" not in page


def test_published_article_is_everywhere_it_should_be(fixture_build: Build) -> None:
    found = files_containing(fixture_build, PUBLISHED_MARKER)
    assert "tin-tuc/2026/cong-bo/index.html" in found
    assert any(f.startswith("feeds/") for f in found)
    assert any(f.startswith("pagefind/") for f in found)
    sitemap = fixture_build.text("sitemap.xml")
    assert "<loc>https://example.gov.vn/tin-tuc/2026/cong-bo/</loc>" in sitemap
    assert "go-bo" not in sitemap


def test_scheduled_article_appears_once_due(tmp_path: Path) -> None:
    build = build_site(tmp_path, now="2026-07-01T08:00:00+07:00")
    found = files_containing(build, "MARKER-SCHEDULED-5d2e")
    assert "tin-tuc/2026/hen-gio/index.html" in found
    assert any(f.startswith("feeds/") for f in found)
    assert "en/tin-tuc/2026/hen-gio/index.html" in files_containing(
        build, "MARKER-SCHEDULED-EN-8a9b"
    )


def test_article_page_shows_the_contract_fields(fixture_build: Build) -> None:
    page = fixture_build.text("tin-tuc/2025/thong-cao/index.html")
    assert '<html lang="vi"' in page
    assert "05/10/2025 08:00" in page  # dd/mm/yyyy HH:MM
    assert 'datetime="2025-10-05T08:00:00+07:00"' in page
    assert "Cục Quản lý thi hành án dân sự" in page
    assert "Đính chính" in page and "Đính chính số liệu về tiền ở đoạn thứ hai." in page
    assert "Số liệu chi tiết" in page and "(TXT, 42 B)" in page
    assert 'hreflang="en"' in page


def test_english_site_has_only_english_pages(fixture_build: Build) -> None:
    english = fixture_build.site / "en" / "tin-tuc"
    articles = sorted(
        p.parent.relative_to(english).as_posix() for p in english.glob("*/*/index.html")
    )
    assert articles == ["2025/thong-cao", "2026/cong-bo"]
    page = fixture_build.text("en/tin-tuc/2026/cong-bo/index.html")
    assert '<html lang="en"' in page and ENGLISH_MARKER in page
    # a link to an English page stays English
    assert 'href="../../2025/thong-cao/"' in page
    listing = fixture_build.text("en/chuyen-muc/thi-hanh-an-dan-su/index.html")
    assert "Enforcement of a land judgment in Hanoi" in listing
    assert "Cưỡng chế" not in listing


def test_listings_paginate_and_link_their_feeds(tmp_path: Path) -> None:
    extra = {}
    for n in range(23):
        extra[f"tin-tuc/2024/bai-{n:02d}.md"] = (
            f"---\nid: fx-2024-bai-{n:02d}\ntitle: Bài số {n}\nsummary: Sa-pô {n}.\n"
            f"date: 2024-01-{n + 1:02d}T08:00:00+07:00\ntype: thong-bao\n"
            "category: bo-tro-tu-phap\nunit: van-phong-bo\nstatus: approved\n"
            "approval: {by: chanh-van-phong-bo, at: 2024-01-01T07:00:00+07:00}\n---\nNội dung.\n"
        )
    build = build_site(tmp_path, extra_files=extra)
    first = build.text("chuyen-muc/bo-tro-tu-phap/index.html")
    second = build.text("chuyen-muc/bo-tro-tu-phap/trang/2/index.html")
    assert first.count('<article class="nr-card') == 20
    assert second.count('<article class="nr-card') == 3
    assert "Bài số 22" in first and "Bài số 0<" in second  # newest first
    assert 'rel="next" href="trang/2/"' in first
    assert 'type="application/rss+xml" title="Bổ trợ tư pháp — RSS"' in first


def test_titles_are_text_everywhere(tmp_path: Path) -> None:
    source = (REPO / "tests/fixtures/site/docs/tin-tuc/2025/phan-hoi.md").read_text()
    source = source.replace("id: fx-2025-phan-hoi", "id: fx-2025-html-title").replace(
        "title: Phản hồi thông tin báo chí về vụ việc chậm thi hành án",
        "title: 'Tiêu đề <b>in đậm</b> & <script>alert(1)</script>'",
    )
    build = build_site(tmp_path, extra_files={"tin-tuc/2025/tieu-de.md": source})
    for path in build.files():
        if path.suffix in {".html", ".xml"}:  # in JSON Feed, "title" is text by definition
            text = path.read_text(encoding="utf-8")
            assert "<b>in đậm</b>" not in text, path
            assert "<script>alert(1)" not in text, path
    page = build.text("tin-tuc/2025/tieu-de/index.html")
    assert "Tiêu đề &lt;b&gt;in đậm&lt;/b&gt; &amp; &lt;script&gt;" in page


def test_script_in_article_body_is_removed_and_reported(tmp_path: Path) -> None:
    source = (REPO / "tests/fixtures/site/docs/tin-tuc/2025/phan-hoi.md").read_text()
    source = source.replace("id: fx-2025-phan-hoi", "id: fx-2025-script") + (
        '\n<div onclick="steal()">Khối HTML</div>\n\n<script>alert("xss")</script>\n\n'
        "[bấm](javascript:alert(2))\n"
    )
    root = make_project(tmp_path / "p", {"tin-tuc/2025/co-script.md": source}, strict=False)
    build = run_build(root)
    assert build.returncode == 0, build.output
    for path in build.files():
        text = readable(path)
        assert 'alert("xss")' not in text and "steal()" not in text, path
        assert "javascript:alert" not in text, path
    for line in (24, 26, 28):
        assert f"docs/tin-tuc/2025/co-script.md:{line}: W101" in build.output
    # built again, each body restored from the Markdown cache (kept as converted, before
    # the sanitiser): sanitised and reported again, every page the same
    first = {p.relative_to(build.site): p.read_bytes() for p in build.files()}
    again = run_build(root, site=tmp_path / "again")
    assert again.returncode == 0, again.output
    reused = re.search(r"Markdown (\d+)/", again.output)
    assert reused is not None and int(reused.group(1)) > 0, again.output
    for line in (24, 26, 28):
        assert f"docs/tin-tuc/2025/co-script.md:{line}: W101" in again.output
    assert {p.relative_to(again.site): p.read_bytes() for p in again.files()} == first
    # the production config is strict: the same content stops the build
    strict = run_build(make_project(tmp_path / "s", {"tin-tuc/2025/co-script.md": source}))
    assert strict.returncode != 0


BAD_DATE = """---
id: fx-bad-date
title: Ngày sai
summary: Sa-pô.
date: 2026-13-01
type: tin-hoat-dong
category: thi-hanh-an-dan-su
unit: van-phong-bo
status: approved
approval: {by: chanh-van-phong-bo, at: 2026-01-01}
---
Nội dung.
"""
BROKEN_YAML = "---\nid: fx-broken\ntitle: [chưa đóng\nstatus: approved\n---\nNội dung.\n"


def test_invalid_content_fails_the_build_with_every_problem(tmp_path: Path) -> None:
    files = {"tin-tuc/2026/ngay-sai.md": BAD_DATE, "tin-tuc/2026/hong.md": BROKEN_YAML}
    root = make_project(tmp_path / "p", files)
    build = run_build(root)
    assert build.returncode != 0
    assert "docs/tin-tuc/2026/ngay-sai.md:5: E005 date: ngày giờ không hợp lệ: '2026-13-01'" in (
        build.output
    )
    assert "docs/tin-tuc/2026/hong.md:4: E001" in build.output
    assert not (root / "site" / "tin-tuc" / "2026" / "hong").exists()

    # the CLI reports exactly the same lines as the build
    cli = subprocess.run(
        [
            str(Path(sys.executable).parent / "newsroom"),
            "--config",
            str(root / "mkdocs.yml"),
            "check",
        ],
        capture_output=True,
        text=True,
        env={"NEWSROOM_NOW": FIXED_NOW, "PATH": ""},
        check=False,
    )
    assert cli.returncode == 1
    cli_lines = [line for line in cli.stdout.splitlines() if ": E" in line or ": W" in line]
    build_lines = [
        line.split("newsroom: ", 1)[1]
        for line in build.output.splitlines()
        if "newsroom: docs/" in line
    ]
    assert cli_lines == build_lines and len(cli_lines) == 2


def test_link_to_an_unpublished_article_fails_naming_both(tmp_path: Path) -> None:
    source = (REPO / "tests/fixtures/site/docs/tin-tuc/2025/phan-hoi.md").read_text()
    source = source.replace("id: fx-2025-phan-hoi", "id: fx-2025-link") + (
        "\nXem [bản nháp](../2026/ban-nhap.md).\n"
    )
    build = run_build(make_project(tmp_path / "p", {"tin-tuc/2025/lien-ket.md": source}))
    assert build.returncode != 0
    assert (
        "docs/tin-tuc/2025/lien-ket.md:24: E021 liên kết tới bài chưa được đăng "
        "docs/tin-tuc/2026/ban-nhap.md (draft)"
    ) in build.output


def test_same_sources_and_clock_give_identical_outputs(tmp_path: Path) -> None:
    first = build_site(tmp_path / "a")
    second = build_site(tmp_path / "b")

    def digest(build: Build, pattern: str) -> dict[str, str]:
        return {
            str(p.relative_to(build.site)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in build.site.glob(pattern)
            if p.is_file()
        }

    for pattern in (
        "sitemap.xml",
        "sitemap.xml.gz",
        "chuyen-muc/**/*",
        "feeds/**/*",
        "en/feeds/**/*",
        "tin-tuc/index.html",
        "en/loai-tin/**/*",
    ):
        assert digest(first, pattern) == digest(second, pattern), pattern


def test_shipped_sample_site_builds_strict(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "mkdocs"),
            "build",
            "--strict",
            "-d",
            str(tmp_path / "site"),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        env={"NEWSROOM_NOW": "2026-11-22T12:00:00+07:00", "NO_MKDOCS_2_WARNING": "1", "PATH": ""},
        timeout=900,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "site" / "en" / "index.html").is_file()
