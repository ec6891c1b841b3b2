"""Finding an article file from a command-line PATH, and reading/writing it byte-exactly."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from newsroom.parsing import to_datetime
from newsroom.paths import original_of
from newsroom.site import Site

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
        """The text exactly as stored (a BOM stays as ``\\ufeff``, CRLF stays CRLF)."""
        return self.path.read_bytes().decode("utf-8")

    def write(self, text: str) -> None:
        self.path.write_bytes(text.encode("utf-8"))


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
