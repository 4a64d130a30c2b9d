"""What the screens show, as small immutable values.

The adapter (``ui.backend``) turns the services' results into these; widgets
only render them. Every number in here was computed by ``pos_member``: the UI
formats, it never calculates a price, a discount or a balance.
"""

from __future__ import annotations

from dataclasses import dataclass

from pos_member.domain.money import Money
from ui.draft import Draft


@dataclass(frozen=True, slots=True)
class MemberView:
    member_id: str
    masked_name: str
    masked_phone: str
    masked_card: str
    tier_code: str
    tier_name: str
    tier_colour: str
    balance: Money
    points: int
    coupons: tuple[str, ...] = ()  # names of the coupons the member may use today
    coupon_codes: tuple[str, ...] = ()  # their codes, same order
    birthday: bool = False
    points_expiring: int = 0
    points_expiring_on: str = ""
    count_cards: tuple[str, ...] = ()  # "洗车10次卡 7/10" style lines
    # Owed after a confirmed overdraft (two stores spent one balance offline): shown in red;
    # ``balance`` and ``points`` are then what is left to spend, the debt netted off.
    owed: Money = Money(0)
    points_owed: int = 0
    card_id: int | None = None  # the card presented (None: found by phone); paid with it
    card_counter: int | None = None  # its verified secure issuance counter
    id_method: str | None = None  # how the member was identified (an IdKind value)


@dataclass(frozen=True, slots=True)
class LineView:
    line_no: int
    code: str
    name: str
    quantity_text: str  # "2" or "0.532 kg"
    unit_price: Money
    original: Money
    net: Money
    # Every adjustment as pricing explained it: (kind, reason, reference, amount).
    reasons: tuple[tuple[str, str, str, Money], ...]
    weighed: bool = False


@dataclass(frozen=True, slots=True)
class SaleView:
    lines: tuple[LineView, ...]
    original_total: Money
    net_total: Money
    savings: Money
    amount_due: Money
    points_earned: int
    item_count: int
    coupons: tuple[str, ...] = ()
    # The promotions that changed the sale, in the words on its lines (满100减20, 第2件半价),
    # and the nearest spend promotion not yet reached: what is missing and what it gives.
    promotions: tuple[str, ...] = ()
    hint_missing: Money | None = None
    hint_reward: str = ""

    @classmethod
    def empty(cls) -> SaleView:
        z = Money(0)
        return cls((), z, z, z, z, 0, 0)


@dataclass(frozen=True, slots=True)
class PaymentResult:
    receipt_no: str
    sale_id: str
    paid: Money
    change: Money
    points_earned: int
    member_balance: Money | None
    member_points: int | None
    print_error: str = ""


@dataclass(frozen=True, slots=True)
class SyncView:
    online: bool
    waiting: int
    last_sync: str  # local time text or ""
    detail: str = ""
    clock: str = ""  # the PC's clock off head office's, in words, or ""
    disk: str = ""  # the disk nearly full, in words, or ""


@dataclass(frozen=True, slots=True)
class RefundLineView:
    line_no: int
    name: str
    sold: int
    remaining: int
    net: Money
    weighed: bool = False


@dataclass(frozen=True, slots=True)
class RefundPreview:
    goods_value: Money
    cash_back: Money
    other_back: Money  # bank card / QR, paid back on the other device
    sv_principal: Money
    sv_bonus: Money
    points_given_back: int
    points_taken_back: int
    shortfall_deducted: Money
    #: The stored value back would pass the member's card's cap (``sv_cap``, ``sv_room``
    #: left): it goes to one of ``sv_cards`` (named cards in the member's name that take
    #: it: number, masked number, room left), or, with none, nowhere yet.
    sv_over_cap: bool = False
    sv_cap: Money = Money(0)
    sv_room: Money = Money(0)
    sv_cards: tuple[tuple[str, str, Money], ...] = ()


@dataclass(frozen=True, slots=True)
class ReceiptForRefund:
    sale_id: str
    receipt_no: str
    member_masked: str
    lines: tuple[RefundLineView, ...]


@dataclass(frozen=True, slots=True)
class RechargePreview:
    amount: Money
    bonus: Money
    balance_after: Money
    real_name: bool = False  # the law wants the buyer's real-name record with it
    no_cash_person: Money | None = None
    no_cash_company: Money | None = None


@dataclass(frozen=True, slots=True)
class HeldView:
    """One held sale in the recall list."""

    sale_id: str
    time_text: str  # local time, "14:32" today, "11-22 18:05" before
    member_text: str  # masked name, "" without a member
    line_count: int
    summary: str
    staff_id: str = ""
    amount: Money | None = None  # priced now; None when it cannot be priced any more


@dataclass(frozen=True, slots=True)
class RecalledView:
    """A recalled held sale, priced again, ready to go back on screen."""

    draft: Draft
    sale: SaleView
    member: MemberView | None
    time_text: str
    waiting: int  # held sales still waiting
    dropped: tuple[str, ...] = ()  # product codes whose lines were left out
    coupons_dropped: tuple[str, ...] = ()  # coupons no longer usable
    member_lost: bool = False  # the member could not be identified again
    overrides_dropped: bool = False  # 改价/整单折扣 off: their approver may no longer approve
