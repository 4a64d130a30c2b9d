"""The member programme's rules, as data.

Head office owns these values and syncs them to terminals; nothing here is a
constant in code. ``demo_rules()`` gives the trade's typical examples from
DOMAIN.md (gold 95%, 1 point per yuan, 100 points = 1 yuan...).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from pos_member.domain.cards import CardNumberRule, CheckDigit
from pos_member.domain.jsondata import to_jsonable
from pos_member.domain.money import Money, Rounding
from pos_member.domain.promotions import Promotion, promotion_from_dict

ONE = Decimal(1)


@dataclass(frozen=True, slots=True)
class Tier:
    """A member tier (会员等级) with its benefits and upgrade threshold."""

    code: str
    name: str
    rank: int
    discount_rate: Decimal = ONE  # share of the price paid: 0.95 = 5% off
    points_multiplier: Decimal = ONE
    upgrade_spend: Money = Money(0)  # spend within the window that qualifies
    colour: str = "#808080"

    def __post_init__(self) -> None:
        if not (Decimal(0) < self.discount_rate <= ONE):
            raise ValueError(f"tier {self.code}: discount rate must be in (0, 1]")
        if self.points_multiplier < 0:
            raise ValueError(f"tier {self.code}: multiplier must not be negative")


@dataclass(frozen=True, slots=True)
class TierPolicy:
    """Upgrades happen at once; downgrades only at the review date."""

    window_days: int = 365  # rolling window of qualifying spend
    review_interval_days: int = 365  # a member's tier is reviewed this often


@dataclass(frozen=True, slots=True)
class PointsMultiplier:
    """A product (``sku``) or a category earning ``multiplier`` times the points of its spend."""

    multiplier: Decimal
    sku: str = ""
    category: str = ""

    def __post_init__(self) -> None:
        if self.multiplier < 0 or not (self.sku or self.category):
            raise ValueError("a points multiplier names a SKU or a category and is not negative")


@dataclass(frozen=True, slots=True)
class EarnRule:
    """Points earned on spend: one point per ``spend_per_point`` paid.

    Per product or category a multiplier (a SKU's beats its category's), or a
    fixed number of points per unit instead of points by spend; a minimum
    spend below which a sale earns nothing; and, if the programme says so, a
    sale that pays with points earns none.
    """

    spend_per_point: Money = Money(100)  # 1 point per yuan; Money(10000) = per 100 yuan
    points_paid_earns: bool = False  # does the part paid with points earn points?
    minimum_spend: Money = Money(0)  # of the lines that earn, after discounts
    redeeming_earns_none: bool = False
    multipliers: tuple[PointsMultiplier, ...] = ()
    fixed_points: tuple[tuple[str, int], ...] = ()  # SKU -> points per unit (not multiplied)

    def multiplier_for(self, sku: str, category: str) -> Decimal:
        by_category = ONE
        for m in self.multipliers:
            if m.sku == sku:
                return m.multiplier
            if m.category and m.category == category and not m.sku:
                by_category = m.multiplier
        return by_category

    def fixed_for(self, sku: str) -> int | None:
        return next((n for s, n in self.fixed_points if s == sku), None)


@dataclass(frozen=True, slots=True)
class RedeemRule:
    """Points as cash (积分抵现): ``points_per_unit`` points pay ``unit_value``."""

    points_per_unit: int = 100
    unit_value: Money = Money(100)  # 100 points = 1 yuan
    max_share: Decimal = ONE  # at most this share of the amount due

    def value_of(self, points: int) -> Money:
        return Money(points // self.points_per_unit * self.unit_value.fen)


class ExpiryPolicy(enum.StrEnum):
    NEVER = "never"
    END_OF_NEXT_YEAR = "end_of_next_year"  # earned in 2026 -> expire 2027-12-31
    DAYS = "days"


@dataclass(frozen=True, slots=True)
class ExpiryRule:
    policy: ExpiryPolicy = ExpiryPolicy.END_OF_NEXT_YEAR
    days: int = 365

    def expires_on(self, earned_on: date) -> date | None:
        """The last day on which points earned on ``earned_on`` can be used."""
        if self.policy is ExpiryPolicy.NEVER:
            return None
        if self.policy is ExpiryPolicy.END_OF_NEXT_YEAR:
            return date(earned_on.year + 1, 12, 31)
        return earned_on + timedelta(days=self.days)


class BirthdayWindow(enum.StrEnum):
    NONE = "none"
    DAY = "day"
    WEEK = "week"  # the Monday-Sunday week holding this year's birthday
    MONTH = "month"


@dataclass(frozen=True, slots=True)
class BirthdayBenefit:
    """生日礼遇: e.g. double points, or an extra discount, in the birthday window."""

    window: BirthdayWindow = BirthdayWindow.MONTH
    points_multiplier: Decimal = Decimal(2)
    extra_discount_rate: Decimal = ONE  # 0.9 = a further 10% off eligible lines

    def applies(self, birthday: date | None, today: date) -> bool:
        if birthday is None or self.window is BirthdayWindow.NONE:
            return False
        if self.window is BirthdayWindow.MONTH:
            return birthday.month == today.month
        this_year = _birthday_in(birthday, today.year)
        if self.window is BirthdayWindow.DAY:
            return this_year == today
        return this_year.isocalendar()[:2] == today.isocalendar()[:2]


def _birthday_in(birthday: date, year: int) -> date:
    try:
        return birthday.replace(year=year)
    except ValueError:  # 29 February in a common year
        return date(year, 2, 28)


@dataclass(frozen=True, slots=True)
class RechargeBonus:
    """充值赠送: depositing at least ``threshold`` gives ``bonus``."""

    threshold: Money
    bonus: Money


class SpendOrder(enum.StrEnum):
    """Which part of stored value a payment takes (docs/prepaid.md).

    ``PRO_RATA`` (the default) takes principal and bonus in the balance's own
    proportion, so the principal left is what 法释〔2025〕4号's rule refunds on
    退卡; ``BONUS_FIRST`` spends the gift first, ``PRINCIPAL_FIRST`` the money.
    Whatever the order, 退卡 refunds by the court's pro-rata rule
    (``domain.prepaid.closure_quote``), so no order can make the principal
    look spent.
    """

    PRO_RATA = "pro_rata"
    BONUS_FIRST = "bonus_first"
    PRINCIPAL_FIRST = "principal_first"


class CardClass(enum.StrEnum):
    """The prepaid-card class (单用途商业预付卡) the law sets caps and duties by."""

    NAMED = "named"  # 记名卡: every card a member owns
    ANONYMOUS = "anonymous"  # 不记名卡


@dataclass(frozen=True, slots=True)
class CardClassRules:
    """What the law asks of one card class."""

    cap: Money
    #: Years an anonymous card lasts at least (None: no expiry).
    min_valid_years: int | None = None
    #: Buying or recharging one records the buyer's real name and ID.
    real_name: bool = False


@dataclass(frozen=True, slots=True)
class CoolingOffRule:
    """A region's cooling-off window for an unused card or recharge (0 days: none)."""

    days: int = 0
    #: Jiangsu: the refund is less reasonable costs.
    less_costs: bool = False


