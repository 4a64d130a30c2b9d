"""Member card faces as PDF: one CR80 card, or A4 sheets of ten for card stock.

A card shows the store's name on a band in the tier's colour, the tier, and
the card number as a Code 128 barcode with the digits under it. The bars come
from python-barcode's own encoding (the module pattern it computes) and are
drawn here as vector rectangles, so they stay sharp at any print resolution.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import barcode
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from pos_member.receipts.pdf import CJK_FONT, ensure_fonts

CARD_WIDTH = 85.6 * mm  # ISO/IEC 7810 ID-1 (CR80)
CARD_HEIGHT = 54 * mm
CARDS_PER_ROW = 2
ROWS_PER_SHEET = 5
CARDS_PER_SHEET = CARDS_PER_ROW * ROWS_PER_SHEET
_QUIET_MODULES = 10
_CROP_LENGTH = 5 * mm
_CROP_OFFSET = 2 * mm

# Customary colours of the trade's tiers; a programme may pass its own.
TIER_COLOURS = {
    "普通": "#4F6D7A",
    "普通卡": "#4F6D7A",
    "normal": "#4F6D7A",
    "银卡": "#8E9AA6",
    "silver": "#8E9AA6",
    "金卡": "#B8860B",
    "gold": "#B8860B",
    "白金卡": "#5B6B73",
    "platinum": "#5B6B73",
    "钻石卡": "#1F3A93",
    "diamond": "#1F3A93",
}
DEFAULT_COLOUR = "#4F6D7A"


@dataclass(frozen=True, slots=True)
class CardFace:
    store_name: str
    card_number: str
    tier: str
    colour: str | None = None  # "#RRGGBB"; from TIER_COLOURS when None
    title: str = "会员卡 MEMBER CARD"
    valid_until: date | None = None

    def __post_init__(self) -> None:
        if not self.card_number or not all(" " <= ch <= "~" for ch in self.card_number):
            raise ValueError(f"card number must be printable ASCII: {self.card_number!r}")

    @property
    def fill(self) -> colors.Color:
        return colors.HexColor(self.colour or TIER_COLOURS.get(self.tier, DEFAULT_COLOUR))


def code128_modules(value: str) -> str:
    """The Code 128 module pattern ('1' bar, '0' space) python-barcode computes for ``value``."""
    code = barcode.get("code128", value)
    pattern: str = code.build()[0]
    return pattern


def draw_code128(c: Canvas, value: str, x: float, y: float, width: float, height: float) -> float:
    """Bars for ``value`` centred in the box, with quiet zones; returns the module width."""
    modules = code128_modules(value)
    module = width / (len(modules) + 2 * _QUIET_MODULES)
    left = x + _QUIET_MODULES * module
    c.saveState()
    c.setFillColor(colors.black)
    run_start = None
    for i, bit in enumerate(modules + "0"):
        if bit == "1" and run_start is None:
            run_start = i
        elif bit == "0" and run_start is not None:
            c.rect(left + run_start * module, y, (i - run_start) * module, height, 0, 1)
            run_start = None
    c.restoreState()
    return module


def _draw_face(c: Canvas, face: CardFace, x: float, y: float) -> None:
    """One card with its lower-left corner at (x, y)."""
    w, h = CARD_WIDTH, CARD_HEIGHT
    band = 20 * mm
    c.saveState()
    c.setFillColor(colors.white)
    c.setStrokeColor(colors.HexColor("#BBBBBB"))
    c.setLineWidth(0.3)
    c.roundRect(x, y, w, h, 3 * mm, 1, 1)
    path = c.beginPath()
    path.roundRect(x, y, w, h, 3 * mm)
    c.clipPath(path, stroke=0, fill=0)
    c.setFillColor(face.fill)
    c.rect(x, y + h - band, w, band, 0, 1)

    c.setFillColor(colors.white)
    name_size = 13.0
    while pdfmetrics.stringWidth(face.store_name, CJK_FONT, name_size) > w - 30 * mm:
        name_size -= 0.5
    c.setFont(CJK_FONT, name_size)
    c.drawString(x + 5 * mm, y + h - 9 * mm, face.store_name)
    c.setFont(CJK_FONT, 7.5)
    c.drawString(x + 5 * mm, y + h - 15 * mm, face.title)
    c.setFont(CJK_FONT, 11)
    c.drawRightString(x + w - 5 * mm, y + h - 9 * mm, face.tier)

    # 62 mm of bars: about 0.4 mm modules for 16 digits, easy for card printers and scanners.
    bars_w = 62 * mm
    bars_h = 13 * mm
    draw_code128(c, face.card_number, x + (w - bars_w) / 2, y + 11 * mm, bars_w, bars_h)
    c.setFillColor(colors.black)
    c.setFont(CJK_FONT, 9)
    spaced = " ".join(face.card_number[i : i + 4] for i in range(0, len(face.card_number), 4))
    c.drawCentredString(x + w / 2, y + 6 * mm, spaced)
    if face.valid_until is not None:
        c.setFont(CJK_FONT, 6)
        c.drawRightString(x + w - 4 * mm, y + 2.5 * mm, f"有效期至 {face.valid_until:%Y-%m-%d}")
    c.restoreState()


def render_card(face: CardFace) -> bytes:
    """A single-card PDF page of exactly CR80 size (for card printers)."""
    ensure_fonts()
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(CARD_WIDTH, CARD_HEIGHT), invariant=1)
    c.setTitle(f"会员卡 {face.card_number}")
    c.setCreator("pos-member")
    _draw_face(c, face, 0, 0)
    c.showPage()
    c.save()
    return buf.getvalue()


def render_card_sheet(faces: Sequence[CardFace], crop_marks: bool = True) -> bytes:
    """A4 sheets, ten cards each (2 × 5, edge to edge), with crop marks in the margins."""
    if not faces:
        raise ValueError("no cards to print")
    ensure_fonts()
    page_w, page_h = A4
    grid_w = CARDS_PER_ROW * CARD_WIDTH
    grid_h = ROWS_PER_SHEET * CARD_HEIGHT
    x0 = (page_w - grid_w) / 2
    y0 = (page_h - grid_h) / 2
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4, invariant=1)
    c.setTitle(f"会员卡 {len(faces)} 张")
    c.setCreator("pos-member")
    for start in range(0, len(faces), CARDS_PER_SHEET):
        for i, face in enumerate(faces[start : start + CARDS_PER_SHEET]):
            col, row = i % CARDS_PER_ROW, i // CARDS_PER_ROW
            x = x0 + col * CARD_WIDTH
            y = y0 + grid_h - (row + 1) * CARD_HEIGHT
            _draw_face(c, face, x, y)
        if crop_marks:
            _crop_marks(c, x0, y0, grid_w, grid_h)
        c.showPage()
    c.save()
    return buf.getvalue()


def _crop_marks(c: Canvas, x0: float, y0: float, grid_w: float, grid_h: float) -> None:
    """Short lines outside the grid on every cut line, so the cuts stay off the cards."""
    c.saveState()
    c.setLineWidth(0.25)
    c.setStrokeColor(colors.black)
    for col in range(CARDS_PER_ROW + 1):
        x = x0 + col * CARD_WIDTH
        c.line(x, y0 - _CROP_OFFSET, x, y0 - _CROP_OFFSET - _CROP_LENGTH)
        c.line(x, y0 + grid_h + _CROP_OFFSET, x, y0 + grid_h + _CROP_OFFSET + _CROP_LENGTH)
    for row in range(ROWS_PER_SHEET + 1):
        y = y0 + row * CARD_HEIGHT
        c.line(x0 - _CROP_OFFSET, y, x0 - _CROP_OFFSET - _CROP_LENGTH, y)
        c.line(x0 + grid_w + _CROP_OFFSET, y, x0 + grid_w + _CROP_OFFSET + _CROP_LENGTH, y)
    c.restoreState()
