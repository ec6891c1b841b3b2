"""The error-code page is generated from the one catalogue, and a real build links to it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from newsroom.common.messages import CATALOGUE
from newsroom.content.schema import FIELDS
from newsroom.site import guide

REPO = Path(__file__).resolve().parents[1]
MKDOCS = Path(sys.executable).parent / "mkdocs"


def test_every_catalogue_code_has_a_row_with_its_fix():
    page = guide.error_code_page()
    rows = [line for line in page.splitlines() if line.startswith("| <span")]
    assert len(rows) == len(CATALOGUE)
    for code, message in CATALOGUE.items():
        row = next(r for r in rows if f"`{code}`" in r)
        assert message.fix.replace("|", "\\|") in row
        assert ("lỗi" if message.severity == "error" else "cảnh báo") in row
    assert "{" not in page  # placeholders are shown as ‹name›, never as attribute lists
    assert "‹value›" in page


SITE_YML = f"""site_name: Thử
docs_dir: docs
strict: true
theme:
  name: material
  language: vi
  font: false
not_in_nav: |
  /huong-dan/**
validation:
  links:
    not_found: warn
plugins:
  - i18n:
      docs_structure: suffix
      fallback_to_default: false
      languages:
        - locale: vi
          default: true
          name: Tiếng Việt
        - locale: en
          name: English
hooks:
  - {REPO / "hooks" / "guide.py"}
"""


@pytest.mark.build
def test_build_generates_the_page_and_the_guide_link_resolves(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(REPO / "docs/huong-dan", docs / "huong-dan")  # every page of the guide
    (docs / "index.md").write_text("# Trang chủ\n", encoding="utf-8")
    (docs / "index.en.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(SITE_YML, encoding="utf-8")
    result = subprocess.run(
        [str(MKDOCS), "build", "--strict"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site/huong-dan/ma-loi/index.html").read_text(encoding="utf-8")
    for code in CATALOGUE:
        assert f"<code>{code}</code>" in page
    guide_html = (tmp_path / "site/huong-dan/index.html").read_text(encoding="utf-8")
    assert 'href="ma-loi/"' in guide_html
    assert guide.FIELDS_MARKER not in guide_html  # the field tables replaced their marker
    for spec in FIELDS:
        assert f"<td><code>{spec.name}</code>" in guide_html
    # without the site's types registry, the condition names the registry
    assert "loại tin có trường này trong <code>requires</code>" in guide_html
    assert not (tmp_path / "site/en/huong-dan").exists()  # the guide is Vietnamese only
