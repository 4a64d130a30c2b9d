"""A sale of the chain by receipt number, for a till refunding a receipt of another
store (``wire.sales``). What earlier refunds gave back comes from ``books``, the
same figures a pushed refund is checked against."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Annotated, Any

from fastapi import APIRouter, Header, Path
from sqlalchemy import Connection, func, select

from pos_member.headoffice import models as m
from pos_member.headoffice.auth import authenticate
from pos_member.headoffice.books import Books, load_sale
from pos_member.headoffice.settings import HQSettings
from pos_member.headoffice.validate import EventRefused
from pos_member.wire.sales import SALES_PATH, ChainRefund, ChainSale, ChainSaleLine, LastReceipt
from pos_member.wire.schemas import API_PREFIX

RECEIPT_RE = r"^[0-9A-Za-z_.-]{1,32}$"


def sales_router(
    settings: HQSettings,
    begin: Callable[[], AbstractContextManager[Connection]],
    errors: dict[int | str, dict[str, Any]],
) -> APIRouter:
    router = APIRouter(prefix=API_PREFIX + SALES_PATH, tags=["sync"], responses=errors)
    block = settings.member_id_block

    @router.get("/by-receipt/{receipt_no}", response_model=ChainSale)
    def sale_by_receipt(
        receipt_no: Annotated[str, Path(pattern=RECEIPT_RE)],
        authorization: Annotated[str | None, Header()] = None,
    ) -> ChainSale:
        """A sale of any store of the chain, with what earlier refunds gave back."""
        with begin() as conn:
            authenticate(conn, authorization, block)
            return chain_sale(conn, receipt_no)

    @router.get("/last-receipt", response_model=LastReceipt)
    def last_receipt(authorization: Annotated[str | None, Header()] = None) -> LastReceipt:
        """The asking terminal's highest receipt number at head office (a restored till
        continues past it, so that no number is issued twice)."""
        with begin() as conn:
            who = authenticate(conn, authorization, block)
            return LastReceipt(receipt_no=last_receipt_of(conn, who.store_id, who.terminal_id))

    return router


def last_receipt_of(conn: Connection, store_id: str, terminal_id: str) -> str | None:
    """Receipt numbers are ``<terminal>-<8 digits>``: the highest sorts last."""
    like = terminal_id.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    found = conn.execute(
        select(func.max(m.SaleRow.receipt_no)).where(
            m.SaleRow.store_id == store_id,
            m.SaleRow.terminal_id == terminal_id,
            m.SaleRow.receipt_no.like(like + "-________", escape="\\"),
        )
    ).scalar()
    return str(found) if found is not None else None


def chain_sale(conn: Connection, receipt_no: str) -> ChainSale:
    rows = conn.execute(
        select(m.SaleRow).where(m.SaleRow.receipt_no == receipt_no, m.SaleRow.kind == "sale")
    ).all()
    if not rows:
        raise EventRefused(404, "sale.unknown", f"head office has no sale {receipt_no}")
    if len(rows) > 1:
        raise EventRefused(409, "sale.ambiguous", f"several sales have receipt {receipt_no}")
    row = rows[0]
    books = Books()
    facts = load_sale(conn, books, row.id, lock=False)
    assert facts is not None
    back = books.returned[row.id]
    lines = conn.execute(
        select(
            m.SaleLineRow.line_no,
            m.SaleLineRow.product_code,
            m.SaleLineRow.units,
            m.SaleLineRow.net_fen,
            m.SaleLineRow.points_earned,
            m.SaleLineRow.points_paid,
            m.ProductRow.name,
        )
        .outerjoin(m.ProductRow, m.ProductRow.code == m.SaleLineRow.product_code)
        .where(m.SaleLineRow.sale_id == row.id)
        .order_by(m.SaleLineRow.line_no)
    ).all()
    refund_rows = conn.execute(
        select(m.SaleRow.id, m.SaleRow.store_id)
        .where(m.SaleRow.original_sale_id == row.id, m.SaleRow.kind == "refund")
        .order_by(m.SaleRow.id)
    ).all()
    refund_lines: dict[str, list[ChainSaleLine]] = {str(r.id): [] for r in refund_rows}
    if refund_lines:
        for rl in conn.execute(
            select(m.SaleLineRow.sale_id, m.SaleLineRow.line_no, m.SaleLineRow.units)
            .where(m.SaleLineRow.sale_id.in_(list(refund_lines)))
            .order_by(m.SaleLineRow.sale_id, m.SaleLineRow.line_no)
        ):
            refund_lines[str(rl.sale_id)].append(ChainSaleLine(line_no=rl.line_no, units=rl.units))
    refunds = [
        ChainRefund(refund_id=str(r.id), store_id=str(r.store_id), lines=refund_lines[str(r.id)])
        for r in refund_rows
    ]
    return ChainSale(
        sale_id=row.id,
        store_id=row.store_id,
        terminal_id=row.terminal_id,
        receipt_no=row.receipt_no,
        business_date=row.business_date,
        member_id=row.member_id,
        total_fen=facts.total_fen,
        tenders=facts.tenders or {},
        sv_principal_fen=facts.sv_principal_fen,
        sv_bonus_fen=facts.sv_bonus_fen,
        points_earned=facts.points_earned,
        points_redeemed=facts.points_redeemed,
        lines=[
            ChainSaleLine(
                line_no=ln.line_no,
                product_code=ln.product_code,
                name=ln.name or "",
                units=ln.units,
                net_fen=ln.net_fen,
                points_earned=ln.points_earned,
                points_paid=ln.points_paid,
                returned_units=back.lines.get(ln.line_no, 0),
            )
            for ln in lines
        ],
        refunds=refunds,
        returned_fen=back.total_fen,
        returned_tenders={k: v for k, v in back.tenders.items() if v},
        returned_sv_principal_fen=back.sv_principal_fen,
        returned_sv_bonus_fen=back.sv_bonus_fen,
        points_taken_back=back.points_taken,
        points_given_back=back.points_given,
    )
