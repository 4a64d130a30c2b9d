"""The manager's list of the store's promotions in force: what runs now, for whom, until when.

``active_promotions`` reads the programme version in force (the one the till
prices by, ``Context.rules``) and keeps the promotions that run at this moment
in this store (their dates, days and hours, and their stores); each row holds
the promotion's own data for the screen to word. Versions this till refused
(a kind it does not know) come with it, with why.
"""

from __future__ import annotations

from dataclasses import dataclass

from pos_member.domain.promotions import Promotion
from pos_member.services.context import Context

TESTED_IN = "tests/gui/manager/test_promotions.py"


@dataclass(frozen=True, slots=True)
class PromotionsInForce:
    version: int
    promotions: tuple[Promotion, ...]
    refused: tuple[tuple[int, str], ...] = ()  # (version, why) the till could not read


def active_promotions(ctx: Context) -> PromotionsInForce:
    with ctx.store.reading() as s:
        version, rules = ctx.rules(s)
    now, store = ctx.now(), ctx.settings.store_id
    running = tuple(
        p
        for p in rules.promotions
        if p.window.holds(now) and (not p.audience.stores or store in p.audience.stores)
    )
    return PromotionsInForce(version, running, tuple(sorted(ctx.refused_rules.items())))
