"""Manager mode, reports: the charts draw the analytics' figures; the PDF reads back."""

from __future__ import annotations

import subprocess
from typing import Any

import pytest
from PySide6.QtCore import Qt

from pos_member.reports import analytics as an
from tests.conftest import require_tool
from tests.gui.helpers import wait_idle

from .helpers import child

pytestmark = pytest.mark.gui


def _show_reports(qtbot: Any, w: Any, runner: Any) -> Any:
    view = w.reports_view
    with qtbot.waitSignal(view.loaded, timeout=10_000) as got:
        qtbot.keyClick(w, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, runner)
    assert w.tabs.currentWidget() is view and view.objectName() == "reportsView"
    return got.args[0]


def test_reports_view_charts_the_figures_of_the_analytics(
    qtbot: Any, mwindow: Any, runner: Any, mbackend: Any
) -> None:
    view = mwindow.reports_view
    report = _show_reports(qtbot, mwindow, runner)
    start, end = view.period()
    assert (report.start, report.end) == (start, end) == (end.replace(day=1), mbackend.today())
    # The same figures, computed here by the reports package itself.
    with mbackend.ctx.store.reading() as s:
        daily = an.daily_sales(s, start, end, mbackend.ctx.settings.timezone)
        segments = an.segment_counts(s, an.Params(as_of=end))
        stages = an.lifecycle_counts(s, an.Params(as_of=end))
    assert daily.receipts > 0, "the demo seed sold something this month"
    tenders = view.tender_names()
    assert view.tender_chart.chart_values == {
        tenders[k]: float(round(v.to_decimal())) for k, v in sorted(daily.tender_totals().items())
    }
    assert view.hour_chart.chart_values == {
        f"{h:02d}": float(round(daily.by_hour[h][1].to_decimal())) if h in daily.by_hour else 0.0
        for h in range(min(daily.by_hour), max(daily.by_hour) + 1)
    }
    names = view.segment_names()
    assert view.segment_chart.chart_values == {
        names[k]: float(segments.get(k, 0)) for k in an.SEGMENTS
    }
    stage_names = view.stage_names()
    assert view.lifecycle_chart.chart_values == {
        stage_names[k]: float(stages.get(k, 0)) for k in an.LIFECYCLE_STAGES
    }
    m = report.metrics
    assert view.metrics_chart.chart_values["Member share"] == round(m.member_sales_share * 100, 1)
    assert view.figure_labels["members"].text() == f"{m.members:,}"
    assert view.figure_labels["sv_liability"].text() == str(m.sv_liability)
    for chart in (view.tender_chart, view.hour_chart, view.segment_chart, view.lifecycle_chart):
        assert chart.chart().series(), chart.objectName()
        assert chart.isVisible()


def test_a_period_backwards_is_refused(qtbot: Any, mwindow: Any, runner: Any) -> None:
    from datetime import date

    view = mwindow.reports_view
    _show_reports(qtbot, mwindow, runner)
    view.set_period(date(2026, 3, 31), date(2026, 3, 1))
    qtbot.keyClick(mwindow, Qt.Key.Key_F5)
    wait_idle(qtbot, runner)
    assert view.message.text() == "period: the first day is after the last day"


def test_export_pdf_reads_back_with_pdftotext(
    qtbot: Any, mwindow: Any, runner: Any, mbackend: Any
) -> None:
    report = _show_reports(qtbot, mwindow, runner)
    view = mwindow.reports_view
    with qtbot.waitSignal(view.exported, timeout=20_000) as got:
        qtbot.keyClick(mwindow, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    path = got.args[0]
    assert path.exists() and view.message.text() == f"PDF written: {path}"
    text = subprocess.run(
        [require_tool("pdftotext", "poppler-utils"), "-layout", str(path), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    flat = " ".join(text.split())
    m = report.metrics
    assert "会员分析报告 Member analytics" in flat
    assert f"{report.start} – {report.end}" in flat
    assert f"会员总数 Members {m.members:,}" in flat
    assert f"储值余额 Stored-value liability {m.sv_liability}" in flat


def test_campaign_to_a_segment_from_the_reports(
    qtbot: Any, mwindow: Any, runner: Any, mbackend: Any
) -> None:
    from sqlalchemy import func, select

    from pos_member.store.models import Coupon

    _show_reports(qtbot, mwindow, runner)
    qtbot.keyClick(mwindow, Qt.Key.Key_F7)
    dlg = child(qtbot, mwindow, "campaignDialog")
    dlg.segment_input.setCurrentIndex(dlg.segment_input.findData("active"))
    dlg.code_input.setText("SPRING")
    with qtbot.waitSignal(dlg.campaign_done, timeout=10_000) as got:
        qtbot.mouseClick(dlg.button, Qt.MouseButton.LeftButton)
    report = got.args[0]
    with mbackend.ctx.store.reading() as s:
        with_code = s.scalar(select(func.count(Coupon.id)).where(Coupon.code.like("SPRING-%")))
        members = an.segment_members(s, "active", an.Params(as_of=mbackend.today()))
    assert report.members == len(members) == with_code == report.issued > 0
    assert dlg.message.text() == (
        f"{report.issued} coupons issued to the {report.members} members of the segment."
    )
    # Run again: nobody gets a second coupon.
    with qtbot.waitSignal(dlg.campaign_done, timeout=10_000) as again:
        qtbot.mouseClick(dlg.button, Qt.MouseButton.LeftButton)
    assert again.args[0].issued == 0


def test_programme_jobs_run_once_a_day_from_the_reports(
    qtbot: Any, mwindow: Any, runner: Any, mbackend: Any
) -> None:
    from sqlalchemy import select

    from pos_member.store.models_manager import JobRun

    _show_reports(qtbot, mwindow, runner)
    view = mwindow.reports_view
    with qtbot.waitSignal(view.jobs_run, timeout=10_000) as first:
        qtbot.keyClick(mwindow, Qt.Key.Key_F10)
    reports = first.args[0]
    assert [r.job for r in reports] == ["tier_review", "points_expiry"]
    assert not any(r.replayed for r in reports)
    assert view.message.text().startswith(
        f"Tier review: {reports[0].examined} examined, {reports[0].changed} changed; "
        f"Points expiry: {reports[1].examined} examined"
    )
    with mbackend.ctx.store.reading() as s:
        runs = {(r.job, r.run_key) for r in s.scalars(select(JobRun))}
    today = mbackend.today().isoformat()
    assert ("points_expiry", today) in runs
    with qtbot.waitSignal(view.jobs_run, timeout=10_000) as again:
        qtbot.mouseClick(view.jobs_button, Qt.MouseButton.LeftButton)
    assert all(r.replayed for r in again.args[0])
    assert view.message.text().count("(already run today)") == 2
