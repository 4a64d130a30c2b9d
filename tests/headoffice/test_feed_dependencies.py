"""A till pulling from the start never meets a coupon before its member or a member
before its tier, whatever order head office changed them in (PostgreSQL and SQLite)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text

from pos_member.headoffice.changes import START_CURSOR, read_page, read_page_json, touch
from pos_member.headoffice.db import open_database
from pos_member.headoffice.seed import seed_demo
from pos_member.wire.schemas import Change, Entity, PullPage

pytestmark = pytest.mark.integration


@pytest.fixture(params=["postgresql", "sqlite"])
def engine(request: Any, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "postgresql":
        from pos_member.headoffice.testing import scratch_database

        with scratch_database(request.getfixturevalue("pg_base"), "posm_deps") as url:
            eng = open_database(url, pool_size=2)
            seed_demo(eng, members=30, products=5)
            yield eng
            eng.dispose()
        return
    eng = open_database(f"sqlite:///{tmp_path / 'hq.db'}")
    seed_demo(eng, members=30, products=5)
    yield eng
    eng.dispose()


def _late_parents(engine: Engine, rename_tier: bool = True) -> tuple[str, str]:
    """A coupon issued to member 7, then member 7 changed; then member 7's tier renamed."""
    with engine.begin() as conn:
        conn.execute(
            text("INSERT INTO coupons (code, member_id, name, kind, value_fen, rate, "
                 "min_spend_fen, valid_from, valid_until, stackable) VALUES ('WELCOME7', 7, "
                 "'入会礼', 'amount_off', 1000, '1', 0, '2026-11-01', '2026-12-31', false)")
        )  # fmt: skip
        touch(conn, Entity.COUPON, ["WELCOME7"])
    with engine.begin() as conn:
        conn.execute(text("UPDATE members SET name = '改名' WHERE id = 7"))
        touch(conn, Entity.MEMBER, [7])
    with engine.begin() as conn:
        tier = str(conn.execute(text("SELECT tier_code FROM members WHERE id = 7")).scalar_one())
        if not rename_tier:
            return "WELCOME7", tier
        conn.execute(text("UPDATE tiers SET name = name || '·' WHERE code = :t"), {"t": tier})
        touch(conn, Entity.TIER, [tier])
    return "WELCOME7", tier


def _pages(engine: Engine, limit: int) -> list[list[Change]]:
    pages, cursor = [], START_CURSOR
    with engine.connect() as conn:
        while True:
            if engine.dialect.name == "postgresql":
                js = PullPage.model_validate_json(read_page_json(conn, cursor, limit))
                py = read_page(conn, cursor, limit)
                assert js.changes == py.changes and js.cursor == py.cursor
                changes, cursor, more = js.changes, js.cursor, js.more
            else:
                page = read_page(conn, cursor, limit)
                changes, cursor, more = page.changes, page.cursor, page.more
            pages.append(changes)
            if not more:
                return pages


@pytest.mark.parametrize("rename_tier", [True, False])
@pytest.mark.parametrize("limit", [1, 3, 1000])
def test_every_change_comes_after_what_it_refers_to(
    engine: Engine, limit: int, rename_tier: bool
) -> None:
    # Without the rename the member brought to the front of a page must not overtake
    # the page's own tiers either (a till pulling from the start has none yet).
    code, tier = _late_parents(engine, rename_tier)
    seen: set[tuple[Entity, str]] = set()
    for changes in _pages(engine, limit):
        for c in changes:
            if c.entity is Entity.COUPON and c.data["member_id"] is not None:
                assert (Entity.MEMBER, str(c.data["member_id"])) in seen, c.key
            if c.entity is Entity.MEMBER:
                assert (Entity.TIER, c.data["tier_code"]) in seen, c.key
            seen.add((c.entity, c.key))
    assert {(Entity.COUPON, code), (Entity.MEMBER, "7"), (Entity.TIER, tier)} <= seen


def test_a_page_brings_what_it_needs_and_the_feed_still_brings_it_at_its_own_place(
    engine: Engine,
) -> None:
    _, tier = _late_parents(engine)
    flat = [(c.entity, c.key, c.data) for page in _pages(engine, 1000) for c in page]
    # Member 7 arrives twice: brought forward for the coupon, then at its own place,
    # both with the current state (the renamed member, the renamed tier).
    sevens = [d for e, k, d in flat if (e, k) == (Entity.MEMBER, "7")]
    assert len(sevens) == 2 and all(d["name"] == "改名" for d in sevens)
    tiers = [d for e, k, d in flat if (e, k) == (Entity.TIER, tier)]
    assert tiers and all(d["name"].endswith("·") for d in tiers)
    # From a cursor past everything there is nothing to bring forward.
    with engine.connect() as conn:
        last = read_page(conn, START_CURSOR, 100_000).cursor
        assert read_page(conn, last, 10).changes == []
