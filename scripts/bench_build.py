"""Benchmark (not a test): wall time, peak memory and output size of a production build.

    .venv/bin/python scripts/bench_build.py --sizes 500,2000

Each size gets a fresh project (this repo's pages, templates and hooks + a synthetic corpus)
built with a fixed NEWSROOM_NOW; prints one line per size.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from site_project import REPO, write_config
from synthetic_corpus import write_corpus


def make_project(root: Path, count: int) -> Path:
    docs = root / "docs"
    shutil.copytree(REPO / "docs", docs, ignore=shutil.ignore_patterns("tin-tuc"))
    write_corpus(docs, count)
    write_config(root)
    return root


def measure(count: int) -> str:
    with tempfile.TemporaryDirectory(prefix="newsroom-bench-") as tmp:
        root = make_project(Path(tmp), count)
        env = {
            **os.environ,
            "NEWSROOM_NOW": "2026-11-22T12:00:00+07:00",
            "NO_MKDOCS_2_WARNING": "1",
        }
        start = time.perf_counter()
        result = subprocess.run(
            [
                str(Path(sys.executable).parent / "mkdocs"),
                "build",
                "-q",
                "-f",
                str(root / "mkdocs.yml"),
            ],
            env=env,
            check=False,
            capture_output=True,
            text=True,
        )
        wall = time.perf_counter() - start
        if result.returncode:
            tail = (result.stdout + result.stderr).splitlines()[-5:]
            return f"{count}: build failed\n" + "\n".join(tail)
        rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        site = root / "site"
        files = [p for p in site.rglob("*") if p.is_file()]
        size = sum(p.stat().st_size for p in files) / 1e6
        pages = sum(1 for p in files if p.suffix == ".html")
        return (
            f"{count:>6} articles: {wall:6.1f} s, peak RSS {rss:5.0f} MB, "
            f"{pages} HTML pages, {size:6.1f} MB output"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500,2000")
    args = parser.parse_args()
    for count in (int(s) for s in args.sizes.split(",")):
        print(measure(count), flush=True)


if __name__ == "__main__":
    main()
