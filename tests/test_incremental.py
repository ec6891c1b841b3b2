"""``newsroom build`` after a build it recorded renders only what changed, and leaves ``site/``
byte for byte as a clean build (no cache, empty ``site/``) of the same sources would.

Each test: a complete ``newsroom build``, edits, a second ``newsroom build`` (incremental when
only articles and their assets changed), then a clean ``mkdocs build`` of a copy of the
sources, compared file by file (``test_rebuild.output``: Pagefind's run-dependent names by
kind only).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import FIXED_NOW, Build, make_project, run_build
from test_rebuild import _edit, assert_same, output, pages_reused
from test_uptodate import AFTER_DUE, BEFORE_DUE, built, newsroom_build

pytestmark = pytest.mark.build
RENDERED = re.compile(r"incremental build: (\d+) of (\d+) articles rendered")
#: An article of the fixture linking to another one and showing an image.
LINKING = """---
id: fx-2025-lien-ket
title: Bài dẫn chiếu thông cáo
summary: Bài dẫn chiếu thông cáo báo chí năm 2025.
date: 2025-11-03T08:15:00+07:00
type: tin-hoat-dong
category: thi-hanh-an-dan-su
unit: van-phong-bo
status: approved
approval:
  by: chanh-van-phong-bo
  at: 2025-11-03T08:00:00+07:00
---

Xem [thông cáo](thong-cao.md) và biểu đồ dưới đây.

![Biểu đồ kết quả](bieu-do.png)
"""
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)


def rendered(done: subprocess.CompletedProcess) -> tuple[int, int] | None:
    """(articles rendered, articles) of an incremental build; None for a complete one."""
    assert done.returncode == 0, done.stdout + done.stderr
    match = RENDERED.search(done.stderr)
    return (int(match.group(1)), int(match.group(2))) if match else None


def clean_build(root: Path, tmp_path: Path, now: str) -> Build:
    """A clean build of a copy of ``root``'s sources, without any cache."""
    clean = make_project(tmp_path / f"clean-{len(list(tmp_path.iterdir()))}")
    shutil.rmtree(clean / "docs")
    shutil.copytree(root / "docs", clean / "docs")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NEWSROOM_CACHE", "off")
        return run_build(clean, now)


def assert_as_clean(root: Path, tmp_path: Path, now: str = FIXED_NOW) -> None:
    here = Build(root, root / "site", 0, "")
    assert_same(output(clean_build(root, tmp_path, now)), output(here))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "project", extra_files={"tin-tuc/2025/lien-ket.md": LINKING})
    (root / "docs" / "tin-tuc" / "2025" / "bieu-do.png").write_bytes(PNG)
    assert rendered(newsroom_build(root, FIXED_NOW)) is None  # the first build is complete
    return root


def test_one_article_edited_renders_that_article_only(project: Path, tmp_path: Path) -> None:
    path = project / "docs" / "tin-tuc" / "2025" / "phan-hoi.md"
    path.write_text(path.read_text("utf-8") + "\nMột đoạn mới về hồ sơ.\n", "utf-8")
    other_year = project / "site" / "pagefind" / "2026" / "pagefind-entry.json"
    before = other_year.stat()
    done = newsroom_build(project, FIXED_NOW)
    made, articles = rendered(done) or (0, 0)
    assert made == 1 and articles >= 8
    # the Vietnamese search index of 2025 is made again; 2026's folder is left as it was,
    # not even rewritten
    assert re.search(r"\b1/\d+ chỉ mục lập lại", done.stderr), done.stderr
    after = other_year.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    page = project / "site" / "tin-tuc" / "2025" / "phan-hoi" / "index.html"
    assert "đoạn mới" in page.read_text("utf-8")
    assert_as_clean(project, tmp_path)


def test_edits_shown_on_other_pages_equal_a_clean_build(project: Path, tmp_path: Path) -> None:
    """A new article on page 1 of its listings, a changed title shown in related links and
    feeds, a withdrawal."""
    _edit(project / "docs")
    done = newsroom_build(project, FIXED_NOW)
    assert rendered(done) is not None
    site = project / "site"
    assert "Thông cáo đã sửa tiêu đề" in (site / "feeds" / "rss.xml").read_text("utf-8")
    assert "tin-tuc/2026/bai-moi/" in (site / "index.html").read_text("utf-8")
    assert_as_clean(project, tmp_path)


