"""Page-cache entries compressed against one page the store learned first.

Every page of the portal repeats the same head, header, navigation, footer and scripts
(about two thirds of an article's 28 KB). Compressed one by one, each entry meets that text
afresh: 0.2 ms a page at zlib's fastest level, and a quarter of its size. Given an earlier
article's page as a preset dictionary (zlib's ``zdict``), zlib finds the repeated text as
long matches: at 10,000 articles 0.09 ms a page at level 3, 4.5 % of its size, and reading
an entry back takes 0.03 ms instead of 0.12 ms. The page taught matters: the first page
written (the home page, or a listing at another depth, whose every link differs) made
entries four times larger and twice as slow to write, so only a typical page teaches
(the caller says which).

The dictionary is one file in the store's folder, sealed like an entry and named after the
store's generation: the digest of what every key of the store holds (``site_inputs``: code,
templates, configuration). When that changes, every key changes with it, so the new pages
teach a new dictionary at no cost and the old file goes at the next prune. The build and
its forked copies may learn at the same moment: the file appears under its name only whole
(a complete temporary copy is linked to it, which fails when the name exists), so the first
one wins and the others read it. An entry names the dictionary it needs (the first bytes of
its digest): with any other dictionary, or none, it is no entry.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import zlib
from pathlib import Path

from ..common.cache import read_regular, seal, verify

#: The name of a store's dictionary file: this prefix and the store's generation.
PREFIX = "dictionary-"
_FORMAT = b"newsroom-page-dictionary-1\n"
#: Deflate looks back 32 KB at most: a longer dictionary is never used.
_LIMIT = 32 * 1024
#: A value shorter than this teaches nothing worth a dictionary.
_SMALLEST = 4096
_PLAIN, _WITH_DICTIONARY = b"\0", b"\1"
#: Against an article's page (10,000 articles): level 3 with zlib's memory level 8 writes
#: faster than level 1 (0.09 against 0.11 ms a page) and smaller (4.5 % against 7.3 %);
#: level 6 takes twice as long for 3.6 %.
_LEVEL, _MEMORY_LEVEL = 3, 8


class Dictionary:
    """The dictionary of one store folder and generation (learned on first use)."""

    def __init__(self, folder: Path, generation: str, temporary_prefix: str) -> None:
        self.path = folder / f"{PREFIX}{generation[:32]}"
        self._temporary = temporary_prefix
        self._data: bytes | None = None
        self._id = b""
        self._failed = False  # learning failed (a full disk, say): not tried again
        self._load()

    def _load(self) -> bool:
        raw = read_regular(self.path)
        if raw is None or not raw.startswith(_FORMAT):
            return False
        check, data = raw[len(_FORMAT) : len(_FORMAT) + 32], raw[len(_FORMAT) + 32 :]
        if not data or not verify(self.path.name.encode() + data, check):
            return False  # not made by this machine's builds, or renamed from another
        self._data, self._id = data, hashlib.sha256(data).digest()[:8]
        return True

    def learn(self, sample: bytes) -> None:
        """Make the end of ``sample`` the dictionary, unless there is one already."""
        if self._data is not None or self._failed or len(sample) < _SMALLEST or self._load():
            return
        data = sample[-_LIMIT:]
        try:
            fd, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=self._temporary)
        except OSError:
            self._failed = True
            return
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(_FORMAT + seal(self.path.name.encode() + data) + data)
            os.link(temporary, self.path)  # only whole, and only if no one made it first
        except OSError:
            pass  # FileExistsError: another process learned first
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        self._failed = not self._load()

    def compress(self, raw: bytes) -> bytes:
        """``raw`` compressed, against the dictionary when there is one."""
        if self._data is None:
            return _PLAIN + zlib.compress(raw, 1)
        packer = zlib.compressobj(
            _LEVEL, zlib.DEFLATED, 15, _MEMORY_LEVEL, zlib.Z_DEFAULT_STRATEGY, self._data
        )
        return _WITH_DICTIONARY + self._id + packer.compress(raw) + packer.flush()

    def decompress(self, body: bytes) -> bytes | None:
        """What :meth:`compress` was given; ``None`` when it needs another dictionary.
        Raises ``zlib.error`` on damaged data."""
        kind = body[:1]
        if kind == _PLAIN:
            return zlib.decompress(body[1:])
        if kind != _WITH_DICTIONARY:
            return None
        wanted = body[1:9]
        if wanted != self._id and not (self._data is None and self._load() and wanted == self._id):
            return None
        assert self._data is not None
        unpacker = zlib.decompressobj(15, self._data)
        return unpacker.decompress(body[9:]) + unpacker.flush()


def plain_compress(raw: bytes) -> bytes:
    """``raw`` compressed on its own (a store without a dictionary)."""
    return _PLAIN + zlib.compress(raw, 1)


def plain_decompress(body: bytes) -> bytes | None:
    """What :func:`plain_compress` was given; ``None`` for an entry made with a dictionary."""
    return zlib.decompress(body[1:]) if body[:1] == _PLAIN else None
