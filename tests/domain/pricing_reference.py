"""The pricing algorithm as it stood before the fast engine (commit 646e0d4), frozen.

``tests/domain/test_pricing_differential.py`` prices thousands of random carts
and promotion sets with both and requires the same ``PricedSale``. Only the
promotion data model is shared with the live code (``Promotion``, ``Scope``...);
what each kind takes off, the stages and the exclusive-group search are this
file's own copies, so a change to the live arithmetic cannot hide here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
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
from pos_member.domain.money import Money, Rounding, allocate
from pos_member.domain.pricing import (
    Adjustment,
    AdjustmentKind,
    MemberSnapshot,
    PricedLine,
    PricedSale,
)
from pos_member.domain.promotions import (
    ITEM_KINDS,
    ORDER_KINDS,
    Promotion,
    PromotionHint,
    PromotionKind,
    _yuan,
    _zhe,
    describe,
)
from pos_member.domain.rules import ONE, Coupon, CouponKind, EarnRule, ProgrammeRules, Tier

# --- what each kind takes off ------------------------------------------------


@dataclass(frozen=True, slots=True)
class Slot:
    """A line as a promotion sees it: ``units`` is None for weighed goods."""

    index: int
    sku: str
    category: str
    units: int | None
    amount: int  # fen, after the steps before


Offs = dict[int, int]  # slot index -> fen taken off (positive here; pricing negates)


def _unit_values(slots: Sequence[Slot]) -> list[tuple[int, int]]:
    """Each counted unit as (value in fen, slot index); a line's units add up to its amount
    (the odd fen go to its first units, as ``money.allocate`` would give them)."""
    out: list[tuple[int, int]] = []
    for s in slots:
        if s.units:
            each, odd = divmod(s.amount, s.units)
            out.extend((each + 1, s.index) for _ in range(odd))
            out.extend((each, s.index) for _ in range(s.units - odd))
    return out


def _spread(total: int, slots: Sequence[Slot]) -> Offs:
    parts = allocate(total, [s.amount for s in slots])
    return {s.index: p for s, p in zip(slots, parts, strict=True) if p}


def _by_sku(slots: Sequence[Slot]) -> dict[str, list[Slot]]:
    groups: dict[str, list[Slot]] = {}
    for s in slots:
        if s.units:
            groups.setdefault(s.sku, []).append(s)
    return groups


def _spend_off(p: Promotion, slots: Sequence[Slot]) -> Offs:
    amount = sum(s.amount for s in slots)
    reached = [s for s in p.steps if amount >= s.threshold]
    return _spread(min(reached[-1].off.fen, amount), slots) if reached else {}


def _spend_percent(p: Promotion, slots: Sequence[Slot]) -> Offs:
    amount = sum(s.amount for s in slots)
    reached = [s for s in p.steps if amount >= s.threshold]
    if not reached:
        return {}
    return _spread(amount - Money(amount).scale(reached[-1].rate).fen, slots)


def _every_off(p: Promotion, slots: Sequence[Slot]) -> Offs:
    amount = sum(s.amount for s in slots)
    off = amount // p.every.fen * p.off.fen
    if p.cap:
        off = min(off, p.cap.fen)
    return _spread(min(off, amount), slots)


def _percent_off(p: Promotion, slots: Sequence[Slot]) -> Offs:
    return {
        s.index: s.amount - Money(s.amount).scale(p.rate).fen
        for s in slots
        if s.amount - Money(s.amount).scale(p.rate).fen
    }


def _nth_item(p: Promotion, slots: Sequence[Slot]) -> Offs:
    """Of each SKU's units, every nth (the cheapest of the group when prices differ)."""
    out: Offs = {}
    for group in _by_sku(slots).values():
        units = sorted(_unit_values(group))
        k = len(units) // p.nth
        for value, index in units[:k]:
            off = value - Money(value).scale(p.rate).fen
            if off:
                out[index] = out.get(index, 0) + off
    return out


def _quantity_break(p: Promotion, slots: Sequence[Slot]) -> Offs:
    out: Offs = {}
    for group in _by_sku(slots).values():
        units = sum(s.units or 0 for s in group)
        reached = [s for s in p.steps if units >= s.threshold]
        if reached:
            for s in group:
                off = s.amount - Money(s.amount).scale(reached[-1].rate).fen
                if off:
                    out[s.index] = off
    return out


