"""Split payment: points, stored value, cash with change, bank card / QR.

``settle`` checks that the tenders pay the amount due exactly (only cash may
pay more, the excess is change) and splits a stored-value payment into
principal and bonus. ``allocate_to_lines`` spreads every tender over the
sale's lines so that a refund can give each line's share back to the tender
it came from.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from pos_member.domain.errors import (
    BalanceTooLow,
    ChangeTooLarge,
    InvalidAmount,
    MemberRequired,
    OverpaidNonCash,
    TendersDoNotAddUp,
)
from pos_member.domain.ledger import SVBalance, plan_sv_spend
from pos_member.domain.money import Money, allocate
from pos_member.domain.pricing import PricedSale
from pos_member.domain.rules import SpendOrder
from pos_member.domain.text import Text, phrase


class TenderKind(enum.StrEnum):
    CASH = "cash"
    STORED_VALUE = "stored_value"
    POINTS = "points"
    EXTERNAL = "external"  # bank card, WeChat Pay / Alipay QR, taken on another device


#: The method of the points tender that carries the gifts' points (积分兑换).
GIFT_METHOD = "gift"

# How each kind is named in a sentence for a person (translated on screen).
_NAMES = {
    TenderKind.CASH: phrase("cash"),
    TenderKind.STORED_VALUE: phrase("stored value"),
    TenderKind.POINTS: phrase("points"),
    TenderKind.EXTERNAL: phrase("card or QR payment"),
}


def tender_name(kind: TenderKind | str) -> Text:
    """The tender kind's name in a sentence (``cash``, ``stored value``...), translatable."""
    try:
        return Text(_NAMES[TenderKind(kind)])
    except ValueError:  # a kind this version does not know: its code
        return Text("{kind}", kind=str(kind))


@dataclass(frozen=True, slots=True)
class TenderBucket:
    """Where money of a sale is counted: a tender kind and, for some, its method or part.

    ``key`` is its one text form, in shift reports, refund plans, sale details
    and on the wire (``cash``, ``external:wechat``, ``stored_value:principal``);
    ``parse`` reads it back. ``kind`` is a ``TenderKind`` value (a kind from a
    newer version is kept as its code).
    """

    kind: str
    method: str = ""

    @classmethod
    def of(cls, kind: str, method: str | None = None) -> TenderBucket:
        return cls(str(kind), method or "")

    @classmethod
    def parse(cls, key: str) -> TenderBucket:
        kind, _, method = key.partition(":")
        return cls(kind, method)

    @property
    def key(self) -> str:
        return self.kind + (f":{self.method}" if self.method else "")

    def __str__(self) -> str:
        return self.key


@dataclass(frozen=True, slots=True)
class TenderRequest:
    """What the cashier entered: ``amount`` of ``kind`` (cash: the notes handed over)."""

    kind: TenderKind
    amount: Money
    method: str = ""  # for EXTERNAL: "bank_card", "wechat", "alipay"...


@dataclass(frozen=True, slots=True)
class Tender:
    """A tender as applied to the sale."""

    kind: TenderKind
    amount: Money  # what this tender pays of the sale (cash: net of change)
    method: str = ""
    tendered: Money = Money(0)  # cash handed over
    change: Money = Money(0)
    principal: Money = Money(0)  # stored value: parts taken from each bucket
    bonus: Money = Money(0)
    points: int = 0

    @property
    def bucket(self) -> str:
        return TenderBucket.of(self.kind, self.method).key


@dataclass(frozen=True, slots=True)
class Payment:
    tenders: tuple[Tender, ...]
    change: Money

    @property
    def paid(self) -> Money:
        return Money(sum(t.amount.fen for t in self.tenders))

    @property
    def stored_value(self) -> Tender | None:
        return next((t for t in self.tenders if t.kind is TenderKind.STORED_VALUE), None)


def check_change(cash: Money, cash_due: Money, max_change: Money | None) -> None:
    """Cash handed over may exceed what cash pays by at most ``max_change`` (None: no limit)."""
    if max_change is not None and cash.fen and cash - cash_due > max_change:
        raise ChangeTooLarge(tendered=cash, due=cash_due, limit=max_change)