#: The regions whose cooling-off rules the product knows (``PrepaidRules.region``).
COOLING_OFF: dict[str, CoolingOffRule] = {
    "none": CoolingOffRule(0),
    "beijing": CoolingOffRule(7),  # 北京市单用途预付卡管理 (2022): 7 days, in full
    "jiangsu": CoolingOffRule(15, less_costs=True),  # 江苏省: 15 days, less reasonable costs
}


@dataclass(frozen=True, slots=True)
class PrepaidRules:
    """The prepaid-card law's numbers (《单用途商业预付卡管理办法(试行)》, 法释〔2025〕4号,
    local rules) as programme data; the defaults are the law's (docs/prepaid.md)."""

    named: CardClassRules = CardClassRules(Money(500_000), None, real_name=True)
    anonymous: CardClassRules = CardClassRules(Money(100_000), min_valid_years=3)
    #: Principal and bonus both count against the cap (the conservative reading);
    #: False: principal alone.
    cap_counts_bonus: bool = True
    #: Buying anonymous cards of at least this much at once records the buyer's real name.
    real_name_anonymous_bulk: Money = Money(1_000_000)
    #: Whether a named card's recharge is refused without a real-name record on file
    #: or given with it (the law's rule; the recharge dialog collects the record
    #: when it is on, see docs/prepaid.md).
    enforce_real_name: bool = True
    #: No cash at or above these amounts at once: bank transfer.
    no_cash_company: Money = Money(500_000)
    no_cash_person: Money = Money(5_000_000)
    #: 退卡 pays cash only when the card's balance is at most this; else bank transfer.
    closure_cash_max: Money = Money(10_000)
    #: The cooling-off region (``COOLING_OFF``).
    region: str = "none"
    #: Years the real-name records are kept at least.
    retention_years: int = 5

    def __post_init__(self) -> None:
        if self.region not in COOLING_OFF:
            raise ValueError(f"unknown cooling-off region {self.region!r}")

    def of(self, card_class: CardClass) -> CardClassRules:
        return self.named if card_class is CardClass.NAMED else self.anonymous

    @property
    def cooling_off(self) -> CoolingOffRule:
        return COOLING_OFF[self.region]


