"""The counter's real services, pushed to a real head office (PostgreSQL + uvicorn): no drift.

Each kind the services write reaches head office and moves its ledgers the
way it moved the terminal's: a sale and a partial refund paid with stored
value and points, manual adjustments, a payment PIN, a registration with
gender and consent, a card fee and a count-card use. Afterwards head
office's balances equal the terminal's ledgers, and its takings equal the
terminal's sales.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import select, text

from pos_member.domain.money import Money
from pos_member.domain.tenders import TenderKind, TenderRequest
from pos_member.headoffice import models as hm
from pos_member.headoffice.changes import touch
from pos_member.seed.history import demo_buyer
from pos_member.services import adjustments, auth, count_cards, member_pin
from pos_member.services.auth import hash_pin
from pos_member.services.cards import FeePayment, FeeTender, IssueMode, NewCard, issue_card
from pos_member.services.checkout import (
    CheckoutRequest,
    LineRequest,
    checkout,
    new_sale_id,
    quote,
)
from pos_member.services.context import Context, Role, StaffSession
from pos_member.services.members import RegisterRequest, register_member
from pos_member.services.refund import RefundRequest, new_refund_id, refund
from pos_member.settings import Settings
from pos_member.store.models import CountCard, Member, Staff
from pos_member.wire.schemas import Entity
from tests.till_shift import ensure_shift

pytestmark = pytest.mark.integration

CASHIER = StaffSession("1001", "小王", Role.CASHIER)
SUPERVISOR = StaffSession("2001", "陈姐", Role.SUPERVISOR)
MANAGER = StaffSession("3001", "赵总", Role.MANAGER)
SUP_PIN = "2468"
PAY_PIN = "135790"
CARD_FEE_FEN = 1000


@pytest.fixture(scope="module")
def published(hq: Any) -> Iterator[str]:
    """Rules with a card fee, and one product sold as a count card, published by head office."""
    with hq.admin() as c:
        doc = c.get("/api/v1/rules").json()["document"]
        r = c.post(
            "/api/v1/rules",
            json={"effective_from": "2026-11-01", "document": {**doc, "card_fee": CARD_FEE_FEN}},
        )
        assert r.status_code == 200, r.text
    with hq.engine.begin() as conn:
        pid, code = conn.execute(
            text(
                "UPDATE products SET count_card_plan = 'WASH10' WHERE id = "
                "(SELECT max(id) FROM products WHERE NOT weighed) RETURNING id, code"
            )
        ).one()
        touch(conn, Entity.PRODUCT, [pid])
    yield str(code)


@pytest.fixture
def make_till(hq: Any, make_terminal: Any, published: str) -> Any:
    """An enrolled till after its first sync, with staff and the services' context."""

    def make() -> Any:
        t = make_terminal()
        t.sync()
        with t.store.session() as s:
            for who in (CASHIER, SUPERVISOR, MANAGER):
                s.add(Staff(id=who.staff_id, name=who.name, role=who.role.label,
                            pin_hash=hash_pin(SUP_PIN)))  # fmt: skip
        settings = Settings(db_path=t.store.path, terminal_id=t.terminal_id, store_id="S001")
        t.ctx = Context(store=t.store, settings=settings, clock=t.clock)
        ensure_shift(t.ctx)
        return t

    return make


@pytest.fixture
def till(make_till: Any) -> Any:
    return make_till()


def _product(hq: Any, *, count_card: bool = False) -> tuple[str, int]:
    where = "count_card_plan IS NOT NULL" if count_card else "count_card_plan IS NULL"
    with hq.engine.connect() as conn:
        code, price = conn.execute(
            text(
                f"SELECT code, price_fen FROM products WHERE NOT weighed AND {where} "
                "ORDER BY id LIMIT 1"
            )
        ).one()
    return str(code), int(price)


