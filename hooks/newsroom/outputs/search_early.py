"""A language's search shards staged and indexed while MkDocs still writes its other pages.

MkDocs writes a language's pages one after another, and the articles of a year sit in one
folder: most shards of the index (``search_shards``: a year, or part of one) are complete
long before the pass ends. Staging a shard for Pagefind (``search.stage_shard``: reading,
parsing and folding every page, about 2 ms a page) waited for the end of the pass and held
the build there (25–30 s at 10,000 articles). Here a shard whose pages this pass writes is
handed, as soon as the last of them is written, to a forked copy of the build, which stages
it on the other core while MkDocs renders the rest, leaves its result in the scratch folder
the build made for it, and then becomes Pagefind indexing it (``exec``), unless an earlier
build made the index from the same staged pages (``search.known_bundle``) or nothing is to be
indexed. The end of the pass (``search.start_index``) takes the shard's job when its pages
are those staged (same addresses and data, ``search.listed``): the index is the same, byte
for byte.

The copy is made by ``forking.run_in_copy`` (it prints nothing and never returns into the
build). If it fails before its result is written, the build stages the shard itself, where
any error is reported as it always was; if Pagefind fails, the build reports it as for any
run. A thread per copy waits for it to end (its exit status is the run's).
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import tempfile
import threading
import time
from collections.abc import Iterable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

from ..common import cache, forking
from ..site.pagecache import EntryStore
from . import pagefind_runs, search, search_shards

#: Shards being staged by forked copies at once: the build renders on the other core, and
#: the Pagefind runs share it.
STAGING = 1
#: The result a copy leaves in its scratch folder (beside the staged ``site``) once staged.
RESULT = "staged.pickle"
#: The exit status of a copy that could not stage its shard (no result).
NOT_STAGED = 70
#: The exit status of a copy that staged its shard but could not start Pagefind.
EXEC_FAILED = 127


@dataclass
class Context:
    """What staging and indexing a shard use: this build's caches and queue of runs."""

    store: cache.Store | None
    bundles: EntryStore | None
    runs: pagefind_runs.Runs
    unmarked: dict[tuple[str, str], search.Unmarked] = field(default_factory=dict)


@dataclass
class _Staging:
    """One shard handed (or to be handed) to a forked copy."""

    lang: str
    shard: str
    documents: list[search.Document]
    scratch: tempfile.TemporaryDirectory[str] | None = None
    pid: int = 0
    ended: Future[int] = field(default_factory=Future)  # the copy's exit status
    job: search.IndexJob | None = None

    @property
    def result(self) -> Path:
        assert self.scratch is not None
        return Path(self.scratch.name) / RESULT

    def staged(self) -> bool:
        """True once the copy has staged the shard (or ended without staging it)."""
        return self.ended.done() or self.result.exists()


