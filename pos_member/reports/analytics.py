"""Member analytics and programme metrics, in SQL that stays fast on a million members.

Definitions (all as of a day ``as_of`` in the store's business dates):

* **RFM** over the last ``window_days``: recency = days since the member's
  last sale, frequency = number of sales, monetary = net spend (sales less
  refunds). Only members with at least one sale in the window are scored.
  Each measure is scored 1-5 by rank: ``1 + 5 * (rank - 1) // n`` where rank
  is the SQL ``RANK()`` from worst to best (oldest last purchase, fewest
  sales, least spend), so equal values always get equal scores.
* **Segments** from the scores, first match wins (``SEGMENT_RULES``):
  champions (R>=4, F>=4, M>=4), loyal (R>=3, F>=4), new_customers (R>=4,
  F=1), potential_loyalists (R>=4), at_risk (R<=2, F>=3), hibernating (R=2),
  lost (R=1), need_attention (the rest).
* **Lifecycle**: new (joined within ``new_days``), active (a sale within
  ``silent_days``), silent (a sale, or joining, within ``churn_days``),
  churned (neither).
* **Programme metrics** for a period: activation rate = members who joined
  in the period / members; churn rate = churned members / members; member
  sales share = members' net sales / all net sales; repurchase rate =
  members with two or more sales in the period / members with one or more;
  recharges (principal and bonus); stored-value and points liability.

Every query is driven by an index (``ix_sales_business_date`` covers the
date range scans); the member-wide figures (liabilities, lifecycle) are one
pass over ``members`` and never a per-member loop in Python.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import text
from sqlalchemy.orm import Session

from pos_member.domain.errors import ValidationError
from pos_member.domain.money import Money
from pos_member.domain.rules import RedeemRule

log = logging.getLogger(__name__)

SEGMENTS = (
    "champions",
    "loyal",
    "new_customers",
    "potential_loyalists",
    "at_risk",
    "hibernating",
    "lost",
    "need_attention",
)
LIFECYCLE_STAGES = ("new", "active", "silent", "churned")

# (segment, SQL condition on the scores r, f, m), first match wins.
SEGMENT_RULES: tuple[tuple[str, str], ...] = (
    ("champions", "r >= 4 AND f >= 4 AND m >= 4"),
    ("loyal", "r >= 3 AND f >= 4"),
    ("new_customers", "r >= 4 AND f = 1"),
    ("potential_loyalists", "r >= 4"),
    ("at_risk", "r <= 2 AND f >= 3"),
    ("hibernating", "r = 2"),
    ("lost", "r = 1"),
)


@dataclass(frozen=True, slots=True)
class Params:
    as_of: date
    window_days: int = 365
    new_days: int = 30
    silent_days: int = 90
    churn_days: int = 180

    def __post_init__(self) -> None:
        if not (self.new_days > 0 and 0 < self.silent_days < self.churn_days):
            raise ValidationError(
                field="analytics", problem="0 < new days and 0 < silent days < churn days expected"
            )
        if self.window_days <= 0:
            raise ValidationError(field="analytics", problem="the RFM window must be positive")

    def since(self, days: int) -> str:
        """The last business date *before* a window of ``days`` ending on ``as_of``."""
        return (self.as_of - timedelta(days=days)).isoformat()


@dataclass(frozen=True, slots=True)
class RfmRow:
    member_id: int
    recency_days: int
    frequency: int
    monetary: Money
    r: int
    f: int
    m: int
    segment: str


@dataclass(frozen=True, slots=True)
class Metrics:
    start: date
    end: date
    members: int
    new_members: int
    churned_members: int
    all_sales: Money
    member_sales: Money
    purchasers: int
    repeat_purchasers: int
    recharge_principal: Money
    recharge_bonus: Money
    sv_principal_liability: Money
    sv_bonus_liability: Money
    points_liability: int
    points_liability_value: Money
    points_expiring_30d: int

    @staticmethod
    def _rate(num: int, den: int) -> float:
        # Rates are for display only (percentages on a chart), never money.
        return num / den if den else 0.0

    @property
    def activation_rate(self) -> float:
        return self._rate(self.new_members, self.members)

    @property
    def churn_rate(self) -> float:
        return self._rate(self.churned_members, self.members)

    @property
    def member_sales_share(self) -> float:
        return self._rate(self.member_sales.fen, self.all_sales.fen)

    @property
    def repurchase_rate(self) -> float:
        return self._rate(self.repeat_purchasers, self.purchasers)

    @property
    def sv_liability(self) -> Money:
        return self.sv_principal_liability + self.sv_bonus_liability


@dataclass(frozen=True, slots=True)
class DailySales:
    """Sales, refunds and recharges of a period by day and tender, and by local hour."""

    start: date
    end: date
    # (business date, tender kind) -> amount applied (refunds negative)
    by_day_tender: dict[tuple[str, str], Money] = field(default_factory=dict)
    # local hour 0-23 -> (receipts, net amount)
    by_hour: dict[int, tuple[int, Money]] = field(default_factory=dict)
    receipts: int = 0
    refunds: int = 0
    net_sales: Money = Money(0)
    recharges: Money = Money(0)
    card_fees: Money = Money(0)

    def tender_totals(self) -> dict[str, Money]:
        out: dict[str, Money] = {}
        for (_, kind), amount in self.by_day_tender.items():
            out[kind] = out.get(kind, Money(0)) + amount
        return out

    def days(self) -> list[str]:
        return sorted({d for d, _ in self.by_day_tender})


# --- RFM ------------------------------------------------------------------------------------


def _segment_case() -> str:
    whens = " ".join(f"WHEN {cond} THEN '{name}'" for name, cond in SEGMENT_RULES)
    return f"CASE {whens} ELSE 'need_attention' END"


RFM_AGG_SELECT = """
    SELECT member_id,
           MAX(CASE WHEN kind = 'sale' THEN business_date END) AS last_date,
           SUM(CASE WHEN kind = 'sale' THEN 1 ELSE 0 END) AS freq,
           SUM(total_fen) AS monetary
    FROM sales INDEXED BY ix_sales_business_date
    WHERE business_date > :since AND business_date <= :as_of
      AND kind IN ('sale', 'refund') AND member_id IS NOT NULL
    GROUP BY member_id
    HAVING freq > 0
