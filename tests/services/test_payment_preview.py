"""The payment and recharge dialogs' live figures, from the settlement the commit uses."""

from __future__ import annotations

from pos_member.domain.errors import BalanceTooLow
from pos_member.domain.money import Money
from pos_member.services import checkout
from pos_member.services import identify as ident
from pos_member.services.checkout import LineRequest
from pos_member.services.context import Context
from pos_member.services.payment_preview import payment_info, preview_payment, recharge_preview
from tests.services.conftest import GOLD_ID, RICE, WATER
from tests.services.helpers import cash, sale, stored_value


def test_cash_over_the_amount_due_gives_change(ctx: Context) -> None:
    req = sale(LineRequest(WATER, quantity=2), tenders=(cash(10),))
    due = checkout.quote(ctx, req).amount_due
    p = preview_payment(ctx, req)
    assert p.problem is None
    assert (p.amount_due, p.change, p.remaining) == (due, Money.yuan(10) - due, Money(0))


def test_too_little_cash_says_what_is_left(ctx: Context) -> None:
    req = sale(LineRequest(RICE, quantity=1), tenders=(cash(20),))
    p = preview_payment(ctx, req)
    assert p.problem is None and p.change == Money(0)
    assert p.remaining == p.amount_due - Money.yuan(20)
    assert p.cash_needed == p.amount_due


def test_stored_value_beyond_the_balance_is_refused_before_the_pin(ctx: Context) -> None:
    balance = ident.member_view(ctx, GOLD_ID).stored_value
    req = sale(
        LineRequest(RICE, quantity=30), member_id=GOLD_ID,
        tenders=(stored_value(balance + Money.yuan(1)),),
    )  # fmt: skip
    p = preview_payment(ctx, req)
    assert isinstance(p.problem, BalanceTooLow)
    assert p.pin_needed is True  # above the PIN threshold of the demo rules
    assert p.stored_value_max == balance  # the balance, less than what is due


def test_payment_info_has_the_members_balances(ctx: Context) -> None:
    m = ident.member_view(ctx, GOLD_ID)
    info = payment_info(ctx, sale(LineRequest(WATER), member_id=GOLD_ID))
    assert (info.balance, info.points_available) == (m.stored_value, m.points)
    assert (
        info.amount_due
        == checkout.quote(ctx, sale(LineRequest(WATER), member_id=GOLD_ID)).amount_due
    )
    assert info.points_unit > 0


def test_recharge_preview_adds_the_rules_bonus(ctx: Context) -> None:
    with ctx.store.reading() as s:
        _, rules = ctx.rules(s)
    bonus = rules.stored_value.bonus_for(Money.yuan(500))
    before = ident.member_view(ctx, GOLD_ID).stored_value
    p = recharge_preview(ctx, GOLD_ID, Money.yuan(500))
    assert (p.amount, p.bonus) == (Money.yuan(500), bonus)
    assert p.balance_after == before + Money.yuan(500) + bonus
