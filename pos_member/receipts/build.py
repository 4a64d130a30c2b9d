"""Builds receipt documents from what the store committed, by receipt number.

Sales, refunds and recharges are found by their receipt number
(``T01-00000042``); shift reports by ``X-<shift id>`` / ``Z-<shift id>``; a
count-card use by ``CC-<entry id>`` (``count_card_receipt_no`` gives it from
the use's event id). The member statement is as it stood right after that
receipt's transaction (points and stored value summed from the ledgers up to
it, the tier the sale recorded), so a reprint next month shows the same
numbers as the original.

Reads only, in a read session: building a receipt never takes the write lock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pos_member.domain.cards import mask_card
from pos_member.domain.errors import UnknownReceipt, ValidationError
from pos_member.domain.money import Money
from pos_member.domain.rules import ProgrammeRules
from pos_member.domain.tenders import GIFT_METHOD, TenderBucket
from pos_member.domain.text import as_zhe
from pos_member.domain.tiers import progress_to_next
from pos_member.receipts.document import (
    RECHARGE_TAX_NOTE,
    Adjustment,
    CountCardUse,
    MemberSection,
    ReceiptDocument,
    ReceiptKind,
    ReceiptLine,
    RechargeInfo,
    SummaryRow,
    Tender,
    TierProgress,
)
from pos_member.receipts.prepaid import prepaid_document
from pos_member.receipts.settings import ReceiptSettings
from pos_member.services.context import Context
from pos_member.services.shifts import DayReport, ShiftReport, day_report, x_report
from pos_member.store.models import (
    AuditEntry,
    Card,
    CountCard,
    CountCardEntry,
    Member,
    PointsEntry,
    PointsLot,
    Sale,
    SaleAdjustment,
    SaleLine,
    Shift,
    Staff,
    StoredValueEntry,
)
from pos_member.store.models import ProgrammeRules as RulesRow
from pos_member.store.models import Tender as TenderRow
from pos_member.store.models import Tier as TierRow

_SHIFT_NO = re.compile(r"^([XZ])-(\d{1,9})$")
_COUNT_NO = re.compile(r"^CC-(\d{1,12})$")
_DAY_NO = re.compile(r"^D-(\d{4}-\d{2}-\d{2})$")

TENDER_LABELS = {
    "cash": "现金",
    "stored_value": "储值",
    "points": "积分抵现",
    "external": "其他支付",
}
EXTERNAL_LABELS = {
    "wechat": "微信支付",
    "alipay": "支付宝",
    "bank_card": "银行卡",
    "unionpay": "云闪付",
    "bank_transfer": "银行转账",
}


def _no_receipt(sale: Sale) -> dict[str, Any]:
    """A refund without a receipt's heading and its reason (无单退货); a refund whose
    stored value went to another card in the member's name (its cap) names that card."""
    detail = sale.detail or {}
    if sale.kind != "refund":
        return {}
    if detail.get("sv_card_number"):
        return {"notes": (("储值退至同名卡", mask_card(str(detail["sv_card_number"]))),)}
    if not detail.get("no_receipt"):
        return {}
    return {"heading": "退货凭证（无单）", "notes": (("退货原因", str(sale.detail["reason"])),)}


_KIND = {"sale": ReceiptKind.SALE, "refund": ReceiptKind.REFUND, "recharge": ReceiptKind.RECHARGE}


def tender_label(kind: str, method: str) -> str:
    if kind == "points" and method == GIFT_METHOD:
        return "积分兑换"
    if kind == "external" and method:
        return EXTERNAL_LABELS.get(method, method)
    return TENDER_LABELS.get(kind, kind)


def count_card_receipt_no(ctx: Context, event_id: str) -> str:
    """The receipt number of the count-card use recorded under ``event_id``."""
    with ctx.store.reading() as s:
        entry_id = s.scalar(
            select(CountCardEntry.id).where(
                CountCardEntry.event_id == event_id, CountCardEntry.kind == "use"
            )
        )
    if entry_id is None:
        raise UnknownReceipt(receipt_no=event_id)
    return f"CC-{entry_id}"


