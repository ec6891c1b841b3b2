"""``newsroom report``: programme figures over published articles (md, csv or html)."""

from __future__ import annotations

import argparse
from pathlib import Path

from newsroom.desk import review, review_render
from newsroom.report import figures, render

from .article_files import parse_day, shown
from .cli_messages import say
from .common import EXIT_OK, CommandError, fail, load_site


def register(sub: argparse._SubParsersAction, name: str) -> None:
    parser = sub.add_parser(
        name,
        help="báo cáo số liệu thông tin báo chí / programme report",
        description="Đếm bài đã đăng theo nội dung trọng tâm, loại tin, chuyên mục, đơn vị và "
        "tháng; phát ngôn và họp báo theo quý (Nghị định 09/2017/NĐ-CP); thời gian phản hồi "
        "báo chí. Counts published articles; quarters without a press conference and slow "
        "responses to the press are flagged.",
    )
    parser.add_argument(
        "--from",
        dest="start",
        metavar="DATE",
        help="từ ngày / from (YYYY-MM-DD; mặc định / default: 1/1 năm nay)",
    )
    parser.add_argument(
        "--to",
        dest="end",
        metavar="DATE",
        help="đến ngày / to (YYYY-MM-DD; mặc định / default: hôm nay / today)",
    )
    parser.add_argument(
        "--plan",
        metavar="YYYY",
        type=int,
        help="sơ kết, tổng kết kế hoạch năm YYYY: kế hoạch và thực hiện theo chỉ tiêu, đơn vị, "
        "quý; trả lời báo chí theo sổ theo dõi / review against the plan of year YYYY",
    )
    parser.add_argument(
        "--format",
        choices=tuple(render.RENDERERS),
        default="md",
        help="định dạng / format (mặc định / default: md)",
    )
    parser.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help="ghi ra tệp / write to FILE (mặc định / default: stdout)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        site = load_site(args)
        language = site.settings.message_language
        start = parse_day(args.start, language)
        end = parse_day(args.end, language)
        if start and end and start > end:
            raise CommandError(say("bad_range", language, start=args.start, end=args.end))
        if args.plan is not None:
            plan_review = review.build(site.corpus, site.desk, args.plan)
            text = review_render.RENDERERS[args.format](plan_review)
        else:
            report = figures.build(site.corpus, start, end)
            text = render.RENDERERS[args.format](report)
    except CommandError as error:
        return fail(error)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8", newline="\n")
        print(say("written", language, path=shown(Path(args.output))))
    else:
        print(text, end="")
    return EXIT_OK
