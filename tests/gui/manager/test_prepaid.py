"""Manager mode, 退卡 and the cooling-off reversal: preview first, then the card is closed.

The dialog is opened from the member's panel (F11); the figures it shows are the
services' (``services.prepaid``), checked against the database afterwards.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import text

from pos_member.domain.money import Money
from pos_member.domain.rules import PrepaidRules
from pos_member.domain.tenders import TenderKind, TenderRequest
from pos_member.seed.history import demo_buyer
from pos_member.services import prepaid
from pos_member.services.identify import member_view
from pos_member.services.programme import install_rules
from pos_member.services.stored_value import RechargeRequest, new_recharge_id, recharge
from tests.gui.helpers import type_into, wait_idle
from ui.widgets import money_text

from .helpers import child, ime

pytestmark = pytest.mark.gui

HOLDER_ID = "11010519491231002X"


def _sync_done(ctx: Any) -> None:
    with ctx.store.session() as s:
        s.connection().execute(
            text("UPDATE outbox SET sent_at = :t, attempts = attempts + 1 WHERE sent_at IS NULL"),
            {"t": ctx.now_iso()},
        )


def _with_balance(ctx: Any, demo: Any) -> dict[str, Any]:
    """A seeded member with a card and stored value on it."""
    for m in demo.members:
        if m.get("card_number") and member_view(ctx, m["member_id"]).stored_value.fen > 0:
            return m
    raise AssertionError("the demo seed has no member with stored value")


def _select(qtbot: Any, w: Any, runner: Any, query: str) -> None:
    type_into(qtbot, w.search_input, query)
    wait_idle(qtbot, runner)
    qtbot.waitUntil(lambda: w.page is not None)


def test_close_a_card_after_the_preview(
    qtbot: Any, mwindow: Any, runner: Any, mbackend: Any, demo: Any
) -> None:
    ctx = mbackend.ctx
    m = _with_balance(ctx, demo)
    _sync_done(ctx)
    expected = prepaid.closure_preview(ctx, m["card_number"]).quote
    _select(qtbot, mwindow, runner, m["phone"])
    qtbot.keyClick(mwindow, Qt.Key.Key_F11)
    dlg = child(qtbot, mwindow, "prepaidDialog")
    assert dlg.card_input.currentText() == m["card_number"]
    assert not dlg.confirm_button.isEnabled()
    qtbot.keyClick(dlg.card_input.lineEdit(), Qt.Key.Key_Return)  # Enter: the preview
    wait_idle(qtbot, runner)
    shown = dlg.closure_preview.toPlainText()
    assert money_text(expected.refund) in shown and "Paid in" in shown
    assert dlg.confirm_button.isEnabled()
    dlg.id_input.setText(HOLDER_ID)
    dlg.consent_input.setChecked(True)
    if not expected.cash_allowed:
        dlg.account_input.setText("6217000010000000123")
    ime(dlg.bank_input, "建设银行")
    with qtbot.waitSignal(dlg.closed, timeout=5000) as got:
        dlg.confirm_button.click()
    result = got.args[0]
    assert result.quote.refund == expected.refund
    assert member_view(ctx, result.member_id).stored_value == Money(0)
    assert "Card closed" in dlg.message.text()


def test_a_refused_closure_keeps_what_was_typed(
    qtbot: Any, mwindow: Any, runner: Any, mbackend: Any, demo: Any
) -> None:
    m = _with_balance(mbackend.ctx, demo)
    _sync_done(mbackend.ctx)
    _select(qtbot, mwindow, runner, m["phone"])
    qtbot.keyClick(mwindow, Qt.Key.Key_F11)
    dlg = child(qtbot, mwindow, "prepaidDialog")
    qtbot.keyClick(dlg.card_input.lineEdit(), Qt.Key.Key_Return)
    wait_idle(qtbot, runner)
    dlg.id_input.setText(HOLDER_ID)  # no consent ticked
    dlg.confirm_button.click()
    wait_idle(qtbot, runner)
    assert "consent" in dlg.message.text() and dlg.id_input.text() == HOLDER_ID
    assert member_view(mbackend.ctx, m["member_id"]).stored_value.fen > 0


def test_reverse_a_recharge_in_cooling_off(
    qtbot: Any, mwindow: Any, runner: Any, mbackend: Any, demo: Any, manager: Any
) -> None:
    ctx = mbackend.ctx
    with ctx.store.reading() as s:
        version, rules = ctx.rules(s)
    beijing = replace(rules, version=version + 1, prepaid=PrepaidRules(region="beijing"))
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        install_rules(uow, beijing, (ctx.today() - timedelta(days=30)).isoformat())
    m = demo.member()
    amount = Money.yuan(500)
    done = recharge(
        ctx,
        RechargeRequest(
            new_recharge_id(),
            m["member_id"],
            amount,
            (TenderRequest(TenderKind.CASH, amount),),
            manager,
            buyer=demo_buyer(ctx, m["member_id"], amount),
        ),
    )
    before = member_view(ctx, m["member_id"]).stored_value
    _select(qtbot, mwindow, runner, m["phone"])
    qtbot.keyClick(mwindow, Qt.Key.Key_F11)
    dlg = child(qtbot, mwindow, "prepaidDialog")
    dlg.tabs.setCurrentIndex(1)
    type_into(qtbot, dlg.receipt_input, done.receipt_no)  # Enter: the preview
    wait_idle(qtbot, runner)
    assert "¥500.00" in dlg.reversal_preview.toPlainText()
    with qtbot.waitSignal(dlg.reversed, timeout=5000) as got:
        dlg.confirm_button.click()
    assert got.args[0].quote.refund == amount
    assert member_view(ctx, m["member_id"]).stored_value == before - amount - Money.yuan(25)
