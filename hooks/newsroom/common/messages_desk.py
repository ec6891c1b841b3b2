"""Issue codes of the programme desk (E060–E071, W110–W114: press register and plans,
:mod:`newsroom.desk`); part of the one catalogue, :data:`newsroom.common.messages.CATALOGUE`."""

from __future__ import annotations

from .wording import Message
from .wording import error as _e
from .wording import warning as _w

MESSAGES: tuple[Message, ...] = (
    _e(
        "E060",
        "không đọc được tệp YAML: {detail}",
        "the file is not valid YAML: {detail}",
        "Sửa cú pháp YAML: thụt lề bằng dấu cách, đặt trong ngoặc kép giá trị có dấu `:`.",
    ),
    _e(
        "E061",
        "tệp phải là một khối trường (khoá: giá trị)",
        "the file must be a mapping of fields (key: value)",
        "Viết mỗi trường trên một dòng `khoá: giá trị`, như tệp mẫu trong hướng dẫn.",
    ),
    _e(
        "E062",
        "tên tệp {value!r} phải là mã `id` của mục, {expected!r}",
        "file name {value!r} must be the item's id, {expected!r}",
        "Đặt tên tệp đúng bằng `id` (ví dụ `2026-bao-x-cham-thi-hanh-an.yml`).",
    ),
    _e(
        "E063",
        "năm {year} của trường {field} khác năm {folder} trong đường dẫn tệp",
        "the year {year} of {field} differs from the year {folder} in the file's path",
        "Đặt mục trong `docs/.bao-chi/<năm nhận>/`, kế hoạch trong `docs/.ke-hoach/<năm>.yml`.",
    ),
    _e(
        "E064",
        "{value!r} không hợp lệ ({allowed})",
        "{value!r} is invalid ({allowed})",
        "Dùng một trong các giá trị được liệt kê.",
    ),
    _e(
        "E065",
        "mục có trạng thái answered nhưng không bài phản hồi nào trỏ tới mục này",
        "the item is answered but no response article points to it",
        "Ghi `responds_to.item: <mã mục>` vào bài phản hồi, hoặc để `status: open`.",
    ),
    _e(
        "E066",
        "không có mục {value!r} trong sổ theo dõi thông tin báo chí{hint}",
        "there is no item {value!r} in the press register{hint}",
        "Dùng mã `id` của một tệp trong `docs/.bao-chi/` (xem `newsroom desk --all`).",
    ),
    _e(
        "E067",
        "thời điểm {value} sớm hơn thời điểm nhận thông tin {received}",
        "the time {value} is before the item was received ({received})",
        "Sửa thời điểm: không thể trả lời hay đóng mục trước khi nhận được.",
    ),
    _e(
        "E068",
        "chỉ tiêu phải là số nguyên không âm, nhận được {got}",
        "a target must be a whole number ≥ 0, got {got}",
        "Viết chỉ tiêu là số nguyên, ví dụ `12`.",
    ),
    _e(
        "E069",
        "{value!r} không phải bài họp báo (hop-bao) trong trang{hint}",
        "{value!r} is not a press-conference article (hop-bao) of the site{hint}",
        "Ghi `event.notice:` là mã `id` của bài thông báo họp báo.",
    ),
    _e(
        "E070",
        "đơn vị {value!r} không có hiệu lực trong năm {year}",
        "unit {value!r} is not valid during {year}",
        "Lập kế hoạch cho đơn vị còn hiệu lực trong năm (sau tổ chức lại, dùng đơn vị kế nhiệm).",
    ),
    _e(
        "E071",
        "kế hoạch năm {year} đã có ở {other}",
        "the plan of {year} for this unit is already in {other}",
        "Mỗi năm một tệp kế hoạch chung và tối đa một tệp cho mỗi đơn vị.",
    ),
    _w(
        "W110",
        "quá hạn cung cấp thông tin ban đầu (hạn {due})",
        "overdue: first information was due {due}",
        "Cung cấp thông tin ban đầu rồi ghi `first_info:` (`newsroom desk info`). Nhắc hạn: chỉ `newsroom check` in ra, không làm dừng bản phát hành.",
    ),
    _w(
        "W111",
        "quá hạn trả lời (hạn {due})",
        "overdue: the full answer was due {due}",
        "Đăng bài phản hồi có `responds_to.item`, hoặc đóng mục có lý do (`newsroom desk close`). Nhắc hạn: chỉ `newsroom check` in ra, không làm dừng bản phát hành.",
    ),
    _w(
        "W112",
        "thời điểm nhận {value} khác sổ theo dõi ({registered})",
        "received {value} differs from the press register ({registered})",
        "Sửa `responds_to.received` cho khớp với mục trong sổ theo dõi.",
    ),
    _w(
        "W113",
        "cùng thời điểm họp báo với {other}: nếu là một cuộc họp báo, hãy liên kết bằng event.notice",
        "same press-conference start as {other}: if it is one conference, link them with event.notice",
        "Ghi `event.notice: <mã bài thông báo>` vào bài tường thuật để cuộc họp báo chỉ được tính một lần.",
    ),
    _w(
        "W114",
        "mục còn mở nhưng đã có bài phản hồi đã đăng {other}",
        "the item is still open but {other} answers it and is published",
        "Đổi `status: answered` (hoặc chạy `newsroom desk close <mã>`).",
    ),
)
