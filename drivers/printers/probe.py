"""How the configured receipt printers are, in a few words, for ``pos-member devices``.

Each printer is asked its status on a thread of its own, all at once, and
whoever has not answered by the deadline is reported as not answering: a
printer that hangs (a USB stack that never returns, an address that drops
packets) cannot hold the listing up longer than the timeout.
"""

from __future__ import annotations

import enum
import threading
import time
from dataclasses import dataclass

from drivers.printers.base import PaperState, PrinterStatus, ReceiptPrinter
from drivers.printers.factory import open_printer
from pos_member.domain.errors import (
    PrinterDisconnected,
    PrinterError,
    PrinterNotFound,
    PrinterTimeout,
    ValidationError,
)
from pos_member.domain.text import same, values

TESTED_IN = "tests/printers/test_devices_printers.py"

DEFAULT_TIMEOUT_S = 2.0


class PrinterState(enum.StrEnum):
    ONLINE = "online"
    PAPER_OUT = "paper out"
    COVER_OPEN = "cover open"
    OFFLINE = "offline"
    NOT_ANSWERING = "not answering"
    NO_STATUS = "no status"  # a file, a device node or a PDF folder cannot say
    BAD_SETTING = "bad setting"
    NOT_CONFIGURED = "not configured"


@dataclass(frozen=True, slots=True)
class PrinterProbe:
    """One configured printer: its name in the settings, its URL, and how it is."""

    name: str  # "" for the receipt printer, else its name in POS_MEMBER_RECEIPT_PRINTERS
    url: str
    state: PrinterState
    detail: str = ""

    def describe(self) -> str:
        return f"{self.state.value} ({self.detail})" if self.detail else self.state.value


def state_of(status: PrinterStatus) -> tuple[PrinterState, str]:
    """The state a status answer comes to, worst first (as ``PrinterStatus.problem``)."""
    if not status.reported:
        return PrinterState.NO_STATUS, "this kind of printer cannot report its state"
    if status.paper is PaperState.OUT:
        return PrinterState.PAPER_OUT, "load a new roll"
    if status.cover_open:
        return PrinterState.COVER_OPEN, "close the cover"
    if status.online is False or status.error:
        return PrinterState.OFFLINE, "switched off or in an error state"
    if status.paper is PaperState.NEAR_END:
        return PrinterState.ONLINE, "paper near end"
    return PrinterState.ONLINE, ""


def _ask(printer: ReceiptPrinter) -> tuple[PrinterState, str]:
    try:
        return state_of(printer.status())
    except PrinterTimeout:
        return PrinterState.NOT_ANSWERING, _no_answer(printer.timeout)
    except PrinterNotFound as exc:
        # The detail is a template of its own ("cannot open {path}"): filled, in English.
        detail = values(exc.params, same, exc.phrases).get("detail", "")
        return PrinterState.NOT_ANSWERING, f"cannot be reached: {detail}"
    except PrinterDisconnected:
        return PrinterState.NOT_ANSWERING, "it dropped the connection"
    except PrinterError as exc:
        return PrinterState.NOT_ANSWERING, exc.message
    except Exception as exc:  # a driver library failing its own way: still an answer to show
        return PrinterState.NOT_ANSWERING, f"{type(exc).__name__}: {exc}"


def _no_answer(seconds: float) -> str:
    return f"no answer within {seconds:g} s"


def probe_printers(targets: list[tuple[str, str]], timeout: float) -> list[PrinterProbe]:
    """The state of each ``(name, url)``, in order, within about ``timeout`` seconds in all."""
    if timeout <= 0:
        raise ValueError("the timeout must be positive")
    results: list[tuple[PrinterState, str] | None] = [None] * len(targets)
    threads: list[threading.Thread | None] = []
    for i, (name, url) in enumerate(targets):
        if not url.strip():
            results[i] = (PrinterState.NOT_CONFIGURED, "")
            threads.append(None)
            continue
        try:
            printer = open_printer(url, name=name or None, timeout=timeout)
        except ValidationError as exc:
            results[i] = (PrinterState.BAD_SETTING, exc.message)
            threads.append(None)
            continue
        # A timeout in the URL is for printing; asking the status gets the short one.
        printer.timeout = min(printer.timeout, timeout)

        def run(i: int = i, printer: ReceiptPrinter = printer) -> None:
            results[i] = _ask(printer)

        # Daemon: a status call stuck in a driver must not keep the command alive.
        thread = threading.Thread(target=run, name=f"printer-probe {i}", daemon=True)
        thread.start()
        threads.append(thread)
    # The printers' own deadlines end their calls at ``timeout``; the grace covers
    # connecting and closing around them.
    deadline = time.monotonic() + timeout + 0.5
    for asking in threads:
        if asking is not None:
            asking.join(max(0.0, deadline - time.monotonic()))
    out = []
    for (name, url), answer in zip(targets, results, strict=True):
        state, detail = answer or (PrinterState.NOT_ANSWERING, _no_answer(timeout))
        out.append(PrinterProbe(name, url, state, detail))
    return out
