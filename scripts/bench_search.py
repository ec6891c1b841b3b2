"""Benchmark (not a test): search index time, size on disk and bytes fetched for a first query.

    .venv/bin/python scripts/bench_search.py --sizes 1000,10000

Each size gets a fresh project (this repo's pages, templates and hooks + a synthetic corpus of
valid Vietnamese articles, 20 % translated), built with a fixed NEWSROOM_NOW. The site is then
served on 127.0.0.1 and Debian's Chromium types each query into the header box, with a cold
cache, at once ("cold") and after the box has had the focus for 3 s ("focused": the search
loads its program and index lists on focus, as when a reader clicks the box and then types).
The box shows the newest index's results first (the newest year, or its last months once a
year is split) and then all results ranked; for both moments, the time (the page's own clock,
from the first keystroke) and the bytes of every /pagefind/ file fetched until then are printed
(Playwright network events; the server sends no compression, so bytes on the wire equal bytes
on disk). A URL fetched again by the same page (another worker loading the program files the
first one loaded) is counted once: the browser takes it from its cache.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import NamedTuple

from bench_build import make_project
from site_project import CHROMIUM, CHROMIUM_ARGS

NOW = "2026-11-22T12:00:00+07:00"
QUERIES = ("thi hanh an", "người phải thi hành án", "dat dai", "tranh chấp")
_LOG = re.compile(r"search: (?P<pages>.*?) trang, (?P<mb>[\d.]+) MB, (?P<s>[\d.]+) s")


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def build(root: Path) -> tuple[float, str]:
    env = {**os.environ, "NEWSROOM_NOW": NOW, "NO_MKDOCS_2_WARNING": "1"}
    mkdocs = Path(sys.executable).parent / "mkdocs"
    started = time.perf_counter()
    result = subprocess.run(
        [str(mkdocs), "build", "-f", str(root / "mkdocs.yml")],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise SystemExit(f"build failed:\n{result.stdout}{result.stderr}")
    return time.perf_counter() - started, result.stdout + result.stderr


#: In the page: the time of the first keystroke (the box's first ``input`` event), of the
#: first result shown, and of all results shown (the list no longer ``aria-busy``), by the
#: page's own clock (Playwright's event handling is not counted).
RESULT_CLOCK = """
document.addEventListener("input", () => { window.nrTyped ??= performance.now(); }, true);
new MutationObserver(() => {
    const results = document.querySelector(".nr-search__results");
    if (!window.nrTyped || !results || !results.querySelector(".nr-search__result")) return;
    window.nrFirstResult ??= performance.now();
    if (!results.hasAttribute("aria-busy")) window.nrAllResults ??= performance.now();
}).observe(document, {subtree: true, childList: true, attributes: true});
"""

#: How long the box has the focus before the query is typed, per case.
FOCUS_FIRST = {"cold": 0, "focused": 3000}


@dataclasses.dataclass(frozen=True)
class Moment:
    """Seconds after the first keystroke, and what had been fetched from /pagefind/ by then."""

    seconds: float
    size: int
    requests: int

    def __str__(self) -> str:
        return f"{self.seconds:.2f} s ({self.size / 1024:.0f} KB, {self.requests} requests)"


class Shown(NamedTuple):
    first: Moment
    every: Moment


def first_queries(site: Path, queries: tuple[str, ...]) -> dict[tuple[str, str], Shown]:
    """Per query and case: when the first results, and all results, were shown."""
    from playwright.sync_api import sync_playwright

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/"
    found = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS)
            )
            for query in queries:
                for case, focus_ms in FOCUS_FIRST.items():
                    shown = type_query(browser, url, query, focus_ms)
                    if shown:
                        found[query, case] = shown
                    else:
                        print(f"        {query!r} ({case}): no results after 60 s")
            browser.close()
    finally:
        httpd.shutdown()
    return found


def type_query(browser, url: str, query: str, focus_ms: int) -> Shown | None:
    """Type `query` into the header box of a new page with a cold cache."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page = browser.new_context().new_page()
    fetched: dict[str, int] = {}

    def count(response) -> None:
        if "/pagefind/" in response.url and response.url not in fetched:
            fetched[response.url] = len(response.body())

    def moment(clock: str) -> Moment:
        page.wait_for_function(clock, timeout=60_000)
        seconds = page.evaluate(f"{clock} - window.nrTyped") / 1000
        return Moment(seconds, sum(fetched.values()), len(fetched))

    page.on("response", count)
    page.add_init_script(RESULT_CLOCK)
    page.goto(url)
    page.focus("#nr-search-input")
    page.wait_for_timeout(focus_ms)
    page.fill("#nr-search-input", query)
    try:
        return Shown(moment("window.nrFirstResult"), moment("window.nrAllResults"))
    except PlaywrightTimeout:
        return None
    finally:
        page.context.close()


def measure(count: int) -> list[str]:
    with tempfile.TemporaryDirectory(prefix="newsroom-bench-search-") as tmp:
        root = make_project(Path(tmp), count)
        wall, output = build(root)
        match = _LOG.search(output)
        if not match:
            raise SystemExit(f"no search log line in the build output:\n{output}")
        lines = [
            f"{count:>6} articles: build {wall:6.1f} s; index {match['s']} s, "
            f"{match['mb']} MB on disk ({match['pages']} pages)"
        ]
        print(lines.pop(), flush=True)
        for (query, case), (first, every) in first_queries(root / "site", QUERIES).items():
            lines.append(f"        {query!r} ({case}): first results {first}; all {every}")
        return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    args = parser.parse_args()
    for count in (int(s) for s in args.sizes.split(",")):
        print("\n".join(measure(count)), flush=True)


if __name__ == "__main__":
    main()
