"""Head-office fixtures: a scratch PostgreSQL database and a real uvicorn on loopback.

``POS_MEMBER_TEST_PG_URL`` overrides the server (default: the local ``test``
database); without a reachable PostgreSQL the tests skip with the reason, and
under CI=true a skip is a failure.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, text

from pos_member.headoffice.app import create_app
from pos_member.headoffice.auth import enrol, new_enrol_code
from pos_member.headoffice.db import open_database
from pos_member.headoffice.seed import seed_demo
from pos_member.headoffice.settings import HQSettings
from pos_member.headoffice.testing import (
    ServerThread,
    scratch_database,
)

ADMIN = "managers-token"
MAX_BODY = 64 * 1024


@dataclass
class HQ:
    url: str
    db_url: str
    engine: Engine

    def token(self, store_id: str = "S001", terminal_id: str = "T01") -> str:
        """A fresh token for the terminal (enrolled, or re-enrolled by a replacement code)."""
        with self.engine.begin() as conn:
            known = conn.execute(
                text("SELECT 1 FROM terminals WHERE store_id = :s AND terminal_id = :t"),
                {"s": store_id, "t": terminal_id},
            ).first()
            code = new_enrol_code(conn, store_id, 1, terminal_id, replaces=known is not None)
            _who, token = enrol(conn, code, terminal_id, 1_000_000)
        return token

    def counts(self) -> dict[str, int]:
        """Row counts of every table a push or a manager action could write.

        Review items listing refused events are left out (``refused``): a refused
        push writes nothing else.
        """
        with self.engine.connect() as conn:
            out = {
                t: int(conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one())
                for t in (
                    "applied_events", "sv_entries", "points_entries", "sales", "members",
                    "cards", "coupons", "programme_rules", "changes", "sale_lines",
                )
            }  # fmt: skip
            out["review_items"] = int(
                conn.execute(
                    text("SELECT count(*) FROM review_items WHERE kind <> 'event_refused'")
                ).scalar_one()
            )
        return out

    def refused(self, event_id: str) -> list[dict[str, Any]]:
        """The review items listing ``event_id`` as refused (with what the till sent)."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                text(
                    "SELECT detail FROM review_items WHERE kind = 'event_refused' AND event_id = :e"
                ),
                {"e": event_id},
            ).all()
        return [r[0] for r in rows]

    def client(self, token: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=10)


@pytest.fixture(scope="module")
def hq(pg_base: str) -> Iterator[HQ]:
    with scratch_database(pg_base, "posm_hq") as db_url:
        engine = open_database(db_url, pool_size=4)
        seed_demo(engine, members=50, products=10)
        # These tests send wrong tokens on purpose: no lockout here (test_enrolment tests it).
        settings = HQSettings(
            db_url=db_url, admin_token=ADMIN, max_body_bytes=MAX_BODY, auth_max_failures=10**6
        )
        server = ServerThread(create_app(settings, engine)).start()
        try:
            yield HQ(server.url, db_url, engine)
        finally:
            server.stop()
            engine.dispose()


def sale_event(eid: str, **over: Any) -> dict[str, Any]:
    """A well-formed sale event of terminal S001/T01 paying 10 yuan from member 1's value."""
    payload = {
        "sale_id": eid,
        "receipt_no": f"R-{eid[:24]}",
        "business_date": "2026-11-23",
        "member_id": 1,
        "total_fen": 1000,
        "tenders": [{"kind": "stored_value", "amount_fen": 1000}],
        "sv_principal_fen": -1000,
        "points_earned": 10,
    }
    payload.update(over.pop("payload", {}))
    return {
        "id": eid,
        "kind": "sale.completed",
        "store_id": "S001",
        "terminal_id": "T01",
        "created_at": "2026-11-23T10:00:00+00:00",
        "payload": payload,
        **over,
    }


@pytest.fixture
def make_event() -> Any:
    return sale_event
