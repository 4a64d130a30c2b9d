"""``pos-member report ...`` and ``pos-member programme-jobs``: the manager's reports and jobs.

* ``report analytics --db PATH [--from D] [--to D] [--pdf FILE] [--json]``:
  programme metrics, RFM segments, lifecycle and sales for a period (default:
  this month to today), printed as text or JSON and written as a PDF.
* ``report sales --db PATH [--from D] [--to D] [--pdf FILE] [--json]``: sales
  by tender, hour and day.
* ``programme-jobs --db PATH [--date D] [--birthday-coupon-yuan N]``: tier
  review, points expiry and (when a coupon value is given) birthday coupons,
  idempotent: safe to run every day on a terminal that stays offline.

``pos_member_cli/main.py`` calls ``register(subparsers)``; each ``func(args)`` returns the
exit status.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pos_member.domain.errors import UserFacingError
from pos_member.domain.money import Money
from pos_member.domain.rules import CouponKind, CouponTemplate
from pos_member.reports import analytics as an
from pos_member.reports import pdf
from pos_member.services import jobs
from pos_member.services.clock import guarded_clock
from pos_member.services.context import Context
from pos_member.settings import Settings
from pos_member.store.db import Store

TESTED_IN = "tests/manager/test_commands.py"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    r = subparsers.add_parser("report", help="manager reports: member analytics, daily sales")
    kinds = r.add_subparsers(dest="report", required=True)
    for name, helptext in (
        ("analytics", "programme metrics, RFM segments, lifecycle stages and sales"),
        ("sales", "sales by tender, by hour and by day"),
    ):
        p = kinds.add_parser(name, help=helptext)
        p.add_argument("--db", type=Path, required=True, help="terminal database file")
        p.add_argument("--from", dest="start", type=_date, help="first day (default: 1st)")
        p.add_argument("--to", dest="end", type=_date, help="last day (default: today)")
        p.add_argument("--pdf", type=Path, help="also write the report as a PDF here")
        p.add_argument("--json", action="store_true", help="print one JSON object")
        p.add_argument("--store", default="", help="store name printed on the PDF")
        p.set_defaults(func=run_report)
    j = subparsers.add_parser(
        "programme-jobs", help="run the tier review, points expiry and birthday coupons"
    )
    j.add_argument("--db", type=Path, required=True, help="terminal database file")
    j.add_argument("--date", type=_date, help="business date to run for (default: today)")
    j.add_argument(
        "--birthday-coupon-yuan",
        type=int,
        default=0,
        help="value of the birthday coupon (0: no birthday coupons)",
    )
    j.set_defaults(func=run_jobs)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _open(db: Path) -> tuple[Store, Settings] | None:
    try:
        store = Store.open(db, create=False)
    except UserFacingError as exc:  # missing, empty, damaged, newer...: said, not a traceback
        print(exc.message, file=sys.stderr)
        return None
    return store, Settings(db_path=db)


def _analytics_json(rep: pdf.AnalyticsReport) -> dict[str, Any]:
    m = rep.metrics
    return {
        "period": [rep.start.isoformat(), rep.end.isoformat()],
        "members": m.members,
        "new_members": m.new_members,
        "activation_rate": round(m.activation_rate, 4),
        "churned_members": m.churned_members,
        "churn_rate": round(m.churn_rate, 4),
        "member_sales": m.member_sales.plain(),
        "all_sales": m.all_sales.plain(),
        "member_sales_share": round(m.member_sales_share, 4),
        "repurchase_rate": round(m.repurchase_rate, 4),
        "recharge_principal": m.recharge_principal.plain(),
        "recharge_bonus": m.recharge_bonus.plain(),
        "sv_liability": m.sv_liability.plain(),
        "points_liability": m.points_liability,
        "points_expiring_30d": m.points_expiring_30d,
        "segments": rep.segments,
        "lifecycle": rep.lifecycle,
        "sales": _sales_json(rep.daily),
    }


def _sales_json(d: an.DailySales) -> dict[str, Any]:
    return {
        "receipts": d.receipts,
        "refunds": d.refunds,
        "net_sales": d.net_sales.plain(),
        "recharges": d.recharges.plain(),
        "card_fees": d.card_fees.plain(),
        "by_tender": {k: v.plain() for k, v in sorted(d.tender_totals().items())},
        "by_hour": {f"{h:02d}": [n, a.plain()] for h, (n, a) in d.by_hour.items()},
    }


def run_report(args: argparse.Namespace) -> int:
    opened = _open(args.db)
    if opened is None:
        return 2
    store, settings = opened
    tz = ZoneInfo(settings.timezone)
    clock = guarded_clock(store.raw_reader(), max_skew_s=settings.clock_max_skew_s)
    now = clock().astimezone(tz)
    end = args.end or now.date()
    start = args.start or end.replace(day=1)
    stamp = now.strftime("%Y-%m-%d %H:%M")
    try:
        with store.reading() as s:
            ctx = Context(store=store, settings=settings, clock=clock)
            _, rules = ctx.rules(s)
            if args.report == "analytics":
                rep = pdf.build_analytics_report(
                    s,
                    store=args.store or settings.store_id,
                    start=start,
                    end=end,
                    timezone=settings.timezone,
                    generated_at=stamp,
                    redeem=rules.redeem,
                )
                data = _analytics_json(rep)
                if args.pdf:
                    pdf.render_analytics_pdf(rep, args.pdf)
            else:
                daily = an.daily_sales(s, start, end, settings.timezone)
                data = {"period": [start.isoformat(), end.isoformat()], **_sales_json(daily)}
                if args.pdf:
                    pdf.render_sales_pdf(
                        daily, args.pdf, store=args.store or settings.store_id, generated_at=stamp
                    )
    except UserFacingError as exc:
        print(f"report: {exc.message}", file=sys.stderr)
        return 1
    finally:
        store.close()
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for key, value in data.items():
            print(f"{key}: {value}")
        if args.pdf:
            print(f"PDF written to {args.pdf}")
    return 0


def run_jobs(args: argparse.Namespace) -> int:
    if args.birthday_coupon_yuan < 0:
        print("programme-jobs: --birthday-coupon-yuan must not be negative", file=sys.stderr)
        return 2
    opened = _open(args.db)
    if opened is None:
        return 2
    store, settings = opened
    clock = guarded_clock(store.raw_reader(), max_skew_s=settings.clock_max_skew_s)
    ctx = Context(store=store, settings=settings, clock=clock)
    day = ctx.job_date(args.date)
    try:
        reports = [jobs.review_tiers(ctx, day), jobs.expire_points(ctx, day)]
        if args.birthday_coupon_yuan:
            template = CouponTemplate(
                "生日礼券", CouponKind.AMOUNT_OFF, 30, value=Money.yuan(args.birthday_coupon_yuan)
            )
            reports.append(jobs.birthday_benefits(ctx, template, day))
    except UserFacingError as exc:
        print(f"programme-jobs: {exc.message}", file=sys.stderr)
        return 1
    finally:
        store.close()
    for r in reports:
        again = " (already done: nothing changed)" if r.replayed else ""
        print(f"{r.job} {r.run_key}: {r.examined} examined, {r.changed} changed {r.detail}{again}")
    return 0
