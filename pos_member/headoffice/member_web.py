"""The member page's rules: SMS sign-in codes, member sessions, joining from a store's
poster, the payment PIN, consents, and what the page shows.

Codes are 6 digits, valid ``code_minutes``, used once, kept as an HMAC keyed by a
secret of head office (never in clear), at most ``max_attempts`` guesses each; sends
are throttled per phone (one a minute, ``per_phone_hour`` an hour) and per client
address. Sending happens inside the transaction that writes the code: a provider that
is down rolls it back, the person is told, and nothing is written or used up.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Connection, func, select, update
from sqlalchemy import insert as sa_insert

from pos_member.domain.errors import ValidationError
from pos_member.domain.pin import check_pay_pin
from pos_member.domain.rules import ProgrammeRules
from pos_member.headoffice import models as m
from pos_member.headoffice.changes import touch
from pos_member.headoffice.members import member_statement, member_view
from pos_member.headoffice.sms import AliyunSms, FileSink, Sms, SmsGateway
from pos_member.services.auth import hash_pin
from pos_member.wire.schemas import Entity

TESTED_IN = "tests/headoffice/member/test_member_web.py"

PHONE_RE = re.compile(r"^1[3-9]\d{9}$")
CODE_RE = re.compile(r"^\d{6}$")
CONSENT_VERSION = "2026-01"
MARKETING_VERSION = "2026-01"


@dataclass
class MemberWebConfig:
    """The member page's settings (built once by ``create_app``; tests pass their own)."""

    sms: SmsGateway = field(default_factory=lambda: FileSink(default_sink_path()))
    code_secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))
    code_minutes: float = 5.0
    max_attempts: int = 5
    resend_s: float = 60.0
    per_phone_hour: int = 5
    per_client_hour: int = 30
    session_days: float = 30.0
    secure_cookie: bool = False
    #: Run the notification worker inside the app (off in tests that drive it).
    notify_worker: bool = True
    notify_interval_s: float = 2.0

    @classmethod
    def from_env(cls) -> MemberWebConfig:
        """From ``POSM_MEMBER_*`` variables: ``SMS`` = ``file:<path>`` (default
        ``member_sms.jsonl`` in head office's data directory) or ``aliyun`` (with ``ALIYUN_KEY_ID``,
        ``ALIYUN_KEY_SECRET``, ``ALIYUN_SIGN_NAME``, ``ALIYUN_TEMPLATES`` as JSON),
        ``CODE_SECRET`` (hex; a fresh one per process otherwise), ``CHAIN``."""
        env = os.environ
        kind = env.get("POSM_MEMBER_SMS", f"file:{default_sink_path()}")
        gateway: SmsGateway
        if kind == "aliyun":
            gateway = AliyunSms(
                env["POSM_MEMBER_ALIYUN_KEY_ID"], env["POSM_MEMBER_ALIYUN_KEY_SECRET"],
                env["POSM_MEMBER_ALIYUN_SIGN_NAME"],
                json.loads(env.get("POSM_MEMBER_ALIYUN_TEMPLATES", "{}")),
            )  # fmt: skip
        else:
            gateway = FileSink(Path(kind.removeprefix("file:")))
        secret = env.get("POSM_MEMBER_CODE_SECRET")
        return cls(
            sms=gateway,
            code_secret=bytes.fromhex(secret) if secret else secrets.token_bytes(32),
            secure_cookie=env.get("POSM_MEMBER_SECURE_COOKIE", "") == "1",
        )


def default_sink_path() -> Path:
    """The demo's SMS file: ``member_sms.jsonl`` in head office's data directory."""
    folder = platformdirs.user_data_path("pos-member-headoffice")
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "member_sms.jsonl"


