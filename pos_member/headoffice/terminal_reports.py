"""What each till last said about itself: its app version, how many outbox events it
had not sent yet, and its own clock (``sync.client`` sends them as request headers on
every push and pull). Head office keeps the last report per terminal, with the clock
skew it measured (the till's clock minus head office's, in milliseconds), for the
console's terminals page.

A report that does not parse is ignored field by field: it is a courtesy of the
till, never a reason to refuse its sync.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from pos_member.headoffice import models as m

TESTED_IN = "tests/sync/test_terminal_reports.py"

VERSION_RE = re.compile(r"^[0-9A-Za-z.+_-]{1,32}$")
MAX_BACKLOG = 10**9


def _moment(raw: str | None) -> datetime | None:
    if not raw or len(raw) > 40:
        return None
    try:
        at = datetime.fromisoformat(raw)
    except ValueError:
        return None
    return at if at.tzinfo is not None else None


def record(
    conn: Connection,
    terminal_key: str,
    now: str,
    *,
    version: str | None,
    backlog: str | None,
    clock: str | None,
) -> None:
    """Keep the till's report (the fields that parse) as its last one."""
    values: dict[str, Any] = {}
    if version and VERSION_RE.match(version):
        values["app_version"] = version
    if backlog and backlog.isdigit() and int(backlog) <= MAX_BACKLOG:
        values["backlog"] = int(backlog)
    at = _moment(clock)
    if at is not None:
        here = datetime.fromisoformat(now)
        here = here if here.tzinfo is not None else here.replace(tzinfo=UTC)
        values["till_clock"] = at.astimezone(UTC).isoformat(timespec="milliseconds")
        values["skew_ms"] = int((at - here).total_seconds() * 1000)
    if not values:
        return
    values["reported_at"] = now
    ins = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
    stmt = ins(m.TerminalReport).values(terminal_key=terminal_key, **values)
    conn.execute(stmt.on_conflict_do_update(index_elements=["terminal_key"], set_=values))


def last_reports(conn: Connection) -> dict[str, dict[str, Any]]:
    """Each terminal's last report, by terminal key."""
    t = m.TerminalReport
    return {r.terminal_key: dict(r._mapping) for r in conn.execute(select(t))}
