"""Promotions as data: what each kind takes off, on which lines, for whom and when.

Head office publishes promotions inside the programme rules (``ProgrammeRules.
promotions``); the till prices them in ``pricing.price_sale`` in one documented
order (docs/pricing.md):

- **item promotions**, before the tier discount, on lines that take further
  discounts: 限时特价 (``special_price``), quantity breaks, 第N件X折
  (``nth_item``), 买赠 (``buy_get``);
- **order promotions**, after the tier and birthday discounts and before the
  coupons, on the lines a coupon could take: 全场X折 / 会员日 (``percent_off``),
  满折 (``spend_percent``), 满减 (``spend_off``), 每满减 (``every_off``), then
  加价购 (``add_on``).

What each kind takes off each line is computed by ``promotion_engine`` on
integer fen (every rate rounded half-up to the fen as ``Money.scale`` does, every
spread by ``money.allocate``), never below zero; this module holds the data,
its validation, its words (the reason on a line, the cart's hint) and its JSON.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from pos_member.domain.jsondata import to_jsonable
from pos_member.domain.money import Money

STORE_TZ = "Asia/Shanghai"
ONE = Decimal(1)


class PromotionKind(enum.StrEnum):
    SPECIAL_PRICE = "special_price"  # 限时特价: a unit price for listed SKUs
    QUANTITY_BREAK = "quantity_break"  # 量贩价: N or more of a SKU at a rate
    NTH_ITEM = "nth_item"  # 第二件半价 / 第N件X折 of the same SKU
    BUY_GET = "buy_get"  # 买赠: buy N get M free (the cheapest, or a gift SKU)
    PERCENT_OFF = "percent_off"  # 全场八折, 会员日
    SPEND_PERCENT = "spend_percent"  # 满折: spend X, pay a rate
    SPEND_OFF = "spend_off"  # 满减: spend X get Y off (tiered)
    EVERY_OFF = "every_off"  # 每满减: every X off Y, capped
    ADD_ON = "add_on"  # 加价购: spend X, add an item at a price


ITEM_KINDS = (
    PromotionKind.SPECIAL_PRICE,
    PromotionKind.QUANTITY_BREAK,
    PromotionKind.NTH_ITEM,
    PromotionKind.BUY_GET,
)
ORDER_KINDS = (
    PromotionKind.PERCENT_OFF,
    PromotionKind.SPEND_PERCENT,
    PromotionKind.SPEND_OFF,
    PromotionKind.EVERY_OFF,
    PromotionKind.ADD_ON,
)


class PromotionInvalid(ValueError):
    """A promotion's data does not hold together; ``str()`` is for the person who set it up."""


@dataclass(frozen=True, slots=True)
class Window:
    """When a promotion runs: dates (inclusive), ISO weekdays (1 = Monday), hours [from, to)."""

    since: date | None = None
    until: date | None = None
    weekdays: tuple[int, ...] = ()
    hours: tuple[int, int] | None = None
    tz: str = STORE_TZ

    def __post_init__(self) -> None:
        if self.since and self.until and self.until < self.since:
            raise PromotionInvalid("活动结束日期早于开始日期 / the window ends before it starts")
        if any(d not in range(1, 8) for d in self.weekdays):
            raise PromotionInvalid("星期应为 1(周一)到 7(周日) / weekdays are 1 (Monday) to 7")
        if self.hours is not None:
            start, end = self.hours
            if not (0 <= start < end <= 24):
                raise PromotionInvalid(
                    "时段应在 0 到 24 点之间 / hours run from 0 to 24, start first"
                )

    def holds(self, at: datetime | date) -> bool:
        """Whether the promotion runs at ``at`` (a date alone cannot satisfy an hour range)."""
        if isinstance(at, datetime):
            local = at.astimezone(ZoneInfo(self.tz))
            day, hour = local.date(), local.hour
        else:
            day, hour = at, None
        if (self.since and day < self.since) or (self.until and day > self.until):
            return False
        if self.weekdays and day.isoweekday() not in self.weekdays:
            return False
        if self.hours is not None:
            return hour is not None and self.hours[0] <= hour < self.hours[1]
        return True


@dataclass(frozen=True, slots=True)
class Audience:
    """Who gets it: everyone, members only, or members of some tiers; in some stores only."""

    members_only: bool = False
    tiers: tuple[str, ...] = ()
    stores: tuple[str, ...] = ()  # none listed: every store

    def admits(self, tier_code: str | None, store_id: str = "") -> bool:
        if self.stores and store_id not in self.stores:
            return False
        if tier_code is None:
            return not (self.members_only or self.tiers)
        return not self.tiers or tier_code in self.tiers


