"""The content cache (``.cache/newsroom/``) only saves time: real builds of the fixture site
with and without it, cold, warm, corrupt, and after edits that change other pages, give the
same output, compared file by file, byte for byte.

Pagefind 1.5.2 names its filter and meta files by a hash that differs between two runs on the
same pages (two clean builds of the same tree differ there), so those files are compared by
name pattern only. Pagefind's own program files (``pagefind.js``, its UI, worker and WASM) are
not made from the content and are only required to be present: one run without any cache wrote
a ``pagefind.js`` cut at 32,768 bytes, a Pagefind write race outside this cache (reported).
Every other file, Pagefind's fragments and word index chunks included, is compared by bytes.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import FIXED_NOW, Build, make_project, run_build, run_build_after

CACHE = Path(".cache") / "newsroom"
#: Pagefind's run-dependent names: filter files, meta files and the entry file naming them.
UNSTABLE = re.compile(
    r"^pagefind/(?:[0-9-]+/)?(filter/[a-z]+_[0-9a-f]+\.pf_filter"
    r"|pagefind\.[a-z]+_[0-9a-f]+\.pf_meta|pagefind-entry\.json)$"
)
PAGEFIND_PROGRAM = re.compile(
    r"^pagefind/(?:[0-9-]+/)?(pagefind[a-z-]*\.(js|css)|wasm\.[a-z]+\.pagefind)$"
)
#: After the scheduled fixture article's date (2026-07-01 08:00).
LATER = "2026-07-02T09:00:00+07:00"


def output(build: Build) -> dict[str, bytes]:
    """Every output file by site path (Pagefind's run-dependent files by kind only)."""
    assert build.returncode == 0, build.output
    found: dict[str, bytes] = {}
    for path in build.files():
        rel = path.relative_to(build.site).as_posix()
        if UNSTABLE.match(rel):
            kind = re.sub(r"_[0-9a-f]+\.", "_*.", rel)
            found[kind] = found.get(kind, b"") + b"present"
        elif PAGEFIND_PROGRAM.match(rel):
            found[rel] = b"present"
        else:
            found[rel] = path.read_bytes()
    return found


def assert_same(expected: dict[str, bytes], actual: dict[str, bytes]) -> None:
    assert sorted(expected) == sorted(actual)
    differ = [rel for rel in expected if expected[rel] != actual[rel]]
    assert differ == []


def reused(build: Build) -> tuple[int, int]:
    """(articles reused, articles checked) from the build's content-cache line."""
    match = re.search(r"content cache: (\d+)/(\d+)", build.output)
    assert match, build.output
    return int(match.group(1)), int(match.group(2))


def pages_reused(build: Build) -> tuple[int, int, int]:
    """(pages reused, pages built, Markdown conversions reused) from the page-cache line."""
    match = re.search(r"pages reused: (\d+)/(\d+), Markdown (\d+)/(\d+)", build.output)
    assert match, build.output
    assert match.group(2) == match.group(4)  # every page asked both caches
    return int(match.group(1)), int(match.group(2)), int(match.group(3))


def built_alongside(build: Build) -> tuple[int, int]:
    """(pages, Markdown conversions) the build took from its copies working from the end."""
    match = re.search(r"built alongside: (\d+), Markdown (\d+)", build.output)
    assert match, build.output
    return int(match.group(1)), int(match.group(2))


def indexes_made(build: Build) -> tuple[int, int]:
    """(search indexes Pagefind made, indexes written) from the build's search line."""
    match = re.search(r"(\d+)/(\d+) chỉ mục lập lại / indexes made", build.output)
    assert match, build.output
    return int(match.group(1)), int(match.group(2))


def cache_files(root: Path) -> list[Path]:
    return sorted(p for p in (root / CACHE).rglob("*") if p.is_file())


def test_cache_cold_warm_and_corrupt_give_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path / "project")
    monkeypatch.setenv("NEWSROOM_CACHE", "off")
    plain = output(run_build(root, site=tmp_path / "plain"))
    assert not (root / CACHE).exists()
    monkeypatch.delenv("NEWSROOM_CACHE")

    cold = run_build(root, site=tmp_path / "cold")
    assert_same(plain, output(cold))
    names = {p.name for p in (root / CACHE).iterdir()}
    expected = ("scan.pickle", "search.pickle", "feeds.pickle")
    assert names == {*expected, "markdown", "pages", "pagefind"}
    assert reused(cold)[0] == 0
    assert pages_reused(cold)[0] == 0 and pages_reused(cold)[2] == 0
    assert min(built_alongside(cold)) > 0  # by the copies going from the end (prerender)

    warm = run_build(root, site=tmp_path / "warm")
    assert_same(plain, output(warm))
    hits, checked = reused(warm)
    assert checked >= 10 and hits >= checked - 2  # only results naming a file problem recheck
    pages, built, markdown = pages_reused(warm)
    assert built > 50 and pages == built and markdown == built  # nothing rendered again
    assert "index reused" in warm.output and "index reused" not in cold.output

    # entries swapped between keys (each is sealed with its key): all refused, same output
    entries = sorted((root / CACHE / "pages").iterdir())
    first = entries[0].read_bytes()
    for path, other in zip(entries, entries[1:] + entries[:1], strict=True):
        path.write_bytes(other.read_bytes() if other != entries[0] else first)
    swapped = run_build(root, site=tmp_path / "swapped")
    assert_same(plain, output(swapped))
    assert pages_reused(swapped)[0] == 0

    for path in cache_files(root):  # truncated, then garbage: both mean "no cache"
        path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])
    assert_same(plain, output(run_build(root, site=tmp_path / "truncated")))
    for path in cache_files(root):
        path.write_bytes(b"newsroom-cache-1\n" + b"\0" * 64)
    corrupt = run_build(root, site=tmp_path / "corrupt")
    assert_same(plain, output(corrupt))
    assert reused(corrupt)[0] == 0
    assert pages_reused(corrupt)[0] == 0


