"""Shared by ``approve`` and ``withdraw``: check the would-be text, then write it.

The new text is checked with the build's own code
(:func:`newsroom.content.workflow.would_be_issues`: the per-file rules and the cross-file issues
that block a transition) BEFORE anything is written, so a refused command leaves the file
untouched and an accepted one never produces a file the build would reject.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from typing import NamedTuple, NoReturn

from newsroom.common import issues as issue
from newsroom.common.issues import Issue
from newsroom.content import parsing, workflow
from newsroom.content.frontmatter_edit import EditError
from newsroom.content.loading import Site

from .article_files import ArticleFile, FileProblem, locate, parse_time
from .cli_messages import say
from .common import EXIT_CONTENT, CommandError, load_site


class Target(NamedTuple):
    """What ``approve`` and ``withdraw`` act on: the site, the article, the time, the wording."""

    site: Site
    article: ArticleFile
    at: dt.datetime
    language: str
    status: object  # the article's current ``status`` value


def add_arguments(parser: argparse.ArgumentParser, at_help: str) -> None:
    """``PATH`` and ``--at TIME``, the arguments every status change takes."""
    parser.add_argument("path", metavar="PATH", help="tệp bài viết / article file")
    parser.add_argument("--at", metavar="TIME", help=at_help)


def target(args: argparse.Namespace) -> Target:
    """Load the site, find the article, read ``--at``; raise CommandError if any fails."""
    site = load_site(args)
    language = site.settings.message_language
    article = locate(site, args.path, language)
    at = parse_time(args.at, site, language)
    status = current(article, language).data.get("status")
    return Target(site, article, at, language, status)


def read(article: ArticleFile, language: str) -> str:
    """The article's text as stored; a clean refusal if it cannot be read or is not UTF-8."""
    try:
        return article.read()
    except FileProblem as exc:
        raise _refusal(exc, article, language) from exc


def _refusal(problem: FileProblem, article: ArticleFile, language: str) -> CommandError:
    message = say(f"file_{problem.kind}", language, path=article.display, detail=problem.detail)
    return CommandError(message, EXIT_CONTENT)


def current(article: ArticleFile, language: str) -> parsing.FrontMatter:
    """The article's front-matter as it is now; refuse if it cannot be read."""
    front_matter, found = parsing.parse(read(article, language), article.display)
    if front_matter is None:
        refuse(article, found, language)
    return front_matter


def would_be_issues(site: Site, article: ArticleFile, text: str) -> list[Issue]:
    """Every error the build would report for ``article`` if it held ``text``."""
    return workflow.would_be_issues(site.corpus, article.src_uri, text)


def apply(site: Site, article: ArticleFile, edit: Callable[[str], str], language: str) -> str:
    """Edit the text, verify it, write it; return the new text or raise CommandError."""
    try:
        before = article.read()
        text = edit(before)
        found = would_be_issues(site, article, text)
        if found:
            refuse(article, found, language)
        article.replace(before, text)
    except EditError as exc:
        raise CommandError(say("cannot_edit", language, detail=str(exc)), EXIT_CONTENT) from exc
    except FileProblem as exc:
        raise _refusal(exc, article, language) from exc
    return text


def refuse(article: ArticleFile, found: list[Issue], language: str) -> NoReturn:
    """Print the issues and stop with exit code 1; the file is not touched."""
    for item in issue.sort(found):
        print(item.format(language))
    raise CommandError(say("refused", language, path=article.display), EXIT_CONTENT)