def _terminal_ledgers(t: Any, mid: int) -> tuple[int, int, int]:
    with t.store.reading() as s:
        conn = s.connection()
        p, b = conn.execute(
            text("SELECT coalesce(sum(principal_delta_fen), 0), coalesce(sum(bonus_delta_fen), 0)"
                 " FROM stored_value_entries WHERE member_id = :m"), {"m": mid},
        ).one()  # fmt: skip
        pts = conn.execute(
            text("SELECT coalesce(sum(delta), 0) FROM points_entries WHERE member_id = :m"),
            {"m": mid},
        ).scalar_one()
        m = s.get(Member, mid)
        assert m is not None
        assert (p, b, pts) == (m.sv_principal_fen, m.sv_bonus_fen, m.points_balance)
    return int(p), int(b), int(pts)


def _takings(hq: Any, t: Any) -> dict[str, int]:
    with hq.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT kind, sum(total_fen) FROM sales WHERE terminal_id = :t GROUP BY kind"),
            {"t": t.terminal_id},
        )
        return {k: int(v) for k, v in rows}


def test_a_refund_through_the_real_services_leaves_head_office_equal_to_the_till(
    hq, till, member_ids
):
    (mid,) = member_ids(1, with_balance=20_000, hq=hq)
    ctx = till.ctx
    member_pin.set_pay_pin(ctx, MANAGER, mid, PAY_PIN)
    code, price = _product(hq)
    start_points = till.counter.balance(mid)[2]
    redeem = min(500, start_points - start_points % 100)
    sv_pay = Money(price * 2)
    draft = CheckoutRequest(
        sale_id=new_sale_id(), staff=CASHIER, lines=(LineRequest(code, quantity=4),),
        member_id=mid, pay_pin=PAY_PIN, points_to_redeem=redeem,
    )  # fmt: skip
    sale = checkout(ctx, _paid(ctx, draft, sv_pay))
    assert sale.points_earned > 0
    approval = auth.approve(ctx, SUPERVISOR.staff_id, SUP_PIN, "refund")
    back = refund(
        ctx,
        RefundRequest(new_refund_id(), sale.receipt_no, {1: 3}, CASHIER, approval),
    )
    assert back.total < Money(0)
    before_push = _terminal_ledgers(till, mid)
    report = till.sync()
    assert report.pushed >= 3  # pin, sale, refund
    # Head office's balance is its own ledgers' sum, and the till's ledgers' sum.
    assert hq.balance(mid) == hq.ledger_sum(mid) == before_push
    assert hq.scalar("SELECT pay_pin_hash IS NOT NULL FROM members WHERE id = :m", m=mid)
    with till.store.reading() as s:
        till_sales = {
            k: int(v)
            for k, v in s.connection().execute(
                text("SELECT kind, sum(total_fen) FROM sales GROUP BY kind")
            )
        }
    assert _takings(hq, till) == till_sales == {"sale": sale.total.fen, "refund": back.total.fen}
    # Back at the till after the pull: the confirmed balance is the same, nothing doubled.
    till.sync()
    assert _terminal_ledgers(till, mid) == before_push == till.counter.balance(mid)


