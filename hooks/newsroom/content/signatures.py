"""Signed approvals: an approval counts only when its approver signed the change.

With ``extra.newsroom.approval_signatures_required_from`` set, an approved or withdrawn article
whose ``approval.at`` falls on or after that day is valid only if the newest commit that brought
its current content (merge commits skipped, pure renames followed) carries a valid SSH signature
made with a key that ``approvers.yml`` lists for ``approval.by``, valid on the commit's day.
Older approvals are accepted as before, and reported as such, as long as the article was not
changed after the cut-over (a correction, or a back-dated ``approval.at``, needs a new signed
approval; without the history they are accepted as they always were). Without the setting
nothing is required and Git is not even asked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from ..common import dates, wording
from ..common import issues as issue
from ..common.issues import Issue
from ..common.messages import Localized
from . import sshsig, workflow
from .git_history import Commit, GitError, Repository
from .model import Article
from .registries import ApproverKey, Registries
from .settings import Settings

SETTING = "extra.newsroom.approval_signatures_required_from"


@dataclass(frozen=True)
class Proof:
    """A verified approval: who signed which commit, when."""

    approver: str
    commit: str
    at: dt.datetime


@dataclass
class Outcome:
    issues: list[Issue] = field(default_factory=list)
    verified: dict[str, Proof] = field(default_factory=dict)  # src_uri → proof
    before_cutover: set[str] = field(default_factory=set)  # src_uris accepted unsigned
    changed: set[str] = field(default_factory=set)  # approved, with uncommitted changes


def required_for(approved_at: dt.datetime, settings: Settings) -> bool:
    """Whether an approval made at ``approved_at`` must be signed (the cut-over included)."""
    if settings.signatures_from is None:
        return False
    return approved_at.astimezone(settings.timezone).date() >= settings.signatures_from


def needs_signature(article: Article, settings: Settings) -> bool:
    """Whether ``article``'s approval must be signed."""
    if article.approval is None or article.status not in workflow.PUBLIC_STATUSES:
        return False
    return required_for(article.approval.at, settings)


def check(
    settings: Settings,
    registries: Registries,
    articles: Mapping[str, Article],
    lines: Mapping[str, Mapping[str, int]],
    display: Callable[[str], str],
) -> Outcome:
    """Check every approval against the history, read once for the whole corpus."""
    outcome = Outcome()
    if settings.signatures_from_invalid is not None:
        outcome.issues.append(
            issue.make("mkdocs.yml", 1, "E059", SETTING, value=settings.signatures_from_invalid)
        )
        return outcome
    if settings.signatures_from is None:
        return outcome
    approved = {
        uri: a
        for uri, a in articles.items()
        if a.approval is not None and a.status in workflow.PUBLIC_STATUSES
    }
    due = {uri: a for uri, a in approved.items() if needs_signature(a, settings)}
    older = {uri: a for uri, a in approved.items() if uri not in due}
    report = _Reporter(outcome, lines, display)
    try:
        repo, origins = _origins(settings, approved, due, report)
        commits = repo.commits(set(origins.values()))
    except GitError as error:
        # without the history, older approvals are accepted as they always were
        outcome.before_cutover.update(older)
        for src_uri in sorted(due):
            report(src_uri, "E057", detail=_problem(error))
        return outcome
    judge = _Judge(_keys_by_fingerprint(registries), settings)
    for src_uri, article in older.items():
        commit = commits.get(origins.get(src_uri, ""))
        _check_older(src_uri, article, commit, judge, outcome, report)
    for src_uri, article in due.items():
        commit = commits.get(origins.get(src_uri, ""))
        if commit is None:
            continue  # E054 or E058 was reported
        code, params = judge(commit, article)
        if code is None:
            outcome.verified[src_uri] = judge.proof(commit, article)
        else:
            report(src_uri, code, **params)
    return outcome


@dataclass(frozen=True)
class _Reporter:
    """Adds an issue on the ``approval.by`` line of an article."""

    outcome: Outcome
    lines: Mapping[str, Mapping[str, int]]
    display: Callable[[str], str]

    def __call__(self, src_uri: str, code: str, **params: object) -> None:
        where = self.lines.get(src_uri, {})
        line = where.get("approval.by") or where.get("approval") or 1
        found = issue.make(self.display(src_uri), line, code, "approval.by", **params)
        self.outcome.issues.append(found)


