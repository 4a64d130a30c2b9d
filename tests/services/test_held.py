"""Held sales on a real SQLite store: hold, list, recall once, discard (a void), per till."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from pos_member.domain.errors import (
    EmptyCart,
    HeldSaleGone,
    NotAllowed,
    SaleAlreadyHeld,
    UnknownCard,
    ValidationError,
)
from pos_member.services import auth, held
from pos_member.services.checkout import new_sale_id
from pos_member.services.context import Context
from pos_member.services.held import HeldDraft, HeldLine
from pos_member.settings import Settings
from pos_member.store.db import Store
from tests.services.conftest import (
    APPLE_PLU,
    CASHIER,
    GOLD_ID,
    MILK,
    RICE,
    SUPERVISOR,
    WATER,
    Clock,
    table_counts,
)
from tests.services.helpers import rows


def basket(member_id: int | None = GOLD_ID, coupons: tuple[str, ...] = ()) -> HeldDraft:
    return HeldDraft(
        sale_id=new_sale_id(),
        lines=(
            HeldLine(1, WATER, quantity=3),
            HeldLine(2, MILK),
            HeldLine(4, APPLE_PLU, weight_g=532, weighed=True),
        ),
        member_id=member_id,
        coupons=coupons,
    )


def held_rows(path: Path) -> list[tuple[object, ...]]:
    return rows(
        path, "select sale_id, terminal_id, staff_id, member_id, line_count from held_sales"
    )


def test_hold_list_newest_first_and_recall_gives_the_same_draft_back(
    ctx: Context, clock: Clock, db_path: Path
) -> None:
    first = basket()
    assert held.hold(ctx, CASHIER, first) == 1
    clock.advance(minutes=3)
    second = HeldDraft(new_sale_id(), (HeldLine(1, RICE),), member_id=None)
    assert held.hold(ctx, CASHIER, second) == 2
    assert held.count_held(ctx) == 2

    listed = held.list_held(ctx)
    assert [h.sale_id for h in listed] == [second.sale_id, first.sale_id]
    newest, oldest = listed
    assert (newest.line_count, newest.member_id, newest.member_masked) == (1, None, "")
    assert newest.summary == "大米 5kg"
    assert oldest.member_masked == "张**" and oldest.staff_id == "1001"
    assert oldest.summary == "矿泉水 550ml ×3、纯牛奶 1L、富士苹果 (称重) 0.532kg"
    assert oldest.created_at < newest.created_at

    got = held.recall(ctx, first.sale_id)
    assert got.draft == first  # codes, quantities, weights, line numbers, member
    assert got.dropped == ()
    assert held_rows(db_path) == [(second.sale_id, "T01", "1001", None, 1)]
    assert held.count_held(ctx) == 1


def test_the_draft_round_trips_through_json_with_coupons(ctx: Context) -> None:
    d = basket(coupons=("C1", "C2"))
    assert HeldDraft.from_json(d.as_json()) == d
    held.hold(ctx, CASHIER, d)
    assert held.recall(ctx, d.sale_id).draft.coupons == ("C1", "C2")


def test_a_second_recall_is_refused_and_changes_nothing(ctx: Context, db_path: Path) -> None:
    d = basket()
    held.hold(ctx, CASHIER, d)
    held.recall(ctx, d.sale_id)
    before = table_counts(db_path)
    with pytest.raises(HeldSaleGone) as err:
        held.recall(ctx, d.sale_id)
    assert "already recalled or discarded" in err.value.message
    assert table_counts(db_path) == before


def test_two_tills_recalling_at_once_get_it_once(ctx: Context, db_path: Path, clock: Clock) -> None:
    """Two connections (two windows, two processes) race for one held sale."""
    d = basket()
    held.hold(ctx, CASHIER, d)
    other = Store.open(db_path, busy_timeout_ms=5_000)
    ctx2 = Context(
        store=other,
        settings=Settings(db_path=db_path, terminal_id="T01", store_id="S001"),
        clock=clock,
        online=lambda: True,
    )
    barrier = threading.Barrier(2)
    results: list[object] = []

    def take(c: Context) -> None:
        barrier.wait()
        try:
            results.append(held.recall(c, d.sale_id))
        except HeldSaleGone as exc:
            results.append(exc)

    try:
        threads = [threading.Thread(target=take, args=(c,)) for c in (ctx, ctx2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(10)
    finally:
        other.close()
    recalled = [r for r in results if isinstance(r, held.Recalled)]
    refused = [r for r in results if isinstance(r, HeldSaleGone)]
    assert len(recalled) == 1 and len(refused) == 1
    assert held_rows(db_path) == []


def test_recall_leaves_out_lines_whose_product_is_gone(ctx: Context, db_path: Path) -> None:
    d = basket()
    held.hold(ctx, CASHIER, d)
    conn = sqlite3.connect(db_path)
    conn.execute("update products set active = 0 where code = 'T-MILK'")
    conn.commit()
    conn.close()
    got = held.recall(ctx, d.sale_id)
    assert got.dropped == (MILK,)
    assert [ln.code for ln in got.draft.lines] == [WATER, APPLE_PLU]
    assert [ln.line_no for ln in got.draft.lines] == [1, 4]
    assert got.draft.member_id == GOLD_ID


def test_put_back_holds_it_again_as_it_was(ctx: Context, clock: Clock) -> None:
    d = basket()
    held.hold(ctx, CASHIER, d)
    at = held.list_held(ctx)[0].created_at
    clock.advance(minutes=10)
    got = held.recall(ctx, d.sale_id)
    held.put_back(ctx, got)
    (again,) = held.list_held(ctx)
    assert (again.sale_id, again.created_at, again.line_count) == (d.sale_id, at, 3)
    assert held.recall(ctx, d.sale_id).draft == d


def test_discard_is_a_void_needing_a_supervisor_and_is_audited(ctx: Context, db_path: Path) -> None:
    d = basket()
    held.hold(ctx, CASHIER, d)
    with pytest.raises(NotAllowed):
        held.discard(ctx, CASHIER, d.sale_id)
    assert held.count_held(ctx) == 1
    approval = auth.approve(ctx, "2001", "8888", "void")
    assert held.discard(ctx, CASHIER, d.sale_id, approval) == 0
    assert held_rows(db_path) == []
    audit = rows(
        db_path,
        "select staff_id, approved_by, subject from audit_log where action = 'sale.held_discard'",
    )
    assert audit == [("1001", "2001", d.sale_id)]
    with pytest.raises(HeldSaleGone):
        held.discard(ctx, SUPERVISOR, d.sale_id)
    with pytest.raises(HeldSaleGone):
        held.recall(ctx, d.sale_id)


def test_a_supervisor_discards_without_approval(ctx: Context) -> None:
    d = basket(member_id=None)
    held.hold(ctx, SUPERVISOR, d)
    assert held.discard(ctx, SUPERVISOR, d.sale_id) == 0


@pytest.mark.parametrize(
    ("draft", "error"),
    [
        (HeldDraft(new_sale_id(), ()), EmptyCart),
        (HeldDraft("not-a-uuid", (HeldLine(1, WATER),)), ValidationError),
        (HeldDraft(new_sale_id(), (HeldLine(1, WATER, quantity=0),)), ValidationError),
        (HeldDraft(new_sale_id(), (HeldLine(1, WATER, quantity=1000),)), ValidationError),
        (HeldDraft(new_sale_id(), (HeldLine(1, APPLE_PLU, weighed=True),)), ValidationError),
        (HeldDraft(new_sale_id(), (HeldLine(1, "  "),)), ValidationError),
        (HeldDraft(new_sale_id(), (HeldLine(1, WATER),), member_id=123_456_789), UnknownCard),
    ],
)
def test_bad_holds_are_refused_and_nothing_written(
    ctx: Context, unchanged: Callable[[], None], draft: HeldDraft, error: type[Exception]
) -> None:
    with pytest.raises(error):
        held.hold(ctx, CASHIER, draft)
    unchanged()


def test_holding_the_same_sale_twice_is_refused(ctx: Context, db_path: Path) -> None:
    d = basket()
    held.hold(ctx, CASHIER, d)
    with pytest.raises(SaleAlreadyHeld):
        held.hold(ctx, CASHIER, d)
    assert len(held_rows(db_path)) == 1


def test_held_sales_belong_to_their_till_and_outlive_the_store(
    ctx: Context, db_path: Path, clock: Clock
) -> None:
    d = basket()
    held.hold(ctx, CASHIER, d)
    ctx.store.close()
    reopened = Store.open(db_path)
    try:
        same = Context(
            store=reopened,
            settings=Settings(db_path=db_path, terminal_id="T01", store_id="S001"),
            clock=clock,
            online=lambda: True,
        )
        other_till = Context(
            store=reopened,
            settings=Settings(db_path=db_path, terminal_id="T02", store_id="S001"),
            clock=clock,
            online=lambda: True,
        )
        assert [h.sale_id for h in held.list_held(same)] == [d.sale_id]
        assert held.list_held(other_till) == [] and held.count_held(other_till) == 0
        assert held.recall(same, d.sale_id).draft == d
    finally:
        reopened.close()


def test_held_sales_are_not_append_only(ctx: Context, db_path: Path) -> None:
    """0101's triggers cover the ledgers, not this screen state."""
    held.hold(ctx, CASHIER, basket())
    conn = sqlite3.connect(db_path)
    try:
        triggers = conn.execute(
            "select name from sqlite_master where type = 'trigger' and tbl_name = 'held_sales'"
        ).fetchall()
        assert triggers == []
        conn.execute("update held_sales set summary = 'x'")
        conn.execute("delete from held_sales")
        conn.commit()
        assert conn.execute("select count(*) from held_sales").fetchone() == (0,)
    finally:
        conn.close()


