"""Registries: the YAML data behind ``type``, ``category``, ``focus_areas``, ``unit``,
approvers and spokespersons. The loader fails loudly on unknown or missing keys."""

from __future__ import annotations

import datetime as dt
import fnmatch
from collections.abc import Set
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..common.messages import Localized
from ..common.text import nfc
from .sshsig import InvalidKey, PublicKey, parse_public_key


class RegistryError(ValueError):
    """A registry file is malformed; the message names the file and the entry."""


@dataclass(frozen=True)
class Validity:
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None

    def covers(self, day: dt.date) -> bool:
        if self.valid_from and day < self.valid_from:
            return False
        return not (self.valid_to and day > self.valid_to)


@dataclass(frozen=True)
class Term:
    """An entry of the types, categories or focus-areas registry."""

    key: str
    label: Localized
    requires: tuple[str, ...] = ()


@dataclass(frozen=True)
class Unit:
    key: str
    label: Localized
    validity: Validity
    successor: str | None = None
    predecessor: str | None = None
    parent: str | None = None  # a provincial unit's parent, for roll-ups in plan reviews


@dataclass(frozen=True)
class ApproverKey:
    """An SSH public key an approver signs approvals with, valid for a period (rotation)."""

    key: PublicKey
    validity: Validity


@dataclass(frozen=True)
class Approver:
    id: str
    name: str
    title: Localized
    units: tuple[str, ...]
    validity: Validity
    keys: tuple[ApproverKey, ...] = ()

    def may_approve(self, unit: str) -> bool:
        return any(fnmatch.fnmatchcase(unit, pattern) for pattern in self.units)


@dataclass(frozen=True)
class Spokesperson:
    id: str
    name: str
    title: Localized
    unit: str
    phone: str
    email: str
    appointed_by: Localized
    validity: Validity


@dataclass(frozen=True)
class Registries:
    types: dict[str, Term]
    categories: dict[str, Term]
    focus_areas: dict[str, Term]
    units: dict[str, Unit]
    approvers: dict[str, Approver]
    spokespersons: dict[str, Spokesperson]

    @classmethod
    def load(cls, folder: Path) -> Registries:
        units = {k: _unit(k, v, folder / "units.yml") for k, v in _read(folder / "units.yml")}
        registries = cls(
            types={
                k: _term(k, v, folder / "types.yml", {"requires"})
                for k, v in _read(folder / "types.yml")
            },
            categories={
                k: _term(k, v, folder / "categories.yml")
                for k, v in _read(folder / "categories.yml")
            },
            focus_areas={
                k: _term(k, v, folder / "focus_areas.yml")
                for k, v in _read(folder / "focus_areas.yml")
            },
            units=units,
            approvers={
                k: _approver(k, v, folder / "approvers.yml")
                for k, v in _read(folder / "approvers.yml")
            },
            spokespersons={
                k: _spokesperson(k, v, folder / "spokespersons.yml")
                for k, v in _read(folder / "spokespersons.yml")
            },
        )
        registries._check_references(folder)
        return registries

    def _check_references(self, folder: Path) -> None:
        for unit in self.units.values():
            for ref in (unit.successor, unit.predecessor, unit.parent):
                if ref and ref not in self.units:
                    raise RegistryError(f"{folder / 'units.yml'}: {unit.key}: unknown unit {ref!r}")
        owners: dict[str, str] = {}
        for approver in self.approvers.values():
            for entry in approver.keys:
                owner = owners.setdefault(entry.key.fingerprint, approver.id)
                if owner != approver.id:
                    raise RegistryError(
                        f"{folder / 'approvers.yml'}: {approver.id}: key {entry.key.fingerprint}"
                        f" is also a key of {owner!r} (one key, one approver)"
                    )
        for person in self.spokespersons.values():
            if person.unit not in self.units:
                raise RegistryError(
                    f"{folder / 'spokespersons.yml'}: {person.id}: unknown unit {person.unit!r}"
                )

    def spokespersons_in_office(self, day: dt.date) -> list[Spokesperson]:
        return [p for p in self.spokespersons.values() if p.validity.covers(day)]


