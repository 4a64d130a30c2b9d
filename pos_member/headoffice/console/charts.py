"""Charts as inline SVG drawn on the server: no script, no library, readable by a
screen reader (each bar has a <title>), and printed as it is seen."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

TESTED_IN = "tests/headoffice/console/test_console_pages.py"

WIDTH = 620
HEIGHT = 200
PAD_L, PAD_B, PAD_T = 56, 28, 12


def _yuan(fen: int, lang: str) -> str:
    y = fen / 100  # a label on an axis, never money arithmetic
    if abs(y) >= 10_000:
        return f"{y / 10_000:.1f}万" if lang == "zh_CN" else f"{y / 1000:,.0f}k"
    return f"{y:,.0f}"


def stacked_bars(
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, str, Sequence[int]]],
    lang: str = "zh_CN",
) -> str:
    """Bars per label, each stacking ``series`` (name, CSS class, fen per label)."""
    n = max(len(labels), 1)
    totals = [sum(s[2][i] for s in series) for i in range(len(labels))]
    top = max([*totals, 1])
    plot_w = WIDTH - PAD_L - 8
    plot_h = HEIGHT - PAD_B - PAD_T
    slot = plot_w / n
    bar_w = max(min(slot * 0.7, 48), 2)
    out = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for frac in (0, 0.5, 1):
        y = PAD_T + plot_h * (1 - frac)
        out.append(
            f'<line class="grid" x1="{PAD_L}" x2="{WIDTH - 8}" y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text class="axis" x="{PAD_L - 6}" y="{y + 4:.1f}" text-anchor="end">'
            f"{_yuan(int(top * frac), lang)}</text>"
        )
    every = max(1, round(n / 10))
    for i, label in enumerate(labels):
        x = PAD_L + slot * i + (slot - bar_w) / 2
        base: float = PAD_T + plot_h
        for name, css, values in series:
            h = plot_h * values[i] / top if top else 0.0
            base -= h
            out.append(
                f'<rect class="{css}" x="{x:.1f}" y="{base:.1f}" width="{bar_w:.1f}" '
                f'height="{h:.1f}"><title>{escape(label)} {escape(name)}: '
                f"{_yuan(values[i], lang)}</title></rect>"
            )
        if i % every == 0:
            out.append(
                f'<text class="axis" x="{x + bar_w / 2:.1f}" y="{HEIGHT - 8}" '
                f'text-anchor="middle">{escape(label)}</text>'
            )
    out.append("</svg>")
    return "".join(out)
