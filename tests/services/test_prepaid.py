"""The prepaid-card law at the till, on real SQLite files (docs/prepaid.md, issue 17)."""

from __future__ import annotations

import json
import re
import sqlite3
import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from pos_member.domain.errors import (
    AccountNotHolders,
    BadIdNumber,
    BankTransferMissing,
    CashNotAllowed,
    ClosureCashNotAllowed,
    ConsentMissing,
    CoolingOffOver,
    HolderMismatch,
    NoCoolingOff,
    NotAllowed,
    OverCap,
    PendingOfflineRecharge,
    RealNameRequired,
    RechargeUsed,
    RefundOverCap,
    StoredValueClosed,
)
from pos_member.domain.money import Money
from pos_member.domain.prepaid import BuyerKind, IdType
from pos_member.domain.rules import (
    PrepaidRules,
    ProgrammeRules,
    RechargeBonus,
    demo_rules,
)
from pos_member.sealing import Sealer, default_key_path
from pos_member.services import prepaid
from pos_member.services.adjustments import adjust_stored_value
from pos_member.services.balances import counter_balance
from pos_member.services.checkout import LineRequest, checkout
from pos_member.services.context import Approval, Context, Role
from pos_member.services.identify import member_view
from pos_member.services.members import member_statement
from pos_member.services.programme import install_rules
from pos_member.services.refund import RefundRequest, refund
from pos_member.services.shifts import close_shift, open_shift, x_report
from pos_member.services.stored_value import RechargeRequest, new_recharge_id, recharge
from pos_member.wire.outbound import to_wire
from pos_member.wire.schemas import SEAL_ID_NUMBER, Event
from tests.services.conftest import (
    CASHIER,
    GOLD_ID,
    NORMAL_CARD,
    NORMAL_ID,
    RICE,
    SUPERVISOR,
    TODAY,
    WATER,
    Clock,
    Link,
    assert_consistent,
    table_counts,
)
from tests.services.helpers import cash, external, rows, sale, stored_value

y = Money.yuan
HOLDER_ID = "11010519491231002X"  # a resident ID with a valid check digit
NORMAL_NAME = "李普通"


def use_rules(ctx: Context, **prepaid_kw: Any) -> ProgrammeRules:
    """Publish a version of the demo rules with the prepaid section (and bonus table) changed."""
    bonus = prepaid_kw.pop("bonus_table", None)
    base = demo_rules()
    sv = base.stored_value if bonus is None else replace(base.stored_value, bonus_table=bonus)
    with ctx.store.reading() as s:
        version = ctx.rules(s)[0] + 1
    rules = replace(base, version=version, stored_value=sv, prepaid=PrepaidRules(**prepaid_kw))
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        install_rules(uow, rules, (TODAY - timedelta(days=30)).isoformat())
    return rules


def top_up(ctx: Context, member_id: int, amount: Money, **kw: Any) -> Any:
    tenders = kw.pop("tenders", (external(amount, "alipay"),))
    return recharge(
        ctx, RechargeRequest(new_recharge_id(), member_id, amount, tenders, SUPERVISOR, **kw)
    )


def mark_sent(ctx: Context) -> None:
    """What the sync client does once head office took the events (through the store)."""
    with ctx.store.session() as s:
        s.connection().execute(
            text("UPDATE outbox SET sent_at = :t, attempts = attempts + 1 WHERE sent_at IS NULL"),
            {"t": ctx.now_iso()},
        )


def holder(name: str = NORMAL_NAME, **kw: Any) -> prepaid.RealNameInput:
    return prepaid.RealNameInput(
        name=name, id_type=IdType.RESIDENT_ID, id_number=HOLDER_ID, consent=True, **kw
    )


def account(name: str = NORMAL_NAME) -> prepaid.BankAccountInput:
    return prepaid.BankAccountInput(name, "6217 0000 1000 0000 123", "建设银行")


def closure(card: str = NORMAL_CARD, **kw: Any) -> prepaid.ClosureRequest:
    kw.setdefault("holder", holder())
    return prepaid.ClosureRequest(prepaid.new_action_id(), card, staff=SUPERVISOR, **kw)


