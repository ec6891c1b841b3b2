"""This build's search indexing, shared by the hooks that start it and finish it: the
Pagefind runs of each language (``search.IndexJob``), kept in the build memo
(``BuildState.memo``) from the pass that starts them to the end of the build."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Collection, Iterable
from pathlib import Path

from ..site import build
from ..site.pagecache import EntryStore
from . import pagefind_runs, search, search_bundle, search_shards

_JOBS = ("search", "jobs")
_RUNS = ("search", "runs")
STARTED = ("search", "started")
_BUNDLES = ("search", "bundles")
#: The folded copies of pages already read by an earlier build (newsroom.common.cache).
SEARCH_CACHE = "search.pickle"


def jobs(state: build.BuildState) -> list[search.IndexJob]:
    """The indexing jobs started so far."""
    return state.memo.setdefault(_JOBS, [])


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
    if state.cache_dir is None:
        return None
    if _BUNDLES not in state.memo:
        with contextlib.suppress(OSError):  # the single file of earlier versions
            (state.cache_dir / search_bundle.OLD_BUNDLE_CACHE).unlink()
        state.memo[_BUNDLES] = EntryStore(state.cache_dir / search_bundle.BUNDLE_FOLDER)
    return state.memo[_BUNDLES]


def stop(state: build.BuildState) -> None:
    """A failed build: stop the runs it started (no Pagefind left running), delete their
    scratch folders."""
    started = state.memo.get(_RUNS)
    if started is not None:
        started.stop()
    for job in jobs(state):
        job.cleanup()


def runs(state: build.BuildState) -> pagefind_runs.Runs:
    """This build's queue of Pagefind runs."""
    return state.memo.setdefault(_RUNS, pagefind_runs.Runs())


def start(
    state: build.BuildState, lang: str, documents: list[search.Document]
) -> list[search.IndexJob]:
    """Start indexing one language's pages (``search.start_index``) with this build's
    caches, queue of runs and what the last build indexed."""
    state.memo.setdefault(STARTED, time.perf_counter())
    return search.start_index(
        lang,
        documents,
        state.store(SEARCH_CACHE),
        bundles(state),
        runs(state),
        earlier(state),
    )


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
