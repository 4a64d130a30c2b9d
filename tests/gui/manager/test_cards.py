"""Manager mode, cards: issue by tap (UID) and by stock barcode, report lost, replace.

Cards are tapped on the simulated reader; its callbacks reach the window
through the app's ``ReaderBridge``. The database is checked afterwards with
the services the counters use (``identify``) and the rows the replacement wrote.
"""

from __future__ import annotations

import subprocess
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from pos_member.domain.errors import CardBlocked, CardReplaced
from pos_member.services.identify import identify
from pos_member.services.ledgers import member_lots
from pos_member.store.models import Card
from pos_member.store.models_manager import CardFee, CardTransfer
from tests.conftest import require_tool
from tests.gui.helpers import gone, type_into, wait_idle

from .helpers import answer, child

pytestmark = pytest.mark.gui


def _new_member(mbackend: Any, manager: Any, phone: str) -> int:
    reg = mbackend.register(
        manager, name="李雷", phone=phone, birthday=None, gender=None, consent=True
    )
    return int(reg.member_id)


def _select(qtbot: Any, w: Any, runner: Any, query: str) -> None:
    type_into(qtbot, w.search_input, query)
    wait_idle(qtbot, runner)
    qtbot.waitUntil(lambda: w.page is not None)


def test_issue_by_tap_in_uid_mode_then_print_the_face(
    qtbot: Any, mwindow: Any, runner: Any, mbackend: Any, manager: Any, reader: Any, tmp_path: Any
) -> None:
    mid = _new_member(mbackend, manager, "13700000001")
    _select(qtbot, mwindow, runner, "13700000001")
    qtbot.keyClick(mwindow, Qt.Key.Key_F3)
    dlg = child(qtbot, mwindow, "issueCardDialog")
    assert dlg.fee_label.text() == "No card fee"  # the demo rules charge no card fee
    with qtbot.waitSignal(dlg.issued, timeout=5000) as got:
        reader.tap("04C0FFEE")
    issued = got.args[0]
    wait_idle(qtbot, runner)
    assert issued.uid == "04C0FFEE" and issued.member_id == mid
    assert dlg.message.text() == f"Card {issued.number} issued."
    # A counter now finds the member by the card's UID.
    assert identify(mbackend.ctx, "04C0FFEE").member_id == mid
    # Tapping another card in the same dialog issues nothing more.
    reader.tap("04BEEF01")
    qtbot.waitUntil(
        lambda: dlg.message.text() == "This member's card is issued. Close the dialog first."
    )
    qtbot.keyClick(dlg, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, runner)
    assert dlg.face_path is not None and dlg.face_path.exists()
    text = subprocess.run(
        [require_tool("pdftotext", "poppler-utils"), str(dlg.face_path), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert issued.number in text.replace(" ", "")
    dlg.close()
    wait_idle(qtbot, runner)
    qtbot.waitUntil(lambda: "active" in mwindow.detail_label.text())
    assert issued.number in mwindow.detail_label.text()


def test_issue_a_stock_barcode_card_and_refuse_a_card_already_in_use(
    qtbot: Any, mwindow: Any, runner: Any, mbackend: Any, manager: Any, demo: Any
) -> None:
    with mbackend.ctx.store.reading() as s:
        stock = s.scalar(select(Card.number).where(Card.state == "stock"))
    assert stock is not None
    mid = _new_member(mbackend, manager, "13700000002")
    _select(qtbot, mwindow, runner, "13700000002")
    qtbot.keyClick(mwindow, Qt.Key.Key_F3)
    dlg = child(qtbot, mwindow, "issueCardDialog")
    # Someone else's card, then a number with a wrong check digit: refused, nothing written.
    type_into(qtbot, dlg.barcode_input, demo.members[0]["card_number"])
    wait_idle(qtbot, runner)
    assert "already active" in dlg.message.text()
    type_into(qtbot, dlg.barcode_input, stock[:-1] + str((int(stock[-1]) + 1) % 10))
    wait_idle(qtbot, runner)
    assert dlg.message.property("level") == "error" and dlg.outcome is None
    type_into(qtbot, dlg.barcode_input, stock)
    wait_idle(qtbot, runner)
    assert dlg.outcome is not None and dlg.outcome.number == stock
    assert identify(mbackend.ctx, stock).member_id == mid


def test_report_lost_blocks_the_card_at_once(
    qtbot: Any, mwindow: Any, runner: Any, mbackend: Any, demo: Any
) -> None:
    m = demo.member(uid=True)
    _select(qtbot, mwindow, runner, m["phone"])
    qtbot.keyClick(mwindow, Qt.Key.Key_F4)
    dlg = child(qtbot, mwindow, "reportLostDialog")
    assert dlg.card_input.currentText() == m["card_number"]
    type_into(qtbot, dlg.reason_input, "lost on the bus")
    answer(qtbot, "confirmLostDialog", yes=True)
    qtbot.waitUntil(lambda: gone(dlg))
    wait_idle(qtbot, runner)
    assert mwindow.message_label.text().startswith(f"Card {m['card_number']} is blocked")
    qtbot.waitUntil(lambda: "lost" in mwindow.detail_label.text())
    with pytest.raises(CardBlocked):
        identify(mbackend.ctx, m["card_number"])
    with pytest.raises(CardBlocked):
        identify(mbackend.ctx, m["card_uid"])
    # No active card left: another report is refused before any dialog.
    qtbot.keyClick(mwindow, Qt.Key.Key_F4)
    assert mwindow.child is None
    assert mwindow.message_label.text() == "This member has no active card to block."


def test_replace_moves_balances_and_points_lots_exactly_and_kills_the_old_card(
    qtbot: Any, mwindow: Any, runner: Any, mbackend: Any, demo: Any, reader: Any
) -> None:
    with mbackend.ctx.store.reading() as s:
        m = next(
            x for x in demo.members
            if x.get("card_uid") and len(member_lots(s, x["member_id"])[0]) >= 2
        )  # fmt: skip
        lots, entries = member_lots(s, m["member_id"])
        left = {e.lot_id: e.delta for e in entries}
        expected_lots = sorted(
            (left[lot.lot_id], lot.expires_on.isoformat() if lot.expires_on else None)
            for lot in lots
        )
    before = identify(mbackend.ctx, m["card_number"])
    _select(qtbot, mwindow, runner, m["phone"])
    qtbot.keyClick(mwindow, Qt.Key.Key_F4)
    lost = child(qtbot, mwindow, "reportLostDialog")
    qtbot.keyClick(lost.reason_input, Qt.Key.Key_Return)
    answer(qtbot, "confirmLostDialog", yes=True)
    qtbot.waitUntil(lambda: gone(lost))
    wait_idle(qtbot, runner)
    qtbot.waitUntil(lambda: mwindow.child is None)

    qtbot.keyClick(mwindow, Qt.Key.Key_F6)
    dlg = child(qtbot, mwindow, "replaceCardDialog")
    p = dlg.preview
    assert (p.old_number, p.old_state, p.member_id) == (m["card_number"], "lost", m["member_id"])
    assert p.sv_principal + p.sv_bonus == before.stored_value and p.points == before.points
    assert sorted((lot.points, lot.expires_on or None) for lot in p.lots) == expected_lots
    assert dlg.lots_table.rowCount() == len(expected_lots)
    assert f"Points {before.points:,} in {len(expected_lots)} lots" in dlg.moves_label.text()
    assert dlg.fee_label.text() == "Card fee: ¥10.00"  # the demo rules' replacement fee
    reader.tap("04D00D01")
    box = answer(qtbot, "confirmReplaceDialog", yes=None)
    assert "Replace card " + m["card_number"] in box.text()
    with qtbot.waitSignal(dlg.replaced, timeout=5000) as got:
        qtbot.keyClick(box, Qt.Key.Key_Return)
    result = got.args[0]
    wait_idle(qtbot, runner)
    assert result.new_card.uid == "04D00D01"
    assert (result.sv_principal + result.sv_bonus, result.points) == (
        before.stored_value, before.points,
    )  # fmt: skip
    with mbackend.ctx.store.reading() as s:
        t = s.scalar(select(CardTransfer).where(CardTransfer.member_id == m["member_id"]))
        assert t is not None
        assert sorted((x["points"], x["expires_on"]) for x in t.lots) == expected_lots
        assert t.sv_principal_fen + t.sv_bonus_fen == before.stored_value.fen
        fee = s.scalar(select(CardFee).where(CardFee.member_id == m["member_id"]))
        assert fee is not None and (fee.kind, fee.amount_fen, fee.tender_kind) == (
            "replace", 1000, "cash",
        )  # fmt: skip
    after = identify(mbackend.ctx, "04D00D01")
    assert (after.member_id, after.stored_value, after.points) == (
        m["member_id"], before.stored_value, before.points,
    )  # fmt: skip
    for old in (m["card_number"], m["card_uid"]):
        with pytest.raises(CardReplaced):
            identify(mbackend.ctx, old)
    dlg.close()
    wait_idle(qtbot, runner)
    # The statement shows the transfer line.
    qtbot.waitUntil(lambda: any(
        mwindow.statement_table.item(r, 2).data(Qt.ItemDataRole.UserRole) == "card_transfer"
        for r in range(mwindow.statement_table.rowCount())
    ))  # fmt: skip


def test_bad_card_input_is_refused_and_nothing_is_written(
    qtbot: Any, mwindow: Any, runner: Any, mbackend: Any, demo: Any, reader: Any
) -> None:
    from sqlalchemy import func

    from pos_member.store.models import AuditEntry, OutboxEvent

    def counts() -> tuple[int, int]:
        with mbackend.ctx.store.reading() as s:
            return (
                int(s.scalar(select(func.count(AuditEntry.id))) or 0),
                int(s.scalar(select(func.count(OutboxEvent.seq))) or 0),
            )

    m, other = demo.members[0], demo.member(uid=True)
    _select(qtbot, mwindow, runner, m["phone"])
    # Report lost: a number that is no card.
    qtbot.keyClick(mwindow, Qt.Key.Key_F4)
    lost = child(qtbot, mwindow, "reportLostDialog")
    before = counts()
    lost.card_input.setEditText("8800000000009999")
    qtbot.mouseClick(lost.button, Qt.MouseButton.LeftButton)
    answer(qtbot, "confirmLostDialog", yes=True)
    wait_idle(qtbot, runner)
    assert lost.message.text().startswith("Card 8800") and "is not known" in lost.message.text()
    assert lost.isVisible() and counts() == before
    qtbot.keyClick(lost, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: mwindow.child is None)
    qtbot.waitUntil(mwindow.isActiveWindow)
    # Replace: the new card tapped is someone else's card.
    qtbot.keyClick(mwindow, Qt.Key.Key_F6)
    dlg = child(qtbot, mwindow, "replaceCardDialog")
    before = counts()
    reader.tap(other["card_uid"])
    answer(qtbot, "confirmReplaceDialog", yes=True)
    qtbot.waitUntil(lambda: "already registered" in dlg.message.text(), timeout=5000)
    wait_idle(qtbot, runner)
    assert dlg.outcome is None and counts() == before
    assert identify(mbackend.ctx, m["card_number"]).member_id == m["member_id"]


def test_the_card_fee_by_rule_is_taken_by_the_tender_chosen(
    qtbot: Any, mwindow: Any, runner: Any, mbackend: Any, manager: Any, reader: Any
) -> None:
    from dataclasses import replace

    from pos_member.domain.money import Money
    from pos_member.services.programme import install_rules

    ctx = mbackend.ctx
    with ctx.store.reading() as s:
        _, rules = ctx.rules(s)
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        install_rules(
            uow, replace(rules, version=rules.version + 1, card_fee=Money.yuan(20)), "2020-01-01"
        )
    mid = _new_member(mbackend, manager, "13700000003")
    _select(qtbot, mwindow, runner, "13700000003")
    qtbot.keyClick(mwindow, Qt.Key.Key_F3)
    dlg = child(qtbot, mwindow, "issueCardDialog")
    assert dlg.fee_label.text() == "Card fee: ¥20.00"
    dlg.fee_tender.setCurrentIndex(dlg.fee_tender.findData("external"))
    with qtbot.waitSignal(dlg.issued, timeout=5000):
        reader.tap("04FEE001")
    wait_idle(qtbot, runner)
    assert dlg.message.text().endswith("Card fee ¥20.00 taken.")
    with ctx.store.reading() as s:
        fee = s.scalar(select(CardFee).where(CardFee.member_id == mid))
        assert fee is not None
        assert (fee.kind, fee.amount_fen, fee.tender_kind, fee.method) == (
            "issue", 2000, "external", "bank_card",
        )  # fmt: skip
