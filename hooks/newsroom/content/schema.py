"""The content schema: every front-matter field of an article, declared once.

:data:`FIELDS` is the one table (CONTENT_MODEL.md section 2). The rules read and check the
fields by iterating it (:mod:`newsroom.content.rules`), a translation inherits the fields it marks
as shared, unknown keys are reported against it with a "did you mean" hint, ``newsroom new``
writes its required fields, and the editors' guide prints it (:mod:`newsroom.site.guide`). A new
field is one new row here (and, if it has its own rule, one checking function).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from ..common.messages import Localized
from . import workflow
from .model import MEDIA_KINDS


class Reader(StrEnum):
    """How a field's value is read (:class:`newsroom.content.fields.FieldChecker`)."""

    TEXT = "text"  # one line of text (a number is read as text)
    MOMENT = "moment"  # a date, a datetime or an ISO 8601 string, in the site's time zone
    KEY = "key"  # a key of ``registry``
    KEYS = "keys"  # a list of keys of ``registry``
    STRINGS = "strings"  # a list of free words
    FLAG = "flag"  # true or false
    BLOCK = "block"  # a mapping of ``subfields``
    ITEMS = "items"  # a list of mappings of ``subfields``


class Need(StrEnum):
    """When a field must be present."""

    ALWAYS = "always"
    STATUS = "status"  # when the article's status is one of ``Field.statuses``
    TYPE = "type"  # when the types registry lists it in the type's ``requires``
    OPTIONAL = "optional"


class Shared(StrEnum):
    """What a translation (``<slug>.en.md``) does with the field."""

    OWN = "own"  # the translation carries its own value
    EQUAL = "equal"  # inherited when left out; where given, it must equal the original's
    INHERITED = "inherited"  # inherited when left out; where given, the translation's own


@dataclass(frozen=True)
class Field:
    """One front-matter field of an article."""

    name: str
    reader: Reader
    need: Need = Need.OPTIONAL
    guide: str = ""  # its meaning and rule, for the editors' guide (Vietnamese Markdown)
    statuses: tuple[str, ...] = ()  # Need.STATUS: the statuses that require it
    shared: Shared = Shared.OWN
    registry: str | None = None  # attribute of :class:`~newsroom.content.registries.Registries`
    subfields: tuple[str, ...] = ()

    @property
    def is_shared(self) -> bool:
        return self.shared is not Shared.OWN


#: Names of the registries in messages ("'x' is not in the types registry").
REGISTRY_NAMES: dict[str, Localized] = {
    "types": Localized("loại tin", "types"),
    "categories": Localized("chuyên mục", "categories"),
    "units": Localized("đơn vị", "units"),
    "focus_areas": Localized("nội dung trọng tâm", "focus areas"),
    "approvers": Localized("người duyệt", "approvers"),
    "spokespersons": Localized("người phát ngôn", "spokespersons"),
}

#: A permanent id: of an article, a press-register item, a notice.
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{2,79}$")
TITLE_MAX = 200
SUMMARY_MAX = 400
_PUBLIC = (workflow.APPROVED, workflow.WITHDRAWN)

