"""Small widgets shared by the cashier screens: amount text, number entry, supervisor PIN."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QKeyEvent, QKeySequence, QPainter, QPaintEvent, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStyle,
    QStyleOption,
    QVBoxLayout,
    QWidget,
)

from drivers.wedge import TERMINATORS, BurstDetector
from pos_member.domain.money import Money
from ui.errors import user_message
from ui.qtcompat import emit
from ui.tasks import Op, TaskRunner


def money_text(amount: Money) -> str:
    """``¥12.34`` (the domain's own formatting, thousands separated)."""
    return str(amount)


def parse_yuan(text: str) -> Money:
    """An amount typed by the cashier; raises ValueError with a short reason."""
    cleaned = text.strip()
    if not cleaned:
        return Money(0)
    return Money.yuan(cleaned)


def bind_key(owner: QWidget, key: str, slot: Callable[[], Any]) -> QShortcut:
    """A key for ``slot`` while ``owner`` (a dialog) or one of its children has the focus."""
    sc = QShortcut(QKeySequence(key), owner)
    sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    sc.activated.connect(slot)
    return sc


def within_screen(widget: QWidget, width: int, height: int) -> tuple[int, int]:
    """``width`` × ``height``, or less where ``widget``'s screen has less room (a 768-line
    screen at 125% scaling has 614 lines: a dialog laid out for 640 takes what there is)."""
    screen = widget.screen()
    if screen is None:
        return width, height
    room = screen.availableGeometry()
    return min(width, room.width()), min(height, room.height())


def enter_safe(dialog: QDialog) -> None:
    """Enter in a field must not press whichever button happens to be first (e.g. Back).

    Only a button made default on purpose answers Enter; the others need a click or
    their own key.
    """
    for b in dialog.findChildren(QPushButton):
        if not b.isDefault():
            b.setAutoDefault(False)


def show_text(label: QLabel, text: str) -> None:
    """Set the text; an empty label takes no room (the panels stay compact)."""
    label.setText(text)
    label.setVisible(bool(text))


def restyle(widget: QWidget) -> None:
    """Re-apply the style sheet after a dynamic property changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


class ScanGuard(QObject):
    """Keeps a scanner's burst out of the fields it watches (amounts, quantities, PINs).

    A barcode scanner is a keyboard: it types into whatever field has the focus,
    a dozen keys a few milliseconds apart, then Enter. Told apart by the keys'
    own timestamps with the wedge detector's thresholds (``BurstDetector``): the
    first key of a fast run is typed, and when the second follows within the
    gap the field is put back as it was and the run is held back. Enter after
    ``min_length`` fast keys is a scan: the field stays as it was, Enter does
    not confirm anything, and ``scanned`` says what was scanned. A short fast
    run (two keys pressed together) is given back to the field as typed.

    A key without a timestamp (0: no timing known, as from a test's synthetic
    typing) and a key held down (auto-repeat) are always typing.
    """

    scanned = Signal(str)

    def __init__(self, parent: QObject, *fields: QWidget) -> None:
        super().__init__(parent)
        timing = BurstDetector()
        self.gap_ms = timing.gap_ms
        self.min_length = timing.min_length
        self._field: QWidget | None = None
        self._run: list[str] = []
        self._last = 0
        self._fast = False
        self._before: tuple[str, int, int, int] = ("", 0, -1, 0)  # text, cursor, selection
        self._before_value = 0  # a spin box's value before the run
        self._end = QTimer(self)
        self._end.setSingleShot(True)
        self._end.setInterval(int(self.gap_ms * 3))
        self._end.timeout.connect(self._end_run)
        for f in fields:
            self.watch(f)

    def watch(self, field: QWidget) -> None:
        """Guard ``field``: a line edit is put back as it was; any other widget (a list, a
        combo box, a button) just never sees the burst's keys and Enter."""
        field.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() != QEvent.Type.KeyPress or not isinstance(obj, QWidget):
            return False
        assert isinstance(event, QKeyEvent)
        at = int(event.timestamp())
        if at == 0 or event.isAutoRepeat():
            return False  # no timing known, or a key held down: a person
        if obj is not self._field:
            self._end_run()
            self._field = obj
        close = bool(self._run) and at - self._last <= self.gap_ms
        key = event.key()
        text = event.text()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) or (text and text in TERMINATORS):
            if self._fast and close and len(self._run) >= self.min_length:
                code = "".join(self._run)
                self._restore()
                self._reset()
                emit(self.scanned, code)
                return True
            return self._end_run()  # a scan cut short: its Enter is not the cashier's
        mods = event.modifiers()
        if (
            len(text) != 1
            or not text.isprintable()
            or mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        ):
            self._end_run()
            return False
        if close:
            if not self._fast:
                self._fast = True
                self._restore()  # the run's first key went in before it was known to be fast
            self._run.append(text)
            self._last = at
            self._end.start()
            return True
        self._end_run()
        if isinstance(obj, QLineEdit):
            self._before = (
                obj.text(),
                obj.cursorPosition(),
                obj.selectionStart(),
                obj.selectionLength(),
            )
        elif isinstance(obj, QSpinBox):
            self._before_value = obj.value()
        self._run = [text]
        self._last = at
        return False

    def _restore(self) -> None:
        if isinstance(self._field, QSpinBox):  # a quantity: its value as it was
            self._field.setValue(self._before_value)
        if isinstance(self._field, QLineEdit):
            text, cursor, start, length = self._before
            self._field.setText(text)
            self._field.setCursorPosition(cursor)
            if start >= 0:
                self._field.setSelection(start, length)

    def _reset(self) -> None:
        self._end.stop()
        self._run = []
        self._fast = False

    def _end_run(self) -> bool:
        """A fast run stopped without Enter: a scan cut short (True), or two keys pressed
        together (given back to the field)."""
        run, fast = self._run, self._fast
        self._reset()
        if not fast or self._field is None:
            return False
        self._restore()
        if len(run) >= self.min_length:
            emit(self.scanned, "".join(run))
            return True
        if isinstance(self._field, QLineEdit):
            self._field.insert("".join(run))
        elif isinstance(self._field, QSpinBox):
            edit = self._field.findChild(QLineEdit)
            if edit is not None:
                edit.insert("".join(run))
        return False


