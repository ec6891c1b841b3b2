"""Whether a production build may be skipped: the same inputs, at an equivalent moment.

A production build's output is a function of its inputs and of "now". :func:`fingerprint`
digests both, without building:

- **the files** the build reads (``cache.files_digest``: bytes, large files by metadata,
  links by target, never followed): every entry of the docs folder, ``mkdocs.yml``, the
  templates (``theme.custom_dir``) and the hooks with this package;
- **the tools**: every installed Python distribution with its version, and the Python;
- **the settings from the environment**: ``NEWSROOM_*`` (but the clock and the cache's own),
  ``SOURCE_DATE_EPOCH`` and every variable ``mkdocs.yml`` names (``!ENV``);
- **the history**: the git commit of the docs folder (signed approvals are read from it);
- **the moment** (:func:`moment`).

"Now" reaches the output only through comparisons with times the content holds (a scheduled
article's date, an event's start, a withdrawal and its 30-day notice) or through the date (a
quarter's end, a spokesperson's term). Two moments are equivalent for the output when they
fall on the same day and on the same side of every time of day that the content holds: then
every time ``t`` of the content, and every ``t`` plus a whole number of days, compares with
both moments the same way. A rule comparing "now" with a time *not* of that kind (``t`` plus
some hours, say) would break that: ``tests/test_uptodate.py`` lists the modules that read
"now", so adding one means checking its rule against this paragraph.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import enum
import functools
import os
import re
import subprocess
import sys
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

from ..common import cache, clock
from ..content import loading
from ..content import settings as site_settings
from ..content.classify import Kind
from ..content.loading import Site
from ..content.settings import Settings

#: The record of the last complete production build, in the content cache folder.
MANIFEST = "site-build.json"
#: Environment settings that do not change the output (the clock acts through :func:`moment`).
UNKEYED_ENV = frozenset(
    {"NEWSROOM_NOW", "NEWSROOM_CACHE", "NEWSROOM_CACHE_SECRET_FILE", "NEWSROOM_INCREMENTAL"}
    | {"NEWSROOM_WATCH"}
)
_ENV_NAME = re.compile(r"\b[A-Z_][A-Z0-9_]{2,}\b")


# ---- the fingerprint ----------------------------------------------------------------------------
def fingerprint(config_file: Path, config: Mapping[str, Any], site: Site, when: str) -> str:
    """Digest of everything a production build of ``config_file`` depends on, at ``site.now``.

    ``config`` is the file's content as read by ``newsroom.content.settings.read_config``
    (for the template and hook folders); ``site`` was loaded at the build's moment, which
    the output sees as ``when`` (:func:`moment`).
    """
    config_file = config_file.resolve()
    base = config_file.parent
    text = config_file.read_bytes()
    folders = [site.settings.docs_dir, *_code_folders(config, base)]
    parts: list[str | bytes] = [
        "newsroom-uptodate-1",
        *_tools(text),
        _git_commit(site.settings.docs_dir),
        when,
    ]
    for folder in sorted(set(folders)):
        parts += [str(folder), cache.files_digest(folder)]
    return cache.key(*parts)


def site_wide(config_file: Path, config: Mapping[str, Any], site: Site, when: str) -> str:
    """Digest of what every page depends on: the fingerprint's inputs but the articles,
    their assets and the git commit (``incremental``: a build in which only these changed
    renders only the pages that show them). Static pages are in (the navigation shows
    their titles), and so are the registries, the theme assets and every other docs file.
    Of the moment, only the date: an article's or listing page's key holds what its page
    shows of "now" (visibility, withdrawal, whether an event is still to come)."""
    config_file = config_file.resolve()
    text = config_file.read_bytes()
    parts: list[str | bytes] = [
        "newsroom-site-wide-1",
        *_tools(text),
        " ".join(when.split(" ")[:2]),  # the local and the UTC date
    ]
    for folder in sorted(set(_code_folders(config, config_file.parent))):
        parts += [str(folder), cache.files_digest(folder)]
    docs = site.settings.docs_dir
    kinds = site.corpus.files.kinds
    for rel in sorted(kinds):
        if kinds[rel] not in (Kind.ARTICLE, Kind.ASSET):
            parts += [rel, _bytes(docs / rel)]
    registries = site.settings.registries_path
    if docs not in registries.parents:
        parts += [str(registries), cache.files_digest(registries)]
    return cache.key(*parts)


def _tools(config_text: bytes) -> list[str | bytes]:
    """What both digests take of the code, the installed packages, the config file and the
    settings from the environment."""
    return [
        cache.code_version(),
        _packages(),
        config_text,
        _environment(config_text.decode("utf-8", "surrogateescape")),
    ]


def _bytes(path: Path) -> bytes:
    return cache.read_regular(path) or b"missing"


def moment(site: Site) -> str:
    """``site.now`` as the output sees it: its date, and where its time of day stands against
    every time of day the content holds (before, at, after)."""
    tz = site.settings.timezone
    now = site.now.astimezone(tz)
    clock = now.time()
    times = sorted({t.astimezone(tz).time() for t in instants(site)})
    sides = "".join("<" if t < clock else "=" if t == clock else ">" for t in times)
    utc_day = now.astimezone(dt.UTC).date()
    return f"{now.date().isoformat()} {utc_day.isoformat()} {sides}"


def instants(site: Site) -> set[dt.datetime]:
    """Every aware time the content holds: articles, registries, press register and plans."""
    found: set[dt.datetime] = set()
    roots: list[Any] = [e.article for e in site.corpus.entries.values()]
    roots += [site.registries, site.desk.items, site.desk.plans]
    seen: set[int] = set()
    for root in roots:
        _collect(root, found, seen)
    return found


def _collect(value: Any, found: set[dt.datetime], seen: set[int]) -> None:
    """Add the datetimes reachable from ``value`` (dataclasses, containers, this package's
    objects); iterative, so a deep structure cannot exhaust the stack. How to open a value
    is decided once per type (``_opening``): 12,000 articles are walked in a fraction of the
    time ``dataclasses.fields`` takes per object."""
    stack = [value]
    while stack:
        item = stack.pop()
        how = _OPENING.get(type(item))
        if how is None:
            how = _OPENING[type(item)] = _opening(type(item))
        if how is _AWARE_TIME:
            if item.tzinfo is not None:
                found.add(item)
            continue
        if how is _LEAF or item is None or id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(how, tuple):  # a dataclass: its fields
            stack.extend(getattr(item, name) for name in how)
        elif how is _MAPPING:
            stack.extend(item.keys())
            stack.extend(item.values())
        elif how is _SEQUENCE:
            stack.extend(item)
        elif how is _OWN_OBJECT and hasattr(item, "__dict__"):
            stack.extend(vars(item).values())


_AWARE_TIME, _LEAF, _MAPPING, _SEQUENCE, _OWN_OBJECT, _OTHER = (
    "time",
    "leaf",
    "mapping",
    "sequence",
    "own",
    "other",
)
_OPENING: dict[type, str | tuple[str, ...]] = {}


def _opening(kind: type) -> str | tuple[str, ...]:
    """How :func:`_collect` opens a value of type ``kind``: a datetime, a value holding no
    time, a dataclass (its field names), a mapping, a sequence or set, an object of this
    package, or anything else (not opened)."""
    if issubclass(kind, dt.datetime):
        return _AWARE_TIME
    if issubclass(kind, (str, bytes, int, float, dt.date, dt.time, enum.Enum, Path, type)):
        return _LEAF
    if dataclasses.is_dataclass(kind):
        return tuple(f.name for f in dataclasses.fields(kind))
    if issubclass(kind, Mapping):
        return _MAPPING
    if issubclass(kind, (list, tuple, set, frozenset)):
        return _SEQUENCE
    if kind.__module__.startswith("newsroom."):
        return _OWN_OBJECT
    return _OTHER


def _code_folders(config: Mapping[str, Any], base: Path) -> list[Path]:
    """The template folder and the folders of the hooks (this package's is among them)."""
    found = [Path(__file__).resolve().parents[2]]  # hooks/, holding the newsroom package
    theme = config.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, Mapping) else None
    if isinstance(custom, str):
        found.append((base / custom).resolve())
    hooks = config.get("hooks")
    for hook in hooks if isinstance(hooks, list) else []:
        if isinstance(hook, str):
            found.append((base / hook).resolve().parent)
    return found


