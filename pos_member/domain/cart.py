"""Products and cart lines: counted goods by quantity, weighed goods by grams."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from pos_member.domain.errors import (
    InvalidAmount,
    InvalidQuantity,
    PriceOverrideBeyondRole,
    PriceOverrideTooHigh,
    WeightNotWhole,
)
from pos_member.domain.money import Money
from pos_member.domain.text import Text

if TYPE_CHECKING:
    from pos_member.domain.rules import GiftRate

TESTED_IN = "tests/unit/domain/test_properties.py"

MAX_QUANTITY = 999
MAX_WEIGHT_G = 100_000  # 100 kg on a counter scale


def whole(value: object) -> bool:
    """An ``int`` and not a ``bool``: what a count (pieces, grams) must be."""
    return type(value) is int


def check_quantity(quantity: object, product: str) -> int:
    """``quantity`` as pieces of ``product``: a whole number from 1 to ``MAX_QUANTITY``."""
    if not (whole(quantity) and 0 < quantity <= MAX_QUANTITY):  # type: ignore[operator]
        raise InvalidQuantity(quantity=quantity, product=product)
    return quantity  # type: ignore[return-value]


def check_grams(grams: object, product: str) -> int:
    """``grams`` of a weighed ``product``: whole grams from 1 to ``MAX_WEIGHT_G``.

    A float or a bool is refused with its own message (never a ``TypeError``
    from the price arithmetic later).
    """
    if grams is None:
        raise InvalidQuantity(quantity=Text("no weight"), product=product)
    if not whole(grams):
        raise WeightNotWhole(product=product, grams=grams)
    if not (0 < grams <= MAX_WEIGHT_G):  # type: ignore[operator]
        raise InvalidQuantity(quantity=Text("{grams} g", grams=grams), product=product)
    return grams  # type: ignore[return-value]


def check_price_override(
    product: Product, override: Money, max_cut_percent: int, role: str
) -> None:
    """A price override lowers the catalogue price, by at most ``max_cut_percent`` for ``role``.

    ``role`` is the approver's role name (a phrase, translated on screen). The
    lowest price is rounded up to the fen, so a limit is never exceeded by rounding.
    """
    if override.fen < 0:
        raise InvalidAmount(what="Price override", value=str(override))
    if override > product.price:
        raise PriceOverrideTooHigh(product=product.name, price=product.price, override=override)
    lowest = Money(-(-product.price.fen * (100 - max_cut_percent) // 100))
    if override < lowest:
        raise PriceOverrideBeyondRole(
            product=product.name, role=role, percent=max_cut_percent, lowest=lowest,
            override=override,
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Product:
    """A catalogue item. For weighed goods ``price`` is per kilogram."""

    sku: str
    name: str
    price: Money
    member_price: Money | None = None  # 会员价
    earns_points: bool = True
    no_further_discount: bool = False  # takes no tier discount and no coupon
    sold_by_weight: bool = False
    barcode: str | None = None
    category: str = ""  # what category-scoped promotions match
    brand: str = ""  # what brand-scoped promotions and coupons match

    def __post_init__(self) -> None:
        if self.price.fen < 0 or (self.member_price is not None and self.member_price.fen < 0):
            raise ValueError(f"product {self.sku}: prices must not be negative")


@dataclass(frozen=True, slots=True)
class CartLine:
    """One line of a sale: ``quantity`` units, or ``weight_g`` grams of a weighed product.

    ``units`` is what a refund counts in: pieces, or grams for weighed goods.
    ``price_override`` is a supervisor-approved unit price that replaces the
    catalogue and member prices.
    """

    line_no: int
    product: Product
    quantity: int = 1
    weight_g: int | None = None
    price_override: Money | None = None
    override_reason: str = ""
    #: 积分兑换: the gift's rate taken (points and cash per unit), or None for a sale.
    gift: GiftRate | None = None

    def validate(self) -> None:
        if self.product.sold_by_weight:
            check_grams(self.weight_g, self.product.name)
        else:
            check_quantity(self.quantity, self.product.name)
        if self.price_override is not None and self.price_override.fen < 0:
            raise InvalidAmount(what="Price override", value=str(self.price_override))
        if self.gift is not None and (self.product.sold_by_weight or self.price_override):
            raise ValueError("a gift is counted in pieces, at its rate")

    @property
    def gift_points(self) -> int:
        """The points this line takes as a gift (0 for a sale)."""
        return self.gift.points * self.quantity if self.gift is not None else 0

    @property
    def units(self) -> int:
        if self.product.sold_by_weight:
            assert self.weight_g is not None
            return self.weight_g
        return self.quantity

    def amount_at(self, unit_price: Money) -> Money:
        """This line's amount at ``unit_price`` (per piece, or per kg for weighed goods)."""
        if self.product.sold_by_weight:
            assert self.weight_g is not None
            exact = Decimal(unit_price.fen) * self.weight_g / 1000
            return Money(int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP)))
        return unit_price * self.quantity
