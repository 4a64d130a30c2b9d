"""The first-run dialog: which till this PC is, asked once (``pos_member.first_run``).

Three choices: the demo store, a single store on its own, or a till enrolled
with head office (its address, the one-time code and the terminal id, typed or
scanned from the QR code on head office's Terminals page). A store of its own
and an enrolled till get their first manager here: head office sends no staff.
The work (a new store file, the enrolment over HTTP) runs on the database lane;
a refusal is said in the message line, with what to do, and nothing is saved.
By keyboard: Alt+1, Alt+2, Alt+3 (or the arrow keys) choose, Enter starts, Esc
quits. Fits 1024×768.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos_member import first_run as fr
from pos_member.settings import SyncSettings
from ui.dialogs import TaskDialog, form_layout, key_button
from ui.errors import user_message
from ui.qtcompat import emit
from ui.tasks import TaskRunner
from ui.widgets import enter_safe


class ManagerFields(QGroupBox):
    """The first manager's staff id, name and PIN (typed twice)."""

    def __init__(self, prefix: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("First manager (logs in to this till)"))
        self.staff = QLineEdit("3001")
        self.staff.setObjectName(f"{prefix}ManagerId")
        self.staff.setMaxLength(16)
        self.name = QLineEdit()
        self.name.setObjectName(f"{prefix}ManagerName")
        self.name.setMaxLength(64)
        self.pin = QLineEdit()
        self.pin.setObjectName(f"{prefix}ManagerPin")
        self.repeat = QLineEdit()
        self.repeat.setObjectName(f"{prefix}ManagerPinRepeat")
        for field in (self.pin, self.repeat):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setMaxLength(8)
            field.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        form = form_layout()
        form.addRow(self.tr("Staff id"), self.staff)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("PIN (4 to 8 digits)"), self.pin)
        form.addRow(self.tr("PIN again"), self.repeat)
        self.setLayout(form)

    def value(self) -> fr.FirstManager:
        return fr.FirstManager(
            self.staff.text(), self.name.text(), self.pin.text(), self.repeat.text()
        )


