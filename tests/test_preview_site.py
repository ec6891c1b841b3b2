"""The preview folder kept across ``make serve`` sessions (``newsroom.site.preview_site``):
one session holds it; a record comes back only for the same inputs and only if this machine
sealed it; other inputs empty the folder. Served results: ``test_preview_dirty.py``."""

from __future__ import annotations

import os
from pathlib import Path

from newsroom.site import preview_site

SOURCES = {"tin-tuc/2026/a.md": (0o100644, 10, 1_700_000_000_000_000_000, 42)}
GENERATED = {("vi", "tin-tuc/index.md"): "f1"}


def test_one_session_holds_the_folder(tmp_path: Path) -> None:
    first = preview_site.hold(tmp_path)
    assert first is not None
    assert preview_site.hold(tmp_path) is None  # a second `make serve` meanwhile
    os.close(first.lock)
    assert preview_site.hold(tmp_path) is not None  # once the first one is gone


def test_a_record_comes_back_for_the_same_inputs_only(tmp_path: Path) -> None:
    held = preview_site.hold(tmp_path)
    assert held is not None
    assert preview_site.restore(held, "inputs-1") is None  # nothing recorded yet
    (held.site / "index.html").write_text("trang", encoding="utf-8")
    preview_site.record(held, "inputs-1", SOURCES, GENERATED)
    assert preview_site.restore(held, "inputs-1") == (SOURCES, GENERATED)
    assert (held.site / "index.html").is_file()
    # restoring deleted the record (a build started): without a new one, nothing comes back
    assert preview_site.restore(held, "inputs-1") is None
    assert list(held.site.iterdir()) == []  # and the folder was emptied

    preview_site.record(held, "inputs-1", SOURCES, GENERATED)
    (held.site / "index.html").write_text("trang", encoding="utf-8")
    assert preview_site.restore(held, "inputs-2") is None  # a template changed, say
    assert list(held.site.iterdir()) == []


def test_a_record_not_sealed_here_is_ignored(tmp_path: Path) -> None:
    held = preview_site.hold(tmp_path)
    assert held is not None
    preview_site.record(held, "inputs-1", SOURCES, GENERATED)
    _check, _, payload = held.record.read_bytes().partition(b"\n")
    held.record.write_bytes(bytes(32).hex().encode() + b"\n" + payload)
    assert preview_site.restore(held, "inputs-1") is None


def test_a_linked_folder_is_never_used(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / preview_site.FOLDER).symlink_to(elsewhere)
    assert preview_site.hold(cache) is None
    assert list(elsewhere.iterdir()) == []
