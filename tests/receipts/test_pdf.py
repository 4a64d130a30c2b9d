"""PDF receipts read back: pdftotext gives numbers, totals and Chinese; zbarimg the barcode."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.units import mm

from pos_member.receipts.pdf import Paper, render_pdf

from .readback import barcodes, pdf_pages, pdf_text
from .samples import big_sale, count_card_use, recharge, refund, sale, shift_z

pytestmark = pytest.mark.integration


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("paper", list(Paper))
def test_sale_pdf_reads_back(tmp_path: Path, paper: Paper) -> None:
    pdf = write(tmp_path, "sale.pdf", render_pdf(sale(), paper))
    text = pdf_text(pdf)
    for expected in [
        "好邻居便利店",
        "销售小票",
        "S01-20261123-0042",
        "2026-11-23 14:05:09",
        "金卡95折",
        "满80减2 优惠券",
        "应收",
        "83.10",
        "找零",
        "20.00",
        "138****5678",
        "积分余额",
        "1530",
        "450.00",
        "白金卡",
        "谢谢惠顾",
    ]:
        assert expected in text, expected
    assert "13812345678" not in text
    assert barcodes(pdf, dpi=150 if paper is Paper.A4 else 300) == ["S01-20261123-0042"]


def test_roll_widths_and_height_following_content(tmp_path: Path) -> None:
    short = pdf_pages(write(tmp_path, "short.pdf", render_pdf(shift_z(), Paper.ROLL_80)))
    long = pdf_pages(write(tmp_path, "long.pdf", render_pdf(big_sale(), Paper.ROLL_80)))
    narrow = pdf_pages(write(tmp_path, "narrow.pdf", render_pdf(sale(), Paper.ROLL_58)))
    assert len(short) == len(long) == len(narrow) == 1
    assert short[0][0] == pytest.approx(80 * mm, abs=0.1)
    assert narrow[0][0] == pytest.approx(58 * mm, abs=0.1)
    assert long[0][1] > 4 * short[0][1]  # 50 lines make a long roll, not a second page


def test_a4_breaks_pages_and_keeps_every_line(tmp_path: Path) -> None:
    pdf = write(tmp_path, "a4.pdf", render_pdf(big_sale(50), Paper.A4))
    pages = pdf_pages(pdf)
    assert len(pages) > 1
    assert all(p == pytest.approx((595.28, 841.89), abs=0.1) for p in pages)
    text = pdf_text(pdf)
    for i in range(50):
        assert f"商品{i:03d}" in text
    # The barcode closes the receipt: on the last page only.
    assert barcodes(pdf, dpi=150, first_page=len(pages)) == ["S01-20261123-9999"]


def test_copy_is_marked(tmp_path: Path) -> None:
    text = pdf_text(write(tmp_path, "copy.pdf", render_pdf(sale(copy=True))))
    assert text.count("副本 COPY") == 2


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (refund, ["退货小票", "原单号", "S01-20261123-0042", "应退", "1.90"]),
        (recharge, ["充值凭证", "赠送金额", "50.00", "1500.00"]),
        (count_card_use, ["计次卡消费凭证", "精洗10次卡", "剩余次数"]),
        (shift_z, ["Z 班结报表", "131笔", "8342.50", "-￥0.40"]),
    ],
    ids=["refund", "recharge", "count_card", "shift_z"],
)
def test_other_kinds_read_back(tmp_path: Path, make, expected: list[str]) -> None:  # type: ignore[no-untyped-def]
    doc = make()
    pdf = write(tmp_path, "doc.pdf", render_pdf(doc, Paper.ROLL_58))
    text = pdf_text(pdf)
    for item in expected:
        assert item in text, item
    assert barcodes(pdf) == [doc.receipt_no]


def test_logo_is_placed_above_the_header(tmp_path: Path) -> None:
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (300, 100), (200, 30, 30)).save(logo)
    with_logo = pdf_pages(write(tmp_path, "l.pdf", render_pdf(sale(), Paper.ROLL_80, logo)))
    without = pdf_pages(write(tmp_path, "n.pdf", render_pdf(sale(), Paper.ROLL_80)))
    assert with_logo[0][1] > without[0][1]


def test_barcode_and_text_are_vectors_not_images(tmp_path: Path) -> None:
    import subprocess

    from .readback import require_tool

    pdfimages = require_tool("pdfimages", "poppler-utils")
    pdf = write(tmp_path, "v.pdf", render_pdf(sale(), Paper.ROLL_80))
    listing = subprocess.run(
        [pdfimages, "-list", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert len(listing) == 2  # the column header and its rule: no images at all
    assert barcodes(pdf) == ["S01-20261123-0042"]
