"""Head office's registry of members' phone keys, and how they reach the tills' feed."""

from __future__ import annotations

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
