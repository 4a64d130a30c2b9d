"""``jsondata.to_jsonable``: domain values as plain JSON data (Money as fen, dates as ISO
text, Decimals as text so that no rate turns into a float, enums by value)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pos_member.domain.jsondata import to_jsonable
from pos_member.domain.money import Money
from pos_member.domain.rules import CouponKind, demo_rules


@dataclass(frozen=True)
class _Inner:
    price: Money
    rate: Decimal


@dataclass(frozen=True)
class _Outer:
    kind: CouponKind
    since: date
    inner: _Inner
    steps: tuple[_Inner, ...]
    note: str | None = None


def test_domain_values_become_plain_json_data() -> None:
    value = _Outer(
        CouponKind.PERCENT_OFF,
        date(2026, 11, 24),
        _Inner(Money(1234), Decimal("0.95")),
        (_Inner(Money(0), Decimal(1)),),
    )
    assert to_jsonable(value) == {
        "kind": "percent_off",
        "since": "2026-11-24",
        "inner": {"price": 1234, "rate": "0.95"},
        "steps": [{"price": 0, "rate": "1"}],
        "note": None,
    }


def test_the_demo_programme_is_json_without_a_float_and_reads_back_the_same() -> None:
    rules = demo_rules()
    text = json.dumps(to_jsonable(rules))

    def no_float(x: object) -> None:
        assert not isinstance(x, float)
        for v in x.values() if isinstance(x, dict) else x if isinstance(x, list) else ():
            no_float(v)

    no_float(json.loads(text))
    assert type(rules).from_dict(json.loads(text)) == rules
