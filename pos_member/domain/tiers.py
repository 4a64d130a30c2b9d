"""Tier evaluation: upgrade at once on qualifying spend, downgrade only at review."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from pos_member.domain.money import Money
from pos_member.domain.rules import ProgrammeRules, Tier

TESTED_IN = "tests/unit/domain/test_ledgers_tiers.py"


class TierChange(enum.StrEnum):
    KEEP = "keep"
    UPGRADE = "upgrade"
    DOWNGRADE = "downgrade"


@dataclass(frozen=True, slots=True)
class TierDecision:
    old: str
    new: str
    change: TierChange
    window_spend: Money


def qualifying_tier(rules: ProgrammeRules, window_spend: Money) -> Tier:
    """The highest tier whose threshold the spend in the window reaches."""
    reached = [t for t in rules.tiers if window_spend >= t.upgrade_spend]
    return max(reached, key=lambda t: t.rank) if reached else rules.base_tier


def evaluate_tier(
    rules: ProgrammeRules, current: str, window_spend: Money, at_review: bool
) -> TierDecision:
    """Upgrade whenever the spend qualifies; move down only when ``at_review``."""
    cur = rules.tier(current)
    q = qualifying_tier(rules, window_spend)
    if q.rank > cur.rank:
        return TierDecision(current, q.code, TierChange.UPGRADE, window_spend)
    if at_review and q.rank < cur.rank:
        return TierDecision(current, q.code, TierChange.DOWNGRADE, window_spend)
    return TierDecision(current, current, TierChange.KEEP, window_spend)


def progress_to_next(
    rules: ProgrammeRules, current: str, window_spend: Money
) -> tuple[Tier, Money] | None:
    """The next tier up and the spend still missing, or None at the top."""
    cur = rules.tier(current)
    higher = sorted((t for t in rules.tiers if t.rank > cur.rank), key=lambda t: t.rank)
    if not higher:
        return None
    nxt = higher[0]
    return nxt, max(nxt.upgrade_spend - window_spend, Money(0))
