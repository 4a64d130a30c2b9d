"""Writing ledger entries and keeping the cached balances in step.

The only code that touches ``members.sv_*_fen``, ``members.points_balance``
and ``count_cards.remaining_uses``: each entry appended here moves the cached
balance by the same delta in the same transaction.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pos_member.domain import ledger as dl
from pos_member.store.db import UnitOfWork
from pos_member.store.models import CountCard, CountCardEntry, Member, PointsEntry, PointsLot
from pos_member.store.models import StoredValueEntry as SVRow

TESTED_IN = "tests/gui/manager/test_cards.py"


def append_sv(
    uow: UnitOfWork,
    member: Member,
    entry: dl.SVEntry,
    *,
    business_date: date,
    sale_id: str | None,
    offline: bool = False,
    note: str | None = None,
) -> None:
    if not entry.principal.fen and not entry.bonus.fen:
        return
    uow.session.add(
        SVRow(
            event_id=entry.event_id,
            member_id=member.id,
            kind=entry.reason.value,
            principal_delta_fen=entry.principal.fen,
            bonus_delta_fen=entry.bonus.fen,
            sale_id=sale_id,
            terminal_id=uow.terminal_id,
            offline=offline,
            business_date=business_date.isoformat(),
            created_at=uow.now,
            note=note,
        )
    )
    member.sv_principal_fen += entry.principal.fen
    member.sv_bonus_fen += entry.bonus.fen
    member.updated_at = uow.now


def open_lot(uow: UnitOfWork, member: Member, lot: dl.PointsLot) -> None:
    uow.session.add(
        PointsLot(
            id=lot.lot_id,
            member_id=member.id,
            earned_on=lot.earned_on.isoformat(),
            expires_on=lot.expires_on.isoformat() if lot.expires_on else None,
            points=lot.points,
        )
    )


def append_points(
    uow: UnitOfWork, member: Member, entries: list[dl.PointsEntry], sale_id: str | None
) -> None:
    for e in entries:
        if not e.delta:
            continue
        uow.session.add(
            PointsEntry(
                event_id=e.event_id,
                member_id=member.id,
                lot_id=e.lot_id,
                kind=e.reason.value,
                delta=e.delta,
                sale_id=sale_id,
                created_at=uow.now,
            )
        )
        member.points_balance += e.delta
    member.updated_at = uow.now


def member_lots(
    session: Session, member_id: int
) -> tuple[list[dl.PointsLot], list[dl.PointsEntry]]:
    """The member's lots that still hold points, each with one entry summing its history.

    The domain planners only need each lot's balance, so the history is folded
    into one synthetic entry per lot by SQL rather than loaded row by row.
    """
    session.flush()
    rows = session.execute(
        select(
            PointsLot.id,
            PointsLot.earned_on,
            PointsLot.expires_on,
            PointsLot.points,
            func.sum(PointsEntry.delta),
        )
        .join(PointsEntry, PointsEntry.lot_id == PointsLot.id)
        .where(PointsLot.member_id == member_id, PointsEntry.member_id == member_id)
        .group_by(PointsLot.id)
        .having(func.sum(PointsEntry.delta) > 0)
    ).all()
    lots = [
        dl.PointsLot(
            lot_id,
            date.fromisoformat(earned),
            date.fromisoformat(expires) if expires else None,
            points,
        )
        for lot_id, earned, expires, points, _ in rows
    ]
    entries = [
        dl.PointsEntry("balance", lot_id, int(total), dl.PointsReason.EARN)
        for lot_id, _, _, _, total in rows
    ]
    return lots, entries


def append_count(
    uow: UnitOfWork, card: CountCard, event_id: str, delta: int, kind: str, sale_id: str | None
) -> None:
    uow.session.add(
        CountCardEntry(
            event_id=event_id,
            count_card_id=card.id,
            kind=kind,
            delta=delta,
            sale_id=sale_id,
            created_at=uow.now,
        )
    )
    card.remaining_uses += delta
