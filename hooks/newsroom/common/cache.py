"""A content cache across builds, for speed only: ``.cache/newsroom/`` beside ``mkdocs.yml``.

Each store is one file mapping a key (a SHA-256 of everything the value depends on: the
source bytes, the registries, the settings and this package's own code) to a value computed
from exactly those inputs. A hit returns what the computation would return; anything wrong
with the file (missing, truncated, corrupt, another Python, another version of this code)
makes the store start empty, so the build recomputes: deleting ``.cache/`` is always safe.
Values that were not used by a build are dropped when it saves, so the file does not grow.

The file is pickled data, so it is only ever loaded when it carries an HMAC made with this
machine's own secret (``newsroom/cache.key`` in the user's config folder, outside any
repository, created on first use): a cache file committed to a hostile repository, or copied
from another machine, is not authentic and is ignored, never unpickled — it could otherwise
run code or claim that a draft is valid and approved.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import pickle
import re
import stat
import sys
import tempfile
import time
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

#: Folder of the cache, relative to the folder of ``mkdocs.yml`` (``.cache/`` is gitignored).
CACHE_DIR = Path(".cache") / "newsroom"
_FORMAT = b"newsroom-cache-1\n"
#: The address closing a function's or an object's ``repr`` (``<function slugify at 0x7f…>``).
_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+(?=>)")


@cache
def code_version() -> str:
    """SHA-256 of this package's sources and the Python version: new code, new keys."""
    digest = hashlib.sha256(sys.version.encode())
    root = Path(__file__).resolve().parents[1]  # the whole newsroom package
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def package_versions(*names: str) -> str:
    """Installed versions of third-party packages whose output is cached."""
    found = []
    for name in names:
        try:
            found.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} missing")
    return " ".join(found)


def stable_repr(value: Any) -> str:
    """``repr`` without memory addresses (settings hold functions such as a slugify). Text
    of the value that ends like such a ``repr`` (" at 0x1f>") loses its address too: a key
    of values holding free text exactly is :func:`exact_repr`."""
    return _without_addresses(repr(value))


def _without_addresses(shown: str) -> str:
    # the substring test first: on a page's template context (tens of kilobytes) the
    # pattern alone took longer than the repr
    return _ADDRESS.sub("", shown) if " at 0x" in shown else shown


#: What ``stable_repr`` prints of an object that does not show its content.
_OPAQUE = re.compile(r"<[\w.]+ object>")


def exact_repr(value: Any) -> str | None:
    """``repr`` of a value made of values that print their content (text, numbers, times,
    dataclasses, containers), unchanged: two such values have the same ``exact_repr`` only
    if they are equal. ``None`` when ``value`` holds an object that prints only its
    address."""
    shown = repr(value)
    return None if is_opaque(_without_addresses(shown)) else shown


def is_opaque(shown: str) -> bool:
    """True when ``shown`` (a ``stable_repr``) holds an object that does not print its
    content: such a value cannot be part of a key (it would match whatever it held)."""
    return " object>" in shown and _OPAQUE.search(shown) is not None