def _buy_get(p: Promotion, slots: Sequence[Slot], gifts: Sequence[Slot]) -> Offs:
    """Buy ``buy`` get ``get`` free: the cheapest units free, or units of the gift SKU."""
    out: Offs = {}
    if p.gift_sku:
        bought = sum(s.units or 0 for s in slots if s.sku != p.gift_sku)
        free = bought // p.buy * p.get
        candidates = sorted(_unit_values([g for g in gifts if g.sku == p.gift_sku]))
    else:
        units = _unit_values(slots)
        free = len(units) // (p.buy + p.get) * p.get
        candidates = sorted(units)
    for value, index in candidates[:free]:
        if value:
            out[index] = out.get(index, 0) + value
    return out


def _add_on(p: Promotion, slots: Sequence[Slot], gifts: Sequence[Slot]) -> Offs:
    spend = sum(s.amount for s in slots if s.sku != p.gift_sku)
    if spend < p.threshold.fen:
        return {}
    out: Offs = {}
    units = sorted(_unit_values([g for g in gifts if g.sku == p.gift_sku]), reverse=True)
    for value, index in units[: p.add_on_units]:
        off = value - min(value, p.add_on_price.fen)
        if off:
            out[index] = out.get(index, 0) + off
    return out


_PLAIN: dict[PromotionKind, Callable[[Promotion, Sequence[Slot]], Offs]] = {
    PromotionKind.SPEND_OFF: _spend_off,
    PromotionKind.SPEND_PERCENT: _spend_percent,
    PromotionKind.EVERY_OFF: _every_off,
    PromotionKind.PERCENT_OFF: _percent_off,
    PromotionKind.NTH_ITEM: _nth_item,
    PromotionKind.QUANTITY_BREAK: _quantity_break,
}


def discounts(p: Promotion, slots: Sequence[Slot], everything: Sequence[Slot]) -> tuple[Offs, str]:
    """What ``p`` takes off the lines in its scope (``slots``), in fen per slot index,
    and the reason to print on them (a tiered 满减 names the rung reached: 满200减50).

    ``everything`` is every line of the kind's stage, for a gift SKU outside the
    scope. Never more than a line's amount.
    """
    if p.kind is PromotionKind.SPECIAL_PRICE:
        raise ValueError("special prices replace the unit price: see special_price_of")
    if p.kind is PromotionKind.BUY_GET:
        offs = _buy_get(p, slots, everything)
    elif p.kind is PromotionKind.ADD_ON:
        offs = _add_on(p, slots, everything)
    else:
        offs = _PLAIN[p.kind](p, slots)
    if not offs:
        return offs, ""
    amounts = {s.index: s.amount for s in everything}
    return {i: min(v, amounts[i]) for i, v in offs.items() if v > 0}, _reason(p, slots)


def _reason(p: Promotion, slots: Sequence[Slot]) -> str:
    if p.name or p.kind not in (PromotionKind.SPEND_OFF, PromotionKind.SPEND_PERCENT):
        return p.label
    amount = sum(s.amount for s in slots)
    reached = [s for s in p.steps if amount >= s.threshold]
    if not reached:
        return p.label
    top = reached[-1]
    if p.kind is PromotionKind.SPEND_OFF:
        return f"满{_yuan(Money(top.threshold))}减{_yuan(top.off)}"
    return f"满{_yuan(Money(top.threshold))}享{_zhe(top.rate)}"


def spend_hint(p: Promotion, amount: int) -> PromotionHint | None:
    """What the lines in scope (``amount`` fen, at the promotion's turn) miss of its next rung."""
    if p.kind in (PromotionKind.SPEND_OFF, PromotionKind.SPEND_PERCENT):
        nxt = next((s for s in p.steps if s.threshold > amount), None)
        if nxt is None:
            return None
        rung = Promotion(p.code, p.kind, steps=(nxt,))
        return PromotionHint(p.code, Money(nxt.threshold - amount), describe(rung))
    if p.kind is PromotionKind.EVERY_OFF:
        if p.cap and amount // p.every.fen * p.off.fen >= p.cap.fen:
            return None
        return PromotionHint(p.code, Money(p.every.fen - amount % p.every.fen), describe(p))
    if p.kind is PromotionKind.ADD_ON and amount < p.threshold.fen:
        return PromotionHint(p.code, Money(p.threshold.fen - amount), describe(p))
    return None


