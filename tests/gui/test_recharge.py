"""The recharge dialog under the prepaid-card law: the real-name section and the bank transfer.

Real widgets over the real seeded store: a programme whose ``prepaid.enforce_real_name``
is true refuses a recharge without the buyer's record (the message in the dialog,
nothing written), takes it with one (sealed record on file); a company's ¥5,000 is
refused in cash and taken by bank transfer with the transfer's record.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from pos_member.domain.money import Money
from pos_member.services import identify
from pos_member.services.programme import install_rules
from pos_member.store import pii
from tests.gui.helpers import dialog, gone, press, type_into, wait_idle

pytestmark = pytest.mark.gui

HOLDER_ID = "11010519491231002X"  # a resident ID with a valid check digit
BAD_ID = "110105194912310021"  # the same with a wrong check digit


def use_law(backend: Any, **law: Any) -> None:
    """Publish the store's rules again with the prepaid section changed (and no bonus);
    every cashier's recharge asks for the supervisor here (``cashier_recharge_max`` 0)."""
    ctx = backend.ctx
    with ctx.store.reading() as s:
        version, rules = ctx.rules(s)
    rules = replace(
        rules,
        version=version + 1,
        stored_value=replace(rules.stored_value, bonus_table=(), cashier_recharge_max=Money(0)),
        prepaid=replace(rules.prepaid, **law),
    )
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        install_rules(uow, rules, (ctx.today() - timedelta(days=30)).isoformat())


def counts(path: Path) -> dict[str, object]:
    """Rows per table and the balances, but the audit log (and its hash chain): the
    supervisor's approval is audited even when the recharge is then refused."""
    conn = sqlite3.connect(path)
    try:
        names = [r[0] for r in conn.execute("select name from sqlite_master where type='table'")]
        out: dict[str, object] = {
            n: conn.execute(f'select count(*) from "{n}"').fetchone()[0]
            for n in names
            if n not in ("audit_log", "chain_links")
        }
        out["balances"] = conn.execute(
            "select sum(sv_principal_fen), sum(sv_bonus_fen) from members"
        ).fetchone()
        return out
    finally:
        conn.close()


def empty_member(demo: Any) -> dict[str, Any]:
    """A seeded member with an active named card and nothing on it (room for ¥5,000)."""
    conn = sqlite3.connect(demo.path)
    try:
        row = conn.execute(
            "select m.id, c.number from members m join cards c on c.member_id = m.id"
            " where m.sv_principal_fen = 0 and m.sv_bonus_fen = 0 and c.state = 'active'"
            " and c.card_class = 'named' order by m.id limit 1"
        ).fetchone()
    finally:
        conn.close()
    assert row is not None, "the demo seed has no member with an empty card"
    return {"member_id": row[0], "card_number": row[1]}


def open_recharge(qtbot: Any, window: Any, member: dict[str, Any], amount: str) -> Any:
    type_into(qtbot, window.scan_input, member["card_number"])
    wait_idle(qtbot, window.runner)
    press(qtbot, window, Qt.Key.Key_F7)
    dlg = dialog(qtbot, "rechargeDialog")
    type_into(qtbot, dlg.amount_input, amount, enter=False)
    wait_idle(qtbot, window.runner)
    qtbot.waitUntil(lambda: dlg.preview_ is not None, timeout=3000)
    return dlg


def submit(qtbot: Any, window: Any, dlg: Any, field: Any) -> None:
    """Enter in ``field``, the supervisor's approval, and wait for the service."""
    qtbot.keyClick(field, Qt.Key.Key_Return)
    sup = dialog(qtbot, "supervisorDialog")
    sup.staff_input.setText("2001")
    type_into(qtbot, sup.pin_input, "8888")
    wait_idle(qtbot, window.runner)


def real_names(path: Path, member_id: int) -> list[tuple[str, str, str, str]]:
    """The member's real-name records, the buyer's name opened from its sealed column."""
    conn = sqlite3.connect(path)
    try:
        got = conn.execute(
            "select name_sealed, id_masked, id_sealed, keep_until from real_name_records"
            " where member_id = ?",
            (member_id,),
        ).fetchall()
    finally:
        conn.close()
    sealer = pii.sealer_at(path)
    return [(pii.open_or_empty(sealer, n, pii.REAL_NAME), *rest) for n, *rest in got]


