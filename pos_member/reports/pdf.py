"""PDF reports with charts: member analytics and daily sales (reportlab, A4).

Chinese text is set in the CID font STSong-Light (built into every PDF
reader, nothing embedded), so ``pdftotext`` reads the report back. Charts are
reportlab vector graphics: RFM segments and sales by hour as bar charts,
lifecycle stages and tenders as pies. Amounts are printed from ``Money``;
rates are shown as percentages with one decimal.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from sqlalchemy.orm import Session

from pos_member.domain.money import Money
from pos_member.domain.rules import RedeemRule
from pos_member.reports import analytics as an

log = logging.getLogger(__name__)

FONT = "STSong-Light"
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f")

SEGMENT_LABELS = {
    "champions": "重要价值 champions",
    "loyal": "忠诚 loyal",
    "new_customers": "新客 new",
    "potential_loyalists": "潜力 potential",
    "at_risk": "流失风险 at risk",
    "hibernating": "休眠 hibernating",
    "lost": "已流失 lost",
    "need_attention": "需关注 attention",
}
# Short labels under the bars (rotated labels would not read back as text).
SEGMENT_SHORT = {
    "champions": "重要价值",
    "loyal": "忠诚",
    "new_customers": "新客",
    "potential_loyalists": "潜力",
    "at_risk": "流失风险",
    "hibernating": "休眠",
    "lost": "已流失",
    "need_attention": "需关注",
}
STAGE_LABELS = {
    "new": "新会员 new",
    "active": "活跃 active",
    "silent": "沉默 silent",
    "churned": "流失 churned",
}
TENDER_LABELS = {
    "cash": "现金 cash",
    "stored_value": "储值 stored value",
    "points": "积分 points",
    "external": "银行卡/扫码 card/QR",
}


def ensure_font() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))


@dataclass(frozen=True, slots=True)
class AnalyticsReport:
    """Everything the member analytics PDF shows, computed once."""

    store: str
    start: date
    end: date
    generated_at: str
    metrics: an.Metrics
    segments: dict[str, int]
    lifecycle: dict[str, int]
    daily: an.DailySales


def build_analytics_report(
    session: Session,
    *,
    store: str,
    start: date,
    end: date,
    timezone: str,
    generated_at: str,
    redeem: RedeemRule | None = None,
    params: an.Params | None = None,
) -> AnalyticsReport:
    params = params or an.Params(as_of=end)
    return AnalyticsReport(
        store=store,
        start=start,
        end=end,
        generated_at=generated_at,
        metrics=an.metrics(session, start, end, params, redeem),
        segments=an.segment_counts(session, params),
        lifecycle=an.lifecycle_counts(session, params),
        daily=an.daily_sales(session, start, end, timezone),
    )


# --- building blocks ----------------------------------------------------------------------------


def _styles() -> tuple[ParagraphStyle, ParagraphStyle, ParagraphStyle]:
    ensure_font()
    title = ParagraphStyle("title", fontName=FONT, fontSize=18, leading=24, spaceAfter=6)
    head = ParagraphStyle(
        "head", fontName=FONT, fontSize=13, leading=18, spaceBefore=10, spaceAfter=4
    )
    body = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13)
    return title, head, body


def _pct(x: float) -> str:
    return f"{x * 100:.1f}%"


def _table(rows: list[tuple[str, str]], widths: tuple[float, float] = (95 * mm, 70 * mm)) -> Table:
    t = Table(rows, colWidths=widths)
    t.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 9.5),
                ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return t


def bar_chart(
    title: str,
    labels: list[str],
    values: list[int],
    width: float = 170 * mm,
    height: float = 70 * mm,
) -> Drawing:
    """A vertical bar chart with the value written above each bar."""
    ensure_font()
    d = Drawing(width, height)
    d.add(String(0, height - 12, title, fontName=FONT, fontSize=10))
    chart = VerticalBarChart()
    chart.x, chart.y = 30, 38
    chart.width, chart.height = width - 40, height - 62
    chart.data = [values or [0]]
    chart.categoryAxis.categoryNames = labels or [""]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.boxAnchor = "n"
    chart.valueAxis.valueMin = 0
    top = max(values or [0])
    # Whole steps: counts and yuan have no halves worth a grid line.
    chart.valueAxis.valueStep = max(1, -(-top // 5))
    chart.valueAxis.valueMax = max(1, chart.valueAxis.valueStep * 5 if top <= 5 else top)
    chart.valueAxis.labelTextFormat = "%d"
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.bars[0].fillColor = colors.HexColor(PALETTE[0])
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 6
    d.add(chart)
    return d


def pie_chart(title: str, labels: list[str], values: list[int], size: float = 60 * mm) -> Drawing:
    """A pie with ``label n`` slices (empty slices left out; an empty pie says so)."""
    ensure_font()
    d = Drawing(170 * mm, size + 36)
    d.add(String(0, size + 24, title, fontName=FONT, fontSize=10))
    kept = [(lab, v) for lab, v in zip(labels, values, strict=True) if v > 0]
    if not kept:
        d.add(String(10, size / 2, "—", fontName=FONT, fontSize=10))
        return d
    pie = Pie()
    # Centred with room on both sides and above for the side labels.
    pie.x, pie.y = 85 * mm - (size - 20) / 2, 12
    pie.width = pie.height = size - 20
    pie.data = [v for _, v in kept]
    pie.labels = [f"{lab} {v}" for lab, v in kept]
    pie.slices.fontName = FONT
    pie.slices.fontSize = 7
    pie.sideLabels = True
    for i in range(len(kept)):
        pie.slices[i].fillColor = colors.HexColor(PALETTE[i % len(PALETTE)])
    d.add(pie)
    return d


def _yuan_units(m: Money) -> int:
    # Charts plot whole yuan; the tables beside them carry the exact amounts.
    return m.fen // 100


# --- reports ----------------------------------------------------------------------------------


def _sales_section(daily: an.DailySales, head: ParagraphStyle) -> list[Flowable]:
    totals = daily.tender_totals()
    rows = [("支付方式 Tender", "金额 Amount")] + [
        (TENDER_LABELS.get(k, k), str(v)) for k, v in sorted(totals.items())
    ]
    rows += [
        ("销售笔数 Receipts", str(daily.receipts)),
        ("退货笔数 Refunds", str(daily.refunds)),
        ("净销售额 Net sales", str(daily.net_sales)),
        ("充值 Recharges", str(daily.recharges)),
        ("工本费 Card fees", str(daily.card_fees)),
    ]
    hours = list(range(24))
    return [
        Paragraph("销售 Sales by tender", head),
        _table(rows),
        Spacer(1, 4 * mm),
        pie_chart(
            "支付方式 Tenders (元)",
            [TENDER_LABELS.get(k, k) for k in sorted(totals)],
            [_yuan_units(totals[k]) for k in sorted(totals)],
        ),
        bar_chart(
            "分时段销售 Sales by hour (元)",
            [f"{h:02d}" for h in hours],
            [_yuan_units(daily.by_hour.get(h, (0, Money(0)))[1]) for h in hours],
        ),
        bar_chart(
            "每日销售 Sales by day (元)",
            [d[5:] for d in daily.days()],
            [
                sum(_yuan_units(v) for (day, _), v in daily.by_day_tender.items() if day == d)
                for d in daily.days()
            ],
        ),
    ]


def render_analytics_pdf(report: AnalyticsReport, path: Path | str) -> Path:
    """The member analytics report: metrics, RFM segments, lifecycle, sales."""
    title, head, body = _styles()
    m = report.metrics
    out = Path(path)
    doc = SimpleDocTemplate(
        str(out),
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title="会员分析报告 Member analytics",
        author="pos-member",
    )
    metric_rows = [
        ("指标 Metric", "数值 Value"),
        ("会员总数 Members", str(m.members)),
        ("新会员 New members", str(m.new_members)),
        ("激活率 Activation rate", _pct(m.activation_rate)),
        ("流失会员 Churned members", str(m.churned_members)),
        ("流失率 Churn rate", _pct(m.churn_rate)),
        ("会员销售额 Member sales", str(m.member_sales)),
        ("总销售额 All sales", str(m.all_sales)),
        ("会员销售占比 Member sales share", _pct(m.member_sales_share)),
        ("复购率 Repurchase rate", _pct(m.repurchase_rate)),
        ("充值本金 Recharged principal", str(m.recharge_principal)),
        ("充值赠送 Recharge bonus", str(m.recharge_bonus)),
        ("储值余额 Stored-value liability", str(m.sv_liability)),
        ("  其中本金 principal", str(m.sv_principal_liability)),
        ("  其中赠送 bonus", str(m.sv_bonus_liability)),
        ("积分余额 Points liability", f"{m.points_liability} ({m.points_liability_value})"),
        ("30天内到期积分 Points expiring in 30 days", str(m.points_expiring_30d)),
    ]
    story: list[Flowable] = [
        Paragraph("会员分析报告 Member analytics", title),
        Paragraph(
            f"门店 Store {report.store} | 期间 Period {report.start.isoformat()} – "
            f"{report.end.isoformat()} | 生成 Generated {report.generated_at}",
            body,
        ),
        Paragraph("经营指标 Programme metrics", head),
        _table(metric_rows),
        Paragraph("RFM 分群 Segments", head),
        bar_chart(
            "RFM 分群会员数 Members per segment",
            [SEGMENT_SHORT[s] for s in an.SEGMENTS],
            [report.segments.get(s, 0) for s in an.SEGMENTS],
        ),
        _table([(SEGMENT_LABELS[s], str(report.segments.get(s, 0))) for s in an.SEGMENTS]),
        Paragraph("生命周期 Lifecycle", head),
        pie_chart(
            "生命周期阶段 Lifecycle stages",
            [STAGE_LABELS[s] for s in an.LIFECYCLE_STAGES],
            [report.lifecycle.get(s, 0) for s in an.LIFECYCLE_STAGES],
        ),
        _table([(STAGE_LABELS[s], str(report.lifecycle.get(s, 0))) for s in an.LIFECYCLE_STAGES]),
    ]
    story += _sales_section(report.daily, head)
    doc.build(story)
    log.info("analytics report written (%d bytes)", out.stat().st_size)
    return out


def render_sales_pdf(
    daily: an.DailySales, path: Path | str, *, store: str, generated_at: str
) -> Path:
    """The daily sales report: by tender, by hour and by day."""
    title, head, body = _styles()
    out = Path(path)
    doc = SimpleDocTemplate(
        str(out),
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title="销售日报 Daily sales",
        author="pos-member",
    )
    story: list[Flowable] = [
        Paragraph("销售日报 Daily sales", title),
        Paragraph(
            f"门店 Store {store} | 期间 Period {daily.start.isoformat()} – "
            f"{daily.end.isoformat()} | 生成 Generated {generated_at}",
            body,
        ),
    ]
    story += _sales_section(daily, head)
    doc.build(story)
    return out