class EarlyShards:
    """The shards of one build staged while it renders (kept in the build memo)."""

    def __init__(self, context: Context) -> None:
        self.context = context
        self._waiting: dict[str, tuple[str, str]] = {}  # page file → (language, shard)
        self._left: dict[tuple[str, str], int] = {}  # pages of a shard not written yet
        self._shards: dict[tuple[str, str], list[search.Document]] = {}
        self._queued: list[_Staging] = []
        self._started: dict[tuple[str, str], _Staging] = {}
        self._taken: set[tuple[str, str]] = set()
        self._writing: str | None = None  # the page MkDocs writes after its last hook

    # -- a language pass ------------------------------------------------------------------------
    def begin(self, lang: str, documents: Iterable[search.Document], written: set[str]) -> None:
        """A pass of ``lang`` starts: ``documents`` are its articles to index, ``written``
        the files (normalised paths) this pass writes. A shard is followed when this pass
        writes at least one of its pages (the others are on disk already)."""
        for shard, pages in search_shards.split(list(documents)).items():
            files = {os.path.normpath(page.path) for page in pages} & written
            if shard == search_shards.ROOT or not files:
                continue
            key = (lang, shard)
            self._shards[key] = pages
            self._left[key] = len(files)
            for name in files:
                self._waiting[name] = key

    def writing(self, dest: str) -> None:
        """MkDocs writes ``dest`` once this page's last hook returns."""
        self.written()
        self._writing = dest

    def written(self) -> None:
        """The page announced by :meth:`writing` is on disk (MkDocs moved on): a shard it
        completes is queued, and handed to a copy once the copy before it has staged."""
        dest, self._writing = self._writing, None
        key = self._waiting.pop(os.path.normpath(dest), None) if dest is not None else None
        if key is not None:
            self._left[key] -= 1
            if self._left[key] == 0:
                self._queued.append(_Staging(key[0], key[1], self._shards[key]))
        while self._queued and self._staging() < STAGING:
            self._start(self._queued.pop(0))

    def take(self, lang: str, shard: str, documents: list[search.Document]) -> search.Job | None:
        """The end of a pass: the job of ``shard`` if it was handed to a copy for exactly
        ``documents``; a queued shard is handed over now, to be staged beside the next pass."""
        key = (lang, shard)
        staging = self._started.get(key) or next(
            (queued for queued in self._queued if (queued.lang, queued.shard) == key), None
        )
        if staging is None:
            return None
        if search.listed(shard, staging.documents) != search.listed(shard, documents):
            self._cancel(staging)
            return None
        if staging.pid == 0:
            self._queued.remove(staging)
            self._start(staging)
        self._taken.add(key)
        return search.PendingJob(
            lang, shard, lambda: self._settle(staging), lambda: self._cancel(staging)
        )

    def end_pass(self, lang: str) -> None:
        """Forget the shards of ``lang`` the pass did not take (their pages were not all
        written, or the pass indexed other pages)."""
        self._waiting = {name: key for name, key in self._waiting.items() if key[0] != lang}
        for staging in self._queued + list(self._started.values()):
            if staging.lang == lang and (lang, staging.shard) not in self._taken:
                self._cancel(staging)

    def stop(self) -> None:
        """A failed build: kill every copy and delete its folder."""
        for staging in self._queued + list(self._started.values()):
            self._cancel(staging)

    # -- the copies ---------------------------------------------------------------------------
    def _staging(self) -> int:
        return sum(1 for staging in self._started.values() if not staging.staged())

    def _start(self, staging: _Staging) -> None:
        staging.scratch = tempfile.TemporaryDirectory(prefix="newsroom-search-")
        context = self.context
        staging.pid = _fork(
            Path(staging.scratch.name),
            staging.lang,
            staging.shard,
            staging.documents,
            context.store,
            context.bundles,
            context.unmarked.get((staging.lang, staging.shard), {}),
        )
        threading.Thread(
            target=_wait_for, args=(staging.pid, staging.ended), name="newsroom-search-copy"
        ).start()
        self._started[(staging.lang, staging.shard)] = staging

    def _settle(self, staging: _Staging) -> search.IndexJob:
        """The shard's job once its copy has staged it (Pagefind may still be running); if
        the copy failed, the shard is staged here."""
        if staging.job is not None:
            return staging.job
        while not staging.staged():
            time.sleep(0.01)
        assert staging.scratch is not None
        staged, record, indexing = _result(staging.result)
        context = self.context
        if staged is None:  # stage it here, where any error is reported
            staging.ended.result()  # the copy has ended: its folder is the build's
            staging.scratch.cleanup()
            staging.job = search.start_shard(
                staging.lang,
                staging.shard,
                staging.documents,
                context.store,
                context.bundles,
                context.runs,
                context.unmarked.get((staging.lang, staging.shard), {}),
            )
        else:
            if record is not None and context.store is not None:
                context.store.add_record(record)
            if not indexing:
                staging.ended.result()  # it ended without Pagefind: nothing writes there
            staging.job = search.launch(
                staging.lang,
                staging.shard,
                staging.documents,
                staging.scratch,
                staged,
                context.bundles,
                context.runs,
                staging.ended if indexing else None,
            )
            staging.job.early = True
        staging.scratch = None  # the job's now
        return staging.job

    def _cancel(self, staging: _Staging) -> None:
        if staging in self._queued:
            self._queued.remove(staging)
        self._started.pop((staging.lang, staging.shard), None)
        if staging.pid:
            if not staging.ended.done():  # (once reaped, its pid may be another process's)
                with contextlib.suppress(ProcessLookupError):  # it has just ended
                    os.kill(staging.pid, signal.SIGKILL)
            staging.ended.result()
        if staging.scratch is not None:
            staging.scratch.cleanup()
            staging.scratch = None
        if staging.job is not None:
            staging.job.cleanup()


def _wait_for(pid: int, ended: Future[int]) -> None:
    """Reap the copy ``pid`` and give its exit status (on a thread: ``waitpid`` lets the
    build run meanwhile)."""
    try:
        _, status = os.waitpid(pid, 0)
        ended.set_result(os.waitstatus_to_exitcode(status))
    except ChildProcessError:
        ended.set_result(NOT_STAGED)


def _fork(
    root: Path,
    lang: str,
    shard: str,
    documents: list[search.Document],
    store: cache.Store | None,
    bundles: EntryStore | None,
    unmarked: search.Unmarked,
) -> int:
    """Stage ``documents`` into ``root`` in a forked copy of this process, which then becomes
    Pagefind indexing them when there is an index to make; its pid."""

    def stage() -> int:
        gc.disable()  # a short life: nothing to collect, and the build's objects stay shared
        if store is not None:
            store.start_record()
        staged = search.stage_shard(root, shard, documents, store, bundles is not None, unmarked)
        indexing = (
            bool(staged.pages.get(lang)) and search.known_bundle(bundles, staged.name) is None
        )
        if indexing:
            search.write_config(root)
        record = store.record() if store is not None else None
        forking.leave_result(root / RESULT, (staged, record, indexing))
        if not indexing:
            return 0
        log = os.open(root / pagefind_runs.LOG, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(log, 1)
        os.dup2(log, 2)
        os.chdir(root)
        command = pagefind_runs.COMMAND
        try:
            os.execv(command[0], list(command))  # returns only when it fails
        except OSError as error:
            os.write(2, f"Pagefind: {command[0]}: {error.strerror}\n".encode())  # for the report
        return EXEC_FAILED

    return forking.run_in_copy(stage, NOT_STAGED)


def _result(path: Path) -> tuple[search.Staged | None, tuple | None, bool]:
    """What a copy left at ``path``: (staged, content-cache record, Pagefind started), or
    ``(None, None, False)``."""
    left = forking.read_result(path)
    if not (isinstance(left, tuple) and len(left) == 3 and isinstance(left[0], search.Staged)):
        return None, None, False
    staged, record, indexing = left
    return staged, record, bool(indexing)
