"""Plain-text receipts: for logs, e-mail and the cashier screen's preview.

Laid out in character columns like the printed roll (48 for 80 mm, 32 for
58 mm), Chinese characters counted as two columns, so a monospace font with
CJK shows it exactly as the printer will.
"""

from __future__ import annotations

from pos_member.receipts.document import ReceiptDocument
from pos_member.receipts.layout import (
    Align,
    Barcode,
    Block,
    Feed,
    Pair,
    Rule,
    Text,
    display_width,
    layout,
    wrap,
)

COLUMNS_80MM = 48
COLUMNS_58MM = 32


def pad(text: str, columns: int, align: str) -> str:
    gap = max(0, columns - display_width(text))
    if align == Align.CENTER:
        left = gap // 2
        return " " * left + text + " " * (gap - left)
    if align == Align.RIGHT:
        return " " * gap + text
    return text + " " * gap


def pair_lines(left: str, right: str, columns: int, indent: int = 0) -> list[str]:
    """Label on the left, value flush right; the label wraps when both do not fit."""
    prefix = " " * indent
    right_w = display_width(right)
    room = columns - indent - right_w - (1 if right else 0)
    if room < max(4, columns // 4):
        # Value too wide to share a line: label lines, then the value flush right.
        lines = [prefix + part for part in wrap(left, columns - indent)]
        if right:
            lines.append(pad(right, columns, Align.RIGHT))
        return lines
    parts = wrap(left, room)
    out = [prefix + part for part in parts[:-1]]
    last = prefix + parts[-1]
    out.append(last + " " * (columns - display_width(last) - right_w) + right)
    return out


def block_lines(block: Block, columns: int) -> list[str]:
    """Lines of one block in ``columns`` columns (sizes are ignored: text has one size)."""
    if isinstance(block, Text):
        return [pad(line, columns, block.align).rstrip() for line in wrap(block.text, columns)]
    if isinstance(block, Pair):
        return pair_lines(block.left, block.right, columns, block.indent)
    if isinstance(block, Rule):
        return [block.char * columns]
    if isinstance(block, Barcode):
        return [pad(f"*{block.value}*", columns, Align.CENTER).rstrip()]
    if isinstance(block, Feed):
        return [""] * block.lines
    raise TypeError(f"unknown block {block!r}")


def render_text(doc: ReceiptDocument, columns: int = COLUMNS_80MM) -> str:
    if columns < 24:
        raise ValueError("a receipt needs at least 24 columns")
    lines: list[str] = []
    for block in layout(doc):
        lines += block_lines(block, columns)
    return "\n".join(line.rstrip() for line in lines) + "\n"
