"""Members' personal information under the PIPL, at head office.

- **Consent records** (``member_consent_log``, append-only): one row per consent
  given or withdrawn, per purpose (``PURPOSES``), with its wording's version, the
  channel it came by and who took it. The newest row of a purpose is the member's
  standing. Marketing needs its own consent, and a child under 14 also a guardian's;
  a withdrawal cancels the marketing messages not yet sent (``notify.send_due`` asks
  ``marketing_allowed`` again before each one).
- **The data package** (``data_package``): every row of every table with a
  ``member_id`` (found from the schema, so a new table is not forgotten), the sale
  lines of their sales, the events tills pushed about them, their consents and who
  looked at their record; as JSON or a PDF (``package_pdf``).
- **Closing a membership** (``close_membership``): refused while stored value is left
  (请先退卡). Without a retention period the personal fields are anonymised for good
  (``erased``); the ledgers and sales stay under the member id. Where a law keeps
  the prepaid records (real-name buyer records ≥ 5 years; a prepaid contract's
  records until 2 years after it ends) the member is ``restricted``: hidden from
  search, from the console's and API's views and from the tills, only the name and
  those records kept, until ``retain_until``; ``run_retention`` erases them then.
  Either way the member is touched in the change feed, which tells every till.
- **Access audit** (``access_log``): who viewed, exported or changed the member, from
  ``console_audit`` (the console) and ``admin_log`` (the managers' API); both refuse
  UPDATE and DELETE in PostgreSQL.
"""

from __future__ import annotations

import base64
import io
import json
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, Table, delete, or_, select, text, update
from sqlalchemy import insert as sa_insert

from pos_member.headoffice import models as m
from pos_member.headoffice.changes import touch_many
from pos_member.headoffice.validate import EventRefused
from pos_member.wire.schemas import Entity

TESTED_IN = "tests/headoffice/test_privacy.py"

PURPOSES = ("membership", "marketing", "sensitive", "guardian", "balance_sms")
CHANNELS = ("till", "console", "member_page", "api")
ERASED = "erased"
RESTRICTED = "restricted"
CLOSED = (ERASED, RESTRICTED)
#: Below this age a member's data needs a guardian's consent (PIPL Art. 31).
GUARDIAN_AGE = 14
#: 单用途商业预付卡管理办法: real-name (buyer) records kept at least 5 years.
REAL_NAME_YEARS = 5
#: Prepaid contract records: until 2 years after the contract ends.
CONTRACT_YEARS = 2
#: Event kinds whose payload carries a real-name or bank record (kept for the law).
REAL_NAME_KINDS = ("recharge.completed", "card.closed", "recharge.reversed")
REAL_NAME_FIELDS = ("buyer", "holder", "bank_transfer")
#: Event kinds whose payload carries the member's own personal fields.
PERSONAL_KINDS = ("member.registered", "member.updated", "member.pay_pin_set")
PERSONAL_FIELDS = ("name", "phone", "birthday", "gender", "pay_pin_hash")
#: Columns never exported (secrets of the member's own sign-in and PIN).
SECRET_COLUMNS = {
    "members": {"pay_pin_hash"},
    "member_sessions": {"token_hash", "csrf"},
    "member_sms_codes": {"code_hash"},
}


def _iso(t: datetime) -> str:
    return t.astimezone(UTC).isoformat(timespec="milliseconds")


def _add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def member_row(conn: Connection, member_id: int) -> Any:
    row = conn.execute(select(m.MemberRow).where(m.MemberRow.id == member_id)).first()
    if row is None:
        raise EventRefused(404, "member.unknown", f"no member {member_id}")
    return row


def note(
    conn: Connection, action: str, member_id: int, detail: dict[str, Any], now: datetime
) -> None:
    """One row of the API's append-only audit (``admin_log``) about a member."""
    conn.execute(
        sa_insert(m.AdminNote).values(
            at=_iso(now), action=action[:48], subject=str(member_id), detail=detail
        )
    )


