"""The store manager's window: members, cards, statements, coupons and reports.

One dialog (``managerWindow``) with three tabs. *Members*: search by phone,
card number, UID or name (full details, each view audited by the service),
the member's cards, every ledger line of the statement with its reason and
running balances, the tier history, and the actions — register, issue a
card, report lost, replace, give a coupon. *Reports*: ``ReportsView``.
*Refused by head office*: ``RefusedView``, the events the till set aside.

Every action has a key (``SHORTCUTS``). Slots only collect input and start
an ``Op``; results come back to the GUI thread as callbacks. A card tapped on
any reader goes to the open card dialog, or else looks the member up.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from drivers.base import CardRead
from pos_member.domain.money import Money
from pos_member.reports import analytics as an
from pos_member.services import members as ms
from ui.action_bar import Action
from ui.errors import core_text, user_message
from ui.manager.backend import ManagerBackend, MemberPage
from ui.manager.dialogs import (
    CampaignDialog,
    CouponDialog,
    EditMemberDialog,
    IssueCardDialog,
    RegisterDialog,
    ReplaceCardDialog,
    ReportLostDialog,
    card_kind_text,
    card_state_text,
)
from ui.manager.prepaid import PrepaidDialog
from ui.manager.promotions import PromotionsView
from ui.manager.refused import RefusedView
from ui.manager.reports import ReportsView
from ui.qtcompat import emit
from ui.tasks import Op, TaskRunner
from ui.widgets import enter_safe, money_text, restyle, within_screen

log = logging.getLogger(__name__)


SHORTCUTS: tuple[Action, ...] = (
    Action("search", "Ctrl+F"),
    Action("register", "F2"),
    Action("issue_card", "F3"),
    Action("report_lost", "F4"),
    Action("report_found", "Shift+F4"),
    Action("day_close", "Ctrl+D"),
    Action("refresh_reports", "F5"),
    Action("replace_card", "F6"),
    Action("campaign", "F7"),
    Action("coupon", "F8"),
    Action("edit_member", "F9"),
    Action("prepaid", "F11"),
    Action("pay_pin", "F12"),
    Action("programme_jobs", "F10"),
    Action("members_tab", "Ctrl+1"),
    Action("reports_tab", "Ctrl+2"),
    Action("refused_tab", "Ctrl+3"),
    Action("export_pdf", "Ctrl+E"),
    Action("export_member", "Ctrl+Shift+E"),
    Action("withdraw_marketing", "Ctrl+Shift+M"),
)

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _item(text: str, align: Qt.AlignmentFlag | None = None, data: Any = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if align is not None:
        item.setTextAlignment(align)
    if data is not None:
        item.setData(Qt.ItemDataRole.UserRole, data)
    return item


def _table(name: str, headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setObjectName(name)
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().setVisible(False)
    t.setAlternatingRowColors(True)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.verticalHeader().setDefaultSectionSize(34)
    return t


class ManagerWindow(QDialog):
    """Manager mode. ``backend`` is a ``ManagerBackend``; ``staff`` a manager's session."""

    member_loaded = Signal(object)  # MemberPage
    searched = Signal(object)  # SearchResult
    message_shown = Signal(str, str)

    def __init__(
        self,
        backend: ManagerBackend,
        runner: TaskRunner,
        staff: Any,
        *,
        writers: list[Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("managerWindow")
        self.setWindowTitle(self.tr("pos-member — manager"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.backend = backend
        self.runner = runner
        self.staff = staff
        self.writers = list(writers or [])
        self.page: MemberPage | None = None
        self.results: tuple[ms.MemberDetails, ...] = ()
        self.child: QDialog | None = None
        self.tier_names: dict[str, str] = {}
        self._build()
        self._build_shortcuts()
        for field in self.findChildren(QAbstractSpinBox) + self.findChildren(QLineEdit):
            field.installEventFilter(self)  # the window's Ctrl keys win in every field
        from ui.i18n import fit_scale, scaled_sheet
        from ui.manager.i18n import STYLE

        app = QApplication.instance()
        # On a short screen (614 lines at 125%) the manager's sizes shrink as the till's do.
        fit = fit_scale(app) if isinstance(app, QApplication) else 1.0
        self.setStyleSheet(scaled_sheet(STYLE.read_text(encoding="utf-8"), fit))
        # 1366×800, or the screen's room where it has less (1024×768; 614 lines at 125%).
        self.resize(*within_screen(self, 1366, 800))
        self.show_message(
            self.tr("Search a member by phone, card number or name, or tap their card."), "info"
        )
        Op(self.runner, self.backend.tier_names, owner=self).success(self._tiers).run()
        self.search_input.setFocus()

    # ----------------------------------------------------------------- layout
    def _build(self) -> None:
        root = QVBoxLayout(self)
        root.setContentsMargins(10, 8, 10, 6)
        head = QHBoxLayout()
        title = QLabel(self.tr("Manager mode"))
        title.setObjectName("managerTitle")
        head.addWidget(title)
        head.addStretch(1)
        staff = QLabel(
            self.tr("Manager: {name} ({id})").format(
                name=getattr(self.staff, "name", ""), id=getattr(self.staff, "staff_id", "")
            )
        )
        staff.setObjectName("managerStaffLabel")
        head.addWidget(staff)
        close = QPushButton(self.tr("Leave manager mode (Esc)"))
        close.setObjectName("leaveManagerButton")
        close.clicked.connect(self.reject)
        close.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        head.addWidget(close)
        root.addLayout(head)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("managerTabs")
        self.tabs.addTab(self._build_members(), self.tr("Members (Ctrl+1)"))
        self.reports_view = ReportsView(self.backend, self.runner, staff=self.staff)
        self.reports_view.campaign_requested.connect(self.action_campaign)
        self.reports_view.exported.connect(self._pdf_written)
        self.tabs.addTab(self.reports_view, self.tr("Reports (Ctrl+2)"))
        self.refused_view = RefusedView(self.backend, self.runner)
        self.tabs.addTab(self.refused_view, self.tr("Refused by head office (Ctrl+3)"))
        self.tabs.addTab(PromotionsView(self.backend, self.runner), self.tr("Promotions"))
        self.tabs.currentChanged.connect(self._tab_changed)
        root.addWidget(self.tabs, 1)

        self.message_label = QLabel("")
        self.message_label.setObjectName("managerMessageLabel")
        self.message_label.setWordWrap(True)
        root.addWidget(self.message_label)

    def _build_members(self) -> QWidget:
        page = QWidget()
        page.setObjectName("membersPage")
        v = QVBoxLayout(page)
        v.setContentsMargins(4, 6, 4, 4)
        top = QHBoxLayout()
        self.search_input = QLineEdit()
        self.search_input.setObjectName("memberSearchInput")
        self.search_input.setPlaceholderText(
            self.tr("Phone, card number, card UID or the start of a name — Enter")
        )
        self.search_input.returnPressed.connect(self.search)
        self.search_input.installEventFilter(self)
        top.addWidget(self.search_input, 1)
        search = QPushButton(self.tr("Search (Enter)"))
        search.setObjectName("memberSearchButton")
        search.clicked.connect(self.search)
        search.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        top.addWidget(search)
        v.addLayout(top)

        self.member_table = _table(
            "memberTable",
            [
                self.tr("No."),
                self.tr("Name"),
                self.tr("Phone"),
                self.tr("Tier"),
                self.tr("Stored value"),
                self.tr("Points"),
                self.tr("Cards"),
            ],
        )
        header = self.member_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        self.member_table.itemSelectionChanged.connect(self._selected)

        detail = QWidget()
        detail.setObjectName("memberDetail")
        self.member_detail = detail
        dv = QVBoxLayout(detail)
        dv.setContentsMargins(10, 6, 10, 6)
        self.detail_label = QLabel("")
        self.detail_label.setObjectName("memberDetailLabel")
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextFormat(Qt.TextFormat.PlainText)
        self.balance_label = QLabel("")
        self.balance_label.setObjectName("memberBalancesLabel")
        self.balance_label.setWordWrap(True)
        dv.addWidget(self.detail_label)
        dv.addWidget(self.balance_label)
        dv.addStretch(1)
        # Two rows of three: the member table keeps its width.
        buttons = QGridLayout()
        buttons.setSpacing(6)  # never below: keys laid edge to edge look like one
        texts = {
            "register": self.tr("F2\nRegister"),
            "issue_card": self.tr("F3\nIssue card"),
            "report_lost": self.tr("F4\nReport lost"),
            "report_found": self.tr("Shift+F4\nUndo lost (解除挂失)"),
            "replace_card": self.tr("F6\nReplace card"),
            "coupon": self.tr("F8\nGive coupon"),
            "edit_member": self.tr("F9\nEdit"),
            "prepaid": self.tr("F11\n退卡 / reverse recharge"),
            "pay_pin": self.tr("F12\nPayment PIN"),
            "day_close": self.tr("Ctrl+D\nDay close (日结)"),
            "export_member": self.tr("Ctrl+Shift+E\nMember's data copy"),
            "withdraw_marketing": self.tr("Ctrl+Shift+M\nWithdraw marketing consent"),
        }
        names = {
            "register": "registerMemberButton",
            "issue_card": "issueCardButton",
            "report_lost": "reportLostButton",
            "report_found": "reportFoundButton",
            "replace_card": "replaceCardButton",
            "coupon": "couponButton",
            "edit_member": "editMemberButton",
            "prepaid": "prepaidButton",
            "pay_pin": "payPinButton",
            "day_close": "dayCloseButton",
            "export_member": "exportMemberButton",
            "withdraw_marketing": "withdrawMarketingButton",
        }
        self.buttons: dict[str, QPushButton] = {}
        for key, text in texts.items():
            b = QPushButton(text)
            b.setObjectName(names[key])
            b.setProperty("class", "action")
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.clicked.connect(self._handler(key))
            buttons.addWidget(b, len(self.buttons) // 4, len(self.buttons) % 4)
            self.buttons[key] = b
        dv.addLayout(buttons)

        upper = QSplitter(Qt.Orientation.Horizontal)
        upper.addWidget(self.member_table)
        upper.addWidget(detail)
        upper.setStretchFactor(0, 3)
        upper.setStretchFactor(1, 2)
        upper.setSizes([700, 640])

        self.statement_table = _table(
            "memberStatementTable",
            [
                self.tr("Time"),
                self.tr("Ledger"),
                self.tr("Reason"),
                self.tr("Principal"),
                self.tr("Bonus"),
                self.tr("Points"),
                self.tr("Stored value after"),
                self.tr("Points after"),
                self.tr("Receipt / note"),
            ],
        )
        sh = self.statement_table.horizontalHeader()
        sh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        sh.setSectionResizeMode(8, QHeaderView.ResizeMode.Stretch)
        # A long note wraps onto more lines of its row, never "card …" (full text in a tooltip).
        self.statement_table.setWordWrap(True)
        self.statement_table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.statement_table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.tier_table = _table(
            "tierHistoryTable",
            [self.tr("Time"), self.tr("From"), self.tr("To"), self.tr("Why")],
        )
        th = self.tier_table.horizontalHeader()
        th.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        th.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        lower = QSplitter(Qt.Orientation.Horizontal)
        statement_box = QWidget()
        sv = QVBoxLayout(statement_box)
        sv.setContentsMargins(0, 0, 0, 0)
        sv.addWidget(QLabel(self.tr("Statement: every ledger entry with its reason")))
        sv.addWidget(self.statement_table)
        tier_box = QWidget()
        tv = QVBoxLayout(tier_box)
        tv.setContentsMargins(0, 0, 0, 0)
        tv.addWidget(QLabel(self.tr("Tier history")))
        tv.addWidget(self.tier_table)
        lower.addWidget(statement_box)
        lower.addWidget(tier_box)
        lower.setStretchFactor(0, 3)
        lower.setStretchFactor(1, 1)
        lower.setSizes([1010, 330])

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(upper)
        split.addWidget(lower)
        # The statement is what a manager reads longest: it gets the larger half.
        split.setSizes([310, 390])
        split.setChildrenCollapsible(False)
        self.member_split = split
        v.addWidget(split, 1)
        self._render_page(None)
        return page

    def _build_shortcuts(self) -> None:
        self.shortcuts: dict[str, QShortcut] = {}
        for action in SHORTCUTS:
            sc = QShortcut(QKeySequence(action.key), self)
            sc.setContext(Qt.ShortcutContext.WindowShortcut)
            sc.activated.connect(self._handler(action.name))
            self.shortcuts[action.name] = sc

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """↑/↓ in the search field move through the members found (the hands stay on the keys)."""
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.ShortcutOverride:
            # A line edit takes Ctrl+E (end of line) and Ctrl+F before the window's
            # shortcuts see them: the manager's keys win in every field.
            pressed = QKeySequence(event.keyCombination())
            if any(pressed == QKeySequence(a.key) for a in SHORTCUTS if "+" in a.key):
                event.ignore()
                return True
        key_press = isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress
        if obj is self.search_input and key_press:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            rows = self.member_table.rowCount()
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and rows:
                current = self.member_table.currentRow()
                step = -1 if key == Qt.Key.Key_Up else 1
                self.member_table.selectRow(max(0, min(rows - 1, current + step)))
                return True
        return super().eventFilter(obj, event)

    def _handler(self, name: str) -> Callable[[], None]:
        handler: Callable[[], None] = getattr(self, f"action_{name}")
        return handler

    def _tiers(self, names: dict[str, str]) -> None:
        self.tier_names = names

    def tier_text(self, code: str) -> str:
        return self.tier_names.get(code, code)

    # --------------------------------------------------------------- messages
    def show_message(self, text: str, level: str = "info") -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))  # no empty line under the charts
        self.message_label.setProperty("level", level)
        restyle(self.message_label)
        emit(self.message_shown, text, level)

    def show_error(self, exc: BaseException) -> None:
        self.show_message(user_message(exc), "error")

    # ----------------------------------------------------------------- search
    def search(
        self, text: str | None = None, select_member: int | None = None, note: str = ""
    ) -> None:
        query = (text if text is not None else self.search_input.text()).strip()
        if not query:
            self.show_message(self.tr("Type a phone, card number or name first."), "error")
            return
        Op(self.runner, lambda: self.backend.search(self.staff, query), owner=self).success(
            lambda r: self._found(r, select_member, note)
        ).failure(self.show_error).run()

    def _found(self, result: ms.SearchResult, select_member: int | None, note: str = "") -> None:
        self.results = result.members
        table = self.member_table
        table.blockSignals(True)
        table.setRowCount(len(result.members))
        for row, m in enumerate(result.members):
            # Replaced cards are history: the details panel lists them.
            cards = ", ".join(
                f"{c.number} ({self.card_state_text(c.state)})"
                for c in m.cards
                if c.state != "replaced"
            )
            cells = (
                _item(str(m.member_id), RIGHT, m.member_id),
                _item(m.name),
                _item(m.phone),
                _item(self.tier_text(m.tier_code)),
                _item(money_text(m.stored_value), RIGHT),
                _item(f"{m.points:,}", RIGHT),
                _item(cards or self.tr("no card")),
            )
            for col, item in enumerate(cells):
                table.setItem(row, col, item)
        table.blockSignals(False)
        emit(self.searched, result)
        if not result.members:
            self._render_page(None)
            self.show_message(self.tr("No member found."), "error")
            return
        row = 0
        if select_member is not None:
            row = next((i for i, m in enumerate(result.members) if m.member_id == select_member), 0)
        if note:
            self.show_message(note, "ok")
        else:
            self.show_message(self.tr("{n} member(s) found.").format(n=len(result.members)))
        table.selectRow(row)
        self._selected()

    def selected_member(self) -> ms.MemberDetails | None:
        rows = self.member_table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.results):
            return None
        return self.results[rows[0].row()]

    def _selected(self) -> None:
        m = self.selected_member()
        if m is None:
            return
        self.load_member(m.member_id)

    def load_member(self, member_id: int) -> None:
        Op(
            self.runner, lambda: self.backend.member_page(self.staff, member_id), owner=self
        ).success(self._render_page).failure(self.show_error).run()

    # ----------------------------------------------------------- member page
    def card_state_text(self, state: str) -> str:
        return card_state_text(state)

    def card_kind_text(self, kind: str) -> str:
        return card_kind_text(kind)

    def reason_text(self, ledger: str, reason: str) -> str:
        texts = {
            "recharge": self.tr("Recharge"),
            "spend": self.tr("Spent at a sale"),
            "refund": self.tr("Refund"),
            "adjust": self.tr("Adjustment"),
            "transfer_out": self.tr("Moved off the old card"),
            "transfer_in": self.tr("Moved to the new card"),
            "card_fee": self.tr("Card fee"),
            "earn": self.tr("Earned"),
            "redeem": self.tr("Redeemed"),
            "refund_take_back": self.tr("Taken back by a refund"),
            "refund_give_back": self.tr("Given back by a refund"),
            "expire": self.tr("Expired"),
            "bonus": self.tr("Bonus points"),
            "card_transfer": self.tr("Card replaced"),
            "card_fee_issue": self.tr("Card fee (new card)"),
            "card_fee_replace": self.tr("Card fee (replacement)"),
            "signup": self.tr("Sign-up"),
            "upgrade": self.tr("Upgrade"),
            "downgrade": self.tr("Downgrade at review"),
            "review": self.tr("Tier review"),
            "sync": self.tr("Balance confirmed by head office"),
            "reversal": self.tr("Recharge reversed (cooling-off)"),
            "closure": self.tr("Card closed (退卡)"),
        }
        return texts.get(reason, reason)

    def ledger_text(self, ledger: str) -> str:
        return {
            "stored_value": self.tr("Stored value"),
            "points": self.tr("Points"),
            "card": self.tr("Card"),
        }.get(ledger, ledger)

    def _render_page(self, page: MemberPage | None) -> None:
        self._render_page_texts(page)
        # The splitter keeps the sizes it had: when the member's text needs more lines,
        # give the detail (and its keys) their room, or the keys are laid over each other
        # on a short screen (614 lines at 125%); the statement takes the rest.
        QTimer.singleShot(0, self._detail_room)

    def _detail_room(self) -> None:
        split = self.member_split
        detail = self.member_detail
        # The wrapped texts' height at the detail's width (the minimum hint guesses less).
        upper = split.widget(0)
        hint = upper.minimumSizeHint().height() if upper is not None else 0
        need = max(hint, detail.heightForWidth(detail.width()))
        detail.setMinimumHeight(need)
        sizes = split.sizes()
        if len(sizes) == 2 and sizes[0] < need:
            total = sum(sizes)
            split.setSizes([need, max(total - need, 0)])

    def _render_page_texts(self, page: MemberPage | None) -> None:
        self.page = page
        for key in (
            "issue_card", "report_lost", "report_found", "replace_card", "coupon", "edit_member"
        ):  # fmt: skip
            self.buttons[key].setEnabled(page is not None)
        if page is None:
            self.detail_label.setText(self.tr("No member selected."))
            self.balance_label.setText("")
            self.statement_table.setRowCount(0)
            self.tier_table.setRowCount(0)
            return
        d = page.details
        gender = {"female": self.tr("female"), "male": self.tr("male"), "other": self.tr("other")}
        lines = [
            self.tr("Member {id}: {name}").format(id=d.member_id, name=d.name),
            self.tr("Phone {phone}   Birthday {birthday}   Gender {gender}").format(
                phone=d.phone,
                birthday=d.birthday or "—",
                gender=gender.get(d.gender or "", "—"),
            ),
            self.tr("Tier {tier}   Joined {joined}   Consent {consent}").format(
                tier=self.tier_text(d.tier_code),
                joined=d.joined_on,
                consent=self.backend.local_time(d.consent_at)[:16] if d.consent_at else "—",
            ),
        ]
        for c in d.cards:
            lines.append(
                self.tr("Card {number} — {kind}, {state}, issued {issued}").format(
                    number=c.number,
                    kind=self.card_kind_text(c.kind),
                    state=self.card_state_text(c.state),
                    issued=c.issued_on or "—",
                )
            )
        if not d.cards:
            lines.append(self.tr("No card yet: press F3 to issue one."))
        self.detail_label.setText("\n".join(lines))
        self.balance_label.setText(
            self.tr(
                "Stored value {total} (principal {principal}, bonus {bonus})   Points {points}"
            ).format(
                total=money_text(d.stored_value),
                principal=money_text(d.sv_principal),
                bonus=money_text(d.sv_bonus),
                points=f"{d.points:,}",
            )
        )
        st = page.statement
        table = self.statement_table
        table.setRowCount(len(st.lines))
        for row, ln in enumerate(st.lines):
            note = " ".join(t for t in (ln.receipt_no or "", core_text(ln.note)) if t)
            if ln.lot_expires_on and ln.points > 0:
                note = " ".join(
                    t for t in (note, self.tr("expires {date}").format(date=ln.lot_expires_on)) if t
                )
            sv_line = ln.ledger == "stored_value"
            cells = (
                _item(self.backend.local_time(ln.at)[:16]),
                _item(self.ledger_text(ln.ledger)),
                _item(self.reason_text(ln.ledger, ln.reason), data=ln.reason),
                _item(money_text(ln.principal) if sv_line else "", RIGHT),
                _item(money_text(ln.bonus) if sv_line else "", RIGHT),
                _item(f"{ln.points:+,}" if ln.ledger == "points" else "", RIGHT),
                _item(money_text(ln.sv_after), RIGHT),
                _item(f"{ln.points_after:,}", RIGHT),
                _item(note),
            )
            cells[-1].setToolTip(note)
            for col, item in enumerate(cells):
                table.setItem(row, col, item)
        if st.lines:
            table.scrollToBottom()
        tt = self.tier_table
        tt.setRowCount(len(page.tiers))
        for row, t in enumerate(page.tiers):
            tier_cells = (
                _item(self.backend.local_time(t.at)[:10]),
                _item(self.tier_text(t.from_tier) if t.from_tier else "—"),
                _item(self.tier_text(t.to_tier)),
                _item(self.reason_text("tier", t.reason)),
            )
            for col, item in enumerate(tier_cells):
                tt.setItem(row, col, item)
        emit(self.member_loaded, page)

    def refresh_member(self, member_id: int | None = None) -> None:
        """After an action: search the member again so table, details and statement agree."""
        mid = (
            member_id
            if member_id is not None
            else (self.page.details.member_id if self.page else None)
        )
        if mid is None:
            return
        phone = self.page.details.phone if self.page and self.page.details.member_id == mid else ""
        if phone:
            self.search(phone, select_member=mid, note=self.message_label.text())
        else:
            self.load_member(mid)

    # ---------------------------------------------------------------- taps
    def card_presented(self, read: CardRead) -> None:
        """A card on any reader: the open card dialog takes it, else it finds the member."""
        if self.child is not None and hasattr(self.child, "card_presented"):
            self.child.card_presented(read)
            return
        if read.refused:
            self.show_message(
                self.tr("This card is not issued here. Select a member and press F3 to issue it."),
                "error",
            )
            return
        key = read.card_number or read.uid
        if key:
            self.tabs.setCurrentIndex(0)
            self.search_input.setText(key)
            self.search(key)

    # ---------------------------------------------------------------- dialogs
    def _open(self, dlg: QDialog) -> None:
        self.child = dlg
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        enter_safe(dlg)
        dlg.finished.connect(self._child_closed)
        dlg.open()

    def done(self, result: int) -> None:
        # Leaving manager mode closes whatever dialog of it is still open.
        if self.child is not None:
            self.child.close()
        super().done(result)

    def _child_closed(self) -> None:
        self.child = None
        self.activateWindow()
        self.search_input.setFocus()

    def _need_member(self) -> ms.MemberDetails | None:
        if self.page is None:
            self.show_message(self.tr("Select a member first (search, then ↑/↓)."), "error")
            return None
        return self.page.details

    def _member_text(self, d: ms.MemberDetails) -> str:
        return f"{d.member_id} {d.name} {d.phone}"

    def action_search(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.search_input.setFocus()
        self.search_input.selectAll()

    def action_members_tab(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.search_input.setFocus()

    def action_reports_tab(self) -> None:
        self.tabs.setCurrentIndex(1)

    def action_refused_tab(self) -> None:
        """Ctrl+3: the events head office refused, read again each time."""
        if self.tabs.currentIndex() == 2:
            self._tab_changed(2)
        else:
            self.tabs.setCurrentIndex(2)

    def _tab_changed(self, index: int) -> None:
        self.show_message("")
        if index == 1 and self.reports_view.report is None:
            self.reports_view.refresh()
        if index == 2:
            self.refused_view.refresh()
            self.refused_view.focus_list()

    def action_refresh_reports(self) -> None:
        self.tabs.setCurrentIndex(1)
        self.reports_view.refresh()

    def action_programme_jobs(self) -> None:
        self.tabs.setCurrentIndex(1)
        self.reports_view.run_jobs()

    def action_export_pdf(self) -> None:
        """Ctrl+E from any tab: the period shown (loaded first if need be) as a PDF; the
        window's message line says where it was written."""
        self.tabs.setCurrentIndex(1)
        view = self.reports_view
        if view.report is None:
            view.loaded.connect(self._export_loaded, Qt.ConnectionType.SingleShotConnection)
            view.refresh()
            return
        view.export_pdf()

    def _export_loaded(self, _report: Any) -> None:
        self.reports_view.export_pdf()

    def _pdf_written(self, path: Any) -> None:
        self.show_message(self.tr("PDF written: {path}").format(path=str(path)), "ok")

    def action_register(self) -> None:
        dlg = RegisterDialog(self.backend, self.runner, self.staff, self)
        dlg.registered.connect(self._registered)
        self._open(dlg)

    def _registered(self, reg: ms.Registered, phone: str) -> None:
        text = self.tr("Member {id} registered.").format(id=reg.member_id)
        if reg.signup_coupon:
            text += " " + self.tr("Sign-up coupon {code} given.").format(code=reg.signup_coupon)
        self.search_input.setText(phone)
        self.search(phone, select_member=reg.member_id, note=text)
        # The member sets the payment PIN at registration, once that dialog has closed.
        QTimer.singleShot(0, lambda: self._pay_pin(reg.member_id, str(reg.member_id), "set"))

    def action_issue_card(self) -> None:
        d = self._need_member()
        if d is None:
            return
        Op(self.runner, self.backend.fees, owner=self).success(
            lambda fees: self._open_issue(d, fees[0])
        ).failure(self.show_error).run()

    def _open_issue(self, d: ms.MemberDetails, fee: Money) -> None:
        dlg = IssueCardDialog(
            self.backend,
            self.runner,
            self.staff,
            self.writers,
            fee,
            d.member_id,
            self._member_text(d),
            d.tier_code,
            self,
        )
        dlg.issued.connect(lambda issued: self._card_done(issued.member_id))
        self._open(dlg)

    def _card_done(self, member_id: int) -> None:
        self.show_message(self.tr("Card saved."), "ok")
        self.refresh_member(member_id)

    def _card_numbers(self, d: ms.MemberDetails, states: tuple[str, ...]) -> list[str]:
        return [c.number for c in d.cards if c.state in states]

    def action_report_lost(self) -> None:
        d = self._need_member()
        if d is None:
            return
        numbers = self._card_numbers(d, ("active",))
        if not numbers:
            self.show_message(self.tr("This member has no active card to block."), "error")
            return
        dlg = ReportLostDialog(self.backend, self.runner, self.staff, numbers, self)
        dlg.reported.connect(lambda n: self._lost(n, d.member_id))
        self._open(dlg)

    def _lost(self, number: str, member_id: int) -> None:
        self.show_message(
            self.tr("Card {number} is blocked. Press F6 to replace it.").format(number=number),
            "ok",
        )
        self.refresh_member(member_id)

    def action_report_found(self) -> None:
        """Shift+F4, 解除挂失: a lost card the member found works again (after a question)."""
        from ui.manager.cardstate import FoundCardDialog

        d = self._need_member()
        if d is None:
            return
        numbers = self._card_numbers(d, ("lost",))
        if not numbers:
            self.show_message(self.tr("This member has no card reported lost."), "error")
            return
        dlg = FoundCardDialog(self.backend, self.runner, self.staff, numbers, self)
        dlg.unblocked.connect(lambda n: self._found_again(n, d.member_id))
        self._open(dlg)

    def _found_again(self, number: str, member_id: int) -> None:
        self.show_message(self.tr("Card {number} works again.").format(number=number), "ok")
        self.refresh_member(member_id)

    def action_day_close(self) -> None:
        """Ctrl+D, 日结: the day's close of this till (ui.manager.dayclose)."""
        from ui.manager.dayclose import DayCloseDialog

        self._open(DayCloseDialog(self.backend, self.runner, self.staff, self))

    def action_replace_card(self) -> None:
        d = self._need_member()
        if d is None:
            return
        numbers = self._card_numbers(d, ("lost", "active", "expired"))
        if not numbers:
            self.show_message(self.tr("This member has no card to replace."), "error")
            return
        # A lost card first: that is the usual reason to replace.
        lost = self._card_numbers(d, ("lost",))
        old = (lost or numbers)[0]
        Op(
            self.runner, lambda: self.backend.replacement_preview(self.staff, old), owner=self
        ).success(self._open_replace).failure(self.show_error).run()

    def _open_replace(self, preview: Any) -> None:
        dlg = ReplaceCardDialog(
            self.backend,
            self.runner,
            self.staff,
            self.writers,
            preview,
            self.tier_text(preview.tier_code),
            self,
        )
        dlg.replaced.connect(lambda r: self._card_done(r.new_card.member_id))
        self._open(dlg)

    def action_coupon(self) -> None:
        d = self._need_member()
        if d is None:
            return
        code = f"G{d.member_id}-{self.backend.ctx.now().strftime('%y%m%d%H%M')}"
        dlg = CouponDialog(
            self.backend, self.runner, self.staff, d.member_id, self._member_text(d), code, self
        )
        dlg.issued.connect(
            lambda c: self.show_message(self.tr("Coupon {code} given.").format(code=c), "ok")
        )
        self._open(dlg)

    def action_edit_member(self) -> None:
        d = self._need_member()
        if d is None:
            return
        dlg = EditMemberDialog(self.backend, self.runner, self.staff, d, self)
        dlg.edited.connect(lambda changed, phone: self._edited(d.member_id, changed, phone))
        self._open(dlg)

    def action_prepaid(self) -> None:
        d = self._need_member()
        if d is None:
            return
        numbers = self._card_numbers(d, ("active", "lost", "expired"))
        dlg = PrepaidDialog(self.backend, self.runner, self.staff, d.name, numbers, self)
        dlg.closed.connect(lambda _r: self.refresh_member(d.member_id))
        dlg.reversed.connect(lambda _r: self.refresh_member(d.member_id))
        self._open(dlg)

    def action_export_member(self) -> None:
        """Ctrl+Shift+E: the member's copy of what this till holds (JSON and PDF), audited."""
        d = self._need_member()
        if d is None:
            return
        mid = d.member_id
        Op(
            self.runner, lambda: self.backend.export_member_data(self.staff, mid), owner=self
        ).success(self._exported).failure(self.show_error).run()

    def _exported(self, result: Any) -> None:
        text = self.tr(
            "Member {id}: data copy written to {json} and {pdf}. Hand it to the member only."
        )
        self.show_message(
            text.format(id=result.member_id, json=str(result.json_path), pdf=str(result.pdf_path)),
            "ok",
        )

    def action_withdraw_marketing(self) -> None:
        """Ctrl+Shift+M: the member withdraws consent to marketing messages (one question)."""
        d = self._need_member()
        if d is None:
            return
        from ui.manager.confirm import ask

        ask(
            self,
            "withdrawMarketingConfirm",
            self.tr("Withdraw marketing consent"),
            self.tr(
                "Member {id} will receive no more marketing messages or campaigns from any store. Membership, balances and points stay as they are."  # noqa: E501
            ).format(id=d.member_id),
            self.tr("Withdraw"),
            lambda: self._withdraw(d.member_id),
        )

    def _withdraw(self, member_id: int) -> None:
        Op(
            self.runner, lambda: self.backend.withdraw_marketing(self.staff, member_id), owner=self
        ).success(lambda _eid: self._withdrawn(member_id)).failure(self.show_error).run()

    def _withdrawn(self, member_id: int) -> None:
        text = self.tr(
            "Member {id}: marketing consent withdrawn; head office is told at the next sync."
        )
        self.show_message(text.format(id=member_id), "ok")

    def action_pay_pin(self) -> None:
        """F12: the selected member's payment PIN (``ui.manager.pins``)."""
        d = self._need_member()
        if d is not None:
            self._pay_pin(d.member_id, f"{d.member_id} {d.name}")  # no phone: it is the check

    def _pay_pin(self, member_id: int, text: str, mode: str | None = None) -> None:
        from ui.manager.pins import PinDialog

        dlg = PinDialog(self.backend, self.runner, self.staff, member_id, text, self, mode)
        dlg.done_text.connect(lambda t: self.show_message(t, "ok"))
        self._open(dlg)

    def _edited(self, member_id: int, changed: list[str], phone: str) -> None:
        names = {
            "name": self.tr("name"),
            "phone": self.tr("phone"),
            "birthday": self.tr("birthday"),
            "gender": self.tr("gender"),
        }
        text = self.tr("Member {id}: {fields} changed.").format(
            id=member_id, fields=", ".join(names.get(f, f) for f in changed)
        )
        self.search_input.setText(phone)
        self.search(phone, select_member=member_id, note=text)

    def action_campaign(self, segment: str = "at_risk") -> None:
        names = self.reports_view.segment_names()
        stages = self.reports_view.stage_names()
        segments = [(k, names[k]) for k in an.SEGMENTS] + [
            (k, stages[k]) for k in an.LIFECYCLE_STAGES
        ]
        code = f"C{self.backend.ctx.now().strftime('%y%m%d%H%M')}"
        dlg = CampaignDialog(
            self.backend, self.runner, self.staff, segments, segment or "at_risk", code, self
        )
        self._open(dlg)
