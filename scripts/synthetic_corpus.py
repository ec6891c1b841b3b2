"""A synthetic corpus of valid Vietnamese articles, for benchmarks (never committed output).

``write_corpus(docs, n)`` writes ``n`` approved articles (20 % translated) over 2020–2026 into
``docs/tin-tuc/<YYYY>/`` of a project laid out like this repository.
"""

from __future__ import annotations

import random
from pathlib import Path

SENTENCES = (
    "Cơ quan thi hành án dân sự đã cưỡng chế thi hành án đối với quyền sử dụng đất.",
    "Công tác phổ biến, giáo dục pháp luật được triển khai rộng khắp tại cơ sở.",
    "Người phát ngôn của Bộ Tư pháp đã cung cấp thông tin cho báo chí về vụ việc.",
    "Việc thực hiện cơ chế một cửa giúp người dân giảm thời gian đi lại.",
    "Nhiều vụ việc tranh chấp đất đai kéo dài do khó khăn trong xác minh tài sản.",
    "Hội nghị đã đánh giá kết quả thi hành án hành chính trong sáu tháng đầu năm.",
    "Dịch vụ bưu chính công ích được áp dụng để gửi quyết định thi hành án.",
    "Đoàn công tác đã làm việc với Ủy ban nhân dân tỉnh về công tác phối hợp.",
    "Các đương sự được hướng dẫn nộp đơn yêu cầu thi hành án trực tuyến.",
    "Kinh nghiệm hay của địa phương được chia sẻ để nhân rộng trong toàn hệ thống.",
)
EN_SENTENCES = (
    "The enforcement agency seized land-use rights to satisfy the judgment.",
    "Legal education activities were organised in every commune.",
    "The Ministry's spokesperson answered questions from the press.",
    "The one-stop shop shortened the time citizens spend on procedures.",
)
CATEGORIES = (
    "thi-hanh-an-dan-su",
    "thi-hanh-an-hanh-chinh",
    "xay-dung-thi-hanh-phap-luat",
    "pho-bien-giao-duc-phap-luat",
    "hanh-chinh-tu-phap",
    "bo-tro-tu-phap",
    "hop-tac-quoc-te",
    "hoat-dong-cua-bo",
)
TYPES = ("tin-hoat-dong", "thong-cao-bao-chi", "chuyen-de", "phong-van", "hoi-dap", "thong-bao")
FOCUS = (
    "chinh-sach",
    "chap-hanh-phap-luat",
    "no-luc-ket-qua",
    "kho-khan-vuong-mac",
    "kinh-nghiem-hay",
)
TAGS = (
    "cưỡng chế",
    "đất đai",
    "một cửa",
    "trực tuyến",
    "báo chí",
    "hòa giải",
    "tài sản",
    "án phí",
    "ủy thác",
    "xác minh",
)


def article(rng: random.Random, index: int) -> tuple[str, str, str | None]:
    """(relative path, Vietnamese text, English text or None) of article ``index``."""
    year = 2020 + index % 7  # the sample approver is in office from 2020
    month, day = 1 + rng.randrange(10 if year == 2026 else 12), 1 + rng.randrange(28)
    slug = f"bai-tong-hop-{index:05d}"
    date = f"{year}-{month:02d}-{day:02d}T{8 + rng.randrange(9):02d}:00:00+07:00"
    body = "\n\n".join(
        f"## Phần {s + 1}\n\n" + " ".join(rng.choice(SENTENCES) for _ in range(12))
        for s in range(4)
    )
    head = (
        f'---\nid: synthetic-{index:05d}\ntitle: "Thi hành án dân sự: tin tổng hợp số {index}"\n'
        f"summary: Tóm tắt tin số {index} về công tác thi hành án và phổ biến pháp luật.\n"
        f"date: {date}\ntype: {rng.choice(TYPES)}\ncategory: {rng.choice(CATEGORIES)}\n"
        f"unit: van-phong-bo\nstatus: approved\n"
        f"approval: {{by: chanh-van-phong-bo, at: {year}-{month:02d}-{day:02d}}}\n"
        f"focus_areas: [{rng.choice(FOCUS)}]\n"
        f"tags: [{rng.choice(TAGS)}, {rng.choice(TAGS)}]\n---\n\n"
    )
    english = None
    if index % 5 == 0:
        english = (
            f'---\ntitle: "Civil judgment enforcement: digest no. {index}"\n'
            f"summary: Digest {index} on enforcement and legal education.\nstatus: approved\n"
            f"approval: {{by: chanh-van-phong-bo, at: {year}-{month:02d}-{day:02d}}}\n---\n\n"
            + " ".join(rng.choice(EN_SENTENCES) for _ in range(30))
            + "\n"
        )
    return f"tin-tuc/{year}/{slug}", head + body + "\n", english


def write_corpus(docs: Path, count: int, seed: int = 20261122) -> None:
    rng = random.Random(seed)
    for index in range(count):
        stem, text, english = article(rng, index)
        target = docs / f"{stem}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        if english:
            (docs / f"{stem}.en.md").write_text(english, encoding="utf-8")
