"""PDF reports read back with pdftotext: Chinese labels, figures and chart labels."""

from __future__ import annotations

import importlib.util
import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path

from pos_member.domain.rules import demo_rules
from pos_member.reports import analytics as an
from pos_member.reports import pdf

from .conftest import Desk
from .test_analytics import AS_OF, build_store


def _suite_require_tool() -> Callable[[str, str], str]:
    # tests/conftest.py is shadowed by this folder's conftest: load it by path.
    path = Path(__file__).resolve().parents[1] / "conftest.py"
    spec = importlib.util.spec_from_file_location("_suite_conftest_manager", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    fn: Callable[[str, str], str] = module.require_tool
    return fn


def pdf_text(path: Path) -> str:
    tool = _suite_require_tool()("pdftotext", "poppler-utils")
    return subprocess.run([tool, "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_analytics_pdf_reads_back_with_the_figures(desk: Desk, tmp_path: Path) -> None:
    build_store(desk)
    with desk.ctx.store.reading() as s:
        report = pdf.build_analytics_report(
            s, store="S001 旗舰店", start=date(2026, 3, 1), end=AS_OF, timezone="Asia/Shanghai",
            generated_at="2026-03-31 22:00", redeem=demo_rules().redeem,
        )  # fmt: skip
    out = pdf.render_analytics_pdf(report, tmp_path / "analytics.pdf")
    text = _flat(pdf_text(out))
    for expected in (
        "会员分析报告 Member analytics",
        "S001 旗舰店",
        "2026-03-01 – 2026-03-31",
        "会员总数 Members 13",
        "激活率 Activation rate 7.7%",  # 1 / 13
        "流失率 Churn rate 38.5%",  # 5 / 13
        "会员销售占比 Member sales share 46.4%",  # 650 / 1400
        "复购率 Repurchase rate 75.0%",  # 3 / 4
        "储值余额 Stored-value liability ¥1,250.00",
        "积分余额 Points liability 830 (¥8.00)",
        "30天内到期积分 Points expiring in 30 days 280",
        "RFM 分群会员数 Members per segment",
        "流失风险 at risk 2",
        "重要价值 champions 1",
        "需关注 attention 2",
        "沉默 silent 2",
        "流失 churned 5",
        "现金 cash ¥630.00",
        "储值 stored value ¥200.00",
        "净销售额 Net sales ¥1,400.00",
        "工本费 Card fees ¥5.00",
        "分时段销售 Sales by hour",
    ):
        assert expected in text, expected


def test_sales_pdf_reads_back(desk: Desk, tmp_path: Path) -> None:
    build_store(desk)
    with desk.ctx.store.reading() as s:
        daily = an.daily_sales(s, date(2026, 3, 30), date(2026, 3, 30), "Asia/Shanghai")
    out = pdf.render_sales_pdf(daily, tmp_path / "sales.pdf", store="S001",
                               generated_at="2026-03-30 23:00")  # fmt: skip
    text = _flat(pdf_text(out))
    # 03-30: member m1 100 cash at 10:15, a walk-in 500 by card/QR at 09:00.
    for expected in ("销售日报 Daily sales", "现金 cash ¥100.00", "银行卡/扫码 card/QR ¥500.00",
                     "销售笔数 Receipts 2", "净销售额 Net sales ¥600.00"):  # fmt: skip
        assert expected in text, expected
