"""Enrolment and credentials (issue 13): codes for one terminal id, single use,
expiring; no takeover of a running terminal; revoked stays revoked; list, revoke
and replace by API and CLI; rate limits and lockouts with 429 and Retry-After.

Real PostgreSQL and uvicorn on loopback. Lockout tests get a server of their
own (a lockout shuts out the whole client address: 127.0.0.1).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from pos_member.headoffice import cli as hq_cli
from pos_member.headoffice.app import create_app
from pos_member.headoffice.auth import enrol, new_enrol_code
from pos_member.headoffice.limits import Limiter, TooManyRequests
from pos_member.headoffice.settings import HQSettings
from pos_member.headoffice.testing import ServerThread
from pos_member.headoffice.validate import EventRefused
from tests.headoffice.conftest import ADMIN, HQ

pytestmark = pytest.mark.integration


def _enrol(c: httpx.Client, code: str, terminal_id: str) -> httpx.Response:
    return c.post("/api/v1/enrol", json={"code": code, "terminal_id": terminal_id})


def _code(hq: HQ, terminal_id: str, *, replaces: bool = False, store_id: str = "S001") -> str:
    with hq.engine.begin() as conn:
        return new_enrol_code(conn, store_id, 1, terminal_id, replaces=replaces)


def _pull(hq: HQ, token: str) -> int:
    with hq.client(token) as c:
        return c.get("/api/v1/sync/pull", params={"limit": 1}).status_code


def _admin_log(hq: HQ, action: str, subject: str) -> int:
    with hq.engine.connect() as conn:
        return int(
            conn.execute(
                text("SELECT count(*) FROM admin_log WHERE action = :a AND subject = :s"),
                {"a": action, "s": subject},
            ).scalar_one()
        )


@pytest.fixture
def own_server(hq: HQ) -> Iterator[Any]:
    """A head office of its own on the module's database, with the limits given."""
    started: list[ServerThread] = []

    def start(**limits: Any) -> HQ:
        settings = HQSettings(db_url=hq.db_url, admin_token=ADMIN, **limits)
        server = ServerThread(create_app(settings, hq.engine)).start()
        started.append(server)
        return HQ(server.url, hq.db_url, hq.engine)

    yield start
    for server in started:
        server.stop()


def test_a_code_enrols_only_its_own_terminal_once_and_not_after_it_expires(hq):
    code = _code(hq, "TE1")
    with hq.client() as c:
        other = _enrol(c, code, "TE2")
        assert (other.status_code, other.json()["code"]) == (401, "enrol.code")
        assert _enrol(c, code, "TE1").status_code == 200
        again = _enrol(c, code, "TE1")
        assert (again.status_code, again.json()["code"]) == (401, "enrol.code")
        late = _code(hq, "TE3")
        with hq.engine.begin() as conn:
            conn.execute(
                text("UPDATE enrol_codes SET expires_at = '2000-01-01T00:00:00+00:00'"
                     " WHERE used_at IS NULL")
            )  # fmt: skip
        expired = _enrol(c, late, "TE3")
        assert (expired.status_code, expired.json()["code"]) == (401, "enrol.expired")
    assert _admin_log(hq, "terminal.enrolled", "S001-TE1") == 1


def test_a_fresh_code_cannot_take_over_a_running_terminal_or_its_member_ids(hq):
    with hq.client() as c:
        first = _enrol(c, _code(hq, "TE4"), "TE4").json()
    with pytest.raises(EventRefused) as refused:
        _code(hq, "TE4")
    assert refused.value.code == "terminal.exists"
    with hq.client(ADMIN) as admin:
        r = admin.post("/api/v1/stores/S001/enrol-codes", json={"terminal_id": "TE4"})
        assert (r.status_code, r.json()["code"]) == (409, "terminal.exists")
    # A code from before codes named their terminal (no terminal id) enrols new ids only.
    with hq.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO enrol_codes (code_hash, store_id, created_at, expires_at, replaces)"
                " VALUES (encode(sha256('OLDSTYLE42'::bytea), 'hex'), 'S001', '2026-01-01',"
                " '2999-01-01T00:00:00+00:00', false)"
            )
        )
    with hq.client() as c:
        took = _enrol(c, "OLDSTYLE42", "TE4")
        assert (took.status_code, took.json()["code"]) == (409, "terminal.exists")
    assert _pull(hq, first["token"]) == 200  # the running till keeps working


def test_a_replacement_the_manager_approves_keeps_the_block_and_ends_the_old_secret(hq):
    with hq.client() as c:
        first = _enrol(c, _code(hq, "TE5"), "TE5").json()
    with hq.client(ADMIN) as admin:
        r = admin.post("/api/v1/terminals/S001-TE5/replace")
        assert r.status_code == 200 and r.json()["replaces"] is True
        code = r.json()["code"]
    with hq.client() as c:
        second = _enrol(c, code, "TE5").json()
    assert second["member_id_base"] == first["member_id_base"]
    assert _pull(hq, first["token"]) == 401
    assert _pull(hq, second["token"]) == 200
    assert _admin_log(hq, "terminal.replaced", "S001-TE5") == 1
    with pytest.raises(EventRefused) as refused:
        _code(hq, "TE6", replaces=True)  # nothing to replace
    assert refused.value.code == "terminal.unknown"


