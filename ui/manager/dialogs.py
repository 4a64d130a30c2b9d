"""The manager's dialogs: register a member, issue / replace a card, report lost, coupons.

Each dialog collects what the manager typed, tapped or scanned and runs one
service call on a lane; the service validates and refuses with a
``UserFacingError`` that the dialog shows as it is, keeping what was typed.
The card dialogs take a card from any reader (``card_presented``, which the
manager window forwards from the reader bridge) or a typed/scanned stock
barcode number.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from drivers.base import CardRead, Refusal
from pos_member.domain.errors import ValidationError
from pos_member.domain.money import Money
from pos_member.services import cards as cs
from ui.dialogs import TaskDialog, button_row, key_button
from ui.errors import problem_text
from ui.manager.backend import CouponSpec, ManagerBackend, ReplacementPreview
from ui.manager.confirm import ask
from ui.qtcompat import emit
from ui.tasks import DEVICE, TaskRunner
from ui.widgets import ScanGuard, SupervisorDialog, enter_safe, money_text, parse_yuan

log = logging.getLogger(__name__)

T = TypeVar("T")


def card_state_text(state: str) -> str:
    """A card's state in the manager's language."""
    texts = {
        "stock": QCoreApplication.translate("Cards", "stock"),
        "active": QCoreApplication.translate("Cards", "active"),
        "lost": QCoreApplication.translate("Cards", "lost"),
        "replaced": QCoreApplication.translate("Cards", "replaced"),
        "expired": QCoreApplication.translate("Cards", "expired"),
    }
    return texts.get(state, state)


def card_kind_text(kind: str) -> str:
    texts = {
        "mifare": QCoreApplication.translate("Cards", "IC card"),
        "barcode": QCoreApplication.translate("Cards", "barcode card"),
        "contact_ic": QCoreApplication.translate("Cards", "contact IC card"),
        "id125k": QCoreApplication.translate("Cards", "ID card"),
        "magstripe": QCoreApplication.translate("Cards", "magnetic card"),
    }
    return texts.get(kind, kind)


def parse_birthday(text: str) -> date | None:
    """A typed birthday (empty: none); the service checks that it is plausible."""
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError(
            field=QCoreApplication.translate("Members", "Birthday"),
            problem=QCoreApplication.translate("Members", "type the date as YYYY-MM-DD"),
        ) from None


def gender_choices() -> list[tuple[str, str]]:
    return [
        ("", QCoreApplication.translate("Members", "Not given")),
        ("female", QCoreApplication.translate("Members", "Female")),
        ("male", QCoreApplication.translate("Members", "Male")),
        ("other", QCoreApplication.translate("Members", "Other")),
    ]


class _ManagerDialog(TaskDialog):
    """Common frame: the manager's backend and staff, a message line, work on a lane."""

    def __init__(
        self, backend: ManagerBackend, runner: TaskRunner, staff: Any, parent: QWidget | None
    ) -> None:
        super().__init__(runner, parent)
        self.backend = backend
        self.staff = staff
        self.setModal(True)

    def submit_row(self, text: str, name: str, cancel_text: str) -> QHBoxLayout:
        """``self.button`` (Enter: ``submit``; off while busy) and the cancel button (Esc)."""
        self.button = key_button(self, text, self.submit, name=name, default=True)
        self.busy_button = self.button
        return button_row(self.button, key_button(self, cancel_text, self.reject))

    def lay_out(
        self, *parts: QWidget | QLayout, buttons: QWidget | QLayout, focus: QWidget
    ) -> None:
        """``parts`` top to bottom, the message line, ``buttons``; the focus starts on ``focus``."""
        layout = QVBoxLayout(self)
        for part in (*parts, self.message, buttons):
            if isinstance(part, QLayout):
                layout.addLayout(part)
            else:
                layout.addWidget(part)
        enter_safe(self)
        focus.setFocus()

    def guard_scans(self, *fields: QWidget) -> ScanGuard:
        """Money, quantities, PINs, phone, ID and account numbers never take a scanner's
        burst: the field keeps what it had, the burst's Enter submits nothing, and the
        message line says what was scanned (issue 15)."""
        guard = ScanGuard(self, *fields)
        guard.scanned.connect(
            lambda code: self.say(
                QCoreApplication.translate(
                    "ManagerDialog",
                    "That was a scan ({code}), not something to type here: nothing was "
                    "changed. Type it by hand.",
                ).format(code=code),
                "error",
            )
        )
        return guard

    def submit(self) -> None:
        raise NotImplementedError

    def typed(self, read: Callable[[], T]) -> T | None:
        """What ``read`` makes of the fields, or None after saying what is wrong with them."""
        try:
            return read()
        except ValidationError as exc:
            self.show_error(exc)
            return None