@dataclass
class ReceiptBuilder:
    """Builds ``ReceiptDocument``s from the terminal's store."""

    ctx: Context
    settings: ReceiptSettings

    def build(self, receipt_no: str, *, copy: bool = False) -> ReceiptDocument:
        """The receipt ``receipt_no``; ``UnknownReceipt`` when the store has none."""
        number = receipt_no.strip()
        if not number or not all(" " < ch <= "~" for ch in number):
            raise ValidationError(
                field="receipt number",
                problem="'{number}' is not a receipt number",
                number=receipt_no,
            )
        shift = _SHIFT_NO.match(number)
        if shift:
            doc = self._shift(shift.group(1), int(shift.group(2)), number)
        elif (day := _DAY_NO.match(number)) is not None:
            doc = self._day(day.group(1), number)
        elif (count := _COUNT_NO.match(number)) is not None:
            doc = self._count_card(int(count.group(1)), number)
        else:
            doc = self._sale(number)
        return doc.as_copy() if copy else doc

    # -- helpers --
    def _local(self, stamp: str) -> datetime:
        at = datetime.fromisoformat(stamp)
        if at.tzinfo is None:
            at = at.replace(tzinfo=UTC)
        return at.astimezone(ZoneInfo(self.ctx.settings.timezone)).replace(tzinfo=None)

    def _cashier(self, s: Session, staff_id: str | None) -> str:
        if not staff_id:
            return ""
        staff = s.get(Staff, staff_id)
        return f"{staff_id} {staff.name}" if staff else staff_id

    def _rules(self, s: Session, version: int | None) -> ProgrammeRules | None:
        query = select(RulesRow.document)
        if version is not None:
            query = query.where(RulesRow.version == version)
        else:
            query = query.order_by(RulesRow.version.desc())
        doc = s.scalar(query.limit(1))
        return ProgrammeRules.from_dict(doc) if doc else None

    def _common(self, s: Session) -> dict[str, Any]:
        return {"store": self.settings.header, "footer": self.settings.footer}

    # -- sales, refunds, recharges --
    def _sale(self, number: str) -> ReceiptDocument:
        with self.ctx.store.reading() as s:
            rows = list(s.scalars(select(Sale).where(Sale.receipt_no == number)))
            if not rows:
                doc = prepaid_document(
                    s, number, cashier=self._cashier, local=self._local, common=self._common(s)
                )
                if doc is None:
                    raise UnknownReceipt(receipt_no=number)
                return doc
            # Receipt numbers carry the terminal id; prefer this terminal's on a clash.
            sale = next((r for r in rows if r.terminal_id == self.ctx.terminal_id), rows[0])
            return self._sale_document(s, sale)

    def _sale_document(self, s: Session, sale: Sale) -> ReceiptDocument:
        kind = _KIND.get(sale.kind)
        if kind is None:
            raise ValueError(f"sale {sale.id} has an unknown kind {sale.kind!r}")
        adjustments = list(
            s.scalars(
                select(SaleAdjustment)
                .where(SaleAdjustment.sale_id == sale.id)
                .order_by(SaleAdjustment.id)
            )
        )
        rounding = Money(sum(a.amount_fen for a in adjustments if a.kind == "rounding"))
        per_line: dict[int, list[Adjustment]] = {}
        order_level: list[Adjustment] = []
        for a in adjustments:
            if a.kind == "rounding":
                continue
            adj = Adjustment(receipt_words(a.kind, a.description), Money(a.amount_fen))
            if a.line_no is None:
                order_level.append(adj)
            else:
                per_line.setdefault(a.line_no, []).append(adj)
        lines = tuple(
            _line(row, tuple(per_line.get(row.line_no, ())))
            for row in s.scalars(
                select(SaleLine).where(SaleLine.sale_id == sale.id).order_by(SaleLine.line_no)
            )
        )
        recharge = None
        if kind is ReceiptKind.RECHARGE:
            amount = Money(sale.total_fen)
            lines = (ReceiptLine("储值充值", Decimal(1), amount, amount),)
            recharge = RechargeInfo(amount, Money(int(sale.detail.get("bonus_fen", 0))))
        tender_rows = list(
            s.scalars(select(TenderRow).where(TenderRow.sale_id == sale.id).order_by(TenderRow.seq))
        )
        tenders = tuple(_tender(t) for t in tender_rows)
        change = Money(sum(t.change_fen for t in tender_rows))
        # A refund of another store's receipt names it only in its detail.
        original = str((sale.detail or {}).get("original_receipt_no", ""))
        if sale.original_sale_id:
            orig = s.get(Sale, sale.original_sale_id)
            original = orig.receipt_no if orig else str(sale.detail.get("original_receipt_no", ""))
        doc = ReceiptDocument(
            kind=kind,
            receipt_no=sale.receipt_no,
            terminal=sale.terminal_id,
            cashier=self._cashier(s, sale.staff_id),
            issued_at=self._local(sale.created_at),
            lines=lines,
            order_adjustments=tuple(order_level),
            rounding=rounding,
            tenders=tenders,
            change=change,
            member=self._member(s, sale) if sale.member_id is not None else None,
            recharge=recharge,
            original_receipt_no=original,
            remarks=(RECHARGE_TAX_NOTE,) if kind is ReceiptKind.RECHARGE else (),
            **_no_receipt(sale),
            **self._common(s),
        )
        if doc.total != Money(sale.total_fen):
            # A receipt that does not add up to the committed total is a bug, never printed.
            raise ValueError(
                f"receipt {sale.receipt_no}: lines add up to {doc.total}, "
                f"the sale says {Money(sale.total_fen)}"
            )
        return doc

    def _member(self, s: Session, sale: Sale) -> MemberSection:
        member = s.get(Member, sale.member_id)
        assert member is not None
        card = s.get(Card, sale.card_id) if sale.card_id else None
        if card is None:
            card = s.scalar(
                select(Card)
                .where(Card.member_id == member.id, Card.state == "active")
                .order_by(Card.id)
                .limit(1)
            )
        rules = self._rules(s, sale.rules_version)
        tier_code = sale_tier_code(sale, member)
        tier_name = _tier_name(s, rules, tier_code)
        as_of = sale.created_at
        points_balance = _as_of(s, PointsEntry, PointsEntry.delta, member.id, sale)
        sv_delta = StoredValueEntry.principal_delta_fen + StoredValueEntry.bonus_delta_fen
        sv_after = _as_of(s, StoredValueEntry, sv_delta, member.id, sale)
        sv_this = int(
            s.scalar(
                select(func.coalesce(func.sum(sv_delta), 0)).where(
                    StoredValueEntry.sale_id == sale.id
                )
            )
            or 0
        )
        has_sv = bool(s.scalar(select(func.count()).where(StoredValueEntry.member_id == member.id)))
        expiring, expiring_on = self._expiring(
            s, member.id, as_of, date.fromisoformat(sale.business_date)
        )
        progress = None
        if rules is not None and sale.kind != "recharge":
            spend = _window_spend(s, member.id, rules, sale)
            try:
                step = progress_to_next(rules, tier_code, spend)
            except KeyError:
                step = None
            if step is not None:
                progress = TierProgress(next_tier=step[0].name, spend_needed=step[1])
        anonymous = card is not None and card.card_class == "anonymous"
        return MemberSection.masked(
            name=member.name_masked,
            phone=member.phone_masked or "",
            card_number=card.number if card else "",
            tier=tier_name,
            points_earned=sale.points_earned,
            points_spent=sale.points_redeemed,
            points_balance=points_balance,
            points_expiring=expiring,
            points_expiring_on=expiring_on,
            stored_value_before=Money(sv_after - sv_this) if has_sv else None,
            stored_value_after=Money(sv_after) if has_sv else None,
            progress=progress,
            # Printed as on the card's face, only the card and its balance (docs/prepaid.md).
            anonymous_card=(card.number, card.expires_on or "-") if anonymous and card else None,
        )

    def _expiring(
        self, s: Session, member_id: int, as_of: str, business_date: date
    ) -> tuple[int, date | None]:
        until = (business_date + timedelta(days=self.settings.expiring_within_days)).isoformat()
        rows = s.execute(
            select(PointsLot.expires_on, func.sum(PointsEntry.delta))
            .join(PointsLot, PointsLot.id == PointsEntry.lot_id)
            .where(
                PointsEntry.member_id == member_id,
                PointsEntry.created_at <= as_of,
                PointsLot.expires_on.is_not(None),
                PointsLot.expires_on >= business_date.isoformat(),
                PointsLot.expires_on <= until,
            )
            .group_by(PointsLot.id)
        ).all()
        live = [(d, int(n)) for d, n in rows if d and n and n > 0]
        if not live:
            return 0, None
        return sum(n for _, n in live), date.fromisoformat(min(d for d, _ in live))

    # -- count cards --
    def _count_card(self, entry_id: int, number: str) -> ReceiptDocument:
        with self.ctx.store.reading() as s:
            entry = s.get(CountCardEntry, entry_id)
            if entry is None or entry.kind != "use":
                raise UnknownReceipt(receipt_no=number)
            card = s.get(CountCard, entry.count_card_id)
            assert card is not None
            remaining = int(
                s.scalar(
                    select(func.coalesce(func.sum(CountCardEntry.delta), 0)).where(
                        CountCardEntry.count_card_id == card.id, CountCardEntry.id <= entry.id
                    )
                )
                or 0
            )
            audit = s.scalar(
                select(AuditEntry).where(AuditEntry.event_id == entry.event_id).limit(1)
            )
            member = s.get(Member, card.member_id)
            rules = self._rules(s, None)
            section = None
            if member is not None:
                section = MemberSection.masked(
                    name=member.name_masked,
                    phone=member.phone_masked or "",
                    card_number="",
                    tier=_tier_name(s, rules, member.tier_code),
                )
            return ReceiptDocument(
                kind=ReceiptKind.COUNT_CARD,
                receipt_no=number,
                terminal=audit.terminal_id if audit else self.ctx.terminal_id,
                cashier=self._cashier(s, audit.staff_id if audit else None),
                issued_at=self._local(entry.created_at),
                count_card=CountCardUse(
                    card_name=card.name,
                    used=-entry.delta,
                    remaining=remaining,
                    expires_on=date.fromisoformat(card.expires_on) if card.expires_on else None,
                ),
                member=section,
                **self._common(s),
            )

    # -- shift reports --
    def _shift(self, kind: str, shift_id: int, number: str) -> ReceiptDocument:
        with self.ctx.store.reading() as s:
            shift = s.get(Shift, shift_id)
            if shift is None:
                raise UnknownReceipt(receipt_no=number)
            if kind == "Z":
                if shift.z_report is None:
                    raise UnknownReceipt(receipt_no=number)
                report = ShiftReport(**shift.z_report)
                issued = self._local(shift.closed_at or shift.opened_at)
            else:
                report = x_report(self.ctx, shift_id)
                issued = self.ctx.now().astimezone(ZoneInfo(self.ctx.settings.timezone))
                issued = issued.replace(tzinfo=None)
            return shift_report_document(
                report,
                receipt_no=number,
                cashier=self._cashier(s, shift.staff_id),
                issued_at=issued,
                opened_at=self._local(shift.opened_at),
                settings=self.settings,
                closed_at=self._local(shift.closed_at) if shift.closed_at else None,
                closed_by=(
                    self._cashier(s, shift.closed_by)
                    if shift.closed_by and shift.closed_by != shift.staff_id
                    else ""
                ),
            )

    def _day(self, day: str, number: str) -> ReceiptDocument:
        report = day_report(self.ctx, day)
        if not report.shifts:
            raise UnknownReceipt(receipt_no=number)
        with self.ctx.store.reading() as s:
            names = {r.shift_id: self._cashier(s, r.staff_id) for r in report.shifts}
        issued = self.ctx.now().astimezone(ZoneInfo(self.ctx.settings.timezone))
        return day_report_document(
            report,
            receipt_no=number,
            cashiers=names,
            issued_at=issued.replace(tzinfo=None),
            local=self._local,
            settings=self.settings,
        )


