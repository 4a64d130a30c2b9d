"""Manager-mode fixtures: a demo store with a few days of sales, a manager, the window.

The store is ``pos_member``'s demo seed (real services, real SQLite file)
with five days of sales so the reports have something to draw; card taps
come from the simulated reader through the app's own ``ReaderBridge``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from pos_member.settings import Settings
from tests.gui.conftest import DemoStore

MANAGER = ("3001", "9999")


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> DemoStore:
    from pos_member.seed.demo import seed_demo

    path = tmp_path_factory.mktemp("demo-manager") / "template.db"
    result = seed_demo(path, members=60, products=40, days=5, settings=Settings(db_path=path))
    return DemoStore(path, result.staff, result.members, result.products, result.receipts)


@pytest.fixture
def mbackend(backend: Any) -> Any:
    from ui.manager.backend import ManagerBackend

    return ManagerBackend.from_cashier(backend)


@pytest.fixture
def manager(mbackend: Any, backend: Any) -> Any:
    """The manager, at a till whose cashier's shift is open (manager mode opens from it)."""
    from pos_member.domain.money import Money

    if backend.current_shift() is None:
        backend.open_shift(backend.login("1001", "1111"), Money.yuan(500))
    return mbackend.login(*MANAGER)


@pytest.fixture
def bridge(qapp: Any) -> Any:
    from ui.bridge import ReaderBridge

    return ReaderBridge()


@pytest.fixture
def reader(bridge: Any) -> Iterator[Any]:
    """The simulated reader, its callbacks turned into signals by the app's bridge."""
    from drivers.base import SafeListener
    from drivers.simulated import SimulatedReaderDriver

    driver = SimulatedReaderDriver(SafeListener(bridge), production=False)
    driver.start()
    yield driver
    driver.stop(timeout=2.0)


@pytest.fixture
def mwindow(
    qtbot: Any, qapp: Any, english: None, mbackend: Any, runner: Any, manager: Any, bridge: Any
) -> Any:
    from ui.manager import i18n
    from ui.manager.window import ManagerWindow

    i18n.install(qapp, "en")
    w = ManagerWindow(mbackend, runner, manager)
    bridge.card_present.connect(w.card_presented)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w