@dataclass(frozen=True, slots=True)
class Scope:
    """Which products count: listed SKUs, categories and brands (none listed: every product),
    less the excluded SKUs."""

    skus: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    exclude_skus: tuple[str, ...] = ()
    brands: tuple[str, ...] = ()

    def covers(self, sku: str, category: str, brand: str = "") -> bool:
        if sku in self.exclude_skus:
            return False
        if not self.skus and not self.categories and not self.brands:
            return True
        return (
            sku in self.skus
            or (bool(category) and category in self.categories)
            or (bool(brand) and brand in self.brands)
        )


@dataclass(frozen=True, slots=True)
class Step:
    """One rung: from ``threshold`` (spend in fen, or units) take ``off`` or pay ``rate``."""

    threshold: int
    off: Money = Money(0)
    rate: Decimal = ONE


@dataclass(frozen=True, slots=True)
class Promotion:
    """One promotion. Which fields matter depends on ``kind`` (see ``validate``)."""

    code: str
    kind: PromotionKind
    name: str = ""
    scope: Scope = Scope()
    audience: Audience = Audience()
    window: Window = Window()
    #: Promotions sharing a non-empty group never combine: the best for the customer wins.
    exclusive_group: str = ""
    #: Order within a stage (higher first) and the tie-break between equal savings.
    priority: int = 0
    steps: tuple[Step, ...] = ()  # spend_off, spend_percent, quantity_break
    rate: Decimal = ONE  # percent_off, nth_item
    every: Money = Money(0)  # every_off: per this much spend...
    off: Money = Money(0)  # ...this much off
    cap: Money = Money(0)  # every_off: at most this much in all (0: no cap)
    nth: int = 2  # nth_item: every nth unit
    buy: int = 0  # buy_get: buy this many...
    get: int = 0  # ...get this many free
    gift_sku: str = ""  # buy_get: the free item (empty: the cheapest in scope); add_on item
    prices: tuple[tuple[str, Money], ...] = ()  # special_price: SKU -> unit price
    add_on_price: Money = Money(0)  # add_on: the price of the added item
    add_on_units: int = 1  # add_on: at most this many units at that price
    threshold: Money = Money(0)  # add_on: spend in scope needed

    def __post_init__(self) -> None:
        self.validate()

    def validate(self) -> None:
        if not self.code:
            raise PromotionInvalid("活动需要编码 / a promotion needs a code")
        problem = _CHECKS[self.kind](self)
        if problem:
            raise PromotionInvalid(f"{self.code} {self.label}：{problem}")

    @property
    def label(self) -> str:
        """The reason printed on each line it changes: the name, else the rule in words."""
        return self.name or describe(self)

    def applies_to(self, tier_code: str | None, at: datetime | date, store_id: str = "") -> bool:
        return self.audience.admits(tier_code, store_id) and self.window.holds(at)

    def to_dict(self) -> dict[str, Any]:
        return to_jsonable(self)  # type: ignore[no-any-return]

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Promotion:
        return promotion_from_dict(d)


def _check_steps(p: Promotion) -> str | None:
    thresholds = [s.threshold for s in p.steps]
    if not thresholds:
        return "至少需要一档门槛 / at least one threshold is needed"
    if thresholds != sorted(set(thresholds)) or thresholds[0] <= 0:
        return "门槛必须为正且逐档递增 / thresholds must be positive and rising"
    return None


def _check_rate(rate: Decimal, allow_free: bool = False) -> str | None:
    low_ok = rate >= 0 if allow_free else rate > 0
    if low_ok and rate < ONE:
        return None
    return "折扣率必须在 0 到 1 之间 / the rate paid must be between 0 and 1"


def _check_spend_off(p: Promotion) -> str | None:
    if any(not (0 < s.off.fen < s.threshold) for s in p.steps):
        return (
            "满减门槛必须大于减免金额，且减免金额大于零 / the threshold must exceed the amount off"
        )
    return _check_steps(p)


def _check_step_rates(p: Promotion) -> str | None:
    return _check_steps(p) or next((m for m in (_check_rate(s.rate) for s in p.steps) if m), None)


def _check_every_off(p: Promotion) -> str | None:
    if not (0 < p.off.fen < p.every.fen):
        return "每满减的门槛必须大于每次减免金额 / the step must exceed the amount off"
    if p.cap.fen < 0:
        return "封顶金额不能为负 / the cap must not be negative"
    return None


def _check_nth(p: Promotion) -> str | None:
    if p.nth < 2:
        return "第N件优惠的 N 至少为 2 / N must be at least 2"
    return _check_rate(p.rate, allow_free=True)


def _check_buy_get(p: Promotion) -> str | None:
    if p.buy < 1 or p.get < 1:
        return "购买件数和赠送件数都至少为 1 / buy and get must be at least 1"
    return None


