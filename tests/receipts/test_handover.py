"""The 交班单 printed when a cashier closes the shift, and the manager's 日结: ESC/POS bytes
decoded from the simulated printer, PDFs read back with pdftotext, from a real store."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from drivers.printers import SimulatedPrinter
from pos_member.domain.money import Money
from pos_member.domain.tenders import TenderKind, TenderRequest
from pos_member.receipts.document import ReceiptKind
from pos_member.receipts.pdf import Paper, render_pdf
from pos_member.receipts.reprint_queue import InMemoryReprintQueue
from pos_member.receipts.service import PrintService
from pos_member.seed.history import demo_buyer
from pos_member.services import shifts
from pos_member.services import stored_value as sv
from pos_member.services.context import Role, StaffSession

from .escpos_decode import decode, printed_lines
from .readback import pdf_text
from .store_fixtures import CASHIER, SUPERVISOR, Till

MANAGER = StaffSession("3001", "赵总", Role.MANAGER)


def _printed(till: Till, number: str) -> str:
    printer = SimulatedPrinter(name="front")
    service = PrintService(printer, InMemoryReprintQueue(), loader=till.builder.build)
    outcome = service.print_receipt(till.builder.build(number)).result(timeout=10)
    service.close()
    assert outcome.printed, outcome
    ((name, job),) = printer.jobs
    assert name == number
    return "\n".join(printed_lines(decode(job)))


def _value(text: str, label: str) -> str:
    """The value printed on the line that starts with ``label`` (spaces squeezed)."""
    for line in text.splitlines():
        if line.strip().startswith(label):
            return re.sub(r"\s+", " ", line.strip()[len(label) :]).strip()
    raise AssertionError(f"{label} not printed in:\n{text}")


def _shift_with_sales(till: Till) -> tuple[int, shifts.ShiftReport]:
    sid = till.shift()
    till.sell()  # cash, 20 yuan change
    member = till.member(0)
    sv.recharge(
        till.ctx,
        sv.RechargeRequest(sv.new_recharge_id(), member["member_id"], Money.yuan(100),
                           (TenderRequest(TenderKind.EXTERNAL, Money.yuan(100), "wechat"),),
                           SUPERVISOR,
                           buyer=demo_buyer(till.ctx, member["member_id"], Money.yuan(100))),
    )  # fmt: skip
    till.clock.tick(60)
    expected = shifts.x_report(till.ctx).cash_expected_fen
    # One ¥1 coin short: the count by denomination.
    pieces = {100: expected // 100 - 1}
    if expected % 100:
        pieces[10] = (expected % 100) // 10
    report = shifts.close_shift(till.ctx, CASHIER, shifts.count_cash(pieces))
    return sid, report


def test_the_handover_slip_prints_cashier_shift_float_cash_and_takings_by_tender(
    till: Till, tmp_path: Path
) -> None:
    sid, z = _shift_with_sales(till)
    assert z.variance_fen == -100 - (z.cash_expected_fen % 10)
    doc = till.builder.build(f"Z-{sid}")
    assert doc.kind is ReceiptKind.SHIFT_Z
    text = _printed(till, f"Z-{sid}")
    assert "交班单" in text
    assert _value(text, "收银员") == "1001 小王"
    assert _value(text, "班次") == f"#{sid}"
    assert _value(text, "备用金") == "￥0.00"
    assert _value(text, "应有现金") == f"￥{Money(z.cash_expected_fen)}".replace("¥", "")
    assert _value(text, "实点现金") == f"￥{Money(z.counted_cash_fen or 0)}".replace("¥", "")
    assert _value(text, "差额") == f"-￥{Money(-(z.variance_fen or 0))}".replace("¥", "")
    # Sales, then their tenders; recharges, then theirs (WeChat here).
    lines = [ln.strip() for ln in text.splitlines()]
    sale_at = next(i for i, ln in enumerate(lines) if ln.startswith("销售"))
    recharge_at = next(i for i, ln in enumerate(lines) if ln.startswith("充值"))
    assert lines[sale_at + 1].startswith("现金")
    assert lines[recharge_at + 1].startswith("微信") and "100.00" in lines[recharge_at + 1]
    assert _value(text, "退货").startswith("0笔")
    pdf = tmp_path / "handover.pdf"
    pdf.write_bytes(render_pdf(doc, Paper.ROLL_80))
    read = pdf_text(pdf)
    for word in ("交班单", "收银员", "1001 小王", "班次", f"#{sid}", "备用金", "应有现金",
                 "实点现金", "差额", "销售", "退货", "充值", "微信"):  # fmt: skip
        assert word in read, word


def test_the_day_close_prints_every_shift_of_the_day(till: Till, tmp_path: Path) -> None:
    first, za = _shift_with_sales(till)
    other = StaffSession("2001", "陈姐", Role.SUPERVISOR)
    till.clock.tick(5)
    second = shifts.open_shift(till.ctx, other, Money.yuan(200))
    till.sell()
    till.clock.tick(60)
    with pytest.raises(shifts.ShiftStillOpen):
        shifts.day_close(till.ctx, MANAGER)
    zb = shifts.close_shift(till.ctx, other, Money(shifts.x_report(till.ctx).cash_expected_fen))
    day = shifts.day_close(till.ctx, MANAGER)
    assert [r.shift_id for r in day.shifts][-2:] == [first, second]
    number = f"D-{day.business_date}"
    text = _printed(till, number)
    assert "日结报表" in text
    assert _value(text, "营业日") == day.business_date
    assert f"班次 #{first}" in text and f"班次 #{second}" in text
    assert "1001 小王" in text and "2001 陈姐" in text
    total_sales = za.sales_total_fen + zb.sales_total_fen
    assert f"{Money(total_sales)}".replace("¥", "") in _value(text, "销售")
    pdf = tmp_path / "day.pdf"
    pdf.write_bytes(render_pdf(till.builder.build(number), Paper.ROLL_80))
    read = pdf_text(pdf)
    for word in ("日结报表", "营业日", "备用金", "应有现金", "实点现金", "差额", f"#{second}"):
        assert word in read, word