def special_price_of(p: Promotion, sku: str) -> Money | None:
    for s, price in p.prices:
        if s == sku:
            return price
    return None


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

    def copy(self) -> _Work:
        return replace(self, adjustments=list(self.adjustments))


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
) -> PricedSale:
    """Price a cart. Raises a ``UserFacingError`` for anything a cashier must fix.

    ``today`` is the business date; ``at`` (aware) the moment of the sale, which
    promotions limited to some hours need (without it they do not apply);
    ``store_id`` the store, for promotions limited to some stores.
    """
    today = _check_cart(lines, today)
    tier, birthday = _member_benefits(member, rules, today)
    offers = _offers(rules, tier, at if at is not None else today, store_id)
    work = _start(lines, member)  # step 1
    chosen = _choose_promotions(work, offers, tier, rules, birthday)
    hints: list[PromotionHint] = []
    _discounts(work, chosen, tier, rules, birthday, hints)  # steps 2-5
    _apply_coupons(work, list(coupons), member, today)  # step 6
    net_total, rounding = _round(work, rules.rounding)  # step 7
    points_value, points_parts, value_parts = _redeem_points(
        work, member, rules, points_to_redeem, net_total
    )  # step 8
    earned_total, earn_parts = _earn_points(work, member, tier, rules, birthday, value_parts)
    return PricedSale(
        lines=_priced_lines(work, points_parts, value_parts, earn_parts),
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
        promotions=_applied_promotions(work, chosen),
        hints=tuple(sorted(hints, key=lambda h: (h.missing, h.code))),
    )


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
) -> tuple[Promotion, ...]:
    """The programme's promotions this sale may take: for its audience (the tier, or
    none), in their hours and days at ``at``, and in this store."""
    code = tier.code if tier else None
    return tuple(p for p in rules.promotions if p.applies_to(code, at, store_id))


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


def _applied_promotions(work: list[_Work], chosen: Sequence[Promotion]) -> tuple[str, ...]:
    """The codes of the chosen promotions that changed a line, in the order applied (a
    promotion chosen but finding nothing to change is not named on the receipt)."""
    applied = {a.ref for w in work for a in w.adjustments if a.kind is AdjustmentKind.PROMOTION}
    return tuple(p.code for p in sorted(chosen, key=_applied_order) if p.code in applied)


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
    return work


def _discounts(
    work: list[_Work],
    offers: Sequence[Promotion],
    tier: Tier | None,
    rules: ProgrammeRules,
    birthday: bool,
    hints: list[PromotionHint] | None = None,
) -> None:
    """Steps 2-5: item promotions, the tier discount, the birthday discount, order promotions."""
    _before_order(work, offers, tier, rules, birthday)
    _order_promotions(work, offers, hints)


def _before_order(
    work: list[_Work],
    offers: Sequence[Promotion],
    tier: Tier | None,
    rules: ProgrammeRules,
    birthday: bool,
) -> None:
    """Steps 2-4, which depend on the item promotions among ``offers`` only."""
    _item_promotions(work, offers)
    _rate_discount(work, AdjustmentKind.TIER_DISCOUNT, tier.discount_rate if tier else ONE,
                   f"{tier.name} {_rate_text(tier.discount_rate)}" if tier else "",
                   tier.code if tier else "")  # fmt: skip
    rate = rules.birthday.extra_discount_rate if birthday else ONE
    _rate_discount(work, AdjustmentKind.BIRTHDAY_DISCOUNT, rate, f"birthday {_rate_text(rate)}")


def _rate_discount(
    work: list[_Work], kind: AdjustmentKind, rate: Decimal, reason: str, ref: str = ""
) -> None:
    """A rate on every line that takes further discounts, rounded half-up per line."""
    if rate >= 1:
        return
    for w in work:
        if w.discountable:
            w.adjust(kind, w.current.scale(rate) - w.current, reason, ref)


