"""Points expiry at a synced terminal never takes points head office already took.

The sync client keeps the difference between head office's confirmed points
and the terminal's own lots in the member's ``hq-<id>`` lot. When the member
spent at another store points this terminal still holds in a lot, that lot
is negative; the lot the terminal holds then expires only up to what the
member has left.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from pos_member.services import jobs
from pos_member.services.context import Context
from pos_member.services.identify import member_view
from pos_member.store.models import Member, PointsEntry, PointsLot
from tests.services.conftest import GOLD_ID, NOW, assert_consistent
from tests.services.helpers import rows


def _reconciled(ctx: Context, confirmed: int) -> None:
    """What ``sync.local.reconcile`` writes when head office confirms ``confirmed`` points."""
    with ctx.store.unit_of_work(ctx.terminal_id, NOW.isoformat()) as uow:
        s = uow.session
        m = s.get(Member, GOLD_ID)
        assert m is not None
        lot = f"hq-{GOLD_ID}"
        s.add(PointsLot(id=lot, member_id=GOLD_ID, earned_on="2026-11-23", expires_on=None,
                        points=0))  # fmt: skip
        s.flush()
        s.add(PointsEntry(event_id=f"sync-{GOLD_ID}-7", member_id=GOLD_ID, lot_id=lot,
                          kind="sync", delta=confirmed - m.points_balance,
                          created_at=NOW.isoformat()))  # fmt: skip
        m.points_balance = confirmed


def test_expiry_takes_no_more_than_the_member_has_left(ctx: Context, db_path: Path) -> None:
    # GOLD holds a lot of 2,000 points (to 2027-12-31); 1,700 were spent at another store.
    _reconciled(ctx, 300)
    jobs.expire_points(ctx, date(2028, 1, 1))
    assert member_view(ctx, GOLD_ID).points == 0
    (payload,) = _gold_expiry(db_path)
    assert payload["points"] == 300
    assert payload["lots"] == [{"lot_id": "open-gold-pts", "delta": -300}]
    assert_consistent(db_path)


def test_nothing_to_expire_when_head_office_took_it_all(ctx: Context, db_path: Path) -> None:
    _reconciled(ctx, 0)
    jobs.expire_points(ctx, date(2028, 1, 1))
    assert member_view(ctx, GOLD_ID).points == 0
    assert _gold_expiry(db_path) == []
    assert_consistent(db_path)


def _gold_expiry(db_path: Path) -> list[dict[str, object]]:
    found = [
        json.loads(p)
        for (p,) in rows(db_path, "select payload from outbox where kind = 'points.expired'")
    ]
    return [p for p in found if p["member_id"] == GOLD_ID]
