"""The one catalogue of issue codes: message texts in Vietnamese and English, and the fix.

The checker, the build and the editors' guide all read this table, so they cannot drift.
Messages are ``str.format`` templates filled with the issue's parameters.
"""

from __future__ import annotations

from . import messages_approval, messages_desk
from .wording import Localized, Message, Severity, did_you_mean
from .wording import error as _e
from .wording import warning as _w

__all__ = ["CATALOGUE", "REASONS", "Localized", "Message", "Severity", "did_you_mean", "render"]


CATALOGUE: dict[str, Message] = {
    m.code: m
    for m in (
        _e(
            "E001",
            "không đọc được front-matter YAML: {detail}",
            "front-matter is not valid YAML: {detail}",
            "Sửa cú pháp YAML: thụt lề bằng dấu cách, đặt trong ngoặc kép giá trị có dấu `:`.",
        ),
        _e(
            "E002",
            "bài viết thiếu khối front-matter (--- ... ---) ở đầu tệp",
            "the article has no front-matter block (--- ... ---) at the top",
            "Mở đầu tệp bằng `---`, các trường, rồi `---`.",
        ),
        _e(
            "E003",
            "thiếu trường bắt buộc{condition}",
            "required field is missing{condition}",
            "Thêm trường này; xem bảng các trường bắt buộc.",
        ),
        _e(
            "E004",
            "phải là {expected}, nhận được {got}",
            "must be {expected}, got {got}",
            "Viết giá trị đúng kiểu: chuỗi, danh sách (- mục) hoặc khối trường con.",
        ),
        _e(
            "E005",
            "ngày giờ không hợp lệ: {value!r}",
            "invalid date or time: {value!r}",
            "Viết ngày theo ISO 8601, ví dụ `2026-11-20T09:30:00+07:00` hoặc `2026-11-20`.",
        ),
        _e(
            "E006",
            "mã định danh {value!r} không hợp lệ (chữ thường, số, dấu gạch ngang; 3–80 ký tự)",
            "id {value!r} is invalid (lowercase letters, digits, hyphens; 3–80 characters)",
            "Dùng mã như `2026-thads-ha-noi-cuong-che`; không đổi mã sau khi đã đăng.",
        ),
        _e(
            "E007",
            "dài {length} ký tự, tối đa {limit}",
            "is {length} characters long, at most {limit} allowed",
            "Rút gọn tiêu đề (≤ 200 ký tự) hoặc sa-pô (≤ 400 ký tự).",
        ),
        _e(
            "E008",
            "tiêu đề phải nằm trên một dòng",
            "the title must be a single line",
            "Viết tiêu đề trên một dòng.",
        ),
        _e(
            "E009",
            "{value!r} không có trong danh mục {registry}{hint}",
            "{value!r} is not in the {registry} registry{hint}",
            "Dùng một mã có trong thư mục `docs/.registries/`.",
        ),
        _e(
            "E010",
            "đơn vị {value!r} không còn hiệu lực vào ngày {date}{hint}",
            "unit {value!r} is not valid on {date}{hint}",
            "Dùng đơn vị có hiệu lực vào ngày đăng (sau tổ chức lại, dùng đơn vị kế nhiệm).",
        ),
        _e(
            "E011",
            "trạng thái {value!r} không hợp lệ (draft, in-review, approved, withdrawn)",
            "status {value!r} is invalid (draft, in-review, approved, withdrawn)",
            "Dùng một trong: `draft`, `in-review`, `approved`, `withdrawn`.",
        ),
        _e(
            "E012",
            "{value!r} không được duyệt bài cho đơn vị {unit!r}",
            "{value!r} may not approve for unit {unit!r}",
            "Nhờ người có thẩm quyền với đơn vị này duyệt (`newsroom approve --by`).",
        ),
        _e(
            "E013",
            "{value!r} không đương nhiệm vào ngày {date}",
            "{value!r} is not in office on {date}",
            "Người duyệt hoặc người phát ngôn phải đương nhiệm vào ngày đó.",
        ),
        _e(
            "E014",
            "trường không được biết{hint}",
            "unknown field{hint}",
            "Xoá trường hoặc sửa chính tả theo gợi ý.",
        ),
        _e(
            "E015",
            "mã định danh {value!r} đã dùng ở {other}",
            "id {value!r} is already used by {other}",
            "Mỗi bài có một mã riêng; tạo mã mới cho bài mới.",
        ),
        _e(
            "E016",
            "địa chỉ {value!r} trùng với {other}",
            "URL {value!r} is also produced by {other}",
            "Đổi tên tệp (slug) để mỗi bài có một địa chỉ riêng.",
        ),
        _e(
            "E017",
            "bản dịch ghi {value!r}, khác bản gốc {original!r}",
            "the translation says {value!r}, its original says {original!r}",
            "Bỏ trường này khỏi bản dịch (nó được lấy từ bản gốc) hoặc sửa cho khớp.",
        ),
        _e(
            "E018",
            "bản dịch không có bản gốc {original}",
            "the translation has no original {original}",
            "Bản dịch `x.en.md` phải nằm cạnh bản gốc `x.md`.",
        ),
        _e(
            "E019",
            "không tìm thấy tệp đính kèm {value!r}",
            "attachment {value!r} does not exist",
            "Đặt tệp cạnh bài viết hoặc trong `docs/tep/`, ghi đường dẫn tương đối.",
        ),
        _e(
            "E020",
            "ảnh thiếu mô tả thay thế (alt)",
            "the image has no alternative text (alt)",
            "Thêm `alt:` mô tả nội dung ảnh cho người khiếm thị.",
        ),
        _e(
            "E021",
            "liên kết tới bài chưa được đăng {target} ({visibility})",
            "links to {target}, which is not published ({visibility})",
            "Bỏ liên kết, hoặc chờ bài kia được đăng rồi mới đăng bài này.",
        ),
        _e(
            "E022",
            "thư mục năm {folder} khác năm đăng {year}",
            "folder year {folder} differs from the publication year {year}",
            "Đặt bài trong `docs/tin-tuc/<năm đăng>/`.",
        ),
        _e(
            "E023",
            "{value!r} không hợp lệ (update hoặc correction)",
            "{value!r} is invalid (update or correction)",
            "Dùng `kind: update` (cập nhật) hoặc `kind: correction` (đính chính).",
        ),
        _e(
            "E024",
            "tên tệp {value!r} phải là chữ thường không dấu, số và dấu gạch ngang",
            "file name {value!r} must be lowercase ASCII letters, digits and hyphens",
            "Đặt tên tệp không dấu, ví dụ `cuong-che-thi-hanh-an.md`.",
        ),
        _e(
            "E025",
            "thời điểm gỡ bài sớm hơn thời điểm duyệt {value}",
            "the withdrawal is dated before the approval ({value})",
            "Bài chỉ gỡ được sau khi đã duyệt: sửa `withdrawn.at` hoặc `approval.at`.",
        ),
        _e(
            "E026",
            "không thể đọc tệp: {detail}",
            "cannot read the file: {detail}",
            "Lưu tệp ở dạng UTF-8.",
        ),
        _e(
            "E027",
            "{value!r} không phải địa chỉ web được phép (chỉ http:// hoặc https:// với tên miền)",
            "{value!r} is not an allowed web address (only http:// or https:// with a host)",
            "Dán đúng địa chỉ trang web, bắt đầu bằng `https://`; không dùng `javascript:`, `data:`…",
        ),
        _e(
            "E028",
            "đường dẫn tệp {value!r} không được phép: {reason}",
            "file path {value!r} is not allowed: {reason}",
            "Ghi đường dẫn tương đối tới một tệp trong `docs/` (ví dụ `../../tep/bao-cao.pdf`); "
            "tên tệp không chứa `:` `?` `#` `%` `\\` dấu nháy hay `<` `>`.",
        ),
        _e(
            "E029",
            "còn nội dung mẫu của `newsroom new` chưa điền, không đăng được",
            "still holds the scaffold text of `newsroom new`; it cannot be published",
            "Thay mọi chỗ `(điền …)` bằng nội dung thật trước khi duyệt.",
        ),
        _e(
            "E030",
            "tệp không được phép trong docs/: {reason}",
            "file not allowed under docs/: {reason}",
            "Chỉ đặt trong `docs/` bài viết, trang tĩnh, tệp đính kèm/ảnh đúng loại và sổ đăng ký; "
            "xoá tệp này hoặc đổi tên/định dạng như hướng dẫn.",
        ),
        _e(
            "E031",
            "trang tĩnh mang trường của bài viết ({fields}); bài viết phải nằm trong {articles}/<năm>/",
            "a static page carries article fields ({fields}); articles belong in {articles}/<year>/",
            "Chuyển tệp vào thư mục năm của bài viết, hoặc bỏ các trường của bài viết.",
        ),
        _e(
            "E032",
            "tệp SVG chứa nội dung có thể chạy: {detail}",
            "the SVG file holds active content: {detail}",
            "Xuất lại hình SVG không có script, sự kiện `on…`, `foreignObject` hay liên kết ra ngoài; "
            "hoặc dùng ảnh PNG.",
        ),
        _e(
            "E033",
            "địa chỉ {url} trùng với trang do hệ thống tạo ({generated})",
            "URL {url} collides with a page the build generates ({generated})",
            "Đổi tên tệp (ví dụ thêm một từ vào tên).",
        ),
        _e(
            "E034",
            "thẻ {value!r} không có chữ cái hay chữ số nào nên không có địa chỉ",
            "tag {value!r} has no letter or digit, so it has no URL",
            "Viết thẻ bằng chữ, ví dụ `thi hành án`.",
        ),
        _e(
            "E035",
            "địa chỉ {value!r} không được phép (chỉ http, https, mailto, tel hoặc đường dẫn trong trang)",
            "URL {value!r} is not allowed (only http, https, mailto, tel or a path inside the site)",
            "Sửa liên kết; không dùng `javascript:`, `data:`, `file:`…",
        ),
        _w(
            "W101",
            "đã loại bỏ HTML không an toàn: {detail}",
            "unsafe HTML removed: {detail}",
            "Không dùng `<script>`, thuộc tính `on…`, liên kết `javascript:`; iframe chỉ từ nguồn cho phép.",
        ),
        _e(
            "E080",
            'video không có phụ đề: thêm <track kind="captions" src="/tep/….vtt" srclang="vi">',
            'the video has no captions: add <track kind="captions" src="/tep/….vtt" srclang="vi">',
            "Mọi video phải có phụ đề WebVTT (tệp `.vtt`) cho người khiếm thính: "
            '`<track kind="captions" src="/tep/video/ten.vtt" srclang="vi" label="Tiếng Việt">`.',
        ),
        _e(
            "E081",
            "tệp đa phương tiện {value!r} phải là tệp của trang, không phải địa chỉ trang khác",
            "the media file {value!r} must be one of the site's own files, not another site's URL",
            "Đặt tệp video, âm thanh và phụ đề trong `docs/tep/` và ghi đường dẫn `/tep/…`.",
        ),
        _e(
            "E082",
            "không tìm thấy tệp đa phương tiện {value!r}",
            "the media file {value!r} does not exist",
            "Kiểm tra đường dẫn (tính từ thư mục `docs/`) và tên tệp.",
        ),
        _e(
            "E083",
            "tệp phụ đề {value!r} phải ở định dạng WebVTT (.vtt)",
            "the caption file {value!r} must be WebVTT (.vtt)",
            "Chuyển phụ đề sang WebVTT (tệp `.vtt`, dòng đầu `WEBVTT`).",
        ),
        _e(
            "E084",
            "đường dẫn tệp đa phương tiện {value!r} phải bắt đầu từ gốc trang (/tep/…)",
            "the media path {value!r} must start at the site root (/tep/…)",
            "Trong thẻ HTML, ghi đường dẫn từ gốc trang, ví dụ `/tep/video/ten.mp4`.",
        ),
        _w(
            "W120",
            "tệp âm thanh chưa có bản ghi lời (WebVTT)",
            "the audio has no transcript (WebVTT)",
            'Thêm `<track kind="captions" src="/tep/….vtt">` hoặc liên kết đến bản ghi lời `.vtt`.',
        ),
        _w(
            "W102",
            "danh sách đính kèm có tệp trùng {value!r}",
            "attachment {value!r} is listed twice",
            "Bỏ dòng trùng.",
        ),
        *messages_approval.MESSAGES,  # signed approvals (E050–E059)
        # the programme desk: press register and annual plans (E060–E079, W110–W119)
        *messages_desk.MESSAGES,
    )
}


