"""Programme jobs: tier upgrades and reviews, points expiry, birthday benefits.

Head office runs them for the chain; a terminal that stays offline runs them
locally. Every job is idempotent: running it twice for the same day (or
month) changes nothing the second time, because each member's step checks
the state it leaves behind (a lot already expired has nothing left, a member
already reviewed today is not due, a birthday coupon already given is keyed
by campaign and member). Event ids are UUIDv5 of the job, its key and the
member, so the same step taken at head office and at an offline terminal
carries the same id and head office applies it once.

Jobs work in batches, one transaction per batch, so the counter's sales are
never held behind a long write; a crash between batches leaves whole batches
and the next run finishes the rest.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pos_member.domain import ledger as dl
from pos_member.domain.errors import UnknownCard
from pos_member.domain.events import EventKind
from pos_member.domain.ids import job_event_id
from pos_member.domain.money import Money
from pos_member.domain.rules import CouponTemplate, ProgrammeRules
from pos_member.domain.tiers import TierChange, TierDecision, evaluate_tier
from pos_member.services.campaigns import issue_to_members
from pos_member.services.context import Context
from pos_member.services.ledgers import append_points
from pos_member.services.members import record_tier_change
from pos_member.store.db import UnitOfWork
from pos_member.store.models import Member, PointsEntry, PointsLot, Sale, StoredValueEntry
from pos_member.store.models_manager import JobRun, MemberProfile

TESTED_IN = "tests/services/test_expiry_after_sync.py"

log = logging.getLogger(__name__)

BATCH = 1_000


@dataclass(frozen=True, slots=True)
class JobReport:
    job: str
    run_key: str
    examined: int = 0
    changed: int = 0
    replayed: bool = False  # the run for this key had already completed
    detail: dict[str, int] = field(default_factory=dict)


def _done(ctx: Context, job: str, key: str) -> JobReport | None:
    with ctx.store.reading() as s:
        row = s.get(JobRun, (job, key))
        if row is None:
            return None
        r = dict(row.result)
    return JobReport(
        job,
        key,
        int(r.get("examined", 0)),
        int(r.get("changed", 0)),
        True,
        {k: int(v) for k, v in r.get("detail", {}).items()},
    )


def _finish(ctx: Context, report: JobReport) -> JobReport:
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        if uow.session.get(JobRun, (report.job, report.run_key)) is None:
            uow.session.add(
                JobRun(
                    job=report.job,
                    run_key=report.run_key,
                    at=uow.now,
                    result={
                        "examined": report.examined,
                        "changed": report.changed,
                        "detail": report.detail,
                    },
                )
            )
            uow.audit(
                "job." + report.job,
                staff_id=None,
                subject=report.run_key,
                detail={"examined": report.examined, "changed": report.changed},
            )
    return report


def _chunks(ids: list[int], size: int = BATCH) -> Iterator[list[int]]:
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


# --- tiers ----------------------------------------------------------------------------------


def qualifying_amounts(
    s: Session,
    member_ids: list[int],
    rules: ProgrammeRules,
    today: date,
    include_recharges: bool = False,
) -> dict[int, Money]:
    """Spend in the tier window per member (sales less refunds), as the checkout counts it.

    ``include_recharges`` adds recharged principal, for programmes where a
    recharge qualifies for a tier (``ProgrammeRules.recharge_qualifies_for_upgrade``:
    the recharge service then upgrades at once).
    """
    since = (today - timedelta(days=rules.tier_policy.window_days)).isoformat()
    out = {mid: Money(0) for mid in member_ids}
    for mid, total in s.execute(
        select(Sale.member_id, func.sum(Sale.total_fen))
        .where(
            Sale.member_id.in_(member_ids),
            Sale.kind.in_(("sale", "refund")),
            Sale.business_date > since,
        )
        .group_by(Sale.member_id)
    ):
        out[int(mid or 0)] = Money(int(total or 0))
    if include_recharges:
        for mid, total in s.execute(
            select(StoredValueEntry.member_id, func.sum(StoredValueEntry.principal_delta_fen))
            .where(
                StoredValueEntry.member_id.in_(member_ids),
                # A recharge reversed in cooling-off no longer counts (its entry is negative).
                StoredValueEntry.kind.in_((dl.SVReason.RECHARGE.value, dl.SVReason.REVERSAL.value)),
                StoredValueEntry.business_date > since,
            )
            .group_by(StoredValueEntry.member_id)
        ):
            out[int(mid)] = out[int(mid)] + Money(int(total or 0))
    return out


def _apply_decision(
    uow: UnitOfWork, member: Member, d: TierDecision, today: date, event_id: str
) -> None:
    member.tier_code = d.new
    member.updated_at = uow.now
    record_tier_change(
        uow,
        member.id,
        d.old,
        d.new,
        d.change.value,
        today,
        window_spend=d.window_spend,
        event_id=event_id,
    )
    uow.audit(
        "member.tier_change",
        staff_id=None,
        subject=str(member.id),
        event_id=event_id,
        detail={"from": d.old, "to": d.new, "change": d.change.value},
    )
    uow.outbox(
        EventKind.MEMBER_TIER_CHANGED,
        {
            "member_id": member.id,
            "from": d.old,
            "to": d.new,
            "change": d.change.value,
            "window_spend_fen": d.window_spend.fen,
            "business_date": today.isoformat(),
        },
        event_id=event_id,
    )


def upgrade_now(
    ctx: Context, member_id: int, *, include_recharges: bool = False, cause: str = ""
) -> TierDecision:
    """Upgrade a member at once if their qualifying spend reaches a higher tier.

    Call after a recharge (the checkout upgrades on spend by itself). Never
    downgrades: that waits for the review.
    """
    today = ctx.today()
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        _, rules = ctx.rules(uow.session)
        return upgrade_in(uow, rules, member_id, today, include_recharges=include_recharges,
                          cause=cause)  # fmt: skip


def upgrade_in(
    uow: UnitOfWork,
    rules: ProgrammeRules,
    member_id: int,
    today: date,
    *,
    include_recharges: bool = False,
    cause: str = "",
) -> TierDecision:
    """``upgrade_now`` inside the caller's transaction (a recharge upgrades in its own)."""
    s = uow.session
    member = s.get(Member, member_id)
    if member is None:
        raise UnknownCard(number=str(member_id))
    s.flush()
    spend = qualifying_amounts(s, [member_id], rules, today, include_recharges)[member_id]
    d = evaluate_tier(rules, member.tier_code, spend, at_review=False)
    if d.change is TierChange.UPGRADE:
        key = f"{today.isoformat()}:{d.new}:{cause}"
        _apply_decision(uow, member, d, today, job_event_id("upgrade", key, member_id))
    return d