@dataclass(frozen=True, slots=True)
class StoreOfflineLimit:
    """One store's offline cap per terminal per business day, in place of the chain's."""

    store_id: str
    per_terminal_per_day: Money


@dataclass(frozen=True, slots=True)
class StoredValueRules:
    spend_order: SpendOrder = SpendOrder.PRO_RATA
    pin_required_over: Money = Money(0)  # a PIN for any stored-value payment above this
    bonus_table: tuple[RechargeBonus, ...] = ()
    # Offline caps (docs/headoffice.md, "Offline limits"): stored value plus points at
    # their cash value that no online hold covers, per business day.
    offline_limit_per_member_per_day: Money = Money(50000)
    offline_limit_per_terminal: Money = Money(500000)  # per terminal per business day
    offline_limit_per_terminal_by_store: tuple[StoreOfflineLimit, ...] = ()
    min_recharge: Money = Money(100)
    max_recharge: Money = Money(100_000_000)
    #: A cashier recharges up to this much at once alone; above it a supervisor approves
    #: (0: every cashier's recharge needs one). docs/prepaid.md, "Who approves a recharge".
    cashier_recharge_max: Money = Money(100_000)

    def __post_init__(self) -> None:
        if self.cashier_recharge_max.fen < 0:
            raise ValueError("stored_value.cashier_recharge_max must not be negative")

    def recharge_needs_supervisor(self, amount: Money) -> bool:
        """Whether a cashier's recharge of ``amount`` waits for a supervisor's approval."""
        return self.cashier_recharge_max.fen == 0 or amount > self.cashier_recharge_max

    def terminal_limit(self, store_id: str) -> Money:
        """The offline cap per terminal per business day at ``store_id``."""
        for own in self.offline_limit_per_terminal_by_store:
            if own.store_id == store_id:
                return own.per_terminal_per_day
        return self.offline_limit_per_terminal

    def bonus_for(self, amount: Money) -> Money:
        """The bonus of the highest threshold the deposit reaches (none below the lowest)."""
        best = Money(0)
        for row in sorted(self.bonus_table, key=lambda r: r.threshold):
            if amount >= row.threshold:
                best = row.bonus
        return best


@dataclass(frozen=True, slots=True)
class CountCardPlan:
    """计次卡: ``uses`` of a service bought for ``price``, valid ``valid_days``."""

    code: str
    name: str
    uses: int
    price: Money
    valid_days: int = 365


