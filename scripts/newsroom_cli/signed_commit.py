"""``--commit`` of ``approve`` and ``withdraw``: the approver's signed commit of that one file.

:func:`prepare` runs BEFORE the file is touched and refuses when Git is not set up to sign with
an SSH key that ``approvers.yml`` lists for the approver (valid today); :func:`make` then stages
only the article and commits it with ``git commit -S``, or puts the file back if that fails.
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path

from newsroom.common.messages import render
from newsroom.content.loading import Site
from newsroom.content.schema import REGISTRY_NAMES
from newsroom.content.sshsig import InvalidKey, parse_public_key

from .article_files import ArticleFile
from .cli_messages import say
from .common import EXIT_CONTENT, CommandError
from .transition import current

_GIT = ("git", "-c", "core.quotepath=off")


@dataclass(frozen=True)
class Signer:
    """Git is set up to sign as ``approver`` with the registered key ``fingerprint``."""

    approver: str
    name: str
    fingerprint: str
    folder: Path  # where git runs: the article's folder


def add_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--commit",
        action="store_true",
        help="commit riêng tệp này, ký bằng khoá SSH của người duyệt (git commit -S) / "
        "commit only this file, signed with the approver's SSH key",
    )


def prepare(site: Site, article: ArticleFile, approver_id: str, language: str) -> Signer:
    """Refuse (CommandError) unless a signed commit by ``approver_id`` can be made."""
    approver = site.registries.approvers.get(approver_id)
    if approver is None:
        registry = REGISTRY_NAMES["approvers"]
        raise CommandError(
            render("E009", language, value=approver_id, registry=registry, hint=""),
            EXIT_CONTENT,
        )
    folder = article.path.parent
    if _read(folder, "rev-parse", "--is-inside-work-tree") != "true":
        raise CommandError(say("commit_no_repository", language, path=article.display))
    if _read(folder, "config", "--get", "gpg.format") != "ssh":
        raise CommandError(say("commit_not_ssh", language))
    fingerprint = _configured_fingerprint(folder, language)
    today = dt.datetime.now(site.settings.timezone).date()
    for entry in approver.keys:
        if entry.key.fingerprint == fingerprint and entry.validity.covers(today):
            return Signer(approver.id, approver.name, fingerprint, folder)
    raise CommandError(
        say("commit_wrong_key", language, fingerprint=fingerprint, by=approver_id), EXIT_CONTENT
    )


def make(signer: Signer, article: ArticleFile, message: str, before: str, language: str) -> str:
    """Stage and commit only ``article``, signed; return the commit id.

    If Git fails (no key, a passphrase that was not given...), the file gets its old text
    back and is unstaged, so a refused commit leaves nothing half done.
    """
    name = article.path.name
    if _unchanged(signer.folder, name):  # a commit would bring nothing to sign
        raise CommandError(say("commit_unchanged", language, path=article.display), EXIT_CONTENT)
    try:
        _git(signer.folder, "add", "--", name)
        _git(signer.folder, "commit", "-q", "-S", "-m", message, "--only", "--", name)
    except subprocess.CalledProcessError as exc:
        article.replace(article.read(), before)  # atomically, as every CLI write
        subprocess.run([*_GIT, "reset", "-q", "--", name], cwd=signer.folder, check=False)
        said = f"{exc.stderr or ''}\n{exc.stdout or ''}".strip().splitlines()
        detail = said[-1].strip() if said else f"exit {exc.returncode}"
        raise CommandError(say("commit_failed", language, detail=detail), EXIT_CONTENT) from exc
    return _read(signer.folder, "rev-parse", "HEAD")


def message(action: str, article: ArticleFile, signer: Signer, detail: str = "") -> str:
    """The Vietnamese commit message: what was done, to which article, by which approver."""
    title = str(current(article, "vi").data.get("title") or "").strip()
    lines = [
        f"{action}: {title}" if title else action,
        "",
        f"Bài: {article.display}",
        f"Người duyệt: {signer.name} ({signer.approver})",
        f"Khoá ký: {signer.fingerprint}",
    ]
    return "\n".join([*lines, *([detail] if detail else [])]) + "\n"


def _unchanged(folder: Path, name: str) -> bool:
    """The file is tracked and exactly as in the last commit."""
    return bool(
        _read(folder, "rev-parse", "--verify", "--quiet", "HEAD")
        and _read(folder, "ls-files", "--", name)
        and not _read(folder, "diff", "HEAD", "--name-only", "--", name)
    )


def _configured_fingerprint(folder: Path, language: str) -> str:
    """Fingerprint of ``user.signingkey``: a ``key::`` literal, a public key or a key file."""
    value = _read(folder, "config", "--get", "user.signingkey")
    if not value:
        raise CommandError(say("commit_no_key", language))
    literal = value.removeprefix("key::")
    if literal == value and not value.startswith(("ssh-", "ecdsa-")):
        path = Path(value).expanduser()
        if not path.is_absolute():
            path = folder / path
        public = path if path.suffix == ".pub" else path.with_name(path.name + ".pub")
        try:
            literal = public.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise CommandError(say("commit_no_key", language)) from exc
    try:
        return parse_public_key(literal).fingerprint
    except InvalidKey as exc:
        raise CommandError(say("commit_no_key", language)) from exc


def _git(folder: Path, *args: str) -> None:
    """Run git; raise CalledProcessError (with stderr) when it fails."""
    subprocess.run(
        [*_GIT, *args], cwd=folder, capture_output=True, text=True, encoding="utf-8", check=True
    )


def _read(folder: Path, *args: str) -> str:
    """Git's answer, or ``""`` when it has none (no such setting, not a repository)."""
    result = subprocess.run(
        [*_GIT, *args], cwd=folder, capture_output=True, text=True, encoding="utf-8", check=False
    )
    return result.stdout.strip() if result.returncode == 0 else ""
