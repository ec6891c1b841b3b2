"""How much the signed-approval check adds to a content scan, at a given corpus size.

For each size: a synthetic corpus (``synthetic_corpus.py``) in a fresh Git repository where
EVERY article has its own signed commit (the worst case: one signature to verify per article).
The history is made quickly: ``git fast-import`` writes the commits, then each is re-written
with an SSH signature made here (the SSHSIG format of ``ssh-keygen -Y sign -n git``); one
commit is checked with ``git verify-commit`` so the signatures are real. Then the corpus is
scanned with the requirement off and on; the difference is the cost of the check.

    cd scripts && ../.venv/bin/python bench_signatures.py --sizes 500,2000
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import hashlib
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from site_project import REPO
from synthetic_corpus import write_corpus

sys.path.insert(0, str(REPO / "hooks"))
from newsroom.content import loading, signatures
from newsroom.content import settings as site_settings
from newsroom.content.git_history import Repository

ENV = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
NOW = dt.datetime.fromisoformat("2026-11-30T12:00:00+07:00")
CONFIG = """site_name: Bench
docs_dir: docs
extra:
  newsroom:
    timezone: Asia/Ho_Chi_Minh
    registries: .registries
{setting}"""


def _string(value: bytes) -> bytes:
    return struct.pack(">I", len(value)) + value


def sign(key: Ed25519PrivateKey, payload: bytes) -> str:
    """An armored SSH signature in namespace ``git``, as ``ssh-keygen -Y sign`` makes it."""
    public = key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    key_blob = _string(b"ssh-ed25519") + _string(public)
    head = _string(b"git") + _string(b"") + _string(b"sha512")
    signature = key.sign(b"SSHSIG" + head + _string(hashlib.sha512(payload).digest()))
    blob = b"SSHSIG" + struct.pack(">I", 1) + _string(key_blob) + head
    blob += _string(_string(b"ssh-ed25519") + _string(signature))
    text = base64.b64encode(blob).decode()
    lines = [text[i : i + 70] for i in range(0, len(text), 70)]
    return "\n".join(["-----BEGIN SSH SIGNATURE-----", *lines, "-----END SSH SIGNATURE-----"])


def public_line(key: Ed25519PrivateKey) -> str:
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)
        .decode()
    )


def git(root: Path, *args: str, data: bytes | None = None) -> str:
    result = subprocess.run(
        ["git", *args], cwd=root, input=data, capture_output=True, env=ENV, check=True
    )
    return result.stdout.decode().strip()


def make_history(root: Path, key: Ed25519PrivateKey) -> None:
    """One commit per article (fast-import), then every commit re-written with a signature."""
    files = sorted(p.relative_to(root).as_posix() for p in (root / "docs/tin-tuc").rglob("*.md"))
    stream = bytearray()
    start = int(dt.datetime(2026, 11, 1, tzinfo=dt.UTC).timestamp())
    for number, path in enumerate(files):
        content = (root / path).read_bytes()
        message = f"Duyệt bài {path}\n".encode()
        stream += b"commit refs/heads/main\n"
        stream += f"committer Nguyen Van An <an@example.gov.vn> {start + number} +0700\n".encode()
        stream += b"data %d\n%s" % (len(message), message)
        stream += b"M 100644 inline %s\ndata %d\n%s\n" % (path.encode(), len(content), content)
    git(root, "fast-import", "--quiet", data=bytes(stream))
    ids = git(root, "rev-list", "--reverse", "main").split()
    unsigned = Repository(root).commits(set(ids))  # one cat-file --batch
    parent = None
    objects = root / ".git" / "objects"
    for commit_id in ids:
        head, _, message = unsigned[commit_id].payload.partition(b"\n\n")
        lines = [line for line in head.split(b"\n") if not line.startswith(b"parent ")]
        if parent:
            lines.insert(1, b"parent " + parent.encode())
        payload = b"\n".join(lines) + b"\n\n" + message
        signature = sign(key, payload).replace("\n", "\n ")
        signed = b"\n".join([*lines, b"gpgsig " + signature.encode()]) + b"\n\n" + message
        stored = b"commit %d\0" % len(signed) + signed
        parent = hashlib.sha1(stored).hexdigest()
        target = objects / parent[:2] / parent[2:]
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(zlib.compress(stored))
    git(root, "update-ref", "refs/heads/main", parent or "")
    git(root, "reset", "-q", "--hard", "main")


def project(root: Path, count: int, key: Ed25519PrivateKey) -> None:
    docs = root / "docs"
    shutil.copytree(REPO / "docs" / ".registries", docs / ".registries")
    write_corpus(docs, count)
    approvers = docs / ".registries" / "approvers.yml"
    text = approvers.read_text(encoding="utf-8").replace(
        '  units: ["*"]\n  valid_from: 2020-01-01\n',
        f'  units: ["*"]\n  valid_from: 2020-01-01\n  keys:\n'
        f'    - key: "{public_line(key)}"\n      valid_from: 2019-01-01\n',
        1,
    )
    approvers.write_text(text, encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    make_history(root, key)
    (root / ".allowed").write_text(f"an {public_line(key)}\n", encoding="utf-8")
    head = git(root, "rev-parse", "HEAD")
    git(root, "-c", f"gpg.ssh.allowedSignersFile={root / '.allowed'}", "verify-commit", head)


def scan(root: Path, setting: str) -> tuple[float, int, int]:
    (root / "mkdocs.yml").write_text(CONFIG.format(setting=setting), encoding="utf-8")
    settings = site_settings.load(root / "mkdocs.yml")
    started = time.perf_counter()
    loaded = loading.load(settings, NOW)
    return (
        time.perf_counter() - started,
        len(loaded.corpus.signed.verified),
        len(loaded.corpus.issues),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500,2000")
    args = parser.parse_args()
    key = Ed25519PrivateKey.generate()
    print("articles  files  verified  scan off (s)  scan on (s)  check alone (s)  issues")
    for count in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            project(root, count, key)
            git(root, "status", "--porcelain")  # a warm index, as after a checkout
            off, _, _ = scan(root, "")
            on, verified, issues = scan(root, "    approval_signatures_required_from: 2019-01-01\n")
            settings = site_settings.load(root / "mkdocs.yml")
            loaded = loading.load(settings, NOW)
            articles = {u: e.article for u, e in loaded.corpus.entries.items()}
            started = time.perf_counter()
            signatures.check(settings, loaded.registries, articles, loaded.corpus.field_lines, str)
            alone = time.perf_counter() - started
            files = len(articles)
            print(
                f"{count:>8}  {files:>5}  {verified:>8}  {off:>12.2f}  {on:>11.2f}  "
                f"{alone:>15.2f}  {issues:>6}"
            )


if __name__ == "__main__":
    main()
