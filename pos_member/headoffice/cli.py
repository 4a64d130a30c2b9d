"""The ``pos-member-headoffice`` command: serve, demo-seed, enrol-terminal, terminals,
privacy-retention,
revoke-terminal, replace-terminal, create-admin, and the prepaid-card duties:
prepaid-settings, prepaid-outstanding, prepaid-filing."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from pos_member.headoffice.settings import HQSettings


def _settings(args: argparse.Namespace) -> HQSettings:
    overrides = {"db_url": args.db} if getattr(args, "db", None) else {}
    return HQSettings(**overrides)


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from pos_member.headoffice.app import create_app

    settings = _settings(args)
    if args.admin_token:
        settings = settings.model_copy(update={"admin_token": args.admin_token})
    tls = {"ssl_certfile": args.ssl_certfile, "ssl_keyfile": args.ssl_keyfile}
    scheme = "https" if args.ssl_certfile else "http"
    shown = "localhost" if args.host in ("0.0.0.0", "::") else args.host
    print(
        f"Head-office console: {scheme}://{shown}:{args.port}/console/ "
        "(first admin: pos-member-headoffice create-admin)",
        flush=True,
    )
    if args.workers > 1:
        # Worker processes build their own app from the environment.
        os.environ["POS_MEMBER_HQ_DB_URL"] = settings.db_url
        os.environ["POS_MEMBER_HQ_ADMIN_TOKEN"] = settings.admin_token
        from pos_member.headoffice.db import open_database

        open_database(settings.db_url).dispose()  # migrate once, before the workers start
        uvicorn.run(
            "pos_member.headoffice.app:app_from_env",
            factory=True,
            host=args.host,
            port=args.port,
            workers=args.workers,
            log_level="info",
            **tls,
        )
        return 0
    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level="info", **tls)
    return 0


def cmd_demo_seed(args: argparse.Namespace) -> int:
    from pos_member.headoffice.db import open_database
    from pos_member.headoffice.seed import seed_demo

    engine = open_database(_settings(args).db_url)
    try:
        summary = seed_demo(engine, members=args.members, products=args.products, seed=args.seed)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    out = {
        "stores": summary.stores,
        "members": summary.members,
        "products": summary.products,
        "sample_cards": summary.sample_cards,
        "rules_version": summary.rules_version,
    }
    if args.json:
        print(json.dumps(out, ensure_ascii=False))
    else:
        print(
            f"Seeded stores {', '.join(summary.stores)} with {summary.members} members and "
            f"{summary.products} products."
        )
        print("Sample member cards: " + ", ".join(summary.sample_cards))
        print("Next: pos-member-headoffice enrol-terminal --db URL --store S001")
    return 0


def _with_db(args: argparse.Namespace, action: Callable[[Any, HQSettings], Any]) -> Any:
    """``action(conn, settings)`` in one transaction; an EventRefused is printed, exit 2."""
    from pos_member.headoffice.db import open_database
    from pos_member.headoffice.validate import EventRefused

    settings = _settings(args)
    engine = open_database(settings.db_url)
    try:
        with engine.begin() as conn:
            return action(conn, settings)
    except EventRefused as exc:
        print(f"error: {exc.detail}", file=sys.stderr)
        return None
    finally:
        engine.dispose()


def _print_code(code: str, store: str, terminal: str, hours: int, replaces: bool) -> None:
    print(code)
    what = "replacing terminal" if replaces else "for new terminal"
    print(
        f"One-time code {what} {terminal} of store {store}, valid {hours} h. On that "
        f"terminal: pos-member enrol --headoffice https://HOST:PORT --code {code} "
        f"--terminal {terminal}",
        file=sys.stderr,
    )


def cmd_enrol_terminal(args: argparse.Namespace) -> int:
    from pos_member.headoffice.auth import new_enrol_code

    def issue(conn: Any, settings: HQSettings) -> tuple[str, int]:
        code = new_enrol_code(
            conn, args.store, settings.enrol_code_hours, args.terminal, replaces=args.replace
        )
        return code, settings.enrol_code_hours

    got = _with_db(args, issue)
    if got is None:
        return 2
    _print_code(got[0], args.store, args.terminal, got[1], args.replace)
    return 0


def cmd_terminals(args: argparse.Namespace) -> int:
    from pos_member.headoffice.auth import list_terminals

    rows = _with_db(args, lambda conn, _s: list_terminals(conn, args.store))
    if rows is None:
        return 2
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for r in rows:
        state = "revoked" if r["revoked"] else "active"
        print(f"{r['key']}\t{state}\tenrolled {r['enrolled_at']}\tlast seen {r['last_seen_at']}")
    return 0


def cmd_revoke_terminal(args: argparse.Namespace) -> int:
    from pos_member.headoffice.auth import revoke_terminal

    def revoke(conn: Any, _settings: HQSettings) -> bool:
        revoke_terminal(conn, args.key, args.reason)
        return True

    if _with_db(args, revoke) is None:
        return 2
    print(f"terminal {args.key} revoked: its token no longer works", file=sys.stderr)
    return 0


def cmd_chain_code(args: argparse.Namespace) -> int:
    """Print the chain's code that member codes carry, or set it (every till learns it)."""
    from pos_member.headoffice import device_keys

    def act(conn: Any, _settings: HQSettings) -> str:
        if args.code:
            device_keys.set_chain_code(conn, args.code)
        return device_keys.chain_code(conn)

    code = _with_db(args, act)
    if code is None:
        return 2
    print(code)
    return 0


