"""The member's payment PIN on the payment dialog: set at first use (typed twice), the
lock after 5 wrong PINs and "pay another way", a refusal for another reason that does
not count, stored value over the balance refused as typed, and the 免密额度."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import Qt

from pos_member.domain.money import Money
from pos_member.services import identify, member_pin
from pos_member.store.models import Member, Sale
from tests.gui.helpers import gone, press, type_into, wait_idle
from tests.gui.test_payment import open_payment, rich_member, ring_up

pytestmark = pytest.mark.gui

NEW_PIN = "582914"


def _failures(backend: Any, member_id: int) -> int:
    with backend.ctx.store.reading() as s:
        m = s.get(Member, member_id)
        assert m is not None
        return m.pay_pin_failures


def _without_pin(backend: Any, member_id: int) -> None:
    """A member registered without a PIN (as at the counter before this step existed)."""
    with backend.ctx.store.unit_of_work("T", backend.ctx.now_iso()) as uow:
        m = uow.session.get(Member, member_id)
        assert m is not None
        m.pay_pin_hash = None


def _sv_sale(qtbot: Any, window: Any, demo: Any, backend: Any) -> tuple[dict[str, Any], Any]:
    m, before = rich_member(demo, backend, Money.yuan(20))
    ring_up(qtbot, window, [demo.products[1]["barcode"]], m["card_number"])
    return m, before


def test_first_use_the_member_sets_the_pin_typed_twice_then_pays(
    qtbot: Any, window: Any, demo: Any, backend: Any
) -> None:
    m, before = rich_member(demo, backend, Money.yuan(20))
    _without_pin(backend, m["member_id"])
    ring_up(qtbot, window, [demo.products[1]["barcode"]], m["card_number"])
    pay = open_payment(qtbot, window)
    # A clear step, not an error: the PIN field asks for a new PIN and a second field repeats.
    assert pay.pin_repeat_input.isVisible() and pay.pin_step.isVisible()
    assert "no payment PIN yet" in pay.pin_step.text()
    assert pay.pin_label.text() == "New PIN (M)"
    press(qtbot, pay, Qt.Key.Key_F2)  # all stored value
    wait_idle(qtbot, window.runner)
    assert pay.pin_input.hasFocus()
    type_into(qtbot, pay.pin_input, NEW_PIN, enter=False)
    assert pay.pin_repeat_input.hasFocus()  # six digits: on to the repeat
    type_into(qtbot, pay.pin_repeat_input, "582915")  # typed differently: refused
    wait_idle(qtbot, window.runner)
    assert "the two entries differ" in pay.message.text()
    assert pay.isVisible() and pay.pin_input.hasFocus()
    assert pay.pin_input.text() == "" and pay.pin_repeat_input.text() == ""
    assert member_pin.pin_state(backend.ctx, m["member_id"]).has_pin is False
    type_into(qtbot, pay.pin_input, "111111", enter=False)
    type_into(qtbot, pay.pin_repeat_input, "111111")  # weak: refused, saying why
    wait_idle(qtbot, window.runner)
    assert "one digit six times" in pay.message.text()
    assert member_pin.pin_state(backend.ctx, m["member_id"]).has_pin is False
    type_into(qtbot, pay.pin_input, NEW_PIN, enter=False)
    type_into(qtbot, pay.pin_repeat_input, NEW_PIN)
    wait_idle(qtbot, window.runner)
    qtbot.waitUntil(lambda: gone(pay))
    assert member_pin.pin_state(backend.ctx, m["member_id"]).has_pin is True
    after = identify.member_view(backend.ctx, m["member_id"])
    assert after.stored_value < before.stored_value
    # The next payment asks for that PIN as usual.
    ring_up(qtbot, window, [demo.products[1]["barcode"]], m["card_number"])
    pay2 = open_payment(qtbot, window)
    assert not pay2.pin_repeat_input.isVisible() and pay2.pin_label.text() == "Member PIN (M)"


def test_five_wrong_pins_lock_and_the_dialog_offers_the_other_tenders(
    qtbot: Any, window: Any, demo: Any, backend: Any
) -> None:
    m, before = _sv_sale(qtbot, window, demo, backend)
    pay = open_payment(qtbot, window)
    for n in range(5):
        type_into(qtbot, pay.sv_input, "1.00", enter=False)
        wait_idle(qtbot, window.runner)
        type_into(qtbot, pay.cash_input, window.sale.amount_due.plain(), enter=False)
        wait_idle(qtbot, window.runner)
        type_into(qtbot, pay.pin_input, "000000")
        wait_idle(qtbot, window.runner)
        if n < 4:
            assert "Wrong PIN" in pay.message.text()
    # Locked: told to pay another way; stored value closed; focus on the other tenders.
    text = pay.message.text()
    assert "locked until" in text and "Pay another way" in text
    assert not pay.sv_input.isEnabled() and not pay.pin_input.isEnabled()
    assert not pay.all_sv_button.isEnabled()
    assert pay.external_input.hasFocus()
    with backend.ctx.store.reading() as s:
        assert s.get(Sale, window.draft.sale_id) is None
    # Cash pays.
    type_into(qtbot, pay.cash_input, window.sale.amount_due.plain())
    wait_idle(qtbot, window.runner)
    qtbot.waitUntil(lambda: gone(pay))
    after = identify.member_view(backend.ctx, m["member_id"])
    assert after.stored_value == before.stored_value
    # The next payment dialog says it at once.
    ring_up(qtbot, window, [demo.products[1]["barcode"]], m["card_number"])
    pay2 = open_payment(qtbot, window)
    assert "Pay another way" in pay2.pin_step.text() and pay2.pin_step.isVisible()
    assert not pay2.sv_input.isEnabled() and pay2.external_input.hasFocus()


def test_a_refusal_for_another_reason_is_not_a_wrong_pin(
    qtbot: Any, window: Any, demo: Any, backend: Any
) -> None:
    m, _ = _sv_sale(qtbot, window, demo, backend)
    pay = open_payment(qtbot, window)
    over = window.sale.amount_due + Money.yuan(5)  # more stored value than the bill
    type_into(qtbot, pay.sv_input, over.plain(), enter=False)
    wait_idle(qtbot, window.runner)
    pay.pin_input.setEnabled(True)  # even if a PIN got typed (the field is closed)
    type_into(qtbot, pay.pin_input, "000000")
    wait_idle(qtbot, window.runner)
    assert "Wrong PIN" not in pay.message.text()
    assert _failures(backend, m["member_id"]) == 0
    assert pay.isVisible()


def test_stored_value_over_the_balance_is_refused_as_typed_before_the_pin(
    qtbot: Any, window: Any, demo: Any, backend: Any
) -> None:
    m, before = rich_member(demo, backend, Money.yuan(1))
    lines = [demo.products[1]["barcode"]] * 1
    ring_up(qtbot, window, lines, m["card_number"])
    while window.sale.amount_due <= before.stored_value:
        ring_up(qtbot, window, [demo.products[1]["barcode"]], m["card_number"])
    pay = open_payment(qtbot, window)
    too_much = before.stored_value + Money(1)
    type_into(qtbot, pay.sv_input, too_much.plain(), enter=False)
    wait_idle(qtbot, window.runner)
    qtbot.waitUntil(lambda: pay.sv_input.property("refused") is True)
    wait_idle(qtbot, window.runner)
    assert "too low" in pay.message.text()  # said as typed, no Enter, no PIN
    assert not pay.pin_input.isEnabled()
    assert _failures(backend, m["member_id"]) == 0
    type_into(qtbot, pay.sv_input, before.stored_value.plain(), enter=False)
    wait_idle(qtbot, window.runner)
    qtbot.waitUntil(lambda: pay.sv_input.property("refused") is False)
    assert pay.pin_input.isEnabled()


def test_stored_value_over_the_bill_is_refused_as_typed(
    qtbot: Any, window: Any, demo: Any, backend: Any
) -> None:
    _sv_sale(qtbot, window, demo, backend)
    pay = open_payment(qtbot, window)
    type_into(qtbot, pay.sv_input, (window.sale.amount_due + Money(1)).plain(), enter=False)
    wait_idle(qtbot, window.runner)
    qtbot.waitUntil(lambda: pay.sv_input.property("refused") is True)
    assert not pay.pin_input.isEnabled() and pay.message.property("level") == "error"


def _allowance(backend: Any, yuan: int) -> None:
    from pos_member.services.programme import install_rules

    ctx = backend.ctx
    with ctx.store.reading() as s:
        rules = ctx.rules(s)[1]
    sv = replace(rules.stored_value, pin_required_over=Money.yuan(yuan))
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        install_rules(uow, replace(rules, version=rules.version + 1, stored_value=sv), "2020-01-01")


@pytest.mark.parametrize("online", [True, False])
def test_within_the_no_pin_allowance_enter_pays_without_a_pin(
    qtbot: Any, window: Any, demo: Any, backend: Any, online: bool
) -> None:
    _allowance(backend, 5)
    backend.set_online(online)
    m, before = _sv_sale(qtbot, window, demo, backend)
    pay = open_payment(qtbot, window)
    assert "PIN needed over ¥5.00" in pay.sv_hint.text()
    type_into(qtbot, pay.sv_input, "5.00", enter=False)
    wait_idle(qtbot, window.runner)
    type_into(qtbot, pay.cash_input, window.sale.amount_due.plain())
    wait_idle(qtbot, window.runner)
    qtbot.waitUntil(lambda: gone(pay))
    after = identify.member_view(backend.ctx, m["member_id"])
    assert after.stored_value == before.stored_value - Money.yuan(5)


def test_over_the_no_pin_allowance_the_pin_is_asked(
    qtbot: Any, window: Any, demo: Any, backend: Any
) -> None:
    _allowance(backend, 5)
    _sv_sale(qtbot, window, demo, backend)
    pay = open_payment(qtbot, window)
    type_into(qtbot, pay.sv_input, "5.01", enter=False)
    wait_idle(qtbot, window.runner)
    type_into(qtbot, pay.cash_input, window.sale.amount_due.plain())
    wait_idle(qtbot, window.runner)
    assert pay.isVisible() and pay.pin_input.hasFocus()
    assert "payment PIN" in pay.message.text()


def test_the_demo_hint_names_the_pin_every_demo_member_has(
    qtbot: Any, english: None, backend: Any, runner: Any
) -> None:
    import re

    from sqlalchemy import select

    from pos_member.services.auth import pin_matches
    from ui.login import LoginDialog

    login = LoginDialog(runner, backend.login)
    qtbot.addWidget(login)
    login.show_demo_hint()
    found = re.search(r"payment PIN: (\d{6})", login.demo_hint.text())
    assert found is not None, login.demo_hint.text()
    with backend.ctx.store.reading() as s:
        hashes = s.scalars(select(Member.pay_pin_hash)).all()
    assert hashes and all(pin_matches(h, found.group(1)) for h in set(hashes))