def _check_special(p: Promotion) -> str | None:
    if not p.prices or any(price.fen < 0 for _, price in p.prices):
        return "需要至少一个商品及其不为负的特价 / list products with prices not below 0"
    return None


def _check_add_on(p: Promotion) -> str | None:
    if not p.gift_sku or p.add_on_price.fen < 0 or p.add_on_units < 1:
        return "需要换购商品、不为负的换购价和至少 1 件 / name the item, its price and units"
    return None


_CHECKS: dict[PromotionKind, Callable[[Promotion], str | None]] = {
    PromotionKind.SPEND_OFF: _check_spend_off,
    PromotionKind.SPEND_PERCENT: _check_step_rates,
    PromotionKind.QUANTITY_BREAK: _check_step_rates,
    PromotionKind.PERCENT_OFF: lambda p: _check_rate(p.rate),
    PromotionKind.NTH_ITEM: _check_nth,
    PromotionKind.EVERY_OFF: _check_every_off,
    PromotionKind.BUY_GET: _check_buy_get,
    PromotionKind.SPECIAL_PRICE: _check_special,
    PromotionKind.ADD_ON: _check_add_on,
}


def _yuan(m: Money) -> str:
    """100.00 -> '100', 9.90 -> '9.9': how a shelf tag writes yuan."""
    return format((Decimal(m.fen) / 100).normalize(), "f")


def _zhe(rate: Decimal) -> str:
    """0.8 -> '8折', 0.85 -> '8.5折', 0.5 -> '5折'."""
    return format((rate * 10).normalize(), "f") + "折"


def _nth_text(p: Promotion) -> str:
    off = "半价" if p.rate == Decimal("0.5") else ("免费" if p.rate == 0 else _zhe(p.rate))
    return f"第{p.nth}件{off}"


def _every_text(p: Promotion) -> str:
    cap = f"（最高减{_yuan(p.cap)}）" if p.cap else ""
    return f"每满{_yuan(p.every)}减{_yuan(p.off)}{cap}"


_WORDS: dict[PromotionKind, Callable[[Promotion], str]] = {
    PromotionKind.SPEND_OFF: lambda p: "/".join(
        f"满{_yuan(Money(s.threshold))}减{_yuan(s.off)}" for s in p.steps
    ),
    PromotionKind.SPEND_PERCENT: lambda p: "/".join(
        f"满{_yuan(Money(s.threshold))}享{_zhe(s.rate)}" for s in p.steps
    ),
    PromotionKind.QUANTITY_BREAK: lambda p: "/".join(
        f"{s.threshold}件{_zhe(s.rate)}" for s in p.steps
    ),
    PromotionKind.EVERY_OFF: _every_text,
    PromotionKind.PERCENT_OFF: lambda p: f"全场{_zhe(p.rate)}",
    PromotionKind.NTH_ITEM: _nth_text,
    PromotionKind.BUY_GET: lambda p: f"买{p.buy}赠{p.get}",
    PromotionKind.SPECIAL_PRICE: lambda p: "限时特价",
    PromotionKind.ADD_ON: lambda p: f"满{_yuan(p.threshold)}加{_yuan(p.add_on_price)}元换购",
}


def describe(p: Promotion) -> str:
    """The rule in the words of a shelf tag: 满100减20, 第2件半价, 买2赠1..."""
    return _WORDS[p.kind](p)


# --- the reason on a line, and what is missing -------------------------------


def reached_rung(p: Promotion, amount: int) -> int:
    """The index of the highest rung of ``p.steps`` that ``amount`` reaches (-1: none)."""
    top = -1
    for n, s in enumerate(p.steps):
        if amount < s.threshold:
            break
        top = n
    return top


def rung_reason(p: Promotion, rung: int) -> str:
    """The reason printed on the lines ``p`` changes, having reached ``rung``
    (``reached_rung``): a tiered 满减 / 满折 without a name names the rung (满200减50)."""
    if p.name or p.kind not in (PromotionKind.SPEND_OFF, PromotionKind.SPEND_PERCENT) or rung < 0:
        return p.label
    top = p.steps[rung]
    if p.kind is PromotionKind.SPEND_OFF:
        return f"满{_yuan(Money(top.threshold))}减{_yuan(top.off)}"
    return f"满{_yuan(Money(top.threshold))}享{_zhe(top.rate)}"


def reason_for(p: Promotion, amount: int) -> str:
    """The reason on the lines ``p`` changes when its lines in scope hold ``amount`` fen."""
    return rung_reason(p, reached_rung(p, amount))


