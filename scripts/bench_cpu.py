"""Benchmark (not a test): where a clean production build's CPU time goes, beside bare Material.

    .venv/bin/python scripts/bench_cpu.py --articles 10000

Makes the benchmark's project (``bench_build.make_project``: this repository's pages,
templates and hooks with a synthetic corpus, fixed ``NEWSROOM_NOW``), runs one clean
``newsroom build`` in this process, and adds up the CPU time (user + system) of each part:

- the build itself (MkDocs and the hooks, in this process);
- each forked copy of the build, by its job: the content scan, Markdown and templates
  converted from the last page, each search index's pages staged, the index folders
  packed and written at the end;
- Pagefind, each run timed by ``/usr/bin/time`` (without it, Pagefind is counted with the
  copy that started it).

Then bare Material on the same articles (``bench_build.make_bare``): with its own search,
the figure the issue compares with, and without it, followed by Pagefind indexing its whole
site (what bare Material would cost with the search this project uses). Prints a Markdown
table.
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
from collections import defaultdict
from pathlib import Path
from typing import Any

from bench_build import PEAK, Run, environment, make_bare, make_project, timed_build

TIME = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)
#: What each kind of forked copy does, by the name of the function it runs.
JOBS = {
    "convert": "Markdown converted from the last page",
    "render": "templates rendered from the last page",
    "work": "content scan",
    "stage": "search pages staged",
    "share": "search index folders packed and written at the end",
}


def _job(work: Any) -> str:
    """The job of a copy's function: its own name, or that of a function it closes over."""
    names = [getattr(work, "__name__", "")]
    for cell in getattr(work, "__closure__", None) or ():
        names.append(getattr(cell.cell_contents, "__name__", ""))
    for name in reversed(names):
        if name in JOBS:
            return JOBS[name]
    return "other copy"


def _cpu(usage: resource.struct_rusage) -> float:
    return usage.ru_utime + usage.ru_stime


def build_with_accounts(project: Path, log: Path) -> tuple[float, float, float]:
    """Run ``newsroom build`` in ``project`` in this process, each copy writing its CPU time
    to ``log``; (wall, this process's CPU, its children's CPU)."""
    from newsroom.common import forking
    from newsroom.outputs import pagefind_runs

    if TIME is not None:
        pagefind_runs.COMMAND = (TIME, "-a", "-o", str(log), "-f", "Pagefind\t%U\t%S")
        pagefind_runs.COMMAND += (sys.executable, "-m", "pagefind", "--silent")
    run_in_copy = forking.run_in_copy
    job = [""]

    def note() -> None:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        with open(log, "a", encoding="utf-8") as out:
            out.write(f"{job[0]}\t{usage.ru_utime}\t{usage.ru_stime}\n")

    def counted(work: Any, failed: int) -> int:
        def copy() -> int:
            job[0] = _job(work)
            try:
                return int(work())
            finally:
                note()

        return run_in_copy(copy, failed)

    execv = os.execv

    def noted_execv(path: Any, args: Any) -> None:  # a copy becoming Pagefind
        note()
        job[0] = ""
        execv(path, args)

    forking.run_in_copy = counted  # type: ignore[assignment]
    os.execv = noted_execv
    os.chdir(project)
    os.environ.update(environment())
    sys.argv = ["newsroom", "-f", "mkdocs.yml", "build"]
    from newsroom_cli.main import main

    own, children = (
        _cpu(resource.getrusage(resource.RUSAGE_SELF)),
        _cpu(resource.getrusage(resource.RUSAGE_CHILDREN)),
    )
    start = time.perf_counter()
    try:
        main()
    except SystemExit as end:
        if end.code:
            raise
    return (
        time.perf_counter() - start,
        _cpu(resource.getrusage(resource.RUSAGE_SELF)) - own,
        _cpu(resource.getrusage(resource.RUSAGE_CHILDREN)) - children,
    )


def table(
    log: Path,
    wall: float,
    own: float,
    children: float,
    bare: Run,
    bare_pagefind: tuple[Run, Run],
) -> list[str]:
    parts: dict[str, list[float]] = defaultdict(lambda: [0.0, 0])
    for line in log.read_text(encoding="utf-8").splitlines():
        name, user, system = line.split("\t")
        if name:  # (a copy that became Pagefind noted its part before)
            parts[name][0] += float(user) + float(system)
            parts[name][1] += 1
    counted = sum(seconds for seconds, _ in parts.values())
    rows = [
        "| part | CPU s | runs |",
        "|---|---:|---:|",
        f"| the build (MkDocs and the hooks) | {own:.1f} | 1 |",
    ]
    rows += [f"| {name} | {s:.1f} | {n} |" for name, (s, n) in sorted(parts.items())]
    if children - counted > 0.5:
        rows.append(f"| other processes (git, …) | {children - counted:.1f} | |")
    rows.append(f"| **all** (wall {wall:.1f} s) | **{own + children:.1f}** | |")
    rows.append(f"| bare Material + its search (wall {bare.wall:.1f} s) | {bare.cpu:.1f} | 1 |")
    plain, pagefind = bare_pagefind
    rows.append(
        f"| bare Material, no search, then Pagefind on its site (wall {plain.wall:.1f} + "
        f"{pagefind.wall:.1f} s) | {plain.cpu:.1f} + {pagefind.cpu:.1f} | 2 |"
    )
    return rows


def pagefind_on(site: Path) -> Run:
    """Pagefind's command indexing every page of ``site`` (wall, CPU of the process tree)."""
    command = [sys.executable, "-c", PEAK, sys.executable, "-m", "pagefind", "--silent"]
    command += ["--site", str(site), "--output-path", str(site.parent / "pagefind")]
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - start
    peak, cpu = result.stdout.split()[-2:]
    return Run(wall, float(cpu), int(peak) / 1024)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="nr-cpu-") as scratch:
        root = Path(scratch)
        project = make_project(root / "project", args.articles)
        bare = timed_build(make_bare(root / "bare", project / "docs", search=True))
        plain = make_bare(root / "plain", project / "docs", search=False)
        bare_pagefind = timed_build(plain), pagefind_on(plain / "site")
        log = root / "cpu.tsv"
        log.touch()
        accounts = build_with_accounts(project, log)
        print("\n".join(table(log, *accounts, bare, bare_pagefind)), flush=True)


if __name__ == "__main__":
    main()
