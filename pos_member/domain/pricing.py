"""Pricing a sale with member benefits, every adjustment explained.

Order of application (docs/pricing.md), each step on the line amounts left by
the step before:

1. **Member price** (会员价) replaces the normal price for a member.
   A supervisor's price override replaces both.
2. **Tier discount** (e.g. gold 95%) on lines without a member price, a price
   override or the "no further discount" flag.
3. **Birthday extra discount**, when configured, on the same lines.
4. **Coupons**: percent-off coupons first, then amount-off, each on the lines
   that take further discounts (not flagged "no further discount"); the
   minimum spend is checked against those lines' amount before any coupon.
   A coupon's discount is spread over its lines in proportion.
5. **Rounding** (抹零) of the total as configured, spread over all lines.
6. **Points as cash** (积分抵现): a tender, in whole redemption units, capped
   at the configured share of the amount due; spread over all lines.
7. **Stored value and the other tenders** come after (``tenders.settle``).

Points earned: on each line that earns points, the line's amount after
step 5 (less the part paid with points unless the rule says it earns), summed
over the sale, times the tier multiplier (and the birthday multiplier), divided
by the spend per point, rounded down; spread back over the lines so that a
partial refund takes back exactly the line's share.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_FLOOR, Decimal

from pos_member.domain.cart import CartLine
from pos_member.domain.errors import (
    CouponExpired,
    CouponNotForMember,
    CouponNotStackable,
    CouponNotYetValid,
    EmptyCart,
    MemberRequired,
    MinimumSpendNotMet,
    PointsExceedDue,
    PointsNotInUnits,
    PointsTooLow,
    ValidationError,
)
from pos_member.domain.money import Money, allocate
from pos_member.domain.rules import Coupon, CouponKind, ProgrammeRules


@dataclass(frozen=True, slots=True)
class MemberSnapshot:
    """What pricing needs to know of the member at the counter."""

    member_id: str
    tier_code: str
    birthday: date | None = None
    points_available: int = 0


class AdjustmentKind(enum.StrEnum):
    PRICE_OVERRIDE = "price_override"
    MEMBER_PRICE = "member_price"
    TIER_DISCOUNT = "tier_discount"
    BIRTHDAY_DISCOUNT = "birthday_discount"
    COUPON = "coupon"
    ROUNDING = "rounding"


@dataclass(frozen=True, slots=True)
class Adjustment:
    """A change to a line's amount; negative is a saving."""

    kind: AdjustmentKind
    amount: Money
    reason: str
    ref: str = ""  # coupon code, tier code...


@dataclass(frozen=True, slots=True)
class PricedLine:
    line: CartLine
    unit_price: Money  # the price per unit (or kg) actually charged before discounts
    original: Money  # at the normal catalogue price
    adjustments: tuple[Adjustment, ...]
    net: Money  # after every adjustment (rounding included)
    points_paid: int = 0  # points redeemed against this line
    points_value: Money = Money(0)  # cash value of those points
    points_earned: int = 0

    @property
    def line_no(self) -> int:
        return self.line.line_no

    @property
    def savings(self) -> Money:
        return self.original - self.net


@dataclass(frozen=True, slots=True)
class PricedSale:
    lines: tuple[PricedLine, ...]
    member_id: str | None
    tier_code: str | None
    original_total: Money
    net_total: Money  # after discounts, coupons and rounding
    rounding: Money  # the rounding adjustment (<= 0)
    points_redeemed: int
    points_value: Money
    amount_due: Money  # net_total less points: what the tenders pay
    points_earned: int
    coupons: tuple[str, ...]
    birthday: bool

    @property
    def savings(self) -> Money:
        return self.original_total - self.net_total

    def line(self, line_no: int) -> PricedLine:
        for pl in self.lines:
            if pl.line_no == line_no:
                return pl
        raise KeyError(line_no)


