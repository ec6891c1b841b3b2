"""Approvals by approver for ``newsroom report``: how many, and how each was proven.

A published approval is *verified* (its approver's signature checked, issue 13), *before the
cut-over* (dated before ``approval_signatures_required_from``: accepted unsigned), *unchecked*
(the site does not require signatures) or *unverified* (the check failed: flagged).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..content.corpus import Corpus
from ..content.model import Article

VERIFIED, BEFORE_CUTOVER, UNCHECKED, UNVERIFIED = "verified", "before", "unchecked", "unverified"


@dataclass(frozen=True)
class ApprovalRow:
    approver: str
    name: str
    verified: int
    before_cutover: int
    unchecked: int
    unverified: int

    @property
    def total(self) -> int:
        return self.verified + self.before_cutover + self.unchecked + self.unverified

    @property
    def flagged(self) -> bool:
        return self.unverified > 0


def proof_of(article: Article, corpus: Corpus) -> str:
    """How ``article``'s approval is proven (one of the four constants)."""
    if article.src_uri in corpus.signed.verified:
        return VERIFIED
    if article.src_uri in corpus.signed.before_cutover:
        return BEFORE_CUTOVER
    if corpus.settings.signatures_from is None:
        return UNCHECKED
    return UNVERIFIED


def rows(corpus: Corpus, articles: Iterable[Article]) -> tuple[ApprovalRow, ...]:
    """One row per approver who approved any of ``articles``, in registry order."""
    counts: Counter[tuple[str, str]] = Counter(
        (a.approval.by, proof_of(a, corpus)) for a in articles if a.approval is not None
    )
    found = []
    for key, approver in corpus.registries.approvers.items():
        row = ApprovalRow(
            key,
            approver.name,
            counts[(key, VERIFIED)],
            counts[(key, BEFORE_CUTOVER)],
            counts[(key, UNCHECKED)],
            counts[(key, UNVERIFIED)],
        )
        if row.total:
            found.append(row)
    return tuple(found)