# --- consent ------------------------------------------------------------------------------


def age_on(birthday: str | None, today: date) -> int | None:
    if not birthday:
        return None
    try:
        b = date.fromisoformat(birthday)
    except ValueError:
        return None
    return today.year - b.year - ((today.month, today.day) < (b.month, b.day))


def consent_history(conn: Connection, member_id: int) -> list[dict[str, Any]]:
    """Every consent row of the member, oldest first."""
    c = m.MemberConsentLog
    rows = conn.execute(
        select(c.id, c.purpose, c.granted, c.version, c.at, c.channel, c.taken_by, c.detail)
        .where(c.member_id == member_id)
        .order_by(c.id)
    ).all()
    return [dict(r._mapping) for r in rows]


def consent_state(conn: Connection, member_id: int) -> dict[str, dict[str, Any] | None]:
    """Each purpose's newest consent row (None: never asked)."""
    state: dict[str, dict[str, Any] | None] = dict.fromkeys(PURPOSES)
    for row in consent_history(conn, member_id):
        state[row["purpose"]] = row
    return state


def _granted(state: dict[str, dict[str, Any] | None], purpose: str) -> bool:
    row = state.get(purpose)
    return bool(row and row["granted"])


def needs_guardian(conn: Connection, member_id: int, today: date) -> bool:
    """A child under 14 whose guardian has not consented (or withdrew)."""
    row = member_row(conn, member_id)
    age = age_on(row.birthday, today)
    return (
        age is not None
        and age < GUARDIAN_AGE
        and not _granted(consent_state(conn, member_id), "guardian")
    )


def marketing_allowed(conn: Connection, member_id: int, today: date) -> bool:
    """Whether a marketing message may go to the member now: an open membership, a
    phone, marketing consent, and a guardian's consent for a child under 14."""
    row = conn.execute(
        select(m.MemberRow.phone, m.MemberRow.status, m.MemberRow.birthday, m.MemberPrefs.marketing)
        .join(m.MemberPrefs, m.MemberPrefs.member_id == m.MemberRow.id)
        .where(m.MemberRow.id == member_id)
    ).first()
    if row is None or not row.marketing or not row.phone or row.status in CLOSED:
        return False
    age = age_on(row.birthday, today)
    if age is not None and age < GUARDIAN_AGE:
        return _granted(consent_state(conn, member_id), "guardian")
    return True


def _set_prefs(conn: Connection, member_id: int, at: str, **values: bool) -> None:
    p = m.MemberPrefs
    done = conn.execute(
        update(p).where(p.member_id == member_id).values(updated_at=at, **values)
    ).rowcount
    if not done:
        base = {"marketing": False, "balance_sms": True, **values}
        conn.execute(sa_insert(p).values(member_id=member_id, updated_at=at, **base))


def _cancel_marketing(conn: Connection, member_id: int) -> int:
    n = m.NotificationRow
    return int(
        conn.execute(
            update(n)
            .where(n.member_id == member_id, n.kind == "marketing", n.state == "pending")
            .values(state="cancelled", last_error="consent withdrawn")
        ).rowcount
    )


def _log(
    conn: Connection,
    member_id: int,
    purpose: str,
    granted: bool,
    version: str,
    at: str,
    *,
    channel: str,
    taken_by: str | None,
    client: str | None,
    detail: dict[str, Any] | None = None,
) -> None:
    conn.execute(
        sa_insert(m.MemberConsentLog).values(
            member_id=member_id,
            purpose=purpose,
            granted=granted,
            version=version[:16],
            at=at,
            client=(client or "")[:64] or None,
            channel=channel,
            taken_by=(taken_by or "")[:64] or None,
            detail=detail,
        )
    )


