"""Head office's registry of members' phone keys, which sign the member code (会员码).

The member page registers the public half of a key pair the phone made with
WebCrypto (``register_device_key``); a lost phone is revoked
(``revoke_device_key``), never deleted. Each change is announced in the change
feed (``Entity.DEVICE_KEY``, feed version 2): every till caches the keys and
verifies codes offline (``domain.member_code``, ``services.member_code``).

The chain's code, which every member code carries, is one row of
``chain_identity`` (``chain_code``; ``PM`` until ``set_chain_code``); it reaches a
till at enrolment and with every device key it pulls.

Every function takes a SQLAlchemy ``Connection`` inside the caller's transaction
(``engine.begin()``, or the API's ``begin()``) and raises ``EventRefused`` (an
HTTP status, a stable code and a sentence) for what it refuses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Row, insert, select, update

from pos_member.domain.member_code import CHAIN_RE, b64url, public_key
from pos_member.headoffice import models as m
from pos_member.headoffice.changes import touch, touch_all
from pos_member.headoffice.validate import EventRefused
from pos_member.wire.schemas import Entity, MemberCodeUsedPayload, clean_text

TESTED_IN = "tests/headoffice/test_device_keys.py"

DEFAULT_CHAIN_CODE = "PM"
MAX_LABEL = 64
MAX_REASON = 128


def utcnow() -> str:
    # ``auth.utcnow``'s spelling; not imported: auth -> push -> here.
    return datetime.now(UTC).isoformat(timespec="milliseconds")


@dataclass(frozen=True, slots=True)
class DeviceKeyView:
    """A registered phone key as head office keeps it (``public_key``: base64url raw)."""

    id: int
    member_id: int
    public_key: str
    label: str
    created_at: str
    revoked_at: str | None
    revoke_reason: str | None

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None


def chain_code(conn: Connection) -> str:
    """The chain's code that member codes carry (``PM`` if none was ever set)."""
    code = conn.execute(
        select(m.ChainIdentityRow.code).where(m.ChainIdentityRow.id == 1)
    ).scalar_one_or_none()
    return code or DEFAULT_CHAIN_CODE


def set_chain_code(conn: Connection, code: str) -> None:
    """Name the chain ``code`` (``[A-Za-z0-9]{1,16}``); every till learns it by the feed.

    Codes the phones made under the old code are refused by tills that have pulled
    the new one: phones re-sign within 30 seconds with the code the page reads."""
    if not CHAIN_RE.match(code):
        raise EventRefused(422, "chain.code", "a chain code is 1 to 16 letters or digits")
    now = utcnow()
    t = m.ChainIdentityRow
    if conn.execute(update(t).where(t.id == 1).values(code=code, updated_at=now)).rowcount != 1:
        conn.execute(insert(t).values(id=1, code=code, updated_at=now))
    conn.execute(insert(m.AdminNote).values(at=now, action="chain.code", subject=code, detail={}))
    # Each device key carries the chain's code: re-announce them all.
    touch_all(conn, Entity.DEVICE_KEY, "member_device_keys", "id")


def _view(r: Row[Any]) -> DeviceKeyView:
    return DeviceKeyView(
        id=int(r.id),
        member_id=int(r.member_id),
        public_key=b64url(bytes(r.public_key)),
        label=r.label,
        created_at=r.created_at,
        revoked_at=r.revoked_at,
        revoke_reason=r.revoke_reason,
    )


def _text(value: str, limit: int, what: str) -> str:
    if not isinstance(value, str) or len(value) > limit:
        raise EventRefused(422, f"device_key.{what}", f"the {what} is text of at most {limit}")
    try:
        return clean_text(value).strip()
    except ValueError as exc:
        raise EventRefused(422, f"device_key.{what}", f"the {what}: {exc}") from None


