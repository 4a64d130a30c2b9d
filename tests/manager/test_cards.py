"""Issuing cards (UID, secure, barcode), reporting them lost, and replacing them."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import func, select

from pos_member.domain.cards import CardState
from pos_member.domain.errors import (
    CardBlocked,
    CardReplaced,
    CardStateChangeRefused,
    NotAllowed,
    UserFacingError,
    ValidationError,
)
from pos_member.domain.money import Money
from pos_member.domain.rules import CouponKind, CouponTemplate, demo_rules
from pos_member.services import campaigns as cp
from pos_member.services import cards as cs
from pos_member.services import members as mb
from pos_member.services.card_check import CardCounterReplayed
from pos_member.services.context import Approval, Role
from pos_member.services.identify import identify
from pos_member.services.programme import install_rules
from pos_member.store.checks import check_file
from pos_member.store.models import Card, OutboxEvent, PointsLot
from pos_member.store.models_manager import CardFee, CardTransfer, SecureIssuance
from pos_member.store.outbox import push_order
from pos_member.wire.schemas import CardPayload

from .conftest import Desk
from .helpers import add_product, buy, recharge, register

RULE = demo_rules().card_rule
STOCK_NUMBER = RULE.make(777)
UID1, UID2 = "04A1B2C3", "04D5E6F7"


def _add_stock(desk: Desk, number: str = STOCK_NUMBER) -> None:
    with desk.ctx.store.unit_of_work("T01", desk.ctx.now_iso()) as uow:
        uow.session.add(Card(number=number, uid=None, kind="barcode", state="stock"))


def _events(desk: Desk, kind: str) -> list[dict[str, object]]:
    """Payloads of the outbox events of ``kind``, oldest first."""
    with desk.ctx.store.reading() as s:
        rows = s.scalars(
            select(OutboxEvent).where(OutboxEvent.kind == kind).order_by(OutboxEvent.seq)
        )
        return [dict(r.payload) for r in rows]


def test_uid_mode_links_the_tapped_uid_to_a_new_number(desk: Desk) -> None:
    mid = register(desk.ctx, desk.cashier, "13700000001").member_id
    card = cs.issue_card(
        desk.ctx, desk.cashier, mid, cs.NewCard(cs.IssueMode.UID, uid="04:a1:b2:c3")
    )
    assert card.uid == UID1 and card.kind == "mifare" and card.fee == Money(0)
    assert RULE.validate(card.number) == card.number
    assert identify(desk.ctx, UID1).member_id == mid
    assert identify(desk.ctx, card.number).member_id == mid
    (ev,) = _events(desk, "card.issued")
    p = CardPayload.model_validate(ev)
    assert (p.card_number, p.member_id, p.new_card_uid) == (card.number, mid, UID1)
    # The next number continues the series.
    assert cs.next_card_number(desk.ctx) == RULE.make(int(card.number[4:15]) + 1)


def test_secure_mode_records_the_issuance_counter_and_refuses_older_dumps(desk: Desk) -> None:
    mid = register(desk.ctx, desk.cashier, "13700000002").member_id
    number = cs.next_card_number(desk.ctx)
    assert cs.next_secure_counter(desk.ctx, UID2) == 1
    new = cs.NewCard(cs.IssueMode.SECURE, uid=UID2, card_number=number, counter=1, verified=True)
    card = cs.issue_card(desk.ctx, desk.cashier, mid, new)
    assert (card.number, card.uid) == (number, UID2)
    assert cs.next_secure_counter(desk.ctx, UID2) == 2
    cs.check_secure_counter(desk.ctx, number, 1)
    with desk.ctx.store.reading() as s:
        row = s.get(SecureIssuance, card.card_id)
        assert row is not None and (row.uid, row.counter) == (UID2, 1)
    with pytest.raises(CardCounterReplayed):
        cs.check_secure_counter(desk.ctx, number, 0)


def test_identify_refuses_an_older_copy_of_a_secure_card(desk: Desk) -> None:
    mid = register(desk.ctx, desk.cashier, "13700000012").member_id
    number = cs.next_card_number(desk.ctx)
    # The first write of the sector (counter 1) was dumped by someone; the card was then
    # written again (counter 2) and that is the issue this store recorded.
    new = cs.NewCard(cs.IssueMode.SECURE, uid=UID2, card_number=number, counter=2, verified=True)
    cs.issue_card(desk.ctx, desk.cashier, mid, new)
    assert identify(desk.ctx, number, secure_counter=2).member_id == mid
    with pytest.raises(CardCounterReplayed) as refused:
        identify(desk.ctx, number, secure_counter=1)
    assert "older issuance" in refused.value.message and number not in refused.value.message
    # A secure read must name a member-card number, not a phone or a bare UID.
    with pytest.raises(ValidationError, match="member-card number"):
        identify(desk.ctx, UID2, secure_counter=2)


def test_barcode_stock_card_is_issued_once(desk: Desk) -> None:
    _add_stock(desk)
    a = register(desk.ctx, desk.cashier, "13700000003").member_id
    b = register(desk.ctx, desk.cashier, "13700000004").member_id
    card = cs.issue_card(
        desk.ctx, desk.cashier, a, cs.NewCard(cs.IssueMode.BARCODE, card_number=STOCK_NUMBER)
    )
    assert (card.number, card.kind, card.uid) == (STOCK_NUMBER, "barcode", None)
    assert identify(desk.ctx, STOCK_NUMBER).member_id == a
    before = desk.counts()
    with pytest.raises(UserFacingError, match="already active"):
        cs.issue_card(
            desk.ctx, desk.cashier, b, cs.NewCard(cs.IssueMode.BARCODE, card_number=STOCK_NUMBER)
        )
    assert desk.counts() == before


BAD_CARDS = [
    (cs.NewCard(cs.IssueMode.UID), "tap the card"),
    (cs.NewCard(cs.IssueMode.UID, uid="zz"), "hex"),
    (cs.NewCard(cs.IssueMode.SECURE, uid=UID1, card_number=RULE.make(5), counter=1), "verify"),
    (cs.NewCard(cs.IssueMode.SECURE, uid=UID1), "not written"),
    (cs.NewCard(cs.IssueMode.BARCODE), "scan"),
    (cs.NewCard(cs.IssueMode.BARCODE, card_number=RULE.make(5)[:-1] + "0"), "check digit"),
    (cs.NewCard(cs.IssueMode.BARCODE, card_number="12345"), "16 digits"),
]


@pytest.mark.parametrize(("new", "words"), BAD_CARDS)
def test_bad_card_input_is_refused_and_writes_nothing(
    desk: Desk, new: cs.NewCard, words: str
) -> None:
    mid = register(desk.ctx, desk.cashier, "13700000005").member_id
    if RULE.make(5)[:-1] + "0" == RULE.make(5):
        pytest.fail("test data: the wrong check digit happens to be right")
    before = desk.counts()
    with pytest.raises(UserFacingError, match=words):
        cs.issue_card(desk.ctx, desk.cashier, mid, new)
    assert desk.counts() == before


def test_issue_refusals_member_state(desk: Desk) -> None:
    a = register(desk.ctx, desk.cashier, "13700000006").member_id
    b = register(desk.ctx, desk.cashier, "13700000007").member_id
    cs.issue_card(desk.ctx, desk.cashier, a, cs.NewCard(cs.IssueMode.UID, uid=UID1))
    before = desk.counts()
    with pytest.raises(UserFacingError, match="already has card"):
        cs.issue_card(desk.ctx, desk.cashier, a, cs.NewCard(cs.IssueMode.UID, uid=UID2))
    with pytest.raises(UserFacingError, match="already registered"):
        cs.issue_card(desk.ctx, desk.cashier, b, cs.NewCard(cs.IssueMode.UID, uid=UID1))
    with pytest.raises(UserFacingError, match="999"):
        cs.issue_card(desk.ctx, desk.cashier, 999, cs.NewCard(cs.IssueMode.UID, uid=UID2))
    assert desk.counts() == before


def test_card_fee_by_rule_needs_a_tender_and_is_recorded_for_the_drawer(desk: Desk) -> None:
    with desk.ctx.store.unit_of_work("T01", desk.ctx.now_iso()) as uow:
        rules = dataclasses.replace(demo_rules(), version=2, card_fee=Money.yuan(5))
        install_rules(uow, rules, "2026-03-01")
    mid = register(desk.ctx, desk.cashier, "13700000008").member_id
    new = cs.NewCard(cs.IssueMode.UID, uid=UID1)
    before = desk.counts()
    with pytest.raises(UserFacingError, match=r"card fee is ¥5.00"):
        cs.issue_card(desk.ctx, desk.cashier, mid, new)
    assert desk.counts() == before
    card = cs.issue_card(desk.ctx, desk.cashier, mid, new, cs.FeePayment(cs.FeeTender.CASH))
    assert card.fee == Money(500)
    with desk.ctx.store.reading() as s:
        fee = s.scalar(select(CardFee))
        assert fee is not None
        assert (fee.kind, fee.amount_fen, fee.tender_kind, fee.card_id) == (
            "issue",
            500,
            "cash",
            card.card_id,
        )
    (ev,) = _events(desk, "card.fee")
    assert ev["amount_fen"] == 500
    st = mb.member_statement(desk.ctx, mid)
    assert [(ln.reason, ln.note) for ln in st.lines] == [("card_fee_issue", "¥5.00 paid by cash")]


def test_report_lost_blocks_at_once_and_is_pushed_before_sales(desk: Desk) -> None:
    add_product(desk.ctx, "P1", 1_000)
    mid = register(desk.ctx, desk.cashier, "13700000009").member_id
    card = cs.issue_card(desk.ctx, desk.cashier, mid, cs.NewCard(cs.IssueMode.UID, uid=UID1))
    for _ in range(3):
        buy(desk.ctx, desk.cashier, mid)
    with desk.ctx.store.unit_of_work("T01", desk.ctx.now_iso()) as uow:
        # The registration and issue went out already; sales wait.
        for ev in uow.session.scalars(
            select(OutboxEvent).where(OutboxEvent.kind != "sale.completed")
        ):
            ev.sent_at = uow.now
    event_id = cs.report_lost(desk.ctx, desk.cashier, card.number, "phoned in")
    with pytest.raises(CardBlocked):
        identify(desk.ctx, card.number)
    with pytest.raises(CardBlocked):
        identify(desk.ctx, UID1)
    with desk.ctx.store.reading() as s:
        order = [(e.kind, e.id) for e in push_order(s, 10)]
    assert order[0] == ("card.reported_lost", event_id)
    assert [k for k, _ in order[1:]] == ["sale.completed"] * 3
    CardPayload.model_validate(_events(desk, "card.reported_lost")[0])
    before = desk.counts()
    with pytest.raises(CardStateChangeRefused):
        cs.report_lost(desk.ctx, desk.cashier, card.number)
    with pytest.raises(UserFacingError):
        cs.report_lost(desk.ctx, desk.cashier, "  ")
    with pytest.raises(UserFacingError):
        cs.report_lost(desk.ctx, desk.cashier, RULE.make(4242))
    with pytest.raises(NotAllowed):
        cs.report_found(desk.ctx, desk.cashier, card.number)
    assert desk.counts() == before
    cs.report_found(desk.ctx, desk.supervisor, card.number, "found in a coat")
    assert identify(desk.ctx, card.number).member_id == mid


def _member_with_history(desk: Desk) -> tuple[int, str]:
    add_product(desk.ctx, "P1", 10_000)
    mid = register(desk.ctx, desk.cashier, "13700000010").member_id
    card = cs.issue_card(desk.ctx, desk.cashier, mid, cs.NewCard(cs.IssueMode.UID, uid=UID1))
    recharge(desk.ctx, desk.supervisor, mid, 1000)
    buy(desk.ctx, desk.cashier, mid, quantity=3)  # 300 points, lot expiring 2027-12-31
    desk.clock.advance(days=300)  # 2027-01-04: this lot expires 2028-12-31
    buy(desk.ctx, desk.cashier, mid, quantity=1, stored_value=Money.yuan(100))
    goodwill = CouponTemplate("补偿券", CouponKind.AMOUNT_OFF, 30, value=Money.yuan(5))
    cp.issue_coupon(desk.ctx, desk.supervisor, mid, goodwill, "SORRY-7")
    return mid, card.number


def test_replacement_moves_everything_to_the_new_card_and_kills_the_old(desk: Desk) -> None:
    mid, old_number = _member_with_history(desk)
    view = identify(desk.ctx, old_number)
    with desk.ctx.store.reading() as s:
        lots_before = sorted(
            (lot.id, lot.expires_on, lot.points)
            for lot in s.scalars(select(PointsLot).where(PointsLot.member_id == mid))
        )
    cs.report_lost(desk.ctx, desk.cashier, old_number)
    approval = Approval(staff_id="2001", role=Role.SUPERVISOR, action="card_replacement")
    new = cs.NewCard(cs.IssueMode.UID, uid=UID2)
    fee = cs.FeePayment(cs.FeeTender.EXTERNAL, "wechat")
    before = desk.counts()
    with pytest.raises(NotAllowed):
        cs.replace_card(desk.ctx, desk.cashier, old_number, new, fee)
    with pytest.raises(UserFacingError, match=r"card fee is ¥10.00"):
        cs.replace_card(desk.ctx, desk.cashier, old_number, new, approval=approval)
    with pytest.raises(UserFacingError, match="already registered"):
        cs.replace_card(desk.ctx, desk.cashier, old_number, cs.NewCard(cs.IssueMode.UID, uid=UID1),
                        fee, approval)  # fmt: skip
    assert desk.counts() == before
    done = cs.replace_card(desk.ctx, desk.cashier, old_number, new, fee, approval, "lost")
    # 1,000 recharged + 60 bonus - 100 spent pro rata (94.34 principal, 5.66 bonus).
    assert (done.sv_principal, done.sv_bonus) == (view.sv_principal, view.sv_bonus)
    assert (done.sv_principal.fen, done.sv_bonus.fen) == (90_566, 5_434)
    # 300 points from the first sale, 100 from the second (stored value earns points).
    assert done.points == view.points == 400
    # The sign-up coupon (90 days) has expired by now; the goodwill coupon is carried.
    assert done.lots == 2 and done.coupons == 1
    new_view = identify(desk.ctx, UID2)
    assert new_view.member_id == mid and new_view.card_number_masked is not None
    assert (new_view.sv_principal, new_view.sv_bonus, new_view.points, new_view.tier_code) == (
        view.sv_principal,
        view.sv_bonus,
        view.points,
        view.tier_code,
    )
    with pytest.raises(CardReplaced):
        identify(desk.ctx, old_number)
    with pytest.raises(CardReplaced):
        identify(desk.ctx, UID1)
    with desk.ctx.store.reading() as s:
        lots_after = sorted(
            (lot.id, lot.expires_on, lot.points)
            for lot in s.scalars(select(PointsLot).where(PointsLot.member_id == mid))
        )
        t = s.scalar(select(CardTransfer))
        assert t is not None
        assert sorted((x["points"], x["expires_on"]) for x in t.lots) == [
            (100, "2028-12-31"),
            (300, "2027-12-31"),
        ]
        assert (t.fee_fen, t.approved_by, t.tier_code) == (1000, "2001", view.tier_code)
        old = s.scalar(select(Card).where(Card.number == old_number))
        assert (
            old is not None and old.state == CardState.REPLACED and old.replaced_by == t.new_card_id
        )
        fee_row = s.scalar(select(CardFee))
        assert fee_row is not None and (fee_row.kind, fee_row.method) == ("replace", "wechat")
        active = s.scalar(
            select(func.count(Card.id)).where(Card.member_id == mid, Card.state == "active")
        )
    assert lots_after == lots_before
    assert active == 1
    (ev,) = _events(desk, "card.replaced")
    p = CardPayload.model_validate(ev)
    assert (p.card_number, p.new_card_number, p.new_card_uid) == (
        old_number,
        done.new_card.number,
        UID2,
    )
    st = mb.member_statement(desk.ctx, mid)
    transfer = [ln for ln in st.lines if ln.reason == "card_transfer"]
    assert len(transfer) == 1 and "¥960.00 stored value" in transfer[0].note
    assert "400 points in 2 lots" in transfer[0].note
    assert st.lines[-1].reason == "card_fee_replace"
    # Balances still equal their ledgers, and every sale is whole.
    assert check_file(desk.ctx.store.path) == []
    # The old card can never come back.
    before = desk.counts()
    for action in (
        lambda: cs.report_found(desk.ctx, desk.supervisor, old_number),
        lambda: cs.report_lost(desk.ctx, desk.cashier, old_number),
        lambda: cs.replace_card(desk.ctx, desk.manager, old_number,
                                cs.NewCard(cs.IssueMode.UID, uid="04000001"), fee),
    ):  # fmt: skip
        with pytest.raises(CardStateChangeRefused):
            action()
    assert desk.counts() == before


def test_a_card_issued_to_a_member_is_a_named_prepaid_card(desk: Desk) -> None:
    # Stock printed as anonymous (不记名) cards becomes named once a member owns it.
    mid = register(desk.ctx, desk.cashier, "13700000077").member_id
    number = cs.next_card_number(desk.ctx)
    with desk.ctx.store.session() as s:
        s.add(Card(number=number, kind="barcode", state="stock", card_class="anonymous"))
    card = cs.issue_card(desk.ctx, desk.cashier, mid, cs.NewCard(cs.IssueMode.BARCODE,
                                                                 card_number=number))  # fmt: skip
    with desk.ctx.store.reading() as s:
        row = s.get(Card, card.card_id)
        assert row is not None and (row.member_id, row.card_class) == (mid, "named")


@pytest.mark.parametrize("how", ["state", "date"])
def test_an_expired_card_with_a_balance_is_exchanged_never_forfeited(desk: Desk, how: str) -> None:
    """The prepaid-card law: a card's balance outlives the card. An expired card (marked
    expired, or past its date) is refused at the counter, but exchanged (补卡) for a new
    one that carries the whole balance and a fresh validity (a named card: none); no
    stored value is taken off it."""
    mid = register(desk.ctx, desk.cashier, "13900001111", "王过期").member_id
    card = cs.issue_card(desk.ctx, desk.cashier, mid, cs.NewCard(cs.IssueMode.UID, uid=UID1))
    recharge(desk.ctx, desk.supervisor, mid, 500)  # 500 + 25 bonus
    with desk.ctx.store.session() as s:
        row = s.scalar(select(Card).where(Card.number == card.number))
        assert row is not None
        if how == "state":
            row.state = CardState.EXPIRED.value
        row.expires_on = "2026-01-31"
    with pytest.raises(UserFacingError, match="expired"):
        identify(desk.ctx, card.number)
    approval = Approval(staff_id="2001", role=Role.SUPERVISOR, action="card_replacement")
    fee = cs.FeePayment(cs.FeeTender.EXTERNAL, "wechat")
    new_card = cs.NewCard(cs.IssueMode.UID, uid=UID2)
    done = cs.replace_card(desk.ctx, desk.cashier, card.number, new_card, fee, approval, "expired")
    assert (done.sv_principal, done.sv_bonus) == (Money.yuan(500), Money.yuan(25))
    view = identify(desk.ctx, done.new_card.number)
    assert view.stored_value == Money.yuan(525)
    with desk.ctx.store.reading() as s:
        new = s.scalar(select(Card).where(Card.number == done.new_card.number))
        old = s.scalar(select(Card).where(Card.number == card.number))
        assert new is not None and old is not None
        assert (new.state, new.expires_on, new.card_class) == ("active", None, "named")
        assert old.state == CardState.REPLACED.value
    assert check_file(desk.ctx.store.path) == []