@dataclass
class _Work:
    line: CartLine
    unit_price: Money
    original: Money
    current: Money
    adjustments: list[Adjustment]
    discountable: bool  # takes tier discount, birthday discount and coupons
    coupon_eligible: bool

    def adjust(self, kind: AdjustmentKind, amount: Money, reason: str, ref: str = "") -> None:
        if amount.fen == 0:
            return
        self.adjustments.append(Adjustment(kind, amount, reason, ref))
        self.current = self.current + amount


def _rate_text(rate: Decimal) -> str:
    """0.95 -> '95折' style text a Chinese cashier reads, with the percentage."""
    pct = (rate * 100).normalize()
    return f"{pct:f}%"


def price_sale(
    lines: list[CartLine] | tuple[CartLine, ...],
    member: MemberSnapshot | None,
    rules: ProgrammeRules,
    coupons: list[Coupon] | tuple[Coupon, ...] = (),
    points_to_redeem: int = 0,
    today: date | None = None,
) -> PricedSale:
    """Price a cart. Raises a ``UserFacingError`` for anything a cashier must fix."""
    if not lines:
        raise EmptyCart()
    if today is None:
        raise ValueError("pricing needs today's date passed in")
    numbers = [ln.line_no for ln in lines]
    if len(set(numbers)) != len(numbers):
        raise ValueError("line numbers must be unique")
    for ln in lines:
        ln.validate()
    tier = rules.tier(member.tier_code) if member else None
    birthday = bool(member and rules.birthday.applies(member.birthday, today))

    work: list[_Work] = []
    for ln in lines:
        p = ln.product
        original = ln.amount_at(p.price)
        w = _Work(ln, p.price, original, original, [], True, not p.no_further_discount)
        if ln.price_override is not None:
            w.unit_price = ln.price_override
            w.adjust(
                AdjustmentKind.PRICE_OVERRIDE,
                ln.amount_at(ln.price_override) - original,
                ln.override_reason or "price override",
            )
            w.discountable = False
        elif member is not None and p.member_price is not None:
            w.unit_price = p.member_price
            w.adjust(
                AdjustmentKind.MEMBER_PRICE,
                ln.amount_at(p.member_price) - original,
                "member price",
            )
            w.discountable = False
        if p.no_further_discount:
            w.discountable = False
        work.append(w)

    # 2. tier discount; 3. birthday extra discount
    if tier is not None and tier.discount_rate < 1:
        for w in work:
            if w.discountable:
                new = w.current.scale(tier.discount_rate)
                w.adjust(
                    AdjustmentKind.TIER_DISCOUNT,
                    new - w.current,
                    f"{tier.name} {_rate_text(tier.discount_rate)}",
                    tier.code,
                )
    if birthday and rules.birthday.extra_discount_rate < 1:
        for w in work:
            if w.discountable:
                new = w.current.scale(rules.birthday.extra_discount_rate)
                w.adjust(
                    AdjustmentKind.BIRTHDAY_DISCOUNT,
                    new - w.current,
                    f"birthday {_rate_text(rules.birthday.extra_discount_rate)}",
                )

    # 4. coupons
    _apply_coupons(work, list(coupons), member, today)

    # 5. rounding
    net_before = Money(sum(w.current.fen for w in work))
    rounded = rules.rounding.apply(net_before)
    rounding = rounded - net_before
    if rounding.fen:
        parts = allocate(rounding.fen, [max(w.current.fen, 0) for w in work])
        for w, part in zip(work, parts, strict=True):
            w.adjust(AdjustmentKind.ROUNDING, Money(part), f"rounding ({rules.rounding.value})")
    net_total = rounded

    # 6. points as cash
    points_value = Money(0)
    points_parts = [0] * len(work)
    value_parts = [0] * len(work)
    if points_to_redeem:
        if points_to_redeem < 0:
            raise ValidationError(field="points", problem="must not be negative")
        if member is None:
            raise MemberRequired(what="Paying with points")
        unit = rules.redeem.points_per_unit
        if points_to_redeem % unit:
            raise PointsNotInUnits(unit=unit)
        if points_to_redeem > member.points_available:
            raise PointsTooLow(available=member.points_available, requested=points_to_redeem)
        points_value = rules.redeem.value_of(points_to_redeem)
        limit = Money(
            int((Decimal(net_total.fen) * rules.redeem.max_share).to_integral_value(ROUND_FLOOR))
        )
        if points_value > limit:
            raise PointsExceedDue(points=points_to_redeem, value=points_value, limit=limit)
        weights = [w.current.fen for w in work]
        value_parts = allocate(points_value.fen, weights)
        points_parts = allocate(points_to_redeem, weights)

    # points earned
    earned_total = 0
    earn_parts = [0] * len(work)
    if member is not None and tier is not None:
        bases = []
        for w, value in zip(work, value_parts, strict=True):
            if not w.line.product.earns_points:
                bases.append(0)
                continue
            base = w.current.fen - (0 if rules.earn.points_paid_earns else value)
            bases.append(max(base, 0))
        multiplier = tier.points_multiplier
        if birthday:
            multiplier *= rules.birthday.points_multiplier
        earned_total = int(
            (Decimal(sum(bases)) * multiplier / rules.earn.spend_per_point.fen).to_integral_value(
                ROUND_FLOOR
            )
        )
        earn_parts = allocate(earned_total, bases)

    priced = tuple(
        PricedLine(
            line=w.line,
            unit_price=w.unit_price,
            original=w.original,
            adjustments=tuple(w.adjustments),
            net=w.current,
            points_paid=pp,
            points_value=Money(vp),
            points_earned=ep,
        )
        for w, pp, vp, ep in zip(work, points_parts, value_parts, earn_parts, strict=True)
    )
    return PricedSale(
        lines=priced,
        member_id=member.member_id if member else None,
        tier_code=tier.code if tier else None,
        original_total=Money(sum(w.original.fen for w in work)),
        net_total=net_total,
        rounding=rounding,
        points_redeemed=points_to_redeem,
        points_value=points_value,
        amount_due=net_total - points_value,
        points_earned=earned_total,
        coupons=tuple(c.code for c in coupons),
        birthday=birthday,
    )


