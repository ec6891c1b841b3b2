"""Re-cut a Pagefind 1.5.2 bundle's word index into chunks of a bounded size.

A query downloads, for each of its words, the index chunk holding that word. Pagefind 1.5.2
closes a chunk after ~20,000 word positions but counts only the positions of a word's
unmarked spelling; Vietnamese words carry their positions as diacritic variants (``án``,
``hành``), which it does not count. Its Vietnamese chunks are therefore many times their
intended size: at 10,000 articles ``thi`` shared a 1.4 MB chunk with ``sự``, ``tác``, ``số``…
(232 KB of it ``thi``).
``rechunk`` re-cuts the bundle's word list by encoded size. Words, their order and their data
are copied byte for byte; only the cut points, the chunk list in the language's meta file and
the meta file's name in pagefind-entry.json change. The format is Pagefind 1.5.2's (CBOR in
gzip behind a signature; pagefind/src/index and pagefind_web/src/metadata.rs): any other
version, or anything unexpected, leaves Pagefind's own chunks in place.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import itertools
import json
import re
import zlib
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

#: Pagefind version whose bundle layout `rechunk` knows.
CHUNK_FORMAT = "1.5.2"
#: Target encoded size of a chunk (before gzip, which halves it). A word larger than this gets
#: a chunk of its own; smaller chunks mean more entries in the meta file every search loads.
CHUNK_BYTES = 32_000
_SIGNATURE = b"pagefind_dcd"
#: The bundle's entry file, naming each language's meta file.
ENTRY = "pagefind-entry.json"


class ChunkFormatError(ValueError):
    """The bundle is not laid out as `rechunk` expects."""


def rechunk(output: Path, target: int = CHUNK_BYTES) -> dict[str, int]:
    """Re-cut the bundle in the folder ``output`` in place (:func:`rechunk_files`).

    Returns the number of chunks per language. Raises ``ChunkFormatError`` before changing
    anything if the bundle is not what Pagefind 1.5.2 writes.
    """
    files = read_folder(output)
    new, counts = rechunk_files(files, target)
    for name in sorted(files.keys() - new.keys()):
        (output / name).unlink()
    for name, data in new.items():
        if files.get(name) != data:
            (output / name).write_bytes(data)
    return counts


def rechunk_files(
    files: Mapping[str, bytes], target: int = CHUNK_BYTES
) -> tuple[dict[str, bytes], dict[str, int]]:
    """A bundle's files (by path in its folder) with every language's word index re-cut
    into chunks of about ``target`` bytes, and the number of chunks per language. Works on
    the files in memory: the build re-cuts what it has read of Pagefind's output and never
    writes it back (a few thousand files at 10,000 articles, written, read and deleted).
    Raises ``ChunkFormatError`` if the bundle is not what Pagefind 1.5.2 writes."""
    try:
        entry = _entry(files)
        plans = {
            lang: _plan(_read(files, info["hash"]), lang, target)
            for lang, info in entry["languages"].items()
        }
    except (IndexError, KeyError, ValueError, EOFError, zlib.error) as error:
        raise ChunkFormatError(f"unexpected bundle: {error!r}") from error
    new_chunks = {name: data for _, _, chunks in plans.values() for name, data in chunks.items()}
    with ThreadPoolExecutor() as pool:  # gzip is most of the time
        packed = dict(zip(new_chunks, pool.map(_pack, new_chunks.values()), strict=True))
    new = dict(files)
    counts = {}
    for lang, (old, meta, chunks) in plans.items():
        for _, _, name, _ in old.chunks:
            del new[_chunk_file(name)]
        for name in chunks:
            new[_chunk_file(name)] = packed[name]
        del new[_meta_file(old.name)]
        meta_name = f"{lang}_{hashlib.sha256(meta).hexdigest()[:10]}"
        new[_meta_file(meta_name)] = _pack(meta)
        entry["languages"][lang]["hash"] = meta_name
        counts[lang] = len(chunks)
    new[ENTRY] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return dict(sorted(new.items(), key=lambda item: PurePosixPath(item[0]).parts)), counts


def read_folder(output: Path) -> dict[str, bytes]:
    """Every file of a bundle folder, by its path there (links are not followed)."""
    return {
        path.relative_to(output).as_posix(): path.read_bytes()
        for path in sorted(output.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


Chunk = tuple[str, str, str, list[tuple[str, bytes]]]  # from, to, name, [(word, encoded entry)]


def index_chunks(output: Path) -> dict[str, list[Chunk]]:
    """Every language's word index chunks, in order, as the meta file lists them."""
    files = read_folder(output)
    entry = _entry(files)
    return {lang: _read(files, info["hash"]).chunks for lang, info in entry["languages"].items()}


