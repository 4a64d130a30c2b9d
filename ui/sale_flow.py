"""The sale being rung up: scans and typed codes, the member, lines, quantities, coupons, voids.

A small controller of the cashier window. It runs the sale's operations on the
database lane and applies each result to the screen's state in one call (one
broadcast), from which the cart, the totals and the member panel repaint.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from drivers.base import CardRead, Classification, ReaderError, ScanRead
from pos_member.domain.cart import MAX_QUANTITY
from pos_member.domain.errors import UnknownPhone, UnknownProduct, UserFacingError
from pos_member.domain.identifiers import MEMBER_SCAN_KINDS
from pos_member.services.context import Approval
from ui.bridge import ReaderBridge
from ui.draft import Draft, DraftLine
from ui.tasks import Op
from ui.views import MemberView, SaleView
from ui.widgets import NumberDialog, money_text

if TYPE_CHECKING:
    from ui.main_window import CashierWindow


class SaleFlow(QObject):
    def __init__(self, window: CashierWindow, bridge: ReaderBridge) -> None:
        super().__init__(window)
        self.w = window
        bridge.card_present.connect(self.on_card)
        bridge.scanned.connect(self.on_scan)
        bridge.error.connect(self.on_reader_error)

    def _busy_with_dialog(self) -> bool:
        """A card or scan that arrives while a dialog is open must not change the sale under it."""
        if self.w.dialog_open():
            self.w.show_message(self.tr("Finish or close the open window first (Esc)."), "error")
            return True
        return False

    def on_card(self, read: CardRead) -> None:
        if not self._busy_with_dialog():
            self.identify_card(read)

    def on_scan(self, scan: ScanRead) -> None:
        if not self._busy_with_dialog():
            self.handle_classified(scan.classification)

    def on_reader_error(self, error: ReaderError) -> None:
        self.w.show_message(self.w.backend.reader_error_text(error), "error")

    def handle_classified(self, c: Classification) -> None:
        """Route a scan classified once (by the driver, or the scan field's ``classify``)."""
        text = c.raw.strip()
        if c.kind in MEMBER_SCAN_KINDS:
            self.identify(c)
        elif c.rejected:
            # In-store codes (PLU, 货号) are not barcodes: try them as products, and only
            # if no product has the code, say why the scan made no sense.
            self.add_product(text, rejection=c.problem)
        else:
            self.add_product(text)

    def identify(self, scan: Classification) -> None:
        def failed(exc: BaseException) -> None:
            if isinstance(exc, UnknownPhone):  # Ctrl+N registers it, the number filled in
                self.w.lookup.last_unknown_phone = str(exc.params.get("phone", ""))
            self.w.show_error(exc)

        Op(self.w.runner, lambda: self.w.backend.identify(scan), owner=self.w).success(
            self._member_found
        ).failure(failed).run()

    def identify_card(self, read: CardRead) -> None:
        if read.refused:
            self.w.show_message(self.w.backend.refusal_text(read), "error")
            return
        Op(self.w.runner, lambda: self.w.backend.identify_card(read), owner=self.w).success(
            self._member_found
        ).failure(self.w.show_error).run()

    def member_found(self, member: MemberView) -> None:
        """A member identified (tapped, scanned, typed, picked or just registered)."""
        self._member_found(member)

    def _member_found(self, member: MemberView) -> None:
        draft = self.w.draft.with_member(
            int(member.member_id), member.card_id, member.card_counter, member.id_method
        )
        self.w.state.apply(member=member, draft=draft)
        self.w.show_message(
            self.tr("Member {name} ({tier}) identified.").format(
                name=member.masked_name, tier=member.tier_name
            ),
            "ok",
        )
        if not draft.empty:
            self.reprice()

    def add_product(self, code: str, rejection: UserFacingError | None = None) -> None:
        before = self.w.draft

        def work() -> tuple[Draft, SaleView] | DraftLine:
            line = self.w.backend.scan_line(code, before.next_line_no())
            if line.weighed and line.weight_g is None:
                return line  # the cashier types the weight first
            new = before.add(line)
            return new, self.w.backend.price(new)

        def failed(exc: BaseException) -> None:
            unknown = rejection is not None and isinstance(exc, UnknownProduct)
            self.w.show_error(rejection if unknown and rejection is not None else exc)

        Op(self.w.runner, work, owner=self.w).success(self._scanned).failure(failed).run()

    def _scanned(self, result: tuple[Draft, SaleView] | DraftLine) -> None:
        if isinstance(result, DraftLine):
            self._ask_number(self.tr("Weight"), self.tr("Grams"), "", "weightDialog",
                             lambda n: self.reprice(self.w.draft.add(
                                 replace(result, line_no=self.w.draft.next_line_no(), weight_g=n)
                             )))  # fmt: skip
        else:
            self._priced(result)

    def _ask_number(
        self,
        title: str,
        label: str,
        value: str,
        name: str,
        then: Callable[[int], None],
        limit: int | None = None,
    ) -> None:
        """A whole number above zero (a weight, or a quantity up to ``limit``), then
        ``then(number)``."""
        dlg = NumberDialog(title, label, value, self.w)
        dlg.setObjectName(name)
        dlg.refuse_scans(
            self.tr(
                "That was a scan ({code}), not a number: nothing was changed. "
                "Type the number, or press Esc and scan on the sale."
            )
        )

        def got(text: str) -> None:
            t = text.strip()
            if not t.isdigit() or int(t) <= 0:
                self.w.show_message(
                    self.tr(
                        "“{text}” is not a whole number above zero: type the number again (F4)."
                    ).format(text=t),
                    "error",
                )
                return
            if limit is not None and int(t) > limit:
                self.w.show_message(
                    self.tr(
                        "Quantity {text} is too many: at most {limit} on one line."
                        " Type a smaller number (F4), or scan the rest on a new line."
                    ).format(text=t, limit=limit),
                    "error",
                )
                return
            then(int(t))

        dlg.accepted_text.connect(got)
        self.w.open_dialog(dlg)

    def reprice(self, draft: Draft | None = None) -> None:
        target = draft if draft is not None else self.w.draft
        if target.empty:
            self.w.state.apply(draft=target, sale=SaleView.empty())
            return
        Op(self.w.runner, lambda: (target, self.w.backend.price(target)), owner=self.w).success(
            self._priced
        ).failure(self.w.show_error).run()

    def _priced(self, result: tuple[Draft, SaleView]) -> None:
        draft, sale = result
        self.w.state.apply(draft=draft, sale=sale)
        if sale.lines:
            last = sale.lines[-1]
            self.w.show_message(
                self.tr("{name}  {qty}  {amount}").format(
                    name=last.name, qty=last.quantity_text, amount=money_text(last.net)
                ),
                "info",
            )

    def clear_member(self) -> None:
        self.w.state.apply(member=None, draft=self.w.draft.with_member(None))
        self.reprice()

    def quantity(self) -> None:
        line_no = self.w.cart_table.selected_line_no()
        if line_no is None:
            self.w.show_message(self.tr("Choose a line first (↑/↓)."), "error")
            return
        line = next(ln for ln in self.w.draft.lines if ln.line_no == line_no)
        w = line.weighed

        def set_to(n: int) -> None:
            self.reprice(self.w.draft.with_quantity(line_no, None if w else n, n if w else None))

        self._ask_number(
            self.tr("Weight") if w else self.tr("Quantity"),
            self.tr("Grams") if w else self.tr("Quantity"),
            str(line.weight_g if w else line.quantity),
            "quantityDialog",
            set_to,
            None if w else MAX_QUANTITY,
        )

    def coupon(self) -> None:
        if self.w.member is None or not self.w.member.coupons:
            self.w.show_message(self.tr("This member has no coupon to use."), "error")
            return
        unused = [c for c in self.w.member.coupon_codes if c not in self.w.draft.coupons]
        dlg = NumberDialog(
            self.tr("Coupon"), self.tr("Coupon code"), unused[0] if unused else "", self.w
        )
        dlg.setObjectName("couponDialog")
        dlg.accepted_text.connect(self._add_coupon)
        self.w.open_dialog(dlg)

    def _add_coupon(self, text: str) -> None:
        code = text.strip()
        if code:
            self.reprice(self.w.draft.with_coupons((*self.w.draft.coupons, code)))

    def void_line(self) -> None:
        line_no = self.w.cart_table.selected_line_no()
        if line_no is None:
            return
        self.reprice(self.w.draft.without(line_no))
        self.w.show_message(self.tr("Line {n} voided.").format(n=line_no))

    def void_sale(self) -> None:
        if self.w.draft.empty and self.w.member is None:
            return
        self.w.with_approval("void", self.tr("Void the whole sale"), self._void_sale)

    def _void_sale(self, approval: Approval | None) -> None:
        draft = self.w.draft
        Op(
            self.w.runner,
            lambda: self.w.backend.void_sale(self.w.staff, draft, approval),
            owner=self.w,
        ).success(lambda _: self.w.new_sale(self.tr("Sale voided."))).failure(
            self.w.show_error
        ).run()