def shift_report_document(
    report: ShiftReport,
    *,
    receipt_no: str,
    cashier: str,
    issued_at: datetime,
    opened_at: datetime,
    settings: ReceiptSettings,
    closed_at: datetime | None = None,
    closed_by: str = "",
) -> ReceiptDocument:
    """An X report, or the Z report as the 交班单 the cashier signs at the handover."""
    rows = [
        SummaryRow("班次", text=f"#{report.shift_id}"),
        SummaryRow("开班时间", text=f"{opened_at:%Y-%m-%d %H:%M}"),
    ]
    if closed_at is not None:
        rows.append(SummaryRow("交班时间", text=f"{closed_at:%Y-%m-%d %H:%M}"))
    if closed_by:
        rows.append(SummaryRow("交班操作", text=closed_by))
    rows += _kind_rows(report)
    rows += _cash_rows(report)
    return ReceiptDocument(
        kind=ReceiptKind.SHIFT_Z if report.kind == "Z" else ReceiptKind.SHIFT_X,
        receipt_no=receipt_no,
        store=settings.header,
        terminal=report.terminal_id,
        cashier=cashier,
        issued_at=issued_at,
        summary=tuple(rows),
    )


def _tender_rows(by_tender: dict[str, int], indent: str = "  ") -> list[SummaryRow]:
    out = []
    for bucket, fen in by_tender.items():
        b = TenderBucket.parse(bucket)
        out.append(SummaryRow(f"{indent}{tender_label(b.kind, b.method)}", Money(fen)))
    return out


