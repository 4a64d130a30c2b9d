"""A programme change scheduled in the head-office console reaches a real till and
changes its prices at its start time, not before.

Head office on loopback (real uvicorn, PostgreSQL); a marketing person in Chromium,
by keyboard, halves every tier's discount rate on the programme's forms and publishes
it from tomorrow (head office's business day, Asia/Shanghai); an enrolled till pulls the
version at once, keeps pricing by the old one until its clock reaches tomorrow's
midnight in Shanghai, then prices by the new one.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text

from pos_member.domain.money import Money
from pos_member.headoffice.console.accounts import Role, create_account
from pos_member.headoffice.programme import chain_today
from pos_member.services.checkout import LineRequest, quote
from pos_member.services.context import Context, StaffSession
from pos_member.services.context import Role as TillRole
from pos_member.settings import Settings
from tests.services.helpers import sale

pytestmark = pytest.mark.integration

CHROMIUM = Path("/usr/bin/chromium")
TZ = ZoneInfo("Asia/Shanghai")
CASHIER = StaffSession("1001", "小王", TillRole.CASHIER)
PASSWORD = "schedule e2e 2026"


@pytest.fixture
def browser_page(hq: Any) -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium: install the Debian package chromium")
    from playwright.sync_api import sync_playwright

    with hq.engine.begin() as conn:
        create_account(conn, "mkt.e2e", "市场部", Role.MARKETING, PASSWORD)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        ctx = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN",
                                  base_url=hq.url)  # fmt: skip
        ctx.set_default_timeout(15_000)
        page = ctx.new_page()
        try:
            yield page
        finally:
            browser.close()


def test_a_change_scheduled_in_the_console_prices_at_the_till_from_its_day(
    hq: Any, make_terminal: Any, browser_page: Any
) -> None:
    t = make_terminal()
    t.sync()
    settings = Settings(db_path=t.store.path, terminal_id=t.terminal_id, store_id="S001")
    ctx = Context(store=t.store, settings=settings, clock=t.clock)
    with t.store.reading() as s:
        code, price = s.execute(text(
            "SELECT code, price_fen FROM products WHERE member_price_fen IS NULL AND discountable"
            " AND NOT weighed AND count_card_plan IS NULL ORDER BY id LIMIT 1"
        )).one()  # fmt: skip
        member = int(s.execute(text("SELECT min(id) FROM members")).scalar_one())
    start = date.fromisoformat(chain_today()) + timedelta(days=1)
    eve = datetime.combine(start, time(23, 0), TZ) - timedelta(days=1)
    t.clock.now = eve

    def net() -> Money:
        return quote(ctx, sale(LineRequest(code), staff=CASHIER, member_id=member)).net_total

    before = net()
    assert before.fen >= price // 2  # no tier of the demo gives half off
    page = browser_page
    page.goto("/console/login")
    page.fill("#username", "mkt.e2e")
    page.fill("#password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/console/dashboard")
    page.keyboard.press("Alt+p")
    page.wait_for_url("**/console/programme")
    tiers = int(page.locator("input[name='tier.rows']").input_value()) - 1
    for i in range(tiers):
        page.focus(f"#f-tier-{i}-discount")
        page.keyboard.press("Control+a")
        page.keyboard.type("50")
    page.fill("#f-effective_from", start.isoformat())
    page.keyboard.press("Alt+s")
    page.wait_for_url("**/console/programme?msg=prog.done*")
    assert f"自 {start.isoformat()} 起生效" in page.locator(".flash").inner_text()
    # The till pulls it at once, and keeps the old prices until the day comes.
    t.sync()
    with t.store.reading() as s:
        windows = [tuple(r) for r in s.execute(
            text("SELECT effective_from, effective_until FROM programme_rules")
        ).all()]  # fmt: skip
    assert (start.isoformat(), None) in windows
    assert net() == before
    t.clock.now = datetime.combine(start, time(0, 0), TZ)
    assert net() == Money(price).scale(Decimal("0.5"))
