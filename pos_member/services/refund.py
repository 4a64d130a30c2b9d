"""Refunds against an original receipt, whole or in parts, never beyond what was sold.

The domain plans what goes back to each tender (``plan_refund``) and which
points move (take back what the sale earned, give back what it spent); this
service loads the sale as a ``SaleRecord``, and writes the refund as a sale
of kind ``refund`` with negative amounts, reversing ledger entries, coupon
release, audit and outbox in one transaction.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from pos_member.domain import ledger as dl
from pos_member.domain.authorise import Offline
from pos_member.domain.cart import CartLine, whole
from pos_member.domain.cart import Product as DomainProduct
from pos_member.domain.errors import (
    InvalidQuantity,
    NothingToRefund,
    ProductNotHere,
    ReceiptOfAnotherStore,
    RefundCardNotNeeded,
    UnknownReceipt,
    ValidationError,
)
from pos_member.domain.events import EventKind
from pos_member.domain.identifiers import RECEIPT_KINDS, Reading, identify_text
from pos_member.domain.money import Money
from pos_member.domain.pricing import AdjustmentKind, MemberSnapshot, price_sale
from pos_member.domain.refund import (
    RefundPlan,
    SaleRecord,
    SoldLine,
    apply_clawback,
    clawback_due,
    deduct_points_shortfall,
    plan_refund,
)
from pos_member.domain.remote_sale import RemoteSale, remote_record
from pos_member.domain.rules import ProgrammeRules
from pos_member.domain.tenders import (
    GIFT_METHOD,
    POINTS_VALUE,
    SV_BONUS,
    SV_PRINCIPAL,
    TenderBucket,
)
from pos_member.domain.text import Text
from pos_member.services import auth, prepaid
from pos_member.services.catalogue import CatalogueItem, to_domain
from pos_member.services.checkout import (
    SaleResult,
    load_result,
    next_receipt_no,
    shift_id_or_refuse,
)
from pos_member.services.context import Approval, Context, StaffSession
from pos_member.services.ledgers import append_count, append_points, append_sv, member_lots
from pos_member.store.db import UnitOfWork
from pos_member.store.models import (
    CountCard,
    Coupon,
    Member,
    PointsEntry,
    PointsLot,
    Product,
    Sale,
    SaleAdjustment,
    SaleLine,
    Tender,
)
from pos_member.store.models import ProgrammeRules as RulesRow

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RefundRequest:
    refund_id: str
    receipt_no: str
    lines: Mapping[int, int]  # line number -> units back (pieces, or grams when weighed)
    staff: StaffSession
    approval: Approval | None = None
    #: Another named card in the member's name for the stored value, when the member's
    #: own card's cap would be passed (``preview_refund_target`` offers them).
    sv_card_number: str | None = None


def new_refund_id() -> str:
    return str(uuid.uuid4())


def find_sale(session: Session, terminal_id: str, receipt_no: str) -> Sale:
    found = identify_text(receipt_no, Reading(), RECEIPT_KINDS)
    key = receipt_no.strip() if found.rejected else found.value  # typed in lower case, too
    sale = session.scalar(
        select(Sale).where(
            Sale.terminal_id == terminal_id,
            Sale.receipt_no == key,
            Sale.kind == "sale",
        )
    )
    if sale is None:
        raise UnknownReceipt(receipt_no=receipt_no.strip() or "(empty)")
    return sale


_RECEIPT_NO = re.compile(r"[0-9A-Za-z_.-]{1,32}")


def _receipt_key(receipt_no: str) -> str:
    found = identify_text(receipt_no, Reading(), RECEIPT_KINDS)
    return receipt_no.strip() if found.rejected else found.value


@dataclass(frozen=True, slots=True)
class Found:
    """Where a receipt's sale is: ``remote``, head office's copy of a sale of another
    store; or this till's own (``remote`` None), with ``chain``, head office's copy of
    it, when head office answered (refunds of it at other stores count too)."""

    remote: RemoteSale | None = None
    chain: RemoteSale | None = None


def find_receipt(ctx: Context, receipt_no: str) -> Found:
    """Find the receipt here, else at head office (``Context.sale_lookup``).

    Asked outside any transaction, within the lookup's short budget. A receipt
    nobody has is ``UnknownReceipt``; one not here that head office could not
    be asked about, ``ReceiptOfAnotherStore``. A receipt of this till is
    refunded from this till's books when head office does not answer.
    """
    with ctx.store.reading() as s:
        try:
            local: str | None = find_sale(s, ctx.terminal_id, receipt_no).id
        except UnknownReceipt as exc:
            local, unknown = None, exc
    key = _receipt_key(receipt_no)
    lookup = ctx.sale_lookup
    if local is not None:
        if lookup is None or not ctx.online():
            return Found()
        copy = lookup.find(key)
        return Found(chain=copy if isinstance(copy, RemoteSale) and copy.sale_id == local else None)
    if lookup is None or not _RECEIPT_NO.fullmatch(key):
        raise unknown  # no head office to ask, or no receipt number any till prints
    found = lookup.find(key)
    if isinstance(found, Offline):
        raise ReceiptOfAnotherStore(receipt_no=unknown.params["receipt_no"], detail=found.reason)
    if found is None:
        raise unknown
    return Found(remote=found)


def _refunded_elsewhere(s: Session, record: SaleRecord, chain: RemoteSale) -> SaleRecord:
    """``record`` with the units refunds at other stores gave back (head office's)."""
    ours = set(s.scalars(select(Sale.id).where(Sale.id.in_(list(chain.refund_ids)))))
    units = dict(record.refunded_units)
    for rid, lines in chain.refunds.items():
        if rid not in ours:
            for n, u in lines.items():
                units[n] = units.get(n, 0) + u
    return replace(record, refunded_units=units)


def masked_member_name(session: Session, member_id: int | None) -> str:
    """The sale's member's name as the refund screen shows it (masked), "" for no member."""
    member = session.get(Member, member_id) if member_id is not None else None
    return member.name_masked if member is not None else ""


def sale_and_record(
    s: Session, terminal_id: str, receipt_no: str, found: Found
) -> tuple[Sale, SaleRecord, dict[int, SaleLine]]:
    """The sale ``find_receipt`` found, its ``SaleRecord`` with what every refund
    gave back, and its lines."""
    if found.remote is not None:
        return remote_sale_view(s, found.remote)
    sale = find_sale(s, terminal_id, receipt_no)
    record, sold_lines = sale_record(s, sale)
    if found.chain is not None:
        record = _refunded_elsewhere(s, record, found.chain)
    return sale, record, sold_lines


@dataclass(frozen=True, slots=True)
class RefundableLine:
    line_no: int
    name: str
    sold: int  # units (grams for a weighed line)
    remaining: int  # not yet refunded, here or at another store
    net: Money
    weighed: bool


@dataclass(frozen=True, slots=True)
class RefundableReceipt:
    """A receipt as the refund screen lists it: every line with what is left to refund."""

    sale_id: str
    receipt_no: str
    member_masked: str  # "" for a sale without a member
    lines: tuple[RefundableLine, ...]


def refundable_receipt(ctx: Context, receipt_no: str) -> RefundableReceipt:
    """The receipt's lines and what is left of each: here, or at another store through
    head office (refunds elsewhere count). One read; nothing written."""
    found = find_receipt(ctx, receipt_no)
    with ctx.store.reading() as s:
        sale, record, lines = sale_and_record(s, ctx.terminal_id, receipt_no, found)
        return RefundableReceipt(
            sale_id=sale.id,
            receipt_no=sale.receipt_no,
            member_masked=masked_member_name(s, sale.member_id),
            lines=tuple(
                RefundableLine(
                    line_no=sl.line_no,
                    name=lines[sl.line_no].name,
                    sold=sl.units,
                    remaining=record.remaining(sl.line_no),
                    net=sl.net,
                    weighed=bool(lines[sl.line_no].grams),
                )
                for sl in record.lines
            ),
        )


def _refunded_here(s: Session, remote: RemoteSale) -> dict[int, int]:
    """Units this till's refunds of a sale of another store gave back that head office
    has not seen yet."""
    out: dict[int, int] = {}
    for rid, detail in s.execute(
        select(Sale.id, Sale.detail).where(
            Sale.kind == "refund",
            Sale.original_sale_id.is_(None),
            func.json_extract(Sale.detail, "$.remote_sale_id") == remote.sale_id,
        )
    ):
        if rid in remote.refund_ids:
            continue
        for n, u in (detail or {}).get("remote_lines", {}).items():
            out[int(n)] = out.get(int(n), 0) + int(u)
    return out


def remote_sale_view(
    s: Session, remote: RemoteSale
) -> tuple[Sale, SaleRecord, dict[int, SaleLine]]:
    """A sale of another store as this till's refund sees one of its own: a ``Sale``
    and its ``SaleLine``s (never added to the session), and its ``SaleRecord``."""
    sale = Sale(
        id=remote.sale_id,
        kind="sale",
        receipt_no=remote.receipt_no,
        member_id=remote.member_id,
        card_id=None,
        detail={},
    )
    codes = {ln.product_code for ln in remote.lines}
    products = {p.code: p for p in s.scalars(select(Product).where(Product.code.in_(codes)))}
    lines: dict[int, SaleLine] = {}
    for ln in remote.lines:
        product = products.get(ln.product_code)
        if product is None:
            raise ProductNotHere(product_code=ln.product_code, receipt_no=remote.receipt_no)
        weighed = bool(product.weighed)
        lines[ln.line_no] = SaleLine(
            line_no=ln.line_no,
            product_id=product.id,
            product_code=product.code,
            name=ln.name or product.name,
            quantity=0 if weighed else ln.units,
            grams=ln.units if weighed else 0,
            unit_price_fen=ln.net_fen // ln.units if ln.units and not weighed else 0,
            net_fen=ln.net_fen,
        )
    return sale, remote_record(remote, _refunded_here(s, remote)), lines


def sale_record(session: Session, sale: Sale) -> tuple[SaleRecord, dict[int, SaleLine]]:
    """The sale as the domain's ``SaleRecord``, with what earlier refunds took back."""
    lines = {
        ln.line_no: ln
        for ln in session.scalars(select(SaleLine).where(SaleLine.sale_id == sale.id))
    }
    by_id = {ln.id: ln.line_no for ln in lines.values()}
    refunded: dict[int, int] = {}
    rows = session.execute(
        select(SaleLine.original_line_id, func.sum(SaleLine.quantity + SaleLine.grams))
        .join(Sale, Sale.id == SaleLine.sale_id)
        .where(Sale.original_sale_id == sale.id, Sale.kind == "refund")
        .group_by(SaleLine.original_line_id)
    ).all()
    for original_line_id, units in rows:
        if original_line_id is not None:
            refunded[by_id[original_line_id]] = int(units)
    record = SaleRecord(
        sale_id=sale.id,
        member_id=str(sale.member_id) if sale.member_id is not None else None,
        lines=tuple(
            SoldLine(
                line_no=ln.line_no,
                units=ln.grams if ln.grams else ln.quantity,
                net=Money(ln.net_fen),
                buckets={k: int(v) for k, v in ln.buckets.items()},
                points_paid=ln.points_paid,
                points_earned=ln.points_earned,
            )
            for ln in sorted(lines.values(), key=lambda r: r.line_no)
        ),
        coupons=tuple(sale.detail.get("coupons", ())),
        refunded_units=refunded,
    )
    return record, lines


@dataclass(frozen=True)
class _Planned:
    sale: Sale
    sold_lines: dict[int, SaleLine]
    plan: RefundPlan
    take_entries: list[dl.PointsEntry]
    give_entries: list[dl.PointsEntry]


def _plan(
    s: Session,
    terminal_id: str,
    receipt_no: str,
    lines: Mapping[int, int],
    refund_id: str,
    rules: ProgrammeRules,
    today: date,
    store_id: str = "",
    found: Found = Found(),
) -> _Planned:
    """What a refund of ``lines`` gives back and takes back; the one planning path.

    Used by the refund itself (inside its transaction) and by ``preview_refund``
    (on a read session), so what the cashier is shown is what is written.
    """
    remote = found.remote
    sale, record, sold_lines = sale_and_record(s, terminal_id, receipt_no, found)
    plan = plan_refund(record, dict(lines), rules.coupon_back_on_full_refund)
    take_entries: list[dl.PointsEntry] = []
    give_entries: list[dl.PointsEntry] = []
    if sale.member_id is not None and s.get(Member, sale.member_id) is not None:
        if plan.points_taken_back:
            lots, entries = member_lots(s, sale.member_id)
            own_lot = sale.id if s.get(PointsLot, sale.id) is not None else None
            take_entries, shortfall = dl.plan_take_back(
                refund_id, own_lot, lots, entries, plan.points_taken_back, today
            )
            if shortfall:
                plan = deduct_points_shortfall(plan, shortfall, rules.redeem)
        if plan.points_given_back and remote is not None:
            # The lots they were taken from are another store's: they come back as
            # a lot of their own, opened by this refund.
            give_entries = [
                dl.PointsEntry(
                    refund_id, refund_id, plan.points_given_back, dl.PointsReason.REFUND_GIVE_BACK
                )
            ]
        elif plan.points_given_back:
            give_entries = dl.plan_give_back(
                refund_id,
                _redeemed(s, sale.id),
                plan.points_given_back,
                already_given=_already_given(s, sale.id),
            )
    if sale.detail.get("promotions"):
        plan = _promotion_clawback(s, sale, record, sold_lines, plan, dict(lines), store_id)
    return _Planned(sale, sold_lines, plan, take_entries, give_entries)


_NOT_BEFORE_COUPONS = ("sale_discount", "coupon", "rounding")  # 整单折扣 is not clawed back


def _promotion_clawback(
    s: Session,
    sale: Sale,
    record: SaleRecord,
    sold_lines: dict[int, SaleLine],
    plan: RefundPlan,
    request: dict[int, int],
    store_id: str,
) -> RefundPlan:
    """Keep back what the lines still held owe once they no longer reach a promotion.

    The units still held are priced again as the sale priced them (its rules
    version, its member's tier, its moment), without coupons or points.
    """
    after_coupons: dict[int, int] = {}
    for line_no, amount in s.execute(
        select(SaleAdjustment.line_no, func.sum(SaleAdjustment.amount_fen))
        .where(SaleAdjustment.sale_id == sale.id, SaleAdjustment.kind.in_(_NOT_BEFORE_COUPONS))
        .group_by(SaleAdjustment.line_no)
    ):
        if line_no is not None:
            after_coupons[line_no] = int(amount)
    before_coupons = {n: ln.net_fen - after_coupons.get(n, 0) for n, ln in sold_lines.items()}
    doc = s.scalar(select(RulesRow.document).where(RulesRow.version == sale.rules_version))
    assert doc is not None, f"the rules version {sale.rules_version} of a sale is kept"
    rules = ProgrammeRules.from_dict(doc)
    member = s.get(Member, sale.member_id) if sale.member_id is not None else None
    tier = sale.detail.get("tier_code") or (member.tier_code if member else None)
    snap = (
        MemberSnapshot(str(member.id), str(tier), _birthday(member.birthday))
        if member is not None
        else None
    )
    products = {p.id: _product(p) for p in s.scalars(
        select(Product).where(Product.id.in_({ln.product_id for ln in sold_lines.values()}))
    )}  # fmt: skip
    held_promotions: set[str] = set()

    def reprice(kept: Mapping[int, int]) -> int:
        lines = [_cart_line(sold_lines[n], products, u, s, sale.id) for n, u in kept.items()]
        priced = price_sale(
            lines, snap, rules, (), 0, date.fromisoformat(sale.business_date),
            datetime.fromisoformat(sale.created_at), store_id,
        )  # fmt: skip
        held_promotions.update(priced.promotions)
        return sum(
            pl.net.fen - sum(a.amount.fen for a in pl.adjustments if a.kind.value == "rounding")
            for pl in priced.lines
        )

    due = clawback_due(record, request, before_coupons, reprice)
    lost = [c for c in sale.detail["promotions"] if c not in held_promotions]
    said = s.scalars(
        select(SaleAdjustment.description)
        .where(SaleAdjustment.sale_id == sale.id, SaleAdjustment.reference.in_(lost))
        .distinct()
    ).all()
    kept_before = _kept_before(s, sale.id)
    if due < sum(kept_before.values()):
        reason = "退回此前扣回的优惠"
    else:
        reason = "不再满足 " + "、".join(sorted(said))
    return apply_clawback(plan, due, kept_before, reason)


def _product(p: Product) -> DomainProduct:
    return to_domain(
        CatalogueItem(p.id, p.code, p.barcode, p.name, p.price_fen, p.member_price_fen,
                      p.weighed, p.earns_points, p.discountable, p.count_card_plan,
                      p.category or "", p.brand or "")
    )  # fmt: skip


def _birthday(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _kept_before(s: Session, sale_id: str) -> dict[str, int]:
    """What earlier refunds of the sale kept back per bucket for lost promotions."""
    kept: dict[str, int] = {}
    for detail in s.scalars(
        select(Sale.detail).where(Sale.original_sale_id == sale_id, Sale.kind == "refund")
    ):
        for b, v in (detail or {}).get("clawback_buckets", {}).items():
            kept[b] = kept.get(b, 0) + int(v)
    return {b: v for b, v in kept.items() if v}


def _cart_line(
    row: SaleLine, products: dict[int, DomainProduct], units: int, s: Session, sale_id: str
) -> CartLine:
    """A line of the sale as it was scanned, ``units`` of it (grams when weighed)."""
    product = products[row.product_id]
    kinds = set(
        s.scalars(
            select(SaleAdjustment.kind).where(
                SaleAdjustment.sale_id == sale_id, SaleAdjustment.line_no == row.line_no
            )
        )
    )
    if not row.grams and row.quantity:
        # The catalogue price of the day, not of today.
        product = replace(product, price=Money(row.gross_fen // row.quantity))
    member_price = Money(row.unit_price_fen) if "member_price" in kinds else None
    product = replace(product, member_price=member_price)
    # A gift (积分兑换) stays at its cash part, out of promotions, as an override would.
    override = Money(row.unit_price_fen) if kinds & {"price_override", "gift_redemption"} else None
    if row.grams:
        return CartLine(row.line_no, product, weight_g=units, price_override=override)
    return CartLine(row.line_no, product, units, price_override=override)


def preview_refund(ctx: Context, receipt_no: str, lines: Mapping[int, int]) -> RefundPlan:
    """The refund of ``lines`` as it would be committed now; nothing is written.

    The cashier's screen shows this before asking for the supervisor: money back
    per tender, stored value back to principal and bonus, points returned and
    taken back, and any value kept for earned points already spent.
    """
    for line_no, units in lines.items():
        if not whole(units) or units < 0:
            raise InvalidQuantity(quantity=units, product=Text("line {line_no}", line_no=line_no))
    if not any(lines.values()):
        raise NothingToRefund()
    found = find_receipt(ctx, receipt_no)
    with ctx.store.reading() as s:
        _, rules = ctx.rules(s)
        planned = _plan(s, ctx.terminal_id, receipt_no, lines, "preview", rules, ctx.today(),
                        ctx.settings.store_id, found)  # fmt: skip
        _check_count_cards(s, planned.sale, planned.plan, planned.sold_lines)
        return planned.plan


def preview_refund_target(
    ctx: Context, receipt_no: str, lines: Mapping[int, int]
) -> prepaid.RefundTarget | None:
    """Where the stored value of the refund of ``lines`` would go (the prepaid-card law):
    ``None`` when none goes back to a card; otherwise whether the member's own card takes
    it and, when its cap would be passed, the same-name cards that would. Nothing is
    written."""
    plan = preview_refund(ctx, receipt_no, lines)  # its checks, and nothing written
    if not (plan.sv_principal.fen or plan.sv_bonus.fen):
        return None
    found = find_receipt(ctx, receipt_no)
    with ctx.store.reading() as s:
        _, rules = ctx.rules(s)
        planned = _plan(s, ctx.terminal_id, receipt_no, lines, "preview", rules, ctx.today(),
                        ctx.settings.store_id, found)  # fmt: skip
        mid = planned.sale.member_id
        member = s.get(Member, mid) if mid is not None else None
        if member is None:
            return None
        back = dl.SVEntry("preview", dl.SVReason.REFUND, plan.sv_principal, plan.sv_bonus)
        return prepaid.refund_target(s, member, rules, back)


def refund(ctx: Context, req: RefundRequest) -> SaleResult:
    """Refund ``req.lines`` of the sale with receipt ``req.receipt_no``; once per refund id."""
    try:
        uuid.UUID(req.refund_id)
    except ValueError:
        raise ValueError("refund ids are UUIDs from new_refund_id()") from None
    for line_no, units in req.lines.items():
        if not whole(units) or units < 0:
            raise InvalidQuantity(quantity=units, product=Text("line {line_no}", line_no=line_no))
    if not any(req.lines.values()):
        raise NothingToRefund()
    with ctx.store.reading() as s:
        done = load_result(s, req.refund_id, replayed=True)
        if done is not None:
            return done
        shift_id_or_refuse(s, ctx.terminal_id)
    found = find_receipt(ctx, req.receipt_no)
    approved_by = auth.require(req.staff, "refund", req.approval)
    today = ctx.today()
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        replay = uow.session.get(Sale, req.refund_id) is not None
        if not replay:
            _commit_refund(ctx, uow, req, approved_by, today, found)
    with ctx.store.reading() as s:
        result = load_result(s, req.refund_id, replayed=replay)
    assert result is not None
    return result


def _commit_refund(
    ctx: Context,
    uow: UnitOfWork,
    req: RefundRequest,
    approved_by: str | None,
    today: date,
    found: Found = Found(),
) -> None:
    s = uow.session
    version, rules = ctx.rules(s)
    rid = req.refund_id
    planned = _plan(s, uow.terminal_id, req.receipt_no, req.lines, rid, rules, today,
                    ctx.settings.store_id, found)  # fmt: skip
    remote = found.remote
    sale, sold_lines, plan = planned.sale, planned.sold_lines, planned.plan
    take_entries, give_entries = planned.take_entries, planned.give_entries
    member = s.get(Member, sale.member_id) if sale.member_id is not None else None
    _check_count_cards(s, sale, plan, sold_lines)
    sv_member = member
    if member is not None:
        # Stored value goes back to the same card, within its cap, or to a card in the
        # same name the cashier chose when that cap would be passed (the prepaid-card law).
        back = dl.SVEntry(rid, dl.SVReason.REFUND, plan.sv_principal, plan.sv_bonus)
        sv_member = prepaid.credit_target(s, member, rules, back, req.sv_card_number)
    elif req.sv_card_number is not None:
        raise RefundCardNotNeeded()
    other_card = sv_member is not None and member is not None and sv_member.id != member.id

    receipt_no = next_receipt_no(uow)
    money_total = sum(plan.buckets.values())
    row = Sale(
        id=rid,
        kind="refund",
        terminal_id=uow.terminal_id,
        receipt_no=receipt_no,
        # A sale of another store is not in this store: named in the detail instead.
        original_sale_id=sale.id if remote is None else None,
        member_id=sale.member_id,
        card_id=sale.card_id,
        staff_id=req.staff.staff_id,
        approved_by=approved_by,
        shift_id=shift_id_or_refuse(s, uow.terminal_id),
        created_at=uow.now,
        business_date=today.isoformat(),
        rules_version=version,
        subtotal_fen=-plan.goods_value.fen,
        discount_fen=0,
        rounding_fen=0,
        # The goods' value back, less what is kept for earned points already spent
        # and for promotions the lines still held no longer reach.
        total_fen=-plan.goods_value.fen + plan.shortfall_deducted.fen + plan.clawback.fen,
        points_earned=-plan.points_taken_back,
        points_redeemed=-plan.points_given_back,
        offline=not ctx.online(),
        detail={
            "original_receipt_no": sale.receipt_no,
            "points_shortfall": plan.points_shortfall,
            "shortfall_deducted_fen": plan.shortfall_deducted.fen,
            "coupons_back": list(plan.coupons_back),
            "clawback_fen": plan.clawback.fen,
            "clawback_buckets": dict(plan.clawback_buckets),
            "money_back_fen": money_total,
            "cash_back_fen": plan.cash_back.fen,
            # The stored value went to another card in the member's name (its cap).
            **(
                {"sv_card_number": req.sv_card_number, "sv_member_id": sv_member.id}
                if other_card and sv_member is not None
                else {}
            ),
            # Refunds never change the tier: the member's tier at the counter, for the receipt.
            **({"tier_code": member.tier_code} if member is not None else {}),
            **(
                {
                    "remote_sale_id": sale.id,
                    "remote_store_id": remote.store_id,
                    "remote_lines": {str(ln.line_no): ln.units for ln in plan.lines},
                }
                if remote is not None
                else {}
            ),
        },
    )
    s.add(row)
    s.flush()
    for k, rl in enumerate(plan.lines, start=1):
        orig = sold_lines[rl.line_no]
        weighed = bool(orig.grams)
        s.add(
            SaleLine(
                sale_id=rid,
                line_no=k,
                product_id=orig.product_id,
                product_code=orig.product_code,
                name=orig.name,
                quantity=0 if weighed else rl.units,
                grams=rl.units if weighed else 0,
                unit_price_fen=orig.unit_price_fen,
                gross_fen=-rl.amount.fen,
                discount_fen=0,
                net_fen=-rl.amount.fen,
                points_earned=-rl.points_taken_back,
                points_paid=-rl.points_given_back,
                points_value_fen=-rl.buckets.get(POINTS_VALUE, 0),
                buckets={b: -v for b, v in rl.buckets.items()},
                original_line_id=orig.id,
            )
        )
    points_value_back = sum(rl.buckets.get(POINTS_VALUE, 0) for rl in plan.lines)
    if plan.shortfall_deducted.fen:
        s.add(
            SaleAdjustment(
                sale_id=rid,
                line_no=None,
                kind="points_shortfall",
                description=f"{plan.points_shortfall} earned points already spent",
                amount_fen=plan.shortfall_deducted.fen,
            )
        )
    if plan.clawback.fen:
        s.add(
            SaleAdjustment(
                sale_id=rid,
                line_no=None,
                kind="promotion_clawback",
                description=plan.clawback_reason[:128],
                amount_fen=plan.clawback.fen,
            )
        )
    _refund_tenders(s, rid, plan, points_value_back)
    if member is not None:
        if plan.sv_principal.fen or plan.sv_bonus.fen:
            append_sv(
                uow,
                sv_member or member,
                dl.SVEntry(rid, dl.SVReason.REFUND, plan.sv_principal, plan.sv_bonus),
                business_date=today,
                sale_id=rid,
                offline=not ctx.online(),
            )
        if remote is not None and plan.points_given_back:
            expires = rules.expiry.expires_on(today)
            s.add(
                PointsLot(
                    id=rid,
                    member_id=member.id,
                    earned_on=today.isoformat(),
                    expires_on=expires.isoformat() if expires else None,
                    points=plan.points_given_back,
                )
            )
            s.flush()
        append_points(uow, member, take_entries + give_entries, rid)
    if plan.coupons_back:
        s.execute(
            update(Coupon)
            .where(Coupon.code.in_(plan.coupons_back), Coupon.used_by_sale == sale.id)
            .values(used_by_sale=None)
        )
    _return_count_cards(uow, sale, plan, sold_lines, rid)
    uow.audit(
        "refund",
        staff_id=req.staff.staff_id,
        approved_by=approved_by,
        subject=receipt_no,
        event_id=rid,
        detail={"original": sale.receipt_no, "money_back_fen": money_total},
    )
    uow.outbox(
        EventKind.REFUND,
        {
            "refund_id": rid,
            "sale_id": sale.id,
            "store_id": ctx.settings.store_id,
            "terminal_id": uow.terminal_id,
            "receipt_no": receipt_no,
            "original_receipt_no": sale.receipt_no,
            "member_id": sale.member_id,
            "created_at": uow.now,
            "business_date": today.isoformat(),
            "offline": not ctx.online(),
            "total_fen": row.total_fen,
            "lines": {str(ln.line_no): ln.units for ln in plan.lines},
            # Money and stored value back per bucket, and the points' cash value
            # returned as points ("points"), so the buckets add up to the total.
            "buckets": {
                **plan.buckets,
                **({"points": points_value_back} if points_value_back else {}),
            },
            "points_given_back": plan.points_given_back,
            "points_taken_back": plan.points_taken_back,
            "points_shortfall": plan.points_shortfall,
            "coupons_back": list(plan.coupons_back),
            # A card in the member's name took the stored value (its cap, the law).
            **(
                {"sv_member_id": sv_member.id, "sv_card_number": req.sv_card_number}
                if other_card and sv_member is not None
                else {}
            ),
        },
        event_id=rid,
    )


def _redeemed(s: Session, sale_id: str) -> list[dl.PointsEntry]:
    rows = s.scalars(
        select(PointsEntry)
        .where(PointsEntry.sale_id == sale_id, PointsEntry.kind == dl.PointsReason.REDEEM.value)
        .order_by(PointsEntry.id)
    )
    return [dl.PointsEntry(r.event_id, r.lot_id, r.delta, dl.PointsReason.REDEEM) for r in rows]


def _already_given(s: Session, sale_id: str) -> int:
    total = s.scalar(
        select(func.coalesce(func.sum(PointsEntry.delta), 0))
        .join(Sale, Sale.id == PointsEntry.sale_id)
        .where(
            Sale.original_sale_id == sale_id,
            PointsEntry.kind == dl.PointsReason.REFUND_GIVE_BACK.value,
        )
    )
    return int(total or 0)


def _gift_points_back(s: Session, plan: RefundPlan) -> int:
    """Of the points a refund gives back, those of gift lines (积分兑换: the sale's lines
    marked by a ``gift_redemption`` adjustment)."""
    gifts = set(
        s.scalars(
            select(SaleAdjustment.line_no).where(
                SaleAdjustment.sale_id == plan.sale_id,
                SaleAdjustment.kind == AdjustmentKind.GIFT.value,
            )
        )
    )
    return sum(rl.points_given_back for rl in plan.lines if rl.line_no in gifts)


def _refund_tenders(s: Session, rid: str, plan: RefundPlan, points_value: int) -> None:
    seq = 0

    def add(kind: str, method: str, amount: int, **kw: int) -> None:
        nonlocal seq
        seq += 1
        s.add(Tender(sale_id=rid, seq=seq, kind=kind, method=method, amount_fen=-amount, **kw))

    gift_points = _gift_points_back(s, plan)
    as_cash = plan.points_given_back - gift_points
    if points_value or as_cash:
        add("points", "", points_value, points=-as_cash)
    if gift_points:  # 积分兑换 given back: points worth no cash of the refund
        add("points", GIFT_METHOD, 0, points=-gift_points)
    p, b = plan.sv_principal.fen, plan.sv_bonus.fen
    if p or b:
        add("stored_value", "", p + b, sv_principal_fen=-p, sv_bonus_fen=-b)
    for bucket, amount in sorted(plan.buckets.items()):
        if bucket in (SV_PRINCIPAL, SV_BONUS) or not amount:
            continue
        back_to = TenderBucket.parse(bucket)
        add(back_to.kind, back_to.method, amount)


def _count_card_units(
    s: Session, plan: RefundPlan, sold_lines: dict[int, SaleLine]
) -> list[tuple[str, int]]:
    out = []
    for rl in plan.lines:
        product = s.get(Product, sold_lines[rl.line_no].product_id)
        if product is not None and product.count_card_plan:
            out.append((product.count_card_plan, rl.units))
    return out


def _check_count_cards(
    s: Session, sale: Sale, plan: RefundPlan, sold_lines: dict[int, SaleLine]
) -> None:
    for plan_code, units in _count_card_units(s, plan, sold_lines):
        unused = s.scalar(
            select(func.count(CountCard.id)).where(
                CountCard.sold_sale_id == sale.id,
                CountCard.plan_code == plan_code,
                CountCard.remaining_uses == CountCard.total_uses,
            )
        )
        if (unused or 0) < units:
            raise ValidationError(
                field="count card",
                problem="a count card from this sale has been used and cannot be refunded",
            )


def _return_count_cards(
    uow: UnitOfWork, sale: Sale, plan: RefundPlan, sold_lines: dict[int, SaleLine], rid: str
) -> None:
    s = uow.session
    for plan_code, units in _count_card_units(s, plan, sold_lines):
        cards = s.scalars(
            select(CountCard)
            .where(
                CountCard.sold_sale_id == sale.id,
                CountCard.plan_code == plan_code,
                CountCard.remaining_uses == CountCard.total_uses,
            )
            .order_by(CountCard.id)
            .limit(units)
        ).all()
        for card in cards:
            append_count(uow, card, rid, -card.remaining_uses, "refund", rid)
