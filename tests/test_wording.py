"""The wording catalogue (hooks/newsroom/common/data/wording-*.toml) and the one date formatter.

Proves: both languages have exactly the same keys, every text is NFC, a broken catalogue is
refused at load naming the key, every key that Python or a template reads exists, and one
moment is written one way per language in every named form.
"""

from __future__ import annotations

import datetime as dt
import json
import pickle
import re
import shutil
import tomllib
import unicodedata
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from feeds_support import article, make_corpus, translation
from jinja2 import Environment
from newsroom.common import dates, wording
from newsroom.content import facets
from newsroom.content.model import MEDIA_KINDS, UPDATE_KINDS
from newsroom.content.visibility import Visibility
from newsroom.site import pressroom

ROOT = Path(__file__).resolve().parent.parent
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
RELEASE = "thong-cao-bao-chi"
#: The facets with feeds of their own (besides "all").
FEED_KINDS = tuple(f.kind for f in facets.FACETS if f.has_feeds and f.kind != "all")

#: Keys Python builds at run time (f-strings), each with every value it can take.
DYNAMIC_KEYS = {
    "feeds.word_{scope.kind}": [f"feeds.word_{k}" for k in FEED_KINDS],
    "feeds.group_{k}": [f"feeds.group_{k}" for k in ("all", *FEED_KINDS)],
    "plan.media_{kind}": [f"plan.media_{k}" for k in MEDIA_KINDS],
    "press.{key}": [
        "press.press_releases",
        "press.statements",
        "press.responses",
        "press.upcoming",
        "press.past",
    ],
}


def _raw(lang: str) -> dict:
    return tomllib.loads(wording.path(lang).read_text(encoding="utf-8"))


def _values(data: dict):
    for name, section in data.items():
        for key, value in section.items():
            for text in value if isinstance(value, list) else [value]:
                yield f"{name}.{key}", text


def test_both_languages_have_exactly_the_same_keys() -> None:
    vi, en = _raw("vi"), _raw("en")
    assert wording.keys(vi) == wording.keys(en)
    assert len(wording.keys(vi)) > 100  # the whole site's wording, not a sample


def test_every_text_is_nfc_and_vietnamese_keeps_its_diacritics() -> None:
    for lang in wording.LANGUAGES:
        for key, text in _values(_raw(lang)):
            assert unicodedata.normalize("NFC", text) == text, f"{lang} {key}"
    assert wording.text("vi", "portal.not_found_title") == "Không tìm thấy trang"
    assert wording.text("vi", "site.publisher") == "Bộ Tư pháp"


def test_placeholders_agree_between_languages() -> None:
    for name, section in _raw("vi").items():
        if name in wording.OWN_FIELDS:
            continue
        for key, value in section.items():
            if f"{name}.{key}" in wording.OWN_FIELDS:
                continue
            assert wording.fields(value) == wording.fields(_raw("en")[name][key]), key


@pytest.fixture
def broken(tmp_path, monkeypatch):
    """A copy of the catalogue that a test may damage; the loader reads it afresh."""
    data = tmp_path / "data"
    shutil.copytree(wording.DATA, data)
    monkeypatch.setattr(wording, "DATA", data)
    wording._all.cache_clear()
    yield data
    wording._all.cache_clear()


def test_a_key_missing_in_one_language_is_refused_naming_it(broken) -> None:
    en = broken / "wording-en.toml"
    en.write_text(en.read_text().replace('copied = "Link copied"\n', ""), encoding="utf-8")
    with pytest.raises(wording.WordingError, match=r"portal\.copied"):
        wording.text("vi", "page.home")


def test_decomposed_text_is_refused(broken) -> None:
    vi = broken / "wording-vi.toml"
    nfd = unicodedata.normalize("NFD", "Trang chủ")
    vi.write_text(vi.read_text().replace('home = "Trang chủ"', f'home = "{nfd}"'), "utf-8")
    with pytest.raises(wording.WordingError, match=r"page\.home is not NFC"):
        wording.catalogue("vi")


def test_different_placeholders_are_refused(broken) -> None:
    en = broken / "wording-en.toml"
    text = en.read_text().replace('year_listing = "Year {year}"', 'year_listing = "Year"')
    en.write_text(text, encoding="utf-8")
    with pytest.raises(wording.WordingError, match=r"page\.year_listing: placeholders"):
        wording.catalogue("en")


def _python_keys() -> set[str]:
    calls = re.compile(r"\b(?:text|localized)\(\s*(?:[^,()]+,\s*)?(f?)[\"']([\w.{}]+)[\"']")
    sections = re.compile(r"\bsection\(\s*[^,()]+,\s*\"(\w+)\"")
    assigned = re.compile(r"(\w+) = (?:wording\.)?section\(\s*[^,()]+,\s*\"(\w+)\"\)")
    found: set[str] = set()
    sources = [*(ROOT / "hooks").rglob("*.py"), *(ROOT / "scripts").rglob("*.py")]
    for source in sources:
        code = source.read_text(encoding="utf-8")
        if "wording" not in code and "newsroom.common.wording" not in code:
            continue
        for is_f, key in calls.findall(code):
            if is_f and "{" in key:
                assert key in DYNAMIC_KEYS, f"{source}: add {key} to DYNAMIC_KEYS"
                found.update(DYNAMIC_KEYS[key])
            elif "." in key:
                found.add(key)
        found.update(f"{name}." for name in sections.findall(code))
        for variable, name in assigned.findall(code):  # t = section(lang, "page"); t["home"]
            found.update(f"{name}.{key}" for key in re.findall(rf'\b{variable}\["(\w+)"\]', code))
    return found


