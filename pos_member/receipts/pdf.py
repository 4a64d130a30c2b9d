"""PDF receipts with reportlab: 80 mm and 58 mm rolls (height follows content) and A4.

Chinese text uses the CID font STSong-Light, which every PDF viewer has and
which keeps the text extractable (``pdftotext`` gives it back); the receipt
number is drawn as a vector Code 128 barcode so it scans at any zoom. The
layout comes from ``layout.py``, shared with the ESC/POS and text renderers.
"""

from __future__ import annotations

import enum
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode import createBarcodeDrawing
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from pos_member.domain.text import printable
from pos_member.receipts.document import ReceiptDocument
from pos_member.receipts.layout import (
    Align,
    Barcode,
    Block,
    Feed,
    Pair,
    Rule,
    Size,
    Text,
    layout,
    wrap,
)

CJK_FONT = "STSong-Light"
_QUIET_MODULES = 10


def ensure_fonts() -> None:
    """Register the CID font once (reportlab keeps a process-wide registry)."""
    if CJK_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))


class Paper(enum.StrEnum):
    ROLL_80 = "80mm"
    ROLL_58 = "58mm"
    A4 = "a4"


@dataclass(frozen=True, slots=True)
class PaperSpec:
    width: float  # points
    margin: float
    font_size: float
    max_module: float  # widest bar module; thermal heads print 0.125 mm dots
    fixed_height: float | None = None  # None: the page is as tall as the receipt


PAPERS = {
    Paper.ROLL_80: PaperSpec(width=80 * mm, margin=4 * mm, font_size=8.5, max_module=0.375 * mm),
    Paper.ROLL_58: PaperSpec(width=58 * mm, margin=5 * mm, font_size=8.5, max_module=0.375 * mm),
    Paper.A4: PaperSpec(
        width=A4[0], margin=20 * mm, font_size=10, max_module=0.4 * mm, fixed_height=A4[1]
    ),
}

# (height, draw(canvas, x_left, y_top)) - measured first so a roll page can be
# exactly as tall as its content.
_Op = tuple[float, Callable[[Canvas, float, float], None]]


