"""积分兑换 at the counter: the gifts a member can take now (docs/pricing.md).

One offer per gift and rate, for the counter's pick list: the gift's product,
the points and cash it asks, how many are left at this till, and whether the
member's points (less those the sale's gift lines already take) reach it.
Pricing and checkout check all of it again when the gift is on the sale.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from pos_member.domain.errors import MemberRequired, UnknownCard
from pos_member.domain.money import Money
from pos_member.domain.rules import GiftRate
from pos_member.services.checkout import gift_stock_left, spendable
from pos_member.services.context import Context
from pos_member.store.models import Member, Product


@dataclass(frozen=True, slots=True)
class GiftOffer:
    sku: str
    name: str
    rate: GiftRate
    stock_left: int | None  # None: no limit
    short_by: int  # points the member still lacks (0: affordable)

    @property
    def points(self) -> int:
        return self.rate.points

    @property
    def cash(self) -> Money:
        return self.rate.cash

    @property
    def takeable(self) -> bool:
        return self.short_by == 0 and self.stock_left != 0


def gift_offers(ctx: Context, member_id: int | None, points_taken: int = 0) -> list[GiftOffer]:
    """Every gift on offer at each of its rates for the member, cheapest in points first;
    ``points_taken`` are the points the sale's gift lines already take."""
    if member_id is None:
        raise MemberRequired(what="Taking a gift for points")
    today = ctx.today()
    with ctx.store.reading() as s:
        _, rules = ctx.rules(s)
        member = s.get(Member, member_id)
        if member is None:
            raise UnknownCard(number=str(member_id))
        available = max(spendable(s, member, today).points - points_taken, 0)
        rows = s.execute(
            select(Product.code, Product.name).where(Product.code.in_([g.sku for g in rules.gifts]))
        ).all()
        names = {str(code): str(name) for code, name in rows}
        offers = [
            GiftOffer(
                g.sku, names[g.sku], rate, gift_stock_left(s, g), max(rate.points - available, 0)
            )
            for g in rules.gifts
            if g.sku in names
            for rate in g.rates
        ]
    return sorted(offers, key=lambda o: (o.points, o.cash.fen, o.sku))
