"""The port through which a refund finds a sale of another store of the chain.

A receipt not in this till's store may be of another store: head office keeps
every sale's lines, tenders and ledger effects (``headoffice.books``). The
refund service calls a ``SaleLookup``; the sync package implements it over its
HTTP client (``sync.sale_lookup.HeadOfficeSaleLookup``) and the composition
root injects it (``Context.sale_lookup``), so the services never import sync.

``find`` answers a ``RemoteSale``; ``None`` when head office has no such sale
(or there is no head office to ask); ``Offline`` when it did not answer in time.
``remote_record`` turns a ``RemoteSale`` into the planner's ``SaleRecord``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from pos_member.domain.authorise import Offline
from pos_member.domain.money import Money, allocate
from pos_member.domain.refund import SaleRecord, SoldLine
from pos_member.domain.tenders import POINTS_VALUE, SV_BONUS, SV_PRINCIPAL


@dataclass(frozen=True, slots=True)
class RemoteLine:
    line_no: int
    product_code: str
    name: str
    units: int  # pieces, or grams of a weighed line
    net_fen: int
    points_earned: int
    points_paid: int
    returned_units: int  # by refunds head office has


@dataclass(frozen=True, slots=True)
class RemoteSale:
    sale_id: str
    store_id: str
    receipt_no: str
    member_id: int | None
    total_fen: int
    tenders: Mapping[str, int]  # fen per tender kind
    sv_principal_fen: int  # as applied to the member: a payment is negative
    sv_bonus_fen: int
    lines: tuple[RemoteLine, ...]
    #: The refunds head office has of it: refund id -> line number -> units back.
    refunds: Mapping[str, Mapping[int, int]]

    @property
    def refund_ids(self) -> frozenset[str]:
        return frozenset(self.refunds)


class SaleLookup(Protocol):
    def find(self, receipt_no: str) -> RemoteSale | Offline | None:
        """The sale of the chain with this receipt number, as head office has it."""
        ...


def _buckets(sale: RemoteSale) -> dict[str, int]:
    out: dict[str, int] = {}
    for kind, fen in sorted(sale.tenders.items()):
        if kind == "stored_value" or not fen:
            continue
        out[POINTS_VALUE if kind == "points" else kind] = fen
    if sale.sv_principal_fen:
        out[SV_PRINCIPAL] = -sale.sv_principal_fen
    if sale.sv_bonus_fen:
        out[SV_BONUS] = -sale.sv_bonus_fen
    return out


def _capped(amount: int, weights: list[int], room: list[int]) -> list[int]:
    """``amount`` in proportion to ``weights``, no part above its ``room``: what a part
    cannot take goes to the next parts with room, in order."""
    parts = allocate(min(amount, sum(room)), weights)
    excess = 0
    for i, r in enumerate(room):
        if parts[i] > r:
            excess += parts[i] - r
            parts[i] = r
    for i, r in enumerate(room):
        take = min(excess, r - parts[i])
        parts[i] += take
        excess -= take
    return parts


def remote_record(sale: RemoteSale, refunded_here: Mapping[int, int]) -> SaleRecord:
    """The sale as the refund planner's ``SaleRecord``.

    Head office keeps what each tender kind took, not each line's share: the
    shares are spread again as checkout spreads them (``tenders.allocate_to_lines``):
    points value over the lines that spent points, then each other tender over
    what every line still lacks. The spread depends only on what head office
    keeps, so every refund of the sale sees the same shares and the cumulative
    floors of ``plan_refund`` never give a tender more than it took.
    ``refunded_here`` adds the units of this till's refunds head office has not
    seen yet to the lines' ``returned_units``.
    """
    lines = sorted(sale.lines, key=lambda ln: ln.line_no)
    rows: dict[int, dict[str, int]] = {ln.line_no: {} for ln in lines}
    lacking = {ln.line_no: ln.net_fen for ln in lines}
    buckets = _buckets(sale)
    points_value = buckets.pop(POINTS_VALUE, 0)
    if points_value and lines:
        room = [max(ln.net_fen, 0) for ln in lines]
        parts = _capped(points_value, [max(ln.points_paid, 0) for ln in lines], room)
        for ln, part in zip(lines, parts, strict=True):
            if part:
                rows[ln.line_no][POINTS_VALUE] = part
                lacking[ln.line_no] -= part
    for bucket, amount in buckets.items():
        if not lines:
            break
        weights = [max(lacking[ln.line_no], 0) for ln in lines]
        if not any(weights):
            break
        spread = allocate(min(amount, sum(weights)), weights)
        for ln, part in zip(lines, spread, strict=True):
            if part:
                rows[ln.line_no][bucket] = part
                lacking[ln.line_no] -= part
    return SaleRecord(
        sale_id=sale.sale_id,
        member_id=str(sale.member_id) if sale.member_id is not None else None,
        lines=tuple(
            SoldLine(
                line_no=ln.line_no,
                units=ln.units,
                net=Money(ln.net_fen),
                buckets=rows[ln.line_no],
                points_paid=ln.points_paid,
                points_earned=ln.points_earned,
            )
            for ln in lines
        ),
        refunded_units={
            ln.line_no: ln.returned_units + refunded_here.get(ln.line_no, 0)
            for ln in lines
            if ln.returned_units + refunded_here.get(ln.line_no, 0)
        },
    )
