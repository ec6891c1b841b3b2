"""Small content trees in ``tmp_path`` for CLI and report tests (registries from the repo)."""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
REGISTRIES = REPO / "docs" / ".registries"
MKDOCS_YML = """site_name: Thử nghiệm
docs_dir: docs
extra:
  newsroom:
    timezone: Asia/Ho_Chi_Minh
    articles: tin-tuc
    registries: .registries
    message_language: vi
"""


def make_tree(root: Path, files: dict[str, str | bytes] | None = None) -> Path:
    """Write ``mkdocs.yml``, the sample registries and ``files`` (docs-relative); return
    the path of ``mkdocs.yml``."""
    docs = root / "docs"
    shutil.copytree(REGISTRIES, docs / ".registries")
    (docs / "tin-tuc").mkdir(parents=True, exist_ok=True)
    for name, content in (files or {}).items():
        target = docs / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8", newline="\n")
    config = root / "mkdocs.yml"
    config.write_text(MKDOCS_YML, encoding="utf-8")
    return config


def article(body: str = "Nội dung.\n", **fields: str) -> str:
    """A valid published-style article; ``fields`` override or add front-matter lines
    (a value of ``None`` removes the field)."""
    values: dict[str, str | None] = {
        "id": "2026-bai-thu",
        "title": "Bài thử",
        "summary": "Sa-pô của bài thử.",
        "date": "2026-03-02T09:00:00+07:00",
        "type": "tin-hoat-dong",
        "category": "hoat-dong-cua-bo",
        "unit": "van-phong-bo",
        "status": "approved",
        "approval": "\n  by: chanh-van-phong-bo\n  at: 2026-03-02T08:00:00+07:00",
    }
    values.update(fields)
    lines = [
        f"{k}: {v}" if not v.startswith("\n") else f"{k}:{v}"
        for k, v in values.items()
        if v is not None
    ]
    return "---\n" + "\n".join(lines) + "\n---\n\n" + body
