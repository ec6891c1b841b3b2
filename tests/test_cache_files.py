"""The content cache's files on a real folder (``newsroom.common.cache``): a temporary copy
left by a build killed while writing it is deleted by a later write, never one being written."""

from __future__ import annotations

import os
import time
from pathlib import Path

from newsroom.common import cache

HOURS = 3600


def _left(path: Path, age: float) -> Path:
    path.write_bytes(b"half-written")
    then = time.time() - age
    os.utime(path, (then, then))
    return path


def test_a_store_write_deletes_the_copies_a_killed_build_left(tmp_path: Path) -> None:
    killed = _left(tmp_path / "scan.pickle.k1ll3d", 2 * HOURS)
    writing = _left(tmp_path / "scan.pickle.n0wn0w", 5)  # another build's, being written
    other = _left(tmp_path / "feeds.pickle.k1ll3d", 2 * HOURS)  # another file's: its own write
    store = cache.Store(tmp_path / "scan.pickle")
    store.put("key", "value")
    store.save()
    assert cache.Store(tmp_path / "scan.pickle").get("key") == "value"
    assert not killed.exists() and writing.exists() and other.exists()


def test_a_sealed_record_write_deletes_the_copies_a_killed_build_left(tmp_path: Path) -> None:
    killed = _left(tmp_path / ".site-build.json.4242", 2 * HOURS)
    cache.write_sealed(tmp_path / "site-build.json", {"files": {}})
    assert cache.read_sealed(tmp_path / "site-build.json") == {"files": {}}
    assert not killed.exists()


def test_a_link_named_like_a_copy_is_left_alone(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.write_text("kept", encoding="utf-8")
    folder = tmp_path / "cache"
    folder.mkdir()
    link = folder / "scan.pickle.l1nk"
    link.symlink_to(outside)
    then = time.time() - 2 * HOURS
    os.utime(link, (then, then), follow_symlinks=False)
    assert cache.remove_stale_copies(folder, "scan.pickle.") == 0
    assert link.is_symlink() and outside.read_text(encoding="utf-8") == "kept"
