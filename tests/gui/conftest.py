"""GUI test fixtures: an offscreen Qt, a real seeded SQLite store per test, the cashier window.

The demo store is seeded once per session with ``pos_member``'s own seed
(real services, real SQLite file with production pragmas) and copied for
each test, so every test starts from the same known members, cards and
products and may write freely.
"""

from __future__ import annotations

import gc
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from pos_member.settings import Settings


@dataclass
class DemoStore:
    path: Path
    staff: list[dict[str, Any]]
    members: list[dict[str, Any]]
    products: list[dict[str, Any]]
    receipts: list[Any]

    def member(self, tiered: bool = False, uid: bool = False) -> dict[str, Any]:
        """A seeded member with a card (in a discount tier / with a chip card, if asked)."""
        for m in self.members:
            if not m.get("card_number"):
                continue
            if tiered and m.get("tier") == "normal":
                continue
            if uid and not m.get("card_uid"):
                continue
            return m
        raise LookupError("the demo seed has no such member")

    def product(self, **want: Any) -> dict[str, Any]:
        for p in self.products:
            if all(p.get(k) == v for k, v in want.items()):
                return p
        raise LookupError(f"no demo product with {want}")


@pytest.fixture(autouse=True)
def _collect_before_each_test() -> None:
    """Collect the garbage of earlier tests (their windows, lanes and stores) now,
    on the GUI thread and before this test's worker threads start, rather than at a
    moment the collector picks mid-test: one whole-suite run crashed in the
    collector on the GUI thread while a lane was opening a store."""
    gc.collect()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> DemoStore:
    from pos_member.seed.demo import seed_demo

    path = tmp_path_factory.mktemp("demo") / "template.db"
    result = seed_demo(path, members=60, products=40, days=0, settings=Settings(db_path=path))
    return DemoStore(path, result.staff, result.members, result.products, result.receipts)


@pytest.fixture
def demo(demo_template: DemoStore, tmp_path: Path) -> DemoStore:
    path = tmp_path / "terminal.db"
    shutil.copyfile(demo_template.path, path)
    return DemoStore(
        path, demo_template.staff, demo_template.members, demo_template.products,
        demo_template.receipts,
    )  # fmt: skip


@pytest.fixture
def settings(demo: DemoStore) -> Settings:
    return Settings(db_path=demo.path)


@pytest.fixture
def english(qapp: Any) -> Iterator[None]:
    """Run with the English translation (the .qm built by `make translations`)."""
    from ui.i18n import install_translations

    install_translations(qapp, "en")
    yield


@pytest.fixture
def styled(qapp: Any) -> Iterator[None]:
    """The counter's font and style sheet, as the app has them (sizes depend on them)."""
    from ui.i18n import apply_style

    font, sheet = qapp.font(), qapp.styleSheet()
    apply_style(qapp)
    yield
    qapp.setStyleSheet(sheet)
    qapp.setFont(font)


@pytest.fixture
def runner(qapp: Any) -> Iterator[Any]:
    from ui.tasks import TaskRunner

    r = TaskRunner()
    yield r
    r.shutdown()


@pytest.fixture
def printer() -> Any:
    """The one fake: no test machine has a thermal printer. Tests check its bytes."""
    from drivers.printers import SimulatedPrinter

    return SimulatedPrinter()


@pytest.fixture
def backend(settings: Settings, printer: Any) -> Iterator[Any]:
    from ui.app import open_backend

    b = open_backend(settings, seed_if_new=False, printer=printer)
    yield b
    b.close()


@pytest.fixture
def cashier(backend: Any) -> Any:
    """Cashier 1001 logged in, the till's shift open with a ¥500 float (as at the login)."""
    from pos_member.domain.money import Money

    staff = backend.login("1001", "1111")
    if backend.current_shift() is None:
        backend.open_shift(staff, Money.yuan(500))
    return staff


@pytest.fixture
def supervisor_pin() -> tuple[str, str]:
    return ("2001", "8888")


@pytest.fixture
def window(qtbot: Any, english: None, backend: Any, runner: Any, cashier: Any) -> Iterator[Any]:
    from PySide6.QtWidgets import QApplication

    from ui.bridge import ReaderBridge
    from ui.main_window import CashierWindow

    bridge = ReaderBridge()
    w = CashierWindow(backend, runner, bridge, cashier)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    w.bridge_ = bridge  # kept alive with the window
    yield w
    # qtbot closes the window after this: a sale the test left on screen must not ask
    # (its question would stay open, and the next test's ``dialog(name)`` would find it).
    w.open_sale.closing_allowed = True
    # A dialog a test left open is a window of its own: closed here, so that the next
    # test's ``dialog(name)`` never finds this test's (a refund dialog, say).
    for top in QApplication.topLevelWidgets():
        if top is not w and top.isVisible() and top.window() is not w:
            top.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The offscreen platform says it cannot propagate size hints or raise a window
    # each time one is shown; that is the platform plugin, not the app.
    for item in items:
        if "tests/gui/" in str(item.fspath):
            item.add_marker(pytest.mark.qt_log_ignore("This plugin does not support"))
