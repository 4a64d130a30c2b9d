"""Campaigns to segments, as a form for marketing: a segment of members (tier, store,
joined between two days, bought within the last N days, at least K purchases and ¥X spent
in that time, birthday month), how many of them it reaches with marketing consent and how
many it leaves out for lack of it, the message with a preview and its length, sent now or
from a day and time. Each message is queued by ``notify.queue_marketing`` (which asks
``privacy.marketing_allowed`` for every member) and asked again just before it goes, so a
member without marketing consent is never sent one. Sending is audited as
``campaign.send`` with the segment and the text; the past campaigns are read from that
audit and the outbox (queued, sent, cancelled)."""

from __future__ import annotations

import re
import secrets
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from fastapi.responses import Response
from sqlalchemy import case, func, select, update

from pos_member.domain.promotions import STORE_TZ
from pos_member.headoffice import members, notify, privacy, programme
from pos_member.headoffice import models as m
from pos_member.headoffice.console import accounts
from pos_member.headoffice.console.accounts import Can
from pos_member.headoffice.console.exports import PageDeco
from pos_member.headoffice.console.programme_forms import _Reader
from pos_member.headoffice.console.routes import PREFIX, Ctx, _back

TESTED_IN = "tests/headoffice/console/test_console_campaigns.py"

FIELDS = ("tier", "store", "joined_from", "joined_to", "days", "visits", "spend", "month",
          "text", "when", "at")  # fmt: skip
#: The longest message (``notify.queue_marketing`` keeps 300 characters).
MAX_TEXT = 300
#: The fixed parts around the text (``notify.TEXT_ZH['marketing']``): 【会员】… 回复TD退订
FRAME = notify.TEXT_ZH["marketing"]
TZ = ZoneInfo(STORE_TZ)
WHEN_RE = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}$")
#: A campaign's key as ``campaigns_send`` makes it.
KEY_RE = re.compile(r"^c\d{14}[0-9a-f]{4}$")


def _segment(ctx: Ctx) -> tuple[dict[str, Any], dict[str, str]]:
    """The segment the form says, and each field's problem (in the person's language)."""
    r = _Reader(ctx.form, ctx.t)
    seg: dict[str, Any] = {}
    with ctx.begin() as conn:
        tiers = {c for (c,) in conn.execute(select(m.TierRow.code))}
        stores = {s for (s,) in conn.execute(select(m.StoreRow.id))}
    tier, store = r.s("tier"), r.s("store")
    if tier and tier not in tiers:
        r.fail("tier", "camp.bad_tier")
    seg["tier"] = tier
    if store and store not in stores:
        r.fail("store", "camp.bad_store")
    seg["store"] = store
    for name in ("joined_from", "joined_to"):
        raw = r.s(name)
        seg[name] = ""
        if raw:
            day = r.day(name)
            if not day:
                r.fail(name, "prog.f.day_bad")
            else:
                seg[name] = str(day)
    if seg["joined_from"] and seg["joined_to"] and seg["joined_to"] < seg["joined_from"]:
        r.fail("joined_to", "camp.joined_order")
    for name, hi, key in (("days", 3660, "camp.bad_days"), ("visits", 10_000, "camp.bad_visits"),
                          ("month", 12, "camp.bad_month")):  # fmt: skip
        raw = r.s(name)
        seg[name] = None
        if raw:
            if not raw.isdigit() or not (1 <= int(raw) <= hi):
                r.fail(name, key)
            else:
                seg[name] = int(raw)
    seg["spend_fen"] = None
    if r.s("spend"):
        fen = r.yuan("spend", positive=True)
        seg["spend_fen"] = fen
    return seg, r.errors


def _members(conn: Any, seg: dict[str, Any], today: date) -> Any:
    """The ids of the open memberships in the segment (a select)."""
    q = select(m.MemberRow.id).where(m.MemberRow.status.not_in(tuple(privacy.CLOSED)))
    if seg["tier"]:
        q = q.where(m.MemberRow.tier_code == seg["tier"])
    if seg["store"]:
        q = q.where(members._in_stores(conn, [seg["store"]]))
    if seg["joined_from"]:
        q = q.where(m.MemberRow.joined_on >= seg["joined_from"])
    if seg["joined_to"]:
        q = q.where(m.MemberRow.joined_on <= seg["joined_to"])
    if seg["month"]:
        q = q.where(func.substr(m.MemberRow.birthday, 6, 2) == f"{seg['month']:02d}")
    since = (today - timedelta(days=seg["days"] - 1)).isoformat() if seg["days"] else None
    if since:
        q = q.where(
            m.MemberRow.id.in_(select(m.MemberLastDay.member_id)
                               .where(m.MemberLastDay.last_day >= since))
        )  # fmt: skip
    if seg["visits"] or seg["spend_fen"]:
        s = m.SaleRow
        per = select(s.member_id).where(s.member_id.is_not(None), s.kind.in_(("sale", "refund")))
        if since:
            per = per.where(s.business_date >= since)
        per = per.group_by(s.member_id)
        if seg["visits"]:
            per = per.having(func.sum(case((s.kind == "sale", 1), else_=0)) >= seg["visits"])
        if seg["spend_fen"]:  # sales less refunds
            spent = func.sum(case((s.kind == "sale", s.total_fen), else_=-func.abs(s.total_fen)))
            per = per.having(spent >= seg["spend_fen"])
        q = q.where(m.MemberRow.id.in_(per))
    return q


