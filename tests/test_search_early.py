"""Search shards staged by a forked copy of the build while MkDocs renders (``search_early``):
the same index as staging in the build, a failed copy left to the build, its folded copies
kept for the next build, nothing left behind when a build fails. Real fork, real Pagefind."""

from __future__ import annotations

import os
import re
import shutil
import signal
from functools import partial
from pathlib import Path

import pytest
from conftest import Build
from newsroom.common import cache
from newsroom.outputs import pagefind_runs, search, search_early, search_finish
from newsroom.site.pagecache import EntryStore
from test_rebuild import UNSTABLE

_YEAR = re.compile(r"^(?:en/)?tin-tuc/(\d{4})/")


def _site(fixture_build: Build, target: Path) -> tuple[Path, list[search.Document]]:
    """A copy of the fixture site without its index, and its pages as the build lists them
    (articles with their year and data, then the other pages)."""
    site = target / "site"
    shutil.copytree(fixture_build.site, site, ignore=shutil.ignore_patterns("pagefind"))
    articles, others = [], []
    for path in sorted(site.rglob("index.html")):
        url = path.parent.relative_to(site).as_posix() + "/"
        lang = "en" if url.startswith("en/") else "vi"
        year = _YEAR.match(url)
        if year is None:
            others.append(search.Document(url, path, lang))
            continue
        meta = {"title": url, "type": "tin-tuc", "category": "thi-hanh-an"}
        filters = {"type": ["tin-tuc"], "category": ["thi-hanh-an"]}
        articles.append(search.Document(url, path, lang, meta, filters, (int(year[1]), 1)))
    return site, articles + others


