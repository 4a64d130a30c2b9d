"""Pricing a sale with member benefits and promotions, every adjustment explained.

Order of application (docs/pricing.md), each step on the line amounts left by
the step before, each a named function below:

1. **Member price** (会员价) replaces the normal price for a member.
   A supervisor's price override replaces both (``_start``).
2. **Item promotions**: 限时特价, quantity breaks, 第N件X折, 买赠, on lines
   without a member price, an override or the "no further discount" flag
   (``_item_promotions``).
3. **Tier discount** (e.g. gold 95%) on the same lines (``_rate_discount``).
4. **Birthday extra discount**, when configured, on the same lines.
5. **Order promotions**: 全场折 / 会员日, 满折, 满减, 每满减, 加价购, on the lines
   a coupon could take (``_order_promotions``). Among promotions of one
   exclusive group, the one best for the customer (``_choose_promotions``).
5a. **Whole-sale discount** (整单折扣, a supervisor's, with a reason): a rate or an
   amount off, on the lines a coupon could take, spread over them (``_sale_discount``).
6. **Coupons**: percent-off coupons first, then amount-off, each on the lines
   that take further discounts (not flagged "no further discount"); the
   minimum spend is checked against those lines' amount before any coupon.
   A coupon's discount is spread over its lines in proportion.
7. **Rounding** (抹零) of the total as configured, spread over all lines.
8. **Points as cash** (积分抵现): a tender, in whole redemption units, capped
   at the configured share of the amount due; spread over all lines.
9. **Stored value and the other tenders** come after (``tenders.settle``).

Points earned: on each line that earns points, the line's amount after
step 7 (less the part paid with points unless the rule says it earns), summed
over the sale, times the tier multiplier (and the birthday multiplier), divided
by the spend per point, rounded down; spread back over the lines so that a
partial refund takes back exactly the line's share.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_FLOOR, Decimal

from pos_member.domain.cart import CartLine
from pos_member.domain.errors import (
    CouponExpired,
    CouponNotForMember,
    CouponNotStackable,
    CouponNotYetValid,
    EmptyCart,
    GiftNotOffered,
    GiftPointsShort,
    InvalidAmount,
    MemberRequired,
    MinimumSpendNotMet,
    PointsExceedDue,
    PointsNotInUnits,
    PointsTooLow,
    SaleDiscountBeyondRole,
    SaleDiscountTooLarge,
    ValidationError,
)
from pos_member.domain.money import Money, Rounding, allocate
from pos_member.domain.promotion_engine import Basket, Bound, Compiled, compiled
from pos_member.domain.promotions import PromotionHint
from pos_member.domain.rules import ONE, Coupon, CouponKind, EarnRule, ProgrammeRules, Tier


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
    PROMOTION = "promotion"
    SALE_DISCOUNT = "sale_discount"
    COUPON = "coupon"
    ROUNDING = "rounding"
    GIFT = "gift_redemption"  # 积分兑换: the line at the gift's cash part


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
    promotions: tuple[str, ...] = ()  # codes of the promotions that changed a line
    # Spend promotions not (or not fully) reached, nearest first: "再买¥12.50 享满100减20".
    hints: tuple[PromotionHint, ...] = ()
    #: Of ``points_redeemed``, the points the gift lines take (积分兑换); worth no cash.
    gift_points: int = 0

    @property
    def nearest_hint(self) -> PromotionHint | None:
        return self.hints[0] if self.hints else None

    @property
    def savings(self) -> Money:
        return self.original_total - self.net_total

    def line(self, line_no: int) -> PricedLine:
        for pl in self.lines:
            if pl.line_no == line_no:
                return pl
        raise KeyError(line_no)


@dataclass(frozen=True, slots=True)
class SaleDiscount:
    """整单折扣: the whole sale at ``rate`` (0.95: 9.5折) or ``amount`` off, for ``reason``.

    Exactly one of ``rate`` and ``amount``. ``max_cut_percent`` is what its approver
    (``role``, a phrase) may take off the lines it applies to, as they stand.
    """

    reason: str
    rate: Decimal | None = None
    amount: Money | None = None
    max_cut_percent: int = 100
    role: str = "manager"

    def label(self) -> str:
        """'95%' or '-¥5.00': the discount as the adjustments say it (then '：reason')."""
        return _rate_text(self.rate) if self.rate is not None else f"-{self.amount}"


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
    """0.95 -> '95%': the share of the price paid, as the cashier reads it."""
    pct = (rate * 100).normalize()
    return f"{pct:f}%"


def price_sale(
    lines: list[CartLine] | tuple[CartLine, ...],
    member: MemberSnapshot | None,
    rules: ProgrammeRules,
    coupons: list[Coupon] | tuple[Coupon, ...] = (),
    points_to_redeem: int = 0,
    today: date | None = None,
    at: datetime | None = None,
    store_id: str = "",
    sale_discount: SaleDiscount | None = None,
) -> PricedSale:
    """Price a cart. Raises a ``UserFacingError`` for anything a cashier must fix.

    ``today`` is the business date; ``at`` (aware) the moment of the sale, which
    promotions limited to some hours need (without it they do not apply);
    ``store_id`` the store, for promotions limited to some stores;
    ``sale_discount`` a supervisor's 整单折扣 (step 5a).
    """
    today = _check_cart(lines, today)
    tier, birthday = _member_benefits(member, rules, today)
    offers = _offers(rules, tier, at if at is not None else today, store_id)
    work = _start(lines, member)  # step 1
    basket = _basket(work, offers, tier, rules, birthday)
    chosen = basket.choose()
    hints = _discounts(work, basket, chosen)  # steps 2-5
    _sale_discount(work, sale_discount)  # step 5a
    _apply_coupons(work, list(coupons), member, today)  # step 6
    net_total, rounding = _round(work, rules.rounding)  # step 7
    gift_points = _check_gifts(work, member, rules)
    points_value, points_parts, value_parts = _redeem_points(
        work, member, rules, points_to_redeem, net_total, gift_points
    )  # step 8
    points_parts = [pp + w.line.gift_points for pp, w in zip(points_parts, work, strict=True)]
    earned_total, earn_parts = _earn_points(work, member, tier, rules, birthday, value_parts)
    return PricedSale(
        lines=_priced_lines(work, points_parts, value_parts, earn_parts),
        member_id=member.member_id if member else None,
        tier_code=tier.code if tier else None,
        original_total=Money(sum(w.original.fen for w in work)),
        net_total=net_total,
        rounding=rounding,
        points_redeemed=points_to_redeem + gift_points,
        points_value=points_value,
        amount_due=net_total - points_value,
        points_earned=earned_total,
        coupons=tuple(c.code for c in coupons),
        birthday=birthday,
        promotions=_applied_promotions(work, chosen),
        hints=tuple(sorted(hints, key=lambda h: (h.missing, h.code))),
        gift_points=gift_points,
    )


def _check_gifts(work: list[_Work], member: MemberSnapshot | None, rules: ProgrammeRules) -> int:
    """The points the gift lines take: each line's rate is one of its gift's, for a member
    who holds the points (``GiftPointsShort`` says how many are missing)."""
    gifts = [w.line for w in work if w.line.gift is not None]
    if not gifts:
        return 0
    if member is None:
        raise MemberRequired(what="Taking a gift for points")
    for ln in gifts:
        gift = rules.gift(ln.product.sku)
        if gift is None or ln.gift not in gift.rates:
            raise GiftNotOffered(product=ln.product.name)
    points = sum(ln.gift_points for ln in gifts)
    if points > member.points_available:
        raise GiftPointsShort(missing=points - member.points_available)
    return points


def _check_cart(lines: Sequence[CartLine], today: date | None) -> date:
    """Whether there is anything to price, and a business date to price it on (returned):
    an empty cart is the cashier's to fix (``EmptyCart``); a missing date is a
    programming error."""
    if not lines:
        raise EmptyCart()
    if today is None:
        raise ValueError("pricing needs today's date passed in")
    _check_lines(lines)
    return today


def _member_benefits(
    member: MemberSnapshot | None, rules: ProgrammeRules, today: date
) -> tuple[Tier | None, bool]:
    """The member's tier (none for a walk-in customer) and whether today falls in the
    member's birthday window, which decides the birthday discount and points."""
    tier = rules.tier(member.tier_code) if member else None
    birthday = bool(member and rules.birthday.applies(member.birthday, today))
    return tier, birthday


