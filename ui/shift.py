"""Shift open/close with the X and Z reports on screen (and printed)."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from pos_member.domain.money import Money
from pos_member.domain.tenders import TenderBucket
from ui.dialogs import CashierDialog, button_row, form_layout, key_button
from ui.tasks import PRINT
from ui.widgets import money_text, parse_yuan


class ShiftDialog(CashierDialog):
    def __init__(self, window: Any, parent: QWidget | None = None) -> None:
        super().__init__(window, parent)
        self.setObjectName("shiftDialog")
        self.setWindowTitle(self.tr("Shift"))
        self.setMinimumSize(640, 640)
        self.report: Any = None
        self.shift_id: int | None = None

        self.state_label = QLabel(self.tr("Checking the shift…"))
        self.state_label.setObjectName("shiftStateLabel")
        self.amount_input = QLineEdit()
        self.amount_input.setObjectName("shiftCashInput")
        self.amount_input.setPlaceholderText("0.00")
        self.amount_caption = QLabel(self.tr("Opening float"))
        self.report_text = QTextEdit()
        self.report_text.setObjectName("reportText")
        self.report_text.setReadOnly(True)

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

        form = form_layout()
        form.addRow(self.amount_caption, self.amount_input)
        v = QVBoxLayout(self)
        v.addWidget(self.state_label)
        v.addLayout(form)
        v.addWidget(self.report_text, 1)
        v.addWidget(self.message)
        v.addLayout(
            button_row(back, self.open_button, self.x_button, self.z_button, self.print_button)
        )
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
        self.amount_caption.setText(
            self.tr("Cash counted") if is_open else self.tr("Opening float")
        )
        self.state_label.setText(
            self.tr("Shift {n} is open.").format(n=shift_id)
            if is_open
            else self.tr("No shift is open.")
        )

    def _money(self) -> Money | None:
        try:
            return parse_yuan(self.amount_input.text())
        except ValueError:
            self.say(self.tr("Amounts are yuan with at most two decimals, like 12.50."), "error")
            return None

    def open_shift(self) -> None:
        amount = self._money()
        if amount is None:
            return
        staff = self.window_.staff
        self.call(lambda: self.backend.open_shift(staff, amount), self._opened)

    def _opened(self, shift_id: int) -> None:
        self._state(shift_id)
        self.window_.show_message(self.tr("Shift opened."), "ok")

    def x_report(self) -> None:
        self.call(self.backend.x_report, self.show_report)

    def close_shift(self) -> None:
        amount = self._money()
        if amount is None:
            return
        if not self.amount_input.text().strip():
            self.say(self.tr("Count the cash in the drawer and type the amount."), "error")
            return
        staff = self.window_.staff
        self.call(lambda: self.backend.close_shift(staff, amount), self._closed)

    def _closed(self, report: Any) -> None:
        self.show_report(report)
        self._state(None)
        self.window_.show_message(self.tr("Shift closed. Z report printed."), "ok")
        self.print_report()

    def show_report(self, report: Any) -> None:
        self.report = report
        self.report_text.setHtml(self.format_report(report))
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
            (self.tr("Closed at"), self.backend.local_time(r.closed_at) if r.closed_at else ""),
            (self.tr("Opening float"), m(r.opening_float_fen)),
            (self.tr("Sales"), f"{r.sales_count}  ·  {m(r.sales_total_fen)}"),
            (self.tr("Refunds"), f"{r.refunds_count}  ·  {m(r.refunds_total_fen)}"),
            (self.tr("Recharges"), f"{r.recharges_count}  ·  {m(r.recharges_total_fen)}"),
        ]
        for bucket, fen in r.by_tender_fen.items():
            rows.append((self.tender_name(bucket), m(fen)))
        rows.append((self.tr("Cash expected in drawer"), m(r.cash_expected_fen)))
        if r.counted_cash_fen is not None:
            rows.append((self.tr("Cash counted"), m(r.counted_cash_fen)))
            rows.append((self.tr("Difference"), m(r.variance_fen or 0)))
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
            lambda _: self.say(self.tr("Report sent to the printer.")),
            lane=PRINT,
        )
