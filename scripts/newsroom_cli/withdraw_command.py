"""``newsroom withdraw PATH --reason TEXT [--at TIME]``: withdraw an approved article."""

from __future__ import annotations

import argparse

from newsroom import frontmatter_edit

from . import transition
from .cli_messages import say
from .common import EXIT_CONTENT, EXIT_OK, CommandError, fail


def register(sub: argparse._SubParsersAction, name: str) -> None:
    parser = sub.add_parser(
        name,
        help="gỡ bài đã đăng / withdraw an approved article",
        description="Đặt status: withdrawn và khối withdrawn (at, reason); trang vẫn giữ địa "
        "chỉ và hiện lý do gỡ. Chỉ gỡ được bài đã duyệt. Sets status withdrawn with the public "
        "reason; only an approved article can be withdrawn.",
    )
    transition.add_arguments(
        parser, "thời điểm gỡ, ISO 8601 / withdrawal time (mặc định / default: now)"
    )
    parser.add_argument(
        "--reason",
        required=True,
        metavar="TEXT",
        help="lý do công khai / public reason shown on the page",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        site, article, at, language, status = transition.target(args)
        reason = args.reason.strip()
        if not reason:
            raise CommandError(say("empty_reason", language))
        if status != "approved":
            raise CommandError(
                say("withdraw_not_approved", language, path=article.display, status=status),
                EXIT_CONTENT,
            )
        # the would-be text goes through the build's rules, which also refuse a withdrawal
        # dated before the approval (E025)
        transition.apply(
            site, article, lambda text: frontmatter_edit.withdraw(text, at, reason), language
        )
    except CommandError as error:
        return fail(error)
    print(say("withdrawn", language, path=article.display, at=frontmatter_edit.format_time(at)))
    return EXIT_OK
