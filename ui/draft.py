"""The sale being rung up, as the cashier entered it (codes and quantities, nothing priced).

This is screen state: which products, how many, which member, which coupons.
Prices, discounts and totals come back from ``pos_member`` for the draft
each time it changes. The sale id is chosen when the draft starts, so a
second press of the pay key can never pay the same sale twice.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace

from pos_member.domain.money import Money
from pos_member.domain.pricing import SaleDiscount
from pos_member.domain.rules import GiftRate
from pos_member.services.context import Approval


@dataclass(frozen=True, slots=True)
class DraftLine:
    line_no: int
    code: str  # the product's in-store code
    quantity: int = 1
    weight_g: int | None = None  # weighed goods
    weighed: bool = False  # sold by weight: needs ``weight_g`` before it can be priced
    # 改价: a supervisor-approved unit price and its reason (checkout checks both again).
    price_override: Money | None = None
    override_reason: str = ""
    gift: GiftRate | None = None  # 积分兑换 (ui.gifts): the gift's rate chosen


@dataclass(frozen=True, slots=True)
class Draft:
    sale_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    lines: tuple[DraftLine, ...] = ()
    member_id: int | None = None
    coupons: tuple[str, ...] = ()
    # The card presented for the member (None: identified by phone) and its secure
    # issuance counter: checkout checks that card again when the sale is paid.
    card_id: int | None = None
    card_counter: int | None = None
    id_method: str | None = None  # how the member was identified (the sale event says)
    # The supervisor's approval of the price overrides on the lines (None: none, or the
    # staff at the till may approve them themselves).
    override_approval: Approval | None = None
    sale_discount: SaleDiscount | None = None  # 整单折扣 (ui.sale_discount), same approval

    @property
    def empty(self) -> bool:
        return not self.lines

    @property
    def gift_points(self) -> int:
        """The points the sale's gift lines take (积分兑换)."""
        return sum(ln.gift.points * ln.quantity for ln in self.lines if ln.gift is not None)

    def next_line_no(self) -> int:
        return max((ln.line_no for ln in self.lines), default=0) + 1

    def add(self, line: DraftLine) -> Draft:
        return replace(self, lines=(*self.lines, line))

    def with_quantity(self, line_no: int, quantity: int | None, weight_g: int | None) -> Draft:
        lines = tuple(
            replace(
                ln, quantity=quantity if quantity is not None else ln.quantity, weight_g=weight_g
            )
            if ln.line_no == line_no
            else ln
            for ln in self.lines
        )
        return replace(self, lines=lines)

    def without(self, line_no: int) -> Draft:
        return replace(self, lines=tuple(ln for ln in self.lines if ln.line_no != line_no))

    def with_member(
        self,
        member_id: int | None,
        card_id: int | None = None,
        card_counter: int | None = None,
        id_method: str | None = None,
    ) -> Draft:
        return replace(
            self,
            member_id=member_id,
            card_id=card_id,
            card_counter=card_counter,
            id_method=id_method,
            coupons=() if member_id is None else self.coupons,
        )

    def with_price(
        self, line_no: int, price: Money, reason: str, approval: Approval | None
    ) -> Draft:
        """Line ``line_no`` at ``price`` for ``reason`` (改价), approved by ``approval``."""
        lines = tuple(
            replace(ln, price_override=price, override_reason=reason)
            if ln.line_no == line_no
            else ln
            for ln in self.lines
        )
        return replace(self, lines=lines, override_approval=approval or self.override_approval)

    def with_sale_discount(self, d: SaleDiscount, approval: Approval | None) -> Draft:
        """The whole sale discounted by ``d`` (整单折扣), approved by ``approval``."""
        return replace(self, sale_discount=d, override_approval=approval or self.override_approval)

    @property
    def overridden(self) -> bool:
        """Whether a line has a 改价 or the sale a 整单折扣 (they need the approval)."""
        return self.sale_discount is not None or any(
            ln.price_override is not None for ln in self.lines
        )

    def without_price(self, line_no: int) -> Draft:
        """Line ``line_no`` back at the catalogue price (its 改价 taken off)."""
        lines = tuple(
            replace(ln, price_override=None, override_reason="") if ln.line_no == line_no else ln
            for ln in self.lines
        )
        return replace(self, lines=lines)._approval_kept()

    def without_sale_discount(self) -> Draft:
        """The sale without its 整单折扣."""
        return replace(self, sale_discount=None)._approval_kept()

    def _approval_kept(self) -> Draft:
        # Nothing overridden any more: no approval is carried to checkout.
        return self if self.overridden else replace(self, override_approval=None)

    def with_coupons(self, coupons: tuple[str, ...]) -> Draft:
        return replace(self, coupons=coupons)
