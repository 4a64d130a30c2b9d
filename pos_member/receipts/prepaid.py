"""Receipts of the prepaid-card law's actions: a recharge reversed, a card closed (退卡).

Found by their receipt number like a sale's (``ReceiptBuilder.build``); the
amounts are negative (money back), the 退卡 receipt prints the calculation of
法释〔2025〕4号 and the holder's ID and account masked, never in clear.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos_member.domain.money import Money
from pos_member.receipts.document import ReceiptDocument, ReceiptKind, ReceiptLine, Tender
from pos_member.receipts.layout import rmb
from pos_member.store.models import Sale
from pos_member.store.models_prepaid import PrepaidClosure, PrepaidReversal, RealNameRecord

_TENDERS = {"cash": "现金", "external": "其他支付"}
_METHODS = {
    "wechat": "微信支付",
    "alipay": "支付宝",
    "bank_card": "银行卡",
    "unionpay": "云闪付",
    "bank_transfer": "银行转账",
}


def _label(kind: str, method: str) -> str:
    return _METHODS.get(method) or _TENDERS.get(kind, kind)


def prepaid_document(
    s: Session,
    number: str,
    *,
    cashier: Callable[[Session, str | None], str],
    local: Callable[[str], datetime],
    common: dict[str, Any],
) -> ReceiptDocument | None:
    """The reversal or 退卡 receipt ``number``; None when it is neither."""
    rev = s.scalar(select(PrepaidReversal).where(PrepaidReversal.receipt_no == number))
    if rev is not None:
        refund = Money(rev.principal_fen - rev.costs_fen)
        sale = s.get(Sale, rev.recharge_id)
        notes = [("撤销充值本金", rmb(Money(rev.principal_fen)))]
        if rev.bonus_fen:
            notes.append(("收回赠送", rmb(Money(rev.bonus_fen))))
        if rev.costs_fen:
            notes.append(("扣除合理费用", rmb(Money(rev.costs_fen))))
        return ReceiptDocument(
            kind=ReceiptKind.RECHARGE_REVERSAL,
            receipt_no=rev.receipt_no,
            terminal=rev.terminal_id,
            cashier=cashier(s, rev.staff_id),
            issued_at=local(rev.created_at),
            lines=(ReceiptLine("充值撤销（冷静期）", Decimal(1), -refund, -refund),),
            tenders=tuple(
                Tender(
                    _label(t["kind"], t.get("method", "")),
                    Money(-int(t["amount_fen"])),
                    is_cash=t["kind"] == "cash",
                )
                for t in rev.tenders
            ),
            original_receipt_no=sale.receipt_no if sale is not None else "",
            notes=tuple(notes),
            **common,
        )
    clo = s.scalar(select(PrepaidClosure).where(PrepaidClosure.receipt_no == number))
    if clo is None:
        return None
    refund = Money(clo.refund_fen)
    rn = s.get(RealNameRecord, clo.real_name_id)
    notes = [
        ("已充本金", rmb(Money(clo.paid_in_fen))),
        ("赠送金额", rmb(Money(clo.bonus_given_fen))),
        ("已消费", rmb(Money(clo.spent_fen))),
        ("计入本金的消费", rmb(Money(clo.spent_from_principal_fen))),
        ("退还本金", rmb(refund)),
        ("不予退还（赠送余额）", rmb(Money(clo.forfeited_fen))),
        ("计算依据", "法释〔2025〕4号 按比例"),
    ]
    if rn is not None:
        notes.append(("持卡人证件", rn.id_masked))
    payee = (clo.transfer or {}).get("payee") or {}
    if payee:
        notes.append(("收款账户", f"{payee.get('name', '')} {payee.get('number_masked', '')}"))
    cash = clo.tender == "cash"
    return ReceiptDocument(
        kind=ReceiptKind.CARD_CLOSURE,
        receipt_no=clo.receipt_no,
        terminal=clo.terminal_id,
        cashier=cashier(s, clo.staff_id),
        issued_at=local(clo.created_at),
        lines=(
            ReceiptLine(
                f"退卡 {clo.card_number[:4]}****{clo.card_number[-4:]}",
                Decimal(1),
                -refund,
                -refund,
            ),
        ),
        tenders=(Tender("现金" if cash else "银行转账", -refund, is_cash=cash),)
        if refund.fen
        else (),
        notes=tuple(notes),
        **common,
    )
