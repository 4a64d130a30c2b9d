"""The till's own small facts in ``terminal_state``: its head-office link and its id blocks.

Read and written by the services (member ids, card serials, whether head office
has answered lately) and by the sync client (credentials, contacts); kept in
the store so that the services never import the sync transport.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from pos_member.domain.errors import ValidationError

TESTED_IN = "tests/sync/test_seams.py"

# terminal_state keys
HQ_URL = "hq.url"
HQ_TOKEN = "hq.token"
HQ_STORE = "hq.store_id"
HQ_TERMINAL = "hq.terminal_id"
HQ_MEMBER_BASE = "hq.member_id_base"
HQ_MEMBER_BLOCK = "hq.member_id_block"
HQ_MEMBER_NEXT = "hq.member_id_next"
HQ_CARD_SERIAL_BASE = "hq.card_serial_base"
HQ_CARD_SERIAL_BLOCK = "hq.card_serial_block"
HQ_FEED_VERSION = "hq.feed_version"
#: The chain's code, which its member codes carry (enrolment, and each device key pulled).
HQ_CHAIN_CODE = "hq.chain_code"
LAST_CONTACT = "hq.last_contact"
LAST_SUCCESS = "hq.last_success"
#: When a request to head office last failed (the till is offline from then on).
LAST_FAILURE = "hq.last_failure"


def get_state(conn: Connection, key: str) -> str | None:
    return conn.execute(
        text("SELECT value FROM terminal_state WHERE key = :k"), {"k": key}
    ).scalar_one_or_none()


def set_state(conn: Connection, key: str, value: str) -> None:
    conn.execute(
        text(
            "INSERT INTO terminal_state (key, value) VALUES (:k, :v) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
        ),
        {"k": key, "v": value},
    )


def next_member_id(conn: Connection) -> int:
    """The next member id of this terminal's enrolment block, in the caller's transaction.

    The one allocator of member ids at a terminal (``members.register_member``
    and the sync client both use it). Enrolment records the block head office
    gave this terminal (``hq.member_id_base``, ``hq.member_id_block``) and the
    next free id (``hq.member_id_next``); this takes that id, skipping any id
    already present (a member pulled from head office, say), and moves the
    counter on. A terminal never enrolled (a stand-alone demo) numbers after
    its highest member id: there is no chain whose ids it could collide with.
    """
    base, block = get_state(conn, HQ_MEMBER_BASE), get_state(conn, HQ_MEMBER_BLOCK)
    if base is None or block is None:
        top = conn.execute(text("SELECT max(id) FROM members")).scalar_one_or_none()
        return int(top or 0) + 1
    end = int(base) + int(block)
    nxt = get_state(conn, HQ_MEMBER_NEXT)
    value = int(nxt) if nxt is not None else int(base)
    taken = text("SELECT 1 FROM members WHERE id = :i")
    while value < end and conn.execute(taken, {"i": value}).first() is not None:
        value += 1
    if value >= end:
        raise ValidationError(
            field="member id",
            problem="this terminal has used its block of member ids: sync with head office",
        )
    set_state(conn, HQ_MEMBER_NEXT, str(value + 1))
    return value
