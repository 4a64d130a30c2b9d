"""Money arithmetic, rounding rules, exact allocation, check digits, phones, card states."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_member.domain.cards import (
    CardNumberRule,
    CardState,
    card_transition,
    gs1_check_digit,
    gs1_valid,
    luhn_valid,
    mask_card,
    mask_name,
    mask_phone,
    normalise_phone,
)
from pos_member.domain.errors import BadCheckDigit, CardStateChangeRefused, ValidationError
from pos_member.domain.money import Money, Rounding, allocate


def test_money_parses_yuan_exactly_and_refuses_floats() -> None:
    assert Money.yuan("12.34") == Money(1234)
    assert Money.yuan("¥1,000") == Money(100000)
    assert Money.yuan(Decimal("0.5")) == Money(50)
    with pytest.raises(TypeError):
        Money.yuan(12.34)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="two decimals"):
        Money.yuan("1.234")
    with pytest.raises(ValueError, match="not an amount"):
        Money.yuan("abc")
    with pytest.raises(TypeError):
        Money(1.5)  # type: ignore[arg-type]


def test_money_text_and_arithmetic() -> None:
    assert str(Money(123456)) == "¥1,234.56"
    assert str(Money(-5)) == "-¥0.05"
    assert Money(1000).plain() == "10.00"
    assert Money(100) + Money(5) - Money(10) == Money(95)
    assert Money(250) * 3 == Money(750)
    assert Money(1000).scale(Decimal("0.95")) == Money(950)
    # half-up to the fen: 0.95 * 12.35 = 11.7325 -> 11.73 ; 0.88 * 0.63 = 0.5544 -> 0.55
    assert Money(1235).scale(Decimal("0.95")) == Money(1173)
    assert Money(63).scale(Decimal("0.88")) == Money(55)
    assert Money(5).scale(Decimal("0.5")) == Money(3)  # 2.5 fen rounds half up
    with pytest.raises(TypeError):
        Money(100) * Decimal("0.9")  # type: ignore[operator]


@pytest.mark.parametrize(
    ("rule", "fen", "expected"),
    [
        (Rounding.TO_FEN, 12345, 12345),
        (Rounding.DROP_FEN, 12345, 12340),  # 抹分 ¥123.45 -> ¥123.40
        (Rounding.DROP_JIAO, 12345, 12300),  # 抹角 ¥123.45 -> ¥123.00
        (Rounding.HALF_UP_JIAO, 12345, 12350),
        (Rounding.HALF_UP_JIAO, 12344, 12340),
        (Rounding.DROP_JIAO, 99, 0),
    ],
)
def test_rounding_rules(rule: Rounding, fen: int, expected: int) -> None:
    assert rule.apply(Money(fen)) == Money(expected)


@given(
    st.integers(min_value=-(10**9), max_value=10**9),
    st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=20),
)
def test_allocate_is_exact_and_fair(amount: int, weights: list[int]) -> None:
    parts = allocate(amount, weights)
    assert sum(parts) == amount
    wsum = sum(weights)
    if wsum:
        for p, w in zip(parts, weights, strict=True):
            assert abs(p * wsum - amount * w) < wsum  # within one unit of the exact share
            if w == 0:
                assert p == 0


def test_luhn_and_card_rule() -> None:
    assert luhn_valid("79927398713")
    assert not luhn_valid("79927398710")
    rule = CardNumberRule(prefix="8800", length=16)
    number = rule.make(12345)
    assert number.startswith("8800") and len(number) == 16 and luhn_valid(number)
    assert rule.validate(f" {number} ") == number
    wrong = number[:-1] + str((int(number[-1]) + 1) % 10)
    with pytest.raises(BadCheckDigit) as err:
        rule.validate(wrong)
    assert wrong in err.value.message
    with pytest.raises(ValidationError):
        rule.validate("123")
    with pytest.raises(ValueError, match="does not fit"):
        rule.make(10**12)


def test_gs1_check_digits_of_real_codes() -> None:
    assert gs1_check_digit("690123456789") == "2"  # EAN-13 6901234567892
    assert gs1_valid("6901234567892")
    assert gs1_valid("96385074")  # EAN-8
    assert gs1_valid("036000291452")  # UPC-A
    assert not gs1_valid("6901234567893")


def test_phone_normalisation_and_masking() -> None:
    assert normalise_phone("+86 138-1234-5678") == "13812345678"
    assert normalise_phone("8613812345678") == "13812345678"
    with pytest.raises(ValidationError):
        normalise_phone("12812345678")
    assert mask_phone("13812345678") == "138****5678"
    assert mask_name("张三丰") == "张**"
    assert mask_name("李") == "李*"
    assert mask_card("8800000000000427") == "8800********0427"


def test_card_life_cycle() -> None:
    assert card_transition(CardState.STOCK, "issue") is CardState.ACTIVE
    assert card_transition(CardState.ACTIVE, "report_lost") is CardState.LOST
    assert card_transition(CardState.LOST, "replace") is CardState.REPLACED
    with pytest.raises(CardStateChangeRefused):
        card_transition(CardState.REPLACED, "found")
    with pytest.raises(CardStateChangeRefused):
        card_transition(CardState.STOCK, "report_lost")