class CouponKind(enum.StrEnum):
    AMOUNT_OFF = "amount_off"  # 代金券: value off
    PERCENT_OFF = "percent_off"  # 折扣券: rate of the eligible amount is paid


@dataclass(frozen=True, slots=True)
class Coupon:
    """A coupon held by a member (or a bearer coupon when ``member_id`` is None)."""

    code: str
    kind: CouponKind
    valid_from: date
    valid_until: date
    value: Money = Money(0)  # for AMOUNT_OFF
    rate: Decimal = ONE  # for PERCENT_OFF: 0.9 = 10% off
    minimum_spend: Money = Money(0)
    stackable: bool = False
    member_id: str | None = None
    name: str = ""
    # Limited to some products (by SKU, category or brand; none listed: every line that
    # takes coupons), and for a percent-off coupon at most ``cap`` off (0: no cap):
    # "20% off drinks, at most ¥30".
    skus: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    brands: tuple[str, ...] = ()
    cap: Money = Money(0)

    def __post_init__(self) -> None:
        if self.kind is CouponKind.AMOUNT_OFF and self.value.fen <= 0:
            raise ValueError("an amount-off coupon needs a positive value")
        if self.kind is CouponKind.PERCENT_OFF and not (Decimal(0) < self.rate < ONE):
            raise ValueError("a percent-off coupon needs a rate in (0, 1)")
        if self.cap.fen < 0:
            raise ValueError("a coupon's cap must not be negative")

    @property
    def limited(self) -> bool:
        return bool(self.skus or self.categories or self.brands)

    def covers(self, sku: str, category: str, brand: str) -> bool:
        """Whether a line of this product counts for the coupon (its minimum and its off)."""
        if not self.limited:
            return True
        return (
            sku in self.skus
            or (bool(category) and category in self.categories)
            or (bool(brand) and brand in self.brands)
        )


@dataclass(frozen=True, slots=True)
class CouponTemplate:
    """How to issue coupons of one kind (sign-up gift, campaigns)."""

    name: str
    kind: CouponKind
    valid_days: int
    value: Money = Money(0)
    rate: Decimal = ONE
    minimum_spend: Money = Money(0)
    stackable: bool = False

    def issue(self, code: str, today: date, member_id: str | None) -> Coupon:
        return Coupon(
            code=code,
            kind=self.kind,
            valid_from=today,
            valid_until=today + timedelta(days=self.valid_days),
            value=self.value,
            rate=self.rate,
            minimum_spend=self.minimum_spend,
            stackable=self.stackable,
            member_id=member_id,
            name=self.name,
        )


class GiftInvalid(ValueError):
    """A gift's redemption data does not hold together; ``str()`` is for the person who
    set it up (Chinese, then English)."""


@dataclass(frozen=True, slots=True)
class GiftRate:
    """One way to take a gift (积分兑换): ``points`` per unit, plus ``cash`` per unit."""

    points: int
    cash: Money = Money(0)

    def __post_init__(self) -> None:
        if type(self.points) is not int or self.points <= 0:
            raise GiftInvalid("兑换所需积分必须大于 0 / a gift's points must be above 0")
        if self.cash.fen < 0:
            raise GiftInvalid("兑换加价不能为负数 / a gift's cash part must not be negative")

    def label(self) -> str:
        """'500分' or '200分+¥5.00': the rate as the receipt and the pick list say it."""
        return f"{self.points}分" + (f"+{self.cash}" if self.cash.fen else "")


