"""Run under a real X server of the counter's size: where do the manager's widgets land?

``python -m tests.gui.manager.fit_probe DB LANGUAGE`` opens manager mode as the app
does (``open()``, no size given), with a member who has a history selected, then the
reports, then every dialog of the members page, and prints one JSON object: the
screen, and for the window and each dialog its rectangle on the screen, every named
widget that is shown (rectangle, visible) and the pairs of named widgets that cover
one another. ``test_fit_xvfb`` starts it under ``xvfb-run``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QWidget

from tests.gui.fit_probe import overlaps, rect_on_screen, settle

#: The window's widgets the contract names: the head, the search, the member's detail,
#: the statement, the tabs and the message line (the action keys are added by name).
WINDOW = (
    "managerTitle",
    "managerStaffLabel",
    "leaveManagerButton",
    "managerTabs",
    "managerMessageLabel",
    "memberSearchInput",
    "memberSearchButton",
    "memberDetail",
    "memberDetailLabel",
    "memberBalancesLabel",
    "memberStatementTable",
    "tierHistoryTable",
)


def named_shown(root: QWidget) -> dict[str, QWidget]:
    """Every visible widget under ``root`` that has a name of the app's (not Qt's own)."""
    out: dict[str, QWidget] = {}
    for w in root.findChildren(QWidget):
        name = w.objectName()
        if name and not name.startswith("qt_") and w.isVisible() and name not in out:
            out[name] = w
    return out


def record(out: dict[str, Any], where: str, root: QWidget, named: dict[str, QWidget]) -> None:
    out["windows"][where] = [rect_on_screen(root), root.isVisible()]
    out["widgets"][where] = {n: [rect_on_screen(w), w.isVisible()] for n, w in named.items()}
    out["overlaps"][where] = overlaps(named)


def main(db: str, language: str) -> dict[str, Any]:
    app = QApplication(["manager-fit-probe"])
    from pos_member.domain.money import Money
    from pos_member.settings import Settings
    from ui.app import open_backend
    from ui.i18n import apply_style, fit_scale, install_translations
    from ui.manager import i18n
    from ui.manager.backend import ManagerBackend
    from ui.manager.screenshots import _member_with_history
    from ui.manager.window import ManagerWindow
    from ui.tasks import TaskRunner

    apply_style(app, fit=fit_scale(app))  # as the app does
    install_translations(app, language)
    i18n.install(app, language)
    backend = open_backend(Settings(db_path=Path(db)), seed_if_new=False, defer_printing=True)
    if backend.current_shift() is None:
        backend.open_shift(backend.login("1001", "1111"), Money.yuan(500))
    mbackend = ManagerBackend.from_cashier(backend)
    runner = TaskRunner()
    staff = mbackend.login("3001", "9999")
    _phone, card = _member_with_history(mbackend)
    screen = app.primaryScreen().geometry()
    out: dict[str, Any] = {
        "screen": [screen.x(), screen.y(), screen.width(), screen.height()],
        "windows": {},
        "widgets": {},
        "overlaps": {},
        "missing": [],
    }
    w = ManagerWindow(mbackend, runner, staff)
    w.open()  # as ui.manager.ManagerEntry opens it
    settle(app, runner)
    w.search_input.setText(card)  # the phone is sealed at the till
    w.search()
    settle(app, runner, 0.5)
    out["found"] = [w.page is not None, w.message_label.text()]
    named = {n: w.findChild(QWidget, n) for n in WINDOW}
    named.update({f"key:{k}": b for k, b in w.buttons.items()})
    record(out, "managerWindow", w, named)
    missing = [n for n, x in named.items() if x is None or not x.isVisible()]
    out["missing"] += [f"managerWindow:{n}" for n in missing]

    def dialog(action: str, name: str, prepare: Any = None) -> None:
        getattr(w, f"action_{action}")()
        settle(app, runner)
        child = w.child
        if child is None:
            out["missing"].append(name)
            return
        if prepare is not None:
            prepare(child)
            settle(app, runner)
        record(out, name, child, named_shown(child))
        child.close()
        settle(app, runner)

    def pin_mode(mode: str) -> Any:
        return lambda d: setattr(d, "mode", mode)

    dialog("register", "registerMemberDialog")
    dialog("pay_pin", "payPinDialog:change", pin_mode("change"))
    dialog("pay_pin", "payPinDialog:reset", pin_mode("reset"))
    dialog("coupon", "couponDialog")
    dialog("edit_member", "editMemberDialog")
    dialog("prepaid", "prepaidDialog")
    dialog("prepaid", "prepaidDialog:reversal", lambda d: d.tabs.setCurrentIndex(1))
    dialog("report_lost", "reportLostDialog")
    mbackend.report_lost(staff, card, "fit probe")
    w.refresh_member()
    settle(app, runner, 0.5)
    dialog("report_found", "reportFoundDialog")
    dialog("replace_card", "replaceCardDialog")
    reg = mbackend.register(
        staff, name="李雷", phone="13700000042", birthday=None, gender=None, consent=True
    )
    w.search_input.setText("13700000042")
    w.search(select_member=reg.member_id)
    settle(app, runner, 0.5)
    dialog("issue_card", "issueCardDialog")
    dialog("day_close", "dayCloseDialog")
    w.action_reports_tab()
    settle(app, runner, 1.0)
    record(out, "managerWindow:reports", w, {"managerTabs": w.tabs, **named_shown(w.tabs)})
    dialog("campaign", "campaignDialog")
    w.action_refused_tab()
    settle(app, runner, 0.5)
    record(out, "managerWindow:refused", w, {"managerTabs": w.tabs, **named_shown(w.tabs)})
    w.close()
    settle(app, runner)
    runner.shutdown()
    backend.close()
    return out


if __name__ == "__main__":
    print("FIT " + json.dumps(main(sys.argv[1], sys.argv[2])))