def _offers(
    rules: ProgrammeRules, tier: Tier | None, at: datetime | date, store_id: str
) -> list[Compiled]:
    """The programme's promotions this sale may take, in the order they apply: for its
    audience (the tier, or none), in their hours and days at ``at``, and in this store."""
    return compiled(rules.promotions).in_force(tier.code if tier else None, at, store_id)


def _basket(
    work: list[_Work],
    offers: list[Compiled],
    tier: Tier | None,
    rules: ProgrammeRules,
    birthday: bool,
) -> Basket:
    """The cart after step 1 as the promotion engine reads it, with the tier and birthday
    rates of steps 3 and 4."""
    bday = rules.birthday.extra_discount_rate if birthday else ONE
    return Basket(
        [w.line for w in work],
        [w.current.fen for w in work],
        [w.unit_price.fen for w in work],
        [w.discountable for w in work],
        [w.coupon_eligible for w in work],
        offers,
        tier.discount_rate if tier else ONE,
        (f"{tier.name} {_rate_text(tier.discount_rate)}", tier.code) if tier else ("", ""),
        bday,
        f"birthday {_rate_text(bday)}",
    )


def _priced_lines(
    work: list[_Work], points_parts: list[int], value_parts: list[int], earn_parts: list[int]
) -> tuple[PricedLine, ...]:
    """Each line as priced: its adjustments and net amount, its share of the points paid
    (and their value) and of the points earned."""
    return tuple(
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


def _applied_promotions(work: list[_Work], chosen: Sequence[Bound]) -> tuple[str, ...]:
    """The codes of the chosen promotions that changed a line, in the order applied (a
    promotion chosen but finding nothing to change is not named on the receipt)."""
    applied = {a.ref for w in work for a in w.adjustments if a.kind is AdjustmentKind.PROMOTION}
    return tuple(b.c.p.code for b in chosen if b.c.p.code in applied)


def _check_lines(lines: Sequence[CartLine]) -> None:
    """Line numbers are unique and every line is well formed (``CartLine.validate``)."""
    numbers = [ln.line_no for ln in lines]
    if len(set(numbers)) != len(numbers):
        raise ValueError("line numbers must be unique")
    for ln in lines:
        ln.validate()


def _start(lines: Sequence[CartLine], member: MemberSnapshot | None) -> list[_Work]:
    """Step 1: each line at its catalogue price, a supervisor's override or the member price."""
    work: list[_Work] = []
    for ln in lines:
        p = ln.product
        original = ln.amount_at(p.price)
        w = _Work(ln, p.price, original, original, [], True, not p.no_further_discount)
        if ln.gift is not None:
            # A gift is taken at its rate: no promotion, discount or coupon on top.
            w.unit_price = ln.gift.cash
            # Kept even when it changes nothing (a gift priced at 0): it marks the line a gift.
            cut = ln.amount_at(ln.gift.cash) - original
            w.adjustments.append(
                Adjustment(AdjustmentKind.GIFT, cut, f"积分兑换 -{ln.gift_points}分")
            )
            w.current = w.current + cut
            w.discountable = w.coupon_eligible = False
        elif ln.price_override is not None:
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
    return work


_KIND = {k.value: k for k in AdjustmentKind}


def _discounts(work: list[_Work], basket: Basket, chosen: list[Bound]) -> list[PromotionHint]:
    """Steps 2-5: item promotions, the tier discount, the birthday discount, order
    promotions, run by the engine on integer fen; their adjustments go onto the lines.
    Returns the hints: what each spend promotion still misses, as its turn finds the cart."""
    amounts, rec = basket.run(chosen)
    for w, new, adjs, unit, disc in zip(
        work, amounts, rec.adjustments, rec.unit_price, rec.discountable, strict=True
    ):
        if adjs:
            w.adjustments.extend(
                Adjustment(_KIND[kind], Money(fen), reason, ref) for kind, fen, reason, ref in adjs
            )
            w.current = Money(new)
        if unit != w.unit_price.fen:
            w.unit_price = Money(unit)
        w.discountable = disc
    return rec.hints


def _sale_discount(work: list[_Work], d: SaleDiscount | None) -> None:
    """Step 5a: 整单折扣 on the lines a coupon could take, as they stand, spread over them
    to the fen (largest remainder), each part with the reason. Refused: a rate not
    below 100% or an amount not above zero, more than those lines' amount, or a cut
    beyond the approver's limit (nothing is changed)."""
    if d is None:
        return
    if (d.rate is None) == (d.amount is None):
        raise ValueError("a whole-sale discount is a rate or an amount")
    lines = [w for w in work if w.coupon_eligible]
    current = Money(sum(w.current.fen for w in lines))
    if d.rate is not None:
        if not (0 <= d.rate < 1):
            raise InvalidAmount(what="Whole-sale discount", value=d.label())
        discount = current - current.scale(d.rate)
    else:
        assert d.amount is not None
        if d.amount.fen <= 0:
            raise InvalidAmount(what="Whole-sale discount", value=str(d.amount))
        if d.amount > current:
            raise SaleDiscountTooLarge(discount=d.amount, eligible=current)
        discount = d.amount
    most = Money(current.fen * d.max_cut_percent // 100)
    if discount > most:
        raise SaleDiscountBeyondRole(role=d.role, percent=d.max_cut_percent, most=most,
                                     discount=discount)  # fmt: skip
    reason = f"{d.label()}：{d.reason}"
    parts = allocate(discount.fen, [w.current.fen for w in lines])
    for w, part in zip(lines, parts, strict=True):
        w.adjust(AdjustmentKind.SALE_DISCOUNT, Money(-part), reason)


def _round(work: list[_Work], rounding: Rounding) -> tuple[Money, Money]:
    """Step 7: the configured rounding of the total, spread over the lines."""
    net_before = Money(sum(w.current.fen for w in work))
    rounded = rounding.apply(net_before)
    diff = rounded - net_before
    if diff.fen:
        parts = allocate(diff.fen, [max(w.current.fen, 0) for w in work])
        for w, part in zip(work, parts, strict=True):
            w.adjust(AdjustmentKind.ROUNDING, Money(part), f"rounding ({rounding.value})")
    return rounded, diff


def _redeem_points(
    work: list[_Work],
    member: MemberSnapshot | None,
    rules: ProgrammeRules,
    points: int,
    net_total: Money,
    gift_points: int = 0,
) -> tuple[Money, list[int], list[int]]:
    """Step 8: points as cash, checked, and spread over the lines that are not gifts
    (points, value); the gifts' points are held back from what is available."""
    if not points:
        return Money(0), [0] * len(work), [0] * len(work)
    if points < 0:
        raise ValidationError(field="points", problem="must not be negative")
    if member is None:
        raise MemberRequired(what="Paying with points")
    unit = rules.redeem.points_per_unit
    if points % unit:
        raise PointsNotInUnits(unit=unit)
    if points > member.points_available - gift_points:
        raise PointsTooLow(available=member.points_available - gift_points, requested=points)
    value = rules.redeem.value_of(points)
    limit = Money(
        int((Decimal(net_total.fen) * rules.redeem.max_share).to_integral_value(ROUND_FLOOR))
    )
    if value > limit:
        raise PointsExceedDue(points=points, value=value, limit=limit)
    weights = [0 if w.line.gift is not None else w.current.fen for w in work]
    return value, allocate(points, weights), allocate(value.fen, weights)


def _earn_points(
    work: list[_Work],
    member: MemberSnapshot | None,
    tier: Tier | None,
    rules: ProgrammeRules,
    birthday: bool,
    value_parts: list[int],
) -> tuple[int, list[int]]:
    """Points earned on the lines that earn, rounded down, spread back over them.

    Spend-based points: Σ line base × its product's (or category's) multiplier,
    × tier and birthday multipliers ÷ spend per point, rounded down once for the
    sale; lines with fixed points per unit earn those instead. Nothing below
    the minimum spend, nor (if the rules say so) on a sale that pays with points.
    """
    earn = rules.earn
    nothing = 0, [0] * len(work)
    if member is None or tier is None or (earn.redeeming_earns_none and any(value_parts)):
        return nothing
    spend, weighted, fixed = _earning_bases(work, earn, value_parts)
    if spend < earn.minimum_spend.fen:
        return nothing
    multiplier = tier.points_multiplier
    if birthday:
        multiplier *= rules.birthday.points_multiplier
    by_spend = int(
        (sum(weighted) * multiplier / earn.spend_per_point.fen).to_integral_value(ROUND_FLOOR)
    )
    # Spread over the lines by their weighted bases (to the hundredth of a fen: integers).
    parts = allocate(by_spend, [int(x * 100) for x in weighted])
    shares = [a + b for a, b in zip(parts, fixed, strict=True)]
    return sum(shares), shares


def _earning_bases(
    work: list[_Work], earn: EarnRule, value_parts: list[int]
) -> tuple[int, list[Decimal], list[int]]:
    """What each line earns on: the spend counted for the minimum (amount less the part
    paid with points unless that earns, nothing on a product that earns none), each
    spend-based line's base × its product's multiplier, and the fixed points of the
    lines that earn per unit (weighed lines always earn by spend)."""
    weighted: list[Decimal] = []  # spend-based lines: base × product multiplier
    fixed: list[int] = []
    spend = 0
    for w, value in zip(work, value_parts, strict=True):
        p = w.line.product
        base = max(w.current.fen - (0 if earn.points_paid_earns else value), 0)
        if not p.earns_points or w.line.gift is not None:
            base = 0
        spend += base
        per_unit = earn.fixed_for(p.sku) if p.earns_points and w.line.gift is None else None
        if per_unit is not None and not p.sold_by_weight:
            fixed.append(per_unit * w.line.quantity)
            weighted.append(Decimal(0))
        else:
            fixed.append(0)
            weighted.append(base * earn.multiplier_for(p.sku, p.category))
    return spend, weighted, fixed


def _apply_coupons(
    work: list[_Work], coupons: list[Coupon], member: MemberSnapshot | None, today: date
) -> None:
    """Step 6: coupons, checked, percent-off first, each spread over its lines (the lines
    that take coupons, and of them those the coupon is limited to); a percent-off
    coupon takes at most its cap."""
    if not coupons:
        return
    eligible = [w for w in work if w.coupon_eligible]
    _check_coupons(coupons, member, today, eligible)
    ordered = sorted(coupons, key=lambda c: 0 if c.kind is CouponKind.PERCENT_OFF else 1)
    for c in ordered:
        lines = _coupon_lines(c, eligible)
        current = Money(sum(w.current.fen for w in lines))
        if c.kind is CouponKind.PERCENT_OFF:
            discount = current - current.scale(c.rate)
            if c.cap.fen and discount > c.cap:
                discount = c.cap
            reason = f"coupon {c.name or c.code} {_rate_text(c.rate)}"
        else:
            discount = min(c.value, current)
            reason = f"coupon {c.name or c.code} -{c.value}"
        parts = allocate(discount.fen, [w.current.fen for w in lines])
        for w, part in zip(lines, parts, strict=True):
            w.adjust(AdjustmentKind.COUPON, Money(-part), reason, c.code)


def _coupon_lines(c: Coupon, eligible: list[_Work]) -> list[_Work]:
    if not c.limited:
        return eligible
    return [
        w
        for w in eligible
        if c.covers(w.line.product.sku, w.line.product.category, w.line.product.brand)
    ]


def _check_coupons(
    coupons: list[Coupon], member: MemberSnapshot | None, today: date, eligible: list[_Work]
) -> None:
    """Whether the coupons may be used together, then each on its own (in the order given:
    the first refused is the one the cashier is told about)."""
    _check_coupon_set(coupons)
    for c in coupons:
        lines = _coupon_lines(c, eligible)
        amount = Money(sum(w.current.fen for w in lines))
        _check_coupon(c, member, today, amount, bool(lines))


def _check_coupon_set(coupons: list[Coupon]) -> None:
    """No coupon twice, and several only if every one of them is stackable."""
    codes = [c.code for c in coupons]
    if len(set(codes)) != len(codes):
        raise ValidationError(field="coupons", problem="the same coupon twice")
    if len(coupons) > 1:
        for c in coupons:
            if not c.stackable:
                raise CouponNotStackable(code=c.code)


def _check_coupon(
    c: Coupon,
    member: MemberSnapshot | None,
    today: date,
    eligible_amount: Money,
    any_eligible: bool,
) -> None:
    """One coupon: valid today, this member's if it names one, and its minimum spend met
    by the lines that take coupons (there must be at least one)."""
    if today < c.valid_from:
        raise CouponNotYetValid(code=c.code, since=c.valid_from.isoformat())
    if today > c.valid_until:
        raise CouponExpired(code=c.code, until=c.valid_until.isoformat())
    if c.member_id is not None and (member is None or member.member_id != c.member_id):
        raise CouponNotForMember(code=c.code)
    if eligible_amount < c.minimum_spend or not any_eligible:
        raise MinimumSpendNotMet(code=c.code, minimum=c.minimum_spend, eligible=eligible_amount)
