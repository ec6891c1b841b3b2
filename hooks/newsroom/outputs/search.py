"""What goes into the search index; writing it with Pagefind (an index per language and year).

Pagefind builds one index per ``<html lang>`` and folds tone and vowel marks itself, ranking exact
diacritics first, but it does not fold ``đ`` (Pagefind issue #1210). Each indexed page therefore
gets a hidden tail, itself marked ``data-pagefind-body``, holding every ``đ`` word of the page
folded (``đất`` → ``dat``), so ``dat dai`` finds ``đất đai`` while ``đất đai`` still ranks the
exact spelling first. The tail is only in the index, never in ``site/``; its length travels as the
``fold_len`` meta so the search UI can cut it off the text it shows.

Pagefind's word index is then re-cut into chunks by size (``rechunk``, when the bundle is written:
``search_finish``): Pagefind sizes chunks by unmarked spellings only, which left Vietnamese
chunks several times too large, and a first query downloads one chunk per word.

Which pages are indexed is decided here, not in templates: every *published* article (the one
visibility decision) and every other page whose HTML marks content with ``data-pagefind-body``,
except the search pages and the 404 page. Withdrawn and unpublished articles never enter, even if
a template marks them. Article metadata (title, lead, date, type, category) comes from the
content model, so results never depend on how a template happens to render them.
"""

from __future__ import annotations

import html
import json
import os
import re
import stat
import tempfile
from collections.abc import Callable, Collection, Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import lxml.etree
import lxml.html

from ..common import cache, dates
from ..common.text import fold, nfc
from ..content.corpus import Corpus
from ..content.model import Article
from ..content.registries import Registries
from ..site import urls
from ..site.pagecache import EntryStore
from . import pagefind_chunks, pagefind_runs, search_bundle, search_shards

#: Folder of the Pagefind bundle inside ``site/``: the root index, a folder per year inside
#: (``search_shards``), each with an index per language.
BUNDLE_DIR = "pagefind"
BODY_ATTRIBUTE = "data-pagefind-body"
_WORD = re.compile(r"\w+")  # words first, then the đ test: "\w*[đĐ]\w*" is quadratic
_BODY_CLOSE = re.compile(r"</body\s*>", re.IGNORECASE)
#: The first start tag marked for indexing (``[^<>]*`` stops at the next tag: linear).
_FIRST_BODY_TAG = re.compile(rf"<[a-zA-Z][^<>]*\s{BODY_ATTRIBUTE}[\s=/>]")
_NOT_INDEXED = ("404.html",)
#: Written by the article template after the marked article: nothing after it is indexed.
#: Only the last one counts (content cannot write after the template's: a body's comments
#: are dropped by the sanitiser, and later text is escaped).
INDEX_END = "<!--nr-search-end-->"
_HTML_START = re.compile(r"<html(?:\s[^<>]*)?>", re.IGNORECASE)


def _first_marked_tag(page_html: str) -> re.Match[str] | None:
    """The first start tag marked ``data-pagefind-body`` (``_FIRST_BODY_TAG``'s first
    match): the one test of whether a page marks anything to index. Each occurrence of
    the attribute's name is found by a substring search and the pattern tried only at the
    ``<`` opening the tag around it (the pattern searched from the top tried it at every
    ``<`` of the page: eight times as long on an article's page; a listing page without
    the name at all is ruled out at once)."""
    at = page_html.find(BODY_ATTRIBUTE)
    while at != -1:
        start = page_html.rfind("<", 0, at)
        if start != -1 and page_html.find(">", start, at) == -1:  # inside that tag
            found = _FIRST_BODY_TAG.match(page_html, start)
            if found is not None:
                return found
        at = page_html.find(BODY_ATTRIBUTE, at + 1)
    return None


#: Classes that are never content: heading permalinks (Material's ``¶``), the article's kicker,
#: facts and tools (the lead has its own ``lead`` meta).
EXCLUDED_CLASSES = ("headerlink", "nr-article__kicker", "nr-meta", "nr-article__tools")
EXCLUDE_SELECTORS = tuple(f".{name}" for name in EXCLUDED_CLASSES)
_EXCLUDED = frozenset(EXCLUDED_CLASSES)
#: What separates the names of a ``class`` attribute (XML's white space, as CSS reads it).
_CLASS_SEPARATOR = re.compile("[ \t\n\r]+")


