"""Per-build state shared by the MkDocs hooks.

static-i18n runs the whole build once per language, and ``mkdocs serve`` rebuilds without
reloading hooks, so the state is replaced in every ``on_config`` (see hooks/content.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .settings import DEFAULT_LANGUAGE, Settings
from .site import Site


@dataclass
class BuildState:
    site: Site
    preview: bool  # `mkdocs serve`: drafts and scheduled articles are shown under a banner

    @property
    def settings(self) -> Settings:
        return self.site.settings


_state: BuildState | None = None
_command: str = "build"


def set_command(command: str) -> None:
    global _command
    _command = command


def is_preview() -> bool:
    return _command == "serve"


def start(site: Site) -> BuildState:
    global _state
    _state = BuildState(site, is_preview())
    return _state


def state() -> BuildState:
    if _state is None:
        raise RuntimeError("the newsroom content hook has not run on_config")
    return _state


def current_language(config: Any) -> str:
    """The language being built: static-i18n's current language, else the default."""
    plugin = config.plugins.get("i18n")
    return getattr(plugin, "current_language", None) or DEFAULT_LANGUAGE


def is_final_pass(config: Any) -> bool:
    """True in the outermost ``on_post_build``, once every language is built."""
    plugin = config.plugins.get("i18n")
    return not getattr(plugin, "building", False)


def settings_from(config: Any) -> Settings:
    return Settings.from_config(config, Path(config.config_file_path).resolve().parent)
