"""Wire schema of a sale of the chain looked up by receipt number.

A till asked to refund a receipt it does not have (sold at another store)
asks head office for it (``GET /api/v1/sales/by-receipt/{receipt_no}``): the
lines, what each tender kind took, the stored-value and points effects, and
what earlier refunds already gave back, so that it plans the refund exactly
as for a receipt of its own. Amounts are integers of fen, signed as in
``schemas.SalePayload``.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

SALES_PATH = "/sales"


class ChainSaleLine(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    line_no: int
    product_code: str = ""
    #: The product's name in head office's catalogue ("" when it has none).
    name: str = ""
    #: Pieces, or grams of a weighed line.
    units: int
    net_fen: int = 0
    points_earned: int = 0
    points_paid: int = 0
    #: Units earlier refunds (at any store) gave back.
    returned_units: int = 0


class ChainRefund(BaseModel):
    """A refund head office has of the sale: which lines, how many units back."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    refund_id: str
    store_id: str
    lines: Annotated[list[ChainSaleLine], Field(default_factory=list)]


class ChainSale(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    sale_id: str
    store_id: str
    terminal_id: str
    receipt_no: str
    business_date: str
    member_id: int | None = None
    total_fen: int
    #: Fen each tender kind took (cash, stored_value, points, external).
    tenders: dict[str, int] = Field(default_factory=dict)
    #: As applied to the member: a stored-value payment is negative.
    sv_principal_fen: int = 0
    sv_bonus_fen: int = 0
    points_earned: int = 0
    points_redeemed: int = 0
    lines: Annotated[list[ChainSaleLine], Field(default_factory=list)]
    #: The refunds head office has of this sale, and what they gave back (positive):
    #: in all, per tender kind, to stored value, and in points.
    refunds: Annotated[list[ChainRefund], Field(default_factory=list)]
    returned_fen: int = 0
    returned_tenders: dict[str, int] = Field(default_factory=dict)
    returned_sv_principal_fen: int = 0
    returned_sv_bonus_fen: int = 0
    points_taken_back: int = 0
    points_given_back: int = 0


class LastReceipt(BaseModel):
    """The last receipt number head office holds of the asking terminal (``None``: none
    yet). A till restored from a backup moves its counter past it."""

    model_config = ConfigDict(extra="forbid")

    receipt_no: str | None = None
