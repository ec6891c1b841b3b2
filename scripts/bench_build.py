"""Benchmark (not a test): Newsroom's builds and preview beside bare Material on one corpus.

    .venv/bin/python scripts/bench_build.py --sizes 500,2000

For each size, a fresh project (this repo's pages, templates and hooks + a synthetic corpus,
fixed NEWSROOM_NOW) is measured in this order, each figure with the peak memory of the
process tree (the largest of MkDocs and the Pagefind service):

- full build: clean checkout, no ``.cache/`` and no ``site/``, with the production command
  (``make build`` = ``newsroom build``);
- no-change rebuild: the same command again (it finds ``site/`` up to date), and with
  ``--force`` (everything built again, through the page cache);
- one-change rebuild: one article's title and body edited, then the same command;
- preview: ``mkdocs serve`` until the edited article is served, then the time from saving
  another edit to that article until the server returns the new text; then ``mkdocs serve``
  started again (an editor's next session: the page cache holds the preview's pages);
- bare Material on the same articles (no hooks, no i18n, articles out of the navigation),
  with its search plugin and without.

Prints a Markdown table (the README's performance table is made from it) and the load.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from site_project import REPO, write_config
from synthetic_corpus import write_corpus

NOW = "2026-11-22T12:00:00+07:00"
MKDOCS = str(Path(sys.executable).parent / "mkdocs")
NEWSROOM = str(Path(sys.executable).parent / "newsroom")
#: The article edited by the rebuild and preview measurements (index 7 of the corpus).
EDITED = "tin-tuc/2020/bai-tong-hop-00007.md"
#: The flags `make serve` passes (read from the Makefile, so the figure is what editors get).
SERVE_FLAGS = tuple(
    flag
    for line in (REPO / "Makefile").read_text(encoding="utf-8").splitlines()
    if "mkdocs serve" in line
    for flag in line.split()
    if flag in ("--dirty", "--no-strict")
)
#: Run a command, then print the peak RSS (KiB) and the CPU seconds of its process tree.
PEAK = (
    "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
    "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
    "print(u.ru_maxrss, u.ru_utime + u.ru_stime); sys.exit(r.returncode)"
)
BARE_CONFIG = """site_name: Bare Material
docs_dir: docs
use_directory_urls: true
theme:
  name: material
  language: vi
  font: false
nav:
  - index.md
