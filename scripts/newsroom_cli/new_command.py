"""``newsroom new``: scaffold a draft (or an English translation); never overwrites."""

from __future__ import annotations

import argparse
import datetime as dt
import secrets
import sys
from collections.abc import Callable
from pathlib import Path

from newsroom.common import dates
from newsroom.common.messages import did_you_mean, render
from newsroom.common.text import slugify
from newsroom.content import facets, schema
from newsroom.content.fields import nearest
from newsroom.content.loading import Site
from newsroom.content.paths import translation_of
from newsroom.content.registries import Registries

from . import scaffold
from .article_files import locate, shown
from .cli_messages import say
from .common import EXIT_CONTENT, EXIT_OK, CommandError, fail, load_site

_HELP = {
    "type": "loại tin / type key (docs/.registries/types.yml)",
    "category": "chuyên mục / category key",
    "unit": "đơn vị ban hành / issuing unit key",
}
_PROMPTS = {"type": "Loại tin", "category": "Chuyên mục", "unit": "Đơn vị", "title": "Tiêu đề"}


def register(sub: argparse._SubParsersAction, name: str) -> None:
    parser = sub.add_parser(
        name,
        help="tạo bài viết mới (bản nháp) / scaffold a new draft article",
        description="Tạo tệp docs/tin-tuc/<năm>/<slug>.md với mã mới, trạng thái draft; "
        "không bao giờ ghi đè. Thiếu tuỳ chọn thì hỏi (khi chạy trong terminal). "
        "Creates a draft with a fresh id; never overwrites; asks for missing options "
        "in a terminal.",
    )
    for facet in facets.required_keys():  # --type, --category, --unit
        parser.add_argument(f"--{facet.field}", help=_HELP[facet.field])
    parser.add_argument("--title", help="tiêu đề / title")
    parser.add_argument(
        "--lang",
        choices=("vi", "en"),
        default="vi",
        help="ngôn ngữ bài / article language (mặc định / default: vi)",
    )
    parser.add_argument(
        "--translation-of",
        metavar="PATH",
        help="bài gốc của bản dịch / original of the translation (--lang en)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, ask: Callable[[str], str] = input) -> int:
    try:
        site = load_site(args)
        language = site.settings.message_language
        interactive = sys.stdin.isatty()
        if args.lang == "en" or args.translation_of:
            path = _new_translation(site, args, language, interactive, ask)
        else:
            path = _new_article(site, args, language, interactive, ask)
    except CommandError as error:
        return fail(error)
    print(say("created", language, path=shown(path)))
    return EXIT_OK


def _new_article(
    site: Site, args: argparse.Namespace, language: str, interactive: bool, ask: Callable
) -> Path:
    registries = site.registries
    today = site.now.date()
    choices = {f.field: _choices(registries, f, today) for f in facets.required_keys()}
    values = {}
    for option in (*choices, "title"):
        value = getattr(args, option) or _prompt(option, choices.get(option), interactive, ask)
        if not value:
            raise CommandError(say("missing_option", language, option=f"--{option}"))
        values[option] = value.strip()
    for option in choices:
        _check_key(registries, option, values[option], language)
    if not registries.units[values["unit"]].validity.covers(today):
        hint = did_you_mean(registries.units[values["unit"]].successor)
        date = dates.show_date(today, "vi")
        raise CommandError(render("E010", language, value=values["unit"], date=date, hint=hint))
    slug = slugify(values["title"])
    if not slug:
        raise CommandError(say("empty_title", language))
    target = site.settings.articles_path / str(today.year) / f"{slug}.md"
    _refuse_existing(target, language)
    new = scaffold.NewArticle(
        id=_fresh_id(site, today.year, slug),
        title=values["title"],
        type=values["type"],
        category=values["category"],
        unit=values["unit"],
        date=site.now.replace(second=0, microsecond=0),
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(scaffold.article_text(new, registries), encoding="utf-8", newline="\n")
    return target


def _new_translation(
    site: Site, args: argparse.Namespace, language: str, interactive: bool, ask: Callable
) -> Path:
    if not args.translation_of:
        raise CommandError(say("translation_needs_original", language))
    original = locate(site, args.translation_of, language)
    if original.is_translation or site.corpus.get(original.src_uri) is None:
        raise CommandError(
            say("original_invalid", language, path=args.translation_of), EXIT_CONTENT
        )
    title = args.title or _prompt("title", None, interactive, ask)
    if not title:
        raise CommandError(say("missing_option", language, option="--title"))
    target = original.path.with_name(translation_of(original.path.name, "en"))
    _refuse_existing(target, language)
    target.write_text(
        scaffold.translation_text(title.strip(), original.path.name), encoding="utf-8", newline="\n"
    )
    return target


def _prompt(option: str, choices: list[str] | None, interactive: bool, ask: Callable) -> str:
    if not interactive:
        return ""
    if choices:
        print(f"{_PROMPTS[option]}: " + ", ".join(choices))
    return ask(f"{_PROMPTS[option]} / {option}: ")


def _choices(registries: Registries, facet: facets.Facet, today: dt.date) -> list[str]:
    """The keys offered for the facet's field (type, category, unit): its registry's, those
    in force ``today`` where entries expire (units)."""
    registry = getattr(registries, facet.registry or "")
    return [k for k, e in registry.items() if _in_force(e, today)]


def _in_force(entry: object, today: dt.date) -> bool:
    validity = getattr(entry, "validity", None)
    return validity is None or validity.covers(today)


def _check_key(registries: Registries, option: str, value: str, language: str) -> None:
    """The field's registry (from the schema) must hold ``value``: E009 of the catalogue."""
    registry_name = schema.BY_NAME[option].registry
    assert registry_name is not None  # type, category and unit are registry keys
    registry = getattr(registries, registry_name)
    if value not in registry:
        label = schema.REGISTRY_NAMES[registry_name]
        hint = nearest(value, registry)
        raise CommandError(render("E009", language, value=value, registry=label, hint=hint))


def _refuse_existing(target: Path, language: str) -> None:
    if target.exists():
        raise CommandError(say("exists", language, path=shown(target)), EXIT_CONTENT)


def _fresh_id(site: Site, year: int, slug: str) -> str:
    """A new id, unique against every article the corpus knows."""
    taken = {entry.article.id for entry in site.corpus.entries.values()}
    while True:
        candidate = scaffold.make_id(year, slug, secrets.token_hex(2))
        if candidate not in taken:
            return candidate
