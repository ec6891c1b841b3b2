"""Precompressed copies for nginx's ``gzip_static``: ``page.html`` → ``page.html.gz``."""

from __future__ import annotations

import gzip
from pathlib import Path

#: Text we publish; Pagefind's index and WebAssembly are compressed by Pagefind already.
COMPRESSIBLE = {
    ".html", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".txt", ".ics", ".opml",
    ".map", ".webmanifest",
}  # fmt: skip
MIN_SIZE = 256  # below this the headers cost more than the saving


def precompress(site: Path) -> int:
    """Write ``.gz`` next to every compressible file where it saves bytes; return the count.

    The gzip header carries no time stamp, so the same release compresses to the same bytes.
    """
    written = 0
    for path in sorted(site.rglob("*")):
        if path.suffix not in COMPRESSIBLE or path.is_symlink() or not path.is_file():
            continue
        data = path.read_bytes()
        if len(data) < MIN_SIZE:
            continue
        packed = gzip.compress(data, compresslevel=9, mtime=0)
        if len(packed) < len(data):
            path.with_name(path.name + ".gz").write_bytes(packed)
            written += 1
    return written
