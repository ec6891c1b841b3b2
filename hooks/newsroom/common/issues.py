"""Issues found in content, reported compiler-style: ``path:line: CODE field: message``."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

from .messages import CATALOGUE, Severity, render


@dataclass(frozen=True, order=True)
class Issue:
    """One problem in one file; ``params`` fill the catalogue text of ``code``."""

    path: str
    line: int
    code: str
    field: str
    params: tuple[tuple[str, object], ...] = dataclasses.field(default=(), compare=False)

    @property
    def severity(self) -> Severity:
        return CATALOGUE[self.code].severity

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def message(self, language: str = "vi") -> str:
        return render(self.code, language, **dict(self.params))

    def format(self, language: str = "vi") -> str:
        prefix = f"{self.field}: " if self.field else ""
        return f"{self.path}:{self.line}: {self.code} {prefix}{self.message(language)}"

    def format_github(self, language: str = "vi") -> str:
        """A GitHub Actions workflow command that annotates the file and line."""
        kind = "error" if self.is_error else "warning"
        text = (
            f"{self.code} {self.field}: {self.message(language)}"
            if self.field
            else (f"{self.code} {self.message(language)}")
        )
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{kind} file={self.path},line={self.line},title={self.code}::{text}"


def make(path: str, line: int, code: str, field_name: str = "", **params: object) -> Issue:
    """Create an issue; the catalogue must know ``code``."""
    if code not in CATALOGUE:
        raise KeyError(code)
    return Issue(path, line, code, field_name, tuple(sorted(params.items())))


def sort(issues: Iterable[Issue]) -> list[Issue]:
    return sorted(issues, key=lambda i: (i.path, i.line, i.code, i.field))


def errors(issues: Iterable[Issue]) -> list[Issue]:
    return [i for i in issues if i.is_error]
