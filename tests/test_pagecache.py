"""The page cache's store (``newsroom.site.pagecache.EntryStore``) on a real folder: entries are
sealed with their key, pruning keeps what the last preview used, links disable it. The cache's
effect on builds (byte-identical output, reuse) is proven by real builds in test_rebuild.py."""

from __future__ import annotations

import os
from pathlib import Path

from newsroom.site.pagecache import EntryStore

A, B, C = ("a" * 64, "b" * 64, "c" * 64)
#: Two generations of a page store (``site_inputs``: what every key holds)
G1, G2 = ("1" * 64, "2" * 64)


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


# -- compressed against a dictionary learned from the first page (page_dictionary) ---------------

_CHROME = "".join(
    f'<li class="md-nav__item"><a href="../../muc-{n}/">Mục {n}</a></li>' for n in range(300)
)


def _page(n: int) -> str:
    """A page as the portal writes them: the same head, navigation and footer around its own
    text."""
    body = " ".join(f"Bài {n}: đoạn {k} về thi hành án dân sự năm {2000 + n}." for k in range(40))
    return f"<html><head>{_CHROME[:6000]}</head><body>{_CHROME}<main>{body}</main></body></html>"


def _names(count: int) -> list[str]:
    return [f"{n:064x}" for n in range(count)]


def _entry_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.iterdir() if len(p.name) == 64)


def test_pages_are_kept_against_a_dictionary_learned_from_the_first(tmp_path: Path) -> None:
    """A store with a generation learns a dictionary from its first page: every page comes
    back exactly, to a store opened later too, in a fraction of the space each page takes
    compressed on its own."""
    names = _names(20)
    learned = EntryStore(tmp_path / "pages", generation=G1)
    alone = EntryStore(tmp_path / "alone")
    for n, name in enumerate(names):
        learned.put(name, _page(n))
        alone.put(name, _page(n))
    assert [p.name for p in (tmp_path / "pages").iterdir() if len(p.name) != 64] == [
        f"dictionary-{G1[:32]}"
    ]
    again = EntryStore(tmp_path / "pages", generation=G1)
    assert [again.get(name) for name in names] == [_page(n) for n in range(20)]
    assert _entry_bytes(tmp_path / "pages") * 3 < _entry_bytes(tmp_path / "alone")


def test_only_a_typical_page_teaches_the_dictionary(tmp_path: Path) -> None:
    """The first page written may be unlike the rest (the home page; a listing at another
    depth, every link different): it is kept on its own, and the first typical page (an
    article's) teaches the dictionary the others are kept against."""
    names = _names(12)
    unlike = "<html><body>" + "".join(f"<p>Trang chủ, mục {n}</p>" for n in range(900)) + "</body>"
    store = EntryStore(tmp_path / "pages", generation=G1)
    store.put(names[0], unlike, typical=False)
    assert not (tmp_path / "pages" / f"dictionary-{G1[:32]}").exists()
    for n, name in enumerate(names[1:], start=1):
        store.put(name, _page(n))
    dictionary = (tmp_path / "pages" / f"dictionary-{G1[:32]}").read_bytes()
    assert _page(1)[-2000:].encode() in dictionary and b"Trang ch" not in dictionary
    again = EntryStore(tmp_path / "pages", generation=G1)
    assert [again.get(name) for name in names] == [unlike] + [_page(n) for n in range(1, 12)]


def test_a_new_generation_reads_no_old_entry_and_prunes_the_old_dictionary(tmp_path: Path):
    """The generation is what every key holds: a new one (new code, templates or settings)
    makes every old entry unused; it learns its own dictionary and the prune deletes the
    old one with the old entries."""
    folder = tmp_path / "pages"
    old = EntryStore(folder, generation=G1)
    old.put(A, _page(1))
    new = EntryStore(folder, generation=G2)
    assert new.get(A) is None  # (its key would differ too; even under the same name)
    new.put(B, _page(2))
    new.prune()
    assert sorted(p.name for p in folder.iterdir()) == [B, f"dictionary-{G2[:32]}"]
    assert EntryStore(folder, generation=G2).get(B) == _page(2)


def test_a_production_build_keeps_the_preview_pages_and_their_dictionary(tmp_path: Path):
    """The preview's keys differ from a production build's (another generation): the
    production build's prune keeps the pages the last preview used and the dictionary they
    need, so that ``make serve`` still starts from them."""
    folder = tmp_path / "pages"
    preview = EntryStore(folder, generation=G1)
    preview.put(A, _page(1))
    preview.remember("serve", extend=False)
    production = EntryStore(folder, generation=G2)
    production.put(B, _page(2))
    production.prune(keep="serve")
    assert EntryStore(folder, generation=G1).get(A) == _page(1)
    assert EntryStore(folder, generation=G2).get(B) == _page(2)
    production.used.clear()
    production.prune()  # a build that used nothing and kept nothing of the preview's
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith("keep-")) == [
        f"dictionary-{G2[:32]}"
    ]


def test_a_damaged_or_planted_dictionary_makes_entries_no_entries(tmp_path: Path) -> None:
    """The dictionary is sealed like an entry: a changed one, or a link planted in its place,
    is no dictionary, and the entries made with it are read as none (never wrongly)."""
    folder = tmp_path / "pages"
    EntryStore(folder, generation=G1).put(A, _page(1))
    dictionary = folder / f"dictionary-{G1[:32]}"
    data = bytearray(dictionary.read_bytes())
    data[-1] ^= 1
    dictionary.write_bytes(bytes(data))
    assert EntryStore(folder, generation=G1).get(A) is None
    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_bytes(bytes(data))
    dictionary.unlink()
    dictionary.symlink_to(elsewhere)
    assert EntryStore(folder, generation=G1).get(A) is None


def test_the_build_and_its_copy_learning_at_once_keep_one_dictionary(tmp_path: Path) -> None:
    """The build and a forked copy of it open the store before any dictionary exists and
    both store pages at once: one dictionary is made, and every entry of both is read back."""
    folder = tmp_path / "pages"
    names = _names(40)
    store = EntryStore(folder, generation=G1)
    pid = os.fork()
    if pid == 0:  # the copy: the odd pages
        try:
            for n in range(1, 40, 2):
                store.put(names[n], _page(n))
        finally:
            os._exit(0)
    for n in range(0, 40, 2):
        store.put(names[n], _page(n))
    os.waitpid(pid, 0)
    assert [p.name for p in folder.iterdir() if len(p.name) != 64] == [f"dictionary-{G1[:32]}"]
    again = EntryStore(folder, generation=G1)
    assert [again.get(name) for name in names] == [_page(n) for n in range(40)]