def test_revoked_stays_revoked_whatever_code_comes_later(hq):
    with hq.client() as c:
        token = _enrol(c, _code(hq, "TE7"), "TE7").json()["token"]
    leftover = _code(hq, "TE7", replaces=True)  # issued before the revocation
    with hq.client(ADMIN) as admin:
        r = admin.post("/api/v1/terminals/S001-TE7/revoke", json={"reason": "stolen"})
        assert r.status_code == 200 and r.json()["revoked"] is True
        again = admin.post("/api/v1/terminals/S001-TE7/replace")
        assert (again.status_code, again.json()["code"]) == (409, "terminal.revoked")
        listed = admin.get("/api/v1/terminals", params={"store_id": "S001"}).json()
    assert {"key": "S001-TE7", "revoked": True}.items() <= next(
        t for t in listed if t["key"] == "S001-TE7"
    ).items()
    assert _pull(hq, token) == 401
    with hq.client() as c:
        late = _enrol(c, leftover, "TE7")
        assert (late.status_code, late.json()["code"]) == (409, "terminal.revoked")
    with hq.engine.connect() as conn:
        revoked = conn.execute(
            text("SELECT revoked FROM terminals WHERE key = 'S001-TE7'")
        ).scalar_one()
    assert revoked is True
    assert _admin_log(hq, "terminal.revoked", "S001-TE7") == 1


def test_the_head_office_command_line_lists_replaces_and_revokes_terminals(hq, capsys):
    db = ["--db", hq.db_url]
    assert hq_cli.main(["enrol-terminal", *db, "--store", "S002", "--terminal", "TC1"]) == 0
    code = capsys.readouterr().out.strip()
    with hq.engine.begin() as conn:
        _who, token = enrol(conn, code, "TC1", 1_000_000)
    assert hq_cli.main(["enrol-terminal", *db, "--store", "S002", "--terminal", "TC1"]) == 2
    assert "replacement" in capsys.readouterr().err
    assert hq_cli.main(["replace-terminal", *db, "S002-TC1"]) == 0
    replacement = capsys.readouterr().out.strip()
    assert len(replacement) == 10
    assert hq_cli.main(["terminals", *db, "--store", "S002"]) == 0
    assert "S002-TC1\tactive" in capsys.readouterr().out
    assert hq_cli.main(["revoke-terminal", *db, "S002-TC1", "--reason", "lost"]) == 0
    capsys.readouterr()
    assert hq_cli.main(["terminals", *db, "--store", "S002", "--json"]) == 0
    assert '"revoked": true' in capsys.readouterr().out
    assert _pull(hq, token) == 401
    assert hq_cli.main(["replace-terminal", *db, "S002-TC1"]) == 2
    assert "revoked" in capsys.readouterr().err
    assert hq_cli.main(["revoke-terminal", *db, "S002-NOPE"]) == 2


def test_repeated_token_failures_lock_the_client_out_with_429_and_are_audited(hq, own_server):
    office = own_server(auth_max_failures=3, auth_lockout_s=600)
    good = hq.token("S001", "TE8")
    before = _admin_log(hq, "auth.lockout", "127.0.0.1")
    for _ in range(3):
        assert _pull(office, "S001-TE8.wrong-secret") == 401
    with office.client(good) as c:
        r = c.get("/api/v1/sync/pull", params={"limit": 1})
    assert r.status_code == 429
    assert r.json()["code"] == "auth.locked"
    assert 0 < int(r.headers["Retry-After"]) <= 600
    assert _admin_log(hq, "auth.lockout", "127.0.0.1") == before + 1
    assert _pull(hq, good) == 200  # another head-office process counts its own


def test_guessing_the_managers_token_locks_the_client_out(hq, own_server):
    office = own_server(auth_max_failures=3, auth_lockout_s=600)
    for guess in ("a", "b", "c"):
        with office.client(guess) as c:
            assert c.get("/api/v1/reports/chain").status_code == 401
    with office.client(ADMIN) as c:
        r = c.get("/api/v1/reports/chain")
    assert r.status_code == 429 and int(r.headers["Retry-After"]) > 0


def test_enrolment_attempts_are_rate_limited_per_client(hq, own_server):
    office = own_server(enrol_attempts_per_window=3, auth_max_failures=100)
    code = _code(hq, "TE9")
    with office.client() as c:
        for guess in ("WRONG2345", "WRONG3456", "WRONG4567"):
            assert _enrol(c, guess, "TE9").status_code == 401
        r = _enrol(c, code, "TE9")  # even the right code waits
        assert r.status_code == 429
        assert r.json()["code"] == "enrol.rate"
        assert int(r.headers["Retry-After"]) > 0
        assert c.get("/api/v1/health").status_code == 200  # only enrolment is limited


class FakeClock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def test_a_lockout_lifts_after_its_time_and_old_failures_age_out():
    clock = FakeClock()
    lim = Limiter(max_failures=3, window_s=60, lockout_s=300, enrol_per_window=2, clock=clock)
    assert lim.failure("a") is None
    clock.t += 61  # the first failure leaves the window
    assert lim.failure("a") is None
    assert lim.failure("a") is None
    lim.check("a")  # two failures in the window: not locked
    assert lim.failure("a") == 3
    with pytest.raises(TooManyRequests) as locked:
        lim.check("a")
    assert locked.value.retry_after_s == 300
    lim.check("b")  # per client
    clock.t += 299.5
    with pytest.raises(TooManyRequests) as still:
        lim.check("a")
    assert still.value.retry_after_s == 1
    clock.t += 1
    lim.check("a")
    lim.enrol_attempt("a")
    lim.enrol_attempt("a")
    with pytest.raises(TooManyRequests) as rate:
        lim.enrol_attempt("a")
    assert rate.value.retry_after_s == 60
    clock.t += 60
    lim.enrol_attempt("a")
