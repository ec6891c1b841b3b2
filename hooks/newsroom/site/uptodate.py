"""Whether a production build may be skipped: the same inputs, at an equivalent moment.

A production build's output is a function of its inputs and of "now". :func:`fingerprint`
digests both, without building:

- **the files** the build reads: every entry of the docs folder (bytes of regular files up
  to 1 MiB, larger ones by size, inode and modification and change times; symbolic links by
  their target, never followed; anything else by its type), ``mkdocs.yml``,
  the templates (``theme.custom_dir``) and the hooks with this package;
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
import hashlib
import json
import os
import re
import stat
import subprocess
import sys
from collections.abc import Iterator, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

from ..common import cache, clock
from ..content import loading
from ..content import settings as site_settings
from ..content.loading import Site
from ..content.settings import Settings

#: The record of the last complete production build, in the content cache folder.
MANIFEST = "site-build.json"
#: Environment settings that do not change the output (the clock acts through :func:`moment`).
UNKEYED_ENV = frozenset({"NEWSROOM_NOW", "NEWSROOM_CACHE", "NEWSROOM_CACHE_SECRET_FILE"})
#: Folders of the code trees that hold nothing the build reads.
_NOT_READ = frozenset({"__pycache__"})
#: Files up to this size are fingerprinted by their bytes, larger ones by their metadata.
HASHED_UP_TO = 1 << 20
_ENV_NAME = re.compile(r"\b[A-Z_][A-Z0-9_]{2,}\b")


# ---- the fingerprint ----------------------------------------------------------------------------
def fingerprint(config_file: Path, config: Mapping[str, Any], site: Site) -> str:
    """Digest of everything a production build of ``config_file`` depends on, at ``site.now``.

    ``config`` is the file's content as read by ``newsroom.content.settings.read_config``
    (for the template and hook folders); ``site`` was loaded at the build's moment.
    """
    config_file = config_file.resolve()
    base = config_file.parent
    text = config_file.read_bytes()
    folders = [site.settings.docs_dir, *_code_folders(config, base)]
    parts: list[str | bytes] = [
        "newsroom-uptodate-1",
        cache.code_version(),
        _packages(),
        text,
        _environment(text.decode("utf-8", "surrogateescape")),
        _git_commit(site.settings.docs_dir),
        moment(site),
    ]
    for folder in sorted(set(folders)):
        parts += [str(folder), tree_digest(folder)]
    return cache.key(*parts)


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
    objects); iterative, so a deep structure cannot exhaust the stack."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dt.datetime):
            if item.tzinfo is not None:
                found.add(item)
            continue
        if isinstance(item, (str, bytes, int, float, dt.date, dt.time, enum.Enum, Path)):
            continue
        if item is None or id(item) in seen:
            continue
        seen.add(id(item))
        if dataclasses.is_dataclass(item) and not isinstance(item, type):
            stack.extend(getattr(item, f.name) for f in dataclasses.fields(item))
        elif isinstance(item, Mapping):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set, frozenset)):
            stack.extend(item)
        elif type(item).__module__.startswith("newsroom.") and hasattr(item, "__dict__"):
            stack.extend(vars(item).values())


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


def tree_digest(folder: Path) -> str:
    """Every entry under ``folder`` by relative path: regular files by bytes (files above
    ``HASHED_UP_TO`` by size, inode and modification and change times, which any write
    updates: media are not read again on every run), symbolic links by target (never
    followed), anything else by type. ``__pycache__`` folders are left out."""
    digest = hashlib.sha256()
    for rel, line, path in _entries(folder):
        digest.update(f"{rel}\0{line}\0".encode("utf-8", "surrogateescape"))
        if path is not None:
            digest.update(_file_digest(path))
    return digest.hexdigest()


def _entries(folder: Path) -> Iterator[tuple[str, str, Path | None]]:
    for root, dirs, files in os.walk(folder):  # never descends into a linked folder
        dirs[:] = sorted(d for d in dirs if d not in _NOT_READ)
        for name in sorted([*files, *(d for d in dirs if os.path.islink(os.path.join(root, d)))]):
            path = Path(root, name)
            rel = path.relative_to(folder).as_posix()
            info = os.lstat(path)
            if stat.S_ISLNK(info.st_mode):
                yield rel, f"link {os.readlink(path)}", None
            elif stat.S_ISREG(info.st_mode) and info.st_size <= HASHED_UP_TO:
                yield rel, f"file {info.st_size}", path
            elif stat.S_ISREG(info.st_mode):
                times = f"{info.st_ino} {info.st_mtime_ns} {info.st_ctime_ns}"
                yield rel, f"large {info.st_size} {times}", None
            else:
                yield rel, f"other {stat.S_IFMT(info.st_mode)}", None


def _file_digest(path: Path) -> bytes:
    """SHA-256 of a regular file's bytes, opened without following a link or blocking."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as error:
        return f"unreadable {error.errno}".encode()
    with os.fdopen(fd, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").digest()


# ---- the record of the last build ---------------------------------------------------------------
def is_current(cache_dir: Path, site_dir: Path, expected: str) -> bool:
    """True when ``site_dir`` is, file for file, what a build with ``expected`` wrote."""
    recorded = _read(cache_dir / MANIFEST)
    if recorded is None:
        return False
    return (
        recorded.get("fingerprint") == expected
        and recorded.get("site") == str(site_dir.resolve())
        and recorded.get("files") == listing(site_dir)
    )


def record(cache_dir: Path, site_dir: Path, value: str) -> None:
    """Note that ``site_dir`` now holds the complete build of ``value`` (sealed)."""
    data = {"fingerprint": value, "site": str(site_dir.resolve()), "files": listing(site_dir)}
    payload = json.dumps(data, sort_keys=True).encode()
    _write(cache_dir / MANIFEST, cache.seal(payload).hex().encode() + b"\n" + payload)


def forget(cache_dir: Path) -> None:
    """Drop the record (before a build changes ``site/``)."""
    with contextlib.suppress(OSError):
        (cache_dir / MANIFEST).unlink()


def listing(site_dir: Path) -> dict[str, list[int]]:
    """Size, modification time and inode of every entry under ``site_dir``: any change to
    the folder after the build (a file edited, added, removed or replaced) shows here."""
    found: dict[str, list[int]] = {}
    if not site_dir.is_dir():
        return found
    for root, dirs, files in os.walk(site_dir):
        for name in [*dirs, *files]:
            path = os.path.join(root, name)
            info = os.lstat(path)
            rel = os.path.relpath(path, site_dir)
            found[rel] = [info.st_mode, info.st_size, info.st_mtime_ns, info.st_ino]
    return found


def _read(path: Path) -> dict[str, Any] | None:
    data = cache.read_regular(path)
    if data is None:
        return None
    check, _, payload = data.partition(b"\n")
    try:
        if not cache.verify(payload, bytes.fromhex(check.decode("ascii"))):
            return None  # not written by this machine's builds
        value = json.loads(payload)
    except (ValueError, UnicodeDecodeError):
        return None
    return value if isinstance(value, dict) else None


def _write(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.parent.is_symlink():
            return
        temporary = path.with_name(f".{path.name}.{os.getpid()}")
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError:
        return


# ---- one production build's inputs --------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class Inputs:
    """A project read at one moment: what a production build of it would depend on."""

    config_file: Path
    site: Site
    fingerprint: str
    cache_dir: Path | None  # None: the content cache is off, nothing is recorded
    site_dir: Path

    def environment(self) -> dict[str, str]:
        """The environment of the build: the moment fingerprinted, as its clock."""
        return {**os.environ, clock.ENV_VAR: self.site.now.isoformat(), "NO_MKDOCS_2_WARNING": "1"}

    def site_is_current(self) -> bool:
        return self.cache_dir is not None and is_current(
            self.cache_dir, self.site_dir, self.fingerprint
        )


def read(config_file: Path, site_dir: Path | None = None) -> Inputs:
    """Load the project of ``config_file`` at the build clock (``NEWSROOM_NOW`` or the wall
    clock) through the content cache and fingerprint it. ``site_dir`` defaults to the config's.
    Raises what loading raises (``RegistryError``, ``ClockError``)."""
    config = site_settings.read_config(config_file)
    base = config_file.resolve().parent
    settings = Settings.from_config(config, base)
    folder = cache.folder(config_file)
    site = loading.load(settings, clock.now(settings.timezone), folder)
    output = site_dir or base / str(config.get("site_dir") or "site")
    return Inputs(config_file, site, fingerprint(config_file, config, site), folder, output)
