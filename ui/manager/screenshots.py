"""Renders every manager screen and each report chart to PNG files.

``python -m ui.manager.screenshots docs`` (offscreen, or under ``xvfb-run``)
seeds a demo store with two weeks of sales, logs in as the demo manager and
writes ``docs/screenshots/manager-<screen>-<lang>.png`` for the members
screen, each dialog, the reports view and the events head office refused,
and ``docs/charts-<chart>.png`` for each chart, in zh_CN and en.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QWidget

from pos_member.seed import scenes
from pos_member.seed.history import demo_buyer
from pos_member.settings import Settings
from ui.screenshots import save, settle
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)

LANGUAGES = ("zh_CN", "en")
CHARTS = ("tender", "hour", "day", "segment", "lifecycle", "metrics")


def seed(dir_: Path) -> tuple[Path, str]:
    """The demo store, and the code of a packaged product (sold in the story below)."""
    from pos_member.seed.demo import seed_demo

    path = dir_ / "demo.db"
    result = seed_demo(path, members=300, products=60, days=14, settings=Settings(db_path=path))
    code = next(p["code"] for p in result.products if str(p.get("code", "")).startswith("P"))
    return path, code


def story(mbackend: Any, staff: Any, product: str) -> str:
    """A member's first weeks, through the real services: join, card, recharge, buy, lose,
    replace. Returns their phone. (Seeded members' opening balances are dated at seeding,
    after their sales, which makes a confusing statement to show.)"""
    from pos_member.domain.money import Money
    from pos_member.domain.tenders import TenderKind, TenderRequest
    from pos_member.services import cards as cs
    from pos_member.services import checkout as co
    from pos_member.services import stored_value as sv
    from pos_member.services.member_pin import set_pay_pin

    ctx = mbackend.ctx
    if mbackend.cashier_backend.current_shift() is None:  # the cashier's shift: sales need it
        cashier = mbackend.cashier_backend.login("1001", "1111")
        mbackend.cashier_backend.open_shift(cashier, Money.yuan(500))
    phone = "13800138000"
    reg = mbackend.register(
        staff, name="王小明", phone=phone, birthday=None, gender="male", consent=True
    )
    mid = reg.member_id
    set_pay_pin(ctx, staff, mid, "246810")
    first = mbackend.issue(staff, mid, cs.NewCard(cs.IssueMode.UID, uid="04A1B2FF"), None)
    amount = Money.yuan(1000)
    sv.recharge(
        ctx,
        sv.RechargeRequest(
            sv.new_recharge_id(),
            mid,
            amount,
            (TenderRequest(TenderKind.CASH, amount),),
            staff,
            buyer=demo_buyer(ctx, mid, amount),  # the law's real-name record, the first time
        ),
    )
    for qty in (3, 2):
        lines = (co.LineRequest(product, qty),)
        due = co.quote(
            ctx, co.CheckoutRequest(co.new_sale_id(), staff, lines, member_id=mid)
        ).amount_due
        co.checkout(
            ctx,
            co.CheckoutRequest(
                co.new_sale_id(), staff, lines, member_id=mid,
                tenders=(TenderRequest(TenderKind.STORED_VALUE, due),), pay_pin="246810",
            ),
        )  # fmt: skip
    mbackend.report_lost(staff, first.number, "lost")
    mbackend.replace(
        staff,
        first.number,
        cs.NewCard(cs.IssueMode.UID, uid="04A1B300"),
        cs.FeePayment(cs.FeeTender.CASH),
        None,
        "lost",
    )
    return phone


def _member_with_history(mbackend: Any) -> tuple[str, str]:
    """(phone, card number) of a member with stored value, points lots and a chip card."""
    from pos_member.services.members import member_statement

    staff = mbackend.login("3001", "9999")
    for mid in range(1, 300):
        page = mbackend.member_page(staff, mid)
        d = page.details
        cards = [c for c in d.cards if c.state == "active" and c.kind == "mifare"]
        if cards and d.points > 500 and len(member_statement(mbackend.ctx, mid).lines) >= 6:
            return d.phone, cards[0].number
    raise LookupError("no member with a history in the demo store")


def refuse_two(mbackend: Any, staff: Any, phone: str) -> None:
    """Two of the story member's events set aside as the sync client does when head office
    refuses them (its own ``_set_aside``): the last recharge and a stored-value adjustment."""
    from pos_member.domain.errors import SyncRefused
    from pos_member.domain.money import Money
    from pos_member.seed.scenes import latest_event_id
    from pos_member.services import adjustments
    from pos_member.sync.client import HQ_REASONS, SyncClient

    ctx = mbackend.ctx
    mid = mbackend.search(staff, phone).members[0].member_id
    adjustment = "5b0f6a0e-3c9e-4d0e-9a51-6c1f0f2d7a11"
    adjustments.adjust_stored_value(
        ctx, staff, None, mid, Money(-2_500), Money(0), "counted wrong", adjustment
    )
    recharge = latest_event_id(ctx.store, "recharge.completed")
    client = SyncClient(ctx.store)
    try:
        for event_id, code in ((recharge, "invalid"), (adjustment, "adjustment.limit")):
            refusal = SyncRefused(status=409, reason=code, detail=HQ_REASONS[code])
            client._set_aside(str(event_id), refusal.message)
    finally:
        client.close()


def shoot(out: Path, language: str, db: Path, product: str) -> None:
    from ui.app import open_backend
    from ui.i18n import apply_style, install_translations
    from ui.manager import i18n
    from ui.manager.backend import ManagerBackend
    from ui.manager.window import ManagerWindow

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_translations(app, language)
    i18n.install(app, language)
    apply_style(app)
    runner = TaskRunner()
    backend = open_backend(Settings(db_path=db), seed_if_new=False, defer_printing=True)
    mbackend = ManagerBackend.from_cashier(backend)
    shots = out / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    try:
        staff = mbackend.login("3001", "9999")
        story_phone = story(mbackend, staff, product)
        phone, card = _member_with_history(mbackend)
        w = ManagerWindow(mbackend, runner, staff)
        w.resize(1366, 768)
        w.show()
        settle(app, runner)
        w.search_input.setText(story_phone)
        w.search()
        settle(app, runner, 0.5)
        save(w, shots / f"manager-members-{language}.png")
        w.search_input.setText(phone)
        w.search()
        settle(app, runner, 0.5)

        def dialog(action: str, name: str, prepare: Any = None) -> None:
            getattr(w, f"action_{action}")()
            settle(app, runner)
            child = w.child
            assert child is not None, name
            if prepare is not None:
                prepare(child)
                settle(app, runner)
            save(child, shots / f"manager-{name}-{language}.png")
            child.close()
            settle(app, runner)

        def question(action: str, name: str) -> None:
            """The question an action asks before it blocks or moves a card."""
            getattr(w, f"action_{action}")()
            settle(app, runner)
            child: Any = w.child
            assert child is not None, name
            child.submit()
            settle(app, runner)
            box = child.confirm_box
            save(box, shots / f"manager-{name}-{language}.png")
            box.reject()
            settle(app, runner)
            child.close()
            settle(app, runner)

        def fill_register(d: Any) -> None:
            d.name_input.setText("王小明")
            d.phone_input.setText("138 0013 8000")
            d.birthday_input.setText("1990-05-17")
            d.gender_input.setCurrentIndex(1)
            d.consent_input.setChecked(True)

        dialog("register", "register", fill_register)

        def pin_mode(mode: str) -> Any:
            return lambda d: d.mode_box.setCurrentIndex(d.mode_box.findData(mode))

        # The payment PIN (F12): change with the old one, reset after checking the member.
        dialog("pay_pin", "pin-change", pin_mode("change"))
        dialog("pay_pin", "pin-reset", pin_mode("reset"))
        dialog("coupon", "coupon")
        dialog("edit_member", "edit")
        dialog("prepaid", "prepaid")
        dialog("report_lost", "report-lost")
        question("report_lost", "report-lost-confirm")
        # Block the card so the replacement shows the usual case (lost → new card).
        mbackend.report_lost(staff, card, "demo")
        w.refresh_member()
        settle(app, runner, 0.5)
        dialog("report_found", "found")
        question("report_found", "found-confirm")
        dialog("replace_card", "replace")
        reg = mbackend.register(
            staff, name="李雷", phone="13700000042", birthday=None, gender=None, consent=True
        )
        w.search_input.setText("13700000042")
        w.search(select_member=reg.member_id)
        settle(app, runner, 0.5)
        dialog("issue_card", "issue-card")
        w.action_reports_tab()
        settle(app, runner, 1.0)
        save(w, shots / f"manager-reports-{language}.png")
        dialog("campaign", "campaign")
        _day_close(app, runner, w, mbackend, shots, language)
        refuse_two(mbackend, staff, story_phone)
        w.resize(1366, 768)
        w.action_refused_tab()
        settle(app, runner, 0.5)
        save(w, shots / f"manager-refused-{language}.png")
        ctx = mbackend.ctx
        scenes.promotion_scene(ctx.store, ctx.terminal_id, ctx.now_iso())
        page = w.findChild(QWidget, "promotionsPage")
        assert page is not None
        w.tabs.setCurrentWidget(page)
        settle(app, runner, 0.5)
        save(w, shots / f"manager-promotions-{language}.png")
        w.resize(1366, 768)
        if language == "en":
            _charts(app, runner, mbackend, w.reports_view.report, out)
        w.close()
    finally:
        runner.shutdown()
        backend.close()


def _day_close(
    app: QApplication, runner: TaskRunner, w: Any, mbackend: Any, shots: Path, language: str
) -> None:
    """日结: refused while the cashier's shift is open; after the handover, closed."""
    from PySide6.QtWidgets import QPushButton

    from pos_member.domain.money import Money

    w.action_day_close()
    settle(app, runner, 0.5)
    save(w.child, shots / f"manager-day-close-open-{language}.png")
    w.child.close()
    settle(app, runner)
    cashier_backend = mbackend.cashier_backend
    cashier = cashier_backend.login("1001", "1111")
    expected = cashier_backend.x_report().cash_expected_fen
    cashier_backend.close_shift(cashier, Money(expected - 300))  # ¥3 short at the count
    w.action_day_close()
    settle(app, runner, 0.5)
    dlg = w.child
    dlg.submit()
    settle(app, runner)
    save(dlg.confirm_box, shots / f"manager-day-close-confirm-{language}.png")
    dlg.confirm_box.findChild(QPushButton, "confirmDayCloseDialogYes").click()
    settle(app, runner, 0.5)
    save(dlg, shots / f"manager-day-close-{language}.png")
    dlg.close()
    settle(app, runner)


def _charts(app: QApplication, runner: TaskRunner, mbackend: Any, report: Any, out: Path) -> None:
    """Each chart on its own at a readable size (a view laid out large, one chart per file)."""
    from ui.manager.reports import ReportsView

    view = ReportsView(mbackend, runner)
    view.resize(2200, 1100)
    view.show_report(report)
    view.show()
    settle(app, runner)
    for name in CHARTS:
        chart: QWidget = getattr(view, f"{name}_chart")
        save(chart, out / f"charts-{name}.png")
    view.close()


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    out = Path(args[0] if args else "docs")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    logging.basicConfig(level=logging.INFO)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        db, product = seed(Path(tmp))
        for language in LANGUAGES:
            work = Path(tmp) / language
            work.mkdir()
            copy = work / "demo.db"
            copy.write_bytes(db.read_bytes())
            shoot(out, language, copy, product)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
