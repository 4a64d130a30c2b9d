"""The console in a real browser: Debian's Chromium driven by Playwright against head
office on loopback (real uvicorn, real PostgreSQL). One browser and one page for the
module, driven mostly by keyboard.

Without /usr/bin/chromium these skip naming the Debian package; under CI=true a skip is
a failure (tests/conftest.py)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from pos_member.headoffice.programme import chain_today
from tests.headoffice.console.conftest import PASSWORD, Console, sale

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def page(console: Console) -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium: install the Debian package chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        ctx = browser.new_context(
            viewport={"width": 1366, "height": 768}, locale="en-US", base_url=console.url
        )
        ctx.set_default_timeout(10_000)
        pg = ctx.new_page()
        pg.goto("/console/login")
        pg.fill("#username", "admin1")
        pg.fill("#password", PASSWORD)
        pg.keyboard.press("Enter")
        pg.wait_for_url("**/console/dashboard")
        try:
            yield pg
        finally:
            browser.close()


def test_signed_in_with_the_keyboard_to_the_dashboard(page: Any) -> None:
    assert page.locator("h1").inner_text() == "Chain report"
    # The first Tab lands on the skip link, and focus is visible.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"


def test_access_keys_open_the_main_pages(page: Any) -> None:
    page.goto("/console/dashboard")
    page.keyboard.press("Alt+m")
    page.wait_for_url("**/console/members")
    # The search field has the focus: type and press Enter.
    assert page.evaluate("document.activeElement.id") == "q"
    page.keyboard.press("Alt+r")
    page.wait_for_url("**/console/review")


def test_search_a_member_and_block_a_card(page: Any, console: Console) -> None:
    with console.engine.connect() as conn:
        phone, card = conn.execute(
            text(
                "SELECT m.phone, c.number FROM members m JOIN cards c ON c.member_id = m.id "
                "WHERE m.id = 30"
            )
        ).one()
    page.goto("/console/members")
    page.fill("#q", phone)
    page.keyboard.press("Enter")
    page.click("a[href='/console/members/30']")
    page.wait_for_url("**/console/members/30")
    page.click("button:has-text('Block')")
    page.wait_for_selector(".flash")
    assert card in page.locator(".flash").inner_text()
    with console.engine.connect() as conn:
        assert conn.execute(text("SELECT state FROM cards WHERE number = :n"), {"n": card}) \
            .scalar_one() == "lost"  # fmt: skip
        # The change feed carries it to the tills.
        assert conn.execute(
            text("SELECT 1 FROM changes WHERE entity = 'member' AND key = '30'")
        ).first()
    assert page.locator("button:has-text('Unblock')").count() == 1


def test_resolve_a_review_item(page: Any, console: Console) -> None:
    eid = str(uuid.uuid4())
    console.push(
        console.token("S002", "T25"), [sale(eid, "S002", "T25", 31, chain_today(), 80_000_000,
                                            sv=True)]
    )  # fmt: skip
    with console.engine.connect() as conn:
        item_id = conn.execute(
            text("SELECT id FROM review_items WHERE event_id = :e"), {"e": eid}
        ).scalar_one()
    page.goto("/console/review")
    page.click(f"a[href='/console/review/{item_id}']")
    page.fill("#note", "Posted an adjustment; member called.")
    page.keyboard.press("Tab")  # from the note to its Resolve button
    assert page.evaluate("document.activeElement.getAttribute('accesskey')") == "s"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Alt+s")  # the page's main action, once
    page.wait_for_url("**/console/review?msg=*")
    assert f"{item_id}" in page.locator(".flash").inner_text()
    with console.engine.connect() as conn:
        assert conn.execute(
            text("SELECT resolved_at FROM review_items WHERE id = :i"), {"i": item_id}
        ).scalar_one()
    assert len([a for a in console.audit("review.resolve") if a["subject"] == str(item_id)]) == 1


def test_enrol_a_terminal_with_the_code_then_revoke_it(page: Any, console: Console) -> None:
    page.goto("/console/terminals")
    page.select_option("#store", "S003")
    page.fill("#terminal", "T88")
    page.click("button:has-text('Issue code')")
    code = page.locator("#enrol-code").inner_text().strip()
    assert page.locator(".qr svg").count() == 1
    got = httpx.post(f"{console.url}/api/v1/enrol", json={"code": code, "terminal_id": "T88"})
    assert got.status_code == 200
    auth = {"Authorization": f"Bearer {got.json()['token']}"}
    assert httpx.get(f"{console.url}/api/v1/sync/pull", headers=auth).status_code == 200
    page.goto("/console/terminals")
    page.once("dialog", lambda d: d.accept())
    page.click("button[aria-label='Revoke S003-T88']")
    page.wait_for_selector(".flash")
    assert httpx.get(f"{console.url}/api/v1/sync/pull", headers=auth).status_code == 401


def test_publish_a_scheduled_programme_version(page: Any, console: Console) -> None:
    start = (date.fromisoformat(chain_today()) + timedelta(days=40)).isoformat()
    page.goto("/console/programme/advanced")
    doc = json.loads(page.locator("#document").input_value())
    doc["referral_points"] = int(doc.get("referral_points", 0)) + 7
    page.fill("#document", json.dumps(doc, ensure_ascii=False, indent=2))
    page.fill("#effective_from", start)
    page.click("button:has-text('Check and show the difference')")
    assert "referral_points" in page.locator("table.diff").inner_text()
    page.click("button.primary:has-text('Publish')")
    page.wait_for_url("**/console/programme?msg=*")
    assert start in page.locator(".flash").inner_text()
    assert "scheduled" in page.locator("table.grid").first.inner_text()
    with console.engine.connect() as conn:
        row = conn.execute(
            text("SELECT effective_from, document FROM programme_rules ORDER BY version DESC")
        ).first()
    assert row.effective_from == start
    assert row.document["referral_points"] == doc["referral_points"]


def test_chinese_and_back(page: Any) -> None:
    page.goto("/console/dashboard")
    page.click("a.lang")
    assert page.locator("h1").inner_text() == "连锁报表"
    page.click("a.lang")
    assert page.locator("h1").inner_text() == "Chain report"


def test_an_adjustment_above_the_limit_is_approved_by_a_second_person(
    page: Any, console: Console
) -> None:
    with console.engine.connect() as conn:
        before = conn.execute(text("SELECT points FROM members WHERE id = 31")).scalar_one()
    page.goto("/console/members/31")
    page.keyboard.press("Alt+j")  # the access key puts the focus in the amount
    assert page.evaluate("document.activeElement.id") == "adj-amount"
    page.keyboard.type("900")
    page.keyboard.press("Tab")
    page.keyboard.type("lost receipt, checked by phone")
    page.keyboard.press("Enter")
    page.wait_for_url("**/console/members/31?msg=adj.pending*")
    assert "waits for a second person" in page.locator(".flash").inner_text()
    # The admin who asked sees it as theirs, with no approve button.
    page.goto("/console/adjustments")
    row = page.locator("tr", has_text="lost receipt, checked by phone")
    assert row.locator("button").count() == 0 and "Yours" in row.inner_text()
    browser = page.context.browser
    ctx = browser.new_context(viewport={"width": 1366, "height": 768}, locale="en-US",
                              base_url=console.url)  # fmt: skip
    try:
        other = ctx.new_page()
        other.goto("/console/login")
        other.fill("#username", "fin1")
        other.fill("#password", PASSWORD)
        other.keyboard.press("Enter")
        other.wait_for_url("**/console/dashboard")
        other.keyboard.press("Alt+v")  # the approvals page's access key
        other.wait_for_url("**/console/adjustments")
        mine = other.locator("tr", has_text="lost receipt, checked by phone")
        mine.locator("button", has_text="Approve").focus()
        other.keyboard.press("Enter")
        other.wait_for_url("**/console/adjustments?msg=adj.approved*")
        assert "approved and posted" in other.locator(".flash").inner_text()
        # Fits the laptop screen: no sideways scrolling.
        assert other.evaluate("document.documentElement.scrollWidth") <= 1366
    finally:
        ctx.close()
    with console.engine.connect() as conn:
        after = conn.execute(text("SELECT points FROM members WHERE id = 31")).scalar_one()
    assert after == before + 900
    page.goto("/console/members/31")
    wide = page.evaluate(
        "() => [...document.querySelectorAll('body *')]"
        ".filter(e => e.getBoundingClientRect().right > 1366)"
        ".map(e => e.tagName + '.' + e.className).slice(0, 8)"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366, wide
