"""The change feed never loses a change that commits out of order (PostgreSQL)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from pos_member.headoffice.changes import (
    START_CURSOR,
    format_cursor,
    parse_cursor,
    read_page,
    touch,
)
from pos_member.sync.schemas import Entity

pytestmark = pytest.mark.integration


def _all_after(hq, cursor: str) -> tuple[list[tuple[str, str]], str]:
    out: list[tuple[str, str]] = []
    with hq.engine.connect() as conn:
        while True:
            page = read_page(conn, cursor, 1000)
            out += [(c.entity.value, c.key) for c in page.changes]
            cursor = page.cursor
            if not page.more:
                return out, cursor


def test_a_transaction_that_commits_late_is_still_seen_after_the_cursor(hq):
    _, cursor = _all_after(hq, START_CURSOR)
    slow = hq.engine.connect()
    slow_tx = slow.begin()
    # The slow transaction takes its xid and sequence number first...
    touch(slow, Entity.MEMBER, [11])
    slow.execute(text("UPDATE members SET name = 'slow' WHERE id = 11"))
    # ...a quick one takes later numbers and commits first.
    with hq.engine.begin() as quick:
        touch(quick, Entity.MEMBER, [12])
    seen, cursor2 = _all_after(hq, cursor)
    # A plain "seq > cursor" feed would serve 12 now and skip 11 forever. Ours waits.
    assert ("member", "12") not in seen
    assert cursor2 == cursor
    slow_tx.commit()
    slow.close()
    seen, cursor3 = _all_after(hq, cursor2)
    assert ("member", "11") in seen and ("member", "12") in seen
    assert parse_cursor(cursor3) > parse_cursor(cursor2)
    with hq.engine.connect() as conn:
        page = read_page(conn, START_CURSOR, 5000)
    names = {c.key: c.data["name"] for c in page.changes if c.entity is Entity.MEMBER}
    assert names["11"] == "slow"


def test_an_entity_changed_twice_is_served_once_with_its_newest_state(hq):
    _, cursor = _all_after(hq, START_CURSOR)
    for name in ("first", "second"):
        with hq.engine.begin() as conn:
            conn.execute(text("UPDATE members SET name = :n WHERE id = 13"), {"n": name})
            touch(conn, Entity.MEMBER, [13])
    with hq.engine.connect() as conn:
        page = read_page(conn, cursor, 100)
    mine = [c for c in page.changes if c.key == "13"]
    assert len(mine) == 1
    assert mine[0].data["name"] == "second"


def test_pages_are_bounded_and_resume_where_they_stopped(hq):
    with hq.engine.connect() as conn:
        first = read_page(conn, START_CURSOR, 7, with_remaining=True)
        assert len(first.changes) == 7 and first.more
        assert first.remaining is not None and first.remaining > 7
        rest = read_page(conn, first.cursor, 10_000)
    keys = [(c.entity, c.key) for c in first.changes + rest.changes]
    assert len(keys) == len(set(keys)) == first.remaining


@pytest.mark.parametrize("bad", ["", "1", "a.b", "1.2.3", "-1.5", "1." + "9" * 50])
def test_bad_cursors_are_refused(bad):
    with pytest.raises(ValueError):
        parse_cursor(bad)


def test_cursor_round_trip():
    assert parse_cursor(format_cursor(123, 456)) == (123, 456)


def test_the_database_built_json_page_equals_the_python_page(hq):
    from pos_member.headoffice.changes import read_page_json
    from pos_member.sync.schemas import PullPage

    with hq.engine.connect() as conn:
        for cursor in (START_CURSOR, read_page(conn, START_CURSOR, 40).cursor):
            a = read_page(conn, cursor, 500, True)
            b = PullPage.model_validate_json(read_page_json(conn, cursor, 500, True))
            assert b == PullPage(
                changes=a.changes, cursor=a.cursor, more=a.more, remaining=a.remaining
            )
            assert len(b.changes) > 0
