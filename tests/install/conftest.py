"""The bundle test builds `make dist` (minutes): collected under CI=true, with
POS_MEMBER_TEST_DIST=1, or when POS_MEMBER_DIST_BUNDLE names a built folder; otherwise
left out of a developer's `make test` (deselected, not skipped: under CI nothing skips).
The clean-root install (debootstrap) only with POS_MEMBER_TEST_DEBOOTSTRAP=1."""

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


def _left_out(item: pytest.Item) -> bool:
    if item.get_closest_marker("dist") is None:
        return False
    if item.path.name == "test_clean_root.py":  # beyond CI's time: asked for by name only
        return not os.environ.get("POS_MEMBER_TEST_DEBOOTSTRAP")
    return not _wanted()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    left = [i for i in items if _left_out(i)]
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = [i for i in items if not _left_out(i)]
