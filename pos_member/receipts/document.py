"""The receipt document: what a receipt says, independent of paper, printer or screen.

One frozen value per receipt (sale, refund, recharge, count-card use, shift X/Z
report). Renderers (PDF, ESC/POS, plain text) only lay it out; every total on
the receipt is computed here from its lines, so a receipt can never show a
total its lines do not add up to. Member data enters already masked: the
document never holds a full phone number or name.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal

from pos_member.domain.cards import mask_card, mask_name, mask_phone
from pos_member.domain.money import Money, total


class ReceiptKind(enum.StrEnum):
    SALE = "sale"
    REFUND = "refund"
    RECHARGE = "recharge"
    COUNT_CARD = "count_card"
    SHIFT_X = "shift_x"
    SHIFT_Z = "shift_z"
    RECHARGE_REVERSAL = "recharge_reversal"
    CARD_CLOSURE = "card_closure"
    DAY_CLOSE = "day_close"

    @property
    def heading(self) -> str:
        return _TITLES[self]

    @property
    def pays_back(self) -> bool:
        """Money goes back to the customer (amounts negative, shown as "退回")."""
        return self in (ReceiptKind.REFUND, ReceiptKind.RECHARGE_REVERSAL, ReceiptKind.CARD_CLOSURE)

    @property
    def is_shift_report(self) -> bool:
        return self in (ReceiptKind.SHIFT_X, ReceiptKind.SHIFT_Z, ReceiptKind.DAY_CLOSE)


_TITLES = {
    ReceiptKind.SALE: "销售小票",
    ReceiptKind.REFUND: "退货小票",
    ReceiptKind.RECHARGE: "充值凭证",
    ReceiptKind.COUNT_CARD: "计次卡消费凭证",
    ReceiptKind.SHIFT_X: "X 班结报表（未结班）",
    ReceiptKind.SHIFT_Z: "交班单（Z 班结报表）",
    ReceiptKind.RECHARGE_REVERSAL: "充值撤销凭证",
    ReceiptKind.CARD_CLOSURE: "退卡凭证",
    ReceiptKind.DAY_CLOSE: "日结报表",
}

#: What a recharge receipt says of its invoice: a prepaid card's recharge is not a
#: sale (no VAT now); it gets a "不征税" ordinary invoice, never a special VAT invoice.
RECHARGE_TAX_NOTE = "预付卡充值（不征税）"


def _printable_ascii(text: str) -> bool:
    return bool(text) and all(" " <= ch <= "~" for ch in text)


@dataclass(frozen=True, slots=True)
class StoreHeader:
    name: str
    address: str = ""
    phone: str = ""
    tax_id: str = ""


@dataclass(frozen=True, slots=True)
class Adjustment:
    """One change to a price with its reason, e.g. ("金卡 95折", -¥1.50)."""

    reason: str
    amount: Money


@dataclass(frozen=True, slots=True)
class ReceiptLine:
    name: str
    quantity: Decimal
    unit_price: Money
    amount: Money  # before adjustments; pricing decides how quantity × price rounds
    adjustments: tuple[Adjustment, ...] = ()
    code: str = ""
    unit: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.quantity, Decimal):
            object.__setattr__(self, "quantity", Decimal(str(self.quantity)))

    @property
    def net(self) -> Money:
        return self.amount + total([a.amount for a in self.adjustments])

    def quantity_text(self) -> str:
        q = self.quantity.normalize()
        text = f"{q:f}"
        return text + self.unit

    @property
    def weighed(self) -> bool:
        """Sold by weight: the quantity is a measure (``unit`` such as kg), not a count.

        A quantity with a fraction is a measure too, whatever the unit says.
        """
        return bool(self.unit) or self.quantity != self.quantity.to_integral_value()

    @property
    def pieces(self) -> int:
        """What this line adds to the receipt's 件数: see ``ReceiptDocument.item_count``."""
        return 1 if self.weighed else int(abs(self.quantity))


@dataclass(frozen=True, slots=True)
class Tender:
    """One way the customer paid (or, on a refund, was paid back)."""

    method: str  # person-readable: 现金, 储值, 微信, 积分抵现...
    amount: Money
    reference: str = ""  # e.g. the last digits of a payment reference
    is_cash: bool = False  # cash opens the drawer
    #: Paid from stored value: invoiced at the recharge, not again on the sale.
    stored_value: bool = False


@dataclass(frozen=True, slots=True)
class TierProgress:
    """How far the member is from the next tier, in whatever the programme counts."""

    next_tier: str
    spend_needed: Money | None = None
    points_needed: int | None = None
    visits_needed: int | None = None


