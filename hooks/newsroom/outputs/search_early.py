"""A language's search shards staged while MkDocs still writes its other pages.

MkDocs writes a language's pages one after another, and the articles of a year sit in one
folder: most shards of the index (``search_shards``: a year, or part of one) are complete
long before the pass ends. Staging a shard for Pagefind (``search.stage_shard``: reading,
parsing and folding every page, about 2 ms a page) waited for the end of the pass and held
the build there (25–30 s at 10,000 articles). Here a shard whose pages this pass writes is
staged as soon as the last of them is written, by a forked copy of the build, on the other
core, while MkDocs renders the rest; its Pagefind run is queued as soon as the copy is done.
The end of the pass (``search.start_index``) takes the shard's job when its pages are those
staged (same addresses and data, ``search.listed``): the index is the same, byte for byte.

The copy only stages: it reads the written pages, writes the staged ones and its result to a
scratch folder the build made for it, and exits without running any of the build's exit code
(``os._exit``); it never logs. If it fails, the build stages the shard itself, where any
error is reported as it always was.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..common import cache
from ..site.pagecache import EntryStore
from . import pagefind_runs, search, search_shards

#: Shards staged by forked processes at once: the build renders on the other core, and
#: Pagefind's runs (``pagefind_runs``) share it.
STAGING = 1
#: The result a staging process leaves in its scratch folder (beside the staged ``site``).
RESULT = "staged.pickle"


@dataclass
class Context:
    """What staging and queueing a shard use: this build's caches and queue of runs."""

    store: cache.Store | None
    bundles: EntryStore | None
    runs: pagefind_runs.Runs
    unmarked: dict[tuple[str, str], search.Unmarked] = field(default_factory=dict)


@dataclass
class _Staging:
    """One shard staged (or to be staged) by a forked process."""

    lang: str
    shard: str
    documents: list[search.Document]
    scratch: tempfile.TemporaryDirectory[str] | None = None
    pid: int = 0
    exit_code: int | None = None
    job: search.IndexJob | None = None


