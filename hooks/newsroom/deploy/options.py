"""Deployment settings (``extra.newsroom.deploy`` in ``mkdocs.yml``), checked once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit


class DeployError(Exception):
    """A deployment problem: printed as one line by the CLI, never as a traceback."""


KNOWN = {"keep", "hsts", "hsts_max_age", "emc", "emc_script", "branch", "schedule"}


@dataclass(frozen=True)
class DeployOptions:
    keep: int = 5  # releases kept on disk, the live one included
    hsts: bool = False  # Strict-Transport-Security: only once the site is served over TLS
    hsts_max_age: int = 31_536_000
    emc: bool = False  # EMC monitoring snippet (Circular 22/2023/TT-BTTTT), off by default
    emc_script: str = ""  # the snippet's script address, as given by EMC on registration
    branch: str = "main"  # what the scheduled publisher fetches
    schedule: str = "*:0/5"  # systemd OnCalendar of the publishing timer

    @property
    def emc_origin(self) -> str | None:
        """``https://host`` of the EMC script when the snippet is on, else ``None``."""
        if not self.emc:
            return None
        parts = urlsplit(self.emc_script)
        return f"{parts.scheme}://{parts.netloc}"

    @classmethod
    def from_mapping(cls, raw: Mapping[str, Any] | None) -> DeployOptions:
        raw = dict(raw or {})
        unknown = sorted(set(raw) - KNOWN)
        if unknown:
            raise DeployError(
                "extra.newsroom.deploy: khoá không biết / unknown keys: " + ", ".join(unknown)
            )
        try:
            options = cls(
                keep=int(raw.get("keep", cls.keep)),
                hsts=_flag(raw, "hsts"),
                hsts_max_age=int(raw.get("hsts_max_age", cls.hsts_max_age)),
                emc=_flag(raw, "emc"),
                emc_script=str(raw.get("emc_script") or ""),
                branch=str(raw.get("branch", cls.branch)),
                schedule=str(raw.get("schedule", cls.schedule)),
            )
        except (TypeError, ValueError) as exc:
            raise DeployError(f"extra.newsroom.deploy: {exc}") from exc
        if options.keep < 2:
            raise DeployError("extra.newsroom.deploy.keep: ít nhất / at least 2 (for rollback)")
        if options.emc:
            parts = urlsplit(options.emc_script)
            if parts.scheme != "https" or not parts.netloc:
                raise DeployError(
                    "extra.newsroom.deploy.emc_script: cần địa chỉ https:// của mã EMC / "
                    "needs the https:// address of the EMC script when emc is on"
                )
        return options


def _flag(raw: Mapping[str, Any], key: str) -> bool:
    value = raw.get(key, False)
    if not isinstance(value, bool):
        raise ValueError(f"{key}: true hoặc / or false, không phải / not {value!r}")
    return value
