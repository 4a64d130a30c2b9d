"""Manager mode on real X screens (Xvfb): 1024×768 and 1366×768 at 100% and 125%, 1920×1080
at 100% and 125%, in both languages.

``fit_probe`` opens the manager window as the app does (no size given: it takes what
the screen has, 1366×800 at most) with a member selected, its reports and refused
tabs, and every dialog of the members page (register, payment PIN in two modes,
coupon, edit, 退卡 and the recharge reversal, report lost, undo lost, replace, issue
a card, 日结, the campaign). Every named widget shown must lie inside the screen, and
no two of them that are not one inside the other may cover each other.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.gui.test_fit_xvfb import inside, probe

pytestmark = pytest.mark.gui

DIALOGS = {
    "registerMemberDialog",
    "payPinDialog:change",
    "payPinDialog:reset",
    "couponDialog",
    "editMemberDialog",
    "prepaidDialog",
    "prepaidDialog:reversal",
    "reportLostDialog",
    "reportFoundDialog",
    "replaceCardDialog",
    "issueCardDialog",
    "dayCloseDialog",
    "campaignDialog",
}


def assert_manager_fits(found: dict[str, Any], logical: tuple[int, int]) -> None:
    w, h = logical
    screen = found["screen"]
    assert screen == [0, 0, w, h]
    assert found["found"][0], found["found"]  # a member was selected: the dialogs open
    assert not found["missing"], found["missing"]
    assert set(found["windows"]) >= DIALOGS, set(found["windows"])
    off_windows = {k: r for k, (r, shown) in found["windows"].items() if not inside(screen, r)}
    assert not off_windows, f"off the {w}×{h} screen: {off_windows}"
    off = {
        where: bad
        for where, widgets in found["widgets"].items()
        if (
            bad := {n: r for n, (r, shown) in widgets.items() if not shown or not inside(screen, r)}
        )
    }
    assert not off, f"off the {w}×{h} screen or hidden: {off}"
    covered = {where: pairs for where, pairs in found["overlaps"].items() if pairs}
    assert not covered, f"widgets covering one another at {w}×{h}: {covered}"
    # Every widget the window's contract names, and every action key, was measured.
    window = found["widgets"]["managerWindow"]
    assert "managerMessageLabel" in window and "memberStatementTable" in window
    assert len([n for n in window if n.startswith("key:")]) == 12


MODULE = "tests.gui.manager.fit_probe"


@pytest.mark.parametrize("language", ["zh_CN", "en"])
@pytest.mark.parametrize(
    ("size", "scale", "logical"),
    [
        ((1024, 768), "1", (1024, 768)),
        ((1366, 768), "1", (1366, 768)),
        ((1920, 1080), "1", (1920, 1080)),
        ((1920, 1080), "1.25", (1536, 864)),
        ((1366, 768), "1.25", (1093, 614)),
        ((1024, 768), "1.25", (819, 614)),
    ],
    ids=["1024x768", "1366x768", "1920x1080", "1920x1080@125", "1366x768@125", "1024x768@125"],
)
def test_manager_mode_on_a_real_screen(
    demo: Any, size: tuple[int, int], scale: str, logical: tuple[int, int], language: str
) -> None:
    assert_manager_fits(probe(demo, size, language, scale, module=MODULE), logical)