class NumberDialog(QDialog):
    """Asks for one number (quantity, grams, yuan); non-blocking, answers by signal."""

    accepted_text = Signal(str)

    def __init__(self, title: str, label: str, initial: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("numberDialog")
        self.setWindowTitle(title)
        self.setMinimumWidth(440)  # room for a refusal's sentence (it wraps, never cut)
        self.input = QLineEdit(initial)
        self.input.setObjectName("numberInput")
        self.input.selectAll()
        self.message = QLabel("")
        self.message.setObjectName("dialogMessage")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        for b in buttons.buttons():
            b.setIcon(QIcon())  # the theme's icons: the till's buttons are words, not pictures
        buttons.accepted.connect(self._ok)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(label, self.input)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.input.returnPressed.connect(self._ok)
        self.scan_guard: ScanGuard | None = None

    def refuse_scans(self, refusal: str) -> None:
        """A scanner burst is not typed into the number: ``refusal`` (with ``{code}``) is shown."""
        self.scan_guard = ScanGuard(self, self.input)
        self.scan_guard.scanned.connect(lambda code: self._say(refusal.format(code=code)))

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.adjustSize()  # the sentence's lines get their height

    def _ok(self) -> None:
        emit(self.accepted_text, self.input.text())
        self.accept()


class SupervisorDialog(QDialog):
    """A supervisor types id and PIN to approve one action; emits the approval."""

    approved = Signal(object)

    def __init__(
        self,
        runner: TaskRunner,
        approve: Callable[[str, str], Any],
        action_text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("supervisorDialog")
        self.setWindowTitle(self.tr("Supervisor approval"))
        self._runner = runner
        self._approve = approve
        self._busy = False
        what = QLabel(action_text)
        what.setWordWrap(True)
        self.staff_input = QLineEdit()
        self.staff_input.setObjectName("supervisorIdInput")
        self.pin_input = QLineEdit()
        self.pin_input.setObjectName("supervisorPinInput")
        self.pin_input.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel("")
        self.message.setObjectName("dialogMessage")
        self.message.setWordWrap(True)
        self.button = QPushButton(self.tr("Approve (Enter)"))
        self.button.setObjectName("approveButton")
        self.button.setDefault(True)
        self.button.clicked.connect(self.submit)
        cancel = QPushButton(self.tr("Cancel (Esc)"))
        cancel.clicked.connect(self.reject)
        self.staff_input.returnPressed.connect(self.pin_input.setFocus)
        self.pin_input.returnPressed.connect(self.submit)
        # A scan is never a PIN (a staff badge may be scanned into the id field).
        self.scan_guard = ScanGuard(self, self.pin_input)
        self.scan_guard.scanned.connect(
            lambda code: self.message.setText(
                self.tr("That was a scan, not a PIN: the supervisor types the PIN.")
            )
        )
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(self.tr("Supervisor id"), self.staff_input)
        form.addRow(self.tr("Supervisor PIN"), self.pin_input)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.button)
        layout.addWidget(cancel)
        self.staff_input.setFocus()

    def submit(self) -> None:
        if self._busy:
            return
        sid, pin = self.staff_input.text().strip(), self.pin_input.text()
        if not sid or not pin:
            self.message.setText(self.tr("Type the supervisor's id and PIN."))
            return
        self._busy = True
        self.button.setEnabled(False)
        Op(self._runner, lambda: self._approve(sid, pin), owner=self).success(self._ok).failure(
            self._failed
        ).run()

    def _ok(self, approval: Any) -> None:
        self._busy = False
        emit(self.approved, approval)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self.button.setEnabled(True)
        self.pin_input.clear()
        self.message.setText(user_message(exc))


class ElidedLabel(QLabel):
    """One line that never pushes the layout: a text too long is cut with "…".

    ``text()`` stays the whole text, and the whole text is the tooltip, so the
    cashier can still read it (hover) and tests still see what was said. The
    label asks for room for the whole text but makes do with one character.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(False)
        self.setToolTip(text)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        super().setText(text)
        self.setToolTip(text)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        hint = super().minimumSizeHint()
        m = self.contentsMargins()
        one = self.fontMetrics().horizontalAdvance("…") * 2 + m.left() + m.right()
        return QSize(min(hint.width(), one), hint.height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        opt = QStyleOption()
        opt.initFrom(self)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_Widget, opt, painter, self)
        rect = self.contentsRect()
        m = self.margin()
        rect.adjust(m, m, -m, -m)
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, rect.width())
        self.style().drawItemText(
            painter,
            rect,
            int(self.alignment()),
            self.palette(),
            self.isEnabled(),
            text,
            self.foregroundRole(),
        )


def elided_label(
    text: str, name: str, align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft
) -> QLabel:
    label = ElidedLabel(text)
    label.setObjectName(name)
    label.setAlignment(align | Qt.AlignmentFlag.AlignVCenter)
    return label


def big_label(text: str, name: str, align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setAlignment(align | Qt.AlignmentFlag.AlignVCenter)
    return label


def caption(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("class", "caption")
    return label
