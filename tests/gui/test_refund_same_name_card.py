"""F6 by keys: a refund whose stored value would pass the member's card's cap shows the
overflow and offers the member's other named card (Alt+C), and the stored value goes
there; with no such card it says so and what to do, and nothing is written (issue 17)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from pos_member.domain.cards import mask_card
from pos_member.domain.tenders import TenderKind, TenderRequest
from pos_member.services.auth import hash_pin
from pos_member.services.checkout import CheckoutRequest, LineRequest, checkout, new_sale_id, quote
from pos_member.store.models import Card, Member, Sale, StoredValueEntry, Tier
from tests.gui.helpers import dialog, gone, press, type_into, wait_idle

pytestmark = pytest.mark.gui

CAP = 500_000
PIN = "246810"


def member(backend: Any, mid: int, card: str, fen: int, name: str = "赵同名") -> None:
    now = backend.ctx.now_iso()
    with backend.ctx.store.session() as s:
        tier = s.scalar(select(Tier.code).limit(1))
        m = Member(id=mid, name=name, phone=f"139{mid:08d}", tier_code=tier,
                   joined_on="2026-01-01", updated_at=now, pay_pin_hash=hash_pin(PIN))  # fmt: skip
        s.add(m)
        s.flush()
        s.add(Card(number=card, kind="barcode", state="active", member_id=mid))
        s.add(StoredValueEntry(event_id=f"open-{mid}", member_id=mid, kind="recharge",
                               principal_delta_fen=fen, bonus_delta_fen=0, terminal_id="HQ",
                               business_date="2026-11-01", created_at=now))  # fmt: skip
        m.sv_principal_fen = fen


def sold_then_full(backend: Any, window: Any, demo: Any, mid: int) -> tuple[str, int]:
    """A sale paid from ``mid``'s stored value, then the card filled to its cap."""
    ctx = backend.ctx
    code = str(demo.products[0]["barcode"])
    base = CheckoutRequest(new_sale_id(), window.staff, (LineRequest(code),), member_id=mid)
    due = quote(ctx, base).amount_due
    done = checkout(ctx, CheckoutRequest(base.sale_id, window.staff, base.lines, member_id=mid,
                                         tenders=(TenderRequest(TenderKind.STORED_VALUE, due),),
                                         pay_pin=PIN))  # fmt: skip
    with ctx.store.session() as s:
        m = s.get(Member, mid)
        assert m is not None
        fill = CAP - m.sv_principal_fen - m.sv_bonus_fen
        s.add(StoredValueEntry(event_id=f"fill-{mid}", member_id=mid, kind="adjust",
                               principal_delta_fen=fill, bonus_delta_fen=0, terminal_id="HQ",
                               business_date="2026-11-01", created_at=ctx.now_iso()))  # fmt: skip
        m.sv_principal_fen += fill
    return done.receipt_no, due.fen


def open_refund(qtbot: Any, window: Any, receipt: str) -> Any:
    press(qtbot, window, Qt.Key.Key_F6)
    dlg = dialog(qtbot, "refundDialog")
    type_into(qtbot, dlg.receipt_input, receipt)
    wait_idle(qtbot, window.runner)
    press(qtbot, dlg, Qt.Key.Key_F3)  # everything
    qtbot.waitUntil(lambda: bool(dlg.card_note.text()), timeout=3000)
    wait_idle(qtbot, window.runner)
    return dlg


def sv(backend: Any, mid: int) -> int:
    with backend.ctx.store.reading() as s:
        m = s.get(Member, mid)
        assert m is not None
        return m.sv_principal_fen + m.sv_bonus_fen


def test_the_overflow_goes_to_the_members_other_card_by_keys(
    qtbot: Any, window: Any, backend: Any, demo: Any
) -> None:
    member(backend, 990_001, "8899000000011", 100_000)
    member(backend, 990_002, "8899000000028", 0)  # the same name, its own card and balance
    receipt, paid = sold_then_full(backend, window, demo, 990_001)
    dlg = open_refund(qtbot, window, receipt)
    assert "does not fit the member's card" in dlg.card_note.text()
    assert "cap ¥5,000.00, at most ¥0.00 more" in dlg.card_note.text()
    assert dlg.card_box.isVisible() and dlg.card_box.count() == 1
    assert mask_card("8899000000028") in dlg.card_box.currentText()
    qtbot.keyClick(dlg, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is dlg.card_box
    assert dlg.confirm_button.isEnabled()
    press(qtbot, dlg, Qt.Key.Key_F12)
    confirm = dialog(qtbot, "refundConfirm")
    assert "goes back to the stored value of card" in confirm.text()
    press(qtbot, confirm, Qt.Key.Key_Return)
    sup = dialog(qtbot, "supervisorDialog")
    sup.staff_input.setText("2001")
    type_into(qtbot, sup.pin_input, "8888")
    wait_idle(qtbot, window.runner)
    qtbot.waitUntil(lambda: gone(dlg), timeout=5000)
    assert sv(backend, 990_001) == CAP  # the full card is untouched
    assert sv(backend, 990_002) == paid  # the other card in the same name took it


def test_with_no_other_card_it_says_what_to_do_and_writes_nothing(
    qtbot: Any, window: Any, backend: Any, demo: Any
) -> None:
    member(backend, 990_003, "8899000000035", 100_000, name="钱独卡")
    receipt, _ = sold_then_full(backend, window, demo, 990_003)
    with backend.ctx.store.reading() as s:
        before = s.scalar(select(func.count()).select_from(Sale))
    dlg = open_refund(qtbot, window, receipt)
    assert "no other named card" in dlg.card_note.text()
    assert "Issue a second card in the member's name at the manager window" in (
        dlg.card_note.text()
    )
    assert not dlg.card_box.isVisible() and not dlg.confirm_button.isEnabled()
    press(qtbot, dlg, Qt.Key.Key_F12)  # nothing to confirm
    wait_idle(qtbot, window.runner)
    with backend.ctx.store.reading() as s:
        assert s.scalar(select(func.count()).select_from(Sale)) == before
    assert sv(backend, 990_003) == CAP
