"""The console's report PDFs, and the tables that had no export yet.

- ``/console/dashboard/report.pdf``: the chain report of a period (the dashboard's
  figures, a chart of sales by day, the table by store and by day) as an A4 PDF.
- ``/console/members/{id}/statement?format=csv|xlsx|pdf``: a member's statement.
- ``/console/adjustments/export?format=...``: the adjustments waiting for approval.
- ``/console/programme/versions?format=...``: the programme's versions.

CSV and XLSX go through ``routes._csv`` (the same quoting, BOM and audit as every other
export); a PDF is set in the CID font STSong-Light (nothing embedded, ``pdftotext``
reads it back) as ``reports.pdf`` does, and audited the same way.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from fastapi.responses import Response
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from pos_member.headoffice import adjustments, members, programme, reports
from pos_member.headoffice.console import accounts
from pos_member.headoffice.console.accounts import Can
from pos_member.headoffice.console.i18n import kind_words
from pos_member.headoffice.console.routes import EXPORTS, Ctx, _csv, _day, _now_iso, _Out, _yuan
from pos_member.headoffice.validate import EventRefused
from pos_member.reports.pdf import FONT, bar_chart, ensure_font

TESTED_IN = "tests/headoffice/console/test_console_report_pdf.py"

PDF_TYPE = "application/pdf"
FORMATS = (*EXPORTS, "pdf")
PageDeco = Callable[..., Callable[[Callable[[Ctx], Response]], Callable[[Ctx], Response]]]


def _styles() -> tuple[ParagraphStyle, ParagraphStyle, ParagraphStyle]:
    ensure_font()
    return (
        ParagraphStyle("t", fontName=FONT, fontSize=16, leading=22, spaceAfter=4),
        ParagraphStyle("h", fontName=FONT, fontSize=12, leading=16, spaceBefore=8, spaceAfter=4),
        ParagraphStyle("b", fontName=FONT, fontSize=9, leading=12),
    )


def _grid(header: list[str], rows: list[list[Any]], numeric: set[int], width: float) -> Table:
    cells = [header] + [["" if v is None else str(v) for v in r] for r in rows]
    # Columns as wide as their longest cell (a CJK character counts twice), within reason.
    need = [max(min(max(_span(row[c]) for row in cells), 44), 6) for c in range(len(header))]
    t = Table(cells, repeatRows=1, colWidths=[width * n / sum(need) for n in need])
    style = [
        ("FONT", (0, 0), (-1, -1), FONT, 8.5),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef1f5")),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    style += [("ALIGN", (c, 0), (c, -1), "RIGHT") for c in numeric]
    t.setStyle(TableStyle(style))
    return t


def _span(cell: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in cell)


def pdf_document(title: str, lines: list[str], story: list[Flowable], wide: bool = False) -> bytes:
    """An A4 PDF (landscape when ``wide``): the title, a line each of ``lines``, then
    ``story``."""
    head, _h, body = _styles()
    out = io.BytesIO()
    size = landscape(A4) if wide else A4
    doc = SimpleDocTemplate(out, pagesize=size, leftMargin=15 * mm, rightMargin=15 * mm,
                            topMargin=14 * mm, bottomMargin=14 * mm, title=title,
                            author="pos-member")  # fmt: skip
    flow: list[Flowable] = [Paragraph(title, head)]
    flow += [Paragraph(line, body) for line in lines]
    flow.append(Spacer(1, 4 * mm))
    doc.build(flow + story)
    return out.getvalue()


def _pdf(ctx: Ctx, name: str, body: bytes, rows: int) -> Response:
    if ctx.who is not None:
        with ctx.begin() as conn:
            accounts.audit(conn, ctx.who, "export", name, {"rows": rows, "format": "pdf"},
                           client=ctx.client)  # fmt: skip
    return Response(body, media_type=PDF_TYPE, headers={
        "Content-Disposition": f'attachment; filename="{name}.pdf"', "Cache-Control": "no-store",
    })  # fmt: skip


def table_export(ctx: Ctx, name: str, title: str, lines: list[str], header: list[str],
                 rows: list[list[Any]], numeric: set[int] | None = None) -> Response:  # fmt: skip
    """``rows`` as the format asked: CSV, XLSX (``routes._csv``) or a PDF table."""
    if ctx.q("format") != "pdf":
        return _csv(ctx, name, header, rows)
    width = landscape(A4)[0] - 30 * mm
    shown = [[_yuan(v) if i in (numeric or set()) and isinstance(v, int) else v
              for i, v in enumerate(r)] for r in rows]  # fmt: skip
    story: list[Flowable] = [_grid(header, shown, numeric or set(), width)]
    generated = ctx.t("pdf.generated", at=_now_iso()[:16].replace("T", " ") + " UTC",
                      who=ctx.who.username if ctx.who else "")  # fmt: skip
    return _pdf(ctx, name, pdf_document(title, [*lines, generated], story, wide=True), len(rows))


def chain_report_pdf(ctx: Ctx, d_from: str, d_to: str) -> bytes:
    """The dashboard's chain report of ``d_from``..``d_to`` for the person's stores."""
    assert ctx.who is not None
    _t, head, body = _styles()
    scope = ctx.who.store_scope
    with ctx.begin() as conn:
        report = reports.daily_report(conn, d_from, d_to, scope)
        chain = reports.liabilities(conn) if scope is None else None
    days = report.days
    sales = sum(r.sales_fen for r in days)
    member = sum(r.member_sales_fen for r in days)
    figures = [
        (ctx.t("dash.sales"), _yuan(sales)),
        (ctx.t("dash.member_sales"), _yuan(member)),
        (ctx.t("dash.member_share"), f"{member * 100 // sales}%" if sales else "–"),
        (ctx.t("dash.refunds"), _yuan(sum(r.refunds_fen for r in days))),
        (ctx.t("dash.recharges"), _yuan(sum(r.recharges_fen for r in days))),
        (ctx.t("dash.receipts"), f"{sum(r.receipts for r in days):,}"),
        (ctx.t("dash.active"), f"{report.active_members:,}"),
    ]
    if chain is not None:
        figures += [(ctx.t("dash.members"), f"{chain[0]:,}"),
                    (ctx.t("dash.liability"), _yuan(chain[1])),
                    (ctx.t("dash.points"), f"{chain[2]:,}")]  # fmt: skip
    width = A4[0] - 30 * mm
    story: list[Flowable] = [_grid([ctx.t("pdf.figure"), ctx.t("pdf.value")],
                                   [list(f) for f in figures], {1}, width * 0.6)]  # fmt: skip
    by_day: dict[str, int] = {}
    for r in days:
        by_day[r.business_date] = by_day.get(r.business_date, 0) + r.sales_fen
    if by_day:
        story.append(Spacer(1, 4 * mm))
        labels = sorted(by_day)[-31:]
        story.append(bar_chart(ctx.t("pdf.by_day_yuan"), [d[5:] for d in labels],
                               [by_day[d] // 100 for d in labels], width=width))  # fmt: skip
    per_store: dict[str, list[int]] = {}
    for r in days:
        s = per_store.setdefault(r.store_id, [0, 0, 0, 0, 0])
        for i, v in enumerate((r.sales_fen, r.member_sales_fen, r.refunds_fen, r.recharges_fen,
                               r.receipts)):  # fmt: skip
            s[i] += v
    story.append(Paragraph(ctx.t("dash.by_store"), head))
    cols = [ctx.t("dash.store"), ctx.t("dash.sales"), ctx.t("dash.member_sales"),
            ctx.t("dash.refunds"), ctx.t("dash.recharges"), ctx.t("dash.receipts")]  # fmt: skip
    store_rows = [[s, _yuan(v[0]), _yuan(v[1]), _yuan(v[2]), _yuan(v[3]), v[4]]
                  for s, v in sorted(per_store.items())]  # fmt: skip
    story.append(_grid(cols, store_rows, {1, 2, 3, 4, 5}, width))
    if not days:
        story.append(Paragraph(ctx.t("dash.none"), body))
    story.append(Paragraph(f"{ctx.t('dash.date')} × {ctx.t('dash.store')}", head))
    cols = [ctx.t("dash.date"), ctx.t("dash.store"), ctx.t("dash.sales"),
            ctx.t("dash.member_sales"), ctx.t("dash.recharges"), ctx.t("dash.active")]  # fmt: skip
    story.append(_grid(cols, [[r.business_date, r.store_id, _yuan(r.sales_fen),
                               _yuan(r.member_sales_fen), _yuan(r.recharges_fen),
                               r.active_members] for r in days], {2, 3, 4, 5}, width))  # fmt: skip
    lines = [ctx.t("pdf.period", since=d_from, until=d_to)]
    if scope is not None:
        sep = "、" if ctx.lang == "zh_CN" else ", "
        lines.append(ctx.t("dash.scoped", stores=sep.join(scope)))
    lines.append(ctx.t("pdf.generated", at=_now_iso()[:16].replace("T", " ") + " UTC",
                       who=ctx.who.username))  # fmt: skip
    return pdf_document(ctx.t("dash.title"), lines, story)


def _period(ctx: Ctx) -> tuple[str, str]:
    """The dashboard's period: ``from``..``to`` (the last 14 days by default)."""
    last = _day(ctx.q("to") or programme.chain_today())
    first = _day(ctx.q("from")) if ctx.q("from") else last and last - timedelta(days=13)
    if first is None or last is None or first > last or (last - first).days > 366:
        last = date.fromisoformat(programme.chain_today())
        first = last - timedelta(days=13)
    return first.isoformat(), last.isoformat()


