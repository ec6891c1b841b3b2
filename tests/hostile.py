"""A hostile repository: one case for each way content has been turned against the build.

Each case is laid on top of the fixture site by :func:`lay_out` and names what the strict
build must report (a ``path:line: CODE`` fragment). Every case carries a marker that must
appear in no output file of a lenient build, and script that must never run there.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "site" / "docs"
PUBLISHED = (FIXTURES / "tin-tuc/2026/cong-bo.md").read_text(encoding="utf-8")
#: What must run nowhere: every script payload of the cases calls this.
SCRIPT_CALL = "nrPwned"
JS_URL = f"javascript:{SCRIPT_CALL}()"


def article(slug_id: str, marker: str, **replace: str) -> str:
    """An approved, valid article (the fixture's published one) with its own id and body."""
    text = PUBLISHED.replace("id: fx-2026-cong-bo", f"id: {slug_id}")
    text = text.replace("MARKER-PUBLISHED-a1b2", marker).replace(
        "featured: true", "featured: false"
    )
    for old, new in replace.items():
        assert old in text, old
        text = text.replace(old, new)
    return text


def draft(slug_id: str, marker: str, body: str = "") -> str:
    return article(slug_id, marker, **{"status: approved": "status: draft"}) + body


@dataclass(frozen=True)
class Case:
    name: str
    expected: tuple[str, ...]  # fragments of the strict build's report
    marker: str | None = None  # must be in no output of the lenient build


CASES = (
    Case("symlink to a host file", ("docs/tep/mat-khau.txt:1: E030",), "HOSTILE-SECRET-51"),
    Case("symlinked folder", ("docs/tep/may-chu:1: E030",)),
    # git cannot carry one, but a checkout can hold one: reading it would hang the build
    Case("named pipe", ("docs/tin-tuc/2026/ong.md:1: E030", "docs/tep/ong.pdf:1: E030")),
    Case("article fields outside tin-tuc", ("docs/gioi-thieu/tin.md:6: E031",), "HOSTILE-OUT-52"),
    Case("wrong letter case", ("docs/Tin-Tuc/2026/hoa.md:1: E030",), "HOSTILE-CASE-53"),
    Case(".markdown", ("docs/tin-tuc/2026/khac.markdown:1: E030",), "HOSTILE-MDEXT-54"),
    Case("backup name", ("docs/tin-tuc/2026/cong-bo.md~:1: E030",), "HOSTILE-BACKUP-55"),
    Case("odd extension", ("docs/tin-tuc/2026/nhap.md.bak:1: E030",), "HOSTILE-BAK-56"),
    Case("raw HTML file", ("docs/tep/trang.html:1: E030",), "HOSTILE-HTML-57"),
    Case("javascript file", ("docs/tep/ma.js:1: E030",), "HOSTILE-JS-58"),
    Case("SVG with script", ("docs/tep/hinh.svg:2: E032",), "HOSTILE-SVG-59"),
    Case("draft file named from raw HTML", (), "HOSTILE-RAWREF-60"),
    Case("javascript: in source.url", ("docs/tin-tuc/2026/nguon.md:22: E027",), "HOSTILE-URL-61"),
    Case("javascript: in responds_to.url", ("docs/tin-tuc/2026/bao.md:25: E027",)),
    Case("javascript: file name", ("docs/tep/javascript:nrPwned().txt:1: E030",)),
    Case("attachment leaving docs", ("docs/tin-tuc/2026/ra-ngoai.md:17: E028",), "HOSTILE-OUTP-62"),
    Case("site-absolute link to a draft", ("docs/tin-tuc/2026/lien-ket.md:28: E021",)),
    Case("site_url link to a draft", ("docs/tin-tuc/2026/lien-ket.md:30: E021",)),
    Case("HTML <a> to a draft", ("docs/tin-tuc/2026/lien-ket.md:32: E021",)),
    Case("bare folder link to a draft", ("docs/tin-tuc/2026/lien-ket.md:34: E021",)),
    Case("duplicate key", ("docs/tin-tuc/2026/trung-khoa.md:10: E001",), "HOSTILE-DUP-63"),
    Case("alias bomb", ("docs/tin-tuc/2026/bom.md:3: E001",), "HOSTILE-BOMB-64"),
    Case("YAML tag", ("docs/tin-tuc/2026/the-yaml.md:2: E001",), "HOSTILE-TAG-65"),
    Case("offset out of range", ("docs/tin-tuc/2026/lech-gio.md:5: E005",), "HOSTILE-OFF-66"),
    Case("non-UTF-8 page", ("docs/trang-latin.md:1: E030",)),
    Case("non-UTF-8 article", ("docs/tin-tuc/2026/latin.md:1: E026",)),
    Case("tag without letters", ("docs/tin-tuc/2026/the-rong.md:14: E034",), "HOSTILE-TAGS-67"),
    Case("placeholders", ("docs/tin-tuc/2026/mau.md:4: E029",), "HOSTILE-PLACE-68"),
    Case("slug index", ("docs/tin-tuc/2026/index.md:1: E033",), "HOSTILE-INDEX-69"),
    Case("dots in the name", ("docs/tin-tuc/2026/ban.v2.md:1: E030",), "HOSTILE-DOTS-70"),
    Case("article outside a year", ("docs/tin-tuc/ngoai-nam.md:1: E030",), "HOSTILE-YEAR-71"),
    Case("quote in a page's file name", ('docs/trang"x.md:1: E030',), "HOSTILE-NAME-76"),
    Case("line separator in front-matter", ("docs/tin-tuc/2026/ngat-dong.md:9: E001",)),
)

BOMB_LEVELS = tuple(zip("abcdefg", "bcdefgh", strict=True))  # 9^8 list items once expanded
LATIN1 = "Tiêu đề tiếng Việt".encode("cp1258", errors="replace")


def lay_out(docs: Path, outside: Path) -> None:
    """Write every hostile case into ``docs`` (a copy of the fixture site's docs)."""
    outside.mkdir(parents=True, exist_ok=True)
    secret = outside / "secret.txt"
    secret.write_text("HOSTILE-SECRET-51 SECRET_TOKEN=abc\n", encoding="utf-8")
    os.symlink(secret, docs / "tep/mat-khau.txt")
    os.symlink(outside, docs / "tep/may-chu")
    os.mkfifo(docs / "tin-tuc/2026/ong.md")
    os.mkfifo(docs / "tep/ong.pdf")
    files = {
        'trang"x.md': "# HOSTILE-NAME-76\n",
        "trang-tieu-de.md": f"---\ntitle: '\"><img src=x onerror={SCRIPT_CALL}()>'\n---\nTrang.\n",
        "gioi-thieu/tin.md": "---\ntitle: Tin lạc chỗ\nsummary: x\ndate: 2026-05-01\n"
        "type: tin-hoat-dong\ncategory: hoat-dong-cua-bo\nunit: van-phong-bo\n"
        "id: lac-cho-01\nstatus: draft\n---\nHOSTILE-OUT-52\n",
        "Tin-Tuc/2026/hoa.md": draft("hoa-01", "HOSTILE-CASE-53"),
        "tin-tuc/2026/khac.markdown": draft("khac-01", "HOSTILE-MDEXT-54"),
        "tin-tuc/2026/cong-bo.md~": draft("backup-01", "HOSTILE-BACKUP-55"),
        "tin-tuc/2026/nhap.md.bak": draft("bak-01", "HOSTILE-BAK-56"),
        "tep/trang.html": f"<p>HOSTILE-HTML-57</p><script>{SCRIPT_CALL}()</script>",
        "tep/ma.js": f"/* HOSTILE-JS-58 */ {SCRIPT_CALL}();",
        "tep/hinh.svg": '<svg xmlns="http://www.w3.org/2000/svg">\n'
        f"<script>{SCRIPT_CALL}() /* HOSTILE-SVG-59 */</script></svg>",
        # a draft that names its private file only from raw HTML, %-encoded, with brackets
        "tep/bi mat [1].txt": "HOSTILE-RAWREF-60",
        "tin-tuc/2026/nhap-html.md": draft(
            "nhap-html-01",
            "HOSTILE-DRAFT-72",
            '\n<a href="../../tep/bi%20mat%20%5B1%5D.txt">tệp</a>\n',
        ),
        "tin-tuc/2026/nguon.md": article(
            "nguon-01",
            "HOSTILE-URL-61",
            **{"featured: false": f"featured: false\nsource: {{name: Báo, url: '{JS_URL}'}}"},
        ),
        "tin-tuc/2026/bao.md": article(
            "bao-01",
            "HOSTILE-URL-73",
            **{
                "featured: false": "featured: false\nresponds_to:\n  outlet: Báo\n  title: Bài\n"
                f"  url: ' javascript:{SCRIPT_CALL}()'\n  published: 2026-05-01"
            },
        ),
        f"tep/javascript:{SCRIPT_CALL}().txt": "tệp có tên nguy hiểm",
        "tin-tuc/2026/ra-ngoai.md": article(
            "ra-ngoai-01",
            "HOSTILE-OUTP-62",
            **{"../../tep/tai-lieu.txt": "../../../../secret.txt"},
        ),
        "tin-tuc/2026/lien-ket.md": article(
            "lien-ket-01",
            "HOSTILE-LINKS-74",
        )
        + "\n[tuyệt đối](/tin-tuc/2026/ban-nhap/)\n\n"
        "[đầy đủ](https://example.gov.vn/tin-tuc/2026/ban-nhap/)\n\n"
        '<a href="../ban-nhap/">html</a>\n\n'
        "[thư mục](/tin-tuc/2026/ban-nhap)\n",
        "tin-tuc/2026/trung-khoa.md": article("trung-khoa-01", "HOSTILE-DUP-63").replace(
            "status: approved\n", "status: draft\nstatus: approved\n"
        ),
        "tin-tuc/2026/bom.md": "---\nid: bom-01\na: &a [x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n"
            for p, c in zip("abcdefg", "bcdefgh", strict=True)
        )
        + "---\nHOSTILE-BOMB-64\n",
        "tin-tuc/2026/the-yaml.md": "---\nid: !!python/object/apply:os.system ['true']\n---\n"
        "HOSTILE-TAG-65\n",
        "tin-tuc/2026/lech-gio.md": article(
            "lech-gio-01",
            "HOSTILE-OFF-66",
            **{"date: 2026-05-10T09:30:00+07:00": "date: 2026-05-10T09:30:00+25:00"},
        ),
        "tin-tuc/2026/the-rong.md": article(
            "the-rong-01",
            "HOSTILE-TAGS-67",
            **{"tags: [cưỡng chế, đất đai]": "tags: ['!!!', đất đai]"},
        ),
        "tin-tuc/2026/mau.md": article(
            "mau-01",
            "HOSTILE-PLACE-68",
            **{
                "summary: Cơ quan thi hành án dân sự tổ chức cưỡng chế thi hành án về đất đai "
                "theo đúng quy định.": 'summary: "(điền sa-pô)"'
            },
        ),
        "tin-tuc/2026/index.md": article("index-01", "HOSTILE-INDEX-69"),
        "tin-tuc/2026/ban.v2.md": article("ban-v2-01", "HOSTILE-DOTS-70"),
        "tin-tuc/ngoai-nam.md": article("ngoai-nam-01", "HOSTILE-YEAR-71"),
        "tin-tuc/2026/ngat-dong.md": article(
            "ngat-dong-01",
            "HOSTILE-LS-75",
            **{"status: approved": "title2: x\u2028status: approved"},
        ),
    }
    for rel, text in files.items():
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    (docs / "trang-latin.md").write_bytes(b"# " + LATIN1 + b"\n")
    plan = docs / ".ke-hoach/2026.yml"  # a data file's text reaches a generated public page
    text = plan.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^title: .*$", f"title: '<img src=x onerror={SCRIPT_CALL}()> *đậm*'", text)
    text = re.sub(r"(?m)^basis: .*$", f"basis: '[bấm]({JS_URL})'", text)
    plan.write_text(text, encoding="utf-8")
    (docs / "tin-tuc/2026/latin.md").write_bytes(b"---\ntitle: " + LATIN1 + b"\n---\n")