@dataclass(frozen=True, slots=True)
class Gift:
    """A product given for points (积分兑换礼品), at one of its ``rates``; ``stock`` is how
    many units a till may give (None: as many as there are)."""

    sku: str
    rates: tuple[GiftRate, ...]
    stock: int | None = None

    def __post_init__(self) -> None:
        if not self.sku.strip():
            raise GiftInvalid("兑换礼品必须填写商品编码 / a gift names its product's code")
        if not self.rates:
            raise GiftInvalid(
                f"礼品 {self.sku} 至少需要一种兑换方式 / gift {self.sku} needs at least one rate"
            )
        if len(set(self.rates)) != len(self.rates):
            raise GiftInvalid(f"礼品 {self.sku} 的兑换方式重复 / gift {self.sku} repeats a rate")
        if self.stock is not None and (type(self.stock) is not int or self.stock < 0):
            raise GiftInvalid(
                f"礼品 {self.sku} 的库存不能为负数 / a gift's stock must not be negative"
            )


@dataclass(frozen=True, slots=True)
class RegistrationRules:
    """What a registration at the counter must collect (head office's choice; the phone
    and the member's consent are always needed)."""

    name_required: bool = True
    birthday_required: bool = False
    gender_required: bool = False


@dataclass(frozen=True, slots=True)
class ProgrammeRules:
    """Everything a terminal needs to price a member's sale, in one versioned value."""

    tiers: tuple[Tier, ...]
    version: int = 1
    tier_policy: TierPolicy = TierPolicy()
    earn: EarnRule = EarnRule()
    redeem: RedeemRule = RedeemRule()
    expiry: ExpiryRule = ExpiryRule()
    birthday: BirthdayBenefit = BirthdayBenefit()
    stored_value: StoredValueRules = StoredValueRules()
    rounding: Rounding = Rounding.TO_FEN
    coupon_back_on_full_refund: bool = True
    signup_coupon: CouponTemplate | None = None
    referral_points: int = 0
    card_fee: Money = Money(0)
    replacement_fee: Money = Money(0)
    card_rule: CardNumberRule = CardNumberRule()
    count_cards: tuple[CountCardPlan, ...] = field(default=())
    # Whether a recharge counts towards an immediate tier upgrade (some programmes
    # reward prepaying; most count only what was bought). Off unless head office says so.
    recharge_qualifies_for_upgrade: bool = False
    # Promotions (满减, 买赠, 限时特价...) priced by ``pricing.price_sale`` (docs/pricing.md).
    promotions: tuple[Promotion, ...] = ()
    # The prepaid-card law's caps, classes and thresholds (docs/prepaid.md).
    prepaid: PrepaidRules = PrepaidRules()
    # Which fields a registration must have (the counter's registration asks for these).
    registration: RegistrationRules = RegistrationRules()
    # Gifts for points, or points + cash (积分兑换, docs/pricing.md).
    gifts: tuple[Gift, ...] = ()

    def __post_init__(self) -> None:
        if not self.tiers:
            raise ValueError("a programme needs at least one tier")
        codes = [t.code for t in self.tiers]
        if len(set(codes)) != len(codes):
            raise ValueError("tier codes must be unique")
        promo_codes = [p.code for p in self.promotions]
        if len(set(promo_codes)) != len(promo_codes):
            raise ValueError("promotion codes must be unique")
        gift_skus = [g.sku for g in self.gifts]
        if len(set(gift_skus)) != len(gift_skus):
            raise GiftInvalid("同一商品只能设一个兑换礼品 / a product is one gift at most")

    def gift(self, sku: str) -> Gift | None:
        """The gift ``sku`` is, or None."""
        return next((g for g in self.gifts if g.sku == sku), None)

    def tier(self, code: str) -> Tier:
        for t in self.tiers:
            if t.code == code:
                return t
        raise KeyError(f"unknown tier {code!r}")

    @property
    def base_tier(self) -> Tier:
        return min(self.tiers, key=lambda t: t.rank)

    def to_dict(self) -> dict[str, Any]:
        return to_jsonable(self)  # type: ignore[no-any-return]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ProgrammeRules:
        return _rules_from_dict(data)


