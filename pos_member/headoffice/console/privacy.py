"""The console's privacy page of a member (PIPL): consents given and withdrawn, the data
package (JSON, PDF), closing the membership and, for HQ admins, who looked at the record.

``install(page)`` adds the pages to the console's router (``routes.console_router``);
the rules are ``headoffice.privacy``'s. Who may do what:

- see the page: anyone who sees members (a store manager: their stores' members only);
- record a consent: those who serve members at a desk (``Can.CARDS``);
- export the data package and close a membership: those who see full personal data
  (customer service, HQ admin);
- the access audit: HQ admins (``Can.ACCOUNTS``).

Every view, export and change is written to ``console_audit``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from fastapi.responses import Response

from pos_member.headoffice import members, privacy
from pos_member.headoffice.console import accounts
from pos_member.headoffice.console.accounts import Can
from pos_member.headoffice.console.routes import PREFIX, Ctx, _back, _Out
from pos_member.headoffice.member_web import CONSENT_VERSION
from pos_member.headoffice.validate import EventRefused

TESTED_IN = "tests/headoffice/console/test_console_privacy.py"

#: The purposes a desk records, in the order the page shows them.
DESK_PURPOSES = ("membership", "marketing", "sensitive", "guardian", "balance_sms")
#: Refusals the page says in the person's words (the rest: the generic message).
WORDS = {
    "privacy.refund_first": "privacy.refund_first",
    "privacy.closed": "privacy.closed",
    "privacy.guardian_needed": "privacy.guardian_needed",
    "privacy.version": "privacy.bad_version",
}


def _now() -> datetime:
    return datetime.now(UTC)


def _member_id(ctx: Ctx) -> int:
    raw = str(ctx.request.path_params.get("member_id", ""))
    if not raw.isdigit() or len(raw) > 18:
        raise _Out(ctx.render("message.html", 404, message=ctx.t("member.unknown")))
    return int(raw)


def _full(ctx: Ctx) -> bool:
    return ctx.who is not None and ctx.who.disclosure == "full"


def _yours(ctx: Ctx, conn: Any, member_id: int) -> None:
    """A 404 for an unknown member, a 403 outside a store manager's stores (audited)."""
    assert ctx.who is not None
    try:
        privacy.member_row(conn, member_id)
    except EventRefused:
        raise _Out(ctx.render("message.html", 404, message=ctx.t("member.unknown"))) from None
    if not members.member_in_stores(conn, member_id, ctx.who.store_scope):
        accounts.audit(conn, ctx.who, "member.view_refused", str(member_id), client=ctx.client)
        raise _Out(ctx.render("message.html", 403, message=ctx.t("member.not_yours")))


def _said(ctx: Ctx, exc: EventRefused) -> Response:
    key = WORDS.get(exc.code)
    if key is None:
        raise exc
    return ctx.render("message.html", exc.status, message=ctx.t(key))


Handler = Callable[[Ctx], Response]