def cmd_revoke_device_key(args: argparse.Namespace) -> int:
    """Revoke a member's phone key (a lost phone): tills refuse its codes once pulled."""
    from pos_member.headoffice import device_keys

    view = _with_db(args, lambda conn, _s: device_keys.revoke_device_key(conn, args.key_id,
                                                                         args.reason))  # fmt: skip
    if view is None:
        return 2
    print(f"device key {view.id} of member {view.member_id} revoked at {view.revoked_at}",
          file=sys.stderr)  # fmt: skip
    return 0


def cmd_replace_terminal(args: argparse.Namespace) -> int:
    args.store, _, args.terminal = args.key.rpartition("-")
    args.replace = True
    return cmd_enrol_terminal(args)


def _yuan(text: str) -> int:
    from pos_member.domain.money import Money

    try:
        return Money.yuan(text).fen
    except (ValueError, TypeError):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an amount in yuan, e.g. 5000 or 1250.50"
        ) from None


def _percent(text: str) -> int:
    """``30`` or ``32.5`` (percent) as permille (300, 325)."""
    from decimal import Decimal, InvalidOperation

    try:
        value = Decimal(text) * 10
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or value != value.to_integral_value():
        raise argparse.ArgumentTypeError(f"{text!r} is not a percentage, e.g. 30 or 32.5")
    return int(value)


#: The options of ``prepaid-settings``: setting name, how to parse, whether "region" clears it.
PREPAID_OPTIONS = (
    ("issuer_type", str, False),
    ("region", str, False),
    ("revenue_ratio_permille", _percent, False),
    ("registration_threshold_fen", _yuan, True),
    ("custody_permille", _percent, True),
    ("filing_due_day", int, True),
)