@dataclass(frozen=True, slots=True)
class VersionWindow:
    """When a version of the rules is in force: ``since`` to ``until`` (inclusive).

    On a business date the version in force is the highest of those whose
    window holds the date: a version for next month waits for its date, and
    a bounded version (a member week) published over the open-ended one gives
    way to it again after its last day. The till's ``Context.rules`` reads it
    that way.
    """

    version: int
    since: date
    until: date | None = None

    def __post_init__(self) -> None:
        if self.until is not None and self.until < self.since:
            raise ValueError(
                f"version {self.version} ends before it starts ({self.until} < {self.since})"
            )

    @classmethod
    def parse(cls, version: int, since: str, until: str | None) -> VersionWindow:
        return cls(version, date.fromisoformat(since), date.fromisoformat(until) if until else None)

    def holds(self, day: date) -> bool:
        return self.since <= day and (self.until is None or day <= self.until)

    def conflict(self, published: list[VersionWindow]) -> str | None:
        """Why this window cannot be published after ``published``, or None.

        A newer version hides every older one while both are in force. That is
        the point for an open-ended version, but a bounded one (a member week)
        still to come would silently never happen: an open-ended version may
        start only after the last day of every bounded version it would hide.
        """
        if self.until is not None:
            return None
        hidden = [w for w in published if w.until is not None and w.until >= self.since]
        if hidden:
            last = max(hidden, key=lambda w: (w.until or w.since, w.version))
            return (
                f"an open-ended version starting {self.since} would hide version "
                f"{last.version} ({last.since} to {last.until}): start it after {last.until}, "
                f"or give it an end date"
            )
        return None


def in_force(windows: list[VersionWindow], day: date) -> int | None:
    """The version in force on ``day``: the highest whose window holds it, or None."""
    held = [w.version for w in windows if w.holds(day)]
    return max(held) if held else None


# --- JSON round trip -------------------------------------------------------


def _m(v: Any) -> Money:
    return Money(int(v))


def _d(v: Any) -> Decimal:
    return Decimal(str(v))