def install(page: Callable[..., Callable[[Handler], Handler]]) -> None:
    """Add the privacy pages to the console (``page`` is ``console_router``'s decorator)."""

    @page("/members/{member_id}/privacy", Can.MEMBERS)
    def privacy_page(ctx: Ctx) -> Response:
        assert ctx.who is not None
        member_id = _member_id(ctx)
        with ctx.begin() as conn:
            _yours(ctx, conn, member_id)
            row = privacy.member_row(conn, member_id)
            history = privacy.consent_history(conn, member_id)
            state = privacy.consent_state(conn, member_id)
            closed = row.status in privacy.CLOSED
            guardian = not closed and privacy.needs_guardian(conn, member_id, _now().date())
            trail = privacy.access_log(conn, member_id) if ctx.who.can(Can.ACCOUNTS) else []
            accounts.audit(
                conn,
                ctx.who,
                "member.privacy_view",
                str(member_id),
                {"disclosure": ctx.who.disclosure},
                client=ctx.client,
            )
        name = "" if closed else accounts.mask_name(row.name, ctx.who.disclosure)
        return ctx.render(
            "privacy.html",
            member_id=member_id,
            name=name,
            member_status=row.status,
            retain_until=row.retain_until,
            history=history,
            state=state,
            closed=closed,
            guardian=guardian,
            trail=trail,
            purposes=DESK_PURPOSES,
            may_record=ctx.who.can(Can.CARDS) and not closed,
            may_export=_full(ctx),
            may_close=_full(ctx) and not closed,
            version=CONSENT_VERSION,
            sv_fen=row.sv_principal_fen + row.sv_bonus_fen,
        )

    @page("/members/{member_id}/privacy/consent", Can.CARDS, "POST")
    def privacy_consent(ctx: Ctx) -> Response:
        assert ctx.who is not None
        member_id = _member_id(ctx)
        purpose, granted = ctx.f("purpose"), ctx.f("granted") == "1"
        if purpose not in DESK_PURPOSES:
            return ctx.render("message.html", 422, message=ctx.t("privacy.bad_purpose"))
        relation = ctx.f("relation").strip()[:32]
        try:
            with ctx.begin() as conn:
                _yours(ctx, conn, member_id)
                privacy.record_consent(
                    conn,
                    member_id,
                    purpose,
                    granted,
                    version=ctx.f("version").strip(),
                    channel="console",
                    taken_by=ctx.who.username,
                    now=_now(),
                    client=ctx.client,
                    detail={"relation": relation} if relation else None,
                )
                accounts.audit(
                    conn,
                    ctx.who,
                    "privacy.consent",
                    str(member_id),
                    {"purpose": purpose, "granted": granted},
                    client=ctx.client,
                )
        except EventRefused as exc:
            return _said(ctx, exc)
        done = "member.privacy_granted" if granted else "member.privacy_withdrawn"
        return _back(
            f"{PREFIX}/members/{member_id}/privacy",
            done,
            purpose=ctx.t(f"privacy.purpose.{purpose}"),
        )

    def export(ctx: Ctx, fmt: str) -> Response:
        assert ctx.who is not None
        member_id = _member_id(ctx)
        if not _full(ctx):
            return ctx.render("message.html", 403, message=ctx.t("privacy.no_export"))
        with ctx.begin() as conn:
            _yours(ctx, conn, member_id)
            accounts.audit(
                conn,
                ctx.who,
                "privacy.export.requested",
                str(member_id),
                {"format": fmt},
                client=ctx.client,
            )
            pkg = privacy.export_member(
                conn, member_id, now=_now(), by=ctx.who.username, channel="console"
            )
            body = (
                privacy.package_pdf(pkg)
                if fmt == "pdf"
                else json.dumps(pkg, ensure_ascii=False, indent=1, default=str).encode()
            )
            accounts.audit(
                conn,
                ctx.who,
                "privacy.export.completed",
                str(member_id),
                {"format": fmt, "bytes": len(body)},
                client=ctx.client,
            )
        media = "application/pdf" if fmt == "pdf" else "application/json"
        return Response(
            body,
            media_type=media,
            headers={
                "Content-Disposition": f'attachment; filename="member-{member_id}.{fmt}"',
                "Cache-Control": "no-store",
            },
        )

    @page("/members/{member_id}/privacy/export.json", Can.MEMBERS)
    def privacy_export_json(ctx: Ctx) -> Response:
        return export(ctx, "json")

    @page("/members/{member_id}/privacy/export.pdf", Can.MEMBERS)
    def privacy_export_pdf(ctx: Ctx) -> Response:
        return export(ctx, "pdf")

    @page("/members/{member_id}/privacy/close", Can.MEMBERS, "POST")
    def privacy_close(ctx: Ctx) -> Response:
        assert ctx.who is not None
        member_id = _member_id(ctx)
        if not _full(ctx):
            return ctx.render("message.html", 403, message=ctx.t("privacy.no_close"))
        if ctx.f("confirm") != "1":
            return ctx.render("message.html", 422, message=ctx.t("privacy.confirm_needed"))
        try:
            with ctx.begin() as conn:
                _yours(ctx, conn, member_id)
                done = privacy.close_membership(
                    conn,
                    member_id,
                    now=_now(),
                    taken_by=ctx.who.username,
                    channel="console",
                    client=ctx.client,
                )
                accounts.audit(
                    conn, ctx.who, "privacy.closed", str(member_id), done, client=ctx.client
                )
        except EventRefused as exc:
            return _said(ctx, exc)
        msg = (
            "member.privacy_erased"
            if done["status"] == privacy.ERASED
            else ("member.privacy_restricted")
        )
        return _back(f"{PREFIX}/members/{member_id}/privacy", msg, until=done["retain_until"] or "")
