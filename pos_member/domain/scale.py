"""Scale labels: the in-store EAN-13 a counter scale prints for weighed goods.

One definition read by the scanner's classifier (``drivers.classify``) and by
the catalogue that sells (``services.catalogue``), so a label means the same
item and weight wherever it is read. A label is ``prefix | item code |
skipped digits | value | EAN check digit``; the value is the weight in grams
or the price in fen. Which layouts a store's scales print is a setting
(``POS_MEMBER_DEVICES_WEIGHED_LAYOUTS``); these defaults are the documented ones.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from pos_member.domain.cards import gs1_valid
from pos_member.domain.money import Money

TESTED_IN = "tests/unit/domain/test_identifiers.py"

LABEL_LENGTH = 13


class LabelValue(enum.StrEnum):
    """What the value digits of a scale label hold."""

    WEIGHT_G = "weight_g"
    PRICE_FEN = "price_fen"


@dataclass(frozen=True, slots=True)
class ScaleLabel:
    """One label read: the store's item code and the weight or the price it carries."""

    code: str
    item_code: str
    weight_g: int | None = None
    price_fen: int | None = None

    def grams_at(self, price_per_kg: Money) -> int | None:
        """The weight sold: the label's, or the one its price buys at ``price_per_kg``."""
        if self.weight_g is not None:
            return self.weight_g
        if self.price_fen is None or price_per_kg.fen <= 0:
            return None
        grams = Decimal(self.price_fen) * 1000 / price_per_kg.fen
        return int(grams.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True, slots=True)
class ScaleLayout:
    """Where the item code and the weight or price sit in an in-store EAN-13."""

    prefix: str
    item_digits: int
    value: LabelValue
    value_digits: int
    skip_digits: int = 0

    def __post_init__(self) -> None:
        if not (len(self.prefix) >= 1 and self.prefix.isdigit() and self.prefix.startswith("2")):
            raise ValueError("in-store EAN-13 prefixes start with 2")
        if min(self.item_digits, self.value_digits) < 1 or self.skip_digits < 0:
            raise ValueError("a weighed-goods layout needs item and value digits")
        used = len(self.prefix) + self.item_digits + self.skip_digits + self.value_digits + 1
        if used != LABEL_LENGTH:
            raise ValueError(f"a weighed-goods layout must fill 13 digits, this one fills {used}")

    def read(self, code: str) -> ScaleLabel:
        """The label ``code`` (13 digits starting with this prefix) in this layout."""
        start = len(self.prefix)
        item = code[start : start + self.item_digits]
        value_at = start + self.item_digits + self.skip_digits
        value = int(code[value_at : value_at + self.value_digits])
        if self.value is LabelValue.WEIGHT_G:
            return ScaleLabel(code, item, weight_g=value)
        return ScaleLabel(code, item, price_fen=value)


DEFAULT_SCALE_LAYOUTS: tuple[ScaleLayout, ...] = (
    ScaleLayout(prefix="20", item_digits=5, value=LabelValue.PRICE_FEN, value_digits=5),
    ScaleLayout(prefix="21", item_digits=5, value=LabelValue.WEIGHT_G, value_digits=5),
)


def read_scale_label(
    code: str, layouts: tuple[ScaleLayout, ...] = DEFAULT_SCALE_LAYOUTS
) -> ScaleLabel | None:
    """The label ``code`` is in the first layout whose prefix it starts with, else None.

    Only a 13-digit code starting with 2 with a valid EAN check digit is a label.
    """
    if len(code) != LABEL_LENGTH or not code.isdigit() or code[0] != "2" or not gs1_valid(code):
        return None
    for layout in layouts:
        if code.startswith(layout.prefix):
            return layout.read(code)
    return None