@dataclass(frozen=True)
class _Meta:
    name: str
    data: bytes
    listing: tuple[int, int]  # where the chunk list is in ``data``
    chunks: list[Chunk]


def _chunk_file(name: str) -> str:
    return f"index/{name}.pf_index"


def _meta_file(name: str) -> str:
    return f"pagefind.{name}.pf_meta"


def _entry(files: Mapping[str, bytes]) -> dict:
    if ENTRY not in files:
        raise ChunkFormatError(f"no {ENTRY}")
    entry = json.loads(files[ENTRY].decode("utf-8"))
    if entry.get("version") != CHUNK_FORMAT:
        raise ChunkFormatError(f"Pagefind {entry.get('version')}, not {CHUNK_FORMAT}")
    return entry


def _read(files: Mapping[str, bytes], name: str) -> _Meta:
    meta = _unpack(files[_meta_file(name)])
    # meta: [version, pages, chunks: [[from, to, name], …], filters, sorts, meta fields]
    major, fields, at = _head(meta, 0)
    if major != 4 or fields < 3:
        raise ChunkFormatError("unexpected meta layout")
    at = _skip(meta, _skip(meta, at))  # version, pages
    start = at
    chunks: list[Chunk] = []
    _, count, at = _head(meta, at)
    for _ in range(count):
        _, _, at = _head(meta, at)
        first, at = _text(meta, at)
        last, at = _text(meta, at)
        chunk, at = _text(meta, at)
        chunks.append((first, last, chunk, _words(files, chunk)))
    return _Meta(name, meta, (start, at), chunks)


def _words(files: Mapping[str, bytes], chunk: str) -> list[tuple[str, bytes]]:
    """(word, encoded entry) of every word in one chunk: [[word, pages, variants], …]."""
    data = _unpack(files[_chunk_file(chunk)])
    _, _, at = _head(data, 0)
    _, count, at = _head(data, at)
    words = []
    for _ in range(count):
        _, _, inner = _head(data, at)
        word, _ = _text(data, inner)
        end = _word_end(data, at)
        words.append((word, data[at:end]))
        at = end
    if at != len(data):
        raise ChunkFormatError(f"unexpected bytes at the end of {_chunk_file(chunk)}")
    return words


# CBOR items of a word entry, as regular expressions: a word's page lists are most of the index,
# and walking them item by item in Python would take 15 s at 10,000 articles.
_INT = rb"(?:[\x00-\x17\x20-\x37]|[\x18\x38].|[\x19\x39].{2}|[\x1a\x3a].{4}|[\x1b\x3b].{8})"
_ARRAY = rb"(?:[\x80-\x97]|\x98.|\x99.{2}|\x9a.{4})"
_PAGE = rb"\x83" + _INT + _ARRAY + _INT + rb"*" + _ARRAY + _INT + rb"*"  # [page, locs, meta_locs]


@functools.cache
def _pages(count: int) -> re.Pattern[bytes]:
    return re.compile(rb"(?:%s){%d}" % (_PAGE, count), re.DOTALL)


def _word_end(data: bytes, at: int) -> int:
    """Offset just after the word entry at ``at``: [word, pages, [[form, pages], …]]."""
    _, _, at = _head(data, at)
    at = _skip(data, at)  # the word
    at = _pages_end(data, at)
    _, variants, at = _head(data, at)
    for _ in range(variants):
        _, _, at = _head(data, at)
        at = _pages_end(data, _skip(data, at))
    return at


def _pages_end(data: bytes, at: int) -> int:
    major, count, at = _head(data, at)
    found = _pages(count).match(data, at) if major == 4 else None
    if not found:
        raise ChunkFormatError("unexpected page list")
    return found.end()


