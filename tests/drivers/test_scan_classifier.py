"""Classifying scans and typed text: every code family, and garbage with a reason."""

from __future__ import annotations

import pytest

from drivers.base import ScanKind
from drivers.classify import Classifier
from pos_member.domain.cards import CardNumberRule, CheckDigit, gs1_check_digit, luhn_check_digit
from pos_member.domain.scale import LabelValue, ScaleLayout

CLASSIFY = Classifier()
RULE = CardNumberRule()


def with_check(payload: str) -> str:
    return payload + gs1_check_digit(payload)


def wrong_check(code: str) -> str:
    return code[:-1] + str((int(code[-1]) + 1) % 10)


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("4006381333931", ScanKind.EAN13),  # a real product code
        (with_check("690123456789"), ScanKind.EAN13),  # Chinese prefix 690-699
        ("96385074", ScanKind.EAN8),
        (with_check("6901234"), ScanKind.EAN8),
        ("036000291452", ScanKind.UPCA),
    ],
)
def test_product_codes_with_good_check_digits(code: str, kind: ScanKind) -> None:
    c = CLASSIFY.classify(code + "\r")
    assert (c.kind, c.value, c.reason) == (kind, code, "")


@pytest.mark.parametrize(
    ("code", "family"),
    [
        (wrong_check("4006381333931"), "EAN-13"),
        (wrong_check("96385074"), "EAN-8"),
        (wrong_check("036000291452"), "UPC-A"),
    ],
)
def test_product_codes_with_bad_check_digits_are_rejected(code: str, family: str) -> None:
    c = CLASSIFY.classify(code)
    assert c.rejected and c.reason == f"{family} {code} has a wrong check digit: scan it again."


def test_weighed_goods_by_weight() -> None:
    code = with_check("21" + "12345" + "01250")
    c = CLASSIFY.classify(code)
    assert (c.kind, c.item_code, c.weight_g, c.price_fen) == (ScanKind.WEIGHED, "12345", 1250, None)


def test_weighed_goods_by_price() -> None:
    code = with_check("20" + "00042" + "01999")
    c = CLASSIFY.classify(code)
    assert (c.kind, c.item_code, c.weight_g, c.price_fen) == (ScanKind.WEIGHED, "00042", None, 1999)


def test_weighed_layouts_are_configurable() -> None:
    # A scale printing 2 | 6-digit item | 5-digit price, with a skipped digit: 1+6+0+5+1.
    layout = ScaleLayout(prefix="2", item_digits=6, value=LabelValue.PRICE_FEN, value_digits=5)
    classifier = Classifier(layouts=(layout,))
    c = classifier.classify(with_check("2" + "123456" + "00888"))
    assert (c.item_code, c.price_fen) == ("123456", 888)
    skipping = ScaleLayout("22", 4, LabelValue.WEIGHT_G, 5, skip_digits=1)
    c = Classifier(layouts=(skipping,)).classify(with_check("22" + "0077" + "9" + "00450"))
    assert (c.item_code, c.weight_g) == ("0077", 450)


def test_in_store_code_without_a_layout_stays_a_product_code() -> None:
    code = with_check("29" + "0000012345")
    assert CLASSIFY.classify(code).kind is ScanKind.EAN13


def test_weighed_layout_must_fill_thirteen_digits() -> None:
    with pytest.raises(ValueError, match="fill 13 digits"):
        ScaleLayout("21", 5, LabelValue.WEIGHT_G, 4)
    with pytest.raises(ValueError, match="start with 2"):
        ScaleLayout("31", 5, LabelValue.WEIGHT_G, 5)


def test_member_card_numbers() -> None:
    number = RULE.make(1234)
    c = CLASSIFY.classify(number)
    assert (c.kind, c.value) == (ScanKind.MEMBER_CARD, number)
    bad = CLASSIFY.classify(wrong_check(number))
    assert bad.rejected and "wrong check digit" in bad.reason


def test_member_card_rule_is_the_programmes() -> None:
    rule = CardNumberRule(prefix="66", length=10, check=CheckDigit.NONE)
    c = Classifier(rule=rule).classify("6600001234")
    assert (c.kind, c.value) == (ScanKind.MEMBER_CARD, "6600001234")


def test_magnetic_stripe_track_two() -> None:
    number = RULE.make(77)
    c = CLASSIFY.classify(f";{number}=49121010000?\r")
    assert (c.kind, c.value) == (ScanKind.MAGSTRIPE, number)
    foreign = "6222020200112233445"
    assert CLASSIFY.classify(f";{foreign}=?").value == foreign


def test_magnetic_stripe_garbage() -> None:
    partial = CLASSIFY.classify(";88000000000")
    assert (
        partial.rejected
        and partial.reason == "The magnetic stripe was not read completely: swipe again."
    )
    bad = CLASSIFY.classify(f";{wrong_check(RULE.make(77))}=1?")
    assert bad.rejected and "wrong check digit" in bad.reason


def test_125khz_id_numbers() -> None:
    c = CLASSIFY.classify("0012345678")
    assert (c.kind, c.value) == (ScanKind.ID125K, f"{12345678:08X}")
    too_big = CLASSIFY.classify("9999999999")
    assert too_big.rejected and "too large for an ID card" in too_big.reason


@pytest.mark.parametrize(
    "typed", ["13800138000", "138 0013 8000", "+86 138-0013-8000", "008613800138000"]
)
def test_phone_numbers_typed_by_hand(typed: str) -> None:
    c = CLASSIFY.classify(typed)
    assert (c.kind, c.value) == (ScanKind.PHONE, "13800138000")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "Nothing was read."),
        ("\r", "Nothing was read."),
        ("12345678901", "12345678901 is not a mobile number (11 digits starting 13-19)."),
        (
            "12345",
            (
                "5 digits is not the length of any code this till knows: scan the item again,"
                " or type its product code, the member's card number or an 11-digit phone number."
            ),
        ),
        ("ABC-123", "'ABC-123' holds characters no barcode or card number has."),
        ("+86 123", "'+86 123' is not a mobile number or a code this till knows."),
    ],
)
def test_garbage_is_rejected_with_a_reason(text: str, reason: str) -> None:
    c = CLASSIFY.classify(text)
    assert c.rejected and c.reason == reason and c.value == ""


def test_luhn_helper_agrees_with_rule() -> None:
    # The classifier must use the domain's rule, not a copy: a number made by the rule is accepted.
    payload = "880000000009999"
    assert CLASSIFY.classify(payload + luhn_check_digit(payload)).kind is ScanKind.MEMBER_CARD


def test_classifier_and_catalogue_read_a_label_alike() -> None:
    # The case: a default price label with prefix 20 is item 10000 at 12.34 yuan,
    # for the scanner's classifier and for the catalogue that sells (one parser).
    from pos_member.domain.scale import read_scale_label

    code = with_check("20" + "10000" + "01234")
    c = CLASSIFY.classify(code)
    label = read_scale_label(code)
    assert label is not None
    assert (c.item_code, c.price_fen, c.weight_g) == ("10000", 1234, None)
    assert (label.item_code, label.price_fen, label.weight_g) == ("10000", 1234, None)
