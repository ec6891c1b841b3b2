"""Scan the docs folder once: every article parsed, checked and given its visibility.

The build (hooks) and the CLI (``newsroom check``) both call :meth:`Corpus.scan`, so they
report the same issues for the same tree and decide visibility the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from ..common import cache
from ..common import issues as issue
from ..common.issues import Issue
from . import parsing, references, scan_copy, signatures, workflow
from .checked import ArticleCheck, Known
from .classify import Classification, Kind, classify
from .facets import ROOTS
from .model import Article
from .paths import language_of, original_of, translation_of
from .registries import Registries
from .render import Renderer
from .settings import LANGUAGES, Settings
from .visibility import Visibility, decide

#: First path segments of generated pages (listings, feeds, search): no static page there.
RESERVED_ROOTS = ROOTS | {"feeds", "pagefind", "search", "assets"}


@dataclass(frozen=True)
class Entry:
    article: Article
    visibility: Visibility


@dataclass
class Corpus:
    """All articles of a site at one moment (``now``), with their visibility."""

    settings: Settings
    registries: Registries
    now: dt.datetime
    entries: dict[str, Entry] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    field_lines: dict[str, dict[str, int]] = field(default_factory=dict)
    files: Classification = field(default_factory=Classification)
    #: signed approvals (newsroom.content.signatures): verified ones, and those dated before the
    #: cut-over
    signed: signatures.Outcome = field(default_factory=signatures.Outcome)
    _sorted: dict[tuple[str | None, bool], list[Article]] = field(default_factory=dict)
    _check: ArticleCheck | None = None  # parse + check, through the content cache if any

    # -- building ---------------------------------------------------------------------------
    @classmethod
    def scan(
        cls,
        settings: Settings,
        registries: Registries,
        now: dt.datetime,
        store: cache.Store | None = None,
        known: Known | None = None,
    ) -> Corpus:
        """Read and check every article; ``store`` (the content cache) only saves time, and
        so does ``known`` (files an earlier scan of this process read: not read again while
        their size, modification time and inode are the same)."""
        corpus = cls(settings, registries, now, files=classify(settings, RESERVED_ROOTS))
        corpus.issues.extend(corpus.files.issues)
        corpus._check = ArticleCheck(settings, registries, store, known)
        sources = corpus.files.of_kind(Kind.ARTICLE)
        originals = [s for s in sources if language_of(s) == "vi"]
        translations = [s for s in sources if language_of(s) != "vi"]
        half = len(originals) // 2
        copy = scan_copy.start(corpus._check, corpus.display, originals[half:])
        try:
            for at, src_uri in enumerate(originals):
                if at == half and copy is not None:
                    copy.join()
                    copy = None
                corpus._add(src_uri, None)
        finally:
            if copy is not None:
                copy.stop()
        for src_uri in translations:
            original_uri = original_of(src_uri)
            original = corpus.entries.get(original_uri)
            if original is None:
                if (settings.docs_dir / original_uri).is_file():
                    continue  # the original is invalid: its own issues say why
                corpus.issues.append(
                    issue.make(
                        corpus.display(src_uri), 1, "E018", original=corpus.display(original_uri)
                    )
                )
                continue
            corpus._add(src_uri, original)
        corpus._check_unique()
        corpus._check_links()
        corpus._check_signatures()
        corpus.issues = issue.sort(corpus.issues)
        return corpus

    @property
    def cache_reuse(self) -> tuple[int, int] | None:
        """(articles taken from the content cache, articles checked), None without a cache."""
        return self._check.reuse if self._check is not None else None

    def display(self, src_uri: str) -> str:
        """Path shown in messages: the docs folder's name and the docs-relative path."""
        return f"{self.settings.docs_dir.name}/{src_uri}"

    def _add(self, src_uri: str, original: Entry | None) -> None:
        path = self.display(src_uri)
        checker = self._checker
        original_article = original.article if original else None
        signature = checker.signature(src_uri, original_article)
        result = checker.remembered(src_uri, signature)
        if result is None:
            try:
                text = (self.settings.docs_dir / src_uri).read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError) as exc:
                self.issues.append(issue.make(path, 1, "E026", detail=str(exc)))
                return
            result = checker.run(src_uri, path, text, original_article, signature)
        lines, found, article = result
        self.issues.extend(found)
        if lines is None:
            return
        self.field_lines[src_uri] = lines
        if article is not None:
            state = decide(article, self.now, original.visibility if original else None)
            self.entries[src_uri] = Entry(article, state)

    def check_front_matter(
        self, src_uri: str, front_matter: parsing.FrontMatter, original: Entry | None
    ) -> tuple[Article | None, list[Issue]]:
        """The per-file stage: check one article (a translation against its original)."""
        return self._checker.check_front_matter(
            src_uri, self.display(src_uri), front_matter, original.article if original else None
        )

    @property
    def _checker(self) -> ArticleCheck:
        return self._check or ArticleCheck(self.settings, self.registries, None)

    def _check_unique(self) -> None:
        seen_ids: dict[tuple[str, str], Article] = {}
        seen_urls: dict[str, str] = {}
        for src_uri in sorted(self.entries):
            article = self.entries[src_uri].article
            key = (article.id, article.lang)
            if key in seen_ids:
                line = self.field_lines[src_uri].get("id", 1)
                self.issues.append(
                    issue.make(
                        article.path, line, "E015", "id", value=article.id, other=seen_ids[key].path
                    )
                )
            else:
                seen_ids[key] = article
        for src_uri, url in _page_urls(self.files, self.entries):
            if url in seen_urls:
                self.issues.append(
                    issue.make(
                        self.display(src_uri),
                        1,
                        "E016",
                        value="/" + url,
                        other=self.display(seen_urls[url]),
                    )
                )
            else:
                seen_urls[url] = src_uri

    def _check_signatures(self) -> None:
        """Approvals must be signed by their approver (when the site requires it)."""
        articles = {uri: e.article for uri, e in self.entries.items()}
        self.signed = signatures.check(
            self.settings, self.registries, articles, self.field_lines, self.display
        )
        self.issues.extend(self.signed.issues)

    def _check_links(self) -> None:
        """A public page may not link to an unpublished article (the issue names both files).

        An approved article that is still scheduled counts from its own date: when it goes
        out, everything it links to must be out too, or the scheduled rebuild would fail.
        """
        _NAMING_HIDDEN.start(_slugs(self._hidden_by(None)))
        for page in _linking_pages(self):
            if page.due is None and not _NAMING_HIDDEN.named_in(page):
                continue  # the test link_issues begins with, remembered (_Names)
            self.issues.extend(self.link_issues(page.src_uri, page.text, page.first_line, page.due))

    def link_issues(
        self,
        src_uri: str,
        text: str,
        first_line: int,
        due: dt.datetime | None = None,
        page_url: str | None = None,
    ) -> list[Issue]:
        """E021 for each link of the page to an article that is not public (by ``due``).

        Links are read from the rendered HTML (raw HTML included); a page that cannot name
        an unpublished article at all is not rendered.
        """
        hidden = self._hidden_by(due)
        if not _names_any(text, _slugs(hidden)):
            return []
        if page_url is None:
            entry = self.entries.get(src_uri)
            page_url = entry.article.url if entry else static_page_url(src_uri)
        found = []
        locator = references.Locator(text, first_line)
        for url in references.urls_in(self.render(text)):
            line = locator.line(url)
            for path in self.site_urls.paths(url, src_uri, page_url):
                target_uri = self.page_index.get(path)
                if target_uri is None or target_uri not in hidden:
                    continue
                found.append(
                    issue.make(
                        self.display(src_uri),
                        line,
                        "E021",
                        target=self.display(target_uri),
                        visibility=hidden[target_uri].visibility.value,
                    )
                )
                break
        return list(dict.fromkeys(found))

    def _hidden_by(self, due: dt.datetime | None) -> dict[str, Entry]:
        """The articles a page may not link to: not public now (``due`` None), or not out
        by ``due`` (a scheduled article's own publication time)."""
        return {uri: e for uri, e in self.unpublished.items() if not _public_by(e, due)}

    def link_issues_for(self, article: Article) -> list[Issue]:
        """The link issues ``article`` would have once approved (used by ``newsroom approve``)."""
        due = None if article.date <= self.now else article.date
        return self.link_issues(article.src_uri, article.body, article.body_line, due, article.url)

    def private_files(self) -> set[str]:
        """Files used only by articles without a public page (a draft's attachment, say).

        They are kept out of the site like the articles themselves; a file that any public
        page also uses, or that no article uses, is published as usual.
        """
        private: set[str] = set()
        for src_uri, entry in self.entries.items():
            if not entry.visibility.has_public_page:
                private |= self.files_used_by(src_uri, entry.article.body, entry.article)
        if not private:
            return private
        _NAMING_PRIVATE.start(frozenset(uri.rsplit("/", 1)[-1].lower() for uri in private))
        for page in _public_pages(self):
            public = self.entries.get(page.src_uri)
            if public is not None:
                private -= public.article.used_files()
            if _NAMING_PRIVATE.named_in(page):
                private -= self.files_used_by(page.src_uri, page.text)
        return private

    def files_used_by(self, src_uri: str, text: str, article: Article | None = None) -> set[str]:
        """Docs paths of the files (not pages) a page uses: attachments, image, linked files."""
        entry = self.entries.get(src_uri)
        page_url = entry.article.url if entry else static_page_url(src_uri)
        used = set(article.used_files()) if article is not None else set()
        for url in references.urls_in(self.render(text)):
            for path in self.site_urls.paths(url, src_uri, page_url):
                if self.files.kinds.get(path) in (Kind.ASSET, Kind.THEME):
                    used.add(path)
        return used

    @cached_property
    def unpublished(self) -> dict[str, Entry]:
        """Entries not published now (computed once: every page's link check reads it)."""
        return {uri: e for uri, e in self.entries.items() if not e.visibility.is_published}

    @cached_property
    def render(self) -> Renderer:
        return Renderer(self.settings.markdown_extensions)

    @cached_property
    def site_urls(self) -> references.SiteUrls:
        return references.SiteUrls(self.settings.site_url)

    @cached_property
    def page_index(self) -> dict[str, str]:
        """Every site path that reaches an article page (any language), to its source."""
        index: dict[str, str] = {}
        for src_uri, entry in self.entries.items():
            index[src_uri] = src_uri
            for key in references.page_keys(entry.article.url):
                index[key] = src_uri
        return index

    # -- reading ----------------------------------------------------------------------------
    def get(self, src_uri: str) -> Entry | None:
        return self.entries.get(src_uri)

    def articles(self, lang: str | None = None, *, published_only: bool = True) -> list[Article]:
        """Articles newest first (by first publication), optionally in one language.

        Computed once per argument pair: pages ask for it thousands of times per build.
        """
        key = (lang, published_only)
        if key not in self._sorted:
            chosen = (
                e.article
                for e in self.entries.values()
                if (lang is None or e.article.lang == lang)
                and (e.visibility.is_published or not published_only)
            )
            self._sorted[key] = sorted(chosen, key=lambda a: (a.date, a.id), reverse=True)
        return self._sorted[key]

    def in_category(self, lang: str, category: str) -> list[Article]:
        """Published articles of one language and category, newest first (cached)."""
        key = (f"{lang}/{category}", True)
        if key not in self._sorted:
            self._sorted[key] = [a for a in self.articles(lang) if a.category == category]
        return self._sorted[key]

    def translations(self, article: Article) -> dict[str, Entry]:
        """Every language version of ``article`` (itself included), by language."""
        original = article.original_src_uri or article.src_uri
        found = {}
        for lang in LANGUAGES:
            uri = translation_of(original, lang)
            if uri in self.entries:
                found[lang] = self.entries[uri]
        return found