def _kind_rows(report: ShiftReport | DayReport) -> list[SummaryRow]:
    """Sales, refunds and recharges, each followed by its takings per tender."""
    by_kind = report.by_kind_tender_fen if isinstance(report, ShiftReport) else _day_by_kind(report)
    rows: list[SummaryRow] = []
    for kind, label, total, count in (
        ("sale", "销售", report.sales_total_fen, report.sales_count),
        ("refund", "退货", report.refunds_total_fen, report.refunds_count),
        ("recharge", "充值", report.recharges_total_fen, report.recharges_count),
    ):
        rows.append(SummaryRow(label, Money(total), count))
        rows += _tender_rows(by_kind.get(kind, {}))
    return rows


def _day_by_kind(report: DayReport) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for r in report.shifts:
        for kind, per in r.by_kind_tender_fen.items():
            into = out.setdefault(kind, {})
            for k, v in per.items():
                into[k] = into.get(k, 0) + v
    return {k: dict(sorted(v.items())) for k, v in out.items()}


def _cash_rows(report: ShiftReport) -> list[SummaryRow]:
    rows: list[SummaryRow] = []
    if report.reversals_count:
        rows.append(
            SummaryRow("充值撤销", Money(report.reversals_total_fen), report.reversals_count)
        )
    if report.closures_count:
        rows.append(SummaryRow("退卡退款", Money(report.closures_total_fen), report.closures_count))
    rows.append(SummaryRow("收款合计（按支付方式）"))
    rows += _tender_rows(report.by_tender_fen)
    rows += [
        SummaryRow("备用金", Money(report.opening_float_fen)),
        SummaryRow("应有现金", Money(report.cash_expected_fen)),
    ]
    if report.counted_cash_fen is not None:
        rows.append(SummaryRow("实点现金", Money(report.counted_cash_fen)))
    if report.variance_fen is not None:
        rows.append(SummaryRow("差额", Money(report.variance_fen)))
    return rows


