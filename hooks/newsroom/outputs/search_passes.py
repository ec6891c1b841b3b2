"""This build's search indexing, shared by the hooks that start it and finish it: the
Pagefind runs of each language (``search.IndexJob``), kept in the build memo
(``BuildState.memo``) from the pass that starts them to the end of the build."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Collection, Iterable
from pathlib import Path

from ..common import forking
from ..site import build
from ..site.pagecache import EntryStore
from . import pagefind_runs, search, search_bundle, search_early, search_shards

_JOBS = ("search", "jobs")
_EARLY = ("search", "early")
_RUNS = ("search", "runs")
STARTED = ("search", "started")
_BUNDLES = ("search", "bundles")
#: The folded copies of pages already read by an earlier build (newsroom.common.cache).
SEARCH_CACHE = "search.pickle"


def jobs(state: build.BuildState) -> list[search.Job]:
    """The indexing jobs started so far."""
    return state.memo.setdefault(_JOBS, [])


def settled(state: build.BuildState) -> list[search.IndexJob]:
    """The jobs started so far, each shard staged (``search_early``: waits for those still
    being staged in another process)."""
    done = search.settle(jobs(state))
    jobs(state)[:] = done
    return done


def begin_early(
    state: build.BuildState, lang: str, site_dir: Path, written: Iterable[str], skip: set[str]
) -> None:
    """A pass of ``lang`` starts writing ``written`` (its pages' files): its shards are
    staged as soon as their pages are written (``search_early``)."""
    if not forking.AVAILABLE:
        return
    early = state.memo.get(_EARLY)
    if early is None:
        before = earlier(state)
        context = search_early.Context(
            state.store(SEARCH_CACHE),
            bundles(state),
            runs(state),
            before.unmarked if before is not None else {},
        )
        early = state.memo[_EARLY] = search_early.EarlyShards(context)
    site = state.site
    articles = search.article_documents(site_dir, site.corpus, site.registries, skip)
    early.begin(lang, articles, {os.path.normpath(name) for name in written})


def early(state: build.BuildState) -> search_early.EarlyShards | None:
    """The shards staged while the passes render, if any."""
    return state.memo.get(_EARLY)


def forget_early(state: build.BuildState) -> None:
    """In a forked copy of the build that renders pages but must not stage them
    (``prerender.start_templates``): the copy has no early shards."""
    state.memo.pop(_EARLY, None)


def earlier(state: build.BuildState) -> search.Earlier | None:
    """What the last build indexed, when this one kept its ``site/`` (and its pages)."""
    recorded = state.record.search if state.record is not None else None
    if not isinstance(recorded, search.Earlier):
        return None
    corpus = state.site.corpus
    rendered = {
        corpus.entries[src].article.url for _lang, src in state.rendered if src in corpus.entries
    }
    return search.Earlier(recorded.shards, recorded.folders, rendered, recorded.unmarked)


def bundle_files(listing: Iterable[str], folders: Collection[str]) -> set[str]:
    """The files of the bundle's index folders ``folders`` (the root, ``""``: its own files,
    not the years'), in one pass over ``listing``."""
    base = f"{search.BUNDLE_DIR}/"
    found = set()
    for rel in listing:
        if rel.startswith(base):
            top = rel[len(base) :].split("/", 1)[0]
            folder = top if top and search_shards.SHARD_NAME.match(top) else ""
            if folder in folders:
                found.add(rel)
    return found


def bundles(state: build.BuildState) -> EntryStore | None:
    """The cache of indexes (``search_bundle``), shared by the language passes."""
    cache_dir = state.cache_dir
    if cache_dir is None:
        return None

    def make() -> EntryStore:
        with contextlib.suppress(OSError):  # the single file of earlier versions
            (cache_dir / search_bundle.OLD_BUNDLE_CACHE).unlink()
        return EntryStore(cache_dir / search_bundle.BUNDLE_FOLDER)

    return state.once(_BUNDLES, make)


def stop(state: build.BuildState) -> None:
    """A failed build: stop the runs it started (no Pagefind left running), delete their
    scratch folders."""
    staging = early(state)
    if staging is not None:
        staging.stop()
    started = state.memo.get(_RUNS)
    if started is not None:
        started.stop()
    for job in jobs(state):
        job.cleanup()


def runs(state: build.BuildState) -> pagefind_runs.Runs:
    """This build's queue of Pagefind runs."""
    return state.memo.setdefault(_RUNS, pagefind_runs.Runs())


def start(state: build.BuildState, lang: str, documents: list[search.Document]) -> list[search.Job]:
    """Start indexing one language's pages (``search.start_index``) with this build's
    caches, queue of runs, what the last build indexed and the shards staged already."""
    state.memo.setdefault(STARTED, time.perf_counter())
    staging = early(state)
    if staging is not None:
        staging.written()  # the pass's last page is on disk
    taken = staging.take if staging is not None else None
    started = search.start_index(
        lang,
        documents,
        state.store(SEARCH_CACHE),
        bundles(state),
        runs(state),
        earlier(state),
        (lambda shard, pages: taken(lang, shard, pages)) if taken is not None else None,
    )
    if staging is not None:
        staging.end_pass(lang)
    return started


def documents_by_language(
    site_dir: Path, state: build.BuildState, skip: set[str]
) -> dict[str, list[search.Document]]:
    """The pages to index, by language, Vietnamese first, but the languages in ``skip``."""
    by_lang: dict[str, list[search.Document]] = {}
    site = state.site
    outputs = state.outputs if state.record is not None else None
    for document in search.documents(site_dir, site.corpus, site.registries, skip, outputs):
        by_lang.setdefault(document.lang, []).append(document)
    return dict(sorted(by_lang.items(), key=lambda item: (item[0] != "vi", item[0])))
