"""Re-checking a counter's event with the same domain rules, before applying it.

Pure functions, no database: given an event's typed payload and the
programme rules it was priced with, say whether the numbers hold together.
An event that fails here was not produced by an honest counter (tampered,
or a bug) and is refused with nothing written. An event that holds together
is *never* refused for business reasons (a balance overdrawn because two
stores spent it offline, a card blocked meanwhile): those already happened
and are recorded and flagged for review instead.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal

from pos_member.domain.money import Money
from pos_member.domain.rules import ProgrammeRules
from pos_member.domain.tenders import GIFT_METHOD
from pos_member.wire.schemas import (
    EventKind,
    RechargePayload,
    SalePayload,
    TenderKindWire,
    TenderLine,
    sign_of,
)

TESTED_IN = "tests/headoffice/test_hostile_till.py"


class EventRefused(Exception):
    """An event head office will not apply; ``status`` is the HTTP status to answer."""

    def __init__(self, status: int, code: str, detail: str, event_id: str = "") -> None:
        self.status = status
        self.code = code
        self.detail = detail
        self.event_id = event_id
        super().__init__(f"{code}: {detail}")


def _refuse(code: str, detail: str) -> EventRefused:
    return EventRefused(422, code, detail)


def check_sale(kind: str, p: SalePayload, rules: ProgrammeRules) -> None:
    """A sale or refund: tenders add up, ledgers match tenders, points follow the rules."""
    refund = kind == EventKind.REFUND
    paid = sum(t.amount_fen for t in p.tenders)
    if paid != p.total_fen:
        raise _refuse(
            "tenders.sum", f"tenders add up to {paid} fen but the total is {p.total_fen} fen"
        )
    want_sign = -1 if refund else 1
    if sign_of(p.total_fen) not in (0, want_sign):
        raise _refuse("total.sign", f"a {'refund' if refund else 'sale'} total has the wrong sign")
    sv_tender = sum(t.amount_fen for t in p.tenders if t.kind is TenderKindWire.STORED_VALUE)
    sv_delta = p.sv_principal_fen + p.sv_bonus_fen
    if sv_tender != -sv_delta:
        raise _refuse(
            "stored_value.mismatch",
            f"stored value paid {sv_tender} fen but the ledger moves {sv_delta} fen",
        )
    for part in (p.sv_principal_fen, p.sv_bonus_fen):
        if sign_of(part) not in (0, -want_sign):
            raise _refuse("stored_value.sign", "stored value moves the wrong way for this event")
    pts_tenders = [t for t in p.tenders if t.kind is TenderKindWire.POINTS]
    pts = sum(t.points for t in pts_tenders)
    if pts != p.points_redeemed:
        raise _refuse(
            "points.mismatch",
            f"points tenders carry {pts} points but {p.points_redeemed} are redeemed",
        )
    for t in pts_tenders:
        if t.method == GIFT_METHOD:
            _check_gift_tender(t, p, rules, want_sign)
            continue
        worth = rules.redeem.value_of(abs(t.points)).fen * sign_of(t.points)
        # A partial refund gives back each line's share of the points' value, which may
        # differ from the value of the points by less than one redemption unit.
        slack = rules.redeem.unit_value.fen if refund else 0
        if abs(t.amount_fen - worth) > slack:
            raise _refuse(
                "points.value",
                f"{t.points} points are worth {worth} fen under rules "
                f"v{rules.version}, not {t.amount_fen}",
            )
    if sign_of(p.points_redeemed) not in (0, want_sign):
        raise _refuse("points.sign", "redeemed points have the wrong sign for this event")
    if sign_of(p.points_earned) not in (0, want_sign):
        raise _refuse("points.sign", "earned points have the wrong sign for this event")
    limit = max_points_for(abs(p.total_fen), rules)
    if abs(p.points_earned) > limit:
        raise _refuse(
            "points.earn",
            f"{abs(p.points_earned)} points earned on {abs(p.total_fen)} fen; "
            f"rules v{rules.version} allow at most {limit}",
        )


def _check_gift_tender(
    t: TenderLine, p: SalePayload, rules: ProgrammeRules, want_sign: int
) -> None:
    """积分兑换's points: worth no cash, the right way round, and (on a sale) no more than
    the dearest rate of the gifts among the lines asks for their units; a refund's are
    held to what the sale spent by the books (``books.check_refund``)."""
    if t.amount_fen != 0 or sign_of(t.points) not in (0, want_sign):
        raise _refuse("gift.tender", "a gift's points tender carries points only, the right way")
    if want_sign < 0:
        return
    most = sum(
        max(r.points for r in gift.rates) * ln.units
        for ln in p.lines
        if (gift := rules.gift(ln.product_code)) is not None
    )
    if t.points > most:
        raise _refuse(
            "gift.points",
            f"{t.points} points for gifts; the gifts sold ask at most {most} "
            f"under rules v{rules.version}",
        )


def max_points_for(amount_fen: int, rules: ProgrammeRules) -> int:
    """The most points any member could earn on ``amount_fen`` under ``rules``."""
    best = max(t.points_multiplier for t in rules.tiers) * max(
        rules.birthday.points_multiplier, Decimal(1)
    )
    base = Decimal(amount_fen) / Decimal(rules.earn.spend_per_point.fen)
    return int((base * best).to_integral_value(rounding=ROUND_CEILING))


def check_recharge(p: RechargePayload, rules: ProgrammeRules) -> None:
    """A recharge: within the limits, paid in full, with exactly the configured bonus."""
    sv = rules.stored_value
    amount = Money(p.amount_fen)
    if amount < sv.min_recharge or amount > sv.max_recharge:
        raise _refuse(
            "recharge.amount",
            f"recharge of {amount} is outside {sv.min_recharge}..{sv.max_recharge}",
        )
    paid = sum(t.amount_fen for t in p.tenders)
    if paid != p.amount_fen:
        raise _refuse("tenders.sum", f"tenders add up to {paid} fen, recharge is {p.amount_fen}")
    if any(t.kind in (TenderKindWire.STORED_VALUE, TenderKindWire.POINTS) for t in p.tenders):
        raise _refuse("recharge.tender", "a recharge is paid in cash or by an external tender")
    bonus = sv.bonus_for(amount).fen
    if p.bonus_fen != bonus:
        raise _refuse(
            "recharge.bonus",
            f"a recharge of {amount} earns a bonus of {Money(bonus)} under rules "
            f"v{rules.version}, not {Money(p.bonus_fen)}",
        )
