"""The recharge dialog's package keys: each 充X送Y of the programme's bonus table.

One button per row of ``stored_value.bonus_table`` (head office's data, read on the
database lane when the dialog opens), lowest first, on Ctrl+1 … Ctrl+9: a key puts
the package's deposit into the amount field, and the dialog's own preview then shows
the bonus and the balance after, as for an amount typed by hand.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from pos_member.domain.money import Money
from ui.widgets import bind_key

TESTED_IN = "tests/gui/test_tools_recharge.py"

MAX_KEYS = 9


def whole_yuan(amount: Money) -> str:
    """``500`` for ¥500.00, ``12.50`` otherwise (what the amount field takes)."""
    yuan, fen = divmod(amount.fen, 100)
    return str(yuan) if fen == 0 else f"{yuan}.{fen:02d}"


class PackageKeys(QWidget):
    """A row of package keys; ``choose(deposit)`` is called with the package's deposit."""

    def __init__(self, owner: QWidget, choose: Callable[[Money], None]) -> None:
        super().__init__(owner)
        self.setObjectName("rechargePackages")
        self._owner = owner
        self._choose = choose
        self.buttons: list[QPushButton] = []
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self.caption = QLabel(self.tr("Packages"))
        self._row.addWidget(self.caption)
        self.setVisible(False)  # until the programme's table is read (and when it has none)

    def _chooser(self, deposit: Money) -> Callable[[], None]:
        return lambda: self._choose(deposit)

    def show_packages(self, table: list[tuple[Money, Money]]) -> None:
        for i, (deposit, bonus) in enumerate(table[:MAX_KEYS], start=1):
            text = self.tr("Deposit {deposit}, get {bonus}").format(
                deposit=whole_yuan(deposit), bonus=whole_yuan(bonus)
            )
            b = QPushButton(f"Ctrl+{i}\n{text}")
            b.setObjectName(f"rechargePackage{i}")
            b.setProperty("class", "action")
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.setAutoDefault(False)
            b.clicked.connect(self._chooser(deposit))
            bind_key(self._owner, f"Ctrl+{i}", self._chooser(deposit))
            self._row.addWidget(b)
            self.buttons.append(b)
        self._row.addStretch(1)
        self.setVisible(bool(self.buttons))
