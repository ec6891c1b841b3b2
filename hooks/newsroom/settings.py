"""Site settings read from ``mkdocs.yml`` (``extra.newsroom``), the same for build and CLI."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"
LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"


@dataclass(frozen=True)
class Settings:
    """What the content model needs to know about the site."""

    docs_dir: Path
    site_url: str
    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo(DEFAULT_TIMEZONE))
    registries_dir: Path | None = None
    articles_dir: str = "tin-tuc"
    iframe_hosts: tuple[str, ...] = ()
    page_size: int = 20
    feed_limit: int = 50
    message_language: str = "vi"
    deploy: tuple[tuple[str, Any], ...] = ()  # extra.newsroom.deploy (newsroom.deploy.options)

    @property
    def registries_path(self) -> Path:
        return self.registries_dir or self.docs_dir / ".registries"

    @property
    def articles_path(self) -> Path:
        return self.docs_dir / self.articles_dir

    @classmethod
    def from_config(cls, config: dict[str, Any], base_dir: Path) -> Settings:
        """Build settings from a loaded MkDocs config (a mapping) and the folder of mkdocs.yml."""
        extra = (config.get("extra") or {}).get("newsroom") or {}
        docs_dir = Path(config.get("docs_dir") or "docs")
        if not docs_dir.is_absolute():
            docs_dir = base_dir / docs_dir
        registries = extra.get("registries")
        return cls(
            docs_dir=docs_dir,
            site_url=str(config.get("site_url") or "http://127.0.0.1:8000/"),
            timezone=ZoneInfo(extra.get("timezone", DEFAULT_TIMEZONE)),
            registries_dir=(docs_dir / registries) if registries else None,
            articles_dir=extra.get("articles", "tin-tuc"),
            iframe_hosts=tuple(extra.get("iframe_hosts") or ()),
            page_size=int(extra.get("page_size", 20)),
            feed_limit=int(extra.get("feed_limit", 50)),
            message_language=extra.get("message_language", "vi"),
            deploy=tuple((extra.get("deploy") or {}).items()),
        )


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without executing its ``!!python/name`` or ``!ENV`` tags."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)
_TolerantLoader.add_multi_constructor("!", _ignore_tag)


def load(mkdocs_yml: Path) -> Settings:
    """Read the settings from a ``mkdocs.yml`` file (used by the CLI)."""
    with mkdocs_yml.open(encoding="utf-8") as handle:
        config = yaml.load(handle, Loader=_TolerantLoader) or {}
    return Settings.from_config(config, mkdocs_yml.resolve().parent)