@dataclass(frozen=True, slots=True)
class MemberSection:
    """The member's statement. Holds masked values only; build it with ``masked()``."""

    name_masked: str
    phone_masked: str
    card_masked: str
    tier: str
    points_earned: int = 0
    points_spent: int = 0
    points_balance: int | None = None
    points_expiring: int = 0
    points_expiring_on: date | None = None
    stored_value_before: Money | None = None
    stored_value_after: Money | None = None
    progress: TierProgress | None = None
    #: An anonymous card's (不记名卡) number and expiry as on its face: its holder is no
    #: person, so the section prints only the card and its balance (no name, tier, points).
    anonymous_card: tuple[str, str] | None = None

    @classmethod
    def masked(
        cls,
        *,
        name: str,
        phone: str,
        card_number: str,
        tier: str,
        points_earned: int = 0,
        points_spent: int = 0,
        points_balance: int | None = None,
        points_expiring: int = 0,
        points_expiring_on: date | None = None,
        stored_value_before: Money | None = None,
        stored_value_after: Money | None = None,
        progress: TierProgress | None = None,
        anonymous_card: tuple[str, str] | None = None,
    ) -> MemberSection:
        return cls(
            name_masked=mask_name(name),
            phone_masked=mask_phone(phone) if phone else "",
            card_masked=mask_card(card_number) if card_number else "",
            tier=tier,
            points_earned=points_earned,
            points_spent=points_spent,
            points_balance=points_balance,
            points_expiring=points_expiring,
            points_expiring_on=points_expiring_on,
            stored_value_before=stored_value_before,
            stored_value_after=stored_value_after,
            progress=progress,
            anonymous_card=anonymous_card,
        )


@dataclass(frozen=True, slots=True)
class RechargeInfo:
    principal: Money
    bonus: Money = field(default_factory=Money.zero)


@dataclass(frozen=True, slots=True)
class CountCardUse:
    card_name: str  # e.g. "洗车10次卡"
    used: int
    remaining: int
    expires_on: date | None = None


@dataclass(frozen=True, slots=True)
class SummaryRow:
    """One row of a shift report: a label with a count and/or an amount."""

    label: str
    amount: Money | None = None
    count: int | None = None
    text: str = ""  # a value that is neither (a time, a name)


@dataclass(frozen=True, slots=True)
class ReceiptDocument:
    kind: ReceiptKind
    receipt_no: str
    store: StoreHeader
    terminal: str
    cashier: str
    issued_at: datetime
    lines: tuple[ReceiptLine, ...] = ()
    order_adjustments: tuple[Adjustment, ...] = ()  # coupons, whole-sale discounts
    rounding: Money = field(default_factory=Money.zero)  # 抹零, zero or negative
    tenders: tuple[Tender, ...] = ()
    change: Money = field(default_factory=Money.zero)
    member: MemberSection | None = None
    recharge: RechargeInfo | None = None
    count_card: CountCardUse | None = None
    summary: tuple[SummaryRow, ...] = ()  # shift reports
    original_receipt_no: str = ""  # refunds: the sale they undo
    #: A heading other than the kind's (a refund without a receipt: 退货凭证（无单）).
    heading: str = ""
    #: Label and value rows printed after the totals (a 退卡's calculation, an ID masked).
    notes: tuple[tuple[str, str], ...] = ()
    #: Centred lines after the totals (a recharge's ``RECHARGE_TAX_NOTE``).
    remarks: tuple[str, ...] = ()
    footer: tuple[str, ...] = ()
    copy: bool = False

    def __post_init__(self) -> None:
        if not _printable_ascii(self.receipt_no):
            # The number is printed as Code 128 and typed back at refunds.
            raise ValueError(f"receipt number must be printable ASCII: {self.receipt_no!r}")
        if self.change.is_negative():
            raise ValueError("change cannot be negative")
        if self.tenders and not self.kind.is_shift_report:
            paid = total([t.amount for t in self.tenders])
            if paid - self.change != self.total:
                raise ValueError(
                    f"receipt {self.receipt_no}: tenders {paid} minus change {self.change} "
                    f"do not match the total {self.total}"
                )

    @property
    def subtotal(self) -> Money:
        return total([line.amount for line in self.lines])

    @property
    def discount_total(self) -> Money:
        """All adjustments (line and order level), negative when they reduce the price."""
        line_adj = [a.amount for line in self.lines for a in line.adjustments]
        return total([*line_adj, *(a.amount for a in self.order_adjustments)])

    @property
    def total(self) -> Money:
        return self.subtotal + self.discount_total + self.rounding

    @property
    def paid(self) -> Money:
        return total([t.amount for t in self.tenders])

    @property
    def stored_value_paid(self) -> Money:
        """What stored value paid of this sale (the part not invoiced again)."""
        return total([t.amount for t in self.tenders if t.stored_value])

    @property
    def invoiceable(self) -> Money:
        """The amount an invoice of this sale may show: the total less stored value."""
        return self.total - self.stored_value_paid

    @property
    def takes_cash(self) -> bool:
        return any(t.is_cash for t in self.tenders)

    @property
    def item_count(self) -> int:
        """件数: the pieces sold, each weighed line counted as one item.

        Counted goods add their quantity (3 bottles are 3); a weighed line adds
        1 whatever it weighs (0.456 kg of apples is one bag of apples, not
        0.456 of an item), so 3 bottles and a bag of apples print "件数 4".
        Adding kilograms to pieces ("3.456") means nothing to the customer
        checking the bag. The cashier screen's item count (ui/backend.py) counts
        the same way, so the screen and the receipt agree.
        """
        return sum(line.pieces for line in self.lines)

    def as_copy(self) -> ReceiptDocument:
        """The same receipt marked 副本/COPY, for reprints of a receipt already handed out."""
        return replace(self, copy=True)
