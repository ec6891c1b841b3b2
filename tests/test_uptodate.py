"""``newsroom build`` skips a production build only when its output could not differ.

Real builds of the fixture site: a run with nothing changed leaves ``site/`` untouched; a
scheduled article coming due, an edited source, an edited or forged record, a touched output
file or a changed setting makes it build again, and what it builds equals a clean build.
The moment is compared the way the output sees it (:func:`newsroom.site.uptodate.moment`),
checked here at the exact boundaries of the fixture's scheduled article and withdrawal notice.
"""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXED_NOW, REPO, Build, build_env, make_project, run_build
from newsroom.common import cache
from newsroom.content import settings as site_settings
from newsroom.content.loading import load
from newsroom.site import uptodate
from test_rebuild import assert_same, output

NEWSROOM = Path(sys.executable).parent / "newsroom"
UP_TO_DATE = "is up to date"
#: The fixture's scheduled article is due at 2026-07-01 08:00; its withdrawn article was
#: withdrawn at 2026-04-03 10:00, so its notice leaves the feeds 30 days later.
DUE = dt.datetime.fromisoformat("2026-07-01T08:00:00+07:00")
NOTICE_ENDS = dt.datetime.fromisoformat("2026-05-03T10:00:00+07:00")
#: The morning it comes due, just before and just after (the same day: only its time passes).
BEFORE_DUE, AFTER_DUE = "2026-07-01T07:59:59+07:00", "2026-07-01T08:00:01+07:00"


def newsroom_build(root: Path, now: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(NEWSROOM), "build"],
        cwd=root,
        env=build_env(now, **env),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def built(done: subprocess.CompletedProcess) -> bool:
    """True when the run built (False when it found ``site/`` up to date)."""
    assert done.returncode == 0, done.stdout + done.stderr
    return UP_TO_DATE not in done.stdout


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("uptodate") / "project")
    assert built(newsroom_build(root, FIXED_NOW))
    return root


def test_nothing_changed_nothing_built_site_untouched(project: Path) -> None:
    before = cache.stat_listing(project / "site")
    assert not built(newsroom_build(project, FIXED_NOW))
    # a second later (no time of the content passed): still nothing to do
    assert not built(newsroom_build(project, "2026-06-15T12:00:01+07:00"))
    assert cache.stat_listing(project / "site") == before


def test_what_changes_the_output_builds_again(project: Path) -> None:
    site = project / "site"
    page = site / "index.html"
    page.write_bytes(page.read_bytes() + b" ")  # an output file changed by hand
    assert built(newsroom_build(project, FIXED_NOW))
    assert not built(newsroom_build(project, FIXED_NOW))

    (site / "stray.html").write_text("stray", encoding="utf-8")  # an output file added
    assert built(newsroom_build(project, FIXED_NOW))
    assert not (site / "stray.html").exists()

    assert built(newsroom_build(project, FIXED_NOW, NEWSROOM_SITE_URL="https://other.gov.vn/"))
    assert "https://other.gov.vn/" in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert built(newsroom_build(project, FIXED_NOW))

    about = project / "docs" / "gioi-thieu.md"
    text = about.read_text(encoding="utf-8")
    about.write_text(text + "\nMột câu mới.\n", encoding="utf-8")  # a source edited
    try:
        assert built(newsroom_build(project, FIXED_NOW))
        assert "Một câu mới." in (site / "gioi-thieu" / "index.html").read_text(encoding="utf-8")
    finally:
        about.write_text(text, encoding="utf-8")
    assert built(newsroom_build(project, FIXED_NOW))
    assert not built(newsroom_build(project, FIXED_NOW))


def test_an_incremental_build_records_site_as_it_left_it(project: Path, tmp_path: Path) -> None:
    """The incremental build's last listing of site/ (taken after its last write) is the
    one recorded: the next run finds it equal and builds nothing. The search's scratch
    folders, deleted on a thread of their own, are gone when the command has ended."""
    site = project / "site"
    article = project / "docs" / "tin-tuc" / "2026" / "cong-bo.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text + "\nMột đoạn bổ sung.\n", encoding="utf-8")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    try:
        done = newsroom_build(project, FIXED_NOW, TMPDIR=str(scratch))
        assert built(done) and "incremental build:" in done.stderr
        assert "search:" in done.stderr and "index reused" not in done.stderr  # 2026 indexed
        assert list(scratch.iterdir()) == []
        recorded = uptodate.last_build(project / ".cache" / "newsroom", site)
        assert recorded is not None and recorded[1] == cache.stat_listing(site)
        assert not built(newsroom_build(project, FIXED_NOW))
    finally:
        article.write_text(text, encoding="utf-8")
    assert built(newsroom_build(project, FIXED_NOW))


def test_a_record_not_sealed_on_this_machine_is_ignored(project: Path) -> None:
    record = project / ".cache" / "newsroom" / uptodate.MANIFEST
    check, _, payload = record.read_bytes().partition(b"\n")
    forged = bytes(32).hex().encode()  # what a repository could commit: a record of its own
    assert forged != check
    record.write_bytes(forged + b"\n" + payload)
    assert built(newsroom_build(project, FIXED_NOW))
    assert not built(newsroom_build(project, FIXED_NOW))


