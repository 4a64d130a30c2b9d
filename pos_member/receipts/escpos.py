"""ESC/POS bytes for thermal receipt printers, made with python-escpos.

The bytes are collected with python-escpos's ``Dummy`` printer and handed to a
printer driver as one job, so the same job can go to a network, USB, serial
or file printer, or into a test. Chinese printers take GB18030 text once
Chinese mode is on (``FS &``); widths are 48 columns (80 mm, 576 dots) or 32
columns (58 mm, 384 dots) with Chinese characters two columns wide.
"""

from __future__ import annotations

import copy
import functools
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from escpos.capabilities import get_profile
from escpos.printer import Dummy
from PIL import Image

from pos_member.domain.text import printable
from pos_member.receipts.document import ReceiptDocument
from pos_member.receipts.layout import (
    Barcode,
    Block,
    Feed,
    Pair,
    Rule,
    Size,
    Text,
    display_width,
    layout,
)
from pos_member.receipts.text import COLUMNS_58MM, COLUMNS_80MM, block_lines

TESTED_IN = "tests/receipts/test_escpos_render.py"

log = logging.getLogger(__name__)

FS_CHINESE_ON = b"\x1c&"  # FS &: two-byte (GB18030/GBK) character mode
FS_CHINESE_OFF = b"\x1c."  # FS .
FS_CHINESE_SIZE = b"\x1c!"  # FS ! n: size of Chinese characters (bit 2 wide, bit 3 tall)
DOTS = {COLUMNS_80MM: 576, COLUMNS_58MM: 384}


@dataclass(frozen=True, slots=True)
class EscposOptions:
    columns: int = COLUMNS_80MM
    dots: int | None = None  # printable width in dots; from the columns when None
    chinese: bool = True  # GB18030 text in Chinese mode; False: python-escpos code pages
    logo: Path | None = None
    cut: bool = True
    partial_cut: bool = False
    open_drawer: bool = False
    drawer_pin: int = 2

    @property
    def width_dots(self) -> int:
        if self.dots is not None:
            return self.dots
        return DOTS.get(self.columns, self.columns * 12)


@functools.lru_cache(maxsize=8)
def _profile(dots: int) -> Any:
    # python-escpos centres images only when the profile knows the paper width;
    # the stock profile says "Unknown", so give this instance its own copy.
    profile = get_profile("default")
    data = copy.deepcopy(profile.profile_data)
    data["media"]["width"]["pixels"] = dots
    profile.profile_data = data
    return profile


