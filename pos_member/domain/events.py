"""The names of the events a till writes to its outbox for head office: one enum.

Every outbox builder (``uow.outbox(EventKind..., payload)``), the wire schemas
(``wire.schemas``: one payload model per applied kind) and head office's push
handlers key on these. ``RECORDED_ONLY`` kinds carry no ledger effect: head
office records them as they are and applies nothing.
"""

from __future__ import annotations

import enum


class EventKind(enum.StrEnum):
    SALE = "sale.completed"
    REFUND = "refund.completed"
    RECHARGE = "recharge.completed"
    MEMBER_REGISTERED = "member.registered"
    CARD_ISSUED = "card.issued"
    CARD_LOST = "card.reported_lost"
    CARD_FOUND = "card.found"
    CARD_REPLACED = "card.replaced"
    MEMBER_TIER_CHANGED = "member.tier_changed"
    MEMBER_UPDATED = "member.updated"
    COUPON_ISSUED = "coupon.issued"
    POINTS_EXPIRED = "points.expired"
    POINTS_ADJUSTED = "points.adjusted"
    SV_ADJUSTED = "stored_value.adjusted"
    PAY_PIN_SET = "member.pay_pin_set"
    PAY_PIN_FAILED = "member.pay_pin_failed"
    #: A manager ended a member's PIN lock at a till: head office ends it chain-wide.
    PAY_PIN_UNLOCKED = "member.pay_pin_unlocked"
    CARD_FEE = "card.fee"
    COUNT_CARD_USED = "count_card.used"
    SHIFT_CLOSED = "shift.closed"
    #: An unused recharge refunded in full within the region's cooling-off window.
    RECHARGE_REVERSED = "recharge.reversed"
    #: 退卡: a stored-value card closed and its refundable balance paid out.
    CARD_CLOSED = "card.closed"
    #: A member code (会员码) taken at the counter: head office flags one taken twice.
    MEMBER_CODE_USED = "member.code_used"
    #: A member gave or withdrew a consent (marketing messages...) at a till (issue 18):
    #: head office's consent log takes it (``{member_id, purpose, granted, channel,
    #: text_version, at}``).
    CONSENT_CHANGED = "consent_changed"


#: Kinds head office records without applying anything (no payload model, no ledger).
RECORDED_ONLY: frozenset[EventKind] = frozenset({EventKind.SHIFT_CLOSED})
#: Kinds head office validates and applies.
APPLIED: frozenset[EventKind] = frozenset(EventKind) - RECORDED_ONLY