def reach(conn: Any, seg: dict[str, Any], today: date) -> tuple[list[int], int]:
    """The members a campaign to ``seg`` may reach now (``privacy.marketing_allowed``: their
    marketing consent, a phone, a guardian's consent for a child), and how many of the
    segment it leaves out."""
    ids = [int(i) for i in conn.execute(_members(conn, seg, today).order_by(m.MemberRow.id))
           .scalars()]  # fmt: skip
    if not ids:
        return [], 0
    consented = {
        int(i)
        for i in conn.execute(
            select(m.MemberPrefs.member_id).where(
                m.MemberPrefs.marketing.is_(True),
                m.MemberPrefs.member_id.in_(_members(conn, seg, today)),
            )
        ).scalars()
    }
    yes = [i for i in ids if i in consented and privacy.marketing_allowed(conn, i, today)]
    return yes, len(ids) - len(yes)


def _when(r: _Reader) -> str | None:
    """When the messages may go, as UTC ISO; now for "send now"."""
    if r.s("when") != "later":
        return datetime.now(UTC).isoformat(timespec="microseconds")
    raw = r.s("at")
    if not WHEN_RE.match(raw):
        r.fail("at", "camp.bad_at")
        return None
    try:
        local = datetime.fromisoformat(raw.replace(" ", "T")).replace(tzinfo=TZ)
    except ValueError:
        r.fail("at", "camp.bad_at")
        return None
    if local <= datetime.now(TZ):
        r.fail("at", "camp.past_at")
        return None
    if local > datetime.now(TZ) + timedelta(days=90):
        r.fail("at", "camp.far_at")
        return None
    return local.astimezone(UTC).isoformat(timespec="microseconds")


def past(conn: Any, limit: int = 20) -> list[dict[str, Any]]:
    """The latest campaigns sent from the console, with their messages' states."""
    out = []
    for row in accounts.audit_tail(conn, "campaign.send", limit):
        key = row.subject or ""
        n = m.NotificationRow
        states = dict(
            conn.execute(
                select(n.state, func.count())
                .where(n.dedupe_key.like(f"mkt:{key}:%"))
                .group_by(n.state)
            ).all()
        )
        d = row.detail or {}
        out.append({"key": key, "at": row.at[:16].replace("T", " "), "who": row.username,
                    "text": d.get("text", ""), "segment": d.get("segment", {}),
                    "send_at": d.get("send_at_local", ""), "queued": int(d.get("queued", 0)),
                    "excluded": int(d.get("excluded", 0)),
                    "pending": int(states.get("pending", 0)), "sent": int(states.get("sent", 0)),
                    "cancelled": int(states.get("cancelled", 0)),
                    "failed": int(states.get("failed", 0))})  # fmt: skip
    return out


def _segment_words(ctx: Ctx, seg: dict[str, Any], tiers: dict[str, str]) -> str:
    parts = []
    if seg.get("tier"):
        parts.append(ctx.t("camp.w.tier", v=tiers.get(seg["tier"], seg["tier"])))
    if seg.get("store"):
        parts.append(ctx.t("camp.w.store", v=seg["store"]))
    if seg.get("joined_from") or seg.get("joined_to"):
        parts.append(ctx.t("camp.w.joined", a=seg.get("joined_from") or "…",
                           b=seg.get("joined_to") or "…"))  # fmt: skip
    if seg.get("days"):
        parts.append(ctx.t("camp.w.days", v=seg["days"]))
    if seg.get("visits"):
        parts.append(ctx.t("camp.w.visits", v=seg["visits"]))
    if seg.get("spend_fen"):
        fen = int(seg["spend_fen"])
        parts.append(ctx.t("camp.w.spend", v=f"{fen // 100}.{fen % 100:02d}"))
    if seg.get("month"):
        parts.append(ctx.t("camp.w.month", v=seg["month"]))
    return ctx.t("camp.list_sep").join(parts) or ctx.t("camp.w.all")


