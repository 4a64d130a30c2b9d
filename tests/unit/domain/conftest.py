from __future__ import annotations

from datetime import date

import pytest

from pos_member.domain.cart import Product
from pos_member.domain.money import Money
from pos_member.domain.rules import ProgrammeRules, demo_rules

TODAY = date(2026, 11, 23)
y = Money.yuan


@pytest.fixture
def rules() -> ProgrammeRules:
    return demo_rules()


@pytest.fixture
def milk() -> Product:
    return Product("P1", "鲜牛奶 1L", y("12.50"), barcode="6901234567892")


@pytest.fixture
def rice() -> Product:
    # member price, earns no points, takes no further discount
    return Product(
        "P2",
        "东北大米 5kg",
        y("59.90"),
        member_price=y("49.90"),
        earns_points=False,
        no_further_discount=True,
    )


@pytest.fixture
def apples() -> Product:
    return Product("P3", "红富士苹果", y("9.80"), sold_by_weight=True)
