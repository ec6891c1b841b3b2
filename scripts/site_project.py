"""A throw-away project that builds with this repository's hooks, templates and config.

Used by the test fixtures and the benchmarks: the caller fills ``root/docs``; this writes
``root/mkdocs.yml`` = the repository's own config with absolute paths to ``hooks/`` and
``overrides/``, so what is measured and tested is exactly what ships.
"""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def write_config(root: Path, strict: bool = True) -> Path:
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("custom_dir: overrides", f"custom_dir: {REPO / 'overrides'}")
    config = re.sub(r"^(\s+- )hooks/", rf"\g<1>{REPO}/hooks/", config, flags=re.MULTILINE)
    if not strict:
        config = config.replace("strict: true", "strict: false")
    path = root / "mkdocs.yml"
    path.write_text(config, encoding="utf-8")
    return path
