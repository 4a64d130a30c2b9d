"""Held sales: keep the sale on screen aside, list, recall and discard them."""

from __future__ import annotations

import logging

from pos_member.domain.errors import UserFacingError
from pos_member.domain.money import Money
from pos_member.services import held
from pos_member.services.context import Approval, Context, StaffSession
from pos_member.services.held import HeldDraft, HeldLine
from ui.draft import Draft, DraftLine
from ui.operations import members
from ui.operations.sale import price
from ui.timefmt import short_time
from ui.views import HeldView, MemberView, RecalledView, SaleView

log = logging.getLogger(__name__)


def hold_sale(ctx: Context, staff: StaffSession, draft: Draft) -> int:
    """Keep the draft as a held sale in the store; returns how many now wait."""
    return held.hold(ctx, staff, held_draft(draft))


def held_count(ctx: Context) -> int:
    return held.count_held(ctx)


def held_sales(ctx: Context) -> list[HeldView]:
    """This till's held sales, newest first, as the recall list shows them, each with the
    amount it comes to at today's prices (what the customer will be asked to pay)."""
    tz, today = ctx.settings.timezone, ctx.today()
    return [
        HeldView(
            sale_id=h.sale_id,
            time_text=short_time(h.created_at, tz, today),
            member_text=h.member_masked,
            line_count=h.line_count,
            summary=h.summary,
            staff_id=h.staff_id,
            amount=held_amount(ctx, h.draft),
        )
        for h in held.list_held(ctx)
    ]


def held_amount(ctx: Context, h: HeldDraft | None) -> Money | None:
    """The held basket priced as checkout would price it now; None if it no longer can be
    (a product or the member gone: the recall says what it left out)."""
    if h is None or not h.lines:
        return None
    try:
        return price(ctx, ui_draft(h)).amount_due
    except UserFacingError as exc:
        log.info("held sale %s not priced for the list: %s", h.sale_id, exc.code)
        return None


def recall_held(ctx: Context, sale_id: str, expiring_within_days: int) -> RecalledView:
    """Take a held sale back (its row is deleted), re-identify the member, price it again.

    Lines whose product is gone are left out; coupons that no longer apply
    are taken off. If the sale still cannot be shown, it is held again as
    it was and the error is raised: a recall never loses a basket.
    """
    recalled = held.recall(ctx, sale_id)
    try:
        draft = ui_draft(recalled.draft)
        member: MemberView | None = None
        member_lost = False
        coupons_dropped: tuple[str, ...] = ()
        if draft.member_id is not None:
            try:
                member = members.member(ctx, draft.member_id, expiring_within_days)
            except UserFacingError:
                log.info("member %s of a held sale not found again", draft.member_id)
                member_lost = True
                coupons_dropped = draft.coupons  # the member's coupons go with them
                draft = draft.with_member(None)
        if draft.empty:
            sale = SaleView.empty()
        else:
            try:
                sale = price(ctx, draft)
            except UserFacingError:
                if not draft.coupons:
                    raise
                coupons_dropped = draft.coupons
                draft = draft.with_coupons(())
                sale = price(ctx, draft)
    except BaseException:
        held.put_back(ctx, recalled)
        raise
    return RecalledView(
        draft=draft,
        sale=sale,
        member=member,
        time_text=short_time(recalled.held_at, ctx.settings.timezone, ctx.today()),
        waiting=held.count_held(ctx),
        dropped=recalled.dropped,
        coupons_dropped=coupons_dropped,
        member_lost=member_lost,
        overrides_dropped=recalled.overrides_dropped,
    )


def discard_held(ctx: Context, staff: StaffSession, sale_id: str, approval: Approval | None) -> int:
    """Throw a held sale away (a void, audited); returns how many still wait."""
    return held.discard(ctx, staff, sale_id, approval)


def held_draft(draft: Draft) -> HeldDraft:
    """The screen's draft as the held-sales service keeps it (plain data), with its
    price overrides, whole-sale discount and their approval."""
    return HeldDraft(
        sale_id=draft.sale_id,
        lines=tuple(
            HeldLine(
                ln.line_no,
                ln.code,
                ln.quantity,
                ln.weight_g,
                ln.weighed,
                price_override=ln.price_override,
                override_reason=ln.override_reason,
                gift=ln.gift,
            )
            for ln in draft.lines
        ),
        member_id=draft.member_id,
        coupons=draft.coupons,
        sale_discount=draft.sale_discount,
        approval=draft.override_approval,
    )


def ui_draft(h: HeldDraft) -> Draft:
    """A held sale's draft back as the screen's draft (same sale id and line numbers)."""
    return Draft(
        sale_id=h.sale_id,
        lines=tuple(
            DraftLine(
                line_no=ln.line_no,
                code=ln.code,
                quantity=ln.quantity,
                weight_g=ln.weight_g,
                weighed=ln.weighed,
                price_override=ln.price_override,
                override_reason=ln.override_reason,
                gift=ln.gift,
            )
            for ln in h.lines
        ),
        member_id=h.member_id,
        coupons=h.coupons,
        override_approval=h.approval,
        sale_discount=h.sale_discount,
    )