def _plan(old: _Meta, lang: str, target: int) -> tuple[_Meta, bytes, dict[str, bytes]]:
    """(old meta, new meta bytes, new chunks by name) for one language."""
    words = [word for *_, chunk_words in old.chunks for word in chunk_words]
    if any(a >= b for (a, _), (b, _) in itertools.pairwise(words)):
        raise ChunkFormatError("words are not in order")
    groups = _group(words, target)
    chunks: dict[str, bytes] = {}
    for group in groups:
        data = bytes([0x81]) + _head_bytes(4, len(group)) + b"".join(span for _, span in group)
        digest = hashlib.sha256(data).hexdigest()
        length = 7
        while f"{lang}_{digest[:length]}" in chunks:
            length += 1
        chunks[f"{lang}_{digest[:length]}"] = data
    listing = [_head_bytes(4, len(groups))]
    ranges = chunk_ranges([[word for word, _ in group] for group in groups])
    for (first, last), name in zip(ranges, chunks, strict=True):
        listing += [bytes([0x83]), _text_bytes(first), _text_bytes(last), _text_bytes(name)]
    start, end = old.listing
    return old, old.data[:start] + b"".join(listing) + old.data[end:], chunks


def _group(words: list[tuple[str, bytes]], target: int) -> list[list[tuple[str, bytes]]]:
    """Consecutive words in groups of about ``target`` bytes; a larger word stands alone."""
    groups: list[list[tuple[str, bytes]]] = []
    current: list[tuple[str, bytes]] = []
    size = 0
    for word in words:
        if current and size + len(word[1]) > target:
            groups.append(current)
            current, size = [], 0
        current.append(word)
        size += len(word[1])
    if current:
        groups.append(current)
    return groups


def chunk_ranges(groups: list[list[str]]) -> list[tuple[str, str]]:
    """Each chunk's (from, to), shortened between neighbours as Pagefind does (chunk_meta)."""
    ranges = [[g[0], g[-1]] for g in groups]
    for left, right in itertools.pairwise(ranges):
        common = 0
        for a, b in zip(right[0], left[1], strict=False):
            if a != b:
                break
            common += 1
        if left[1][: common + 1] >= left[0]:
            left[1] = left[1][: common + 1]
        right[0] = right[0][: common + 1]
    return [(a, b) for a, b in ranges]


def _unpack(data: bytes) -> bytes:
    raw = gzip.decompress(data)
    if not raw.startswith(_SIGNATURE):
        raise ChunkFormatError("missing Pagefind signature")
    return raw[len(_SIGNATURE) :]


#: gzip's level for the chunks: Pagefind's own 9 took 1.6 times as long for 0.6 % less
#: (30 MB of chunks at 10,000 articles: 1.97 s against 1.20 s on one core, 14.04 against
#: 14.12 MB; the first results of a query load about 300 KB of them).
CHUNK_GZIP_LEVEL = 6


def _pack(data: bytes) -> bytes:
    return gzip.compress(_SIGNATURE + data, compresslevel=CHUNK_GZIP_LEVEL, mtime=0)


def _head(data: bytes, at: int) -> tuple[int, int, int]:
    """(major type, argument, offset after the head) of the CBOR item at ``at``."""
    major, info = data[at] >> 5, data[at] & 0x1F
    if info < 24:
        return major, info, at + 1
    if info > 27:
        raise ChunkFormatError("indefinite-length CBOR")
    size = 1 << (info - 24)
    return major, int.from_bytes(data[at + 1 : at + 1 + size], "big"), at + 1 + size


def _skip(data: bytes, at: int) -> int:
    """Offset just after the CBOR item at ``at``."""
    major, argument, at = _head(data, at)
    if major in (2, 3):
        return at + argument
    if major in (4, 5):
        for _ in range(argument * (2 if major == 5 else 1)):
            at = _skip(data, at)
    elif major == 6:
        at = _skip(data, at)
    return at


def _text(data: bytes, at: int) -> tuple[str, int]:
    major, length, at = _head(data, at)
    if major != 3:
        raise ChunkFormatError("expected a CBOR text string")
    return data[at : at + length].decode("utf-8"), at + length


def _head_bytes(major: int, argument: int) -> bytes:
    if argument < 24:
        return bytes([major << 5 | argument])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if argument < 1 << (8 * size):
            return bytes([major << 5 | info]) + argument.to_bytes(size, "big")
    raise ValueError(argument)


def _text_bytes(text: str) -> bytes:
    encoded = text.encode("utf-8")
    return _head_bytes(3, len(encoded)) + encoded