not_in_nav: |
  /tin-tuc/**
markdown_extensions: [toc, tables, admonition, attr_list, md_in_html, def_list, footnotes]
plugins: {plugins}
"""


def make_project(root: Path, count: int) -> Path:
    """This repository's pages and templates with ``count`` synthetic articles (no desk)."""
    docs = root / "docs"
    ignore = shutil.ignore_patterns("tin-tuc", ".bao-chi", ".ke-hoach")
    shutil.copytree(REPO / "docs", docs, ignore=ignore)
    write_corpus(docs, count)
    write_config(root)
    return root


def make_bare(root: Path, docs: Path, search: bool) -> Path:
    """Bare Material on the same article Markdown (an index page and ``tin-tuc/``)."""
    (root / "docs").mkdir(parents=True)
    shutil.copytree(docs / "tin-tuc", root / "docs" / "tin-tuc")
    (root / "docs" / "index.md").write_text("# Tin tức\n", encoding="utf-8")
    plugins = "[search]" if search else "[]"
    (root / "mkdocs.yml").write_text(BARE_CONFIG.format(plugins=plugins), encoding="utf-8")
    return root


def environment() -> dict[str, str]:
    return {**os.environ, "NEWSROOM_NOW": NOW, "NO_MKDOCS_2_WARNING": "1"}


class Run:
    """One measured build: wall and CPU seconds (the machine is shared: CPU time is the
    figure that load does not inflate), peak MB."""

    def __init__(self, wall: float, cpu: float, peak: float) -> None:
        self.wall, self.cpu, self.peak = wall, cpu, peak

    def __str__(self) -> str:
        return f"{self.wall:.1f} s ({self.cpu:.1f} s CPU)"


def timed_build(root: Path, production: bool = False, force: bool = False) -> Run:
    """Wall seconds, CPU seconds and peak MB of ``mkdocs build`` in ``root``; ``production``:
    of ``newsroom build`` (``make build``) instead, with ``--force`` if ``force``."""
    config = str(root / "mkdocs.yml")
    if production:
        tool = [NEWSROOM, "-f", config, "build", *(["--force"] if force else [])]
    else:
        tool = [MKDOCS, "build", "-q", "-f", config]
    command = [sys.executable, "-c", PEAK, *tool]
    start = time.perf_counter()
    result = subprocess.run(
        command, env=environment(), cwd=root, capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - start
    if result.returncode:
        sys.exit(f"build failed in {root}:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    peak, cpu = result.stdout.split()[-2:]
    return Run(wall, float(cpu), int(peak) / 1024)


def edit(docs: Path, marker: str) -> None:
    """Change the edited article's title and first paragraph (an editor's correction)."""
    path = docs / EDITED
    text = path.read_text(encoding="utf-8")
    head, _, body = text.partition("\n---\n")
    head = "\n".join(
        f'title: "Bản tin đã sửa {marker}"' if line.startswith("title:") else line
        for line in head.splitlines()
    )
    path.write_text(f"{head}\n---\n\n{marker}\n{body}", encoding="utf-8")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(url: str, text: str, limit: float = 900) -> float:
    """Seconds until ``url`` serves a page containing ``text``."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        page = fetch(url)
        if page is not None and text in page:
            return time.perf_counter() - start
        time.sleep(0.2)
    raise TimeoutError(f"{url} never showed {text!r}")


def preview(root: Path, port: int, marker: str = "MARKER-PREVIEW") -> tuple[float, float]:
    """(seconds until ``mkdocs serve`` serves the edited article, save → new text served).

    An editor's ``make serve`` always uses the same address, which the preview's pages show
    (so the page cache keys it): both sessions use ``port``."""
    url = f"http://127.0.0.1:{port}/{EDITED[: -len('.md')]}/"
    server = subprocess.Popen(
        [MKDOCS, "serve", *SERVE_FLAGS, "-a", f"127.0.0.1:{port}", "-f", str(root / "mkdocs.yml")],
        env=environment(),
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        ready = wait_for(url, "MARKER-")
        time.sleep(1)  # let the watcher settle
        edit(root / "docs", marker)
        return ready, wait_for(url, marker)
    finally:
        server.terminate()
        server.wait(timeout=60)


def measure(count: int) -> list[str]:
    """The table rows of one size."""
    with tempfile.TemporaryDirectory(prefix="newsroom-bench-") as tmp:
        root = make_project(Path(tmp) / "newsroom", count)
        full = timed_build(root, production=True)
        files = [p for p in (root / "site").rglob("*") if p.is_file()]
        pages = sum(1 for p in files if p.suffix == ".html")
        size = sum(p.stat().st_size for p in files) / 1e6
        same = timed_build(root, production=True, force=True)
        skipped = timed_build(root, production=True)
        edit(root / "docs", "MARKER-ONE-CHANGE")
        one = timed_build(root, production=True)
        port = free_port()
        ready, saved = preview(root, port)
        again, _saved = preview(root, port, "MARKER-AGAIN")  # the editor's next `make serve`
        bare_search = timed_build(make_bare(Path(tmp) / "bs", root / "docs", True))
        bare = timed_build(make_bare(Path(tmp) / "b", root / "docs", False))
    name = f"{count:,} ({pages:,} pages, {size:.0f} MB)"
    ratio = f"{full.wall / bare_search.wall:.2f}× wall, {full.cpu / bare_search.cpu:.2f}× CPU"
    return [
        f"| {name} | full build | {full} | {full.peak:.0f} MB |"
        f" {bare_search} ({ratio}) | {bare_search.peak:.0f} MB |"
        f" {bare} | {bare.peak:.0f} MB |",
        f"| | no-change rebuild (`make build`: up to date) | {skipped} | {skipped.peak:.0f} MB"
        " | | | | |",
        f"| | no-change rebuild, `--force` (page cache) | {same} | {same.peak:.0f} MB | | | | |",
        f"| | one-change rebuild | {one} | {one.peak:.0f} MB | | | | |",
        f"| | `mkdocs serve` ready (first, again) | {ready:.1f} s, {again:.1f} s | | | | | |",
        f"| | preview: save → page served | {saved:.1f} s | | | | | |",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500,2000")
    args = parser.parse_args()
    print(f"load before: {os.getloadavg()[0]:.2f} (1 min), {os.cpu_count()} CPUs", flush=True)
    print(
        "| articles | measurement | Newsroom | peak | bare Material + search | peak |"
        " bare Material, no search | peak |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for count in (int(s) for s in args.sizes.split(",")):
        for row in measure(count):
            print(row, flush=True)
    print(f"load after: {os.getloadavg()[0]:.2f} (1 min)", flush=True)


if __name__ == "__main__":
    main()
