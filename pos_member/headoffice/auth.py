"""Terminal credentials, one-time enrolment codes and the managers' token.

A terminal's token is ``<terminal key>.<secret>``; head office keeps only the
SHA-256 of the secret (the secret is 256 random bits, so a slow hash buys
nothing) and compares in constant time. Enrolment codes are short, one-time,
expire, and are also kept hashed.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, select, update
from sqlalchemy import insert as sa_insert

from pos_member.headoffice import models as m
from pos_member.headoffice.push import TerminalIdentity
from pos_member.headoffice.validate import EventRefused

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud over the phone


def utcnow() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def new_enrol_code(
    conn: Connection, store_id: str, hours: int, terminal_id: str, *, replaces: bool = False
) -> str:
    """A one-time code that enrols the terminal ``terminal_id`` of ``store_id``.

    Without ``replaces`` the terminal must be new; with it (a manager approving a
    new PC for a till) it must exist and not be revoked: the code then gives that
    terminal a new secret and keeps its member-id block.
    """
    if conn.execute(select(m.StoreRow.id).where(m.StoreRow.id == store_id)).first() is None:
        raise EventRefused(404, "store.unknown", f"no store {store_id!r}")
    existing = _terminal(conn, f"{store_id}-{terminal_id}")
    if replaces and existing is None:
        raise EventRefused(404, "terminal.unknown", f"no terminal {store_id}-{terminal_id}")
    if replaces and existing is not None and existing.revoked:
        raise EventRefused(
            409, "terminal.revoked", f"terminal {existing.key} is revoked: enrol a new terminal id"
        )
    if not replaces and existing is not None:
        raise EventRefused(
            409,
            "terminal.exists",
            f"terminal {existing.key} is enrolled already: issue a replacement code for it",
        )
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))
    now = datetime.now(UTC)
    conn.execute(
        sa_insert(m.EnrolCode).values(
            code_hash=_sha(code),
            store_id=store_id,
            terminal_id=terminal_id,
            replaces=replaces,
            created_at=now.isoformat(),
            expires_at=(now + timedelta(hours=hours)).isoformat(),
        )
    )
    return code


def _terminal(conn: Connection, key: str) -> Any:
    return conn.execute(select(m.TerminalRow).where(m.TerminalRow.key == key)).first()


def enrol(
    conn: Connection, code: str, terminal_id: str, block: int
) -> tuple[TerminalIdentity, str]:
    """Exchange ``code`` for a terminal's credentials; returns (identity, token).

    The code is taken (single use) by a guarded update before anything else, so
    two attempts with one code cannot both succeed. It enrols only the terminal
    id it was issued for: a new terminal, or the named one it replaces (never a
    revoked one: revoked stays revoked).
    """
    now = datetime.now(UTC)
    row = conn.execute(select(m.EnrolCode).where(m.EnrolCode.code_hash == _sha(code))).first()
    if row is None or row.used_at is not None:
        raise EventRefused(401, "enrol.code", "this enrolment code is unknown or already used")
    if row.terminal_id is not None and row.terminal_id != terminal_id:
        raise EventRefused(401, "enrol.code", "this enrolment code is unknown or already used")
    if datetime.fromisoformat(row.expires_at) < now:
        raise EventRefused(
            401, "enrol.expired", "this enrolment code has expired; ask for a new one"
        )
    key = f"{row.store_id}-{terminal_id}"
    taken = conn.execute(
        update(m.EnrolCode)
        .where(m.EnrolCode.code_hash == row.code_hash, m.EnrolCode.used_at.is_(None))
        .values(used_at=now.isoformat(), used_by=key)
    )
    if taken.rowcount != 1:
        raise EventRefused(401, "enrol.code", "this enrolment code is unknown or already used")
    existing = conn.execute(
        select(m.TerminalRow).where(m.TerminalRow.key == key).with_for_update()
        if conn.dialect.name == "postgresql"
        else select(m.TerminalRow).where(m.TerminalRow.key == key)
    ).first()
    secret = secrets.token_urlsafe(32)
    if existing is None:
        if row.replaces:
            raise EventRefused(409, "terminal.unknown", f"no terminal {key} to replace")
        blk = conn.execute(select(m.IdBlock).where(m.IdBlock.name == "members")).first()
        if blk is None:
            base = 10_000_000_000
            conn.execute(sa_insert(m.IdBlock).values(name="members", next_base=base + block))
        else:
            base = blk.next_base
            conn.execute(
                update(m.IdBlock).where(m.IdBlock.name == "members").values(next_base=base + block)
            )
        conn.execute(
            sa_insert(m.TerminalRow).values(
                key=key,
                store_id=row.store_id,
                terminal_id=terminal_id,
                secret_hash=_sha(secret),
                enrolled_at=now.isoformat(),
                revoked=False,
                member_id_base=base,
            )
        )
    else:
        if not row.replaces:
            raise EventRefused(
                409, "terminal.exists", f"terminal {key} is enrolled already; this code is not "
                "a replacement for it",
            )  # fmt: skip
        if existing.revoked:
            raise EventRefused(409, "terminal.revoked", f"terminal {key} is revoked")
        # A new PC for this till (approved): a new secret, the same member-id block.
        base = existing.member_id_base
        conn.execute(
            update(m.TerminalRow)
            .where(m.TerminalRow.key == key)
            .values(secret_hash=_sha(secret), enrolled_at=now.isoformat())
        )
    conn.execute(
        sa_insert(m.AdminNote).values(
            at=now.isoformat(),
            action="terminal.replaced" if existing is not None else "terminal.enrolled",
            subject=key,
            detail={},
        )
    )
    who = TerminalIdentity(key, row.store_id, terminal_id, base, block)
    return who, f"{key}.{secret}"


def revoke_terminal(conn: Connection, key: str, reason: str = "") -> None:
    """Revoke terminal ``key`` for good: its token stops working and no code revives it."""
    existing = _terminal(conn, key)
    if existing is None:
        raise EventRefused(404, "terminal.unknown", f"no terminal {key}")
    conn.execute(update(m.TerminalRow).where(m.TerminalRow.key == key).values(revoked=True))
    conn.execute(
        sa_insert(m.AdminNote).values(
            at=utcnow(), action="terminal.revoked", subject=key, detail={"reason": reason}
        )
    )


def list_terminals(conn: Connection, store_id: str | None = None) -> list[dict[str, Any]]:
    q = select(
        m.TerminalRow.key,
        m.TerminalRow.store_id,
        m.TerminalRow.terminal_id,
        m.TerminalRow.enrolled_at,
        m.TerminalRow.revoked,
        m.TerminalRow.last_seen_at,
        m.TerminalRow.member_id_base,
    ).order_by(m.TerminalRow.key)
    if store_id is not None:
        q = q.where(m.TerminalRow.store_id == store_id)
    return [dict(r._mapping) for r in conn.execute(q)]


def authenticate(conn: Connection, header: str | None, block: int) -> TerminalIdentity:
    """The terminal behind an ``Authorization`` header, or EventRefused(401)."""
    if not header or not header.startswith("Bearer "):
        raise EventRefused(401, "auth.missing", "this request needs a terminal token")
    token = header[len("Bearer ") :].strip()
    key, sep, secret = token.partition(".")
    if not sep or not key or not secret or len(token) > 200:
        raise EventRefused(401, "auth.malformed", "the terminal token is malformed")
    row = conn.execute(select(m.TerminalRow).where(m.TerminalRow.key == key)).first()
    # Compare even when the terminal is unknown, so timing does not tell which keys exist.
    expected = row.secret_hash if row is not None else _sha("x")
    ok = hmac.compare_digest(expected, _sha(secret))
    if row is None or not ok or row.revoked:
        raise EventRefused(401, "auth.invalid", "the terminal token is not valid")
    return TerminalIdentity(row.key, row.store_id, row.terminal_id, row.member_id_base, block)


def check_admin(expected: str, header: str | None) -> None:
    if not expected:
        raise EventRefused(403, "admin.disabled", "the managers' API is disabled on this server")
    if not header or not header.startswith("Bearer "):
        raise EventRefused(401, "auth.missing", "this request needs the managers' token")
    if not hmac.compare_digest(_sha(header[len("Bearer ") :].strip()), _sha(expected)):
        raise EventRefused(401, "auth.invalid", "the managers' token is not valid")