def _stage_order(kinds: tuple[PromotionKind, ...]) -> Callable[[Promotion], tuple[int, int, str]]:
    """The order a stage applies its promotions in: by kind as listed in ``kinds``, then
    higher priority first, then code."""
    return lambda p: (kinds.index(p.kind), -p.priority, p.code)


def _applied_order(p: Promotion) -> tuple[int, int, int, str]:
    """Item promotions first, then order promotions, each as its stage applies them."""
    if p.kind in ITEM_KINDS:
        return (0, *_stage_order(ITEM_KINDS)(p))
    return (1, *_stage_order(ORDER_KINDS)(p))


def _item_promotions(work: list[_Work], offers: Sequence[Promotion]) -> None:
    """Step 2: special prices, quantity breaks, nth-item and buy-get, on discountable lines."""
    ordered = sorted((p for p in offers if p.kind in ITEM_KINDS), key=_stage_order(ITEM_KINDS))
    for p in ordered:
        if p.kind is PromotionKind.SPECIAL_PRICE:
            _special_price(work, p)
    stage = _Stage([w for w in work if w.discountable])
    for p in ordered:
        if p.kind is not PromotionKind.SPECIAL_PRICE:
            stage.apply(p)


def _order_promotions(
    work: list[_Work], offers: Sequence[Promotion], hints: list[PromotionHint] | None = None
) -> None:
    """Step 5: 全场折, 满折, 满减, 每满减, then 加价购, on the lines a coupon could take.

    With ``hints``, also what each spend promotion still misses, as its turn finds the cart.
    """
    stage = _Stage([w for w in work if w.coupon_eligible])
    for p in sorted((p for p in offers if p.kind in ORDER_KINDS), key=_stage_order(ORDER_KINDS)):
        if hints is not None:
            hint = stage.hint(p)
            if hint is not None:
                hints.append(hint)
        stage.apply(p)


def _special_price(work: list[_Work], p: Promotion) -> None:
    """限时特价 replaces the unit price (when lower); the line then takes no tier discount."""
    for w in work:
        price = special_price_of(p, w.line.product.sku) if w.discountable else None
        if price is not None and price < w.unit_price:
            w.unit_price = price
            w.adjust(AdjustmentKind.PROMOTION, w.line.amount_at(price) - w.current, p.label,
                     p.code)  # fmt: skip
            w.discountable = False


class _Stage:
    """The lines one stage of promotions works on, indexed by SKU and category, so a
    promotion looks only at the lines its scope names."""

    def __init__(self, lines: list[_Work]) -> None:
        self.lines = lines
        self.by_sku: dict[str, list[int]] = {}
        self.by_category: dict[str, list[int]] = {}
        for i, w in enumerate(lines):
            self.by_sku.setdefault(w.line.product.sku, []).append(i)
            if w.line.product.category:
                self.by_category.setdefault(w.line.product.category, []).append(i)

    def in_scope(self, p: Promotion) -> list[int]:
        scope = p.scope
        if not scope.skus and not scope.categories:
            found: Iterable[int] = range(len(self.lines))
        else:
            hits: set[int] = set()
            for sku in scope.skus:
                hits.update(self.by_sku.get(sku, ()))
            for cat in scope.categories:
                hits.update(self.by_category.get(cat, ()))
            found = sorted(hits)
        if scope.exclude_skus:
            return [i for i in found if self.lines[i].line.product.sku not in scope.exclude_skus]
        return list(found)

    def touches(self, p: Promotion) -> bool:
        """Whether ``p`` could change any line of this stage (its scope holds a line)."""
        if p.kind is PromotionKind.SPECIAL_PRICE:
            return any(sku in self.by_sku for sku, _ in p.prices)
        return bool(self.in_scope(p))

    def apply(self, p: Promotion) -> None:
        scope = self.in_scope(p)
        if not scope:
            return
        gifts = self.by_sku.get(p.gift_sku, []) if p.gift_sku else []
        slots = {i: self._slot(i) for i in sorted({*scope, *gifts})}
        offs, reason = discounts(p, [slots[i] for i in scope], list(slots.values()))
        for i, off in offs.items():
            self.lines[i].adjust(AdjustmentKind.PROMOTION, Money(-off), reason, p.code)

    def hint(self, p: Promotion) -> PromotionHint | None:
        scope = self.in_scope(p)
        if not scope:
            return None
        amount = sum(
            self.lines[i].current.fen for i in scope if p.gift_sku != self.lines[i].line.product.sku
        )
        return spend_hint(p, amount)

    def _slot(self, i: int) -> Slot:
        w = self.lines[i]
        units = None if w.line.product.sold_by_weight else w.line.quantity
        return Slot(i, w.line.product.sku, w.line.product.category, units, w.current.fen)


