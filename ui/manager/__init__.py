"""Manager mode (店长): members, cards, lost cards, replacements, coupons and reports.

The one entry point is ``open_manager``::

    from ui.manager import open_manager

    open_manager(
        parent,                 # the cashier window (QWidget), or None
        backend,                # the cashier app's ui.backend.Backend (its .ctx is used)
        runner=runner,          # the app's ui.tasks.TaskRunner (db and device lanes)
        bridge=bridge,          # the app's ui.bridge.ReaderBridge, for card taps
        writers=drivers,        # optional: reader drivers; those with issue_secure() write
                                # secure cards (default: the drivers of the app owning bridge)
        opener=window._open,    # optional: how the parent shows its dialogs
    )

It shows the login dialog (``loginDialog``, reused from ``ui.login``): a
manager's staff id and PIN, checked by ``pos_member.services.auth`` and the
manager role. Then the manager window (``managerWindow``) opens, through
``opener`` when given (so the cashier window knows a dialog of its is open
and leaves taps alone), else on its own. Card taps reach the window straight
from ``bridge`` until it closes. Returns a ``ManagerEntry``: ``.login`` is the login dialog,
``.manager_window`` the window once open (also announced by ``window_opened``).

Modules: ``backend`` (thin calls into the manager services, run on lanes),
``window`` (the members tab and the actions), ``dialogs`` (register, issue,
report lost, replace, coupon, campaign), ``reports`` (figures, QtCharts
charts and the PDF export), ``i18n`` (manager_<lang>.ts/.qm, style sheet),
``screenshots`` (``python -m ui.manager.screenshots docs``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget

from ui.qtcompat import emit

log = logging.getLogger(__name__)

__all__ = ["ManagerEntry", "open_manager"]

_ALIVE: list[QObject] = []  # entries opened with no parent widget


class ManagerEntry(QObject):
    """Login first, then the manager window."""

    window_opened = Signal(object)  # ManagerWindow

    def __init__(
        self,
        parent_widget: QWidget | None,
        backend: Any,
        runner: Any,
        bridge: Any,
        writers: Sequence[Any] | None,
        opener: Callable[[QDialog], None] | None,
    ) -> None:
        super().__init__()
        from ui.login import LoginDialog
        from ui.manager import i18n
        from ui.manager.backend import ManagerBackend

        app = QApplication.instance()
        if app is not None:
            i18n.install(app)
        self.parent_widget = parent_widget
        self.backend = (
            backend if isinstance(backend, ManagerBackend) else ManagerBackend.from_cashier(backend)
        )
        self.runner = runner
        self.bridge = bridge
        self.writers = list(writers) if writers is not None else _app_drivers(bridge)
        self.opener = opener
        self.manager_window: Any = None
        self.login = LoginDialog(runner, self.backend.login, parent_widget)
        self.login.setWindowTitle(self.tr("Manager mode — log in"))
        title = self.login.findChild(QLabel, "loginTitle")
        if title is not None:
            title.setText(self.tr("Manager mode: a manager's staff id and PIN"))
        # The login dialog deletes itself on close; the entry lives as long as its parent.
        if parent_widget is not None:
            self.setParent(parent_widget)
        else:
            _ALIVE.append(self)
        self.login.logged_in.connect(self._logged_in)

    def show(self) -> None:
        if self.opener is not None:
            self.opener(self.login)
        else:
            self.login.open()

    def _logged_in(self, staff: Any) -> None:
        # After the login dialog has closed: an opener tracks one dialog at a time.
        QTimer.singleShot(0, lambda: self._open_window(staff))

    def _open_window(self, staff: Any) -> None:
        from ui.manager.window import ManagerWindow

        window = ManagerWindow(
            self.backend, self.runner, staff, writers=self.writers, parent=self.parent_widget
        )
        self.manager_window = window
        if self.bridge is not None:
            # Taps reach the window straight from the bridge: the cashier window refuses
            # taps while a dialog of its own (this one) is open, so nothing is sold twice.
            self.bridge.card_present.connect(window.card_presented)
            window.finished.connect(self._disconnect)
        if self.opener is not None:
            self.opener(window)
        else:
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
            window.open()
        emit(self.window_opened, window)

    def _disconnect(self) -> None:
        window = self.manager_window
        if self.bridge is not None and window is not None:
            try:
                self.bridge.card_present.disconnect(window.card_presented)
            except (RuntimeError, TypeError):
                log.debug("card taps already disconnected")
        if self in _ALIVE:
            _ALIVE.remove(self)
        elif self.parent_widget is not None:
            self.deleteLater()  # one entry per visit to manager mode, not one per shift


def _app_drivers(bridge: Any) -> list[Any]:
    """The reader drivers of the running app (``CashierApp.drivers``, the bridge's owner)."""
    owner = bridge.parent() if bridge is not None else None
    return list(getattr(owner, "drivers", ()))


def open_manager(
    parent: QWidget | None,
    backend: Any,
    *,
    runner: Any,
    bridge: Any = None,
    writers: Sequence[Any] | None = None,
    opener: Callable[[QDialog], None] | None = None,
) -> ManagerEntry:
    """Ask for a manager's id and PIN, then open manager mode (see the module docstring)."""
    entry = ManagerEntry(parent, backend, runner, bridge, writers, opener)
    entry.show()
    return entry
