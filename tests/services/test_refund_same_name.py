"""A refund of goods bought with stored value goes back to the same card, or to a card in
the same name when the cap would be passed (the prepaid-card law, issue 17): worked
numbers at the fen below, at and above each card's cap; nothing written when a check
fails."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from pos_member.domain.errors import RefundCardNotNeeded, RefundCardNotSameName, RefundOverCap
from pos_member.domain.money import Money
from pos_member.services import prepaid
from pos_member.services.checkout import LineRequest, checkout
from pos_member.services.context import Context
from pos_member.services.refund import RefundRequest, preview_refund_target, refund
from pos_member.store import pii
from pos_member.store.models import Card, Member, StoredValueEntry
from tests.services.conftest import GOLD_ID, GOLD_PIN, NOW, SUPERVISOR, WATER, table_counts
from tests.services.helpers import rows, sale, stored_value

CAP = 500_000  # ¥5,000.00 on a named card, bonus counted
SECOND_ID, SECOND_CARD = 900_101, "8800009001015"


def add_card(ctx: Context, member_id: int, card: str, balance_fen: int, *,
             name: str = "张金卡", card_class: str = "named") -> None:  # fmt: skip
    """Another member row (its own balance) with a card: 张金卡's second named card."""
    now = NOW.isoformat()
    with ctx.store.session() as s:
        m = Member(id=member_id, name=name, phone=f"139{member_id:08d}", tier_code="normal",
                   joined_on="2026-01-01", updated_at=now)  # fmt: skip
        s.add(m)
        s.flush()
        s.add(Card(number=card, kind="barcode", state="active", member_id=member_id,
                   card_class=card_class))  # fmt: skip
        s.add(StoredValueEntry(event_id=f"open-{member_id}", member_id=member_id,
                               kind="recharge", principal_delta_fen=balance_fen,
                               bonus_delta_fen=0, terminal_id="HQ",
                               business_date="2026-11-01", created_at=now))  # fmt: skip
        m.sv_principal_fen = balance_fen


def set_gold(ctx: Context, total_fen: int) -> None:
    """张金卡's own card at ``total_fen`` (a correction entry keeps the ledger's sum)."""
    with ctx.store.session() as s:
        gold = s.get(Member, GOLD_ID)
        assert gold is not None
        delta = total_fen - gold.sv_principal_fen - gold.sv_bonus_fen
        s.add(StoredValueEntry(event_id=f"set-{total_fen}", member_id=GOLD_ID, kind="adjust",
                               principal_delta_fen=delta, bonus_delta_fen=0, terminal_id="T01",
                               business_date="2026-11-01", created_at=NOW.isoformat()))  # fmt: skip
        gold.sv_principal_fen += delta


def water_on_stored_value(ctx: Context) -> str:
    # 1.90 of water (gold's 5%) from stored value: 1.79 principal + 0.11 bonus.
    done = checkout(ctx, sale(LineRequest(WATER), tenders=(stored_value(Money(190)),),
                              member_id=GOLD_ID, pay_pin=GOLD_PIN))  # fmt: skip
    return done.receipt_no


def back(ctx: Context, receipt: str, card: str | None = None) -> str:
    req = RefundRequest(prepaid.new_action_id(), receipt, {1: 1}, SUPERVISOR, sv_card_number=card)
    return refund(ctx, req).sale_id


def sv_of(db_path: Path, member_id: int) -> int:
    ((p, b),) = rows(db_path, "select sv_principal_fen, sv_bonus_fen from members where id=?",
                     member_id)  # fmt: skip
    return p + b


@pytest.mark.parametrize(("gold_after_sale", "fits"), [(CAP - 191, True), (CAP - 190, True),
                                                        (CAP - 189, False)])  # fmt: skip
