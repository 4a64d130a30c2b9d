"""The bundle test builds `make dist` (minutes): collected under CI=true, with
POS_MEMBER_TEST_DIST=1, or when POS_MEMBER_DIST_BUNDLE names a built folder; otherwise
left out of a developer's `make test` (deselected, not skipped: under CI nothing skips)."""

from __future__ import annotations

import os

import pytest

from tests.conftest import IN_CI


def _wanted() -> bool:
    return (
        IN_CI
        or bool(os.environ.get("POS_MEMBER_TEST_DIST"))
        or bool(os.environ.get("POS_MEMBER_DIST_BUNDLE"))
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if _wanted():
        return
    left = [i for i in items if i.get_closest_marker("dist") is not None]
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = [i for i in items if i.get_closest_marker("dist") is None]