@dataclass(frozen=True)
class Document:
    """One page as Pagefind receives it."""

    url: str  # site-relative, trailing slash: ``tin-tuc/2024/slug/``
    path: Path  # the built HTML file
    lang: str
    meta: dict[str, str] = field(default_factory=dict)
    filters: dict[str, list[str]] = field(default_factory=dict)
    published: tuple[int, int] | None = None  # an article's (year, month): its index shard


@dataclass(frozen=True)
class Report:
    pages: dict[str, int]  # pages indexed per language
    seconds: float
    bytes_on_disk: int
    missing_body: tuple[str, ...]  # published articles whose page has no data-pagefind-body
    chunks: dict[str, int] = field(default_factory=dict)  # word index chunks per language
    rechunk_skipped: str = ""  # why the bundle kept Pagefind's own chunks ("" if re-chunked)
    reused: bool = False  # every index is an earlier build's, of the same staged pages
    shards: int = 0  # indexes written (search_shards); those indexed again in ``indexed``
    indexed: int = 0
    #: for the next build: what each index was made from, and each folder's indexes
    made_from: Earlier | None = None
    unchanged: tuple[str, ...] = ()  # folders left as the last build wrote them
    early: int = 0  # indexes staged while their language was still being built
    beside: int = 0  # index folders written by a forked copy (``search_finish``)


# -- folding ------------------------------------------------------------------------------------
def folded_words(text: str) -> list[str]:
    """Every word that contains ``đ``/``Đ``, folded, in order (repeats kept for ranking).

    >>> folded_words("Luật Đất đai và thi hành án")
    ['Dat', 'dai']
    """
    return [_folded(word) for word in _WORD.findall(nfc(text)) if "đ" in word or "Đ" in word]


#: ``fold`` of one word, remembered: an article repeats its words and the archive's vocabulary
#: is small (staging folds about a hundred words a page; bounded against a page of nonsense).
_folded = lru_cache(maxsize=1 << 16)(fold)


def fold_tail(text: str) -> str:
    """The hidden copy added to the index: ``đ`` words folded, space-separated."""
    return " ".join(folded_words(text))


# -- metadata -----------------------------------------------------------------------------------
def article_meta(article: Article, registries: Registries) -> dict[str, str]:
    """Metadata shown in results, in the article's language."""
    lang = article.lang
    return {
        "title": article.title,
        "lead": article.summary,
        "date": dates.iso(article.date),
        "date_label": dates.show_date(article.date, lang),
        "type": registries.types[article.type].label.get(lang),
        "category": registries.categories[article.category].label.get(lang),
    }


def article_filters(article: Article, registries: Registries) -> dict[str, list[str]]:
    """Pagefind filters (shown to readers, so labels in the article's language)."""
    meta = article_meta(article, registries)
    return {"type": [meta["type"]], "category": [meta["category"]]}


def tail_html(folded: str, meta: dict[str, str], filters: dict[str, list[str]]) -> str:
    """Hidden ``data-pagefind-body`` element carrying the folded copy, meta and filters.

    Values go in attributes (``key[data-value]``) so that commas in them are safe and their text
    is not indexed a second time.
    """
    meta = dict(meta)
    if folded:
        meta["fold_len"] = str(len(folded))
    parts = [f'<div {BODY_ATTRIBUTE} hidden data-nr-search-tail="">']
    for key, value in meta.items():
        parts.append(_attr_span("meta", key, value))
    for key, values in filters.items():
        parts.extend(_attr_span("filter", key, value) for value in values)
    parts.append(html.escape(folded, quote=False))
    parts.append("</div>")
    return "".join(parts)


def _attr_span(kind: str, key: str, value: str) -> str:
    return f'<span data-pagefind-{kind}="{key}[data-v]" data-v="{html.escape(value)}"></span>'


def with_tail(page_html: str, tail: str) -> str:
    """Insert ``tail`` before the last ``</body>`` (or at the end of a fragment)."""
    matches = list(_BODY_CLOSE.finditer(page_html))
    if not matches:
        return page_html + tail
    at = matches[-1].start()
    return page_html[:at] + tail + page_html[at:]


