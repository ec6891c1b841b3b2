"""Pagefind's indexer as background processes, a few at a time.

Each shard of the search index (``search_shards``) is one run of Pagefind's command on a
staged folder. The runs are queued and started at most :data:`PARALLEL` at a time, so the
processes (and their memory) stay bounded however many years the archive holds, while MkDocs
renders the next language on the other core. Pagefind's command is used, not its Python
service: the service answers ``WriteFiles`` before its writes are done, the command exits
only once every file is written.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

#: Pagefind processes running at once (this machine and the Ministry's servers: 2 cores).
PARALLEL = 2
#: The exit status of a run that was cancelled before it started.
CANCELLED = -1
#: Pagefind's command, run in a folder holding its ``pagefind.json``.
COMMAND = (sys.executable, "-m", "pagefind", "--silent")
#: Where a run's output goes, in its folder (a file: a full pipe would block it).
LOG = "pagefind.log"


class Runs:
    """A queue of Pagefind runs; :meth:`stop` kills the running ones and drops the rest."""

    def __init__(self, parallel: int = PARALLEL) -> None:
        self._pool = ThreadPoolExecutor(parallel, thread_name_prefix="pagefind")
        self._lock = threading.Lock()
        self._stopped = False
        self._running: set[subprocess.Popen[bytes]] = set()

    def submit(self, folder: Path) -> Future[int]:
        """Run Pagefind in ``folder`` (its ``pagefind.json`` says what to index and where);
        its output goes to ``folder/pagefind.log`` (a file: a full pipe would block it)."""
        return self._pool.submit(self._run, folder)

    def _run(self, folder: Path) -> int:
        with self._lock:
            if self._stopped:
                return CANCELLED
            with open(folder / LOG, "wb") as log:
                process = subprocess.Popen(
                    COMMAND,
                    cwd=folder,
                    stdout=log,
                    stderr=log,
                )
            self._running.add(process)
        try:
            return process.wait()
        finally:
            with self._lock:
                self._running.discard(process)

    def stop(self) -> None:
        """End every run: queued ones never start, running ones are killed. Idempotent."""
        with self._lock:
            self._stopped = True
            for process in self._running:
                process.kill()
        self._pool.shutdown(wait=True, cancel_futures=True)
