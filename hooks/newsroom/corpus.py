"""Scan the docs folder once: every article parsed, checked and given its visibility.

The build (hooks) and the CLI (``newsroom check``) both call :meth:`Corpus.scan`, so they
report the same issues for the same tree and decide visibility the same way.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from . import issues as issue
from . import parsing, rules, signatures
from .issues import Issue
from .model import Article
from .paths import language_of, original_of, resolve, translation_of
from .registries import Registries
from .settings import LANGUAGES, Settings
from .visibility import Visibility, decide

_LINK_RE = re.compile(
    r"\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^)]*)?\)|^\s*\[[^\]]+\]:\s*<?(\S+?)>?\s*$", re.MULTILINE
)


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
    #: signed approvals (newsroom.signatures): verified ones, and those dated before the cut-over
    signed: signatures.Outcome = field(default_factory=signatures.Outcome)
    _sorted: dict[tuple[str | None, bool], list[Article]] = field(default_factory=dict)

    # -- building ---------------------------------------------------------------------------
    @classmethod
    def scan(cls, settings: Settings, registries: Registries, now: dt.datetime) -> Corpus:
        corpus = cls(settings, registries, now)
        sources = sorted(_article_sources(settings))
        originals = [s for s in sources if language_of(s) == "vi"]
        translations = [s for s in sources if language_of(s) != "vi"]
        for src_uri in originals:
            corpus._add(src_uri, None)
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

    def display(self, src_uri: str) -> str:
        """Path shown in messages: the docs folder's name and the docs-relative path."""
        return f"{self.settings.docs_dir.name}/{src_uri}"

    def _add(self, src_uri: str, original: Entry | None) -> None:
        path = self.display(src_uri)
        try:
            text = (self.settings.docs_dir / src_uri).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            self.issues.append(issue.make(path, 1, "E026", detail=str(exc)))
            return
        front_matter, found = parsing.parse(text, path)
        self.issues.extend(found)
        if front_matter is None:
            return
        self.field_lines[src_uri] = front_matter.lines
        article, found = rules.check_article(
            front_matter,
            src_uri,
            path,
            self.registries,
            self.settings.docs_dir,
            self.settings.timezone,
            original.article if original else None,
        )
        self.issues.extend(found)
        if article is not None:
            state = decide(article, self.now, original.visibility if original else None)
            self.entries[src_uri] = Entry(article, state)

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
        for src_uri, url in _page_urls(self.settings, self.entries):
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
        for src_uri, text, first_line, due in _linking_pages(self):
            self.issues.extend(self.link_issues(src_uri, text, first_line, due))

    def link_issues(
        self, src_uri: str, text: str, first_line: int, due: dt.datetime | None = None
    ) -> list[Issue]:
        """E021 for each link in ``text`` to an article that is not public (by ``due``)."""
        found = []
        for line, target in _relative_md_links(text, first_line):
            target_uri = resolve(posixpath.dirname(src_uri), target)
            entry = self.entries.get(target_uri or "")
            if entry is None or _public_by(entry, due):
                continue
            found.append(
                issue.make(
                    self.display(src_uri),
                    line,
                    "E021",
                    target=self.display(target_uri),
                    visibility=entry.visibility.value,
                )
            )
        return found

    def link_issues_for(self, article: Article) -> list[Issue]:
        """The link issues ``article`` would have once approved (used by ``newsroom approve``)."""
        due = None if article.date <= self.now else article.date
        return self.link_issues(article.src_uri, article.body, article.body_line, due)

    def private_files(self) -> set[str]:
        """Files used only by articles without a public page (a draft's attachment, say).

        They are kept out of the site like the articles themselves; a file that any public
        page also uses, or that no article uses, is published as usual.
        """
        private: set[str] = set()
        for src_uri, entry in self.entries.items():
            if not entry.visibility.has_public_page:
                private |= _files_used_by(src_uri, entry.article.body, entry.article)
        for src_uri, text, _, _ in _public_pages(self):
            entry = self.entries.get(src_uri)
            private -= _files_used_by(src_uri, text, entry.article if entry else None)
        return private

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


def _article_sources(settings: Settings) -> Iterator[str]:
    root = settings.articles_path
    if not root.is_dir():
        return
    for path in root.rglob("*.md"):
        yield path.relative_to(settings.docs_dir).as_posix()


def _page_urls(settings: Settings, entries: dict[str, Entry]) -> Iterable[tuple[str, str]]:
    """(src_uri, url) of every page in the docs folder, articles first."""
    for src_uri, entry in sorted(entries.items()):
        yield src_uri, entry.article.url
    for src_uri in _static_sources(settings):
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


def _public_pages(corpus: Corpus) -> Iterator[tuple[str, str, int, None]]:
    """Pages that have a public page now: published and withdrawn articles, static pages."""
    for src_uri, entry in sorted(corpus.entries.items()):
        if entry.visibility.has_public_page:
            yield src_uri, entry.article.body, entry.article.body_line, None
    yield from _static_pages(corpus)


def _static_sources(settings: Settings) -> Iterator[str]:
    """Docs paths of the Markdown pages that are not articles (dot folders excluded)."""
    articles_root = settings.articles_dir + "/"
    for path in sorted(settings.docs_dir.rglob("*.md")):
        src_uri = path.relative_to(settings.docs_dir).as_posix()
        if not src_uri.startswith(articles_root) and not any(
            part.startswith(".") for part in src_uri.split("/")
        ):
            yield src_uri


def _static_pages(corpus: Corpus) -> Iterator[tuple[str, str, int, None]]:
    docs_dir = corpus.settings.docs_dir
    for src_uri in _static_sources(corpus.settings):
        yield src_uri, (docs_dir / src_uri).read_text(encoding="utf-8-sig"), 1, None


def _linking_pages(corpus: Corpus) -> Iterator[tuple[str, str, int, dt.datetime | None]]:
    """(src_uri, body, first body line, due) of every page whose links must stay alive.

    ``due`` is ``None`` for pages public now, the publication time for scheduled articles.
    """
    yield from _public_pages(corpus)
    for src_uri, entry in sorted(corpus.entries.items()):
        article = entry.article
        if entry.visibility is Visibility.SCHEDULED and article.status == "approved":
            yield src_uri, article.body, article.body_line, article.date


def _relative_links(text: str, first_line: int) -> Iterator[tuple[int, str]]:
    """(line, target) of every relative link or image in Markdown ``text``."""
    for match in _LINK_RE.finditer(text):
        target = (match.group(1) or match.group(2) or "").split("#", 1)[0]
        if not target or "://" in target or target.startswith(("mailto:", "tel:")):
            continue
        yield first_line + text.count("\n", 0, match.start()), target


def _relative_md_links(text: str, first_line: int) -> Iterator[tuple[int, str]]:
    return ((line, t) for line, t in _relative_links(text, first_line) if t.endswith(".md"))


def _files_used_by(src_uri: str, text: str, article: Article | None = None) -> set[str]:
    """Docs paths of the files (not pages) a page uses: attachments, its image, linked files."""
    folder = posixpath.dirname(src_uri)
    used = {resolve(folder, target) for _, target in _relative_links(text, 1)}
    if article is not None:
        used |= {a.src_uri for a in article.attachments}
        if article.image is not None:
            used.add(article.image.src_uri)
    return {path for path in used if path and not path.endswith(".md")}
