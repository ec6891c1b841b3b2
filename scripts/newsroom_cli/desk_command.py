"""``newsroom desk``: the press register of the spokesperson's office.

``newsroom desk`` lists the open items (overdue first, per unit) in the terminal, or as a
self-contained HTML page (``--format html -o desk.html``); ``desk add`` records an incoming
press report or inquiry; ``desk info ID`` records the first information given (24 hours);
``desk close ID`` marks an item answered (an article points to it) or closes it with a reason.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from newsroom.content.loading import Site
from newsroom.desk import desk_render
from newsroom.desk import register as press_register
from newsroom.desk.loader import Desk
from newsroom.desk.register import KINDS, PRIORITIES, PressItem

from . import desk_files
from .article_files import parse_time, shown
from .cli_messages import say
from .common import EXIT_CONTENT, EXIT_OK, CommandError, fail, load_site

MESSAGES = {
    "no_item": ("không có mục {id!r} trong sổ theo dõi", "no item {id!r} in the register"),
    "not_open": ("mục {id!r} không còn mở ({status})", "item {id!r} is not open ({status})"),
    "needs_reason": (
        "chưa có bài phản hồi nào trỏ tới {id!r} (responds_to.item): cần --reason để đóng",
        "no response article points to {id!r} (responds_to.item): --reason is needed to close",
    ),
    "invalid": ("không ghi {path}: mục sẽ không hợp lệ", "{path} not written: it would be invalid"),
    "recorded": ("đã ghi {path}", "written {path}"),
}
PROMPTS = {
    "kind": "Loại (report = phản ánh, inquiry = đề nghị cung cấp thông tin)",
    "outlet": "Cơ quan báo chí",
    "title": "Tiêu đề bài báo / nội dung đề nghị",
    "unit": "Đơn vị được giao",
}


def _say(key: str, language: str, **params: object) -> str:
    vi, en = MESSAGES[key]
    return (en if language == "en" else vi).format(**params)


def register(sub: argparse._SubParsersAction, name: str) -> None:
    parser = sub.add_parser(
        name,
        help="sổ theo dõi thông tin báo chí / press register (open items, deadlines)",
        description="Không đối số: các mục đang mở, quá hạn trước, theo đơn vị. "
        "With no action: the open items, overdue first, per unit.",
    )
    _view_options(parser)
    actions = parser.add_subparsers(dest="action", metavar="VIỆC/ACTION")
    add = actions.add_parser("add", help="ghi nhận thông tin báo chí mới / record a new item")
    add.add_argument(
        "--kind",
        choices=KINDS,
        help="report (phản ánh / press report) hoặc / or inquiry (đề nghị / request)",
    )
    add.add_argument("--outlet", help="cơ quan báo chí / press outlet")
    add.add_argument("--title", help="tiêu đề / title")
    add.add_argument("--url", help="địa chỉ bài báo / URL")
    add.add_argument(
        "--published", metavar="TIME", help="thời điểm bài báo đăng / when the report was published"
    )
    add.add_argument(
        "--received", metavar="TIME", help="thời điểm nhận / received (mặc định / default: now)"
    )
    add.add_argument("--unit", help="đơn vị được giao / unit assigned")
    add.add_argument(
        "--priority", choices=PRIORITIES, default="normal", help="mức ưu tiên / priority"
    )
    info = actions.add_parser("info", help="ghi nhận đã cung cấp thông tin ban đầu / first info")
    info.add_argument("id", help="mã mục / item id")
    info.add_argument("--at", metavar="TIME", help="thời điểm / time (mặc định / default: now)")
    close = actions.add_parser("close", help="đóng mục / close an item (answered or with reason)")
    close.add_argument("id", help="mã mục / item id")
    close.add_argument(
        "--reason",
        help="lý do đóng khi không trả lời công khai / reason for closing without a public answer",
    )
    close.add_argument(
        "--at", metavar="TIME", help="thời điểm đóng / closing time (mặc định / default: now)"
    )
    for each in (add, info, close):
        each.set_defaults(run=run)
    parser.set_defaults(run=run)


def _view_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--all",
        action="store_true",
        help="cả mục đã trả lời, đã đóng / include answered and closed items",
    )
    parser.add_argument(
        "--format", choices=("text", "html"), default="text", help="định dạng / format (text, html)"
    )
    parser.add_argument("--output", "-o", metavar="FILE", help="ghi ra tệp / write to FILE")


def run(args: argparse.Namespace, ask: Callable[[str], str] | None = None) -> int:
    ask = ask or input  # looked up when called, so a test can stand in for the terminal
    try:
        site = load_site(args)
        language = site.settings.message_language
        action = getattr(args, "action", None)
        if action == "add":
            return _add(site, args, language, sys.stdin.isatty(), ask)
        if action in ("info", "close"):
            return _edit(site, args, language)
        return _view(site, args, language)
    except CommandError as error:
        return fail(error)


def _view(site: Site, args: argparse.Namespace, language: str) -> int:
    desk, registries = site.desk, site.registries
    render = desk_render.html if args.format == "html" else desk_render.text
    text = render(desk, registries, args.all)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8", newline="\n")
        print(_say("recorded", language, path=shown(Path(args.output))))
    else:
        print(text, end="")
    return EXIT_OK


def _add(
    site: Site, args: argparse.Namespace, language: str, interactive: bool, ask: Callable
) -> int:
    values = {}
    for option in ("kind", "outlet", "title", "unit"):
        value = getattr(args, option) or (
            ask(f"{PROMPTS[option]} / {option}: ") if interactive else ""
        )
        if not value or not value.strip():
            raise CommandError(say("missing_option", language, option=f"--{option}"))
        values[option] = value.strip()
    received = parse_time(args.received, site, language)
    published = parse_time(args.published, site, language) if args.published else None
    taken = {item.id for item in site.desk.items}
    new = desk_files.NewItem(
        id=desk_files.make_id(received, values["outlet"], values["title"], taken),
        kind=values["kind"],
        outlet=values["outlet"],
        title=values["title"],
        url=args.url,
        published=published,
        received=received,
        unit=values["unit"],
        priority=args.priority,
    )
    target = site.settings.register_path / str(received.year) / f"{new.id}.yml"
    text = desk_files.item_text(new)
    _write_checked(site, target, text, language)
    item = press_register.check_item(
        text,
        _display(site, target),
        target,
        site.registries,
        site.settings.desk,
        site.settings.timezone,
    )[0]
    print(say("created", language, path=shown(target)))
    print(desk_render.text(_single(site, item), site.registries, include_all=True), end="")
    return EXIT_OK


def _edit(site: Site, args: argparse.Namespace, language: str) -> int:
    item = next((i for i in site.desk.items if i.id == args.id), None)
    if item is None:
        raise CommandError(_say("no_item", language, id=args.id), EXIT_CONTENT)
    target = site.settings.docs_dir.parent / item.path
    text = target.read_text(encoding="utf-8")
    at = parse_time(args.at, site, language)
    if args.action == "info":
        text = desk_files.add_first_info(text, at)
    else:
        if not item.is_open:
            raise CommandError(
                _say("not_open", language, id=item.id, status=item.status), EXIT_CONTENT
            )
        if args.reason:
            text = desk_files.add_closed(desk_files.set_status(text, "closed"), at, args.reason)
        elif site.desk.answers.get(item.id):
            text = desk_files.set_status(text, "answered")
        else:
            raise CommandError(_say("needs_reason", language, id=item.id), EXIT_CONTENT)
    _write_checked(site, target, text, language, existing=True)
    print(_say("recorded", language, path=shown(target)))
    return EXIT_OK


def _display(site: Site, target: Path) -> str:
    return target.relative_to(site.settings.docs_dir.parent).as_posix()


def _write_checked(
    site: Site, target: Path, text: str, language: str, existing: bool = False
) -> None:
    """Write ``text`` only if the item it makes is valid; otherwise print why and refuse."""
    if target.exists() and not existing:
        raise CommandError(say("exists", language, path=shown(target)), EXIT_CONTENT)
    settings = site.settings
    _, found = press_register.check_item(
        text, _display(site, target), target, site.registries, settings.desk, settings.timezone
    )
    if found:
        for each in found:
            print(each.format(language), file=sys.stderr)
        raise CommandError(_say("invalid", language, path=shown(target)), EXIT_CONTENT)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8", newline="\n")


def _single(site: Site, item: PressItem | None) -> Desk:
    """A desk holding only ``item`` (for the confirmation printed by ``desk add``)."""
    return Desk(site.settings.desk, site.now, [item] if item else [])
