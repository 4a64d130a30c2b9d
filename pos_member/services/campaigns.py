"""Coupons and campaigns: one coupon to one member, or a campaign to a segment.

A campaign has a code (``SPRING-2026``) and gives each member of a segment
one coupon of a template, coded ``<campaign>-<member id>`` (unique chain-wide
because member ids are). Running it again adds only the members that were
missing, so a campaign interrupted half-way is finished by running it again.
Segments come from the member analytics (RFM segments such as ``at_risk``,
lifecycle stages such as ``silent``), computed as of the run's day.

A campaign is marketing (issue 18, PIPL Art. 15): it never reaches a member who
withdrew marketing consent (``privacy.withdraw_consent``, Ctrl+Shift+M at the
manager window) nor a member head office closed (erased or restricted). The till
knows the withdrawals taken at this till; consents given or withdrawn at head
office are applied by head office's own campaigns and message sender.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos_member.domain.errors import NotAllowed, UnknownCard, ValidationError
from pos_member.domain.events import EventKind
from pos_member.domain.rules import CouponTemplate
from pos_member.domain.text import person_words, phrase
from pos_member.reports import analytics
from pos_member.services.context import Context, Role, StaffSession
from pos_member.services.members import add_coupon_row, coupon_payload
from pos_member.store import pii
from pos_member.store.models import AuditEntry, Coupon, Member
from pos_member.store.models_manager import Campaign, CampaignCoupon

TESTED_IN = "tests/manager/test_jobs_campaigns.py"

log = logging.getLogger(__name__)

BATCH = 1_000
_NS = uuid.UUID("0b8f5c1a-3d7e-4e2a-9c61-5a4f3e2d1c0b")


@dataclass(frozen=True, slots=True)
class CampaignReport:
    code: str
    segment: str
    members: int
    issued: int  # by this run; members who already had theirs are not counted again


def _coupon_event_id(code: str, member_id: int) -> str:
    # The same coupon gets the same event id however often the campaign runs.
    return str(uuid.uuid5(_NS, f"{code}:{member_id}"))


def _check_code(code: str) -> str:
    code = code.strip().upper()
    if not code or len(code) > 24 or not all(ch.isalnum() or ch == "-" for ch in code):
        raise ValidationError(
            field="campaign code", problem="letters, digits and '-', at most 24 characters"
        )
    return code


def _check_template(template: CouponTemplate) -> None:
    if template.valid_days <= 0:
        raise ValidationError(field="coupon", problem="it must be valid for at least one day")
    if template.value.fen <= 0 and template.kind.value == "amount_off":
        raise ValidationError(field="coupon", problem="an amount-off coupon needs a value")


def no_marketing(s: Session) -> set[int]:
    """Members a campaign must not reach: marketing consent withdrawn here, or closed."""
    out = {
        int(subject)
        for subject, detail in s.execute(
            select(AuditEntry.subject, AuditEntry.detail).where(
                AuditEntry.action == "member.consent_withdrawn"
            )
        )
        if subject and str(subject).isdigit() and (detail or {}).get("purpose") == "marketing"
    }
    out.update(s.scalars(select(Member.id).where(Member.status.in_(pii.HIDDEN_STATUSES))))
    return out


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for i in range(0, len(ids), BATCH):
        yield ids[i : i + BATCH]


def issue_coupon(
    ctx: Context,
    staff: StaffSession,
    member_id: int,
    template: CouponTemplate,
    code: str,
    reason: str = "",
) -> str:
    """Give one coupon to one member (a supervisor or manager: goodwill, complaints)."""
    if staff.role < Role.SUPERVISOR:
        raise NotAllowed(action="Giving a coupon", role="supervisor")
    coupon_code = _check_code(code)
    _check_template(template)
    today = ctx.today()
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        s = uow.session
        if s.get(Member, member_id) is None:
            raise UnknownCard(number=str(member_id))
        if s.scalar(select(Coupon.id).where(Coupon.code == coupon_code)) is not None:
            raise ValidationError(
                field="coupon code", problem="{code} is already used", code=coupon_code
            )
        row = add_coupon_row(uow, member_id, template.issue(coupon_code, today, str(member_id)))
        s.flush()
        event_id = uow.outbox(EventKind.COUPON_ISSUED, coupon_payload(row))
        uow.audit(
            "coupon.issue",
            staff_id=staff.staff_id,
            subject=str(member_id),
            event_id=event_id,
            detail={"code": coupon_code, "reason": _reason(reason)},
        )
    return coupon_code


def issue_to_members(
    ctx: Context,
    code: str,
    name: str,
    segment: str,
    template: CouponTemplate,
    member_ids: list[int],
    *,
    staff_id: str | None,
    today: date,
) -> int:
    """Give one coupon of ``template`` to each listed member who has none from ``code`` yet.

    Creates the campaign on first use; each batch of members is one
    transaction. Returns the number of coupons this call issued.
    """
    code = _check_code(code)
    _check_template(template)
    with ctx.store.reading() as s:
        refused = no_marketing(s)
    if refused:
        member_ids = [mid for mid in member_ids if mid not in refused]
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        campaign = uow.session.scalar(select(Campaign).where(Campaign.code == code))
        if campaign is None:
            campaign = Campaign(
                code=code,
                name=name[:64],
                segment=segment[:32],
                template=_template_dict(template),
                created_at=uow.now,
                staff_id=staff_id,
                issued=0,
            )
            uow.session.add(campaign)
            uow.session.flush()
            uow.audit(
                "campaign.create",
                staff_id=staff_id,
                subject=code,
                detail={"segment": segment, "members": len(member_ids)},
            )
        elif campaign.segment != segment[:32]:
            raise ValidationError(
                field="campaign code",
                problem="{code} is already a campaign for another segment",
                code=code,
            )
        campaign_id = campaign.id
    issued = 0
    for chunk in _chunks(member_ids):
        with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
            s = uow.session
            have = set(
                s.scalars(
                    select(CampaignCoupon.member_id).where(
                        CampaignCoupon.campaign_id == campaign_id,
                        CampaignCoupon.member_id.in_(chunk),
                    )
                )
            )
            n = 0
            for mid in chunk:
                if mid in have:
                    continue
                row = add_coupon_row(uow, mid, template.issue(f"{code}-{mid}", today, str(mid)))
                s.flush()
                s.add(CampaignCoupon(campaign_id=campaign_id, member_id=mid, coupon_id=row.id))
                uow.outbox(
                    EventKind.COUPON_ISSUED,
                    {**coupon_payload(row), "campaign": code},
                    event_id=_coupon_event_id(code, mid),
                )
                n += 1
            if n:
                camp = s.get(Campaign, campaign_id)
                assert camp is not None
                camp.issued += n
                uow.audit("campaign.issue", staff_id=staff_id, subject=code, detail={"issued": n})
            issued += n
    log.info("campaign %s: %d coupons issued", code, issued)
    return issued


def run_campaign(
    ctx: Context,
    staff: StaffSession,
    code: str,
    name: str,
    segment: str,
    template: CouponTemplate,
    params: analytics.Params | None = None,
) -> CampaignReport:
    """Issue a coupon to every member of ``segment`` (an RFM segment or a lifecycle stage)
    who has not withdrawn marketing consent (the report counts only those reached)."""
    if staff.role < Role.MANAGER:
        raise NotAllowed(action="Running a campaign", role="manager")
    code = _check_code(code)
    _check_template(template)
    today = ctx.today()
    params = params or analytics.Params(as_of=today)
    with ctx.store.reading() as s:
        refused = no_marketing(s)
        member_ids = [
            mid for mid in analytics.segment_members(s, segment, params) if mid not in refused
        ]
    issued = issue_to_members(
        ctx, code, name, segment, template, member_ids, staff_id=staff.staff_id, today=today
    )
    return CampaignReport(code, segment, len(member_ids), issued)


def _template_dict(t: CouponTemplate) -> dict[str, object]:
    return {
        "name": t.name,
        "kind": t.kind.value,
        "valid_days": t.valid_days,
        "value_fen": t.value.fen,
        "rate": str(t.rate),
        "minimum_spend_fen": t.minimum_spend.fen,
        "stackable": t.stackable,
    }


def _reason(reason: str) -> str:
    """A reason typed by staff: one line of words, no control characters (may be empty)."""
    return person_words(reason, phrase("reason"), max_len=128, required=False)
