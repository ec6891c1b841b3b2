"""Benchmark (not a test): search index time, size on disk and bytes fetched for a first query.

    .venv/bin/python scripts/bench_search.py --sizes 1000,10000

Each size gets a fresh project (this repo's pages, templates and hooks + a synthetic corpus of
valid Vietnamese articles, 20 % translated), built with a fixed NEWSROOM_NOW. The site is then
served on 127.0.0.1 and Debian's Chromium types each query into the header box; the bytes of
every /pagefind/ file fetched until the first results are shown are summed (Playwright network
events; the server sends no compression, so bytes on the wire equal bytes on disk). A URL
fetched again by the same page (the search's second worker loading the program files the first
one loaded) is counted once: the browser takes it from its cache. The time is the page's own:
from the first keystroke to the first result in the list.
"""

from __future__ import annotations

import argparse
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


#: In the page: the time of the first keystroke (the box's first ``input`` event) and of the
#: first result shown, by the page's own clock (Playwright's event handling is not counted).
FIRST_RESULT_CLOCK = """
document.addEventListener("input", () => { window.nrTyped ??= performance.now(); }, true);
new MutationObserver((_, seen) => {
    if (!document.querySelector(".nr-search__result")) return;
    window.nrFirstResult = performance.now();
    seen.disconnect();
}).observe(document, {subtree: true, childList: true});
"""


def first_query_bytes(site: Path, queries: tuple[str, ...]) -> dict[str, tuple[int, int, float]]:
    """Per query: (bytes, requests, seconds) fetched from /pagefind/ until results appear."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
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
                page = browser.new_context().new_page()  # a cold cache for every query
                fetched: dict[str, int] = {}

                def count(response, fetched=fetched) -> None:
                    if "/pagefind/" in response.url and response.url not in fetched:
                        fetched[response.url] = len(response.body())

                page.on("response", count)
                page.add_init_script(FIRST_RESULT_CLOCK)
                page.goto(url)
                page.fill("#nr-search-input", query)
                try:
                    page.wait_for_selector(".nr-search__result", timeout=60_000)
                except PlaywrightTimeout:
                    status = page.inner_text(".nr-search__status")
                    print(f"        {query!r}: no results after 60 s (status {status!r})")
                    found[query] = (sum(fetched.values()), len(fetched), float("nan"))
                    page.context.close()
                    continue
                seconds = page.evaluate("window.nrFirstResult - window.nrTyped") / 1000
                found[query] = (sum(fetched.values()), len(fetched), seconds)
                page.context.close()
            browser.close()
    finally:
        httpd.shutdown()
    return found


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
        for query, (size, requests, seconds) in first_query_bytes(root / "site", QUERIES).items():
            lines.append(
                f"        first query {query!r}: {size / 1024:7.0f} KB in {requests} requests, "
                f"results after {seconds:.2f} s"
            )
        return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    args = parser.parse_args()
    for count in (int(s) for s in args.sizes.split(",")):
        print("\n".join(measure(count)), flush=True)


if __name__ == "__main__":
    main()
