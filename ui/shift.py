"""The shift (开班/交班): open with the float, X report, count the drawer, Z report.

Opening asks for the opening float (备用金). Closing counts the drawer note by
note and coin by coin; the shift service says what the drawer should hold,
what was counted and the difference, painted large above the report so that
it is seen without scrolling. The Z report is final: it is asked for once
more, with those three figures, before it is taken.
"""

from __future__ import annotations

import html
import itertools
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from pos_member.domain.money import Money
from pos_member.domain.tenders import TenderBucket
from pos_member.services.shifts import DENOMINATIONS_FEN
from ui.dialogs import CashierDialog, button_row, debounced, form_layout, key_button
from ui.tasks import PRINT
from ui.widgets import ScanGuard, money_text, parse_yuan, restyle, within_screen

if TYPE_CHECKING:
    from ui.main_window import CashierWindow


def denomination_text(fen: int) -> str:
    """¥100, ¥0.5: as the note or coin is printed."""
    yuan, rest = divmod(fen, 100)
    if not rest:
        return f"¥{yuan}"
    return f"¥{yuan}.{rest // 10}" if rest % 10 == 0 else f"¥{yuan}.{rest:02d}"


class ShiftDialog(CashierDialog):
    def __init__(
        self, window: CashierWindow, parent: QWidget | None = None, *, opening: bool = False
    ):
        super().__init__(window, parent)
        self.setObjectName("shiftDialog")
        self.setWindowTitle(self.tr("Shift"))
        self.report: Any = None
        self.shift_id: int | None = None
        self.check: Any = None
        self.opening = opening  # asked for at login, before the first sale

        self.state_label = QLabel(self.tr("Checking the shift…"))
        self.state_label.setObjectName("shiftStateLabel")
        self.state_label.setWordWrap(True)

        # Opening: the float.
        self.open_box = QWidget()
        self.open_box.setObjectName("openShiftBox")
        self.amount_input = QLineEdit()
        self.amount_input.setObjectName("shiftCashInput")
        self.amount_input.setPlaceholderText("0.00")
        self.amount_caption = QLabel(self.tr("Opening float"))
        form = form_layout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.amount_caption, self.amount_input)
        self.open_box.setLayout(form)
        self.amount_input.returnPressed.connect(self.open_shift)

        # Closing: the drawer counted by denomination, and what that means.
        self.count_box = QWidget()
        self.count_box.setObjectName("cashCountBox")
        grid = QGridLayout(self.count_box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(4)
        grid.addWidget(QLabel(self.tr("Count the drawer: how many of each")), 0, 0, 1, 4)
        self.count_inputs: dict[int, QLineEdit] = {}
        for i, fen in enumerate(DENOMINATIONS_FEN):
            field = QLineEdit()
            field.setObjectName(f"count{fen}Input")
            field.setPlaceholderText("0")
            field.setValidator(QIntValidator(0, 99999, field))
            field.setAlignment(Qt.AlignmentFlag.AlignRight)
            label = QLabel(denomination_text(fen) + " ×")
            label.setBuddy(field)
            row, col = 1 + i % 4, (i // 4) * 2
            grid.addWidget(label, row, col, Qt.AlignmentFlag.AlignRight)
            grid.addWidget(field, row, col + 1)
            self.count_inputs[fen] = field
        fields = list(self.count_inputs.values())
        for here, nxt in itertools.pairwise(fields):
            here.returnPressed.connect(nxt.setFocus)
        fields[-1].returnPressed.connect(self.close_shift)
        self._count_timer = debounced(self, self.check_cash)
        for f in fields:
            f.textChanged.connect(self._count_timer.start)
        self.scan_guard = ScanGuard(self, self.amount_input, *fields)
        self.scan_guard.scanned.connect(
            lambda code: self.say(
                self.tr("That was a scan ({code}), not an amount: nothing was typed.").format(
                    code=code
                ),
                "error",
            )
        )

        self.expected_label = QLabel("")
        self.expected_label.setObjectName("expectedCashLabel")
        self.counted_label = QLabel("")
        self.counted_label.setObjectName("countedCashLabel")
        self.difference_label = QLabel("")
        self.difference_label.setObjectName("cashDifferenceLabel")
        summary = QGridLayout()
        summary.addWidget(QLabel(self.tr("Expected in the drawer")), 0, 0)
        summary.addWidget(self.expected_label, 0, 1, Qt.AlignmentFlag.AlignRight)
        summary.addWidget(QLabel(self.tr("Counted")), 1, 0)
        summary.addWidget(self.counted_label, 1, 1, Qt.AlignmentFlag.AlignRight)
        summary.addWidget(QLabel(self.tr("Difference")), 2, 0)
        summary.addWidget(self.difference_label, 2, 1, Qt.AlignmentFlag.AlignRight)
        self.summary = QWidget()
        self.summary.setObjectName("cashSummary")
        self.summary.setLayout(summary)

        self.report_text = QTextEdit()
        self.report_text.setObjectName("reportText")
        self.report_text.setReadOnly(True)
        self.report_text.setFocusPolicy(Qt.FocusPolicy.ClickFocus)

        self.open_button = key_button(
            self, self.tr("Open shift  F5"), self.open_shift, name="openShiftButton", key="F5"
        )
        self.x_button = key_button(
            self, self.tr("X report  F6"), self.x_report, name="xReportButton", key="F6"
        )
        self.z_button = key_button(
            self,
            self.tr("Close shift (Z)  F7"),
            self.close_shift,
            name="closeShiftButton",
            key="F7",
        )
        self.print_button = key_button(
            self,
            self.tr("Print  Ctrl+P"),
            self.print_report,
            name="printReportButton",
            key="Ctrl+P",
        )
        back = key_button(self, self.tr("Back  Esc"), self.reject)
        for button in (back, self.open_button, self.x_button, self.z_button, self.print_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # each has its key; Enter is the field's

        left = QVBoxLayout()
        left.addWidget(self.state_label)
        left.addWidget(self.open_box)
        left.addWidget(self.count_box)
        left.addWidget(self.summary)
        left.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addWidget(self.report_text, 1)
        v = QVBoxLayout(self)
        v.addLayout(body, 1)
        v.addWidget(self.message)
        v.addLayout(
            button_row(back, self.open_button, self.x_button, self.z_button, self.print_button)
        )
        self.count_box.hide()
        self.summary.hide()
        self.report_text.hide()  # until there is a report to show
        self.print_button.setEnabled(False)
        self.amount_input.setFocus()
        self.refresh()

    def refresh(self) -> None:
        self.call(self.backend.current_shift, self._state)

    def _state(self, shift_id: int | None) -> None:
        self.shift_id = shift_id
        is_open = shift_id is not None
        self.open_button.setEnabled(not is_open)
        self.x_button.setEnabled(is_open)
        self.z_button.setEnabled(is_open)
        self.open_box.setVisible(not is_open)
        self.count_box.setVisible(is_open)
        self.summary.setVisible(is_open or self.report is not None)
        self._fit()
        if is_open:
            self.state_label.setText(self.tr("Shift {n} is open.").format(n=shift_id))
            self.count_inputs[DENOMINATIONS_FEN[0]].setFocus()
            self.check_cash()
            self.x_report()  # the running figures beside the count
        elif self.report is not None and self.report.kind == "Z":
            self.state_label.setText(
                self.tr("Shift {n} is closed. The next shift opens with its float (F5).").format(
                    n=self.report.shift_id
                )
            )
            self.amount_input.setFocus()
        else:
            self.state_label.setText(
                self.tr(
                    "No shift is open. Put the opening float in the drawer, "
                    "type how much it is and press Enter."
                )
            )
            self.amount_input.setFocus()

    def _fit(self) -> None:
        """Small while it only asks for the float; wide once there are a count and a report."""
        wide = self.shift_id is not None or self.report is not None
        if wide:
            self.setMinimumSize(*within_screen(self, 900, 560))
            self.resize(*within_screen(self, max(self.width(), 1000), max(self.height(), 640)))
        else:
            self.setMinimumSize(560, 0)
            self.resize(640, 1)
            self.adjustSize()
        self._keep_on_screen()

    def _keep_on_screen(self) -> None:
        """Centred over the cashier window, and never past the edge of the screen."""
        if not self.isVisible():
            return  # placed by Qt when shown
        screen = self.screen().availableGeometry()
        frame = self.frameGeometry()
        parent = self.parentWidget()
        centre = parent.frameGeometry().center() if parent is not None else screen.center()
        frame.moveCenter(centre)
        x = max(screen.left(), min(frame.left(), screen.right() - frame.width() + 1))
        y = max(screen.top(), min(frame.top(), screen.bottom() - frame.height() + 1))
        self.move(x, y)

    def _money(self) -> Money | None:
        try:
            return parse_yuan(self.amount_input.text())
        except ValueError:
            self.say(self.tr("Amounts are yuan with at most two decimals, like 12.50."), "error")
            return None

    def open_shift(self) -> None:
        if self.shift_id is not None:
            return
        amount = self._money()
        if amount is None:
            return
        staff = self.window_.staff
        self.call(lambda: self.backend.open_shift(staff, amount), lambda n: self._opened(n, amount))

    def _opened(self, shift_id: int, amount: Money) -> None:
        self.shift_id = shift_id
        self.window_.state.apply(shift_id=shift_id)  # the status bar says it
        self.window_.show_message(
            self.tr("Shift {n} opened with a float of {amount}.").format(
                n=shift_id, amount=money_text(amount)
            ),
            "ok",
        )
        self.accept()  # on to the first sale

    def x_report(self) -> None:
        self.call(self.backend.x_report, self.show_report)

    # ---------------------------------------------------------- counting
    def pieces(self) -> dict[int, int]:
        return {fen: int(f.text()) for fen, f in self.count_inputs.items() if f.text().strip()}

    def check_cash(self) -> None:
        if self.shift_id is None:
            return
        pieces = self.pieces()
        self.call(lambda: self.backend.cash_check(pieces), self._checked)

    def _checked(self, check: Any) -> None:
        self.check = check
        self.paint_cash(check.expected_fen, check.counted_fen, check.difference_fen)

    def paint_cash(self, expected: int, counted: int, difference: int) -> None:
        self.summary.show()
        self.expected_label.setText(money_text(Money(expected)))
        self.counted_label.setText(money_text(Money(counted)))
        if difference < 0:
            verdict, text = "short", self.tr("{amount} short")
        elif difference > 0:
            verdict, text = "over", self.tr("{amount} over")
        else:
            verdict, text = "even", self.tr("{amount}: the drawer is right")
        self.difference_label.setText(text.format(amount=money_text(Money(difference))))
        self.difference_label.setProperty("verdict", verdict)
        restyle(self.difference_label)

    def close_shift(self) -> None:
        if self.shift_id is None or self.busy:
            return
        if not self.pieces():
            self.say(self.tr("Count the cash in the drawer: how many of each note and coin."))
            self.count_inputs[DENOMINATIONS_FEN[0]].setFocus()
            return
        pieces = self.pieces()
        self.call(lambda: self.backend.cash_check(pieces), lambda c: self._ask_close(pieces, c))

    def _ask_close(self, pieces: dict[int, int], check: Any) -> None:
        self._checked(check)
        box = QMessageBox(self)
        box.setObjectName("confirmCloseShiftDialog")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Close the shift"))
        box.setText(
            self.tr(
                "Close shift {n} and take the Z report? It cannot be undone.\n\n"
                "Expected in the drawer: {expected}\nCounted: {counted}\nDifference: {difference}"
            ).format(
                n=check.shift_id,
                expected=money_text(Money(check.expected_fen)),
                counted=money_text(Money(check.counted_fen)),
                difference=money_text(Money(check.difference_fen)),
            )
        )
        yes = box.addButton(self.tr("Close and print  Enter"), QMessageBox.ButtonRole.AcceptRole)
        yes.setObjectName("confirmCloseShiftButton")
        no = box.addButton(self.tr("Back  Esc"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(yes)
        box.setEscapeButton(no)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)

        def answered() -> None:
            if box.clickedButton() is yes:
                staff = self.window_.staff
                self.run(lambda: self.backend.close_shift(staff, pieces), self._closed)
                return
            QTimer.singleShot(0, self._back_to_count)  # once the question has gone

        box.finished.connect(lambda _r: answered())
        self.confirm_box = box
        box.open()

    def _back_to_count(self) -> None:
        self.activateWindow()
        self.count_inputs[DENOMINATIONS_FEN[-1]].setFocus()

    def _closed(self, report: Any) -> None:
        self.window_.state.apply(shift_id=None)
        self.show_report(report)
        self._state(None)
        self.summary.show()
        self.paint_cash(
            report.cash_expected_fen, report.counted_cash_fen or 0, report.variance_fen or 0
        )
        self.window_.show_message(self.tr("Shift closed. Z report printed."), "ok")
        self.print_report()

    def show_report(self, report: Any) -> None:
        self.report = report
        self.report_text.setHtml(self.format_report(report))
        self.report_text.show()
        self.print_button.setEnabled(True)
        self._fit()
        self.say("")

    def report_rows(self, r: Any) -> list[tuple[str, str]]:
        """The report as (label, value) rows; amounts as the shift service summed them."""

        def m(fen: int) -> str:
            return money_text(Money(int(fen)))

        rows = [
            (self.tr("Shift"), str(r.shift_id)),
            (self.tr("Till"), r.terminal_id),
            (self.tr("Opened by"), r.staff_id),
            (self.tr("Opened at"), self.backend.local_time(r.opened_at)),
        ]
        if r.closed_at:
            rows.append((self.tr("Closed at"), self.backend.local_time(r.closed_at)))
        rows.append((self.tr("Opening float"), m(r.opening_float_fen)))
        # The drawer first: what a cashier must explain is at the top, not below a scroll.
        rows.append((self.tr("Cash expected in drawer"), m(r.cash_expected_fen)))
        if r.counted_cash_fen is not None:
            rows.append((self.tr("Cash counted"), m(r.counted_cash_fen)))
            rows.append((self.tr("Difference"), m(r.variance_fen or 0)))
        rows += [
            (self.tr("Sales"), f"{r.sales_count}  ·  {m(r.sales_total_fen)}"),
            (self.tr("Refunds"), f"{r.refunds_count}  ·  {m(r.refunds_total_fen)}"),
            (self.tr("Recharges"), f"{r.recharges_count}  ·  {m(r.recharges_total_fen)}"),
        ]
        for bucket, fen in r.by_tender_fen.items():
            rows.append((self.tender_name(bucket), m(fen)))
        for denomination, pieces in getattr(r, "cash_count", {}).items():
            rows.append((denomination_text(int(denomination)) + " ×", str(pieces)))
        return rows

    def format_report(self, r: Any) -> str:
        """The report as a two-column HTML table (CJK labels do not line up in plain text)."""
        title = (
            self.tr("X report (shift running)")
            if r.kind == "X"
            else self.tr("Z report (shift closed)")
        )
        body = "".join(
            f"<tr><td style='padding:3px 24px 3px 0'>{html.escape(label)}</td>"
            f"<td align='right' style='padding:3px 0'><b>{html.escape(value)}</b></td></tr>"
            for label, value in self.report_rows(r)
        )
        return f"<h2>{html.escape(title)}</h2><table>{body}</table>"

    def tender_name(self, bucket: str) -> str:
        kind, method = (b := TenderBucket.parse(bucket)).kind, b.method
        names = {
            "cash": self.tr("Cash"),
            "stored_value": self.tr("Stored value"),
            "points": self.tr("Points"),
            "external": self.tr("Bank card / QR"),
        }
        methods = {
            "bank_card": self.tr("Bank card"),
            "wechat": self.tr("WeChat Pay"),
            "alipay": self.tr("Alipay"),
            "unionpay": self.tr("UnionPay QR"),
        }
        name = names.get(kind, kind)
        return f"{name} ({methods.get(method, method)})" if method else name

    def print_report(self) -> None:
        if self.report is None:
            return
        report = self.report
        self.call(
            lambda: self.backend.print_report(report),
            lambda _: self.say(self.tr("Report sent to the printer."), "ok"),
            lane=PRINT,
        )
