"""The change feed never loses a change, whatever order transactions commit in."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import text

from pos_member.headoffice.changes import (
    START_CURSOR,
    format_cursor,
    parse_cursor,
    read_page,
    touch,
)
from pos_member.wire.schemas import Entity

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


def test_a_slow_transaction_cannot_be_overtaken_behind_a_cursor(hq):
    _, cursor = _all_after(hq, START_CURSOR)
    slow = hq.engine.connect()
    slow_tx = slow.begin()
    slow.execute(text("UPDATE members SET name = 'slow' WHERE id = 11"))
    touch(slow, Entity.MEMBER, [11])  # takes its number, holds the clock until commit
    quick_done = threading.Event()

    def quick() -> None:
        with hq.engine.begin() as conn:
            conn.execute(text("UPDATE members SET name = 'quick' WHERE id = 12"))
            touch(conn, Entity.MEMBER, [12])
        quick_done.set()

    t = threading.Thread(target=quick)
    t.start()
    # The quick transaction cannot take a number (and commit a change) before the slow one.
    assert not quick_done.wait(0.5)
    seen, cursor2 = _all_after(hq, cursor)
    assert ("member", "11") not in seen and ("member", "12") not in seen
    assert cursor2 == cursor
    slow_tx.commit()
    slow.close()
    t.join(10)
    assert quick_done.is_set()
    seen, cursor3 = _all_after(hq, cursor2)
    assert seen.index(("member", "11")) < seen.index(("member", "12"))
    assert parse_cursor(cursor3) > parse_cursor(cursor2)


def test_a_rolled_back_transaction_leaves_a_harmless_gap(hq):
    _, cursor = _all_after(hq, START_CURSOR)
    with hq.engine.connect() as conn:
        tx = conn.begin()
        touch(conn, Entity.MEMBER, [14])
        tx.rollback()
    with hq.engine.begin() as conn:
        touch(conn, Entity.MEMBER, [15])
    seen, _ = _all_after(hq, cursor)
    assert seen == [("member", "15")]


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


@pytest.mark.parametrize("bad", ["", "a", "1.2", "-1", " 1", "9" * 50, "١٢"])
def test_bad_cursors_are_refused(bad):
    with pytest.raises(ValueError):
        parse_cursor(bad)


def test_cursor_round_trip():
    assert parse_cursor(format_cursor(123456)) == 123456


def test_the_database_built_json_page_equals_the_python_page(hq):
    from pos_member.headoffice.changes import read_page_json
    from pos_member.wire.schemas import PullPage

    with hq.engine.connect() as conn:
        for cursor in (START_CURSOR, read_page(conn, START_CURSOR, 40).cursor):
            a = read_page(conn, cursor, 500, True)
            b = PullPage.model_validate_json(read_page_json(conn, cursor, 500, True))
            assert b == PullPage(
                changes=a.changes, cursor=a.cursor, more=a.more, remaining=a.remaining
            )
            assert len(b.changes) > 0
