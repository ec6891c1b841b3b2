"""What Git knows about the articles, read in a fixed handful of ``git`` processes.

However many articles there are: one ``rev-parse``, one ``status``, one ``ls-tree``, one
``log`` over the history of the articles folder and one ``cat-file --batch`` for the commits
that matter — never one process per article.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path

_GIT = (
    "git",
    "-c",
    "core.quotepath=off",
    "-c",
    "log.showSignature=false",
    "-c",
    "color.ui=false",
)
_COMMIT = "\x01"


class GitError(Exception):
    """The history cannot be read; ``reason``: ``no-git``, ``not-repository``, ``shallow`` or
    ``git-failed`` (``detail``: git's own last line)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class Commit:
    id: str
    time: dt.datetime  # the committer time, as Git passes it to ``ssh-keygen -Y verify``
    signature: str | None  # the armored ``gpgsig`` header, if any
    payload: bytes  # what was signed: the commit object without its ``gpgsig`` header


class Repository:
    """A work tree with its full history (a shallow clone is refused: it has no history)."""

    def __init__(self, top: Path) -> None:
        self.top = top

    @classmethod
    def open(cls, folder: Path) -> Repository:
        try:
            out = _run(folder, "rev-parse", "--show-toplevel", "--is-shallow-repository")
        except FileNotFoundError as exc:
            raise GitError("no-git") from exc
        except GitError as exc:
            raise GitError("not-repository", exc.detail) from exc
        top, shallow = out.split("\n")[:2]
        if shallow.strip() == "true":
            raise GitError("shallow")
        return cls(Path(top))

    def relative(self, path: Path) -> str:
        """``path`` relative to the top of the work tree, with ``/``."""
        return path.resolve().relative_to(self.top.resolve()).as_posix()

    def changed_paths(self, prefix: str) -> set[str]:
        """Paths under ``prefix`` that differ from HEAD: modified, staged, new or deleted."""
        out = _run(self.top, "status", "--porcelain", "-z", "--untracked-files=all", "--", prefix)
        paths: set[str] = set()
        records = iter(out.split("\0"))
        for record in records:
            if len(record) < 4:
                continue
            paths.add(record[3:])
            if record[0] in "RC":  # a rename names its source in the next record
                paths.add(next(records, ""))
        return paths

    def head_blobs(self, prefix: str) -> dict[str, str]:
        """Path → blob id of every file under ``prefix`` at HEAD (empty in a new repository)."""
        if not self._has_head():
            return {}
        out = _run(self.top, "ls-tree", "-r", "-z", "--full-tree", "HEAD", "--", prefix)
        blobs = {}
        for record in out.split("\0"):
            meta, _, path = record.partition("\t")
            fields = meta.split()
            if len(fields) == 3 and fields[1] == "blob":
                blobs[path] = fields[2]
        return blobs

    def origins(self, prefix: str) -> dict[str, str]:
        """Blob id → the newest non-merge commit that brought that content under ``prefix``.

        Merge commits are skipped (a Git host's merge is not a change: the commit that brought
        the change is followed). A pure rename (the same commit deletes a file with the same
        content) brings no content, so the commit before it that did is kept. Commits come in
        topological order, so a back-dated commit cannot hide behind an older signed one.
        """
        if not self._has_head():
            return {}
        out = _run(
            self.top,
            "log",
            "--no-merges",
            "--topo-order",
            "--raw",
            "--no-abbrev",
            "--no-renames",
            f"--format={_COMMIT}%H",
            "HEAD",
            "--",
            prefix,
        )
        origins: dict[str, str] = {}
        for chunk in out.split(_COMMIT)[1:]:
            commit, *entries = chunk.split("\n")
            added, deleted = set(), set()
            for entry in entries:
                if not entry.startswith(":"):
                    continue
                fields = entry.split("\t", 1)[0].split()
                old_blob, new_blob, status = fields[2], fields[3], fields[4]
                if status == "D":
                    deleted.add(old_blob)
                else:
                    added.add(new_blob)
            for blob in added - deleted:
                origins.setdefault(blob, commit.strip())
        return origins

    def _has_head(self) -> bool:
        """False in a repository without any commit yet."""
        try:
            _run(self.top, "rev-parse", "--verify", "--quiet", "HEAD")
        except GitError:
            return False
        return True

    def commits(self, ids: set[str]) -> dict[str, Commit]:
        """The commit objects ``ids``, read by one ``git cat-file --batch``."""
        if not ids:
            return {}
        ordered = sorted(ids)
        result = subprocess.run(
            [*_GIT, "cat-file", "--batch"],
            cwd=self.top,
            input="".join(f"{i}\n" for i in ordered).encode("ascii"),
            capture_output=True,
            check=False,
        )
        if result.returncode:
            raise GitError("git-failed", _last_line(result.stderr.decode("utf-8", "replace")))
        data, at, found = result.stdout, 0, {}
        for _ in ordered:
            end = data.index(b"\n", at)
            header = data[at:end].split()
            at = end + 1
            if len(header) != 3 or header[1] != b"commit":
                continue
            size = int(header[2])
            found[header[0].decode()] = _commit(header[0].decode(), data[at : at + size])
            at += size + 1
        return found


def _commit(commit_id: str, raw: bytes) -> Commit:
    head, _, message = raw.partition(b"\n\n")
    kept, signature, in_signature = [], [], False
    committed = dt.datetime.fromtimestamp(0, dt.UTC)
    for line in head.split(b"\n"):
        if line.startswith(b"gpgsig "):
            in_signature = True
            signature.append(line[len(b"gpgsig ") :])
            continue
        if in_signature and line.startswith(b" "):
            signature.append(line[1:])
            continue
        in_signature = False
        kept.append(line)
        if line.startswith(b"committer "):
            committed = _time(line)
    text = b"\n".join(signature).decode("ascii", "replace") if signature else None
    return Commit(commit_id, committed, text, b"\n".join(kept) + b"\n\n" + message)


def _time(line: bytes) -> dt.datetime:
    """``committer Name <mail> 1767225600 +0700`` → an aware datetime."""
    stamp, offset = line.rsplit(b" ", 2)[1:]
    sign = -1 if offset.startswith(b"-") else 1
    minutes = int(offset[1:3]) * 60 + int(offset[3:5])
    zone = dt.timezone(sign * dt.timedelta(minutes=minutes))
    return dt.datetime.fromtimestamp(int(stamp), zone)


def _run(cwd: Path, *args: str) -> str:
    """Git's output; GitError ``git-failed`` with git's last line of complaint if it fails."""
    result = subprocess.run(
        [*_GIT, *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", check=False
    )
    if result.returncode:
        raise GitError("git-failed", _last_line(result.stderr))
    return result.stdout


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else ""
