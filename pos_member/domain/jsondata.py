"""Domain values as plain JSON data: the one conversion the rules and promotions share."""

from __future__ import annotations

import enum
from datetime import date
from decimal import Decimal
from typing import Any

from pos_member.domain.money import Money


def to_jsonable(value: Any) -> Any:
    """``value`` (dataclasses, Money as fen, dates as ISO text, enums by value) as JSON data."""
    if isinstance(value, Money):
        return value.fen
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [to_jsonable(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {name: to_jsonable(getattr(value, name)) for name in value.__dataclass_fields__}
    return value
