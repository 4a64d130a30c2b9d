"""Head office's registry of members' phone keys, and how they reach the tills' feed."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import text

from pos_member.domain.member_code import b64url
from pos_member.headoffice import device_keys as dk
from pos_member.headoffice.changes import START_CURSOR, read_page, read_page_json
from pos_member.headoffice.validate import EventRefused
from pos_member.wire.schemas import Entity, PullPage, entities_for
from tests.member_phone import Phone

pytestmark = pytest.mark.integration


def _feed_keys(hq: Any, cursor: str = START_CURSOR) -> dict[str, dict[str, Any]]:
    """Device keys in the feed after ``cursor``, by the Python and the SQL page alike."""
    out: dict[str, dict[str, Any]] = {}
    with hq.engine.connect() as conn:
        while True:
            page = read_page(conn, cursor, 5000, entities=[Entity.DEVICE_KEY])
            js = PullPage.model_validate_json(
                read_page_json(conn, cursor, 5000, entities=[Entity.DEVICE_KEY])
            )
            assert [c.model_dump() for c in js.changes] == [c.model_dump() for c in page.changes]
            out.update({c.key: c.data for c in page.changes})
            cursor = page.cursor
            if not page.more:
                return out


def test_a_key_is_registered_listed_and_sent_to_the_tills(hq: Any) -> None:
    phone = Phone()
    with hq.engine.begin() as conn:
        key_id = dk.register_device_key(conn, 3, phone.public_raw, "iPhone 15")
        again = dk.register_device_key(conn, 3, phone.public_raw, "iPhone 15")
        keys = dk.device_keys_for_member(conn, 3)
        chain = dk.chain_code(conn)
    assert again == key_id
    assert [(k.id, k.member_id, k.public_key, k.label, k.revoked) for k in keys] == [
        (key_id, 3, b64url(phone.public_raw), "iPhone 15", False)
    ]
    assert chain == "PM"
    sent = _feed_keys(hq)[str(key_id)]
    assert sent == {"id": key_id, "member_id": 3, "public_key": b64url(phone.public_raw),
                    "revoked": False, "chain": "PM"}  # fmt: skip


def test_a_revoked_key_reaches_the_feed_and_stays_listed(hq: Any) -> None:
    phone = Phone()
    with hq.engine.begin() as conn:
        key_id = dk.register_device_key(conn, 4, phone.public_raw, "lost phone")
        cursor = conn.execute(text("SELECT max(seq) FROM changes")).scalar_one()
    with hq.engine.begin() as conn:
        view = dk.revoke_device_key(conn, key_id, "lost on the bus")
        # Twice changes nothing.
        assert dk.revoke_device_key(conn, key_id, "again").revoke_reason == "lost on the bus"
    assert view.revoked and view.revoke_reason == "lost on the bus"
    assert _feed_keys(hq, str(cursor))[str(key_id)]["revoked"] is True
    with hq.engine.begin() as conn:
        assert [k.id for k in dk.device_keys_for_member(conn, 4, include_revoked=False)] == []
        assert [k.id for k in dk.device_keys_for_member(conn, 4)] == [key_id]
        # The revoked key cannot come back.
        with pytest.raises(EventRefused) as exc:
            dk.register_device_key(conn, 4, phone.public_raw, "found it")
        assert exc.value.code == "device_key.revoked"


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        (b"", "empty"),
        (b"\x04" + b"\x00" * 64, "the point (0, 0) is not on the curve"),
        (b"\x04" + b"\x01" * 64, "not on the curve"),
        (Phone().public_raw[:33], "compressed-length"),
        (b"\x02" + Phone().public_raw[1:33], "compressed point: WebCrypto raw is uncompressed"),
        (Phone().public_raw + b"\x00", "66 bytes"),
        (b"\x05" + Phone().public_raw[1:], "wrong leading byte"),
    ],
)
def test_a_key_that_is_no_p256_point_is_refused_and_nothing_written(
    hq: Any, raw: bytes, why: str
) -> None:
    before = hq.counts()
    with hq.engine.begin() as conn, pytest.raises(EventRefused) as exc:
        dk.register_device_key(conn, 5, raw, why)
    assert (exc.value.status, exc.value.code) == (422, "device_key.invalid")
    assert hq.counts() == before


def test_unknown_member_another_members_key_and_bad_labels_are_refused(hq: Any) -> None:
    phone = Phone()
    with hq.engine.begin() as conn:
        with pytest.raises(EventRefused) as exc:
            dk.register_device_key(conn, 987_654_321, phone.public_raw, "x")
        assert exc.value.status == 404
        dk.register_device_key(conn, 6, phone.public_raw, "mine")
        with pytest.raises(EventRefused) as exc:
            dk.register_device_key(conn, 7, phone.public_raw, "stolen")
        assert exc.value.code == "device_key.taken"
        for label in ("x" * 65, "\u202eevil", "   \t"):
            with pytest.raises(EventRefused) as exc:
                dk.register_device_key(conn, 7, Phone().public_raw, label)
            assert exc.value.code == "device_key.label"
        with pytest.raises(EventRefused) as exc:
            dk.revoke_device_key(conn, 10**12, "")
        assert exc.value.status == 404


def test_the_chain_code_is_set_checked_and_re_announced_with_every_key(hq: Any) -> None:
    with hq.engine.begin() as conn:
        key_id = dk.register_device_key(conn, 8, Phone().public_raw, "p")
        cursor = conn.execute(text("SELECT max(seq) FROM changes")).scalar_one()
    for bad in ("", "A-B", "x" * 17, "链"):
        with hq.engine.begin() as conn, pytest.raises(EventRefused):
            dk.set_chain_code(conn, bad)
    try:
        with hq.engine.begin() as conn:
            dk.set_chain_code(conn, "HX7")
            assert dk.chain_code(conn) == "HX7"
        after = _feed_keys(hq, str(cursor))
        assert after[str(key_id)]["chain"] == "HX7"
    finally:
        with hq.engine.begin() as conn:
            dk.set_chain_code(conn, "PM")


def test_an_older_till_is_not_sent_device_keys() -> None:
    assert Entity.DEVICE_KEY not in entities_for(1)
    assert Entity.DEVICE_KEY in entities_for(2)


def _used(terminal: str, member: int, key_id: int, step: int, store: str = "S001") -> dict:
    eid = str(uuid.uuid4())
    return {"id": eid, "kind": "member.code_used", "store_id": store, "terminal_id": terminal,
            "created_at": "2026-11-23T10:00:00+00:00",
            "payload": {"member_id": member, "key_id": key_id, "step": step,
                        "used_at": "2026-11-23T10:00:00.000000+00:00"}}  # fmt: skip


def _reused(hq: Any, key_id: int) -> list[dict[str, Any]]:
    with hq.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT detail FROM review_items WHERE kind = 'member_code_reused'")
        ).scalars()
        return [d for d in rows if d["key_id"] == key_id]


def test_a_code_taken_at_two_terminals_is_flagged_once_per_later_use(hq: Any) -> None:
    with hq.engine.begin() as conn:
        key_id = dk.register_device_key(conn, 9, Phone().public_raw, "p")
    one, two, three = (hq.token("S001", t) for t in ("TC1", "TC2", "TC3"))
    other_store = hq.token("S002", "TC4")
    step = 59_000_000
    with hq.client(one) as c:
        # The same terminal twice, and another step: nothing to flag.
        r = c.post("/api/v1/sync/push", json={"events": [
            _used("TC1", 9, key_id, step), _used("TC1", 9, key_id, step),
            _used("TC1", 9, key_id, step + 1)]})  # fmt: skip
        assert r.status_code == 200, r.text
    assert _reused(hq, key_id) == []
    with hq.client(two) as c:
        assert (
            c.post(
                "/api/v1/sync/push", json={"events": [_used("TC2", 9, key_id, step)]}
            ).status_code
            == 200
        )
    (item,) = _reused(hq, key_id)
    assert (item["terminal"], item["other_terminals"], item["step"]) == (
        "S001-TC2",
        ["S001-TC1"],
        step,
    )
    with hq.client(three) as c:
        assert (
            c.post(
                "/api/v1/sync/push", json={"events": [_used("TC3", 9, key_id, step)]}
            ).status_code
            == 200
        )
    with hq.client(other_store) as c:
        assert (
            c.post(
                "/api/v1/sync/push", json={"events": [_used("TC4", 9, key_id, step, "S002")]}
            ).status_code
            == 200
        )
    flagged = _reused(hq, key_id)
    assert [f["terminal"] for f in flagged] == ["S001-TC2", "S001-TC3", "S002-TC4"]
    assert flagged[-1]["other_terminals"] == ["S001-TC1", "S001-TC2", "S001-TC3"]
    with hq.engine.connect() as conn:
        uses = conn.execute(
            text("SELECT count(*) FROM member_code_uses WHERE key_id = :k"), {"k": key_id}
        ).scalar_one()
    assert uses == 6


@pytest.mark.parametrize(
    "bad",
    [
        {"member_id": 9, "key_id": 1, "step": -1},
        {"member_id": 9, "key_id": 0, "step": 1},
        {"member_id": 9, "key_id": 1, "step": "59000000"},
        {"member_id": 9, "key_id": 1},
        {"member_id": 9, "key_id": 1, "step": 1, "payload": "PM1.x"},
        {"member_id": 987_654_321, "key_id": 1, "step": 1},
    ],
)
def test_a_malformed_code_use_is_refused_and_nothing_written(hq: Any, bad: dict) -> None:
    token = hq.token("S001", "TC5")
    ev = _used("TC5", 9, 1, 1)
    ev["payload"] = {**bad, "used_at": "2026-11-23T10:00:00+00:00"}
    uses = "SELECT count(*) FROM member_code_uses"
    with hq.engine.connect() as conn:
        before = (hq.counts(), conn.execute(text(uses)).scalar_one())
    with hq.client(token) as c:
        r = c.post("/api/v1/sync/push", json={"events": [ev]})
    assert r.status_code in (409, 422), r.text
    with hq.engine.connect() as conn:
        assert (hq.counts(), conn.execute(text(uses)).scalar_one()) == before


def test_the_command_line_sets_the_chain_code_and_revokes_a_phone_on_sqlite(
    tmp_path: Any, capsys: Any
) -> None:
    from pos_member.headoffice import cli
    from pos_member.headoffice.db import open_database

    url = f"sqlite:///{tmp_path / 'hq.db'}"
    assert cli.main(["demo-seed", "--db", url, "--members", "5", "--products", "5"]) == 0
    capsys.readouterr()
    assert cli.main(["chain-code", "--db", url]) == 0
    assert capsys.readouterr().out.strip() == "PM"
    assert cli.main(["chain-code", "--db", url, "A-B"]) == 2
    assert "letters or digits" in capsys.readouterr().err
    assert cli.main(["chain-code", "--db", url, "HX2"]) == 0
    assert capsys.readouterr().out.strip() == "HX2"
    engine = open_database(url)
    try:
        with engine.begin() as conn:
            key_id = dk.register_device_key(conn, 2, Phone().public_raw, "旧手机")
        assert cli.main(["revoke-device-key", "--db", url, str(key_id), "--reason", "丢了"]) == 0
        assert f"device key {key_id} of member 2 revoked" in capsys.readouterr().err
        assert cli.main(["revoke-device-key", "--db", url, "999"]) == 2
        with engine.connect() as conn:
            (view,) = dk.device_keys_for_member(conn, 2)
            page = read_page(conn, START_CURSOR, 5000, entities=[Entity.DEVICE_KEY])
        assert view.revoked and view.revoke_reason == "丢了"
        assert [(c.data["revoked"], c.data["chain"]) for c in page.changes] == [(True, "HX2")]
    finally:
        engine.dispose()