class FirstRunDialog(TaskDialog):
    """Asks which till this is; ``chosen`` carries the ``first_run.Outcome`` once saved."""

    chosen = Signal(object)

    def __init__(
        self,
        runner: TaskRunner,
        config: Path,
        folder: Path,
        parent: QWidget | None = None,
        *,
        sync: SyncSettings | None = None,
    ) -> None:
        super().__init__(runner, parent, message_name="firstRunMessage")
        self.setObjectName("firstRunDialog")
        self.config = config
        self.folder = folder
        self._sync = sync
        self.outcome: fr.Outcome | None = None
        self.setWindowTitle(self.tr("Set up this till"))
        self.setModal(True)
        self.setMinimumWidth(860)

        title = QLabel(self.tr("Which till is this PC? Asked once; the choice is kept."))
        title.setObjectName("firstRunTitle")
        title.setWordWrap(True)

        self.demo_choice = QRadioButton(self.tr("Alt+1  Demo store: try the app with sample data"))
        self.demo_choice.setObjectName("firstRunDemo")
        self.single_choice = QRadioButton(
            self.tr("Alt+2  A single store on its own (no head office)")
        )
        self.single_choice.setObjectName("firstRunSingle")
        self.enrol_choice = QRadioButton(
            self.tr("Alt+3  A till of a chain: enrol with head office")
        )
        self.enrol_choice.setObjectName("firstRunEnrol")
        self.group = QButtonGroup(self)
        self.pages = QStackedWidget()
        self.pages.setObjectName("firstRunPages")
        for i, choice in enumerate((self.demo_choice, self.single_choice, self.enrol_choice)):
            self.group.addButton(choice, i)
            shortcut = QShortcut(QKeySequence(f"Alt+{i + 1}"), self)
            shortcut.activated.connect(lambda c=choice: self._pick(c))
        self.pages.addWidget(self._demo_page())
        self.pages.addWidget(self._single_page())
        self.pages.addWidget(self._enrol_page())
        self.group.idToggled.connect(self._toggled)
        self.demo_choice.setChecked(True)

        self.start_button = key_button(
            self, self.tr("Start (Enter)"), self.submit, name="firstRunStart", default=True
        )
        self.busy_button = self.start_button
        quit_button = key_button(self, self.tr("Quit (Esc)"), self.reject, name="firstRunQuit")

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.addWidget(title)
        for choice in (self.demo_choice, self.single_choice, self.enrol_choice):
            layout.addWidget(choice)
        layout.addWidget(self.pages)
        layout.addWidget(self.message)
        layout.addWidget(self.start_button)
        layout.addWidget(quit_button)
        enter_safe(self)
        self.demo_choice.setFocus()

    # ------------------------------------------------------------- pages
    def _demo_page(self) -> QWidget:
        page = QLabel(
            self.tr(
                "A demo store with members, cards, goods and staff, for training and trying "
                "the app. Nothing is sent anywhere. The login shows the demo staff's PINs."
            )
        )
        page.setWordWrap(True)
        page.setAlignment(Qt.AlignmentFlag.AlignTop)
        return page

    def _single_page(self) -> QWidget:
        page = QWidget()
        self.store_id = QLineEdit("S001")
        self.store_id.setObjectName("firstRunStoreId")
        self.store_id.setMaxLength(16)
        self.single_terminal = QLineEdit("T01")
        self.single_terminal.setObjectName("firstRunSingleTerminal")
        self.single_terminal.setMaxLength(8)
        self.single_manager = ManagerFields("single")
        form = form_layout()
        form.addRow(self.tr("Store id"), self.store_id)
        form.addRow(self.tr("Terminal id"), self.single_terminal)
        layout = QHBoxLayout(page)  # side by side: the dialog fits 1024×768
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form, 1)
        layout.addWidget(self.single_manager, 1)
        return page

    def _enrol_page(self) -> QWidget:
        page = QWidget()
        self.scan = QLineEdit()
        self.scan.setObjectName("firstRunScan")
        self.scan.setPlaceholderText(
            self.tr("Scan the QR code on head office's Terminals page here")
        )
        self.url = QLineEdit()
        self.url.setObjectName("firstRunUrl")
        self.url.setPlaceholderText("https://hq.example.com:8600")
        self.code = QLineEdit()
        self.code.setObjectName("firstRunCode")
        self.code.setMaxLength(20)
        self.code.setPlaceholderText("K7QM2XH9TA")
        self.enrol_terminal = QLineEdit("T01")
        self.enrol_terminal.setObjectName("firstRunEnrolTerminal")
        self.enrol_terminal.setMaxLength(8)
        self.enrol_manager = ManagerFields("enrol")
        form = form_layout()
        form.addRow(self.tr("Scan"), self.scan)
        form.addRow(self.tr("Head office"), self.url)
        form.addRow(self.tr("One-time code"), self.code)
        form.addRow(self.tr("Terminal id"), self.enrol_terminal)
        layout = QHBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form, 1)
        layout.addWidget(self.enrol_manager, 1)
        return page

    def _pick(self, choice: QRadioButton) -> None:
        choice.setChecked(True)
        choice.setFocus()

    def _toggled(self, index: int, checked: bool) -> None:
        if checked:
            self.pages.setCurrentIndex(index)
            self.say("")

    def _scanned(self) -> None:
        """A scanner typed head office's QR code: fill the three fields from it."""
        text = self.scan.text().strip()
        self.scan.clear()
        if not text:
            return
        try:
            got = fr.parse_scan(text)
        except fr.ScanNotUnderstood as exc:
            self.say(user_message(exc), "error")
            return
        self.url.setText(got.url)
        self.code.setText(got.code)
        self.enrol_terminal.setText(got.terminal)
        self.say(self.tr("Scanned: head office {url}, terminal {terminal}.").format(
            url=got.url, terminal=got.terminal))  # fmt: skip
        self.enrol_manager.name.setFocus()

    # ------------------------------------------------------------- start
    def choice(self) -> fr.Mode:
        return (fr.Mode.DEMO, fr.Mode.SINGLE, fr.Mode.ENROLLED)[self.group.checkedId()]

    def submit(self) -> None:
        if self.busy:
            return
        if self.choice() is fr.Mode.ENROLLED and self.scan.text().strip():
            self._scanned()  # the scanner's Enter fills the fields; the next Enter starts
            return
        work = self._work()
        if self.choice() is fr.Mode.ENROLLED:
            self.say(self.tr("Asking head office…"))
        else:
            self.say(self.tr("Setting up…"))
        self.run(work, self._ok)

    def _work(self) -> Callable[[], fr.Outcome]:
        config, folder = self.config, self.folder
        mode = self.choice()
        if mode is fr.Mode.DEMO:
            return lambda: fr.choose_demo(config)
        if mode is fr.Mode.SINGLE:
            store, terminal = self.store_id.text(), self.single_terminal.text()
            manager = self.single_manager.value()
            return lambda: fr.set_up_single_store(
                config, folder, store_id=store, terminal_id=terminal, manager=manager
            )
        url, code, terminal = self.url.text(), self.code.text(), self.enrol_terminal.text()
        manager, sync = self.enrol_manager.value(), self._sync
        return lambda: fr.enrol_with_head_office(
            config, folder, url=url, code=code, terminal_id=terminal, manager=manager, sync=sync
        )

    def _ok(self, outcome: fr.Outcome) -> None:
        self.outcome = outcome
        emit(self.chosen, outcome)
        self.accept()

    def failed(self, exc: BaseException) -> None:
        for fields in (self.single_manager, self.enrol_manager):
            if isinstance(exc, fr.PinsDiffer):
                fields.pin.clear()
                fields.repeat.clear()
        self.show_error(exc)


def ask(config: Path, folder: Path, sync: SyncSettings | None = None) -> fr.Outcome | None:
    """Show the dialog until the till is set up (its outcome) or the user quits (None)."""
    runner = TaskRunner()
    try:
        dlg = FirstRunDialog(runner, config, folder, sync=sync)
        dlg.exec()
        return dlg.outcome
    finally:
        runner.shutdown()