def _edit(docs: Path) -> None:
    """Edits that change other pages than their own."""
    articles = docs / "tin-tuc"
    # a new article: first on page 1 of its listings, the home page and the feeds
    new = (articles / "2026" / "cong-bo.md").read_text(encoding="utf-8")
    new = new.replace("id: fx-2026-cong-bo", "id: fx-2026-bai-moi")
    new = new.replace("2026-05-10T09:30:00", "2026-06-12T09:30:00")
    new = new.replace("featured: true\n", "").replace("MARKER-PUBLISHED-a1b2", "Bài mới")
    (articles / "2026" / "bai-moi.md").write_text(new, encoding="utf-8")
    # a changed title, shown in the related links of the article linking to it and in feeds
    path = articles / "2025" / "thong-cao.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        re.sub(r"^title: .*$", 'title: "Thông cáo đã sửa tiêu đề"', text, count=1, flags=re.M),
        encoding="utf-8",
    )
    # a withdrawal
    path = articles / "2026" / "hop-bao.md"
    text = path.read_text(encoding="utf-8").replace("status: approved", "status: withdrawn")
    text = text.replace(
        "event:",
        "withdrawn:\n  at: 2026-06-14T10:00:00+07:00\n  reason: Lịch họp báo đã thay đổi.\nevent:",
    )
    path.write_text(text, encoding="utf-8")


def test_rebuild_after_edits_equals_a_clean_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path / "edited")
    before = run_build(root, FIXED_NOW)  # fills site/ and the cache
    assert before.returncode == 0, before.output
    _edit(root / "docs")
    # ... and the scheduled article comes due: the next build runs after its date
    incremental = run_build(root, LATER)
    assert reused(incremental)[0] > 0
    pages, built, _markdown = pages_reused(incremental)
    assert 0 < pages < built  # unchanged pages came from the cache, the others were rendered
    assert "index reused" not in incremental.output  # changed pages: Pagefind indexed again
    made, written = indexes_made(incremental)
    assert 0 < made <= written

    clean_root = make_project(tmp_path / "clean")
    shutil.rmtree(clean_root / "docs")
    shutil.copytree(root / "docs", clean_root / "docs")
    monkeypatch.setenv("NEWSROOM_CACHE", "off")
    clean = run_build(clean_root, LATER)
    assert_same(output(clean), output(incremental))

    # the edits did reach the pages (so the equality above is not about unchanged pages)
    assert "Thông cáo đã sửa tiêu đề" in incremental.text("feeds/rss.xml")
    assert "Thông cáo đã sửa tiêu đề" in incremental.text("tin-tuc/2026/cong-bo/index.html")
    assert "tin-tuc/2026/bai-moi/" in incremental.text("index.html")
    assert "Lịch họp báo đã thay đổi" in incremental.text("tin-tuc/2026/hop-bao/index.html")
    assert "MARKER-SCHEDULED-5d2e" in incremental.text("tin-tuc/2026/hen-gio/index.html")


