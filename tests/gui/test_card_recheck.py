"""The sale screen pays with the card the member was identified by: checked again at payment."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from pos_member.services.cards import report_lost
from pos_member.store.models import OutboxEvent, Sale
from pos_member.wire.outbound import to_wire
from tests.gui.helpers import pay_exact_cash, type_into, wait_idle

pytestmark = pytest.mark.gui


def _scan_a_product_and_a_member_card(qtbot: Any, window: Any, demo: Any) -> Any:
    member = demo.member()
    product = next(p for p in demo.products if p.get("barcode") and "count_card_uses" not in p)
    for code in (product["barcode"], member["card_number"]):
        type_into(qtbot, window.scan_input, code)
        wait_idle(qtbot, window.runner)
    return member


def test_a_card_reported_lost_after_the_scan_stops_the_payment(
    qtbot: Any, window: Any, demo: Any, backend: Any, cashier: Any
) -> None:
    member = _scan_a_product_and_a_member_card(qtbot, window, demo)
    assert window.draft.member_id == member["member_id"] and window.draft.card_id is not None

    report_lost(backend.ctx, cashier, member["card_number"], "member phoned the store")
    pay = pay_exact_cash(qtbot, window)
    qtbot.waitUntil(lambda: "reported lost" in pay.message.text())
    with backend.ctx.store.reading() as s:
        sold = s.scalar(
            select(func.count()).select_from(Sale).where(Sale.id == window.draft.sale_id)
        )
    assert sold == 0


def test_the_sale_event_carries_the_card_scanned_and_how_the_member_was_identified(
    qtbot: Any, window: Any, demo: Any, backend: Any
) -> None:
    member = _scan_a_product_and_a_member_card(qtbot, window, demo)
    sale_id = window.draft.sale_id
    pay_exact_cash(qtbot, window)
    with backend.ctx.store.reading() as s:
        payload = s.scalar(select(OutboxEvent.payload).where(OutboxEvent.id == sale_id))
    assert payload is not None
    assert (payload["card_number"], payload["id_method"]) == (member["card_number"], "member_card")
    # And so on the wire to head office (``wire.outbound``).
    wire = to_wire("sale.completed", payload)
    assert (wire["card_number"], wire["id_method"]) == (member["card_number"], "member_card")