def test_registration_card_fee_adjustments_and_count_cards_reach_head_office(hq, till, published):
    ctx = till.ctx
    reg = register_member(
        ctx, RegisterRequest(MANAGER, "欧阳娜娜", "13712345678", True, None, "female")
    )
    mid = reg.member_id
    issued = issue_card(
        ctx, MANAGER, mid, NewCard(IssueMode.UID, uid="04A1B2C3D4E5F6"),
        FeePayment(FeeTender.EXTERNAL, "wechat"),
    )  # fmt: skip
    ok = auth.approve(ctx, SUPERVISOR.staff_id, SUP_PIN, "manual_adjustment")
    adjustments.adjust_stored_value(ctx, SUPERVISOR, ok, mid, Money(5000), Money(300), "goodwill")
    adjustments.adjust_points(ctx, SUPERVISOR, ok, mid, 800, "welcome points")
    adjustments.adjust_points(ctx, SUPERVISOR, ok, mid, -120, "typo fix")
    # A count card bought with cash, then used twice.
    wash, wash_price = _product(hq, count_card=True)
    assert wash == published
    checkout(
        ctx,
        CheckoutRequest(
            sale_id=new_sale_id(), staff=CASHIER, lines=(LineRequest(wash),),
            tenders=(TenderRequest(TenderKind.CASH, Money(wash_price)),), member_id=mid,
        ),
    )  # fmt: skip
    with till.store.reading() as s:
        card_id = s.scalar(select(CountCard.id).where(CountCard.member_id == mid))
    assert card_id is not None
    count_cards.use_count_card(ctx, CASHIER, card_id, 2)
    before_push = _terminal_ledgers(till, mid)
    till.sync()
    with hq.engine.connect() as conn:
        gender, consent_at, version = conn.execute(
            select(
                hm.MemberRow.gender, hm.MemberRow.consent_at, hm.MemberRow.consent_version
            ).where(hm.MemberRow.id == mid)
        ).one()
        fee = conn.execute(
            text("SELECT total_fen, card_number FROM sales WHERE kind = 'card_fee' "
                 "AND member_id = :m"), {"m": mid},
        ).one()  # fmt: skip
        uses = conn.execute(
            text("SELECT count_card_id, uses, terminal_id FROM count_card_uses "
                 "WHERE member_id = :m"), {"m": mid},
        ).all()  # fmt: skip
    assert (gender, version) == ("female", "2026-01") and consent_at.startswith("2026-11-23")
    assert tuple(fee) == (CARD_FEE_FEN, issued.number)
    assert [tuple(u) for u in uses] == [(card_id, 2, till.terminal_id)]
    assert (
        hq.balance(mid)
        == hq.ledger_sum(mid)
        == before_push
        == (5000, 300, 680 + _earned(till, mid))
    )
    with hq.admin() as c:
        store = next(s for s in c.get("/api/v1/reports/chain").json()["stores"]
                     if s["store_id"] == "S001")  # fmt: skip
    assert store["card_fees_fen"] >= CARD_FEE_FEN


def _earned(t: Any, mid: int) -> int:
    with t.store.reading() as s:
        return int(
            s.connection()
            .execute(
                text("SELECT coalesce(sum(points_earned), 0) FROM sales WHERE member_id = :m"),
                {"m": mid},
            )
            .scalar_one()
        )


def test_two_tills_issuing_cards_offline_never_hand_out_the_same_number(hq, make_till):
    """Each enrolled till numbers its new cards from its own block: no collision at sync."""
    tills = [make_till(), make_till()]
    issued = []
    for i, t in enumerate(tills):
        with t.store.reading() as s:
            base = int(s.scalar(text("SELECT value FROM terminal_state "
                                     "WHERE key = 'hq.card_serial_base'")))  # fmt: skip
        # Offline: nothing is synced between the registrations and the issues.
        for k in range(2):
            reg = register_member(
                t.ctx, RegisterRequest(MANAGER, "张三李四"[i * 2 + k], f"1390000{i}{k:03d}", True)
            )
            card = issue_card(
                t.ctx, MANAGER, reg.member_id,
                NewCard(IssueMode.UID, uid=f"04{i:02X}{k:02X}A1B2C3D4"),
                FeePayment(FeeTender.EXTERNAL, "wechat"),
            )  # fmt: skip
            serial = int(card.number[4:15])
            assert base <= serial < base + 1_000_000, (card.number, base)
            issued.append((card.number, reg.member_id))
    assert len({n for n, _ in issued}) == 4
    for t in tills:
        t.sync()
    with hq.engine.connect() as conn:
        at_hq = {
            (n, mid)
            for n, mid in conn.execute(
                text("SELECT number, member_id FROM cards WHERE number = ANY(:n)"),
                {"n": [n for n, _ in issued]},
            )
        }
        conflicts = conn.execute(
            text("SELECT count(*) FROM review_items WHERE member_id = ANY(:m)"),
            {"m": [mid for _, mid in issued]},
        ).scalar_one()
    assert at_hq == set(issued)
    assert conflicts == 0


