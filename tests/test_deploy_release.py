"""Atomic releases and the scheduled publisher, with a real git, a real build and nginx.

The server's checkout is a clone of a bare repository that plays the forge; editors push to
it; ``deploy/publish.sh`` (what the systemd timer runs) fetches, builds and releases.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import FIXED_NOW, REPO, SITE_URL, make_project
from newsroom.deploy import release
from nginx_support import NGINX, newsroom, serve
from tree_factory import article

PUBLISH = REPO / "deploy" / "publish.sh"
BIN = Path(sys.executable).parent

NEW_ARTICLE = article(
    "Nội dung bài mới.\n",
    id="fx-2026-phat-hanh-moi",
    title="Bài mới cho bản phát hành thứ hai",
    summary="Một bài được đăng sau lần phát hành đầu.",
    date="2026-06-01T09:00:00+07:00",
    approval="\n  by: chanh-van-phong-bo\n  at: 2026-06-01T08:00:00+07:00",
)


def git(cwd: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Biên tập",
        "GIT_AUTHOR_EMAIL": "bt@example.gov.vn",
        "GIT_COMMITTER_NAME": "Biên tập",
        "GIT_COMMITTER_EMAIL": "bt@example.gov.vn",
    }
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


class Forge:
    """origin (bare), the editors' clone and the server's clone."""

    def __init__(self, base: Path) -> None:
        self.origin = base / "origin.git"
        self.editor = base / "editor"
        self.source = base / "source"
        self.releases = base / "releases"
        make_project(self.editor)
        git(base, "init", "--quiet", "--bare", "--initial-branch=main", str(self.origin))
        git(self.editor, "init", "--quiet", "--initial-branch=main")
        self.commit("Trang ban đầu")
        git(self.editor, "remote", "add", "origin", str(self.origin))
        git(self.editor, "push", "--quiet", "origin", "main")
        git(base, "clone", "--quiet", str(self.origin), str(self.source))

    def commit(self, message: str, push: bool = False) -> None:
        git(self.editor, "add", "-A")
        git(self.editor, "commit", "--quiet", "-m", message)
        if push:
            git(self.editor, "push", "--quiet", "origin", "main")

    def publish(self, now: str = FIXED_NOW) -> subprocess.CompletedProcess:
        env = {
            **os.environ,
            "NEWSROOM_SOURCE": str(self.source),
            "NEWSROOM_RELEASES": str(self.releases),
            "NEWSROOM_BIN": str(BIN),
            "NEWSROOM_NOW": now,
            "NEWSROOM_SITE_URL": SITE_URL,
            "NO_MKDOCS_2_WARNING": "1",
        }
        return subprocess.run(
            [str(PUBLISH)], env=env, capture_output=True, text=True, timeout=600, check=False
        )

    def live(self) -> str | None:
        return release.live(self.releases)


def _two_releases(forge: Forge) -> tuple[str, str]:
    """The last two releases, publishing the new article first when a test runs alone."""
    if len(release.releases(forge.releases)) < 2:
        assert forge.publish().returncode == 0
        article = forge.editor / "docs" / "tin-tuc" / "2026" / "moi.md"
        if not article.exists():
            article.write_text(NEW_ARTICLE)
            forge.commit("Bài mới", push=True)
        assert forge.publish().returncode == 0
    first, second = release.releases(forge.releases)[-2:]
    return first, second


def _line(done: subprocess.CompletedProcess) -> str:
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 1, done.stdout + done.stderr  # one log line per run
    return lines[0]


@pytest.fixture(scope="module")
def forge(tmp_path_factory: pytest.TempPathFactory) -> Forge:
    return Forge(tmp_path_factory.mktemp("deploy-release"))


def test_the_timer_script_twice_on_unchanged_sources_makes_one_release(forge):
    first = forge.publish()
    assert first.returncode == 0, first.stdout + first.stderr
    assert " newsroom-publish released current=" in _line(first)
    second = forge.publish()
    assert second.returncode == 0, second.stdout + second.stderr
    assert " newsroom-publish unchanged current=" in _line(second)
    assert "inputs unchanged" in _line(second)  # nothing was built
    assert release.releases(forge.releases) == [forge.live()]
    live = forge.releases / "current"
    assert (live / "index.html.gz").is_file() and (live / "build-id.txt").is_file()
    assert not [p for p in forge.releases.iterdir() if p.name.startswith(".pending")]


def test_a_scheduled_article_coming_due_is_released_with_nothing_pushed(tmp_path):
    """The publisher skips the build only while the moment is the same for the output: at
    the scheduled article's time it builds, and the article is live."""
    forge = Forge(tmp_path)
    assert forge.publish("2026-07-01T07:59:00+07:00").returncode == 0
    waiting = forge.publish("2026-07-01T07:59:59+07:00")
    assert "inputs unchanged" in _line(waiting), waiting.stdout + waiting.stderr
    due = forge.publish("2026-07-01T08:00:01+07:00")
    assert f"released current={forge.live()}" in _line(due), due.stdout + due.stderr
    page = forge.releases / "current" / "tin-tuc" / "2026" / "hen-gio" / "index.html"
    assert "MARKER-SCHEDULED-5d2e" in page.read_text(encoding="utf-8")


def test_a_pushed_article_makes_a_new_release(forge):
    before = forge.live()
    (forge.editor / "docs" / "tin-tuc" / "2026" / "moi.md").write_text(NEW_ARTICLE)
    forge.commit("Bài mới", push=True)
    done = forge.publish()
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"released current={forge.live()}" in _line(done)
    assert forge.live() != before
    assert release.releases(forge.releases) == [before, forge.live()]
    home = (forge.releases / "current" / "index.html").read_text(encoding="utf-8")
    assert "Bài mới cho bản phát hành thứ hai" in home