def outbox(db_path: Path, kind: str) -> list[dict[str, Any]]:
    """The events as the push sends them: their names and contacts opened (sealed at rest,
    ``store.pii``)."""
    from pos_member.store import pii

    sealer = pii.sealer_at(db_path)
    return [
        pii.open_payload(sealer, json.loads(p))
        for (p,) in rows(db_path, "select payload from outbox where kind=?", kind)
    ]


def wire_event(kind: str, payload: dict[str, Any]) -> Any:
    return Event.model_validate(
        {
            "id": str(uuid.uuid4()),
            "kind": kind,
            "store_id": "S001",
            "terminal_id": "T01",
            "created_at": "2026-11-23T02:00:00+00:00",
            "payload": to_wire(kind, payload),
        }
    ).typed_payload()


# --- caps at recharge -----------------------------------------------------------------


def test_a_recharge_past_the_cap_is_refused_with_the_room_left(
    ctx: Context, unchanged: Callable[[], None]
) -> None:
    # Gold holds 1,000 + 60: 3,940 of room; 3,640 + its 300 of bonus fills it exactly.
    with pytest.raises(OverCap) as err:
        top_up(ctx, GOLD_ID, y("3640.01"))
    assert "it can take at most ¥3,640.00 more" in err.value.message
    unchanged()


def test_a_recharge_to_the_cap_exactly_is_taken(ctx: Context, db_path: Path) -> None:
    top_up(ctx, GOLD_ID, y("3640"))
    assert member_view(ctx, GOLD_ID).stored_value == y(5000)
    (payload,) = [p for p in outbox(db_path, "recharge.completed") if p["member_id"] == GOLD_ID]
    assert (payload["card_class"], payload["cap_fen"], payload["balance_after_fen"]) == (
        "named", 500_000, 500_000,
    )  # fmt: skip
    wired = wire_event("recharge.completed", payload)
    assert wired.cap_fen == 500_000
    with pytest.raises(OverCap, match=re.escape("at most ¥0.00 more")):
        top_up(ctx, GOLD_ID, y(1))
    assert_consistent(db_path)


@pytest.mark.parametrize(("extra_fen", "ok"), [(-1, True), (0, True), (1, False)])
def test_the_named_cap_at_the_fen_below_at_and_above(
    ctx: Context, extra_fen: int, ok: bool
) -> None:
    use_rules(ctx, bonus_table=())  # no bonus: the deposit alone meets the cap
    amount = y(5000) - y(1060) + Money(extra_fen)
    if ok:
        top_up(ctx, GOLD_ID, amount)
        assert member_view(ctx, GOLD_ID).stored_value == y(1060) + amount
    else:
        with pytest.raises(OverCap, match=re.escape("¥3,940.00")):
            top_up(ctx, GOLD_ID, amount)


