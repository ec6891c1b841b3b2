"""``newsroom approve PATH --by ID [--at TIME]``: set status approved and the approval."""

from __future__ import annotations

import argparse

from newsroom.content import frontmatter_edit, signatures, workflow

from . import signed_commit, transition
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
    signed_commit.add_argument(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        site, article, at, language, status = transition.target(args)
        if not workflow.may_move(status, workflow.APPROVED):
            raise CommandError(
                say("approve_withdrawn", language, path=article.display), EXIT_CONTENT
            )
        by = args.by.strip()
        signer = signed_commit.prepare(site, article, by, language) if args.commit else None
        before = transition.read(article, language)

        transition.apply(
            site, article, lambda text: frontmatter_edit.approve(text, by, at), language
        )
        if signer is not None:
            text = signed_commit.message("Duyệt bài", article, signer)
            commit_id = signed_commit.make(signer, article, text, before, language)
    except CommandError as error:
        return fail(error)
    print(
        say("approved", language, path=article.display, by=by, at=frontmatter_edit.format_time(at))
    )
    if signer is not None:
        print(say("committed", language, commit=commit_id[:10]))
    elif signatures.required_for(at, site.settings):
        print(say("commit_needed", language, path=article.display))
    return EXIT_OK
