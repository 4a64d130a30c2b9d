"""Small builders for service tests."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from pos_member.domain.money import Money
from pos_member.domain.tenders import TenderKind, TenderRequest
from pos_member.services.checkout import CheckoutRequest, LineRequest, new_sale_id
from pos_member.services.context import StaffSession
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


def rows(path: Path, sql: str, *params: object) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()