def test_a_body_edit_indexes_only_its_year_again(tmp_path: Path) -> None:
    """The search index is split by year: an edit to a 2025 article's text makes Pagefind
    index that year's Vietnamese pages again, and nothing else."""
    root = make_project(tmp_path / "year")
    before = run_build(root, FIXED_NOW)
    made, written = indexes_made(before)
    assert made == written >= 5  # root and years, in two languages: all made the first time
    path = root / "docs" / "tin-tuc" / "2025" / "phan-hoi.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nMột câu mới về hồ sơ.\n", "utf-8")
    after = run_build(root, FIXED_NOW)
    assert indexes_made(after) == (1, written)
    assert "câu mới" in after.text("tin-tuc/2025/phan-hoi/index.html")


class _Payload:
    """What an attacker would commit as a cache file: unpickling it runs a command."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (os.system, (f"touch {self.marker}",))


def test_a_cache_committed_to_the_repository_is_never_loaded(tmp_path: Path) -> None:
    """A hostile repository can commit ``.cache/newsroom/`` (``git add -f``): its files are
    not sealed with this machine's secret, so they are ignored, never unpickled."""
    import hashlib
    import pickle

    from newsroom.common import cache
    from newsroom.content import loading

    root = make_project(tmp_path / "project")
    marker = tmp_path / "pwned"
    payload = pickle.dumps({"x": _Payload(marker)})
    forged = cache._FORMAT + hashlib.sha256(payload).digest() + payload
    (root / CACHE).mkdir(parents=True)
    (root / CACHE / loading.SCAN_CACHE).write_bytes(forged)
    build = run_build(root)
    assert build.returncode == 0, build.output
    assert not marker.exists()
    assert reused(build)[0] == 0  # nothing taken from the forged file


def test_cache_files_that_are_links_pipes_or_devices_are_never_read(tmp_path: Path) -> None:
    """A repository can commit ``.cache/newsroom/scan.pickle`` as a link to ``/dev/zero``
    (reading it never ends) and git checks out what a script made a named pipe: each is
    no cache, and the build is the usual one (run_build gives up after 600 s)."""
    from newsroom.content import loading
    from newsroom.outputs import search_bundle

    root = make_project(tmp_path / "project")
    (root / CACHE).mkdir(parents=True)
    (root / CACHE / loading.SCAN_CACHE).symlink_to("/dev/zero")
    os.mkfifo(root / CACHE / search_bundle.BUNDLE_FOLDER)  # the indexes' folder, a pipe
    build = run_build(root)
    assert build.returncode == 0, build.output
    assert reused(build)[0] == 0


def test_a_complete_build_keeps_the_indexes_it_used_and_no_other(tmp_path: Path) -> None:
    """Each search index is one sealed entry of ``.cache/newsroom/pagefind/``; a complete
    build deletes those it did not use (and the single file earlier versions wrote)."""
    from newsroom.outputs import search_bundle

    root = make_project(tmp_path / "project")
    folder = root / CACHE / search_bundle.BUNDLE_FOLDER
    folder.mkdir(parents=True)
    unused = folder / ("0" * 64)
    unused.write_bytes(b"an index no build uses")
    old = root / CACHE / search_bundle.OLD_BUNDLE_CACHE
    old.write_bytes(b"every index in one file")
    first = run_build(root, site=tmp_path / "first")
    assert first.returncode == 0, first.output
    assert not unused.exists() and not old.exists()
    made = sorted(folder.iterdir())
    assert len(made) >= 4  # the root and the years, in each language
    again = run_build(root, site=tmp_path / "again")
    assert "index reused" in again.output
    assert sorted(folder.iterdir()) == made
    assert_same(output(first), output(again))


