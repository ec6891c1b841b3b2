"""The page cache's store (``newsroom.site.pagecache.EntryStore``) on a real folder: entries are
sealed with their key, pruning keeps what the last preview used, links disable it. The cache's
effect on builds (byte-identical output, reuse) is proven by real builds in test_rebuild.py."""

from __future__ import annotations

import os
from pathlib import Path

from newsroom.site.pagecache import EntryStore

A, B, C = ("a" * 64, "b" * 64, "c" * 64)


def test_an_entry_comes_back_only_under_its_own_key(tmp_path: Path) -> None:
    store = EntryStore(tmp_path / "pages")
    store.put(A, "<html>A</html>")
    store.put(B, "<html>B</html>")
    again = EntryStore(tmp_path / "pages")
    assert again.get(A) == "<html>A</html>"
    (tmp_path / "pages" / B).write_bytes((tmp_path / "pages" / A).read_bytes())  # renamed
    assert again.get(B) is None
    data = bytearray((tmp_path / "pages" / A).read_bytes())
    data[-1] ^= 1  # one bit of the page changed
    (tmp_path / "pages" / A).write_bytes(bytes(data))
    assert EntryStore(tmp_path / "pages").get(A) is None


def test_a_production_build_keeps_what_the_last_preview_used(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    preview = EntryStore(folder)
    for name in (A, B):
        preview.put(name, name)
    preview.remember("serve", extend=False)
    saved = EntryStore(folder)  # a preview rebuild after a save: only C is new
    saved.put(C, C)
    saved.remember("serve", extend=True)

    production = EntryStore(folder)
    production.used.clear()
    (folder / ("d" * 64)).write_bytes(b"old")
    assert production.prune(keep="serve") == 1
    assert sorted(p.name for p in folder.iterdir() if len(p.name) == 64) == [A, B, C]


def test_a_symbolic_link_in_place_of_the_folder_disables_the_store(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "pages").symlink_to(elsewhere, target_is_directory=True)
    store = EntryStore(tmp_path / "pages")
    store.put(A, "x")
    assert store.get(A) is None
    assert list(elsewhere.iterdir()) == []


def test_an_entry_is_never_written_through_a_link_at_its_name(tmp_path: Path) -> None:
    target = tmp_path / "outside.txt"
    target.write_text("untouched", encoding="utf-8")
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / A).symlink_to(target)  # what a repository committing .cache/ could plant
    store = EntryStore(folder)
    store.put(A, "<html>A</html>")
    assert target.read_text(encoding="utf-8") == "untouched"
    assert store.get(A) is None


def test_a_half_written_entry_is_no_entry(tmp_path: Path) -> None:
    store = EntryStore(tmp_path / "pages")
    store.put(A, "<html>" + "A" * 10_000 + "</html>")
    entry = tmp_path / "pages" / A
    entry.write_bytes(entry.read_bytes()[:-100])  # a build stopped while writing it
    assert EntryStore(tmp_path / "pages").get(A) is None


def test_an_entry_that_is_a_pipe_is_no_entry_and_does_not_block(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    os.mkfifo(folder / A)
    assert EntryStore(folder).get(A) is None


def test_pruning_deletes_a_killed_builds_temporary_copy_not_one_being_written(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "pages"
    store = EntryStore(folder)
    store.put(A, "a")
    left, writing = folder / ".tmp-k1ll3d", folder / ".tmp-n0wn0w"
    for path in (left, writing):
        path.write_text("A\n", encoding="ascii")
    two_hours_ago = os.stat(left).st_mtime - 7200
    os.utime(left, (two_hours_ago, two_hours_ago))
    assert store.prune() == 1
    assert not left.exists() and writing.exists() and (folder / A).exists()
