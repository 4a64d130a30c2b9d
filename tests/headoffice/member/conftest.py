"""Member-page fixtures: head office on loopback (real uvicorn, scratch PostgreSQL, the
demo chain) with the SMS file sink, and helpers to sign a member in."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, text

from pos_member.headoffice.app import create_app
from pos_member.headoffice.auth import enrol, new_enrol_code
from pos_member.headoffice.db import open_database
from pos_member.headoffice.member_web import MemberWebConfig
from pos_member.headoffice.seed import seed_demo
from pos_member.headoffice.settings import HQSettings
from pos_member.headoffice.sms import FileSink
from pos_member.headoffice.testing import ServerThread, scratch_database

CSRF_RE = re.compile(r'name="csrf" value="([^"]+)"')


@dataclass
class MemberHQ:
    url: str
    engine: Engine
    cfg: MemberWebConfig
    sink: FileSink
    clients: list[httpx.Client] = field(default_factory=list)

    def client(self, **kw: Any) -> httpx.Client:
        c = httpx.Client(base_url=self.url, timeout=15, follow_redirects=False, **kw)
        self.clients.append(c)
        return c

    def members_with_phone(self) -> list[tuple[int, str]]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                text("SELECT id, phone FROM members WHERE phone IS NOT NULL ORDER BY id")
            ).all()
        return [(int(a), str(b)) for a, b in rows]

    def last_code(self, phone: str) -> str:
        msgs = [x for x in self.sink.messages() if x["phone"] == phone]
        assert msgs, f"no SMS to {phone}"
        params = msgs[-1]["params"]
        assert isinstance(params, dict)
        return str(params["code"])

    def ask_code(self, c: httpx.Client, phone: str) -> httpx.Response:
        page = c.get("/m/login")
        return c.post("/m/code", data={"csrf": csrf_of(page.text), "phone": phone})

    def sign_in(self, phone: str) -> httpx.Client:
        c = self.client()
        r = self.ask_code(c, phone)
        assert r.status_code == 200, r.text[:400]
        r = c.post("/m/login", data={"csrf": csrf_of(r.text), "phone": phone,
                                     "code": self.last_code(phone)})  # fmt: skip
        assert r.status_code == 303, r.text[:400]
        return c

    def token(self, store_id: str = "S001", terminal_id: str = "T01") -> str:
        with self.engine.begin() as conn:
            known = conn.execute(
                text("SELECT 1 FROM terminals WHERE store_id = :s AND terminal_id = :t"),
                {"s": store_id, "t": terminal_id},
            ).first()
            code = new_enrol_code(conn, store_id, 1, terminal_id, replaces=known is not None)
            _who, token = enrol(conn, code, terminal_id, 1_000_000)
        return token

    def push(self, token: str, events: list[dict[str, Any]]) -> dict[str, Any]:
        r = httpx.post(f"{self.url}/api/v1/sync/push", json={"events": events},
                       headers={"Authorization": f"Bearer {token}"}, timeout=15)  # fmt: skip
        assert r.status_code == 200, r.text
        out: dict[str, Any] = r.json()
        return out


def csrf_of(html: str) -> str:
    hit = CSRF_RE.search(html)
    assert hit, "no CSRF token on the page"
    return hit.group(1)


@pytest.fixture(scope="module")
def mhq(pg_base: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[MemberHQ]:
    sink = FileSink(Path(tmp_path_factory.mktemp("sms")) / "sms.jsonl")
    cfg = MemberWebConfig(sms=sink, code_secret=b"k" * 32, per_client_hour=10_000,
                          notify_worker=False)  # fmt: skip
    with scratch_database(pg_base, "posm_member") as db_url:
        engine = open_database(db_url, pool_size=4)
        seed_demo(engine, members=30, products=10)
        settings = HQSettings(db_url=db_url, admin_token="t", auth_max_failures=10**6)
        server = ServerThread(create_app(settings, engine, cfg)).start()
        made = MemberHQ(server.url, engine, cfg, sink)
        try:
            yield made
        finally:
            for c in made.clients:
                c.close()
            server.stop()
            engine.dispose()