def test_a_scheduled_article_coming_due_the_same_day(tmp_path: Path) -> None:
    root = make_project(tmp_path / "due")
    assert built(newsroom_build(root, BEFORE_DUE))
    assert not (root / "site" / "tin-tuc" / "2026" / "hen-gio").exists()
    done = newsroom_build(root, AFTER_DUE)
    assert rendered(done) is not None  # the same day: only the pages that show it
    assert "MARKER-SCHEDULED-5d2e" in (
        root / "site" / "tin-tuc" / "2026" / "hen-gio" / "index.html"
    ).read_text("utf-8")
    assert_as_clean(root, tmp_path, AFTER_DUE)


def test_a_deleted_article_leaves_no_file_behind(project: Path, tmp_path: Path) -> None:
    (project / "docs" / "tin-tuc" / "2025" / "phan-hoi.md").unlink()
    done = newsroom_build(project, FIXED_NOW)
    assert rendered(done) is not None
    assert "files removed" in done.stderr
    assert not (project / "site" / "tin-tuc" / "2025" / "phan-hoi").exists()
    assert_as_clean(project, tmp_path)


def test_a_changed_image_renders_the_article_showing_it(project: Path, tmp_path: Path) -> None:
    image = project / "docs" / "tin-tuc" / "2025" / "bieu-do.png"
    image.write_bytes(PNG + b"\0")  # another image (a trailing byte)...
    os.utime(image, (946_684_800, 946_684_800))  # ...with an old time (copied with `cp -p`)
    done = newsroom_build(project, FIXED_NOW)
    made, _articles = rendered(done) or (0, 0)
    assert made == 1
    assert (project / "site" / "tin-tuc" / "2025" / "bieu-do.png").read_bytes() == PNG + b"\0"
    assert_as_clean(project, tmp_path)


def test_a_link_to_a_deleted_article_fails_as_a_clean_build_does(
    project: Path, tmp_path: Path
) -> None:
    folder = project / "docs" / "tin-tuc" / "2025"
    kept = {name: (folder / name).read_bytes() for name in ("thong-cao.md", "thong-cao.en.md")}
    for name in kept:
        (folder / name).unlink()
    done = newsroom_build(project, FIXED_NOW)
    assert done.returncode != 0
    assert "lien-ket.md' contains a link 'thong-cao.md'" in done.stdout + done.stderr
    assert clean_build(project, tmp_path, FIXED_NOW).returncode != 0
    # the failed build left site/ half-changed: the next one is complete
    for name, data in kept.items():
        (folder / name).write_bytes(data)
    assert rendered(newsroom_build(project, FIXED_NOW)) is None
    assert_as_clean(project, tmp_path)


def test_the_page_cache_keeps_the_pages_an_incremental_build_kept(project: Path) -> None:
    """An incremental build looks up only the pages it renders: the cache entries of the
    pages it keeps stay (only a complete build prunes), so a complete build after it (here:
    site/ touched by hand) takes every page from the cache instead of rendering them."""
    path = project / "docs" / "tin-tuc" / "2025" / "phan-hoi.md"
    path.write_text(path.read_text("utf-8") + "\nMột đoạn mới về hồ sơ.\n", "utf-8")
    assert rendered(newsroom_build(project, FIXED_NOW)) is not None
    (project / "site" / "tin-tuc" / "la.html").write_text("<p>not ours</p>", "utf-8")
    done = newsroom_build(project, FIXED_NOW)
    assert rendered(done) is None
    reused, pages, _ = pages_reused(Build(project, project / "site", 0, done.stderr))
    assert pages > 50 and reused == pages


def test_a_static_page_edited_builds_every_page(project: Path, tmp_path: Path) -> None:
    page = project / "docs" / "gioi-thieu.md"
    page.write_text(page.read_text("utf-8") + "\nMột câu giới thiệu mới.\n", "utf-8")
    assert rendered(newsroom_build(project, FIXED_NOW)) is None  # titles in every page's menu
    assert_as_clean(project, tmp_path)


def test_a_touched_site_builds_every_page(project: Path, tmp_path: Path) -> None:
    stray = project / "site" / "tin-tuc" / "la.html"
    stray.write_text("<p>not ours</p>", "utf-8")
    path = project / "docs" / "tin-tuc" / "2025" / "phan-hoi.md"
    path.write_text(path.read_text("utf-8") + "\nThêm.\n", "utf-8")
    assert rendered(newsroom_build(project, FIXED_NOW)) is None
    assert not stray.exists()
    assert_as_clean(project, tmp_path)
