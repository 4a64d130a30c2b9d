"""Wire shape of the closure quote: a till asks head office before a 退卡.

A till that has events of the card not yet pushed, or that is unsure another
store has not spent from it, asks head office what its books say: the balance
(principal and bonus), the refund under 法释〔2025〕4号's pro-rata rule, whether
cash is allowed, the holds still open (spends authorised at other counters and
not yet pushed), and an earlier closure of the card if there was one (a second
退卡 shows the first result). Amounts are integer fen.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

CLOSURE_QUOTE_PATH = "/sync/prepaid/closure-quote"

Fen = Annotated[int, Field(ge=-(10**12), le=10**12)]


class EarlierClosure(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    event_id: str
    store_id: str
    business_date: str
    refund_fen: Fen
    refund_method: str | None = None


class ClosureQuote(BaseModel):
    """Head office's figures for closing a card now (``prepaid.closure_quote``)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    member_id: int
    card_number: str
    #: Head office's confirmed balance (may be negative after an overdraft).
    principal_fen: Fen
    bonus_fen: Fen
    balance_fen: Fen
    #: 法释〔2025〕4号: spent counts against the principal at paid ÷ (paid + bonus).
    paid_in_fen: Fen
    bonus_given_fen: Fen
    spent_fen: Fen
    spent_from_principal_fen: Fen
    refund_fen: Fen
    bonus_forfeited_fen: Fen
    #: Cash only for a balance up to this (¥100 by default); above it, a transfer to the
    #: holder's bank account.
    cash_refund_max_fen: Fen
    cash_allowed: bool
    #: Stored value in holds open on the member: spends authorised at a counter and
    #: not yet pushed.
    pending_hold_fen: Fen
    #: Wait (or ask again) before closing: a hold is open or the balance is below zero.
    wait: bool
    balance_version: int
    closed: EarlierClosure | None = None
    as_of: str