class _Composer:
    def __init__(self, spec: PaperSpec) -> None:
        self.spec = spec
        self.content = spec.width - 2 * spec.margin

    def size(self, size: Size) -> float:
        return self.spec.font_size * (1.7 if size is Size.DOUBLE else 1.0)

    def leading(self, size: Size) -> float:
        return self.size(size) * 1.3

    def width_fn(self, size: Size) -> Callable[[str], float]:
        fs = self.size(size)
        return lambda s: pdfmetrics.stringWidth(s, CJK_FONT, fs)

    def text_line(self, text: str, align: Align, bold: bool, size: Size, indent: float = 0) -> _Op:
        fs = self.size(size)
        lead = self.leading(size)
        content = self.content

        def draw(c: Canvas, x: float, top: float) -> None:
            t = c.beginText()
            t.setFont(CJK_FONT, fs)
            # STSong-Light has no bold face: fill and stroke the glyphs instead.
            t.setTextRenderMode(2 if bold else 0)
            c.setLineWidth(fs * 0.04)
            width = pdfmetrics.stringWidth(text, CJK_FONT, fs)
            if align is Align.CENTER:
                left = x + (content - width) / 2
            elif align is Align.RIGHT:
                left = x + content - width
            else:
                left = x + indent
            t.setTextOrigin(left, top - fs)
            t.textOut(text)
            c.drawText(t)

        return lead, draw

    def ops(self, block: Block) -> list[_Op]:
        if isinstance(block, Text):
            size = block.size
            if size is Size.DOUBLE and self.width_fn(size)(block.text) > self.content:
                size = Size.NORMAL  # a title that would wrap reads better in one line
            fn = self.width_fn(size)
            return [
                self.text_line(line, block.align, block.bold, size)
                for line in wrap(block.text, self.content, fn)
            ]
        if isinstance(block, Pair):
            return self.pair(block)
        if isinstance(block, Rule):
            return [self.rule(double=block.char == "=")]
        if isinstance(block, Barcode):
            return [self.barcode(block.value)]
        if isinstance(block, Feed):
            return [(self.leading(Size.NORMAL) * block.lines, lambda c, x, y: None)]
        raise TypeError(f"unknown block {block!r}")

    def pair(self, block: Pair) -> list[_Op]:
        fn = self.width_fn(block.size)
        indent = fn(" ") * block.indent * 2
        right_w = fn(block.right)
        gap = fn("  ")
        room = self.content - indent - right_w - gap
        if room < self.content / 4:
            lines = wrap(block.left, self.content - indent, fn)
            ops = [self.text_line(s, Align.LEFT, block.bold, block.size, indent) for s in lines]
            if block.right:
                ops.append(self.text_line(block.right, Align.RIGHT, block.bold, block.size))
            return ops
        lines = wrap(block.left, room, fn)
        ops = [self.text_line(s, Align.LEFT, block.bold, block.size, indent) for s in lines[:-1]]
        last_left = self.text_line(lines[-1], Align.LEFT, block.bold, block.size, indent)
        right = self.text_line(block.right, Align.RIGHT, block.bold, block.size)

        def both(c: Canvas, x: float, top: float) -> None:
            last_left[1](c, x, top)
            right[1](c, x, top)

        ops.append((last_left[0], both))
        return ops

    def rule(self, double: bool) -> _Op:
        lead = self.leading(Size.NORMAL) * 0.8
        content = self.content

        def draw(c: Canvas, x: float, top: float) -> None:
            c.saveState()
            c.setLineWidth(0.6)
            mid = top - lead / 2
            if double:
                c.line(x, mid + 1, x + content, mid + 1)
                c.line(x, mid - 1, x + content, mid - 1)
            else:
                c.setDash(2, 2)
                c.line(x, mid, x + content, mid)
            c.restoreState()

        return lead, draw

    def barcode(self, value: str) -> _Op:
        probe = createBarcodeDrawing("Code128", value=value, barWidth=1, quiet=0)
        modules = float(probe.width) + 2 * _QUIET_MODULES
        module = min(self.spec.max_module, self.content / modules)
        bar_height = 12 * mm
        drawing = createBarcodeDrawing(
            "Code128",
            value=value,
            barWidth=module,
            barHeight=bar_height,
            quiet=1,
            lquiet=_QUIET_MODULES * module,
            rquiet=_QUIET_MODULES * module,
            humanReadable=False,
        )
        # The number under the bars is drawn as text of its own, clear of the bars.
        caption_height, caption = self.text_line(value, Align.CENTER, False, Size.NORMAL)
        bars_height = float(drawing.height) + 2 * mm
        content = self.content

        def draw(c: Canvas, x: float, top: float) -> None:
            left = x + (content - float(drawing.width)) / 2
            renderPDF.draw(drawing, c, left, top - bars_height + 1 * mm)
            caption(c, x, top - bars_height)

        return bars_height + caption_height, draw


def render_pdf(
    doc: ReceiptDocument, paper: Paper = Paper.ROLL_80, logo: Path | None = None
) -> bytes:
    """The receipt as a PDF (bytes)."""
    ensure_fonts()
    spec = PAPERS[paper]
    composer = _Composer(spec)
    ops: list[_Op] = []
    if logo is not None:
        ops.append(_logo_op(logo, composer.content))
    for block in layout(doc):
        ops += composer.ops(block)

    buf = io.BytesIO()
    content_height = sum(h for h, _ in ops)
    page_height = spec.fixed_height or content_height + 2 * spec.margin
    c = Canvas(buf, pagesize=(spec.width, page_height), pageCompression=1, invariant=1)
    c.setTitle(f"{doc.heading or doc.kind.heading} {doc.receipt_no}")
    c.setAuthor(printable(doc.store.name))
    c.setCreator("pos-member")
    y = page_height - spec.margin
    for height, draw in ops:
        if spec.fixed_height is not None and y - height < spec.margin:
            c.showPage()
            y = page_height - spec.margin
        draw(c, spec.margin, y)
        y -= height
    c.showPage()
    c.save()
    return buf.getvalue()


def _logo_op(path: Path, content: float) -> _Op:
    from reportlab.lib.utils import ImageReader

    image = ImageReader(str(path))
    iw, ih = image.getSize()
    width = min(content * 0.6, float(iw))
    height = width * ih / iw

    def draw(c: Canvas, x: float, top: float) -> None:
        c.drawImage(image, x + (content - width) / 2, top - height, width, height, mask="auto")

    return height + 2 * mm, draw
