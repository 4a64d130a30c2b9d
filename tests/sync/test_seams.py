"""Seams between the counter's services and the sync client, on real PostgreSQL + uvicorn.

- member ids: ``members.register_member`` and ``sync.client.next_member_id``
  draw from one allocator, the terminal's enrolment block;
- ``Context.online`` (and the app's ``Terminal.online``) follow the sync
  client's last contact with head office.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from pos_member.bootstrap import open_terminal
from pos_member.domain.errors import ValidationError
from pos_member.services.context import Context, Role, StaffSession
from pos_member.services.members import RegisterRequest, register_member
from pos_member.settings import Settings
from pos_member.store import pii, state
from pos_member.store.checks import check_file
from pos_member.sync.client import next_member_id

pytestmark = pytest.mark.integration

MANAGER = StaffSession("3001", "赵总", Role.MANAGER)


def _ctx(t) -> Context:  # type: ignore[no-untyped-def]
    settings = Settings(db_path=t.store.path, terminal_id=t.terminal_id, store_id="S001")
    return Context(store=t.store, settings=settings, clock=t.clock)


def test_registered_members_take_ids_from_the_enrolment_block(hq, make_terminal):
    t = make_terminal()
    t.sync()
    ctx = _ctx(t)
    with t.store.reading() as s:
        conn = s.connection()
        base = int(state.get_state(conn, state.HQ_MEMBER_BASE) or 0)
        block = int(state.get_state(conn, state.HQ_MEMBER_BLOCK) or 0)
    assert base > hq.scalar("SELECT max(id) FROM members WHERE id < :b", b=base)
    first = register_member(
        ctx,
        RegisterRequest(MANAGER, "林小梅", "13912340001", True, date(1991, 3, 4), "female"),
    )
    assert first.member_id == base
    # The sync client's allocator is the same counter: it hands out the next id...
    with t.store.session() as s:
        taken_by_client = next_member_id(s.connection())
    assert taken_by_client == base + 1
    # ...and registration goes on after it, never reusing it.
    second = register_member(ctx, RegisterRequest(MANAGER, "周大伟", "13912340002", True))
    assert second.member_id == base + 2 < base + block
    t.sync()
    with hq.engine.connect() as conn:
        got = {
            r[0] for r in conn.execute(text("SELECT id FROM members WHERE id >= :b"), {"b": base})
        }
    assert got == {base, base + 2}


def test_a_full_block_is_refused_with_a_clear_message(hq, make_terminal):
    t = make_terminal()
    t.sync()
    with t.store.session() as s:
        conn = s.connection()
        base = int(state.get_state(conn, state.HQ_MEMBER_BASE) or 0)
        block = int(state.get_state(conn, state.HQ_MEMBER_BLOCK) or 0)
        state.set_state(conn, state.HQ_MEMBER_NEXT, str(base + block))
    with pytest.raises(
        ValidationError, match="used its block of member ids: sync with head office"
    ):
        register_member(_ctx(t), RegisterRequest(MANAGER, "吴芳", "13912340003", True))
    with t.store.reading() as s:
        n = s.connection().execute(
            text("SELECT count(*) FROM members WHERE phone_index = :p"),
            {"p": pii.phone_index(t.store.sealer, "13912340003")},
        )
        assert n.scalar_one() == 0


def test_online_follows_the_last_contact_with_head_office(hq, make_terminal):
    t = make_terminal()
    ctx = _ctx(t)
    terminal = open_terminal(ctx.settings, clock=t.clock)
    try:
        assert not ctx.online()  # enrolled, never in contact yet
        t.sync()
        assert ctx.online() and terminal.online
        t.clock.advance(seconds=301)  # offline_after_s is 300 in these tests
        assert not ctx.online()
        terminal.set_online(True)  # an enrolled terminal's flag does not overrule the link
        assert not terminal.online
        t.sync()
        assert ctx.online() and terminal.online
    finally:
        terminal.close()


def _lot_sum(t, lot: str) -> int:  # type: ignore[no-untyped-def]
    with t.store.reading() as s:
        return int(
            s.connection()
            .execute(
                text("SELECT coalesce(sum(delta), 0) FROM points_entries WHERE lot_id = :l"),
                {"l": lot},
            )
            .scalar_one()
        )


def test_check_db_accepts_the_reconciled_head_office_lot_and_still_finds_overdrawn_lots(
    hq, make_terminal, member_ids
):
    a, b = make_terminal(), make_terminal()
    a.sync()
    (mid,) = member_ids(1)
    earned = a.counter.sale(mid, cash_fen=5000, points_earned=50)  # a lot of A's own
    a.sync()
    b.sync()
    everything = b.counter.balance(mid)[2]
    b.counter.sale(mid, points_redeemed=everything)  # spent at B, lots A still holds
    b.sync()
    a.sync()
    # Head office says 0: reconciling took the points from A's lots (issue 13, item 8),
    # so they hold what the member has, and a refund of A's sale finds nothing to take.
    assert a.counter.balance(mid)[2] == 0 == hq.balance(mid)[2]
    assert _lot_sum(a, earned) == 0 and _lot_sum(a, f"hq-{mid}") == 0
    assert check_file(a.store.path) == []
    # A real overdraft of an ordinary lot is still found, and the negative member total.
    with a.store.session() as s:
        s.connection().execute(
            text(
                "INSERT INTO points_entries (event_id, member_id, lot_id, kind, delta, created_at)"
                " VALUES ('bad', :m, :l, 'adjust', -80, '2026-11-23T09:00:00+00:00')"
            ),
            {"m": mid, "l": earned},
        )
    found = check_file(a.store.path)
    assert f"points lot {earned} is overdrawn: -80" in found
    assert f"member {mid}: points ledger is negative: -80" in found
