"""The search bundle written at the end of a build: each shard's index, once Pagefind has
made it, packed (its word index re-cut by size: ``pagefind_chunks``), kept for later builds
and written into ``site/pagefind/``, the root index and the program files with it.

The shards are written one at a time, each let go before the next is read. About half of
those whose indexes are made are packed and written by a forked copy meanwhile
(``forking.Shared``): the build's last step ran on one core (6.5 s at 10,000 articles, 3.6 s
shared). Staging the pages and starting Pagefind is ``search``'s.
"""

from __future__ import annotations

import contextlib
import queue
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..common import cache, forking
from ..site.pagecache import EntryStore
from . import pagefind_chunks, pagefind_runs, search_bundle, search_shards
from .search import (
    BUNDLE_DIR,
    Document,
    Earlier,
    IndexerError,
    IndexJob,
    Report,
    chunk_bytes,
    settle,
    start_index,
)


def write_index(
    site_dir: Path,
    chosen: Iterable[Document],
    store: cache.Store | None = None,
    bundles: EntryStore | None = None,
) -> Report:
    """Index ``chosen`` with Pagefind into ``site_dir/pagefind`` (replacing any old bundle):
    :func:`start_index` for each language, then :func:`finish_index`."""
    started = time.perf_counter()
    documents = list(chosen)
    langs = sorted({d.lang for d in documents}, key=lambda lang: (lang != "vi", lang))
    runs = pagefind_runs.Runs()
    jobs = settle(
        job
        for lang in langs
        for job in start_index(lang, [d for d in documents if d.lang == lang], store, bundles, runs)
    )
    return finish_index(site_dir, jobs, bundles, started, runs)


def finish_index(
    site_dir: Path,
    jobs: list[IndexJob],
    bundles: EntryStore | None,
    started: float,
    runs: pagefind_runs.Runs,
    earlier: Earlier | None = None,
) -> Report:
    """Wait for every shard's Pagefind, re-cut its word index by size (``rechunk``), keep it
    for the next build, and write the bundle: the root index and the program files in
    ``pagefind/``, each year in ``pagefind/<year>/`` (every file of a language's index carries
    the language in its name; an entry file per folder lists its languages), and the
    manifest of each language's folders (``search_shards``)."""
    output = site_dir / BUNDLE_DIR
    skipped = ""
    chunks: dict[str, int] = {}
    size = 0  # from the bundles, not the disk: a folder kept is not even listed
    done = [job for job in jobs if job.packed is not None or job.run is not None]
    names: dict[str, list[str]] = {}
    for job in done:
        names.setdefault(job.shard, []).append(job.name or "")
    names = {shard: sorted(listed) for shard, listed in names.items()}
    same = {
        shard
        for shard, listed in names.items()
        if earlier is not None and earlier.folders.get(shard) == listed and "" not in listed
    }
    if done and search_shards.ROOT not in names:
        same.discard(search_shards.ROOT)
    deleting = ScratchDeleting()
    beside: forking.Shared | None = None
    try:
        for job in done:  # Pagefind has read these staged pages: delete them meanwhile
            if job.run is not None and job.run.done() and job.scratch is not None:
                deleting.folder(Path(job.scratch.name) / "site")
        search_bundle.clear(output, keep=same)
        # One shard at a time: its languages' bundles are written and let go before the next
        # shard's are read (at 100,000 articles the indexes are hundreds of megabytes).
        programs = bool(done) and search_shards.ROOT not in names
        shards = _by_shard(done)

        def finish(shard: str) -> Finished:
            return _finish_shard(shard, shards[shard], output, bundles, shard not in same)

        beside = _finish_beside(shards, finish)
        finished: dict[str, Finished] = {}
        written_beside = 0
        for shard, shard_jobs in shards.items():
            if beside is not None and shard in beside.items:
                continue
            finished[shard] = finish(shard)
            for job in shard_jobs:
                deleting.scratch(job)
            if programs:  # the program files the search page loads, where no root index is
                search_bundle.write_programs(finished[shard].packed[0], output)
                programs = False
            finished[shard] = finished[shard].summary()  # its bundles let go
        if beside is not None:
            from_copy = beside.results()
            finished.update(from_copy)
            written_beside = len(from_copy)
            beside = None
            for shard in shards:
                if shard not in finished:  # the copy failed: done here
                    finished[shard] = finish(shard).summary()
        for shard in shards:  # in the shards' order
            shard_finished = finished[shard]
            skipped = skipped or shard_finished.problem
            size += shard_finished.size
            for lang, count in shard_finished.chunks.items():
                chunks[lang] = chunks.get(lang, 0) + count
            if bundles is not None:
                bundles.used.update(shard_finished.kept)
    finally:
        if beside is not None:
            beside.end()
        runs.stop()
        for job in jobs:
            deleting.scratch(job)
        deleting.close()
    by_lang: dict[str, list[str]] = {}
    for job in done:
        by_lang.setdefault(job.lang, []).append(job.shard)
    if done:
        (output / search_shards.MANIFEST).write_text(
            search_shards.manifest(by_lang), encoding="utf-8"
        )
    pages: dict[str, int] = {}
    for job in jobs:
        if job.pages:
            pages[job.lang] = pages.get(job.lang, 0) + job.pages
    return Report(
        pages,
        time.perf_counter() - started,
        size,
        tuple(url for job in jobs for url in job.missing),
        chunks,
        skipped,
        bool(jobs) and all(job.run is None for job in jobs),
        len(done),
        sum(1 for job in jobs if job.run is not None),
        Earlier(
            {(j.lang, j.shard): (j.listed, j.name or "", j.pages, list(j.missing)) for j in done},
            names,
            set(),
            {(j.lang, j.shard): j.unmarked for j in done},
        ),
        tuple(sorted(same)),
        sum(1 for job in jobs if job.early),
        written_beside,
    )