def day_report_document(
    report: DayReport,
    *,
    receipt_no: str,
    cashiers: dict[int, str],
    issued_at: datetime,
    local: Any,
    settings: ReceiptSettings,
) -> ReceiptDocument:
    """The day's close (日结): each shift in a line, then the day's sums and the cash."""
    rows = [SummaryRow("营业日", text=report.business_date)]
    rows.append(SummaryRow("班次数", text=str(len(report.shifts))))
    for r in report.shifts:
        opened = local(r.opened_at)
        closed = local(r.closed_at) if r.closed_at else None
        span = f"{opened:%H:%M}-{closed:%H:%M}" if closed else f"{opened:%H:%M}"
        rows.append(
            SummaryRow(f"班次 #{r.shift_id}", text=f"{cashiers.get(r.shift_id, '')} {span}")
        )
        rows.append(SummaryRow("  差额", Money(r.variance_fen or 0)))
    rows += _kind_rows(report)
    rows.append(SummaryRow("收款合计（按支付方式）"))
    rows += _tender_rows(report.by_tender_fen)
    rows += [
        SummaryRow("备用金", Money(report.opening_float_fen)),
        SummaryRow("应有现金", Money(report.cash_expected_fen)),
        SummaryRow("实点现金", Money(report.counted_cash_fen)),
        SummaryRow("差额", Money(report.variance_fen)),
    ]
    return ReceiptDocument(
        kind=ReceiptKind.DAY_CLOSE,
        receipt_no=receipt_no,
        store=settings.header,
        terminal=report.terminal_id,
        cashier="",
        issued_at=issued_at,
        summary=tuple(rows),
    )


