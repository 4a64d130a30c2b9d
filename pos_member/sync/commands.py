"""``pos-member sync``, ``pos-member enrol`` and ``pos-member offline-room``: the sync
client from the command line, and the room left under this terminal's offline cap."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from pos_member.config import Config
from pos_member.domain.errors import UserFacingError


def _store(where: Config | str | None, *, create: bool) -> Any:
    """The store (of the settings read, or of the ``--db`` path), or None after saying
    why it cannot be opened (missing, damaged...)."""
    from pos_member.store.db import Store

    config = where if isinstance(where, Config) else Config.read(where)
    try:
        return Store.open(config.terminal.db_path, create=create)
    except UserFacingError as exc:
        print(exc.message, file=sys.stderr)
        return None


def cmd_sync(args: argparse.Namespace) -> int:
    from pos_member.services.clock import guarded_clock
    from pos_member.sync.client import SyncClient, SyncThread

    config = Config.read(args.db)
    store = _store(config, create=False)  # syncing needs an enrolled store: never a new one
    if store is None:
        return 2
    skew = config.terminal.clock_max_skew_s
    client = SyncClient(
        store, config.sync, clock=guarded_clock(store.raw_reader(), max_skew_s=skew)
    )
    try:
        if args.once:
            last = [-1]

            def progress(done: int, total: int | None) -> None:
                # Print about every 5% of a snapshot, not every page.
                if total:
                    pct = done * 100 // max(total, 1)
                    if pct // 5 != last[0]:
                        last[0] = pct // 5
                        print(f"pulled {done}/{total} changes ({pct}%)", flush=True)

            try:
                report = client.run_round(progress)
            except UserFacingError as exc:
                state = client.state(online=False, last_error=exc.message)
                print(f"sync failed: {exc.message}", file=sys.stderr)
                print(f"events waiting: {state.events_waiting}", file=sys.stderr)
                return 1
            state = client.state(online=True)
            print(
                f"pushed {report.pushed} events ({report.refused} set aside), pulled "
                f"{report.pulled} changes in {report.pages} pages; "
                f"{state.events_waiting} events waiting; last sync {state.last_success}"
            )
            return 0
        thread = SyncThread(
            client,
            on_state=lambda s: print(
                f"{'online' if s.online else 'OFFLINE'}; waiting {s.events_waiting}; "
                f"last sync {s.last_success}; {s.last_error or ''}",
                flush=True,
            ),
        )
        thread.start()
        try:
            thread.join()
        except KeyboardInterrupt:
            thread.stop()
        return 0
    finally:
        client.close()
        store.close()


def cmd_enrol(args: argparse.Namespace) -> int:
    from pos_member.sync.client import enrol_terminal

    config = Config.read(args.db)
    store = _store(config, create=True)  # a new till's store is created here
    if store is None:
        return 2
    terminal_id = args.terminal or config.terminal.terminal_id
    try:
        resp = enrol_terminal(store, args.headoffice, args.code, terminal_id, settings=config.sync)
    except UserFacingError as exc:
        print(f"enrolment failed: {exc.message}", file=sys.stderr)
        return 1
    finally:
        store.close()
    print(
        f"enrolled terminal {resp.terminal_id} of store {resp.store_id} with {args.headoffice}; "
        "run `pos-member sync --once` to fetch members and products"
    )
    return 0


def cmd_offline_room(args: argparse.Namespace) -> int:
    """The manager's view of the terminal's offline cap today: the cap, spent, left."""
    from pos_member.services.context import Context
    from pos_member.services.offline_caps import offline_room
    from pos_member.settings import Settings

    store = _store(getattr(args, "db", None), create=False)
    if store is None:
        return 2
    settings = Settings(db_path=store.path)
    ctx = Context(store=store, settings=settings)
    try:
        day = ctx.today().isoformat()
        with store.reading() as s:
            _version, rules = ctx.rules(s)
            room = offline_room(s.connection(), rules, settings.store_id, ctx.terminal_id, day)
        online = ctx.online()
    finally:
        store.close()
    print(
        f"terminal {ctx.terminal_id} ({settings.store_id}), business day {day}: "
        f"{'online' if online else 'OFFLINE'}; offline cap {room.limit} a day, "
        f"spent {room.spent} without a hold of head office, left {room.left}"
    )
    return 0


def register(subparsers: Any) -> None:
    s = subparsers.add_parser("sync", help="sync with head office (push events, pull changes)")
    # SUPPRESS keeps a --db given before the command name.
    s.add_argument("--db", default=argparse.SUPPRESS, help="terminal database file")
    s.add_argument("--once", action="store_true", help="one round, print what it did, exit")
    s.set_defaults(func=cmd_sync)

    e = subparsers.add_parser("enrol", help="enrol this terminal with head office")
    e.add_argument("--db", default=argparse.SUPPRESS, help="terminal database file")
    e.add_argument("--headoffice", required=True, help="head office URL, https://host:port")
    e.add_argument("--code", required=True, help="one-time code from enrol-terminal")
    e.add_argument("--terminal", help="this till's id (default: the terminal setting)")
    e.set_defaults(func=cmd_enrol)

    r = subparsers.add_parser(
        "offline-room",
        help="this terminal's offline cap today: what was spent against it, what is left",
    )
    r.add_argument("--db", default=argparse.SUPPRESS, help="terminal database file")
    r.set_defaults(func=cmd_offline_room)