def review_tiers(ctx: Context, today: date | None = None) -> JobReport:
    """The tier review: members whose review date has come move to the tier they qualify for.

    A member is due when ``review_interval_days`` have passed since their
    last review (or since joining). Upgrades that are due apply too; a member
    who keeps their tier is only marked reviewed.
    """
    today = ctx.job_date(today)
    key = today.isoformat()
    done = _done(ctx, "tier_review", key)
    if done is not None:
        return done
    with ctx.store.reading() as s:
        _, rules = ctx.rules(s)
        cutoff = (today - timedelta(days=rules.tier_policy.review_interval_days)).isoformat()
        last = func.coalesce(MemberProfile.tier_reviewed_on, Member.joined_on)
        due = [
            int(m)
            for m in s.scalars(
                select(Member.id)
                .outerjoin(MemberProfile, MemberProfile.member_id == Member.id)
                .where(Member.status == "active", last <= cutoff)
                .order_by(Member.id)
            )
        ]
    counts = {"upgrade": 0, "downgrade": 0, "keep": 0}
    for chunk in _chunks(due):
        with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
            s = uow.session
            _, rules = ctx.rules(s)
            spend = qualifying_amounts(s, chunk, rules, today)
            members = {m.id: m for m in s.scalars(select(Member).where(Member.id.in_(chunk)))}
            profiles = {
                p.member_id: p
                for p in s.scalars(select(MemberProfile).where(MemberProfile.member_id.in_(chunk)))
            }
            for mid in chunk:
                member = members[mid]
                d = evaluate_tier(rules, member.tier_code, spend[mid], at_review=True)
                counts[d.change.value] += 1
                if d.change is not TierChange.KEEP:
                    _apply_decision(uow, member, d, today, job_event_id("review", key, mid))
                profile = profiles.get(mid)
                if profile is None:
                    # Members loaded from head office or the seed have no profile yet.
                    profile = MemberProfile(
                        member_id=mid, consent_data_use=False, registered_at=member.updated_at
                    )
                    uow.session.add(profile)
                profile.tier_reviewed_on = key
    report = JobReport(
        "tier_review", key, len(due), counts["upgrade"] + counts["downgrade"], detail=counts
    )
    log.info("tier review %s: %s", key, counts)
    return _finish(ctx, report)


# --- points expiry --------------------------------------------------------------------------