def key(*parts: str | bytes) -> str:
    """One key from several parts (each length-prefixed, so parts cannot run together)."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def tree_digest(folder: Path, skip_suffix: str = "") -> str:
    """Paths, sizes and symbolic links of every file in ``folder`` (never followed), but
    files ending in ``skip_suffix``."""
    digest = hashlib.sha256()
    if not folder.is_dir():
        return digest.hexdigest()
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        rel = os.path.relpath(root, folder)
        for name in sorted(dirs):
            path = os.path.join(root, name)
            if os.path.islink(path):
                digest.update(f"L {rel}/{name}\0".encode("utf-8", "surrogateescape"))
        for name in sorted(files):
            if skip_suffix and name.endswith(skip_suffix):
                continue
            info = os.lstat(os.path.join(root, name))
            link = "L" if os.path.islink(os.path.join(root, name)) else "F"
            line = f"{link} {rel}/{name} {info.st_size}\0"
            digest.update(line.encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


#: Files up to this size are digested by their bytes, larger ones by their metadata.
HASHED_UP_TO = 1 << 20
#: Folders that hold nothing a build reads (Python's compiled files).
_NOT_READ = frozenset({"__pycache__"})


def files_digest(folder: Path) -> str:
    """Every entry under ``folder`` by relative path: regular files by their bytes (above
    ``HASHED_UP_TO`` by size, inode and modification and change times, which any write
    updates: media are not read on every run), symbolic links by target (never followed),
    anything else (a named pipe, a device: never opened) by type. ``__pycache__`` is left out."""
    digest = hashlib.sha256()
    for root, dirs, files in os.walk(folder):  # never descends into a linked folder
        dirs[:] = sorted(d for d in dirs if d not in _NOT_READ)
        for name in sorted([*files, *(d for d in dirs if os.path.islink(os.path.join(root, d)))]):
            path = Path(root, name)
            info = os.lstat(path)
            if stat.S_ISLNK(info.st_mode):
                line, data = f"link {os.readlink(path)}", b""
            elif stat.S_ISREG(info.st_mode) and info.st_size <= HASHED_UP_TO:
                line, data = f"file {info.st_size}", read_regular(path) or b"unreadable"
            elif stat.S_ISREG(info.st_mode):
                line = f"large {info.st_size} {info.st_ino} {info.st_mtime_ns} {info.st_ctime_ns}"
                data = b""
            else:
                line, data = f"other {stat.S_IFMT(info.st_mode)}", b""
            rel = path.relative_to(folder).as_posix()
            digest.update(f"{rel}\0{line}\0".encode("utf-8", "surrogateescape"))
            digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()


#: A folder's listing (:func:`stat_listing`): type, size, modification time and inode by path.
Listing = dict[str, tuple[int, int, int, int]]


def stat_listing(folder: Path) -> Listing:
    """Type, size, modification time and inode of every entry under ``folder`` (links not
    followed), by relative path: what a write, an addition or a removal changes.

    One ``scandir`` per folder and paths joined as strings: ``site/`` of a large archive
    holds tens of thousands of entries, and this runs before and after every build."""
    found: Listing = {}
    pending = [(str(folder), "")]
    while pending:
        path, prefix = pending.pop()
        try:
            entries = list(os.scandir(path))
        except OSError:  # unreadable or gone: as os.walk, nothing listed under it
            continue
        for entry in entries:
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            rel = prefix + entry.name
            found[rel] = (info.st_mode, info.st_size, info.st_mtime_ns, info.st_ino)
            if stat.S_ISDIR(info.st_mode):
                pending.append((entry.path, rel + "/"))
    return found


def write_sealed(path: Path, data: dict[str, Any]) -> None:
    """Write ``data`` as JSON with this machine's seal, atomically; a failure is no record."""
    payload = json.dumps(data, sort_keys=True).encode()
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        if path.parent.is_symlink():
            return
        temporary.write_bytes(seal(payload).hex().encode() + b"\n" + payload)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()
        return
    remove_stale_copies(path.parent, f".{path.name}.")


#: A temporary copy of a cache file older than this was left by a build that was killed
#: while writing it (writing one takes seconds, and its time is that of its last write).
STALE_COPY_SECONDS = 3600


def remove_stale_copies(folder: Path, prefix: str) -> int:
    """Delete the regular files of ``folder`` named ``prefix…`` and older than
    :data:`STALE_COPY_SECONDS` (a killed build's temporary copy of a 60 MB cache file would
    otherwise stay forever); the number deleted."""
    limit = time.time() - STALE_COPY_SECONDS
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        try:
            if (
                entry.name.startswith(prefix)
                and entry.is_file(follow_symlinks=False)
                and entry.stat(follow_symlinks=False).st_mtime < limit
            ):
                os.unlink(entry.path)
                removed += 1
        except OSError:
            continue
    return removed


def read_sealed(path: Path) -> dict[str, Any] | None:
    """What :func:`write_sealed` wrote on this machine; ``None`` for anything else."""
    check, _, payload = (read_regular(path) or b"").partition(b"\n")
    try:
        if not verify(payload, bytes.fromhex(check.decode("ascii"))):
            return None
        value = json.loads(payload)
    except (ValueError, UnicodeDecodeError):
        return None
    return value if isinstance(value, dict) else None


def read_regular(path: Path) -> bytes | None:
    """The bytes of ``path`` if it is a regular file; ``None`` for anything else (missing, a
    symbolic link — never followed —, a named pipe or a device, which could block or never
    end). Every file of the cache folder is read this way: a repository can commit one."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            return None
        try:
            return handle.read()
        except OSError:
            return None


def seal(payload: bytes | memoryview) -> bytes:
    """HMAC-SHA-256 of ``payload`` with this machine's cache secret."""
    return hmac.new(_secret(), payload, hashlib.sha256).digest()


def verify(payload: bytes, check: bytes) -> bool:
    """True when ``check`` is this machine's :func:`seal` of ``payload``."""
    return hmac.compare_digest(seal(payload), check)


def folder(config_file: Path) -> Path | None:
    """``.cache/newsroom/`` beside ``config_file`` (``mkdocs.yml``); ``None`` when the cache
    is off (``NEWSROOM_CACHE=off``) or a symbolic link stands on the way (a repository could
    point the cache anywhere)."""
    if os.environ.get("NEWSROOM_CACHE", "").strip().lower() in ("off", "0", "no"):
        return None
    base = config_file.resolve().parent
    for part in (base / CACHE_DIR.parts[0], base / CACHE_DIR):
        if part.is_symlink():
            return None
    return base / CACHE_DIR