def test_the_own_card_takes_it_at_the_fen_below_and_at_its_cap(
    ctx: Context, db_path: Path, gold_after_sale: int, fits: bool
) -> None:
    receipt = water_on_stored_value(ctx)
    set_gold(ctx, gold_after_sale)
    add_card(ctx, SECOND_ID, SECOND_CARD, 100_000)
    target = preview_refund_target(ctx, receipt, {1: 1})
    assert target is not None and target.amount == Money(190)
    assert target.over_cap is (not fits) and target.room == Money(CAP - gold_after_sale)
    if fits:
        before = table_counts(db_path)
        with pytest.raises(RefundCardNotNeeded):  # the law: the same card when it fits
            back(ctx, receipt, SECOND_CARD)
        assert table_counts(db_path) == before
        back(ctx, receipt)
        assert sv_of(db_path, GOLD_ID) == gold_after_sale + 190 <= CAP
        return
    # Above the cap by a fen: refused without a card, and the second card is offered.
    assert [(c.number, c.room) for c in target.cards] == [(SECOND_CARD, Money(CAP - 100_000))]
    before = table_counts(db_path)
    with pytest.raises(RefundOverCap):
        back(ctx, receipt)
    assert table_counts(db_path) == before
    rid = back(ctx, receipt, SECOND_CARD)
    assert sv_of(db_path, GOLD_ID) == gold_after_sale  # untouched
    assert sv_of(db_path, SECOND_ID) == 100_000 + 190
    assert rows(db_path, "select member_id, principal_delta_fen, bonus_delta_fen from "
                "stored_value_entries where sale_id=?", rid) == [(SECOND_ID, 179, 11)]  # fmt: skip


@pytest.mark.parametrize(("second", "offered"), [(CAP - 191, True), (CAP - 190, True),
                                                 (CAP - 189, False)])  # fmt: skip
def test_the_same_name_card_at_the_fen_below_at_and_above_its_cap(
    ctx: Context, db_path: Path, second: int, offered: bool
) -> None:
    receipt = water_on_stored_value(ctx)
    set_gold(ctx, CAP)
    add_card(ctx, SECOND_ID, SECOND_CARD, second)
    target = preview_refund_target(ctx, receipt, {1: 1})
    assert target is not None and target.over_cap and target.room == Money(0)
    assert [c.number for c in target.cards] == ([SECOND_CARD] if offered else [])
    if offered:
        back(ctx, receipt, SECOND_CARD)
        assert sv_of(db_path, SECOND_ID) == second + 190 <= CAP
        return
    before = table_counts(db_path)
    with pytest.raises(RefundCardNotSameName):
        back(ctx, receipt, SECOND_CARD)
    assert table_counts(db_path) == before


def test_only_a_named_card_in_the_same_name_is_offered_or_taken(
    ctx: Context, db_path: Path
) -> None:
    receipt = water_on_stored_value(ctx)
    set_gold(ctx, CAP)
    add_card(ctx, 900_102, "8800009001022", 0, name="王其他")
    add_card(ctx, 900_103, "8800009001039", 0, name="", card_class="anonymous")
    target = preview_refund_target(ctx, receipt, {1: 1})
    assert target is not None and target.over_cap and target.cards == ()
    before = table_counts(db_path)
    for card in ("8800009001022", "8800009001039", "0000000000000"):
        with pytest.raises(RefundCardNotSameName):
            back(ctx, receipt, card)
    assert table_counts(db_path) == before


def test_the_outbox_names_the_card_that_took_it_once(ctx: Context, db_path: Path) -> None:
    receipt = water_on_stored_value(ctx)
    set_gold(ctx, CAP)
    add_card(ctx, SECOND_ID, SECOND_CARD, 0)
    req = RefundRequest(prepaid.new_action_id(), receipt, {1: 1}, SUPERVISOR,
                        sv_card_number=SECOND_CARD)  # fmt: skip
    done = refund(ctx, req)
    refund(ctx, req)  # the same refund again: the first result, nothing more written
    # Its receipt names the card that took the stored value (masked).
    from pos_member.domain.cards import mask_card
    from pos_member.receipts.build import ReceiptBuilder
    from pos_member.receipts.settings import ReceiptSettings
    from pos_member.receipts.text import render_text

    words = render_text(ReceiptBuilder(ctx, ReceiptSettings()).build(done.receipt_no), 48)
    assert "储值退至同名卡" in words and mask_card(SECOND_CARD) in words
    conn = sqlite3.connect(db_path)
    payloads = [json.loads(p) for (p,) in conn.execute(
        "select payload from outbox where kind = 'refund.completed'")]  # fmt: skip
    conn.close()
    assert len(payloads) == 1
    opened = pii.open_payload(ctx.store.sealer, payloads[0])
    assert (opened["member_id"], opened["sv_member_id"]) == (GOLD_ID, SECOND_ID)
    assert opened["sv_card_number"] == SECOND_CARD
    assert sv_of(db_path, SECOND_ID) == 190
    # What head office receives: the stored value to the second card's member, the
    # points with the buyer (``wire.outbound``, validated as the push validates it).
    from tests.services.test_prepaid import wire_event

    wired = wire_event("refund.completed", opened)
    assert (wired.member_id, wired.sv_member_id) == (GOLD_ID, SECOND_ID)
    assert (wired.sv_principal_fen, wired.sv_bonus_fen) == (179, 11)