def trimmed(page_html: str, first: re.Match[str]) -> str:
    """What Pagefind is given of a page: its ``<html>`` start tag (the index's language comes
    from its ``lang``) and the page from its first marked tag (``first``) to the last
    :data:`INDEX_END`, if it has one, else to its end.

    Pagefind reads only the elements marked ``data-pagefind-body`` once a page marks one, and
    the metadata and filters come in the tail, inside a marked element: the head, header and
    navigation before the first mark, and an article's related links, footer and scripts
    after it (together three quarters of an article's page) change nothing in the index but
    the work of staging and of Pagefind (the same index, byte for byte:
    ``tests/test_search.py``)."""
    start = _HTML_START.search(page_html, 0, first.start())
    opening = f"<!doctype html>\n{start.group(0)}<body>\n" if start is not None else ""
    end = _index_end(page_html, first)
    if end == -1:
        return opening + page_html[first.start() :]
    return f"{opening}{page_html[first.start() : end]}\n</body>\n</html>\n"


def _index_end(page_html: str, first: re.Match[str]) -> int:
    """Where the last :data:`INDEX_END` is, when the page can be cut there: the first marked
    element is an ``<article>`` and the end tag just before the mark closes it (as many
    ``<article`` as ``</article>`` since it). Else -1: Pagefind keeps no page whose marked
    element it never sees closed, so a page that cannot be shown closed is given whole."""
    end = page_html.rfind(INDEX_END, first.end())
    if end == -1 or not first.group(0).startswith("<article"):
        return -1
    part = page_html[first.start() : end]
    if not part.rstrip().endswith("</article>"):
        return -1
    return end if part.count("<article") == part.count("</article>") else -1


def indexed_text(page_html: str) -> str | None:
    """Text of the elements marked ``data-pagefind-body``; ``None`` if there is none.

    Only the page from the first start tag carrying the attribute on is parsed (the header
    and navigation before it hold nothing to index): half the work, the same text. What
    Pagefind leaves out (``data-pagefind-ignore``, :data:`EXCLUDED_CLASSES`) is found in one
    walk over the elements (an XPath testing every element's classes took four times as
    long as parsing the page).
    """
    first = _first_marked_tag(page_html)
    if first is None:
        return None
    parsed = lxml.html.fromstring(page_html[first.start() :])
    root = parsed.getroottree().getroot()  # the whole document, when given a fragment
    if not _marked(root):
        return None
    for element in [e for e in root.iter(lxml.etree.Element) if _left_out(e)]:
        if element is not root:  # (a whole page marked to be left out: nothing to drop)
            element.drop_tree()
    return " ".join(" ".join(body.itertext()) for body in _marked(root))  # edges split words


