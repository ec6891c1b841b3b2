"""The editorial workflow: the statuses, the moves between them, the check at a transition.

``status`` is ``draft`` → ``in-review`` → ``approved`` → ``withdrawn``. An editor moves a
draft to review (and back) by editing the file; ``newsroom approve`` and ``newsroom withdraw``
make the other two moves, and :func:`would_be_issues` is the one check of the file such a
move would write: the build's own per-file rules, plus the cross-file issues of the tree that
still block it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..common import issues as issue
from ..common.issues import Issue
from . import parsing
from .paths import original_of

if TYPE_CHECKING:
    from .corpus import Corpus

DRAFT = "draft"
IN_REVIEW = "in-review"
APPROVED = "approved"
WITHDRAWN = "withdrawn"
#: Every status, in workflow order.
STATUSES = (DRAFT, IN_REVIEW, APPROVED, WITHDRAWN)
#: Statuses whose article is (or was) public: the publish-stage rules apply to them.
PUBLIC_STATUSES = (APPROVED, WITHDRAWN)
#: Vietnamese names of the statuses (the editors' guide).
NAMES_VI = {DRAFT: "nháp", IN_REVIEW: "chờ duyệt", APPROVED: "đã duyệt", WITHDRAWN: "đã gỡ"}

#: The allowed moves. Approving an approved article again records a new approval (after a
#: correction); a withdrawn article stays withdrawn (a new article replaces it).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    DRAFT: (IN_REVIEW, APPROVED),
    IN_REVIEW: (DRAFT, APPROVED),
    APPROVED: (APPROVED, WITHDRAWN),
    WITHDRAWN: (),
}

#: Issues of the whole tree (not of one file's text) that still block a transition.
#: Issues of the tree that block a change of this file: duplicates, a missing original, and
#: a file the allow-list refuses (its name or place), which the build would never publish.
BLOCKING_CORPUS_CODES = ("E015", "E016", "E018", "E030", "E033")


def may_move(current: object, target: str) -> bool:
    """Whether an article whose ``status`` value is ``current`` may move to ``target``.

    A missing or invalid status counts as a draft: approving writes a valid one.
    """
    source = current if isinstance(current, str) and current in TRANSITIONS else DRAFT
    return target in TRANSITIONS[source]


def guide_text() -> str:
    """The statuses as the editors' guide lists them: ``draft`` (nháp), …"""
    return ", ".join(f"`{status}` ({NAMES_VI[status]})" for status in STATUSES)


def would_be_issues(corpus: Corpus, src_uri: str, text: str) -> list[Issue]:
    """Every error the build would report for the article ``src_uri`` if it held ``text``.

    The per-file stage is :meth:`Corpus.check_front_matter` (what a scan does to each file);
    the cross-file stage adds the tree's duplicate and orphan issues of this file, and, once
    the article would be approved, its links to articles not out by its date (E021).
    """
    display = corpus.display(src_uri)
    front_matter, found = parsing.parse(text, display)
    if front_matter is None:
        return found
    original = None
    if (original_uri := original_of(src_uri)) != src_uri:
        original = corpus.get(original_uri)
        if original is None:
            return [issue.make(display, 1, "E018", original=corpus.display(original_uri))]
    article, found = corpus.check_front_matter(src_uri, front_matter, original)
    found += [i for i in corpus.issues if i.path == display and i.code in BLOCKING_CORPUS_CODES]
    if article is not None and article.status == APPROVED:
        found += corpus.link_issues_for(article)  # E021 once it is published
    return issue.errors(found)