def test_every_key_python_reads_exists() -> None:
    keys = wording.keys(_raw("vi"))
    used = _python_keys()
    assert {"site.publisher", "page.all_news", "feeds.calendar_name"} <= used
    for key in used:
        if key.endswith("."):
            assert any(k.startswith(key) for k in keys), key
        else:
            assert key in keys, key
    for form in dates.FORMS:
        assert f"dates.{form}" in keys
    for kind in UPDATE_KINDS:  # views and feeds label an update by its kind
        assert f"page.{kind}" in keys
    for reason in ("no-git", "not-repository", "shallow", "git-failed"):  # GitError.reason
        assert f"issues.{reason.replace('-', '_')}" in keys


def test_every_key_a_template_reads_exists() -> None:
    keys = wording.keys(_raw("vi"))
    pattern = re.compile(r"(?<![\w])t\.(\w+)(?:\.(\w+))?")
    used = set()
    for template in (ROOT / "overrides").rglob("*.html"):
        for name, key in pattern.findall(template.read_text(encoding="utf-8")):
            used.add(f"{name}.{key}" if key else f"{name}.")
    assert {"page.latest", "portal.skip", "press.spokespersons", "search.hint"} <= used
    for key in used:
        if key.endswith("."):  # a whole section, e.g. `t.search_script | tojson`
            assert any(k.startswith(key) for k in keys), key
        else:
            assert key in keys, key
    # t.page["preview_" ~ state]: every state shown only in preview has its banner text
    for state in Visibility:
        if not state.has_public_page:
            assert f"page.preview_{state.value}" in keys


MOMENT = dt.datetime(2024, 9, 26, 15, 0, tzinfo=TZ)


@pytest.mark.parametrize(
    ("form", "vi", "en"),
    [
        ("date", "26/09/2024", "26 September 2024"),
        ("datetime", "26/09/2024 15:00", "26 September 2024, 15:00"),
        ("time", "15:00", "15:00"),
        ("end_of_day", "26/09/2024 24:00", "26 September 2024, 24:00"),
        ("month_year", "09/2024", "September 2024"),
    ],
)
def test_one_moment_is_written_one_way_per_language(form, vi, en) -> None:
    assert dates.show(MOMENT, "vi", form) == vi
    assert dates.show(MOMENT, "en", form) == en


def test_dates_without_time_and_single_digit_days() -> None:
    assert dates.show_date(dt.date(2026, 3, 5), "vi") == "05/03/2026"
    assert dates.show_date(dt.date(2026, 3, 5), "en") == "5 March 2026"
    with pytest.raises(KeyError):
        dates.show(dt.date(2026, 3, 5), "vi", "datetime")  # a date has no time to show


def test_press_room_writes_dates_like_every_other_page(tmp_path) -> None:
    """It wrote ``26 Sep 2025, 15:00`` while article pages wrote ``26 September 2025, 15:00``."""
    files = {
        "tin-tuc/2025/a.md": article("tc-a", "Thông cáo A", "2025-09-26T15:00:00", type=RELEASE),
        "tin-tuc/2025/a.en.md": translation("Press release A", "2025-09-26T15:00:00"),
    }
    corpus = make_corpus(tmp_path, files)
    for lang, expected in (("vi", "26/09/2025 15:00"), ("en", "26 September 2025, 15:00")):
        context = pressroom.context(corpus, lang)
        items = next(s for s in context["sections"] if s["id"] == "press_releases")["items"]
        assert items[0]["date"] == expected


def test_the_loaded_catalogue_is_read_only_and_reads_as_the_files_say() -> None:
    """Every page's template holds the same catalogue object (``t``), and the page cache keys
    pages by its printed form, worked out once: no page, hook or template may change it. It
    still reads as the files say (sections, texts, lists in order), prints as a ``dict``
    does and goes through Jinja's ``tojson``."""
    for lang in wording.LANGUAGES:
        loaded, raw = wording.catalogue(lang), _raw(lang)
        assert loaded == {
            name: {k: tuple(v) if isinstance(v, list) else v for k, v in values.items()}
            for name, values in raw.items()
        }
        assert repr(loaded) == dict.__repr__(loaded) and eval(repr(loaded)) == loaded
        page = loaded["page"]
        changes = [
            (page.__setitem__, ("home", "x")),
            (page.update, ({"home": "x"},)),
            (page.pop, ("home",)),
            (page.setdefault, ("new", "x")),
            (page.clear, ()),
            (loaded.__delitem__, ("page",)),
        ]
        for change, arguments in changes:
            with pytest.raises(TypeError, match="read-only"):
                change(*arguments)
        assert loaded["page"] == {
            k: tuple(v) if isinstance(v, list) else v for k, v in raw["page"].items()
        }
        rendered = Environment().from_string("{{ t.search_script | tojson }}").render(t=loaded)
        assert json.loads(rendered) == raw["search_script"]
        assert pickle.loads(pickle.dumps(loaded)) == loaded
