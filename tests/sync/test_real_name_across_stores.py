"""A real-name record taken at one store is on file at every store (issue 17): head office
notes it (``members.real_name_at``) and its feed brings it, so another store's till does
not ask the member for it again; a member without one is still asked."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from pos_member.domain.money import Money
from pos_member.domain.prepaid import IdType
from pos_member.domain.tenders import TenderKind, TenderRequest
from pos_member.seed.history import demo_id_number
from pos_member.services import prepaid
from pos_member.services.auth import hash_pin
from pos_member.services.context import Context, Role, StaffSession
from pos_member.services.stored_value import RechargeRequest, new_recharge_id, recharge
from pos_member.settings import Settings
from pos_member.store.models import Staff
from tests.till_shift import ensure_shift

pytestmark = pytest.mark.integration

SUPERVISOR = StaffSession("2001", "陈姐", Role.SUPERVISOR)
CASHIER = StaffSession("1001", "小王", Role.CASHIER)


def _ctx(t: Any, store_id: str) -> Context:
    with t.store.session() as s:
        for who in (CASHIER, SUPERVISOR):
            s.add(Staff(id=who.staff_id, name=who.name, role=who.role.label,
                        pin_hash=hash_pin("2468")))  # fmt: skip
    settings = Settings(db_path=t.store.path, terminal_id=t.terminal_id, store_id=store_id)
    ctx = Context(store=t.store, settings=settings, clock=t.clock)
    ensure_shift(ctx)
    return ctx


def _needs(ctx: Context, member_id: int) -> bool:
    with ctx.store.reading() as s:
        _, rules = ctx.rules(s)
        return prepaid.recharge_needs(s, member_id, Money.yuan(100), rules)[0]


def test_a_record_taken_at_one_store_is_on_file_at_another(hq: Any, make_terminal: Any) -> None:
    with hq.engine.connect() as conn:
        taken, never = conn.execute(
            text(
                "SELECT m.id FROM members m WHERE m.real_name_at IS NULL "
                "AND m.status = 'active' AND m.sv_principal_fen + m.sv_bonus_fen <= 300000 "
                "AND EXISTS (SELECT 1 FROM cards c WHERE c.member_id = m.id "
                "AND c.card_class = 'named') ORDER BY m.id DESC LIMIT 2"
            )
        ).scalars()
    a = make_terminal()
    a.sync()
    ctx_a = _ctx(a, "S001")
    b = make_terminal(store_id="S002")
    b.sync()
    ctx_b = _ctx(b, "S002")
    assert _needs(ctx_a, taken) and _needs(ctx_b, taken)  # none on file anywhere yet
    recharge(
        ctx_a,
        RechargeRequest(
            new_recharge_id(), taken, Money.yuan(100),
            (TenderRequest(TenderKind.CASH, Money.yuan(100)),), SUPERVISOR,
            buyer=prepaid.RealNameInput("张三", IdType.RESIDENT_ID, demo_id_number(taken), True),
        ),
    )  # fmt: skip
    a.sync()
    with hq.engine.connect() as conn:
        at = conn.execute(
            text("SELECT real_name_at FROM members WHERE id = :m"), {"m": taken}
        ).scalar()
    assert at is not None
    b.sync()
    with b.store.reading() as s:
        here = (
            s.connection()
            .execute(text("SELECT real_name_at FROM members WHERE id = :m"), {"m": taken})
            .scalar()
        )
    assert here == at
    assert not _needs(ctx_b, taken)  # the other store does not ask again
    assert _needs(ctx_b, never)  # a member with no record anywhere still is asked
    # A later page without it (an older copy) does not take it back.
    b.sync()
    assert not _needs(ctx_b, taken)
