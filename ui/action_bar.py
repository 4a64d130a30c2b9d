"""The cashier's keys: every action, its key, and the row of buttons built from them."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QMessageBox, QPushButton, QWidget

from ui.qtcompat import emit


@dataclass(frozen=True, slots=True)
class Action:
    name: str
    key: str


# Every cashier action and its key. The action bar and the help screen are built from this.
SHORTCUTS: tuple[Action, ...] = (
    Action("help", "F1"),
    Action("member", "F2"),
    Action("clear_member", "F3"),
    Action("quantity", "F4"),
    Action("coupon", "F5"),
    Action("refund", "F6"),
    Action("recharge", "F7"),
    Action("anonymous_card", "Shift+F7"),
    Action("hold", "F8"),
    Action("shift", "F9"),
    Action("count_card", "F10"),
    Action("lock", "F11"),
    Action("pay", "F12"),
    Action("void_line", "Del"),
    Action("void_sale", "Ctrl+Del"),
    Action("reprint", "Ctrl+P"),
    Action("manager", "Ctrl+M"),
    Action("register", "Ctrl+N"),
    Action("drawer", "Ctrl+D"),
    Action("price", "Ctrl+G"),
    Action("sale_discount", "Ctrl+K"),
    Action("gift", "Ctrl+J"),
    Action("escape", "Esc"),
)


class ActionBar(QWidget):
    """One button per action (pay and Esc have their own); ``triggered(name)`` when pressed."""

    triggered = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("actionBar")
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(6)
        self._columns = 0
        texts = self.texts()
        self.buttons: dict[str, QPushButton] = {}
        for action in SHORTCUTS:
            if action.name in ("pay", "escape"):
                continue
            b = QPushButton(f"{action.key}\n{texts[action.name]}")
            b.setObjectName(f"{_camel(action.name)}Button")
            b.setProperty("class", "action")
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.clicked.connect(lambda _=False, name=action.name: emit(self.triggered, name))
            self.buttons[action.name] = b
        self._place(len(self.buttons))
        # Not as wide as one row of keys: on a narrow screen the keys go into two rows
        # (``fit``) instead of making the window wider than the screen.
        self.setMinimumWidth(560)

    def texts(self) -> dict[str, str]:
        return {
            "help": self.tr("Help"),
            "member": self.tr("Member"),
            "clear_member": self.tr("No member"),
            "quantity": self.tr("Quantity"),
            "coupon": self.tr("Coupon"),
            "refund": self.tr("Refund"),
            "recharge": self.tr("Recharge"),
            "anonymous_card": self.tr("Anonymous card"),
            "hold": self.tr("Hold / recall"),
            "shift": self.tr("Shift / X-Z"),
            "count_card": self.tr("Count card"),
            "lock": self.tr("Lock"),
            "pay": self.tr("Pay"),
            "void_line": self.tr("Void line"),
            "void_sale": self.tr("Void sale"),
            "reprint": self.tr("Reprint"),
            "manager": self.tr("Manager"),
            "register": self.tr("New member"),
            "drawer": self.tr("Open drawer"),
            "price": self.tr("Change price"),
            "sale_discount": self.tr("Sale discount"),
            "gift": self.tr("Gift for points"),
            "escape": self.tr("Clear / back"),
        }

    def help_texts(self) -> dict[str, str]:
        """What the help says beyond the button's word (the keys that do two things)."""
        return {
            "price": self.tr("Change price (Ctrl+G twice on a changed line: take the change off)"),
            "sale_discount": self.tr("Sale discount (Ctrl+K twice: take the discount off)"),
            "gift": self.tr("Gift for points (积分兑换): the gifts the member's points can take"),
        }

    def open_help(self, parent: QWidget) -> QMessageBox:
        """F1: every key and what it does, built from ``SHORTCUTS``."""
        texts = self.texts() | self.help_texts()
        rows = "".join(
            f"<tr><td><b>{a.key}</b>&nbsp;&nbsp;</td><td>{texts[a.name]}</td></tr>"
            for a in SHORTCUTS
        )
        box = QMessageBox(parent)
        box.setObjectName("helpDialog")
        box.setWindowTitle(self.tr("Keys"))
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(
            self.tr("Scan or type into the field at the top and press Enter.")
            + f"<table>{rows}</table>"
        )
        box.open()
        return box

    def fit(self, width: int) -> None:
        """The keys in one row where ``width`` (the window's) is enough, else in two."""
        n = len(self.buttons)
        spacing = self._grid.horizontalSpacing()
        need = sum(b.sizeHint().width() + spacing for b in self.buttons.values())
        self._place(n if need <= width - 20 else (n + 1) // 2)

    def _place(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for b in self.buttons.values():
            self._grid.removeWidget(b)
        for i, b in enumerate(self.buttons.values()):
            self._grid.addWidget(b, i // columns, i % columns)


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p.capitalize() for p in rest)
