"""The registries loader fails loudly, naming the file and the entry."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from newsroom.content.registries import Registries, RegistryError

SAMPLE = Path(__file__).resolve().parents[1] / "docs" / ".registries"


def copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(SAMPLE, tmp_path / "registries"))


def test_sample_registries_hold_the_contract_entries() -> None:
    registries = Registries.load(SAMPLE)
    assert len(registries.types) == 9 and len(registries.categories) == 8
    assert set(registries.focus_areas) == {
        "chinh-sach",
        "chap-hanh-phap-luat",
        "no-luc-ket-qua",
        "kho-khan-vuong-mac",
        "kinh-nghiem-hay",
    }
    for unit in (
        "van-phong-bo",
        "cuc-quan-ly-thads",
        "tong-cuc-thads",
        "cuc-pbgdpl-tgpl",
        "bao-plvn",
        "thads-ha-noi",
        "thads-tp-ho-chi-minh",
    ):
        assert unit in registries.units
    old = registries.units["tong-cuc-thads"]
    assert old.validity.valid_to == dt.date(2025, 6, 30) and old.successor == "cuc-quan-ly-thads"
    assert registries.approvers["chanh-van-phong-bo"].may_approve("thads-da-nang")
    assert registries.approvers["cuc-truong-thads"].may_approve("thads-ha-noi")
    assert not registries.approvers["cuc-truong-thads"].may_approve("van-phong-bo")
    assert registries.approvers["truong-thads-ha-noi"].units == ("thads-ha-noi",)
    assert "chanh-van-phong-bo" in registries.spokespersons


def test_unknown_field_is_refused(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    path = folder / "units.yml"
    path.write_text(path.read_text(encoding="utf-8") + "  vaild_to: 2026-01-01\n", encoding="utf-8")
    with pytest.raises(RegistryError, match=r"units\.yml: thads-da-nang: unknown field"):
        Registries.load(folder)


def test_missing_label_and_bad_reference_are_refused(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    (folder / "categories.yml").write_text("hop-tac-quoc-te:\n  vi: Hợp tác\n", encoding="utf-8")
    with pytest.raises(RegistryError, match=r"categories\.yml: hop-tac-quoc-te: missing field"):
        Registries.load(folder)
    folder = copy(tmp_path / "b")
    spokes = folder / "spokespersons.yml"
    spokes.write_text(
        spokes.read_text(encoding="utf-8").replace("unit: van-phong-bo", "unit: van-phong"),
        encoding="utf-8",
    )
    with pytest.raises(RegistryError, match="unknown unit 'van-phong'"):
        Registries.load(folder)
