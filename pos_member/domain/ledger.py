"""Stored value, points and count-card ledgers as values.

Balances are never stored on their own: a balance is the sum of append-only
entries, each naming the event that caused it. Stored value keeps principal
(the member's money) and bonus (the shop's gift) apart. Points live in lots,
each with its earn date and expiry; redemption takes the lot that expires
soonest first.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from pos_member.domain.errors import BalanceTooLow, InvalidAmount, PointsTooLow, RechargeOutOfRange
from pos_member.domain.money import Money
from pos_member.domain.rules import SpendOrder, StoredValueRules
from pos_member.domain.text import Text


class SVReason(enum.StrEnum):
    RECHARGE = "recharge"
    SPEND = "spend"
    REFUND = "refund"
    ADJUST = "adjust"
    TRANSFER_OUT = "transfer_out"  # card replaced: balance moves to the new card's account
    TRANSFER_IN = "transfer_in"
    CARD_FEE = "card_fee"


@dataclass(frozen=True, slots=True)
class SVEntry:
    """One stored-value ledger entry; deltas are signed."""

    event_id: str
    reason: SVReason
    principal: Money
    bonus: Money

    @property
    def total(self) -> Money:
        return self.principal + self.bonus


@dataclass(frozen=True, slots=True)
class SVBalance:
    principal: Money = Money(0)
    bonus: Money = Money(0)

    @property
    def total(self) -> Money:
        return self.principal + self.bonus

    def apply(self, entry: SVEntry) -> SVBalance:
        return SVBalance(self.principal + entry.principal, self.bonus + entry.bonus)


@dataclass(frozen=True, slots=True)
class Spendable:
    """What a member may spend at the counter once an overdraft is netted off."""

    sv: SVBalance
    points: int
    #: Stored value the member owes the programme (0 unless overdrawn).
    sv_owed: Money = Money(0)
    points_owed: int = 0


def net_overdraft(balance: SVBalance, points: int) -> Spendable:
    """The spendable part of a balance that may be negative (a confirmed overdraft).

    Two stores spending the same balance offline leave head office with a
    negative principal or bonus; the debt is paid from the other bucket first,
    then from whatever the member recharges. ``balance`` is the true figure
    (confirmed plus this till's unsynced entries); the result never has a
    negative bucket, and a debt left over is ``sv_owed`` / ``points_owed``.
    """
    p, b = balance.principal.fen, balance.bonus.fen
    if p < 0:
        p, b = 0, b + p
    if b < 0:
        p, b = p + b, 0
    owed = max(0, -p)
    return Spendable(
        SVBalance(Money(max(0, p)), Money(b)), max(0, points), Money(owed), max(0, -points)
    )


def sv_balance(entries: Iterable[SVEntry]) -> SVBalance:
    bal = SVBalance()
    for e in entries:
        bal = bal.apply(e)
    return bal


def plan_recharge(event_id: str, amount: Money, rules: StoredValueRules) -> SVEntry:
    """A recharge: ``amount`` of principal plus the bonus from the rule table."""
    if amount.fen <= 0:
        raise InvalidAmount(what="Recharge", value=str(amount))
    if amount < rules.min_recharge or amount > rules.max_recharge:
        raise RechargeOutOfRange(
            minimum=rules.min_recharge, maximum=rules.max_recharge, amount=amount
        )
    return SVEntry(event_id, SVReason.RECHARGE, amount, rules.bonus_for(amount))


def plan_sv_spend(event_id: str, balance: SVBalance, amount: Money, order: SpendOrder) -> SVEntry:
    """Take ``amount`` from stored value, bonus or principal first as configured."""
    if amount.fen <= 0:
        raise InvalidAmount(what="Stored value payment", value=str(amount))
    if amount > balance.total:
        raise BalanceTooLow(balance=balance.total, requested=amount)
    if order is SpendOrder.BONUS_FIRST:
        bonus = min(amount, balance.bonus)
        principal = amount - bonus
    else:
        principal = min(amount, balance.principal)
        bonus = amount - principal
    return SVEntry(event_id, SVReason.SPEND, -principal, -bonus)


# --- points -----------------------------------------------------------------


class PointsReason(enum.StrEnum):
    EARN = "earn"
    REDEEM = "redeem"
    REFUND_TAKE_BACK = "refund_take_back"  # points the refunded sale had earned
    REFUND_GIVE_BACK = "refund_give_back"  # points the refunded sale had spent
    EXPIRE = "expire"
    ADJUST = "adjust"
    BONUS = "bonus"  # referral, sign-in...
    TRANSFER_OUT = "transfer_out"
    TRANSFER_IN = "transfer_in"
    SYNC = "sync"  # to head office's confirmed balance


@dataclass(frozen=True, slots=True)
class PointsLot:
    lot_id: str
    earned_on: date
    expires_on: date | None
    points: int  # as earned


@dataclass(frozen=True, slots=True)
class PointsEntry:
    event_id: str
    lot_id: str
    delta: int
    reason: PointsReason


def lot_balances(lots: Iterable[PointsLot], entries: Iterable[PointsEntry]) -> dict[str, int]:
    """Remaining points per lot: the sum of its entries (earning is an entry too)."""
    bal = {lot.lot_id: 0 for lot in lots}
    for e in entries:
        if e.lot_id not in bal:
            raise ValueError(f"entry {e.event_id} names unknown lot {e.lot_id}")
        bal[e.lot_id] += e.delta
    return bal


def _usable(lot: PointsLot, today: date) -> bool:
    return lot.expires_on is None or lot.expires_on >= today


def _expiry_key(lot: PointsLot) -> tuple[int, date, date, str]:
    # soonest expiry first; lots that never expire last; then oldest first
    return (
        1 if lot.expires_on is None else 0,
        lot.expires_on or date.max,
        lot.earned_on,
        lot.lot_id,
    )


def points_available(lots: Iterable[PointsLot], entries: Iterable[PointsEntry], today: date) -> int:
    lots = list(lots)
    bal = lot_balances(lots, entries)
    return sum(bal[lot.lot_id] for lot in lots if _usable(lot, today) and bal[lot.lot_id] > 0)


def plan_earn(
    event_id: str, points: int, earned_on: date, expires_on: date | None
) -> tuple[PointsLot, PointsEntry]:
    """A new lot for points earned by ``event_id``."""
    if points <= 0:
        raise ValueError("a lot needs a positive number of points")
    lot = PointsLot(event_id, earned_on, expires_on, points)
    return lot, PointsEntry(event_id, lot.lot_id, points, PointsReason.EARN)


def plan_redeem(
    event_id: str,
    lots: Iterable[PointsLot],
    entries: Iterable[PointsEntry],
    points: int,
    today: date,
    reason: PointsReason = PointsReason.REDEEM,
) -> list[PointsEntry]:
    """Take ``points`` from usable lots, soonest to expire first."""
    lots = sorted(lots, key=_expiry_key)
    bal = lot_balances(lots, entries)
    available = sum(bal[lot.lot_id] for lot in lots if _usable(lot, today) and bal[lot.lot_id] > 0)
    if points <= 0:
        raise ValueError("redeem a positive number of points")
    if points > available:
        raise PointsTooLow(available=available, requested=points)
    out: list[PointsEntry] = []
    left = points
    for lot in lots:
        if left == 0:
            break
        have = bal[lot.lot_id]
        if have <= 0 or not _usable(lot, today):
            continue
        take = min(have, left)
        out.append(PointsEntry(event_id, lot.lot_id, -take, reason))
        left -= take
    return out


def plan_give_back(
    event_id: str, taken: Iterable[PointsEntry], points: int, already_given: int = 0
) -> list[PointsEntry]:
    """Give back ``points`` of those a sale redeemed, to the lots they came from.

    ``taken`` are the sale's redemption entries (negative deltas) in the order
    they were taken; ``already_given`` is what earlier refunds of the same sale
    gave back. Points go back to the lots in the order they were taken, so a
    refund in parts restores each lot exactly once the whole sale is refunded.
    """
    remaining_skip = already_given
    left = points
    out: list[PointsEntry] = []
    for e in taken:
        size = -e.delta
        if remaining_skip >= size:
            remaining_skip -= size
            continue
        room = size - remaining_skip
        remaining_skip = 0
        give = min(room, left)
        if give:
            out.append(PointsEntry(event_id, e.lot_id, give, PointsReason.REFUND_GIVE_BACK))
            left -= give
        if left == 0:
            break
    if left:
        raise ValueError("cannot give back more points than the sale redeemed")
    return out


def plan_take_back(
    event_id: str,
    sale_lot_id: str | None,
    lots: Iterable[PointsLot],
    entries: Iterable[PointsEntry],
    points: int,
    today: date,
) -> tuple[list[PointsEntry], int]:
    """Take back ``points`` a refunded sale had earned.

    From the sale's own lot first, then from the member's other usable lots
    (soonest expiring first). Returns the entries and the shortfall: points
    the member no longer has (already spent), which the refund deducts in
    money instead.
    """
    lots = list(lots)
    bal = lot_balances(lots, entries)
    out: list[PointsEntry] = []
    left = points
    if sale_lot_id is not None and bal.get(sale_lot_id, 0) > 0:
        take = min(bal[sale_lot_id], left)
        out.append(PointsEntry(event_id, sale_lot_id, -take, PointsReason.REFUND_TAKE_BACK))
        bal[sale_lot_id] -= take
        left -= take
    for lot in sorted(lots, key=_expiry_key):
        if left == 0:
            break
        have = bal[lot.lot_id]
        if have <= 0 or not _usable(lot, today) or lot.lot_id == sale_lot_id:
            continue
        take = min(have, left)
        out.append(PointsEntry(event_id, lot.lot_id, -take, PointsReason.REFUND_TAKE_BACK))
        left -= take
    return out, left


def plan_correction(
    event_id: str,
    lots: Iterable[PointsLot],
    entries: Iterable[PointsEntry],
    delta: int,
    confirmed_lot_id: str,
) -> list[PointsEntry]:
    """Entries that move a member's points by ``delta`` to what head office confirmed.

    A rise (points earned or given back at another store) goes into the
    ``confirmed_lot_id`` lot. A fall (points spent, adjusted or taken back
    elsewhere) is taken from the lots that still hold points, soonest expiring
    first, as a redemption would: the lots then hold what the member has, and
    a later refund's take-back finds only what is left and deducts the
    shortfall. What the lots cannot cover is recorded on ``confirmed_lot_id``.
    """
    if delta >= 0:
        return [PointsEntry(event_id, confirmed_lot_id, delta, PointsReason.SYNC)] if delta else []
    lots = list(lots)
    bal = lot_balances(lots, entries)
    out: list[PointsEntry] = []
    left = -delta
    for lot in sorted(lots, key=_expiry_key):
        if left == 0:
            break
        have = bal[lot.lot_id]
        if have <= 0:
            continue
        take = min(have, left)
        out.append(PointsEntry(event_id, lot.lot_id, -take, PointsReason.SYNC))
        left -= take
    if left:
        out.append(PointsEntry(event_id, confirmed_lot_id, -left, PointsReason.SYNC))
    return out


def plan_expiry(
    event_id: str, lots: Iterable[PointsLot], entries: Iterable[PointsEntry], today: date
) -> list[PointsEntry]:
    """Expire what is left in lots past their last day. Idempotent: a second run finds nothing."""
    lots = list(lots)
    bal = lot_balances(lots, entries)
    return [
        PointsEntry(event_id, lot.lot_id, -bal[lot.lot_id], PointsReason.EXPIRE)
        for lot in sorted(lots, key=_expiry_key)
        if lot.expires_on is not None and lot.expires_on < today and bal[lot.lot_id] > 0
    ]


def expiring_soon(
    lots: Iterable[PointsLot], entries: Iterable[PointsEntry], today: date, within_days: int
) -> list[tuple[date, int]]:
    """(expiry date, points) of usable lots that expire within ``within_days``."""
    lots = list(lots)
    bal = lot_balances(lots, entries)
    out: dict[date, int] = {}
    for lot in lots:
        if lot.expires_on is None or bal[lot.lot_id] <= 0 or not _usable(lot, today):
            continue
        if (lot.expires_on - today).days <= within_days:
            out[lot.expires_on] = out.get(lot.expires_on, 0) + bal[lot.lot_id]
    return sorted(out.items())


# --- count cards --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CountCardEntry:
    """Uses added (sale of the card, refund of a use) or taken (a visit)."""

    event_id: str
    card_id: str
    delta: int
    reason: str  # "sale", "use", "refund", "transfer"


def count_card_remaining(entries: Iterable[CountCardEntry]) -> int:
    return sum(e.delta for e in entries)


def plan_count_card_use(
    event_id: str, card_id: str, entries: Iterable[CountCardEntry], uses: int = 1
) -> CountCardEntry:
    left = count_card_remaining(entries)
    if type(uses) is not int or uses <= 0:  # a bool or a float is not a number of uses
        raise InvalidAmount(what="Uses", value=str(uses))
    if uses > left:
        raise BalanceTooLow(balance=Text("{n} uses", n=left), requested=Text("{n} uses", n=uses))
    return CountCardEntry(event_id, card_id, -uses, "use")
