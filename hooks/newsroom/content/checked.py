"""One article parsed and checked, through the content cache (``newsroom.common.cache``) if any.

The corpus scan calls :meth:`ArticleCheck.run` for every article file; with a cache, a result
computed by an earlier build from exactly the same inputs is taken instead of parsing again.
"""

from __future__ import annotations

import os
from typing import Any

from ..common import cache
from ..common.issues import Issue
from . import parsing, rules
from .model import Article
from .registries import Registries
from .settings import Settings

#: (field lines of the front-matter or None, issues, the article or None when invalid)
Checked = tuple[dict[str, int] | None, list[Issue], Article | None]
#: What a file was when an earlier scan of this process read it: (stat signature, the
#: original's key, settings scope) → its cache key. Lets the preview skip reading it again.
Known = dict[str, tuple[tuple[object, ...], str]]


class ArticleCheck:
    """Parse + check, remembering each article's cache key (a translation's key holds its
    original's, since a translation is checked against it)."""

    def __init__(
        self,
        settings: Settings,
        registries: Registries,
        store: cache.Store | None,
        known: Known | None = None,
    ) -> None:
        self.settings, self.registries, self.store = settings, registries, store
        self.scope = scope_key(settings) if store is not None else ""
        self.keys: dict[str, str] = {}
        self.known = known if store is not None else None
        self.docs_dir = str(settings.docs_dir)
        #: results a copy of the build checked (``scan_copy``), each taken once
        self._adopted: dict[str, Checked] = {}

    def adopt(
        self,
        results: dict[str, Checked],
        keys: dict[str, str],
        record: tuple[dict[str, Any], int, int],
    ) -> None:
        """Take what a forked copy of the build checked (``scan_copy``): its results, their
        keys (a translation's key holds its original's) and what it used of the cache."""
        if self.store is not None:
            self.store.add_record(record)
        self.keys.update(keys)
        self._adopted.update(results)

    def is_cached(self, src_uri: str, text: str) -> bool:
        """Whether the content cache holds the result of an original article's text."""
        return self.store is not None and self.store.holds(cache.key(self.scope, src_uri, text, ""))

    def signature(self, src_uri: str, original: Article | None) -> tuple[object, ...] | None:
        """What identifies the file's current text without reading it (``None`` when the
        process keeps no record): taken before the file is read."""
        if self.known is None:
            return None
        try:
            info = os.stat(os.path.join(self.docs_dir, src_uri))
        except OSError:
            return None
        parent = self.keys.get(original.src_uri, "-") if original else ""
        return (info.st_size, info.st_mtime_ns, info.st_ino, parent, self.scope)

    def remembered(self, src_uri: str, signature: tuple[object, ...] | None) -> Checked | None:
        """The result a copy of the build checked, or for a file unchanged since an earlier
        scan of this process."""
        adopted = self._adopted.pop(src_uri, None)
        if adopted is not None:
            return adopted
        if signature is None or self.known is None or self.store is None:
            return None
        before = self.known.get(src_uri)
        if before is None or before[0] != signature:
            return None
        hit = self.store.get(before[1])
        if hit is not None:
            self.keys[src_uri] = before[1]
        return hit

    def run(
        self,
        src_uri: str,
        path: str,
        text: str,
        original: Article | None,
        signature: tuple[object, ...] | None = None,
    ) -> Checked:
        """The key holds everything the check reads: the text, the path, the original's key,
        the settings, the registries, the docs folder's other files (attachments, images)
        and this package's code. A result naming an attachment or image problem is never
        stored (it may depend on whether some page file exists)."""
        key = ""
        if self.store is not None:
            parent = self.keys.get(original.src_uri, "-") if original else ""
            key = cache.key(self.scope, src_uri, text, parent)
            self.keys[src_uri] = key
            if self.known is not None and signature is not None:
                self.known[src_uri] = (signature, key)
            hit = self.store.get(key)
            if hit is not None:
                return hit
        front_matter, found = parsing.parse(text, path)
        article = None
        if front_matter is not None:
            article, more = self.check_front_matter(src_uri, path, front_matter, original)
            found = [*found, *more]
        result = (front_matter.lines if front_matter else None, found, article)
        if self.store is not None and not any(
            i.field.startswith(("attachments", "image")) for i in found
        ):
            self.store.put(key, result)
        return result

    def check_front_matter(
        self, src_uri: str, path: str, front_matter: parsing.FrontMatter, original: Article | None
    ) -> tuple[Article | None, list[Issue]]:
        """The per-file stage, uncached: the rules for one article (a translation against
        its original). Also what ``newsroom approve``/``withdraw`` run on a would-be text."""
        return rules.check_article(
            front_matter,
            src_uri,
            path,
            self.registries,
            self.settings.docs_dir,
            self.settings.timezone,
            original,
        )

    @property
    def reuse(self) -> tuple[int, int] | None:
        """(results taken from the cache, articles checked), None without a cache."""
        if self.store is None:
            return None
        return self.store.hits, self.store.hits + self.store.misses


def scope_key(settings: Settings) -> str:
    """What every article's check depends on besides its own text and path."""
    return cache.key(
        cache.code_version(),
        cache.stable_repr(settings),
        cache.files_digest(settings.registries_path),
        cache.tree_digest(settings.docs_dir, skip_suffix=".md"),
    )
