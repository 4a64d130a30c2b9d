"""A till refused by head office is told in words a cashier can act on, and keeps its data."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

pytestmark = pytest.mark.integration


def test_a_till_whose_credentials_head_office_revoked_is_told_what_to_do(
    hq: Any, make_terminal: Any
) -> None:
    """Re-enrolling a till's id (a new PC) revokes the old secret: the old till's next round
    is refused with words a cashier can act on, and nothing it holds is lost."""
    from pos_member.domain.errors import SyncRefused
    from pos_member.sync.client import HQ_REASONS, SyncClient, enrol_terminal

    t = make_terminal()
    t.sync()
    t.counter.recharge(1, 10_000)
    # The same till id enrolled again elsewhere (a replacement a manager approved):
    # head office revokes the first secret.
    other = type(t.store).open(t.store.path.with_name("new-pc.db"))
    enrol_terminal(other, hq.url, hq.code("S001", t.terminal_id, replaces=True), t.terminal_id)
    SyncClient(other).close()
    with pytest.raises(SyncRefused) as got:
        t.sync()
    assert got.value.params["status"] == 401
    assert got.value.params["detail"] == HQ_REASONS["auth.invalid"]
    with t.store.reading() as s:
        waiting = (
            s.connection()
            .execute(text("SELECT count(*) FROM outbox WHERE sent_at IS NULL"))
            .scalar_one()
        )
    assert waiting >= 1  # the recharge waits, nothing lost