def cmd_prepaid_settings(args: argparse.Namespace) -> int:
    from pos_member.headoffice import prepaid
    from pos_member.headoffice.auth import utcnow

    changes: dict[str, Any] = {}
    for name, parse, clearable in PREPAID_OPTIONS:
        raw = getattr(args, name)
        if raw is None:
            continue
        try:
            changes[name] = None if clearable and raw == "region" else parse(raw)
        except (argparse.ArgumentTypeError, ValueError) as exc:
            print(f"error: --{name}: {exc}", file=sys.stderr)
            return 2
    revenue: list[tuple[int, int]] = []
    for item in args.revenue or ():
        year, _, amount = item.partition("=")
        try:
            revenue.append((int(year), _yuan(amount)))
        except (argparse.ArgumentTypeError, ValueError):
            print(
                f"error: --revenue {item!r}: write it as YEAR=YUAN, e.g. 2025=12000000",
                file=sys.stderr,
            )
            return 2

    def apply(conn: Any, _s: HQSettings) -> dict[str, Any]:
        now = utcnow()
        s = prepaid.load_settings(conn)
        if changes:
            s = prepaid.save_settings(conn, prepaid.parse_settings_change(changes, s), now)
        for year, fen in revenue:
            prepaid.record_revenue(conn, year, fen, now)
        from pos_member.headoffice.prepaid_reports import store_today

        out = prepaid.settings_view(conn, s, store_today())
        out["revenue_fen"] = {str(y): prepaid.revenue_for(conn, y) for y, _ in revenue}
        return out

    got = _with_db(args, apply)
    if got is None:
        return 2
    print(json.dumps(got, ensure_ascii=False, indent=2))
    return 0


def cmd_prepaid_outstanding(args: argparse.Namespace) -> int:
    from datetime import date

    from pos_member.domain.money import Money
    from pos_member.headoffice import prepaid_reports as pr

    try:
        day = date.fromisoformat(args.date) if args.date else pr.store_today()
    except ValueError:
        print(f"error: --date {args.date!r}: write it as 2026-09-30", file=sys.stderr)
        return 2

    def read(conn: Any, _s: HQSettings) -> dict[str, Any]:
        now = pr.outstanding(conn, day)
        out: dict[str, Any] = {"outstanding": now, "duties": pr.duties(conn, day, known=(now,))}
        if args.year:
            out["quarter_ends"] = dict(pr.quarter_ends(conn, args.year))
        return out

    got = _with_db(args, read)
    if got is None:
        return 2
    if args.json:
        print(json.dumps(pr.as_json(got), ensure_ascii=False, indent=2))
        return 0
    o, d = got["outstanding"], got["duties"]
    print(f"Outstanding stored value at the end of {day} (event time)")
    print(f"{'store':<10}{'principal':>16}{'bonus':>14}")
    for sid, b in o.stores.items():
        print(f"{sid:<10}{Money(b.principal_fen)!s:>16}{Money(b.bonus_fen)!s:>14}")
    print(f"{'chain':<10}{Money(o.chain.principal_fen)!s:>16}{Money(o.chain.bonus_fen)!s:>14}")
    print(f"liability (members' positive principal): {Money(o.liability_fen)}")
    print(
        f"custody {d.custody_permille / 10:g}% of {Money(d.custody_base_fen)} "
        f"(liability on {d.custody_base_date}): {Money(d.custody_required_fen)}"
    )
    for label, q in got.get("quarter_ends", {}).items():
        print(
            f"{label}: principal {Money(q.chain.principal_fen)}, bonus {Money(q.chain.bonus_fen)}"
        )
    for w in d.warnings:
        print(f"WARNING {w.code}: {w.text}")
    return 0


def cmd_prepaid_filing(args: argparse.Namespace) -> int:
    from pathlib import Path

    from pos_member.headoffice import prepaid
    from pos_member.headoffice import prepaid_reports as pr
    from pos_member.headoffice.auth import utcnow
    from pos_member.headoffice.validate import EventRefused

    try:
        year, quarter = prepaid.parse_quarter(args.quarter)
    except EventRefused as exc:
        print(f"error: {exc.detail}", file=sys.stderr)
        return 2
    filing = _with_db(args, lambda conn, _s: pr.quarterly_filing(conn, year, quarter, utcnow()))
    if filing is None:
        return 2
    out = Path(args.out or f"prepaid-filing-{filing.label}.{args.format}")
    out.write_bytes(pr.FORMATS[args.format](filing))
    print(out)
    due = f", due {filing.due}" if filing.due else ""
    print(f"filing of {filing.label} written{due}", file=sys.stderr)
    for w in filing.duties.warnings:
        print(f"WARNING {w.code}: {w.text}", file=sys.stderr)
    return 0


