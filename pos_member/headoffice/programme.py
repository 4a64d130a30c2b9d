"""Publishing the programme: rules versions (each with the days it applies, never
overlapping another, never already over) and coupons. Every change is announced
in the change feed so that the tills pull it."""

from __future__ import annotations

import logging
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, func, select
from sqlalchemy import insert as sa_insert

from pos_member.domain.promotions import STORE_TZ
from pos_member.domain.rules import ProgrammeRules, VersionWindow, in_force
from pos_member.headoffice import models as m
from pos_member.headoffice.auth import utcnow
from pos_member.headoffice.changes import touch
from pos_member.headoffice.validate import EventRefused
from pos_member.wire.schemas import Entity

log = logging.getLogger(__name__)


def _already_over(window: VersionWindow) -> str | None:
    """A version whose last day has passed (in the chain's time zone) would never be used."""
    today = datetime.now(ZoneInfo(STORE_TZ)).date()
    if window.until is not None and window.until < today:
        return f"the version ends on {window.until}, which has passed: no till would use it"
    return None


def _published_windows(conn: Connection) -> list[VersionWindow]:
    """The windows of the versions published so far (a row older than the date checks,
    with a date that does not parse, has no say)."""
    out = []
    for v, since, until in conn.execute(
        select(m.RulesRow.version, m.RulesRow.effective_from, m.RulesRow.effective_until)
    ):
        try:
            out.append(VersionWindow.parse(v, since, until))
        except ValueError:
            log.warning("programme rules version %s has an unreadable window", v)
    return out


def latest_rules(conn: Connection) -> dict[str, Any]:
    """The latest version published, with its window and document (404 if none)."""
    row = conn.execute(select(m.RulesRow).order_by(m.RulesRow.version.desc()).limit(1)).first()
    if row is None:
        raise EventRefused(404, "rules.missing", "no rules published yet")
    return {
        "version": row.version,
        "effective_from": row.effective_from,
        "effective_until": row.effective_until,
        "document": row.document,
    }


def publish_rules(
    conn: Connection, document: dict[str, Any], effective_from: str, effective_until: str | None
) -> int:
    """Publish ``document`` as the next version for its window; the new version number.

    Refused (422) when the document does not hold together, the window does not parse,
    overlaps a published version or is already over.
    """
    latest = conn.execute(select(func.max(m.RulesRow.version))).scalar_one() or 0
    try:
        rules = ProgrammeRules.from_dict({**document, "version": latest + 1})
    except (KeyError, ValueError, TypeError, ArithmeticError) as exc:
        raise EventRefused(422, "rules.invalid", f"rules document: {exc}") from None
    published = _published_windows(conn)
    try:
        window = VersionWindow.parse(rules.version, effective_from, effective_until)
    except ValueError as exc:
        raise EventRefused(422, "rules.window", str(exc)) from None
    problem = window.conflict(published) or _already_over(window)
    if problem:
        raise EventRefused(422, "rules.window", problem)
    conn.execute(
        sa_insert(m.RulesRow).values(
            version=rules.version,
            effective_from=effective_from,
            effective_until=effective_until,
            document=rules.to_dict(),
            created_at=utcnow(),
        )
    )
    touch(conn, Entity.RULES, [rules.version])
    return rules.version


def create_coupon(conn: Connection, coupon: dict[str, Any]) -> None:
    """Add ``coupon`` (the columns of ``coupons``): 409 if its code exists, 404 for an
    unknown member, 422 if it ends before it starts, if a cap is set on a coupon that
    is not percent-off, or if its scope names a SKU, category or brand twice."""
    code = coupon["code"]
    if conn.execute(select(m.CouponRow.id).where(m.CouponRow.code == code)).first():
        raise EventRefused(409, "coupon.exists", f"coupon {code} already exists")
    member_id = coupon.get("member_id")
    if (
        member_id is not None
        and conn.execute(select(m.MemberRow.id).where(m.MemberRow.id == member_id)).first() is None
    ):
        raise EventRefused(404, "member.unknown", f"no member {member_id}")
    if coupon["valid_until"] < coupon["valid_from"]:
        raise EventRefused(422, "coupon.dates", "valid_until is before valid_from")
    if coupon.get("cap_fen") and coupon["kind"] != "percent_off":
        raise EventRefused(
            422, "coupon.cap",
            "only a percent-off coupon takes a cap (an amount-off coupon's value is its cap):"
            " set cap_fen to 0 or make the coupon percent_off",
        )  # fmt: skip
    for key, names in (coupon.get("scope") or {}).items():
        if len(set(names)) != len(names):
            raise EventRefused(
                422, "coupon.scope", f"the coupon's {key} list one twice: list each once"
            )  # fmt: skip
    conn.execute(sa_insert(m.CouponRow).values(**coupon))
    touch(conn, Entity.COUPON, [code])


def rules_versions(conn: Connection) -> list[dict[str, Any]]:
    """Every published version, newest first, with its window and document."""
    return [
        {
            "version": r.version,
            "effective_from": r.effective_from,
            "effective_until": r.effective_until,
            "created_at": r.created_at,
            "document": r.document,
        }
        for r in conn.execute(select(m.RulesRow).order_by(m.RulesRow.version.desc()))
    ]


def live_version(versions: list[dict[str, Any]], today: str) -> dict[str, Any] | None:
    """Of ``versions``, the one in force on ``today`` (as the tills read it: the highest
    whose window holds the day)."""
    windows = [VersionWindow.parse(v["version"], v["effective_from"], v["effective_until"])
               for v in versions]  # fmt: skip
    number = in_force(windows, date.fromisoformat(today))
    return next((v for v in versions if v["version"] == number), None)


def chain_today() -> str:
    """Today's business date in the chain's time zone."""
    return datetime.now(ZoneInfo(STORE_TZ)).date().isoformat()
