"""Console fixtures: head office on loopback (real uvicorn, scratch PostgreSQL, the demo
chain) with one account per role, and a signed-in client per account."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, text

from pos_member.headoffice.app import create_app
from pos_member.headoffice.auth import enrol, new_enrol_code
from pos_member.headoffice.console.accounts import Role, create_account
from pos_member.headoffice.db import open_database
from pos_member.headoffice.seed import seed_demo
from pos_member.headoffice.settings import HQSettings
from pos_member.headoffice.testing import ServerThread, sale_event, scratch_database

PASSWORD = "correct horse 42"
ADMIN_TOKEN = "console-tests-token"
#: username -> (role, stores)
PEOPLE = {
    "admin1": (Role.ADMIN, []),
    "mkt1": (Role.MARKETING, []),
    "fin1": (Role.FINANCE, []),
    "cs1": (Role.SERVICE, []),
    "it1": (Role.IT, []),
    "mgr1": (Role.STORE_MANAGER, ["S001"]),
    "locky": (Role.SERVICE, []),
}
MAX_FAILURES = 3
CSRF_RE = re.compile(r'name="csrf" value="([^"]+)"')


@dataclass
class Console:
    url: str
    engine: Engine
    clients: list[httpx.Client]

    def client(self, **kw: Any) -> httpx.Client:
        c = httpx.Client(base_url=self.url, timeout=15, follow_redirects=False, **kw)
        self.clients.append(c)
        return c

    def login(self, username: str, password: str = PASSWORD) -> httpx.Client:
        c = self.client()
        r = c.post("/console/login", data=self.login_form(c, username, password))
        assert r.status_code == 303, r.text[:500]
        return c

    @staticmethod
    def login_form(c: httpx.Client, username: str, password: str) -> dict[str, str]:
        page = c.get("/console/login")
        token = csrf_of(page.text)
        return {"csrf": token, "username": username, "password": password, "next": ""}

    def token(self, store_id: str, terminal_id: str) -> str:
        """A terminal token of a new terminal of ``store_id``."""
        with self.engine.begin() as conn:
            code = new_enrol_code(conn, store_id, 1, terminal_id)
            _who, token = enrol(conn, code, terminal_id, 1_000_000)
        return token

    def push(self, token: str, events: list[dict[str, Any]]) -> None:
        r = httpx.post(
            f"{self.url}/api/v1/sync/push", json={"events": events},
            headers={"Authorization": f"Bearer {token}"}, timeout=15,
        )  # fmt: skip
        assert r.status_code == 200, r.text

    def audit(self, action: str) -> list[dict[str, object]]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                text("SELECT * FROM console_audit WHERE action = :a ORDER BY id"), {"a": action}
            ).all()
        return [dict(r._mapping) for r in rows]


def csrf_of(html: str) -> str:
    hit = CSRF_RE.search(html)
    assert hit, "no CSRF token on the page"
    return hit.group(1)


@pytest.fixture(scope="module")
def console(pg_base: str) -> Iterator[Console]:
    with scratch_database(pg_base, "posm_console") as db_url:
        engine = open_database(db_url, pool_size=4)
        seed_demo(engine, members=60, products=10)
        with engine.begin() as conn:
            for name, (role, stores) in PEOPLE.items():
                create_account(conn, name, f"{name} 测试", role, PASSWORD, stores)
        settings = HQSettings(
            db_url=db_url,
            admin_token=ADMIN_TOKEN,
            auth_max_failures=10**6,
            console_max_failures=MAX_FAILURES,
        )
        server = ServerThread(create_app(settings, engine)).start()
        try:
            made = Console(server.url, engine, [])
            yield made
        finally:
            for c in made.clients:
                c.close()
            server.stop()
            engine.dispose()


def sale(
    eid: str, store: str, terminal: str, member_id: int, day: str, fen: int, *, sv: bool = False
) -> dict[str, Any]:
    """A sale event of ``store``/``terminal``; ``sv``: paid from stored value."""
    return sale_event(eid, store, terminal, member_id, day, fen, stored_value=sv)
