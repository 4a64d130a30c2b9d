"""Pure checks: the services' payloads translate to wire events head office accepts."""

from __future__ import annotations

import uuid

import pytest
from pydantic import ValidationError

from pos_member.domain.rules import demo_rules
from pos_member.headoffice.validate import EventRefused, check_recharge, check_sale, max_points_for
from pos_member.services.balances import Effect, effects_of
from pos_member.wire.outbound import to_wire
from pos_member.wire.schemas import Event, EventKind, RechargePayload, SalePayload

RULES = demo_rules()


def services_sale() -> dict:
    """A sale as pos_member.services.checkout.sale_payload writes it."""
    return {
        "sale_id": "a" * 32,
        "kind": "sale",
        "store_id": "S001",
        "terminal_id": "T01",
        "receipt_no": "T01-20261123-0001",
        "original_sale_id": None,
        "member_id": 42,
        "staff_id": "1001",
        "created_at": "2026-11-23T10:00:00+00:00",
        "business_date": "2026-11-23",
        "offline": True,
        "total_fen": 12_000,
        "points_earned": 80,
        "points_redeemed": 200,
        "lines": [{"line_no": 1, "product_code": "P000001", "quantity": 1, "net_fen": 12_000}],
        "tenders": [
            {"kind": "points", "method": "", "amount_fen": 200, "sv_principal_fen": 0,
             "sv_bonus_fen": 0, "points": 200},
            {"kind": "stored_value", "method": "", "amount_fen": 8_000, "sv_principal_fen": 7_000,
             "sv_bonus_fen": 1_000, "points": 0},
            {"kind": "cash", "method": "", "amount_fen": 3_800, "sv_principal_fen": 0,
             "sv_bonus_fen": 0, "points": 0},
        ],
    }  # fmt: skip


def test_a_services_sale_becomes_a_wire_sale_head_office_accepts():
    wire = to_wire(EventKind.SALE, services_sale())
    p = SalePayload.model_validate(wire)
    assert (p.sv_principal_fen, p.sv_bonus_fen) == (-7_000, -1_000)
    assert p.offline is True
    check_sale(EventKind.SALE, p, RULES)
    assert effects_of(EventKind.SALE, services_sale()) == {42: Effect(-7_000, -1_000, -120)}


def test_a_services_refund_becomes_a_wire_refund_head_office_accepts():
    refund = {
        "refund_id": "r" * 32,
        "sale_id": "a" * 32,
        "store_id": "S001",
        "terminal_id": "T01",
        "receipt_no": "T01-20261123-0002",
        "original_receipt_no": "T01-20261123-0001",
        "member_id": 42,
        "created_at": "2026-11-23T11:00:00+00:00",
        "lines": {"1": 1},
        "buckets": {"stored_value:principal": 7_000, "stored_value:bonus": 1_000,
                    "points": 200, "cash": 3_800},
        "points_given_back": 200,
        "points_taken_back": 80,
        "points_shortfall": 0,
        "coupons_back": [],
    }  # fmt: skip
    p = SalePayload.model_validate(to_wire(EventKind.REFUND, refund))
    assert p.total_fen == -12_000
    assert (p.sv_principal_fen, p.sv_bonus_fen) == (7_000, 1_000)
    assert (p.points_earned, p.points_redeemed) == (-80, -200)
    check_sale(EventKind.REFUND, p, RULES)
    assert effects_of(EventKind.REFUND, refund) == {42: Effect(7_000, 1_000, 120)}


def test_a_services_recharge_becomes_a_wire_recharge_with_the_rules_bonus():
    recharge = {
        "recharge_id": "x" * 32,
        "receipt_no": "T01-20261123-0003",
        "member_id": 42,
        "created_at": "2026-11-23T12:00:00+00:00",
        "principal_fen": 100_000,
        "bonus_fen": 6_000,  # 充1000送60
        "tenders": [{"kind": "external", "method": "wechat", "amount_fen": 100_000}],
    }
    p = RechargePayload.model_validate(to_wire(EventKind.RECHARGE, recharge))
    check_recharge(p, RULES)
    with pytest.raises(EventRefused) as err:
        check_recharge(p.model_copy(update={"bonus_fen": 5_000}), RULES)
    assert err.value.code == "recharge.bonus"


def test_kinds_head_office_only_records_are_typed_and_unknown_kinds_refused():
    ev = Event.model_validate(
        {
            "id": str(uuid.uuid4()),
            "kind": "shift.closed",
            "store_id": "S001",
            "terminal_id": "T01",
            "created_at": "2026-11-23T20:00:00",
            "payload": to_wire("shift.closed", {"cash_fen": 100}),
        }
    )
    assert ev.typed_payload().kind == "Z"  # a record-only kind, still typed
    with pytest.raises(ValidationError):
        Event.model_validate({**ev.model_dump(mode="json"), "kind": "DROP TABLE"})
    # A kind head office does not know is refused, never stored.
    with pytest.raises(ValidationError):
        Event.model_validate({**ev.model_dump(mode="json"), "kind": "blob.stored"})


def test_points_earned_are_bounded_by_the_best_tier_and_birthday():
    # 100 yuan, diamond x2, birthday x2: at most 400 points under the demo rules.
    assert max_points_for(10_000, RULES) == 400


def test_a_till_reads_answers_of_a_newer_head_office_and_refuses_unknown_fields_itself():
    """Head office is upgraded first: fields it adds to answers must not break older tills."""
    from pos_member.wire.schemas import EnrolRequest, EnrolResponse, PullPage

    enrol = EnrolResponse.model_validate_json(
        '{"store_id": "S001", "terminal_id": "T1", "token": "k.s", "member_id_base": 10,'
        ' "member_id_block": 5, "tls_pin": "added later"}'
    )
    # Without a card block (an older head office) the till falls back to its member block.
    assert (enrol.member_id_base, enrol.card_serial_base) == (10, None)
    page = PullPage.model_validate_json(
        '{"changes": [{"entity": "tier", "key": "gold", "data": {}, "origin": "x"}],'
        ' "cursor": "7", "more": false, "server_time": "later"}'
    )
    assert (page.cursor, page.changes[0].key) == ("7", "gold")
    # What head office accepts stays strict: an unknown field in a request is refused.
    with pytest.raises(ValidationError):
        EnrolRequest.model_validate({"code": "ABCD1234", "terminal_id": "T1", "extra": 1})