class _Writer:
    def __init__(self, options: EscposOptions) -> None:
        self.o = options
        self.p = Dummy()
        self.p.profile = _profile(options.width_dots)

    def raw(self, data: bytes) -> None:
        self.p._raw(data)

    def write_line(self, text: str) -> None:
        # Text is never a command: a control byte in it would be read as one.
        text = printable(text).replace("\n", " ")
        if self.o.chinese:
            self.raw(text.encode("gb18030") + b"\n")
        else:
            self.p.textln(text)

    def style(self, *, align: str, bold: bool, size: Size) -> None:
        double = size is Size.DOUBLE
        self.p.set(
            align=align,
            bold=bold,
            normal_textsize=not double,
            double_width=double,
            double_height=double,
        )
        if self.o.chinese:
            self.raw(FS_CHINESE_SIZE + bytes([0x0C if double else 0x00]))

    def block(self, block: Block) -> None:
        columns = self.o.columns
        if isinstance(block, Text):
            size = block.size
            if size is Size.DOUBLE and display_width(block.text) > columns // 2:
                size = Size.NORMAL  # a title that would wrap reads better in one line
            self.style(align=block.align.value, bold=block.bold, size=size)
            cols = columns // 2 if size is Size.DOUBLE else columns
            for line in block_lines(Text(block.text), cols):
                self.write_line(line)
        elif isinstance(block, Pair):
            self.style(align="left", bold=block.bold, size=block.size)
            cols = columns // 2 if block.size is Size.DOUBLE else columns
            for line in block_lines(block, cols):
                self.write_line(line)
        elif isinstance(block, Rule):
            self.style(align="left", bold=False, size=Size.NORMAL)
            self.write_line(block.char * columns)
        elif isinstance(block, Barcode):
            self.barcode(block.value)
        elif isinstance(block, Feed):
            self.p.ln(block.lines)

    def barcode(self, value: str) -> None:
        code, symbols = code128_data(value)
        # Data modules only: the paper's unprintable margin is the quiet zone.
        modules = 11 * (symbols + 2) + 13
        width = next((w for w in (3, 2) if modules * w <= self.o.width_dots), None)
        self.style(align="center", bold=False, size=Size.NORMAL)
        if width is None:
            log.warning("receipt number too long for a barcode on %s dots", self.o.width_dots)
            self.write_line(value)
            return
        # _hw_barcode, not barcode(): the public method print()s to stdout.
        self.p._hw_barcode(code, "CODE128", height=64, width=width, pos="BELOW", font="A")
        self.p.ln()

    def logo(self, path: Path) -> None:
        with Image.open(path) as src:
            img = src.convert("RGBA")
        background = Image.new("RGBA", img.size, (255, 255, 255, 255))
        img = Image.alpha_composite(background, img).convert("L")
        limit = self.o.width_dots
        if img.width > limit:
            img = img.resize((limit, max(1, img.height * limit // img.width)))
        self.p.image(img, center=True)

    def output(self) -> bytes:
        data: bytes = self.p.output
        return data


def code128_data(value: str) -> tuple[str, int]:
    """ESC/POS CODE128 data for ``value`` and its number of symbols.

    Runs of four or more digits go in code set C (two digits a symbol), the
    rest in set B, which keeps receipt numbers like S01-20261123-0042 narrow
    enough for 58 mm paper.
    """
    tokens: list[tuple[str, str]] = []  # (set, text)
    i = 0
    while i < len(value):
        j = i
        while j < len(value) and value[j].isdigit():
            j += 1
        run = j - i
        if run >= 4:
            if run % 2:
                tokens.append(("B", value[i]))
                i += 1
            tokens.append(("C", value[i:j]))
            i = j
        else:
            end = max(j, i + 1)
            tokens.append(("B", value[i:end]))
            i = end
    data = ""
    symbols = 0
    current = ""
    for code_set, text in tokens:
        if code_set != current:
            data += "{" + code_set
            symbols += 1 if current else 0  # the start symbol is counted by the caller
            current = code_set
        if code_set == "C":
            data += "".join(chr(int(text[k : k + 2])) for k in range(0, len(text), 2))
            symbols += len(text) // 2
        else:
            data += text.replace("{", "{{")
            symbols += len(text)
    return data, symbols


def render_escpos(doc: ReceiptDocument, options: EscposOptions | None = None) -> bytes:
    """The whole print job for ``doc``: init, text, barcode, cut, drawer pulse."""
    o = options or EscposOptions()
    if o.columns < 24:
        raise ValueError("a receipt needs at least 24 columns")
    w = _Writer(o)
    w.p.hw("INIT")
    if o.chinese:
        w.raw(FS_CHINESE_ON)
    if o.logo is not None:
        w.logo(o.logo)
    for block in layout(doc):
        w.block(block)
    w.style(align="left", bold=False, size=Size.NORMAL)
    if o.cut:
        w.p.cut(mode="PART" if o.partial_cut else "FULL")
    if o.open_drawer:
        w.p.cashdraw(o.drawer_pin)
    return w.output()


def drawer_pulse(pin: int = 2) -> bytes:
    """Only the cash-drawer kick (for "open drawer" without printing)."""
    p = Dummy()
    p.cashdraw(pin)
    data: bytes = p.output
    return data
