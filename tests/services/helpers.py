"""Small builders for service tests."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from pos_member.domain.money import Money
from pos_member.domain.tenders import TenderKind, TenderRequest
from pos_member.services.checkout import CheckoutRequest, LineRequest, new_sale_id
from pos_member.services.context import StaffSession
from pos_member.store import pii
from tests.services.conftest import CASHIER


def cash(yuan: str | int) -> TenderRequest:
    return TenderRequest(TenderKind.CASH, Money.yuan(yuan))


def stored_value(amount: Money) -> TenderRequest:
    return TenderRequest(TenderKind.STORED_VALUE, amount)


def external(amount: Money, method: str = "wechat") -> TenderRequest:
    return TenderRequest(TenderKind.EXTERNAL, amount, method)


def sale(
    *lines: LineRequest,
    tenders: tuple[TenderRequest, ...] = (),
    staff: StaffSession = CASHIER,
    **kw: Any,
) -> CheckoutRequest:
    return CheckoutRequest(
        sale_id=new_sale_id(), staff=staff, lines=tuple(lines), tenders=tenders, **kw
    )


def buyer_names(path: Path, where: str = "1 = 1") -> list[str]:
    """The real-name records' buyer names, opened from their sealed column (0124)."""
    sealer = pii.sealer_at(path)
    return [
        pii.open_or_empty(sealer, sealed, pii.REAL_NAME)
        for (sealed,) in rows(path, f"select name_sealed from real_name_records where {where}")
    ]


def rows(path: Path, sql: str, *params: object) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()