def _apply_coupons(
    work: list[_Work], coupons: list[Coupon], member: MemberSnapshot | None, today: date
) -> None:
    if not coupons:
        return
    codes = [c.code for c in coupons]
    if len(set(codes)) != len(codes):
        raise ValidationError(field="coupons", problem="the same coupon twice")
    if len(coupons) > 1:
        for c in coupons:
            if not c.stackable:
                raise CouponNotStackable(code=c.code)
    eligible = [w for w in work if w.coupon_eligible]
    eligible_amount = Money(sum(w.current.fen for w in eligible))
    for c in coupons:
        if today < c.valid_from:
            raise CouponNotYetValid(code=c.code, since=c.valid_from.isoformat())
        if today > c.valid_until:
            raise CouponExpired(code=c.code, until=c.valid_until.isoformat())
        if c.member_id is not None and (member is None or member.member_id != c.member_id):
            raise CouponNotForMember(code=c.code)
        if eligible_amount < c.minimum_spend or not eligible:
            raise MinimumSpendNotMet(code=c.code, minimum=c.minimum_spend, eligible=eligible_amount)
    ordered = sorted(coupons, key=lambda c: 0 if c.kind is CouponKind.PERCENT_OFF else 1)
    for c in ordered:
        current = Money(sum(w.current.fen for w in eligible))
        if c.kind is CouponKind.PERCENT_OFF:
            discount = current - current.scale(c.rate)
            reason = f"coupon {c.name or c.code} {_rate_text(c.rate)}"
        else:
            discount = min(c.value, current)
            reason = f"coupon {c.name or c.code} -{c.value}"
        parts = allocate(discount.fen, [w.current.fen for w in eligible])
        for w, part in zip(eligible, parts, strict=True):
            w.adjust(AdjustmentKind.COUPON, Money(-part), reason, c.code)