def _bundle(site: Path) -> dict[str, bytes]:
    """The bundle's files (Pagefind's run-dependent filter and meta files by name only: their
    order of entries varies from run to run)."""
    found = {}
    for path in sorted((site / search.BUNDLE_DIR).rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.is_file():
            found[rel] = b"" if UNSTABLE.match(rel) else path.read_bytes()
    return {
        re.sub(r"_[0-9a-f]+\.", "_*.", rel) if not found[rel] else rel: found[rel] for rel in found
    }


def _made_from(report: search.Report) -> dict[tuple[str, str], tuple]:
    """Each index's staged pages (their digest), page count and articles without a body."""
    assert report.made_from is not None
    return {
        key: (name, pages, missing)
        for key, (_, name, pages, missing) in report.made_from.shards.items()
    }


def _index_as_the_passes_do(
    site: Path, documents: list[search.Document], store: cache.Store | None = None
) -> search.Report:
    """Each language's pages written one by one while ``EarlyShards`` follows them, then
    the end of the pass (``start_index``) and the bundle, as hooks/search.py drives them."""
    runs = pagefind_runs.Runs()
    bundles = EntryStore(site.parent / "indexes")
    early = search_early.EarlyShards(search_early.Context(store, bundles, runs))
    jobs: list[search.Job] = []
    for lang in ("vi", "en"):
        pages = [d for d in documents if d.lang == lang]
        early.begin(lang, [d for d in pages if d.published], {str(d.path) for d in pages})
        for document in pages:  # MkDocs writes them in this order
            early.writing(str(document.path))
        early.written()
        jobs += search.start_index(
            lang,
            pages,
            store,
            bundles,
            runs,
            None,
            partial(early.take, lang),
        )
        early.end_pass(lang)
    return search_finish.finish_index(site, search.settle(jobs), bundles, 0.0, runs)


def _index_in_the_build(fixture_build: Build, target: Path) -> tuple[Path, search.Report]:
    site, chosen = _site(fixture_build, target)
    return site, search_finish.write_index(site, chosen, None, EntryStore(target / "indexes"))


@pytest.mark.build
def test_shards_staged_by_a_forked_copy_give_the_index_staged_in_the_build(
    fixture_build: Build, tmp_path: Path
):
    """Every year's shard of both languages is staged by a forked process as soon as its
    last page is written (``early``), the root's at the end, in the build; every index is
    made from the same staged pages, byte for byte (their digest), and the bundle is the
    same."""
    site, documents = _site(fixture_build, tmp_path / "early")
    report = _index_as_the_passes_do(site, documents)
    years = {(d.lang, d.published[0]) for d in documents if d.published}
    assert len(years) >= 3
    assert report.early == len(years)
    reference, expected = _index_in_the_build(fixture_build, tmp_path / "build")
    assert expected.early == 0
    assert _made_from(report) == _made_from(expected)
    assert report.pages == expected.pages and report.missing_body == expected.missing_body
    assert _bundle(site) == _bundle(reference)


@pytest.mark.build
def test_a_staging_copy_that_fails_leaves_its_shard_to_the_build(
    fixture_build: Build, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A forked copy that cannot stage (here: every one raises) exits without a result; the
    build stages the shard itself and the index is the same."""
    build_pid = os.getpid()
    stage_shard = search.stage_shard

    def failing_in_a_copy(*args, **kwargs):
        if os.getpid() != build_pid:
            raise OSError("disk full")
        return stage_shard(*args, **kwargs)

    monkeypatch.setattr(search, "stage_shard", failing_in_a_copy)
    site, documents = _site(fixture_build, tmp_path / "early")
    report = _index_as_the_passes_do(site, documents)
    assert report.early == 0
    reference, expected = _index_in_the_build(fixture_build, tmp_path / "build")
    assert _made_from(report) == _made_from(expected)
    assert _bundle(site) == _bundle(reference)


@pytest.mark.build
def test_the_folded_copies_a_staging_copy_made_are_kept_for_the_next_build(
    fixture_build: Build, tmp_path: Path
):
    """The folded copy of each page a forked process read goes into the build's content
    cache: the next build, staging the same pages, reads none of them again."""
    site, documents = _site(fixture_build, tmp_path / "early")
    store = cache.Store(tmp_path / "search.pickle")
    report = _index_as_the_passes_do(site, documents, store)
    assert report.early >= 3
    store.save()
    again = cache.Store(tmp_path / "search.pickle")
    marked = [
        d
        for d in documents
        if d.published and search.BODY_ATTRIBUTE in d.path.read_text(encoding="utf-8")
    ]
    assert len(marked) >= 4
    for lang in ("vi", "en"):
        chosen = [d for d in marked if d.lang == lang]
        search.stage_shard(tmp_path / lang, "all", chosen, again, False, {})
    assert (again.hits, again.misses) == (len(marked), 0)


@pytest.mark.build
def test_a_copy_that_cannot_start_pagefind_fails_the_build_saying_so(
    fixture_build: Build, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A copy stages its shard, then cannot become Pagefind: the build fails with
    Pagefind's status and what the copy said, as for any run it started itself."""
    monkeypatch.setattr(pagefind_runs, "COMMAND", (str(tmp_path / "no-pagefind"), "--silent"))
    site, documents = _site(fixture_build, tmp_path / "early")
    with pytest.raises(search.IndexerError, match=r"exit 127: Pagefind: .*no-pagefind"):
        _index_as_the_passes_do(site, documents)


def test_a_failed_build_kills_its_staging_copies_and_deletes_their_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """``stop`` (a failed build): the copy still staging is killed and reaped (no process
    left), its scratch folder deleted."""
    build_pid = os.getpid()
    stage_shard = search.stage_shard

    def stopped_in_a_copy(*args, **kwargs):
        if os.getpid() != build_pid:
            os.kill(os.getpid(), signal.SIGSTOP)  # still staging when the build fails
        return stage_shard(*args, **kwargs)

    monkeypatch.setattr(search, "stage_shard", stopped_in_a_copy)
    page = tmp_path / "site" / "tin-tuc" / "2025" / "a" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text('<html lang="vi"><body><main data-pagefind-body>Đất</main></body></html>')
    document = search.Document("tin-tuc/2025/a/", page, "vi", {"title": "a"}, {}, (2025, 1))
    early = search_early.EarlyShards(search_early.Context(None, None, pagefind_runs.Runs()))
    early.begin("vi", [document], {str(page)})
    early.writing(str(page))
    early.written()
    (staging,) = early._started.values()
    scratch = Path(staging.scratch.name)  # type: ignore[union-attr]
    assert scratch.is_dir() and not staging.staged()
    early.stop()
    assert staging.ended.result(timeout=10) == -signal.SIGKILL
    with pytest.raises(ChildProcessError):
        os.waitpid(staging.pid, os.WNOHANG)
    assert not scratch.exists()


@pytest.mark.build
def test_the_build_stages_shards_while_it_renders(fixture_build: Build):
    """A real ``mkdocs build`` says how many indexes were staged while rendering: every
    year of both languages in the fixture site."""
    found = re.search(r"(\d+) soạn trong lúc dựng / staged while rendering", fixture_build.output)
    assert found is not None, fixture_build.output[-2000:]
    assert int(found[1]) >= 3
