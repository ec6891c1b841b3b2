"""Shared test helpers: a real ``mkdocs build`` of a fixture site into ``tmp_path``.

The fixture site is the repository's own static pages, assets and templates (so tests see
what ships) with the articles and registries of ``tests/fixtures/site/docs`` instead of the
sample content. The clock is fixed with ``NEWSROOM_NOW``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from site_project import CHROMIUM, CHROMIUM_ARGS, write_config

REPO = Path(__file__).resolve().parents[1]
FIXTURE_DOCS = REPO / "tests" / "fixtures" / "site" / "docs"
FIXED_NOW = "2026-06-15T12:00:00+07:00"
SITE_URL = "https://example.gov.vn/"
MKDOCS = Path(sys.executable).parent / "mkdocs"

#: Marker strings of fixture articles that must never be published at FIXED_NOW.
UNPUBLISHED_MARKERS = (
    "MARKER-DRAFT-7f3a",
    "MARKER-REVIEW-91bc",
    "MARKER-SCHEDULED-5d2e",
    "MARKER-SCHEDULED-EN-8a9b",
    "MARKER-PRIVATE-FILE-3c7d",  # in the only attachment of the draft
)
WITHDRAWN_MARKER = "MARKER-WITHDRAWN-c4e1"
PUBLISHED_MARKER = "MARKER-PUBLISHED-a1b2"
ENGLISH_MARKER = "MARKER-ENGLISH-e5f6"


@dataclass
class Build:
    root: Path  # the project folder (mkdocs.yml, docs/)
    site: Path  # the output
    returncode: int
    output: str

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    def text(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")

    def files(self) -> list[Path]:
        return sorted(p for p in self.site.rglob("*") if p.is_file())


def make_project(
    root: Path, extra_files: dict[str, str] | None = None, strict: bool = True
) -> Path:
    """Lay out a buildable project in ``root``: repo pages + fixture articles + config."""
    docs = root / "docs"
    shutil.copytree(
        REPO / "docs",
        docs,
        ignore=shutil.ignore_patterns("tin-tuc", "tep", ".bao-chi", ".ke-hoach"),
    )
    shutil.rmtree(docs / ".registries")
    shutil.copytree(FIXTURE_DOCS, docs, dirs_exist_ok=True)
    for rel, content in (extra_files or {}).items():
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    write_config(root, strict)
    return root


def build_env(now: str = FIXED_NOW, **extra: str) -> dict[str, str]:
    """The environment of a fixture build: its clock, the site address, quiet MkDocs."""
    return {
        **os.environ,
        "NEWSROOM_NOW": now,
        "NEWSROOM_SITE_URL": SITE_URL,
        "NO_MKDOCS_2_WARNING": "1",
        **extra,
    }


def run_build(root: Path, now: str = FIXED_NOW, site: Path | None = None) -> Build:
    site = site or root / "site"
    result = subprocess.run(
        [str(MKDOCS), "build", "-f", str(root / "mkdocs.yml"), "-d", str(site)],
        cwd=root,
        env=build_env(now),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    return Build(root, site, result.returncode, result.stdout + result.stderr)


def run_build_after(root: Path, site: Path, preamble: str) -> Build:
    """Build ``root`` into ``site`` with MkDocs run in a Python that first runs ``preamble``
    (to turn one of the build's shortcuts off, say, and compare)."""
    run = f"import sys\n{preamble}\nfrom mkdocs.__main__ import cli\n"
    run += "cli.main(args=sys.argv[1:], prog_name='mkdocs')"
    result = subprocess.run(
        [sys.executable, "-c", run, "build", "-f", str(root / "mkdocs.yml"), "-d", str(site)],
        cwd=root,
        env=build_env(),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    return Build(root, site, result.returncode, result.stdout + result.stderr)


def build_site(
    tmp_path: Path,
    now: str = FIXED_NOW,
    extra_files: dict[str, str] | None = None,
    strict: bool = True,
) -> Build:
    """Build the fixture site into ``tmp_path/site``; fail the test if the build fails."""
    root = make_project(tmp_path / "project", extra_files, strict)
    build = run_build(root, now)
    if build.returncode != 0:
        pytest.fail(f"mkdocs build failed ({build.returncode}):\n{build.output}")
    return build


@pytest.fixture(scope="session")
def fixture_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """One shared build of the fixture site at FIXED_NOW (read-only for tests)."""
    return build_site(tmp_path_factory.mktemp("fixture"))


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's Chromium, headless, one per test module (Playwright's sync API allows one
    running instance per thread, and some modules drive their own)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS)
        )
        yield chromium
        chromium.close()
