"""Site settings read from ``mkdocs.yml`` (``extra.newsroom``), the same for build and CLI."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from ..desk.deadlines import DeskRules
from .render import MKDOCS_BUILTINS, extensions_from

DEFAULT_EXTENSIONS: tuple[tuple[str, dict[str, Any]], ...] = tuple(
    (name, {}) for name in MKDOCS_BUILTINS
)

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
    theme_assets_dir: str = "assets"  # the maintainers' CSS/JS folder under docs/
    markdown_extensions: tuple[tuple[str, dict[str, Any]], ...] = DEFAULT_EXTENSIONS
    desk: DeskRules = field(default_factory=DeskRules)
    #: ``extra.newsroom.approval_signatures_required_from``: approvals dated from this day on
    #: count only when their commit is signed (newsroom.content.signatures); ``None``: not required.
    signatures_from: dt.date | None = None
    signatures_from_invalid: str | None = None  # the raw value when it is not a date
    deploy: tuple[tuple[str, Any], ...] = ()  # extra.newsroom.deploy (newsroom.deploy.options)

    @property
    def registries_path(self) -> Path:
        return self.registries_dir or self.docs_dir / ".registries"

    @property
    def articles_path(self) -> Path:
        return self.docs_dir / self.articles_dir

    @property
    def register_path(self) -> Path:
        """The press register: ``docs/.bao-chi/<YYYY>/<id>.yml`` (never published)."""
        return self.docs_dir / self.desk.register

    @property
    def plans_path(self) -> Path:
        """Annual plans: ``docs/.ke-hoach/<YYYY>.yml`` and ``<YYYY>/<unit>.yml``."""
        return self.docs_dir / self.desk.plans

    @classmethod
    def from_config(cls, config: dict[str, Any], base_dir: Path) -> Settings:
        """Build settings from a loaded MkDocs config (a mapping) and the folder of mkdocs.yml."""
        extra = (config.get("extra") or {}).get("newsroom") or {}
        docs_dir = Path(config.get("docs_dir") or "docs")
        if not docs_dir.is_absolute():
            docs_dir = base_dir / docs_dir
        registries = extra.get("registries")
        signatures_from, invalid = _day(extra.get("approval_signatures_required_from"))
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
            theme_assets_dir=str(extra.get("theme_assets", "assets")).strip("/"),
            markdown_extensions=extensions_from(config),
            desk=DeskRules.from_config(extra.get("desk")),
            signatures_from=signatures_from,
            signatures_from_invalid=invalid,
            deploy=tuple((extra.get("deploy") or {}).items()),
        )


def _day(value: Any) -> tuple[dt.date | None, str | None]:
    """A YAML date (or ISO string) → (date, None); anything else → (None, raw text)."""
    if value is None:
        return None, None
    if isinstance(value, dt.datetime):
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    try:
        return dt.date.fromisoformat(str(value)), None
    except ValueError:
        return None, str(value)


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without executing its ``!!python/name`` or ``!ENV`` tags."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


def _environment(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """MkDocs' ``!ENV VAR`` / ``!ENV [VAR, …, default]``: the first variable set, else default."""
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(str(loader.construct_scalar(node)))
    if not isinstance(node, yaml.SequenceNode):
        return None
    values = [v for v in loader.construct_sequence(node) if v is not None]
    names, default = values[:-1], (values[-1] if values else None)
    return next((os.environ[n] for n in map(str, names) if n in os.environ), default)


_TolerantLoader.add_constructor("!ENV", _environment)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)
_TolerantLoader.add_multi_constructor("!", _ignore_tag)


def read_config(mkdocs_yml: Path) -> dict[str, Any]:
    """The content of a ``mkdocs.yml`` file, its Python tags left out (``!ENV`` resolved)."""
    with mkdocs_yml.open(encoding="utf-8") as handle:
        config = yaml.load(handle, Loader=_TolerantLoader) or {}
    return config if isinstance(config, dict) else {}


def load(mkdocs_yml: Path) -> Settings:
    """Read the settings from a ``mkdocs.yml`` file (used by the CLI)."""
    return Settings.from_config(read_config(mkdocs_yml), mkdocs_yml.resolve().parent)