def settle(
    sale: PricedSale,
    requests: list[TenderRequest] | tuple[TenderRequest, ...],
    sv_balance: SVBalance | None = None,
    spend_order: SpendOrder = SpendOrder.PRO_RATA,
    max_change: Money | None = None,
) -> Payment:
    """Apply the cashier's tenders to ``sale``; raise a ``UserFacingError`` if they do not fit.

    ``max_change`` is the most change the till gives (the terminal's setting).
    """
    due = sale.amount_due
    tenders: list[Tender] = []
    as_cash = sale.points_redeemed - sale.gift_points
    if as_cash:
        tenders.append(Tender(TenderKind.POINTS, sale.points_value, points=as_cash))
    if sale.gift_points:  # 积分兑换: the gifts' points, worth no cash of the sale
        tenders.append(Tender(TenderKind.POINTS, Money(0), GIFT_METHOD, points=sale.gift_points))
    for r in requests:
        if r.amount.fen < 0:
            raise InvalidAmount(what=tender_name(r.kind), value=str(r.amount))
        if r.kind is TenderKind.POINTS:
            raise ValueError("points are redeemed through pricing, not as a tender request")
    sv_requests = [r for r in requests if r.kind is TenderKind.STORED_VALUE and r.amount.fen]
    if len(sv_requests) > 1:
        raise ValueError("one stored-value tender per sale")
    non_cash = [r for r in requests if r.kind is not TenderKind.CASH and r.amount.fen]
    cash = Money(sum(r.amount.fen for r in requests if r.kind is TenderKind.CASH))
    non_cash_total = Money(sum(r.amount.fen for r in non_cash))
    if non_cash_total > due:
        big = max(non_cash, key=lambda r: r.amount)
        raise OverpaidNonCash(kind=tender_name(big.kind), amount=big.amount, due=due)
    if non_cash_total + cash < due:
        raise TendersDoNotAddUp(paid=non_cash_total + cash + sale.points_value, due=sale.net_total)
    check_change(cash, due - non_cash_total, max_change)
    for r in non_cash:
        if r.kind is TenderKind.STORED_VALUE:
            if sale.member_id is None or sv_balance is None:
                raise MemberRequired(what="Paying with stored value")
            if r.amount > sv_balance.total:
                raise BalanceTooLow(balance=sv_balance.total, requested=r.amount)
            e = plan_sv_spend("", sv_balance, r.amount, spend_order)
            tenders.append(
                Tender(TenderKind.STORED_VALUE, r.amount, principal=-e.principal, bonus=-e.bonus)
            )
        else:
            tenders.append(Tender(r.kind, r.amount, r.method))
    change = Money(0)
    if cash.fen:
        cash_applied = due - non_cash_total
        change = cash - cash_applied
        if cash_applied.fen:
            tenders.append(Tender(TenderKind.CASH, cash_applied, tendered=cash, change=change))
    return Payment(tuple(tenders), change)


# Buckets a refund gives money back to. Stored value is split so that each
# part goes back to where it came from.
SV_PRINCIPAL = TenderBucket.of(TenderKind.STORED_VALUE, "principal").key
SV_BONUS = TenderBucket.of(TenderKind.STORED_VALUE, "bonus").key
POINTS_VALUE = TenderBucket.of(TenderKind.POINTS).key


def tender_buckets(payment: Payment) -> dict[str, int]:
    """The payment as fen per refund bucket."""
    out: dict[str, int] = {}
    for t in payment.tenders:
        if t.kind is TenderKind.STORED_VALUE:
            out[SV_PRINCIPAL] = out.get(SV_PRINCIPAL, 0) + t.principal.fen
            out[SV_BONUS] = out.get(SV_BONUS, 0) + t.bonus.fen
        elif t.kind is TenderKind.POINTS:
            out[POINTS_VALUE] = out.get(POINTS_VALUE, 0) + t.amount.fen
        else:
            out[t.bucket] = out.get(t.bucket, 0) + t.amount.fen
    return {k: v for k, v in out.items() if v}


def allocate_to_lines(sale: PricedSale, payment: Payment) -> dict[int, dict[str, int]]:
    """Spread each tender over the lines: rows add up to line nets, columns to tenders.

    Points go where pricing put them. The other tenders are taken one at a time,
    each spread over what every line still lacks, in proportion; a part never
    exceeds what its line lacks, so every line ends exactly paid.
    """
    buckets = tender_buckets(payment)
    rows: dict[int, dict[str, int]] = {pl.line_no: {} for pl in sale.lines}
    lacking = {pl.line_no: pl.net.fen for pl in sale.lines}
    for pl in sale.lines:
        if pl.points_value.fen:
            rows[pl.line_no][POINTS_VALUE] = pl.points_value.fen
            lacking[pl.line_no] -= pl.points_value.fen
    order = [pl.line_no for pl in sale.lines]
    for bucket, amount in buckets.items():
        if bucket == POINTS_VALUE:
            continue
        parts = allocate(amount, [max(lacking[n], 0) for n in order])
        for n, part in zip(order, parts, strict=True):
            if part:
                rows[n][bucket] = rows[n].get(bucket, 0) + part
                lacking[n] -= part
    if any(lacking.values()):
        raise AssertionError(f"tenders do not cover the lines: {lacking}")
    return rows