def _prepaid_parsers(sub: Any, db_arg: Callable[[argparse.ArgumentParser], None]) -> None:
    ps = sub.add_parser(
        "prepaid-settings",
        help="show or change the chain's prepaid-card issuer settings (issuer type, region, "
        "custody...); the caps are the programme's",
    )
    db_arg(ps)
    ps.add_argument("--issuer-type", dest="issuer_type", choices=("scale", "group", "brand"))
    ps.add_argument("--region", choices=("beijing", "shanghai", "jiangsu", "other"))
    for flag, dest, what in (
        ("--revenue-ratio", "revenue_ratio_permille", "outstanding / last year's revenue, %"),
        ("--registration-threshold", "registration_threshold_fen",
         "outstanding principal that needs registration, yuan ('region': the region's)"),
        ("--custody", "custody_permille", "custody share, % ('region': by issuer type/region)"),
        ("--filing-due-day", "filing_due_day", "day of the next quarter's 1st month it is due"),
    ):  # fmt: skip
        ps.add_argument(flag, dest=dest, help=what)
    ps.add_argument(
        "--revenue",
        action="append",
        metavar="YEAR=YUAN",
        help="record a year's main-business revenue, e.g. 2025=12000000 (repeatable)",
    )
    ps.set_defaults(func=cmd_prepaid_settings)

    po = sub.add_parser(
        "prepaid-outstanding",
        help="outstanding stored value per store and chain at a date, custody and warnings",
    )
    db_arg(po)
    po.add_argument("--date", help="the day whose end to report (default today), 2026-09-30")
    po.add_argument("--year", type=int, help="also each quarter end of this year")
    po.add_argument("--json", action="store_true")
    po.set_defaults(func=cmd_prepaid_outstanding)

    pf = sub.add_parser("prepaid-filing", help="write the quarterly filing as CSV, XLSX or PDF")
    db_arg(pf)
    pf.add_argument("quarter", help="the quarter, e.g. 2026Q3")
    pf.add_argument("--format", choices=("csv", "xlsx", "pdf"), default="csv")
    pf.add_argument("--out", help="file to write (default prepaid-filing-QUARTER.FORMAT)")
    pf.set_defaults(func=cmd_prepaid_filing)


def cmd_privacy_retention(args: argparse.Namespace) -> int:
    """The retention job: erase the restricted members whose retention period has ended."""
    from datetime import UTC, date, datetime

    from pos_member.headoffice import privacy

    now = datetime.now(UTC)
    try:
        today = date.fromisoformat(args.today) if args.today else now.date()
    except ValueError:
        print("error: --today is a date like 2031-12-31", file=sys.stderr)
        return 2
    done = _with_db(args, lambda conn, _s: privacy.run_retention(conn, today, now))
    if done is None:
        return 2
    print(f"erased {done['erased']} member(s) whose retention ended before {today}; "
          f"scrubbed {done['scrubbed']} closed member(s) again")  # fmt: skip
    return 0


