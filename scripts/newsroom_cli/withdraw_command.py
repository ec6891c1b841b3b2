"""``newsroom withdraw PATH --reason TEXT [--at TIME]``: withdraw an approved article."""

from __future__ import annotations

import argparse

from newsroom.content import frontmatter_edit, workflow

from . import signed_commit, transition
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
    signed_commit.add_argument(parser)  # signed by the approver named in approval.by
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        site, article, at, language, status = transition.target(args)
        reason = args.reason.strip()
        if not reason:
            raise CommandError(say("empty_reason", language))
        if not workflow.may_move(status, workflow.WITHDRAWN):
            raise CommandError(
                say("withdraw_not_approved", language, path=article.display, status=status),
                EXIT_CONTENT,
            )
        signer = None
        if args.commit:
            approval = transition.current(article, language).data.get("approval")
            by = str(approval.get("by", "")) if isinstance(approval, dict) else ""
            signer = signed_commit.prepare(site, article, by, language)
        before = transition.read(article, language)
        # the would-be text goes through the build's rules, which also refuse a withdrawal
        # dated before the approval (E025)
        transition.apply(
            site, article, lambda text: frontmatter_edit.withdraw(text, at, reason), language
        )
        if signer is not None:
            text = signed_commit.message("Gỡ bài", article, signer, f"Lý do: {reason}")
            commit_id = signed_commit.make(signer, article, text, before, language)
    except CommandError as error:
        return fail(error)
    print(say("withdrawn", language, path=article.display, at=frontmatter_edit.format_time(at)))
    if signer is not None:
        print(say("committed", language, commit=commit_id[:10]))
    return EXIT_OK
