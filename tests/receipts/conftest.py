"""Receipt test fixtures: the demo store (see store_fixtures.py)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from pos_member.receipts.build import ReceiptBuilder
from pos_member.seed.demo import seed_demo
from pos_member.services.context import Context
from pos_member.settings import Settings
from pos_member.store.db import Store

from .store_fixtures import SETTINGS, TODAY, Clock, Demo, Till


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    path = tmp_path_factory.mktemp("receipts-demo") / "demo.db"
    result = seed_demo(path, members=20, products=20, days=2, seed=7, today=TODAY)
    return Demo(path, result)


@pytest.fixture
def demo_db(tmp_path: Path, demo_template: Demo) -> Path:
    path = tmp_path / "terminal.db"
    shutil.copy(demo_template.path, path)
    return path


@pytest.fixture
def till(demo_db: Path, demo_template: Demo) -> Iterator[Till]:
    clock = Clock()
    store = Store.open(demo_db, busy_timeout_ms=5_000)
    ctx = Context(store=store, settings=Settings(db_path=demo_db, terminal_id="T01"), clock=clock)
    till = Till(ctx, clock, demo_template.seed, ReceiptBuilder(ctx, SETTINGS))
    till.shift()  # sales, refunds and recharges need the till's shift open
    yield till
    store.close()
