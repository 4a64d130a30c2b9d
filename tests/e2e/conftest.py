"""End-to-end UI flows: offscreen Qt, same log rules as the GUI tests."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The offscreen platform cannot propagate size hints or raise windows and says
    # so on every show(); that is the platform plugin, not the app.
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.qt_log_ignore("This plugin does not support"))
