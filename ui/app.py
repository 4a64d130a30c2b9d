"""Starts the cashier application: settings, store, drivers, login, sale screen.

``run_app`` is what ``pos-member`` (and ``make run``) call with no
sub-command. With no configuration it opens the embedded default: a demo
SQLite store under the platform's data directory, seeded on first run, the
simulated card reader, and any PC/SC reader that is plugged in. The store is
opened on the database lane while the login dialog is already on screen, so
the cashier never waits on a blank window.
"""

from __future__ import annotations

import argparse
import gc
import logging
import logging.handlers
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from drivers.settings import DeviceSettings
from pos_member.config import Config, as_config, settings_file
from pos_member.domain.scale import DEFAULT_SCALE_LAYOUTS, ScaleLayout
from pos_member.settings import Settings, default_db_path
from ui.bridge import ReaderBridge
from ui.errors import install_excepthooks
from ui.i18n import apply_style, fit_scale, install_translations
from ui.qtcompat import emit
from ui.settings import UiSettings
from ui.tasks import DB, PRINT, TaskRunner

if TYPE_CHECKING:
    from drivers.assembly import Devices
    from drivers.base import CardReaderDriver
    from drivers.printers.base import ReceiptPrinter
    from drivers.simulated import SimulatedReaderDriver
    from drivers.wedge import KeyboardWedgeDriver
    from pos_member.services.context import Context, StaffSession
    from pos_member.sync.client import SyncState
    from ui.backend import Backend
    from ui.customer_display import CustomerDisplay
    from ui.login import LoginDialog
    from ui.main_window import CashierWindow
    from ui.printing import Printing
    from ui.single import SingleInstance

log = logging.getLogger(__name__)

DEMO_MEMBERS = 2_000
DEMO_PRODUCTS = 300
DEMO_DAYS = 3


@dataclass(frozen=True, slots=True)
class AppConfig:
    """Every settings class the cashier app uses, read once at start-up.

    The core's bundle (``pos_member.config.Config``: terminal, sync, receipts)
    beside the drivers' and the screens' settings, which the core may not import.
    """

    core: Config
    devices: DeviceSettings
    ui: UiSettings

    @classmethod
    def read(
        cls, db_path: Path | str | None = None, *, env_file: Path | bool | None = True
    ) -> AppConfig:
        """Read the environment and the app's config file once (``Config.read``);
        ``db_path`` (``--db``) overrides the database file."""
        file = settings_file(env_file)
        return cls(
            Config.read(db_path, env_file=file),
            DeviceSettings(_env_file=file),  # type: ignore[call-arg]
            UiSettings(_env_file=file),  # type: ignore[call-arg]
        )

    @classmethod
    def of(
        cls,
        settings: Settings | Config,
        ui: UiSettings,
        devices: DeviceSettings | None = None,
    ) -> AppConfig:
        """The bundle around settings a caller built (tests); what is missing is read here."""
        return cls(as_config(settings), devices if devices is not None else DeviceSettings(), ui)


def open_backend(
    settings: Settings | Config,
    *,
    seed_if_new: bool = True,
    printer: ReceiptPrinter | None = None,
    defer_printing: bool = False,
    scale_layouts: tuple[ScaleLayout, ...] = DEFAULT_SCALE_LAYOUTS,
    **backend_kw: Any,
) -> Backend:
    """Open (and on first run seed) the terminal store; returns a ``ui.backend.Backend``.

    Runs on the database lane: opening migrates the file, seeding writes it.
    ``printer`` (a ``drivers.printers`` printer) overrides the configured one;
    ``defer_printing`` leaves the printer to be opened later (it loads fonts).
    ``scale_layouts`` are the store's scale labels (``DeviceSettings.scale_layouts``).
    """
    from pos_member.bootstrap import open_terminal
    from ui.backend import Backend

    config = as_config(settings)
    path = Path(config.terminal.db_path)
    # Only the embedded demo (no store configured) is seeded on first run; a configured
    # store that is missing is refused with its name and what to do, never replaced.
    demo = seed_if_new and is_demo(config.terminal)
    if demo and not path.exists():
        seed_demo_store(path, config.terminal)
    terminal = open_terminal(config, create=False, scale_layouts=scale_layouts)
    if printer is not None:
        from ui.printing import Printing

        backend_kw["printing"] = Printing(terminal.ctx, printer, config.receipt)
    elif "printing" not in backend_kw and not defer_printing:
        backend_kw["printing"] = open_printing(terminal.ctx, config)
    backend = Backend(terminal.ctx, terminal=terminal, **backend_kw)
    backend.warm_up()
    return backend


