"""What the dialogs share: a message line, buttons with their keys, backend calls on a lane.

A dialog collects what was typed and hands it to the backend on a lane
(``ui.tasks``): ``call`` for a lookup or a preview, after which the dialog
is as it was; ``run`` for the call that does the work, during which the
dialog is *busy* (``busy`` is true, ``busy_button`` is disabled) so that one
press does the work once. A call that fails is shown in the dialog's
message line as the person's sentence (``ui.errors.user_message``) and
what was typed is kept.

The helpers take their texts already translated: each dialog keeps its own
``self.tr(...)``, so the translation context stays the dialog's class.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from pos_member.domain.prepaid import ID_TYPE_NAMES, IdType
from ui.errors import translate, user_message
from ui.tasks import DB, Op, TaskRunner
from ui.widgets import bind_key, restyle

if TYPE_CHECKING:
    from ui.main_window import CashierWindow


def message_label(name: str = "dialogMessage") -> QLabel:
    """The line where a dialog says what happened (the style sheets address it by name)."""
    label = QLabel("")
    label.setObjectName(name)
    label.setWordWrap(True)
    return label


def key_button(
    owner: QWidget,
    text: str,
    slot: Callable[[], Any],
    *,
    name: str = "",
    key: str = "",
    default: bool = False,
) -> QPushButton:
    """A button for ``slot``; ``key`` (the hint in ``text``) presses it in ``owner``.

    ``default`` makes it the button that answers Enter (see ``enter_safe``);
    Esc needs no key: a dialog rejects on Esc by itself.
    """
    button = QPushButton(text)
    if name:
        button.setObjectName(name)
    if default:
        button.setDefault(True)
    if key:
        bind_key(owner, key, slot)
    button.clicked.connect(slot)
    return button


class FieldKey(QObject):
    """``key`` presses ``slot`` while one of ``fields`` has the focus, before the field or
    a window's shortcut of the same key can take it (Ctrl+K is a line edit's 'delete to
    the end'; Ctrl+G the sale screen's, whose window may still be the active one)."""

    def __init__(self, owner: QWidget, key: str, slot: Callable[[], Any], *fields: QWidget):
        super().__init__(owner)
        self._key = QKeySequence(key)
        self._slot = slot
        for f in fields:
            f.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if isinstance(event, QKeyEvent) and event.type() in (
            QEvent.Type.ShortcutOverride,
            QEvent.Type.KeyPress,
        ):
            pressed = QKeySequence(event.keyCombination())
            if pressed.matches(self._key) == QKeySequence.SequenceMatch.ExactMatch:
                event.accept()
                if event.type() == QEvent.Type.KeyPress:
                    self._slot()
                return True
        return super().eventFilter(obj, event)


def button_row(*buttons: QPushButton, wide: QPushButton | None = None) -> QHBoxLayout:
    """The buttons side by side, in order; ``wide`` (the one that confirms) takes twice the room."""
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button, 2 if button is wide else 0)
    return row


def form_layout() -> QFormLayout:
    """A form whose labels stand left, level with their fields (the cashier's dialogs)."""
    form = QFormLayout()
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return form


def id_type_box(name: str) -> QComboBox:
    """The identity documents a real-name record may name (``domain.prepaid.IdType``),
    in the app's language; the item's data is the type's value."""
    box = QComboBox()
    box.setObjectName(name)
    for t in IdType:
        box.addItem(translate(ID_TYPE_NAMES[t]), t.value)
    return box


def debounced(owner: QWidget, slot: Callable[[], Any], msec: int = 120) -> QTimer:
    """A timer that calls ``slot`` once, ``msec`` after the last ``start`` (typing pauses)."""
    timer = QTimer(owner)
    timer.setSingleShot(True)
    timer.setInterval(msec)
    timer.timeout.connect(slot)
    return timer


class TaskDialog(QDialog):
    """A dialog whose work runs on a lane and whose errors show in its message line."""

    def __init__(
        self,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        message_name: str = "dialogMessage",
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.busy = False
        # The button that starts the work: disabled while ``run`` waits for the answer.
        self.busy_button: QPushButton | None = None
        self.message = message_label(message_name)

    def say(self, text: str, level: str = "info") -> None:
        """``text`` in the message line; ``level`` (info, ok, error) is for the style sheet.

        The manager's sheet colours the line by level; the cashier's shows every message alike.
        """
        self.message.setText(text)
        self.message.setProperty("level", level)
        restyle(self.message)

    def show_error(self, exc: BaseException) -> None:
        self.say(user_message(exc), "error")

    def call(self, fn: Callable[[], Any], ok: Callable[[Any], None], lane: str = DB) -> None:
        """``fn`` on ``lane``, then ``ok`` with its result or the error shown; never busy."""
        Op(self.runner, fn, lane=lane, owner=self).success(ok).failure(self.show_error).run()

    def run(self, fn: Callable[[], Any], ok: Callable[[Any], None], lane: str = DB) -> None:
        """``fn`` on ``lane``, the dialog busy until it answers; then ``ok`` or ``failed``."""
        self.set_busy(True)
        Op(self.runner, fn, lane=lane, owner=self).success(
            lambda result: self._answered(ok, result)
        ).failure(self._refused).run()

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        if self.busy_button is not None:
            self.busy_button.setEnabled(not busy)

    def failed(self, exc: BaseException) -> None:
        """What ``run`` does when its call fails (no longer busy by then): show the error."""
        self.show_error(exc)

    def _answered(self, ok: Callable[[Any], None], result: Any) -> None:
        self.set_busy(False)
        ok(result)

    def _refused(self, exc: BaseException) -> None:
        self.set_busy(False)
        self.failed(exc)


class CashierDialog(TaskDialog):
    """A dialog of the cashier window: its backend and runner; it reports back to the window."""

    def __init__(self, window: CashierWindow, parent: QWidget | None = None) -> None:
        super().__init__(window.runner, parent)
        self.window_ = window
        self.backend = window.backend
