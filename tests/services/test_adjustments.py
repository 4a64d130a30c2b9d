"""Voids and manual adjustments: supervisor-approved, ledgered, audited."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from pos_member.domain.errors import BalanceTooLow, NotAllowed, PointsTooLow, ValidationError
from pos_member.domain.money import Money
from pos_member.services import auth
from pos_member.services.adjustments import (
    VoidedLine,
    adjust_points,
    adjust_stored_value,
    record_void,
    void_sale,
)
from pos_member.services.context import Context
from pos_member.services.identify import member_view
from tests.services.conftest import CASHIER, GOLD_ID, SUPERVISOR, assert_consistent
from tests.services.helpers import rows

LINE = VoidedLine("T-WATER", "矿泉水", 2, Money.yuan(4))


def test_void_is_audited_with_its_approver(ctx: Context, db_path: Path) -> None:
    approval = auth.approve(ctx, "2001", "8888", "void")
    record_void(ctx, CASHIER, approval, "cart-1", (LINE,), "顾客不要了")
    got = rows(db_path, "select staff_id, approved_by, subject from audit_log where action='void'")
    assert got == [("1001", "2001", "cart-1")]


@pytest.mark.parametrize(
    "action",
    [
        lambda ctx: record_void(ctx, CASHIER, None, "cart-1", (LINE,), "x"),
        lambda ctx: adjust_points(ctx, CASHIER, None, GOLD_ID, 100, "补积分"),
        lambda ctx: adjust_stored_value(ctx, CASHIER, None, GOLD_ID, Money(100), Money(0), "补"),
    ],
)
def test_a_cashier_alone_cannot_void_or_adjust(
    ctx: Context, unchanged: Callable[[], None], action: Callable[[Context], object]
) -> None:
    with pytest.raises(NotAllowed, match="supervisor"):
        action(ctx)
    unchanged()


def test_points_adjustments_add_a_lot_or_take_from_lots(ctx: Context, db_path: Path) -> None:
    assert adjust_points(ctx, SUPERVISOR, None, GOLD_ID, 250, "活动补发积分") == 2250
    assert adjust_points(ctx, SUPERVISOR, None, GOLD_ID, -2100, "误发积分收回") == 150
    with pytest.raises(PointsTooLow):
        adjust_points(ctx, SUPERVISOR, None, GOLD_ID, -151, "too many")
    with pytest.raises(ValidationError, match="why"):
        adjust_points(ctx, SUPERVISOR, None, GOLD_ID, 5, " ")
    assert member_view(ctx, GOLD_ID).points == 150
    assert rows(db_path, "select count(*) from outbox where kind='points.adjusted'") == [(2,)]
    assert_consistent(db_path)


def test_stored_value_adjustment_never_below_zero(ctx: Context, db_path: Path) -> None:
    total = adjust_stored_value(
        ctx, SUPERVISOR, None, GOLD_ID, Money(0), -Money.yuan(60), "赠送冲正"
    )
    assert total == Money.yuan(1000)
    with pytest.raises(BalanceTooLow):
        adjust_stored_value(ctx, SUPERVISOR, None, GOLD_ID, -Money.yuan(1001), Money(0), "x?")
    assert rows(db_path, "select kind, note from stored_value_entries where kind='adjust'") == [
        ("adjust", "赠送冲正")
    ]
    assert_consistent(db_path)


def test_an_adjustment_stays_within_its_approvers_role_and_names_the_approver(
    ctx: Context, db_path: Path
) -> None:
    """The limits of domain.approvals, the same head office checks the pushed event against."""
    from pos_member.domain.approvals import adjustment_limit
    from tests.services.conftest import MANAGER

    cap = adjustment_limit("supervisor")
    with pytest.raises(ValidationError, match="more than this approver"):
        adjust_points(ctx, SUPERVISOR, None, GOLD_ID, cap.points + 1, "活动补发")
    with pytest.raises(ValidationError, match="more than this approver"):
        adjust_stored_value(
            ctx, SUPERVISOR, None, GOLD_ID, Money(cap.stored_value_fen + 1), Money(0), "补"
        )
    # A cashier's adjustment approved by the supervisor: the supervisor's limit applies.
    ok = auth.approve(ctx, SUPERVISOR.staff_id, "8888", "manual_adjustment")
    with pytest.raises(ValidationError, match="more than this approver"):
        adjust_points(ctx, CASHIER, ok, GOLD_ID, cap.points + 1, "活动补发")
    assert adjust_points(ctx, MANAGER, None, GOLD_ID, cap.points + 1, "活动补发") > cap.points
    payloads = rows(db_path, "select payload from outbox where kind='points.adjusted'")
    assert len(payloads) == 1 and '"approved_by": "3001"' in payloads[0][0].replace('":"', '": "')


def test_a_whole_sale_void_is_audited_with_its_approver(ctx: Context, db_path: Path) -> None:
    with pytest.raises(NotAllowed):
        void_sale(ctx, CASHIER, None, "cart-2", 3)
    approval = auth.approve(ctx, "2001", "8888", "void")
    void_sale(ctx, CASHIER, approval, "cart-2", 3)
    got = rows(
        db_path, "select staff_id, approved_by, subject, detail from audit_log "
        "where action='sale.void'",
    )  # fmt: skip
    assert [(r[0], r[1], r[2]) for r in got] == [("1001", "2001", "cart-2")]
    assert '"lines": 3' in got[0][3]
    void_sale(ctx, SUPERVISOR, None, "cart-3", 1)  # a supervisor voids without a second PIN
    got = rows(db_path, "select approved_by from audit_log where subject='cart-3'")
    assert got == [(None,)]