# --------------------------------------------------------------------------- register


class _MemberDialog(_ManagerDialog):
    """The member's name, phone, birthday and gender (register, edit); Enter in a field submits."""

    def __init__(
        self,
        backend: ManagerBackend,
        runner: TaskRunner,
        staff: Any,
        parent: QWidget | None,
        *,
        name: str = "",
        phone: str = "",
        birthday: str = "",
        gender: str = "",
    ) -> None:
        super().__init__(backend, runner, staff, parent)
        self.setMinimumWidth(520)
        self.name_input = QLineEdit(name)
        self.name_input.setObjectName("memberNameInput")
        self.name_input.setMaxLength(64)
        self.phone_input = QLineEdit(phone)
        self.phone_input.setObjectName("memberPhoneInput")
        self.phone_input.setMaxLength(20)
        self.birthday_input = QLineEdit(birthday)
        self.birthday_input.setObjectName("memberBirthdayInput")
        self.birthday_input.setPlaceholderText(self.tr("YYYY-MM-DD (optional)"))
        self.birthday_input.setMaxLength(10)
        self.gender_input = QComboBox()
        self.gender_input.setObjectName("memberGenderInput")
        for code, text in gender_choices():
            self.gender_input.addItem(text, code)
        self.gender_input.setCurrentIndex(max(self.gender_input.findData(gender), 0))
        self.form = QFormLayout()
        self.form.addRow(self.tr("Name"), self.name_input)
        self.form.addRow(self.tr("Phone"), self.phone_input)
        self.form.addRow(self.tr("Birthday"), self.birthday_input)
        self.form.addRow(self.tr("Gender"), self.gender_input)
        for field in (self.name_input, self.phone_input, self.birthday_input):
            field.returnPressed.connect(self.submit)
        self.scan_guard = self.guard_scans(self.phone_input, self.birthday_input)

    def birthday(self) -> date | None:
        return parse_birthday(self.birthday_input.text())

    def fields(self) -> dict[str, Any] | None:
        """What was typed, for the service; None after saying why the birthday is wrong."""
        try:
            birthday = self.birthday()
        except ValidationError as exc:
            self.show_error(exc)
            self.birthday_input.setFocus()
            return None
        return {
            "name": self.name_input.text(),
            "phone": self.phone_input.text(),
            "birthday": birthday,
            "gender": self.gender_input.currentData() or None,
        }


class RegisterDialog(_MemberDialog):
    """Name, phone, birthday, gender and the member's consent; the service validates."""

    registered = Signal(object, str)  # pos_member.services.members.Registered, phone typed

    def __init__(
        self, backend: ManagerBackend, runner: TaskRunner, staff: Any, parent: QWidget | None
    ) -> None:
        super().__init__(backend, runner, staff, parent)
        self.setObjectName("registerMemberDialog")
        self.setWindowTitle(self.tr("Register a member"))
        self.phone_input.setPlaceholderText(self.tr("11-digit mobile number"))
        self.consent_input = QCheckBox(
            self.tr("The member agrees to the store keeping and using these details")
        )
        self.consent_input.setObjectName("memberConsentInput")
        buttons = self.submit_row(
            self.tr("Register (Enter)"), "confirmRegisterButton", self.tr("Cancel (Esc)")
        )
        self.lay_out(self.form, self.consent_input, buttons=buttons, focus=self.name_input)

    def submit(self) -> None:
        if self.busy:
            return
        fields = self.fields()
        if fields is None:
            return
        consent = self.consent_input.isChecked()
        self.say(self.tr("Registering…"))
        self.run(lambda: self.backend.register(self.staff, consent=consent, **fields), self._ok)

    def _ok(self, registered: Any) -> None:
        emit(self.registered, registered, self.phone_input.text().strip())
        self.accept()


