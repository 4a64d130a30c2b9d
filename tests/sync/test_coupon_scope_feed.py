"""Head office's coupons limited to brands and capped, and its products' brands, reach a
real till through the change feed and price a sale there (PostgreSQL + uvicorn).

Head office (migration 0020) keeps ``products.brand``, ``coupons.scope`` and
``coupons.cap_fen`` as the tills do since their migration 0119; the managers' API
refuses what a till could not honour, with a message saying what to change.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from pos_member.domain.money import Money
from pos_member.headoffice.changes import START_CURSOR, read_page, read_page_json, touch
from pos_member.services.checkout import LineRequest, quote
from pos_member.services.context import Context, Role, StaffSession
from pos_member.settings import Settings
from pos_member.wire.schemas import Entity, PullPage
from tests.services.helpers import sale

pytestmark = pytest.mark.integration

CASHIER = StaffSession("1001", "小王", Role.CASHIER)
COUPON = {"code": "BRAND-HALF", "kind": "percent_off", "rate": "0.5", "name": "康师傅五折",
          "valid_from": "2026-01-01", "valid_until": "2099-12-31", "cap_fen": 300,
          "scope": {"brands": ["康师傅"]}}  # fmt: skip


def _two_products(hq: Any) -> list[tuple[int, str, int]]:
    """Two plain products (no member price, discountable, sold by the unit), the first
    given the brand 康师傅 at head office and announced in the feed."""
    with hq.engine.begin() as conn:
        picked = [
            (int(r.id), str(r.code), int(r.price_fen))
            for r in conn.execute(
                text(
                    "SELECT id, code, price_fen FROM products WHERE member_price_fen IS NULL"
                    " AND discountable AND NOT weighed AND count_card_plan IS NULL"
                    " AND price_fen >= 700 ORDER BY id LIMIT 2"
                )
            )
        ]
        conn.execute(
            text("UPDATE products SET brand = '康师傅' WHERE id = :i"), {"i": picked[0][0]}
        )
        touch(conn, Entity.PRODUCT, [picked[0][0]])
    return picked


def test_a_brand_coupon_with_a_cap_made_at_head_office_prices_a_sale_at_the_till(
    hq: Any, make_terminal: Any
) -> None:
    (branded_id, branded, price), (_, plain, other_price) = _two_products(hq)
    with hq.admin() as c:
        made = c.post("/api/v1/coupons", json=COUPON)
    assert made.status_code == 200, made.text
    with hq.engine.connect() as conn:
        stored = conn.execute(
            text("SELECT scope, cap_fen FROM coupons WHERE code = 'BRAND-HALF'")
        ).one()
        # Both ways head office serves a page carry the brand, the scope and the cap.
        js = PullPage.model_validate_json(read_page_json(conn, START_CURSOR, 100_000))
        py = read_page(conn, START_CURSOR, 100_000)
    assert (stored.scope, stored.cap_fen) == ({"brands": ["康师傅"]}, 300)
    for changes in (js.changes, py.changes):
        found = {(ch.entity, ch.key): ch.data for ch in changes}
        assert found[(Entity.PRODUCT, str(branded_id))]["brand"] == "康师傅"
        coupon = found[(Entity.COUPON, "BRAND-HALF")]
        assert (coupon["scope"], coupon["cap_fen"]) == ({"brands": ["康师傅"]}, 300)

    t = make_terminal()
    t.sync()
    with t.store.reading() as s:
        assert (
            s.execute(
                text("SELECT brand FROM products WHERE code = :c"), {"c": branded}
            ).scalar_one()
            == "康师傅"
        )
        assert tuple(
            s.execute(text("SELECT scope, cap_fen FROM coupons WHERE code = 'BRAND-HALF'")).one()
        ) == ('{"brands": ["康师傅"]}', 300)
    settings = Settings(db_path=t.store.path, terminal_id=t.terminal_id, store_id="S001")
    ctx = Context(store=t.store, settings=settings, clock=t.clock)
    lines = (LineRequest(branded, quantity=2), LineRequest(plain, quantity=1))
    priced = quote(ctx, sale(*lines, staff=CASHIER, coupons=("BRAND-HALF",)))
    # Half of the branded line would be price × 2 / 2 = price (≥ 7.00): capped at 3.00,
    # and on the branded line only.
    assert priced.net_total == Money(2 * price + other_price - 300)
    coupon_on = {pl.line.product.sku: [a.amount for a in pl.adjustments if a.ref == "BRAND-HALF"]
                 for pl in priced.lines}  # fmt: skip
    assert coupon_on == {branded: [Money(-300)], plain: []}


def test_head_office_refuses_coupons_a_till_could_not_honour(hq: Any) -> None:
    def count() -> int:
        return int(hq.scalar("SELECT count(*) FROM coupons WHERE code LIKE 'BAD-%'"))

    before = count()
    with hq.admin() as c:
        capped_amount = c.post("/api/v1/coupons", json={
            **COUPON, "code": "BAD-1", "kind": "amount_off", "value_fen": 500})  # fmt: skip
        twice = c.post("/api/v1/coupons", json={
            **COUPON, "code": "BAD-2", "scope": {"skus": ["A1", "A1"]}})  # fmt: skip
        unknown = c.post("/api/v1/coupons", json={
            **COUPON, "code": "BAD-3", "scope": {"suppliers": ["X"]}})  # fmt: skip
        empty = c.post("/api/v1/coupons", json={
            **COUPON, "code": "BAD-4", "scope": {"brands": [" "]}})  # fmt: skip
        negative = c.post("/api/v1/coupons", json={**COUPON, "code": "BAD-5", "cap_fen": -1})
    assert (capped_amount.status_code, capped_amount.json()["code"]) == (422, "coupon.cap")
    assert "set cap_fen to 0" in capped_amount.json()["detail"]
    assert (twice.status_code, twice.json()["code"]) == (422, "coupon.scope")
    assert unknown.status_code == empty.status_code == negative.status_code == 422
    assert count() == before
