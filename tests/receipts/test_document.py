"""The receipt document: totals come from the lines, PII is masked, bad values refused."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from pos_member.domain.money import Money
from pos_member.receipts.document import ReceiptKind, ReceiptLine, Tender

from .samples import WHEN, big_sale, member, refund, sale, shift_z, y


def test_totals_are_computed_from_lines_and_adjustments() -> None:
    doc = sale()
    assert doc.subtotal == y("96.00")  # 4.00 + 79.90 + 12.10
    assert doc.discount_total == y("-12.81")  # -0.20 -10.00 -0.61 -2.00 coupon
    assert doc.total == y("83.10")  # minus 0.09 抹零
    assert doc.paid - doc.change == doc.total
    assert doc.lines[0].net == y("3.80")
    assert doc.item_count == 4  # 2 bottles, 1 bottle of oil, 1 weighed line of bananas


def test_tenders_that_do_not_add_up_are_refused() -> None:
    doc = sale()
    with pytest.raises(ValueError, match="do not match the total"):
        replace(doc, tenders=(Tender("现金", y("50.00"), is_cash=True),), change=Money(0))


def test_negative_change_is_refused() -> None:
    with pytest.raises(ValueError, match="change"):
        replace(sale(), change=y("-1.00"))


@pytest.mark.parametrize("number", ["", "收银-001", "S01\n02"])
def test_receipt_numbers_must_be_printable_ascii(number: str) -> None:
    with pytest.raises(ValueError, match="printable ASCII"):
        replace(sale(), receipt_no=number)


def test_member_section_holds_masked_values_only() -> None:
    m = member()
    assert m.phone_masked == "138****5678"
    assert m.name_masked == "张**"
    assert m.card_masked == "8800********0018"
    assert "13812345678" not in repr(m)
    assert "张三丰" not in repr(m)


def test_copy_flag_and_kinds() -> None:
    doc = sale()
    assert not doc.copy
    assert doc.as_copy().copy
    assert doc.as_copy().receipt_no == doc.receipt_no
    assert refund().kind is ReceiptKind.REFUND
    assert shift_z().kind.is_shift_report
    assert not ReceiptKind.SALE.is_shift_report


def test_quantity_given_as_int_becomes_decimal() -> None:
    line = ReceiptLine("x", 3, y("1.00"), y("3.00"))  # type: ignore[arg-type]
    assert line.quantity == Decimal(3)
    assert line.quantity_text() == "3"


def test_big_sale_adds_up() -> None:
    doc = big_sale(50)
    assert len(doc.lines) == 50
    assert doc.total == doc.paid
    assert doc.issued_at == WHEN
