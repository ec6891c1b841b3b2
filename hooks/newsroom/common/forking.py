"""A forked copy of the build doing one piece of its work on the other core.

MkDocs renders on one core. A copy made with ``fork`` shares everything the build has
loaded (nothing to send it, nothing to load again), does its piece and hands the result back
through a channel the build checks anyway (a sealed cache entry, a file in a folder the build
made for it). The copy prints nothing (its output goes to ``/dev/null``: the build reports
every problem itself), ends at once on Ctrl-C, and never returns into the build's code: it
leaves with ``os._exit``, so no exit hook runs and no buffer is written twice.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: ``fork`` is there (Linux, the BSDs, macOS): elsewhere the build does all its work itself.
AVAILABLE = hasattr(os, "fork")


def run_in_copy(work: Callable[[], int], failed: int) -> int:
    """Fork; in the copy run ``work`` and exit with what it returns (``failed`` if it
    raises). Returns the copy's pid to the build."""
    pid = os.fork()
    if pid:
        return pid
    code = failed
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C ends it at once
        nowhere = os.open(os.devnull, os.O_WRONLY)
        os.dup2(nowhere, 1)
        os.dup2(nowhere, 2)
        code = work()
    finally:
        os._exit(code)  # never back into the build


def end(pid: int) -> None:
    """Kill the copy ``pid`` (if it still runs) and reap it: no process is left behind."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)


def leave_result(path: Path, value: Any) -> None:
    """In a copy: leave ``value`` at ``path``, which appears only whole (a file the build
    made the folder of, and reads with :func:`read_result` once the copy is done)."""
    part = path.with_name(f"{path.name}.part")
    part.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    os.replace(part, path)


def read_result(path: Path) -> Any | None:
    """What a copy left with :func:`leave_result`; ``None`` when there is nothing readable
    (the copy failed first). The caller checks its shape."""
    try:
        return pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
        return None


class Shared:
    """Part of a list of work done by a forked copy while the build does the rest: the copy
    runs ``work(item)`` for each of its items and leaves the results; :meth:`results` waits
    for it and gives them (only what it finished: the build does the others itself)."""

    def __init__(self, items: list[Any], work: Callable[[Any], Any]) -> None:
        self.items = frozenset(items)
        self._folder = tempfile.TemporaryDirectory(prefix="newsroom-copy-")
        self._path = Path(self._folder.name) / "results.pickle"
        path = self._path

        def share() -> int:
            leave_result(path, {item: work(item) for item in items})
            return 0

        self.pid = run_in_copy(share, 1)
        self._reaped = False

    def results(self) -> dict[Any, Any]:
        """Wait for the copy; what it finished, by item ({} if it failed)."""
        if not self._reaped:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.pid, 0)
            self._reaped = True
        left = read_result(self._path)
        self.end()
        return left if isinstance(left, dict) else {}

    def end(self) -> None:
        """Kill the copy if it still runs, reap it and delete its folder. Idempotent (a
        reaped copy's pid may be another process's by now: it is never signalled)."""
        if not self._reaped:
            end(self.pid)
            self._reaped = True
        self._folder.cleanup()