def _choose_promotions(
    work: list[_Work],
    offers: tuple[Promotion, ...],
    tier: Tier | None,
    rules: ProgrammeRules,
    birthday: bool,
) -> tuple[Promotion, ...]:
    """Among promotions of one exclusive group, the one that leaves the customer least to pay.

    Groups are settled in the order of their names, each with the others as
    settled so far; equal totals go to the higher priority, then the lower
    code. A promotion whose scope holds no line of the cart cannot change it
    and is not tried. Deterministic for a given cart and rules.
    """
    every = _Stage(work)
    groups: dict[str, list[Promotion]] = {}
    for p in offers:
        if p.exclusive_group and every.touches(p):
            groups.setdefault(p.exclusive_group, []).append(p)
    free = [p for p in offers if not p.exclusive_group]
    if not groups:
        return tuple(free)
    for ps in groups.values():
        ps.sort(key=lambda p: (-p.priority, p.code))
    pick = {g: ps[0] for g, ps in groups.items()}

    # Steps 2-4 depend only on the item promotions chosen: trials that differ in an
    # order promotion alone start from the same state, computed once.
    before: dict[frozenset[str], list[_Work]] = {}

    def total_with(selection: dict[str, Promotion]) -> int:
        chosen = [*free, *selection.values()]
        items = frozenset(p.code for p in chosen if p.kind in ITEM_KINDS)
        if items not in before:
            state = [w.copy() for w in work]
            _before_order(state, chosen, tier, rules, birthday)
            before[items] = state
        trial = [w.copy() for w in before[items]]
        _order_promotions(trial, chosen)
        return sum(w.current.fen for w in trial)

    for g in sorted(groups):
        if len(groups[g]) > 1:
            pick[g] = min(groups[g], key=lambda p: total_with({**pick, g: p}))
    chosen = set(pick.values())
    return tuple(p for p in offers if not p.exclusive_group or p in chosen)


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
) -> tuple[Money, list[int], list[int]]:
    """Step 8: points as cash, checked, and spread over the lines (points, value)."""
    if not points:
        return Money(0), [0] * len(work), [0] * len(work)
    if points < 0:
        raise ValidationError(field="points", problem="must not be negative")
    if member is None:
        raise MemberRequired(what="Paying with points")
    unit = rules.redeem.points_per_unit
    if points % unit:
        raise PointsNotInUnits(unit=unit)
    if points > member.points_available:
        raise PointsTooLow(available=member.points_available, requested=points)
    value = rules.redeem.value_of(points)
    limit = Money(
        int((Decimal(net_total.fen) * rules.redeem.max_share).to_integral_value(ROUND_FLOOR))
    )
    if value > limit:
        raise PointsExceedDue(points=points, value=value, limit=limit)
    weights = [w.current.fen for w in work]
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
        if not p.earns_points:
            base = 0
        spend += base
        per_unit = earn.fixed_for(p.sku) if p.earns_points else None
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
    """Step 6: coupons, checked, percent-off first, each spread over its lines."""
    if not coupons:
        return
    eligible = [w for w in work if w.coupon_eligible]
    _check_coupons(coupons, member, today, eligible)
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


def _check_coupons(
    coupons: list[Coupon], member: MemberSnapshot | None, today: date, eligible: list[_Work]
) -> None:
    """Whether the coupons may be used together, then each on its own (in the order given:
    the first refused is the one the cashier is told about)."""
    _check_coupon_set(coupons)
    eligible_amount = Money(sum(w.current.fen for w in eligible))
    for c in coupons:
        _check_coupon(c, member, today, eligible_amount, bool(eligible))


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
