"""Shared by the tests and the benchmarks: a throw-away project and the browser they drive.

For a project the caller fills ``root/docs``; :func:`write_config` writes ``root/mkdocs.yml`` =
the repository's own config with absolute paths to ``hooks/`` and ``overrides/``, so what is
measured and tested is exactly what ships.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

#: The browser the tests and the search benchmark drive: Debian's Chromium (`make browser`
#: installs it); elsewhere (GitHub's Ubuntu runners ship Google Chrome, Ubuntu's chromium is
#: a snap) NEWSROOM_CHROMIUM names the binary.
CHROMIUM = Path(os.environ.get("NEWSROOM_CHROMIUM", "/usr/bin/chromium"))
#: Headless, and nothing that would try to reach the network from this closed machine.
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


def write_config(root: Path, strict: bool = True) -> Path:
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("custom_dir: overrides", f"custom_dir: {REPO / 'overrides'}")
    config = re.sub(r"^(\s+- )hooks/", rf"\g<1>{REPO}/hooks/", config, flags=re.MULTILINE)
    if not strict:
        config = config.replace("strict: true", "strict: false")
    path = root / "mkdocs.yml"
    path.write_text(config, encoding="utf-8")
    return path