def render(code: str, language: str = "vi", **params: object) -> str:
    """Fill the catalogue text of ``code`` in ``language`` (``vi`` or ``en``)."""
    message = CATALOGUE[code]
    template = message.en if language == "en" else message.vi
    values = {k: v.get(language) if isinstance(v, Localized) else v for k, v in params.items()}
    return template.format(**values)


#: Why a file or a path is refused (the ``reason`` of E028 and E030), by short name.
REASONS: dict[str, Localized] = {
    "scheme": Localized("có lược đồ URL (như javascript:)", "it has a URL scheme (javascript: …)"),
    "host": Localized("trỏ ra máy chủ khác", "it points to another host"),
    "characters": Localized(
        "tên có ký tự không được phép (: ? # % \\ \" ' < > hoặc ký tự điều khiển)",
        "the name holds a character that is not allowed (: ? # % \\ \" ' < > or a control)",
    ),
    "outside": Localized("ra ngoài thư mục docs/", "it leaves the docs/ folder"),
    "symlink": Localized(
        "là liên kết tượng trưng (symlink); chỉ chấp nhận tệp thật",
        "it is a symbolic link; only real files are accepted",
    ),
    "special": Localized(
        "không phải tệp thường (ống dẫn có tên, thiết bị…); chỉ chấp nhận tệp thật",
        "not a regular file (a named pipe, a device…); only real files are accepted",
    ),
    "type": Localized(
        "loại tệp không được phép (chỉ ảnh, PDF, văn bản văn phòng, CSV/TXT, âm thanh, video)",
        "this kind of file is not allowed (only images, PDF, office documents, CSV/TXT, "
        "audio, video)",
    ),
    "markup": Localized(
        "tệp HTML/JS/XML có thể chạy mã trên trang; không đặt trong nội dung của biên tập viên",
        "HTML/JS/XML can run code on the site; not allowed among editors' files",
    ),
    "backup": Localized(
        "tên tệp sao lưu hoặc tạm của trình soạn thảo", "a backup or temporary file of an editor"
    ),
    "markdown_name": Localized(
        "tệp Markdown phải có đuôi .md viết thường", "a Markdown file must end in lower-case .md"
    ),
    "article_place": Localized(
        "bài viết phải nằm ở tin-tuc/<năm>/<tên>.md (hoặc .en.md)",
        "an article must be at tin-tuc/<year>/<name>.md (or .en.md)",
    ),
    "article_name": Localized(
        "tên tệp bài viết chỉ gồm chữ thường không dấu, số, gạch ngang; dấu chấm chỉ trước "
        "đuôi .md/.en.md",
        "an article's file name is lower-case ASCII letters, digits and hyphens; a dot only "
        "before .md/.en.md",
    ),
    "static_place": Localized(
        "trang tĩnh nằm trong thư mục dành cho trang do hệ thống tạo",
        "a static page inside a folder reserved for generated pages",
    ),
    "unreadable": Localized("không đọc được tệp", "the file cannot be read"),
    "encoding": Localized("tệp không ở dạng UTF-8", "the file is not UTF-8"),
    "theme": Localized(
        "thư mục giao diện chỉ chứa CSS, JavaScript, phông chữ và ảnh",
        "the theme folder holds only CSS, JavaScript, fonts and images",
    ),
}
