"""Which articles a preview rebuild hands to MkDocs (``make serve``, after a save).

MkDocs and static-i18n visit every file of every build: at 10,000 articles that is seconds of
file objects, language variants and pages for each save, although ``--dirty`` renders only
what changed. A rebuild with unchanged templates, config and registries keeps only:

- the articles whose source changed since the last build of this preview (stat signature:
  size, modification time, inode), and new ones;
- the articles these and the static pages link to (``….md`` in their text, relative to
  their folder or to ``docs/``), so that their links resolve as in a full build;
- every language version of all of the above (the language switcher and the English
  pages' links to untranslated articles read them).

Every other article keeps the page the earlier build of this preview wrote (the served folder
is not emptied between rebuilds). Static pages, assets and generated pages are always kept.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from pathlib import Path

from ..content.classify import PUBLISHABLE_SUFFIXES
from ..content.paths import translation_of
from ..content.settings import LANGUAGES

#: A source's stat signature (``cache.stat_listing``): type, size, modification time, inode.
Signature = tuple[int, int, int, int]
#: What separates a path from the text around it in Markdown and HTML (a link's brackets,
#: quotes, a table's bars, spaces, an attribute's ``=``): a token is a run of anything else.
_SEPARATORS = r"\s()\[\]<>\"'`|=,;"
_TOKEN = re.compile(f"[^{_SEPARATORS}]+")
#: A token (from its first character: the lookbehind) holding a publishable suffix where a
#: path may end (before ``#``, ``?`` or the token's end). Every token that :func:`references`
#: keeps holds one, so only these tokens are looked at (a page's prose is not split into
#: words). Lazy but linear: it cannot leave its token, and it is tried from a token's first
#: character only.
_MAY_NAME_FILE = re.compile(
    f"(?<![^{_SEPARATORS}])[^{_SEPARATORS}]*?\\.(?:"
    + "|".join(sorted((re.escape(s[1:]) for s in PUBLISHABLE_SUFFIXES), key=len, reverse=True))
    + f")(?=[#?{_SEPARATORS}]|\\Z)",
    re.IGNORECASE,
)


def changed(now: dict[str, Signature], before: dict[str, Signature]) -> set[str]:
    """Sources that are new or differ from ``before``."""
    return {src for src, signature in now.items() if before.get(src) != signature}


def references(src_uri: str, text: str) -> frozenset[str]:
    """Docs paths ``text`` (the source ``src_uri``) may refer to: every relative token that
    names a file a build can publish (by its suffix: any other file fails the build),
    resolved against its folder and against ``docs/`` (more than it really links to is
    harmless: a page kept or rendered once more)."""
    folder = posixpath.dirname(src_uri)
    found = set()
    for hit in _MAY_NAME_FILE.finditer(text):
        token = _TOKEN.match(text, hit.start())
        assert token is not None  # a hit starts a token
        path = token.group().split("#", 1)[0].split("?", 1)[0]
        if "://" in path or path.startswith(("mailto:", "tel:", "data:")):
            continue
        if posixpath.splitext(path)[1].lower() not in PUBLISHABLE_SUFFIXES:
            continue  # prose ("pháp.", "2.000"), or no file a build that succeeds can hold
        if path.startswith("/"):
            candidates = [path.lstrip("/")]
        else:
            candidates = [posixpath.join(folder, path), path]
        for candidate in candidates:
            normal = posixpath.normpath(candidate)
            if not normal.startswith(".."):
                found.add(normal)
    return frozenset(found)


def link_targets(src_uri: str, text: str) -> set[str]:
    """Docs paths of the Markdown pages ``text`` (the source ``src_uri``) may link to."""
    return {path for path in references(src_uri, text) if path.endswith(".md")}


def source_text(path: Path) -> str:
    """A source's text as far as it can be read ("" when it cannot)."""
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def versions(src_uris: Iterable[str]) -> set[str]:
    """Every language version of each docs path."""
    return {translation_of(src, lang) for src in src_uris for lang in LANGUAGES}


def kept_articles(
    changed_articles: set[str], texts: dict[str, str], articles: set[str]
) -> set[str]:
    """The articles a preview rebuild renders or resolves links to: ``changed_articles`` and
    the articles linked from ``texts`` (source path → text of every page this rebuild renders:
    the changed articles and the static pages), in every language; ``articles``: every
    article source of the build."""
    targets: set[str] = set()
    for src_uri, text in texts.items():
        targets |= link_targets(src_uri, text)
    return versions(changed_articles | (versions(targets) & articles)) & articles