class EarlyShards:
    """The shards of one build staged while it renders (kept in the build memo)."""

    def __init__(self, context: Context) -> None:
        self.context = context
        self._waiting: dict[str, tuple[str, str]] = {}  # page file → (language, shard)
        self._left: dict[tuple[str, str], int] = {}  # pages of a shard not written yet
        self._shards: dict[tuple[str, str], list[search.Document]] = {}
        self._queued: list[_Staging] = []
        self._running: list[_Staging] = []
        self._started: dict[tuple[str, str], _Staging] = {}
        self._taken: set[tuple[str, str]] = set()
        self._writing: str | None = None  # the page MkDocs writes after its last hook

    # -- a language pass ------------------------------------------------------------------------
    def begin(self, lang: str, documents: Iterable[search.Document], written: set[str]) -> None:
        """A pass of ``lang`` starts: ``documents`` are its articles to index, ``written``
        the files (normalised paths) this pass writes. A shard is followed when this pass
        writes at least one of its pages (the others are on disk already)."""
        by_shard = search_shards.split(list(documents))
        for shard, pages in by_shard.items():
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
        completes is queued; finished staging is reaped, queued staging started."""
        dest, self._writing = self._writing, None
        key = self._waiting.pop(os.path.normpath(dest), None) if dest is not None else None
        if key is not None:
            self._left[key] -= 1
            if self._left[key] == 0:
                self._queued.append(_Staging(key[0], key[1], self._shards[key]))
        for staging in list(self._running):
            if _exited(staging):
                self._settle(staging)
        while self._queued and len(self._running) < STAGING:
            self._start(self._queued.pop(0))

    def take(self, lang: str, shard: str, documents: list[search.Document]) -> search.Job | None:
        """The end of a pass: the job of ``shard`` if it was staged (or is being staged) from
        exactly ``documents``; a queued shard is started now, beside the next pass."""
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
        if staging.job is not None:
            return staging.job
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
        """A failed build: kill every staging process and delete its folder."""
        for staging in self._queued + list(self._started.values()):
            self._cancel(staging)

    # -- the staging processes ----------------------------------------------------------------
    def _start(self, staging: _Staging) -> None:
        staging.scratch = tempfile.TemporaryDirectory(prefix="newsroom-search-")
        context = self.context
        unmarked = context.unmarked.get((staging.lang, staging.shard), {})
        staging.pid = _fork_staging(
            Path(staging.scratch.name),
            staging.shard,
            staging.documents,
            context.store,
            context.bundles is not None,
            unmarked,
        )
        self._running.append(staging)
        self._started[(staging.lang, staging.shard)] = staging

    def _settle(self, staging: _Staging) -> search.IndexJob:
        """Wait for the staging process and queue the shard's Pagefind run; if it failed,
        stage the shard here."""
        if staging.job is not None:
            return staging.job
        if staging.exit_code is None:
            _, status = os.waitpid(staging.pid, 0)
            staging.exit_code = os.waitstatus_to_exitcode(status)
        if staging in self._running:
            self._running.remove(staging)
        assert staging.scratch is not None
        root = Path(staging.scratch.name)
        staged, record = _result(root) if staging.exit_code == 0 else (None, None)
        context = self.context
        if staged is None:  # stage it here, where any error is reported
            staging.scratch.cleanup()
            unmarked = context.unmarked.get((staging.lang, staging.shard), {})
            staging.job = search.start_shard(
                staging.lang,
                staging.shard,
                staging.documents,
                context.store,
                context.bundles,
                context.runs,
                unmarked,
            )
        else:
            if record is not None and context.store is not None:
                context.store.add_record(record)
            staging.job = search.launch(
                staging.lang,
                staging.shard,
                staging.documents,
                staging.scratch,
                staged,
                context.bundles,
                context.runs,
            )
            staging.job.early = True
        staging.scratch = None  # the job's now
        return staging.job

    def _cancel(self, staging: _Staging) -> None:
        if staging in self._queued:
            self._queued.remove(staging)
        if staging in self._running:
            self._running.remove(staging)
        if staging.pid and staging.exit_code is None:
            try:
                os.kill(staging.pid, signal.SIGKILL)
                os.waitpid(staging.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            staging.exit_code = -signal.SIGKILL
        if staging.scratch is not None:
            staging.scratch.cleanup()
            staging.scratch = None
        if staging.job is not None:
            staging.job.cleanup()
        self._started.pop((staging.lang, staging.shard), None)


def _exited(staging: _Staging) -> bool:
    """True (and its exit code kept) once the staging process has ended; never waits."""
    if staging.exit_code is not None:
        return True
    pid, status = os.waitpid(staging.pid, os.WNOHANG)
    if pid == 0:
        return False
    staging.exit_code = os.waitstatus_to_exitcode(status)
    return True


def _fork_staging(
    root: Path,
    shard: str,
    documents: list[search.Document],
    store: cache.Store | None,
    digested: bool,
    unmarked: search.Unmarked,
) -> int:
    """Stage ``documents`` into ``root`` in a forked copy of this process; its pid."""
    pid = os.fork()
    if pid:
        return pid
    code = 70  # EX_SOFTWARE: no result; the build stages the shard itself
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C ends it at once
        gc.disable()  # a short life: nothing to collect, and the build's objects stay shared
        if store is not None:
            store.start_record()
        staged = search.stage_shard(root, shard, documents, store, digested, unmarked)
        data = pickle.dumps(
            (staged, store.record() if store is not None else None),
            protocol=pickle.HIGHEST_PROTOCOL,
        )
        part = root / f"{RESULT}.part"
        part.write_bytes(data)
        os.replace(part, root / RESULT)
        code = 0
    finally:
        os._exit(code)  # never back into the build: no exit hooks, no buffers flushed twice


def _result(root: Path) -> tuple[search.Staged | None, tuple | None]:
    """What a staging process left in ``root``, or ``(None, None)``."""
    try:
        staged, record = pickle.loads((root / RESULT).read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
        return None, None
    if not isinstance(staged, search.Staged):
        return None, None
    return staged, record