class SignInRefused(Exception):
    """Why a code was not sent or not accepted: ``reason`` names the message to show."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def now_utc() -> datetime:
    return datetime.now(UTC)


def _iso(t: datetime) -> str:
    return t.isoformat(timespec="microseconds")


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def code_hash(cfg: MemberWebConfig, phone: str, code: str) -> str:
    return hmac.new(cfg.code_secret, f"{phone}:{code}".encode(), hashlib.sha256).hexdigest()


def clean_phone(raw: str) -> str:
    phone = re.sub(r"[\s-]", "", raw or "")
    if phone.startswith("+86"):
        phone = phone[3:]
    if not PHONE_RE.match(phone):
        raise SignInRefused("phone")
    return phone


def send_code(
    conn: Connection, cfg: MemberWebConfig, phone: str, client: str | None, purpose: str,
    now: datetime, lang: str,
) -> None:  # fmt: skip
    """Throttle, write and send a new code for ``phone`` (``SignInRefused`` or
    ``SmsUnavailable`` raise out: the caller's transaction rolls back)."""
    hour = _iso(now - timedelta(hours=1))
    last = conn.execute(
        select(func.max(m.MemberSmsCode.created_at)).where(m.MemberSmsCode.phone == phone)
    ).scalar_one()
    if last is not None and last > _iso(now - timedelta(seconds=cfg.resend_s)):
        raise SignInRefused("wait")
    per_phone = conn.execute(
        select(func.count()).where(
            m.MemberSmsCode.phone == phone, m.MemberSmsCode.created_at > hour
        )
    ).scalar_one()
    per_client = conn.execute(
        select(func.count()).where(
            m.MemberSmsCode.client == client, m.MemberSmsCode.created_at > hour
        )
    ).scalar_one()
    if per_phone >= cfg.per_phone_hour or (client and per_client >= cfg.per_client_hour):
        raise SignInRefused("throttled")
    code = f"{secrets.randbelow(10**6):06d}"
    conn.execute(
        sa_insert(m.MemberSmsCode).values(
            phone=phone, code_hash=code_hash(cfg, phone, code), purpose=purpose,
            client=client, created_at=_iso(now),
            expires_at=_iso(now + timedelta(minutes=cfg.code_minutes)), attempts=0,
            used_at=None, sent=True,
        )
    )  # fmt: skip
    minutes = f"{cfg.code_minutes:g}"
    text = (
        f"您的会员验证码是{code}，{minutes}分钟内有效。请勿告诉他人。"
        if lang != "en"
        else f"Your member sign-in code is {code}, valid for {minutes} minutes. Tell no one."
    )
    cfg.sms.send(Sms(phone, "login_code", {"code": code}, text))


def check_code(
    conn: Connection, cfg: MemberWebConfig, phone: str, code: str, now: datetime
) -> None:
    """Accept ``code`` for ``phone`` once (``SignInRefused``: wrong, expired, used, none).

    A wrong guess is counted in the caller's transaction, which commits either way."""
    if not CODE_RE.match(code or ""):
        raise SignInRefused("wrong")
    row = conn.execute(
        select(m.MemberSmsCode)
        .where(m.MemberSmsCode.phone == phone)
        .order_by(m.MemberSmsCode.id.desc())
        .limit(1)
        .with_for_update()
    ).first()
    if row is None:
        raise SignInRefused("no_code")
    if row.used_at is not None:
        raise SignInRefused("used")
    if row.expires_at <= _iso(now):
        raise SignInRefused("expired")
    if row.attempts >= cfg.max_attempts:
        raise SignInRefused("too_many")
    if not hmac.compare_digest(row.code_hash, code_hash(cfg, phone, code)):
        conn.execute(
            update(m.MemberSmsCode)
            .where(m.MemberSmsCode.id == row.id)
            .values(attempts=m.MemberSmsCode.attempts + 1)
        )
        raise SignInRefused("wrong")
    conn.execute(
        update(m.MemberSmsCode).where(m.MemberSmsCode.id == row.id).values(used_at=_iso(now))
    )


def member_by_phone(conn: Connection, phone: str) -> int | None:
    return conn.execute(
        select(m.MemberRow.id).where(m.MemberRow.phone == phone, m.MemberRow.status == "active")
    ).scalar_one_or_none()


@dataclass(frozen=True, slots=True)
class MemberSessionInfo:
    member_id: int
    csrf: str
    token_hash: str


def open_session(conn: Connection, cfg: MemberWebConfig, member_id: int, now: datetime) -> str:
    token = secrets.token_urlsafe(32)
    conn.execute(
        sa_insert(m.MemberSession).values(
            token_hash=_sha(token), member_id=member_id, csrf=secrets.token_urlsafe(24),
            created_at=_iso(now), expires_at=_iso(now + timedelta(days=cfg.session_days)),
            ended_at=None,
        )
    )  # fmt: skip
    return token


def session_of(conn: Connection, token: str | None, now: datetime) -> MemberSessionInfo | None:
    if not token or len(token) > 100:
        return None
    row = conn.execute(
        select(m.MemberSession).where(m.MemberSession.token_hash == _sha(token))
    ).first()
    if row is None or row.ended_at is not None or row.expires_at <= _iso(now):
        return None
    return MemberSessionInfo(row.member_id, row.csrf, row.token_hash)


def end_session(conn: Connection, who: MemberSessionInfo, now: datetime) -> None:
    conn.execute(
        update(m.MemberSession)
        .where(m.MemberSession.token_hash == who.token_hash)
        .values(ended_at=_iso(now))
    )


def end_other_sessions(conn: Connection, who: MemberSessionInfo, now: datetime) -> None:
    conn.execute(
        update(m.MemberSession)
        .where(
            m.MemberSession.member_id == who.member_id,
            m.MemberSession.token_hash != who.token_hash,
            m.MemberSession.ended_at.is_(None),
        )
        .values(ended_at=_iso(now))
    )


# --- joining -------------------------------------------------------------------------

WEB_BLOCK = "web_members"


def _next_member_id(conn: Connection, block: int) -> int:
    """The next id of head office's own block of member ids (reserved from the same
    allocator as the tills' blocks, so no till ever numbers the same id)."""
    q = select(m.IdBlock).where(m.IdBlock.name.in_([WEB_BLOCK, WEB_BLOCK + "_end"]))
    if conn.dialect.name == "postgresql":
        q = q.with_for_update()
    rows = {r.name: r.next_base for r in conn.execute(q)}
    nxt, end = rows.get(WEB_BLOCK), rows.get(WEB_BLOCK + "_end")
    if nxt is None or end is None or nxt >= end:
        glob = conn.execute(
            select(m.IdBlock).where(m.IdBlock.name == "members").with_for_update()
        ).first()
        base = glob.next_base if glob is not None else 10_000_000_000
        if glob is None:
            conn.execute(sa_insert(m.IdBlock).values(name="members", next_base=base + block))
        else:
            conn.execute(
                update(m.IdBlock).where(m.IdBlock.name == "members").values(next_base=base + block)
            )
        for name, value in ((WEB_BLOCK, base), (WEB_BLOCK + "_end", base + block)):
            if name in rows:
                conn.execute(
                    update(m.IdBlock).where(m.IdBlock.name == name).values(next_base=value)
                )
            else:
                conn.execute(sa_insert(m.IdBlock).values(name=name, next_base=value))
        nxt = base
    conn.execute(update(m.IdBlock).where(m.IdBlock.name == WEB_BLOCK).values(next_base=nxt + 1))
    return nxt


def join(
    conn: Connection, phone: str, name: str, store_id: str, *, membership: bool,
    marketing: bool, client: str | None, now: datetime, block: int,
) -> int:  # fmt: skip
    """A new member from a store's poster: membership consent is required (PIPL: the
    purpose of the programme itself); marketing is separate and optional."""
    if not membership:
        raise SignInRefused("consent")
    name = name.strip()
    if not 1 <= len(name) <= 32:
        raise SignInRefused("name")
    if conn.execute(select(m.StoreRow.id).where(m.StoreRow.id == store_id)).first() is None:
        raise SignInRefused("store")
    if conn.execute(select(m.MemberRow.id).where(m.MemberRow.phone == phone)).first():
        raise SignInRefused("taken")
    tier = conn.execute(select(m.TierRow.code).order_by(m.TierRow.rank).limit(1)).scalar_one()
    mid = _next_member_id(conn, block)
    at = _iso(now)
    conn.execute(
        sa_insert(m.MemberRow).values(
            id=mid, name=name, phone=phone, birthday=None, tier_code=tier,
            joined_on=now.date().isoformat(), status="active", consent_at=at,
            consent_version=CONSENT_VERSION, sv_principal_fen=0, sv_bonus_fen=0, points=0,
            balance_version=0, updated_at=at,
        )
    )  # fmt: skip
    conn.execute(
        sa_insert(m.MemberPrefs).values(
            member_id=mid, marketing=marketing, balance_sms=True, updated_at=at
        )
    )
    for purpose, granted, version in (
        ("membership", True, CONSENT_VERSION),
        ("marketing", marketing, MARKETING_VERSION),
    ):
        conn.execute(
            sa_insert(m.MemberConsentLog).values(
                member_id=mid, purpose=purpose, granted=granted, version=version, at=at,
                client=client,
            )
        )  # fmt: skip
    conn.execute(
        sa_insert(m.AdminNote).values(
            at=at, action="member.joined_web", subject=str(mid), detail={"store": store_id}
        )
    )
    touch(conn, Entity.MEMBER, [mid])
    return mid


# --- the PIN and consents --------------------------------------------------------------


def set_pin(conn: Connection, member_id: int, pin: str, again: str, now: datetime) -> None:
    """Set the payment PIN: the domain's rule refuses weak ones; the argon2 hash goes
    to the tills by the change feed, as a PIN set at a till does."""
    if pin != again:
        raise SignInRefused("pin_mismatch")
    row = conn.execute(select(m.MemberRow).where(m.MemberRow.id == member_id)).one()
    birthday = date.fromisoformat(row.birthday) if row.birthday else None
    try:
        check_pay_pin(pin, birthday=birthday, phone=row.phone)
    except ValidationError as exc:
        raise SignInRefused("pin_weak:" + str(exc.params.get("problem", ""))) from None
    conn.execute(
        update(m.MemberRow)
        .where(m.MemberRow.id == member_id)
        .values(pay_pin_hash=hash_pin(pin), pay_pin_locked_until=None, updated_at=_iso(now))
    )
    conn.execute(
        sa_insert(m.AdminNote).values(
            at=_iso(now), action="member.pay_pin_web", subject=str(member_id), detail={}
        )
    )
    touch(conn, Entity.MEMBER, [member_id])


def prefs(conn: Connection, member_id: int) -> dict[str, bool]:
    row = conn.execute(select(m.MemberPrefs).where(m.MemberPrefs.member_id == member_id)).first()
    if row is None:
        return {"marketing": False, "balance_sms": True}
    return {"marketing": row.marketing, "balance_sms": row.balance_sms}


def set_prefs(
    conn: Connection, member_id: int, marketing: bool, balance_sms: bool, client: str | None,
    now: datetime,
) -> None:  # fmt: skip
    before = prefs(conn, member_id)
    at = _iso(now)
    exists = conn.execute(
        select(m.MemberPrefs.member_id).where(m.MemberPrefs.member_id == member_id)
    ).first()
    values = {"marketing": marketing, "balance_sms": balance_sms, "updated_at": at}
    if exists:
        conn.execute(
            update(m.MemberPrefs).where(m.MemberPrefs.member_id == member_id).values(**values)
        )
    else:
        conn.execute(sa_insert(m.MemberPrefs).values(member_id=member_id, **values))
    for purpose, now_on in (("marketing", marketing), ("balance_sms", balance_sms)):
        if before[purpose] != now_on:
            conn.execute(
                sa_insert(m.MemberConsentLog).values(
                    member_id=member_id, purpose=purpose, granted=now_on,
                    version=MARKETING_VERSION, at=at, client=client,
                )
            )  # fmt: skip


# --- what the page shows ------------------------------------------------------------------


def _rules(conn: Connection) -> ProgrammeRules | None:
    row = conn.execute(select(m.RulesRow).order_by(m.RulesRow.version.desc()).limit(1)).first()
    return ProgrammeRules.from_dict(row.document) if row is not None else None


def points_expiry(conn: Connection, member_id: int, balance: int, rules: ProgrammeRules | None
                  ) -> list[dict[str, Any]]:  # fmt: skip
    """The member's points by the day they expire: the balance taken from the newest
    earnings back (points spent and expired go first-in, first-out)."""
    if rules is None or balance <= 0:
        return []
    earned = conn.execute(
        select(m.PointsEntryRow.created_at, m.PointsEntryRow.delta)
        .where(m.PointsEntryRow.member_id == member_id, m.PointsEntryRow.delta > 0)
        .order_by(m.PointsEntryRow.created_at.desc())
    ).all()
    left = balance
    by_day: dict[str, int] = {}
    for at, delta in earned:
        if left <= 0:
            break
        take = min(left, int(delta))
        left -= take
        until = rules.expiry.expires_on(date.fromisoformat(str(at)[:10]))
        key = until.isoformat() if until else ""
        by_day[key] = by_day.get(key, 0) + take
    if left > 0:
        by_day[""] = by_day.get("", 0) + left
    return [{"until": k, "points": v} for k, v in sorted(by_day.items(), key=lambda x: x[0] or "~")]


def tier_progress(
    conn: Connection, member_id: int, tier_code: str, rules: ProgrammeRules | None, today: date
) -> dict[str, Any]:
    names = {t.code: t.name for t in conn.execute(select(m.TierRow)).all()}
    out: dict[str, Any] = {"code": tier_code, "name": names.get(tier_code, tier_code),
                           "next": None, "spend_fen": 0, "need_fen": 0}  # fmt: skip
    if rules is None:
        return out
    since = (today - timedelta(days=rules.tier_policy.window_days)).isoformat()
    spend = conn.execute(
        select(func.coalesce(func.sum(m.SaleRow.total_fen), 0)).where(
            m.SaleRow.member_id == member_id, m.SaleRow.business_date >= since
        )
    ).scalar_one()
    out["spend_fen"] = int(spend)
    tiers = sorted(rules.tiers, key=lambda t: t.rank)
    rank = next((t.rank for t in tiers if t.code == tier_code), 0)
    above = [t for t in tiers if t.rank > rank]
    if above:
        nxt = above[0]
        out["next"] = names.get(nxt.code, nxt.name)
        out["need_fen"] = max(0, nxt.upgrade_spend.fen - int(spend))
        out["target_fen"] = nxt.upgrade_spend.fen
        out["percent"] = (
            min(100, int(spend) * 100 // nxt.upgrade_spend.fen) if nxt.upgrade_spend.fen else 100
        )
    return out


def count_cards(
    conn: Connection, member_id: int, rules: ProgrammeRules | None
) -> list[dict[str, Any]]:
    """Count cards bought (sale lines of a count-card product) and uses left, by plan."""
    if rules is None or not rules.count_cards:
        return []
    plans = {p.code: p for p in rules.count_cards}
    rows = conn.execute(
        select(m.ProductRow.count_card_plan, func.sum(m.SaleLineRow.units))
        .join(m.SaleLineRow, m.SaleLineRow.product_code == m.ProductRow.code)
        .join(m.SaleRow, m.SaleRow.id == m.SaleLineRow.sale_id)
        .where(m.SaleRow.member_id == member_id, m.ProductRow.count_card_plan.is_not(None))
        .group_by(m.ProductRow.count_card_plan)
    ).all()
    used = int(
        conn.execute(
            select(func.coalesce(func.sum(m.CountCardUseRow.uses), 0)).where(
                m.CountCardUseRow.member_id == member_id
            )
        ).scalar_one()
    )
    out = []
    for plan_code, units in rows:
        plan = plans.get(plan_code or "")
        if plan is None:
            continue
        total = plan.uses * max(0, int(units or 0))
        take = min(used, total)
        used -= take
        out.append({"name": plan.name, "total": total, "left": total - take})
    return out


def page_data(conn: Connection, member_id: int, today: date) -> dict[str, Any]:
    view = member_view(conn, member_id)
    rules = _rules(conn)
    coupons = [
        {"name": c.name or c.code, "code": c.code, "value_fen": c.value_fen, "kind": c.kind,
         "min_spend_fen": c.min_spend_fen, "valid_until": c.valid_until}
        for c in conn.execute(
            select(m.CouponRow).where(
                m.CouponRow.member_id == member_id, m.CouponRow.used_by_sale.is_(None),
                m.CouponRow.valid_until >= today.isoformat(),
            ).order_by(m.CouponRow.valid_until)
        ).all()
    ]  # fmt: skip
    row = conn.execute(select(m.MemberRow.pay_pin_hash).where(m.MemberRow.id == member_id))
    return {
        "member": view,
        "has_pin": row.scalar_one() is not None,
        "points_expiry": points_expiry(conn, member_id, view.points, rules),
        "tier": tier_progress(conn, member_id, view.tier_code, rules, today),
        "coupons": coupons,
        "count_cards": count_cards(conn, member_id, rules),
        "statement": member_statement(conn, member_id, limit=50),
        "prefs": prefs(conn, member_id),
    }