def register_device_key(conn: Connection, member_id: int, public_key_raw: bytes, label: str) -> int:
    """Register a phone's public key for ``member_id``; returns its key id.

    ``public_key_raw``: WebCrypto ``exportKey('raw')`` of an ECDSA P-256 key, the
    65-byte uncompressed point (checked to lie on the curve). Registering the same
    key again for the same member returns its id (a page that retried); a key of
    another member, or one revoked, is refused (409). Unknown member: 404; not a
    P-256 point: 422.
    """
    raw = bytes(public_key_raw)
    try:
        public_key(raw)
    except ValueError:
        raise EventRefused(
            422, "device_key.invalid", "not an uncompressed P-256 public key (65 bytes)"
        ) from None
    name = _text(label, MAX_LABEL, "label")
    if conn.execute(select(m.MemberRow.id).where(m.MemberRow.id == member_id)).first() is None:
        raise EventRefused(404, "member.unknown", f"no member {member_id}")
    t = m.MemberDeviceKey
    known = conn.execute(select(t).where(t.public_key == raw)).first()
    if known is not None:
        if known.member_id != member_id:
            raise EventRefused(409, "device_key.taken", "this key is registered to another member")
        if known.revoked_at is not None:
            raise EventRefused(
                409, "device_key.revoked", "this key was revoked: the phone must make a new one"
            )
        return int(known.id)
    now = utcnow()
    key_id = int(
        conn.execute(
            insert(t)
            .values(member_id=member_id, public_key=raw, label=name, created_at=now)
            .returning(t.id)
        ).scalar_one()
    )
    conn.execute(
        insert(m.AdminNote).values(
            at=now,
            action="device_key.register",
            subject=str(key_id),
            detail={"member_id": member_id, "label": name},
        )
    )
    touch(conn, Entity.DEVICE_KEY, [key_id])
    return key_id


def revoke_device_key(conn: Connection, key_id: int, reason: str = "") -> DeviceKeyView:
    """Revoke phone key ``key_id`` (a lost phone, a sign-out): every till refuses its
    codes once it has pulled. Revoking a revoked key changes nothing. Unknown: 404."""
    why = _text(reason, MAX_REASON, "reason")
    t = m.MemberDeviceKey
    row = conn.execute(select(t).where(t.id == key_id)).first()
    if row is None:
        raise EventRefused(404, "device_key.unknown", f"no device key {key_id}")
    if row.revoked_at is not None:
        return _view(row)
    now = utcnow()
    conn.execute(update(t).where(t.id == key_id).values(revoked_at=now, revoke_reason=why))
    conn.execute(
        insert(m.AdminNote).values(
            at=now,
            action="device_key.revoke",
            subject=str(key_id),
            detail={"member_id": int(row.member_id), "reason": why},
        )
    )
    touch(conn, Entity.DEVICE_KEY, [key_id])
    found = device_key(conn, key_id)
    assert found is not None
    return found


def device_key(conn: Connection, key_id: int) -> DeviceKeyView | None:
    """Key ``key_id``, revoked or not (None if there is none)."""
    t = m.MemberDeviceKey
    row = conn.execute(select(t).where(t.id == key_id)).first()
    return None if row is None else _view(row)


def device_keys_for_member(
    conn: Connection, member_id: int, *, include_revoked: bool = True
) -> list[DeviceKeyView]:
    """The member's phone keys, oldest first."""
    t = m.MemberDeviceKey
    q = select(t).where(t.member_id == member_id)
    if not include_revoked:
        q = q.where(t.revoked_at.is_(None))
    return [_view(r) for r in conn.execute(q.order_by(t.id)).all()]


#: The review item of a member code (key, step) taken at two terminals.
CODE_REUSED = "member_code_reused"


def record_code_use(
    conn: Connection,
    store_id: str,
    terminal_id: str,
    event_id: str,
    p: MemberCodeUsedPayload,
    now: str,
) -> list[dict[str, Any]]:
    """Keep a code a till took (``member.code_used``); the review item if another
    terminal took the same code (same key and step): a copied code, a screenshot
    sent to a friend, or a till's replay guard worked around.

    Called by the push handler with the member's row locked (push's ``precheck``),
    so two pushes of one member's codes are serialised and the second sees the
    first. Returns the review rows for the caller to write with the batch."""
    t = m.MemberCodeUse
    others = sorted(
        {
            f"{s}-{term}"
            for s, term in conn.execute(
                select(t.store_id, t.terminal_id).where(t.key_id == p.key_id, t.step == p.step)
            )
            if (s, term) != (store_id, terminal_id)
        }
    )
    conn.execute(
        insert(t).values(
            member_id=p.member_id, key_id=p.key_id, step=p.step, store_id=store_id,
            terminal_id=terminal_id, event_id=event_id, used_at=p.used_at,
        )
    )  # fmt: skip
    if not others:
        return []
    return [
        {
            "kind": CODE_REUSED,
            "member_id": p.member_id,
            "event_id": event_id,
            "store_id": store_id,
            "created_at": now,
            "detail": {
                "terminal": f"{store_id}-{terminal_id}",
                "key_id": p.key_id,
                "step": p.step,
                "other_terminals": others,
                "why": f"member code of device key {p.key_id} for step {p.step} was taken "
                f"at {', '.join(others)} too: a copied code or screenshot",
            },
        }
    ]
