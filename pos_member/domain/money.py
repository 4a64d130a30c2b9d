"""Money as an integer number of fen, and the till's rounding rules.

Amounts are never floats. ``Money`` wraps an ``int`` of fen; conversion to
``Decimal`` or text happens only at the edges (screen, receipt, JSON).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import SupportsIndex

TESTED_IN = "tests/unit/domain/test_money_cards.py"

FEN_PER_YUAN = 100


@dataclass(frozen=True, order=True, slots=True)
class Money:
    """An amount in fen (1/100 yuan). Immutable; arithmetic stays integral."""

    fen: int

    def __post_init__(self) -> None:
        if not isinstance(self.fen, int) or isinstance(self.fen, bool):
            raise TypeError(f"Money needs an int of fen, got {type(self.fen).__name__}")

    @classmethod
    def zero(cls) -> Money:
        return cls(0)

    @classmethod
    def yuan(cls, value: str | int | Decimal) -> Money:
        """Parse yuan (``"12.34"``, ``12``, ``Decimal("0.5")``); more than 2 decimals is refused."""
        if isinstance(value, float):
            raise TypeError("Money.yuan refuses floats; pass a str or Decimal")
        try:
            d = Decimal(str(value).strip().replace(",", "").lstrip("¥"))
        except InvalidOperation as exc:
            raise ValueError(f"not an amount: {value!r}") from exc
        fen = d * FEN_PER_YUAN
        if fen != fen.to_integral_value():
            raise ValueError(f"amount has more than two decimals: {value!r}")
        return cls(int(fen))

    def to_decimal(self) -> Decimal:
        return (Decimal(self.fen) / FEN_PER_YUAN).quantize(Decimal("0.01"))

    def __str__(self) -> str:
        sign = "-" if self.fen < 0 else ""
        return f"{sign}¥{abs(self.fen) // 100:,}.{abs(self.fen) % 100:02d}"

    def plain(self) -> str:
        """``12.34`` without the currency sign (for JSON and input fields)."""
        sign = "-" if self.fen < 0 else ""
        return f"{sign}{abs(self.fen) // 100}.{abs(self.fen) % 100:02d}"

    def __add__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        return Money(self.fen + other.fen)

    def __sub__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        return Money(self.fen - other.fen)

    def __neg__(self) -> Money:
        return Money(-self.fen)

    def __abs__(self) -> Money:
        return Money(abs(self.fen))

    def __mul__(self, n: SupportsIndex) -> Money:
        if isinstance(n, (float, Decimal)):
            raise TypeError("multiply Money by an int; use scale() for rates")
        return Money(self.fen * int(n))

    __rmul__ = __mul__

    def __bool__(self) -> bool:
        return self.fen != 0

    def scale(self, rate: Decimal) -> Money:
        """This amount times ``rate``, rounded half-up to the fen."""
        return Money(int((Decimal(self.fen) * rate).quantize(Decimal(1), rounding=ROUND_HALF_UP)))

    def is_negative(self) -> bool:
        return self.fen < 0


def total(amounts: list[Money] | tuple[Money, ...]) -> Money:
    return Money(sum(m.fen for m in amounts))


class Rounding(enum.StrEnum):
    """How the till rounds the amount due (抹零). A configured, named rule."""

    TO_FEN = "to_fen"  # exact to the fen
    DROP_FEN = "drop_fen"  # 抹分: drop the fen, keep yuan and jiao
    DROP_JIAO = "drop_jiao"  # 抹角: drop jiao and fen, keep whole yuan
    HALF_UP_JIAO = "half_up_jiao"  # 四舍五入到角

    def apply(self, amount: Money) -> Money:
        if amount.fen < 0:
            raise ValueError("rounding applies to an amount due, not to a negative amount")
        if self is Rounding.TO_FEN:
            return amount
        if self is Rounding.DROP_FEN:
            return Money(amount.fen - amount.fen % 10)
        if self is Rounding.DROP_JIAO:
            return Money(amount.fen - amount.fen % 100)
        return Money(int((Decimal(amount.fen) / 10).quantize(Decimal(1), ROUND_HALF_UP)) * 10)


def allocate(amount: int, weights: list[int]) -> list[int]:
    """Split ``amount`` over ``weights`` in proportion, exactly (largest remainder).

    The parts add up to ``amount``; each part is within one unit of its exact
    share; ties go to the earlier weight. Zero weights get zero unless all are
    zero, in which case everything goes to the first. Works for negative amounts.
    """
    if not weights:
        if amount:
            raise ValueError("cannot allocate a non-zero amount over nothing")
        return []
    if any(w < 0 for w in weights):
        raise ValueError("weights must not be negative")
    wsum = sum(weights)
    if wsum == 0:
        return [amount] + [0] * (len(weights) - 1)
    sign = -1 if amount < 0 else 1
    a = abs(amount)
    parts = [a * w // wsum for w in weights]
    remainders = [(a * w) % wsum for w in weights]
    left = a - sum(parts)
    order = sorted(range(len(weights)), key=lambda i: (-remainders[i], i))
    for i in order[:left]:
        parts[i] += 1
    return [sign * p for p in parts]
