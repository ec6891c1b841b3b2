"""Finding an article file from a command-line PATH, and reading/writing it byte-exactly."""

from __future__ import annotations

import datetime as dt
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from newsroom.content.loading import Site
from newsroom.content.parsing import to_datetime
from newsroom.content.paths import original_of

from .cli_messages import say
from .common import CommandError


@dataclass(frozen=True)
class ArticleFile:
    path: Path
    src_uri: str  # docs-relative
    display: str  # as in messages: docs/tin-tuc/2026/x.md

    @property
    def is_translation(self) -> bool:
        return original_of(self.src_uri) != self.src_uri

    @property
    def original_uri(self) -> str:
        return original_of(self.src_uri)

    def read(self) -> str:
        """The text exactly as stored (a BOM stays as ``\\ufeff``, CRLF stays CRLF).

        Raises :class:`FileProblem` when the file cannot be read or is not UTF-8.
        """
        try:
            return self.path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise FileProblem("not_utf8", str(exc)) from exc
        except OSError as exc:
            raise FileProblem("unreadable", exc.strerror or str(exc)) from exc

    def replace(self, expected: str, text: str) -> None:
        """Write ``text`` atomically, only if the file still holds ``expected``.

        The new text goes to a temporary file beside the article (same permissions), is
        flushed to disk, and replaces the article in one rename: a reader or a crash sees
        the old file or the new one, never half of one. If the editor saved the file since
        it was read, nothing is written (:class:`FileProblem` ``changed``).
        """
        folder = self.path.parent
        try:
            mode = stat.S_IMODE(self.path.stat().st_mode)
            handle, temporary = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=folder)
        except OSError as exc:
            raise FileProblem("unwritable", exc.strerror or str(exc)) from exc
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(text.encode("utf-8"))
                out.flush()
                os.fsync(out.fileno())
            os.chmod(temporary, mode)
            if self.read() != expected:
                raise FileProblem("changed", self.display)
            os.replace(temporary, self.path)
        except OSError as exc:
            raise FileProblem("unwritable", exc.strerror or str(exc)) from exc
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)


class FileProblem(Exception):
    """The article file cannot be read or written as asked; ``kind`` names the message."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(detail)
        self.kind = kind
        self.detail = detail


def locate(site: Site, raw: str, language: str) -> ArticleFile:
    """The article at ``raw`` (relative to the working folder); exit 2 if it is none."""
    path = Path(raw).resolve()
    if not path.is_file():
        raise CommandError(say("not_found", language, path=raw))
    settings = site.settings
    articles = settings.articles_path.resolve()
    if articles not in path.parents or path.suffix != ".md":
        raise CommandError(say("not_article", language, path=raw, articles=settings.articles_dir))
    src_uri = path.relative_to(settings.docs_dir.resolve()).as_posix()
    return ArticleFile(path, src_uri, site.corpus.display(src_uri))


def shown(path: Path) -> str:
    """``path`` relative to the working folder when it is inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def parse_time(value: str | None, site: Site, language: str) -> dt.datetime:
    """``--at``: ISO 8601 (no offset = the site's zone); the build clock when absent."""
    if value is None:
        return site.now.replace(microsecond=0)
    moment = to_datetime(value, site.settings.timezone)
    if moment is None:
        raise CommandError(say("bad_time", language, value=value))
    return moment


def parse_day(value: str | None, language: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(say("bad_date", language, value=value)) from exc
