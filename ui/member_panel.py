"""The member on the sale: name, tier, balances and the notes the services decided.

Repaints from ``ui.state.ScreenState`` when its broadcast says the member changed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from pos_member.domain.identifiers import IdKind
from ui.contrast import ink_for
from ui.state import OpChanges, ScreenState
from ui.views import MemberView
from ui.widgets import big_label, caption, elided_label, money_text, restyle, show_text


class MemberPanel(QFrame):
    def __init__(self, state: ScreenState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("memberPanel")
        self._state = state
        grid = QGridLayout(self)
        grid.setContentsMargins(14, 12, 14, 12)
        grid.setVerticalSpacing(4)
        self.member_name = elided_label("", "memberNameLabel")
        self.member_tier = big_label("", "memberTierLabel", Qt.AlignmentFlag.AlignCenter)
        self.member_phone = elided_label("", "memberPhoneLabel")
        self.member_balance = big_label("", "memberBalanceLabel")
        self.member_points = big_label("", "memberPointsLabel")
        self.member_coupons = big_label("", "couponsLabel")
        self.member_coupons.setWordWrap(True)
        self.member_birthday = big_label("", "birthdayLabel")
        self.member_expiring = big_label("", "expiringLabel")
        self.member_counts = big_label("", "countCardsLabel")
        self.member_counts.setWordWrap(True)
        self.member_owed = big_label("", "owedLabel")
        self.member_owed.setWordWrap(True)
        grid.addWidget(self.member_name, 0, 0)
        grid.addWidget(self.member_tier, 0, 1, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.member_phone, 1, 0, 1, 2)
        self.balance_caption = caption(self.tr("Stored value"))
        self.points_caption = caption(self.tr("Points"))
        grid.addWidget(self.balance_caption, 2, 0)
        grid.addWidget(self.points_caption, 2, 1)
        grid.addWidget(self.member_balance, 3, 0)
        grid.addWidget(self.member_points, 3, 1)
        # The notes (coupons, birthday, expiring points, count cards, a debt) take the room
        # the screen has and scroll past it: they never make the window taller.
        notes = QWidget()
        notes.setObjectName("memberNotes")
        nv = QVBoxLayout(notes)
        nv.setContentsMargins(0, 0, 0, 0)
        nv.setSpacing(2)
        for w in self._notes():
            nv.addWidget(w)
        nv.addStretch(1)
        area = QScrollArea()
        area.setObjectName("memberNotesArea")
        area.setWidget(notes)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        area.setMinimumHeight(26)  # one line at least; the rest scrolls
        self.member_notes = area
        grid.addWidget(area, 4, 0, 1, 2)
        grid.setRowStretch(4, 1)
        self.paint_member(None)
        state.changed.connect(self._changed)

    def _notes(self) -> tuple[QLabel, ...]:
        return (
            self.member_owed,
            self.member_birthday,
            self.member_coupons,
            self.member_expiring,
            self.member_counts,
        )

    def _changed(self, changes: OpChanges) -> None:
        if changes.member:
            self.paint_member(self._state.member)

    def paint_member(self, member: MemberView | None) -> None:
        if self.property("member") != (member is not None):
            # Re-polishing a styled frame costs milliseconds: only when its look changes.
            self.setProperty("member", member is not None)
            restyle(self)
        if member is None:
            self.member_name.setText(self.tr("No member"))
            self.member_tier.setText("")
            self.member_tier.setProperty("ink", "")
            self.member_tier.setStyleSheet("")
            self.member_phone.setText(
                self.tr("Tap the card, scan it, or press F2 for a phone number")
            )
            self.member_balance.setText("—")
            self.member_points.setText("—")
            for w in self._notes():
                show_text(w, "")
            return
        self.member_name.setText(member.masked_name)
        self.member_tier.setText(member.tier_name)
        # The tier's colour is head office's data: the ink is whichever reads on it.
        self.member_tier.setProperty("ink", ink_for(member.tier_colour))
        self.member_tier.setStyleSheet(f"background: {member.tier_colour};")
        # Found by the phone's member code: the member shows their 电子会员卡, not a card.
        card = (
            self.tr("Electronic member card")
            if member.id_method == IdKind.MEMBER_CODE.value
            else member.masked_card
        )
        self.member_phone.setText("  ".join(t for t in (member.masked_phone, card) if t))
        self.member_balance.setText(money_text(member.balance))
        self.member_points.setText(f"{member.points:,}")
        show_text(
            self.member_coupons,
            self.tr("Coupons: {list}").format(list="、".join(member.coupons))
            if member.coupons
            else self.tr("No coupons"),
        )
        show_text(
            self.member_birthday,
            self.tr("Birthday month: birthday benefits apply") if member.birthday else "",
        )
        show_text(
            self.member_expiring,
            self.tr("{n} points expire on {date}").format(
                n=f"{member.points_expiring:,}", date=member.points_expiring_on
            )
            if member.points_expiring
            else "",
        )
        show_text(self.member_counts, "  ".join(member.count_cards))
        show_text(self.member_owed, "\n".join(self.owed_lines(member)))

    def owed_lines(self, member: MemberView) -> list[str]:
        owed = []
        if member.owed.fen:
            owed.append(
                self.tr("Owes {amount} of stored value").format(amount=money_text(member.owed))
            )
        if member.points_owed:
            owed.append(self.tr("Owes {n} points").format(n=f"{member.points_owed:,}"))
        if owed:
            owed.append(self.tr("Two stores spent the same balance offline; a recharge pays it."))
        return owed