def test_without_the_real_name_the_recharge_is_refused_and_with_it_taken(
    qtbot: Any, window: Any, demo: Any, backend: Any
) -> None:
    use_law(backend, enforce_real_name=True)
    m = empty_member(demo)
    dlg = open_recharge(qtbot, window, m, "100")
    # The law asks: the section is there, empty.
    assert dlg.preview_.real_name
    assert not dlg.real_name_box.isHidden()
    before = counts(demo.path)
    submit(qtbot, window, dlg, dlg.amount_input)
    assert not gone(dlg)
    assert "name" in dlg.message.text()  # the service's sentence: a name is needed
    assert counts(demo.path) == before
    # A wrong check digit: the service's message, everything typed still there.
    dlg.name_input.setText("李普通")
    dlg.id_input.setText(BAD_ID)
    dlg.contact_input.setText("13800000000")
    dlg.consent_input.setChecked(True)
    submit(qtbot, window, dlg, dlg.id_input)
    assert not gone(dlg)
    assert "not valid" in dlg.message.text()
    assert (dlg.name_input.text(), dlg.id_input.text(), dlg.amount_input.text()) == (
        "李普通",
        BAD_ID,
        "100",
    )
    assert counts(demo.path) == before
    # No consent: refused with what to do.
    dlg.id_input.setText(HOLDER_ID)
    dlg.consent_input.setChecked(False)
    submit(qtbot, window, dlg, dlg.id_input)
    assert "consent" in dlg.message.text()
    assert counts(demo.path) == before
    dlg.consent_input.setChecked(True)
    submit(qtbot, window, dlg, dlg.id_input)
    qtbot.waitUntil(lambda: gone(dlg))
    after = identify.member_view(backend.ctx, m["member_id"])
    assert after.stored_value == Money.yuan(100)
    ((name, masked, sealed, keep),) = real_names(demo.path, m["member_id"])
    assert name == "李普通" and HOLDER_ID not in masked and HOLDER_ID not in sealed
    assert keep >= (backend.ctx.today() + timedelta(days=5 * 365)).isoformat()
    # The record on file serves the next recharge: the preview asks for no section.
    assert not backend.recharge_preview(m["member_id"], Money.yuan(50)).real_name