def cmd_create_admin(args: argparse.Namespace) -> int:
    """The console's first HQ admin (or another account, with ``--role``)."""
    import getpass

    from pos_member.headoffice.console.accounts import Role, create_account

    password = os.environ.get("POS_MEMBER_HQ_NEW_PASSWORD") or ""
    if not password:
        password = getpass.getpass(f"Password for {args.username}: ")
        if password != getpass.getpass("Again: "):
            print("error: the two passwords differ", file=sys.stderr)
            return 2

    def create(conn: Any, _settings: HQSettings) -> int:
        return create_account(
            conn, args.username, args.name or args.username, Role(args.role), password,
            args.store or [],
        )  # fmt: skip

    if _with_db(args, create) is None:
        return 2
    print(f"account {args.username} ({args.role}) created: sign in at /console/", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="pos-member-headoffice", description="Head-office service.")
    p.add_argument("-v", "--verbose", action="store_true")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def db_arg(sp: argparse.ArgumentParser) -> None:
        sp.add_argument(
            "--db",
            help="database URL, e.g. postgresql+psycopg://postgres@127.0.0.1/hq "
            "(default: $POS_MEMBER_HQ_DB_URL or sqlite:///headoffice.db)",
        )

    s = sub.add_parser("serve", help="run the HTTP API with uvicorn")
    db_arg(s)
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8600)
    s.add_argument("--ssl-certfile", help="TLS certificate (PEM); serve HTTPS")
    s.add_argument("--ssl-keyfile", help="TLS private key (PEM)")
    s.add_argument("--admin-token", help="managers' API token (or $POS_MEMBER_HQ_ADMIN_TOKEN)")
    s.add_argument("--workers", type=int, default=1, help="uvicorn worker processes (default 1)")
    s.set_defaults(func=cmd_serve)

    d = sub.add_parser("demo-seed", help="load the demo chain into an empty database")
    db_arg(d)
    d.add_argument("--members", type=int, default=200)
    d.add_argument("--products", type=int, default=100)
    d.add_argument("--seed", type=int, default=7)
    d.add_argument("--json", action="store_true")
    d.set_defaults(func=cmd_demo_seed)

    e = sub.add_parser(
        "enrol-terminal", help="print a one-time enrolment code for one terminal of a store"
    )
    db_arg(e)
    e.add_argument("--store", required=True)
    e.add_argument("--terminal", required=True, help="the terminal id the code enrols, e.g. T03")
    e.add_argument(
        "--replace",
        action="store_true",
        help="the terminal exists: the code re-enrols it (a new PC) and keeps its member ids",
    )
    e.set_defaults(func=cmd_enrol_terminal)

    t = sub.add_parser("terminals", help="list the enrolled terminals")
    db_arg(t)
    t.add_argument("--store", help="only this store's")
    t.add_argument("--json", action="store_true")
    t.set_defaults(func=cmd_terminals)

    r = sub.add_parser("revoke-terminal", help="revoke a terminal for good (its token stops)")
    db_arg(r)
    r.add_argument("key", help="the terminal's key, STORE-TERMINAL, e.g. S001-T01")
    r.add_argument("--reason", default="")
    r.set_defaults(func=cmd_revoke_terminal)

    x = sub.add_parser(
        "replace-terminal", help="print a code that re-enrols an existing terminal (a new PC)"
    )
    db_arg(x)
    x.add_argument("key", help="the terminal's key, STORE-TERMINAL, e.g. S001-T01")
    x.set_defaults(func=cmd_replace_terminal)
    k = sub.add_parser(
        "chain-code", help="print the chain's code that member codes carry, or set it"
    )
    db_arg(k)
    k.add_argument("code", nargs="?", help="the new code: 1-16 letters or digits")
    k.set_defaults(func=cmd_chain_code)
    v = sub.add_parser(
        "revoke-device-key", help="revoke a member's phone key (lost phone): its codes stop"
    )
    db_arg(v)
    v.add_argument("key_id", type=int, help="the device key's id")
    v.add_argument("--reason", default="")
    v.set_defaults(func=cmd_revoke_device_key)
    _prepaid_parsers(sub, db_arg)
    pr = sub.add_parser(
        "privacy-retention",
        help="erase closed memberships whose legal retention period has ended (run daily)",
    )
    db_arg(pr)
    pr.add_argument("--today", help="the day to judge by (default: today), e.g. 2031-12-31")
    pr.set_defaults(func=cmd_privacy_retention)
    a = sub.add_parser(
        "create-admin",
        help="create the console's first HQ admin (password asked, or $POS_MEMBER_HQ_NEW_PASSWORD)",
    )
    db_arg(a)
    a.add_argument("username", help="3-32 of a-z 0-9 _ . -")
    a.add_argument("--name", default="", help="the person's name as the console shows it")
    a.add_argument(
        "--role",
        default="admin",
        choices=["admin", "marketing", "finance", "customer_service", "it", "store_manager"],
    )
    a.add_argument("--store", action="append", help="a store manager's store (repeat)")
    a.set_defaults(func=cmd_create_admin)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
