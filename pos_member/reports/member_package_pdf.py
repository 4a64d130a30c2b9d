"""A member's data package (``services.privacy``) as a PDF a person can read.

Headings and labels in Chinese and English; each table of the package as a list of
its rows, one line of ``column: value`` pairs per row. Chinese text is set in the
CID font STSong-Light like the other reports (``reports.pdf.ensure_font``).
"""

from __future__ import annotations

import io
import json
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from pos_member.reports.pdf import FONT, ensure_font

TESTED_IN = "tests/manager/test_privacy_till.py"

PROFILE_LABELS = {
    "member_id": "会员号 member id",
    "name": "姓名 name",
    "phone": "手机号 phone",
    "birthday": "生日 birthday",
    "tier_code": "等级 tier",
    "joined_on": "入会日期 joined",
    "status": "状态 status",
    "sv_principal_fen": "储值本金(分) stored value principal (fen)",
    "sv_bonus_fen": "储值赠送(分) stored value bonus (fen)",
    "points_balance": "积分 points",
    "has_pay_pin": "已设支付密码 payment PIN set",
}


def _value(v: Any) -> str:
    if isinstance(v, dict | list):
        return json.dumps(v, ensure_ascii=False, separators=(",", ":"))
    return "" if v is None else str(v)


def render_package_pdf(pkg: dict[str, Any]) -> bytes:
    ensure_font()
    h1 = ParagraphStyle("h1", fontName=FONT, fontSize=15, leading=20, spaceAfter=6)
    h2 = ParagraphStyle("h2", fontName=FONT, fontSize=11, leading=15, spaceBefore=8)
    body = ParagraphStyle("body", fontName=FONT, fontSize=8.5, leading=11.5)
    small = ParagraphStyle("small", fontName=FONT, fontSize=7, leading=9.5, leftIndent=4 * mm)
    m = pkg["member"]
    story: list[Any] = [
        Paragraph("会员个人信息副本 · Member data package", h1),
        Paragraph(
            escape(f"门店终端 till {pkg['terminal_id']} · 生成于 generated {pkg['generated_at']}"),
            body,
        ),
        Paragraph(
            "本文件含会员完整个人信息，仅交会员本人。 This file holds the member's full "
            "personal information: hand it to the member only.",
            body,
        ),
        Spacer(1, 4 * mm),
        Paragraph("会员资料 Profile", h2),
    ]
    for key, label in PROFILE_LABELS.items():
        story.append(Paragraph(escape(f"{label}: {_value(m.get(key))}"), body))
    sections = [
        *((f"表 table {name} ({len(rows)})", rows) for name, rows in pkg["tables"].items()),
        (f"待同步/已同步事件 events ({len(pkg['events'])})", pkg["events"]),
        (f"访问记录 who viewed or exported ({len(pkg['access_audit'])})", pkg["access_audit"]),
        (f"操作记录 audit ({len(pkg['audit'])})", pkg["audit"]),
    ]
    for title, rows in sections:
        story.append(Paragraph(escape(title), h2))
        if not rows:
            story.append(Paragraph("无 none", small))
        for row in rows:
            text = "; ".join(f"{k}: {_value(v)}" for k, v in row.items() if v not in (None, ""))
            story.append(Paragraph(escape(text), small))
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=f"Member {m['member_id']} data package",
    )
    doc.build(story)
    return out.getvalue()
