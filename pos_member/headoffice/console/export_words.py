"""The words of the console's report PDFs and new exports (``exports``), in English and
Chinese; ``i18n`` folds them into its two tables."""

from __future__ import annotations

TESTED_IN = "tests/headoffice/console/test_console_report_pdf.py"

EN: dict[str, str] = {
    "pdf.export": "Report PDF",
    "pdf.generated": "Made {at} by {who}.",
    "pdf.period": "Period {since} to {until} (business days, Asia/Shanghai).",
    "pdf.figure": "Figure",
    "pdf.value": "Value",
    "pdf.by_day_yuan": "Sales by day (yuan)",
    "pdf.statement_exports": "Statement:",
}

ZH: dict[str, str] = {
    "pdf.export": "报表 PDF",
    "pdf.generated": "由 {who} 于 {at} 生成。",
    "pdf.period": "期间 {since} 至 {until}（营业日，Asia/Shanghai）。",
    "pdf.figure": "指标",
    "pdf.value": "数值",
    "pdf.by_day_yuan": "每日销售额（元）",
    "pdf.statement_exports": "流水导出：",
}
