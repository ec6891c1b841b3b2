"""The hostile repository (tests/hostile.py) built for real, strict and lenient.

Strict (`make build`): every case is named with its file and line, the build fails, and no
traceback is printed. `newsroom check` reports the same lines. Lenient (`--no-strict`, as a
preview would): the build goes on, and no output file — gzip'd sitemap and Pagefind
fragments included — holds anything of a refused or unpublished file, or anything that
can run script.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXED_NOW, SITE_URL, Build, make_project, run_build
from hostile import CASES, SCRIPT_CALL, article, lay_out
from lxml import etree, html
from newsroom.content import urlpolicy
from test_build import readable

pytestmark = pytest.mark.build
NEWSROOM = Path(sys.executable).parent / "newsroom"

#: A valid, published article whose text fields carry markup: shown as text everywhere.
MARKUP_TEXT = f'<img src=x onerror="{SCRIPT_CALL}()"><b>đậm</b>'
TEXT_FIELDS = article(
    "van-ban-01",
    "HOSTILE-TEXT-80",
    **{
        'title: "Cưỡng chế thi hành án về đất đai tại Hà Nội"': f"title: '{MARKUP_TEXT}'",
        "summary: Cơ quan": f"summary: Cơ quan {MARKUP_TEXT}",
        "authors: [Phòng Truyền thông]": f"authors: ['{MARKUP_TEXT}']",
    },
)


def _project(root: Path, strict: bool) -> Path:
    project = make_project(root, {"tin-tuc/2026/van-ban.md": TEXT_FIELDS}, strict=strict)
    lay_out(project / "docs", root / "outside")
    return project


@pytest.fixture(scope="module")
def strict_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return run_build(_project(tmp_path_factory.mktemp("strict") / "p", strict=True))


@pytest.fixture(scope="module")
def lenient_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = run_build(_project(tmp_path_factory.mktemp("lenient") / "p", strict=False))
    assert build.returncode == 0, build.output
    return build


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_strict_build_names_every_case(strict_build: Build, case) -> None:
    assert strict_build.returncode != 0
    for fragment in case.expected:
        assert fragment in strict_build.output, (fragment, strict_build.output[-4000:])


def _newsroom(root: Path, command: str) -> subprocess.CompletedProcess:
    """The editors' CLI in the hostile project, at the fixture's moment."""
    return subprocess.run(
        [str(NEWSROOM), command],
        cwd=root,
        env={**os.environ, "NEWSROOM_NOW": FIXED_NOW, "NEWSROOM_SITE_URL": SITE_URL},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_no_traceback_and_check_reports_the_same(strict_build: Build) -> None:
    assert "Traceback" not in strict_build.output
    result = _newsroom(strict_build.root, "check")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    reported = [line for line in result.stdout.splitlines() if ": E0" in line]
    assert reported and all(line in strict_build.output for line in reported)
    for case in CASES:
        for fragment in case.expected:
            assert fragment in result.stdout, fragment


def test_make_build_fingerprints_the_tree_and_stops_on_every_case(strict_build: Build) -> None:
    """``newsroom build`` (``make build``) reads the whole hostile tree for its fingerprint
    (links never followed, FIFOs never opened) and then fails like the build, recording
    nothing: a second run builds (and fails) again."""
    for _run in range(2):
        result = _newsroom(strict_build.root, "build")
        assert result.returncode == 1, result.stdout + result.stderr
        assert "Traceback" not in result.stdout + result.stderr
        assert "is up to date" not in result.stdout
        for case in CASES:
            for fragment in case.expected:
                assert fragment in result.stderr, fragment


@pytest.mark.parametrize("case", [c for c in CASES if c.marker], ids=lambda c: c.name)
def test_lenient_build_publishes_nothing_of_a_refused_case(lenient_build: Build, case) -> None:
    leaked = [
        str(p.relative_to(lenient_build.site))
        for p in lenient_build.files()
        if case.marker.lower() in readable(p)
    ]
    assert leaked == []


def test_lenient_build_holds_no_symlink_and_no_raw_markup_file(lenient_build: Build) -> None:
    for path in lenient_build.site.rglob("*"):
        assert not path.is_symlink(), path
    assert not (lenient_build.site / "tep/trang.html").exists()
    assert not (lenient_build.site / "tep/ma.js").exists()
    assert not (lenient_build.site / "tep/hinh.svg").exists()
    assert not list(lenient_build.site.glob("tep/javascript*"))


def test_text_fields_are_text_in_every_format(lenient_build: Build) -> None:
    """Title, summary and bylines with markup are escaped once for the format they land in."""
    page = lenient_build.text("tin-tuc/2026/van-ban/index.html")
    assert "&lt;b&gt;đậm&lt;/b&gt;" in page
    rss = etree.fromstring((lenient_build.site / "feeds/rss.xml").read_bytes())
    item = next(i for i in rss.iter("item") if "van-ban" in i.findtext("link"))
    # RSS <description> is HTML: the summary must arrive as escaped text, not as an <img>
    assert "&lt;img" in item.findtext("description")
    feed = json.loads((lenient_build.site / "feeds/feed.json").read_text(encoding="utf-8"))
    entry = next(i for i in feed["items"] if "van-ban" in i["url"])
    assert MARKUP_TEXT in entry["summary"]  # JSON Feed "summary" is plain text


def _active_content(fragment: str, where: str) -> list[str]:
    """Script, event handlers or non-allowed URLs that content put into an HTML fragment."""
    found = []
    tree = html.fromstring(f"<div>{fragment}</div>")
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "script" and element.get("type") == "application/ld+json":
            data = element.text or ""
            json.loads(data)  # structured data: must stay one JSON value, never end the element
            if "<" in data:
                found.append(f"{where}: raw '<' in JSON-LD")
        elif element.tag == "script" and SCRIPT_CALL in (element.text or ""):
            found.append(f"{where}: <script>")
        for name, value in element.attrib.items():
            if name.startswith("on") and SCRIPT_CALL in value:
                found.append(f"{where}: {name}")
            if name in {"href", "src", "action", "formaction"} and not urlpolicy.is_allowed(value):
                found.append(f"{where}: {name}={value[:40]}")
    return found


def _holds_html(element: etree._Element) -> bool:
    """Feed elements whose text readers render as HTML (RSS description, Atom type=html)."""
    if not isinstance(element.tag, str):
        return False
    name = etree.QName(element).localname
    return name in {"description", "encoded"} or element.get("type") in {"html", "xhtml"}


def test_nothing_from_content_can_run_in_any_output(lenient_build: Build) -> None:
    found: list[str] = []
    for path in lenient_build.files():
        rel = str(path.relative_to(lenient_build.site))
        if path.suffix == ".html":
            found += _active_content(path.read_text(encoding="utf-8"), rel)
        elif path.suffix == ".xml" and "sitemap" not in path.name:
            for element in etree.fromstring(path.read_bytes()).iter():
                if _holds_html(element):
                    found += _active_content(element.text or "", f"{rel} <{element.tag}>")
        elif path.suffix == ".json" and path.name == "feed.json":
            for item in json.loads(path.read_text(encoding="utf-8"))["items"]:
                found += _active_content(item.get("content_html", ""), f"{rel} {item['id']}")
        elif rel.startswith("pagefind/"):
            continue  # search data, shown as text by search.js (see test_hostile_browser.py)
        elif SCRIPT_CALL.lower() in readable(path):
            found.append(f"{rel}: {SCRIPT_CALL}")
    assert found == []
