"""The manager's reports screen: programme metrics and charts, and the PDF export.

Figures come from ``pos_member.reports`` (``ManagerBackend.report``) computed
on the database lane; this view only lays them out with QtCharts: sales by
tender and by hour, RFM segments, lifecycle stages and the programme's rates.
Each chart keeps its numbers in ``chart_values`` so tests and screen readers
can check what is drawn.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QMargins, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_member.domain.money import Money
from pos_member.reports import analytics as an
from ui.errors import user_message
from ui.manager.backend import ManagerBackend
from ui.qtcompat import emit
from ui.tasks import DB, Op, TaskRunner
from ui.widgets import money_text

log = logging.getLogger(__name__)

PALETTE = ("#1565c0", "#2e7d32", "#ef6c00", "#6a1b9a", "#c62828", "#00838f", "#5d4037", "#546e7a")


def _yuan(m: Money) -> float:
    # Bar lengths in whole yuan; the figures above the charts give the exact amounts.
    return float(round(m.to_decimal()))


def _font(points: int, bold: bool = False) -> QFont:
    # Charts are small: the counter's 13 pt would cut every category name to "...".
    font = QFont(QApplication.font())
    font.setPointSize(points)
    font.setBold(bold)
    return font


class ChartBox(QChartView):
    """One chart with the values it draws (category -> number)."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumSize(240, 140)  # six fit 1024×768 and 614 lines at 125%
        self.chart_values: dict[str, float] = {}
        self.setChart(QChart())

    def _new_chart(self, title: str) -> QChart:
        chart = QChart()
        chart.setTitle(title)
        chart.setTitleFont(_font(11, bold=True))
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.legend().setVisible(False)
        chart.setMargins(QMargins(2, 2, 2, 2))
        chart.setBackgroundRoundness(6)
        return chart

    def bars(
        self,
        title: str,
        values: dict[str, float],
        colour: str,
        *,
        horizontal: bool = False,
        decimals: int = 0,
    ) -> None:
        """A bar chart; ``horizontal`` puts long category names on the left, unclipped."""
        self.chart_values = dict(values)
        chart = self._new_chart(title)
        bar_set = QBarSet(title)
        bar_set.setColor(QColor(colour))
        bar_set.setLabelColor(QColor("#1f2933"))
        # Horizontal bars are drawn bottom-up: reversed, the first category reads first.
        items = list(values.items())[::-1] if horizontal else list(values.items())
        for _, v in items:
            bar_set.append(v)
        series: QAbstractBarSeries = QHorizontalBarSeries() if horizontal else QBarSeries()
        series.append(bar_set)
        series.setBarWidth(0.6)
        # Labels only where they fit: a dozen bars side by side would overlap.
        series.setLabelsVisible(horizontal or len(values) <= 8)
        series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
        series.setLabelsFormat("@value")
        series.setLabelsPrecision(12)
        chart.addSeries(series)
        axis_cat = QBarCategoryAxis()
        axis_cat.append([k for k, _ in items])
        axis_val = QValueAxis()
        top = max(values.values(), default=0.0)
        # Room for the value written past the end of the longest bar.
        axis_val.setRange(0, top * 1.2 if top > 0 else 1)
        axis_val.applyNiceNumbers()
        axis_val.setLabelFormat(f"%.{decimals}f")
        cat_side, val_side = (
            (Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignBottom)
            if horizontal
            else (Qt.AlignmentFlag.AlignBottom, Qt.AlignmentFlag.AlignLeft)
        )
        small = 8 if len(values) > 6 else 9
        for axis in (axis_cat, axis_val):
            axis.setLabelsFont(_font(small))
        bar_set.setLabelFont(_font(small))
        chart.addAxis(axis_cat, cat_side)
        chart.addAxis(axis_val, val_side)
        series.attachAxis(axis_cat)
        series.attachAxis(axis_val)
        self.setChart(chart)

    def pie(self, title: str, values: dict[str, float]) -> None:
        self.chart_values = dict(values)
        chart = self._new_chart(title)
        chart.legend().setVisible(True)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
        chart.legend().setFont(_font(8 if len(values) > 5 else 10))
        series = QPieSeries()
        for i, (label, v) in enumerate(values.items()):
            sl = series.append(f"{label} {v:,.0f}", v)
            sl.setColor(QColor(PALETTE[i % len(PALETTE)]))
        chart.addSeries(series)
        self.setChart(chart)