def _page_urls(files: Classification, entries: dict[str, Entry]) -> Iterable[tuple[str, str]]:
    """(src_uri, url) of every page in the docs folder, articles first."""
    for src_uri, entry in sorted(entries.items()):
        yield src_uri, entry.article.url
    for src_uri in files.of_kind(Kind.PAGE):
        yield src_uri, static_page_url(src_uri)


def static_page_url(src_uri: str) -> str:
    """URL MkDocs (with static-i18n suffixes) gives a non-article page."""
    lang = language_of(src_uri)
    stem = src_uri[: -len(".md")]
    if lang != "vi":
        stem = stem[: -len(f".{lang}")]
    if stem == "index" or stem.endswith("/index") or stem.endswith("README"):
        stem = stem.rpartition("/")[0]
    prefix = "" if lang == "vi" else f"{lang}/"
    return f"{prefix}{stem}/" if stem else prefix


def _public_by(entry: Entry, due: dt.datetime | None) -> bool:
    if entry.visibility.is_published:
        return True
    return (
        due is not None and entry.visibility is Visibility.SCHEDULED and entry.article.date <= due
    )


class _Page(NamedTuple):
    """A page whose links matter: an article (its body read when asked for: it is kept
    compressed) or a static page (its text)."""

    src_uri: str
    article: Article | None
    static_text: str
    first_line: int
    due: dt.datetime | None  # None: public now; else when a scheduled article goes out

    @property
    def text(self) -> str:
        return self.article.body if self.article is not None else self.static_text