def is_demo(settings: Settings) -> bool:
    """The embedded demo: no store configured, the default path under the data directory."""
    return Path(settings.db_path) == default_db_path()


def open_printing(ctx: Context, config: Config) -> Printing | None:
    """The configured receipt printer (PDFs next to the database when none is set)."""
    from ui.printing import Printing

    try:
        return Printing.from_settings(ctx, config.receipt)
    except Exception:
        log.warning("receipt printer could not be opened", exc_info=True)
        return None


def seed_demo_store(path: Path, settings: Settings) -> None:
    """A small demo store for a first run with no configuration (pos_member's seed)."""
    from pos_member.seed.demo import seed_demo

    log.info("first run: seeding a demo store at %s", path)
    path.parent.mkdir(parents=True, exist_ok=True)
    seed_demo(
        path,
        members=DEMO_MEMBERS,
        products=DEMO_PRODUCTS,
        days=DEMO_DAYS,
        settings=settings,
    )


def settle_heap() -> None:
    """Collect once, then freeze what is alive into the permanent generation.

    Everything built at start-up (modules, table metadata, rules, widgets) lives
    as long as the app; left in the collector's care, a full collection walks
    it all and holds the GIL long enough to freeze the screen (measured: 230 ms
    on a large heap). Frozen, it is never walked again.
    """
    gc.collect()
    gc.freeze()


def setup_logging(settings: Settings) -> None:
    """A rotating log file next to the database, on top of what the CLI set up."""
    log_dir = Path(settings.db_path).parent / "logs"
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            log_dir / "cashier.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        log.warning("cannot write logs under %s", log_dir)
        return
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    # A module imported before the CLI may have configured logging at WARNING; the
    # cashier's log keeps INFO (first run, store opened, printer and sync problems).
    if root.level == logging.NOTSET or root.level > logging.INFO:
        root.setLevel(logging.INFO)