def _marked(root: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """The elements marked for indexing, in document order."""
    return [e for e in root.iter(lxml.etree.Element) if e.get(BODY_ATTRIBUTE) is not None]


def _left_out(element: lxml.html.HtmlElement) -> bool:
    """Marked ``data-pagefind-ignore``, or of a class Pagefind is told to leave out."""
    if element.get("data-pagefind-ignore") is not None:
        return True
    names = element.get("class")
    return names is not None and not _EXCLUDED.isdisjoint(_CLASS_SEPARATOR.split(names))


def prepare(document: Document, store: cache.Store | None = None) -> str | None:
    """The HTML handed to Pagefind, or ``None`` if the page marks nothing to index.

    Article metadata and filters come from the content model (in the tail), not from the
    template, so results never depend on how a template renders them. ``store`` (the
    content cache) keeps the folded copy of pages whose HTML an earlier build already read.
    """
    page_html = document.path.read_text(encoding="utf-8")
    first = _first_marked_tag(page_html)
    if first is None:  # a listing page, say: before hashing it
        return None
    staged = trimmed(page_html, first)  # all the folded copy is made from
    key = cache.key(cache.code_version(), "fold", staged) if store is not None else ""
    folded = store.get(key) if store is not None else None
    if folded is None:
        text = indexed_text(staged)
        folded = (fold_tail(text),) if text is not None else ()
        if store is not None:
            store.put(key, folded)
    if not folded:
        return None
    return with_tail(staged, tail_html(folded[0], document.meta, document.filters))


# -- selection ----------------------------------------------------------------------------------
def search_page_urls() -> set[str]:
    return {urls.prefix(lang) + urls.SEARCH for lang in ("vi", "en")}


def article_documents(
    site_dir: Path, corpus: Corpus, registries: Registries, skip: Collection[str] = ()
) -> Iterator[Document]:
    """Published articles, newest first, but those of the languages in ``skip``."""
    for article in corpus.articles():
        if article.lang in skip:
            continue
        meta = article_meta(article, registries)
        yield Document(
            article.url,
            site_dir / article.url / "index.html",
            article.lang,
            meta,
            {"type": [meta["type"]], "category": [meta["category"]]},  # article_filters
            (article.date.year, article.date.month),
        )


def documents(
    site_dir: Path,
    corpus: Corpus,
    registries: Registries,
    skip: Collection[str] = (),
    outputs: Collection[str] | None = None,
) -> Iterator[Document]:
    """Published articles first (newest first), then other pages that mark indexable content;
    none of the languages in ``skip`` (indexed already, or not built yet). ``outputs``: the
    files this build holds (a build that kept the last one's ``site/`` still has the pages
    it will delete at its end), else every page found."""
    article_urls = {entry.article.url for entry in corpus.entries.values()}
    yield from article_documents(site_dir, corpus, registries, skip)
    skipped = article_urls | search_page_urls()
    if outputs is None:
        found = built_pages(site_dir)
    else:
        found = sorted((rel for rel in outputs if rel.endswith(".html")), key=_parts)
    for relative in found:
        if relative.startswith(f"{BUNDLE_DIR}/") or relative in _NOT_INDEXED:
            continue
        url = relative.removesuffix("index.html")
        if url in skipped:
            continue
        lang = "en" if url.startswith("en/") or relative.startswith("en/") else "vi"
        if lang not in skip:
            yield Document(url, site_dir / relative, lang)


def _parts(relative: str) -> list[str]:
    return relative.split("/")


def built_pages(site_dir: Path) -> list[str]:
    """The HTML files in ``site_dir`` by relative path, in path order. Dot entries are not
    the site's: the last build's pages wait in one (``sitedir.TRASH_PREFIX``) while a thread
    deletes them during this build, so they are neither listed nor walked (a folder deleted
    while walking would end the walk in an error)."""
    found: list[str] = []
    for folder, dirs, files in os.walk(site_dir):  # a folder gone meanwhile is skipped
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        relative = Path(folder).relative_to(site_dir).as_posix()
        prefix = "" if relative == "." else relative + "/"
        found.extend(
            prefix + name for name in files if name.endswith(".html") and not name.startswith(".")
        )
    return sorted(found, key=_parts)


# -- writing ------------------------------------------------------------------------------------
#: Pages found to mark nothing to index (``prepare`` gave ``None``: a listing page, say), by
#: URL, with the size, modification time and inode of the file then. A file of ``site/`` with
#: the same signature at the next incremental build is that file (its folder's listing was
#: checked against the last build's record): it is not read again.
Unmarked = dict[str, tuple[int, int, int]]


@dataclass
class IndexJob:
    """One shard of one language's index (``search_shards``): Pagefind indexing it in the
    background, or an earlier build's index of exactly the same staged pages (``packed``)."""

    lang: str
    shard: str
    pages: int
    missing: list[str]
    name: str | None  # digest of the staged pages (search_bundle); None without a bundle store
    packed: dict[str, Any] | None = None
    scratch: tempfile.TemporaryDirectory[str] | None = None
    run: Future[int] | None = None
    listed: str = ""  # digest of its pages' addresses and data (:func:`listed`)
    #: its pages that mark nothing to index, with their file's stat signature (``Unmarked``)
    unmarked: Unmarked = field(default_factory=dict)
    early: bool = False  # staged while its language was still being built (``search_early``)

    @property
    def output(self) -> Path:
        assert self.scratch is not None
        return Path(self.scratch.name) / "bundle"

    def cleanup(self) -> None:
        """Delete the scratch folder (the run has ended or was stopped)."""
        if self.scratch is not None:
            self.scratch.cleanup()


@dataclass
class PendingJob:
    """A shard still being staged by another process (``search_early``): ``settle`` waits for
    it and gives its job; ``cleanup`` stops it (a failed build)."""

    lang: str
    shard: str
    settle: Callable[[], IndexJob]
    cleanup: Callable[[], None]


#: A shard's job as the passes hold it until the bundle is written.
Job = IndexJob | PendingJob


def settle(jobs: Iterable[Job]) -> list[IndexJob]:
    """Every job with its shard staged (waits for those still being staged)."""
    return [job.settle() if isinstance(job, PendingJob) else job for job in jobs]


@dataclass
class Earlier:
    """What the last build indexed, for a build that kept its ``site/`` (an incremental
    build, newsroom.site.incremental): a shard whose pages and their data are the same, none
    of them rendered again, is that build's index (nothing is read), and a folder made of
    the same indexes is left as it is (nothing is written)."""

    #: (language, shard) → (digest of its pages' addresses and data, index name, pages,
    #: pages without a marked body)
    shards: dict[tuple[str, str], tuple[str, str, int, list[str]]]
    folders: dict[str, list[str]]  # folder → the index names written there
    rendered: set[str]  # URLs of the pages this build rendered again
    unmarked: dict[tuple[str, str], Unmarked] = field(default_factory=dict)  # by shard


def listed(shard: str, documents: list[Document]) -> str:
    """Digest of a shard's pages: addresses, metadata and filters (not their text). Every
    value is text, so the plain ``repr`` is exact (``stable_repr`` would also rescan it)."""
    rows = [(d.url, sorted(d.meta.items()), sorted(d.filters.items())) for d in documents]
    return cache.key(cache.code_version(), shard, repr(rows))


def start_index(
    lang: str,
    documents: list[Document],
    store: cache.Store | None,
    bundles: EntryStore | None,
    runs: pagefind_runs.Runs,
    earlier: Earlier | None = None,
    started: Callable[[str, list[Document]], Job | None] | None = None,
) -> list[Job]:
    """Stage one language's pages, shard by shard, and queue Pagefind on each shard.

    The prepared pages are written to a scratch folder laid out like ``site/`` and indexed as
    a directory by Pagefind's command (``pagefind_runs``). Result URLs are root-relative
    (``/tin-tuc/…``); the search UI prefixes the site's path (Pagefind's ``baseUrl``). A shard
    whose staged pages are those of an earlier build takes that build's index from
    ``bundles``: nothing is staged or run for it. ``started`` gives the job of a shard that
    was staged while its language was still being built (``search_early``), if any.
    """
    jobs: list[Job] = []
    for shard, pages in search_shards.split(documents).items():
        job = started(shard, pages) if started is not None else None
        job = job or _same_as_before(lang, shard, pages, bundles, earlier)
        unmarked = earlier.unmarked.get((lang, shard), {}) if earlier is not None else {}
        jobs.append(job or start_shard(lang, shard, pages, store, bundles, runs, unmarked))
    return jobs


def _same_as_before(
    lang: str,
    shard: str,
    documents: list[Document],
    bundles: EntryStore | None,
    earlier: Earlier | None,
) -> IndexJob | None:
    """The last build's index of this shard, when nothing it was made from changed."""
    if earlier is None or bundles is None or (lang, shard) not in earlier.shards:
        return None
    digest, name, pages, missing = earlier.shards[(lang, shard)]
    if digest != listed(shard, documents) or any(
        d.published is None or d.url in earlier.rendered for d in documents
    ):
        return None  # other pages, or a page rendered again (static pages always are)
    packed = bundles.get(name)
    if not search_bundle.is_bundle(packed):
        return None
    job = IndexJob(lang, shard, pages, list(missing), name, packed)
    job.listed = digest
    job.unmarked = earlier.unmarked.get((lang, shard), {})
    return job


def start_shard(
    lang: str,
    shard: str,
    documents: list[Document],
    store: cache.Store | None,
    bundles: EntryStore | None,
    runs: pagefind_runs.Runs,
    unmarked: Unmarked,
) -> IndexJob:
    scratch = tempfile.TemporaryDirectory(prefix="newsroom-search-")
    staged = stage_shard(Path(scratch.name), shard, documents, store, bundles is not None, unmarked)
    return launch(lang, shard, documents, scratch, staged, bundles, runs)


@dataclass
class Staged:
    """A shard's pages as staged for Pagefind (``stage_shard``)."""

    pages: dict[str, int]  # pages staged per language
    missing: list[str]  # articles without a marked body
    found: Unmarked  # pages marking nothing
    name: str | None  # digest of the staged pages (search_bundle); None without a bundle store


def stage_shard(
    root: Path,
    shard: str,
    documents: list[Document],
    store: cache.Store | None,
    digested: bool,
    unmarked: Unmarked,
) -> Staged:
    """Stage a shard's pages in ``root/site`` in one pass: each page is prepared, written and
    digested in turn (a shard's pages are never all in memory at once)."""
    digest = None
    if digested:
        digest = search_bundle.new_digest(repr((EXCLUDE_SELECTORS, shard, chunk_bytes(shard))))
    pages, missing, found = stage(root / "site", documents, store, digest, unmarked)
    return Staged(pages, missing, found, digest.hexdigest() if digest is not None else None)


def launch(
    lang: str,
    shard: str,
    documents: list[Document],
    scratch: tempfile.TemporaryDirectory[str],
    staged: Staged,
    bundles: EntryStore | None,
    runs: pagefind_runs.Runs,
    running: Future[int] | None = None,
) -> IndexJob:
    """The job of a staged shard: an index made earlier from the same staged pages, else
    Pagefind on the scratch folder: ``running`` (started already), or queued now."""
    root = Path(scratch.name)
    name = staged.name
    known = known_bundle(bundles, name)
    if known is not None:  # an index made earlier from the same staged pages
        scratch.cleanup()
        job = IndexJob(lang, shard, staged.pages.get(lang, 0), staged.missing, name, known)
        job.listed, job.unmarked = listed(shard, documents), staged.found
        return job
    job = IndexJob(lang, shard, staged.pages.get(lang, 0), staged.missing, name, None, scratch)
    job.listed, job.unmarked = listed(shard, documents), staged.found
    if running is not None:
        job.run = running
    elif job.pages:
        write_config(root)
        job.run = runs.submit(root)
    return job


def known_bundle(bundles: EntryStore | None, name: str | None) -> dict[str, Any] | None:
    """The index an earlier build made from the staged pages digested as ``name``."""
    known = bundles.get(name) if bundles is not None and name is not None else None
    return known if search_bundle.is_bundle(known) else None


def write_config(root: Path) -> None:
    """Pagefind's settings for a scratch folder: index ``root/site`` into ``root/bundle``."""
    config = {
        "site": str(root / "site"),
        "output_path": str(root / "bundle"),
        "exclude_selectors": list(EXCLUDE_SELECTORS),
    }
    (root / "pagefind.json").write_text(json.dumps(config), encoding="utf-8")


def chunk_bytes(shard: str) -> int:
    """Chunk size of a shard's word index: a query loads one chunk per word *and shard*, so
    a year's chunks are cut smaller than the root's (common words still get one each)."""
    return pagefind_chunks.CHUNK_BYTES if shard == search_shards.ROOT else SHARD_CHUNK_BYTES


#: Word index chunk size in a year's index (``chunk_bytes``).
SHARD_CHUNK_BYTES = 8_000


class IndexerError(RuntimeError):
    """Pagefind failed; the message carries what it printed."""


def stage(
    scratch: Path,
    chosen: Iterable[Document],
    store: cache.Store | None = None,
    digest: Any = None,
    unmarked: Unmarked | None = None,
) -> tuple[dict[str, int], list[str], Unmarked]:
    """Write each prepared page to ``scratch/<url>index.html`` (a folder laid out like
    ``site/``); (pages per language, articles without a marked body, pages marking nothing).
    ``digest`` (``search_bundle``) takes every page. A page other than an article whose file
    is one an earlier build found to mark nothing (``unmarked``) is not read."""
    pages: dict[str, int] = {}
    missing: list[str] = []
    before, found = unmarked or {}, {}
    for document in chosen:
        try:
            info = os.stat(document.path)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode):
            continue
        signature = (info.st_size, info.st_mtime_ns, info.st_ino)
        if not document.meta and before.get(document.url) == signature:
            found[document.url] = signature
            continue
        content = prepare(document, store)
        if content is None:
            if document.meta:  # an article without the marked body: a template bug
                missing.append(document.url)
            else:
                found[document.url] = signature
            continue
        name = document.url if document.url.endswith(".html") else document.url + "index.html"
        target = scratch / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
        if digest is not None:
            search_bundle.add_page(digest, name, content)
        pages[document.lang] = pages.get(document.lang, 0) + 1
    return pages, missing, found
