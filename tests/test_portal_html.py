"""Valid HTML: the Nu HTML checker (vnu-jar from the npm registry, run offline with Java) on
every kind of page in both languages. Errors caused by Material's own markup are listed here
one by one, each proven to come from Material's ``base.html``; anything else fails."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import Build, build_site
from portal_support import PAGED_CATEGORY, VNU_JAR, paged_articles

pytestmark = pytest.mark.build

JAVA = shutil.which("java")
if JAVA is None or not VNU_JAR.exists():
    _reason = "the Nu HTML checker needs java and `make tools`"
    if os.environ.get("CI") == "true":
        pytest.fail(_reason, pytrace=False)
    pytest.skip(_reason, allow_module_level=True)

PAGES = [
    "index.html",
    "tin-tuc/2026/cong-bo/index.html",
    f"chuyen-muc/{PAGED_CATEGORY}/trang/2/index.html",
    "the/dat-dai/index.html",
    "bao-chi/index.html",
    "bao-chi/nguon-tin/index.html",
    "tim-kiem/index.html",
    "tin-tuc/2026/go-bo/index.html",
    "404.html",
    "kha-nang-tiep-can/index.html",
]
PAGES += ["en/" + p for p in PAGES if not p.startswith(("the/", "tin-tuc/2026/go-bo", "chuyen"))]

MATERIAL_BASE = (
    Path(__import__("material").__file__).parent / "templates" / "base.html"
).read_text(encoding="utf-8")

#: Material 9.8.1 base.html: its drawer and search toggles are checkboxes with
#: autocomplete="off" (an attribute the HTML standard does not allow on checkboxes).
MATERIAL_ERRORS = {
    (
        "Attribute “autocomplete” is only allowed when the input type is",
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" '
        'autocomplete="off">',
    ),
    (
        "Attribute “autocomplete” is only allowed when the input type is",
        '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" '
        'autocomplete="off">',
    ),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return build_site(tmp_path_factory.mktemp("portal-html"), extra_files=paged_articles())


def test_material_errors_are_material_markup():
    for _message, markup in MATERIAL_ERRORS:
        assert markup in MATERIAL_BASE


def test_pages_have_no_html_errors_of_ours(site):
    files = [str(site.site / p) for p in PAGES]
    result = subprocess.run(
        [JAVA, "-jar", str(VNU_JAR), "--format", "json", "--errors-only", *files],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    ours = []
    for m in messages:
        source = site.site / m["url"].removeprefix("file:")
        line = source.read_text(encoding="utf-8").splitlines()[m["lastLine"] - 1].strip()
        if any(
            m["message"].startswith(text) and line == markup for text, markup in MATERIAL_ERRORS
        ):
            continue
        ours.append(f"{m['url']}:{m['lastLine']}: {m['message']} | {line[:160]}")
    assert ours == []
    assert messages, "the checker ran (Material's known errors are expected)"
