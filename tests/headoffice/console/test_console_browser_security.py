"""In Chromium (Playwright, as ``test_console_browser``) against head office on loopback
and PostgreSQL: a campaign by keyboard (segment, count, send) that never queues a member
without marketing consent, and the console's security cases as a person meets them: a
store manager refused another store's member, a forged POST refused, a cookie dead after
sign-out, an account locked after N wrong passwords."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from pos_member.headoffice import privacy
from pos_member.headoffice.programme import chain_today
from tests.headoffice.console.conftest import MAX_FAILURES, PASSWORD, Console, sale

CHROMIUM = Path("/usr/bin/chromium")
DAY = "2001-07-01"


@pytest.fixture(scope="module")
def browser(console: Console) -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium: install the Debian package chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        try:
            yield b
        finally:
            b.close()


def _context(browser: Any, console: Console) -> Any:
    ctx = browser.new_context(
        viewport={"width": 1366, "height": 768}, locale="en-US", base_url=console.url
    )
    ctx.set_default_timeout(10_000)
    return ctx


def _sign_in(ctx: Any, username: str, password: str = PASSWORD) -> Any:
    pg = ctx.new_page()
    pg.goto("/console/login")
    pg.fill("#username", username)
    pg.fill("#password", password)
    with pg.expect_navigation():  # the sign-in's answer, whichever page it is
        pg.keyboard.press("Enter")
    return pg


def test_a_campaign_by_keyboard_never_queues_a_member_without_marketing_consent(
    browser: Any, console: Console
) -> None:
    with console.engine.begin() as conn:
        conn.execute(text("UPDATE members SET joined_on = :d WHERE id IN (41, 42, 43)"), {"d": DAY})
        for mid in (41, 43):
            privacy.record_consent(conn, mid, "marketing", True, version="1", channel="console",
                                   taken_by="test", now=datetime.now(UTC))  # fmt: skip
    ctx = _context(browser, console)
    pg = _sign_in(ctx, "mkt1")
    pg.wait_for_url("**/console/dashboard")
    pg.keyboard.press("Alt+g")  # Campaigns
    pg.wait_for_url("**/console/campaigns")
    assert pg.locator("h1").inner_text() == "Campaigns to segments"
    pg.fill("#g-joined_from", DAY)  # the date pickers; the rest is typed
    pg.fill("#g-joined_to", DAY)
    pg.focus("#g-days")
    pg.keyboard.press("Tab")
    assert pg.evaluate("document.activeElement.id") == "g-visits"
    pg.keyboard.press("Alt+c")  # Count members
    pg.wait_for_selector("#reach")
    assert "Reaches 2 members with marketing consent; 1 in the segment are left out" in (
        pg.locator("#reach").inner_text()
    )
    pg.focus("#g-text")
    pg.keyboard.type("会员日满100减20")
    assert pg.locator("#g-length").inner_text() == "10"
    assert pg.locator("#g-preview").inner_text() == "【会员】会员日满100减20 回复TD退订"
    pg.keyboard.press("Alt+s")  # Send to the segment
    pg.wait_for_url("**/console/campaigns?msg=*")
    assert "Campaign queued for 2 members (1 left out" in pg.locator(".flash").inner_text()
    assert "会员日满100减20" in pg.locator("section table").inner_text()
    key = console.audit("campaign.send")[-1]["subject"]
    with console.engine.connect() as conn:
        queued = conn.execute(text(
            "SELECT member_id FROM notification_outbox WHERE dedupe_key LIKE :k ORDER BY 1"
        ), {"k": f"mkt:{key}:%"}).scalars().all()  # fmt: skip
    assert queued == [41, 43]  # 42 has no marketing consent
    # Fits 1366×768: nothing wider than the window.
    assert pg.evaluate("document.documentElement.scrollWidth") <= 1366
    ctx.close()


def test_a_store_manager_cannot_open_another_stores_member(browser: Any, console: Console) -> None:
    day = chain_today()
    console.push(
        console.token("S002", "T28"), [sale(str(uuid.uuid4()), "S002", "T28", 51, day, 900)]
    )
    console.push(
        console.token("S001", "T18"), [sale(str(uuid.uuid4()), "S001", "T18", 52, day, 900)]
    )
    with console.engine.connect() as conn:
        phones: dict[int, str] = dict(
            conn.execute(text("SELECT id, phone FROM members WHERE id IN (51, 52)")).all()
        )
    ctx = _context(browser, console)
    pg = _sign_in(ctx, "mgr1")
    pg.wait_for_url("**/console/dashboard")
    pg.keyboard.press("Alt+m")
    pg.wait_for_url("**/console/members")
    pg.keyboard.type(phones[51])
    pg.keyboard.press("Enter")
    pg.wait_for_load_state()
    assert pg.locator("a[href='/console/members/51']").count() == 0
    pg.fill("#q", phones[52])
    pg.keyboard.press("Enter")
    pg.wait_for_selector("a[href='/console/members/52']")
    r = pg.goto("/console/members/51")
    assert r.status == 403
    assert "Member 51" not in pg.content()
    assert [a for a in console.audit("member.view_refused") if a["subject"] == "51"]
    ctx.close()


def test_a_forged_post_is_refused(browser: Any, console: Console) -> None:
    with console.engine.connect() as conn:
        card = conn.execute(text("SELECT number FROM cards WHERE member_id = 53")).scalar_one()
    ctx = _context(browser, console)
    pg = _sign_in(ctx, "cs1")
    pg.wait_for_url("**/console/dashboard")  # not customer service's page, but signed in
    before = len(console.audit("csrf.refused"))
    # A page that posts the block form without a token, then with a made-up one.
    for token in (None, "forged-token"):
        pg.goto("/console/members")
        pg.evaluate(
            """([action, token]) => { const f = document.createElement('form');
            f.method = 'post'; f.action = action;
            if (token !== null) { const i = document.createElement('input');
              i.type = 'hidden'; i.name = 'csrf'; i.value = token; f.appendChild(i); }
            document.body.appendChild(f); f.submit(); }""",
            [f"/console/cards/{card}/block", token],
        )
        pg.wait_for_url(f"**/console/cards/{card}/block")
        assert "did not come from the console" in pg.locator("main").inner_text()
    with console.engine.connect() as conn:
        state = conn.execute(text("SELECT state FROM cards WHERE number = :n"), {"n": card})
        assert state.scalar_one() == "active"
    assert len(console.audit("csrf.refused")) == before + 2
    ctx.close()


def test_the_cookie_after_sign_out_opens_nothing(browser: Any, console: Console) -> None:
    ctx = _context(browser, console)
    pg = _sign_in(ctx, "fin1")
    pg.wait_for_url("**/console/dashboard")
    stolen = [c for c in ctx.cookies() if c["name"] == "posm_console"]
    assert stolen
    pg.keyboard.press("Alt+q")  # Sign out
    pg.wait_for_url("**/console/login")
    thief = _context(browser, console)
    thief.add_cookies(stolen)
    tp = thief.new_page()
    tp.goto("/console/dashboard")
    assert "/console/login" in tp.url
    assert tp.locator("#password").count() == 1
    thief.close()
    ctx.close()


def test_an_account_locks_after_n_wrong_passwords(browser: Any, console: Console) -> None:
    ctx = _context(browser, console)
    for _ in range(MAX_FAILURES):
        pg = _sign_in(ctx, "locky", "wrong password 9")
        assert "/console/login" in pg.url
        pg.close()
    pg = _sign_in(ctx, "locky", PASSWORD)
    assert "/console/login" in pg.url
    assert "locked" in pg.locator("main").inner_text()
    assert [a for a in console.audit("account.locked") if a["username"] == "locky"]
    ctx.close()