class EditMemberDialog(_MemberDialog):
    """Change a member's name, phone, birthday or gender (the service audits which fields)."""

    edited = Signal(object, str)  # the fields changed, the phone now on file

    def __init__(
        self,
        backend: ManagerBackend,
        runner: TaskRunner,
        staff: Any,
        details: Any,
        parent: QWidget | None,
    ) -> None:
        super().__init__(
            backend,
            runner,
            staff,
            parent,
            name=details.name,
            phone=details.phone,
            birthday=details.birthday or "",
            gender=details.gender or "",
        )
        self.setObjectName("editMemberDialog")
        self.setWindowTitle(self.tr("Edit member {id}").format(id=details.member_id))
        self.member_id = details.member_id
        buttons = self.submit_row(
            self.tr("Save (Enter)"), "confirmEditButton", self.tr("Cancel (Esc)")
        )
        self.lay_out(self.form, buttons=buttons, focus=self.name_input)

    def submit(self) -> None:
        if self.busy:
            return
        fields = self.fields()
        if fields is None:
            return
        self.run(lambda: self.backend.edit(self.staff, self.member_id, **fields), self._ok)

    def _ok(self, changed: list[str]) -> None:
        if not changed:
            self.say(self.tr("Nothing changed."))
            return
        emit(self.edited, changed, self.phone_input.text().strip())
        self.accept()


# --------------------------------------------------------------------------- cards


class _CardDialog(_ManagerDialog):
    """Takes a new card: a tap on any reader (UID or secure) or a stock barcode number.

    A blank card tapped on a reader in secure mode comes back refused as "not
    issued here"; the dialog then asks the driver that owns the reader to write
    the sector (on the reader's thread; this dialog's lane only waits) and
    hands the verified read to the service. A tapped card with no number is
    linked by its UID. A typed or scanned number is a pre-printed stock card.
    """

    def __init__(
        self,
        backend: ManagerBackend,
        runner: TaskRunner,
        staff: Any,
        writers: list[Any],
        fee: Money,
        parent: QWidget | None,
    ) -> None:
        super().__init__(backend, runner, staff, parent)
        self.writers = writers
        self.fee = fee
        self.new_card: cs.NewCard | None = None
        self.card_label = QLabel(
            self.tr("Tap an unissued IC card on the reader, or scan / type a stock card number.")
        )
        self.card_label.setObjectName("newCardLabel")
        self.card_label.setWordWrap(True)
        self.barcode_input = QLineEdit()
        self.barcode_input.setObjectName("stockCardInput")
        self.barcode_input.setPlaceholderText(self.tr("Stock card number — Enter"))
        self.barcode_input.returnPressed.connect(self._barcode_entered)
        self.fee_label = QLabel("")
        self.fee_label.setObjectName("cardFeeLabel")
        self.fee_tender = QComboBox()
        self.fee_tender.setObjectName("feeTenderInput")
        self.fee_tender.addItem(self.tr("Cash"), cs.FeeTender.CASH.value)
        self.fee_tender.addItem(self.tr("Bank card / QR code"), cs.FeeTender.EXTERNAL.value)
        if fee.fen:
            self.fee_label.setText(self.tr("Card fee: {amount}").format(amount=money_text(fee)))
        else:
            self.fee_label.setText(self.tr("No card fee"))
            self.fee_tender.setVisible(False)

    def fee_payment(self) -> cs.FeePayment | None:
        if not self.fee.fen:
            return None
        tender = cs.FeeTender(self.fee_tender.currentData())
        return cs.FeePayment(tender, "bank_card" if tender is cs.FeeTender.EXTERNAL else "")

    def _writer_for(self, reader: str) -> Any:
        for w in self.writers:
            if not hasattr(w, "issue_secure"):
                continue
            try:
                if reader in w.readers():
                    return w
            except Exception:  # a driver that cannot list its readers cannot write either
                log.debug("reader list unavailable", exc_info=True)
        return None

    def card_presented(self, read: CardRead) -> None:
        """A card on a reader (GUI thread, from the reader bridge)."""
        if self.busy:
            return
        if read.refused and read.reason is Refusal.NOT_ISSUED_HERE:
            writer = self._writer_for(read.reader)
            if writer is None:
                self.say(
                    self.tr("This card is blank but its reader cannot write secure cards."),
                    "error",
                )
                return
            self.say(self.tr("Writing the card… keep it on the reader."))
            self.run(
                lambda: self.backend.secure_plan(read.uid), lambda p: self._write(writer, read, p)
            )
            return
        if read.refused:
            code = read.reason.value if read.reason else "card"
            why = problem_text(read.problem, code, read.message)
            self.say(self.tr("This card cannot be used: {why}").format(why=why), "error")
            return
        if read.card_number and read.verified:
            new = cs.NewCard(
                cs.IssueMode.SECURE,
                uid=read.uid,
                card_number=read.card_number,
                counter=read.counter,
                verified=True,
            )
        elif read.card_number and not read.uid:
            new = cs.NewCard(cs.IssueMode.BARCODE, card_number=read.card_number)
        elif read.uid:
            new = cs.NewCard(cs.IssueMode.UID, uid=read.uid)
        else:
            self.say(self.tr("The reader gave no card identifier: tap again."), "error")
            return
        self.take(new)

    def _write(self, writer: Any, read: CardRead, plan: tuple[str, int]) -> None:
        number, counter = plan
        self.run(
            lambda: self.backend.write_secure(writer, read, number, counter),
            self._written,
            lane=DEVICE,
        )

    def _written(self, read: CardRead) -> None:
        self.take(
            cs.NewCard(
                cs.IssueMode.SECURE,
                uid=read.uid,
                card_number=read.card_number,
                counter=read.counter,
                verified=read.verified,
            )
        )

    def _barcode_entered(self) -> None:
        text = self.barcode_input.text().strip()
        if not text or self.busy:
            return
        self.take(cs.NewCard(cs.IssueMode.BARCODE, card_number=text))

    def mode_text(self, new: cs.NewCard) -> str:
        if new.mode is cs.IssueMode.SECURE:
            return self.tr("secure IC card {uid}").format(uid=new.uid)
        if new.mode is cs.IssueMode.UID:
            return self.tr("IC card {uid}").format(uid=new.uid)
        return self.tr("stock card {number}").format(number=new.card_number)

    def take(self, new: cs.NewCard) -> None:
        raise NotImplementedError


