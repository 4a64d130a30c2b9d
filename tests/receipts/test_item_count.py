"""件数 on receipts: pieces, each weighed line counted as one item, the same on every medium.

3 bottles and 0.456 kg of apples are "件数 4", never "3.456" (pieces plus
kilograms). The PDF is read back with pdftotext, the ESC/POS bytes decoded
command by command, the text receipt read as is.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from pos_member.domain.money import Money
from pos_member.receipts.document import ReceiptDocument, ReceiptKind, ReceiptLine, Tender
from pos_member.receipts.escpos import EscposOptions, render_escpos
from pos_member.receipts.pdf import Paper, render_pdf
from pos_member.receipts.text import render_text
from pos_member.services import checkout as co

from .escpos_decode import decode, printed_lines
from .readback import pdf_text
from .samples import STORE, WHEN, y
from .store_fixtures import Till

COUNT_LINE = re.compile(r"件数\s*(\S+)")


def bottles_and_apples() -> ReceiptDocument:
    lines = (
        ReceiptLine("农夫山泉 550ml", Decimal(3), y("2.00"), y("6.00"), code="6921168509256"),
        ReceiptLine("红富士苹果", Decimal("0.456"), y("12.80"), y("5.84"), unit="kg"),
        ReceiptLine("香蕉", Decimal("1.2"), y("6.50"), y("7.80"), unit="kg"),
        ReceiptLine("康师傅红烧牛肉面", Decimal(2), y("4.50"), y("9.00")),
    )
    total = y("28.64")
    return ReceiptDocument(
        kind=ReceiptKind.SALE,
        receipt_no="S01-20261123-0100",
        store=STORE,
        terminal="T01",
        cashier="0007 李娜",
        issued_at=WHEN,
        lines=lines,
        tenders=(Tender("现金", total, is_cash=True),),
    )


def counts_in(text: str) -> list[str]:
    return COUNT_LINE.findall(text)


def test_pieces_add_up_and_each_weighed_line_counts_once() -> None:
    doc = bottles_and_apples()
    assert [line.weighed for line in doc.lines] == [False, True, True, False]
    assert [line.pieces for line in doc.lines] == [3, 1, 1, 2]
    assert doc.item_count == 7
    # A fraction without a unit is a measure as well, never a fraction of an item.
    odd = ReceiptLine("散装瓜子", Decimal("0.35"), y("30.00"), y("10.50"))
    assert odd.weighed and odd.pieces == 1


def test_text_receipt_prints_the_piece_count() -> None:
    assert counts_in(render_text(bottles_and_apples())) == ["7"]
    assert counts_in(render_text(bottles_and_apples(), 32)) == ["7"]


def test_escpos_receipt_prints_the_piece_count() -> None:
    for columns in (32, 48):
        data = render_escpos(bottles_and_apples(), EscposOptions(columns=columns))
        printed = "\n".join(printed_lines(decode(data)))
        assert counts_in(printed) == ["7"], printed


@pytest.mark.integration
@pytest.mark.parametrize("paper", [Paper.ROLL_80, Paper.ROLL_58])
def test_pdf_receipt_prints_the_piece_count(tmp_path: Path, paper: Paper) -> None:
    pdf = tmp_path / "count.pdf"
    pdf.write_bytes(render_pdf(bottles_and_apples(), paper))
    text = pdf_text(pdf)
    assert counts_in(text) == ["7"], text
    assert "1.2kg" in text and "0.456kg" in text  # the weights stay on their lines


def test_refund_counts_the_same_way() -> None:
    doc = replace(
        bottles_and_apples(),
        kind=ReceiptKind.REFUND,
        receipt_no="R01-20261123-0101",
        original_receipt_no="S01-20261123-0100",
    )
    assert doc.item_count == 7
    assert counts_in(render_text(doc)) == ["7"]


def test_a_receipt_of_only_weighed_goods() -> None:
    doc = bottles_and_apples()
    weighed = tuple(line for line in doc.lines if line.unit)
    total = Money(sum(line.amount.fen for line in weighed))
    only = replace(doc, lines=weighed, tenders=(Tender("现金", total, is_cash=True),))
    assert only.item_count == 2
    assert counts_in(render_text(only)) == ["2"]


def test_receipt_built_from_the_store_counts_a_weighed_line_once(till: Till) -> None:
    packaged = till.product_codes(2)
    weighed = next(p["code"] for p in till.seed.products if "price_per_kg" in p)
    result = till.sell(
        codes=packaged[:1],
        extra=(
            co.LineRequest(packaged[1], quantity=2),
            co.LineRequest(weighed, grams=456),
        ),
    )
    doc = till.builder.build(result.receipt_no)
    assert [line.quantity_text() for line in doc.lines] == ["1", "2", "0.456kg"]
    assert doc.item_count == 4  # 1 + 2 pieces and one bag weighed at the scale
    assert counts_in(render_text(doc)) == ["4"]
    printed = "\n".join(printed_lines(decode(render_escpos(doc))))
    assert counts_in(printed) == ["4"]
