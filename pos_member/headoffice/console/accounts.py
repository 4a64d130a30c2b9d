"""The console's people: accounts and roles, passwords, sessions, lockout and the audit.

- Passwords are argon2id hashes; a wrong one counts against the account, and
  ``max_failures`` in a row lock it for ``lockout_s`` (a right password while
  locked is refused too, so a guesser learns nothing).
- A session is a random token in an HttpOnly cookie, kept here only as its
  SHA-256, with its own CSRF token; it ends at logout, on a password change,
  after ``idle`` without use or at its ``expires_at``. An ended session's
  cookie opens nothing.
- ``audit`` appends one row to ``console_audit`` per change and per view of a
  member's personal data (the table refuses UPDATE and DELETE in PostgreSQL).
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, select, update
from sqlalchemy import insert as sa_insert

from pos_member.headoffice import models as m
from pos_member.headoffice.validate import EventRefused

TESTED_IN = "tests/headoffice/console/test_console_auth.py"

_HASHER = PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1)
USERNAME_RE = re.compile(r"^[a-z0-9_.-]{3,32}$")
MIN_PASSWORD = 10


class Role(StrEnum):
    ADMIN = "admin"
    MARKETING = "marketing"
    FINANCE = "finance"
    SERVICE = "customer_service"
    IT = "it"
    STORE_MANAGER = "store_manager"


class Can(StrEnum):
    """What a page or an action needs."""

    DASHBOARD = "dashboard"
    MEMBERS = "members"
    CARDS = "cards"  # block / unblock
    REVIEW = "review"
    RESOLVE = "resolve"
    TERMINALS = "terminals"
    PROGRAMME = "programme"
    PUBLISH = "publish"
    ACCOUNTS = "accounts"
    ADJUST = "adjust"  # ask for a points / stored-value adjustment
    APPROVE = "approve"  # approve someone else's adjustment above the threshold
    CAMPAIGNS = "campaigns"  # marketing messages to a segment of members


_ALL = frozenset(Can)
GRANTS: dict[Role, frozenset[Can]] = {
    Role.ADMIN: _ALL,
    Role.MARKETING: frozenset(
        {Can.DASHBOARD, Can.MEMBERS, Can.PROGRAMME, Can.PUBLISH, Can.CAMPAIGNS}
    ),
    Role.FINANCE: frozenset(
        {
            Can.DASHBOARD,
            Can.MEMBERS,
            Can.REVIEW,
            Can.RESOLVE,
            Can.PROGRAMME,
            Can.ADJUST,
            Can.APPROVE,
        }
    ),
    Role.SERVICE: frozenset({Can.MEMBERS, Can.CARDS, Can.REVIEW, Can.RESOLVE, Can.ADJUST}),
    Role.IT: frozenset({Can.TERMINALS}),
    Role.STORE_MANAGER: frozenset({Can.DASHBOARD, Can.MEMBERS, Can.CARDS, Can.REVIEW}),
}

#: How much of a member's personal data a role sees: ``full`` (customer service and
#: admin: whole phone and name), ``partial`` (store manager: phone 138****1234),
#: ``minimal`` (marketing and finance: last four digits, surname only).
DISCLOSURE: dict[Role, str] = {
    Role.ADMIN: "full",
    Role.SERVICE: "full",
    Role.STORE_MANAGER: "partial",
    Role.MARKETING: "minimal",
    Role.FINANCE: "minimal",
    Role.IT: "minimal",
}


@dataclass(frozen=True, slots=True)
class Person:
    """The signed-in account, as a request sees it."""

    id: int
    username: str
    name: str
    role: Role
    stores: tuple[str, ...]
    csrf: str
    session_hash: str

    def can(self, what: Can) -> bool:
        return what in GRANTS[self.role]

    @property
    def scoped(self) -> bool:
        """A store manager sees only their stores."""
        return self.role is Role.STORE_MANAGER

    @property
    def store_scope(self) -> list[str] | None:
        return list(self.stores) if self.scoped else None

    @property
    def disclosure(self) -> str:
        return DISCLOSURE[self.role]


class LoginRefused(Exception):
    """``reason``: ``bad`` (unknown user or wrong password: not told apart) or ``locked``."""

    def __init__(self, reason: str, until: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.until = until


def mask_phone(phone: str | None, disclosure: str) -> str:
    if not phone:
        return ""
    if disclosure == "full":
        return phone
    if disclosure == "partial" and len(phone) >= 7:
        return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]
    return "*" * max(len(phone) - 4, 0) + phone[-4:]


def mask_name(name: str, disclosure: str) -> str:
    if disclosure == "full" or not name:
        return name
    if disclosure == "partial":
        return name[0] + "*" * (len(name) - 1) if len(name) > 1 else name
    return name[0] + "**"


_DIGITS = re.compile(r"\d{5,}")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]{2,}")


def mask_query(q: str) -> str:
    """What the audit keeps of a typed search (issue 18): a run of 5 or more digits (a
    phone, a card number) keeps its last 4 only, a Chinese name its first character;
    other text (a tier, a formula someone typed) stays as typed."""
    q = _DIGITS.sub(lambda m: "*" * (len(m.group()) - 4) + m.group()[-4:], q)
    return _HAN.sub(lambda m: m.group()[0] + "*" * (len(m.group()) - 1), q)


def _now() -> datetime:
    return datetime.now(UTC)


def _iso(t: datetime) -> str:
    return t.isoformat(timespec="milliseconds")


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def password_problem(password: str) -> str | None:
    """A message key when ``password`` is too weak, else None."""
    if len(password) < MIN_PASSWORD:
        return "password.short"
    if password.isdigit() or password.isalpha():
        return "password.mixed"
    return None


def audit(
    conn: Connection,
    who: Person | None,
    action: str,
    subject: str | None,
    detail: dict[str, Any] | None = None,
    *,
    client: str | None = None,
    username: str | None = None,
) -> None:
    """Append one audit row (in the caller's transaction, with the change it records)."""
    conn.execute(
        sa_insert(m.ConsoleAudit).values(
            at=_iso(_now()),
            account_id=who.id if who else None,
            username=(who.username if who else username or "-")[:32],
            action=action,
            subject=None if subject is None else str(subject)[:64],
            detail=detail or {},
            client=(client or "")[:64] or None,
        )
    )


def create_account(
    conn: Connection,
    username: str,
    name: str,
    role: Role,
    password: str,
    stores: list[str] | None = None,
    *,
    by: Person | None = None,
    client: str | None = None,
) -> int:
    """A new account (422 if the name, password or stores do not do; 409 if taken)."""
    if not USERNAME_RE.match(username):
        raise EventRefused(422, "account.username", "username: 3-32 of a-z 0-9 _ . -")
    problem = password_problem(password)
    if problem:
        raise EventRefused(422, problem, "password too weak")
    stores = sorted(set(stores or []))
    if role is Role.STORE_MANAGER and not stores:
        raise EventRefused(422, "account.stores", "a store manager needs at least one store")
    known = {s for (s,) in conn.execute(select(m.StoreRow.id))}
    if set(stores) - known:
        raise EventRefused(422, "account.stores", "unknown store")
    if conn.execute(
        select(m.ConsoleAccount.id).where(m.ConsoleAccount.username == username)
    ).first():
        raise EventRefused(409, "account.taken", f"account {username} exists")
    now = _iso(_now())
    new_id = conn.execute(
        sa_insert(m.ConsoleAccount)
        .values(
            username=username,
            name=name[:64] or username,
            role=role.value,
            stores=stores,
            password_hash=_HASHER.hash(password),
            active=True,
            failed_logins=0,
            created_at=now,
            password_changed_at=now,
        )
        .returning(m.ConsoleAccount.id)
    ).scalar_one()
    audit(
        conn, by, "account.create", username, {"role": role.value, "stores": stores},
        client=client, username="cli",
    )  # fmt: skip
    return int(new_id)


def list_accounts(conn: Connection) -> list[Any]:
    return list(conn.execute(select(m.ConsoleAccount).order_by(m.ConsoleAccount.username)).all())


def login(
    conn: Connection,
    username: str,
    password: str,
    *,
    max_failures: int,
    lockout_s: float,
    session_hours: float,
    client: str | None,
) -> str:
    """The new session's cookie token for a right password, or LoginRefused.

    The failure count and the lockout are written even when the login is refused
    (the caller commits either way); both outcomes are audited.
    """
    now = _now()
    row = conn.execute(
        select(m.ConsoleAccount).where(m.ConsoleAccount.username == username[:32]).with_for_update()
    ).first()
    if row is None or not row.active:
        _HASHER.hash("x" * MIN_PASSWORD)  # about the time a verify takes: no user oracle
        audit(conn, None, "login.refused", username[:32], {"why": "unknown"}, client=client,
              username=username[:32])  # fmt: skip
        raise LoginRefused("bad")
    if row.locked_until and datetime.fromisoformat(row.locked_until) > now:
        audit(conn, None, "login.refused", username, {"why": "locked"}, client=client,
              username=username)  # fmt: skip
        raise LoginRefused("locked", row.locked_until)
    try:
        _HASHER.verify(row.password_hash, password)
    except (VerificationError, InvalidHashError):
        failures = row.failed_logins + 1
        values: dict[str, Any] = {"failed_logins": failures}
        if failures >= max_failures:
            values = {"failed_logins": 0, "locked_until": _iso(now + timedelta(seconds=lockout_s))}
        conn.execute(update(m.ConsoleAccount).where(m.ConsoleAccount.id == row.id).values(**values))
        locked = "locked_until" in values
        audit(
            conn, None, "account.locked" if locked else "login.refused", username,
            {"why": "password", "failures": failures}, client=client, username=username,
        )  # fmt: skip
        if locked:
            raise LoginRefused("locked", values["locked_until"]) from None
        raise LoginRefused("bad") from None
    conn.execute(
        update(m.ConsoleAccount)
        .where(m.ConsoleAccount.id == row.id)
        .values(failed_logins=0, locked_until=None)
    )
    token = secrets.token_urlsafe(32)
    conn.execute(
        sa_insert(m.ConsoleSession).values(
            token_hash=_sha(token),
            account_id=row.id,
            csrf=secrets.token_urlsafe(32),
            created_at=_iso(now),
            expires_at=_iso(now + timedelta(hours=session_hours)),
            last_seen_at=_iso(now),
        )
    )
    audit(conn, None, "login", username, {}, client=client, username=username)
    return token


def session_person(conn: Connection, token: str | None, idle_minutes: float) -> Person | None:
    """The person behind a cookie token, or None (unknown, ended, expired or idle)."""
    if not token or len(token) > 100:
        return None
    now = _now()
    s, a = m.ConsoleSession, m.ConsoleAccount
    row = conn.execute(
        select(
            s.token_hash, s.csrf, s.expires_at, s.last_seen_at, s.ended_at,
            a.id, a.username, a.name, a.role, a.stores, a.active,
        )
        .join(a, a.id == s.account_id)
        .where(s.token_hash == _sha(token))
    ).first()  # fmt: skip
    if row is None:
        return None
    sess = acc = row
    idle_since = now - timedelta(minutes=idle_minutes)
    if (
        sess.ended_at is not None
        or datetime.fromisoformat(sess.expires_at) <= now
        or datetime.fromisoformat(sess.last_seen_at) < idle_since
        or not acc.active
    ):
        return None
    if datetime.fromisoformat(sess.last_seen_at) < now - timedelta(minutes=1):
        conn.execute(
            update(m.ConsoleSession)
            .where(m.ConsoleSession.token_hash == sess.token_hash)
            .values(last_seen_at=_iso(now))
        )
    return Person(
        id=acc.id,
        username=acc.username,
        name=acc.name,
        role=Role(acc.role),
        stores=tuple(acc.stores or ()),
        csrf=sess.csrf,
        session_hash=sess.token_hash,
    )


def logout(conn: Connection, who: Person, client: str | None) -> None:
    conn.execute(
        update(m.ConsoleSession)
        .where(m.ConsoleSession.token_hash == who.session_hash)
        .values(ended_at=_iso(_now()))
    )
    audit(conn, who, "logout", who.username, {}, client=client)


def change_password(conn: Connection, who: Person, old: str, new: str, client: str | None) -> None:
    """Change ``who``'s password (422 ``password.wrong`` / a weakness key); every other
    session of the account ends."""
    row = conn.execute(select(m.ConsoleAccount).where(m.ConsoleAccount.id == who.id)).one()
    try:
        _HASHER.verify(row.password_hash, old)
    except (VerificationError, InvalidHashError):
        raise EventRefused(422, "password.wrong", "the current password is wrong") from None
    problem = password_problem(new)
    if problem:
        raise EventRefused(422, problem, "password too weak")
    now = _iso(_now())
    conn.execute(
        update(m.ConsoleAccount)
        .where(m.ConsoleAccount.id == who.id)
        .values(password_hash=_HASHER.hash(new), password_changed_at=now)
    )
    conn.execute(
        update(m.ConsoleSession)
        .where(
            m.ConsoleSession.account_id == who.id,
            m.ConsoleSession.token_hash != who.session_hash,
            m.ConsoleSession.ended_at.is_(None),
        )
        .values(ended_at=now)
    )
    audit(conn, who, "password.change", who.username, {}, client=client)


def csrf_ok(who: Person, sent: str | None) -> bool:
    """Whether ``sent`` is the session's CSRF token (compared in constant time, as bytes:
    a client may send any text)."""
    return bool(sent) and secrets.compare_digest(who.csrf.encode(), (sent or "").encode())


def set_active(
    conn: Connection, who: Person, account_id: int, active: bool, client: str | None
) -> None:
    """Switch an account on or off (off ends its sessions); also clears a lockout.
    One cannot switch oneself off (422)."""
    if account_id == who.id and not active:
        raise EventRefused(422, "account.self", "you cannot switch off your own account")
    row = conn.execute(
        select(m.ConsoleAccount.username).where(m.ConsoleAccount.id == account_id)
    ).first()
    if row is None:
        raise EventRefused(404, "account.unknown", f"no account {account_id}")
    conn.execute(
        update(m.ConsoleAccount)
        .where(m.ConsoleAccount.id == account_id)
        .values(active=active, failed_logins=0, locked_until=None)
    )
    if not active:
        conn.execute(
            update(m.ConsoleSession)
            .where(m.ConsoleSession.account_id == account_id, m.ConsoleSession.ended_at.is_(None))
            .values(ended_at=_iso(_now()))
        )
    audit(conn, who, "account.on" if active else "account.off", row.username, client=client)


def audit_tail(conn: Connection, action: str | None, limit: int = 100) -> list[Any]:
    """The newest audit rows (of one action when given)."""
    q = select(m.ConsoleAudit).order_by(m.ConsoleAudit.id.desc()).limit(limit)
    if action:
        q = q.where(m.ConsoleAudit.action == action)
    return list(conn.execute(q).all())
