"""Installing a version of the programme rules (from head office, or the demo seed)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from pos_member.domain.errors import ValidationError
from pos_member.domain.rules import ProgrammeRules, VersionWindow
from pos_member.store.db import UnitOfWork
from pos_member.store.models import ProgrammeRules as RulesRow
from pos_member.store.models import Tier

TESTED_IN = "tests/services/test_rules_in_force.py"


def install_rules(
    uow: UnitOfWork,
    rules: ProgrammeRules,
    effective_from: str,
    effective_until: str | None = None,
) -> None:
    """Store ``rules`` as its version's document and bring the tiers table in line.

    The version is in force from ``effective_from`` to ``effective_until``
    (business dates, inclusive; None: until a later version starts), as
    ``Context.rules`` reads it. Versions only go up: an older or equal version
    is refused, so a replayed sync page cannot roll the rules back.
    """
    check_window(effective_from, effective_until)
    s = uow.session
    newest = s.scalar(select(RulesRow.version).order_by(RulesRow.version.desc()))
    if newest is not None and rules.version <= newest:
        raise ValidationError(
            field="programme rules",
            problem="version {version} is not newer than the installed {newest}",
            version=rules.version,
            newest=newest,
        )
    s.add(
        RulesRow(
            version=rules.version,
            effective_from=effective_from,
            effective_until=effective_until,
            document=rules.to_dict(),
            created_at=uow.now,
        )
    )
    existing = {t.code: t for t in s.scalars(select(Tier))}
    # Ranks are unique: park them out of the way before renumbering.
    for i, t in enumerate(existing.values()):
        t.rank = -1 - i
    s.flush()
    for tier in rules.tiers:
        row = existing.get(tier.code)
        if row is None:
            s.add(Tier(code=tier.code, name=tier.name, rank=tier.rank))
        else:
            row.name, row.rank = tier.name, tier.rank
    uow.audit("rules.install", staff_id=None, subject=str(rules.version))


def check_window(effective_from: str, effective_until: str | None) -> None:
    """A version's window: ISO dates, and it does not end before it starts."""
    try:
        since = date.fromisoformat(effective_from)
        until = date.fromisoformat(effective_until) if effective_until is not None else None
    except ValueError:
        raise ValidationError(
            field="programme rules", problem="the dates of a version are YYYY-MM-DD"
        ) from None
    try:
        VersionWindow(0, since, until)
    except ValueError:
        raise ValidationError(
            field="programme rules",
            problem="the version ends before it starts ({until} < {since})",
            until=effective_until,
            since=effective_from,
        ) from None
