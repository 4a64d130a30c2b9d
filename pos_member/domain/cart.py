"""Products and cart lines: counted goods by quantity, weighed goods by grams."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from pos_member.domain.errors import InvalidQuantity
from pos_member.domain.money import Money
from pos_member.domain.text import Text

MAX_QUANTITY = 999
MAX_WEIGHT_G = 100_000  # 100 kg on a counter scale


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

    def validate(self) -> None:
        if self.product.sold_by_weight:
            if self.weight_g is None or not (0 < self.weight_g <= MAX_WEIGHT_G):
                raise InvalidQuantity(
                    quantity=Text("{grams} g", grams=self.weight_g), product=self.product.name
                )
        elif not (isinstance(self.quantity, int) and 0 < self.quantity <= MAX_QUANTITY):
            raise InvalidQuantity(quantity=self.quantity, product=self.product.name)
        if self.price_override is not None and self.price_override.fen < 0:
            raise InvalidQuantity(quantity=str(self.price_override), product=self.product.name)

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
