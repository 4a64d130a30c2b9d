"""Online means confirmed online: a clock set back, a failed request or no contact is offline,
and the offline caps then count every spend of the day head office did not hold.

A real store, the checkout service and ``Context``'s own link state (head
office's answers as the sync client records them in ``terminal_state``).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from pos_member.domain.authorise import Hold
from pos_member.domain.errors import OfflineLimitReached
from pos_member.domain.money import Money
from pos_member.domain.tenders import TenderKind, TenderRequest
from pos_member.services.checkout import LineRequest, checkout
from pos_member.services.context import Context
from pos_member.services.offline_caps import HOLD_ID, in_touch
from pos_member.services.programme import install_rules
from pos_member.store import state
from tests.services.conftest import GOLD_ID, GOLD_PIN, NOW, RICE, Clock
from tests.services.helpers import rows, sale, stored_value


def test_an_unknown_or_negative_age_is_offline() -> None:
    assert in_touch(NOW, NOW + timedelta(seconds=10), 300)
    assert not in_touch(None, NOW, 300)
    assert not in_touch(NOW, NOW - timedelta(seconds=1), 300)  # the clock went back
    assert not in_touch(NOW, NOW - timedelta(days=1), 300)
    assert not in_touch(NOW, NOW + timedelta(seconds=301), 300)
    # A failed request after the last answer: offline at once, not after 300 s.
    assert not in_touch(NOW, NOW + timedelta(seconds=1), 300, failed=NOW + timedelta(seconds=1))
    assert in_touch(NOW, NOW + timedelta(seconds=1), 300, failed=NOW - timedelta(seconds=1))


def _enrol(path: Path, contact: datetime, failure: datetime | None = None) -> None:
    conn = sqlite3.connect(path)
    try:
        with conn:
            for k, v in (
                (state.HQ_TOKEN, "token"),
                (state.LAST_CONTACT, contact.isoformat()),
                *([(state.LAST_FAILURE, failure.isoformat())] if failure else []),
            ):
                conn.execute(
                    "INSERT INTO terminal_state (key, value) VALUES (?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (k, v),
                )
    finally:
        conn.close()


@pytest.fixture
def linked(ctx: Context, clock: Clock) -> Context:
    """The services' context with its own link state (no test override of ``online``)."""
    return Context(store=ctx.store, settings=ctx.settings, clock=clock)


def _sv_sale(yuan: str, quantity: int = 10) -> object:
    # Ten bags of rice at the gold discount: 475.00, part of it from stored value.
    amount = Money.yuan(yuan)
    rest = TenderRequest(TenderKind.CASH, Money(4_750 * quantity - amount.fen))  # no change
    return sale(LineRequest(RICE, quantity=quantity), tenders=(stored_value(amount), rest),
                member_id=GOLD_ID, pay_pin=GOLD_PIN)  # fmt: skip


def test_a_clock_set_back_a_day_is_offline_and_the_cap_refuses(
    linked: Context, db_path: Path, clock: Clock
) -> None:
    _enrol(db_path, NOW)
    _rules_since(linked, "2026-11-01")  # in force on the day the PC's clock goes back to
    assert linked.online()
    clock.advance(days=-1)  # no network, and the PC's clock a day behind
    assert not linked.online()
    first = checkout(linked, _sv_sale("437.67"))
    assert rows(db_path, "select offline from sales where id=?", first.sale_id) == [(1,)]
    before = rows(db_path, "select count(*) from sales")
    with pytest.raises(OfflineLimitReached, match=r"500\.00"):
        checkout(linked, _sv_sale("437.67"))
    assert rows(db_path, "select count(*) from sales") == before


def test_the_first_failed_request_turns_the_till_offline(
    linked: Context, db_path: Path, clock: Clock
) -> None:
    _enrol(db_path, NOW)
    clock.advance(seconds=30)
    assert linked.online()
    _enrol(db_path, NOW, failure=clock())  # 30 s after the last answer, well within 300 s
    assert not linked.online()


def test_the_caps_count_online_spends_head_office_did_not_hold(
    linked: Context, db_path: Path, clock: Clock
) -> None:
    _enrol(db_path, NOW)
    online_sale = checkout(linked, _sv_sale("300"))  # online, not pushed yet
    assert rows(db_path, "select offline from sales where id=?", online_sale.sale_id) == [(0,)]
    clock.advance(seconds=10)
    _enrol(db_path, NOW, failure=clock())
    with pytest.raises(OfflineLimitReached, match=r"500\.00.*300\.00"):
        checkout(linked, _sv_sale("300"))
    # Head office acknowledging the first sale gives no room back: the cap is what this
    # till may lend the member in a business day without asking head office.
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("UPDATE outbox SET sent_at = ? WHERE id = ?", (clock().isoformat(),
                     online_sale.sale_id))  # fmt: skip
    conn.close()
    with pytest.raises(OfflineLimitReached, match=r"500\.00.*300\.00"):
        checkout(linked, _sv_sale("300"))
    checkout(linked, _sv_sale("200"))  # what is left of the day's cap


class _Granting:
    """Head office granting every hold (the real one is tested in tests/sync/test_holds.py)."""

    def hold(self, member_id: int, sale_id: str, stored_value_fen: int, points: int) -> Hold:
        return Hold(f"hold-{sale_id[:8]}", "2099-01-01T00:00:00+00:00")

    def release(self, hold_id: str) -> None:
        return None


def _rules_since(ctx: Context, since: str) -> None:
    """The programme's rules again as a newer version in force from ``since``."""
    with ctx.store.reading() as s:
        rules = ctx.rules(s)[1]
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        install_rules(uow, replace(rules, version=rules.version + 1), since)


def test_a_spend_under_an_online_hold_counts_as_confirmed(
    linked: Context, db_path: Path, clock: Clock
) -> None:
    _enrol(db_path, NOW)
    granting = replace(linked, authoriser=_Granting())
    held = checkout(granting, _sv_sale("300"))
    # The hold port marked the sale as head office authorised it (its hold id in the event).
    ((payload,),) = rows(db_path, "select payload from outbox where id=?", held.sale_id)
    assert json.loads(payload)[HOLD_ID].startswith("hold-")
    clock.advance(seconds=10)
    _enrol(db_path, NOW, failure=clock())
    done = checkout(linked, _sv_sale("300"))
    assert rows(db_path, "select offline from sales where id=?", done.sale_id) == [(1,)]
