"""Head office's prepaid-card reports, from its own stored-value ledger in event time.

Every figure is a sum of ``sv_entries`` by **business date** (the day the
counter recorded the event, not the day head office received it): an offline
recharge of 30 September pushed on 2 October counts in the third quarter.
A figure for a closed quarter can therefore still grow while late events
arrive; the filing says when it was computed.

- ``outstanding``: stored value outstanding (principal and bonus apart) per store
  and for the chain at the end of a date. A store's figure is what its counters
  put on cards less what they took off (a store that redeems more than it sells
  can be negative); the chain's is the issuer's. Members whose balance is below
  zero (an overdraft found at sync) are not netted against the others: the
  **liability** the duties are computed on is the sum of the members' positive
  principal balances.
- ``duties``: the custody requirement for the issuer type (the previous quarter's
  liability × the rate), the revenue-ratio warning (liability > 40 % of last year's
  main-business revenue), the registration threshold warning (Beijing: ¥500,000).
- ``quarterly_filing``: the quarter's flows per store and the duties, written as CSV,
  XLSX (openpyxl) and PDF (reportlab).
- ``consumer_statement``: a consumer's balance and records, by phone or by card.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, case, func, select

from pos_member.domain.money import Money
from pos_member.domain.promotions import STORE_TZ
from pos_member.headoffice import models as m
from pos_member.headoffice import prepaid
from pos_member.headoffice.prepaid import PrepaidSettings
from pos_member.headoffice.validate import EventRefused


@dataclass(frozen=True, slots=True)
class Balance:
    principal_fen: int = 0
    bonus_fen: int = 0

    @property
    def total_fen(self) -> int:
        return self.principal_fen + self.bonus_fen


@dataclass(frozen=True, slots=True)
class Outstanding:
    """Stored value outstanding at the end of ``as_of``."""

    as_of: date
    chain: Balance
    stores: dict[str, Balance]
    #: What members with a negative balance owe (positive numbers), not netted above.
    overdrawn: Balance
    #: The base of the duties: the members' positive principal balances summed.
    liability_fen: int


def _store_names(conn: Connection) -> dict[str, str]:
    return dict(conn.execute(select(m.StoreRow.id, m.StoreRow.name).order_by(m.StoreRow.id)).all())


def outstanding(conn: Connection, as_of: date) -> Outstanding:
    """Outstanding stored value per store and for the chain at the end of ``as_of``.

    Two aggregates of the ledger up to the day: per store, and per member for the
    liability (one scan grouped by store and member measured slower: its groups spill).
    """
    day = as_of.isoformat()
    e = m.SVEntryRow
    stores = {s: Balance() for s in _store_names(conn)}
    for store, p, b in conn.execute(
        select(e.store_id, func.sum(e.principal_delta_fen), func.sum(e.bonus_delta_fen))
        .where(e.business_date <= day)
        .group_by(e.store_id)
    ):
        stores[store] = Balance(int(p), int(b))
    per_member = (
        select(func.sum(e.principal_delta_fen).label("p"), func.sum(e.bonus_delta_fen).label("b"))
        .where(e.business_date <= day)
        .group_by(e.member_id)
        .subquery()
    )
    pos_p, neg_p, neg_b = conn.execute(
        select(
            func.coalesce(func.sum(case((per_member.c.p > 0, per_member.c.p), else_=0)), 0),
            func.coalesce(func.sum(case((per_member.c.p < 0, -per_member.c.p), else_=0)), 0),
            func.coalesce(func.sum(case((per_member.c.b < 0, -per_member.c.b), else_=0)), 0),
        )
    ).one()
    chain = Balance(
        sum(s.principal_fen for s in stores.values()), sum(s.bonus_fen for s in stores.values())
    )
    return Outstanding(as_of, chain, stores, Balance(int(neg_p), int(neg_b)), int(pos_p))


def quarter_ends(conn: Connection, year: int) -> list[tuple[str, Outstanding]]:
    """The outstanding value at each quarter end of ``year`` (``2026Q1`` ... ``2026Q4``)."""
    return [(f"{year}Q{q}", outstanding(conn, prepaid.quarter_end(year, q))) for q in (1, 2, 3, 4)]


# --- the duties --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Warning:
    code: str
    text: str


def _permille(base_fen: int, permille: int) -> int:
    """``base × permille ÷ 1000`` rounded up to the fen (a requirement is never understated)."""
    return -(-base_fen * permille // 1000)


@dataclass(frozen=True, slots=True)
class Duties:
    """What the law asks of the chain on ``as_of``."""

    as_of: date
    settings: PrepaidSettings
    liability_fen: int
    #: The previous quarter's end, its liability, and the custody that bases on it.
    custody_base_date: date
    custody_base_fen: int
    custody_permille: int
    custody_required_fen: int
    revenue_year: int
    revenue_fen: int | None
    revenue_limit_fen: int | None
    registration_threshold_fen: int | None
    warnings: tuple[Warning, ...]


def duties(
    conn: Connection,
    as_of: date,
    settings: PrepaidSettings | None = None,
    *,
    known: Sequence[Outstanding] = (),
) -> Duties:
    """Custody, revenue ratio and registration on ``as_of`` (liabilities in event time).

    ``known``: figures already computed (of ``as_of``, of the previous quarter's end),
    used instead of reading the ledger again.
    """
    s = settings or prepaid.load_settings(conn)
    have = {o.as_of: o for o in known}
    py, pq = prepaid.previous_quarter(*prepaid.quarter_of(as_of))
    base_day = prepaid.quarter_end(py, pq)
    now = have.get(as_of) or outstanding(conn, as_of)
    base = (have.get(base_day) or outstanding(conn, base_day)).liability_fen
    rate = s.custody_rate_permille()
    revenue_year = as_of.year - 1
    revenue = prepaid.revenue_for(conn, revenue_year)
    limit = None if revenue is None else revenue * s.revenue_ratio_permille // 1000
    threshold = s.registration_threshold()
    warns: list[Warning] = []
    if revenue is None:
        warns.append(
            Warning(
                "revenue_missing",
                f"{revenue_year} 年主营业务收入未登记, 无法核对预收资金比例 / "
                f"{revenue_year} main-business revenue not recorded: record it with "
                f"pos-member-headoffice prepaid-settings --revenue {revenue_year}=AMOUNT",
            )
        )
    elif limit is not None and now.liability_fen > limit:
        warns.append(
            Warning(
                "revenue_ratio",
                f"预收资金余额 {Money(now.liability_fen)} 超过 {revenue_year} 年主营业务收入 "
                f"{Money(revenue)} 的 {s.revenue_ratio_permille / 10:g}% ({Money(limit)}) / "
                f"outstanding principal exceeds {s.revenue_ratio_permille / 10:g}% of "
                f"{revenue_year} main-business revenue",
            )
        )
    if threshold is not None and now.liability_fen >= threshold:
        warns.append(
            Warning(
                "registration",
                f"预收资金余额 {Money(now.liability_fen)} 已达 {Money(threshold)}: 须向商务主管"
                f"部门登记并按 {rate / 10:g}% 存管 / outstanding principal has reached the "
                f"registration threshold: register with the commerce authority",
            )
        )
    return Duties(
        as_of=as_of,
        settings=s,
        liability_fen=now.liability_fen,
        custody_base_date=base_day,
        custody_base_fen=base,
        custody_permille=rate,
        custody_required_fen=_permille(base, rate),
        revenue_year=revenue_year,
        revenue_fen=revenue,
        revenue_limit_fen=limit,
        registration_threshold_fen=threshold,
        warnings=tuple(warns),
    )


# --- the quarterly filing ----------------------------------------------------------------------

#: How each ledger kind is grouped in the filing's flows.
FLOW_OF = {
    "recharge": "recharged",
    "spend": "used",
    "refund": "used",
    prepaid.REVERSAL: "returned",
    prepaid.CLOSURE: "returned",
}
FLOWS = ("recharged", "used", "returned", "adjusted")


@dataclass(frozen=True, slots=True)
class FilingRow:
    store_id: str
    store_name: str
    opening: Balance
    flows: dict[str, Balance]
    closing: Balance


@dataclass(frozen=True, slots=True)
class Filing:
    """The quarterly report of a quarter (季度业务情况报告)."""

    year: int
    quarter: int
    start: date
    end: date
    generated_at: str
    rows: tuple[FilingRow, ...]
    chain: FilingRow
    liability_fen: int
    overdrawn: Balance
    #: Custody for the quarter reported (on the previous quarter's end) and for the next.
    custody_in_quarter_fen: int
    custody_next_quarter_fen: int
    duties: Duties
    due: date | None
    closures: int = 0
    closure_refunds_fen: int = 0
    reversals: int = 0
    reversal_refunds_fen: int = 0
    open_reviews: dict[str, int] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.year}Q{self.quarter}"


def _flows(conn: Connection, start: date, end: date) -> dict[str, dict[str, Balance]]:
    e = m.SVEntryRow
    acc: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for store, kind, p, b in conn.execute(
        select(e.store_id, e.kind, func.sum(e.principal_delta_fen), func.sum(e.bonus_delta_fen))
        .where(e.business_date >= start.isoformat(), e.business_date <= end.isoformat())
        .group_by(e.store_id, e.kind)
    ):
        cell = acc[store][FLOW_OF.get(kind, "adjusted")]
        cell[0] += int(p)
        cell[1] += int(b)
    return {s: {f: Balance(*acc[s][f]) for f in FLOWS} for s in acc}


def quarterly_filing(conn: Connection, year: int, quarter: int, generated_at: str) -> Filing:
    """The quarter's filing from head office's books, as they stand at ``generated_at``."""
    s = prepaid.load_settings(conn)
    start, end = prepaid.quarter_start(year, quarter), prepaid.quarter_end(year, quarter)
    opening = outstanding(conn, date.fromordinal(start.toordinal() - 1))
    closing = outstanding(conn, end)
    flows = _flows(conn, start, end)
    names = _store_names(conn)
    zero = {f: Balance() for f in FLOWS}
    rows = tuple(
        FilingRow(
            sid,
            names.get(sid, sid),
            opening.stores.get(sid, Balance()),
            flows.get(sid, zero),
            closing.stores.get(sid, Balance()),
        )
        for sid in sorted(set(names) | set(flows) | set(closing.stores))
    )
    chain = FilingRow(
        "",
        "全连锁 chain",
        opening.chain,
        {
            f: Balance(
                sum(r.flows[f].principal_fen for r in rows), sum(r.flows[f].bonus_fen for r in rows)
            )
            for f in FLOWS
        },
        closing.chain,
    )
    d = duties(conn, end, s, known=(opening, closing))
    c = m.PrepaidClosureRow
    done = {
        kind: (int(n), int(fen or 0))
        for kind, n, fen in conn.execute(
            select(c.kind, func.count(), func.sum(c.refund_fen))
            .where(c.business_date >= start.isoformat(), c.business_date <= end.isoformat())
            .group_by(c.kind)
        )
    }
    reviews = dict(
        conn.execute(
            select(m.ReviewItem.kind, func.count())
            .where(
                m.ReviewItem.resolved_at.is_(None),
                m.ReviewItem.kind.in_(REVIEW_KINDS),
            )
            .group_by(m.ReviewItem.kind)
        ).all()
    )
    return Filing(
        year=year,
        quarter=quarter,
        start=start,
        end=end,
        generated_at=generated_at,
        rows=rows,
        chain=chain,
        liability_fen=closing.liability_fen,
        overdrawn=closing.overdrawn,
        custody_in_quarter_fen=d.custody_required_fen,
        custody_next_quarter_fen=_permille(closing.liability_fen, d.custody_permille),
        duties=d,
        due=s.filing_due(year, quarter),
        closures=done.get(prepaid.CLOSURE, (0, 0))[0],
        closure_refunds_fen=done.get(prepaid.CLOSURE, (0, 0))[1],
        reversals=done.get(prepaid.REVERSAL, (0, 0))[0],
        reversal_refunds_fen=done.get(prepaid.REVERSAL, (0, 0))[1],
        open_reviews={str(k): int(v) for k, v in reviews.items()},
    )


#: Review items of the prepaid rules a filing counts.
REVIEW_KINDS = (
    prepaid.OVER_CAP, prepaid.CLOSED_CARD_RECHARGED, prepaid.CLOSED_CARD_USED,
    prepaid.REAL_NAME_MISSING, prepaid.REFUND_OTHER_NAME,
    "reversal_no_recharge", "reversal_amount", "reversal_used", "reversal_late",
    "reversal_costs", "reversal_duplicate",
    "closure_refund", "closure_balance", "closure_cash", "closure_duplicate",
)  # fmt: skip

HEADER = (
    "门店 store", "门店名称 name",
    "期初本金 opening principal", "期初赠送 opening bonus",
    "充值本金 recharged principal", "赠送 bonus given",
    "消费本金 used principal", "消费赠送 used bonus",
    "退款退卡本金 returned principal", "退款退卡赠送 returned bonus",
    "调整本金 adjusted principal", "调整赠送 adjusted bonus",
    "期末本金 closing principal", "期末赠送 closing bonus",
)  # fmt: skip


def _cells(r: FilingRow) -> list[int]:
    out = [r.opening.principal_fen, r.opening.bonus_fen]
    for f in FLOWS:
        out += [r.flows[f].principal_fen, r.flows[f].bonus_fen]
    return [*out, r.closing.principal_fen, r.closing.bonus_fen]


def filing_summary(f: Filing) -> list[tuple[str, str]]:
    """The filing's head lines, label and value, as every format prints them."""
    s = f.duties.settings
    out = [
        ("报告期 quarter", f"{f.label} ({f.start} – {f.end})"),
        ("发卡企业类型 issuer type", s.issuer_type.value),
        ("地区 region", s.region.value),
        ("期末预收资金余额 outstanding principal", Money(f.chain.closing.principal_fen).plain()),
        ("期末赠送余额 outstanding bonus", Money(f.chain.closing.bonus_fen).plain()),
        ("透支 overdrawn (not netted)", Money(f.overdrawn.total_fen).plain()),
        ("计算基数 liability (members' positive principal)", Money(f.liability_fen).plain()),
        ("存管比例 custody rate", f"{f.duties.custody_permille / 10:g}%"),
        (
            f"本季应存管 custody this quarter (on {f.duties.custody_base_date})",
            Money(f.custody_in_quarter_fen).plain(),
        ),
        (
            f"下季应存管 custody next quarter (on {f.end})",
            Money(f.custody_next_quarter_fen).plain(),
        ),
        (
            f"{f.duties.revenue_year} 主营业务收入 revenue",
            "—" if f.duties.revenue_fen is None else Money(f.duties.revenue_fen).plain(),
        ),
        ("退卡 closures", f"{f.closures} / {Money(f.closure_refunds_fen).plain()}"),
        ("冷静期退款 reversals", f"{f.reversals} / {Money(f.reversal_refunds_fen).plain()}"),
        ("报送截止 due", "—" if f.due is None else f.due.isoformat()),
        ("生成时间 generated at", f.generated_at),
    ]
    out += [(f"待核查 review {k}", str(v)) for k, v in sorted(f.open_reviews.items())]
    out += [(f"警告 warning {w.code}", w.text) for w in f.duties.warnings]
    return out


def _table(f: Filing) -> list[list[str]]:
    return [
        [r.store_id, r.store_name, *(Money(v).plain() for v in _cells(r))]
        for r in (*f.rows, f.chain)
    ]


def filing_csv(f: Filing) -> bytes:
    """The filing as CSV (UTF-8 with a BOM, so spreadsheet programs read the Chinese)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    for label, value in filing_summary(f):
        w.writerow([label, value])
    w.writerow([])
    w.writerow(HEADER)
    w.writerows(_table(f))
    return buf.getvalue().encode("utf-8-sig")


def filing_xlsx(f: Filing) -> bytes:
    """The filing as an XLSX workbook: the summary sheet and the per-store sheet (amounts
    as numbers in yuan, two decimals)."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "summary"
    for label, value in filing_summary(f):
        ws.append([label, value])
    ws.column_dimensions["A"].width = 48
    ws.column_dimensions["B"].width = 40
    st = wb.create_sheet("stores")
    st.append(list(HEADER))
    for r in (*f.rows, f.chain):
        st.append([r.store_id, r.store_name, *(Money(v).to_decimal() for v in _cells(r))])
    for row in st.iter_rows(min_row=2, min_col=3):
        for cell in row:
            cell.number_format = "#,##0.00"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def filing_pdf(f: Filing) -> bytes:
    """The filing as a PDF (A4 landscape, Chinese in the built-in STSong-Light font)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from pos_member.reports.pdf import FONT, ensure_font

    ensure_font()
    title = ParagraphStyle("t", fontName=FONT, fontSize=14, leading=18)
    body = ParagraphStyle("b", fontName=FONT, fontSize=8, leading=10)
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=landscape(A4),
        leftMargin=10 * mm,
        rightMargin=10 * mm,
        topMargin=10 * mm,
        bottomMargin=10 * mm,
        title=f"单用途预付卡季度报告 {f.label}",
    )
    summary = Table(
        [[Paragraph(a, body), Paragraph(b, body)] for a, b in filing_summary(f)],
        colWidths=[110 * mm, 150 * mm],
    )
    summary.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.25, colors.grey)]))
    head = [Paragraph(h.replace(" ", "<br/>", 1), body) for h in HEADER]
    grid = Table([head, *_table(f)], repeatRows=1)
    grid.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("FONTSIZE", (0, 1), (-1, -1), 7),
                ("ALIGN", (2, 1), (-1, -1), "RIGHT"),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                ("BACKGROUND", (0, -1), (-1, -1), colors.whitesmoke),
            ]
        )
    )
    doc.build(
        [
            Paragraph(f"单用途商业预付卡季度业务情况报告 quarterly filing {f.label}", title),
            Spacer(1, 4 * mm),
            summary,
            Spacer(1, 4 * mm),
            grid,
        ]
    )
    return buf.getvalue()


FORMATS = {"csv": filing_csv, "xlsx": filing_xlsx, "pdf": filing_pdf}
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


# --- a consumer's balance and records -----------------------------------------------------------


def store_today() -> date:
    """Today's business date in the stores' time zone (the default report date)."""
    return datetime.now(ZoneInfo(STORE_TZ)).date()


def mask_phone(phone: str | None) -> str | None:
    return None if phone is None else phone[:3] + "****" + phone[-4:]


def _member_by(conn: Connection, phone: str | None, card: str | None) -> Any:
    if (phone is None) == (card is None):
        raise EventRefused(422, "query.one", "look a consumer up by phone or by card number")
    # A closed membership (privacy: erased or restricted) is found by nobody's search.
    q = select(m.MemberRow.id, m.MemberRow.name, m.MemberRow.phone).where(
        m.MemberRow.status.not_in(("erased", "restricted"))
    )
    if phone is not None:
        row = conn.execute(q.where(m.MemberRow.phone == phone)).first()
        what = f"phone {mask_phone(phone)}"
    else:
        row = conn.execute(
            q.join(m.CardRow, m.CardRow.member_id == m.MemberRow.id).where(m.CardRow.number == card)
        ).first()
        what = f"card {card}"
    if row is None:
        raise EventRefused(404, "member.unknown", f"no member with {what}: check the number")
    return row


@dataclass(frozen=True, slots=True)
class Record:
    business_date: str
    created_at: str
    store_id: str
    kind: str
    principal_fen: int
    bonus_fen: int
    balance: Balance


@dataclass(frozen=True, slots=True)
class Statement:
    member_id: int
    name: str
    phone_masked: str | None
    cards: tuple[tuple[str, str], ...]
    balance: Balance
    records: tuple[Record, ...]


def consumer_statement(
    conn: Connection, *, phone: str | None = None, card: str | None = None, limit: int = 500
) -> Statement:
    """A consumer's balance (principal, bonus) and their records, newest last, in event time."""
    mid, name, ph = _member_by(conn, phone, card)
    cards = tuple(
        (str(n), str(s))
        for n, s in conn.execute(
            select(m.CardRow.number, m.CardRow.state)
            .where(m.CardRow.member_id == mid)
            .order_by(m.CardRow.id)
        )
    )
    e = m.SVEntryRow
    rows = conn.execute(
        select(
            e.business_date, e.created_at, e.store_id, e.kind, e.principal_delta_fen,
            e.bonus_delta_fen,
        )
        .where(e.member_id == mid)
        .order_by(e.business_date, e.created_at, e.id)
    ).all()  # fmt: skip
    p = b = 0
    records = []
    for bd, at, store, kind, dp, db in rows:
        p, b = p + dp, b + db
        records.append(Record(bd, at, store, kind, dp, db, Balance(p, b)))
    return Statement(
        member_id=int(mid),
        name=str(name),
        phone_masked=mask_phone(ph),
        cards=cards,
        balance=Balance(p, b),
        records=tuple(records[-limit:]),
    )


def as_json(obj: Any) -> Any:
    """A report value as JSON-ready data (fen stay integers; dates as ISO text)."""
    if isinstance(obj, Balance):
        return {"principal_fen": obj.principal_fen, "bonus_fen": obj.bonus_fen}
    if isinstance(obj, date):
        return obj.isoformat()
    if isinstance(obj, PrepaidSettings):
        return obj.as_dict()
    if isinstance(obj, dict):
        return {str(k): as_json(v) for k, v in obj.items()}
    if isinstance(obj, Sequence) and not isinstance(obj, str):
        return [as_json(v) for v in obj]
    if hasattr(obj, "__dataclass_fields__"):
        return {k: as_json(getattr(obj, k)) for k in obj.__dataclass_fields__}
    return obj


# --- the prepaid review items, with the figures a manager needs ---------------------------------


@dataclass(frozen=True, slots=True)
class ReviewLine:
    """An open review item of the prepaid rules with what the till and head office said."""

    id: int
    kind: str
    event_id: str
    store_id: str
    member_id: int | None
    created_at: str
    figures: dict[str, Any]


def prepaid_review(conn: Connection, limit: int = 200) -> list[ReviewLine]:
    """The open prepaid review items, oldest first, each with its figures.

    ``over_cap``: the recharge (amount, bonus, card class, what the till saw) and the cap
    head office holds for the class now; reversals and closures: the till's refund
    beside head office's (``prepaid_closures``).
    """
    r = m.ReviewItem
    items = conn.execute(
        select(r.id, r.kind, r.event_id, r.store_id, r.member_id, r.created_at)
        .where(r.resolved_at.is_(None), r.kind.in_(REVIEW_KINDS))
        .order_by(r.id)
        .limit(limit)
    ).all()
    ids = sorted({i.event_id for i in items})
    payloads: dict[str, dict[str, Any]] = dict(
        conn.execute(
            select(m.AppliedEvent.event_id, m.AppliedEvent.payload).where(
                m.AppliedEvent.event_id.in_(ids)
            )
        ).all()
    )
    c = m.PrepaidClosureRow
    closures = {
        row.event_id: row._asdict()
        for row in conn.execute(
            select(
                c.event_id, c.kind, c.card_number, c.recharge_event_id, c.principal_fen,
                c.bonus_fen, c.refund_fen, c.expected_refund_fen, c.refund_method, c.flags,
            ).where(c.event_id.in_(ids))
        )
    }  # fmt: skip
    out = []
    for i in items:
        if i.kind == prepaid.OVER_CAP:
            p = payloads.get(i.event_id) or {}
            keep = ("amount_fen", "bonus_fen", "card_class", "card_number", "cap_fen",
                    "balance_after_fen", "offline", "business_date")  # fmt: skip
            figures = {k: p[k] for k in keep if k in p}
            day = p.get("business_date") or str(i.created_at)[:10]
            figures["head_office_cap_fen"] = prepaid.cap_fen(
                prepaid.law_on(conn, day), p.get("card_class")
            )
        else:
            figures = {k: v for k, v in closures.get(i.event_id, {}).items() if k != "event_id"}
        out.append(
            ReviewLine(
                int(i.id), str(i.kind), str(i.event_id), str(i.store_id),
                None if i.member_id is None else int(i.member_id), str(i.created_at), figures,
            )
        )  # fmt: skip
    return out
