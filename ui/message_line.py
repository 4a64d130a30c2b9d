"""The sale screen's message line: what just happened, or what to do next."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget

from ui.qtcompat import emit
from ui.widgets import ElidedLabel, restyle


class MessageLine(ElidedLabel):
    """One line, always on screen: a long message is cut with "…" (the whole text is the
    tooltip), never wrapped into lines that push the status bar off the screen.
    ``level`` (info, ok, error) colours it; ``shown(text, level)`` after each message."""

    shown = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.setObjectName("messageLabel")
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

    def say(self, text: str, level: str = "info") -> None:
        self.setText(text)
        if self.property("level") != level:
            self.setProperty("level", level)
            restyle(self)
        emit(self.shown, text, level)

    @property
    def level(self) -> str:
        return str(self.property("level") or "")
