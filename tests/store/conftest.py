"""Store fixtures: a fresh, migrated terminal database file per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pos_member.store.db import Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(tmp_path / "terminal.db", busy_timeout_ms=5_000)
    yield s
    s.close()