def _pay_sv(till: Any, mid: int, code: str, price: int, sv_fen: int) -> Any:
    """A sale of enough units to take ``sv_fen`` of stored value; cash covers the rest."""
    units = -(-(sv_fen * 2) // price)
    draft = CheckoutRequest(
        sale_id=new_sale_id(), staff=CASHIER, lines=(LineRequest(code, quantity=units),),
        member_id=mid, pay_pin=PAY_PIN,
    )  # fmt: skip
    return checkout(till.ctx, _paid(till.ctx, draft, Money(sv_fen)))


def _paid(ctx: Context, draft: CheckoutRequest, sv: Money) -> CheckoutRequest:
    """``draft`` paid with ``sv`` of stored value and the exact rest in cash."""
    due = quote(ctx, draft).amount_due
    return replace(draft, tenders=(TenderRequest(TenderKind.STORED_VALUE, sv),
                                   TenderRequest(TenderKind.CASH, due - sv)))  # fmt: skip


def test_a_confirmed_overdraft_is_shown_as_owed_and_netted_off_what_the_member_may_spend(
    hq, make_till, member_ids
):
    """Two tills spend one balance offline; afterwards the counter shows the debt and a
    recharge pays it first: the member cannot spend the overdrawn amount a second time."""
    from pos_member.domain.errors import BalanceTooLow
    from pos_member.services import identify as ident
    from pos_member.services import stored_value as sv

    (mid,) = member_ids(1, with_balance=20_000, hq=hq)
    a, b = make_till(), make_till()
    member_pin.set_pay_pin(a.ctx, MANAGER, mid, PAY_PIN)
    a.sync()
    b.sync()
    start = ident.member_view(a.ctx, mid).stored_value.fen
    assert start == sum(hq.balance(mid)[:2]) >= 20_000
    code, price = _product(hq)
    spend = start * 3 // 4
    # No sync between the two sales: each till sees the whole balance and spends 3/4 of it.
    _pay_sv(a, mid, code, price, spend)
    _pay_sv(b, mid, code, price, spend)
    a.sync()
    b.sync()
    a.sync()
    owed = 2 * spend - start
    assert sum(hq.balance(mid)[:2]) == -owed
    for t in (a, b):
        view = ident.member_view(t.ctx, mid)
        assert (view.stored_value.fen, view.sv_owed.fen) == (0, owed)
        with pytest.raises(BalanceTooLow):
            _pay_sv(t, mid, code, price, 100)
    # A recharge at till A pays the debt first, before head office has even seen it.
    amount = owed + 10_000
    sv.recharge(
        a.ctx,
        sv.RechargeRequest(sv.new_recharge_id(), mid, Money(amount),
                           (TenderRequest(TenderKind.CASH, Money(amount)),), SUPERVISOR,
                           buyer=demo_buyer(a.ctx, mid, Money(amount))),
    )  # fmt: skip
    view = ident.member_view(a.ctx, mid)
    with a.store.reading() as s:
        bonus = a.ctx.rules(s)[1].stored_value.bonus_for(Money(amount)).fen
    assert (view.stored_value.fen, view.sv_owed.fen) == (10_000 + bonus, 0)
    with pytest.raises(BalanceTooLow):
        _pay_sv(a, mid, code, price, 10_000 + bonus + 1)
    _pay_sv(a, mid, code, price, 10_000 + bonus)
    assert ident.member_view(a.ctx, mid).stored_value.fen == 0
    a.sync()
    b.sync()
    # Head office agrees, and till B sees the same: nothing left, nothing owed.
    assert sum(hq.balance(mid)[:2]) == 0 == sum(hq.ledger_sum(mid)[:2])
    view = ident.member_view(b.ctx, mid)
    assert (view.stored_value.fen, view.sv_owed.fen) == (0, 0)


def test_a_coupon_used_at_one_store_is_refused_at_the_other_until_a_whole_refund_gives_it_back(
    hq, make_till, member_ids
):
    from pos_member.domain.errors import CouponUsed
    from pos_member.services.members import usable_coupons

    (mid,) = member_ids(1)
    code = f"C{mid}X{len(hq.url) % 7}"
    with hq.admin() as c:
        coupon = {
            "code": code, "member_id": mid, "name": "满100减10", "kind": "amount_off",
            "value_fen": 1000, "valid_from": "2026-11-01", "valid_until": "2026-12-31",
        }  # fmt: skip
        r = c.post("/api/v1/coupons", json=coupon)
        assert r.status_code == 200, r.text
    a, b = make_till(), make_till()
    today = a.clock().date()

    def offered(t: Any) -> bool:
        with t.store.reading() as s:
            return code in [c for c, _ in usable_coupons(s, mid, today)]

    assert offered(a) and offered(b)
    item, price = _product(hq)
    units = -(-20_000 // price)

    def sell(t: Any) -> Any:
        return checkout(
            t.ctx,
            CheckoutRequest(
                sale_id=new_sale_id(), staff=CASHIER, lines=(LineRequest(item, quantity=units),),
                tenders=(TenderRequest(TenderKind.CASH, Money(units * price)),),
                member_id=mid, coupons=(code,),
            ),
        )  # fmt: skip

    sale = sell(a)
    a.sync()
    b.sync()
    # Store B learns the coupon was used at store A: not offered, and refused if typed.
    assert not offered(b)
    with pytest.raises(CouponUsed):
        sell(b)
    # A whole refund at store A gives it back, chain-wide.
    approval = auth.approve(a.ctx, SUPERVISOR.staff_id, SUP_PIN, "refund")
    refund(a.ctx, RefundRequest(new_refund_id(), sale.receipt_no, {1: units}, CASHIER, approval))
    a.sync()
    b.sync()
    assert offered(b)
    sell(b)
    b.sync()
    a.sync()
    assert not offered(a)
    assert (
        hq.scalar(
            "SELECT count(*) FROM review_items WHERE member_id = :m AND kind = 'coupon_reused'",
            m=mid,
        )
        == 0
    )


def test_a_new_till_enrols_after_members_registered_elsewhere_were_changed_again(hq, make_till):
    """A member registered at a till (sign-up coupon), then given a card: in the feed the
    member now comes after their coupon. A till enrolled afterwards still pulls it all."""
    from pos_member.services.members import usable_coupons

    a = make_till()
    reg = register_member(a.ctx, RegisterRequest(MANAGER, "王五", "13912345670", True))
    a.sync()
    card = issue_card(
        a.ctx, MANAGER, reg.member_id, NewCard(IssueMode.UID, uid="04C0FFEE112233"),
        FeePayment(FeeTender.EXTERNAL, "wechat"),
    )  # fmt: skip
    a.sync()
    with hq.engine.connect() as conn:
        coupons = conn.execute(
            text("SELECT code FROM coupons WHERE member_id = :m"), {"m": reg.member_id}
        ).scalars().all()  # fmt: skip
    assert coupons, "the demo rules give a sign-up coupon"
    c = make_till()  # enrols and pulls the whole chain from the start
    with c.store.reading() as s:
        offered = [code for code, _ in usable_coupons(s, reg.member_id, c.clock().date())]
    assert sorted(offered) == sorted(coupons)
    assert c.card_state(card.number) == "active"


def test_a_pin_locked_at_another_till_is_refused_at_every_till(hq, make_till, member_ids):
    """Wrong PINs at two tills add up at head office; its lock reaches both with the pull.

    Till A sees 3 wrong PINs and till B 2: neither reaches its own limit of 5,
    but head office counts 5 within its window, locks the member's PIN and
    publishes the lock, so the right PIN is refused at both tills until it ends.
    """
    from pos_member.domain.errors import PinLocked, WrongPin

    a, b = make_till(), make_till()
    (mid,) = member_ids(1, with_balance=5_000, hq=hq)
    member_pin.set_pay_pin(a.ctx, MANAGER, mid, PAY_PIN)
    a.sync()
    b.sync()
    code, _ = _product(hq)

    def pay(t: Any, pin: str) -> Any:
        draft = CheckoutRequest(new_sale_id(), CASHIER, (LineRequest(code),), member_id=mid)
        # ¥1 from stored value (any amount needs the PIN), the rest in cash.
        return checkout(t.ctx, _paid(t.ctx, replace(draft, pay_pin=pin), Money(100)))

    for left in (4, 3, 2):
        with pytest.raises(WrongPin, match=f"{left} attempts"):
            pay(a, "000000")
    b.clock.advance(minutes=1)
    for left in (4, 3):
        with pytest.raises(WrongPin, match=f"{left} attempts"):
            pay(b, "000000")
    b.sync()  # B's later failures reach head office first: 2
    a.sync()  # A's earlier ones arrive late and count with them: 5 in the window
    assert hq.scalar("SELECT count(*) FROM pay_pin_failures WHERE member_id = :m", m=mid) == 5
    lock = hq.scalar("SELECT pay_pin_locked_until FROM members WHERE id = :m", m=mid)
    assert lock is not None
    b.sync()  # B pulls the lock
    for t in (a, b):
        with pytest.raises(PinLocked):
            pay(t, PAY_PIN)

    # Once the lock is over, the right PIN pays again.
    for t in (a, b):
        t.clock.advance(minutes=31)
        t.sync()
    assert pay(a, PAY_PIN).total.fen > 0


def test_a_pin_set_reset_or_unlocked_at_one_till_reaches_head_office_and_the_others(
    hq, make_till, member_ids
):
    """A PIN set at till A reaches head office (its hash only) and till B; a lock head
    office published is ended by a manager's unlock at B for A too, and the wrong PINs
    before it no longer count there; a reset at A (new PIN) reaches B with the lock ended."""
    from pos_member.domain.errors import PinLocked, WrongPin

    a, b = make_till(), make_till()
    (mid,) = member_ids(1, with_balance=5_000, hq=hq)
    member_pin.set_first_pay_pin(a.ctx, CASHIER, mid, PAY_PIN, PAY_PIN)
    a.sync()
    stored = hq.scalar("SELECT pay_pin_hash FROM members WHERE id = :m", m=mid)
    assert stored.startswith("$argon2") and PAY_PIN not in stored
    b.sync()
    code, _ = _product(hq)

    def pay(t: Any, pin: str) -> Any:
        draft = CheckoutRequest(new_sale_id(), CASHIER, (LineRequest(code),), member_id=mid)
        return checkout(t.ctx, _paid(t.ctx, replace(draft, pay_pin=pin), Money(100)))

    assert pay(b, PAY_PIN).total.fen > 0  # the PIN set at A pays at B
    for _ in range(4):
        with pytest.raises(WrongPin):
            pay(a, "000000")
    with pytest.raises(PinLocked):
        pay(a, "000000")
    a.sync()
    assert hq.scalar("SELECT pay_pin_locked_until FROM members WHERE id = :m", m=mid)
    b.sync()
    with pytest.raises(PinLocked):
        pay(b, PAY_PIN)  # the lock reached B

    member_pin.unlock_pay_pin(b.ctx, MANAGER, mid)
    assert pay(b, PAY_PIN).total.fen > 0
    b.sync()
    assert hq.scalar("SELECT pay_pin_locked_until FROM members WHERE id = :m", m=mid) is None
    a.sync()
    assert member_pin.pin_state(a.ctx, mid).locked_until is None  # B's unlock reached A
    assert pay(a, PAY_PIN).total.fen > 0
    # One wrong PIN after the unlock does not lock again with the five before it.
    with pytest.raises(WrongPin, match="4 attempts"):
        pay(a, "000000")
    a.sync()
    assert hq.scalar("SELECT pay_pin_locked_until FROM members WHERE id = :m", m=mid) is None

    # A reset at A (the member forgot the PIN) reaches B: the old PIN no longer pays there.
    phone = hq.scalar("SELECT phone FROM members WHERE id = :m", m=mid)
    member_pin.reset_pay_pin(a.ctx, MANAGER, mid, phone, "582914", "582914")
    a.sync()
    b.sync()
    with pytest.raises(WrongPin):
        pay(b, PAY_PIN)
    assert pay(b, "582914").total.fen > 0
