"""One Markdown converter per process, reset between pages (``newsroom.site.markdown_render``),
converts every page as MkDocs' own ``Page.render`` with a new converter per page does."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import make_project, run_build_after
from feeds_support import article
from test_rebuild import assert_same, output

#: An article using every extension that keeps state between documents (footnotes, the table
#: of contents, superfences' stash) and MkDocs' per-page processors (anchors, links, raw HTML).
RICH = article(
    "fx-2026-day-du",
    "Hướng dẫn đầy đủ về thi hành án",
    "2026-05-04T09:00:00+07:00",
    body="""Đoạn mở đầu có chú thích[^1] và một chú thích nữa[^hai].

## Đất đai và tài sản {#dat-dai}

| Việc | Số |
|---|---|
| Đã xong | 1.020 |

!!! note "Lưu ý"
    Nội dung khung ghi chú.

??? tip "Chi tiết"
    Nội dung thu gọn.

```python
print("đất đai")
```

<div id="neo-rieng" markdown>Khối **HTML** có neo.</div>

Xem [mục trên](#dat-dai) và [bài khác](../2025/thong-cao.md).

Thuật ngữ
:   Định nghĩa của thuật ngữ.

[^1]: Chú thích thứ nhất.
[^hai]: Chú thích thứ hai.""",
)
#: The same shapes again, so a second page reuses a converter that converted the first.
SECOND = (
    RICH.replace("fx-2026-day-du", "fx-2026-day-du-2")
    .replace("Đoạn mở đầu", "Đoạn thứ hai")
    .replace("[^hai]", "[^ba]")
)


@pytest.mark.build
def test_a_reused_converter_converts_every_page_as_a_new_one_does(tmp_path: Path) -> None:
    extra = {"tin-tuc/2026/day-du.md": RICH, "tin-tuc/2026/day-du-2.md": SECOND}
    root = make_project(tmp_path / "project", extra_files=extra)
    reused = run_build_after(root, tmp_path / "reused", "pass")
    shutil.rmtree(root / ".cache")  # both builds convert every page
    fresh = run_build_after(
        root,
        tmp_path / "fresh",
        "from newsroom.site import markdown_render; markdown_render.ENABLED = False",
    )
    page = (reused.site / "tin-tuc/2026/day-du-2/index.html").read_text(encoding="utf-8")
    assert 'id="fn:ba"' in page and 'id="fn:hai"' not in page  # its own footnotes only
    assert 'id="dat-dai"' in page and 'id="neo-rieng"' in page and "Chú thích thứ nhất" in page
    for build in (reused, fresh):
        assert re.search(r"Markdown 0/\d+", build.output), build.output
    assert_same(output(fresh), output(reused))
