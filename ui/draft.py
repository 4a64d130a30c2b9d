"""The sale being rung up, as the cashier entered it (codes and quantities, nothing priced).

This is screen state: which products, how many, which member, which coupons.
Prices, discounts and totals come back from ``pos_member`` for the draft
each time it changes. The sale id is chosen when the draft starts, so a
second press of the pay key can never pay the same sale twice.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace


@dataclass(frozen=True, slots=True)
class DraftLine:
    line_no: int
    code: str  # the product's in-store code
    quantity: int = 1
    weight_g: int | None = None  # weighed goods
    weighed: bool = False  # sold by weight: needs ``weight_g`` before it can be priced


@dataclass(frozen=True, slots=True)
class Draft:
    sale_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    lines: tuple[DraftLine, ...] = ()
    member_id: int | None = None
    coupons: tuple[str, ...] = ()
    # The card presented for the member (None: identified by phone) and its secure
    # issuance counter: checkout checks that card again when the sale is paid.
    card_id: int | None = None
    card_counter: int | None = None
    id_method: str | None = None  # how the member was identified (the sale event says)

    @property
    def empty(self) -> bool:
        return not self.lines

    def next_line_no(self) -> int:
        return max((ln.line_no for ln in self.lines), default=0) + 1

    def add(self, line: DraftLine) -> Draft:
        return replace(self, lines=(*self.lines, line))

    def with_quantity(self, line_no: int, quantity: int | None, weight_g: int | None) -> Draft:
        lines = tuple(
            replace(
                ln, quantity=quantity if quantity is not None else ln.quantity, weight_g=weight_g
            )
            if ln.line_no == line_no
            else ln
            for ln in self.lines
        )
        return replace(self, lines=lines)

    def without(self, line_no: int) -> Draft:
        return replace(self, lines=tuple(ln for ln in self.lines if ln.line_no != line_no))

    def with_member(
        self,
        member_id: int | None,
        card_id: int | None = None,
        card_counter: int | None = None,
        id_method: str | None = None,
    ) -> Draft:
        return replace(
            self,
            member_id=member_id,
            card_id=card_id,
            card_counter=card_counter,
            id_method=id_method,
            coupons=() if member_id is None else self.coupons,
        )

    def with_coupons(self, coupons: tuple[str, ...]) -> Draft:
        return replace(self, coupons=coupons)