def test_an_anonymous_card_has_the_lower_cap(ctx: Context, db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE cards SET card_class='anonymous' WHERE number=?", (NORMAL_CARD,))
    conn.commit()
    conn.close()
    with pytest.raises(OverCap, match=re.escape("at most ¥1,000.00")):
        top_up(ctx, NORMAL_ID, y("1000.01"))
    top_up(ctx, NORMAL_ID, y(900))  # 900 + 25 of bonus
    with pytest.raises(OverCap, match=re.escape("at most ¥75.00 more")):
        top_up(ctx, NORMAL_ID, y("75.01"))


def test_offline_the_same_cap_holds(
    ctx: Context, link: Link, unchanged: Callable[[], None]
) -> None:
    link.online = False
    with pytest.raises(OverCap):
        top_up(ctx, GOLD_ID, y(4000))
    unchanged()


def test_principal_alone_counts_when_the_programme_says_so(ctx: Context) -> None:
    use_rules(ctx, cap_counts_bonus=False)
    top_up(ctx, GOLD_ID, y(3000))  # 4,000 of principal, 360 of bonus: within 5,000
    with pytest.raises(OverCap, match=re.escape("at most ¥1,000.00 more")):
        top_up(ctx, GOLD_ID, y("1000.01"))


# --- no cash for large purchases, the transfer's record, real names ---------------------


def test_a_company_buying_5000_cannot_pay_cash(ctx: Context, db_path: Path) -> None:
    use_rules(ctx, cap_counts_bonus=False, bonus_table=())
    before = table_counts(db_path)
    with pytest.raises(CashNotAllowed, match="bank transfer"):
        top_up(ctx, NORMAL_ID, y(5000), tenders=(cash(5000),), buyer_kind=BuyerKind.COMPANY)
    with pytest.raises(BankTransferMissing):
        top_up(ctx, NORMAL_ID, y(5000), tenders=(external(y(5000), "bank_transfer"),),
               buyer_kind=BuyerKind.COMPANY)  # fmt: skip
    assert table_counts(db_path) == before
    transfer = prepaid.BankTransferInput(
        prepaid.BankAccountInput("示例商贸有限公司", "622200001234567", "工商银行"),
        prepaid.BankAccountInput("示例超市", "110000009999", "建设银行"),
        "TX001",
    )
    top_up(ctx, NORMAL_ID, y(5000), tenders=(external(y(5000), "bank_transfer"),),
           buyer_kind=BuyerKind.COMPANY, bank_transfer=transfer,
           buyer=holder(buyer_kind=BuyerKind.COMPANY, company_name="示例商贸有限公司",
                        agent=True))  # fmt: skip
    (payload,) = [p for p in outbox(db_path, "recharge.completed") if p["member_id"] == NORMAL_ID]
    wired = wire_event("recharge.completed", payload)
    assert wired.bank_transfer.payer.number_masked == "6222*******4567"
    assert wired.buyer.company_name == "示例商贸有限公司"
    # The number is sealed in the event and in the store, never in clear.
    sealer = Sealer.from_file(default_key_path(db_path))
    assert sealer.open(wired.buyer.id_sealed, SEAL_ID_NUMBER) == HOLDER_ID
    raw = db_path.read_bytes()
    assert HOLDER_ID.encode() not in raw and b"622200001234567" not in raw
    # A company's 4,999.99 may be cash.
    top_up(ctx, GOLD_ID, y("3000"), tenders=(cash(3000),), buyer_kind=BuyerKind.COMPANY)


def unrecorded_member(db_path: Path) -> int:
    """A seeded member with a named card and no real-name record on file yet."""
    ((mid,),) = rows(
        db_path,
        "select m.id from members m where m.id < 900000 and m.id not in"
        " (select member_id from real_name_records where member_id is not null)"
        " and exists (select 1 from cards c where c.member_id = m.id and c.state = 'active')"
        " order by m.id limit 1",
    )
    return int(mid)


def test_the_real_name_rule_is_the_default(ctx: Context, db_path: Path) -> None:
    # The law's rule (buying or recharging a named card records the real name) holds
    # unless a programme turns it off: the default programme enforces it.
    assert PrepaidRules().enforce_real_name and demo_rules().prepaid.enforce_real_name
    mid = unrecorded_member(db_path)
    before = table_counts(db_path)
    with pytest.raises(RealNameRequired):
        top_up(ctx, mid, y(100))
    with pytest.raises(ConsentMissing):
        top_up(ctx, mid, y(100), buyer=replace(holder(), consent=False))
    with pytest.raises(BadIdNumber):
        top_up(ctx, mid, y(100), buyer=replace(holder(), id_number="110105194912310021"))
    assert table_counts(db_path) == before
    top_up(ctx, mid, y(100), buyer=holder())
    top_up(ctx, mid, y(100))  # the record on file serves the next recharge


def test_the_recharge_dialog_is_told_when_a_record_is_wanted(ctx: Context, db_path: Path) -> None:
    mid = unrecorded_member(db_path)

    def needs(amount: Money) -> tuple[bool, Money, Money]:
        with ctx.store.reading() as s:
            return prepaid.recharge_needs(s, mid, amount, ctx.rules(s)[1])

    assert needs(y(100)) == (True, y(50000), y(5000))
    use_rules(ctx, enforce_real_name=False)  # a programme that turns the rule off
    assert not needs(y(100))[0]
    use_rules(ctx)
    top_up(ctx, mid, y(100), buyer=holder())
    assert not needs(y(100))[0]  # the record on file serves


# --- spending order and refunds ---------------------------------------------------------


def test_pro_rata_spending_and_a_refund_gives_each_part_back(ctx: Context, db_path: Path) -> None:
    # Gold: 1,000 principal + 60 bonus. 2.00 of water: 1.89 principal, 0.11 bonus.
    done = checkout(ctx, sale(LineRequest(WATER), tenders=(stored_value(y("1.90")),),
                              member_id=GOLD_ID, pay_pin="246810"))  # fmt: skip
    taken = rows(db_path, "select principal_delta_fen, bonus_delta_fen from stored_value_entries"
                 " where sale_id=?", done.sale_id)  # fmt: skip
    # 1.90 (5% gold discount) × 1000/1060 = 1.79 of principal, 0.11 of bonus.
    assert taken == [(-179, -11)]
    back = refund(ctx, RefundRequest(prepaid.new_action_id(), done.receipt_no, {1: 1}, SUPERVISOR))
    given = rows(db_path, "select principal_delta_fen, bonus_delta_fen from stored_value_entries"
                 " where sale_id=?", back.sale_id)  # fmt: skip
    assert given == [(179, 11)]
    assert member_view(ctx, GOLD_ID).stored_value == y(1060)


def test_a_refund_that_would_pass_the_cap_is_refused(
    ctx: Context, db_path: Path, unchanged: Callable[[], None]
) -> None:
    done = checkout(ctx, sale(LineRequest(WATER), tenders=(stored_value(y("1.90")),),
                              member_id=GOLD_ID, pay_pin="246810"))  # fmt: skip
    top_up(ctx, GOLD_ID, y("3641.90"))  # 1,058.10 + 3,641.90 + 300 = 5,000.00
    unchanged_now = rows(db_path, "select count(*) from sales")
    with pytest.raises(RefundOverCap, match=re.escape("at most ¥0.00 fits")):
        refund(ctx, RefundRequest(prepaid.new_action_id(), done.receipt_no, {1: 1}, SUPERVISOR))
    assert rows(db_path, "select count(*) from sales") == unchanged_now


def test_a_correction_in_the_members_favour_respects_the_cap(ctx: Context) -> None:
    approval = Approval(SUPERVISOR.staff_id, Role.SUPERVISOR, "manual_adjustment")
    top_up(ctx, GOLD_ID, y(3640))
    with pytest.raises(RefundOverCap):
        adjust_stored_value(ctx, CASHIER, approval, GOLD_ID, y(1), Money(0), "correction")


# --- cooling-off reversal ---------------------------------------------------------------


def reverse(ctx: Context, receipt: str, **kw: Any) -> prepaid.ReversalResult:
    return prepaid.reverse_recharge(
        ctx, prepaid.ReversalRequest(prepaid.new_action_id(), receipt, SUPERVISOR, **kw)
    )


def test_no_reversal_without_a_cooling_off_region(
    ctx: Context, unchanged: Callable[[], None]
) -> None:
    done = top_up(ctx, NORMAL_ID, y(500))
    with pytest.raises(NoCoolingOff):
        prepaid.reversal_quote(ctx, done.receipt_no)
    with pytest.raises(NoCoolingOff):
        reverse(ctx, done.receipt_no)


@pytest.mark.parametrize(("region", "days"), [("beijing", 7), ("jiangsu", 15)])
def test_cooling_off_at_the_day_boundaries(
    ctx: Context, clock: Clock, db_path: Path, region: str, days: int
) -> None:
    use_rules(ctx, region=region)
    first = top_up(ctx, NORMAL_ID, y(1000))
    second = top_up(ctx, GOLD_ID, y(500))
    clock.advance(days=days)  # the last day of the window
    quote = prepaid.reversal_quote(ctx, first.receipt_no)
    assert (quote.principal, quote.bonus, quote.refund) == (y(1000), y(60), y(1000))
    assert quote.last_day == TODAY + timedelta(days=days)
    done = reverse(ctx, first.receipt_no, reason="七日内未使用")
    assert member_view(ctx, NORMAL_ID).stored_value == Money(0)
    clock.advance(days=1)  # the day after
    with pytest.raises(CoolingOffOver, match=(TODAY + timedelta(days=days)).isoformat()):
        reverse(ctx, second.receipt_no)
    # Exactly once: a second reversal of the same recharge returns the first.
    again = reverse(ctx, first.receipt_no)
    assert again.replayed and again.receipt_no == done.receipt_no
    (payload,) = outbox(db_path, "recharge.reversed")
    wired = wire_event("recharge.reversed", payload)
    assert (wired.sv_principal_fen, wired.sv_bonus_fen) == (-100_000, -6_000)
    assert [t.method for t in wired.refund_tenders] == ["alipay"]
    assert counter_balance(ctx.store.raw_reader(), NORMAL_ID).stored_value_fen == 0
    reasons = [ln.reason for ln in member_statement(ctx, NORMAL_ID).lines]
    assert reasons[-2:] == ["recharge", "reversal"]
    assert_consistent(db_path)


def test_a_used_recharge_is_not_reversed(ctx: Context, unchanged: Callable[[], None]) -> None:
    use_rules(ctx, region="beijing")
    done = top_up(ctx, GOLD_ID, y(500))
    checkout(ctx, sale(LineRequest(WATER), tenders=(stored_value(y("1.90")),),
                       member_id=GOLD_ID, pay_pin="246810"))  # fmt: skip
    with pytest.raises(RechargeUsed):
        reverse(ctx, done.receipt_no)


@pytest.mark.no_shift
def test_jiangsu_keeps_costs_back_beijing_does_not(ctx: Context, db_path: Path) -> None:
    use_rules(ctx, region="jiangsu")
    open_shift(ctx, CASHIER, Money(0))
    done = top_up(ctx, NORMAL_ID, y(1000), tenders=(cash(1000),))
    close_shift(ctx, CASHIER, Money.yuan(1000))
    open_shift(ctx, CASHIER, Money(0))  # the next shift pays the reversal out
    result = reverse(ctx, done.receipt_no, costs=y(5))
    assert result.quote.refund == y(995)
    report = x_report(ctx)
    assert (report.reversals_count, report.reversals_total_fen) == (1, -99_500)
    assert report.by_tender_fen.get("cash", 0) == -99_500  # the recharge was in the shift before


def test_a_reversal_needs_a_supervisor(ctx: Context, unchanged: Callable[[], None]) -> None:
    use_rules(ctx, region="beijing")
    done = top_up(ctx, NORMAL_ID, y(100))
    with pytest.raises(NotAllowed):
        prepaid.reverse_recharge(
            ctx, prepaid.ReversalRequest(prepaid.new_action_id(), done.receipt_no, CASHIER)
        )


# --- 退卡 ----------------------------------------------------------------------------------


def courts_card(ctx: Context, db_path: Path) -> None:
    """法释〔2025〕4号's case on the normal member: 3,000 paid + 1,000 bonus, 3,594 spent."""
    use_rules(ctx, bonus_table=(RechargeBonus(y(3000), y(1000)),))
    top_up(ctx, NORMAL_ID, y(3000))
    # 71 bags of rice at 50.00 and 22 bottles of water at 2.00: 3,594.00.
    lines = (LineRequest(RICE, quantity=71), LineRequest(WATER, quantity=22))
    checkout(ctx, sale(*lines, tenders=(stored_value(y(3594)),), member_id=NORMAL_ID))
    mark_sent(ctx)


@pytest.fixture
def no_pin(ctx: Context) -> None:
    ctx.settings = ctx.settings.model_copy(update={"pay_pin_threshold_fen": 10**9})


def test_the_courts_case_at_the_counter(
    ctx: Context, db_path: Path, no_pin: None, unchanged: Callable[[], None]
) -> None:
    courts_card(ctx, db_path)
    view = member_view(ctx, NORMAL_ID)
    assert (view.sv_principal, view.sv_bonus) == (y("304.50"), y("101.50"))
    preview = prepaid.closure_preview(ctx, NORMAL_CARD)
    q = preview.quote
    assert (q.spent, q.spent_from_principal, q.refund, q.forfeited) == (
        y(3594), y("2695.50"), y("304.50"), y("101.50"),
    )  # fmt: skip
    assert not q.cash_allowed and preview.card_masked.startswith(NORMAL_CARD[:4])
    assert any("¥2,695.50" in t.text() for t in q.explain())


def test_a_closure_pays_by_transfer_above_100_and_only_once(
    ctx: Context, db_path: Path, no_pin: None
) -> None:
    courts_card(ctx, db_path)
    before = rows(db_path, "select count(*) from prepaid_closures, outbox")
    with pytest.raises(ClosureCashNotAllowed, match=re.escape("¥406.00")):
        prepaid.close_card(ctx, closure())
    with pytest.raises(AccountNotHolders):
        prepaid.close_card(ctx, closure(account=account("王某")))
    with pytest.raises(HolderMismatch):
        prepaid.close_card(ctx, closure(holder=holder("王某"), account=account("王某")))
    assert rows(db_path, "select count(*) from prepaid_closures, outbox") == before
    done = prepaid.close_card(ctx, closure(account=account(), reference="TX9"))
    assert (done.quote.refund, done.tender, done.replayed) == (y("304.50"), "bank_transfer", False)
    assert done.id_masked == "1101**********002X" and done.account_masked == "6217***********0123"
    assert member_view(ctx, NORMAL_ID).stored_value == Money(0)
    again = prepaid.close_card(ctx, closure(account=account()))
    assert (
        again.replayed
        and again.receipt_no == done.receipt_no
        and again.quote == replace(done.quote, cash_limit=Money(0))
    )
    (payload,) = outbox(db_path, "card.closed")
    wired = wire_event("card.closed", payload)
    assert (wired.principal_refunded_fen, wired.bonus_forfeited_fen) == (30_450, 10_150)
    assert wired.bank_transfer.payee.name == NORMAL_NAME
    report = x_report(ctx)
    assert (report.closures_count, report.closures_total_fen) == (1, -30_450)
    assert report.by_tender_fen["external:bank_transfer"] == -30_450
    sv_lines = [ln for ln in member_statement(ctx, NORMAL_ID).lines if ln.ledger == "stored_value"]
    assert (sv_lines[-1].reason, sv_lines[-1].sv_after) == ("closure", Money(0))
    assert HOLDER_ID.encode() not in db_path.read_bytes()
    with pytest.raises(StoredValueClosed):
        top_up(ctx, NORMAL_ID, y(100))
    assert_consistent(db_path)


@pytest.mark.parametrize(("balance", "cash_ok"), [("100.00", True), ("100.01", False)])
def test_cash_only_up_to_100(ctx: Context, db_path: Path, balance: str, cash_ok: bool) -> None:
    top_up(ctx, NORMAL_ID, y(balance), tenders=(cash(balance),))
    mark_sent(ctx)
    if cash_ok:
        done = prepaid.close_card(ctx, closure())
        assert (done.tender, done.quote.refund) == ("cash", y(balance))
    else:
        with pytest.raises(ClosureCashNotAllowed):
            prepaid.close_card(ctx, closure())


def test_a_card_with_a_pending_offline_recharge_waits_for_the_sync(
    ctx: Context, db_path: Path, link: Link, unchanged: Callable[[], None]
) -> None:
    link.online = False
    top_up(ctx, NORMAL_ID, y(50), tenders=(cash(50),))
    assert prepaid.closure_preview(ctx, NORMAL_CARD).pending_recharge
    before = rows(db_path, "select count(*) from outbox")
    with pytest.raises(PendingOfflineRecharge, match="sync first"):
        prepaid.close_card(ctx, closure())
    assert rows(db_path, "select count(*) from outbox") == before
    mark_sent(ctx)
    assert prepaid.close_card(ctx, closure()).tender == "cash"


def test_an_online_recharge_not_pushed_yet_does_not_hold_the_closure_up(ctx: Context) -> None:
    top_up(ctx, NORMAL_ID, y(50), tenders=(cash(50),))  # online, still in the outbox
    assert not prepaid.closure_preview(ctx, NORMAL_CARD).pending_recharge
    assert prepaid.close_card(ctx, closure()).quote.refund == y(50)


def test_a_closure_needs_the_ids_consent_and_a_supervisor(ctx: Context, db_path: Path) -> None:
    top_up(ctx, NORMAL_ID, y(50), tenders=(cash(50),))
    mark_sent(ctx)
    with pytest.raises(ConsentMissing):
        prepaid.close_card(ctx, closure(holder=replace(holder(), consent=False)))
    with pytest.raises(NotAllowed):
        prepaid.close_card(ctx, replace(closure(), staff=CASHIER))
    approval = Approval(SUPERVISOR.staff_id, Role.SUPERVISOR, "card_closure")
    done = prepaid.close_card(ctx, replace(closure(), staff=CASHIER, approval=approval))
    assert rows(db_path, "select staff_id, approved_by from prepaid_closures") == [
        (CASHIER.staff_id, SUPERVISOR.staff_id)
    ]
    assert rows(db_path, "select action from audit_log where event_id=?", done.closure_id) == [
        ("card.close",)
    ]


def test_closure_tables_are_append_only(ctx: Context, db_path: Path) -> None:
    top_up(ctx, NORMAL_ID, y(50), tenders=(cash(50),))
    mark_sent(ctx)
    prepaid.close_card(ctx, closure())
    conn = sqlite3.connect(db_path)
    for sql in ("UPDATE prepaid_closures SET refund_fen = 1", "DELETE FROM real_name_records"):
        with pytest.raises(sqlite3.IntegrityError, match="never changed"):
            conn.execute(sql)
    conn.close()


def feed_member(ctx: Context, member_id: int, **over: Any) -> None:
    """Head office's copy of the member, as a pulled page applies it (``sync.apply``)."""
    from pos_member.store import pii
    from pos_member.sync.apply import apply_page
    from pos_member.wire.schemas import Change, Entity

    with ctx.store.session() as s:
        conn = s.connection()
        m = conn.execute(text("SELECT * FROM members WHERE id = :m"), {"m": member_id}).mappings()
        row = dict(m.one())
        cards = conn.execute(
            text("SELECT number, uid, kind, state, issued_on, expires_on FROM cards "
                 "WHERE member_id = :m"), {"m": member_id}
        ).mappings().all()  # fmt: skip
        data = {
            "id": member_id, "name": pii.full_name(ctx.store.sealer, row["name_sealed"]),
            "phone": pii.full_phone(ctx.store.sealer, row["phone_sealed"]),
            "birthday": row["birthday"], "tier_code": row["tier_code"],
            "joined_on": row["joined_on"], "status": row["status"], "pay_pin_hash": None,
            "sv_principal_fen": row["sv_principal_fen"], "sv_bonus_fen": row["sv_bonus_fen"],
            "points": row["points_balance"], "balance_version": 1,
            "cards": [dict(c) for c in cards], **over,
        }  # fmt: skip
        apply_page(
            conn, [Change(entity=Entity.MEMBER, key=str(member_id), data=data)], ctx.now_iso()
        )


def test_a_closure_at_another_store_reaches_this_till_by_the_feed(
    ctx: Context, db_path: Path
) -> None:
    """Head office's closed state (``sv_closed_on``) refuses money onto the stored value here
    as a 退卡 at this till does; a later page without it does not reopen it."""
    feed_member(ctx, NORMAL_ID, sv_principal_fen=0, sv_bonus_fen=0)
    top_up(ctx, NORMAL_ID, y(100))  # not closed yet: taken
    feed_member(ctx, NORMAL_ID, sv_closed_on="2026-11-25")
    feed_member(ctx, NORMAL_ID, sv_closed_on=None)  # an older page: still closed
    before = table_counts(db_path)
    with pytest.raises(StoredValueClosed, match="2026-11-25"):
        top_up(ctx, NORMAL_ID, y(100))
    with pytest.raises(StoredValueClosed):
        prepaid.closure_preview(ctx, NORMAL_CARD)
    with pytest.raises(StoredValueClosed):
        adjust_stored_value(ctx, SUPERVISOR, None, NORMAL_ID, y(5), Money(0), "goodwill")
    assert table_counts(db_path) == before
