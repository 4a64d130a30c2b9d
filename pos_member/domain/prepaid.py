"""The prepaid-card law's rules as pure functions (单用途商业预付卡, docs/prepaid.md).

- **Caps** (``check_room``, ``max_recharge``): a card's balance, principal and
  bonus counted unless the programme counts principal alone, never passes its
  class's cap; a recharge that would is refused with the most it can take.
- **退卡** (``closure_quote``): the Supreme People's Court's rule (法释〔2025〕4号):
  what was spent counts against the principal at paid ÷ (paid + bonus); the
  principal not spent is refunded, the rest of the balance (bonus) lapses.
  Paid in cash only for a balance of at most ``closure_cash_max``.
- **Cooling-off** (``cooling_off_until``): an unused recharge is reversed in full
  within the region's days (Beijing 7, Jiangsu 15 less costs), counted from the
  day after the recharge (民法典 第二百零一条).
- **No cash** (``check_no_cash``): at or above the thresholds a purchase is paid
  by bank transfer.
- **IDs** (``check_id_number``, ``mask``): a resident ID's check digit
  (GB 11643-1999), and the masked form screens and receipts show.

Amounts are ``Money`` (fen); nothing here reads a clock or a database.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, timedelta

from pos_member.domain.errors import (
    BadIdNumber,
    CashNotAllowed,
    CoolingOffOver,
    CostsNotAllowed,
    NoCoolingOff,
    NothingToClose,
    OverCap,
    RefundOverCap,
)
from pos_member.domain.ledger import SVBalance
from pos_member.domain.money import Money
from pos_member.domain.rules import (
    CardClass,
    PrepaidRules,
    StoredValueRules,
)
from pos_member.domain.text import Text, phrase


class IdType(enum.StrEnum):
    """Identity documents a real-name record may name (the wire's ``IdType``)."""

    RESIDENT_ID = "resident_id"
    PASSPORT = "passport"
    HK_MACAO_PERMIT = "hk_macao_permit"
    TAIWAN_PERMIT = "taiwan_permit"
    FOREIGN_PERMANENT = "foreign_permanent"
    OTHER = "other"


ID_TYPE_NAMES = {
    IdType.RESIDENT_ID: phrase("resident ID card"),
    IdType.PASSPORT: phrase("passport"),
    IdType.HK_MACAO_PERMIT: phrase("Hong Kong / Macao permit"),
    IdType.TAIWAN_PERMIT: phrase("Taiwan permit"),
    IdType.FOREIGN_PERMANENT: phrase("foreign permanent residence card"),
    IdType.OTHER: phrase("other document"),
}


class BuyerKind(enum.StrEnum):
    PERSON = "person"
    COMPANY = "company"


_BUYER_NAMES = {BuyerKind.PERSON: phrase("person"), BuyerKind.COMPANY: phrase("company")}


# --- caps -------------------------------------------------------------------------


def counted(balance: SVBalance, rules: PrepaidRules) -> Money:
    """What of ``balance`` counts against the cap (principal + bonus, or principal alone)."""
    return balance.total if rules.cap_counts_bonus else balance.principal


def cap_of(card_class: CardClass, rules: PrepaidRules) -> Money:
    return rules.of(card_class).cap


def room(balance: SVBalance, card_class: CardClass, rules: PrepaidRules) -> Money:
    """How much more the card may hold (never negative)."""
    return Money(max(0, (cap_of(card_class, rules) - counted(balance, rules)).fen))


def _adds(principal: Money, bonus: Money, rules: PrepaidRules) -> Money:
    return principal + bonus if rules.cap_counts_bonus else principal


def fits(
    balance: SVBalance, principal: Money, bonus: Money, card_class: CardClass, rules: PrepaidRules
) -> bool:
    """Whether adding ``principal`` and ``bonus`` keeps the card within its cap.

    Taking money off always fits (a card over the cap from before the rule may
    still be spent down).
    """
    add = _adds(principal, bonus, rules)
    return add.fen <= 0 or add <= room(balance, card_class, rules)


def max_recharge(
    balance: SVBalance, card_class: CardClass, rules: PrepaidRules, sv: StoredValueRules
) -> Money:
    """The largest deposit whose principal and bonus still fit the card."""
    left = room(balance, card_class, rules).fen
    lo, hi = 0, left  # deposit + its bonus grows with the deposit: search it
    while lo < hi:
        mid = (lo + hi + 1) // 2
        bonus = sv.bonus_for(Money(mid))
        if _adds(Money(mid), bonus, rules).fen <= left:
            lo = mid
        else:
            hi = mid - 1
    return Money(lo)


def check_recharge_room(
    balance: SVBalance,
    principal: Money,
    bonus: Money,
    card_class: CardClass,
    rules: PrepaidRules,
    sv: StoredValueRules,
) -> None:
    """Refuse a recharge (its bonus with it) that would pass the cap, saying the most left."""
    if not fits(balance, principal, bonus, card_class, rules):
        raise OverCap(
            cap=cap_of(card_class, rules), room=max_recharge(balance, card_class, rules, sv)
        )


def check_credit_room(
    balance: SVBalance, principal: Money, bonus: Money, card_class: CardClass, rules: PrepaidRules
) -> None:
    """Refuse money going back onto the card (a refund, a correction, a transfer) past the cap."""
    if not fits(balance, principal, bonus, card_class, rules):
        raise RefundOverCap(
            amount=_adds(principal, bonus, rules),
            cap=cap_of(card_class, rules),
            room=room(balance, card_class, rules),
        )


def expiry_for(card_class: CardClass, issued_on: date, rules: PrepaidRules) -> date | None:
    """The earliest expiry a card of the class issued on ``issued_on`` may carry."""
    years = rules.of(card_class).min_valid_years
    if years is None:
        return None
    try:
        return issued_on.replace(year=issued_on.year + years)
    except ValueError:  # 29 February
        return issued_on.replace(year=issued_on.year + years, day=28)


# --- real names and large purchases --------------------------------------------------


def real_name_needed(
    card_class: CardClass, amount: Money, rules: PrepaidRules, *, bulk: Money | None = None
) -> bool:
    """Whether buying or recharging ``amount`` records the buyer's real name and ID.

    Named cards always; anonymous cards when ``bulk`` (all bought at once) reaches
    the threshold.
    """
    if rules.of(card_class).real_name:
        return True
    return (bulk if bulk is not None else amount) >= rules.real_name_anonymous_bulk


def no_cash_limit(buyer: BuyerKind, rules: PrepaidRules) -> Money:
    return rules.no_cash_company if buyer is BuyerKind.COMPANY else rules.no_cash_person


def check_no_cash(amount: Money, cash: Money, buyer: BuyerKind, rules: PrepaidRules) -> None:
    """Refuse cash for a purchase at or above the buyer's no-cash threshold."""
    limit = no_cash_limit(buyer, rules)
    if cash.fen > 0 and amount >= limit:
        raise CashNotAllowed(amount=amount, buyer=_BUYER_NAMES[buyer], limit=limit)


_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def normalise_id(number: str) -> str:
    return "".join(number.split()).upper()


def check_id_number(id_type: IdType, number: str) -> str:
    """The number normalised; a resident ID must pass its check digit (GB 11643-1999)."""
    n = normalise_id(number)
    ok = 4 <= len(n) <= 32 and n.isalnum() and n.isascii()
    if ok and id_type is IdType.RESIDENT_ID:
        ok = len(n) == 18 and n[:17].isdigit()
        if ok:
            total = sum(int(c) * w for c, w in zip(n[:17], _ID_WEIGHTS, strict=True))
            ok = _ID_CHECK[total % 11] == n[17]
    if not ok:
        raise BadIdNumber(masked=mask(n) if n else "-", id_type=ID_TYPE_NAMES[id_type])
    return n


def mask(number: str) -> str:
    """An ID or account number as screens, receipts and reports show it."""
    n = "".join(ch for ch in normalise_id(number) if ch.isalnum())
    if len(n) >= 10:
        return n[:4] + "*" * (len(n) - 8) + n[-4:]
    if len(n) >= 4:
        return n[:1] + "*" * (len(n) - 3) + n[-2:]
    return "*" * max(1, len(n))


# --- cooling-off ------------------------------------------------------------------


def cooling_off_until(recharged_on: date, rules: PrepaidRules) -> date | None:
    """The last day an unused recharge of ``recharged_on`` may be reversed (None: never).

    The days run from the day after the recharge (民法典 第二百零一条), so a
    Beijing recharge of the 1st may be reversed until the 8th.
    """
    days = rules.cooling_off.days
    return recharged_on + timedelta(days=days) if days > 0 else None


def check_reversal(
    recharged_on: date, today: date, principal: Money, costs: Money, rules: PrepaidRules
) -> None:
    """Refuse a reversal outside the window, or keeping back costs the rule does not allow."""
    last = cooling_off_until(recharged_on, rules)
    if last is None:
        raise NoCoolingOff()
    if not recharged_on <= today <= last:
        raise CoolingOffOver(recharged_on=recharged_on.isoformat(), last_day=last.isoformat())
    if costs.fen < 0 or costs > principal or (costs.fen and not rules.cooling_off.less_costs):
        raise CostsNotAllowed(principal=principal)


# --- 退卡 -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ClosureQuote:
    """What closing a card pays, and why (the preview shows ``explain``)."""

    #: Principal paid in (recharges less reversals) and bonus given, over the card's life.
    paid_in: Money
    bonus_given: Money
    #: The balance closed, by part.
    balance: SVBalance
    #: Spent in all, and the principal's share by paid ÷ (paid + bonus).
    spent: Money
    spent_from_principal: Money
    refund: Money
    forfeited: Money
    #: Cash allowed (the balance is at most the cash limit); else bank transfer.
    cash_allowed: bool
    cash_limit: Money

    def explain(self) -> tuple[Text, ...]:
        """The calculation, line by line, for the cashier and the member."""
        lines = [
            Text(
                "Paid in {paid}, bonus given {bonus}, balance {balance}: spent {spent}.",
                paid=self.paid_in,
                bonus=self.bonus_given,
                balance=self.balance.total,
                spent=self.spent,
            )
        ]
        if self.bonus_given.fen:
            lines.append(
                Text(
                    "Spent counted against the principal at {paid} ÷ ({paid} + {bonus}): "
                    "{spent} × {paid} ÷ {whole} = {from_principal} (法释〔2025〕4号).",
                    paid=self.paid_in,
                    bonus=self.bonus_given,
                    spent=self.spent,
                    whole=self.paid_in + self.bonus_given,
                    from_principal=self.spent_from_principal,
                )
            )
        lines.append(
            Text(
                "Refunded {paid} − {from_principal} = {refund}; the bonus left, {forfeited}, "
                "is not refunded.",
                paid=self.paid_in,
                from_principal=self.spent_from_principal,
                refund=self.refund,
                forfeited=self.forfeited,
            )
        )
        lines.append(
            Text("Paid in cash (a balance of at most {limit}).", limit=self.cash_limit)
            if self.cash_allowed
            else Text(
                "Paid by bank transfer to the holder's account (cash only up to {limit}).",
                limit=self.cash_limit,
            )
        )
        return tuple(lines)


def closure_quote(
    paid_in: Money, bonus_given: Money, balance: SVBalance, rules: PrepaidRules
) -> ClosureQuote:
    """退卡's figures by 法释〔2025〕4号 (3,000 paid + 1,000 bonus, 3,594 spent → 304.50).

    Spent is paid in + bonus − balance. Credit beyond the recharges (a manual
    correction in the member's favour) counts as principal paid in. The
    principal's share of what was spent is rounded down to the fen, so a half
    fen goes to the holder.
    """
    if balance.principal.fen < 0 or balance.bonus.fen < 0 or balance.total.fen <= 0:
        raise NothingToClose()
    paid, bonus = max(0, paid_in.fen), max(0, bonus_given.fen)
    paid += max(0, balance.total.fen - paid - bonus)
    spent = paid + bonus - balance.total.fen
    from_principal = spent * paid // (paid + bonus)
    refund = paid - from_principal
    return ClosureQuote(
        paid_in=Money(paid),
        bonus_given=Money(bonus),
        balance=balance,
        spent=Money(spent),
        spent_from_principal=Money(from_principal),
        refund=Money(refund),
        forfeited=Money(balance.total.fen - refund),
        cash_allowed=balance.total <= rules.closure_cash_max,
        cash_limit=rules.closure_cash_max,
    )
