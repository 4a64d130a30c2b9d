"""How far each staff role may correct a member's balances: one definition.

A manual adjustment of points or stored value needs a supervisor or a manager
(the till's ``services.adjustments`` asks for the approval). The same limits
are checked twice: at the counter before the adjustment is written, and at
head office before a pushed ``points.adjusted`` / ``stored_value.adjusted`` is
applied, so a forged event cannot exceed what its approver could have done.
"""

from __future__ import annotations

from dataclasses import dataclass

TESTED_IN = "tests/services/test_adjustments.py"

#: The largest points adjustment anyone may make (the till's own cap).
MAX_POINTS_ADJUSTMENT = 10_000_000


@dataclass(frozen=True, slots=True)
class AdjustmentLimit:
    #: The largest number of points (added or taken) in one adjustment.
    points: int
    #: The largest stored-value change (principal plus bonus, either way) in one adjustment.
    stored_value_fen: int


#: Per role label (``services.context.Role.label``); a cashier approves nothing.
ADJUSTMENT_LIMITS: dict[str, AdjustmentLimit] = {
    "cashier": AdjustmentLimit(points=0, stored_value_fen=0),
    "supervisor": AdjustmentLimit(points=100_000, stored_value_fen=500_000),
    "manager": AdjustmentLimit(points=MAX_POINTS_ADJUSTMENT, stored_value_fen=10_000_000),
}


def adjustment_limit(role: str) -> AdjustmentLimit:
    """The limit of ``role`` (an unknown role may approve nothing)."""
    return ADJUSTMENT_LIMITS.get(role, ADJUSTMENT_LIMITS["cashier"])


def points_within(role: str, delta: int) -> bool:
    return delta != 0 and abs(delta) <= adjustment_limit(role).points


def stored_value_within(role: str, principal_fen: int, bonus_fen: int) -> bool:
    return (principal_fen or bonus_fen) != 0 and abs(principal_fen) + abs(
        bonus_fen
    ) <= adjustment_limit(role).stored_value_fen