FIELDS: tuple[Field, ...] = (
    Field(
        "id",
        Reader.TEXT,
        Need.ALWAYS,
        "Mã cố định của bài (chữ thường không dấu, số, dấu gạch ngang; 3–80 ký tự), không trùng "
        "với bài khác và **không bao giờ đổi**, kể cả khi đổi tiêu đề hay tên tệp. Nguồn tin "
        "RSS/Atom dựa vào mã này.",
        shared=Shared.EQUAL,
    ),
    Field("title", Reader.TEXT, Need.ALWAYS, f"Tiêu đề, một dòng, tối đa {TITLE_MAX} ký tự."),
    Field(
        "summary",
        Reader.TEXT,
        Need.ALWAYS,
        f"Sa-pô, tối đa {SUMMARY_MAX} ký tự; hiện ở trang danh sách, nguồn tin và mô tả trang.",
    ),
    Field(
        "date",
        Reader.MOMENT,
        Need.ALWAYS,
        "Thời điểm đăng lần đầu. Nếu còn ở tương lai thì bài được **hẹn giờ** (mục 4).",
        shared=Shared.EQUAL,
    ),
    Field(
        "type",
        Reader.KEY,
        Need.ALWAYS,
        "Loại tin, một mã trong `docs/.registries/types.yml`.",
        shared=Shared.EQUAL,
        registry="types",
    ),
    Field(
        "category",
        Reader.KEY,
        Need.ALWAYS,
        "Chuyên mục, một mã trong `docs/.registries/categories.yml`.",
        shared=Shared.EQUAL,
        registry="categories",
    ),
    Field(
        "unit",
        Reader.KEY,
        Need.ALWAYS,
        "Đơn vị ban hành, một mã trong `docs/.registries/units.yml`, phải còn hiệu lực vào "
        "ngày `date`.",
        shared=Shared.EQUAL,
        registry="units",
    ),
    Field(
        "status",
        Reader.TEXT,
        Need.ALWAYS,
        workflow.guide_text() + ".",
    ),
    Field(
        "focus_areas",
        Reader.KEYS,
        Need.OPTIONAL,
        "Danh sách nội dung trọng tâm của chương trình truyền thông (`chinh-sach`, "
        "`chap-hanh-phap-luat`, `no-luc-ket-qua`, `kho-khan-vuong-mac`, `kinh-nghiem-hay`).",
        shared=Shared.EQUAL,
        registry="focus_areas",
    ),
    Field(
        "approval",
        Reader.BLOCK,
        Need.STATUS,
        "`by` là mã người duyệt; vào thời điểm `at` người đó còn đương nhiệm và có thẩm quyền "
        "duyệt cho `unit`. Ghi bằng lệnh `newsroom approve`.",
        statuses=_PUBLIC,
        subfields=("by", "at"),
    ),
    Field(
        "spokesperson",
        Reader.KEY,
        Need.TYPE,
        "Mã người phát ngôn đương nhiệm vào ngày `date`.",
        shared=Shared.EQUAL,
        registry="spokespersons",
    ),
    Field(
        "responds_to",
        Reader.BLOCK,
        Need.TYPE,
        "Bài báo được phản hồi. `received` (thời điểm nhận thông tin) mặc định bằng "
        "`published`; thời gian phản hồi tính từ `received` đến `date`. `item` (không bắt "
        "buộc): mã mục trong sổ theo dõi thông tin báo chí "
        "([hướng dẫn](bao-chi-va-ke-hoach.md)).",
        shared=Shared.INHERITED,
        subfields=("outlet", "title", "url", "published", "received", "item"),
    ),
    Field(
        "event",
        Reader.BLOCK,
        Need.TYPE,
        "Bắt buộc có `start` và `location`. `notice` (không bắt buộc, ở bài tường thuật): mã "
        "bài thông báo của cùng cuộc họp báo, để cuộc họp báo chỉ được tính một lần.",
        shared=Shared.INHERITED,
        subfields=("start", "end", "location", "online_url", "notice"),
    ),
    Field(
        "withdrawn",
        Reader.BLOCK,
        Need.STATUS,
        "`reason` là lời giải thích công khai, hiện trên trang. Ghi bằng lệnh `newsroom withdraw`.",
        statuses=(workflow.WITHDRAWN,),
        subfields=("at", "reason"),
    ),
    Field("tags", Reader.STRINGS, Need.OPTIONAL, "Từ khoá tự do."),
    Field("authors", Reader.STRINGS, Need.OPTIONAL, "Tác giả (dòng ký tên)."),
    Field("source", Reader.BLOCK, Need.OPTIONAL, "Nguồn tin.", subfields=("name", "url")),
    Field(
        "image",
        Reader.BLOCK,
        Need.OPTIONAL,
        "Ảnh đại diện; bắt buộc có `alt` mô tả ảnh.",
        subfields=("src", "alt", "caption", "credit"),
    ),
    Field(
        "attachments",
        Reader.ITEMS,
        Need.OPTIONAL,
        "Tệp đính kèm, đặt cạnh bài hoặc trong `docs/tep/`; tệp phải tồn tại.",
        subfields=("path", "title"),
    ),
    Field(
        "updates",
        Reader.ITEMS,
        Need.OPTIONAL,
        "Cập nhật công khai; `kind` là `update` (cập nhật) hoặc `correction` (đính chính).",
        subfields=("at", "note", "kind"),
    ),
    Field(
        "legal_basis",
        Reader.STRINGS,
        Need.OPTIONAL,
        "Căn cứ pháp lý, ví dụ `Nghị định 09/2017/NĐ-CP`.",
    ),
    Field("featured", Reader.FLAG, Need.OPTIONAL, "`true` để làm bài nổi bật."),
    Field(
        "media",
        Reader.STRINGS,
        Need.OPTIONAL,
        "Loại hình của bài, đếm theo kế hoạch năm: danh sách trong "
        + ", ".join(f"`{kind}`" for kind in MEDIA_KINDS)
        + ".",
    ),
)

#: Every field by name.
BY_NAME: dict[str, Field] = {f.name: f for f in FIELDS}
#: Every key an article's front-matter may hold (anything else is E014 with a hint).
KNOWN: tuple[str, ...] = tuple(BY_NAME)
#: The fields every article must have.
REQUIRED: tuple[str, ...] = tuple(f.name for f in FIELDS if f.need is Need.ALWAYS)
#: Fields a translation may leave out (inherited from its original).
SHARED: tuple[str, ...] = tuple(f.name for f in FIELDS if f.is_shared)
#: The keys of each block (``approval:``) or list item (``attachments:``).
SUBFIELDS: dict[str, tuple[str, ...]] = {f.name: f.subfields for f in FIELDS if f.subfields}


def required_by_status(status: str | None) -> tuple[str, ...]:
    """Fields that ``status`` requires (``approval`` when approved …)."""
    return tuple(f.name for f in FIELDS if f.need is Need.STATUS and status in f.statuses)
