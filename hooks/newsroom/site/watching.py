"""How ``make serve`` notices a saved article: told by the kernel where it can be, else by polling.

MkDocs 1.6 polls: every half second it lists and stats every file under ``docs/`` (12,000
files at 10,000 articles, ten times that for a ministry's whole archive), on the same
interpreter as the build. A save is seen only at the next poll, and each poll holds the
interpreter while a build runs, so the preview of a large archive is slower to notice a save
and slower to build it.

Linux's inotify reports a write when it happens, at no cost, but only a write made through
this machine's kernel: a folder shared from another machine or from Windows (NFS, SMB, WSL's
``drvfs``, 9p, a virtual machine's or Docker Desktop's shared folder, FUSE mounts such as
sshfs) may never report one. So the docs folder is watched with inotify only on a Linux
filesystem known to report every write (``LOCAL_FILESYSTEMS``); anywhere else, or with
``NEWSROOM_WATCH=poll``, or if inotify cannot start (say, no watches left), MkDocs' polling
stays. ``mkdocs.yml`` stays polled in every case: an editor that saves by renaming a new file
over it would end an inotify watch on the file itself, and polling one file costs nothing.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import Any

#: Filesystems whose every write passes through this kernel, so inotify reports it.
LOCAL_FILESYSTEMS = frozenset(
    {"ext2", "ext3", "ext4", "xfs", "btrfs", "bcachefs", "f2fs", "jfs", "reiserfs", "zfs"}
    | {"tmpfs", "ramfs", "overlay"}
)
#: ``poll``: keep MkDocs' polling (a folder whose filesystem is not what it says).
ENV_VAR = "NEWSROOM_WATCH"
_MOUNTINFO = Path("/proc/self/mountinfo")


def filesystem_of(path: Path, mountinfo: str) -> str | None:
    """The filesystem type of the mount holding ``path`` (resolved), from the text of
    ``/proc/self/mountinfo``; ``None`` if no mount is listed for it."""
    target = os.path.realpath(path)
    best, kind = "", None
    for line in mountinfo.splitlines():
        left, separator, right = line.partition(" - ")
        fields, described = left.split(), right.split()
        if not separator or len(fields) < 5 or not described:
            continue
        point = _unescape(fields[4])
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):  # the last of equal mounts is on top
            best, kind = point, described[0]
    return kind


def _unescape(field: str) -> str:
    r"""A mount point as the kernel writes it: space, tab, newline and backslash as ``\ooo``."""
    for code in ("040", "011", "012", "134"):
        field = field.replace("\\" + code, chr(int(code, 8)))
    return field


def why_polling(docs_dir: Path) -> str | None:
    """Why the docs folder must be polled; ``None`` when inotify sees every write to it."""
    if os.environ.get(ENV_VAR, "").strip().lower() == "poll":
        return f"{ENV_VAR}=poll"
    if not sys.platform.startswith("linux"):
        return f"{sys.platform}: no inotify"
    try:
        mountinfo = _MOUNTINFO.read_text(encoding="utf-8", errors="surrogateescape")
    except OSError as exc:
        return f"{_MOUNTINFO}: {exc.strerror or exc}"
    kind = filesystem_of(docs_dir, mountinfo)
    if kind not in LOCAL_FILESYSTEMS:
        return f"{kind or 'unknown'} filesystem"
    return None


def watch_natively(server: Any, docs_dir: Path) -> tuple[Any, str | None]:
    """Move the watch of ``docs_dir`` from MkDocs' polling observer to a started inotify
    observer (the one to stop when the preview ends), with MkDocs' own rebuild callback.
    Returns ``(observer, None)``, or ``(None, why)`` when the folder stays polled.

    ``server`` is MkDocs' ``LiveReloadServer``, which ``on_serve`` gets after it began
    watching ``docs_dir``: its public ``watch``/``unwatch`` schedule on ``server.observer``,
    so that attribute points to the new observer while the folder is watched again."""
    why = why_polling(docs_dir)
    if why is not None:
        return None, why
    path = os.path.abspath(docs_dir)
    polling = server.observer
    native = _writes_only_observer()
    server.unwatch(path)
    try:
        server.observer = native
        server.watch(path)
        native.start()  # sets the watches now: an error shows here, not when serving
    except OSError as exc:
        with contextlib.suppress(KeyError):  # a failed start drops the watch itself
            server.unwatch(path)
        server.observer = polling
        server.watch(path)
        return None, f"inotify: {exc.strerror or exc}"
    finally:
        server.observer = polling
    return native, None


def _writes_only_observer() -> Any:
    """An inotify observer that reports what changes a file (a write, a new file, a
    deletion, a rename, new permissions or times), never a read: watchdog's inotify also
    reports every file opened and closed without a write, and MkDocs rebuilds on any event,
    so each build, which reads the saved article and the static pages, would start the
    next one, for ever, and a save would wait for the build running then."""
    from watchdog import events
    from watchdog.observers.inotify import InotifyObserver

    changes = [
        events.FileCreatedEvent,
        events.FileModifiedEvent,
        events.FileClosedEvent,  # closed after a write
        events.FileDeletedEvent,
        events.FileMovedEvent,
        events.FileAttribEvent,
        events.DirCreatedEvent,
        events.DirDeletedEvent,
        events.DirMovedEvent,
        events.DirModifiedEvent,
        events.DirAttribEvent,
    ]

    class WritesOnly(InotifyObserver):
        def schedule(self, event_handler: Any, path: Any, **options: Any) -> Any:
            options["event_filter"] = options.get("event_filter") or changes
            return super().schedule(event_handler, path, **options)

    return WritesOnly()
