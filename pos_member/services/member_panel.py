"""What the counter's member panel says about a member beyond the balances.

The tier's name and colour, the coupons usable today, whether the birthday
benefit applies today, and the points expiring soon (within the same window the
receipt uses, so screen and paper agree). The screens only format these.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pos_member.domain import ledger as dl
from pos_member.services.context import Context
from pos_member.services.identify import MemberView
from pos_member.services.ledgers import member_lots
from pos_member.services.members import usable_coupons

UNKNOWN_TIER_COLOUR = "#808080"  # a tier the rules no longer have


@dataclass(frozen=True, slots=True)
class MemberPanel:
    """The notes of the member panel, decided by the programme's rules today."""

    tier_name: str
    tier_colour: str
    coupons: tuple[tuple[str, str], ...]  # (code, name) usable today
    birthday: bool  # the birthday benefit applies today
    points_expiring: int  # points of lots expiring within the window
    points_expiring_on: date | None  # the first of those expiry dates


def member_panel(ctx: Context, view: MemberView, expiring_within_days: int) -> MemberPanel:
    """The panel's notes for ``view`` (``identify``'s member), read in one snapshot."""
    today = ctx.today()
    with ctx.store.reading() as s:
        _, rules = ctx.rules(s)
        lots, entries = member_lots(s, view.member_id)
        coupons = usable_coupons(s, view.member_id, today)
    try:
        tier = rules.tier(view.tier_code)
        tier_name, colour = tier.name, tier.colour
    except KeyError:
        tier_name, colour = view.tier_code, UNKNOWN_TIER_COLOUR
    soon = dl.expiring_soon(lots, entries, today, expiring_within_days)
    return MemberPanel(
        tier_name=tier_name,
        tier_colour=colour,
        coupons=tuple(coupons),
        birthday=rules.birthday.applies(view.birthday, today),
        points_expiring=sum(p for _, p in soon),
        points_expiring_on=soon[0][0] if soon else None,
    )