class ReportsView(QWidget):
    """Period, figures, charts and "export PDF"; objectName ``reportsView``."""

    loaded = Signal(object)  # pos_member.reports.pdf.AnalyticsReport
    exported = Signal(object)  # Path of the PDF
    campaign_requested = Signal(str)  # segment code
    jobs_run = Signal(object)  # list of pos_member.services.jobs.JobReport

    def __init__(
        self,
        backend: ManagerBackend,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        staff: Any = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reportsView")
        self.backend = backend
        self.runner = runner
        self.staff = staff
        self.report: Any = None
        self.pdf_path: Path | None = None

        top = QHBoxLayout()
        self.start_input = QDateEdit()
        self.start_input.setObjectName("reportStartInput")
        self.end_input = QDateEdit()
        self.end_input.setObjectName("reportEndInput")
        for d in (self.start_input, self.end_input):
            d.setCalendarPopup(True)
            d.setDisplayFormat("yyyy-MM-dd")
        self.refresh_button = QPushButton(self.tr("Show (F5)"))
        self.refresh_button.setObjectName("refreshReportButton")
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button = QPushButton(self.tr("Export PDF (Ctrl+E)"))
        self.export_button.setObjectName("exportPdfButton")
        self.export_button.clicked.connect(self.export_pdf)
        self.export_button.setEnabled(False)
        self.jobs_button = QPushButton(self.tr("Programme jobs (F10)"))
        self.jobs_button.setObjectName("programmeJobsButton")
        self.jobs_button.clicked.connect(self.run_jobs)
        self.campaign_button = QPushButton(self.tr("Campaign to a segment (F7)"))
        self.campaign_button.setObjectName("campaignButton")
        self.campaign_button.clicked.connect(lambda: emit(self.campaign_requested, "at_risk"))
        top.addWidget(QLabel(self.tr("From")))
        top.addWidget(self.start_input)
        top.addWidget(QLabel(self.tr("to")))
        top.addWidget(self.end_input)
        top.addWidget(self.refresh_button)
        top.addStretch(1)
        top.addWidget(self.jobs_button)
        top.addWidget(self.campaign_button)
        top.addWidget(self.export_button)

        self.figures = QGridLayout()
        self.figures.setHorizontalSpacing(18)
        self.figures.setVerticalSpacing(0)
        self.figure_labels: dict[str, QLabel] = {}
        for i, key in enumerate(self._figure_names()):
            caption = QLabel(self._figure_names()[key])
            caption.setProperty("class", "caption")
            value = QLabel("—")
            value.setObjectName(f"figure_{key}")
            value.setProperty("class", "figure")
            self.figure_labels[key] = value
            self.figures.addWidget(caption, (i // 5) * 2, i % 5)
            self.figures.addWidget(value, (i // 5) * 2 + 1, i % 5)

        self.tender_chart = ChartBox("tenderChart")
        self.hour_chart = ChartBox("hourChart")
        self.segment_chart = ChartBox("segmentChart")
        self.lifecycle_chart = ChartBox("lifecycleChart")
        self.metrics_chart = ChartBox("metricsChart")
        self.day_chart = ChartBox("dayChart")
        grid = QGridLayout()
        grid.addWidget(self.tender_chart, 0, 0)
        grid.addWidget(self.hour_chart, 0, 1)
        grid.addWidget(self.day_chart, 0, 2)
        grid.addWidget(self.segment_chart, 1, 0)
        grid.addWidget(self.lifecycle_chart, 1, 1)
        grid.addWidget(self.metrics_chart, 1, 2)
        # The segments' legend has eight lines: the lower row gets more height.
        grid.setRowStretch(0, 4)
        grid.setRowStretch(1, 5)

        self.message = QLabel("")
        self.message.setObjectName("reportsMessage")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(self.figures)
        layout.addLayout(grid, 1)
        layout.addWidget(self.message)

        today = backend.today()
        self.set_period(today.replace(day=1), today)

    # ------------------------------------------------------------- names
    def _figure_names(self) -> dict[str, str]:
        return {
            "members": self.tr("Members"),
            "new_members": self.tr("New members"),
            "activation": self.tr("Activation rate"),
            "churn": self.tr("Churn rate"),
            "share": self.tr("Member sales share"),
            "repurchase": self.tr("Repurchase rate"),
            "sales": self.tr("Net sales"),
            "recharges": self.tr("Recharges (principal + bonus)"),
            "sv_liability": self.tr("Stored-value liability"),
            "points_liability": self.tr("Points liability"),
        }

    def segment_names(self) -> dict[str, str]:
        return {
            "champions": self.tr("Champions"),
            "loyal": self.tr("Loyal"),
            "new_customers": self.tr("New customers"),
            "potential_loyalists": self.tr("Potential loyalists"),
            "at_risk": self.tr("At risk"),
            "hibernating": self.tr("Hibernating"),
            "lost": self.tr("Lost"),
            "need_attention": self.tr("Need attention"),
        }

    def stage_names(self) -> dict[str, str]:
        return {
            "new": self.tr("New"),
            "active": self.tr("Active"),
            "silent": self.tr("Silent"),
            "churned": self.tr("Churned"),
        }

    def tender_names(self) -> dict[str, str]:
        return {
            "cash": self.tr("Cash"),
            "stored_value": self.tr("Stored value"),
            "points": self.tr("Points"),
            "external": self.tr("Card / QR"),
        }

    # ------------------------------------------------------------ actions
    def set_period(self, start: date, end: date) -> None:
        self.start_input.setDate(QDate(start.year, start.month, start.day))
        self.end_input.setDate(QDate(end.year, end.month, end.day))

    def period(self) -> tuple[date, date]:
        s, e = self.start_input.date(), self.end_input.date()
        return date(s.year(), s.month(), s.day()), date(e.year(), e.month(), e.day())

    def refresh(self) -> None:
        start, end = self.period()
        self.message.setText(self.tr("Computing the figures…"))
        self.refresh_button.setEnabled(False)
        Op(self.runner, lambda: self.backend.report(start, end), lane=DB, owner=self).success(
            self.show_report
        ).failure(self._failed).run()

    def _failed(self, exc: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        self.message.setText(user_message(exc))

    def run_jobs(self) -> None:
        """Tier review and points expiry for today, for a terminal that stays offline."""
        staff = self.staff
        self.jobs_button.setEnabled(False)
        self.message.setText(self.tr("Running the tier review and points expiry…"))
        Op(self.runner, lambda: self.backend.run_jobs(staff), owner=self).success(
            self._jobs_done
        ).failure(self._jobs_failed).run()

    def _jobs_done(self, reports: list[Any]) -> None:
        self.jobs_button.setEnabled(True)
        names = {
            "tier_review": self.tr("Tier review"),
            "points_expiry": self.tr("Points expiry"),
        }
        parts = []
        for r in reports:
            text = self.tr("{job}: {examined} examined, {changed} changed").format(
                job=names.get(r.job, r.job), examined=r.examined, changed=r.changed
            )
            if r.replayed:
                text += " " + self.tr("(already run today)")
            parts.append(text)
        self.message.setText("; ".join(parts) + ".")
        emit(self.jobs_run, reports)

    def _jobs_failed(self, exc: BaseException) -> None:
        self.jobs_button.setEnabled(True)
        self.message.setText(user_message(exc))

    def export_pdf(self) -> None:
        if self.report is None:
            self.message.setText(self.tr("Show a period first, then export it."))
            return
        report = self.report
        path = self.backend.default_pdf_path(report)
        self.export_button.setEnabled(False)
        self.message.setText(self.tr("Writing the PDF…"))
        Op(self.runner, lambda: self.backend.export_pdf(report, path), owner=self).success(
            self._exported
        ).failure(self._failed_export).run()

    def _exported(self, path: Path) -> None:
        self.pdf_path = path
        self.export_button.setEnabled(True)
        self.message.setText(self.tr("PDF written: {path}").format(path=str(path)))
        emit(self.exported, path)

    def _failed_export(self, exc: BaseException) -> None:
        self.export_button.setEnabled(True)
        self.message.setText(user_message(exc))

    # ----------------------------------------------------------- painting
    def show_report(self, report: Any) -> None:
        self.report = report
        self.refresh_button.setEnabled(True)
        self.export_button.setEnabled(True)
        m: an.Metrics = report.metrics
        d: an.DailySales = report.daily
        pct = "{:.1%}".format
        texts = {
            "members": f"{m.members:,}",
            "new_members": f"{m.new_members:,}",
            "activation": pct(m.activation_rate),
            "churn": pct(m.churn_rate),
            "share": pct(m.member_sales_share),
            "repurchase": pct(m.repurchase_rate),
            "sales": money_text(d.net_sales),
            "recharges": money_text(m.recharge_principal + m.recharge_bonus),
            "sv_liability": money_text(m.sv_liability),
            "points_liability": self.tr("{points} ({value})").format(
                points=f"{m.points_liability:,}", value=money_text(m.points_liability_value)
            ),
        }
        for key, text in texts.items():
            self.figure_labels[key].setText(text)

        tenders = self.tender_names()
        totals = d.tender_totals()
        self.tender_chart.bars(
            self.tr("Sales by tender (yuan)"),
            {tenders.get(k, k): _yuan(v) for k, v in sorted(totals.items())},
            PALETTE[0],
            horizontal=True,
        )
        hours = {h: v for h, v in sorted(d.by_hour.items())}
        if hours:
            first, last = min(hours), max(hours)
            by_hour = {
                f"{h:02d}": _yuan(hours.get(h, (0, Money(0)))[1]) for h in range(first, last + 1)
            }
        else:
            by_hour = {}
        self.hour_chart.bars(self.tr("Sales by hour (yuan)"), by_hour, PALETTE[1])
        days: dict[str, Money] = {}
        for (day, _kind), amount in sorted(d.by_day_tender.items()):
            label = str(int(day[8:10]))  # the day of the month: the title names the period
            days[label] = days.get(label, Money(0)) + amount
        self.day_chart.bars(
            self.tr("Sales by day (yuan)"),
            {k: _yuan(v) for k, v in days.items()},
            PALETTE[5],
        )
        seg = self.segment_names()
        # A pie: eight segment names fit in its legend, not under eight thin bars.
        self.segment_chart.pie(
            self.tr("RFM segments (members)"),
            {seg[k]: float(report.segments.get(k, 0)) for k in an.SEGMENTS},
        )
        stages = self.stage_names()
        self.lifecycle_chart.pie(
            self.tr("Lifecycle stages"),
            {stages[k]: float(report.lifecycle.get(k, 0)) for k in an.LIFECYCLE_STAGES},
        )
        self.metrics_chart.bars(
            self.tr("Programme rates (%)"),
            {
                self.tr("Activation"): round(m.activation_rate * 100, 1),
                self.tr("Churn"): round(m.churn_rate * 100, 1),
                self.tr("Member share"): round(m.member_sales_share * 100, 1),
                self.tr("Repurchase"): round(m.repurchase_rate * 100, 1),
            },
            PALETTE[2],
            horizontal=True,
            decimals=1,
        )
        self.message.setText(
            self.tr("{start} – {end}: {receipts} receipts, {refunds} refunds.").format(
                start=report.start.isoformat(),
                end=report.end.isoformat(),
                receipts=d.receipts,
                refunds=d.refunds,
            )
        )
        emit(self.loaded, report)
