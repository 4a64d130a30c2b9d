"""Shift open/close with X and Z report data from the rows the services wrote."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from pos_member.domain.errors import ValidationError
from pos_member.domain.money import Money
from pos_member.domain.rules import demo_rules
from pos_member.services import cards as cs
from pos_member.services.checkout import LineRequest, checkout
from pos_member.services.context import Approval, Context, Role
from pos_member.services.members import RegisterRequest, register_member
from pos_member.services.programme import install_rules
from pos_member.services.refund import RefundRequest, new_refund_id, refund
from pos_member.services.shifts import close_shift, current_shift, open_shift, x_report
from pos_member.services.stored_value import RechargeRequest, new_recharge_id, recharge
from tests.services.conftest import (
    CASHIER,
    GOLD_ID,
    GOLD_PIN,
    MANAGER,
    NOW,
    RICE,
    SUPERVISOR,
    WATER,
)
from tests.services.helpers import cash, external, rows, sale, stored_value

pytestmark = pytest.mark.no_shift  # each test opens the till's shift itself


def test_x_and_z_reports_total_by_tender(ctx: Context, db_path: Path) -> None:
    open_shift(ctx, CASHIER, Money.yuan(500))
    with pytest.raises(ValidationError, match="already open"):
        open_shift(ctx, CASHIER, Money.yuan(500))
    a = checkout(ctx, sale(LineRequest(RICE), tenders=(cash(100),)))  # 50.00, change 50
    checkout(ctx, sale(LineRequest(WATER), tenders=(external(Money.yuan(2), "alipay"),)))
    checkout(ctx, sale(LineRequest(RICE), tenders=(stored_value(Money.yuan("47.50")),),
                       member_id=GOLD_ID, pay_pin=GOLD_PIN))  # fmt: skip
    refund(ctx, RefundRequest(new_refund_id(), a.receipt_no, {1: 1}, SUPERVISOR))
    recharge(ctx, RechargeRequest(new_recharge_id(), GOLD_ID, Money.yuan(200), (cash(200),),
                                  SUPERVISOR))  # fmt: skip
    x = x_report(ctx)
    assert (x.sales_count, x.sales_total_fen) == (3, 5000 + 200 + 4750)
    assert (x.refunds_count, x.refunds_total_fen) == (1, -5000)
    assert (x.recharges_count, x.recharges_total_fen) == (1, 20000)
    assert x.by_tender_fen == {
        "cash": 5000 - 5000 + 20000,
        "external:alipay": 200,
        "stored_value": 4750,
    }
    assert x.cash_expected_fen == 50000 + 20000
    assert rows(db_path, "select closed_at from shifts") == [(None,)]
    z = close_shift(ctx, CASHIER, Money.yuan(699))
    assert z.kind == "Z" and z.variance_fen == -100
    assert z.by_tender_fen == x.by_tender_fen
    assert current_shift(ctx) is None
    assert rows(db_path, "select count(*) from outbox where kind='shift.closed'") == [(1,)]
    with pytest.raises(ValidationError, match="no shift"):
        close_shift(ctx, CASHIER, Money(0))


def test_card_fees_taken_at_the_till_are_in_the_drawer_and_the_reports(
    ctx: Context, db_path: Path
) -> None:
    base = demo_rules()
    with ctx.store.unit_of_work(ctx.terminal_id, NOW.isoformat()) as uow:
        fee_rules = dataclasses.replace(base, version=base.version + 1, card_fee=Money.yuan(15))
        install_rules(uow, fee_rules, "2026-11-01")
    open_shift(ctx, CASHIER, Money.yuan(100))
    checkout(ctx, sale(LineRequest(WATER, quantity=5), tenders=(cash(20),)))  # 10.00 cash
    mid = register_member(ctx, RegisterRequest(MANAGER, "韩梅梅", "13812345670", True)).member_id
    card = cs.issue_card(
        ctx, MANAGER, mid, cs.NewCard(cs.IssueMode.UID, uid="04C0FFEE"),
        cs.FeePayment(cs.FeeTender.CASH),
    )  # fmt: skip
    cs.report_lost(ctx, MANAGER, card.number, "lost")
    cs.replace_card(
        ctx, MANAGER, card.number, cs.NewCard(cs.IssueMode.UID, uid="04BEEF00"),
        cs.FeePayment(cs.FeeTender.EXTERNAL, "wechat"),
        Approval("2001", Role.SUPERVISOR, "card_replacement"),
    )  # fmt: skip
    x = x_report(ctx)
    # 15.00 to issue (cash), the demo rules' 10.00 to replace (WeChat).
    assert (x.card_fees_count, x.card_fees_total_fen) == (2, 2500)
    assert x.by_tender_fen == {"cash": 1000 + 1500, "external:wechat": 1000}
    assert x.cash_expected_fen == 10000 + 1000 + 1500
    # Sales figures stay sales: the fees are counted apart.
    assert (x.sales_count, x.sales_total_fen) == (1, 1000)
    z = close_shift(ctx, CASHIER, Money.yuan(125))
    assert z.cash_expected_fen == 12500 and z.variance_fen == 0
    stored = rows(db_path, "select z_report from shifts where id = ?", z.shift_id)[0][0]
    assert '"card_fees_total_fen": 2500' in stored


def test_cash_counted_by_denomination_against_the_drawer(ctx: Context, db_path: Path) -> None:
    from pos_member.domain.errors import ShiftNotOpen
    from pos_member.services.shifts import (
        DENOMINATIONS_FEN,
        cash_check,
        count_cash,
        require_open,
    )

    with pytest.raises(ShiftNotOpen):
        require_open(ctx)
    sid = open_shift(ctx, CASHIER, Money.yuan(500))
    assert require_open(ctx) == sid
    checkout(ctx, sale(LineRequest(RICE), tenders=(cash(100),)))  # 50.00 in the drawer
    assert DENOMINATIONS_FEN[:3] == (10000, 5000, 2000) and DENOMINATIONS_FEN[-1] == 10
    # 5 × ¥100 + 1 × ¥50 - ¥0.30 short: 5 × 100, 4 × 10, 9 × 1, 1 × 0.5, 2 × 0.1
    count = count_cash({10000: 5, 1000: 4, 100: 9, 50: 1, 10: 2})
    assert count.total_fen == 50000 + 4000 + 900 + 50 + 20 == 54970
    check = cash_check(ctx, count)
    assert (check.expected_fen, check.counted_fen, check.difference_fen) == (55000, 54970, -30)
    assert check.verdict == "short"
    assert cash_check(ctx, count_cash({10000: 5, 5000: 1})).verdict == "even"
    with pytest.raises(ValidationError):
        count_cash({200: 1})  # there is no ¥2 note
    z = close_shift(ctx, CASHIER, count)
    assert (z.counted_cash_fen, z.variance_fen) == (54970, -30)
    assert z.cash_count == {"10000": 5, "1000": 4, "100": 9, "50": 1, "10": 2}
    stored = rows(db_path, "select counted_cash_fen from shifts where id = ?", sid)
    assert stored == [(54970,)]


def test_no_sale_refund_or_recharge_without_an_open_shift(ctx: Context, db_path: Path) -> None:
    from pos_member.domain.errors import ShiftNotOpen

    sid = open_shift(ctx, CASHIER, Money(0))
    sold = checkout(ctx, sale(LineRequest(RICE), tenders=(cash(50),)))
    close_shift(ctx, CASHIER, Money.yuan(50))
    before = rows(db_path, "select count(*) from sales")
    with pytest.raises(ShiftNotOpen, match="open the shift with its opening float"):
        checkout(ctx, sale(LineRequest(WATER), tenders=(cash(2),)))
    with pytest.raises(ShiftNotOpen):
        refund(ctx, RefundRequest(new_refund_id(), sold.receipt_no, {1: 1}, SUPERVISOR))
    with pytest.raises(ShiftNotOpen):
        recharge(ctx, RechargeRequest(new_recharge_id(), GOLD_ID, Money.yuan(100),
                                      (cash(100),), SUPERVISOR))  # fmt: skip
    # A stored-value sale with a wrong PIN is refused for the shift, not counted as a wrong PIN.
    with pytest.raises(ShiftNotOpen):
        checkout(ctx, sale(LineRequest(RICE), tenders=(stored_value(Money.yuan("47.50")),),
                           member_id=GOLD_ID, pay_pin="000000"))  # fmt: skip
    assert rows(db_path, "select pay_pin_failures from members where id = ?", GOLD_ID) == [(0,)]
    assert rows(db_path, "select count(*) from sales") == before
    # A replay of a sale already committed in its shift still answers (the till retries).
    again = checkout(ctx, dataclasses.replace(sale(LineRequest(RICE)), sale_id=sold.sale_id))
    assert again.replayed and again.receipt_no == sold.receipt_no
    assert rows(db_path, "select shift_id from sales where id = ?", sold.sale_id) == [(sid,)]


def test_handover_on_one_till_keeps_each_cashiers_figures(ctx: Context, db_path: Path) -> None:
    from pos_member.services.context import Role, StaffSession

    other = StaffSession("1002", "小李", Role.CASHIER)
    a = open_shift(ctx, CASHIER, Money.yuan(300))
    checkout(ctx, sale(LineRequest(RICE), tenders=(cash(50),)))
    recharge(ctx, RechargeRequest(new_recharge_id(), GOLD_ID, Money.yuan(100), (cash(100),),
                                  SUPERVISOR))  # fmt: skip
    za = close_shift(ctx, CASHIER, Money.yuan(450))
    b = open_shift(ctx, other, Money.yuan(200))
    checkout(ctx, sale(LineRequest(WATER), staff=other,
                       tenders=(external(Money.yuan(2), "wechat"),)))  # fmt: skip
    zb = close_shift(ctx, other, Money.yuan(199))
    assert a != b
    assert (za.staff_id, za.sales_total_fen, za.recharges_total_fen) == ("1001", 5000, 10000)
    assert (za.opening_float_fen, za.cash_expected_fen, za.variance_fen) == (30000, 45000, 0)
    assert za.by_kind_tender_fen == {"recharge": {"cash": 10000}, "sale": {"cash": 5000}}
    assert (zb.staff_id, zb.sales_total_fen, zb.recharges_count) == ("1002", 200, 0)
    assert (zb.opening_float_fen, zb.cash_expected_fen, zb.variance_fen) == (20000, 20000, -100)
    assert zb.by_kind_tender_fen == {"sale": {"external:wechat": 200}}
    got = rows(db_path, "select shift_id, staff_id from sales order by created_at")
    assert got == [(a, "1001"), (a, "2001"), (b, "1002")]  # the recharge by the supervisor


def test_day_close_covers_every_shift_and_is_refused_while_one_is_open(
    ctx: Context, db_path: Path
) -> None:
    from pos_member.domain.errors import NotAllowed
    from pos_member.services.context import Role, StaffSession
    from pos_member.services.shifts import NoShiftsThatDay, ShiftStillOpen, day_close

    with pytest.raises(NoShiftsThatDay, match="nothing to close"):
        day_close(ctx, MANAGER)
    other = StaffSession("1002", "小李", Role.CASHIER)
    open_shift(ctx, CASHIER, Money.yuan(300))
    checkout(ctx, sale(LineRequest(RICE), tenders=(cash(50),)))
    close_shift(ctx, CASHIER, Money.yuan(350))
    second = open_shift(ctx, other, Money.yuan(200))
    checkout(ctx, sale(LineRequest(WATER), staff=other, tenders=(cash(2),)))
    audit = rows(db_path, "select count(*) from audit_log")
    with pytest.raises(ShiftStillOpen, match=f"Shift {second} of cashier 1002 is still open"):
        day_close(ctx, MANAGER)
    with pytest.raises(NotAllowed):
        day_close(ctx, SUPERVISOR)
    assert rows(db_path, "select count(*) from audit_log") == audit  # nothing written
    close_shift(ctx, other, Money.yuan(201))
    day = day_close(ctx, MANAGER)
    assert day.business_date == NOW.date().isoformat()
    assert [r.staff_id for r in day.shifts] == ["1001", "1002"]
    assert (day.sales_count, day.sales_total_fen) == (2, 5200)
    assert (day.opening_float_fen, day.cash_expected_fen) == (50000, 55200)
    assert (day.counted_cash_fen, day.variance_fen) == (55100, -100)
    assert day.by_tender_fen == {"cash": 5200}
    assert rows(db_path, "select subject from audit_log where action = 'day.close'") == [
        (day.business_date,)
    ]