"""
_AGG_SQL = "CREATE TEMP TABLE rfm_work AS " + RFM_AGG_SELECT


def _cutoffs(session: Session, column: str, n: int) -> list[Any]:
    """The values ``s[t_k]`` (1-based, ascending) at positions ``t_k = ceil(k n / 5)``, k = 1..4.

    With ``L`` members strictly below a value ``x``, the rank score is
    ``1 + 5 L // n``, and ``5 L // n >= k`` exactly when ``L >= t_k``, that is
    when ``x > s[t_k]``. So a score is ``1 +`` the number of cut-offs below
    the value: the same figure as ranking with ``RANK()``, from a histogram
    instead of three sorts of every scored member.
    """
    wanted = [-(-k * n // 5) for k in range(1, 5)]
    out: list[Any] = []
    seen = 0
    rows = session.execute(
        text(f"SELECT {column}, COUNT(*) FROM temp.rfm_work GROUP BY 1 ORDER BY 1")
    )
    for value, count in rows:
        seen += int(count)
        while len(out) < 4 and seen >= wanted[len(out)]:
            out.append(value)
        if len(out) == 4:
            break
    return out


def _prepare_rfm(session: Session, params: Params) -> dict[str, Any] | None:
    """Fill ``temp.rfm_work`` (one row per scored member); the cut-offs as bind parameters.

    The temporary table lives in this read transaction only (it is rolled
    back with it) and never touches the database file.
    """
    session.execute(text("DROP TABLE IF EXISTS temp.rfm_work"))
    session.execute(
        text(_AGG_SQL),
        {"since": params.since(params.window_days), "as_of": params.as_of.isoformat()},
    )
    n = int(session.execute(text("SELECT COUNT(*) FROM temp.rfm_work")).scalar_one())
    if n == 0:
        return None
    binds: dict[str, Any] = {"as_of": params.as_of.isoformat()}
    for short, column in (("r", "last_date"), ("f", "freq"), ("m", "monetary")):
        for k, value in enumerate(_cutoffs(session, column, n), start=1):
            binds[f"{short}{k}"] = value
    return binds


def _scored_sql(cols: str, tail: str = "") -> str:
    score = {
        short: "1 + " + " + ".join(f"({column} > :{short}{k})" for k in range(1, 5))
        for short, column in (("r", "last_date"), ("f", "freq"), ("m", "monetary"))
    }
    return f"""
    WITH scored AS (
        SELECT member_id, last_date, freq, monetary,
               {score["r"]} AS r, {score["f"]} AS f, {score["m"]} AS m
        FROM temp.rfm_work
    ),
    segmented AS (SELECT *, {_segment_case()} AS segment FROM scored)
    SELECT {cols} FROM segmented {tail}
    """


def rfm_scores(session: Session, params: Params) -> list[RfmRow]:
    """Every scored member with their R, F, M and segment (for small sets and exports)."""
    binds = _prepare_rfm(session, params)
    if binds is None:
        return []
    sql = _scored_sql(
        "member_id, last_date, freq, monetary, r, f, m, segment", "ORDER BY member_id"
    )
    return [
        RfmRow(
            member_id=int(mid),
            recency_days=(params.as_of - date.fromisoformat(last)).days,
            frequency=int(freq),
            monetary=Money(int(mon)),
            r=int(r),
            f=int(f),
            m=int(m),
            segment=str(seg),
        )
        for mid, last, freq, mon, r, f, m, seg in session.execute(text(sql), binds)
    ]


def segment_counts(session: Session, params: Params) -> dict[str, int]:
    """Members per RFM segment (every segment present, zero when empty)."""
    counts = {name: 0 for name in SEGMENTS}
    binds = _prepare_rfm(session, params)
    if binds is None:
        return counts
    for seg, n in session.execute(
        text(_scored_sql("segment, COUNT(*)", "GROUP BY segment")), binds
    ):
        counts[str(seg)] = int(n)
    return counts


def score_grid(session: Session, params: Params) -> dict[tuple[int, int], int]:
    """Members per (R, F) score pair: the classic RFM heat map."""
    binds = _prepare_rfm(session, params)
    if binds is None:
        return {}
    sql = _scored_sql("r, f, COUNT(*)", "GROUP BY r, f")
    return {(int(r), int(f)): int(n) for r, f, n in session.execute(text(sql), binds)}


def segment_members(session: Session, segment: str, params: Params) -> list[int]:
    """Member ids in an RFM segment or a lifecycle stage, ascending."""
    if segment in SEGMENTS:
        binds = _prepare_rfm(session, params)
        if binds is None:
            return []
        sql = _scored_sql("member_id", "WHERE segment = :segment ORDER BY member_id")
        rows = session.execute(text(sql), {**binds, "segment": segment})
        return [int(x) for (x,) in rows]
    if segment in LIFECYCLE_STAGES:
        sql = _lifecycle_sql().format(cols="id") + " WHERE stage = :stage ORDER BY id"
        rows = session.execute(text(sql), {**_lifecycle_params(params), "stage": segment})
        return [int(x) for (x,) in rows]
    raise ValidationError(
        field="segment",
        problem="'{segment}' is not a segment or a lifecycle stage",
        segment=segment,
    )


# --- lifecycle ------------------------------------------------------------------------------


def _lifecycle_sql() -> str:
    return """
    WITH last AS (
        SELECT member_id, MAX(business_date) AS d
        FROM sales INDEXED BY ix_sales_business_date
        WHERE business_date > :churn_since AND business_date <= :as_of
          AND kind = 'sale' AND member_id IS NOT NULL
        GROUP BY member_id
    ),
    staged AS (
        SELECT m.id AS id,
               CASE
                 WHEN m.joined_on > :new_since THEN 'new'
                 WHEN l.d > :silent_since THEN 'active'
                 WHEN l.d IS NOT NULL OR m.joined_on > :churn_since THEN 'silent'
                 ELSE 'churned'
               END AS stage
        FROM members m LEFT JOIN last l ON l.member_id = m.id
        WHERE m.joined_on <= :as_of
    )
    SELECT {cols} FROM staged
    """


def _lifecycle_params(p: Params) -> dict[str, Any]:
    return {
        "as_of": p.as_of.isoformat(),
        "new_since": p.since(p.new_days),
        "silent_since": p.since(p.silent_days),
        "churn_since": p.since(p.churn_days),
    }


def lifecycle_counts(session: Session, params: Params) -> dict[str, int]:
    sql = _lifecycle_sql().format(cols="stage, COUNT(*)") + " GROUP BY stage"
    counts = {name: 0 for name in LIFECYCLE_STAGES}
    for stage, n in session.execute(text(sql), _lifecycle_params(params)):
        counts[str(stage)] = int(n)
    return counts


# --- programme metrics ----------------------------------------------------------------------


def _one(session: Session, sql: str, params: dict[str, Any]) -> tuple[Any, ...]:
    row = session.execute(text(sql), params).one()
    return tuple(row)


def metrics(
    session: Session,
    start: date,
    end: date,
    params: Params | None = None,
    redeem: RedeemRule | None = None,
) -> Metrics:
    """The programme's figures for the business dates ``start``..``end`` (inclusive)."""
    if end < start:
        raise ValidationError(field="period", problem="the end is before the start")
    params = params or Params(as_of=end)
    p = {"start": start.isoformat(), "end": end.isoformat()}
    members, new_members = _one(
        session,
        "SELECT COUNT(*), COALESCE(SUM(joined_on >= :start), 0) FROM members"
        " WHERE joined_on <= :end",
        p,
    )
    all_sales, member_sales = _one(
        session,
        "SELECT COALESCE(SUM(total_fen), 0),"
        " COALESCE(SUM(CASE WHEN member_id IS NOT NULL THEN total_fen END), 0)"
        " FROM sales INDEXED BY ix_sales_business_date"
        " WHERE business_date >= :start AND business_date <= :end AND kind IN ('sale', 'refund')",
        p,
    )
    purchasers, repeaters = _one(
        session,
        "SELECT COUNT(*), COALESCE(SUM(n >= 2), 0) FROM ("
        " SELECT member_id, COUNT(*) AS n FROM sales INDEXED BY ix_sales_business_date"
        " WHERE business_date >= :start AND business_date <= :end AND kind = 'sale'"
        " AND member_id IS NOT NULL GROUP BY member_id)",
        p,
    )
    principal, bonus = _one(
        session,
        "SELECT COALESCE(SUM(total_fen), 0),"
        " COALESCE(SUM(CAST(json_extract(detail, '$.bonus_fen') AS INTEGER)), 0)"
        " FROM sales INDEXED BY ix_sales_business_date"
        " WHERE business_date >= :start AND business_date <= :end AND kind = 'recharge'",
        p,
    )
    sv_p, sv_b, pts = _one(
        session,
        "SELECT COALESCE(SUM(sv_principal_fen), 0), COALESCE(SUM(sv_bonus_fen), 0),"
        " COALESCE(SUM(points_balance), 0) FROM members",
        {},
    )
    (expiring,) = _one(
        session,
        "SELECT COALESCE(SUM(left), 0) FROM ("
        " SELECT (SELECT COALESCE(SUM(e.delta), 0) FROM points_entries e WHERE e.lot_id = l.id)"
        "  AS left FROM points_lots l"
        " WHERE l.expires_on >= :as_of AND l.expires_on <= :until) WHERE left > 0",
        {"as_of": params.as_of.isoformat(),
         "until": (params.as_of + timedelta(days=30)).isoformat()},
    )  # fmt: skip
    churned = lifecycle_counts(session, params)["churned"]
    redeem = redeem or RedeemRule()
    value = Money(int(pts) // redeem.points_per_unit * redeem.unit_value.fen)
    return Metrics(
        start=start,
        end=end,
        members=int(members),
        new_members=int(new_members),
        churned_members=churned,
        all_sales=Money(int(all_sales)),
        member_sales=Money(int(member_sales)),
        purchasers=int(purchasers),
        repeat_purchasers=int(repeaters),
        recharge_principal=Money(int(principal)),
        recharge_bonus=Money(int(bonus)),
        sv_principal_liability=Money(int(sv_p)),
        sv_bonus_liability=Money(int(sv_b)),
        points_liability=int(pts),
        points_liability_value=value,
        points_expiring_30d=int(expiring),
    )


# --- daily sales ----------------------------------------------------------------------------


def daily_sales(session: Session, start: date, end: date, timezone: str) -> DailySales:
    """Sales and refunds by day and tender, and by the store's local hour."""
    if end < start:
        raise ValidationError(field="period", problem="the end is before the start")
    p = {"start": start.isoformat(), "end": end.isoformat()}
    by_day: dict[tuple[str, str], Money] = {}
    for day, kind, amount in session.execute(
        text(
            "SELECT s.business_date, t.kind, SUM(t.amount_fen)"
            " FROM sales s INDEXED BY ix_sales_business_date JOIN tenders t ON t.sale_id = s.id"
            " WHERE s.business_date >= :start AND s.business_date <= :end"
            " AND s.kind IN ('sale', 'refund')"
            " GROUP BY s.business_date, t.kind ORDER BY 1, 2"
        ),
        p,
    ):
        by_day[(str(day), str(kind))] = Money(int(amount))
    tz = ZoneInfo(timezone)
    by_hour: dict[int, tuple[int, Money]] = {}
    receipts = refunds = net = 0
    # Grouped by UTC date-hour in SQL (at most 24 a day), turned into local hours here
    # so that a time-zone offset change inside the period stays exact.
    for utc_hour, kind, n, amount in session.execute(
        text(
            "SELECT substr(created_at, 1, 13), kind, COUNT(*), SUM(total_fen)"
            " FROM sales INDEXED BY ix_sales_business_date"
            " WHERE business_date >= :start AND business_date <= :end"
            " AND kind IN ('sale', 'refund') GROUP BY 1, 2"
        ),
        p,
    ):
        local = datetime.fromisoformat(f"{utc_hour}:00:00+00:00").astimezone(tz).hour
        if kind == "sale":
            receipts += int(n)
            c, a = by_hour.get(local, (0, Money(0)))
            by_hour[local] = (c + int(n), a + Money(int(amount)))
        else:
            refunds += int(n)
            c, a = by_hour.get(local, (0, Money(0)))
            by_hour[local] = (c, a + Money(int(amount)))
        net += int(amount)
    (recharges,) = _one(
        session,
        "SELECT COALESCE(SUM(total_fen), 0) FROM sales INDEXED BY ix_sales_business_date"
        " WHERE business_date >= :start AND business_date <= :end AND kind = 'recharge'",
        p,
    )
    (fees,) = _one(
        session,
        "SELECT COALESCE(SUM(amount_fen), 0) FROM card_fees"
        " WHERE business_date >= :start AND business_date <= :end",
        p,
    )
    return DailySales(
        start=start,
        end=end,
        by_day_tender=by_day,
        by_hour=dict(sorted(by_hour.items())),
        receipts=receipts,
        refunds=refunds,
        net_sales=Money(net),
        recharges=Money(int(recharges)),
        card_fees=Money(int(fees)),
    )