def _line(row: SaleLine, adjustments: tuple[Adjustment, ...]) -> ReceiptLine:
    if row.grams:
        quantity = (Decimal(abs(row.grams)) / 1000).quantize(Decimal("0.001"))
        unit = "kg"
    else:
        quantity, unit = Decimal(abs(row.quantity)), ""
    return ReceiptLine(
        name=row.name,
        quantity=quantity,
        unit_price=Money(row.unit_price_fen),
        amount=Money(row.gross_fen),
        adjustments=adjustments,
        code=row.product_code,
        unit=unit,
    )


def _tender(t: TenderRow) -> Tender:
    cash = t.kind == "cash"
    # Cash shows what was handed over; the change is its own line.
    amount = t.tendered_fen if cash and t.tendered_fen else t.amount_fen
    reference = f"{abs(t.points)}分" if t.kind == "points" and t.points else ""
    return Tender(
        tender_label(t.kind, t.method),
        Money(amount),
        reference,
        is_cash=cash,
        stored_value=t.kind == "stored_value",
    )


def sale_tier_code(sale: Sale, member: Member) -> str:
    """The member's tier as it stood right after ``sale``, as the sale recorded it.

    Sales, refunds and recharges keep it in ``detail["tier_code"]``; rows
    written before they did fall back to the member's current tier.
    """
    code = sale.detail.get("tier_code") if sale.detail else None
    return code if isinstance(code, str) and code else member.tier_code


def _tier_name(s: Session, rules: ProgrammeRules | None, code: str) -> str:
    if rules is not None:
        try:
            return rules.tier(code).name
        except KeyError:
            pass
    row = s.get(TierRow, code)
    return row.name if row else code


def _as_of(s: Session, model: Any, value: Any, member_id: int, sale: Sale) -> int:
    """A member's ledger sum right after ``sale``.

    Ledger rows are appended in order, so "up to the last row this sale wrote
    (or, if it wrote none, the last row written before it)" is an id cut-off;
    ids rather than timestamps, because rows loaded from elsewhere (seeding,
    sync) may carry times that do not follow the order they were written in.
    """
    cutoff = s.scalar(
        select(func.max(model.id)).where(
            model.member_id == member_id,
            (model.sale_id == sale.id) | (model.created_at <= sale.created_at),
        )
    )
    if cutoff is None:
        return 0
    total = s.scalar(
        select(func.coalesce(func.sum(value), 0)).where(
            model.member_id == member_id, model.id <= cutoff
        )
    )
    return int(total or 0)


def _window_spend(s: Session, member_id: int, rules: ProgrammeRules, sale: Sale) -> Money:
    """Qualifying spend in the tier window as it stood right after ``sale``."""
    today = date.fromisoformat(sale.business_date)
    since = (today - timedelta(days=rules.tier_policy.window_days)).isoformat()
    total = s.scalar(
        select(func.coalesce(func.sum(Sale.total_fen), 0)).where(
            Sale.member_id == member_id,
            Sale.kind.in_(("sale", "refund")),
            Sale.business_date > since,
            Sale.created_at <= sale.created_at,
        )
    )
    return Money(int(total or 0))


#: The Chinese receipt's names of the discounts the pricing records in English.
_ADJUSTMENT_WORDS = {
    "member_price": "会员价",
    "birthday_discount": "生日折扣",
    "price_override": "改价",
    "rounding": "抹零",
}


def receipt_words(kind: str, description: str) -> str:
    """A line's discount as the Chinese receipt says it: the pricing's English
    ("member price", "birthday 90%", "coupon 新人券 80%") in Chinese, rates in 折
    ("钻石卡会员 88%" → "钻石卡会员 8.8折"); a promotion's own Chinese words as they are."""
    if kind == "coupon" and description.startswith("coupon "):
        return as_zhe("优惠券 " + description.removeprefix("coupon "))
    if kind == "price_override" and description not in ("", "price override"):
        return f"改价：{description}"  # the supervisor's reason
    if kind == "sale_discount":  # "95%：reason" → 整单折扣 9.5折：reason
        rate, _, reason = description.partition("：")
        return f"整单折扣 {as_zhe(rate)}：{reason}"
    if kind in _ADJUSTMENT_WORDS:
        rate = as_zhe(description.removeprefix("birthday ")) if kind == "birthday_discount" else ""
        return (_ADJUSTMENT_WORDS[kind] + " " + rate).strip()
    return as_zhe(description)
