"""Issue 15, cashier tools: F2 + the phone's last 4 digits (a keyboard pick list), an
unknown phone that offers registration, and Ctrl+N registration at the counter (the
programme's required fields, consent), all on the real window and a real store."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from pos_member.services import identify
from pos_member.store import pii
from tests.gui.helpers import dialog, gone, press, type_into, wait_idle

pytestmark = pytest.mark.gui


def _two_sharing_an_ending(demo: Any) -> tuple[str, list[dict[str, Any]]]:
    """Give a second member the same last 4 digits as the first (a real clash at the till)."""
    a, b = demo.members[0], demo.members[1]
    tail = a["phone"][-4:]
    new_b = b["phone"][:-4] + tail
    conn = sqlite3.connect(demo.path)
    cols = pii.member_columns(pii.sealer_at(Path(demo.path)), b["name"], new_b)
    conn.execute(
        "update members set " + ", ".join(f"{c} = :{c}" for c in cols) + " where id = :id",
        {**cols, "id": b["member_id"]},
    )
    conn.commit()
    conn.close()
    return tail, [a, {**b, "phone": new_b}]


def test_f2_and_the_last_4_digits_list_the_members_and_arrows_pick_one(
    qtbot: Any, window: Any, demo: Any, backend: Any
) -> None:
    tail, (a, b) = _two_sharing_an_ending(demo)
    press(qtbot, window, Qt.Key.Key_F2)
    type_into(qtbot, window.scan_input, tail)
    wait_idle(qtbot, window.runner)
    dlg = dialog(qtbot, "phonePickDialog")
    rows = [dlg.list.item(i).text() for i in range(dlg.list.count())]
    assert len(rows) == 2
    va, vb = (identify.member_view(backend.ctx, m["member_id"]) for m in (a, b))
    # Masked names and phones only: the cashier asks the customer which one is them.
    assert va.name_masked in rows[0] and va.phone_masked in rows[0]
    assert vb.phone_masked in rows[1]
    assert a["phone"] not in " ".join(rows) and b["phone"] not in " ".join(rows)
    qtbot.keyClick(dlg.list, Qt.Key.Key_Down)
    press(qtbot, dlg, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: gone(dlg))
    wait_idle(qtbot, window.runner)
    assert window.member is not None and int(window.member.member_id) == b["member_id"]
    assert window.draft.member_id == b["member_id"]
    assert window.member.id_method == "phone"


def test_four_digits_without_f2_are_a_product_code_not_a_phone(
    qtbot: Any, window: Any, demo: Any
) -> None:
    tail = demo.members[0]["phone"][-4:]
    type_into(qtbot, window.scan_input, tail)
    wait_idle(qtbot, window.runner)
    assert window.member is None
    from PySide6.QtWidgets import QApplication

    shown = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    assert "phonePickDialog" not in [w.objectName() for w in shown]


def test_an_ending_nobody_has_says_what_to_do(qtbot: Any, window: Any, demo: Any) -> None:
    endings = {m["phone"][-4:] for m in demo.members}
    tail = next(f"{n:04d}" for n in range(10_000) if f"{n:04d}" not in endings)
    press(qtbot, window, Qt.Key.Key_F2)
    type_into(qtbot, window.scan_input, tail)
    wait_idle(qtbot, window.runner)
    text = window.message_label.text()
    assert tail in text and "Ctrl+N" in text
    assert window.message_label.level == "error"


def test_esc_in_the_pick_list_changes_nothing(qtbot: Any, window: Any, demo: Any) -> None:
    tail, _ = _two_sharing_an_ending(demo)
    press(qtbot, window, Qt.Key.Key_F2)
    type_into(qtbot, window.scan_input, tail)
    wait_idle(qtbot, window.runner)
    dlg = dialog(qtbot, "phonePickDialog")
    qtbot.keyClick(dlg.list, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: gone(dlg))
    assert window.member is None


def test_unknown_phone_is_not_called_a_card_shows_the_number_and_registers_with_ctrl_n(
    qtbot: Any, window: Any, demo: Any, backend: Any
) -> None:
    taken = {m["phone"] for m in demo.members}
    phone = next(f"1399999{n:04d}" for n in range(10_000) if f"1399999{n:04d}" not in taken)
    type_into(qtbot, window.scan_input, phone)
    wait_idle(qtbot, window.runner)
    text = window.message_label.text()
    assert phone in text  # unmasked: the cashier typed it
    assert "card" not in text.lower()  # a phone is never called a card
    assert "Ctrl+N" in text and window.message_label.level == "error"

    press(qtbot, window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dlg = dialog(qtbot, "registerMemberDialog")
    wait_idle(qtbot, window.runner)
    assert dlg.phone_input.text() == phone  # the number just typed, filled in
    # Enter without the consent: refused, and says how to get it.
    dlg.name_input.setFocus()
    dlg.name_input.setText("王小明")  # an input method types Chinese; QTest cannot
    qtbot.keyClick(dlg.name_input, Qt.Key.Key_Return)
    wait_idle(qtbot, window.runner)
    assert "Alt+C" in dlg.message.text() and not gone(dlg)
    qtbot.keyClick(dlg.name_input, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    assert dlg.consent.isChecked()
    qtbot.keyClick(dlg.name_input, Qt.Key.Key_Return)
    wait_idle(qtbot, window.runner)
    qtbot.waitUntil(lambda: gone(dlg))
    wait_idle(qtbot, window.runner)
    assert window.member is not None
    assert window.message_label.level == "ok" and "registered" in window.message_label.text()
    conn = sqlite3.connect(demo.path)
    row = conn.execute(
        "select m.name_sealed, p.consent_data_use, p.registered_by from members m"
        " join member_profiles p on p.member_id = m.id where m.phone_index = ?",
        (pii.phone_index(pii.sealer_at(Path(demo.path)), phone),),
    ).fetchone()
    row = (pii.full_name(pii.sealer_at(Path(demo.path)), row[0]), *row[1:])
    outbox = conn.execute(
        "select count(*) from outbox where kind = 'member.registered'"
    ).fetchone()[0]
    conn.close()
    assert row == ("王小明", 1, "1001")
    assert outbox >= 1
    assert int(window.member.member_id) == window.draft.member_id


def test_registration_asks_for_the_fields_the_programme_requires(
    qtbot: Any, window: Any, backend: Any, demo: Any
) -> None:
    from dataclasses import replace

    from pos_member.domain.rules import RegistrationRules
    from ui.member_lookup import RegisterMemberDialog

    rules = replace(backend.registration_rules(), birthday_required=True)
    assert isinstance(rules, RegistrationRules)
    dlg = RegisterMemberDialog(window, rules, "13912340000")
    window.open_dialog(dlg)
    dlg.name_input.setText("李四")
    qtbot.keyClick(dlg.name_input, Qt.Key.Key_Return)
    assert "birthday" in dlg.message.text()
    type_into(qtbot, dlg.birthday_input, "1990-13-45")
    assert "1990-13-45" in dlg.message.text()  # not a date: said, and how to type it
    assert not gone(dlg)
    qtbot.keyClick(dlg.birthday_input, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: gone(dlg))


def test_the_service_enforces_the_programmes_required_birthday(
    backend: Any, cashier: Any, demo: Any
) -> None:
    import json

    from pos_member.domain.errors import ValidationError

    conn = sqlite3.connect(demo.path)
    version, doc = conn.execute(
        "select version, document from programme_rules order by version desc limit 1"
    ).fetchone()
    d = json.loads(doc)
    d["registration"] = {"name_required": False, "birthday_required": True}
    conn.execute(
        "update programme_rules set document = ? where version = ?", (json.dumps(d), version)
    )
    conn.commit()
    conn.close()
    backend.ctx._rules_cache.clear()
    with pytest.raises(ValidationError, match="birthday"):
        backend.register_member(cashier, "13912340001", "", None, True)
    from datetime import date

    view = backend.register_member(cashier, "13912340001", "", date(1990, 5, 17), True)
    assert view.masked_phone.startswith("139")
