"""Wire schemas of online authorisation: a till asks head office to hold a member's
stored value and points for one sale before it takes the payment.

Amounts are integers of fen within bounds. A refusal for want of balance is
an answer, not an error: the reply says ``granted: false`` and what head
office could hold, so the till can tell the cashier in numbers.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from pos_member.wire.schemas import UUID_RE

HOLDS_PATH = "/holds"

UuidStr = Annotated[str, StringConstraints(pattern=UUID_RE)]
HoldFen = Annotated[int, Field(ge=0, le=10**12)]
HoldPoints = Annotated[int, Field(ge=0, le=10**10)]


class HoldRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    member_id: Annotated[int, Field(ge=1, le=2**53)]
    #: The sale the hold is for (``checkout.new_sale_id``); asking again for the same
    #: sale replaces the earlier hold, and the pushed sale settles every hold it has.
    sale_id: UuidStr
    stored_value_fen: HoldFen = 0
    points: HoldPoints = 0


class HoldResponse(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    granted: bool
    #: Present when granted: name it in the sale event (``hold_id``) to capture it.
    hold_id: UuidStr | None = None
    expires_at: str | None = None
    #: What head office could hold for this member now (balance less other holds).
    available_fen: int
    available_points: int


class HoldState(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    hold_id: UuidStr
    state: Literal["held", "captured", "released"]