def _check_older(
    src_uri: str,
    article: Article,
    commit: Commit | None,
    judge: _Judge,
    outcome: Outcome,
    report: _Reporter,
) -> None:
    """An approval dated before the cut-over stands if the article was last changed before
    it too, or by a commit its approver signed (a withdrawal, say). Any other later change
    (a correction, a back-dated ``approval.at``) needs a new signed approval."""
    cutover = judge.settings.signatures_from
    assert cutover is not None
    day = commit.time.astimezone(judge.settings.timezone).date() if commit else None
    if commit is None or day is None or day < cutover:
        if src_uri not in outcome.changed:
            outcome.before_cutover.add(src_uri)
    elif judge(commit, article)[0] is None:
        outcome.verified[src_uri] = judge.proof(commit, article)
    else:
        report(
            src_uri,
            "E056",
            commit=commit.id[:10],
            date=dates.show_date(day, "vi"),
            cutover=dates.show_date(cutover, "vi"),
        )


def _origins(
    settings: Settings,
    approved: Mapping[str, Article],
    due: Mapping[str, Article],
    report: _Reporter,
) -> tuple[Repository, dict[str, str]]:
    """The repository, and src_uri → the commit that brought the article's current content.

    An article with uncommitted changes gets E054; one whose content only a merge commit made
    gets E058 when its approval must be signed (an older one is then left as it was).
    """
    repo = Repository.open(settings.docs_dir)
    try:
        prefix = repo.relative(settings.articles_path)
        docs = repo.relative(settings.docs_dir)
    except ValueError as exc:  # the docs folder lies outside the work tree (a symlink)
        raise GitError("not-repository", str(exc)) from exc
    docs = "" if docs == "." else docs + "/"
    changed = repo.changed_paths(prefix)
    blobs = repo.head_blobs(prefix)
    origins = repo.origins(prefix)
    found: dict[str, str] = {}
    for src_uri in sorted(approved):
        path = docs + src_uri
        if path in changed or path not in blobs:
            report.outcome.changed.add(src_uri)
            report(src_uri, "E054")
        elif blobs[path] in origins:
            found[src_uri] = origins[blobs[path]]
        elif src_uri in due:
            report(src_uri, "E058")
    return repo, found


class _Judge:
    """Whether a commit proves an article's approval; each signature is verified once."""

    def __init__(self, keys: Mapping[str, tuple[str, ApproverKey]], settings: Settings) -> None:
        self.keys = keys
        self.settings = settings
        self.verdicts: dict[str, sshsig.Verdict] = {}

    def proof(self, commit: Commit, article: Article) -> Proof:
        assert article.approval is not None
        return Proof(article.approval.by, commit.id, commit.time)

    def __call__(self, commit: Commit, article: Article) -> tuple[str | None, dict[str, object]]:
        """(None, {}) when ``commit`` proves the approval, else the issue code and params."""
        short = commit.id[:10]
        if commit.signature is None:
            return "E050", {"commit": short}
        if commit.id not in self.verdicts:
            self.verdicts[commit.id] = sshsig.verify(commit.signature, commit.payload)
        verdict = self.verdicts[commit.id]
        if not verdict.valid:
            return "E055", {"commit": short}
        owner = self.keys.get(verdict.fingerprint or "")
        if owner is None:
            return "E052", {"commit": short, "fingerprint": verdict.fingerprint}
        signer, key = owner
        assert article.approval is not None
        if signer != article.approval.by:
            return "E051", {"commit": short, "signer": signer, "value": article.approval.by}
        day = commit.time.astimezone(self.settings.timezone).date()
        if not key.validity.covers(day):
            return "E053", {
                "commit": short,
                "fingerprint": verdict.fingerprint,
                "value": signer,
                "date": dates.show_date(day, "vi"),
            }
        return None, {}


def _keys_by_fingerprint(registries: Registries) -> dict[str, tuple[str, ApproverKey]]:
    return {
        entry.key.fingerprint: (approver.id, entry)
        for approver in registries.approvers.values()
        for entry in approver.keys
    }


def _problem(error: GitError) -> Localized:
    reason = error.reason.replace("-", "_")  # issues.shallow, issues.no_git, ...
    vi, en = (wording.section(lang, "issues").get(reason, error.reason) for lang in ("vi", "en"))
    detail = f" ({error.detail})" if error.detail else ""
    return Localized(vi + detail, en + detail)
