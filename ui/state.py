"""What the sale screen shows, in one place, and the one broadcast of what changed.

The window applies each operation's result here with one ``apply`` call; the
state keeps the values and emits ``changed`` once with an ``OpChanges`` saying
which parts moved (Anki's ``OpChanges`` and ``operation_did_execute``). Each
widget of the screen (cart, totals, member panel, status bar items) listens and
repaints only the parts it shows; the window never calls a repaint by hand.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, fields

from PySide6.QtCore import QObject, Signal

from ui.draft import Draft
from ui.qtcompat import emit
from ui.views import MemberView, PaymentResult, SaleView, SyncView


@dataclass(frozen=True, slots=True)
class OpChanges:
    """Which parts of the screen an operation changed."""

    cart: bool = False  # the draft, its priced lines and totals
    member: bool = False  # the member on the sale (or none)
    held: bool = False  # how many held sales wait at this till
    shift: bool = False  # the till's shift was opened or closed
    sync: bool = False  # the link to head office, the clock, the disk
    printer: bool = False  # the receipt printer's state
    change: bool = False  # the last sale's change is shown (or no longer)

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))


class PrinterState(enum.Enum):
    NONE = "none"  # no printer set up (yet)
    READY = "ready"
    PRINTING = "printing"
    FAILED = "failed"


class Keep:
    """``apply``'s "not given" (``None`` is a value: no member)."""


KEEP = Keep()


class ScreenState(QObject):
    """The sale screen's values; ``changed(OpChanges)`` after each ``apply``."""

    changed = Signal(object)  # OpChanges

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.draft = Draft()
        self.sale = SaleView.empty()
        self.member: MemberView | None = None
        self.held_waiting = 0
        self.sync: SyncView | None = None
        self.printer = PrinterState.NONE
        self.shift_id: int | None = None
        self.paid: PaymentResult | None = None  # the last sale's payment, while its change shows

    def apply(
        self,
        *,
        draft: Draft | Keep = KEEP,
        sale: SaleView | Keep = KEEP,
        member: MemberView | Keep | None = KEEP,
        held: int | Keep = KEEP,
        sync: SyncView | Keep = KEEP,
        printer: PrinterState | Keep = KEEP,
        shift_id: int | Keep | None = KEEP,
        paid: PaymentResult | Keep | None = KEEP,
    ) -> OpChanges:
        """Take the values given, then broadcast once what they changed."""
        if not isinstance(draft, Keep):
            self.draft = draft
        if not isinstance(sale, Keep):
            self.sale = sale
        if not isinstance(member, Keep):
            self.member = member
        if not isinstance(held, Keep):
            self.held_waiting = int(held)
        if not isinstance(sync, Keep):
            self.sync = sync
        if not isinstance(printer, Keep):
            self.printer = printer
        if not isinstance(shift_id, Keep):
            self.shift_id = shift_id
        paid_changed = not isinstance(paid, Keep)
        if not isinstance(paid, Keep):
            self.paid = paid
        elif self.paid is not None and (
            (not isinstance(sale, Keep) and sale.lines)
            or (not isinstance(member, Keep) and member is not None)
        ):
            self.paid = None  # a line or the next customer's card starts the next sale
            paid_changed = True
        changes = OpChanges(
            cart=not isinstance(sale, Keep),
            member=not isinstance(member, Keep),
            held=not isinstance(held, Keep),
            shift=not isinstance(shift_id, Keep),
            sync=not isinstance(sync, Keep),
            printer=not isinstance(printer, Keep),
            change=paid_changed,
        )
        if changes:
            emit(self.changed, changes)
        return changes
