"""The prepaid-card wire shapes: what a till sends for 退卡， a reversal and a recharge."""

from __future__ import annotations

import uuid

import pytest
from pydantic import ValidationError

from pos_member.domain.events import APPLIED
from pos_member.sealing import Sealer
from pos_member.wire.outbound import to_wire
from pos_member.wire.schemas import (
    PAYLOAD_MODELS,
    SEAL_BANK_ACCOUNT,
    SEAL_ID_NUMBER,
    CardClass,
    CardClosedPayload,
    Event,
    EventKind,
    RechargePayload,
    RechargeReversedPayload,
)

SEALER = Sealer.for_tests()


def holder() -> dict:
    return {
        "name": "张三",
        "id_type": "resident_id",
        "id_masked": "1101**********1234",
        "id_sealed": SEALER.seal("110101199001011234", SEAL_ID_NUMBER),
        "contact": "13800138000",
        "consent_at": "2026-11-23T10:00:00+08:00",
    }


def transfer(amount: int) -> dict:
    return {
        "payer": {"name": "示例商贸有限公司", "bank": "工商银行", "number_masked": "6222****0001"},
        "payee": {
            "name": "张三",
            "bank": "建设银行",
            "number_masked": "6217****0123",
            "number_sealed": SEALER.seal("6217000010000000123", SEAL_BANK_ACCOUNT),
        },
        "amount_fen": amount,
        "reference": "TX20261123001",
    }


def closure(**over) -> dict:
    # 法释〔2025〕4号's worked case: 3,000 paid + 1,000 bonus, 3,594 spent.
    body = {
        "closure_id": "c" * 32,
        "member_id": 42,
        "card_number": "8800000000012",
        "business_date": "2026-11-23",
        "paid_in_fen": 300_000,
        "bonus_given_fen": 100_000,
        "spent_fen": 359_400,
        "spent_from_principal_fen": 269_550,
        "principal_refunded_fen": 30_450,
        "bonus_forfeited_fen": 10_150,
        "sv_principal_fen": -30_450,
        "sv_bonus_fen": -10_150,
        "tender": "bank_transfer",
        "bank_transfer": transfer(30_450),
        "holder": holder(),
        "approved_by": "9001",
        "reason": "顾客退卡",
    }
    body.update(over)
    return body


def event(kind: EventKind, payload: dict) -> Event:
    return Event.model_validate(
        {
            "id": str(uuid.uuid4()),
            "kind": kind,
            "store_id": "S001",
            "terminal_id": "T01",
            "created_at": "2026-11-23T10:00:00+00:00",
            "payload": to_wire(kind, payload),
        }
    )


def test_every_applied_kind_has_a_payload_model():
    assert set(PAYLOAD_MODELS) >= set(APPLIED)


def test_a_card_closure_goes_on_the_wire_with_the_courts_figures():
    p = event(EventKind.CARD_CLOSED, closure()).typed_payload()
    assert isinstance(p, CardClosedPayload)
    assert p.principal_refunded_fen == 30_450 and p.card_class is CardClass.NAMED
    assert SEALER.open(p.holder.id_sealed, SEAL_ID_NUMBER) == "110101199001011234"
    assert p.bank_transfer is not None and p.bank_transfer.payee.name == "张三"


@pytest.mark.parametrize(
    ("over", "why"),
    [
        ({"principal_refunded_fen": 30_451}, "refunded"),
        ({"sv_bonus_fen": -10_149}, "refunded"),
        ({"spent_fen": 359_401}, "spent"),
        ({"tender": "cash"}, "transfer"),
        ({"bank_transfer": transfer(30_000)}, "transfer"),
        ({"sv_principal_fen": 30_450, "sv_bonus_fen": -71_050}, "only takes"),
    ],
)
def test_a_closure_that_does_not_add_up_is_refused(over, why):
    with pytest.raises(ValidationError, match=why):
        CardClosedPayload.model_validate(closure(**over))


def test_a_plain_id_number_never_passes_for_a_sealed_one():
    body = closure()
    body["holder"] = {**holder(), "id_sealed": "110101199001011234"}
    with pytest.raises(ValidationError):
        CardClosedPayload.model_validate(body)


def test_a_cash_closure_has_no_transfer():
    body = closure(
        paid_in_fen=10_000,
        bonus_given_fen=0,
        spent_fen=0,
        spent_from_principal_fen=0,
        principal_refunded_fen=10_000,
        bonus_forfeited_fen=0,
        sv_principal_fen=-10_000,
        sv_bonus_fen=0,
        tender="cash",
        bank_transfer=None,
    )
    assert event(EventKind.CARD_CLOSED, body).typed_payload().tender == "cash"


def reversal(**over) -> dict:
    body = {
        "reversal_id": "v" * 32,
        "recharge_id": "r" * 32,
        "recharge_receipt_no": "T01-20261120-0003",
        "member_id": 42,
        "card_number": "8800000000012",
        "receipt_no": "T01-20261123-0001",
        "business_date": "2026-11-23",
        "recharged_on": "2026-11-20",
        "region": "beijing",
        "principal_fen": 100_000,
        "bonus_fen": 6_000,
        "sv_principal_fen": -100_000,
        "sv_bonus_fen": -6_000,
        "refund_tenders": [{"kind": "cash", "amount_fen": 100_000}],
        "approved_by": "9001",
        "reason": "七日内未使用",
    }
    body.update(over)
    return body


def test_a_reversal_goes_on_the_wire():
    p = event(EventKind.RECHARGE_REVERSED, reversal()).typed_payload()
    assert isinstance(p, RechargeReversedPayload)
    assert (p.sv_principal_fen, p.sv_bonus_fen) == (-100_000, -6_000)


def test_a_jiangsu_reversal_keeps_costs_back():
    body = reversal(
        region="jiangsu", costs_fen=500, refund_tenders=[{"kind": "cash", "amount_fen": 99_500}]
    )
    assert RechargeReversedPayload.model_validate(body).costs_fen == 500


@pytest.mark.parametrize(
    "over",
    [
        {"sv_bonus_fen": 0},
        {"refund_tenders": [{"kind": "cash", "amount_fen": 99_999}]},
        {"costs_fen": 100_001},
    ],
)
def test_a_reversal_that_does_not_add_up_is_refused(over):
    with pytest.raises(ValidationError):
        RechargeReversedPayload.model_validate(reversal(**over))


def test_a_recharge_carries_its_card_class_cap_and_buyer():
    services_recharge = {
        "member_id": 42,
        "receipt_no": "T01-20261123-0002",
        "business_date": "2026-11-23",
        "principal_fen": 300_000,
        "bonus_fen": 30_000,
        "tenders": [{"kind": "external", "method": "bank_transfer", "amount_fen": 300_000}],
        "card_class": "named",
        "cap_fen": 500_000,
        "balance_after_fen": 330_000,
        "buyer": {**holder(), "buyer_kind": "company", "company_name": "示例商贸有限公司"},
        "bank_transfer": transfer(300_000),
    }
    p = event(EventKind.RECHARGE, services_recharge).typed_payload()
    assert isinstance(p, RechargePayload)
    assert p.card_class is CardClass.NAMED and p.cap_fen == 500_000
    assert p.buyer is not None and p.buyer.company_name == "示例商贸有限公司"


def test_an_older_tills_recharge_still_validates():
    p = RechargePayload.model_validate(
        {"member_id": 1, "business_date": "2026-11-23", "amount_fen": 100, "tenders": []}
    )
    assert p.card_class is None and p.buyer is None