def _overridden() -> HeldDraft:
    """A basket with a 改价 on line 2 and 9.5折 on the sale, approved by the supervisor."""
    from decimal import Decimal

    from pos_member.domain.money import Money
    from pos_member.domain.pricing import SaleDiscount
    from pos_member.services.context import Approval, Role

    b = basket()
    return replace(
        b,
        lines=(
            b.lines[0],
            replace(b.lines[1], price_override=Money(500), override_reason="dented box"),
            b.lines[2],
        ),
        sale_discount=SaleDiscount(reason="老顾客", rate=Decimal("0.95")),
        approval=Approval("2001", Role.SUPERVISOR, "price_override"),
    )


def test_overrides_reasons_and_their_approver_come_back(ctx: Context) -> None:
    d = _overridden()
    held.hold(ctx, CASHIER, d)
    (listed,) = held.list_held(ctx)
    assert listed.draft == d  # the list prices it with its overrides and approver
    assert held.recall(ctx, d.sale_id).draft == d


def test_a_supervisor_holding_their_own_overrides_is_their_approver(ctx: Context) -> None:
    d = replace(_overridden(), approval=None)  # they may approve themselves: no PIN asked
    held.hold(ctx, SUPERVISOR, d)
    got = held.recall(ctx, d.sale_id)  # a cashier may recall and pay it
    assert got.draft.approval is not None and got.draft.approval.staff_id == "2001"
    assert not got.overrides_dropped


def test_overrides_whose_approver_left_are_dropped(ctx: Context, db_path: Path) -> None:
    d = _overridden()
    held.hold(ctx, CASHIER, d)
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("update staff set active = 0 where id = '2001'")
    conn.close()
    got = held.recall(ctx, d.sale_id)
    assert got.overrides_dropped
    assert got.draft.sale_discount is None and got.draft.approval is None
    assert [ln.price_override for ln in got.draft.lines] == [None, None, None]
    assert [ln.code for ln in got.draft.lines] == [ln.code for ln in d.lines]
