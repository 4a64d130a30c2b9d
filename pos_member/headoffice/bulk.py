"""Writing many rows in one statement (PostgreSQL: ``unnest`` of one array per column).

One round trip and no per-row work in SQLAlchemy: a push batch of 500 events
would otherwise spend more time binding parameters than PostgreSQL spends
writing. Other dialects (the SQLite demo) get plain executemany.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, bindparam, text, update
from sqlalchemy.dialects import postgresql, sqlite

from pos_member.headoffice import models as m

#: Every push writes its ledger rows through here, on PostgreSQL and SQLite.
TESTED_IN = "tests/headoffice/test_review.py"


def dialect_insert(conn: Connection) -> Any:
    """The dialect's ``insert`` (with ``on_conflict_do_nothing``)."""
    return postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert


def _pg_type(col: Any) -> str:
    t = str(col.type.compile(dialect=postgresql.dialect()))  # type: ignore[no-untyped-call]
    return "json" if t == "JSON" else t.lower()


def _param(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else value


def bulk_insert(
    conn: Connection,
    model: Any,
    rows: list[dict[str, Any]],
    *,
    returning: str | None = None,
    on_conflict: str | None = None,
) -> list[Any]:
    """Insert ``rows`` in one statement (PostgreSQL: ``unnest`` of one array per column).

    One round trip and no per-row work in SQLAlchemy: a push batch of 500 events
    would otherwise spend more time binding parameters than PostgreSQL spends writing.
    """
    if not rows:
        return []
    table = model.__table__
    cols = list(rows[0])
    if conn.dialect.name != "postgresql":
        stmt: Any = dialect_insert(conn)(table)
        if on_conflict:
            stmt = stmt.on_conflict_do_nothing(index_elements=[on_conflict])
        if returning:
            stmt = stmt.returning(table.c[returning], sort_by_parameter_order=True)
            return list(conn.execute(stmt, rows).scalars())
        conn.execute(stmt, rows)
        return []
    arrays = {f"a{i}": [_param(r[c]) for r in rows] for i, c in enumerate(cols)}
    casts = ", ".join(
        f"CAST(:a{i} AS {'text' if _pg_type(table.c[c]) == 'json' else _pg_type(table.c[c])}[])"
        for i, c in enumerate(cols)
    )
    select_cols = ", ".join(
        f"u.c{i}::json" if _pg_type(table.c[c]) == "json" else f"u.c{i}" for i, c in enumerate(cols)
    )
    names = ", ".join(f"c{i}" for i in range(len(cols)))
    sql = (
        f"INSERT INTO {table.name} ({', '.join(cols)}) SELECT {select_cols} "
        f"FROM unnest({casts}) AS u({names})"
    )
    if on_conflict:
        sql += f" ON CONFLICT ({on_conflict}) DO NOTHING"
    if returning:
        sql += f" RETURNING {returning}"
        return list(conn.execute(text(sql), arrays).scalars())
    conn.execute(text(sql), arrays)
    return []


def bulk_update(conn: Connection, table_name: str, key: str, rows: list[dict[str, Any]]) -> None:
    """Update ``rows`` (each with ``key`` and the new values) in one statement."""
    if not rows:
        return
    table = m.HQBase.metadata.tables[table_name]
    cols = [c for c in rows[0] if c != key]
    if conn.dialect.name != "postgresql":
        conn.execute(
            update(table)
            .where(table.c[key] == bindparam("_key"))
            .values({c: bindparam(c) for c in cols}),
            [{**r, "_key": r[key]} for r in rows],
        )
        return
    allc = [key, *cols]
    arrays = {f"a{i}": [_param(r[c]) for r in rows] for i, c in enumerate(allc)}
    casts = ", ".join(
        f"CAST(:a{i} AS {'text' if _pg_type(table.c[c]) == 'json' else _pg_type(table.c[c])}[])"
        for i, c in enumerate(allc)
    )
    sets = ", ".join(
        f"{c} = u.c{i + 1}::json" if _pg_type(table.c[c]) == "json" else f"{c} = u.c{i + 1}"
        for i, c in enumerate(cols)
    )
    names = ", ".join(f"c{i}" for i in range(len(allc)))
    conn.execute(
        text(
            f"UPDATE {table_name} t SET {sets} FROM unnest({casts}) AS u({names}) "
            f"WHERE t.{key} = u.c0"
        ),
        arrays,
    )
