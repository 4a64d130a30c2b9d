"""Refund planning: what goes back, to which tender, for returned lines.

A sale is remembered as a ``SaleRecord``: for each line, the units sold and
what each tender bucket paid for it (cash, external methods, stored-value
principal and bonus, points value), the points it spent and the points it
earned. Returning ``c`` of ``Q`` units gives back, per bucket,
``floor(share * c / Q)`` cumulatively, and the exact share when the last unit
goes back. Cumulative floors never decrease, never exceed the share, and
reach it exactly, so a refund in any number of parts never gives a tender
more than it paid and a whole refund restores everything to the fen.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from decimal import ROUND_CEILING, Decimal

from pos_member.domain.cart import whole
from pos_member.domain.errors import (
    InvalidQuantity,
    NothingToRefund,
    RefundExceedsSold,
    ValidationError,
)
from pos_member.domain.money import Money, allocate
from pos_member.domain.pricing import PricedSale
from pos_member.domain.rules import RedeemRule
from pos_member.domain.tenders import (
    POINTS_VALUE,
    SV_BONUS,
    SV_PRINCIPAL,
    Payment,
    allocate_to_lines,
)
from pos_member.domain.text import Text


@dataclass(frozen=True, slots=True)
class SoldLine:
    line_no: int
    units: int
    net: Money
    buckets: Mapping[str, int]  # fen paid for this line per bucket
    points_paid: int = 0
    points_earned: int = 0


@dataclass(frozen=True, slots=True)
class SaleRecord:
    sale_id: str
    member_id: str | None
    lines: tuple[SoldLine, ...]
    coupons: tuple[str, ...] = ()
    refunded_units: Mapping[int, int] = field(default_factory=dict)  # by earlier refunds

    @classmethod
    def from_sale(cls, sale_id: str, priced: PricedSale, payment: Payment) -> SaleRecord:
        rows = allocate_to_lines(priced, payment)
        return cls(
            sale_id=sale_id,
            member_id=priced.member_id,
            lines=tuple(
                SoldLine(
                    line_no=pl.line_no,
                    units=pl.line.units,
                    net=pl.net,
                    buckets=rows[pl.line_no],
                    points_paid=pl.points_paid,
                    points_earned=pl.points_earned,
                )
                for pl in priced.lines
            ),
            coupons=priced.coupons,
        )

    def line(self, line_no: int) -> SoldLine:
        for ln in self.lines:
            if ln.line_no == line_no:
                return ln
        raise ValidationError(
            field="line", problem="the sale has no line {line_no}", line_no=line_no
        )

    def remaining(self, line_no: int) -> int:
        return self.line(line_no).units - self.refunded_units.get(line_no, 0)


@dataclass(frozen=True, slots=True)
class RefundLine:
    line_no: int
    units: int
    buckets: Mapping[str, int]  # fen back per bucket (points value included)
    points_given_back: int  # points this line had spent, returned to the member
    points_taken_back: int  # points this line had earned, taken from the member

    @property
    def amount(self) -> Money:
        return Money(sum(self.buckets.values()))


@dataclass(frozen=True, slots=True)
class RefundPlan:
    sale_id: str
    lines: tuple[RefundLine, ...]
    buckets: Mapping[str, int]  # money back per bucket, after any points shortfall
    points_given_back: int
    points_taken_back: int
    points_shortfall: int  # earned points the member had already spent
    shortfall_deducted: Money  # their value, kept from the money refunded
    completes_sale: bool
    coupons_back: tuple[str, ...]
    #: Kept back because the lines still held no longer reach a promotion (positive),
    #: or given back again when a later refund makes up for it (negative).
    clawback: Money = Money(0)
    clawback_buckets: Mapping[str, int] = field(default_factory=dict)
    clawback_reason: str = ""

    @property
    def goods_value(self) -> Money:
        """Net value of the goods returned (before any shortfall deduction)."""
        return Money(sum(ln.amount.fen for ln in self.lines))

    def bucket(self, name: str) -> Money:
        return Money(self.buckets.get(name, 0))

    @property
    def sv_principal(self) -> Money:
        return self.bucket(SV_PRINCIPAL)

    @property
    def sv_bonus(self) -> Money:
        return self.bucket(SV_BONUS)

    @property
    def money_back(self) -> Money:
        """Cash and external methods paid back (what leaves the drawer or the terminal)."""
        return Money(
            sum(
                v
                for k, v in self.buckets.items()
                if k not in (SV_PRINCIPAL, SV_BONUS, POINTS_VALUE)
            )
        )

    @property
    def cash_back(self) -> Money:
        return self.bucket("cash")


def _cum(share: int, done: int, units: int) -> int:
    return share if done >= units else share * done // units


def plan_refund(
    record: SaleRecord,
    request: Mapping[int, int],
    coupon_back_on_full_refund: bool = True,
) -> RefundPlan:
    """Plan the refund of ``request`` (line number -> units) against ``record``."""
    wanted = {n: u for n, u in request.items() if u}
    if not wanted:
        raise NothingToRefund()
    out: list[RefundLine] = []
    for line_no in sorted(wanted):
        units = wanted[line_no]
        sold = record.line(line_no)
        if not whole(units) or units < 0:
            raise InvalidQuantity(quantity=units, product=Text("line {line_no}", line_no=line_no))
        before = record.refunded_units.get(line_no, 0)
        remaining = sold.units - before
        if units > remaining:
            raise RefundExceedsSold(line_no=line_no, requested=units, remaining=remaining)
        after = before + units
        buckets = {
            b: _cum(s, after, sold.units) - _cum(s, before, sold.units)
            for b, s in sold.buckets.items()
        }
        out.append(
            RefundLine(
                line_no=line_no,
                units=units,
                buckets={b: v for b, v in buckets.items() if v},
                points_given_back=_cum(sold.points_paid, after, sold.units)
                - _cum(sold.points_paid, before, sold.units),
                points_taken_back=_cum(sold.points_earned, after, sold.units)
                - _cum(sold.points_earned, before, sold.units),
            )
        )
    totals: dict[str, int] = {}
    for ln in out:
        for b, v in ln.buckets.items():
            totals[b] = totals.get(b, 0) + v
    # the points value is returned as points, not as money
    totals.pop(POINTS_VALUE, None)
    completes = all(
        record.refunded_units.get(ln.line_no, 0) + wanted.get(ln.line_no, 0) >= ln.units
        for ln in record.lines
    )
    return RefundPlan(
        sale_id=record.sale_id,
        lines=tuple(out),
        buckets=totals,
        points_given_back=sum(ln.points_given_back for ln in out),
        points_taken_back=sum(ln.points_taken_back for ln in out),
        points_shortfall=0,
        shortfall_deducted=Money(0),
        completes_sale=completes,
        coupons_back=record.coupons if (completes and coupon_back_on_full_refund) else (),
    )


# The order in which a points shortfall is kept back from the money refunded.
SHORTFALL_ORDER = ("cash", "external", SV_BONUS, SV_PRINCIPAL)


def deduct_points_shortfall(plan: RefundPlan, shortfall: int, redeem: RedeemRule) -> RefundPlan:
    """Keep back the value of earned points the member already spent.

    The value is at the points-as-cash rate, rounded up to the fen, and taken
    from cash first, then external methods, then stored value; never more than
    the money being refunded.
    """
    if shortfall <= 0:
        return plan
    value = int(
        (Decimal(shortfall) * redeem.unit_value.fen / redeem.points_per_unit).to_integral_value(
            ROUND_CEILING
        )
    )
    buckets = dict(plan.buckets)
    left = value
    for prefix in SHORTFALL_ORDER:
        for b in sorted(buckets):
            if left == 0:
                break
            if b == prefix or b.startswith(prefix + ":"):
                take = min(buckets[b], left)
                buckets[b] -= take
                left -= take
    return RefundPlan(
        sale_id=plan.sale_id,
        lines=plan.lines,
        buckets={b: v for b, v in buckets.items() if v},
        points_given_back=plan.points_given_back,
        points_taken_back=plan.points_taken_back - shortfall,
        points_shortfall=shortfall,
        shortfall_deducted=Money(value - left),
        completes_sale=plan.completes_sale,
        coupons_back=plan.coupons_back,
        clawback=plan.clawback,
        clawback_buckets=plan.clawback_buckets,
        clawback_reason=plan.clawback_reason,
    )


# --- promotions the lines still held no longer reach ------------------------


def clawback_due(
    record: SaleRecord,
    request: Mapping[int, int],
    before_coupons: Mapping[int, int],
    reprice: Callable[[Mapping[int, int]], int],
) -> int:
    """What the units still held after this refund owe, because alone they would not
    have had the promotions of the whole sale (a 满减 threshold, a 买赠 set).

    ``before_coupons`` is each line's amount after promotions and member discounts
    and before coupons and rounding; ``reprice`` prices the units still held (line
    number -> units) the same way, by the sale's rules at the sale's moment. What
    those units were charged is their line's share by the same cumulative floors
    as the money, so the amounts due over successive refunds telescope: a whole
    refund owes nothing and gives back whatever was kept before.
    """
    kept: dict[int, int] = {}
    charged = 0
    for ln in record.lines:
        after = record.refunded_units.get(ln.line_no, 0) + request.get(ln.line_no, 0)
        held = ln.units - after
        share = before_coupons.get(ln.line_no, ln.net.fen)
        charged += share - _cum(share, after, ln.units)
        if held:
            kept[ln.line_no] = held
    if not kept:
        return 0
    return max(0, reprice(kept) - charged)


def apply_clawback(
    plan: RefundPlan, due: int, kept_before: Mapping[str, int], reason: str
) -> RefundPlan:
    """Keep ``due`` less what earlier refunds kept (``kept_before``, per bucket) back.

    More due than before is kept from this refund's money (cash first, then
    external methods, then stored value; never more than it pays back); less
    due gives the difference back to the buckets it was kept from.
    """
    before = sum(kept_before.values())
    change = due - before
    if change == 0:
        return plan
    buckets = dict(plan.buckets)
    moved: dict[str, int] = {}
    if change > 0:
        left = change
        for prefix in SHORTFALL_ORDER:
            for b in sorted(buckets):
                if left and (b == prefix or b.startswith(prefix + ":")):
                    take = min(buckets[b], left)
                    buckets[b] -= take
                    moved[b] = take
                    left -= take
    else:
        names = sorted(kept_before)
        back = allocate(-change, [kept_before[b] for b in names])
        for b, v in zip(names, back, strict=True):
            if v:
                buckets[b] = buckets.get(b, 0) + v
                moved[b] = -v
    kept = sum(moved.values())
    return replace(
        plan,
        buckets={b: v for b, v in buckets.items() if v},
        clawback=Money(kept),
        clawback_buckets={b: v for b, v in moved.items() if v},
        clawback_reason=reason,
    )
