"""Which filesystems ``make serve`` trusts to report a save (``newsroom.site.watching``)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from newsroom.site import watching

# /proc/self/mountinfo as the kernel writes it: a root on ext4, a Windows drive under WSL,
# an NFS home, a tmpfs inside it, and a mount point with a space (written as \\040)
MOUNTINFO = """\
22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
31 22 0:40 / /mnt/c rw,noatime - 9p drvfs rw,aname=drvfs;path=C:\\
40 22 0:50 / /home rw,relatime - nfs4 server:/home rw,vers=4.2
41 40 0:51 / /home/bien-tap/nhap rw - tmpfs tmpfs rw
42 22 0:52 / /srv/tin\\040tuc rw - xfs /dev/sdb1 rw
"""


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/srv/newsroom/docs", "ext4"),
        ("/mnt/c/Users/bien-tap/newsroom/docs", "9p"),
        ("/mnt/cd", "ext4"),  # a sibling's name is not its mount
        ("/home/bien-tap/newsroom/docs", "nfs4"),
        ("/home/bien-tap/nhap/docs", "tmpfs"),  # the innermost mount holds it
        ("/srv/tin tuc/docs", "xfs"),
    ],
)
def test_the_innermost_mount_names_the_filesystem(path: str, kind: str) -> None:
    assert watching.filesystem_of(Path(path), MOUNTINFO) == kind


def test_shared_folders_are_polled_and_local_ones_are_not() -> None:
    assert {"9p", "nfs4", "cifs", "fuse.sshfs", "virtiofs"}.isdisjoint(watching.LOCAL_FILESYSTEMS)
    assert {"ext4", "xfs", "btrfs", "overlay", "tmpfs"} <= watching.LOCAL_FILESYSTEMS


def test_this_machine_s_mounts_are_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The real mount table: /proc is procfs (polled); the test's folder follows its mount."""
    monkeypatch.delenv(watching.ENV_VAR, raising=False)
    assert watching.why_polling(Path("/proc/self")) == "proc filesystem"
    mounts = Path("/proc/self/mountinfo").read_text(encoding="utf-8")
    kind = watching.filesystem_of(tmp_path, mounts)
    expected = None if kind in watching.LOCAL_FILESYSTEMS else f"{kind} filesystem"
    assert watching.why_polling(tmp_path) == expected
    monkeypatch.setenv(watching.ENV_VAR, "poll")
    assert watching.why_polling(tmp_path) == f"{watching.ENV_VAR}=poll"


def _server(root: Path) -> Any:
    """MkDocs' preview server as ``mkdocs serve`` has it when ``on_serve`` runs: ``docs/``
    and ``mkdocs.yml`` watched by its polling observer, nothing started."""
    from mkdocs.livereload import LiveReloadServer

    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(root))
    server.watch(str(root / "docs"))
    server.watch(str(root / "mkdocs.yml"))
    return server


def _watched(observer: Any) -> set[str]:
    return {emitter.watch.path for emitter in observer.emitters}


def test_docs_move_to_inotify_and_the_config_stays_polled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(watching.ENV_VAR, raising=False)
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    if watching.why_polling(tmp_path / "docs") is not None:
        pytest.skip("the test folder is not on a local filesystem")
    server = _server(tmp_path)
    polling = server.observer
    native, why = watching.watch_natively(server, tmp_path / "docs")
    try:
        assert why is None and native is not None and native.is_alive()
        assert server.observer is polling  # MkDocs starts and stops its own observer
        assert _watched(native) == {str(tmp_path / "docs")}
        assert str(tmp_path / "docs") not in _watched(polling)
        assert len(polling.emitters) == 1  # mkdocs.yml
    finally:
        if native is not None:
            native.stop()
            native.join(timeout=5)


def test_a_folder_inotify_cannot_watch_stays_polled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """inotify fails to start (here: the folder is gone; elsewhere: no watches left): the
    folder is watched by MkDocs' polling again, as if nothing had been tried."""
    monkeypatch.delenv(watching.ENV_VAR, raising=False)
    (tmp_path / "docs").mkdir()
    server = _server(tmp_path)
    polling = server.observer
    (tmp_path / "docs").rmdir()
    native, why = watching.watch_natively(server, tmp_path / "docs")
    assert native is None and why is not None and why.startswith("inotify: ")
    assert server.observer is polling
    assert str(tmp_path / "docs") in _watched(polling) and len(polling.emitters) == 2


def _wants_rebuild(server: Any, within: float) -> bool:
    """Whether MkDocs' server was asked to rebuild within ``within`` seconds; then the
    rest of the change's events (a write reports a modification and a close) are let in
    and the request cleared, so the next check sees only what comes after."""
    deadline = time.monotonic() + within
    asked = False
    while time.monotonic() < deadline and not asked:
        with server._rebuild_cond:
            asked = server._want_rebuild
        time.sleep(0.02)
    time.sleep(0.3)
    with server._rebuild_cond:
        server._want_rebuild = False
    return asked


def test_a_build_reading_docs_asks_for_no_rebuild_and_a_save_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """watchdog's inotify reports files opened and closed without a write too, and MkDocs
    rebuilds on any event: every build read the saved article again, so the preview rebuilt
    for ever and a save waited for the build running. Only changes reach MkDocs now."""
    monkeypatch.delenv(watching.ENV_VAR, raising=False)
    article = tmp_path / "docs" / "tin-tuc" / "2026" / "bai.md"
    article.parent.mkdir(parents=True)
    article.write_text("---\ntitle: Bài\n---\nThân bài\n", encoding="utf-8")
    if watching.why_polling(tmp_path / "docs") is not None:
        pytest.skip("the test folder is not on a local filesystem")
    server = _server(tmp_path)
    native, why = watching.watch_natively(server, tmp_path / "docs")
    assert why is None and native is not None
    try:
        _wants_rebuild(server, 0.3)  # nothing pending
        for _ in range(3):  # a build reads sources, lists folders and stats files
            article.read_text(encoding="utf-8")
            sorted((tmp_path / "docs").rglob("*"))
            article.stat()
        assert not _wants_rebuild(server, 1.0)
        article.write_text("---\ntitle: Bài đã sửa\n---\nThân bài\n", encoding="utf-8")
        assert _wants_rebuild(server, 5.0)
        (article.parent / "moi.md").write_text("mới\n", encoding="utf-8")
        assert _wants_rebuild(server, 5.0)
        (article.parent / "moi.md").rename(article.parent / "moi-hon.md")
        assert _wants_rebuild(server, 5.0)
        (article.parent / "moi-hon.md").unlink()
        assert _wants_rebuild(server, 5.0)
    finally:
        native.stop()
        native.join(timeout=5)