@dataclass(frozen=True, slots=True)
class PromotionHint:
    """A spend promotion the cart does not (yet fully) reach: what is missing for the next rung."""

    code: str
    missing: Money
    reward: str  # the rung in the trade's words: 满100减20, 每满100减10, 满100加9.9元换购

    @property
    def text(self) -> str:
        """The cart's line for the cashier: 再买¥12.50 享满100减20."""
        return f"再买{self.missing} 享{self.reward}"


def hint_gap(p: Promotion, amount: int) -> tuple[int, int] | None:
    """For a spend promotion whose lines in scope hold ``amount`` fen at its turn: the rung
    it aims at next (an index into ``steps``; 0 for 每满减 and 加价购) and the fen missing.
    None when there is nothing further to reach (or the kind has no spend to reach)."""
    if p.kind in (PromotionKind.SPEND_OFF, PromotionKind.SPEND_PERCENT):
        for n, s in enumerate(p.steps):
            if s.threshold > amount:
                return n, s.threshold - amount
        return None
    if p.kind is PromotionKind.EVERY_OFF:
        if p.cap and amount // p.every.fen * p.off.fen >= p.cap.fen:
            return None
        return 0, p.every.fen - amount % p.every.fen
    if p.kind is PromotionKind.ADD_ON and amount < p.threshold.fen:
        return 0, p.threshold.fen - amount
    return None


def hint_reward(p: Promotion, rung: int) -> str:
    """What reaching ``rung`` (``hint_gap``) gives, in the trade's words: 满100减20."""
    if p.kind in (PromotionKind.SPEND_OFF, PromotionKind.SPEND_PERCENT):
        return describe(Promotion(p.code, p.kind, steps=(p.steps[rung],)))
    return describe(p)


def spend_hint(p: Promotion, amount: int) -> PromotionHint | None:
    """What the lines in scope (``amount`` fen, at the promotion's turn) miss of its next rung."""
    gap = hint_gap(p, amount)
    if gap is None:
        return None
    return PromotionHint(p.code, Money(gap[1]), hint_reward(p, gap[0]))


# --- JSON round trip ----------------------------------------------------------


def _opt_date(v: Any) -> date | None:
    return date.fromisoformat(v) if v else None


def promotion_from_dict(d: Mapping[str, Any]) -> Promotion:
    """A promotion from its JSON form; a kind this build does not know is refused clearly."""
    try:
        kind = PromotionKind(d["kind"])
    except ValueError:
        raise PromotionInvalid(
            f"活动 {d.get('code', '?')} 的类型 {d['kind']!r} 本版本不支持：请先升级收银程序 / "
            "this build does not know that kind of promotion: upgrade the till first"
        ) from None
    try:
        w = d.get("window", {})
        sc = d.get("scope", {})
        au = d.get("audience", {})
        hours = w.get("hours")
        return Promotion(
            code=str(d["code"]),
            kind=kind,
            name=str(d.get("name", "")),
            scope=Scope(
                tuple(sc.get("skus", ())),
                tuple(sc.get("categories", ())),
                tuple(sc.get("exclude_skus", ())),
                tuple(sc.get("brands", ())),
            ),
            audience=Audience(
                bool(au.get("members_only", False)),
                tuple(au.get("tiers", ())),
                tuple(au.get("stores", ())),
            ),
            window=Window(
                _opt_date(w.get("since")),
                _opt_date(w.get("until")),
                tuple(int(x) for x in w.get("weekdays", ())),
                (int(hours[0]), int(hours[1])) if hours else None,
                str(w.get("tz", STORE_TZ)),
            ),
            exclusive_group=str(d.get("exclusive_group", "")),
            priority=int(d.get("priority", 0)),
            steps=tuple(
                Step(
                    int(s["threshold"]),
                    Money(int(s.get("off", 0))),
                    Decimal(str(s.get("rate", 1))),
                )
                for s in d.get("steps", ())
            ),
            rate=Decimal(str(d.get("rate", 1))),
            every=Money(int(d.get("every", 0))),
            off=Money(int(d.get("off", 0))),
            cap=Money(int(d.get("cap", 0))),
            nth=int(d.get("nth", 2)),
            buy=int(d.get("buy", 0)),
            get=int(d.get("get", 0)),
            gift_sku=str(d.get("gift_sku", "")),
            prices=tuple((str(s), Money(int(p))) for s, p in d.get("prices", ())),
            add_on_price=Money(int(d.get("add_on_price", 0))),
            add_on_units=int(d.get("add_on_units", 1)),
            threshold=Money(int(d.get("threshold", 0))),
        )
    except PromotionInvalid:
        raise
    except (KeyError, TypeError, ValueError, ArithmeticError) as exc:
        raise PromotionInvalid(
            f"活动 {d.get('code', '?')} 的数据不完整或有误 / incomplete or wrong: {exc}"
        ) from None
