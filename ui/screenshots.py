"""Renders every cashier screen in both languages to PNG files (``make screenshots``).

Runs the real app pieces on a freshly seeded demo store, at 1366×768 (the
sale and payment screens also at 1024×768): login, the shift's opening float,
the sale screen with a member and a few lines, the keys (F1), the count card
and coupon dialogs, the payment dialog with a split payment typed in and with
stored value only, the refund preview and its question, the refund without a
receipt, the recharge with its package keys and the prepaid-card law's
sections, the X report, the held-sales list and its discard question, 改价 and
整单折扣 with the supervisor's PIN and the key that takes them off, Alt+F4's
question on an open sale, the cash drawer, the phone's last-4 pick list, the
registration at the counter and the first payment PIN, the customer display,
the offline state, the cash count by denomination, the close's question, the
Z report and the printed 交班单. Run it under a virtual screen (``xvfb-run``)
or with ``QT_QPA_PLATFORM=offscreen``.
"""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from drivers.printers import SimulatedPrinter
from pos_member.seed import scenes
from pos_member.settings import Settings
from ui.app import open_backend
from ui.bridge import ReaderBridge
from ui.i18n import apply_style, install_translations
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)

SIZE = (1366, 768)  # the most common counter screen
NARROW = (1024, 768)  # older touch tills


def settle(app: QApplication, runner: TaskRunner, seconds: float = 0.3) -> None:
    """Let queued work come back and timers fire, then paint."""
    end = time.monotonic() + 15
    quiet_until = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        if runner.pending:
            quiet_until = time.monotonic() + seconds
        elif time.monotonic() >= quiet_until:
            break
        time.sleep(0.01)
    app.processEvents()


def save(widget: QWidget, path: Path) -> None:
    widget.repaint()
    if not widget.grab().save(str(path)):
        raise RuntimeError(f"could not write {path}")
    log.info("wrote %s", path)