class IssueCardDialog(_CardDialog):
    """Issue a first card to a member who has none active; offers to print the card face."""

    issued = Signal(object)  # pos_member.services.cards.IssuedCard

    def __init__(
        self,
        backend: ManagerBackend,
        runner: TaskRunner,
        staff: Any,
        writers: list[Any],
        fee: Money,
        member_id: int,
        member_text: str,
        tier_code: str,
        parent: QWidget | None,
    ) -> None:
        super().__init__(backend, runner, staff, writers, fee, parent)
        self.setObjectName("issueCardDialog")
        self.setWindowTitle(self.tr("Issue a card"))
        self.setMinimumWidth(560)
        self.member_id = member_id
        self.tier_code = tier_code
        self.outcome: cs.IssuedCard | None = None
        self.face_path: Path | None = None
        who = QLabel(self.tr("Member: {who}").format(who=member_text))
        who.setObjectName("issueMemberLabel")
        self.print_button = key_button(
            self,
            self.tr("Print card face (Ctrl+P)"),
            self.print_face,
            name="printCardFaceButton",
            key="Ctrl+P",
        )
        self.print_button.setEnabled(False)
        close = key_button(self, self.tr("Close (Esc)"), self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Stock card"), self.barcode_input)
        form.addRow(self.fee_label, self.fee_tender)
        self.lay_out(
            who,
            self.card_label,
            form,
            buttons=button_row(self.print_button, close),
            focus=self.barcode_input,
        )

    def take(self, new: cs.NewCard) -> None:
        if self.outcome is not None:
            self.say(self.tr("This member's card is issued. Close the dialog first."), "error")
            return
        fee = self.fee_payment()
        self.say(self.tr("Issuing {card}…").format(card=self.mode_text(new)))
        self.run(lambda: self.backend.issue(self.staff, self.member_id, new, fee), self._issued)

    def _issued(self, issued: cs.IssuedCard) -> None:
        self.outcome = issued
        text = self.tr("Card {number} issued.").format(number=issued.number)
        if issued.fee.fen:
            text += " " + self.tr("Card fee {amount} taken.").format(amount=money_text(issued.fee))
        self.say(text, "ok")
        self.print_button.setEnabled(True)
        self.print_button.setFocus()
        emit(self.issued, issued)

    def print_face(self) -> None:
        if self.outcome is None or self.busy:
            return
        number = self.outcome.number
        self.run(lambda: self.backend.card_face(number, self.tier_code), self._printed)

    def _printed(self, path: Path) -> None:
        self.face_path = path
        self.say(self.tr("Card face ready to print: {path}").format(path=str(path)), "ok")


class ReportLostDialog(_ManagerDialog):
    """Block a card at once (挂失); head office hears of it first at the next push."""

    reported = Signal(str)  # the card number

    def __init__(
        self,
        backend: ManagerBackend,
        runner: TaskRunner,
        staff: Any,
        numbers: list[str],
        parent: QWidget | None,
    ) -> None:
        super().__init__(backend, runner, staff, parent)
        self.setObjectName("reportLostDialog")
        self.setWindowTitle(self.tr("Report a card lost"))
        self.setMinimumWidth(520)
        self.card_input = QComboBox()
        self.card_input.setObjectName("lostCardInput")
        self.card_input.setEditable(True)
        for n in numbers:
            self.card_input.addItem(n)
        self.reason_input = QLineEdit()
        self.reason_input.setObjectName("lostReasonInput")
        self.reason_input.setMaxLength(128)
        self.reason_input.setPlaceholderText(self.tr("e.g. lost, stolen (optional)"))
        note = QLabel(
            self.tr("The card is refused here at once, and at every store after the next sync.")
        )
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Card"), self.card_input)
        form.addRow(self.tr("Reason"), self.reason_input)
        buttons = self.submit_row(
            self.tr("Block the card (Enter)"), "confirmLostButton", self.tr("Cancel (Esc)")
        )
        self.reason_input.returnPressed.connect(self.submit)
        self.lay_out(note, form, buttons=buttons, focus=self.reason_input)

    def submit(self) -> None:
        if self.busy:
            return
        number = self.card_input.currentText().strip()
        reason = self.reason_input.text().strip()
        self.confirm_box = ask(
            self,
            "confirmLostDialog",
            self.tr("Report a card lost"),
            self.tr("Block card {number}? It is refused at once, here and at every store.").format(
                number=number
            ),
            self.tr("Block the card"),
            lambda: self.run(
                lambda: self.backend.report_lost(self.staff, number, reason),
                lambda _e: self._ok(number),
            ),
        )

    def _ok(self, number: str) -> None:
        emit(self.reported, number)
        self.accept()


class ReplaceCardDialog(_CardDialog):
    """补卡: shows what moves to the new card, takes the new card, the fee and the approval."""

    replaced = Signal(object)  # pos_member.services.cards.ReplacedCard

    def __init__(
        self,
        backend: ManagerBackend,
        runner: TaskRunner,
        staff: Any,
        writers: list[Any],
        preview: ReplacementPreview,
        tier_name: str,
        parent: QWidget | None,
    ) -> None:
        super().__init__(backend, runner, staff, writers, preview.fee, parent)
        self.setObjectName("replaceCardDialog")
        self.setWindowTitle(self.tr("Replace a card"))
        self.setMinimumWidth(640)
        self.preview = preview
        self.outcome: cs.ReplacedCard | None = None
        self._pending: cs.NewCard | None = None
        head = QLabel(
            self.tr("Card {number} ({state}) of {name}: the new card takes over").format(
                number=preview.old_number,
                state=card_state_text(preview.old_state),
                name=preview.member_name,
            )
        )
        head.setWordWrap(True)
        self.moves_label = QLabel(
            self.tr(
                "Stored value {total}: principal {principal}, bonus {bonus}. "
                "Points {points} in {lots} lots. Tier {tier}. Coupons {coupons}."
            ).format(
                total=money_text(preview.sv_principal + preview.sv_bonus),
                principal=money_text(preview.sv_principal),
                bonus=money_text(preview.sv_bonus),
                points=f"{preview.points:,}",
                lots=len(preview.lots),
                tier=tier_name,
                coupons=preview.coupons,
            )
        )
        self.moves_label.setObjectName("replacementMovesLabel")
        self.moves_label.setWordWrap(True)
        self.lots_table = QTableWidget(len(preview.lots), 2)
        self.lots_table.setObjectName("replacementLotsTable")
        self.lots_table.setHorizontalHeaderLabels([self.tr("Points"), self.tr("Expire on")])
        self.lots_table.verticalHeader().setVisible(False)
        self.lots_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.lots_table.setMaximumHeight(160)
        for row, lot in enumerate(preview.lots):
            self.lots_table.setItem(row, 0, QTableWidgetItem(f"{lot.points:,}"))
            self.lots_table.setItem(row, 1, QTableWidgetItem(lot.expires_on or self.tr("never")))
        self.reason_input = QLineEdit()
        self.reason_input.setObjectName("replaceReasonInput")
        self.reason_input.setMaxLength(128)
        close = key_button(self, self.tr("Close (Esc)"), self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Stock card"), self.barcode_input)
        form.addRow(self.fee_label, self.fee_tender)
        form.addRow(self.tr("Reason"), self.reason_input)
        self.lay_out(
            head,
            self.moves_label,
            self.lots_table,
            self.card_label,
            form,
            buttons=close,
            focus=self.barcode_input,
        )

    def take(self, new: cs.NewCard) -> None:
        if self.outcome is not None:
            self.say(self.tr("The card is already replaced. Close the dialog."), "error")
            return
        self.confirm_box = ask(
            self,
            "confirmReplaceDialog",
            self.tr("Replace the card"),
            self.tr(
                "Replace card {old} with {card}? The old card stops working and its stored "
                "value and points move to the new one."
            ).format(old=self.preview.old_number, card=self.mode_text(new)),
            self.tr("Replace the card"),
            lambda: self._approve(new),
        )

    def _approve(self, new: cs.NewCard) -> None:
        if self.backend.needs_approval(self.staff, "card_replacement"):
            self._pending = new
            dlg = SupervisorDialog(
                self.runner,
                lambda sid, pin: self.backend.approve(sid, pin, "card_replacement"),
                self.tr("Approve the card replacement"),
                self,
            )
            dlg.approved.connect(lambda approval: self._commit(new, approval))
            dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
            dlg.open()
            return
        self._commit(new, None)

    def _commit(self, new: cs.NewCard, approval: Any) -> None:
        fee = self.fee_payment()
        reason = self.reason_input.text().strip()
        old = self.preview.old_number
        self.say(self.tr("Replacing with {card}…").format(card=self.mode_text(new)))
        self.run(
            lambda: self.backend.replace(self.staff, old, new, fee, approval, reason),
            self._replaced,
        )

    def _replaced(self, result: cs.ReplacedCard) -> None:
        self.outcome = result
        self.say(
            self.tr(
                "Card {number} replaces {old}: {sv} stored value and {points} points moved."
            ).format(
                number=result.new_card.number,
                old=self.preview.old_number,
                sv=money_text(result.sv_principal + result.sv_bonus),
                points=f"{result.points:,}",
            ),
            "ok",
        )
        emit(self.replaced, result)


# --------------------------------------------------------------------------- coupons


class _CouponForm:
    """The fields of an amount-off coupon, shared by the coupon and campaign dialogs."""

    def __init__(self, form: QFormLayout) -> None:
        self.name_input = QLineEdit(QCoreApplication.translate("CouponForm", "Store coupon"))
        self.name_input.setObjectName("couponNameInput")
        self.name_input.setMaxLength(64)
        self.value_input = QLineEdit("10")
        self.value_input.setObjectName("couponValueInput")
        self.min_input = QLineEdit("0")
        self.min_input.setObjectName("couponMinSpendInput")
        self.days_input = QSpinBox()
        self.days_input.setObjectName("couponDaysInput")
        self.days_input.setRange(1, 3660)
        self.days_input.setValue(30)
        self.value_text = QCoreApplication.translate("CouponForm", "Amount off (yuan)")
        self.min_text = QCoreApplication.translate("CouponForm", "Minimum spend (yuan)")
        form.addRow(QCoreApplication.translate("CouponForm", "Coupon name"), self.name_input)
        form.addRow(self.value_text, self.value_input)
        form.addRow(self.min_text, self.min_input)
        form.addRow(QCoreApplication.translate("CouponForm", "Valid for (days)"), self.days_input)

    def amount_fields(self) -> tuple[QWidget, ...]:
        """The money and day-count fields (kept from a scanner's burst)."""
        return (self.value_input, self.min_input, self.days_input)

    def spec(self) -> CouponSpec:
        values = []
        for field, text in (
            (self.value_text, self.value_input.text()),
            (self.min_text, self.min_input.text()),
        ):
            try:
                values.append(parse_yuan(text))
            except ValueError:
                raise ValidationError(
                    field=field,
                    problem=QCoreApplication.translate(
                        "CouponForm", "type an amount such as 10 or 9.90"
                    ),
                ) from None
        return CouponSpec(
            self.name_input.text(), values[0], values[1], int(self.days_input.value())
        )


class CouponDialog(_ManagerDialog):
    """Give one coupon to one member."""

    issued = Signal(str)  # the coupon code

    def __init__(
        self,
        backend: ManagerBackend,
        runner: TaskRunner,
        staff: Any,
        member_id: int,
        member_text: str,
        suggested_code: str,
        parent: QWidget | None,
    ) -> None:
        super().__init__(backend, runner, staff, parent)
        self.setObjectName("couponDialog")
        self.setWindowTitle(self.tr("Give a coupon"))
        self.setMinimumWidth(520)
        self.member_id = member_id
        form = QFormLayout()
        form.addRow(self.tr("Member"), QLabel(member_text))
        self.code_input = QLineEdit(suggested_code)
        self.code_input.setObjectName("couponCodeInput")
        self.code_input.setMaxLength(32)
        form.addRow(self.tr("Coupon code"), self.code_input)
        self.coupon = _CouponForm(form)
        self.reason_input = QLineEdit()
        self.reason_input.setObjectName("couponReasonInput")
        self.reason_input.setMaxLength(128)
        form.addRow(self.tr("Reason"), self.reason_input)
        buttons = self.submit_row(
            self.tr("Give the coupon (Enter)"), "confirmCouponButton", self.tr("Cancel (Esc)")
        )
        self.reason_input.returnPressed.connect(self.submit)
        self.scan_guard = self.guard_scans(*self.coupon.amount_fields())
        self.lay_out(form, buttons=buttons, focus=self.coupon.value_input)

    def submit(self) -> None:
        if self.busy:
            return
        spec = self.typed(self.coupon.spec)
        if spec is None:
            return
        code, reason = self.code_input.text(), self.reason_input.text()
        self.run(
            lambda: self.backend.issue_coupon(self.staff, self.member_id, spec, code, reason),
            self._ok,
        )

    def _ok(self, code: str) -> None:
        emit(self.issued, code)
        self.accept()


class CampaignDialog(_ManagerDialog):
    """Give a coupon to every member of a segment (RFM segment or lifecycle stage)."""

    campaign_done = Signal(object)  # pos_member.services.campaigns.CampaignReport

    def __init__(
        self,
        backend: ManagerBackend,
        runner: TaskRunner,
        staff: Any,
        segments: list[tuple[str, str]],
        segment: str,
        suggested_code: str,
        parent: QWidget | None,
    ) -> None:
        super().__init__(backend, runner, staff, parent)
        self.setObjectName("campaignDialog")
        self.setWindowTitle(self.tr("Coupon campaign to a segment"))
        self.setMinimumWidth(560)
        form = QFormLayout()
        self.segment_input = QComboBox()
        self.segment_input.setObjectName("campaignSegmentInput")
        for code, text in segments:
            self.segment_input.addItem(text, code)
        index = self.segment_input.findData(segment)
        self.segment_input.setCurrentIndex(max(index, 0))
        form.addRow(self.tr("Segment"), self.segment_input)
        self.code_input = QLineEdit(suggested_code)
        self.code_input.setObjectName("campaignCodeInput")
        self.code_input.setMaxLength(24)
        form.addRow(self.tr("Campaign code"), self.code_input)
        self.coupon = _CouponForm(form)
        buttons = self.submit_row(
            self.tr("Run the campaign (Enter)"), "confirmCampaignButton", self.tr("Close (Esc)")
        )
        self.code_input.returnPressed.connect(self.submit)
        self.scan_guard = self.guard_scans(*self.coupon.amount_fields())
        self.lay_out(form, buttons=buttons, focus=self.segment_input)

    def submit(self) -> None:
        if self.busy:
            return
        spec = self.typed(self.coupon.spec)
        if spec is None:
            return
        code, segment = self.code_input.text(), str(self.segment_input.currentData())
        self.say(self.tr("Issuing coupons…"))
        self.run(lambda: self.backend.run_campaign(self.staff, code, segment, spec), self._ok)

    def _ok(self, report: Any) -> None:
        self.say(
            self.tr("{issued} coupons issued to the {members} members of the segment.").format(
                issued=report.issued, members=report.members
            ),
            "ok",
        )
        emit(self.campaign_done, report)