def _read(path: Path) -> list[tuple[str, dict[str, Any]]]:
    if path.is_symlink() or path.parent.is_symlink():  # it could read any file of the machine
        raise RegistryError(f"{path}: a registry may not be a symbolic link")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise RegistryError(f"{path}: registry file is missing") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise RegistryError(f"{path}: cannot read the registry: {exc}") from exc
    except yaml.YAMLError as exc:
        raise RegistryError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise RegistryError(f"{path}: must be a mapping of key → entry")
    entries = []
    for key, value in data.items():
        if not isinstance(key, str) or not isinstance(value, dict):
            raise RegistryError(f"{path}: {key!r}: each entry must be a mapping")
        entries.append((key, value))
    return entries


def _fields(
    path: Path,
    key: str,
    value: dict[str, Any],
    required: set[str],
    optional: Set[str] = frozenset(),
) -> None:
    unknown = set(value) - required - optional
    if unknown:
        raise RegistryError(f"{path}: {key}: unknown field(s) {', '.join(sorted(unknown))}")
    missing = required - set(value)
    if missing:
        raise RegistryError(f"{path}: {key}: missing field(s) {', '.join(sorted(missing))}")


def _label(path: Path, key: str, value: Any) -> Localized:
    if not isinstance(value, dict) or set(value) != {"vi", "en"}:
        raise RegistryError(f"{path}: {key}: a label needs exactly 'vi' and 'en'")
    return Localized(nfc(str(value["vi"])), nfc(str(value["en"])))


def _validity(path: Path, key: str, value: dict[str, Any]) -> Validity:
    bounds = []
    for name in ("valid_from", "valid_to"):
        day = value.get(name)
        if day is not None and not isinstance(day, dt.date):
            raise RegistryError(f"{path}: {key}: {name} must be a date (YYYY-MM-DD)")
        bounds.append(day)
    return Validity(*bounds)


def _term(key: str, value: dict[str, Any], path: Path, optional: Set[str] = frozenset()) -> Term:
    _fields(path, key, value, {"vi", "en"}, optional)
    return Term(
        key,
        _label(path, key, {"vi": value["vi"], "en": value["en"]}),
        tuple(value.get("requires") or ()),
    )


def _unit(key: str, value: dict[str, Any], path: Path) -> Unit:
    _fields(
        path,
        key,
        value,
        {"vi", "en", "valid_from"},
        {"valid_to", "successor", "predecessor", "parent"},
    )
    return Unit(
        key,
        _label(path, key, {"vi": value["vi"], "en": value["en"]}),
        _validity(path, key, value),
        value.get("successor"),
        value.get("predecessor"),
        value.get("parent"),
    )


def _approver(key: str, value: dict[str, Any], path: Path) -> Approver:
    _fields(path, key, value, {"name", "title", "units", "valid_from"}, {"valid_to", "keys"})
    if not isinstance(value["units"], list) or not value["units"]:
        raise RegistryError(f"{path}: {key}: units must be a non-empty list")
    return Approver(
        key,
        nfc(value["name"]),
        _label(path, key, value["title"]),
        tuple(str(u) for u in value["units"]),
        _validity(path, key, value),
        _keys(path, key, value.get("keys", [])),
    )


def _keys(path: Path, key: str, value: Any) -> tuple[ApproverKey, ...]:
    """``keys: [{key: "ssh-ed25519 AAAA… comment", valid_from, valid_to}]``."""
    if not isinstance(value, list):
        raise RegistryError(f"{path}: {key}: keys must be a list")
    found = []
    for number, item in enumerate(value, 1):
        name = f"{key}: keys[{number}]"
        if not isinstance(item, dict):
            raise RegistryError(f"{path}: {name}: each key must be a mapping")
        _fields(path, name, item, {"key", "valid_from"}, {"valid_to"})
        validity = _validity(path, name, item)
        try:
            public_key = parse_public_key(item["key"])
        except InvalidKey as exc:
            raise RegistryError(f"{path}: {name}: {exc}") from exc
        found.append(ApproverKey(public_key, validity))
    return tuple(found)


def _spokesperson(key: str, value: dict[str, Any], path: Path) -> Spokesperson:
    _fields(
        path,
        key,
        value,
        {"name", "title", "unit", "phone", "email", "appointed_by", "valid_from"},
        {"valid_to"},
    )
    return Spokesperson(
        key,
        nfc(value["name"]),
        _label(path, key, value["title"]),
        value["unit"],
        str(value["phone"]),
        str(value["email"]),
        _label(path, key, value["appointed_by"]),
        _validity(path, key, value),
    )