@cache
def _secret() -> bytes:
    """The secret of this user on this machine (``$XDG_CONFIG_HOME/newsroom/cache.key``).

    ``NEWSROOM_CACHE_SECRET_FILE`` names another file. Created with 32 random bytes, readable
    by its owner only. If it cannot be read or made, a fresh secret for this process is used:
    the cache then only serves this one build.
    """
    default = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "newsroom"
    path = Path(os.environ.get("NEWSROOM_CACHE_SECRET_FILE") or default / "cache.key")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return _create(path)
    except OSError:
        return os.urandom(32)
    return data if len(data) >= 32 else os.urandom(32)


def _create(path: Path) -> bytes:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        secret = os.urandom(32)
        with os.fdopen(fd, "wb") as out:
            out.write(secret)
        return secret
    except FileExistsError:  # made meanwhile by a parallel build
        return path.read_bytes()
    except OSError:
        return os.urandom(32)


class _Sealing:
    """A file that seals (:func:`seal`) what is written to it, as it is written."""

    def __init__(self, out: Any) -> None:
        self.out = out
        self.mac = hmac.new(_secret(), digestmod=hashlib.sha256)

    def write(self, data: bytes) -> int:
        self.mac.update(data)
        return int(self.out.write(data))


class Store:
    """One cache file: ``get`` and ``put`` in memory, ``save`` writes it once, atomically."""

    def __init__(self, path: Path | None, load: bool = True) -> None:
        self.path = path
        self._old: dict[str, Any] = self._load(path) if path is not None and load else {}
        self._new: dict[str, Any] = {}
        self.hits = self.misses = 0

    @staticmethod
    def _load(path: Path) -> dict[str, Any]:
        try:
            data = read_regular(path) or b""
            if not data.startswith(_FORMAT):
                return {}
            body = memoryview(data)[len(_FORMAT) :]  # no copies of a 100 MB file
            check, payload = body[:32], body[32:]
            if not hmac.compare_digest(seal(payload), check):
                return {}  # not written by this machine's builds: never unpickled
            loaded = pickle.loads(payload)
            return loaded if isinstance(loaded, dict) else {}
        except Exception:  # any unreadable cache is no cache
            return {}

    def get(self, key: str) -> Any | None:
        """The value stored under ``key`` (kept for the next build), or ``None``."""
        value = self._new.get(key)
        if value is None:
            value = self._old.get(key)
        if value is None:
            self.misses += 1
            return None
        self.hits += 1
        self._new[key] = value
        return value

    def put(self, key: str, value: Any) -> None:
        self._new[key] = value

    def holds(self, key: str) -> bool:
        """Whether a value is stored under ``key`` (not counted as used)."""
        return key in self._new or key in self._old

    def start_record(self) -> None:
        """In a process that does part of the build for it (``search_early``): note from
        here what this process uses, for :meth:`record`."""
        self._new = {}
        self.hits = self.misses = 0

    def record(self) -> tuple[dict[str, Any], int, int]:
        """What was used since :meth:`start_record`: the values, hits and misses."""
        return self._new, self.hits, self.misses

    def add_record(self, record: tuple[dict[str, Any], int, int]) -> None:
        """Count what another process used (its :meth:`record`) as used by this build."""
        used, hits, misses = record
        self._new.update(used)
        self.hits += hits
        self.misses += misses

    def next_build(self) -> Store:
        """This store for another build of the same process (``mkdocs serve``): everything
        it holds stays in memory, nothing is read again; ``save`` then writes what that
        build used."""
        self._old = {**self._old, **self._new}
        self._new = {}
        self.hits = self.misses = 0
        return self

    def save(self) -> None:
        """Write the values used by this build; a failure only costs the next build time."""
        if self.path is None or (self.misses == 0 and self._new.keys() == self._old.keys()):
            return
        tmp = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=self.path.name + ".")
            with os.fdopen(fd, "wb") as out:
                out.write(_FORMAT + bytes(32))  # the seal's place, filled in below
                sealing = _Sealing(out)
                # streamed: a 100 MB cache is never one more object in memory
                pickle.dump(self._new, sealing, protocol=pickle.HIGHEST_PROTOCOL)
                out.seek(len(_FORMAT))
                out.write(sealing.mac.digest())
            os.replace(tmp, self.path)
        except (OSError, pickle.PicklingError, TypeError, AttributeError):
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
            return
        remove_stale_copies(self.path.parent, self.path.name + ".")
        self._old = self._new
