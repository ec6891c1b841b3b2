"""``newsroom approve PATH --by ID [--at TIME]``: set status approved and the approval."""

from __future__ import annotations

import argparse

from newsroom import frontmatter_edit

from . import transition
from .cli_messages import say
from .common import EXIT_CONTENT, EXIT_OK, CommandError, fail


def register(sub: argparse._SubParsersAction, name: str) -> None:
    parser = sub.add_parser(
        name,
        help="duyệt bài / approve an article",
        description="Đặt status: approved và khối approval (by, at). Từ chối nếu người duyệt "
        "không có thẩm quyền, không đương nhiệm, hoặc bài không hợp lệ; chỉ sửa các dòng đó. "
        "Sets status approved and the approval block; refuses what the rules forbid; "
        "changes only those lines.",
    )
    transition.add_arguments(
        parser, "thời điểm duyệt, ISO 8601 / approval time (mặc định / default: now)"
    )
    parser.add_argument(
        "--by",
        required=True,
        metavar="ID",
        help="mã người duyệt / approver id (docs/.registries/approvers.yml)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        site, article, at, language, status = transition.target(args)
        if status == "withdrawn":
            raise CommandError(
                say("approve_withdrawn", language, path=article.display), EXIT_CONTENT
            )
        by = args.by.strip()

        transition.apply(
            site, article, lambda text: frontmatter_edit.approve(text, by, at), language
        )
    except CommandError as error:
        return fail(error)
    print(
        say("approved", language, path=article.display, by=by, at=frontmatter_edit.format_time(at))
    )
    return EXIT_OK