def test_a_scheduled_article_coming_due_is_built_as_a_clean_build_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path / "due")
    assert built(newsroom_build(root, BEFORE_DUE))
    assert not built(newsroom_build(root, "2026-07-01T07:59:59.900+07:00"))  # not yet
    assert built(newsroom_build(root, AFTER_DUE))
    assert "MARKER-SCHEDULED-5d2e" in (root / "site" / "tin-tuc/2026/hen-gio/index.html").read_text(
        encoding="utf-8"
    )
    clean_root = make_project(tmp_path / "clean")
    monkeypatch.setenv("NEWSROOM_CACHE", "off")
    clean = run_build(clean_root, AFTER_DUE)
    assert_same(output(clean), output(Build(root, root / "site", 0, "")))


@pytest.fixture(scope="module")
def settings(project: Path) -> site_settings.Settings:
    return site_settings.load(project / "mkdocs.yml")


def _moment(settings: site_settings.Settings, now: dt.datetime) -> str:
    return uptodate.moment(load(settings, now))


@pytest.mark.parametrize("boundary", [DUE, NOTICE_ENDS], ids=["scheduled", "notice"])
def test_moments_either_side_of_a_content_time_differ(settings, boundary: dt.datetime) -> None:
    tick = dt.timedelta(microseconds=1)
    before, at, after = (_moment(settings, boundary + d) for d in (-tick, 0 * tick, tick))
    assert len({before, at, after}) == 3
    # between two times of the content on the same day: one moment for the output
    assert _moment(settings, boundary + tick) == _moment(settings, boundary + 2 * tick)


def test_a_new_day_is_a_new_moment(settings) -> None:
    evening = dt.datetime.fromisoformat("2026-06-15T23:59:59.999999+07:00")
    assert _moment(settings, evening) != _moment(settings, evening + dt.timedelta(microseconds=1))


#: The modules that read "now" (``x.now``), each checked against the rule of
#: ``newsroom.site.uptodate``: "now" is compared only with times the content holds, whole days
#: after them, or dates. A module added here needs the same check (its docstring says why).
READS_NOW = {
    "hooks/newsroom/common/clock.py",  # the clock itself
    "hooks/newsroom/content/corpus.py",  # visibility: date <= now
    "hooks/newsroom/content/loading.py",  # takes the clock
    "hooks/newsroom/deploy/release.py",  # names releases (not an output of the build)
    "hooks/newsroom/desk/desk_render.py",  # the CLI's desk report (not an output)
    "hooks/newsroom/desk/loader.py",  # reminders (printed by the CLI, never built)
    "hooks/newsroom/desk/public.py",  # quarters ended (dates), conferences held (event start)
    "hooks/newsroom/desk/review.py",  # the CLI's review (not an output)
    "hooks/newsroom/desk/review_render.py",  # the CLI's review (not an output)
    "hooks/newsroom/outputs/feed_lifecycle.py",  # withdrawn.at + 30 days
    "hooks/newsroom/report/figures.py",  # the CLI's report (not an output)
    "hooks/newsroom/report/render.py",  # the CLI's report (not an output)
    "hooks/newsroom/site/build.py",  # the project handed over was loaded at the same moment
    "hooks/newsroom/site/incremental.py",  # event start: in the article page's key
    "hooks/newsroom/site/pressroom.py",  # event start; spokespersons by date
    "hooks/newsroom/site/uptodate.py",  # this rule itself
    "hooks/portal.py",  # event start ("add to calendar")
}


def test_every_module_reading_now_was_checked_against_the_rule() -> None:
    found = set()
    for path in sorted((REPO / "hooks").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if any(isinstance(n, ast.Attribute) and n.attr == "now" for n in ast.walk(tree)):
            found.add(path.relative_to(REPO).as_posix())
    assert found == READS_NOW


def test_without_the_content_cache_every_run_builds(project: Path, tmp_path: Path) -> None:
    root = make_project(tmp_path / "nocache")
    shutil.copytree(project / "site", root / "site")
    assert built(newsroom_build(root, FIXED_NOW, NEWSROOM_CACHE="off"))
    assert built(newsroom_build(root, FIXED_NOW, NEWSROOM_CACHE="off"))


def test_a_large_file_is_known_by_its_metadata_and_any_write_shows(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    video = folder / "video.mp4"
    video.write_bytes(b"\0" * (cache.HASHED_UP_TO + 1))
    before = cache.files_digest(folder)
    assert cache.files_digest(folder) == before
    info = video.stat()
    with video.open("r+b") as handle:  # the same size, and the old modification time back
        handle.write(b"\1")
    os.utime(video, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert cache.files_digest(folder) != before  # the change time moved


def test_newsroom_build_hands_the_project_it_loaded_to_the_build(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``newsroom build`` runs MkDocs in its own process: the build's settings, read from the
    config MkDocs loads, equal the command's, so the hook takes the loaded project (once)
    instead of scanning every article again; at another moment it scans."""
    from mkdocs.config import load_config
    from newsroom.site import build

    monkeypatch.chdir(project)
    for name, value in build_env(FIXED_NOW).items():
        monkeypatch.setenv(name, value)
    inputs = uptodate.read(project / "mkdocs.yml")
    config = load_config(str(project / "mkdocs.yml"))
    handed = build.HandedOver(inputs.site, inputs.sources_read)
    build.hand_over(handed)
    taken = build.take_handed_over(build.settings_from(config))
    assert taken is not None and taken.site is inputs.site
    assert taken.sources_read == cache.stat_listing(project / "docs")
    assert build.take_handed_over(build.settings_from(config)) is None  # once
    other = dataclasses.replace(build.settings_from(config), page_size=7)
    build.hand_over(handed)
    assert build.take_handed_over(other) is None  # loaded with other settings: scanned again
    build.hand_over(handed)
    monkeypatch.setenv("NEWSROOM_NOW", AFTER_DUE)
    assert build.take_handed_over(build.settings_from(config)) is None