def add_pages(page: PageDeco) -> None:
    """The exports' pages, on the console's router (``routes.console_router``)."""

    @page("/dashboard/report.pdf", Can.DASHBOARD)
    def chain_report(ctx: Ctx) -> Response:
        d_from, d_to = _period(ctx)
        body = chain_report_pdf(ctx, d_from, d_to)
        return _pdf(ctx, f"chain_report_{d_from}_{d_to}", body, 0)

    @page("/members/{member_id}/statement", Can.MEMBERS)
    def statement(ctx: Ctx) -> Response:
        assert ctx.who is not None
        raw = str(ctx.request.path_params.get("member_id", ""))
        if not raw.isdigit() or len(raw) > 18:
            raise _Out(ctx.render("message.html", 404, message=ctx.t("member.unknown")))
        member_id = int(raw)
        with ctx.begin() as conn:
            if not members.member_in_stores(conn, member_id, ctx.who.store_scope):
                accounts.audit(conn, ctx.who, "member.view_refused", raw, client=ctx.client)
                return ctx.render("message.html", 403, message=ctx.t("member.not_yours"))
            try:
                view = members.member_view(conn, member_id)
            except EventRefused:
                return ctx.render("message.html", 404, message=ctx.t("member.unknown"))
            lines = members.member_statement(conn, member_id, limit=10_000)
            accounts.audit(conn, ctx.who, "member.view", raw,
                           {"disclosure": ctx.who.disclosure, "export": True},
                           client=ctx.client)  # fmt: skip
        name = accounts.mask_name(view.name, ctx.who.disclosure)
        header = ["at", "kind", "store_id", "sv_fen", "points", "event_id"]
        rows = [[r["at"], r["kind"], r["store_id"], r["sv_fen"], r["points"], r["event_id"]]
                for r in lines]  # fmt: skip
        if ctx.q("format") == "pdf":
            header = [ctx.t("member.at"), ctx.t("member.entry"), ctx.t("dash.store"),
                      ctx.t("members.sv"), ctx.t("members.points"), "event"]  # fmt: skip
            rows = [[str(r[0])[:19].replace("T", " "), kind_words(ctx.lang, r[1], "entry"),
                     r[2], r[3], r[4], r[5]] for r in rows]  # fmt: skip
        # STSong-Light has no middle dot: a dash between the parts.
        title = f"{ctx.t('member.statement')} - {ctx.t('member.title', id=member_id)} - {name}"
        return table_export(ctx, f"statement_{member_id}", title, [], header, rows, {3})

    @page("/adjustments/export", Can.APPROVE)
    def adjustments_export(ctx: Ctx) -> Response:
        with ctx.begin() as conn:
            items = adjustments.pending(conn)
        header = ["id", "requested_at", "member_id", "kind", "amount", "reason",
                  "requested_by_name"]  # fmt: skip
        rows = [[a.get(c) for c in header] for a in items]
        return table_export(ctx, "adjustments_pending", ctx.t("adj.pending_title"), [], header,
                            rows)  # fmt: skip

    @page("/programme/versions", Can.PROGRAMME)
    def versions_export(ctx: Ctx) -> Response:
        today = programme.chain_today()
        with ctx.begin() as conn:
            versions = programme.rules_versions(conn)
        live = programme.live_version(versions, today)
        header = ["version", "effective_from", "effective_until", "state", "created_at"]
        rows = []
        for v in versions:
            state = ("live" if live is not None and v["version"] == live["version"]
                     else "scheduled" if v["effective_from"] > today else "past")  # fmt: skip
            rows.append([v["version"], v["effective_from"], v["effective_until"], state,
                         v["created_at"]])  # fmt: skip
        return table_export(ctx, "programme_versions", ctx.t("prog.versions"), [], header, rows)
