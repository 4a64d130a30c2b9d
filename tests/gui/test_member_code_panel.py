"""A member found by their phone's member code (会员码) at the scan field: the panel
shows 电子会员卡, no card counts as presented, and a second scan is refused calmly."""

from __future__ import annotations

import sqlite3
import time
from typing import Any

import pytest

from pos_member.domain import member_code as mc
from pos_member.settings import Settings
from tests.gui.test_sale import scan
from tests.member_phone import Phone

pytestmark = pytest.mark.gui

KEY = 5


@pytest.fixture(scope="module")
def phone() -> Phone:
    return Phone()


@pytest.fixture
def settings(demo: Any, phone: Phone) -> Settings:
    """The demo till with one phone key of a member, as a pull leaves it."""
    member = demo.member()
    conn = sqlite3.connect(demo.path)
    with conn:
        conn.execute(
            "INSERT INTO member_device_keys (key_id, member_id, public_key, revoked, updated_at)"
            " VALUES (?, ?, ?, 0, '2026-12-03T00:00:00+00:00')",
            (KEY, member["member_id"], phone.public_raw),
        )
        conn.execute(
            "INSERT INTO terminal_state (key, value) VALUES ('hq.chain_code', 'PM') "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
        )
    conn.close()
    return Settings(db_path=demo.path)


def test_a_member_code_shows_the_electronic_member_card(
    qtbot: Any, window: Any, demo: Any, phone: Phone
) -> None:
    m = demo.member()
    payload = phone.code("PM", m["member_id"], KEY, mc.step_of(time.time()))
    scan(qtbot, window, payload)
    assert window.member is not None and window.member.member_id == str(m["member_id"])
    shown = window.member_panel.member_phone.text()
    assert "Electronic member card" in shown
    assert m["card_number"][-4:] not in shown
    assert window.member.card_id is None  # no plastic card was presented
    assert window.member.id_method == "member_code"
    # The same code again (a screenshot of it): refused, the member stays.
    scan(qtbot, window, payload)
    assert window.message_label.property("level") == "error"
    assert "scanned here before" in window.message_label.text()
    assert window.member.member_id == str(m["member_id"])


def test_an_expired_code_says_to_refresh(qtbot: Any, window: Any, demo: Any, phone: Phone) -> None:
    m = demo.member()
    scan(qtbot, window, phone.code("PM", m["member_id"], KEY, mc.step_of(time.time()) - 5))
    assert window.member is None
    assert window.message_label.property("level") == "error"
    assert "refresh" in window.message_label.text()
