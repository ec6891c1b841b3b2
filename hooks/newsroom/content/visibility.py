"""The one visibility decision (CONTENT_MODEL.md section 3).

Every output — pages, listings, feeds, OPML, iCalendar, sitemap, search, reports — asks this
module and nothing else whether an article may be shown.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from . import workflow
from .model import Article


class Visibility(StrEnum):
    PUBLISHED = "published"
    WITHDRAWN = workflow.WITHDRAWN
    SCHEDULED = "scheduled"
    IN_REVIEW = workflow.IN_REVIEW
    DRAFT = workflow.DRAFT
    ORIGINAL_UNPUBLISHED = "original-unpublished"

    @property
    def is_published(self) -> bool:
        """Listed everywhere: listings, feeds, search, sitemap."""
        return self is Visibility.PUBLISHED

    @property
    def has_public_page(self) -> bool:
        """A page exists in the production build (withdrawn pages keep their URL)."""
        return self in (Visibility.PUBLISHED, Visibility.WITHDRAWN)


def decide(article: Article, now: dt.datetime, original: Visibility | None = None) -> Visibility:
    """Decide what ``article`` is at ``now``; a translation also needs its original's state.

    A withdrawn article whose date has not come yet was never published: it stays absent.
    """
    if original is not None and not original.has_public_page:
        return Visibility.ORIGINAL_UNPUBLISHED
    if article.status == workflow.DRAFT:
        return Visibility.DRAFT
    if article.status == workflow.IN_REVIEW:
        return Visibility.IN_REVIEW
    if article.date > now:
        return Visibility.SCHEDULED
    if article.status == workflow.WITHDRAWN or original is Visibility.WITHDRAWN:
        return Visibility.WITHDRAWN
    return Visibility.PUBLISHED