class CashierApp(QObject):
    """Owns the runner, the drivers and the windows for one run of the app."""

    notice = Signal(str)  # uncaught errors from any thread
    sync_state = Signal(object)  # the sync thread's SyncState, on the GUI thread
    ready = Signal(object)  # the backend, once the store is open
    window_shown = Signal(object)

    def __init__(
        self,
        settings: Settings | Config | AppConfig,
        ui_settings: UiSettings | None = None,
        *,
        backend_factory: Callable[[], Backend] | None = None,
        start_drivers: bool = True,
        device_settings: DeviceSettings | None = None,
    ) -> None:
        super().__init__()
        if isinstance(settings, AppConfig):
            self.config = settings
        else:
            assert ui_settings is not None, "bare settings come with the screens' settings"
            self.config = AppConfig.of(settings, ui_settings, device_settings)
        self.settings = self.config.core.terminal
        self.ui_settings = self.config.ui
        self.runner = TaskRunner(self)
        self.bridge = ReaderBridge(self)
        self.backend: Backend | None = None
        self._opened: Backend | None = None  # set on the database lane (``_open_store``)
        self.window: CashierWindow | None = None
        self.display: CustomerDisplay | None = None
        self.login_dialog: LoginDialog | None = None
        # Device settings read once: the drivers and the store's scale layouts both use them.
        self.device_settings = self.config.devices
        self.devices: Devices | None = None
        self._last_uid = "04A1B2C3"  # the demo seed's first chip card
        self.demo = False  # the embedded demo store (default path, not enrolled)
        layouts = self.device_settings.scale_layouts()
        core = self.config.core
        self._backend_factory = backend_factory or (
            lambda: open_backend(core, defer_printing=True, scale_layouts=layouts)
        )
        self._deferred_printing = backend_factory is None
        self._start_drivers = start_drivers
        self._pending_notice: list[str] = []
        self.notice.connect(self._show_notice)
        self.sync_state.connect(self._sync_changed)

    # ------------------------------------------------------------- start
    def start(self) -> None:
        self.runner.submit(DB, self._open_store, self._backend_ready, self._backend_failed)
        if self._start_drivers:
            self._open_drivers()
        self.show_login()

    def _open_store(self) -> Backend:
        # On the database lane. Kept here too: a login typed while the store was opening
        # runs next on this lane, before the GUI thread has seen ``_backend_ready``.
        backend = self._backend_factory()
        self._opened = backend
        return backend

    def _backend_ready(self, backend: Backend) -> None:
        self.backend = backend
        if self.devices is not None and backend.card_rule is not None:
            self.devices.use_card_rule(backend.card_rule)  # scans and the scan field agree
        enrolled = False
        if self._start_drivers:
            enrolled = backend.start_sync(lambda state: emit(self.sync_state, state))
        self.demo = not enrolled and is_demo(self.settings)
        if self.demo and self.login_dialog is not None:
            self.login_dialog.show_demo_hint()
        if self._deferred_printing:
            # Fonts and the printer open on the print lane: the login does not wait.
            self.runner.submit(
                PRINT,
                lambda: open_printing(backend.ctx, self.config.core),
                self._printing_ready,
                self._no_printing,
            )
        emit(self.ready, backend)

    def _printing_ready(self, printing: Printing | None) -> None:
        if printing is None or self.backend is None:
            return
        self.backend.printing = printing
        if self.window is not None:
            self.window.attach_printing(printing)

    def _no_printing(self, exc: BaseException) -> None:
        log.warning("receipt printer not available", exc_info=exc)

    def _backend_failed(self, exc: BaseException) -> None:
        from ui.errors import user_message

        text = user_message(exc)
        if self.login_dialog is not None:
            self.login_dialog.message.setText(text)
        log.error("the terminal store could not be opened")

    def _login(self, staff_id: str, pin: str) -> StaffSession:
        # Runs on the database lane, after the store was opened there.
        backend = self.backend or self._opened
        if backend is None:
            from pos_member.domain.errors import ValidationError

            raise ValidationError(field="store", problem="the terminal database is not open")
        return backend.login(staff_id, pin)

    def show_login(self, locked_staff: str | None = None) -> None:
        from ui.login import LoginDialog

        parent = self.window if locked_staff else None
        dlg = LoginDialog(self.runner, self._login, parent, locked_staff=locked_staff)
        if self.demo and locked_staff is None:
            dlg.show_demo_hint()
        dlg.logged_in.connect(self._logged_in)
        if locked_staff is None:
            dlg.rejected.connect(self._quit)
        self.login_dialog = dlg
        dlg.show()
        dlg.raise_()
        dlg.activateWindow()

    def _quit(self) -> None:
        if self.window is None:
            app = QApplication.instance()
            if app is not None:
                app.quit()

    def _logged_in(self, staff: StaffSession) -> None:
        if self.window is not None:
            self.window.staff = staff
            self.window.unlocked()
            return
        from ui.customer_display import CustomerDisplay
        from ui.main_window import CashierWindow

        assert self.backend is not None, "a login needs the open store (_login)"
        self.window = CashierWindow(self.backend, self.runner, self.bridge, staff)
        self.window.lock_requested.connect(self._lock)
        if self.wedge is not None:
            self.window.enable_wedge(self.wedge)
        if self.simulated is not None:
            self._demo_tap_key(self.window)
        for text in self._pending_notice:
            self.window.show_message(text, "error")
        self._pending_notice.clear()
        if self.ui_settings.customer_display:
            self.display = CustomerDisplay()
            self.display.follow(self.window)
            self.display.show_on_second_screen()
        if self.ui_settings.full_screen:
            self.window.showFullScreen()
        else:
            self.window.showMaximized()  # the sale screen fits 1024×768 and up
        settle_heap()
        emit(self.window_shown, self.window)

    def _demo_tap_key(self, window: CashierWindow) -> None:
        """Ctrl+Shift+T: tap a card on the simulated reader (demos and training, no hardware)."""
        from PySide6.QtGui import QKeySequence, QShortcut

        def ask() -> None:
            dlg = simulated_tap_dialog(self._last_uid, window)
            dlg.accepted_text.connect(self.tap)
            dlg.open()

        sc = QShortcut(QKeySequence("Ctrl+Shift+T"), window)
        sc.activated.connect(ask)

    def tap(self, uid: str) -> None:
        if self.simulated is not None and uid.strip():
            self._last_uid = uid.strip()
            self.simulated.tap(self._last_uid)

    def _sync_changed(self, state: SyncState) -> None:
        if self.backend is None:
            return
        self.backend.set_online(bool(state.online))
        if self.window is not None:
            self.window.render_sync(self.backend.sync_view(state))

    def _lock(self) -> None:
        if self.window is not None:
            self.show_login(locked_staff=self.window.staff.staff_id)

    def _show_notice(self, text: str) -> None:
        if self.window is not None:
            self.window.show_message(text, "error")
        else:
            self._pending_notice.append(text)

    # ------------------------------------------------------------ drivers
    def _open_drivers(self) -> None:
        from drivers.assembly import assemble
        from drivers.base import SafeListener

        self.devices = assemble(
            SafeListener(self.bridge),
            self.device_settings,
            pcsc=self.ui_settings.pcsc,
            simulated=self.ui_settings.simulated_reader,
        )
        self.devices.start()

    @property
    def drivers(self) -> list[CardReaderDriver]:
        return list(self.devices.drivers) if self.devices is not None else []

    @property
    def simulated(self) -> SimulatedReaderDriver | None:
        """The simulated reader, in demo and training set-ups."""
        return self.devices.simulated if self.devices is not None else None

    @property
    def wedge(self) -> KeyboardWedgeDriver | None:
        """Scanner keys typed outside the scan field go to this driver."""
        return self.devices.wedge if self.devices is not None else None

    def bring_to_front(self) -> None:
        """Another copy of the app was started on this till: show this one instead."""
        login = self.login_dialog
        shown: QWidget | None = login if login is not None and login.isVisible() else self.window
        if shown is None:
            return
        if shown.isMinimized():
            shown.showNormal()
        shown.raise_()
        shown.activateWindow()

    def shutdown(self) -> None:
        if self.devices is not None:
            self.devices.stop(timeout=1.0)
        if self.display is not None:
            self.display.close()
        self.runner.shutdown()
        if self.backend is not None:
            self.backend.close()


