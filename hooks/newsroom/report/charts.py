"""Bar charts as inline SVG, drawn in Python (no JavaScript, nothing fetched)."""

from __future__ import annotations

import math
from html import escape

BAR = "#8a1c1c"
TEXT = "#222"
GRID = "#ccc"


def horizontal_bars(title: str, rows: list[tuple[str, int]], width: int = 720) -> str:
    """One bar per row, label on the left, value at the bar's end (long labels fit)."""
    label_width, bar_height, gap, top = 300, 20, 8, 34
    height = top + len(rows) * (bar_height + gap) + 10
    peak = max((v for _, v in rows), default=0) or 1
    room = width - label_width - 60
    parts = [_open(title, width, height), _title(title)]
    for index, (label, value) in enumerate(rows):
        y = top + index * (bar_height + gap)
        length = round(room * value / peak)
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 15}" text-anchor="end" font-size="13" '
            f'fill="{TEXT}">{escape(_short(label, 44))}</text>'
            f'<rect x="{label_width}" y="{y}" width="{length}" height="{bar_height}" '
            f'fill="{BAR}"><title>{escape(label)}: {value}</title></rect>'
            f'<text x="{label_width + length + 6}" y="{y + 15}" font-size="13" '
            f'fill="{TEXT}">{value}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


#: Room a month label such as ``01/2025`` needs at font size 11, in SVG units.
LABEL_WIDTH = 52


def vertical_bars(title: str, rows: list[tuple[str, int]], width: int = 720) -> str:
    """One column per row (months), value above, label below.

    With many columns only every n-th label is written, so labels never overlap.
    """
    height, top, bottom, left = 270, 48, 40, 30
    plot = height - top - bottom
    step = (width - left - 10) / max(len(rows), 1)
    label_every = max(1, math.ceil(LABEL_WIDTH / step))
    bar = max(min(step * 0.7, 48), 4)
    peak = max((v for _, v in rows), default=0) or 1
    parts = [_open(title, width, height), _title(title)]
    base = top + plot
    parts.append(f'<line x1="{left}" y1="{base}" x2="{width - 10}" y2="{base}" stroke="{GRID}"/>')
    for index, (label, value) in enumerate(rows):
        x = left + index * step + (step - bar) / 2
        size = round(plot * value / peak)
        centre = x + bar / 2
        parts.append(
            f'<rect x="{x:.1f}" y="{base - size}" width="{bar:.1f}" height="{size}" '
            f'fill="{BAR}"><title>{escape(label)}: {value}</title></rect>'
            f'<text x="{centre:.1f}" y="{base - size - 4}" text-anchor="middle" '
            f'font-size="12" fill="{TEXT}">{value}</text>'
        )
        if index % label_every == 0:
            parts.append(
                f'<text x="{centre:.1f}" y="{base + 16}" text-anchor="middle" font-size="11" '
                f'fill="{TEXT}">{escape(label)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _open(title: str, width: int, height: int) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(title)}" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'font-family="Arial, Helvetica, sans-serif">'
    )


def _title(title: str) -> str:
    return (
        f'<text x="0" y="18" font-size="15" font-weight="bold" fill="{TEXT}">{escape(title)}</text>'
    )


def _short(label: str, limit: int) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"
