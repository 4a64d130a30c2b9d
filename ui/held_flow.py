"""F8 on the sale screen: hold the sale on screen, or recall (and discard) a held one.

A small controller of the cashier window: it runs the held-sales operations on
the database lane and applies their results to the screen's state (one
broadcast each), so the cart, the member panel and the status bar's held count
repaint themselves.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer

from pos_member.domain.errors import HeldSaleGone, NotAllowed
from pos_member.services.context import Approval
from ui.draft import Draft
from ui.errors import user_message
from ui.tasks import DB, Op
from ui.views import HeldView, MemberView, RecalledView
from ui.widgets import SupervisorDialog, enter_safe

if TYPE_CHECKING:
    from ui.held import HeldSalesDialog
    from ui.main_window import CashierWindow

log = logging.getLogger(__name__)


class HeldSalesFlow(QObject):
    def __init__(self, window: CashierWindow) -> None:
        super().__init__(window)
        self.w = window
        self.busy = False  # a hold, list or recall is on its way
        self._timer = QTimer(self)  # F8 while a scan is still coming back: try again
        self._timer.setSingleShot(True)
        self._timer.setInterval(25)
        self._timer.timeout.connect(self._again)

    def refresh(self) -> None:
        """Ask the store how many held sales wait at this till (status bar)."""
        Op(self.w.runner, self.w.backend.held_count, owner=self.w).success(self._counted).failure(
            lambda exc: log.warning("held sales not counted: %s", exc)
        ).run()

    def _counted(self, waiting: int) -> None:
        self.w.state.apply(held=waiting)

    def f8(self) -> None:
        """Hold the sale on screen; on an empty sale, recall a held one."""
        w = self.w
        if self.busy or w.dialog_open():
            return
        if w.runner.pending_on(DB):
            # A scan or a price change is still coming back: hold the sale once it is
            # on screen, so that nothing scanned before F8 is left out of it.
            self.busy = True
            self._timer.start()
            return
        if not w.draft.empty:
            self._hold(w.draft, w.member)
            return
        self.busy = True
        Op(w.runner, w.backend.held_sales, owner=w).success(self._listed).failure(
            self._failed_plain
        ).run()

    def _again(self) -> None:
        self.busy = False
        self.f8()

    def _hold(self, draft: Draft, member: MemberView | None) -> None:
        """The sale leaves the screen at once (the next customer can be rung up) and is
        written to the store on the database lane; if that fails it comes back."""
        w = self.w
        self.busy = True
        w.new_sale()
        w.show_message(self.tr("Holding the sale…"))
        Op(w.runner, lambda: w.backend.hold_sale(w.staff, draft), owner=w).success(
            self._held
        ).failure(lambda exc: self._hold_refused(draft, member, exc)).run()

    def _held(self, waiting: int) -> None:
        self.busy = False
        self.w.state.apply(held=waiting)
        self.w.show_message(
            self.tr("Sale held ({n} waiting). F8 on an empty sale recalls it.").format(n=waiting),
            "ok",
        )

    def _hold_refused(self, draft: Draft, member: MemberView | None, exc: BaseException) -> None:
        self.busy = False
        text = user_message(exc)
        w = self.w
        if w.draft.empty and w.member is None:
            w.state.apply(draft=draft, member=member)
            w.reprice(draft)
            text += " " + self.tr("The sale is back on screen.")
        w.show_message(text, "error")

    def _failed_plain(self, exc: BaseException) -> None:
        self.busy = False
        self.w.show_error(exc)

    def _listed(self, rows: list[HeldView]) -> None:
        self.busy = False
        w = self.w
        w.state.apply(held=len(rows))
        if not w.draft.empty:
            return  # the cashier started a sale meanwhile: F8 now holds it
        if not rows:
            w.show_message(self.tr("No sale is held."), "error")
            return
        if len(rows) == 1:
            self.recall(rows[0].sale_id)
            return
        from ui.held import HeldSalesDialog

        dlg = HeldSalesDialog(rows, w)
        dlg.recall_chosen.connect(self.recall)
        dlg.discard_chosen.connect(lambda sid: self._discard(dlg, sid))
        w.open_dialog(dlg)

    def recall(self, sale_id: str) -> None:
        self.busy = True
        w = self.w
        w.show_message(self.tr("Recalling the held sale…"))
        Op(w.runner, lambda: w.backend.recall_held(sale_id), owner=w).success(
            self._recalled
        ).failure(self._recall_failed).run()

    def _recalled(self, r: RecalledView) -> None:
        self.busy = False
        w = self.w
        w.state.apply(draft=r.draft, member=r.member, sale=r.sale, held=r.waiting)
        notes: list[str] = []
        for code in r.dropped:
            notes.append(
                self.tr("Product {code} no longer exists: its line was left out.").format(code=code)
            )
        if r.coupons_dropped:
            notes.append(
                self.tr("Coupon {codes} no longer applies and was taken off.").format(
                    codes="、".join(r.coupons_dropped)
                )
            )
        if r.member_lost:
            notes.append(self.tr("The member could not be found again: tap the card."))
        if r.overrides_dropped:
            notes.append(
                self.tr(
                    "Its price changes and sale discount were taken off: whoever approved "
                    "them may no longer approve. Ctrl+G / Ctrl+K to apply them again."
                )
            )
        text = self.tr("Sale held at {time} recalled.").format(time=r.time_text)
        w.show_message(" ".join([text, *notes]), "error" if notes else "ok")
        w.scan_input.setFocus()

    def _recall_failed(self, exc: BaseException) -> None:
        self.busy = False
        self.w.show_error(exc)
        self.refresh()

    def _discard(self, dlg: HeldSalesDialog, sale_id: str) -> None:
        """Discarding a held sale is a void: a cashier needs a supervisor's PIN."""
        w = self.w

        def go(approval: Approval | None) -> None:
            Op(
                w.runner, lambda: w.backend.discard_held(w.staff, sale_id, approval), owner=w
            ).success(lambda n: self._discarded(dlg, sale_id, n)).failure(
                lambda exc: self._discard_failed(dlg, sale_id, exc)
            ).run()

        try:
            w.backend.check_allowed(w.staff, "void")
        except NotAllowed:
            sup = SupervisorDialog(
                w.runner,
                lambda sid, pin: w.backend.approve(sid, pin, "void"),
                self.tr("Discard a held sale"),
                dlg,
            )
            sup.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
            enter_safe(sup)
            sup.approved.connect(go)
            dlg.set_keys(False)  # Enter in the PIN field is not "recall"
            sup.finished.connect(lambda _r: _keys_back(dlg))
            sup.open()
            return
        go(None)

    def _discarded(self, dlg: HeldSalesDialog, sale_id: str, waiting: int) -> None:
        self.w.state.apply(held=waiting)
        self.w.show_message(self.tr("Held sale discarded."), "ok")
        if shiboken6.isValid(dlg):
            dlg.removed(sale_id)

    def _discard_failed(self, dlg: HeldSalesDialog, sale_id: str, exc: BaseException) -> None:
        if not shiboken6.isValid(dlg):
            self.w.show_error(exc)
            return
        dlg.show_error(exc)
        if isinstance(exc, HeldSaleGone):
            dlg.removed(sale_id)
            self.refresh()


def _keys_back(dlg: HeldSalesDialog) -> None:
    if shiboken6.isValid(dlg):
        dlg.set_keys(True)