def record_consent(
    conn: Connection,
    member_id: int,
    purpose: str,
    granted: bool,
    *,
    version: str,
    channel: str,
    taken_by: str | None,
    now: datetime,
    client: str | None = None,
    detail: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Record one consent given or withdrawn; the member's standing after it.

    Withdrawing ``membership`` closes the membership (``close_membership``: refused while
    stored value is left). Marketing for a child under 14 needs the guardian's consent
    first. A marketing withdrawal cancels the marketing messages not yet sent.
    """
    if purpose not in PURPOSES:
        raise EventRefused(422, "privacy.purpose", f"purpose is one of {', '.join(PURPOSES)}")
    if channel not in CHANNELS:
        raise EventRefused(422, "privacy.channel", f"channel is one of {', '.join(CHANNELS)}")
    if not version or len(version) > 16:
        raise EventRefused(422, "privacy.version", "give the consent text's version (1-16)")
    row = member_row(conn, member_id)
    if row.status in CLOSED:
        raise EventRefused(409, "privacy.closed", "this membership is closed")
    if purpose == "membership" and not granted:
        return close_membership(
            conn,
            member_id,
            now=now,
            taken_by=taken_by,
            channel=channel,
            client=client,
            version=version,
        )
    at = _iso(now)
    if purpose == "marketing" and granted and needs_guardian(conn, member_id, now.date()):
        raise EventRefused(
            422,
            "privacy.guardian_needed",
            "the member is under 14: record the guardian's consent first, then marketing",
        )
    _log(
        conn,
        member_id,
        purpose,
        granted,
        version,
        at,
        channel=channel,
        taken_by=taken_by,
        client=client,
        detail=detail,
    )
    if purpose in ("marketing", "balance_sms"):
        _set_prefs(conn, member_id, at, **{purpose: granted})
    if not granted and purpose in ("marketing", "guardian"):
        _cancel_marketing(conn, member_id)
    note(
        conn,
        "privacy.consent",
        member_id,
        {"purpose": purpose, "granted": granted, "channel": channel, "by": taken_by},
        now,
    )
    return {"member_id": member_id, "status": row.status, "consents": _standing(conn, member_id)}


def record_real_name_consent(conn: Connection, payload: Any, terminal: str) -> None:
    """A prepaid purchase's buyer or a 退卡's holder gave the till their separate consent
    to keeping the ID (``RealNameWire.consent_at``): the member's ``sensitive`` record."""
    record = getattr(payload, "buyer", None) or getattr(payload, "holder", None)
    member_id = getattr(payload, "member_id", None)
    if record is None or member_id is None or not getattr(record, "consent_at", None):
        return
    _log(conn, int(member_id), "sensitive", True, "prepaid", str(record.consent_at),
         channel="till", taken_by=terminal, client=None,
         detail={"agent": bool(record.agent)} if record.agent else None)  # fmt: skip


def _standing(conn: Connection, member_id: int) -> dict[str, bool | None]:
    return {
        p: (None if r is None else bool(r["granted"]))
        for p, r in consent_state(conn, member_id).items()
    }


# --- the member's events ------------------------------------------------------------------


def member_events(conn: Connection, member_id: int) -> list[Any]:
    """The events tills pushed naming the member (by the payload's ``member_id``)."""
    key: int | str
    if conn.dialect.name == "postgresql":
        # The literal key matches the expression index of migration 0018.
        where, key = "(payload ->> 'member_id') = :mid", str(member_id)
    else:
        where, key = "json_extract(payload, '$.member_id') = :mid", member_id
    return list(
        conn.execute(
            text(
                "SELECT event_id, kind, store_id, received_at, payload FROM applied_events "
                f"WHERE {where} ORDER BY received_at, event_id"
            ),
            {"mid": key},
        ).all()
    )


def _payload(raw: Any) -> dict[str, Any]:
    return dict(json.loads(raw) if isinstance(raw, str) else raw or {})


def _scrub_events(conn: Connection, member_id: int, real_names: bool) -> int:
    """Remove the member's personal fields from the payloads kept of their events (and
    the real-name records, ``real_names``); the payload hash stays, so a till's replay
    of the event is still recognised. How many payloads changed."""
    changed = 0
    for ev in member_events(conn, member_id):
        p = _payload(ev.payload)
        gone = [k for k in PERSONAL_FIELDS if ev.kind in PERSONAL_KINDS and p.get(k)]
        if real_names and ev.kind in REAL_NAME_KINDS:
            gone += [k for k in REAL_NAME_FIELDS if p.get(k)]
        if not gone:
            continue
        for k in gone:
            p[k] = None
        p["erased"] = sorted(set(gone) | set(p.get("erased") or []))
        conn.execute(
            update(m.AppliedEvent).where(m.AppliedEvent.event_id == ev.event_id).values(payload=p)
        )
        changed += 1
    return changed + _scrub_refused(conn, member_id, real_names)


def _scrub_refused(conn: Connection, member_id: int, real_names: bool) -> int:
    """The same for the refused events kept in review items (with what the till sent)."""
    r = m.ReviewItem
    fields = PERSONAL_FIELDS + (REAL_NAME_FIELDS if real_names else ())
    changed = 0
    rows = conn.execute(
        select(r.id, r.detail).where(r.member_id == member_id, r.kind == "event_refused")
    ).all()
    for row in rows:
        detail = dict(row.detail or {})
        event = dict(detail.get("event") or {})
        payload = dict(event.get("payload") or {})
        gone = [k for k in fields if payload.get(k)]
        if not gone:
            continue
        payload.update(dict.fromkeys(gone))
        event["payload"] = payload
        detail["event"] = event
        conn.execute(update(r).where(r.id == row.id).values(detail=detail))
        changed += 1
    return changed


# --- retention, closing a membership ------------------------------------------------------


def retention_until(conn: Connection, member_id: int, today: date) -> date | None:
    """The last day a law keeps the member's prepaid records, or None (no such record).

    Real-name records (a recharge's buyer, a 退卡's holder, bank transfers): their
    business date + 5 years. A prepaid contract (any stored-value entry): its end (the
    card's 退卡, else today, when the membership closes) + 2 years.
    """
    ends: list[date] = []
    for ev in member_events(conn, member_id):
        p = _payload(ev.payload)
        if ev.kind in REAL_NAME_KINDS and any(p.get(k) for k in REAL_NAME_FIELDS):
            day = p.get("business_date") or str(ev.received_at)[:10]
            ends.append(_add_years(date.fromisoformat(day), REAL_NAME_YEARS))
    has_sv = conn.execute(
        select(m.SVEntryRow.id).where(m.SVEntryRow.member_id == member_id).limit(1)
    ).first()
    if has_sv is not None:
        row = member_row(conn, member_id)
        closed = date.fromisoformat(row.sv_closed_on) if row.sv_closed_on else today
        ends.append(_add_years(min(closed, today), CONTRACT_YEARS))
    return max(ends) if ends else None


def _scrub_member(conn: Connection, row: Any, now: datetime, *, keep_name: bool) -> None:
    """Everything personal but the name (``keep_name``) goes: phone, birthday, gender,
    PIN, phone keys, sign-in sessions and codes, message choices, queued messages."""
    mid, at = row.id, _iso(now)
    if row.phone:
        conn.execute(delete(m.MemberSmsCode).where(m.MemberSmsCode.phone == row.phone))
    conn.execute(delete(m.MemberSession).where(m.MemberSession.member_id == mid))
    keys = [
        k
        for (k,) in conn.execute(
            select(m.MemberDeviceKey.id).where(m.MemberDeviceKey.member_id == mid)
        )
    ]
    if keys:
        k = m.MemberDeviceKey
        conn.execute(
            update(k)
            .where(k.member_id == mid, k.revoked_at.is_(None))
            .values(revoked_at=at, revoke_reason="membership closed")
        )
        conn.execute(update(k).where(k.member_id == mid).values(label=""))
    n = m.NotificationRow
    conn.execute(
        update(n)
        .where(n.member_id == mid, n.state == "pending")
        .values(state="cancelled", last_error="membership closed")
    )
    conn.execute(update(n).where(n.member_id == mid).values(phone=""))
    _set_prefs(conn, mid, at, marketing=False, balance_sms=False)
    values: dict[str, Any] = {
        "phone": None,
        "birthday": None,
        "gender": None,
        "pay_pin_hash": None,
        "pay_pin_locked_until": None,
        "updated_at": at,
    }
    if not keep_name:
        values["name"] = ""
    conn.execute(update(m.MemberRow).where(m.MemberRow.id == mid).values(**values))
    touch_many(conn, {Entity.MEMBER: [mid], Entity.DEVICE_KEY: keys})


def _open_overdraft(conn: Connection, member_id: int) -> int | None:
    """How far below zero the member's open ``overdraft`` review items say they are
    (fen); None when there is none open."""
    amounts = list(
        conn.execute(
            select(m.ReviewItem.amount).where(
                m.ReviewItem.member_id == member_id,
                m.ReviewItem.kind == "overdraft",
                m.ReviewItem.resolved_at.is_(None),
            )
        ).scalars()
    )
    return max(abs(a or 0) for a in amounts) if amounts else None


def close_membership(
    conn: Connection,
    member_id: int,
    *,
    now: datetime,
    taken_by: str | None,
    channel: str,
    client: str | None = None,
    version: str = "close",
) -> dict[str, Any]:
    """Close the membership: ``erased`` at once, or ``restricted`` until a retention
    period ends (see the module's docstring). Refused while stored value is left."""
    row = member_row(conn, member_id)
    if row.status in CLOSED:
        raise EventRefused(409, "privacy.closed", "this membership is closed already")
    left = row.sv_principal_fen + row.sv_bonus_fen
    if left > 0:
        raise EventRefused(
            409,
            "privacy.refund_first",
            f"请先退卡: ¥{left // 100}.{left % 100:02d} of stored value is left on the "
            "membership; close the card and refund it (退卡) first, then close the membership",
        )
    owed = _open_overdraft(conn, member_id)
    if left < 0 or owed is not None:
        # A balance below zero is money the member owes the store (an offline spend at
        # two tills): closing would erase whom the books say owes it.
        due = max(-left, owed or 0)
        raise EventRefused(
            409,
            "privacy.overdraft_open",
            f"请先结清透支: the membership is ¥{due // 100}.{due % 100:02d} below zero (an "
            "overdraft in the review queue); the member pays it at a store's counter (a "
            "recharge pays the debt first) or a manager resolves the review item, then close "
            "the membership",
        )
    today = now.date()
    until = retention_until(conn, member_id, today)
    at = _iso(now)
    state = consent_state(conn, member_id)
    for purpose in ("membership", "marketing", "sensitive"):
        if purpose == "membership" or _granted(state, purpose):
            _log(
                conn,
                member_id,
                purpose,
                False,
                version,
                at,
                channel=channel,
                taken_by=taken_by,
                client=client,
            )
    restricted = until is not None and until > today
    _scrub_member(conn, row, now, keep_name=restricted)
    _scrub_events(conn, member_id, real_names=not restricted)
    status = RESTRICTED if restricted else ERASED
    conn.execute(
        update(m.MemberRow)
        .where(m.MemberRow.id == member_id)
        .values(
            status=status,
            restricted_at=at if restricted else None,
            retain_until=until.isoformat() if restricted and until else None,
            erased_at=None if restricted else at,
        )
    )
    result = {
        "member_id": member_id,
        "status": status,
        "retain_until": until.isoformat() if restricted and until else None,
    }
    note(conn, "privacy.closed", member_id, {**result, "by": taken_by, "channel": channel}, now)
    return result


def _erase_now(conn: Connection, row: Any, now: datetime) -> None:
    _scrub_member(conn, row, now, keep_name=False)
    _scrub_events(conn, row.id, real_names=True)
    conn.execute(
        update(m.MemberRow)
        .where(m.MemberRow.id == row.id)
        .values(status=ERASED, erased_at=row.erased_at or _iso(now), retain_until=None)
    )


def run_retention(conn: Connection, today: date, now: datetime) -> dict[str, int]:
    """The retention job: restricted members whose ``retain_until`` has passed are
    erased; erased members whose personal fields came back (an offline till's late
    event) are scrubbed again. Counts of each."""
    mr = m.MemberRow
    due = conn.execute(
        select(mr).where(mr.status == RESTRICTED, mr.retain_until < today.isoformat())
    ).all()
    for row in due:
        _erase_now(conn, row, now)
        note(conn, "privacy.retention_erased", row.id, {"retain_until": row.retain_until}, now)
    again = conn.execute(
        select(mr).where(
            mr.status == ERASED,
            or_(
                mr.name != "",
                mr.phone.is_not(None),
                mr.birthday.is_not(None),
                mr.gender.is_not(None),
                mr.pay_pin_hash.is_not(None),
            ),
        )
    ).all()
    for row in again:
        _erase_now(conn, row, now)
    # A restricted member's personal fields that came back (the name stays).
    back = conn.execute(
        select(mr).where(
            mr.status == RESTRICTED,
            or_(
                mr.phone.is_not(None),
                mr.birthday.is_not(None),
                mr.gender.is_not(None),
                mr.pay_pin_hash.is_not(None),
            ),
        )
    ).all()
    for row in back:
        _scrub_member(conn, row, now, keep_name=True)
        _scrub_events(conn, row.id, real_names=False)
    late = _late_events(conn)
    for mid, status in late:
        _scrub_events(conn, mid, real_names=status == ERASED)
    return {"erased": len(due), "scrubbed": len(again) + len(back) + len(late)}


def _late_events(conn: Connection) -> list[tuple[int, str]]:
    """Closed members with an event whose personal fields were never removed (a till
    that was offline pushed it after the closure)."""
    if conn.dialect.name == "postgresql":
        on, unscrubbed = (
            "(e.payload ->> 'member_id') = CAST(m.id AS text)",
            "e.payload ->> 'erased'",
        )
    else:
        on, unscrubbed = (
            "json_extract(e.payload, '$.member_id') = m.id",
            ("json_extract(e.payload, '$.erased')"),
        )
    personal = ", ".join(f"'{k}'" for k in PERSONAL_KINDS)
    real = ", ".join(f"'{k}'" for k in REAL_NAME_KINDS)
    rows = conn.execute(
        text(
            f"SELECT DISTINCT m.id, m.status FROM members m JOIN applied_events e ON {on} "
            f"WHERE {unscrubbed} IS NULL AND (e.kind IN ({personal}) "
            f"AND m.status IN ('erased', 'restricted') OR e.kind IN ({real}) "
            "AND m.status = 'erased')"
        )
    ).all()
    return [(int(r.id), str(r.status)) for r in rows]


def is_closed(conn: Connection, member_id: int) -> bool:
    status = conn.execute(
        select(m.MemberRow.status).where(m.MemberRow.id == member_id)
    ).scalar_one_or_none()
    return status in CLOSED


# --- the data package ---------------------------------------------------------------------


def member_tables() -> list[Table]:
    """Every table of head office's schema with a ``member_id`` column or a foreign
    key to ``members`` (``members`` itself apart)."""
    out = []
    for table in m.HQBase.metadata.sorted_tables:
        if table.name == "members":
            continue
        fk = any(fk.column.table.name == "members" for fk in table.foreign_keys)
        if fk or "member_id" in table.c:
            out.append(table)
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode()
    return value


def _rows(conn: Connection, table: Table, where: Any) -> list[dict[str, Any]]:
    hidden = SECRET_COLUMNS.get(table.name, set())
    cols = [c for c in table.c if c.name not in hidden]
    order = list(table.primary_key.columns)
    rows = conn.execute(select(*cols).where(where).order_by(*order)).all()
    return [{k: _plain(v) for k, v in r._mapping.items()} for r in rows]


def access_log(conn: Connection, member_id: int, limit: int = 500) -> list[dict[str, Any]]:
    """Who viewed, exported or changed the member's record: the console's audit and the
    managers' API's, newest first."""
    ca, an = m.ConsoleAudit, m.AdminNote
    subject = str(member_id)
    console = conn.execute(
        select(ca.at, ca.username, ca.action, ca.client, ca.detail)
        .where(ca.subject == subject, or_(ca.action.like("member.%"), ca.action.like("privacy.%")))
        .order_by(ca.id.desc())
        .limit(limit)
    ).all()
    api = conn.execute(
        select(an.at, an.action, an.detail)
        .where(an.subject == subject, or_(an.action.like("member.%"), an.action.like("privacy.%")))
        .order_by(an.id.desc())
        .limit(limit)
    ).all()
    out = [
        {"at": r.at, "via": "console", "who": r.username, "action": r.action, "client": r.client}
        for r in console
    ] + [
        {
            "at": r.at,
            "via": "api",
            "who": (r.detail or {}).get("by") or "api",
            "action": r.action,
            "client": None,
        }
        for r in api
    ]
    out.sort(key=lambda r: str(r["at"]), reverse=True)
    return out[:limit]


def data_package(conn: Connection, member_id: int, now: datetime) -> dict[str, Any]:
    """Everything head office holds about the member (PIPL Art. 45)."""
    row = member_row(conn, member_id)
    members = m.MemberRow.__table__
    assert isinstance(members, Table)
    tables: dict[str, list[dict[str, Any]]] = {}
    for table in member_tables():
        tables[table.name] = _rows(conn, table, table.c.member_id == member_id)
    sale_ids = [s["id"] for s in tables.get("sales", [])]
    lines = m.SaleLineRow.__table__
    assert isinstance(lines, Table)
    tables["sale_lines"] = _rows(conn, lines, lines.c.sale_id.in_(sale_ids)) if sale_ids else []
    if row.phone:
        codes = m.MemberSmsCode.__table__
        assert isinstance(codes, Table)
        tables["member_sms_codes"] = _rows(conn, codes, codes.c.phone == row.phone)
    events = [
        {
            "event_id": e.event_id,
            "kind": e.kind,
            "store_id": e.store_id,
            "received_at": e.received_at,
            "payload": _payload(e.payload),
        }
        for e in member_events(conn, member_id)
    ]
    return {
        "generated_at": _iso(now),
        "member_id": member_id,
        "member": _rows(conn, members, members.c.id == member_id)[0],
        "consents": _standing(conn, member_id),
        "tables": tables,
        "events": events,
        "access": access_log(conn, member_id),
        "retention": {
            "status": row.status,
            "retain_until": row.retain_until,
            "rules": {"real_name_years": REAL_NAME_YEARS, "contract_years": CONTRACT_YEARS},
        },
    }


def export_member(
    conn: Connection, member_id: int, *, now: datetime, by: str, channel: str
) -> dict[str, Any]:
    """The data package, its request and its completion written to ``admin_log``."""
    note(conn, "privacy.export.requested", member_id, {"by": by, "channel": channel}, now)
    pkg = data_package(conn, member_id, now)
    rows = sum(len(v) for v in pkg["tables"].values())
    note(
        conn,
        "privacy.export.completed",
        member_id,
        {"by": by, "channel": channel, "tables": len(pkg["tables"]), "rows": rows},
        now,
    )
    return pkg


#: The package's sections in the PDF, in order, with their headings.
TITLES = {
    "member": "会员资料 Member profile",
    "consents": "同意记录 Consents",
    "cards": "会员卡 Cards",
    "sv_entries": "储值流水 Stored-value ledger",
    "points_entries": "积分流水 Points ledger",
    "sales": "消费与退货 Sales and refunds",
    "sale_lines": "商品明细 Sale lines",
    "coupons": "优惠券 Coupons",
    "member_consent_log": "同意与撤回 Consent history",
    "events": "收银台上传的记录 Records from the tills",
    "access": "查阅记录 Who viewed this record",
}


def package_pdf(pkg: dict[str, Any]) -> bytes:
    """The data package as a readable PDF (A4 landscape, Chinese in the built-in STSong-Light)."""
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from pos_member.reports.pdf import FONT, ensure_font

    ensure_font()
    page = landscape(A4)
    WIDTH = page[0] - 24 * mm  # noqa: N806 (the page's writable width)
    h1 = ParagraphStyle("h1", fontName=FONT, fontSize=15, leading=20)
    h2 = ParagraphStyle("h2", fontName=FONT, fontSize=11, leading=15, spaceBefore=6)
    body = ParagraphStyle("b", fontName=FONT, fontSize=7.5, leading=9.5)
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=page,
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
        title=f"个人信息副本 member {pkg['member_id']}",
    )

    def cell(v: Any) -> Paragraph:
        s = v if isinstance(v, str) else json.dumps(v, ensure_ascii=False, default=str)
        return Paragraph(escape("" if v is None else s)[:1500], body)

    def grid(rows: list[dict[str, Any]]) -> Any:
        if not rows:
            return Paragraph("（无 none）", body)
        # The member's own id is on every row: said once, in the title.
        cols = [c for c in rows[0] if c != "member_id"] or list(rows[0])

        def weight(c: str) -> int:
            longest = max(len(str(c)), *(len(str(r.get(c) or "")) for r in rows))
            return max(min(longest, 36), 6) + 2

        weights = [weight(c) for c in cols]
        widths = [WIDTH * w / sum(weights) for w in weights]
        t = Table(
            [[cell(c) for c in cols], *[[cell(r.get(c)) for c in cols] for r in rows]],
            colWidths=widths, repeatRows=1,
        )  # fmt: skip
        t.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 2),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ]
            )
        )
        return t

    story: list[Any] = [
        Paragraph(f"会员个人信息副本 Member data package {pkg['member_id']}", h1),
        Paragraph(
            escape(
                f"生成时间 generated {pkg['generated_at']}，状态 status "
                f"{pkg['retention']['status']}"
            ),
            body,
        ),
        Spacer(1, 3 * mm),
        Paragraph(TITLES["member"], h2),
        Table(
            [[cell(k), cell(v)] for k, v in pkg["member"].items()],
            colWidths=[50 * mm, 130 * mm],
            style=[("GRID", (0, 0), (-1, -1), 0.25, colors.grey)],
        ),
        Paragraph(TITLES["consents"], h2),
        grid([{"purpose": k, "granted": v} for k, v in pkg["consents"].items()]),
    ]
    names = [n for n in TITLES if n in pkg["tables"]]
    names += sorted(n for n in pkg["tables"] if n not in TITLES)
    for name in names:
        story += [Paragraph(TITLES.get(name, name), h2), grid(pkg["tables"][name])]
    story += [
        Paragraph(TITLES["events"], h2),
        grid(
            [
                {
                    "at": e["received_at"],
                    "kind": e["kind"],
                    "store": e["store_id"],
                    "payload": e["payload"],
                }
                for e in pkg["events"]
            ]
        ),
        Paragraph(TITLES["access"], h2),
        grid(pkg["access"]),
    ]
    doc.build(story)
    return buf.getvalue()
