"""Held sales (挂单/取单): a basket put aside so the next customer can be served.

A held sale is the cashier's draft as entered (product codes, quantities,
weights, coupons, the member's id, the supervisor-approved 改价 and 整单折扣
with their reasons and approver; nothing priced), kept in the terminal's
database so that it survives a crash, a restart or a logout. It is screen
state, not a ledger: recalling it deletes the row in the same transaction
that reads it, so a held sale comes back once; a second recall (another
press, another window) gets ``HeldSaleGone``. Prices are computed again by
checkout when the recalled draft is shown.

The approval of the overrides is kept as its approver's staff id: a recall
gives it back with the approver's role as the store has it then (checkout
checks it once more), and drops the overrides, saying so, if the approver may
no longer approve them (gone, or no longer a supervisor).

Discarding a held sale throws a basket away like voiding a sale: it needs
the same permission (``void``) and is written to the audit log.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from pos_member.domain.cart import MAX_QUANTITY
from pos_member.domain.errors import (
    EmptyCart,
    HeldSaleGone,
    SaleAlreadyHeld,
    UnknownCard,
    UnknownProduct,
    UserFacingError,
    ValidationError,
)
from pos_member.domain.money import Money
from pos_member.domain.pricing import SaleDiscount
from pos_member.domain.rules import GiftRate
from pos_member.domain.scale import ScaleLayout
from pos_member.services import auth
from pos_member.services.catalogue import find_product
from pos_member.services.context import Approval, Context, Role, StaffSession
from pos_member.store.models import HeldSale, Member, Sale, Staff

log = logging.getLogger(__name__)

SUMMARY_CHARS = 160  # the column's width
MAX_LINES = 500
MAX_COUPONS = 20


@dataclass(frozen=True, slots=True)
class HeldLine:
    """One line as the cashier entered it: the scanned code and how many / how heavy."""

    line_no: int
    code: str
    quantity: int = 1
    weight_g: int | None = None
    weighed: bool = False
    price_override: Money | None = None  # 改价: the approved unit price
    override_reason: str = ""
    gift: GiftRate | None = None  # 积分兑换: the gift's rate (checked again at recall)


@dataclass(frozen=True, slots=True)
class HeldDraft:
    """A sale being rung up, as plain data (the UI's draft converts to and from it)."""

    sale_id: str
    lines: tuple[HeldLine, ...]
    member_id: int | None = None
    coupons: tuple[str, ...] = ()
    sale_discount: SaleDiscount | None = None  # 整单折扣
    #: Who approved the overrides (改价, 整单折扣): a recall gives their approval back.
    approval: Approval | None = None

    @property
    def overridden(self) -> bool:
        return self.sale_discount is not None or any(
            ln.price_override is not None for ln in self.lines
        )

    def without_overrides(self) -> HeldDraft:
        return replace(
            self,
            lines=tuple(replace(ln, price_override=None, override_reason="") for ln in self.lines),
            sale_discount=None,
            approval=None,
        )

    def as_json(self) -> dict[str, Any]:
        d = self.sale_discount
        return {
            "sale_id": self.sale_id,
            "member_id": self.member_id,
            "coupons": list(self.coupons),
            "lines": [
                {
                    "line_no": ln.line_no,
                    "code": ln.code,
                    "quantity": ln.quantity,
                    "weight_g": ln.weight_g,
                    "weighed": ln.weighed,
                    "price_override_fen": (
                        None if ln.price_override is None else ln.price_override.fen
                    ),
                    "override_reason": ln.override_reason,
                    "gift": None
                    if ln.gift is None
                    else {"points": ln.gift.points, "cash": ln.gift.cash.fen},
                }
                for ln in self.lines
            ],
            "sale_discount": None
            if d is None
            else {
                "reason": d.reason,
                "rate": None if d.rate is None else str(d.rate),
                "amount_fen": None if d.amount is None else d.amount.fen,
            },
            # The approver's id only: the role is read again from the store at recall.
            "approved_by": None if self.approval is None else self.approval.staff_id,
        }

    @classmethod
    def from_json(cls, doc: dict[str, Any]) -> HeldDraft:
        return cls(
            sale_id=str(doc["sale_id"]),
            member_id=None if doc.get("member_id") is None else int(doc["member_id"]),
            coupons=tuple(str(c) for c in doc.get("coupons", ())),
            lines=tuple(
                HeldLine(
                    line_no=int(ln["line_no"]),
                    code=str(ln["code"]),
                    quantity=int(ln.get("quantity", 1)),
                    weight_g=None if ln.get("weight_g") is None else int(ln["weight_g"]),
                    weighed=bool(ln.get("weighed", False)),
                    price_override=(
                        None
                        if ln.get("price_override_fen") is None
                        else Money(int(ln["price_override_fen"]))
                    ),
                    override_reason=str(ln.get("override_reason") or ""),
                    gift=None
                    if not ln.get("gift")
                    else GiftRate(int(ln["gift"]["points"]), Money(int(ln["gift"]["cash"]))),
                )
                for ln in doc.get("lines", ())
            ),
            sale_discount=_discount_from_json(doc.get("sale_discount")),
            # Held before overrides were kept, or without them: no approver. Otherwise
            # a placeholder with no authority until the approver's role is read again
            # from the store (``list_held``, ``recall``).
            approval=None
            if not doc.get("approved_by")
            else Approval(str(doc["approved_by"]), Role.CASHIER, "price_override"),
        )


def _discount_from_json(doc: dict[str, Any] | None) -> SaleDiscount | None:
    if not doc:
        return None
    return SaleDiscount(
        reason=str(doc.get("reason") or ""),
        rate=None if doc.get("rate") is None else Decimal(str(doc["rate"])),
        amount=None if doc.get("amount_fen") is None else Money(int(doc["amount_fen"])),
    )


@dataclass(frozen=True, slots=True)
class HeldSummary:
    """One waiting held sale, as the recall list shows it."""

    sale_id: str
    created_at: str  # UTC ISO
    staff_id: str
    member_id: int | None
    member_masked: str  # 张*  ("" without a member)
    line_count: int
    summary: str
    #: The basket as held (nothing priced): the list prices it again to show its amount.
    draft: HeldDraft | None = None


@dataclass(frozen=True, slots=True)
class Recalled:
    """A recalled held sale: its draft without the lines whose product is gone."""

    draft: HeldDraft
    dropped: tuple[str, ...]  # codes of the lines left out: no such (active) product now
    held_at: str
    staff_id: str
    summary: str
    #: The 改价 and 整单折扣 were taken off: their approver may no longer approve them.
    overrides_dropped: bool = False


def _check(draft: HeldDraft) -> None:
    if not draft.lines:
        raise EmptyCart()
    try:
        uuid.UUID(draft.sale_id)
    except ValueError:
        raise ValidationError(field="sale", problem="the sale id is not a UUID") from None
    if len(draft.lines) > MAX_LINES:
        raise ValidationError(field="held sale", problem="too many lines to hold")
    if len(draft.coupons) > MAX_COUPONS:
        raise ValidationError(field="held sale", problem="too many coupons to hold")
    for ln in draft.lines:
        if not ln.code.strip() or len(ln.code) > 64:
            raise ValidationError(field="held sale", problem="a line has no product code")
        if ln.weighed:
            if ln.weight_g is None or ln.weight_g <= 0:
                raise ValidationError(field="held sale", problem="a weighed line has no weight")
        elif not 0 < ln.quantity <= MAX_QUANTITY:
            raise ValidationError(field="held sale", problem="a quantity is not between 1 and 999")
        if ln.price_override is not None and (
            ln.price_override.fen < 0 or not ln.override_reason.strip()
        ):
            raise ValidationError(field="held sale", problem="a price override has no reason")
    d = draft.sale_discount
    if d is not None and ((d.rate is None) == (d.amount is None) or not d.reason.strip()):
        raise ValidationError(field="held sale", problem="the sale discount is incomplete")


def _with_approver(draft: HeldDraft, staff: StaffSession) -> HeldDraft:
    """Who approved the overrides: the supervisor who typed their PIN, or the staff at
    the till who may approve them themselves (a cashier recalling it later may not)."""
    if not draft.overridden:
        return replace(draft, approval=None)
    if draft.approval is None and staff.role >= Role.SUPERVISOR:
        return replace(draft, approval=Approval(staff.staff_id, staff.role, "price_override"))
    return draft


def _approval_now(session: Session, draft: HeldDraft) -> Approval | None:
    """The held approval with its approver's role as the store has it now (None: the
    approver is gone or may no longer approve)."""
    if draft.approval is None:
        return None
    row = session.get(Staff, draft.approval.staff_id)
    if row is None or not row.active:
        return None
    role = Role.parse(row.role)
    if role < Role.SUPERVISOR:
        return None
    return Approval(row.id, role, "price_override")


def _summary(session: Session, draft: HeldDraft, layouts: tuple[ScaleLayout, ...]) -> str:
    """The first products' names and quantities: what the cashier recognises the basket by."""
    parts: list[str] = []
    for ln in draft.lines:
        try:
            name = find_product(session, ln.code, layouts).product.name
        except UserFacingError:  # never refuse to hold a basket over its description
            name = ln.code
        if ln.weighed and ln.weight_g:
            parts.append(f"{name} {Decimal(ln.weight_g) / 1000:.3f}kg")
        elif ln.quantity != 1:
            parts.append(f"{name} ×{ln.quantity}")
        else:
            parts.append(name)
        if sum(len(p) + 1 for p in parts) > SUMMARY_CHARS:
            break
    text = "、".join(parts)
    return text if len(text) <= SUMMARY_CHARS else text[: SUMMARY_CHARS - 1] + "…"


def _waiting(session: Session, terminal_id: str) -> int:
    return int(
        session.scalar(
            select(func.count()).select_from(HeldSale).where(HeldSale.terminal_id == terminal_id)
        )
        or 0
    )


def hold(ctx: Context, staff: StaffSession, draft: HeldDraft) -> int:
    """Keep ``draft`` as a held sale of this terminal; returns how many are now waiting."""
    _check(draft)
    draft = _with_approver(draft, staff)
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        s = uow.session
        if s.get(HeldSale, draft.sale_id) is not None:
            raise SaleAlreadyHeld()
        if s.get(Sale, draft.sale_id) is not None:
            raise ValidationError(field="sale", problem="this sale is already paid")
        if draft.member_id is not None and s.get(Member, draft.member_id) is None:
            raise UnknownCard(number=str(draft.member_id))
        s.add(
            HeldSale(
                sale_id=draft.sale_id,
                terminal_id=ctx.terminal_id,
                staff_id=staff.staff_id,
                member_id=draft.member_id,
                draft=draft.as_json(),
                line_count=len(draft.lines),
                summary=_summary(s, draft, ctx.scale_layouts),
                created_at=uow.now,
            )
        )
        s.flush()
        return _waiting(s, ctx.terminal_id)


def count_held(ctx: Context) -> int:
    """How many held sales wait at this terminal (for the status bar)."""
    with ctx.store.reading() as s:
        return _waiting(s, ctx.terminal_id)


def list_held(ctx: Context) -> list[HeldSummary]:
    """This terminal's held sales, newest first."""
    with ctx.store.reading() as s:
        rows = s.execute(
            select(
                HeldSale.sale_id,
                HeldSale.created_at,
                HeldSale.staff_id,
                HeldSale.member_id,
                Member.name_masked,
                HeldSale.line_count,
                HeldSale.summary,
                HeldSale.draft,
            )
            .outerjoin(Member, Member.id == HeldSale.member_id)
            .where(HeldSale.terminal_id == ctx.terminal_id)
            .order_by(HeldSale.created_at.desc(), HeldSale.sale_id.desc())
        ).all()
        drafts = [HeldDraft.from_json(r[-1]) for r in rows]
        drafts = [replace(d, approval=_approval_now(s, d)) for d in drafts]
    return [
        HeldSummary(
            sale_id=sid,
            created_at=at,
            staff_id=staff_id,
            member_id=member_id,
            member_masked=name or "",
            line_count=int(n),
            summary=summary,
            draft=draft,
        )
        for (sid, at, staff_id, member_id, name, n, summary, _), draft in zip(
            rows, drafts, strict=True
        )
    ]


def recall(ctx: Context, sale_id: str) -> Recalled:
    """Take the held sale back: returns its draft and deletes the row, in one transaction.

    Lines whose product no longer exists (or is no longer sold) are left out
    and named in ``dropped``; the other lines come back as they were.
    """
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        s = uow.session
        row = s.get(HeldSale, sale_id)
        if row is None:
            raise HeldSaleGone()
        held = HeldDraft.from_json(row.draft)
        at, staff_id, summary = row.created_at, row.staff_id, row.summary
        gone = s.execute(delete(HeldSale).where(HeldSale.sale_id == sale_id))
        if getattr(gone, "rowcount", 1) != 1:  # pragma: no cover - the write lock forbids it
            raise HeldSaleGone()
        kept: list[HeldLine] = []
        dropped: list[str] = []
        for ln in held.lines:
            try:
                find_product(s, ln.code, ctx.scale_layouts)
            except UserFacingError as exc:
                if not isinstance(exc, UnknownProduct):
                    log.info("held line %s (%s) left out: %s", ln.line_no, ln.code, exc)
                dropped.append(ln.code)
                continue
            kept.append(ln)
        back = replace(held, lines=tuple(kept), approval=_approval_now(s, held))
        overrides_dropped = back.overridden and back.approval is None
        if overrides_dropped:
            log.info("held sale %s: its overrides' approver may no longer approve", sale_id)
            back = back.without_overrides()
    return Recalled(
        draft=back,
        dropped=tuple(dropped),
        held_at=at,
        staff_id=staff_id,
        summary=summary,
        overrides_dropped=overrides_dropped,
    )


def put_back(ctx: Context, recalled: Recalled) -> None:
    """Hold a recalled sale again as it was (same time), when it could not be shown.

    Nothing is put back when no line was left (every product was gone).
    """
    if not recalled.draft.lines:
        return
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        s = uow.session
        if s.get(HeldSale, recalled.draft.sale_id) is not None:
            return
        s.add(
            HeldSale(
                sale_id=recalled.draft.sale_id,
                terminal_id=ctx.terminal_id,
                staff_id=recalled.staff_id,
                member_id=recalled.draft.member_id,
                draft=recalled.draft.as_json(),
                line_count=len(recalled.draft.lines),
                summary=recalled.summary,
                created_at=recalled.held_at,
            )
        )


def discard(
    ctx: Context, staff: StaffSession, sale_id: str, approval: Approval | None = None
) -> int:
    """Throw a held sale away (a void: supervisor's approval for a cashier); audited.

    Returns how many held sales still wait at this terminal.
    """
    approver = auth.require(staff, "void", approval)
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        s = uow.session
        row = s.get(HeldSale, sale_id)
        if row is None:
            raise HeldSaleGone()
        detail = {"lines": row.line_count, "summary": row.summary, "held_at": row.created_at}
        s.execute(delete(HeldSale).where(HeldSale.sale_id == sale_id))
        uow.audit(
            "sale.held_discard",
            staff_id=staff.staff_id,
            approved_by=approver if approver != staff.staff_id else None,
            subject=sale_id,
            detail=detail,
        )
        return _waiting(s, ctx.terminal_id)