def test_a_failed_build_keeps_the_live_release_and_is_reported(forge):
    before = forge.live()
    kept = release.releases(forge.releases)
    broken = forge.editor / "docs" / "tin-tuc" / "2026" / "hong.md"
    broken.write_text(NEW_ARTICLE.replace("id: fx-2026-phat-hanh-moi", "id: [hỏng"))
    forge.commit("Bài hỏng", push=True)
    done = forge.publish()
    assert done.returncode == 1
    assert f"newsroom-publish failed current={before} " in _line(done)
    assert "E001" in done.stderr or "E0" in done.stderr  # the content issue is shown
    assert forge.live() == before and release.releases(forge.releases) == kept
    assert not [p for p in forge.releases.iterdir() if p.name.startswith(".pending")]
    broken.unlink()
    forge.commit("Gỡ bài hỏng", push=True)
    assert "unchanged" in _line(forge.publish())


def test_runs_never_overlap(forge):
    with open(forge.releases / ".publish.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = forge.publish()
    assert done.returncode == 0
    assert " newsroom-publish skipped " in _line(done)


def test_rollback_in_one_command_holds_the_publisher_until_resumed(forge):
    older, newer = _two_releases(forge)
    assert forge.live() == newer
    done = newsroom(forge.source, "deploy", "rollback", "--releases", str(forge.releases))
    assert done.returncode == 0, done.stderr
    assert f"rolled-back current={older}" in done.stdout
    assert forge.live() == older
    held = forge.publish()
    assert " newsroom-publish held " in _line(held) and forge.live() == older
    resumed = newsroom(
        forge.source, "deploy", "release", "--releases", str(forge.releases), "--resume"
    )
    assert resumed.returncode == 0, resumed.stderr
    assert forge.live() == newer  # the same site was still on disk: no third copy
    assert release.releases(forge.releases) == [older, newer]


def test_old_releases_are_pruned_but_never_the_live_one(tmp_path):
    names = [f"2026010{i}T000000000000Z-{i:012x}" for i in range(1, 6)]
    for name in names:
        (tmp_path / name).mkdir()
    release.switch(tmp_path, names[1])  # rolled back to an old one
    removed = release.prune(tmp_path, keep=2)
    assert removed == [names[0], names[2]]
    assert release.releases(tmp_path) == [names[1], names[3], names[4]]


@pytest.mark.skipif(not NGINX.exists(), reason="nginx is missing: make nginx")
def test_a_switch_under_load_serves_one_whole_release_and_no_error(forge):
    first, second = _two_releases(forge)
    paths = ["/", "/tin-tuc/", "/en/", "/feeds/rss.xml", "/build-id.txt", "/tin-tuc/2026/cong-bo/"]
    bodies = {name: {p: _file(forge.releases / name, p) for p in paths} for name in (first, second)}
    assert bodies[first]["/"] != bodies[second]["/"]
    nginx = serve(forge.releases, forge.source, forge.releases.parent / "atomic")
    stop = threading.Event()
    switches = 0

    def alternate() -> None:
        nonlocal switches
        while not stop.is_set() and switches < 5000:
            release.switch(forge.releases, (first, second)[switches % 2])
            switches += 1
            time.sleep(0.001)

    seen: set[str] = set()
    switcher = threading.Thread(target=alternate)
    switcher.start()
    try:
        deadline = time.monotonic() + 20
        for count in range(2000):
            if time.monotonic() > deadline:
                break
            path = paths[count % len(paths)]
            response = nginx.get(path)
            assert response.status == 200, (path, response.status)
            owners = [n for n in (first, second) if bodies[n][path] == response.body]
            assert len(owners) == 1, f"{path}: the body is not wholly one release's file"
            if path.endswith("/"):  # every page carries its own release's build id
                ids = re.findall(rb'<meta name="newsroom-build" content="([^"]+)">', response.body)
                assert ids == [owners[0].encode()], (path, ids)
            seen.add(owners[0])
    finally:
        stop.set()
        switcher.join()
        release.switch(forge.releases, second)
        nginx.stop()
    assert switches > 20 and seen == {first, second}, (switches, seen)


def _file(release_dir: Path, path: str) -> bytes:
    name = path.lstrip("/") + ("index.html" if path.endswith("/") else "")
    return (release_dir / name).read_bytes()


def test_systemd_units_in_the_repository_are_the_generated_ones(tmp_path):
    done = newsroom(
        REPO,
        "deploy",
        "systemd",
        "--releases",
        "/srv/newsroom/releases",
        "--source",
        "/srv/newsroom/source",
        "--output-dir",
        str(tmp_path),
    )
    assert done.returncode == 0, done.stderr
    for unit in ("newsroom-publish.service", "newsroom-publish.timer"):
        assert (tmp_path / unit).read_text() == (REPO / "deploy" / "systemd" / unit).read_text()
    timer = (tmp_path / "newsroom-publish.timer").read_text()
    assert "OnCalendar=*:0/5" in timer  # every 5 minutes by default


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze")
def test_systemd_units_are_valid(tmp_path):
    newsroom(
        REPO,
        "deploy",
        "systemd",
        "--releases",
        str(tmp_path / "releases"),
        "--source",
        str(REPO),
        "--output-dir",
        str(tmp_path),
    )
    units = [str(tmp_path / "newsroom-publish.service"), str(tmp_path / "newsroom-publish.timer")]
    done = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", *units],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
