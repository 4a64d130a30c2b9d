"""Taking a member code (会员码) at the counter: verified offline, used once here.

The till verifies the code against the phone keys it pulled from head office
(``member_device_keys``) and its guarded clock (``Context.clock``: a PC clock set
back cannot revive an old screenshot), then records the code as seen here and
queues ``member.code_used`` for head office, which flags a code taken at two
terminals. Verification reads only; the recording is one write transaction, and a
refused code writes nothing. See ``domain.member_code`` and docs/member-code.md.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable

from pos_member.domain.events import EventKind
from pos_member.domain.member_code import (
    STEPS_BEHIND,
    DeviceKey,
    MemberCode,
    MemberCodeReplayed,
    step_of,
    verify,
)
from pos_member.services.context import Context
from pos_member.store import models_member_code as _tables  # noqa: F401 - the code's tables
from pos_member.store import state

TESTED_IN = "tests/services/test_member_code.py, tests/sync/test_member_code_sync.py"

log = logging.getLogger(__name__)

#: Steps a seen code is kept beyond the window (10 minutes).
KEEP_SEEN_STEPS = 20

_KEY = "SELECT member_id, public_key, revoked FROM member_device_keys WHERE key_id = ?"
_SEEN = "SELECT 1 FROM member_codes_seen WHERE key_id = ? AND step = ?"
_CHAIN = "SELECT value FROM terminal_state WHERE key = ?"


def _lookup(conn: sqlite3.Connection) -> Callable[[int], DeviceKey | None]:
    def find(key_id: int) -> DeviceKey | None:
        row = conn.execute(_KEY, (key_id,)).fetchone()
        if row is None:
            return None
        return DeviceKey(key_id, int(row[0]), bytes(row[1]), bool(row[2]))

    return find


def check_code(ctx: Context, payload: str) -> MemberCode:
    """The member code ``payload`` if this till may take it now; raises why not.

    Reads only (the store's plain read connection): the cashier's scan of a bad
    code writes nothing."""
    conn = ctx.store.raw_reader()
    row = conn.execute(_CHAIN, (state.HQ_CHAIN_CODE,)).fetchone()
    return verify(
        payload,
        _lookup(conn),
        step_of(ctx.now().timestamp()),
        chain=row[0] if row else None,
        seen=lambda key_id, step: conn.execute(_SEEN, (key_id, step)).fetchone() is not None,
    )


def take_code(ctx: Context, payload: str) -> MemberCode:
    """Verify ``payload`` and use it up at this till (``check_code``, ``use_code``)."""
    code = check_code(ctx, payload)
    use_code(ctx, code)
    return code


def use_code(ctx: Context, code: MemberCode) -> None:
    """Use up a code ``check_code`` passed, in one transaction.

    Records (key, step) in ``member_codes_seen`` (a second scan is refused, even by
    another lane that raced this one: the row is the guard), prunes the rows whose
    step is well past the window, and queues ``member.code_used`` for head office."""
    # Kept a few minutes past the window, in case the guarded clock is set back a little
    # (head office's time corrects the PC's).
    oldest = step_of(ctx.now().timestamp()) - STEPS_BEHIND - KEEP_SEEN_STEPS
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        conn = uow.session.connection().connection.dbapi_connection
        assert conn is not None
        taken = conn.execute(
            "INSERT INTO member_codes_seen (key_id, step, seen_at) VALUES (?, ?, ?) "
            "ON CONFLICT (key_id, step) DO NOTHING",
            (code.key_id, code.step, uow.now),
        ).rowcount
        if taken != 1:
            raise MemberCodeReplayed()  # rolls back: nothing written
        conn.execute("DELETE FROM member_codes_seen WHERE step < ?", (oldest,))
        uow.outbox(
            EventKind.MEMBER_CODE_USED,
            {
                "member_id": code.member_id,
                "key_id": code.key_id,
                "step": code.step,
                "used_at": uow.now,
            },
        )
    log.info("member code of key %s taken (step %s)", code.key_id, code.step)
