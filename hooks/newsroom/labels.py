"""User-interface wording of the portal in Vietnamese and English (one place for both)."""

from __future__ import annotations

UI: dict[str, tuple[str, str]] = {
    "home": ("Trang chủ", "Home"),
    "latest": ("Tin mới nhất", "Latest news"),
    "featured": ("Tin nổi bật", "Featured"),
    "all_news": ("Tất cả tin bài", "All news"),
    "categories": ("Chuyên mục", "Sections"),
    "category": ("Chuyên mục", "Section"),
    "type": ("Loại tin", "Type"),
    "unit": ("Đơn vị", "Issued by"),
    "units": ("Đơn vị", "Units"),
    "focus_areas": ("Nội dung trọng tâm", "Focus areas"),
    "tags": ("Từ khóa", "Tags"),
    "year": ("Năm", "Year"),
    "archive": ("Lưu trữ theo năm", "Archive by year"),
    "published": ("Đăng lúc", "Published"),
    "updated": ("Cập nhật", "Updated"),
    "update": ("Cập nhật", "Update"),
    "correction": ("Đính chính", "Correction"),
    "updates": ("Cập nhật và đính chính", "Updates and corrections"),
    "attachments": ("Tệp đính kèm", "Attachments"),
    "legal_basis": ("Căn cứ pháp lý", "Legal basis"),
    "authors": ("Tác giả", "By"),
    "approved_by": ("Phê duyệt", "Approved by"),  # shown only for a verified signed approval
    "source": ("Nguồn", "Source"),
    "spokesperson": ("Người phát ngôn", "Spokesperson"),
    "responds_to": ("Phản hồi thông tin báo chí", "In response to"),
    "report_received": ("Tiếp nhận", "Received"),
    "event": ("Thông tin họp báo", "Press conference"),
    "event_start": ("Thời gian", "Time"),
    "event_location": ("Địa điểm", "Venue"),
    "event_online": ("Theo dõi trực tuyến", "Watch online"),
    "withdrawn_title": ("Bài viết đã được gỡ bỏ", "This article has been withdrawn"),
    "withdrawn_at": ("Gỡ bỏ lúc", "Withdrawn on"),
    "related": ("Tin cùng chuyên mục", "More in this section"),
    "read_in": ("Đọc bằng tiếng Anh", "Đọc bằng tiếng Việt"),
    "page": ("Trang", "Page"),
    "previous": ("Trang trước", "Previous page"),
    "next": ("Trang sau", "Next page"),
    "pagination": ("Phân trang", "Pagination"),
    "empty": ("Chưa có bài viết nào.", "No articles yet."),
    "print": ("In bài", "Print"),
    "subscribe": ("Theo dõi mục này", "Subscribe to this section"),
    "vietnamese_only": ("tiếng Việt", "in Vietnamese"),
    "english_listing_note": (
        "",
        "Only articles translated into English are listed here; the full record is on the "
        "Vietnamese site.",
    ),
    "preview_draft": ("BẢN NHÁP — chưa được duyệt, không được đăng", "DRAFT — not approved"),
    "preview_in-review": ("ĐANG CHỜ DUYỆT — chưa được đăng", "IN REVIEW — not published"),
    "preview_scheduled": ("HẸN GIỜ ĐĂNG — chưa đến giờ đăng", "SCHEDULED — not yet published"),
    "preview_original-unpublished": (
        "BẢN DỊCH CHỜ BẢN GỐC — bản gốc chưa được đăng",
        "TRANSLATION — its original is not published",
    ),
    "preview_note": (
        "Chỉ hiển thị khi xem thử (make serve); trang này không có trong bản phát hành.",
        "Shown only in preview (make serve); this page is not in the production build.",
    ),
    "scheduled_for": ("Dự kiến đăng", "Scheduled for"),
    "press_room": ("Phòng báo chí", "Press room"),
}


def ui(lang: str) -> dict[str, str]:
    """All wording for one language, as templates read it (``t.latest``)."""
    index = 1 if lang == "en" else 0
    return {key: pair[index] for key, pair in UI.items()}
