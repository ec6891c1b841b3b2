"""Hook: write the Pagefind search bundle, an index per language and year, started early.

static-i18n builds Vietnamese first, then English inside the Vietnamese ``on_post_build``
(priority -100). When the English pass starts (its ``on_pre_build``), every Vietnamese page is
on disk: the Vietnamese pages are staged and Pagefind indexes them, a year at a time in its own
processes (``search_shards``, ``pagefind_runs``), on the other core, while English is built.
After the last pass (-150) the English indexes are made, all are waited for and written as one
bundle. The preview server (``mkdocs serve``) skips it:
drafts must never reach an index, and indexing on every reload would be slow.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterable
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from newsroom.outputs import pagefind_runs, search, search_bundle, search_shards
from newsroom.site import build, incremental
from newsroom.site.pagecache import EntryStore

log = get_plugin_logger("newsroom")
_JOBS = ("search", "jobs")
_RUNS = ("search", "runs")
_STARTED = ("search", "started")
_BUNDLES = ("search", "bundles")
#: The folded copies of pages already read by an earlier build (newsroom.common.cache).
SEARCH_CACHE = "search.pickle"


def on_pre_build(config) -> None:
    """static-i18n starts the next language: the languages built so far are on disk, so
    their index is started now and Pagefind runs on the other core during this pass."""
    if build.is_final_pass(config) or build.state().preview:
        return
    state = build.state()
    order = list(getattr(config.plugins.get("i18n"), "build_languages", None) or [])
    building = build.current_language(config)
    if building not in order:
        return  # the order is unknown: everything is indexed after the last pass
    jobs = _jobs(state)
    ready = set(order[: order.index(building)]) - {job.lang for job in jobs}
    site_dir = Path(config.site_dir)  # static-i18n keeps it: languages differ by URL prefix
    for lang, documents in _documents_by_language(site_dir, state, set(order) - ready).items():
        jobs.extend(_start(state, lang, documents))
        log.debug(f"search: indexing '{lang}' during the '{building}' pass")


@event_priority(-150)  # after static-i18n has built every language
def on_post_build(config) -> None:
    if not build.is_final_pass(config):
        return
    state = build.state()
    if state.preview:
        log.info("Tìm kiếm: bỏ qua khi xem trước / search index skipped in preview")
        return
    site_dir = Path(config.site_dir)
    jobs = _jobs(state)
    done = {job.lang for job in jobs}
    try:
        for lang, documents in _documents_by_language(site_dir, state, done).items():
            jobs.extend(_start(state, lang, documents))
        bundles = _bundles(state)
        started = state.memo.get(_STARTED, time.perf_counter())
        earlier = _earlier(state)
        report = search.finish_index(site_dir, jobs, bundles, started, _runs(state), earlier)
    except search.IndexerError as exc:
        raise PluginError(f"Tìm kiếm / search: {exc}") from exc
    state.memo[incremental.SEARCH] = report.made_from  # for the next incremental build
    if bundles is not None and state.complete:  # it used every index it needs
        bundles.prune()
    for folder in report.unchanged:  # left as the last build wrote them: this build's files
        state.outputs |= _bundle_files(state.site_before, folder)
    for url in report.missing_body:
        log.warning(f"Tìm kiếm: trang /{url} thiếu data-pagefind-body / page not indexed")
    if report.rechunk_skipped:
        log.warning(
            "Tìm kiếm: giữ cách chia chỉ mục của Pagefind / index chunks left as Pagefind "
            f"wrote them ({report.rechunk_skipped}); first queries download more"
        )
    pages = ", ".join(f"{lang}: {count}" for lang, count in sorted(report.pages.items()))
    log.info(
        f"Tìm kiếm / search: {pages or '0'} trang, {report.bytes_on_disk / 1e6:.1f} MB, "
        f"{report.seconds:.1f} s, {report.indexed}/{report.shards} chỉ mục lập lại / indexes made"
        + (", chỉ mục dùng lại / index reused" if report.reused else "")
    )


def on_build_error(error) -> None:
    """A failed build stops the indexing it started (no Pagefind left running)."""
    try:
        state = build.state()
    except RuntimeError:  # the build failed before the content hook made its state
        return
    runs = state.memo.get(_RUNS)
    if runs is not None:
        runs.stop()
    for job in _jobs(state):
        job.cleanup()


def _jobs(state: build.BuildState) -> list[search.IndexJob]:
    return state.memo.setdefault(_JOBS, [])


def _earlier(state: build.BuildState) -> search.Earlier | None:
    """What the last build indexed, when this one kept its ``site/`` (and its pages)."""
    recorded = state.record.search if state.record is not None else None
    if not isinstance(recorded, search.Earlier):
        return None
    corpus = state.site.corpus
    rendered = {
        corpus.entries[src].article.url for _lang, src in state.rendered if src in corpus.entries
    }
    return search.Earlier(recorded.shards, recorded.folders, rendered, recorded.unmarked)


def _bundle_files(listing: Iterable[str], folder: str) -> set[str]:
    """The files of one index folder of the bundle (the root: its own, not the years')."""
    base = f"{search.BUNDLE_DIR}/"
    found = set()
    for rel in listing:
        if rel.startswith(base):
            top = rel[len(base) :].split("/", 1)[0]
            if top == folder if folder else not search_shards.SHARD_NAME.match(top):
                found.add(rel)
    return found


def _bundles(state: build.BuildState) -> EntryStore | None:
    """The cache of indexes (``search_bundle``), shared by the language passes."""
    if state.cache_dir is None:
        return None
    if _BUNDLES not in state.memo:
        with contextlib.suppress(OSError):  # the single file of earlier versions
            (state.cache_dir / search_bundle.OLD_BUNDLE_CACHE).unlink()
        state.memo[_BUNDLES] = EntryStore(state.cache_dir / search_bundle.BUNDLE_FOLDER)
    return state.memo[_BUNDLES]


def _runs(state: build.BuildState) -> pagefind_runs.Runs:
    """This build's queue of Pagefind runs."""
    return state.memo.setdefault(_RUNS, pagefind_runs.Runs())


def _start(
    state: build.BuildState, lang: str, documents: list[search.Document]
) -> list[search.IndexJob]:
    state.memo.setdefault(_STARTED, time.perf_counter())
    return search.start_index(
        lang,
        documents,
        state.store(SEARCH_CACHE),
        _bundles(state),
        _runs(state),
        _earlier(state),
    )


def _documents_by_language(
    site_dir: Path, state: build.BuildState, skip: set[str]
) -> dict[str, list[search.Document]]:
    """The pages to index, by language, Vietnamese first, but the languages in ``skip``."""
    by_lang: dict[str, list[search.Document]] = {}
    site = state.site
    outputs = state.outputs if state.record is not None else None
    for document in search.documents(site_dir, site.corpus, site.registries, skip, outputs):
        by_lang.setdefault(document.lang, []).append(document)
    return dict(sorted(by_lang.items(), key=lambda item: (item[0] != "vi", item[0])))
