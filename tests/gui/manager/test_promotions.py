"""The manager sees the store's promotions in force, in English and in Chinese.

A real demo store gets a programme version (installed as head office's would
be) with promotions that run now, one that ran last year, one for another
store and one limited to a weekday; the Promotions tab lists those running
now in this store, each with its rule in the trade's words, what it covers,
for whom, when and its exclusive group. A version the till refused (a kind it
does not know) is named above the list, with the version still priced by.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

from pos_member.domain.money import Money
from pos_member.domain.promotions import (
    Audience,
    Promotion,
    PromotionKind,
    Scope,
    Step,
    Window,
)
from pos_member.services.programme import install_rules
from tests.gui.helpers import wait_idle

pytestmark = pytest.mark.gui
K = PromotionKind


@pytest.fixture(params=["en", "zh_CN"])
def language(request: pytest.FixtureRequest, qapp: Any) -> Iterator[str]:
    from ui.i18n import install_translations
    from ui.manager import i18n

    assert install_translations(qapp, request.param)
    assert i18n.install(qapp, request.param), "run `make translations`"
    yield str(request.param)
    install_translations(qapp, "en")
    i18n.install(qapp, "en")


def _install(mbackend: Any, *promotions: Promotion) -> int:
    ctx = mbackend.ctx
    with ctx.store.reading() as s:
        _, base = ctx.rules(s)
    rules = dataclasses.replace(base, version=base.version + 1, promotions=promotions)
    with ctx.store.unit_of_work(ctx.terminal_id, datetime.now(UTC).isoformat()) as uow:
        install_rules(uow, rules, "2026-01-01")
    return rules.version


def _window(qtbot: Any, mbackend: Any, runner: Any, manager: Any) -> Any:
    from ui.manager.window import ManagerWindow

    w = ManagerWindow(mbackend, runner, manager)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    wait_idle(qtbot, runner)
    return w


def test_the_promotions_tab_lists_what_runs_now_in_this_store(
    qtbot: Any, language: str, mbackend: Any, runner: Any, manager: Any
) -> None:
    store = mbackend.ctx.settings.store_id
    today = mbackend.ctx.today()
    running = (
        Promotion("MJ", K.SPEND_OFF, steps=(Step(10_000, off=Money(2_000)),),
                  exclusive_group="order"),
        Promotion("HALF", K.NTH_ITEM, rate=Decimal("0.5"), scope=Scope(categories=("饮料",)),
                  audience=Audience(members_only=True, stores=(store,))),
    )  # fmt: skip
    not_now = (
        Promotion("OLD", K.PERCENT_OFF, rate=Decimal("0.9"),
                  window=Window(date(2025, 1, 1), date(2025, 1, 31))),
        Promotion("ELSEWHERE", K.PERCENT_OFF, rate=Decimal("0.9"),
                  audience=Audience(stores=(store + "-other",))),
        Promotion("OTHER-DAY", K.PERCENT_OFF, rate=Decimal("0.8"),
                  window=Window(weekdays=(today.isoweekday() % 7 + 1,))),
    )  # fmt: skip
    version = _install(mbackend, *running, *not_now)
    w = _window(qtbot, mbackend, runner, manager)
    view = w.findChild(type(w.tabs.widget(0)), "promotionsPage")
    assert view is not None
    w.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.shown is not None and view.shown.version == version)
    rows = view.rows_text()
    assert [r[0] for r in rows] == ["MJ", "HALF"]
    assert rows[0][1] == "满100减20" and rows[1][1] == "第2件半价"
    zh = language == "zh_CN"
    assert rows[0][2] == ("全场" if zh else "everything")
    assert rows[1][2] == ("品类 饮料" if zh else "categories 饮料")
    assert rows[1][3] == ("会员" if zh else "members")
    assert rows[0][4] == ("长期" if zh else "always")
    assert rows[0][5] == "order" and rows[1][5] == "—"
    status = view.status_label.text()
    assert ("2" in status) and str(version) in status
    assert not view.refused_label.isVisible()

    # A version the till refused is named, with the one it still prices by.
    mbackend.ctx.refused_rules[version + 1] = "lucky_draw"
    view.refresh()
    qtbot.waitUntil(view.refused_label.isVisible)
    text = view.refused_label.text()
    assert str(version + 1) in text and "lucky_draw" in text and str(version) in text
    assert ("升级" if zh else "Upgrade") in text


def test_no_promotion_in_force_says_so(
    qtbot: Any, mbackend: Any, runner: Any, manager: Any
) -> None:
    version = _install(mbackend)
    w = _window(qtbot, mbackend, runner, manager)
    view = w.findChild(type(w.tabs.widget(0)), "promotionsPage")
    w.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.shown is not None and view.shown.version == version)
    assert view.table.rowCount() == 0
    assert view.status_label.text() == (
        f"No promotion is in force in this store now (programme version {version})."
    )
