"""The sale on screen: scanning into the draft, pricing, the payment's figures, checkout."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from pos_member.domain.money import Money
from pos_member.domain.pricing import AdjustmentKind, PricedSale
from pos_member.domain.tenders import TenderKind, TenderRequest
from pos_member.services import checkout
from pos_member.services import identify as ident
from pos_member.services.adjustments import void_sale as _void_sale
from pos_member.services.catalogue import find_product
from pos_member.services.context import Approval, Context, Role, StaffSession
from pos_member.services.payment_preview import (
    PaymentInfo,
    PaymentPreview,
)
from pos_member.services.payment_preview import (
    payment_info as _payment_info,
)
from pos_member.services.payment_preview import (
    preview_payment as _preview_payment,
)
from ui.draft import Draft, DraftLine
from ui.views import LineView, PaymentResult, SaleView

__all__ = ["PaymentInfo", "PaymentPreview", "Tenders"]

_NOBODY = StaffSession("", "", Role.CASHIER)  # a quote is nobody's action


@dataclass(frozen=True, slots=True)
class Tenders:
    """What the cashier typed in the payment dialog."""

    stored_value: Money = Money(0)
    points: int = 0
    cash: Money = Money(0)
    external: Money = Money(0)
    external_method: str = "bank_card"
    pin: str | None = None

    def requests(self) -> tuple[TenderRequest, ...]:
        """The tenders typed, as the services take them (stored value, other, cash)."""
        out: list[TenderRequest] = []
        if self.stored_value.fen:
            out.append(TenderRequest(TenderKind.STORED_VALUE, self.stored_value))
        if self.external.fen:
            out.append(TenderRequest(TenderKind.EXTERNAL, self.external, self.external_method))
        if self.cash.fen:
            out.append(TenderRequest(TenderKind.CASH, self.cash))
        return tuple(out)


def request(
    draft: Draft,
    staff: StaffSession | None = None,
    *,
    tenders: tuple[TenderRequest, ...] = (),
    points_to_redeem: int = 0,
    pay_pin: str | None = None,
) -> checkout.CheckoutRequest:
    """The draft on screen as the checkout service takes it."""
    return checkout.CheckoutRequest(
        sale_id=draft.sale_id,
        staff=staff or _NOBODY,
        lines=tuple(
            checkout.LineRequest(
                code=ln.code,
                quantity=ln.quantity,
                grams=ln.weight_g,
                price_override=ln.price_override,
                override_reason=ln.override_reason,
                gift=ln.gift,
            )
            for ln in draft.lines
        ),
        member_id=draft.member_id,
        card_id=draft.card_id,
        card_counter=draft.card_counter,
        id_method=draft.id_method,
        coupons=draft.coupons,
        tenders=tenders,
        points_to_redeem=points_to_redeem,
        pay_pin=pay_pin,
        approval=draft.override_approval,
        sale_discount=draft.sale_discount,
    )


def scan_line(ctx: Context, code: str, line_no: int) -> DraftLine:
    """The draft line for a scanned code (the product must exist; weight from the label)."""
    with ctx.store.reading() as s:
        scanned = find_product(s, code, ctx.scale_layouts)
        weighed = scanned.product.weighed
        grams = scanned.grams
    return DraftLine(
        line_no=line_no,
        code=code.strip(),
        quantity=1,
        weight_g=grams if weighed else None,
        weighed=weighed,
    )


def quote(ctx: Context, draft: Draft, points: int = 0) -> PricedSale:
    return checkout.quote(ctx, request(draft, points_to_redeem=points))


def price(ctx: Context, draft: Draft) -> SaleView:
    return sale_view(draft, quote(ctx, draft))


def payment_info(ctx: Context, draft: Draft) -> PaymentInfo:
    return _payment_info(ctx, request(draft))


def preview_payment(ctx: Context, draft: Draft, t: Tenders) -> PaymentPreview:
    """What the typed tenders leave to pay and the change, as the domain settles them."""
    return _preview_payment(ctx, request(draft, tenders=t.requests(), points_to_redeem=t.points))


def checkout_sale(ctx: Context, draft: Draft, staff: StaffSession, t: Tenders) -> PaymentResult:
    """Pay the draft with the tenders typed: one sale written, the member's balances after."""
    result = checkout.checkout(
        ctx,
        request(draft, staff, tenders=t.requests(), points_to_redeem=t.points, pay_pin=t.pin),
    )
    return payment_result(ctx, result, draft.member_id)


def payment_result(
    ctx: Context, result: checkout.SaleResult, member_id: int | None, *, refund: bool = False
) -> PaymentResult:
    """A sale, recharge or refund written, as the screen says it, with the member's
    balances after it (none for a refund: paid back, not paid)."""
    balance = points = None
    if member_id is not None:
        m = ident.member_view(ctx, member_id)
        balance, points = m.stored_value, m.points
    return PaymentResult(
        receipt_no=result.receipt_no,
        sale_id=result.sale_id,
        paid=-result.total if refund else result.total,
        change=Money(0) if refund else result.change,
        points_earned=result.points_earned,
        member_balance=balance,
        member_points=points,
    )


def void_sale(ctx: Context, staff: StaffSession, draft: Draft, approval: Approval | None) -> None:
    """A sale not yet paid is only screen state; the void is written to the audit log."""
    _void_sale(ctx, staff, approval, draft.sale_id, len(draft.lines))


def sale_view(draft: Draft, priced: PricedSale) -> SaleView:
    """The priced sale as the cart shows it; lines come back in the draft's order."""
    lines = []
    for dl_, pl in zip(draft.lines, priced.lines, strict=True):
        p = pl.line.product
        if p.sold_by_weight and pl.line.weight_g is not None:
            qty = f"{Decimal(pl.line.weight_g) / 1000:.3f} kg"
        else:
            qty = str(pl.line.quantity)
        lines.append(
            LineView(
                line_no=dl_.line_no,
                code=p.sku,
                name=p.name,
                quantity_text=qty,
                unit_price=pl.unit_price,
                original=pl.original,
                net=pl.net,
                reasons=tuple((a.kind.value, a.reason, a.ref, a.amount) for a in pl.adjustments),
                weighed=p.sold_by_weight,
            )
        )
    items = sum(1 if ln.line.product.sold_by_weight else ln.line.quantity for ln in priced.lines)
    hint = priced.nearest_hint
    return SaleView(
        lines=tuple(lines),
        original_total=priced.original_total,
        net_total=priced.net_total,
        savings=priced.savings,
        amount_due=priced.amount_due,
        points_earned=priced.points_earned,
        item_count=items,
        coupons=priced.coupons,
        promotions=_promotion_words(priced),
        hint_missing=hint.missing if hint else None,
        hint_reward=hint.reward if hint else "",
    )


def _promotion_words(priced: PricedSale) -> tuple[str, ...]:
    """Each promotion that changed the sale, once, as its lines name it (a tiered 满减 by
    the rung reached)."""
    words: dict[str, str] = {}
    for pl in priced.lines:
        for a in pl.adjustments:
            if a.kind is AdjustmentKind.PROMOTION and a.ref not in words:
                words[a.ref] = a.reason
    return tuple(words[code] for code in priced.promotions if code in words)
