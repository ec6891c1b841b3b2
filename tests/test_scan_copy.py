"""Half of a clean scan checked by a forked copy of the build (``newsroom.content.scan_copy``),
real fork, real files: the corpus, its issues and the content cache are those of a scan in the
build alone; a copy that fails, or a file it cannot read, is left to the build."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from newsroom.common import cache
from newsroom.content import checked, loading, scan_copy
from newsroom.content.settings import Settings
from synthetic_corpus import write_corpus

REPO = Path(__file__).resolve().parents[1]
NOW = dt.datetime.fromisoformat("2026-11-22T12:00:00+07:00")
#: Late in the scan's order, so in the copy's half: one file no one can read as UTF-8, one
#: article with an unknown category.
BROKEN = {
    "tin-tuc/2026/zz-khong-doc-duoc.md": b"---\ntitle: \xff\xfe\n---\n",
    "tin-tuc/2026/zz-sai-chuyen-muc.md": None,
}


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    docs = tmp_path_factory.mktemp("scan") / "docs"
    shutil.copytree(REPO / "docs" / ".registries", docs / ".registries")
    write_corpus(docs, 600)
    sample = next(iter(sorted((docs / "tin-tuc").rglob("*.md"))))
    for rel, data in BROKEN.items():
        text = sample.read_text(encoding="utf-8")
        wrong = text.replace("category: ", "category: khong-co-", 1).encode("utf-8")
        (docs / rel).write_bytes(data if data is not None else wrong)
    return docs


def _scan(docs: Path, cache_dir: Path) -> dict:
    """What a scan gives the build, by value, and the content cache it saves."""
    site = loading.load(Settings(docs_dir=docs, site_url="https://example.gov.vn/"), NOW, cache_dir)
    corpus = site.corpus
    saved = cache.Store(cache_dir / loading.SCAN_CACHE)
    return {
        "issues": [i.format("en") for i in corpus.issues],
        "entries": {uri: repr(entry) for uri, entry in sorted(corpus.entries.items())},
        "lines": dict(sorted(corpus.field_lines.items())),
        "reuse": corpus.cache_reuse,
        "cached": sorted(saved._old),
    }


def _copies(monkeypatch: pytest.MonkeyPatch) -> list[scan_copy.Pending]:
    made: list[scan_copy.Pending] = []
    start = scan_copy.start

    def counted(*args, **kwargs):
        pending = start(*args, **kwargs)
        if pending is not None:
            made.append(pending)
        return pending

    monkeypatch.setattr(scan_copy, "start", counted)
    return made


def _alone(docs: Path, cache_dir: Path) -> dict:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(scan_copy, "SMALLEST", 10**9)
        return _scan(docs, cache_dir)


def test_a_scan_shared_with_a_copy_is_the_scan_of_the_build_alone(docs, tmp_path, monkeypatch):
    """The copy checks the second half of the originals (the build checks fewer than
    two thirds of the files itself); the corpus, every issue, the cache's count and what it
    saves are those of the build alone."""
    build_pid, in_build = os.getpid(), []
    run = checked.ArticleCheck.run

    def counted(self, *args, **kwargs):
        if os.getpid() == build_pid:
            in_build.append(args[0])
        return run(self, *args, **kwargs)

    monkeypatch.setattr(checked.ArticleCheck, "run", counted)
    copies = _copies(monkeypatch)
    shared = _scan(docs, tmp_path / "shared")
    checked_in_build = len(in_build)
    assert len(copies) == 1 and not copies[0].folder.exists()
    alone = _alone(docs, tmp_path / "alone")
    assert shared == alone
    checked_files = shared["reuse"][1]
    assert len(shared["entries"]) > 600 and shared["reuse"][0] == 0
    assert 0 < checked_in_build < checked_files * 2 / 3
    problems = "\n".join(shared["issues"])
    assert "zz-khong-doc-duoc.md" in problems and "zz-sai-chuyen-muc.md" in problems
    assert sorted(os.listdir(tmp_path / "shared")) == sorted(os.listdir(tmp_path / "alone"))


def test_a_copy_that_fails_leaves_its_half_to_the_build(docs, tmp_path, monkeypatch):
    build_pid = os.getpid()
    run = checked.ArticleCheck.run

    def failing_in_a_copy(self, *args, **kwargs):
        if os.getpid() != build_pid:
            raise MemoryError("the copy ran out of memory")
        return run(self, *args, **kwargs)

    monkeypatch.setattr(checked.ArticleCheck, "run", failing_in_a_copy)
    copies = _copies(monkeypatch)
    assert _scan(docs, tmp_path / "failed") == _alone(docs, tmp_path / "alone")
    assert len(copies) == 1 and not copies[0].folder.exists()


def test_a_rebuild_takes_its_checks_from_the_cache_not_from_a_copy(docs, tmp_path, monkeypatch):
    """With the content cache holding the articles (a rebuild), no copy is made: the build
    takes every result from the cache, and the scan is the same."""
    first = _scan(docs, tmp_path / "cache")
    copies = _copies(monkeypatch)
    again = _scan(docs, tmp_path / "cache")
    assert copies == []
    assert again["reuse"] == (again["reuse"][1], first["reuse"][1])
    assert {k: v for k, v in again.items() if k != "reuse"} == {
        k: v for k, v in first.items() if k != "reuse"
    }