def _rules_from_dict(d: dict[str, Any]) -> ProgrammeRules:
    sv = d.get("stored_value", {})
    signup = d.get("signup_coupon")
    return ProgrammeRules(
        version=int(d.get("version", 1)),
        tiers=tuple(
            Tier(
                code=t["code"],
                name=t["name"],
                rank=int(t["rank"]),
                discount_rate=_d(t["discount_rate"]),
                points_multiplier=_d(t["points_multiplier"]),
                upgrade_spend=_m(t["upgrade_spend"]),
                colour=t.get("colour", "#808080"),
            )
            for t in d["tiers"]
        ),
        tier_policy=TierPolicy(**d.get("tier_policy", {})),
        earn=_earn_from(d["earn"]) if "earn" in d else EarnRule(),
        redeem=RedeemRule(
            points_per_unit=int(d["redeem"]["points_per_unit"]),
            unit_value=_m(d["redeem"]["unit_value"]),
            max_share=_d(d["redeem"]["max_share"]),
        )
        if "redeem" in d
        else RedeemRule(),
        expiry=ExpiryRule(ExpiryPolicy(d["expiry"]["policy"]), int(d["expiry"]["days"]))
        if "expiry" in d
        else ExpiryRule(),
        birthday=BirthdayBenefit(
            window=BirthdayWindow(d["birthday"]["window"]),
            points_multiplier=_d(d["birthday"]["points_multiplier"]),
            extra_discount_rate=_d(d["birthday"]["extra_discount_rate"]),
        )
        if "birthday" in d
        else BirthdayBenefit(),
        stored_value=StoredValueRules(
            spend_order=SpendOrder(sv.get("spend_order", SpendOrder.PRO_RATA.value)),
            pin_required_over=_m(sv.get("pin_required_over", 0)),
            bonus_table=tuple(
                RechargeBonus(_m(r["threshold"]), _m(r["bonus"])) for r in sv.get("bonus_table", ())
            ),
            offline_limit_per_member_per_day=_m(sv.get("offline_limit_per_member_per_day", 50000)),
            offline_limit_per_terminal=_m(sv.get("offline_limit_per_terminal", 500000)),
            offline_limit_per_terminal_by_store=tuple(
                StoreOfflineLimit(str(r["store_id"]), _m(r["per_terminal_per_day"]))
                for r in sv.get("offline_limit_per_terminal_by_store", ())
            ),
            min_recharge=_m(sv.get("min_recharge", 100)),
            max_recharge=_m(sv.get("max_recharge", 100_000_000)),
            cashier_recharge_max=_m(sv.get("cashier_recharge_max", 100_000)),
        ),
        rounding=Rounding(d.get("rounding", Rounding.TO_FEN.value)),
        coupon_back_on_full_refund=bool(d.get("coupon_back_on_full_refund", True)),
        signup_coupon=CouponTemplate(
            name=signup["name"],
            kind=CouponKind(signup["kind"]),
            valid_days=int(signup["valid_days"]),
            value=_m(signup["value"]),
            rate=_d(signup["rate"]),
            minimum_spend=_m(signup["minimum_spend"]),
            stackable=bool(signup["stackable"]),
        )
        if signup
        else None,
        referral_points=int(d.get("referral_points", 0)),
        card_fee=_m(d.get("card_fee", 0)),
        replacement_fee=_m(d.get("replacement_fee", 0)),
        card_rule=CardNumberRule(
            prefix=d["card_rule"]["prefix"],
            length=int(d["card_rule"]["length"]),
            check=CheckDigit(d["card_rule"]["check"]),
        )
        if "card_rule" in d
        else CardNumberRule(),
        count_cards=tuple(
            CountCardPlan(
                code=c["code"],
                name=c["name"],
                uses=int(c["uses"]),
                price=_m(c["price"]),
                valid_days=int(c["valid_days"]),
            )
            for c in d.get("count_cards", ())
        ),
        recharge_qualifies_for_upgrade=bool(d.get("recharge_qualifies_for_upgrade", False)),
        promotions=tuple(promotion_from_dict(p) for p in d.get("promotions", ())),
        prepaid=prepaid_from_dict(d.get("prepaid", {})),
        registration=_registration_from(d.get("registration", {})),
        gifts=tuple(gift_from_dict(g) for g in d.get("gifts", ())),
    )


def gift_from_dict(d: dict[str, Any]) -> Gift:
    """A gift of a rules document (``{"sku", "rates": [{"points", "cash"}], "stock"}``)."""
    try:
        stock = d.get("stock")
        return Gift(
            sku=str(d["sku"]),
            rates=tuple(
                GiftRate(int(r["points"]), _m(r.get("cash", 0))) for r in d.get("rates", ())
            ),
            stock=None if stock is None else int(stock),
        )
    except (KeyError, TypeError, ValueError, ArithmeticError) as e:
        if isinstance(e, GiftInvalid):
            raise
        raise GiftInvalid(f"兑换礼品数据不完整：{e} / a gift's data is incomplete: {e}") from e


def _registration_from(d: dict[str, Any]) -> RegistrationRules:
    return RegistrationRules(
        name_required=bool(d.get("name_required", True)),
        birthday_required=bool(d.get("birthday_required", False)),
        gender_required=bool(d.get("gender_required", False)),
    )


def _class_from(d: dict[str, Any], default: CardClassRules) -> CardClassRules:
    years = d.get("min_valid_years", default.min_valid_years)
    return CardClassRules(
        cap=_m(d.get("cap", default.cap.fen)),
        min_valid_years=None if years is None else int(years),
        real_name=bool(d.get("real_name", default.real_name)),
    )


