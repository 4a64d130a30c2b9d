"""A till restored from an older backup never issues a receipt number head office has.

Real head office on PostgreSQL (uvicorn on loopback), a real till through the
services, the backup taken while it is open, more sales after the backup that
reach head office, then the disk "dies" and ``pos-member restore`` brings the
copy back: the till asks head office for its last receipt and continues past it.
Without that (the control), head office refuses the reused number and lists it.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import text

from pos_member import bootstrap
from pos_member.domain.money import Money
from pos_member.services.shifts import current_shift, open_shift
from pos_member.settings import Settings
from pos_member.store import backup as bk
from pos_member.store.checks import check_file
from pos_member.store.db import Store
from pos_member.sync.client import SyncClient
from pos_member_cli.main import main as cli
from tests.sync.conftest import CASHIER


def _sell(services: bootstrap.Terminal, member_id: int, n: int) -> list[str]:
    from dataclasses import replace

    from pos_member.domain.tenders import TenderKind, TenderRequest
    from pos_member.services.checkout import CheckoutRequest, LineRequest, new_sale_id

    if current_shift(services.ctx) is None:
        open_shift(services.ctx, CASHIER, Money.yuan(100))
    with services.ctx.store.reading() as s:
        code = s.execute(
            text(
                "SELECT code FROM products WHERE weighed = 0 AND count_card_plan IS NULL"
                " AND price_fen >= 500 ORDER BY id LIMIT 1"
            )
        ).scalar_one()
    out = []
    for _ in range(n):
        base = CheckoutRequest(
            sale_id=new_sale_id(),
            staff=CASHIER,
            lines=(LineRequest(code, quantity=1),),
            member_id=member_id,
        )
        due = services.quote(base).amount_due
        r = services.checkout(replace(base, tenders=(TenderRequest(TenderKind.CASH, due),)))
        out.append(r.receipt_no)
    return out


def _reopen(path: Path, synced: Any) -> tuple[Store, SyncClient, bootstrap.Terminal]:
    store = Store.open(path, busy_timeout_ms=10_000)
    client = SyncClient(store, synced.client.settings, clock=synced.clock)
    settings = Settings(
        db_path=path, terminal_id=synced.terminal_id, store_id="S001", pay_pin_threshold_fen=10**9
    )
    return store, client, bootstrap.open_terminal(settings, clock=synced.clock)


def test_a_restored_till_continues_past_the_receipts_head_office_has(
    hq: Any, make_till: Any, member_ids: Any, tmp_path: Path, capsys: Any
) -> None:
    (mid,) = member_ids(1)
    till = make_till()
    path = Path(till.synced.store.path)
    assert _sell(till.services, mid, 3)[-1].endswith("-00000003")
    till.sync()
    copy = bk.take_backup(path, tmp_path / "usb")
    assert copy.last_receipt_no == 3
    after = _sell(till.services, mid, 4)  # numbers 4..7: at head office, not in the copy
    till.sync()
    with hq.engine.connect() as conn:
        at_hq = set(
            conn.execute(
                text("SELECT receipt_no FROM sales WHERE terminal_id = :t"),
                {"t": till.synced.terminal_id},
            ).scalars()
        )
    assert set(after) <= at_hq
    till.services.close()
    till.synced.client.close()
    till.synced.store.close()

    # The control: the copy put back as it is reuses number 4; head office refuses it.
    control = tmp_path / "control.db"
    shutil.copyfile(copy.path, control)
    store, client, services = _reopen(control, till.synced)
    try:
        (reused,) = _sell(services, mid, 1)
        assert reused.endswith("-00000004")
        report = client.run_round()
        assert report.refused == 1
    finally:
        services.close()
        client.close()
        store.close()
    with hq.engine.connect() as conn:
        listed = conn.execute(
            text(
                "SELECT count(*) FROM review_items WHERE kind = 'event_refused'"
                " AND detail::text LIKE :r"
            ),
            {"r": f"%{reused}%"},
        ).scalar_one()
    assert listed == 1, "head office lists the reused receipt number for review"

    # The disk dies; the manager restores the newest copy with the command.
    path.unlink()
    assert cli(["--db", str(path), "restore", "--to", str(tmp_path / "usb")]) == 0
    out = capsys.readouterr().out
    assert "asked head office" in out and "continue after number 7" in out, out
    assert check_file(path) == []
    store, client, services = _reopen(path, till.synced)
    try:
        (next_no,) = _sell(services, mid, 1)
        assert next_no.endswith("-00000008")
        report = client.run_round()
        assert report.refused == 0 and report.pushed >= 1
    finally:
        services.close()
        client.close()
        store.close()
    with hq.engine.connect() as conn:
        assert (
            conn.execute(
                text("SELECT count(*) FROM sales WHERE receipt_no = :r"), {"r": next_no}
            ).scalar_one()
            == 1
        )


def test_a_till_rebuilt_on_a_new_pc_from_head_office_and_the_last_backup_has_every_event_once(
    hq: Any, make_till: Any, member_ids: Any, tmp_path: Path, capsys: Any
) -> None:
    """The dead till's identity (terminal id, receipt counter, member and card blocks)
    comes from head office's replacement enrolment; the backup's unsent events are
    pushed once (those head office had are recognised, not applied twice)."""
    from pos_member.sync.client import enrol_terminal

    (mid,) = member_ids(1)
    till = make_till()
    tid = till.synced.terminal_id
    path = Path(till.synced.store.path)
    _sell(till.services, mid, 3)
    till.sync()
    unsent = _sell(till.services, mid, 2)  # offline: in the backup, not yet at head office
    copy = bk.take_backup(path, tmp_path / "usb")
    assert copy.unsent_events >= 2
    _sell(till.services, mid, 1)
    till.sync()  # the last sale and the two unsent ones reach head office before the disk dies

    def events_at_hq() -> dict[str, int]:
        with hq.engine.connect() as conn:
            return {
                r: n
                for r, n in conn.execute(
                    text(
                        "SELECT receipt_no, count(*) FROM sales WHERE terminal_id = :t"
                        " GROUP BY receipt_no"
                    ),
                    {"t": tid},
                )
            }

    before = events_at_hq()
    assert len(before) == 6 and set(before.values()) == {1}
    assert set(unsent) <= set(before)
    till.services.close()
    till.synced.client.close()
    till.synced.store.close()
    path.unlink()

    # The new PC: the copy restored (head office asked with the old till's credentials),
    # then enrolled as the replacement of the dead terminal.
    new_path = tmp_path / "newpc" / "terminal.db"
    new_path.parent.mkdir()
    assert cli(["--db", str(new_path), "restore", copy.path]) == 0
    assert "continue after number 6" in capsys.readouterr().out
    store = Store.open(new_path, busy_timeout_ms=10_000)
    try:
        enrol_terminal(store, hq.url, hq.code("S001", tid, replaces=True), tid)
    finally:
        store.close()
    store, client, services = _reopen(new_path, till.synced)
    try:
        first = client.run_round()
        assert first.refused == 0
        (seventh,) = _sell(services, mid, 1)
        assert seventh.endswith("-00000007")
        assert client.run_round().refused == 0
    finally:
        services.close()
        client.close()
        store.close()
    after = events_at_hq()
    assert len(after) == 7 and set(after.values()) == {1}, after
    with hq.engine.connect() as conn:
        items = conn.execute(
            text("SELECT kind, detail::text FROM review_items WHERE detail::text LIKE :t"),
            {"t": f"%{tid}%"},
        ).all()
    # Head office trusts no till: the history continuing from an older copy is listed
    # once for a person (resolved with a note), and nothing else: no refused event, no
    # reused receipt number.
    assert [k for k, _ in items] == ["chain.fork"], items
    assert "restored from an older copy" in items[0][1]
    # The dead till's old credentials no longer work: only the new PC speaks for it.
    conn = sqlite3.connect(copy.path)
    try:
        old_token = conn.execute(
            "SELECT value FROM terminal_state WHERE key = 'hq.token'"
        ).fetchone()[0]
    finally:
        conn.close()
    r = httpx.get(
        hq.url + "/api/v1/sales/last-receipt",
        headers={"Authorization": f"Bearer {old_token}"},
        timeout=10,
    )
    assert r.status_code == 401
