"""Issue 15: a cashier recharges alone up to the programme's limit; above it a supervisor.

``stored_value.cashier_recharge_max`` (¥1,000 by default, 0: every recharge) on a real
SQLite store: at the fen below and at the limit a cashier's recharge goes through with
no approver; a fen above it is refused with nothing written, and goes through with a
supervisor's approval, the approver on the sale and in the audit as before.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from pos_member.domain.errors import NotAllowed
from pos_member.domain.money import Money
from pos_member.domain.rules import ProgrammeRules, StoredValueRules, demo_rules
from pos_member.domain.tenders import TenderKind, TenderRequest
from pos_member.services import auth
from pos_member.services import stored_value as sv
from pos_member.services.context import Approval, Context, StaffSession
from pos_member.services.programme import install_rules
from tests.services.conftest import CASHIER, MANAGER, NORMAL_ID, SUPERVISOR, table_counts
from tests.services.helpers import rows

LIMIT = 100_000  # ¥1,000.00, the default


def with_limit(ctx: Context, fen: int) -> None:
    """Publish the till's rules again with ``cashier_recharge_max`` set to ``fen``."""
    with ctx.store.reading() as s:
        version, rules = ctx.rules(s)
    rules = replace(
        rules,
        version=version + 1,
        stored_value=replace(rules.stored_value, cashier_recharge_max=Money(fen)),
    )
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        install_rules(uow, rules, (ctx.today() - timedelta(days=1)).isoformat())


def request(
    fen: int, staff: StaffSession = CASHIER, approval: Approval | None = None
) -> sv.RechargeRequest:
    amount = Money(fen)
    return sv.RechargeRequest(
        sv.new_recharge_id(), NORMAL_ID, amount, (TenderRequest(TenderKind.CASH, amount),),
        staff, approval,
    )  # fmt: skip


def approvers(db_path: Path, sale_id: str) -> tuple[object, object]:
    """(the sale's approved_by, the recharge audit's approved_by)."""
    sale = rows(db_path, "select approved_by from sales where id=?", sale_id)
    audit = rows(
        db_path, "select approved_by from audit_log where action='recharge' and event_id=?", sale_id
    )
    assert len(sale) == 1 and len(audit) == 1
    return sale[0][0], audit[0][0]


def test_the_default_is_a_thousand_yuan() -> None:
    assert StoredValueRules().cashier_recharge_max == Money.yuan(1000)
    assert ProgrammeRules.from_dict({"tiers": [
        {"code": "n", "name": "n", "rank": 0, "discount_rate": "1", "points_multiplier": "1",
         "upgrade_spend": 0}
    ]}).stored_value.cashier_recharge_max == Money(LIMIT)  # fmt: skip


@pytest.mark.parametrize("fen", [LIMIT - 1, LIMIT])
def test_a_cashier_recharges_alone_up_to_the_limit(ctx: Context, db_path: Path, fen: int) -> None:
    done = sv.recharge(ctx, request(fen))
    assert rows(db_path, "select total_fen, staff_id from sales where id=?", done.sale_id) == [
        (fen, CASHIER.staff_id)
    ]
    assert approvers(db_path, done.sale_id) == (None, None)  # nobody approved it
    with ctx.store.reading() as s:
        _, rules = ctx.rules(s)
    assert not sv.needs_approval(CASHIER, Money(fen), rules)


def test_a_fen_above_the_limit_needs_a_supervisor(
    ctx: Context, db_path: Path, unchanged: Callable[[], None]
) -> None:
    with ctx.store.reading() as s:
        _, rules = ctx.rules(s)
    assert sv.needs_approval(CASHIER, Money(LIMIT + 1), rules)
    assert sv.approval_needed(ctx, CASHIER, Money(LIMIT + 1))
    with pytest.raises(NotAllowed) as info:
        sv.recharge(ctx, request(LIMIT + 1))
    assert "supervisor" in info.value.message
    unchanged()
    approval = auth.approve(ctx, SUPERVISOR.staff_id, "8888", "recharge")
    done = sv.recharge(ctx, request(LIMIT + 1, approval=approval))
    assert rows(db_path, "select total_fen from sales where id=?", done.sale_id) == [(LIMIT + 1,)]
    assert approvers(db_path, done.sale_id) == (SUPERVISOR.staff_id, SUPERVISOR.staff_id)


def test_another_actions_approval_does_not_do(ctx: Context) -> None:
    refund_ok = auth.approve(ctx, SUPERVISOR.staff_id, "8888", "refund")
    with pytest.raises(NotAllowed):
        sv.recharge(ctx, request(LIMIT + 1, approval=refund_ok))


@pytest.mark.parametrize("staff", [SUPERVISOR, MANAGER])
def test_a_supervisor_or_manager_is_their_own_approver(
    ctx: Context, db_path: Path, staff: StaffSession
) -> None:
    for fen in (LIMIT, LIMIT + 1):
        done = sv.recharge(ctx, request(fen, staff=staff))
        assert approvers(db_path, done.sale_id) == (staff.staff_id, staff.staff_id)
    assert sv.approval_limit(ctx, staff) is None


def test_the_chain_sets_the_limit(ctx: Context, db_path: Path) -> None:
    with_limit(ctx, 20_000)  # ¥200.00
    assert sv.approval_limit(ctx, CASHIER) == Money(20_000)
    done = sv.recharge(ctx, request(20_000))
    assert approvers(db_path, done.sale_id) == (None, None)
    with pytest.raises(NotAllowed):
        sv.recharge(ctx, request(20_001))


def test_zero_means_every_recharge_asks(ctx: Context, db_path: Path) -> None:
    with_limit(ctx, 0)
    assert sv.approval_limit(ctx, CASHIER) == Money(0)
    before = table_counts(db_path)
    with pytest.raises(NotAllowed):
        sv.recharge(ctx, request(100))  # ¥1.00, the smallest recharge
    assert table_counts(db_path) == before


def test_the_limit_travels_with_the_rules() -> None:
    rules = demo_rules()
    rules = replace(rules, stored_value=replace(rules.stored_value, cashier_recharge_max=Money(0)))
    back = ProgrammeRules.from_dict(rules.to_dict())
    assert back.stored_value.cashier_recharge_max == Money(0)
    assert back.stored_value.recharge_needs_supervisor(Money(1))


def test_a_negative_limit_is_refused() -> None:
    with pytest.raises(ValueError, match="cashier_recharge_max"):
        StoredValueRules(cashier_recharge_max=Money(-1))
