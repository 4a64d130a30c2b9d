"""One question before an action that blocks or moves a member's card (挂失, 补卡, 解除挂失).

The question names the card and what will happen; Enter answers yes, Esc no, so the
keyboard alone can do it, but never on the Enter that opened the action.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

TESTED_IN = "tests/gui/manager/test_keys_and_cards.py"


def ask(
    parent: QWidget,
    name: str,
    title: str,
    text: str,
    yes_text: str,
    on_yes: Callable[[], None],
    on_no: Callable[[], None] | None = None,
) -> QMessageBox:
    """Open the question (window-modal, returns at once); ``on_yes`` runs on the yes button."""
    box = QMessageBox(parent)
    box.setObjectName(name)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    yes = box.addButton(f"{yes_text}  Enter", QMessageBox.ButtonRole.AcceptRole)
    yes.setObjectName(f"{name}Yes")
    no = box.addButton(
        QCoreApplication.translate("ManagerConfirm", "Back  Esc"), QMessageBox.ButtonRole.RejectRole
    )
    no.setObjectName(f"{name}No")
    box.setDefaultButton(yes)
    box.setEscapeButton(no)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)

    def answered() -> None:
        if box.clickedButton() is yes:
            on_yes()
        elif on_no is not None:
            on_no()

    box.finished.connect(lambda _r: answered())
    box.open()
    return box
