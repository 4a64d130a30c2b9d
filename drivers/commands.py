"""``pos-member devices``: list the readers, scanners and receipt printers, or watch events.

The first thing support staff run at a new counter::

    pos-member devices                       # what is plugged in, is pcscd running,
                                             # does the receipt printer answer?
    pos-member devices --watch               # one JSON line per event until Ctrl-C
    pos-member devices --watch --count 1 --timeout 30 --serial /dev/ttyACM0
    pos-member devices --watch --keyboard    # scan into the terminal: scan or typed?

Settings come from the environment (``POS_MEMBER_DEVICES_*``, see
``drivers.settings``; printers ``POS_MEMBER_RECEIPT_PRINTER`` and
``POS_MEMBER_RECEIPT_PRINTERS``, see ``pos_member.receipts.settings``); the
options below override the few that matter here. Printers are asked their
status all at once, and one that does not answer within ``--printer-timeout``
seconds is listed as not answering.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import queue
import select
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from smartcard import scard

from drivers.assembly import assemble
from drivers.base import CardRead, ReaderError, ScanRead
from drivers.printers.probe import DEFAULT_TIMEOUT_S, PrinterProbe, probe_printers
from drivers.settings import CardMode, DeviceSettings
from drivers.wedge import KeyboardWedgeDriver
from pos_member.receipts.settings import ReceiptSettings

_SERIAL_GLOBS = ("/dev/serial/by-id/*", "/dev/ttyACM*", "/dev/ttyUSB*")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "devices",
        help="list card readers, scanners and receipt printers, or watch reader events",
        description=(
            "List card readers, scanners and the configured receipt printers with their "
            "status; with --watch print one JSON line per reader or scanner event."
        ),
    )
    parser.add_argument("--watch", action="store_true", help="print events as JSON lines")
    parser.add_argument("--count", type=int, help="stop after this many events")
    parser.add_argument("--timeout", type=float, help="stop after this many seconds")
    parser.add_argument("--mode", choices=[m.value for m in CardMode], help="card mode override")
    parser.add_argument(
        "--reader", action="append", help="only PC/SC readers with this in the name"
    )
    parser.add_argument("--serial", help="also watch a serial scanner on this port")
    parser.add_argument("--baud", type=int, help="serial scanner speed")
    parser.add_argument(
        "--keyboard",
        action="store_true",
        help="also watch keyboard scanners: scan into this terminal (with --watch)",
    )
    parser.add_argument(
        "--printer-timeout",
        type=float,
        default=DEFAULT_TIMEOUT_S,
        metavar="SECONDS",
        help=f"wait this long for printers to answer (default {DEFAULT_TIMEOUT_S:g})",
    )
    parser.set_defaults(func=run)


def _settings(args: argparse.Namespace) -> DeviceSettings:
    settings = DeviceSettings()
    updates: dict[str, Any] = {}
    if args.mode:
        updates["card_mode"] = CardMode(args.mode)
    if args.reader:
        updates["pcsc_readers"] = args.reader
    if args.serial:
        updates["serial_port"] = args.serial
    if args.baud:
        updates["serial_baud"] = args.baud
    return settings.model_copy(update=updates)


def pcsc_readers() -> tuple[list[str], str | None]:
    """Reader names, or an explanation when pcscd cannot be reached."""
    hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if hresult != scard.SCARD_S_SUCCESS:
        return [], "pcscd is not running (start it: systemctl start pcscd)"
    try:
        hresult, names = scard.SCardListReaders(context, [])
        if hresult == scard.SCARD_E_NO_READERS_AVAILABLE:
            return [], None
        if hresult != scard.SCARD_S_SUCCESS:
            return [], str(scard.SCardGetErrorMessage(hresult))
        return list(names), None
    finally:
        scard.SCardReleaseContext(context)


def serial_ports() -> list[str]:
    found: list[str] = []
    for pattern in _SERIAL_GLOBS:
        folder, _, glob = pattern.rpartition("/")
        base = Path(folder)
        if base.is_dir():
            found.extend(str(p) for p in sorted(base.glob(glob)))
    return found


def _list(settings: DeviceSettings, printer_timeout: float = DEFAULT_TIMEOUT_S) -> int:
    readers, problem = pcsc_readers()
    print(f"Card mode: {settings.card_mode.value}")
    print("PC/SC card readers:")
    if problem:
        print(f"  ! {problem}")
    elif not readers:
        print("  (none: plug in the reader, or check `pcsc_scan`)")
    for name in readers:
        print(f"  {name}")
    print("Serial ports:")
    ports = serial_ports()
    if settings.serial_port and settings.serial_port not in ports:
        state = "present" if os.path.exists(settings.serial_port) else "missing"
        print(f"  {settings.serial_port} (configured, {state})")
    for port in ports:
        mark = " (configured)" if port == settings.serial_port else ""
        print(f"  {port}{mark}")
    if not ports and not settings.serial_port:
        print("  (none)")
    print("Keyboard scanners: type into the cashier app (they are keyboards)")
    print("Receipt printers:")
    for line in printer_lines(printer_timeout):
        print(f"  {line}")
    return 0


def printer_lines(timeout: float) -> list[str]:
    """One line per configured receipt printer with its state, within about ``timeout`` s."""
    try:
        rs = ReceiptSettings()
    except ValueError as exc:  # pydantic's ValidationError: a malformed POS_MEMBER_RECEIPT_*
        return [f"! bad receipt settings: {exc}"]
    targets = [("", rs.printer), *sorted(rs.printers.items())]
    return [_printer_line(p) for p in probe_printers(targets, timeout)]


def _printer_line(probe: PrinterProbe) -> str:
    if not probe.url:
        if probe.name:
            return f"{probe.name}: not configured (empty URL)"
        return (
            "receipt printer: not configured (set POS_MEMBER_RECEIPT_PRINTER; until then "
            "the cashier app saves receipts as PDF files next to its database)"
        )
    label = f"{probe.name}: " if probe.name else "receipt printer: "
    return f"{label}{probe.url} - {probe.describe()}"


class _QueueListener:
    """Collects events from every driver thread for the printing (main) thread."""

    def __init__(self) -> None:
        self.events: queue.Queue[dict[str, object]] = queue.Queue()

    def on_card_present(self, read: CardRead) -> None:
        self.events.put({"event": "card_present", **read.as_dict()})

    def on_card_removed(self, reader: str) -> None:
        self.events.put({"event": "card_removed", "reader": reader})

    def on_reader_added(self, reader: str) -> None:
        self.events.put({"event": "reader_added", "reader": reader})

    def on_reader_removed(self, reader: str) -> None:
        self.events.put({"event": "reader_removed", "reader": reader})

    def on_scan(self, scan: ScanRead) -> None:
        self.events.put({"event": "scan", **scan.as_dict()})

    def on_error(self, error: ReaderError) -> None:
        self.events.put({"event": "error", **error.as_dict()})


@contextlib.contextmanager
def _keys_one_by_one(fd: int) -> Iterator[None]:
    """Terminal in cbreak mode (no line editing, no echo) while watching, restored after."""
    if not os.isatty(fd):
        yield
        return
    import termios  # POSIX only: imported here so that the command loads everywhere
    import tty

    saved = termios.tcgetattr(fd)
    tty.setcbreak(fd)
    try:
        yield
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


def _pump_keys(fd: int, wedge: KeyboardWedgeDriver, stop: threading.Event) -> None:
    """Forward the terminal's keys with their arrival time, as the app's key filter does."""
    while not stop.is_set():
        ready, _, _ = select.select([fd], [], [], 0.1)
        if not ready:
            continue
        data = os.read(fd, 256)
        if not data:
            return
        now = time.monotonic()
        for ch in data.decode("utf-8", errors="replace"):
            wedge.feed_key(ch, now)


def _watch(
    settings: DeviceSettings, count: int | None, timeout: float | None, keyboard: bool = False
) -> int:
    listener = _QueueListener()
    try:
        devices = assemble(listener, settings, keyboard=keyboard, strict=True)
    except ValueError as exc:
        print(f"pos-member devices: {exc}", file=sys.stderr)
        return 2
    wedge = devices.wedge
    devices.start()
    stop_keys = threading.Event()
    fd = sys.stdin.fileno()
    with _keys_one_by_one(fd) if wedge else contextlib.nullcontext():
        if wedge is not None:
            threading.Thread(
                target=_pump_keys, args=(fd, wedge, stop_keys), name="stdin-keys", daemon=True
            ).start()
        try:
            return _print_events(listener, count, timeout)
        finally:
            stop_keys.set()
            devices.stop()


def _print_events(listener: _QueueListener, count: int | None, timeout: float | None) -> int:
    printed = 0
    deadline = None if timeout is None else time.monotonic() + timeout
    try:
        while count is None or printed < count:
            wait = None if deadline is None else deadline - time.monotonic()
            if wait is not None and wait <= 0:
                break
            try:
                event = listener.events.get(timeout=wait if wait is not None else 0.5)
            except queue.Empty:
                continue
            print(json.dumps(event, ensure_ascii=False), flush=True)
            printed += 1
    except KeyboardInterrupt:
        pass
    return 1 if count is not None and printed < count else 0


def run(args: argparse.Namespace) -> int:
    try:
        settings = _settings(args)
    except ValueError as exc:
        print(f"pos-member devices: bad settings: {exc}", file=sys.stderr)
        return 2
    if args.watch:
        return _watch(settings, args.count, args.timeout, keyboard=args.keyboard)
    if not args.printer_timeout > 0:
        print("pos-member devices: --printer-timeout must be more than 0 seconds", file=sys.stderr)
        return 2
    return _list(settings, args.printer_timeout)