def claim_the_till(app: QApplication, db_path: Path) -> SingleInstance | int:
    """One app per till database: the listener when this copy may run; else the exit
    code, after bringing the running copy to the front (or saying the database is in
    use by another copy)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    from ui.errors import user_message
    from ui.single import DatabaseClaim, SingleInstance, StoreInUse

    single = SingleInstance(db_path, app)
    if not single.first():
        log.info("the cashier app is already open for %s: brought it to the front", db_path)
        box = QMessageBox(
            QMessageBox.Icon.Information,
            QCoreApplication.translate("CashierApp", "Cashier app"),
            QCoreApplication.translate(
                "CashierApp", "The cashier app is already open on this till: it is in front now."
            ),
        )
        QTimer.singleShot(4000, box.accept)
        box.exec()
        return 0
    claim = DatabaseClaim(db_path)
    try:
        claim.take()
    except StoreInUse as exc:
        log.error("%s", exc.message)
        QMessageBox.critical(
            None, QCoreApplication.translate("CashierApp", "Cashier app"), user_message(exc)
        )
        return 2
    app.aboutToQuit.connect(claim.release)
    app.aboutToQuit.connect(single.close)
    return single


def run_app(args: argparse.Namespace) -> int:
    """Open the cashier app; returns the exit code of the event loop.

    ``--demo`` (what ``make run`` passes) opens the embedded demo store without the
    config file or a question; with no configuration at all the first run asks once
    which till this is (``ui.first_run``)."""
    from pos_member import first_run

    demo = bool(getattr(args, "demo", False))
    db = getattr(args, "db", None)
    ask = not demo and db is None and first_run.needs_first_run()
    config = AppConfig.read(db, env_file=not demo)
    ui_settings = config.ui
    setup_logging(config.core.terminal)
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("pos-member")
    from ui.qtcompat import bindings_drop_references

    if bindings_drop_references():
        log.error(
            "this PySide6 build loses references on every call and will crash the app; "
            "install another version (pyproject.toml excludes PySide6 6.12.0)"
        )
    install_translations(app, ui_settings.language)
    apply_style(app, ui_settings.font_scale, fit_scale(app))  # a short screen: smaller
    if ask:
        from ui.first_run import ask as ask_which_till

        outcome = ask_which_till(first_run.config_file(), first_run.data_dir(), config.core.sync)
        if outcome is None:
            log.info("first run: the user quit before choosing")
            return 0
        config = AppConfig.read(db)
    single = claim_the_till(app, Path(config.core.terminal.db_path))
    if isinstance(single, int):
        return single
    cashier = CashierApp(config)
    single.activated.connect(cashier.bring_to_front)
    install_excepthooks(lambda text: emit(cashier.notice, text))
    app.aboutToQuit.connect(cashier.shutdown)
    cashier.start()
    return app.exec()


def simulated_tap_dialog(last_uid: str, parent: QWidget | None) -> Any:
    """Ctrl+Shift+T's question: the UID of the card to tap on the simulated reader."""
    from ui.widgets import NumberDialog

    dlg = NumberDialog(
        QCoreApplication.translate("CashierWindow", "Simulated reader"),
        QCoreApplication.translate("CashierWindow", "Card UID (hex)"),
        last_uid,
        parent,
    )
    dlg.setObjectName("simulatedTapDialog")
    # The title in the dialog too: full screen, the window's frame may not show it.
    heading = QLabel(dlg.windowTitle())
    heading.setObjectName("simulatedTapHeading")
    heading.setStyleSheet("font-weight: bold;")
    layout = dlg.layout()
    if isinstance(layout, QVBoxLayout):
        layout.insertWidget(0, heading)
    return dlg
