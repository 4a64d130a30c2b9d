"""The closure quote's wire shape: what a till reads from head office before a 退卡."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from pos_member.wire.closure_quote import ClosureQuote

ANSWER = {
    "member_id": 7,
    "card_number": "8800000000000071",
    "principal_fen": 30450,
    "bonus_fen": 10150,
    "balance_fen": 40600,
    "paid_in_fen": 300000,
    "bonus_given_fen": 100000,
    "spent_fen": 359400,
    "spent_from_principal_fen": 269550,
    "refund_fen": 30450,
    "bonus_forfeited_fen": 10150,
    "cash_refund_max_fen": 10000,
    "cash_allowed": False,
    "pending_hold_fen": 0,
    "wait": False,
    "balance_version": 3,
    "closed": None,
    "as_of": "2026-11-25T06:00:00.000+00:00",
}


def test_a_till_reads_the_quote_and_ignores_fields_a_newer_head_office_adds():
    q = ClosureQuote.model_validate({**ANSWER, "later_field": 1})
    assert (q.refund_fen, q.bonus_forfeited_fen, q.cash_allowed) == (30450, 10150, False)
    assert q.closed is None


def test_an_earlier_closure_comes_with_its_result():
    q = ClosureQuote.model_validate(
        {**ANSWER, "closed": {"event_id": "e1", "store_id": "S002", "business_date":
                              "2026-11-20", "refund_fen": 30450, "refund_method": "bank_transfer"}}
    )  # fmt: skip
    assert q.closed is not None and q.closed.store_id == "S002"


def test_an_amount_out_of_range_is_refused():
    with pytest.raises(ValidationError):
        ClosureQuote.model_validate({**ANSWER, "refund_fen": 10**13})