def test_a_symlinked_cache_folder_is_not_used(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (root / ".cache").symlink_to(elsewhere, target_is_directory=True)
    build = run_build(root)
    assert build.returncode == 0, build.output
    assert list(elsewhere.rglob("*")) == []  # the build wrote nothing through the link


def test_a_page_whose_link_target_moved_is_rendered_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Markdown cache keeps what each link resolved to: when the linked article is
    renamed, the page linking to it is converted again (a lenient build leaves the link
    as written, as a clean build does), not served from the cache."""
    root = make_project(tmp_path / "moved", strict=False)
    first = run_build(root)
    assert first.returncode == 0, first.output
    assert 'href="../../2025/thong-cao/"' in first.text("tin-tuc/2026/cong-bo/index.html")
    articles = root / "docs" / "tin-tuc" / "2025"
    for name in ("thong-cao.md", "thong-cao.en.md"):
        if (articles / name).exists():
            (articles / name).rename(articles / name.replace("thong-cao", "thong-cao-moi"))
    again = run_build(root)
    assert again.returncode == 0, again.output
    assert 'href="../../2025/thong-cao/"' not in again.text("tin-tuc/2026/cong-bo/index.html")
    assert 0 < pages_reused(again)[2] < pages_reused(again)[1]  # others came from the cache

    clean_root = make_project(tmp_path / "clean", strict=False)
    shutil.rmtree(clean_root / "docs")
    shutil.copytree(root / "docs", clean_root / "docs")
    monkeypatch.setenv("NEWSROOM_CACHE", "off")
    assert_same(output(run_build(clean_root)), output(again))


def test_pages_the_preview_cached_never_reach_a_production_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``make serve`` fills the same page cache with preview pages (drafts, banners); the
    production build that follows uses the cache yet equals a build without it."""
    import subprocess
    import sys
    import time

    from test_preview import fetch, free_port

    root = make_project(tmp_path / "p")
    port = free_port()
    env = {**os.environ, "NEWSROOM_NOW": FIXED_NOW, "NO_MKDOCS_2_WARNING": "1"}
    mkdocs = str(Path(sys.executable).parent / "mkdocs")
    command = [mkdocs, "serve", "--dirty", "--no-strict", "-f", str(root / "mkdocs.yml")]
    with (tmp_path / "serve.log").open("w", encoding="utf-8") as log:
        server = subprocess.Popen(
            [*command, "--dev-addr", f"127.0.0.1:{port}"], cwd=root, env=env, stdout=log, stderr=log
        )
        try:
            deadline = time.monotonic() + 180
            draft = f"http://127.0.0.1:{port}/tin-tuc/2026/ban-nhap/"
            while "MARKER-DRAFT-7f3a" not in _body(fetch, draft):
                assert time.monotonic() < deadline, (tmp_path / "serve.log").read_text("utf-8")
                time.sleep(0.5)
        finally:
            server.terminate()
            server.wait(timeout=60)
    assert (root / CACHE / "pages" / "keep-serve").is_file()  # the preview's pages are kept

    production = run_build(root)
    for path in production.files():
        assert b"MARKER-DRAFT" not in path.read_bytes(), path
    clean_root = make_project(tmp_path / "clean")
    monkeypatch.setenv("NEWSROOM_CACHE", "off")
    assert_same(output(run_build(clean_root)), output(production))


def _body(fetch, url: str) -> str:  # type: ignore[no-untyped-def]
    try:
        return fetch(url)[1]
    except OSError:  # not listening yet
        return ""


#: Notes each conversion the build (not its copies) takes from the page cache, and counts,
#: when a pass starts rendering templates (every page converted), the ones still in memory.
HELD = """
import atexit, gc, os, weakref
import mkdocs.commands.build as _mkdocs_build
from newsroom.site import pagecache
_build, _taken, _held, _counted_at = os.getpid(), [], [], [0]
_restore, _build_page = pagecache.restore, _mkdocs_build._build_page
def _noted(page, entry, files):
    if os.getpid() == _build:
        _taken.append(weakref.ref(entry))
    return _restore(page, entry, files)
def _counted(page, *args, **kwargs):
    if os.getpid() == _build and len(_taken) > _counted_at[0]:  # a pass's first template
        _counted_at[0] = len(_taken)
        gc.collect()
        _held.append(sum(ref() is not None for ref in _taken))
    return _build_page(page, *args, **kwargs)
pagecache.restore, _mkdocs_build._build_page = _noted, _counted
atexit.register(lambda: open({out!r}, "w").write(f"{{_held}} {{len(_taken)}}"))
"""


def test_pages_let_go_of_the_conversions_taken_from_the_cache(tmp_path: Path) -> None:
    """A warm build takes every page's conversion from the page cache; once converted, a
    page holds its body compressed (hooks/page_memory.py) and no longer the cache entry it
    came from (which held the whole body for every page until the end of the build)."""
    root = make_project(tmp_path / "project")
    run_build(root, site=tmp_path / "cold")
    out = tmp_path / "held.txt"
    warm = run_build_after(root, tmp_path / "warm", HELD.format(out=str(out)))
    _pages, built, markdown = pages_reused(warm)
    assert markdown == built > 50, warm.output
    held, taken = out.read_text().rsplit(" ", 1)
    assert int(taken) == built and held == "[0, 0]"  # when each language's templates start
