"""One article parsed and checked, through the content cache (``newsroom.common.cache``) if any.

The corpus scan calls :meth:`ArticleCheck.run` for every article file; with a cache, a result
computed by an earlier build from exactly the same inputs is taken instead of parsing again.
"""

from __future__ import annotations

from ..common import cache
from ..common.issues import Issue
from . import parsing, rules
from .model import Article
from .registries import Registries
from .settings import Settings

#: (field lines of the front-matter or None, issues, the article or None when invalid)
Checked = tuple[dict[str, int] | None, list[Issue], Article | None]


class ArticleCheck:
    """Parse + check, remembering each article's cache key (a translation's key holds its
    original's, since a translation is checked against it)."""

    def __init__(
        self, settings: Settings, registries: Registries, store: cache.Store | None
    ) -> None:
        self.settings, self.registries, self.store = settings, registries, store
        self.scope = scope_key(settings) if store is not None else ""
        self.keys: dict[str, str] = {}

    def run(self, src_uri: str, path: str, text: str, original: Article | None) -> Checked:
        """The key holds everything the check reads: the text, the path, the original's key,
        the settings, the registries, the docs folder's other files (attachments, images)
        and this package's code. A result naming an attachment or image problem is never
        stored (it may depend on whether some page file exists)."""
        key = ""
        if self.store is not None:
            parent = self.keys.get(original.src_uri, "-") if original else ""
            key = cache.key(self.scope, src_uri, text, parent)
            self.keys[src_uri] = key
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
