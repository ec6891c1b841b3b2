"""How the search index is split: one Pagefind index per publication year (the one rule).

Pagefind scores every page that holds all the words of a query against every posting of
those words (``pagefind_web/src/search.rs``): the time grows faster than the pages that
match. At 10,000 articles, where nearly every article says ``thi hành án``, one index took
1.8 s of the reader's CPU for that query; one year's index (1,430 articles) takes 0.12 s.
Each year's articles of a language are therefore indexed apart and
the search page merges the indexes (Pagefind's ``mergeIndex``, which shares one WebAssembly
program and ranks the merged results by score), so the work grows with the archive, not
with its square. A year with more than :data:`SHARD_PAGES` articles in a language is split
into month ranges of equal length.

The split also bounds each Pagefind run (a few hundred MB at most, whatever the archive) and
lets a rebuild re-index only the indexes whose pages changed: a one-change rebuild waits for
Pagefind to index the changed article's whole index again, about 3.5 ms a page on this
machine (5 s for a year of 1,430 articles, 2.5 s for half of it). More, smaller indexes cost
the reader more requests for all results; 750 pages is where the two met at 10,000 articles
(all results as fast as with whole years, first results sooner, a one-change rebuild 2–3 s
faster: README).

Pages that are not articles (the static pages) make the root index, ``pagefind/``, which
also holds Pagefind's program files. The years are in ``pagefind/<name>/``; :data:`MANIFEST`
lists each language's indexes, root first (``mergeIndex`` refuses a folder that contains
the first index's), then newest first.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Protocol

#: The root index (non-article pages and the program files): ``pagefind/`` itself.
ROOT = ""
#: A year of one language with more articles than this is split into month ranges.
SHARD_PAGES = 750
#: The list of each language's indexes, read by docs/assets/search.js.
MANIFEST = "newsroom-indexes.json"
#: What a shard name may be: a year, or a year and a part (``2024-2``): never a path.
SHARD_NAME = re.compile(r"^(?:[0-9]{4}(?:-[0-9]{1,2})?)?$")


class Placed(Protocol):
    """What the split needs of a page: its language and, for an article, (year, month)."""

    @property
    def lang(self) -> str: ...

    @property
    def published(self) -> tuple[int, int] | None: ...


def split(pages: Iterable[Placed]) -> dict[str, list]:
    """The pages of one language by shard name, in their given order within each shard."""
    chosen = list(pages)
    per_year = Counter(page.published[0] for page in chosen if page.published is not None)
    shards: dict[str, list] = {}
    for page in chosen:
        shards.setdefault(shard_name(page.published, per_year), []).append(page)
    return shards


def shard_name(published: tuple[int, int] | None, per_year: Mapping[int, int]) -> str:
    """``""`` for a page that is not an article; else its year, or year and month range.

    >>> shard_name((2024, 7), {2024: 700})
    '2024'
    >>> shard_name((2024, 7), {2024: 1430})
    '2024-2'
    >>> shard_name((2024, 3), {2024: 1430})
    '2024-1'
    """
    if published is None:
        return ROOT
    year, month = published
    parts = min(12, -(-per_year.get(year, 0) // SHARD_PAGES))
    if parts <= 1:
        return str(year)
    return f"{year}-{(month - 1) * parts // 12 + 1}"


def folder(output: Path, shard: str) -> Path:
    """Where a shard's index is written inside the bundle folder."""
    if not SHARD_NAME.match(shard):
        raise ValueError(f"not a shard name: {shard!r}")
    return output / shard if shard else output


def order(shards: Iterable[str]) -> list[str]:
    """Root first, then newest first (the order the search page merges them)."""
    names = set(shards)
    return ([ROOT] if ROOT in names else []) + sorted(names - {ROOT}, reverse=True)


def manifest(by_lang: Mapping[str, Sequence[str]]) -> str:
    """The manifest's text: each language's index folders, relative to ``pagefind/``."""
    listed = {
        lang: [f"{name}/" if name else "" for name in order(names)]
        for lang, names in sorted(by_lang.items())
    }
    return json.dumps(listed, ensure_ascii=False, separators=(",", ":"))
