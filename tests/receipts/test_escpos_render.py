"""ESC/POS bytes decoded back command by command: GB18030 text, sizes, barcode, cut, drawer."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from pos_member.receipts.escpos import EscposOptions, code128_data, drawer_pulse, render_escpos
from pos_member.receipts.layout import display_width

from .escpos_decode import Cmd, barcode_value, decode, printed_lines
from .samples import big_sale, recharge, sale, shift_z


def names(cmds: list[Cmd]) -> list[str]:
    return [c.name for c in cmds]


def test_job_starts_with_init_and_chinese_mode() -> None:
    cmds = decode(render_escpos(sale()))
    assert cmds[0] == Cmd("init")
    assert cmds[1] == Cmd("chinese_on")


def test_text_is_gb18030_and_carries_the_receipt() -> None:
    data = render_escpos(sale())
    assert "好邻居便利店".encode("gb18030") in data
    assert "￥83.10".encode("gb18030") in data
    lines = printed_lines(decode(data))
    joined = "\n".join(lines)
    for expected in ["销售小票", "S01-20261123-0042", "金卡95折", "138****5678", "积分余额"]:
        assert expected in joined, expected
    assert "13812345678" not in joined


@pytest.mark.parametrize("columns", [32, 48])
def test_lines_fit_the_columns_at_their_size(columns: int) -> None:
    cmds = decode(render_escpos(big_sale(), EscposOptions(columns=columns)))
    double = False
    current = ""
    for c in cmds:
        if c.name == "print_mode":
            double = bool(c.args[0] & 0x30)
        elif c.name == "text":
            current += c.text
        elif c.name == "lf":
            limit = columns // 2 if double else columns
            assert display_width(current) <= limit, (current, limit)
            current = ""


def test_total_and_change_are_bold_and_double_size() -> None:
    cmds = decode(render_escpos(sale()))
    state = {"bold": False, "double": False, "cjk_double": False}
    styled: dict[str, dict[str, bool]] = {}
    for c in cmds:
        if c.name == "bold":
            state["bold"] = bool(c.args[0])
        elif c.name == "print_mode":
            state["double"] = c.args[0] == 0x30
        elif c.name == "chinese_size":
            state["cjk_double"] = c.args[0] == 0x0C
        elif c.name == "text":
            styled[c.text.split()[0]] = dict(state)
    assert styled["应收"] == {"bold": True, "double": True, "cjk_double": True}
    assert styled["找零"] == {"bold": True, "double": True, "cjk_double": True}
    assert styled["原价合计"] == {"bold": False, "double": False, "cjk_double": False}


def test_barcode_is_code128_of_the_receipt_number() -> None:
    cmds = decode(render_escpos(sale()))
    bars = [c for c in cmds if c.name == "barcode"]
    assert len(bars) == 1
    assert barcode_value(bars[0]) == "S01-20261123-0042"
    width = next(c for c in cmds if c.name == "barcode_width").args[0]
    assert width in (2, 3)


@pytest.mark.parametrize(
    ("number", "expected_data", "symbols"),
    [
        ("20261123000042", b"{C" + bytes([20, 26, 11, 23, 0, 0, 42]), 7),
        (
            "S01-20261123-0042",
            b"{BS01-{C" + bytes([20, 26, 11, 23]) + b"{B-{C" + bytes([0, 42]),
            14,
        ),
        ("123456789", b"{B1{C" + bytes([23, 45, 67, 89]), 6),
        ("AB{1", b"{BAB{{1", 4),
    ],
)
def test_code128_data_packs_digit_runs_into_code_set_c(
    number: str, expected_data: bytes, symbols: int
) -> None:
    data, count = code128_data(number)
    assert data.encode("latin-1") == expected_data
    assert count == symbols
    doc = replace(sale(), receipt_no=number)
    bar = next(c for c in decode(render_escpos(doc)) if c.name == "barcode")
    assert barcode_value(bar) == number


@pytest.mark.parametrize(("columns", "dots"), [(32, 384), (48, 576)])
def test_barcode_fits_the_paper(columns: int, dots: int) -> None:
    cmds = decode(render_escpos(sale(), EscposOptions(columns=columns)))
    width = next(c for c in cmds if c.name == "barcode_width").args[0]
    _, symbols = code128_data("S01-20261123-0042")
    assert (11 * (symbols + 2) + 13) * width <= dots


def test_number_too_long_for_a_barcode_is_printed_as_text() -> None:
    doc = replace(sale(), receipt_no="ABCDEFGHIJKLMNOPQRSTUVWXYZ-ABCDEFGHIJ")
    cmds = decode(render_escpos(doc, EscposOptions(columns=32)))
    assert "barcode" not in names(cmds)
    assert doc.receipt_no in printed_lines(cmds)


def test_job_ends_with_feed_and_cut_then_drawer_pulse() -> None:
    cmds = decode(render_escpos(sale(), EscposOptions(open_drawer=True)))
    tail = names(cmds)[-3:]
    assert tail == ["feed", "cut", "drawer"]
    assert cmds[-2].args == (0,)  # GS V 0: full cut
    assert cmds[-1].args == (0, 50, 50)  # ESC p 0: pin 2


def test_no_drawer_pulse_unless_asked_and_partial_cut() -> None:
    cmds = decode(render_escpos(sale(), EscposOptions(partial_cut=True)))
    assert "drawer" not in names(cmds)
    assert next(c for c in cmds if c.name == "cut").args == (1,)
    assert "cut" not in names(decode(render_escpos(sale(), EscposOptions(cut=False))))


def test_drawer_pulse_alone() -> None:
    assert decode(drawer_pulse(5)) == [Cmd("drawer", (1, 50, 50))]


def test_logo_is_a_raster_image_within_the_paper(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    img = Image.new("RGBA", (800, 200), (255, 255, 255, 0))
    ImageDraw.Draw(img).rectangle((100, 50, 700, 150), fill=(0, 0, 0, 255))
    img.save(logo)
    cmds = decode(render_escpos(sale(), EscposOptions(columns=32, logo=logo)))
    raster = next(c for c in cmds if c.name == "raster")
    _, width_bytes, height = raster.args
    assert width_bytes * 8 <= 384
    assert height == 200 * 384 // 800
    assert any(raster.data)  # the black bar is there
    assert names(cmds).index("raster") < names(cmds).index("barcode")


def test_copies_are_marked_on_paper() -> None:
    lines = printed_lines(decode(render_escpos(sale(copy=True))))
    assert sum("副本 COPY" in line for line in lines) == 2


def test_other_kinds_render_and_decode() -> None:
    for doc in (recharge(), shift_z()):
        lines = printed_lines(decode(render_escpos(doc, EscposOptions(columns=32))))
        assert doc.receipt_no in "\n".join(lines)


def test_non_chinese_printer_gets_code_page_text() -> None:
    cmds = decode(render_escpos(sale(), EscposOptions(chinese=False)))
    assert "chinese_on" not in names(cmds)
    assert "S01-20261123-0042" in "\n".join(printed_lines(cmds))


def test_too_few_columns_is_refused() -> None:
    with pytest.raises(ValueError, match="24 columns"):
        render_escpos(sale(), EscposOptions(columns=16))