class _Names:
    """Whether a page can name any of a set of names at all (:func:`_names_any`): what the
    link checks ask of every public page before rendering the few that can. An article's
    answer is remembered by its packed body (its text, exactly) for as long as the set is the
    same: the preview's rebuilds keep unchanged articles, so a save reads again only the saved
    article's body, not all of them (0.4 s a save at 10,000 articles). Only the answers of the
    last call's pages are kept."""

    def __init__(self) -> None:
        self.names: frozenset[str] = frozenset()
        self.known: dict[bytes, bool] = {}
        self.before: dict[bytes, bool] = {}

    def start(self, names: frozenset[str]) -> None:
        """A new pass over the pages, looking for ``names``."""
        self.before = self.known if names == self.names else {}
        self.names, self.known = names, {}

    def named_in(self, page: _Page) -> bool:
        """:func:`_names_any` of the page's text and the names."""
        if page.article is None:
            return _names_any(page.static_text, self.names)
        packed = page.article.packed_body
        found = self.before.get(packed)
        if found is None:
            found = _names_any(page.article.body, self.names)
        self.known[packed] = found
        return found


def _names_any(text: str, names: frozenset[str]) -> bool:
    """Whether ``text``, read as a browser reads a URL (``references.decoded``), contains
    any of ``names``: the cheap test before a page is rendered for its links."""
    if not names:
        return False
    readable = references.decoded(text)
    return any(name in readable for name in names)


