"""Helpers shared by the CLI commands: locating the site and printing issues."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsroom.common.clock import ClockError
from newsroom.content import settings as site_settings
from newsroom.content.loading import Site, load
from newsroom.content.registries import RegistryError
from newsroom.content.settings import Settings

EXIT_OK = 0
EXIT_CONTENT = 1
EXIT_USAGE = 2


class CommandError(Exception):
    """A problem that stops a command; printed as one line, exit code 2 unless given."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


def load_settings(args: argparse.Namespace) -> Settings:
    config = Path(args.config)
    if not config.is_file():
        raise CommandError(f"không tìm thấy / not found: {config}")
    return site_settings.load(config)


def load_site(args: argparse.Namespace) -> Site:
    try:
        return load(load_settings(args))
    except (RegistryError, ClockError) as exc:
        raise CommandError(str(exc), EXIT_CONTENT) from exc


def fail(error: CommandError) -> int:
    print(f"newsroom: {error}", file=sys.stderr)
    return error.code