@dataclass
class Finished:
    """A shard's index written into the bundle: its chunks per language, its bytes, why it
    kept Pagefind's own chunks ("" if re-chunked), the names it was kept under in the
    cache of indexes, and (until :meth:`summary`) its languages' bundles."""

    chunks: dict[str, int]
    size: int
    problem: str
    kept: tuple[str, ...]
    packed: list[dict[str, Any]] = field(default_factory=list)

    def summary(self) -> Finished:
        return Finished(self.chunks, self.size, self.problem, self.kept)


def _finish_shard(
    shard: str, jobs: list[IndexJob], output: Path, bundles: EntryStore | None, write: bool
) -> Finished:
    """Pack each job's index (waiting for its Pagefind), keep it in ``bundles``, and write
    the shard's folder of the bundle if ``write``."""
    packed: list[dict[str, Any]] = []
    chunks: dict[str, int] = {}
    problem, kept = "", []
    for job in jobs:
        bundle = job.packed
        if bundle is None:
            bundle, trouble = _finish_job(job)
            problem = problem or trouble
            if bundles is not None and job.name is not None and not trouble:
                bundles.put(job.name, bundle)
                kept.append(job.name)
        job.packed = None  # the shard's bundles are let go once it is written
        for lang, count in (bundle.get("chunks") or {}).items():
            chunks[lang] = chunks.get(lang, 0) + count
        packed.append(bundle)
    if write:
        search_bundle.merge(packed, search_shards.folder(output, shard), programs=not shard)
    size = search_bundle.size(packed, programs=not shard)
    return Finished(chunks, size, problem, tuple(kept), packed)


#: Shards packed and written by a forked copy while the build does the others
#: (``_finish_beside``); the tests turn it off to compare.
FINISH_BESIDE = True


def _finish_beside(
    shards: dict[str, list[IndexJob]], finish: Callable[[str], Finished]
) -> forking.Shared | None:
    """Hand about half the work of packing and writing the shards to a forked copy: shards
    whose indexes are all made (a copy cannot wait for the build's runs), never the first
    (it gives the program files) nor the root, the latest first, up to half the pages.
    ``None`` when there is none to share."""
    if not FINISH_BESIDE or not forking.AVAILABLE:
        return None
    total = sum(job.pages for jobs in shards.values() for job in jobs)
    taken: list[str] = []
    share = 0
    for shard in list(shards)[:0:-1]:
        jobs = shards[shard]
        if shard == search_shards.ROOT or not all(_made(job) for job in jobs):
            continue
        pages = sum(job.pages for job in jobs)
        if share + pages > total / 2:
            continue
        taken.append(shard)
        share += pages
    if not taken:
        return None
    return forking.Shared(taken, lambda shard: finish(shard).summary())


def _made(job: IndexJob) -> bool:
    """The job's index is made: packed already, or its Pagefind run ended well."""
    if job.packed is not None:
        return True
    run = job.run
    return run is not None and run.done() and run.exception() is None and run.result() == 0


def _by_shard(jobs: Iterable[IndexJob]) -> dict[str, list[IndexJob]]:
    """The jobs by shard, the shards in the order of their first job."""
    shards: dict[str, list[IndexJob]] = {}
    for job in jobs:
        shards.setdefault(job.shard, []).append(job)
    return shards


class ScratchDeleting:
    """The jobs' scratch folders (a shard's staged pages and Pagefind's output: thousands of
    files at 10,000 articles, seconds in all) deleted one after another on a thread of their
    own while the bundle is written: the staged pages of every shard Pagefind has finished
    first, then each shard's folder once its index is packed. The thread is not a daemon:
    :meth:`close` lets it end, and the process waits for it before exiting."""

    def __init__(self) -> None:
        self._queue: queue.SimpleQueue[Path | tempfile.TemporaryDirectory[str] | None]
        self._queue = queue.SimpleQueue()
        self._thread: threading.Thread | None = None

    def folder(self, path: Path) -> None:
        self._put(path)

    def scratch(self, job: IndexJob) -> None:
        """The job's whole scratch folder, which is the thread's from now on."""
        if job.scratch is not None:
            self._put(job.scratch)
            job.scratch = None

    def close(self) -> None:
        if self._thread is not None:
            self._queue.put(None)

    def _put(self, item: Path | tempfile.TemporaryDirectory[str]) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="newsroom-search-scratch")
            self._thread.start()
        self._queue.put(item)

    def _run(self) -> None:
        while (item := self._queue.get()) is not None:
            if isinstance(item, Path):
                shutil.rmtree(item, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):  # what it could not delete, tmp keeps
                    item.cleanup()


def _finish_job(job: IndexJob) -> tuple[dict[str, Any], str]:
    """The job's bundle, packed, and why it kept Pagefind's own chunks ("" if re-chunked)."""
    assert job.run is not None
    status = job.run.result()
    if status != 0:
        said = (job.output.parent / pagefind_runs.LOG).read_text("utf-8", "replace").strip()
        last = said.splitlines()[-1] if said else ""
        raise IndexerError(f"Pagefind exit {status}: {last}")
    files = pagefind_chunks.read_folder(job.output)
    try:
        files, chunks = pagefind_chunks.rechunk_files(files, chunk_bytes(job.shard))
        problem = ""
    except pagefind_chunks.ChunkFormatError as error:  # a Pagefind we don't know
        chunks, problem = {}, str(error)  # its own chunks still work
    return search_bundle.packed(files, chunks), problem
