"""Receipt documents the receipt and printer tests share (and the benchmark)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from pos_member.domain.money import Money
from pos_member.receipts.document import (
    Adjustment,
    CountCardUse,
    MemberSection,
    ReceiptDocument,
    ReceiptKind,
    ReceiptLine,
    RechargeInfo,
    StoreHeader,
    SummaryRow,
    Tender,
    TierProgress,
)

STORE = StoreHeader(
    name="好邻居便利店 人民路店", address="上海市黄浦区人民路88号", phone="021-6328 8888"
)
WHEN = datetime(2026, 11, 23, 14, 5, 9)
FOOTER = ("谢谢惠顾，欢迎再次光临", "凭小票30天内可退换")


def y(text: str) -> Money:
    return Money.yuan(text)


def member(**overrides: object) -> MemberSection:
    values: dict[str, object] = dict(
        name="张三丰",
        phone="13812345678",
        card_number="8800000000000018",
        tier="金卡",
        points_earned=96,
        points_spent=200,
        points_balance=1530,
        points_expiring=120,
        points_expiring_on=date(2026, 12, 31),
        stored_value_before=y("500.00"),
        stored_value_after=y("450.00"),
        progress=TierProgress(next_tier="白金卡", spend_needed=y("1200.00")),
    )
    values.update(overrides)
    return MemberSection.masked(**values)  # type: ignore[arg-type]


def sale(receipt_no: str = "S01-20261123-0042", *, copy: bool = False) -> ReceiptDocument:
    lines = (
        ReceiptLine(
            name="农夫山泉 550ml",
            quantity=Decimal(2),
            unit_price=y("2.00"),
            amount=y("4.00"),
            adjustments=(Adjustment("金卡95折", y("-0.20")),),
            code="6921168509256",
        ),
        ReceiptLine(
            name="金龙鱼 黄金比例食用调和油 5L 特惠装(限会员)",
            quantity=Decimal(1),
            unit_price=y("79.90"),
            amount=y("79.90"),
            adjustments=(Adjustment("会员价", y("-10.00")),),
        ),
        ReceiptLine(
            name="香蕉",
            quantity=Decimal("1.235"),
            unit="kg",
            unit_price=y("9.80"),
            amount=y("12.10"),
            adjustments=(Adjustment("金卡95折", y("-0.61")),),
        ),
    )
    # total = 96.00 - 10.81 - 2.00 (coupon) - 0.09 (抹零) = 83.10? computed below
    doc_wo = ReceiptDocument(
        kind=ReceiptKind.SALE,
        receipt_no=receipt_no,
        store=STORE,
        terminal="T01",
        cashier="0007 李娜",
        issued_at=WHEN,
        lines=lines,
        order_adjustments=(Adjustment("满80减2 优惠券", y("-2.00")),),
        rounding=y("-0.09"),
    )
    due = doc_wo.total
    return ReceiptDocument(
        kind=ReceiptKind.SALE,
        receipt_no=receipt_no,
        store=STORE,
        terminal="T01",
        cashier="0007 李娜",
        issued_at=WHEN,
        lines=lines,
        order_adjustments=doc_wo.order_adjustments,
        rounding=doc_wo.rounding,
        tenders=(
            Tender("积分抵现", y("2.00")),
            Tender("储值", y("50.00")),
            Tender("现金", due - y("52.00") + y("20.00"), is_cash=True),
        ),
        change=y("20.00"),
        member=member(),
        footer=FOOTER,
        copy=copy,
    )


def big_sale(n_lines: int = 50, receipt_no: str = "S01-20261123-9999") -> ReceiptDocument:
    lines = tuple(
        ReceiptLine(
            name=f"商品{i:03d} 测试货品名称 Item {i}",
            quantity=Decimal(1 + i % 3),
            unit_price=Money(199 + i),
            amount=Money((199 + i) * (1 + i % 3)),
            adjustments=(Adjustment("金卡95折", Money(-((199 + i) * (1 + i % 3)) // 20)),),
        )
        for i in range(n_lines)
    )
    draft = ReceiptDocument(
        kind=ReceiptKind.SALE,
        receipt_no=receipt_no,
        store=STORE,
        terminal="T01",
        cashier="0007 李娜",
        issued_at=WHEN,
        lines=lines,
    )
    return ReceiptDocument(
        kind=ReceiptKind.SALE,
        receipt_no=receipt_no,
        store=STORE,
        terminal="T01",
        cashier="0007 李娜",
        issued_at=WHEN,
        lines=lines,
        tenders=(Tender("现金", draft.total, is_cash=True),),
        member=member(),
        footer=FOOTER,
    )


def refund(receipt_no: str = "R01-20261123-0003") -> ReceiptDocument:
    line = ReceiptLine(
        name="农夫山泉 550ml",
        quantity=Decimal(1),
        unit_price=y("2.00"),
        amount=y("2.00"),
        adjustments=(Adjustment("金卡95折", y("-0.10")),),
    )
    return ReceiptDocument(
        kind=ReceiptKind.REFUND,
        receipt_no=receipt_no,
        store=STORE,
        terminal="T01",
        cashier="0007 李娜",
        issued_at=WHEN,
        lines=(line,),
        tenders=(Tender("现金", y("1.90"), is_cash=True),),
        original_receipt_no="S01-20261123-0042",
        member=member(
            points_earned=-2,
            points_spent=0,
            stored_value_before=None,
            stored_value_after=None,
            progress=None,
        ),
    )


def recharge(receipt_no: str = "C01-20261123-0005") -> ReceiptDocument:
    line = ReceiptLine(
        name="储值充值", quantity=Decimal(1), unit_price=y("1000.00"), amount=y("1000.00")
    )
    return ReceiptDocument(
        kind=ReceiptKind.RECHARGE,
        receipt_no=receipt_no,
        store=STORE,
        terminal="T01",
        cashier="0007 李娜",
        issued_at=WHEN,
        lines=(line,),
        tenders=(Tender("微信", y("1000.00"), reference="尾号 8841"),),
        recharge=RechargeInfo(principal=y("1000.00"), bonus=y("50.00")),
        member=member(
            points_earned=0,
            points_spent=0,
            stored_value_before=y("450.00"),
            stored_value_after=y("1500.00"),
        ),
    )


def count_card_use(receipt_no: str = "K01-20261123-0011") -> ReceiptDocument:
    return ReceiptDocument(
        kind=ReceiptKind.COUNT_CARD,
        receipt_no=receipt_no,
        store=STORE,
        terminal="T01",
        cashier="0007 李娜",
        issued_at=WHEN,
        count_card=CountCardUse(
            card_name="精洗10次卡", used=1, remaining=7, expires_on=date(2027, 6, 30)
        ),
        member=member(
            points_earned=0, points_spent=0, stored_value_before=None, stored_value_after=None
        ),
    )


def shift_z(receipt_no: str = "Z01-20261123-0001") -> ReceiptDocument:
    return ReceiptDocument(
        kind=ReceiptKind.SHIFT_Z,
        receipt_no=receipt_no,
        store=STORE,
        terminal="T01",
        cashier="0007 李娜",
        issued_at=WHEN,
        summary=(
            SummaryRow("销售", y("8342.50"), 131),
            SummaryRow("退货", y("-45.90"), 2),
            SummaryRow("充值", y("3000.00"), 3),
            SummaryRow("应有现金", y("2210.40")),
            SummaryRow("实点现金", y("2210.00")),
            SummaryRow("差额", y("-0.40")),
        ),
    )
