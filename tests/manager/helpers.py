"""Helpers the manager tests share: products, sales and recharges through the real services."""

from __future__ import annotations

from datetime import date

from pos_member.domain.money import Money
from pos_member.domain.tenders import TenderKind, TenderRequest
from pos_member.seed.history import demo_buyer
from pos_member.services import checkout as co
from pos_member.services import stored_value as sv
from pos_member.services.context import Context, StaffSession
from pos_member.services.members import Registered, RegisterRequest, register_member
from pos_member.store.models import Product


def add_product(ctx: Context, code: str = "P1", price_fen: int = 10_000) -> None:
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        uow.session.add(
            Product(code=code, barcode=None, name=f"商品 {code}", category="test",
                    price_fen=price_fen, member_price_fen=None, weighed=False, earns_points=True,
                    discountable=True, active=True, count_card_plan=None)
        )  # fmt: skip


def register(
    ctx: Context, staff: StaffSession, phone: str, name: str = "张三", birthday: date | None = None
) -> Registered:
    return register_member(
        ctx, RegisterRequest(staff=staff, name=name, phone=phone, consent=True, birthday=birthday,
                             gender="female")
    )  # fmt: skip


def recharge(ctx: Context, staff: StaffSession, member_id: int, yuan: int) -> None:
    sv.recharge(
        ctx,
        sv.RechargeRequest(
            recharge_id=sv.new_recharge_id(), member_id=member_id, amount=Money.yuan(yuan),
            tenders=(TenderRequest(TenderKind.CASH, Money.yuan(yuan)),), staff=staff,
            buyer=demo_buyer(ctx, member_id, Money.yuan(yuan)),
        ),
    )  # fmt: skip


def buy(
    ctx: Context,
    staff: StaffSession,
    member_id: int | None,
    quantity: int = 1,
    code: str = "P1",
    stored_value: Money | None = None,
    pay_pin: str | None = None,
) -> co.SaleResult:
    priced = co.quote(
        ctx, co.CheckoutRequest(sale_id=co.new_sale_id(), staff=staff,
                                lines=(co.LineRequest(code, quantity),), member_id=member_id)
    )  # fmt: skip
    due = priced.amount_due
    tenders = []
    if stored_value is not None:
        tenders.append(TenderRequest(TenderKind.STORED_VALUE, stored_value))
        due = due - stored_value
    if due.fen:
        tenders.append(TenderRequest(TenderKind.CASH, due))
    return co.checkout(
        ctx,
        co.CheckoutRequest(sale_id=co.new_sale_id(), staff=staff,
                           lines=(co.LineRequest(code, quantity),), member_id=member_id,
                           tenders=tuple(tenders), pay_pin=pay_pin),
    )  # fmt: skip
