"""退卡 and the cooling-off reversal of a recharge, in manager mode (docs/prepaid.md).

Two tabs. **退卡**: the member's card, then *Preview* shows the cashier and the
member what comes back and the calculation (法释〔2025〕4号) before anything is
written; the holder's name and ID (with the separate consent), the holder's
bank account above ¥100, then the supervisor's PIN closes the card. **Reverse
a recharge**: the recharge's receipt number (and the costs Jiangsu allows),
*Preview*, then the supervisor's PIN. The rules are
``pos_member.services.prepaid``'s; this only collects what was typed and shows
what the services answer, keeping the fields when they refuse.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pos_member.domain.money import Money
from pos_member.domain.prepaid import IdType
from pos_member.services import prepaid
from ui.dialogs import id_type_box, key_button
from ui.errors import core_text
from ui.manager.backend import ManagerBackend
from ui.manager.dialogs import _ManagerDialog
from ui.qtcompat import emit
from ui.tasks import TaskRunner
from ui.widgets import SupervisorDialog, money_text, parse_yuan, within_screen


class PrepaidDialog(_ManagerDialog):
    """退卡 of a member's card, or the reversal of an unused recharge in cooling-off."""

    closed = Signal(object)  # pos_member.services.prepaid.ClosureResult
    reversed = Signal(object)  # pos_member.services.prepaid.ReversalResult

    def __init__(
        self,
        backend: ManagerBackend,
        runner: TaskRunner,
        staff: Any,
        member_name: str,
        card_numbers: list[str],
        parent: QWidget | None,
    ) -> None:
        super().__init__(backend, runner, staff, parent)
        self.setObjectName("prepaidDialog")
        self.setWindowTitle(self.tr("Close a card (退卡) or reverse a recharge"))
        # Nine rows and the preview, within the screen: a 768-line screen has room for 700,
        # one at 125% scaling 614 (the preview box gives up its height there).
        width, height = within_screen(self, 720, 700)
        self._two_columns = width >= 720 and within_screen(self, 1000, 0)[0] >= 1000
        if self._two_columns:  # 1024 wide and up: the holder left, the account right
            width, height = within_screen(self, 1000, 620)
        self.setMinimumWidth(width)
        self.setMinimumHeight(height)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("prepaidTabs")
        self.tabs.addTab(
            self._closure_page(member_name, card_numbers), self.tr("Close a card (退卡)")
        )
        self.tabs.addTab(self._reversal_page(), self.tr("Reverse a recharge"))
        buttons = self.submit_row(
            self.tr("Preview (Enter)"), "prepaidPreviewButton", self.tr("Close (Esc)")
        )
        self.confirm_button = key_button(self, self.tr("Confirm"), self.confirm)
        self.confirm_button.setObjectName("prepaidConfirmButton")
        self.confirm_button.setEnabled(False)
        buttons.insertWidget(1, self.confirm_button)
        self.tabs.currentChanged.connect(lambda _i: self._forget_preview())
        # Enter in the card or receipt field previews, as the default button does elsewhere.
        edit = self.card_input.lineEdit()
        if edit is not None:
            edit.returnPressed.connect(self.submit)
        self.receipt_input.returnPressed.connect(self.submit)
        # The card and the receipt may be scanned; the ID, the account and the costs not.
        self.scan_guard = self.guard_scans(self.id_input, self.account_input, self.costs_input)
        self.lay_out(self.tabs, buttons=buttons, focus=self.card_input)

    # -- pages --
    def _closure_page(self, member_name: str, card_numbers: list[str]) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        form = QFormLayout()
        self.card_input = QComboBox()
        self.card_input.setObjectName("closureCardInput")
        self.card_input.setEditable(True)
        for n in card_numbers:
            self.card_input.addItem(n)
        self.holder_input = QLineEdit(member_name)
        self.holder_input.setObjectName("closureHolderInput")
        self.id_type_input = id_type_box("closureIdTypeInput")
        self.id_input = QLineEdit()
        self.id_input.setObjectName("closureIdInput")
        self.id_input.setMaxLength(32)
        self.consent_input = QCheckBox(
            self.tr("The holder agrees that the ID number is kept (sealed, at least 5 years)")
        )
        self.consent_input.setObjectName("closureConsentInput")
        self.account_name_input = QLineEdit(member_name)
        self.account_name_input.setObjectName("closureAccountNameInput")
        self.account_input = QLineEdit()
        self.account_input.setObjectName("closureAccountInput")
        self.account_input.setPlaceholderText(self.tr("needed above ¥100: the holder's account"))
        self.bank_input = QLineEdit()
        self.bank_input.setObjectName("closureBankInput")
        self.reason_input = QLineEdit()
        self.reason_input.setObjectName("closureReasonInput")
        self.reason_input.setMaxLength(128)
        self.closure_preview = _preview_box("closurePreviewText")
        form.addRow(self.tr("Card"), self.card_input)
        form.addRow(self.tr("Holder's name (as on the ID)"), self.holder_input)
        form.addRow(self.tr("ID type"), self.id_type_input)
        form.addRow(self.tr("ID number"), self.id_input)
        form.addRow("", self.consent_input)
        # Nine rows of full height do not fit 768 lines with the preview: on a screen
        # 1000 wide or more the account's rows go in a second column.
        account = QFormLayout() if self._two_columns else form
        account.addRow(self.tr("Account name"), self.account_name_input)
        account.addRow(self.tr("Account number"), self.account_input)
        account.addRow(self.tr("Bank"), self.bank_input)
        account.addRow(self.tr("Reason"), self.reason_input)
        if account is form:
            v.addLayout(form)
        else:
            columns = QHBoxLayout()
            columns.addLayout(form, 1)
            columns.addLayout(account, 1)
            v.addLayout(columns)
        v.addWidget(self.closure_preview, 1)
        return page

    def _reversal_page(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        form = QFormLayout()
        self.receipt_input = QLineEdit()
        self.receipt_input.setObjectName("reversalReceiptInput")
        self.costs_input = QLineEdit("0")
        self.costs_input.setObjectName("reversalCostsInput")
        self.reversal_reason_input = QLineEdit()
        self.reversal_reason_input.setObjectName("reversalReasonInput")
        self.reversal_reason_input.setMaxLength(128)
        form.addRow(self.tr("Recharge receipt"), self.receipt_input)
        form.addRow(self.tr("Costs kept back (Jiangsu only)"), self.costs_input)
        form.addRow(self.tr("Reason"), self.reversal_reason_input)
        self.reversal_preview = _preview_box("reversalPreviewText")
        v.addLayout(form)
        v.addWidget(self.reversal_preview, 1)
        return page

    @property
    def closing(self) -> bool:
        return self.tabs.currentIndex() == 0

    def _forget_preview(self) -> None:
        self.confirm_button.setEnabled(False)

    # -- preview --
    def submit(self) -> None:
        """Enter: the preview of the open tab (nothing is written)."""
        if self.busy:
            return
        self._forget_preview()
        if self.closing:
            number = self.card_input.currentText().strip()
            self.run(lambda: prepaid.closure_preview(self.backend.ctx, number), self._previewed)
            return
        costs = self.typed(lambda: parse_yuan(self.costs_input.text() or "0"))
        if costs is None:
            return
        receipt = self.receipt_input.text().strip()
        self.run(lambda: prepaid.reversal_quote(self.backend.ctx, receipt, costs), self._quoted)

    def _previewed(self, p: prepaid.ClosurePreview) -> None:
        lines = [
            self.tr("Card {card} of {name}: refund {refund}, bonus not refunded {kept}.").format(
                card=p.card_masked,
                name=p.member_name_masked,
                refund=money_text(p.quote.refund),
                kept=money_text(p.quote.forfeited),
            ),
            *(core_text(t) for t in p.quote.explain()),
        ]
        if p.closed is not None:
            lines.insert(0, self.tr("This card was closed already (receipt {receipt}).").format(
                receipt=p.closed.receipt_no
            ))  # fmt: skip
        if p.pending_recharge:
            lines.append(self.tr("A recharge is not synced yet: sync first, then close the card."))
        self.closure_preview.setPlainText("\n".join(lines))
        self.confirm_button.setEnabled(p.closed is None and not p.pending_recharge)
        self.say(self.tr("Show the member the amount, then confirm."), "info")

    def _quoted(self, q: prepaid.ReversalQuote) -> None:
        self.reversal_preview.setPlainText(
            self.tr(
                "Recharge {receipt} of {day}: principal {principal} and bonus {bonus} come off "
                "the card; {refund} goes back ({costs} of costs kept). Last day: {last}."
            ).format(
                receipt=q.recharge_receipt_no,
                day=q.recharged_on.isoformat(),
                principal=money_text(q.principal),
                bonus=money_text(q.bonus),
                refund=money_text(q.refund),
                costs=money_text(q.costs),
                last=q.last_day.isoformat(),
            )
        )
        self.confirm_button.setEnabled(True)
        self.say(self.tr("Show the member the amount, then confirm."), "info")

    # -- commit --
    def confirm(self) -> None:
        if self.busy:
            return
        action = "card_closure" if self.closing else "recharge_reversal"
        if self.backend.needs_approval(self.staff, action):
            dlg = SupervisorDialog(
                self.runner,
                lambda sid, pin: self.backend.approve(sid, pin, action),
                self.tr("Approve 退卡") if self.closing else self.tr("Approve the reversal"),
                self,
            )
            dlg.approved.connect(self._commit)
            dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
            dlg.open()
            return
        self._commit(None)

    def closure_request(self, approval: Any) -> prepaid.ClosureRequest:
        account = self.account_input.text().strip()
        return prepaid.ClosureRequest(
            closure_id=prepaid.new_action_id(),
            card_number=self.card_input.currentText().strip(),
            holder=prepaid.RealNameInput(
                name=self.holder_input.text(),
                id_type=IdType(self.id_type_input.currentData()),
                id_number=self.id_input.text(),
                consent=self.consent_input.isChecked(),
            ),
            staff=self.staff,
            approval=approval,
            account=prepaid.BankAccountInput(
                self.account_name_input.text(), account, self.bank_input.text().strip()
            )
            if account
            else None,
            reason=self.reason_input.text().strip(),
        )

    def _commit(self, approval: Any) -> None:
        ctx = self.backend.ctx
        if self.closing:
            req = self.closure_request(approval)
            self.run(lambda: prepaid.close_card(ctx, req), self._closed)
            return
        costs = self.typed(lambda: parse_yuan(self.costs_input.text() or "0")) or Money(0)
        rreq = prepaid.ReversalRequest(
            prepaid.new_action_id(),
            self.receipt_input.text().strip(),
            self.staff,
            approval,
            costs,
            self.reversal_reason_input.text().strip(),
        )
        self.run(lambda: prepaid.reverse_recharge(ctx, rreq), self._reversed)

    def _closed(self, r: prepaid.ClosureResult) -> None:
        self.confirm_button.setEnabled(False)
        self.say(
            self.tr("Card closed: {refund} by {tender}, receipt {receipt}.").format(
                refund=money_text(r.quote.refund),
                tender=self.tr("cash") if r.tender == "cash" else self.tr("bank transfer"),
                receipt=r.receipt_no,
            ),
            "ok",
        )
        emit(self.closed, r)

    def _reversed(self, r: prepaid.ReversalResult) -> None:
        self.confirm_button.setEnabled(False)
        self.say(
            self.tr("Recharge reversed: {refund} back, receipt {receipt}.").format(
                refund=money_text(r.quote.refund), receipt=r.receipt_no
            ),
            "ok",
        )
        emit(self.reversed, r)


def _preview_box(name: str) -> QPlainTextEdit:
    """Where a preview's figures and calculation are shown (read-only, selectable)."""
    box = QPlainTextEdit()
    box.setObjectName(name)
    box.setReadOnly(True)
    box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return box
