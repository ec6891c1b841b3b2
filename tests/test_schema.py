"""The one table of fields drives checking, inheritance, hints, the scaffold and the guide."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from newsroom.common import issues as issue
from newsroom.content import parsing, rules, schema, workflow
from newsroom.content.article_blocks import READERS
from newsroom.content.corpus import Corpus
from newsroom.content.model import Article
from newsroom.content.registries import Registries
from newsroom.content.schema import Need, Reader
from newsroom.content.settings import Settings
from newsroom.site import guide
from newsroom_cli import scaffold
from tree_factory import REGISTRIES, article, make_tree

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = dt.datetime(2026, 5, 4, 10, 0, tzinfo=TZ)


def test_every_field_is_an_article_attribute_and_every_block_has_a_reader():
    attributes = {f.name for f in dataclasses.fields(Article)}
    for spec in schema.FIELDS:
        assert spec.name in attributes
        assert spec.guide, spec.name  # the editors' guide explains every field
        if spec.reader in (Reader.BLOCK, Reader.ITEMS):
            assert spec.name in READERS and spec.subfields
        if spec.reader in (Reader.KEY, Reader.KEYS):
            assert spec.registry in schema.REGISTRY_NAMES
    assert set(READERS) == {f.name for f in schema.FIELDS if f.subfields}


def test_required_by_status_and_the_type_registry_come_from_the_table():
    assert schema.required_by_status("approved") == ("approval",)
    assert schema.required_by_status("withdrawn") == ("approval", "withdrawn")
    assert schema.required_by_status("draft") == ()
    registries = Registries.load(REGISTRIES)
    for term in registries.types.values():
        for name in term.requires:  # a type may only require a field the schema declares
            assert schema.BY_NAME[name].need is Need.TYPE


def _check(tmp_path: Path, text: str, original: Article | None = None, uri: str = "x.md"):
    config = make_tree(tmp_path, {f"tin-tuc/2026/{uri}": text})
    settings = Settings.from_config({"docs_dir": "docs"}, config.parent)
    registries = Registries.load(settings.docs_dir / ".registries")
    front_matter, _ = parsing.parse(text, "docs/x.md")
    return rules.check_article(
        front_matter,
        f"tin-tuc/2026/{uri}",
        f"docs/tin-tuc/2026/{uri}",
        registries,
        settings.docs_dir,
        TZ,
        original,
    )


def test_an_unknown_key_is_reported_with_the_nearest_schema_field(tmp_path):
    _, found = _check(tmp_path, article(summray="x", focus_area="[chinh-sach]"))
    hints = {i.field: i.format("en") for i in found if i.code == "E014"}
    assert "did you mean `summary`?" in hints["summray"]
    assert "did you mean `focus_areas`?" in hints["focus_area"]


def test_a_translation_inherits_exactly_the_shared_fields(tmp_path):
    original, found = _check(tmp_path / "vi", article(focus_areas="[chinh-sach]"))
    assert original is not None and not found
    text = article(**{name: None for name in schema.SHARED})
    translation, found = _check(tmp_path / "en", text, original, "x.en.md")
    assert not found and translation is not None
    for name in schema.SHARED:
        assert getattr(translation, name) == getattr(original, name), name
    contradicting = article(type="phong-van", focus_areas="[no-luc-ket-qua]")
    _, found = _check(tmp_path / "en2", contradicting, original, "x.en.md")
    assert sorted(i.field for i in found if i.code == "E017") == ["focus_areas", "type"]


def test_the_scaffold_writes_every_always_required_field_and_what_the_type_requires():
    registries = Registries.load(REGISTRIES)
    for type_key, term in registries.types.items():
        new = scaffold.NewArticle(
            "2026-x-ab12", "Tiêu đề", type_key, "hoat-dong-cua-bo", "van-phong-bo", NOW
        )
        data = parsing.parse(scaffold.article_text(new, registries), "x")[0].data
        assert set(data) == set(schema.REQUIRED) | set(term.requires)
    text = scaffold.translation_text("Title", "x.md")
    data = parsing.parse(text, "x")[0].data
    assert set(data) == {f.name for f in schema.FIELDS if f.need is Need.ALWAYS} - set(
        schema.SHARED
    )
    for name in schema.SHARED:  # the comment names what comes from the original
        assert name in text


def test_the_guide_tables_list_every_field_once_under_its_condition():
    registries = Registries.load(REGISTRIES)
    tables = guide.field_tables(guide.type_requires(registries))
    rows = [line for line in tables.splitlines() if line.startswith("| `")]
    assert [re.match(r"\| `(\w+)`", row).group(1) for row in rows] == [
        *(f.name for f in schema.FIELDS if f.need is Need.ALWAYS),
        *(f.name for f in schema.FIELDS if f.need in (Need.STATUS, Need.TYPE)),
        *(f.name for f in schema.FIELDS if f.need is Need.OPTIONAL),
    ]
    assert "| `event` (`start`, `end`, `location`, `online_url`, `notice`) | loại `hop-bao` |" in (
        tables
    )
    assert "| `withdrawn` (`at`, `reason`) | `status: withdrawn` |" in tables
    assert "`approved` (đã duyệt)" in tables  # the statuses come from the workflow
    assert "(danh sách `path`, `title`)" in tables


@pytest.mark.parametrize(
    ("current", "target", "allowed"),
    [
        ("draft", "approved", True),
        ("in-review", "approved", True),
        ("approved", "approved", True),  # a new approval after a correction
        ("withdrawn", "approved", False),
        ("approved", "withdrawn", True),
        ("draft", "withdrawn", False),
        ("in-review", "withdrawn", False),
        ("nonsense", "approved", True),  # an invalid status counts as a draft
        (None, "withdrawn", False),
    ],
)
def test_allowed_transitions(current, target, allowed):
    assert workflow.may_move(current, target) is allowed


def test_the_would_be_check_is_the_scan_of_the_file(tmp_path):
    """The check at a transition reports what a scan of the tree would report for the file."""
    draft = article(status="draft", approval=None, summary='"(điền sa-pô)"')
    config = make_tree(tmp_path, {"tin-tuc/2026/x.md": draft, "tin-tuc/2026/y.md": article()})
    settings = Settings.from_config({"docs_dir": "docs"}, config.parent)
    registries = Registries.load(settings.docs_dir / ".registries")
    corpus = Corpus.scan(settings, registries, NOW)
    approved = draft.replace("status: draft", "status: approved\napproval:\n  by: x\n  at: 1")
    found = workflow.would_be_issues(corpus, "tin-tuc/2026/x.md", approved)
    (settings.docs_dir / "tin-tuc/2026/x.md").write_text(approved, encoding="utf-8")
    rescanned = Corpus.scan(settings, registries, NOW)
    assert found and issue.sort(found) == [i for i in rescanned.issues if i.is_error]
    assert {i.code for i in found} >= {"E009", "E029"}  # unknown approver, scaffold left in
