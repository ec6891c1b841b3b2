"""The pages of a pass converted and rendered from both ends (``newsroom.site.prerender``):
forked copies convert and render from the last page while the build goes from the first.
What they made is what the build would have (``test_rebuild``: cold cache against no cache,
byte for byte); here, what they must leave to the build, and that none outlives it."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import make_project, run_build
from test_rebuild import built_alongside, pages_reused

#: A static page in the folder MkDocs lists last (a folder's files come before its subfolders),
#: among the pages the copy converts.
LAST_PAGE = "zzz/lien-ket.md"


def test_a_page_that_warns_while_converting_is_converted_by_the_build(tmp_path: Path) -> None:
    """A link to no page is a warning while converting; the copy does not keep that page's
    conversion, so the build converts it, says where, and a strict build stops on it."""
    page = "# Liên kết\n\nXem [trang không có](../khong-ton-tai.md).\n"
    root = make_project(tmp_path / "project", {LAST_PAGE: page})
    build = run_build(root)
    assert build.returncode != 0, build.output
    assert re.search(rf"{LAST_PAGE}.*khong-ton-tai\.md", build.output), build.output
    assert "strict mode" in build.output
    assert _processes_of(root) == []  # the failed build left no copy running


def _processes_of(root: Path) -> list[int]:
    """Processes whose command line names the project (a copy has the build's)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            command = (entry / "cmdline").read_bytes()
        except OSError:  # not a process, or it ended meanwhile
            continue
        if entry.name.isdigit() and str(root).encode() in command:
            found.append(int(entry.name))
    return found


def test_the_copy_converts_pages_from_the_end_in_a_clean_build(tmp_path: Path) -> None:
    """With nothing cached, some conversions and pages come from the copies, not all (they
    meet)."""
    root = make_project(tmp_path / "project")
    build = run_build(root)
    _pages, built, _markdown = pages_reused(build)
    pages, markdown = built_alongside(build)
    assert 0 < markdown < built
    assert 0 < pages < built
