"""Faults on the way: after each, head office's totals equal the terminals' events exactly.

- the answer to a push is lost and the client sends again;
- head office is killed (SIGKILL) and restarted in the middle of a push;
- a pull page is cut off mid-body by the network (a real TCP proxy that drops
  the connection half-way through the response);
- the terminal is killed between head office applying a batch and the
  terminal recording the acknowledgement.
"""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import bindparam, text

from pos_member.domain.errors import HeadOfficeUnreachable
from pos_member.headoffice.testing import ServerProcess, free_port
from pos_member.services.balances import effects_of
from pos_member.settings import SyncSettings
from pos_member.sync.client import SyncClient

pytestmark = pytest.mark.integration


def outbox_effects(terminals: list[Any]) -> tuple[set[str], dict[int, tuple[int, int, int]]]:
    """Every event id the terminals produced and the ledger effect they carry per member."""
    ids: set[str] = set()
    sums: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    for t in terminals:
        with t.store.reading() as s:
            for eid, kind, raw in s.connection().execute(
                text("SELECT id, kind, payload FROM outbox")
            ):
                ids.add(eid)
                payload = json.loads(raw) if isinstance(raw, str) else raw
                for mid, e in effects_of(kind, payload).items():
                    sums[mid][0] += e.principal
                    sums[mid][1] += e.bonus
                    sums[mid][2] += e.points
    return ids, {m: (v[0], v[1], v[2]) for m, v in sums.items()}


def assert_hq_equals_terminals(hq: Any, terminals: list[Any]) -> None:
    ids, expected = outbox_effects(terminals)
    with hq.engine.connect() as conn:
        applied = conn.execute(
            text("SELECT count(*) FROM applied_events WHERE event_id IN :ids").bindparams(
                bindparam("ids", expanding=True)
            ),
            {"ids": sorted(ids)},
        ).scalar_one()
        assert applied == len(ids)
        got: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
        for mid, p, b in conn.execute(
            text(
                "SELECT member_id, sum(principal_delta_fen), sum(bonus_delta_fen) FROM sv_entries "
                "WHERE event_id IN :ids GROUP BY member_id"
            ).bindparams(bindparam("ids", expanding=True)),
            {"ids": sorted(ids)},
        ):
            got[mid][0], got[mid][1] = int(p), int(b)
        for mid, d in conn.execute(
            text(
                "SELECT member_id, sum(delta) FROM points_entries WHERE event_id IN :ids "
                "GROUP BY member_id"
            ).bindparams(bindparam("ids", expanding=True)),
            {"ids": sorted(ids)},
        ):
            got[mid][2] = int(d)
        # No event applied twice: at most one stored-value and one points entry each.
        twice = conn.execute(
            text(
                "SELECT count(*) FROM (SELECT event_id FROM sv_entries WHERE event_id IN :ids "
                "GROUP BY event_id HAVING count(*) > 1) x"
            ).bindparams(bindparam("ids", expanding=True)),
            {"ids": sorted(ids)},
        ).scalar_one()
        assert twice == 0
    assert {m: tuple(v) for m, v in got.items() if any(v)} == {
        m: v for m, v in expected.items() if any(v)
    }
    for t in terminals:
        assert t.client.state(online=True).events_waiting == 0


def make_sales(t: Any, members: list[int], n: int) -> None:
    for i in range(n):
        mid = members[i % len(members)]
        t.counter.sale(mid, cash_fen=1_000 + i, points_earned=10 + i % 5)


class LoseAnswers(httpx.BaseTransport):
    """Delivers the request, lets head office answer, then loses the answer."""

    def __init__(self, times: int) -> None:
        self.inner = httpx.HTTPTransport()
        self.times = times

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        resp = self.inner.handle_request(request)
        if request.url.path.endswith("/sync/push") and self.times > 0:
            resp.read()
            resp.close()
            self.times -= 1
            raise httpx.ReadTimeout("the answer was lost", request=request)
        return resp

    def close(self) -> None:
        self.inner.close()


def test_lost_answer_then_resend_is_applied_once(hq, make_terminal, member_ids):
    t = make_terminal()
    t.sync()
    members = member_ids(3)
    make_sales(t, members, 20)
    t.counter.recharge(members[0], 100_000)
    lossy = SyncClient(
        t.store, SyncSettings(batch_size=50), clock=t.clock, transport=LoseAnswers(1)
    )
    with pytest.raises(HeadOfficeUnreachable):
        lossy.run_round()
    # Head office has applied them, the terminal does not know it yet.
    assert t.client.state(online=False).events_waiting == 21
    assert (
        hq.scalar(
            "SELECT count(*) FROM applied_events WHERE terminal_key LIKE :k", k=f"%-{t.terminal_id}"
        )
        == 21
    )
    report = lossy.run_round()
    lossy.close()
    assert report.pushed == 21
    assert_hq_equals_terminals(hq, [t])
    for m in members:
        assert hq.balance(m) == hq.ledger_sum(m)


