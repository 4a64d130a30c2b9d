"""Head office keeps each secure card's highest issuance counter and sends it in the feed.

Pushed ``card.issued`` / ``card.replaced`` events carry a secure-mode card's
counter; head office keeps the maximum (a lower counter arriving later, from
a till that synced late, is applied without error and lowers nothing) and the
member entity of the change feed carries it with the member's cards. Run on
the real PostgreSQL head office and on the SQLite demo head office, whose
change feed is built by different code.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, text

from pos_member.domain.rules import demo_rules
from pos_member.headoffice.app import create_app
from pos_member.headoffice.auth import enrol, new_enrol_code
from pos_member.headoffice.db import open_database
from pos_member.headoffice.seed import seed_demo
from pos_member.headoffice.settings import HQSettings
from pos_member.headoffice.testing import ServerThread

pytestmark = pytest.mark.integration

RULE = demo_rules().card_rule


@dataclass
class Office:
    url: str
    engine: Engine

    def token(self, terminal_id: str) -> str:
        with self.engine.begin() as conn:
            _who, token = enrol(
                conn, new_enrol_code(conn, "S001", 1, terminal_id), terminal_id, 1_000_000
            )
        return token

    def counter(self, number: str) -> int | None:
        with self.engine.connect() as conn:
            value = conn.execute(
                text("SELECT secure_counter FROM cards WHERE number = :n"), {"n": number}
            ).scalar_one()
        return None if value is None else int(value)


@pytest.fixture(params=["postgresql", "sqlite"])
def office(request: Any, tmp_path: Path) -> Iterator[Office]:
    if request.param == "postgresql":
        hq = request.getfixturevalue("hq")
        yield Office(hq.url, hq.engine)
        return
    engine = open_database(f"sqlite:///{tmp_path / 'hq.db'}")
    seed_demo(engine, members=40, products=5)
    server = ServerThread(
        create_app(HQSettings(db_url=str(engine.url), admin_token="x" * 16), engine)
    ).start()
    try:
        yield Office(server.url, engine)
    finally:
        server.stop()
        engine.dispose()


def _event(kind: str, terminal: str, **payload: Any) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "kind": kind,
        "store_id": "S001",
        "terminal_id": terminal,
        "created_at": "2026-11-23T10:00:00+00:00",
        "payload": payload,
    }


def _push(c: httpx.Client, *events: dict[str, Any]) -> list[list[str]]:
    r = c.post("/api/v1/sync/push", json={"events": list(events)})
    assert r.status_code == 200, r.text
    return [res["flags"] for res in r.json()["results"]]


def _fed_cards(c: httpx.Client, member_id: int) -> dict[str, Any]:
    """The member's cards, by number, as the change feed serves them to a till."""
    page = c.get("/api/v1/sync/pull", params={"cursor": "0", "limit": 5000}).json()
    member = next(
        ch["data"]
        for ch in page["changes"]
        if ch["entity"] == "member" and ch["key"] == str(member_id)
    )
    return {card["number"]: card for card in member["cards"]}


def test_the_highest_counter_is_kept_and_a_later_lower_one_is_no_error(office: Office) -> None:
    tid = f"TS{uuid.uuid4().hex[:4].upper()}"
    token = office.token(tid)
    mid = 31
    number = RULE.make(880_000 + int(tid[2:], 16))
    issued = {"card_number": number, "member_id": mid, "new_card_uid": "0A1B2C3D",
              "card_kind": "mifare"}  # fmt: skip
    with httpx.Client(base_url=office.url, headers={"Authorization": f"Bearer {token}"}) as c:
        assert _push(c, _event("card.issued", tid, **issued, secure_counter=5)) == [[]]
        assert office.counter(number) == 5
        # Store B's till synced late: its older issuance arrives after the newer one.
        assert _push(c, _event("card.issued", tid, **issued, secure_counter=3)) == [[]]
        assert office.counter(number) == 5
        # Rewritten again, then an event without a counter (a UID-mode read of the card).
        assert _push(
            c,
            _event("card.issued", tid, **issued, secure_counter=7),
            _event("card.issued", tid, **issued),
            _event("card.issued", tid, **issued, secure_counter=6),
        ) == [[], [], []]
        assert office.counter(number) == 7
        assert _fed_cards(c, mid)[number]["secure_counter"] == 7

        # A replacement onto a new secure card: the counter is the new card's.
        new_number = RULE.make(890_000 + int(tid[2:], 16))
        replaced = _event(
            "card.replaced", tid, card_number=number, member_id=mid, new_card_number=new_number,
            new_card_uid="0A1B2C3E", card_kind="mifare", secure_counter=2,
        )  # fmt: skip
        assert _push(c, replaced) == [[]]
        assert (office.counter(number), office.counter(new_number)) == (7, 2)
        fed = _fed_cards(c, mid)
        assert fed[new_number]["secure_counter"] == 2 and fed[number]["state"] == "replaced"
        # Cards never written in secure mode carry none.
        assert all(
            card["secure_counter"] is None
            for n, card in fed.items()
            if n not in (number, new_number)
        )


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        ({"secure_countr": 4}, "Extra inputs are not permitted"),  # misspelt: refused, not lost
        ({"secure_counter": -1}, "greater than or equal to 0"),
        ({"secure_counter": 2**32}, "less than or equal to 4294967295"),
        ({"secure_counter": "7a"}, "valid integer"),
    ],
)
def test_a_malformed_counter_is_refused_and_writes_nothing(
    office: Office, extra: dict[str, Any], words: str
) -> None:
    tid = f"TM{uuid.uuid4().hex[:4].upper()}"
    token = office.token(tid)
    number = RULE.make(870_000 + int(tid[2:], 16))
    ev = _event("card.issued", tid, card_number=number, member_id=32, card_kind="mifare", **extra)
    with httpx.Client(base_url=office.url, headers={"Authorization": f"Bearer {token}"}) as c:
        r = c.post("/api/v1/sync/push", json={"events": [ev]})
    assert r.status_code == 422, r.text
    # The answer (ErrorBody) names the field and what is wrong with it.
    body = r.json()
    assert body["code"] == "invalid"
    field, _, msg = body["detail"].partition(": ")
    assert field.rsplit(".", 1)[-1] == next(iter(extra)) and words in msg, r.text
    with office.engine.connect() as conn:
        assert (
            conn.execute(
                text("SELECT count(*) FROM cards WHERE number = :n"), {"n": number}
            ).scalar_one()
            == 0
        )