def over(window: QWidget, dialog: QWidget, path: Path) -> None:
    """The window with ``dialog`` over it, centred as the window manager puts it: what the
    cashier sees on a screen the window fills."""
    from PySide6.QtGui import QColor, QPainter, QPen

    window.repaint()
    dialog.repaint()
    shot = window.grab()
    pane = dialog.grab()
    painter = QPainter(shot)
    painter.fillRect(shot.rect(), QColor(0, 0, 0, 110))  # the window dimmed behind it
    x = max(0, (shot.width() - pane.width()) // 2)
    y = max(0, (shot.height() - pane.height()) // 2)
    painter.drawPixmap(x, y, pane)
    painter.setPen(QPen(QColor("#37474f"), 2))
    painter.drawRect(x, y, pane.width() - 1, pane.height() - 1)
    painter.end()
    if not shot.save(str(path)):
        raise RuntimeError(f"could not write {path}")
    log.info("wrote %s", path)


def seed(dir_: Path) -> Path:
    from pos_member.seed.demo import seed_demo

    path = dir_ / "demo.db"
    seed_demo(path, members=200, products=60, days=2, settings=Settings(db_path=path))
    return path


def pick_member(backend: Any) -> str:
    """A gold-or-better member with stored value and points: the interesting panel."""
    return scenes.pick_member(backend.ctx.store)


def owing_member(backend: Any) -> str:
    """The card of a member marked as head office's confirmed overdraft of 35 yuan."""
    return scenes.owing_member(backend.ctx.store)


def lock_pin(backend: Any, card: str) -> None:
    """Wrong payment PINs for the member of ``card`` until the PIN locks (as at a till)."""
    scenes.lock_pay_pin(backend.ctx, card)


def products(backend: Any, n: int) -> list[str]:
    return scenes.products(backend.ctx.store, n)


def render_language(app: QApplication, language: str, template: Path, out: Path) -> list[Path]:
    from ui.customer_display import CustomerDisplay
    from ui.login import LoginDialog
    from ui.main_window import CashierWindow

    install_translations(app, language)
    written: list[Path] = []

    def shot(widget: QWidget, name: str) -> None:
        path = out / f"{name}_{language}.png"
        save(widget, path)
        written.append(path)

    def shot_over(window: QWidget, dialog: QWidget, name: str) -> None:
        path = out / f"{name}_{language}.png"
        over(window, dialog, path)
        written.append(path)

    zh = language == "zh_CN"

    work = Path(tempfile.mkdtemp(prefix="pos-shots-"))
    db = work / "terminal.db"
    shutil.copyfile(template, db)
    backend = open_backend(Settings(db_path=db), seed_if_new=False, printer=SimulatedPrinter())
    runner = TaskRunner()
    try:
        login = LoginDialog(runner, backend.login)
        login.staff_input.setText("1001")
        login.resize(560, 360)
        login.show()
        settle(app, runner)
        shot(login, "login")
        login.close()

        # The first start of an installed till: which till is this (here: enrol).
        from ui.first_run import FirstRunDialog

        first = FirstRunDialog(runner, work / "pos-member.env", work / "data")
        first.enrol_choice.setChecked(True)
        first.url.setText("https://hq.example.com:8600")
        first.code.setText("K7QM2XH9TA")
        first.show()
        settle(app, runner)
        shot(first, "first_run")
        first.close()

        staff = backend.login("1001", "1111")
        window = CashierWindow(backend, runner, ReaderBridge(), staff)
        window.resize(*SIZE)
        window.show()

        def current() -> Any:
            """The dialog the window has open (each shot knows which one it is)."""
            return window._dialog

        display = CustomerDisplay()
        display.follow(window)
        display.resize(1024, 600)
        display.show()
        settle(app, runner)
        # A till with no open shift asks for the opening float first.
        opening: Any = window._dialog
        if opening is not None and opening.objectName() == "shiftDialog":
            opening.amount_input.setText("500")
            settle(app, runner)
            shot(opening, "shift_open")
            opening.open_shift()
            settle(app, runner)

        def scan(text: str) -> None:
            window.handle_scan(text)
            settle(app, runner)

        card = pick_member(backend)
        for code in products(backend, 4):
            scan(code)
        scan(card)
        scan(products(backend, 2)[1])
        shot(window, "sale")
        shot(display, "customer_display")
        window.action_help()  # F1: every key
        settle(app, runner)
        shot(current(), "help")
        current().close()
        settle(app, runner)
        window.action_count_card()  # F10
        settle(app, runner, 0.5)
        if window._dialog is not None:
            shot(current(), "count_card")
            current().reject()
            settle(app, runner)
        window.action_coupon()  # F5
        settle(app, runner)
        if window._dialog is not None:
            shot(current(), "coupon")
            current().reject()
            settle(app, runner)
        window.resize(*NARROW)
        settle(app, runner)
        shot(window, "sale_1024")
        window.resize(*SIZE)
        settle(app, runner)

        window.pay()
        settle(app, runner)
        pay: Any = window._dialog
        assert pay is not None
        pay.sv_input.setText("20.00")
        pay.pin_input.setText("")
        pay.cash_input.setText("200")
        settle(app, runner)
        pay.resize(760, 640)
        settle(app, runner)
        pay.confirm()  # Enter before the PIN: the focus goes to the PIN, with a hint
        settle(app, runner)
        shot(pay, "payment")
        window.resize(*NARROW)
        settle(app, runner)
        shot_over(window, pay, "payment_1024")
        window.resize(*SIZE)
        settle(app, runner)
        pay.sv_input.setText("")
        pay.pin_input.setText("")
        pay.cash_input.setText("")
        pay.all_stored_value()  # F2: all of it from stored value, then the PIN
        settle(app, runner)
        shot(pay, "payment_stored_value")
        pay.sv_input.setText("")
        # The next ¥100 note: within the till's most change (Settings.max_change_fen).
        pay.cash_input.setText(str(-(-window.sale.amount_due.fen // 10_000) * 100))
        settle(app, runner)
        pay.confirm()
        settle(app, runner, 0.6)
        shot(display, "customer_display_paid")
        shot(window, "sale_paid")  # the change stays until the next sale
        receipt = window.last_receipt.receipt_no if window.last_receipt else ""

        window.action_refund()
        settle(app, runner)
        refund: Any = window._dialog
        refund.receipt_input.setText(receipt)
        refund.load()
        settle(app, runner)
        first = next(iter(refund._spins.values()))
        first.setValue(first.maximum())
        settle(app, runner, 0.5)
        refund.resize(1000, 640)
        settle(app, runner)
        shot(refund, "refund")
        refund.confirm()  # F12: the question names the cash to hand back
        settle(app, runner)
        if refund._question is not None:
            shot(refund._question, "refund_confirm")
            refund._question.reject()
            settle(app, runner)
        refund.no_receipt()  # F4: the customer has no receipt
        settle(app, runner)
        nr: Any = window._dialog
        for code in products(backend, 2):
            nr.code_input.setText(code)
            nr.add()
            settle(app, runner)
        nr.reason_input.setText("顾客小票遗失" if zh else "the customer lost the receipt")
        settle(app, runner)
        shot(nr, "refund_no_receipt")
        nr.reject()
        settle(app, runner)

        scan(card)
        window.action_recharge()
        settle(app, runner)
        recharge: Any = window._dialog
        recharge.amount_input.setText("1000")
        settle(app, runner, 0.5)
        recharge.resize(640, 460)
        settle(app, runner)
        shot(recharge, "recharge")
        recharge.reject()
        settle(app, runner)

        # The prepaid-card law's sections: a company's purchase by bank transfer, with the
        # agent's real name (docs/prepaid.md); shot at the size it takes, within the counter's.
        scenes.real_name_law(backend.ctx)
        window.action_recharge()
        settle(app, runner)
        law: Any = window._dialog
        law.amount_input.setText("2000")
        law.buyer_kind_input.setCurrentIndex(law.buyer_kind_input.findData("company"))
        law.transfer_input.setChecked(True)
        for field, text in (
            (law.name_input, "王小明"), (law.id_input, "11010519491231002X"),
            (law.company_input, "上海示例科技有限公司"), (law.contact_input, "13800000001"),
            (law.payer_name_input, "上海示例科技有限公司"),
            (law.payer_number_input, "31050161393600000001"), (law.bank_input, "建设银行"),
            (law.payee_name_input, "示例超市有限公司"),
            (law.payee_number_input, "31050161393600000999"),
        ):  # fmt: skip
            field.setText(text)
        law.agent_input.setChecked(True)
        law.consent_input.setChecked(True)
        settle(app, runner, 0.5)
        law._fit()
        settle(app, runner)
        shot(law, "recharge_law")
        law.reject()
        settle(app, runner)

        # Anonymous cards (不记名卡, Shift+F7): two cards of ¥500, the buyer's PIN typed.
        window.action_anonymous_card()
        settle(app, runner)
        anon: Any = window._dialog
        anon.count_input.setValue(2)
        anon.pin_input.setText("258036")
        anon.pin_again_input.setText("258036")
        anon.amount_input.setText("500")
        anon.cash_input.setText("1000")
        settle(app, runner, 0.5)
        anon._fit()
        settle(app, runner)
        shot(anon, "anonymous_cards")
        anon.reject()
        settle(app, runner)

        window.action_shift()
        settle(app, runner)
        shift: Any = window._dialog
        if shift.shift_id is None:
            shift.amount_input.setText("500")
            shift.open_shift()
            settle(app, runner)
        shift.x_report()
        settle(app, runner)
        settle(app, runner)
        shot(shift, "x_report")
        shift.reject()
        settle(app, runner)

        # Two baskets put aside (F8), then F8 on the empty sale: the held-sales list.
        for code in products(backend, 3):
            scan(code)
        window.action_hold()
        settle(app, runner)
        scan(products(backend, 2)[1])
        window.action_hold()
        settle(app, runner)
        window.action_hold()
        settle(app, runner)
        held: Any = window._dialog
        assert held is not None and held.objectName() == "heldSalesDialog"
        held.resize(900, 420)
        settle(app, runner)
        shot(held, "held_sales")
        held.ask_discard()  # Del: discarding a held sale is a void
        settle(app, runner)
        shot(held._confirm, "held_discard_confirm")
        held._confirm.reject()
        settle(app, runner)
        held.reject()
        settle(app, runner)

        # 改价 and 整单折扣, each with a supervisor's PIN, then the key that takes one off.
        def approve() -> None:
            sup: Any = window._dialog
            assert sup is not None and sup.objectName() == "supervisorDialog"
            sup.staff_input.setText("2001")
            sup.pin_input.setText("8888")
            sup.button.click()
            settle(app, runner, 0.5)

        window.action_clear_member()
        for code in products(backend, 3):
            scan(code)
        window.cart_table.selectRow(0)
        window.action_price()  # Ctrl+G
        settle(app, runner)
        price: Any = window._dialog
        first_price = window.sale.lines[0].unit_price
        price.price_input.setText(str(first_price.fen // 100 - 1 if first_price.fen > 200 else 1))
        price.reason_input.setText("包装破损" if zh else "dented box")
        settle(app, runner)
        shot(price, "price_override")
        price.submit()
        settle(app, runner)
        sup_dialog: Any = window._dialog
        sup_dialog.staff_input.setText("2001")
        settle(app, runner)
        shot(sup_dialog, "supervisor")
        approve()
        window.action_sale_discount()  # Ctrl+K
        settle(app, runner)
        disc: Any = window._dialog
        disc.rate_input.setText("9.5")
        disc.reason_input.setText("老顾客" if zh else "regular customer")
        settle(app, runner)
        shot(disc, "sale_discount")
        disc.submit()
        settle(app, runner)
        approve()
        window.cart_table.selectRow(0)
        settle(app, runner)
        shot(window, "sale_overrides")
        window.action_price()  # Ctrl+G on the changed line: Ctrl+G again takes it off
        settle(app, runner)
        shot(current(), "price_override_remove")
        current().reject()
        settle(app, runner)
        window.action_sale_discount()
        settle(app, runner)
        shot(current(), "sale_discount_remove")
        current().reject()
        settle(app, runner)

        window.close()  # Alt+F4 with a sale open: the question
        settle(app, runner)
        question: Any = window.open_sale.box
        assert question is not None
        shot(question, "open_sale_question")
        question.reject()
        settle(app, runner)
        window._new_sale()
        settle(app, runner)

        window.action_drawer()  # Ctrl+D
        settle(app, runner)
        if window._dialog is not None:
            shot(current(), "drawer")
            current().reject()
            settle(app, runner)

        # F2 and the phone's last 4 digits: two members share them, a pick list.
        tail = scenes.shared_phone_tail(backend.ctx.store)
        window.action_member()
        window.scan_input.setText(tail)
        window._on_scan_entered()
        settle(app, runner)
        shot(current(), "phone_pick")
        current().reject()
        settle(app, runner)

        # A phone no member has: the message offers Ctrl+N, which registers the customer;
        # the new member's first stored-value payment asks for a PIN, typed twice.
        scan("13912345678")
        shot(window, "unknown_phone")
        window.action_register()
        settle(app, runner)
        reg: Any = window._dialog
        reg.name_input.setText("王小明" if zh else "Wang Xiaoming")
        reg.birthday_input.setText("1990-05-17")
        reg.consent.setChecked(True)
        settle(app, runner)
        shot(reg, "register")
        reg.submit()
        settle(app, runner, 0.5)
        scan(products(backend, 1)[0])
        window.pay()
        settle(app, runner, 0.5)
        first_pin: Any = window._dialog
        if first_pin is not None:
            first_pin.resize(760, 640)
            settle(app, runner)
            shot(first_pin, "payment_new_pin")
            first_pin.reject()
            settle(app, runner)
        window._new_sale()
        settle(app, runner)

        window.action_clear_member()
        for code in products(backend, 3):
            scan(code)
        window.refresh_sync_state()
        settle(app, runner)
        from pos_member.domain.errors import HeadOfficeUnreachable
        from ui.errors import user_message

        window.show_message(user_message(HeadOfficeUnreachable(detail="timeout")), "error")
        settle(app, runner)
        shot(window, "offline")

        # A member head office confirmed overdrawn (two stores spent one balance offline).
        window.action_clear_member()
        owing = owing_member(backend)
        scan(owing)
        settle(app, runner)
        shot(window, "member_owes")

        # A scanner burst into the F4 quantity: refused, the quantity kept.
        window.action_void_sale()
        settle(app, runner)
        window._new_sale()
        scan(products(backend, 1)[0])
        window.action_quantity()
        settle(app, runner)
        qty: Any = window._dialog
        qty.scan_guard.scanned.emit(products(backend, 2)[1])
        settle(app, runner)
        shot(qty, "quantity_scan_refused")
        qty.reject()
        settle(app, runner)

        # F11: the till locked; the login over the sale screen asks the cashier's PIN again.
        lock = LoginDialog(runner, backend.login, window, locked_staff=staff.staff_id)
        lock.show()
        settle(app, runner)
        shot_over(window, lock, "lock_screen")
        lock.close()
        settle(app, runner)

        # Ctrl+Shift+T (demo and training): the simulated reader asks which card to tap.
        from ui.app import simulated_tap_dialog

        tap = simulated_tap_dialog("04A1B2C3D4", window)
        tap.show()
        settle(app, runner)
        shot_over(window, tap, "simulated_tap")
        tap.close()
        settle(app, runner)

        # A member whose payment PIN is locked (five wrong PINs): told to pay another way.
        lock_pin(backend, card)
        window.action_clear_member()
        scan(card)  # the line already on the sale stays
        window.pay()
        settle(app, runner, 0.5)
        locked: Any = window._dialog
        shot(locked, "payment_pin_locked")
        locked.reject()
        settle(app, runner)

        # Closing: the drawer counted note by note, the question, the Z report.
        window.action_shift()
        settle(app, runner)
        shift = window._dialog
        check = backend.x_report()
        left = check.cash_expected_fen - 30  # three jiao short
        from pos_member.services.shifts import DENOMINATIONS_FEN

        for fen in DENOMINATIONS_FEN:
            n, left = divmod(left, fen)
            shift.count_inputs[fen].setText(str(n) if n else "")
        settle(app, runner, 0.5)
        shot(shift, "shift_count")
        shift.close_shift()
        settle(app, runner)
        shot(shift.confirm_box, "shift_close_confirm")
        from PySide6.QtWidgets import QPushButton

        shift.confirm_box.findChild(QPushButton, "confirmCloseShiftButton").click()
        settle(app, runner, 0.5)
        shot(shift, "z_report")
        if zh and shift.report is not None:  # the 交班单 is printed in Chinese only
            from pos_member.receipts.build import ReceiptBuilder
            from pos_member.receipts.pdf import Paper, render_pdf
            from pos_member.receipts.settings import ReceiptSettings

            doc = ReceiptBuilder(backend.ctx, ReceiptSettings()).build(f"Z-{shift.report.shift_id}")
            path = out / "handover_slip.png"
            _png_from_pdf(render_pdf(doc, Paper.ROLL_80), path, 110)
            written.append(path)
        shift.reject()
        settle(app, runner)
        display.close()
        window.close()
    finally:
        runner.shutdown()
        backend.close()
        shutil.rmtree(work, ignore_errors=True)
    return written


def _png_from_pdf(pdf: bytes, target: Path, dpi: int) -> None:
    """The first page of ``pdf`` as a PNG, by poppler's pdftoppm."""
    import subprocess

    tool = shutil.which("pdftoppm")
    if tool is None:
        raise SystemExit("pdftoppm not found: install the Debian package poppler-utils")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.pdf"
        src.write_bytes(pdf)
        subprocess.run([tool, "-r", str(dpi), "-png", "-singlefile", "-f", "1", "-l", "1",
                        str(src), str(Path(tmp) / "out")], check=True)  # fmt: skip
        shutil.copyfile(Path(tmp) / "out.png", target)
    log.info("wrote %s", target)


def render_promotions(app: QApplication, language: str, template: Path, out: Path) -> list[Path]:
    """The cart with promotions taken and one still missed, and (once) the receipt of that
    sale with the promotions' lines, from its real PDF (pdftoppm)."""
    from datetime import UTC, datetime

    from pos_member.receipts.build import ReceiptBuilder
    from pos_member.receipts.pdf import Paper, render_pdf
    from pos_member.receipts.settings import ReceiptSettings
    from ui.main_window import CashierWindow

    install_translations(app, language)
    work = Path(tempfile.mkdtemp(prefix="pos-shots-"))
    db = work / "terminal.db"
    shutil.copyfile(template, db)
    backend = open_backend(Settings(db_path=db), seed_if_new=False, printer=SimulatedPrinter())
    runner = TaskRunner()
    written: list[Path] = []
    try:
        ctx = backend.ctx
        half, other = scenes.promotion_scene(ctx.store, ctx.terminal_id,
                                             datetime.now(UTC).isoformat())  # fmt: skip
        staff = backend.login("1001", "1111")
        window = CashierWindow(backend, runner, ReaderBridge(), staff)
        window.resize(*SIZE)
        window.show()
        settle(app, runner)
        opening: Any = window._dialog
        if opening is not None and opening.objectName() == "shiftDialog":
            opening.amount_input.setText("500")
            opening.open_shift()
            settle(app, runner)
        for code in (half, half, other, pick_member(backend)):
            window.handle_scan(code)
            settle(app, runner)
        path = out / f"sale_promotions_{language}.png"
        save(window, path)
        written.append(path)
        window.pay()
        settle(app, runner)
        pay: Any = window._dialog
        pay.cash_input.setText(str(-(-window.sale.amount_due.fen // 10_000) * 100))
        settle(app, runner)
        pay.confirm()
        settle(app, runner, 0.6)
        receipt = window.last_receipt.receipt_no if window.last_receipt else ""
        if receipt and language == "zh_CN":  # the receipt is printed in Chinese only
            doc = ReceiptBuilder(ctx, ReceiptSettings()).build(receipt)
            path = out / "receipt_promotions.png"
            _png_from_pdf(render_pdf(doc, Paper.ROLL_80), path, 110)
            written.append(path)
        window.close()
    finally:
        runner.shutdown()
        backend.close()
        shutil.rmtree(work, ignore_errors=True)
    return written


def main(argv: list[str] | None = None, *, on_file: Callable[[Path], None] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    only_promotions = "--promotions" in args  # just the promotion shots
    args = [a for a in args if a != "--promotions"]
    out = Path(args[0] if args else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    app = QApplication.instance() or QApplication(["pos-member-screenshots"])
    assert isinstance(app, QApplication)
    app.setAttribute(Qt.ApplicationAttribute.AA_DontShowIconsInMenus, True)
    apply_style(app)
    with tempfile.TemporaryDirectory() as tmp:
        template = seed(Path(tmp))
        for language in ("zh_CN", "en"):
            paths = [] if only_promotions else render_language(app, language, template, out)
            for path in [*paths, *render_promotions(app, language, template, out)]:
                if on_file is not None:
                    on_file(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
