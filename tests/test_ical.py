"""Unit tests of newsroom.outputs.ical (RFC 5545)."""

from __future__ import annotations

from feeds_support import article, make_corpus, translation
from newsroom.outputs import ical

EVENT = (
    "event:\n  start: 2026-06-20T09:00:00+07:00\n{end}"
    "  location: Trụ sở Bộ Tư pháp, 60 Trần Phú; Ba Đình\n"
)


def _conference(id, date, *, end="  end: 2026-06-20T11:00:00+07:00\n", status="approved", extra=""):
    return article(
        id,
        f"Họp báo {id}, quý II; năm 2026 — nội dung rất dài để phải gấp dòng theo quy định",
        date,
        type="hop-bao",
        status=status,
        extra=EVENT.format(end=end) + extra,
    )


def _unfold(text: str) -> str:
    return text.replace("\r\n ", "")


def test_lines_end_in_crlf_and_fold_at_75_octets(tmp_path):
    corpus = make_corpus(tmp_path, {"tin-tuc/2026/a.md": _conference("hop-bao-a", "2026-06-01")})
    data = ical.render(corpus)
    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    for line in data.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # folding never splits a UTF-8 character
    text = _unfold(data.decode())
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
    assert "BEGIN:VTIMEZONE\r\nTZID:Asia/Ho_Chi_Minh" in text
    assert text.rstrip().endswith("END:VCALENDAR")


def test_event_fields(tmp_path):
    corpus = make_corpus(
        tmp_path,
        {
            "tin-tuc/2026/a.md": _conference("hop-bao-a", "2026-06-01T08:00:00+07:00"),
            "tin-tuc/2026/a.en.md": translation("Press conference, Q2", "2026-06-01T08:00:00"),
        },
    )
    text = _unfold(ical.render(corpus).decode())
    assert "UID:hop-bao-a@baochi.example.gov.vn\r\n" in text
    assert "DTSTAMP:20260601T010000Z\r\n" in text  # article.updated in UTC: no clock
    assert "DTSTART;TZID=Asia/Ho_Chi_Minh:20260620T090000\r\n" in text
    assert "DTEND;TZID=Asia/Ho_Chi_Minh:20260620T110000\r\n" in text
    assert "SUMMARY:Họp báo hop-bao-a\\, quý II\\; năm 2026" in text
    assert "LOCATION:Trụ sở Bộ Tư pháp\\, 60 Trần Phú\\; Ba Đình\r\n" in text
    assert "URL:https://baochi.example.gov.vn/tin-tuc/2026/a/\r\n" in text
    assert "\\n\\nEnglish: Press conference\\, Q2\\n\\n" in text
    assert "DESCRIPTION:Tóm tắt Họp báo" in text


def test_default_end_is_two_hours_and_updates_move_dtstamp(tmp_path):
    extra = "updates:\n  - at: 2026-06-02T10:00:00+07:00\n    note: Đổi phòng họp.\n"
    corpus = make_corpus(
        tmp_path,
        {"tin-tuc/2026/a.md": _conference("hop-bao-a", "2026-06-01", end="", extra=extra)},
    )
    text = _unfold(ical.render(corpus).decode())
    assert "DTEND;TZID=Asia/Ho_Chi_Minh:20260620T110000\r\n" in text
    assert "DTSTAMP:20260602T030000Z\r\n" in text
    assert "SEQUENCE:1\r\n" in text


def test_only_published_conferences_and_stable_output(tmp_path):
    corpus = make_corpus(
        tmp_path,
        {
            "tin-tuc/2026/a.md": _conference("hop-bao-a", "2026-06-01"),
            "tin-tuc/2026/b.md": _conference("hop-bao-nhap", "2026-06-01", status="draft"),
            "tin-tuc/2026/c.md": _conference("hop-bao-hen", "2026-07-01"),
            "tin-tuc/2026/d.md": article("tin-thuong", "Tin thường", "2026-06-01"),
        },
    )
    text = _unfold(ical.render(corpus).decode())
    assert text.count("BEGIN:VEVENT") == 1
    assert "hop-bao-nhap" not in text and "hop-bao-hen" not in text and "Tin thường" not in text
    assert ical.render(corpus) == ical.render(corpus)


def test_escape_and_fold_helpers():
    assert ical.escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    folded = ical.fold("DESCRIPTION:" + "đ" * 80)
    lines = folded.split("\r\n")
    assert lines[-1] == ""
    assert all(len(x.encode()) <= 75 for x in lines)
    assert all(x.startswith(" ") for x in lines[1:-1])
    assert "".join(x[1:] if i else x for i, x in enumerate(lines[:-1])) == "DESCRIPTION:" + "đ" * 80


def test_notice_and_record_of_one_conference_are_one_event(tmp_path):
    corpus = make_corpus(
        tmp_path,
        {
            "tin-tuc/2026/a.md": _conference("hop-bao-thong-bao", "2026-06-01"),
            "tin-tuc/2026/b.md": _conference(
                "hop-bao-tuong-thuat", "2026-06-02", extra="  notice: hop-bao-thong-bao\n"
            ),
        },
    )
    text = _unfold(ical.render(corpus).decode())
    assert text.count("BEGIN:VEVENT") == 1
    assert "UID:hop-bao-tuong-thuat@" in text and "hop-bao-thong-bao@" not in text