def expire_points(ctx: Context, today: date | None = None) -> JobReport:
    """Expire what is left in lots whose last day is before ``today`` (domain ``plan_expiry``)."""
    today = ctx.job_date(today)
    key = today.isoformat()
    done = _done(ctx, "points_expiry", key)
    if done is not None:
        return done
    with ctx.store.reading() as s:
        # Only lots past their last day (ix_points_lots_expires_on) that still hold points.
        holders = sorted(
            {
                int(mid)
                for mid in s.scalars(
                    select(PointsLot.member_id)
                    .join(PointsEntry, PointsEntry.lot_id == PointsLot.id)
                    .where(PointsLot.expires_on < key)
                    .group_by(PointsLot.id)
                    .having(func.sum(PointsEntry.delta) > 0)
                )
            }
        )
    points = 0
    for chunk in _chunks(holders):
        with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
            s = uow.session
            lots_by_member: dict[int, list[dl.PointsLot]] = {}
            for lot in s.scalars(
                select(PointsLot).where(PointsLot.member_id.in_(chunk), PointsLot.expires_on < key)
            ):
                lots_by_member.setdefault(lot.member_id, []).append(
                    dl.PointsLot(
                        lot.id,
                        date.fromisoformat(lot.earned_on),
                        date.fromisoformat(lot.expires_on) if lot.expires_on else None,
                        lot.points,
                    )
                )
            lot_ids = [lot.lot_id for lots in lots_by_member.values() for lot in lots]
            sums = dict(
                s.execute(
                    select(PointsEntry.lot_id, func.sum(PointsEntry.delta))
                    .where(PointsEntry.lot_id.in_(lot_ids))
                    .group_by(PointsEntry.lot_id)
                ).all()
            )
            members = {m.id: m for m in s.scalars(select(Member).where(Member.id.in_(chunk)))}
            for mid in chunk:
                lots = lots_by_member.get(mid, [])
                entries = [
                    dl.PointsEntry(
                        "balance", lot.lot_id, int(sums.get(lot.lot_id, 0)), dl.PointsReason.EARN
                    )
                    for lot in lots
                ]
                event_id = job_event_id("expire", key, mid)
                planned = _within_balance(
                    dl.plan_expiry(event_id, lots, entries, today), members[mid].points_balance
                )
                if not planned:
                    continue
                append_points(uow, members[mid], planned, None)
                gone = -sum(e.delta for e in planned)
                points += gone
                uow.outbox(
                    EventKind.POINTS_EXPIRED,
                    {
                        "member_id": mid,
                        "business_date": key,
                        "points": gone,
                        "lots": [{"lot_id": e.lot_id, "delta": e.delta} for e in planned],
                    },
                    event_id=event_id,
                )
    report = JobReport("points_expiry", key, len(holders), len(holders), detail={"points": points})
    log.info("points expiry %s: %d members, %d points", key, len(holders), points)
    return _finish(ctx, report)


def _within_balance(planned: list[dl.PointsEntry], balance: int) -> list[dl.PointsEntry]:
    """Expire no more than the member has left.

    At a synced terminal the member's ``hq-<id>`` lot may be negative: points
    spent at another store out of lots this terminal still holds (see
    ``sync.local``). Head office already took those; expiring them here too
    would take them twice.
    """
    room = max(0, balance)
    out: list[dl.PointsEntry] = []
    for e in planned:
        take = max(e.delta, -room)
        if take:
            out.append(replace(e, delta=take))
            room += take
    return out


# --- birthdays ------------------------------------------------------------------------------


def birthday_benefits(
    ctx: Context, template: CouponTemplate, today: date | None = None
) -> JobReport:
    """Give each member whose birthday falls in this month one birthday coupon.

    The coupons belong to a campaign ``BDAY-YYYY-MM``; a member already given
    one this month is skipped, so the job can run every day of the month and
    catches members registered since. (The birthday discount and double
    points at checkout come from the rules' ``BirthdayBenefit`` in pricing.)
    """
    today = ctx.job_date(today)
    code = f"BDAY-{today:%Y-%m}"
    month = f"{today.month:02d}"
    with ctx.store.reading() as s:
        # One pass over the members' birthdays: a monthly job, not a counter lookup.
        candidates = [
            int(m)
            for m in s.scalars(
                select(Member.id)
                .where(Member.status == "active", func.substr(Member.birthday, 6, 2) == month)
                .order_by(Member.id)
            )
        ]
    issued = issue_to_members(
        ctx,
        code,
        f"生日礼遇 {today:%Y-%m}",
        "birthday_month",
        template,
        candidates,
        staff_id=None,
        today=today,
    )
    return JobReport("birthday", code, len(candidates), issued)
