"""Atomic releases: build into a new directory, verify, switch ``current`` in one rename.

Layout of the releases directory::

    current -> 20261202T061500123456Z-3f9a1c2b7d4e   (a relative symlink: the live release)
    20261202T061500123456Z-3f9a1c2b7d4e/             (immutable: copy it to a mirror as is)
    20261201T...Z-.../                               (older releases, the last N are kept)
    hold                                             (written by rollback: no new release)
    .inputs                                          (the live release's build inputs)

A release's name is its UTC time and the start of the digest of its files, so the build id
(``/build-id.txt``, and ``<meta name="newsroom-build">`` in every page) says when it was
made and what it holds. Because the build is
byte-reproducible, the same sources give the same digest and no new release is made; and when
the inputs of the live release's build are unchanged at this moment (``.inputs``,
:mod:`newsroom.site.uptodate`), nothing is built at all: a scheduled run costs seconds.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..common.clock import ClockError
from ..content import settings as site_settings
from ..content.loading import Site
from ..content.registries import RegistryError
from ..site import uptodate
from . import compress, verify
from .options import DeployError, DeployOptions

CURRENT = "current"
HOLD = "hold"
INPUTS = ".inputs"
BUILD_ID = "build-id.txt"
META = "newsroom-build"
_PENDING = ".pending-"


@dataclass(frozen=True)
class Outcome:
    """What a release run did, for the one log line of the publisher."""

    action: str  # "released", "unchanged", "held"
    release: str  # the live release after the run
    detail: str = ""


def releases(root: Path) -> list[str]:
    """Release directory names, oldest first."""
    if not root.is_dir():
        return []
    return sorted(
        p.name
        for p in root.iterdir()
        if p.is_dir() and not p.is_symlink() and not p.name.startswith(".") and "-" in p.name
    )


def live(root: Path) -> str | None:
    """The release ``current`` points at, or ``None`` before the first release."""
    link = root / CURRENT
    return os.readlink(link) if link.is_symlink() else None


def digest(site: Path) -> str:
    """SHA-256 over every file's path and bytes.

    Left out: the build id, and Pagefind's index files, which Pagefind 1.5.2 does not write
    byte for byte the same twice (its filter files' order varies); they are made from the
    pages, which are counted, so unchanged pages mean an unchanged index.
    """
    total = hashlib.sha256()
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if rel == BUILD_ID or path.is_dir() or _is_search_index(rel):
            continue
        content = os.readlink(path).encode() if path.is_symlink() else path.read_bytes()
        total.update(rel.encode("utf-8") + b"\0" + hashlib.sha256(content).digest())
    return total.hexdigest()


def _is_search_index(rel: str) -> bool:
    """An index file of the search bundle (the root's or a year's, ``search_shards``)."""
    name = rel.rsplit("/", 1)[-1]
    return rel.startswith("pagefind/") and (".pf_" in name or name == "pagefind-entry.json")


def switch(root: Path, name: str) -> None:
    """Point ``current`` at ``name`` in one ``rename``: a reader sees the old or the new."""
    if not (root / name).is_dir():
        raise DeployError(f"không có bản phát hành / no such release: {name}")
    temporary = root / f".{CURRENT}-{os.getpid()}"
    temporary.unlink(missing_ok=True)
    os.symlink(name, temporary)
    os.rename(temporary, root / CURRENT)


def build(config: Path, output: Path, env: dict[str, str]) -> None:
    """``mkdocs build --strict`` of the project into ``output``; its log on failure."""
    mkdocs = Path(sys.executable).parent / "mkdocs"
    command = [str(mkdocs), "build", "--strict", "-f", str(config), "-d", str(output)]
    result = subprocess.run(
        command, cwd=config.parent, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-30:])
        raise DeployError(f"build thất bại / build failed:\n{tail}")


def check(site: Path, config: Path, content: Site) -> None:
    """The release checks of :mod:`newsroom.deploy.verify` against ``content`` (the project
    at the build's moment); every problem at once."""
    settings = site_settings.load(config)
    site_url = verify.built_site_url(site) or settings.site_url
    problems = [f"liên kết hỏng / broken link: {b}" for b in verify.broken_links(site, site_url)]
    leaks = verify.unpublished_leaks(site, content)
    problems += [f"chưa được đăng / unpublished: {leak}" for leak in leaks]
    if problems:
        shown = "\n".join(problems[:50])
        more = f"\n… (+{len(problems) - 50})" if len(problems) > 50 else ""
        raise DeployError(f"bản dựng không đạt / release check failed:\n{shown}{more}")


def release(
    root: Path,
    config: Path,
    options: DeployOptions,
    now: dt.datetime | None = None,
    resume: bool = False,
    before_switch: Callable[[Path], None] | None = None,
) -> Outcome:
    """Build, verify and switch to a new release unless nothing changed or it is on hold.

    ``before_switch`` gets the new release's directory once it is complete (to check or
    write the nginx configuration's script hashes). A failed build, check or
    ``before_switch`` raises :class:`DeployError` and leaves ``current`` untouched.
    """
    root.mkdir(parents=True, exist_ok=True)
    current = live(root)
    if (root / HOLD).exists():
        if not resume:
            return Outcome("held", current or "-", (root / HOLD).read_text().strip())
        (root / HOLD).unlink()
    try:
        inputs = uptodate.read(config)
    except (RegistryError, ClockError) as error:
        raise DeployError(f"build thất bại / build failed:\n{error}") from error
    if current and _inputs_of(root) == (current, inputs.fingerprint):
        return Outcome("unchanged", current, "inputs unchanged")
    pending = root / f"{_PENDING}{os.getpid()}"
    shutil.rmtree(pending, ignore_errors=True)
    detail = ""
    try:
        build(config, pending, inputs.environment())
        check(pending, config, inputs.site)
        content = digest(pending)
        if current and _digest_of(root / current) == content:
            _record_inputs(root, current, inputs.fingerprint)
            return Outcome("unchanged", current)
        kept = [n for n in releases(root) if _digest_of(root / n) == content]
        if kept:  # the same site is still on disk (after a rollback, say): go back to it
            name, detail = kept[-1], "same content as a kept release"
        else:
            moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
            name = f"{moment:%Y%m%dT%H%M%S%fZ}-{content[:12]}"
            (pending / BUILD_ID).write_text(f"{name}\nsha256:{content}\n", encoding="utf-8")
            stamp(pending, name)
            compress.precompress(pending)
            os.rename(pending, root / name)
    finally:
        shutil.rmtree(pending, ignore_errors=True)
    if before_switch is not None:
        # A refusal leaves the complete release on disk, not live: `nginx-config` then
        # allows its inline scripts, and the next run switches to it.
        before_switch(root / name)
    switch(root, name)
    _record_inputs(root, name, inputs.fingerprint)
    removed = prune(root, options.keep)
    if removed:
        detail = f"{detail}; removed {len(removed)}" if detail else f"removed {len(removed)}"
    return Outcome("released", name, detail)


def stamp(site: Path, name: str) -> None:
    """Write the build id into every page's head (``<meta name="newsroom-build">``), so a
    page saved by a reader or cached by a CDN tells which release it came from."""
    tag = f'<head>\n  <meta name="{META}" content="{name}">'
    for page in site.rglob("*.html"):
        if page.is_symlink() or not page.is_file():
            continue
        text = page.read_text(encoding="utf-8")
        if "<head>" in text:
            page.write_text(text.replace("<head>", tag, 1), encoding="utf-8")


def _inputs_of(root: Path) -> tuple[str, str] | None:
    """(release, fingerprint of its build's inputs) as recorded when it went live."""
    try:
        name, _, value = (root / INPUTS).read_text(encoding="ascii").strip().partition(" ")
    except (OSError, UnicodeDecodeError):
        return None
    return name, value


def _record_inputs(root: Path, name: str, fingerprint: str) -> None:
    """Note the live release's inputs; a failure only costs the next run a build."""
    temporary = root / f"{INPUTS}.{os.getpid()}"
    try:
        temporary.write_text(f"{name} {fingerprint}\n", encoding="ascii")
        os.rename(temporary, root / INPUTS)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()


def _digest_of(release_dir: Path) -> str | None:
    try:
        lines = (release_dir / BUILD_ID).read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    return lines[1].removeprefix("sha256:") if len(lines) > 1 else None


def prune(root: Path, keep: int) -> list[str]:
    """Remove the oldest releases beyond ``keep``; never the live one."""
    current = live(root)
    names = releases(root)
    doomed = [n for n in names[: max(len(names) - keep, 0)] if n != current]
    for name in doomed:
        shutil.rmtree(root / name)
    return doomed


def rollback(root: Path, to: str | None = None) -> tuple[str, str]:
    """Switch back to the release before the live one (or ``to``); hold new releases.

    The hold stops the scheduled publisher from releasing the newer content again; the next
    ``release --resume`` lifts it. Returns (from, to).
    """
    current = live(root)
    names = releases(root)
    if to is None:
        older = [n for n in names if current is None or n < current]
        if not older:
            raise DeployError("không có bản cũ hơn / no older release to roll back to")
        to = older[-1]
    switch(root, to)
    (root / HOLD).write_text(
        f"rollback {current} -> {to}; `newsroom deploy release --resume` to continue\n",
        encoding="utf-8",
    )
    return current or "-", to
