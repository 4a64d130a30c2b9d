"""The sync daemon notices head office is back within one cheap probe, whatever its backoff.

Head office (real PostgreSQL, uvicorn on loopback) is stopped for longer than the
daemon's largest backoff, so the daemon sits in its longest wait, and restarted
the moment a failed round begins that wait. The times are the production ones
scaled down together (backoff 300 s -> ``BACKOFF_MAX_S``, probe 10-15 s -> the same
fraction), so the old daemon, which only retried after its backoff, fails here.
"""

from __future__ import annotations

import threading
import time

import pytest

from pos_member.headoffice.app import create_app
from pos_member.headoffice.settings import HQSettings
from pos_member.headoffice.testing import ServerThread, free_port
from pos_member.sync.client import SyncState, SyncThread
from tests.sync.conftest import ADMIN

pytestmark = pytest.mark.integration

#: Production: backoff up to 300 s, probe every 10-15 s, resume within 15 s.
SCALE = 16.0 / 300.0
BACKOFF_MAX_S = 300.0 * SCALE
BACKOFF_INITIAL_S = 1.0
PROBE_S = 10.0 * SCALE
#: 15 s scaled is 0.8 s; a push and a pull on a loaded 2-core machine get 3.7 s more, still
#: well under the old daemon's shortest wait at its largest backoff (half of 16 s, less
#: the second or so head office takes to start).
RESUME_WITHIN_S = 15.0 * SCALE + 3.7


def _serve(hq, port: int) -> ServerThread:  # type: ignore[no-untyped-def]
    app = create_app(HQSettings(db_url=hq.db_url, admin_token=ADMIN), hq.engine)
    return ServerThread(app, port=port).start()


def test_the_daemon_resumes_within_a_probe_of_head_office_returning(hq, make_terminal, member_ids):
    port = free_port()
    server = _serve(hq, port)
    t = make_terminal(
        interval_s=0.2,
        backoff_initial_s=BACKOFF_INITIAL_S,
        backoff_max_s=BACKOFF_MAX_S,
        probe_interval_s=PROBE_S,
    )
    t.set_url(server.url)
    t.sync()
    (mid,) = member_ids(1)
    server.stop()
    went_down = time.monotonic()
    eid = t.counter.sale(mid, cash_fen=1_000, points_earned=10)  # queued while offline

    # Failures after which the wait is the largest backoff (1 s doubling up to 16 s).
    at_max = 1
    while BACKOFF_INITIAL_S * 2.0 ** (at_max - 1) < BACKOFF_MAX_S:
        at_max += 1
    in_longest_wait = threading.Event()
    thread: SyncThread

    def seen(state: SyncState) -> None:
        longer_than_backoff = time.monotonic() - went_down > BACKOFF_MAX_S
        if not state.online and thread.failures >= at_max and longer_than_backoff:
            in_longest_wait.set()

    thread = SyncThread(t.client, on_state=seen)
    thread.start()
    try:
        assert in_longest_wait.wait(120), "the daemon never reached its largest backoff"
        failures = thread.failures
        server = _serve(hq, port)
        back = time.monotonic()
        took = None
        while time.monotonic() - back < 60:
            if hq.scalar("SELECT count(*) FROM applied_events WHERE event_id = :e", e=eid):
                took = time.monotonic() - back
                break
            time.sleep(0.02)
    finally:
        thread.stop()
        server.stop()
    print(f"resumed {took} s after head office answered again, {failures} failures before")
    assert failures >= at_max
    assert took is not None, "the queued sale never reached head office"
    assert took <= RESUME_WITHIN_S, (
        f"resumed {took:.2f} s after head office answered again ({failures} failures before)"
    )
    assert thread.failures == 0


def test_a_head_office_that_answers_the_probe_but_fails_rounds_waits_out_the_backoff(
    hq, make_terminal
):
    from fastapi import FastAPI
    from fastapi.responses import JSONResponse

    sick = FastAPI()

    @sick.get("/api/v1/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @sick.api_route("/api/v1/{rest:path}", methods=["GET", "POST"])
    def failing(rest: str) -> JSONResponse:
        return JSONResponse({"detail": "database down"}, status_code=503)

    server = ServerThread(sick).start()
    t = make_terminal(backoff_initial_s=30.0, backoff_max_s=30.0, probe_interval_s=0.05)
    t.set_url(server.url)
    thread = SyncThread(t.client)
    thread.start()
    try:
        time.sleep(2.0)  # about 30 probes, each answered
    finally:
        thread.stop()
        server.stop()
    # The first failed round, then one round on the first answered probe; after that the
    # answered probes do not cut the 15-30 s backoff short.
    assert thread.rounds == 2, thread.rounds
    assert thread.probes >= 10
    assert thread.failures == 2
