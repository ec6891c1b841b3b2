"""Real Git repositories with real SSH keys (made by ``ssh-keygen``) for the signature tests.

Git runs with the user's and the system's configuration switched off, so a developer's own
``commit.gpgsign`` or signing key cannot change what the tests see.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import yaml

EDITOR = ("-c", "user.name=Biên tập viên", "-c", "user.email=bien-tap@example.gov.vn")
ENV = {
    **os.environ,
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "Biên tập viên",
    "GIT_AUTHOR_EMAIL": "bien-tap@example.gov.vn",
    "GIT_COMMITTER_NAME": "Biên tập viên",
    "GIT_COMMITTER_EMAIL": "bien-tap@example.gov.vn",
}


class Keys:
    """Throw-away ed25519 key pairs, one per name, in ``folder``."""

    def __init__(self, folder: Path, names: tuple[str, ...]) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        for name in names:
            subprocess.run(
                ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", folder / name],
                check=True,
                env=ENV,
            )

    def private(self, name: str) -> Path:
        return self.folder / name

    def public(self, name: str) -> str:
        return (self.folder / f"{name}.pub").read_text(encoding="utf-8").strip()

    def fingerprint(self, name: str) -> str:
        out = subprocess.run(
            ["ssh-keygen", "-l", "-f", self.folder / f"{name}.pub"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return out.split()[1]


def git(repo: Path, *args: str, key: Path | None = None, when: str | None = None) -> str:
    """Run git in ``repo``; with ``key``, sign (``commit -S``) with that SSH key; ``when``
    (ISO 8601) sets the author and committer dates."""
    signing = ("-c", "gpg.format=ssh", "-c", f"user.signingkey={key}") if key else ()
    dates = {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when} if when else {}
    result = subprocess.run(
        ["git", *EDITOR, *signing, *args],
        cwd=repo,
        capture_output=True,
        text=True,
        env={**ENV, **dates},
        check=False,
    )
    if result.returncode:
        raise AssertionError(f"git {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def commit(repo: Path, message: str, *paths: str, key: Path | None = None) -> str:
    """Stage ``paths`` (all changes when none) and commit, signed with ``key`` if given."""
    git(repo, "add", "-A", "--", *(paths or (".",)))
    git(repo, "commit", "-q", *(["-S"] if key else []), "-m", message, key=key)
    return git(repo, "rev-parse", "HEAD").strip()


def require_signatures_from(config: Path, day: str) -> None:
    """Set (or replace) ``extra.newsroom.approval_signatures_required_from`` in mkdocs.yml."""
    text = config.read_text(encoding="utf-8")
    text = re.sub(r"\n\s+approval_signatures_required_from:[^\n]*", "", text)
    text = text.replace(
        "    message_language: vi\n",
        f"    message_language: vi\n    approval_signatures_required_from: {day}\n",
    )
    config.write_text(text, encoding="utf-8")


def register_keys(registries: Path, keys: dict[str, list[dict]]) -> None:
    """Give approvers ``keys:`` entries in ``approvers.yml`` (``{key, valid_from, valid_to}``)."""
    path = registries / "approvers.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for approver, entries in keys.items():
        data[approver]["keys"] = entries
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def allowed_signers(path: Path, keys: Keys, names: dict[str, str]) -> Path:
    """An allowed-signers file for ``git verify-commit`` (principal → key name)."""
    lines = [f"{principal} {keys.public(name)}" for principal, name in names.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
