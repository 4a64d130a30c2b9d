"""Scanner keys typed while no text field has the focus, handed to the keyboard-wedge driver.

A scanner types into whatever has the focus; when that is not the scan field
(the cashier clicked the cart), its burst would be lost. This application-wide
event filter forwards printable keys and Enter to the driver, which tells a
scanner's burst from a person's typing and reports it through the bridge.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
)

from drivers.wedge import KeyboardWedgeDriver

if TYPE_CHECKING:
    from ui.main_window import CashierWindow


class WedgeFilter(QObject):
    """Forwards printable keys and Enter to the wedge driver when no text field has the focus."""

    TEXT_INPUTS = (QLineEdit, QAbstractSpinBox, QTextEdit, QPlainTextEdit, QComboBox)

    def __init__(self, window: CashierWindow, driver: KeyboardWedgeDriver) -> None:
        super().__init__(window)
        self._window = window
        self._driver = driver

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        w = self._window
        if not w.isActiveWindow() or w.dialog_open():
            return False
        focus = QApplication.focusWidget()
        if isinstance(focus, self.TEXT_INPUTS) or obj is not (focus or w):
            return False
        mods = event.modifiers()
        if mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return False
        text = event.text()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._driver.feed_key("\r")
            return True
        if len(text) == 1 and text.isprintable():
            self._driver.feed_key(text)
            return True
        return False