def test_head_office_killed_and_restarted_in_the_middle_of_a_push(hq, make_terminal, member_ids):
    t = make_terminal(batch_size=10)
    t.sync()
    members = member_ids(4)
    make_sales(t, members, 400)
    port = free_port()
    proc = ServerProcess(hq.db_url, port=port).start()
    t.set_url(proc.url)
    errors: list[BaseException] = []

    def push() -> None:
        try:
            t.client.push_pending()
        except BaseException as exc:
            errors.append(exc)

    th = threading.Thread(target=push)
    th.start()
    deadline = time.monotonic() + 30
    sent = 0
    while time.monotonic() < deadline:
        with t.store.reading() as s:
            sent = (
                s.connection()
                .execute(text("SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL"))
                .scalar_one()
            )
        if sent >= 30:
            break
        time.sleep(0.002)
    proc.kill()
    th.join(30)
    assert 0 < sent < 400, "the kill should land in the middle of the push"
    assert errors and isinstance(errors[0], HeadOfficeUnreachable)
    waiting = t.client.state(online=False).events_waiting
    assert 0 < waiting < 400
    proc = ServerProcess(hq.db_url, port=port).start()
    try:
        report = t.sync()
    finally:
        proc.stop()
    assert report.pushed == waiting
    assert_hq_equals_terminals(hq, [t])


class CuttingProxy:
    """A TCP proxy to head office that cuts the next ``cuts`` pull answers half-way."""

    def __init__(self, upstream_port: int, cut_at: int) -> None:
        self.upstream = upstream_port
        self.cut_at = cut_at
        self.cuts = 0
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    @staticmethod
    def _read_message(sock: socket.socket) -> bytes:
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                return data
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip())
        while len(body) < length:
            chunk = sock.recv(65536)
            if not chunk:
                break
            body += chunk
        return head + b"\r\n\r\n" + body

    def _handle(self, conn: socket.socket) -> None:
        with conn:
            while True:
                request = self._read_message(conn)
                if not request:
                    return
                with socket.create_connection(("127.0.0.1", self.upstream)) as up:
                    up.sendall(request)
                    response = self._read_message(up)
                if b"/sync/pull" in request.split(b"\r\n", 1)[0] and self.cuts > 0:
                    self.cuts -= 1
                    conn.sendall(response[: self.cut_at])
                    conn.shutdown(socket.SHUT_RDWR)
                    return
                conn.sendall(response)

    def close(self) -> None:
        self.sock.close()


def test_a_pull_page_cut_off_mid_body_applies_nothing_and_resumes(hq, make_terminal):
    t = make_terminal(page_size=100)
    port = int(hq.url.rsplit(":", 1)[1])
    proxy = CuttingProxy(port, cut_at=6_000)
    t.set_url(proxy.url)
    try:
        proxy.cuts = 1
        with pytest.raises(HeadOfficeUnreachable):
            t.sync()
        with t.store.reading() as s:
            conn = s.connection()
            assert conn.execute(text("SELECT count(*) FROM members")).scalar_one() == 0
            assert conn.execute(text("SELECT count(*) FROM sync_cursors")).scalar_one() == 0
        # Now let two pages through, then cut the third.
        seen: list[int] = []
        orig = t.client.pull_all

        def pull_then_cut(progress: Any = None) -> Any:
            def count(done: int, total: int | None) -> None:
                seen.append(done)
                if len(seen) == 2:
                    proxy.cuts = 1

            return orig(count)

        t.client.pull_all = pull_then_cut  # type: ignore[method-assign]
        with pytest.raises(HeadOfficeUnreachable):
            t.sync()
        t.client.pull_all = orig  # type: ignore[method-assign]
        with t.store.reading() as s:
            conn = s.connection()
            kept = conn.execute(text("SELECT count(*) FROM members")).scalar_one()
            assert conn.execute(text("SELECT count(*) FROM sync_cursors")).scalar_one() == 1
        assert 0 < kept < hq.scalar("SELECT count(*) FROM members")
        report = t.sync()
        assert report.pulled > 0
    finally:
        proxy.close()
    with t.store.reading() as s:
        conn = s.connection()
        assert conn.execute(text("SELECT count(*) FROM members")).scalar_one() == hq.scalar(
            "SELECT count(*) FROM members"
        )
        assert conn.execute(
            text("SELECT coalesce(sum(sv_principal_fen + sv_bonus_fen), 0) FROM sync_balances")
        ).scalar_one() == hq.scalar("SELECT sum(sv_principal_fen + sv_bonus_fen) FROM members")


CHILD = """
import os, signal, sys
from pos_member.store.db import Store
from pos_member.sync.client import SyncClient
from pos_member.settings import SyncSettings

store = Store.open(sys.argv[1])
client = SyncClient(store, SyncSettings(batch_size=50))

def die(*args, **kwargs):
    # Head office has applied the batch and answered; the terminal dies before recording it.
    os.kill(os.getpid(), signal.SIGKILL)

client._acknowledge = die
client.push_pending()
"""


def test_terminal_killed_between_apply_and_acknowledge(hq, make_terminal, member_ids):
    t = make_terminal()
    t.sync()
    members = member_ids(3)
    make_sales(t, members, 120)
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(t.store.path)],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr.decode()
    assert t.client.state(online=True).events_waiting == 120
    applied = hq.scalar(
        "SELECT count(*) FROM applied_events WHERE terminal_key LIKE :k", k=f"%-{t.terminal_id}"
    )
    assert applied == 50
    report = t.sync()
    assert report.pushed == 120
    assert_hq_equals_terminals(hq, [t])
