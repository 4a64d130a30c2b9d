"""The identifier registry: one answer to "what is this string" for every reader of it."""

from __future__ import annotations

import pytest

from pos_member.domain.cards import CardNumberRule, gs1_check_digit
from pos_member.domain.errors import BadCheckDigit
from pos_member.domain.identifiers import (
    LOOKUP_KINDS,
    MEMBER_SCAN_KINDS,
    RECEIPT_KINDS,
    SCAN_KINDS,
    SEARCH_KINDS,
    IdKind,
    Reading,
    ScanBadCharacters,
    identify_text,
    parse_as,
)
from pos_member.domain.rules import demo_rules
from pos_member.domain.scale import LabelValue, ScaleLayout
from pos_member.services.members import classify_query

READING = Reading()
CARD = CardNumberRule().make(1234)


def test_one_registry_answers_the_classifier_the_lookup_and_the_search_alike() -> None:
    from drivers.classify import Classifier

    for text, kind in [(CARD, IdKind.MEMBER_CARD), ("13900000001", IdKind.PHONE)]:
        assert Classifier().classify(text).kind is kind
        assert identify_text(text, READING, LOOKUP_KINDS).kind is kind
        assert classify_query(text, demo_rules()) == (kind, text)


def test_each_reader_takes_only_the_kinds_it_accepts() -> None:
    # A hex UID is a member to the counter's lookup and the search, garbage to a scanner.
    assert identify_text("04:a1:b2:c3", READING, LOOKUP_KINDS).value == "04A1B2C3"
    scanned = identify_text("04:a1:b2:c3", READING, SCAN_KINDS)
    assert scanned.rejected and isinstance(scanned.problem, ScanBadCharacters)
    # Other digits are another kind of card to the lookup, a product length to a scanner.
    assert identify_text("123456", READING, LOOKUP_KINDS).kind is IdKind.OTHER_CARD
    assert identify_text("123456", READING, SCAN_KINDS).rejected
    assert identify_text("张 三", READING, SEARCH_KINDS).value == "张 三"


def test_a_card_number_of_the_programmes_shape_is_checked_before_any_lookup() -> None:
    bad = CARD[:-1] + str((int(CARD[-1]) + 1) % 10)
    found = identify_text(bad, READING, LOOKUP_KINDS)
    assert found.rejected and isinstance(found.problem, BadCheckDigit)
    # Typed with spaces, it is still the card.
    spaced = " ".join(CARD[i : i + 4] for i in range(0, 16, 4))
    assert identify_text(spaced, READING, SCAN_KINDS).value == CARD


def test_scale_labels_follow_the_stores_layouts() -> None:
    payload = "22" + "00042" + "9" + "0750"
    code = payload + gs1_check_digit(payload)
    assert identify_text(code, READING, SCAN_KINDS).kind is IdKind.EAN13  # no layout 22
    store = Reading(layouts=(ScaleLayout("22", 5, LabelValue.WEIGHT_G, 4, skip_digits=1),))
    found = identify_text(code, store, SCAN_KINDS)
    assert found.kind is IdKind.WEIGHED and found.label is not None
    assert (found.label.item_code, found.label.weight_g) == ("00042", 750)


def test_receipt_numbers() -> None:
    assert identify_text("t01-00000042", READING, RECEIPT_KINDS).value == "T01-00000042"
    assert identify_text("T01-42", READING, RECEIPT_KINDS).rejected


@pytest.mark.parametrize(
    ("kind", "text", "key"),
    [
        (IdKind.UID, "04 a1-b2:c3", "04A1B2C3"),
        (IdKind.PHONE, "+86 139-0000-0001", "13900000001"),
        (IdKind.MEMBER_CARD, CARD, CARD),
    ],
)
def test_a_string_told_its_kind_is_normalised_by_that_identifier(
    kind: IdKind, text: str, key: str
) -> None:
    assert parse_as(kind, text, READING) == key


def test_member_scans_are_the_scans_that_name_a_member() -> None:
    assert MEMBER_SCAN_KINDS <= SCAN_KINDS and MEMBER_SCAN_KINDS.isdisjoint(
        {IdKind.EAN13, IdKind.EAN8, IdKind.UPCA, IdKind.WEIGHED}
    )