def _packages() -> str:
    names = set()
    for dist in metadata.distributions():
        names.add(f"{dist.metadata['Name']}=={dist.version}")
    return sys.version + "\n" + "\n".join(sorted(names))


def _environment(config_text: str) -> str:
    named = set(_ENV_NAME.findall(config_text)) | {"SOURCE_DATE_EPOCH"}
    keyed = sorted(
        name
        for name in os.environ
        if name in named or (name.startswith("NEWSROOM_") and name not in UNKEYED_ENV)
    )
    return "\n".join(f"{name}={os.environ[name]}" for name in keyed)


def _git_commit(folder: Path) -> str:
    """HEAD of the repository holding ``folder`` and whether it is shallow, or why none."""
    try:
        result = subprocess.run(
            ["git", "rev-parse", "HEAD", "--is-shallow-repository"],
            cwd=folder,
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return "no-git"
    return f"{result.returncode}\n{result.stdout}"


# ---- the record of the last build ---------------------------------------------------------------
def last_build(cache_dir: Path, site_dir: Path) -> tuple[str, cache.Listing] | None:
    """(fingerprint, listing of ``site_dir``) that the last complete build recorded (sealed),
    or ``None`` (no record, or one of another folder)."""
    recorded = cache.read_sealed(cache_dir / MANIFEST)
    if recorded is None or recorded.get("site") != str(site_dir.resolve()):
        return None
    files, value = recorded.get("files"), recorded.get("fingerprint")
    if not isinstance(files, dict) or not isinstance(value, str):
        return None
    return value, {rel: tuple(info) for rel, info in files.items()}


def record(
    cache_dir: Path, site_dir: Path, value: str, listing: cache.Listing | None = None
) -> None:
    """Note that ``site_dir`` now holds the complete build of ``value`` (sealed). The listing
    (``cache.stat_listing``; ``listing`` if the build just took it) shows any change to the
    folder after the build: a file edited, added, removed or replaced."""
    files = listing if listing is not None else cache.stat_listing(site_dir)
    data = {"fingerprint": value, "site": str(site_dir.resolve()), "files": files}
    cache.write_sealed(cache_dir / MANIFEST, data)


def forget(cache_dir: Path) -> None:
    """Drop the record (before a build changes ``site/``)."""
    with contextlib.suppress(OSError):
        (cache_dir / MANIFEST).unlink()


# ---- one production build's inputs --------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class Inputs:
    """A project read at one moment: what a production build of it would depend on."""

    config_file: Path
    site: Site
    fingerprint: str
    cache_dir: Path | None  # None: the content cache is off, nothing is recorded
    site_dir: Path
    site_wide: str  # what every page depends on (incremental builds)
    #: the docs listing (``cache.stat_listing``) taken before ``site`` was loaded
    sources_read: cache.Listing

    def environment(self) -> dict[str, str]:
        """The environment of the build: the moment fingerprinted, as its clock."""
        return {**os.environ, clock.ENV_VAR: self.site.now.isoformat(), "NO_MKDOCS_2_WARNING": "1"}

    @functools.cached_property
    def site_folder(self) -> tuple[tuple[str, cache.Listing] | None, cache.Listing]:
        """(what the last build recorded of ``site_dir``, its listing now): each read once,
        since a decision needs both (47,000 entries at 10,000 articles)."""
        if self.cache_dir is None:
            return None, {}
        return last_build(self.cache_dir, self.site_dir), cache.stat_listing(self.site_dir)

    def site_is_current(self) -> bool:
        """``site_dir`` is, file for file, the last build's, and that build had these inputs."""
        last, now = self.site_folder
        return last is not None and last[0] == self.fingerprint and last[1] == now

    def site_is_intact(self) -> bool:
        """``site_dir`` is, file for file, what the last build wrote (whatever its inputs):
        a build may keep it and render only what changed."""
        last, now = self.site_folder
        return last is not None and last[1] == now


def read(config_file: Path) -> Inputs:
    """Load the project of ``config_file`` at the build clock (``NEWSROOM_NOW`` or the wall
    clock) through the content cache and fingerprint it. Raises what loading raises
    (``RegistryError``, ``ClockError``)."""
    config = site_settings.read_config(config_file)
    base = config_file.resolve().parent
    settings = Settings.from_config(config, base)
    folder = cache.folder(config_file)
    sources_read = cache.stat_listing(settings.docs_dir)
    site = loading.load(settings, clock.now(settings.timezone), folder)
    output = base / str(config.get("site_dir") or "site")
    when = moment(site)  # walks every article: once
    return Inputs(
        config_file,
        site,
        fingerprint(config_file, config, site, when),
        folder,
        output,
        site_wide(config_file, config, site, when),
        sources_read,
    )
