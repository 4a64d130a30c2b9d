"""The customer forgot the card: find them by the last 4 digits of the phone, or register
them by phone at the counter (Ctrl+N).

F2 then four digits and Enter lists the members whose phone ends so (masked names and
phones: the cashier asks "张*, 139****5678?"); ↑/↓ choose, Enter takes the member onto
the sale, Esc changes nothing. Registration asks for the phone (the one just typed and
not found, unmasked: the cashier typed it), the fields the programme requires and the
customer's consent; the new member goes onto the sale at once.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_member.domain.rules import RegistrationRules
from ui.dialogs import CashierDialog, button_row, form_layout, key_button
from ui.qtcompat import emit
from ui.tasks import Op
from ui.views import MemberView
from ui.widgets import bind_key

if TYPE_CHECKING:
    from ui.main_window import CashierWindow

TESTED_IN = "tests/gui/test_tools_lookup.py"


class PhonePickDialog(QDialog):
    """Members whose phone ends in the digits typed; ↑/↓ and Enter pick one."""

    picked = Signal(int)  # member id

    def __init__(
        self, tail: str, rows: list[tuple[int, str]], more: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("phonePickDialog")
        self.setWindowTitle(self.tr("Phone ending {tail}").format(tail=tail))
        self.setMinimumSize(560, 360)
        hint = self.tr("Ask the customer which one is them: ↑/↓ choose, Enter take, Esc back.")
        if more:
            hint += " " + self.tr(
                "More members share this ending than are listed: if none is them, "
                "type the whole phone number."
            )
        self.hint = QLabel(hint)
        self.hint.setObjectName("phonePickHint")
        self.hint.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("phonePickList")
        for member_id, text in rows:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, member_id)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _item: self.take())
        take = key_button(self, self.tr("Take  Enter"), self.take, name="phonePickTake")
        back = key_button(self, self.tr("Back  Esc"), self.reject, name="phonePickBack")
        for b in (take, back):
            b.setAutoDefault(False)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        v = QVBoxLayout(self)
        v.addWidget(self.hint)
        v.addWidget(self.list, 1)
        v.addLayout(button_row(back, take, wide=take))
        self._keys = [bind_key(self, k, self.take) for k in ("Return", "Enter")]
        self.list.setFocus()

    def take(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        emit(self.picked, int(item.data(Qt.ItemDataRole.UserRole)))
        self.accept()


class RegisterMemberDialog(CashierDialog):
    """Ctrl+N: a new member by phone, with the fields the programme requires and consent."""

    registered = Signal(object)  # MemberView

    def __init__(
        self,
        window: CashierWindow,
        rules: RegistrationRules,
        phone: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(window, parent or window)
        self.setObjectName("registerMemberDialog")
        self.setWindowTitle(self.tr("Register a member"))
        self.setMinimumWidth(620)
        self.rules = rules
        self.phone_input = QLineEdit(phone)
        self.phone_input.setObjectName("registerPhoneInput")
        self.phone_input.setPlaceholderText(self.tr("11-digit mobile number"))
        self.name_input = QLineEdit()
        self.name_input.setObjectName("registerNameInput")
        self.birthday_input = QLineEdit()
        self.birthday_input.setObjectName("registerBirthdayInput")
        self.birthday_input.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.consent = QCheckBox()
        self.consent.setObjectName("registerConsent")
        # A check box's own text never wraps: the sentence is a label beside it, which
        # wraps at the dialog's width (the English one is wider than a 1024 screen's dialog).
        self.consent_label = QLabel(
            self.tr(
                "The customer agrees that the store keeps their name, phone and purchases "
                "for the member programme (Alt+C)"
            )
        )
        self.consent_label.setObjectName("registerConsentLabel")
        self.consent_label.setWordWrap(True)
        self.consent_label.setBuddy(self.consent)
        bind_key(self, "Alt+C", self.consent.toggle)

        def label(text: str, required: bool) -> str:
            return text + (" *" if required else self.tr(" (optional)"))

        form = form_layout()
        form.addRow(label(self.tr("Phone"), True), self.phone_input)
        form.addRow(label(self.tr("Name"), rules.name_required), self.name_input)
        form.addRow(label(self.tr("Birthday"), rules.birthday_required), self.birthday_input)
        ok = key_button(
            self, self.tr("Register  Enter"), self.submit, name="registerButton", default=True
        )
        back = key_button(self, self.tr("Back  Esc"), self.reject)
        self.busy_button = ok
        for field in (self.phone_input, self.name_input, self.birthday_input):
            field.returnPressed.connect(self.submit)
        v = QVBoxLayout(self)
        v.addLayout(form)
        consent_row = QHBoxLayout()
        consent_row.addWidget(self.consent, 0, Qt.AlignmentFlag.AlignTop)
        consent_row.addWidget(self.consent_label, 1)
        v.addLayout(consent_row)
        v.addWidget(self.message)
        v.addLayout(button_row(back, ok, wide=ok))
        self.say(self.tr("Fields marked * are needed. Read the consent to the customer."))
        (self.name_input if phone else self.phone_input).setFocus()

    def submit(self) -> None:
        if self.busy:
            return
        phone = self.phone_input.text().strip()
        name = self.name_input.text().strip()
        if not phone:
            self.say(self.tr("Type the customer's mobile number."), "error")
            self.phone_input.setFocus()
            return
        if self.rules.name_required and not name:
            self.say(self.tr("Type the customer's name: the programme needs it."), "error")
            self.name_input.setFocus()
            return
        text = self.birthday_input.text().strip()
        birthday: date | None = None
        if text:
            try:
                birthday = date.fromisoformat(text)
            except ValueError:
                self.say(
                    self.tr("“{text}” is not a date: type it as 1990-05-17.").format(text=text),
                    "error",
                )
                self.birthday_input.setFocus()
                return
        elif self.rules.birthday_required:
            self.say(self.tr("Type the customer's birthday: the programme needs it."), "error")
            self.birthday_input.setFocus()
            return
        if not self.consent.isChecked():
            self.say(
                self.tr(
                    "Ask the customer to agree to the use of their data (Alt+C): "
                    "without it the member cannot be registered."
                ),
                "error",
            )
            self.consent.setFocus()
            return
        staff = self.window_.staff
        consent = True
        self.run(
            lambda: self.backend.register_member(staff, phone, name, birthday, consent),
            self._done,
        )

    def _done(self, member: MemberView) -> None:
        emit(self.registered, member)
        self.accept()


class MemberLookupFlow(QObject):
    """The window's controller for the phone-ending list and counter registration."""

    def __init__(self, window: CashierWindow) -> None:
        super().__init__(window)
        self.w = window
        self.last_unknown_phone = ""  # the last phone typed that no member has

    def by_tail(self, tail: str) -> None:
        w = self.w
        Op(w.runner, lambda: w.backend.members_by_phone_tail(tail), owner=w).success(
            lambda found: self._listed(tail, *found)
        ).failure(w.show_error).run()

    def _listed(self, tail: str, rows: list[tuple[int, str]], more: bool) -> None:
        w = self.w
        if not rows:
            w.show_message(
                self.tr(
                    "No member's phone ends in {tail}. Ask for the whole phone number, "
                    "or press Ctrl+N to register the customer."
                ).format(tail=tail),
                "error",
            )
            return
        if w.dialog_open():
            return
        dlg = PhonePickDialog(tail, rows, more, w)
        dlg.picked.connect(self.pick)
        w.open_dialog(dlg)

    def pick(self, member_id: int) -> None:
        w = self.w
        Op(w.runner, lambda: w.backend.picked_by_phone(member_id), owner=w).success(
            w.sale_flow.member_found
        ).failure(w.show_error).run()

    def register(self) -> None:
        w = self.w
        if w.dialog_open():
            return
        phone = self.last_unknown_phone
        Op(w.runner, w.backend.registration_rules, owner=w).success(
            lambda rules: self._ask(rules, phone)
        ).failure(w.show_error).run()

    def _ask(self, rules: RegistrationRules, phone: str) -> None:
        w = self.w
        if w.dialog_open():
            return
        dlg = RegisterMemberDialog(w, rules, phone)
        dlg.registered.connect(self._registered)
        w.open_dialog(dlg)

    def _registered(self, member: MemberView) -> None:
        self.last_unknown_phone = ""
        self.w.sale_flow.member_found(member)
        self.w.show_message(
            self.tr("Member {name} registered ({phone}) and on this sale.").format(
                name=member.masked_name or "—", phone=member.masked_phone
            ),
            "ok",
        )