def test_a_company_recharge_of_5000_is_refused_in_cash_and_taken_by_transfer(
    qtbot: Any, window: Any, demo: Any, backend: Any
) -> None:
    use_law(backend, cap_counts_bonus=False)
    m = empty_member(demo)
    dlg = open_recharge(qtbot, window, m, "5000")
    dlg.buyer_kind_input.setCurrentIndex(dlg.buyer_kind_input.findData("company"))
    # The law's real name (on by default): the company's agent, with the consent.
    assert not dlg.real_name_box.isHidden()
    dlg.name_input.setText("王小明")
    dlg.id_input.setText(HOLDER_ID)
    dlg.company_input.setText("示例商贸有限公司")
    dlg.consent_input.setChecked(True)
    before = counts(demo.path)
    submit(qtbot, window, dlg, dlg.amount_input)
    assert not gone(dlg)
    assert "bank transfer" in dlg.message.text()
    assert counts(demo.path) == before
    # Transfer without its record: the service says what is missing.
    qtbot.keyClick(dlg, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    dlg.transfer_input.setChecked(True)
    assert not dlg.transfer_box.isHidden() and not dlg.cash_input.isEnabled()
    dlg.payer_name_input.setText("示例商贸有限公司")
    dlg.payer_number_input.setText("6222 0000 1234 567")
    dlg.payee_name_input.setText("示例超市")
    dlg.payee_number_input.setText("12")  # too short for an account number
    dlg.bank_input.setText("工商银行")
    submit(qtbot, window, dlg, dlg.payee_number_input)
    assert "account number" in dlg.message.text()
    assert dlg.payer_name_input.text() == "示例商贸有限公司"
    assert counts(demo.path) == before
    dlg.payee_number_input.setText("110000009999")
    submit(qtbot, window, dlg, dlg.payee_number_input)
    qtbot.waitUntil(lambda: gone(dlg))
    assert identify.member_view(backend.ctx, m["member_id"]).stored_value == Money.yuan(5000)
    conn = sqlite3.connect(demo.path)
    try:
        (method,) = conn.execute(
            "select t.method from tenders t join sales s on s.id = t.sale_id"
            " where s.kind = 'recharge' and s.member_id = ?",
            (m["member_id"],),
        ).fetchone()
        payloads = [
            r[0]
            for r in conn.execute("select payload from outbox where kind = 'recharge.completed'")
        ]
    finally:
        conn.close()
    assert method == "bank_transfer"
    (transfer,) = [
        p["bank_transfer"]
        for p in (pii.open_payload(pii.sealer_at(demo.path), json.loads(x)) for x in payloads)
        if p["member_id"] == m["member_id"] and p.get("bank_transfer")
    ]
    assert transfer["payer"]["name"] == "示例商贸有限公司"
    assert transfer["payer"]["number_masked"] == "6222*******4567"  # never in clear
    assert transfer["payee"]["name"] == "示例超市"
    assert transfer["amount_fen"] == Money.yuan(5000).fen


def test_the_id_and_account_fields_refuse_a_scan(
    qtbot: Any, window: Any, demo: Any, backend: Any
) -> None:
    from tests.gui.helpers import scanner

    use_law(backend, enforce_real_name=True)
    m = empty_member(demo)
    dlg = open_recharge(qtbot, window, m, "100")
    dlg.transfer_input.setChecked(True)
    for field in (dlg.id_input, dlg.payer_number_input):
        field.setFocus()
        scanner(field, "6901234567892")
        qtbot.wait(100)
        assert field.text() == ""
        assert not gone(dlg)


def test_every_field_has_its_key_and_tab_goes_in_order(
    qtbot: Any, window: Any, demo: Any, backend: Any
) -> None:
    use_law(backend, enforce_real_name=True)
    dlg = open_recharge(qtbot, window, empty_member(demo), "100")
    dlg.transfer_input.setChecked(True)
    for letter, field in (
        (Qt.Key.Key_N, dlg.name_input),
        (Qt.Key.Key_D, dlg.id_input),
        (Qt.Key.Key_P, dlg.contact_input),
        (Qt.Key.Key_K, dlg.consent_input),
        (Qt.Key.Key_U, dlg.payer_number_input),
        (Qt.Key.Key_M, dlg.payee_number_input),
        (Qt.Key.Key_A, dlg.amount_input),
    ):
        qtbot.keyClick(dlg.focusWidget(), letter, Qt.KeyboardModifier.AltModifier)
        assert dlg.focusWidget() is field
    seen = []
    for _ in range(6):
        qtbot.keyClick(dlg.focusWidget(), Qt.Key.Key_Tab)
        seen.append(dlg.focusWidget())
    # With the transfer on, the cash and card fields are off and Tab passes them by.
    assert seen == [
        dlg.buyer_kind_input,
        dlg.transfer_input,
        dlg.name_input,
        dlg.id_type_input,
        dlg.id_input,
        dlg.contact_input,  # a person buys: no company field
    ]


def test_with_both_sections_open_the_dialog_fits_the_counter_and_no_field_is_squeezed(
    qtbot: Any, window: Any, demo: Any, backend: Any
) -> None:
    """The real-name and bank-transfer sections open: the size they ask for fits 1366×768,
    the dialog takes it (within the screen: ``adjustSize`` stopped at two thirds of it and
    laid the fields over their labels), and every field is as wide as it needs."""
    use_law(backend, enforce_real_name=True)
    dlg = open_recharge(qtbot, window, empty_member(demo), "2000")
    qtbot.waitUntil(lambda: not dlg.real_name_box.isHidden(), timeout=3000)
    dlg.transfer_input.setChecked(True)
    hint = dlg.sizeHint().expandedTo(dlg.minimumSizeHint())
    assert hint.width() <= 1366 and hint.height() <= 768, hint
    screen = dlg.screen().availableGeometry()
    assert dlg.width() == min(hint.width(), screen.width())
    assert dlg.height() == min(hint.height(), screen.height())
    if screen.width() >= hint.width():
        for field in (dlg.id_input, dlg.company_input, dlg.payer_name_input,
                      dlg.payer_number_input, dlg.payee_number_input):  # fmt: skip
            assert field.width() >= field.minimumWidth() > 0