def prepaid_from_dict(d: dict[str, Any]) -> PrepaidRules:
    """A rules document's ``prepaid`` section (head office reads it alone, per version)."""
    law = PrepaidRules()
    return PrepaidRules(
        named=_class_from(d.get("named", {}), law.named),
        anonymous=_class_from(d.get("anonymous", {}), law.anonymous),
        cap_counts_bonus=bool(d.get("cap_counts_bonus", law.cap_counts_bonus)),
        real_name_anonymous_bulk=_m(
            d.get("real_name_anonymous_bulk", law.real_name_anonymous_bulk.fen)
        ),
        enforce_real_name=bool(d.get("enforce_real_name", law.enforce_real_name)),
        no_cash_company=_m(d.get("no_cash_company", law.no_cash_company.fen)),
        no_cash_person=_m(d.get("no_cash_person", law.no_cash_person.fen)),
        closure_cash_max=_m(d.get("closure_cash_max", law.closure_cash_max.fen)),
        region=str(d.get("region", law.region)),
        retention_years=int(d.get("retention_years", law.retention_years)),
    )


def _earn_from(e: dict[str, Any]) -> EarnRule:
    return EarnRule(
        spend_per_point=_m(e["spend_per_point"]),
        points_paid_earns=bool(e["points_paid_earns"]),
        minimum_spend=_m(e.get("minimum_spend", 0)),
        redeeming_earns_none=bool(e.get("redeeming_earns_none", False)),
        multipliers=tuple(
            PointsMultiplier(_d(m["multiplier"]), str(m.get("sku", "")), str(m.get("category", "")))
            for m in e.get("multipliers", ())
        ),
        fixed_points=tuple((str(s), int(n)) for s, n in e.get("fixed_points", ())),
    )


def demo_rules() -> ProgrammeRules:
    """The trade's typical programme (DOMAIN.md's examples), used by the demo store."""
    y = Money.yuan
    return ProgrammeRules(
        tiers=(
            Tier("normal", "普通会员", 0, Decimal("1"), Decimal("1"), y(0), "#9e9e9e"),
            Tier("silver", "银卡会员", 1, Decimal("0.98"), Decimal("1"), y(1000), "#b0bec5"),
            Tier("gold", "金卡会员", 2, Decimal("0.95"), Decimal("1.2"), y(5000), "#d4a017"),
            Tier("platinum", "白金卡会员", 3, Decimal("0.92"), Decimal("1.5"), y(20000), "#7f8c8d"),
            Tier("diamond", "钻石卡会员", 4, Decimal("0.88"), Decimal("2"), y(50000), "#2c3e50"),
        ),
        earn=EarnRule(spend_per_point=y(1), points_paid_earns=False),
        redeem=RedeemRule(points_per_unit=100, unit_value=y(1), max_share=Decimal("0.5")),
        expiry=ExpiryRule(ExpiryPolicy.END_OF_NEXT_YEAR),
        birthday=BirthdayBenefit(BirthdayWindow.MONTH, Decimal(2), Decimal(1)),
        stored_value=StoredValueRules(
            spend_order=SpendOrder.PRO_RATA,
            pin_required_over=y(0),
            # Within the named card's ¥5,000 cap, bonus included (docs/prepaid.md).
            bonus_table=(
                RechargeBonus(y(500), y(25)),
                RechargeBonus(y(1000), y(60)),
                RechargeBonus(y(2000), y(150)),
                RechargeBonus(y(3000), y(300)),
            ),
            offline_limit_per_member_per_day=y(500),
            offline_limit_per_terminal=y(5000),
        ),
        rounding=Rounding.TO_FEN,
        signup_coupon=CouponTemplate(
            name="入会有礼 10元券",
            kind=CouponKind.AMOUNT_OFF,
            valid_days=90,
            value=y(10),
            minimum_spend=y(50),
        ),
        referral_points=10,
        card_fee=y(0),
        replacement_fee=y(10),
        count_cards=(
            CountCardPlan("WASH10", "洗车10次卡", 10, y(300), 365),
            CountCardPlan("COFFEE10", "咖啡10杯卡", 10, y(250), 180),
        ),
    )