def _slugs(hidden: Iterable[str]) -> frozenset[str]:
    """What any link to these articles must contain (:func:`_slug_of`)."""
    return frozenset(_slug_of(uri) for uri in hidden)


#: The names the link checks look for: hidden articles' slugs, files only they use.
_NAMING_HIDDEN, _NAMING_PRIVATE = _Names(), _Names()


def _public_pages(corpus: Corpus) -> Iterator[_Page]:
    """Pages that have a public page now: published and withdrawn articles, static pages."""
    for src_uri, entry in sorted(corpus.entries.items()):
        if entry.visibility.has_public_page:
            yield _Page(src_uri, entry.article, "", entry.article.body_line, None)
    yield from _static_pages(corpus)


def _static_pages(corpus: Corpus) -> Iterator[_Page]:
    """Static pages the classification accepted (so they are UTF-8 and no symbolic link)."""
    docs_dir = corpus.settings.docs_dir
    for src_uri in corpus.files.of_kind(Kind.PAGE):
        yield _Page(src_uri, None, (docs_dir / src_uri).read_text(encoding="utf-8-sig"), 1, None)


def _linking_pages(corpus: Corpus) -> Iterator[_Page]:
    """Every page whose links must stay alive: the public ones, then the approved articles
    still scheduled (``due``: their publication time)."""
    yield from _public_pages(corpus)
    for src_uri, entry in sorted(corpus.entries.items()):
        article = entry.article
        if entry.visibility is Visibility.SCHEDULED and article.status == workflow.APPROVED:
            yield _Page(src_uri, article, "", article.body_line, article.date)


def _slug_of(src_uri: str) -> str:
    """``tin-tuc/2026/x.en.md`` → ``x`` (what any link to the article must contain)."""
    return src_uri.rsplit("/", 1)[-1].split(".", 1)[0]