def _view(
    ctx: Ctx,
    status: int = 200,
    errors: dict[str, str] | None = None,
    counted: tuple[int, int] | None = None,
) -> Response:
    values = {"when": "now"} | {k: ctx.form[k] for k in FIELDS if k in ctx.form}
    with ctx.begin() as conn:
        tiers = [(t.code, t.name) for t in conn.execute(select(m.TierRow).order_by(m.TierRow.rank))]
        stores = [(s.id, s.name) for s in conn.execute(select(m.StoreRow).order_by(m.StoreRow.id))]
        rows = past(conn)
    for r in rows:
        r["segment_words"] = _segment_words(ctx, r["segment"], dict(tiers))
    errors = errors or {}
    body = values.get("text", "")
    return ctx.render(
        "campaigns.html", status, v=lambda k: values.get(k, ""), err=lambda k: errors.get(k, ""),
        general=[ctx.t("prog.f.fix")] if errors else [], tiers=tiers, stores=stores,
        counted=counted, campaigns=rows, max_text=MAX_TEXT, preview=FRAME.format(text=body),
        frame=FRAME, length=len(body),
    )  # fmt: skip


def add_pages(page: PageDeco) -> None:
    """The campaigns' page, on the console's router."""

    @page("/campaigns", Can.CAMPAIGNS)
    def campaigns_page(ctx: Ctx) -> Response:
        return _view(ctx)

    @page("/campaigns/count", Can.CAMPAIGNS, "POST")
    def campaigns_count(ctx: Ctx) -> Response:
        seg, errors = _segment(ctx)
        if errors:
            return _view(ctx, 422, errors)
        with ctx.begin() as conn:
            yes, no = reach(conn, seg, date.fromisoformat(programme.chain_today()))
        return _view(ctx, counted=(len(yes), no))

    @page("/campaigns", Can.CAMPAIGNS, "POST")
    def campaigns_send(ctx: Ctx) -> Response:
        assert ctx.who is not None
        seg, errors = _segment(ctx)
        r = _Reader(ctx.form, ctx.t)
        text = r.s("text")
        if not text:
            r.fail("text", "camp.no_text")
        elif len(text) > MAX_TEXT:
            r.fail("text", "camp.long_text", n=len(text), max=MAX_TEXT)
        elif any(ord(c) < 32 for c in text.replace("\n", "").replace("\r", "")):
            r.fail("text", "camp.bad_text")
        at = _when(r)
        errors |= r.errors
        if errors:
            return _view(ctx, 422, errors)
        assert at is not None
        now = datetime.now(UTC).isoformat(timespec="microseconds")
        key = datetime.now(TZ).strftime("c%Y%m%d%H%M%S") + secrets.token_hex(2)
        today = date.fromisoformat(programme.chain_today())
        local = ctx.form.get("at", "").replace("T", " ") if r.s("when") == "later" else ""
        with ctx.begin() as conn:  # one action, one transaction: the messages and the audit
            yes, no = reach(conn, seg, today)
            queued = 0
            for mid in yes:
                queued += notify.queue_marketing(conn, key, mid, text, now, at=at)
            accounts.audit(conn, ctx.who, "campaign.send", key,
                           {"segment": seg, "text": text, "send_at": at, "send_at_local": local,
                            "queued": queued, "excluded": no}, client=ctx.client)  # fmt: skip
        msg = "camp.scheduled" if local else "camp.sent"
        return _back(f"{PREFIX}/campaigns", msg, n=queued, excluded=no, at=local)

    @page("/campaigns/{key}/cancel", Can.CAMPAIGNS, "POST")
    def campaigns_cancel(ctx: Ctx) -> Response:
        """Call off what a campaign still has waiting (a scheduled one, or one not yet sent)."""
        assert ctx.who is not None
        key = str(ctx.request.path_params.get("key", ""))
        if not KEY_RE.match(key):
            return _back(f"{PREFIX}/campaigns", "camp.unknown")
        n = m.NotificationRow
        with ctx.begin() as conn:
            done = conn.execute(
                update(n)
                .where(n.dedupe_key.like(f"mkt:{key}:%"), n.kind == "marketing",
                       n.state == "pending")
                .values(state="cancelled", last_error="campaign called off")
            ).rowcount  # fmt: skip
            accounts.audit(conn, ctx.who, "campaign.cancel", key, {"cancelled": int(done)},
                           client=ctx.client)  # fmt: skip
        return _back(f"{PREFIX}/campaigns", "camp.called_off", n=int(done))
