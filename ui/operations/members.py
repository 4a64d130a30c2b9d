"""Identifying the member at the counter, and the member panel's value."""

from __future__ import annotations

from datetime import date

from drivers.base import CardRead, Classification
from pos_member.domain.identifiers import IdKind
from pos_member.domain.rules import RegistrationRules
from pos_member.services import identify as ident
from pos_member.services.context import Context, StaffSession
from pos_member.services.count_cards import use_count_card as _use_count_card
from pos_member.services.member_panel import member_panel
from pos_member.services.members import RegisterRequest, register_member
from ui.views import MemberView


def identify(ctx: Context, scan: Classification, expiring_within_days: int) -> MemberView:
    """The member a classified scan names (card number, stripe, ID card, phone or the
    phone's member code: neither of the last two is a card presented)."""
    view = ident.identify_key(ctx, scan.kind, scan.value)
    presented = scan.kind not in (IdKind.PHONE, IdKind.MEMBER_CODE)
    return member_view(ctx, view, expiring_within_days, presented=presented)


def identify_card(ctx: Context, read: CardRead, expiring_within_days: int) -> MemberView:
    """The member of a card tapped on a reader (its number when read, else its UID)."""
    if read.card_number:
        # A verified secure read carries its issuance counter: an older copy of
        # a replaced card's sector is refused by the service.
        counter = read.counter if read.verified else None
        view = ident.identify(ctx, read.card_number, IdKind.MEMBER_CARD, secure_counter=counter)
        return member_view(ctx, view, expiring_within_days, presented=True, counter=counter)
    view = ident.identify(ctx, read.uid, IdKind.UID)
    return member_view(ctx, view, expiring_within_days, presented=True)


def member(ctx: Context, member_id: int, expiring_within_days: int) -> MemberView:
    """Fresh balances of a member already identified."""
    return member_view(ctx, ident.member_view(ctx, member_id), expiring_within_days)


def member_view(
    ctx: Context,
    v: ident.MemberView,
    expiring_within_days: int,
    *,
    presented: bool = False,
    counter: int | None = None,
) -> MemberView:
    """The services' member and panel notes, shaped for the screen."""
    panel = member_panel(ctx, v, expiring_within_days)
    on = panel.points_expiring_on
    return MemberView(
        member_id=str(v.member_id),
        masked_name=v.name_masked,
        masked_phone=v.phone_masked,
        masked_card=v.card_number_masked or "",
        tier_code=v.tier_code,
        tier_name=panel.tier_name,
        tier_colour=panel.tier_colour,
        balance=v.stored_value,
        points=v.points,
        owed=v.sv_owed,
        points_owed=v.points_owed,
        coupons=tuple(name or code for code, name in panel.coupons),
        coupon_codes=tuple(code for code, _ in panel.coupons),
        birthday=panel.birthday,
        points_expiring=panel.points_expiring,
        points_expiring_on=on.isoformat() if on is not None else "",
        count_cards=tuple(f"{c.name} {c.remaining_uses}" for c in v.count_cards),
        card_id=v.card_id if presented else None,
        card_counter=counter if presented else None,
        id_method=v.id_method,
    )


def count_cards(ctx: Context, member_id: int) -> list[tuple[int, str, int, str]]:
    """(id, name, uses left, expires on) of the member's count cards with uses left."""
    m = ident.member_view(ctx, member_id)
    return [(c.id, c.name, c.remaining_uses, c.expires_on or "") for c in m.count_cards]


def use_count_card(ctx: Context, staff: StaffSession, card_id: int, event_id: str) -> int:
    """One use of a count card; returns the uses left."""
    return _use_count_card(ctx, staff, card_id, 1, event_id).remaining_uses


def set_first_pay_pin(
    ctx: Context, staff: StaffSession, member_id: int, pin: str, repeat: str
) -> None:
    """The member's first payment PIN, typed twice (``services.member_pin``)."""
    from pos_member.services.member_pin import set_first_pay_pin as _set_first

    _set_first(ctx, staff, member_id, pin, repeat)


def by_phone_tail(ctx: Context, tail: str) -> tuple[list[tuple[int, str]], bool]:
    """(member id, the list's line: masked name, masked phone, tier) of the members whose
    phone ends in ``tail``, and whether more share it than are listed."""
    found = ident.members_by_phone_tail(ctx, tail)
    with ctx.store.reading() as s:
        _, rules = ctx.rules(s)
    names = {t.code: t.name for t in rules.tiers}
    rows = [
        (
            m.member_id,
            "   ".join((m.name_masked, m.phone_masked, names.get(m.tier_code, m.tier_code))),
        )
        for m in found.matches
    ]
    return rows, found.more


def picked_by_phone(ctx: Context, member_id: int, expiring_within_days: int) -> MemberView:
    """The member picked from the phone-ending list, as identified by phone."""
    return member_view(ctx, ident.picked_by_phone(ctx, member_id), expiring_within_days)


def registration_rules(ctx: Context) -> RegistrationRules:
    with ctx.store.reading() as s:
        _, rules = ctx.rules(s)
    return rules.registration


def register_at_counter(
    ctx: Context,
    staff: StaffSession,
    phone: str,
    name: str,
    birthday: date | None,
    consent: bool,
    expiring_within_days: int,
) -> MemberView:
    """Register the customer by phone at the counter (the members service's rules and
    consent), and the new member as the sale's member."""
    done = register_member(
        ctx,
        RegisterRequest(staff=staff, name=name, phone=phone, consent=consent, birthday=birthday),
    )
    return picked_by_phone(ctx, done.member_id, expiring_within_days)
