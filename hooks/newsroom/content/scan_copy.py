"""Half of a build's article checks done by a forked copy of the build, on the other core.

A build starts by reading and checking every article (``Corpus.scan``): 5 s of a clean
10,000-article build, on one core while the other waits. When the content cache is on and
does not hold most of the articles yet (a clean production build; not the preview, which
keeps its own results in memory, nor a rebuild, which takes them from the cache faster than
from a copy), the second half of the original articles is handed to a copy made by
``forking.run_in_copy``: it checks them exactly as the build would (``ArticleCheck.run``,
the same code on the same files at the same moment) and leaves, in a folder the build made
for it, each result with its cache key and what it put in the content cache. The build
checks the first half meanwhile, then takes the copy's results (``ArticleCheck.adopt``) and
goes on with them as if it had checked those files itself: the same issues, in the same
order, and the same content cache. A file the copy could not read is left to the build,
which reports it as always; a copy that fails leaves all its files to the build.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..common import forking
from .checked import ArticleCheck

#: Fewer original articles than this are checked in the build alone (a fork costs more).
SMALLEST = 400
#: Files of the copy's half read first to see whether the content cache holds them: when
#: most are there (a rebuild), the build takes them from the cache faster than it would
#: take a copy's results (half a second more in a one-change rebuild at 10,000 articles).
PROBE = 16
#: The file the copy leaves in its folder once done.
RESULT = "checked.pickle"
#: The exit status of a copy that could not finish.
FAILED = 70


class Pending:
    """A copy checking some articles: :meth:`join` waits for it and gives its results to
    the check; :meth:`stop` ends it unused (the build failed first)."""

    def __init__(self, pid: int, folder: Path, check: ArticleCheck) -> None:
        self.pid, self.folder, self.check = pid, folder, check

    def join(self) -> None:
        """Wait for the copy; without its results the build checks those files itself."""
        try:
            _, status = os.waitpid(self.pid, 0)
            left = forking.read_result(self.folder / RESULT)
            if os.waitstatus_to_exitcode(status) == 0 and left is not None and _is_result(left):
                results, keys, record = left
                self.check.adopt(results, keys, record)
        except ChildProcessError:
            pass
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def stop(self) -> None:
        forking.end(self.pid)
        shutil.rmtree(self.folder, ignore_errors=True)


def start(check: ArticleCheck, display: Callable[[str], str], sources: list[str]) -> Pending | None:
    """Fork a copy checking ``sources`` (original articles, docs-relative); ``None`` when it
    is not worth it (no content cache, the preview, too few, most already in the cache, no
    ``fork``)."""
    if check.store is None or check.known is not None or not forking.AVAILABLE:
        return None
    if len(sources) < SMALLEST // 2 or _mostly_cached(check, sources[:PROBE]):
        return None
    folder = Path(tempfile.mkdtemp(prefix="newsroom-scan-"))
    docs_dir = Path(check.docs_dir)
    store = check.store

    def work() -> int:
        store.start_record()
        results: dict[str, Any] = {}
        for src_uri in sources:
            try:
                text = (docs_dir / src_uri).read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):
                continue  # the build reports it
            results[src_uri] = check.run(src_uri, display(src_uri), text, None, None)
        keys = {src_uri: check.keys[src_uri] for src_uri in results if src_uri in check.keys}
        forking.leave_result(folder / RESULT, (results, keys, store.record()))
        return 0

    return Pending(forking.run_in_copy(work, FAILED), folder, check)


def _mostly_cached(check: ArticleCheck, sources: list[str]) -> bool:
    docs_dir, cached = Path(check.docs_dir), 0
    for src_uri in sources:
        try:
            text = (docs_dir / src_uri).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
        cached += check.is_cached(src_uri, text)
    return cached * 2 > len(sources)


def _is_result(left: Any) -> bool:
    """(results, keys, cache record), as the copy leaves them."""
    return (
        isinstance(left, tuple)
        and len(left) == 3
        and isinstance(left[0], dict)
        and isinstance(left[1], dict)
        and isinstance(left[2], tuple)
    )
