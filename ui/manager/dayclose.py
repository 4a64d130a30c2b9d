"""日结, the day's close of this till: every shift of the day, their sums, then printed.

Refused while a cashier's shift is still open (the cashier closes it first, with the
交班单); the manager sees which one.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from pos_member.domain.money import Money
from ui.manager.backend import ManagerBackend
from ui.manager.confirm import ask
from ui.manager.dialogs import _ManagerDialog
from ui.qtcompat import emit
from ui.tasks import TaskRunner
from ui.widgets import money_text

TESTED_IN = "tests/gui/manager/test_keys_and_cards.py"

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class DayCloseDialog(_ManagerDialog):
    closed = Signal(object)  # pos_member.services.shifts.DayReport

    def __init__(
        self, backend: ManagerBackend, runner: TaskRunner, staff: Any, parent: QWidget | None
    ) -> None:
        super().__init__(backend, runner, staff, parent)
        self.setObjectName("dayCloseDialog")
        self.setWindowTitle(self.tr("Day close (日结)"))
        self.setMinimumWidth(760)
        self.report: Any = None
        self.open_shift: int | None = None
        self.intro = QLabel(self.tr("Every shift of today on this till, and the day's sums."))
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 7)
        self.table.setObjectName("dayShiftsTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Shift"),
                self.tr("Cashier"),
                self.tr("Sales"),
                self.tr("Refunds"),
                self.tr("Recharges"),
                self.tr("Cash expected"),
                self.tr("Difference"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.totals = QLabel("")
        self.totals.setObjectName("dayTotalsLabel")
        self.totals.setWordWrap(True)
        buttons = self.submit_row(
            self.tr("Close the day and print (Enter)"), "dayCloseConfirmButton",
            self.tr("Cancel (Esc)"),
        )  # fmt: skip
        self.lay_out(self.intro, self.table, self.totals, buttons=buttons, focus=self.button)
        self.call(self.backend.day_report, self._shown)

    def _shown(self, got: tuple[Any, int | None]) -> None:
        report, open_shift = got
        self.report, self.open_shift = report, open_shift
        self.table.setRowCount(len(report.shifts))
        for row, r in enumerate(report.shifts):
            cells = (
                f"#{r.shift_id}",
                r.staff_id,
                f"{money_text(Money(r.sales_total_fen))} ({r.sales_count})",
                f"{money_text(Money(r.refunds_total_fen))} ({r.refunds_count})",
                f"{money_text(Money(r.recharges_total_fen))} ({r.recharges_count})",
                money_text(Money(r.cash_expected_fen)),
                money_text(Money(r.variance_fen or 0)),
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col >= 2:
                    item.setTextAlignment(RIGHT)
                self.table.setItem(row, col, item)
        self.totals.setText(
            self.tr(
                "Day {day}: {n} shifts. Sales {sales}, refunds {refunds}, recharges {recharges}. "
                "Cash expected {expected}, counted {counted}, difference {difference}."
            ).format(
                day=report.business_date,
                n=len(report.shifts),
                sales=money_text(Money(report.sales_total_fen)),
                refunds=money_text(Money(report.refunds_total_fen)),
                recharges=money_text(Money(report.recharges_total_fen)),
                expected=money_text(Money(report.cash_expected_fen)),
                counted=money_text(Money(report.counted_cash_fen)),
                difference=money_text(Money(report.variance_fen)),
            )
        )
        if open_shift is not None:
            self.say(
                self.tr(
                    "Shift {shift} is still open: the cashier closes it (handover) before the "
                    "day close."
                ).format(shift=open_shift),
                "error",
            )

    def submit(self) -> None:
        if self.busy:
            return
        self.confirm_box = ask(
            self,
            "confirmDayCloseDialog",
            self.tr("Day close (日结)"),
            self.tr("Close the day on this till and print the day's report?"),
            self.tr("Close the day"),
            lambda: self.run(lambda: self.backend.day_close(self.staff), self._closed),
        )

    def _closed(self, report: Any) -> None:
        self._shown((report, None))
        self.say(
            self.tr("Day {day} closed: the day's report is printing.").format(
                day=report.business_date
            ),
            "ok",
        )
        emit(self.closed, report)
