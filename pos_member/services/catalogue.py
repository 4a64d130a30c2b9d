"""Finding products by what the scanner reads: EAN-13/EAN-8/UPC-A, in-store codes,
and the scale's price-embedded EAN-13 (prefix 2: PLU and weight)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos_member.domain.cards import gs1_valid
from pos_member.domain.cart import Product as DomainProduct
from pos_member.domain.errors import BadCheckDigit, UnknownProduct
from pos_member.domain.money import Money
from pos_member.store.models import Product


@dataclass(frozen=True, slots=True)
class Scanned:
    product: Product
    grams: int | None = None  # from a scale label


def _is_gs1_shape(code: str) -> bool:
    return code.isdigit() and len(code) in (8, 12, 13)


def scale_label(code: str) -> tuple[str, int] | None:
    """(PLU, grams) of a scale's EAN-13 label ``2 PPPPP WWWWW C``, else None."""
    if len(code) == 13 and code.isdigit() and code[0] == "2" and gs1_valid(code):
        return code[1:6], int(code[6:12])
    return None


def find_product(session: Session, text: str) -> Scanned:
    code = text.strip()
    if not code:
        raise UnknownProduct(code="(empty)")
    if _is_gs1_shape(code):
        if not gs1_valid(code):
            raise BadCheckDigit(number=code)
        candidates = [code, "0" + code] if len(code) == 12 else [code]
        for c in candidates:
            p = session.scalar(select(Product).where(Product.barcode == c, Product.active))
            if p is not None:
                return Scanned(p)
        label = scale_label(code)
        if label is not None:
            p = session.scalar(
                select(Product).where(Product.code == label[0], Product.weighed, Product.active)
            )
            if p is not None:
                return Scanned(p, grams=label[1])
    p = session.scalar(select(Product).where(Product.code == code, Product.active))
    if p is None:
        raise UnknownProduct(code=code)
    return Scanned(p)


def find_products(session: Session, texts: list[str]) -> list[Scanned]:
    """``find_product`` for a whole cart, with one query for the ordinary codes."""
    codes = [t.strip() for t in texts]
    rows = session.scalars(
        select(Product).where(
            Product.active, (Product.barcode.in_(set(codes))) | (Product.code.in_(set(codes)))
        )
    ).all()
    by_barcode = {p.barcode: p for p in rows if p.barcode}
    by_code = {p.code: p for p in rows}
    out: list[Scanned] = []
    for code in codes:
        if _is_gs1_shape(code):
            if not gs1_valid(code):
                raise BadCheckDigit(number=code)
            hit = by_barcode.get(code)
        else:
            hit = by_code.get(code)
        out.append(Scanned(hit) if hit is not None else find_product(session, code))
    return out


def to_domain(p: Product) -> DomainProduct:
    return DomainProduct(
        sku=p.code,
        name=p.name,
        price=Money(p.price_fen),
        member_price=Money(p.member_price_fen) if p.member_price_fen is not None else None,
        earns_points=p.earns_points,
        no_further_discount=not p.discountable,
        sold_by_weight=p.weighed,
        barcode=p.barcode,
    )
