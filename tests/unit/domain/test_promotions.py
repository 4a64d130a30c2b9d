"""Promotions priced with worked numbers: one test (at least) per kind, then scopes,
audiences, windows, stacking, exclusivity and the best choice for the customer.

Scenarios as the peers' own suites pose them (read to learn, not copied): Odoo
pos_loyalty's "buy 2 get the cheapest free" and "spend X get Y off" programmes,
ERPNext pricing rules' minimum quantity, item-group scope, priority and "apply
the best rule", and the Chinese trade's 满减 / 每满减 / 第二件半价 / 加价购 / 会员日.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from pos_member.domain.cart import CartLine, Product
from pos_member.domain.money import Money
from pos_member.domain.pricing import AdjustmentKind, MemberSnapshot, PricedSale, price_sale
from pos_member.domain.promotions import (
    Audience,
    Promotion,
    PromotionInvalid,
    PromotionKind,
    Scope,
    Step,
    Window,
    promotion_from_dict,
)
from pos_member.domain.rules import Coupon, CouponKind, ProgrammeRules, demo_rules

y = Money.yuan
K = PromotionKind
TZ = ZoneInfo("Asia/Shanghai")
TODAY = date(2026, 11, 23)  # a Monday

COLA = Product("COLA", "可乐 330ml", y("3.00"), category="drinks")
TEA = Product("TEA", "茶饮料 500ml", y("8.00"), category="drinks")
CHIPS = Product("CHIPS", "薯片", y("6.50"), category="snacks")
RICE = Product("RICE", "大米 5kg", y(50), category="grain")
SHAMPOO = Product("SHAMPOO", "洗发水", y("39.90"), category="care")
TOWEL = Product("TOWEL", "毛巾", y("29.90"), category="care")
APPLES = Product("APPLES", "苹果", y("10.00"), sold_by_weight=True, category="fruit")
GOLD = MemberSnapshot("M1", "gold")


def with_promos(*promos: Promotion) -> ProgrammeRules:
    return replace(demo_rules(), promotions=promos)


def cart(*items: tuple[Product, int]) -> list[CartLine]:
    return [CartLine(i + 1, p, q) for i, (p, q) in enumerate(items)]


def price(
    promos: tuple[Promotion, ...] | Promotion,
    *items: tuple[Product, int],
    member: MemberSnapshot | None = None,
    at: datetime | None = None,
    today: date = TODAY,
    coupons: tuple[Coupon, ...] = (),
) -> PricedSale:
    ps = promos if isinstance(promos, tuple) else (promos,)
    return price_sale(cart(*items), member, with_promos(*ps), coupons, 0, today, at)


def reasons(sale: PricedSale, line_no: int) -> list[str]:
    return [a.reason for a in sale.line(line_no).adjustments if a.kind is AdjustmentKind.PROMOTION]


MANJIAN = Promotion("MJ", K.SPEND_OFF, steps=(Step(10000, off=y(20)), Step(20000, off=y(50))))


# --- one kind at a time ------------------------------------------------------


def test_spend_off_tiered_100_20_and_200_50() -> None:
    below = price(MANJIAN, (RICE, 1), (TEA, 6))  # 98.00
    assert below.net_total == y(98) and below.promotions == ()
    first = price(MANJIAN, (RICE, 2))  # 100.00
    assert first.net_total == y(80) and reasons(first, 1) == ["满100减20"]
    second = price(MANJIAN, (RICE, 3), (TEA, 1), (COLA, 14))  # 150 + 8 + 42 = 200.00
    assert second.net_total == y(150)
    # The 50.00 is spread over the lines in proportion, to the fen.
    assert sum(-a.amount.fen for pl in second.lines for a in pl.adjustments) == 5000
    assert reasons(second, 2) == ["满200减50"]
    assert second.promotions == ("MJ",)


def test_spend_percent_manzhe() -> None:
    p = Promotion("MZ", K.SPEND_PERCENT, steps=(Step(10000, rate=Decimal("0.9")),))
    assert price(p, (RICE, 1)).net_total == y(50)
    sale = price(p, (RICE, 2), (CHIPS, 1))  # 106.50 -> 95.85
    assert sale.net_total == y("95.85") and reasons(sale, 2) == ["满100享9折"]


def test_every_100_off_10_with_a_cap() -> None:
    p = Promotion("MM", K.EVERY_OFF, every=y(100), off=y(10), cap=y(30))
    assert price(p, (RICE, 5)).net_total == y(230)  # 250: twice 10 off
    assert price(p, (RICE, 10)).net_total == y(470)  # 500: five times, capped at 30
    assert price(p, (RICE, 1)).net_total == y(50)
    assert price(p, (RICE, 2)).line(1).adjustments[-1].reason == "每满100减10（最高减30）"


def test_buy_two_get_the_cheapest_free() -> None:
    p = Promotion("B2G1", K.BUY_GET, buy=2, get=1, scope=Scope(categories=("drinks",)))
    sale = price(p, (TEA, 2), (COLA, 1))  # the 3.00 cola is the cheapest of three
    assert sale.net_total == y(16)
    assert sale.line(2).net == y(0) and reasons(sale, 2) == ["买2赠1"]
    six = price(p, (TEA, 4), (COLA, 2))  # two free: both colas
    assert six.net_total == y(32)
    five = price(p, (TEA, 4), (COLA, 1))  # five units: one free
    assert five.net_total == y(32)
    # Chips are not drinks: they neither count nor go free.
    assert price(p, (TEA, 2), (CHIPS, 1)).net_total == y("22.50")


def test_buy_two_get_another_sku_free() -> None:
    p = Promotion("SHAMPOO-TOWEL", K.BUY_GET, buy=2, get=1, gift_sku="TOWEL",
                  scope=Scope(skus=("SHAMPOO",)))  # fmt: skip
    one_gift = price(p, (SHAMPOO, 2), (TOWEL, 2))
    assert one_gift.line(2).net == y("29.90")  # one of the two towels is free
    assert one_gift.net_total == y("79.80") + y("29.90")
    assert price(p, (SHAMPOO, 1), (TOWEL, 1)).net_total == y("69.80")  # one is not two


def test_second_at_half_price_and_third_at_70_percent() -> None:
    half = Promotion("HALF", K.NTH_ITEM, nth=2, rate=Decimal("0.5"), scope=Scope(skus=("TEA",)))
    assert price(half, (TEA, 2)).net_total == y(12)
    assert price(half, (TEA, 3)).net_total == y(20)
    assert price(half, (TEA, 4)).net_total == y(24)
    assert reasons(price(half, (TEA, 2)), 1) == ["第2件半价"]
    third = Promotion("THIRD", K.NTH_ITEM, nth=3, rate=Decimal("0.7"))
    assert price(third, (TEA, 3)).net_total == y("21.60")  # 8 + 8 + 5.60
    assert price(third, (TEA, 1), (COLA, 2)).net_total == y(14)  # per SKU: no third of any


def test_add_9_90_to_get_a_towel() -> None:
    p = Promotion("JJG", K.ADD_ON, threshold=y(100), gift_sku="TOWEL", add_on_price=y("9.90"))
    sale = price(p, (RICE, 2), (TOWEL, 2))
    assert sale.line(2).net == y("9.90") + y("29.90")  # one towel at 9.90, the other at full
    assert reasons(sale, 2) == ["满100加9.9元换购"]
    # The towel's own price does not count towards the 100.00.
    assert price(p, (RICE, 1), (TOWEL, 3)).line(2).net == y("89.70")


def test_time_limited_special_price_by_date_and_hour() -> None:
    window = Window(since=date(2026, 11, 27), until=date(2026, 11, 29), hours=(18, 22))
    p = Promotion("NIGHT", K.SPECIAL_PRICE, prices=(("COLA", y(2)),), window=window)
    friday = date(2026, 11, 27)
    at = datetime(2026, 11, 27, 17, 59, tzinfo=TZ)
    assert price(p, (COLA, 3), at=at, today=friday).net_total == y(9)
    at = datetime(2026, 11, 27, 18, 0, tzinfo=TZ)
    evening = price(p, (COLA, 3), at=at, today=friday, member=GOLD)
    # The special price replaces the price, and the line then takes no tier discount.
    assert evening.net_total == y(6) and evening.line(1).unit_price == y(2)
    assert reasons(evening, 1) == ["限时特价"]
    assert price(p, (COLA, 3), at=at.replace(hour=22), today=friday).net_total == y(9)
    after = datetime(2026, 11, 30, 19, 0, tzinfo=TZ)
    assert price(p, (COLA, 3), at=after, today=date(2026, 11, 30)).net_total == y(9)
    # Without the moment of the sale an hour-limited price cannot be told in force.
    assert price(p, (COLA, 3), today=friday).net_total == y(9)


def test_the_same_programme_priced_through_the_day_follows_hours_tiers_stores_and_zones() -> None:
    """The promotions in force are kept per audience, store and local hour of each time
    zone the programme's windows use: one programme, priced again and again, must still
    follow the hour, the tier, the store and a window kept in another zone."""
    night = Promotion("NIGHT", K.SPECIAL_PRICE, prices=(("COLA", y(2)),),
                      window=Window(hours=(18, 22)))  # fmt: skip
    gold = Promotion("GOLD", K.PERCENT_OFF, rate=Decimal("0.5"), scope=Scope(skus=("RICE",)),
                     audience=Audience(tiers=("gold",), stores=("S1",)))  # fmt: skip
    utc = Promotion("UTC", K.SPECIAL_PRICE, prices=(("TEA", y(1)),),
                    window=Window(hours=(10, 11), tz="UTC"))  # fmt: skip
    rules = with_promos(night, gold, utc)
    items = cart((COLA, 1), (RICE, 1), (TEA, 1))

    def total(hour: int, minute: int = 0, member: MemberSnapshot | None = None,
              store: str = "S1") -> Money:  # fmt: skip
        at = datetime(2026, 11, 23, hour, minute, tzinfo=TZ)
        return price_sale(items, member, rules, today=TODAY, at=at, store_id=store).net_total

    assert total(17, 59) == y(61)  # 3 + 50 + 8
    # From 18:00 the cola at 2.00; 18:00-18:59 in Shanghai is 10:00-10:59 UTC: the tea at 1.00.
    assert total(18) == y(53)
    # Gold in S1: the rice at gold's 95% (47.50) then halved; the special prices take no tier.
    assert total(18, 59, GOLD) == y("26.75")
    assert total(18, 30, GOLD, store="S2") == y("50.50")  # not in S2: 2 + 47.50 + 1
    assert total(17, 59) == y(61)  # and back: nothing kept from the later hour
    assert total(19) == y(60)  # 11:00 UTC: the tea at 8.00 again, the cola still at 2.00
    assert total(18, 5) == total(18) == y(53) and total(17) == y(61)


def test_tuesday_member_day_twenty_percent_off_after_the_tier() -> None:
    p = Promotion("VIPDAY", K.PERCENT_OFF, name="周二会员全场八折", rate=Decimal("0.8"),
                  window=Window(weekdays=(2,)), audience=Audience(members_only=True))  # fmt: skip
    tuesday = date(2026, 11, 24)
    sale = price(p, (RICE, 2), member=GOLD, today=tuesday)
    assert sale.net_total == y(76)  # 100 at gold's 95% = 95, then 80% = 76
    assert reasons(sale, 1) == ["周二会员全场八折"]
    assert price(p, (RICE, 2), today=tuesday).net_total == y(100)  # not a member
    assert price(p, (RICE, 2), member=GOLD).net_total == y(95)  # a Monday


def test_quantity_breaks() -> None:
    p = Promotion("CASE", K.QUANTITY_BREAK, scope=Scope(skus=("COLA",)),
                  steps=(Step(6, rate=Decimal("0.9")), Step(24, rate=Decimal("0.8"))))  # fmt: skip
    assert price(p, (COLA, 5)).net_total == y(15)
    assert price(p, (COLA, 6)).net_total == y("16.20")
    assert price(p, (COLA, 24)).net_total == y("57.60")


# --- scopes, audiences, lines that take no promotion -------------------------


def test_scope_by_category_and_excluded_sku() -> None:
    p = Promotion("DRINKS", K.SPEND_OFF, steps=(Step(2000, off=y(5)),),
                  scope=Scope(categories=("drinks",), exclude_skus=("COLA",)))  # fmt: skip
    # 16.00 of tea does not reach 20.00: the cola is excluded and the rice is grain.
    assert price(p, (TEA, 2), (COLA, 5), (RICE, 1)).net_total == y(81)
    sale = price(p, (TEA, 3), (COLA, 1))
    assert sale.net_total == y(22) and sale.line(2).net == y(3)


def test_promotion_for_some_tiers_only() -> None:
    p = Promotion(
        "GOLDONLY", K.PERCENT_OFF, rate=Decimal("0.9"), audience=Audience(tiers=("gold",))
    )
    assert price(p, (TEA, 1), member=GOLD).net_total == y("6.84")  # 8 * 0.95 * 0.9
    assert price(p, (TEA, 1), member=MemberSnapshot("M2", "silver")).net_total == y("7.84")
    assert price(p, (TEA, 1)).net_total == y(8)


def test_member_price_and_no_further_discount_lines() -> None:
    milk = Product("MILK", "牛奶", y(10), member_price=y(9))
    fixed = Product("FIXED", "烟", y(25), no_further_discount=True)
    half = Promotion("HALF", K.NTH_ITEM, nth=2, rate=Decimal("0.5"))
    # Item promotions skip a member-price line; order promotions count it as coupons do.
    assert price(half, (milk, 2), member=GOLD).net_total == y(18)
    mj = Promotion("MJ", K.SPEND_OFF, steps=(Step(2000, off=y(5)),))
    # The no-further-discount line neither takes the 满减 nor counts towards it.
    assert price(mj, (milk, 2), (fixed, 1), member=GOLD).net_total == y(43)  # 18 < 20
    assert price(mj, (milk, 3), (fixed, 1), member=GOLD).net_total == y(47)  # 27 - 5 + 25


def test_weighed_goods_take_order_promotions_but_not_unit_ones() -> None:
    apples = CartLine(1, APPLES, weight_g=2500)  # 25.00
    half = Promotion("HALF", K.NTH_ITEM, nth=2, rate=Decimal("0.5"))
    mj = Promotion("MJ", K.SPEND_OFF, steps=(Step(2000, off=y(5)),))
    sale = price_sale([apples], None, with_promos(half, mj), (), 0, TODAY)
    assert sale.net_total == y(20)


# --- order, stacking, exclusivity, best for the customer ---------------------


def test_item_promotions_then_tier_then_order_promotions_then_coupons() -> None:
    half = Promotion("HALF", K.NTH_ITEM, nth=2, rate=Decimal("0.5"), scope=Scope(skus=("TEA",)))
    coupon = Coupon("C10", CouponKind.AMOUNT_OFF, TODAY, TODAY, value=y(10), minimum_spend=y(50))
    sale = price((half, MANJIAN), (TEA, 2), (RICE, 2), member=GOLD, coupons=(coupon,))
    # Tea 16 -> 12 (second half), gold 95%: 11.40 + 95.00 = 106.40; 满100减20 -> 86.40; -10.
    assert sale.net_total == y("76.40")
    kinds = [a.kind for a in sale.line(1).adjustments]
    assert kinds == [AdjustmentKind.PROMOTION, AdjustmentKind.TIER_DISCOUNT,
                     AdjustmentKind.PROMOTION, AdjustmentKind.COUPON]  # fmt: skip
    assert sale.promotions == ("HALF", "MJ")


def test_exclusive_promotions_the_best_for_the_customer_wins() -> None:
    mj = Promotion("A-MJ", K.SPEND_OFF, steps=(Step(10000, off=y(20)),), exclusive_group="order")
    mz = Promotion("B-MZ", K.SPEND_PERCENT, steps=(Step(10000, rate=Decimal("0.85")),),
                   exclusive_group="order")  # fmt: skip
    at_100 = price((mj, mz), (RICE, 2))
    assert at_100.net_total == y(80) and at_100.promotions == ("A-MJ",)  # 20 off beats 15
    at_200 = price((mj, mz), (RICE, 4))
    assert at_200.net_total == y(170) and at_200.promotions == ("B-MZ",)  # 30 off beats 20
    # Both, were they combinable: 满折 comes before 满减: 85% of 200 = 170, less 20.
    assert price((replace(mj, exclusive_group=""), replace(mz, exclusive_group="")),
                 (RICE, 4)).net_total == y(150)  # fmt: skip


def test_an_item_promotion_against_an_order_promotion_in_one_group() -> None:
    half = Promotion("HALF", K.NTH_ITEM, nth=2, rate=Decimal("0.5"), exclusive_group="x")
    mj = Promotion("MJ", K.SPEND_OFF, steps=(Step(1500, off=y(2)),), exclusive_group="x")
    sale = price((half, mj), (TEA, 2))
    assert sale.net_total == y(12) and sale.promotions == ("HALF",)


def test_equal_savings_go_to_the_higher_priority_then_the_lower_code() -> None:
    a = Promotion("A", K.SPEND_OFF, steps=(Step(1000, off=y(2)),), exclusive_group="g")
    b = Promotion("B", K.EVERY_OFF, every=y(10), off=y(2), exclusive_group="g")
    assert price((b, a), (TEA, 2)).promotions == ("A",)
    assert price((a, replace(b, priority=1)), (TEA, 2)).promotions == ("B",)


def test_a_total_never_goes_below_zero() -> None:
    free = Promotion("FREE", K.NTH_ITEM, nth=2, rate=Decimal(0))
    big = Promotion("BIG", K.EVERY_OFF, every=y(1), off=Money(99))
    sale = price((free, big), (COLA, 2))
    assert sale.net_total >= y(0) and all(pl.net >= y(0) for pl in sale.lines)


# --- data: JSON round trip and clear refusals --------------------------------


def test_promotions_travel_in_the_rules_json() -> None:
    promos = (
        MANJIAN,
        Promotion("NIGHT", K.SPECIAL_PRICE, prices=(("COLA", y(2)),),
                  window=Window(since=TODAY, weekdays=(5, 6), hours=(18, 22))),
        Promotion("VIP", K.PERCENT_OFF, rate=Decimal("0.8"),
                  audience=Audience(members_only=True, tiers=("gold",))),
        Promotion("JJG", K.ADD_ON, threshold=y(100), gift_sku="TOWEL", add_on_price=y("9.90")),
    )  # fmt: skip
    rules = with_promos(*promos)
    back = ProgrammeRules.from_dict(rules.to_dict())
    assert back.promotions == promos
    assert ProgrammeRules.from_dict(demo_rules().to_dict()).promotions == ()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"code": "X", "kind": "spend_off", "steps": [{"threshold": 2000, "off": 2000}]},
            "满减门槛必须大于减免金额",
        ),
        ({"code": "X", "kind": "spend_off", "steps": []}, "至少需要一档门槛"),
        ({"code": "X", "kind": "every_off", "every": 1000, "off": 1000}, "每满减的门槛"),
        ({"code": "X", "kind": "buy_get", "buy": 2, "get": 0}, "赠送件数"),
        ({"code": "X", "kind": "percent_off", "rate": "1.2"}, "折扣率"),
        ({"code": "X", "kind": "nth_item", "nth": 1, "rate": "0.5"}, "至少为 2"),
        ({"code": "X", "kind": "special_price", "prices": []}, "特价"),
        ({"code": "X", "kind": "add_on", "add_on_price": 990}, "换购商品"),
        ({"code": "X", "kind": "percent_off", "rate": "0.8", "window": {"weekdays": [8]}}, "星期"),
        ({"code": "X", "kind": "lucky_draw"}, "本版本不支持"),
        ({"code": "X", "kind": "every_off", "every": "lots"}, "数据不完整或有误"),
    ],
)
def test_bad_promotions_are_refused_with_a_clear_message(
    data: dict[str, object], message: str
) -> None:
    with pytest.raises(PromotionInvalid, match=message):
        promotion_from_dict(data)


def test_promotion_codes_are_unique_in_a_programme() -> None:
    with pytest.raises(ValueError, match="unique"):
        with_promos(MANJIAN, MANJIAN)


# --- the nearest promotion not yet reached ------------------------------------


def test_the_cart_says_what_is_missing_for_the_nearest_rung() -> None:
    sale = price(MANJIAN, (RICE, 1), (TEA, 4), (CHIPS, 1), (COLA, 1))  # 50 + 32 + 6.50 + 3
    assert sale.net_total == y("91.50")
    assert sale.nearest_hint is not None
    assert sale.nearest_hint.text == "再买¥8.50 享满100减20"
    reached = price(MANJIAN, (RICE, 3))  # 150: the first rung taken, the second missing 50
    assert reached.net_total == y(130)
    assert [h.text for h in reached.hints] == ["再买¥50.00 享满200减50"]
    assert price(MANJIAN, (RICE, 4)).hints == ()  # the top rung: nothing more to say
    every = Promotion("MM", K.EVERY_OFF, every=y(100), off=y(10), cap=y(30))
    both = price((MANJIAN, every), (RICE, 5))  # 250 - 50 = 200 when 每满减 looks
    assert [h.text for h in both.hints] == ["再买¥100.00 享每满100减10（最高减30）"]


def test_a_promotion_for_some_stores_only() -> None:
    p = Promotion("S1ONLY", K.PERCENT_OFF, rate=Decimal("0.9"), audience=Audience(stores=("S001",)))
    rules = with_promos(p)
    here = price_sale(cart((TEA, 1)), None, rules, (), 0, TODAY, None, "S001")
    there = price_sale(cart((TEA, 1)), None, rules, (), 0, TODAY, None, "S002")
    assert (here.net_total, there.net_total) == (y("7.20"), y(8))
    assert ProgrammeRules.from_dict(rules.to_dict()).promotions == (p,)
