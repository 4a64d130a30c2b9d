"""Finding products by what the scanner reads: EAN-13/EAN-8/UPC-A, in-store codes,
and the scale's label (prefix 2: item code and weight or price, in the store's
layouts: ``pos_member.domain.scale``).

Lookups read plain rows (no ORM objects): a 50-line cart is resolved with
one indexed query per key kind, at a small cost over the bare SELECTs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

from pos_member.domain.cards import gs1_valid
from pos_member.domain.cart import Product as DomainProduct
from pos_member.domain.errors import BadCheckDigit, UnknownProduct
from pos_member.domain.money import Money
from pos_member.domain.scale import DEFAULT_SCALE_LAYOUTS, ScaleLayout, read_scale_label

TESTED_IN = "tests/services/test_bad_inputs.py"


@dataclass(frozen=True, slots=True)
class CatalogueItem:
    """A product row as the counter needs it (prices in fen; per kg when weighed)."""

    id: int
    code: str
    barcode: str | None
    name: str
    price_fen: int
    member_price_fen: int | None
    weighed: bool
    earns_points: bool
    discountable: bool
    count_card_plan: str | None
    category: str = ""
    brand: str = ""


@dataclass(frozen=True, slots=True)
class Scanned:
    product: CatalogueItem
    grams: int | None = None  # from a scale label


_COLS = (
    "id, code, barcode, name, price_fen, member_price_fen, weighed, earns_points,"
    " discountable, count_card_plan, coalesce(category, ''), coalesce(brand, '')"
)
_BY_BARCODE = text(f"SELECT {_COLS} FROM products WHERE barcode = :k AND active")
_BY_CODE = text(f"SELECT {_COLS} FROM products WHERE code = :k AND active")
_WEIGHED_BY_CODE = text(f"SELECT {_COLS} FROM products WHERE code = :k AND weighed AND active")
_MANY_BY_BARCODE = text(
    f"SELECT {_COLS} FROM products WHERE barcode IN :keys AND active"
).bindparams(bindparam("keys", expanding=True))
_MANY_BY_CODE = text(f"SELECT {_COLS} FROM products WHERE code IN :keys AND active").bindparams(
    bindparam("keys", expanding=True)
)


def _item(row: Any) -> CatalogueItem:
    return CatalogueItem(
        row[0], row[1], row[2], row[3], row[4], row[5],
        bool(row[6]), bool(row[7]), bool(row[8]), row[9], row[10], row[11],
    )  # fmt: skip


def _one(session: Session, stmt: Any, key: str) -> CatalogueItem | None:
    row = session.execute(stmt, {"k": key}).first()
    return _item(row) if row is not None else None


def _is_gs1_shape(code: str) -> bool:
    return code.isdigit() and len(code) in (8, 12, 13)


def find_product(
    session: Session, text_: str, layouts: tuple[ScaleLayout, ...] = DEFAULT_SCALE_LAYOUTS
) -> Scanned:
    """The product a code names: its barcode, a scale label in ``layouts``, or its code."""
    code = text_.strip()
    if not code:
        raise UnknownProduct(code="(empty)")
    if _is_gs1_shape(code):
        if not gs1_valid(code):
            raise BadCheckDigit(number=code)
        candidates = [code, "0" + code] if len(code) == 12 else [code]
        for c in candidates:
            hit = _one(session, _BY_BARCODE, c)
            if hit is not None:
                return Scanned(hit)
        label = read_scale_label(code, layouts)
        if label is not None:
            hit = _one(session, _WEIGHED_BY_CODE, label.item_code)
            if hit is not None:
                return Scanned(hit, grams=label.grams_at(Money(hit.price_fen)))
    hit = _one(session, _BY_CODE, code)
    if hit is None:
        raise UnknownProduct(code=code)
    return Scanned(hit)


def _many(session: Session, stmt: Any, keys: Iterable[str]) -> list[CatalogueItem]:
    wanted = sorted(set(keys))
    if not wanted:
        return []
    return [_item(r) for r in session.execute(stmt, {"keys": wanted})]


def find_products(
    session: Session, texts: list[str], layouts: tuple[ScaleLayout, ...] = DEFAULT_SCALE_LAYOUTS
) -> list[Scanned]:
    """``find_product`` for a whole cart: one query for barcodes, one for codes."""
    codes = [t.strip() for t in texts]
    for code in codes:
        if _is_gs1_shape(code) and not gs1_valid(code):
            raise BadCheckDigit(number=code)
    by_barcode = {
        p.barcode: p for p in _many(session, _MANY_BY_BARCODE, filter(_is_gs1_shape, codes))
    }
    by_code = {
        p.code: p for p in _many(session, _MANY_BY_CODE, (c for c in codes if not _is_gs1_shape(c)))
    }
    out: list[Scanned] = []
    for code in codes:
        hit = by_barcode.get(code) if _is_gs1_shape(code) else by_code.get(code)
        out.append(Scanned(hit) if hit is not None else find_product(session, code, layouts))
    return out


def to_domain(p: CatalogueItem) -> DomainProduct:
    return DomainProduct(
        sku=p.code,
        name=p.name,
        price=Money(p.price_fen),
        member_price=Money(p.member_price_fen) if p.member_price_fen is not None else None,
        earns_points=p.earns_points,
        no_further_discount=not p.discountable,
        sold_by_weight=p.weighed,
        barcode=p.barcode,
        category=p.category,
        brand=p.brand,
    )
