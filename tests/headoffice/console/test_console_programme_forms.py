"""The programme as forms (``console/programme_forms.py``): each field checked in the
person's language, a preview priced by the till's own ``price_sale`` under the draft and
the live version, scheduling, publishing and rolling back; over HTTP against head office
on loopback with real PostgreSQL, and in Chromium driven by the keyboard."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from sqlalchemy import text

from pos_member.domain.money import Money
from pos_member.domain.pricing import MemberSnapshot, price_sale
from pos_member.domain.promotions import STORE_TZ
from pos_member.domain.rules import ProgrammeRules, demo_rules
from pos_member.headoffice.console.i18n import text as said
from pos_member.headoffice.console.programme_forms import (
    _product,
    domain_words,
    draft_of,
    values_of,
)
from pos_member.headoffice.programme import chain_today
from tests.headoffice.console.conftest import PASSWORD, Console

CHROMIUM = Path("/usr/bin/chromium")
ZH = {"Accept-Language": "zh-CN"}
EN = {"Accept-Language": "en"}


class _Fields(HTMLParser):
    """The fields of the page's ``form#forms`` as a browser would post them."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}
        self.inside = False
        self.select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.inside = a.get("id") == "forms"
        if not self.inside:
            return
        if tag == "input" and a.get("name"):
            if a.get("type") != "checkbox" or "checked" in a:
                self.values[a["name"]] = a.get("value", "")
        elif tag == "select":
            self.select = a["name"]
            self.values.setdefault(self.select, "")
        elif tag == "option" and self.select and "selected" in a:
            self.values[self.select] = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self.select = None
        elif tag == "form":
            self.inside = False


def fields(page: str) -> dict[str, str]:
    parser = _Fields()
    parser.feed(page)
    return parser.values


def field_error(page: str, name: str) -> str:
    fid = "f-" + name.replace(".", "-")
    hit = re.search(rf'<span class="ferr" id="e{re.escape(fid)}">([^<]*)</span>', page)
    return html.unescape(hit.group(1)) if hit else ""


def totals(page: str) -> list[str]:
    return re.findall(r'<dd class="total">([^<]+)</dd>', page)


def _rules_with_promotions() -> dict[str, Any]:
    doc = demo_rules().to_dict()
    doc["promotions"] = [
        {"code": "MJ100", "kind": "spend_off", "name": "",
         "steps": [{"threshold": 10000, "off": 2000, "rate": "1"},
                   {"threshold": 20000, "off": 5000, "rate": "1"}],
         "scope": {"categories": ["饮料"], "brands": ["康师傅"]}},
        {"code": "TUE", "kind": "percent_off", "rate": "0.8", "window": {"weekdays": [2]},
         "audience": {"members_only": True}, "exclusive_group": "day"},
        {"code": "B2G1", "kind": "buy_get", "buy": 2, "get": 1, "scope": {"skus": ["P000003"]}},
        {"code": "SP", "kind": "special_price", "prices": [["P000004", 990]]},
        {"code": "QB", "kind": "quantity_break", "steps": [{"threshold": 3, "rate": "0.9"}]},
        {"code": "EV", "kind": "every_off", "every": 10000, "off": 1000, "cap": 5000},
        {"code": "N2", "kind": "nth_item", "nth": 2, "rate": "0.5"},
        {"code": "ADD", "kind": "add_on", "threshold": 5000, "gift_sku": "P000006",
         "add_on_price": 990, "add_on_units": 1},
    ]  # fmt: skip
    return ProgrammeRules.from_dict(doc).to_dict()


def test_every_field_round_trips_through_the_forms() -> None:
    """The forms show a document and read back the same rules, promotions of every kind,
    the fields the forms do not show (brands, prepaid, card rule) kept from the base."""
    doc = _rules_with_promotions()
    draft = draft_of(doc, values_of(doc), lambda k, **v: said("en", k, **v), "en")
    assert draft.ok, (draft.errors, draft.general)
    assert ProgrammeRules.from_dict(draft.doc) == ProgrammeRules.from_dict(doc)


def test_each_field_is_checked_in_the_persons_language() -> None:
    doc = _rules_with_promotions()
    values = values_of(doc) | {
        "tier.2.discount": "120", "redeem.max_share": "abc", "bonus.0.threshold": "5.001",
        "promo.1.hours": "25-3", "tier.3.upgrade": "10",
    }  # fmt: skip
    zh = draft_of(doc, values, lambda k, **v: said("zh_CN", k, **v), "zh_CN")
    assert zh.errors["tier.2.discount"] == (
        "请填写实付比例，1 到 100，例如 95 表示 95 折（付 95%）。"
    )
    assert zh.errors["redeem.max_share"] == "请填写 0 到 100 的百分比。"
    assert zh.errors["bonus.0.threshold"].startswith("请填写以元为单位的金额")
    assert zh.errors["promo.1.hours"].startswith("时段请写成 10-14")
    assert zh.errors["tier.3.upgrade"] == "级别更高的等级，其升级消费额不能低于下一级。"
    en = draft_of(doc, values, lambda k, **v: said("en", k, **v), "en")
    assert en.errors["tier.2.discount"].startswith("Write the share of the price paid")
    # A promotion that parses but does not hold together: the domain's own message, in
    # the person's half of it.
    wrong = values_of(doc) | {"promo.0.steps": "100:120"}
    zh = draft_of(doc, wrong, lambda k, **v: said("zh_CN", k, **v), "zh_CN")
    assert zh.errors["promo.0.row"] == (
        "MJ100 满100减120：满减门槛必须大于减免金额，且减免金额大于零"
    )
    en = draft_of(doc, wrong, lambda k, **v: said("en", k, **v), "en")
    assert en.errors["promo.0.row"] == "MJ100 满100减120: the threshold must exceed the amount off"


def test_domain_words_pick_the_persons_half() -> None:
    said_en = domain_words("活动需要编码 / a promotion needs a code", "en")
    assert said_en == "a promotion needs a code"
    assert domain_words("X 买2赠1：购买件数 / buy", "zh_CN") == "X 买2赠1：购买件数"
    assert domain_words("tier gold: discount rate must be in (0, 1]", "zh_CN").startswith("tier")


# --- over HTTP, on PostgreSQL -------------------------------------------------------


def _expected(console: Console, doc: dict[str, Any], cart: list[tuple[str, int]], tier: str,
              day: date) -> Money:  # fmt: skip
    """What the till's pricing charges for ``cart`` under ``doc``."""
    with console.engine.connect() as conn:
        rows = {r.code: r for r in conn.execute(text("SELECT * FROM products")).all()}
    from pos_member.domain.cart import CartLine

    lines = [CartLine(n + 1, _product(rows[code]), quantity=q) for n, (code, q) in enumerate(cart)]
    at = datetime.combine(day, time(12), ZoneInfo(STORE_TZ))
    rules = ProgrammeRules.from_dict(doc)
    sale = price_sale(lines, MemberSnapshot("preview", tier), rules, today=day, at=at)
    return sale.amount_due


def _live_doc(console: Console) -> dict[str, Any]:
    with console.engine.connect() as conn:
        return dict(conn.execute(
            text("SELECT document FROM programme_rules WHERE version = 1")
        ).scalar_one())  # fmt: skip


def test_preview_prices_a_cart_under_the_draft_and_the_live_version(console: Console) -> None:
    c = console.login("mkt1")
    page = c.get("/console/programme", headers=ZH)
    assert page.status_code == 200
    form = fields(page.text) | {"tier.2.discount": "90", "cart.0.product": "P000001",
                                "cart.0.qty": "2", "cart.1.product": "P000002",
                                "cart.1.qty": "1", "cart.tier": "gold"}  # fmt: skip
    shown = c.post("/console/programme/forms/preview", data=form, headers=ZH)
    assert shown.status_code == 200, shown.text[-2000:]
    day = date.fromisoformat(form["effective_from"])
    live = _live_doc(console)
    draft = {**live, "tiers": [{**t, "discount_rate": "0.9"} if t["code"] == "gold" else t
                               for t in live["tiers"]]}  # fmt: skip
    cart = [("P000001", 2), ("P000002", 1)]
    want = [_expected(console, d, cart, "gold", day) for d in (draft, live)]
    assert totals(shown.text) == [str(m) for m in want]
    assert want[0] < want[1]
    # The page keeps the cart and the draft as they were typed.
    kept = fields(shown.text)
    assert (kept["cart.0.product"], kept["cart.1.product"], kept["cart.0.qty"]) == (
        "P000001", "P000002", "2")  # fmt: skip
    assert kept["cart.tier"] == "gold" and kept["tier.2.discount"] == "90"
    assert f"按草稿，此购物车对顾客便宜 {want[1] - want[0]}。" in html.unescape(shown.text)
    # A cart without products says what to do, in the person's language.
    empty = c.post("/console/programme/forms/preview",
                   data=fields(page.text) | {"cart.0.product": ""}, headers=EN)  # fmt: skip
    assert empty.status_code == 422
    assert "Choose at least one product and its quantity." in empty.text
    # Nothing was published by a preview.
    with console.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM programme_rules")).scalar_one() == 1


def test_publish_from_the_forms_then_roll_back_audited(console: Console) -> None:
    c = console.login("admin1")
    page = c.get("/console/programme", headers=EN)
    start = (date.fromisoformat(chain_today()) + timedelta(days=20)).isoformat()
    form = fields(page.text) | {"bonus.0.bonus": "30", "effective_from": start}
    bad = c.post("/console/programme/forms/publish", data=form | {"bonus.0.bonus": "3x"},
                 headers=EN)  # fmt: skip
    assert bad.status_code == 422
    assert field_error(bad.text, "bonus.0.bonus").startswith("Write an amount in yuan")
    checked = c.post("/console/programme/forms/check", data=form, headers=EN)
    assert checked.status_code == 200
    assert "stored_value.bonus_table" in checked.text and "3000" in checked.text
    done = c.post("/console/programme/forms/publish", data=form, headers=EN)
    assert done.status_code == 303, done.text[-1500:]
    with console.engine.connect() as conn:
        version, since, doc = conn.execute(text(
            "SELECT version, effective_from, document FROM programme_rules ORDER BY version DESC"
        )).first()  # fmt: skip
    assert since == start and doc["stored_value"]["bonus_table"][0] == {
        "threshold": 50000,
        "bonus": 3000,
    }
    # The fields the forms do not show came through unchanged.
    live = _live_doc(console)
    assert doc["prepaid"] == live["prepaid"] and doc["card_rule"] == live["card_rule"]
    audit = [a for a in console.audit("rules.publish") if a["subject"] == str(version)]
    assert audit[-1]["detail"]["via"] == "forms" and audit[-1]["detail"]["from_version"] == "1"
    listing = c.get("/console/programme", headers=EN)
    assert "scheduled" in listing.text
    # Roll back to version 1 from today: a copy published as a new version, audited, in
    # the change feed for the tills.
    today = chain_today()
    rolled = c.post("/console/programme/rollback", data={
        "csrf": form["csrf"], "version": "1", "rollback_from": today}, headers=EN)  # fmt: skip
    assert rolled.status_code == 303
    shown = c.get(rolled.headers["location"], headers=EN)
    assert f"a copy of version 1, in force from {today}." in shown.text
    with console.engine.connect() as conn:
        newest, since, copy = conn.execute(text(
            "SELECT version, effective_from, document FROM programme_rules ORDER BY version DESC"
        )).first()  # fmt: skip
    assert newest == version + 1 and since == today
    assert {k: v for k, v in copy.items() if k != "version"} == {
        k: v for k, v in live.items() if k != "version"}  # fmt: skip
    trail = [a for a in console.audit("rules.rollback") if a["subject"] == str(newest)]
    assert trail and trail[0]["detail"] == {"from_version": 1, "effective_from": today}
    token = console.token("S001", "T71")
    pulled = httpx.get(f"{console.url}/api/v1/sync/pull", params={"limit": 5000},
                       headers={"Authorization": f"Bearer {token}"}).json()  # fmt: skip
    assert any(ch["entity"] == "rules" and str(ch["key"]) == str(newest)
               for ch in pulled["changes"])  # fmt: skip
    # Finance sees the programme and may preview, but not publish or roll back.
    fin = console.login("fin1")
    fin_page = fin.get("/console/programme", headers=EN)
    assert fin_page.status_code == 200 and "rollback-form" not in fin_page.text
    assert fin.post("/console/programme/rollback", data={
        "csrf": fields(fin_page.text)["csrf"], "version": "1", "rollback_from": today,
    }).status_code == 403  # fmt: skip


# --- in Chromium, by keyboard ------------------------------------------------------------


@pytest.fixture(scope="module")
def zh_page(console: Console) -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium: install the Debian package chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        ctx = browser.new_context(
            viewport={"width": 1366, "height": 768}, locale="zh-CN", base_url=console.url,
            extra_http_headers={"Accept-Language": "zh-CN"},
        )  # fmt: skip
        ctx.set_default_timeout(15_000)
        pg = ctx.new_page()
        pg.goto("/console/login")
        pg.fill("#username", "mkt1")
        pg.fill("#password", PASSWORD)
        pg.keyboard.press("Enter")
        pg.wait_for_url("**/console/dashboard")
        try:
            yield pg
        finally:
            browser.close()


def _retype(page: Any, selector: str, value: str) -> None:
    page.focus(selector)
    page.keyboard.press("Control+a")
    page.keyboard.type(value)


def test_in_chromium_edit_a_tier_discount_preview_schedule_publish_roll_back(
    zh_page: Any, console: Console
) -> None:
    page = zh_page
    page.keyboard.press("Alt+p")  # the programme's access key
    page.wait_for_url("**/console/programme")
    assert page.locator("h1").inner_text() == "会员规则"
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    gold = "#f-tier-2-discount"
    assert page.locator(gold).input_value() == "95"
    _retype(page, gold, "120")
    page.keyboard.press("Enter")  # the form's first button: check
    page.wait_for_url("**/console/programme/forms/check")
    assert page.locator(gold).get_attribute("aria-invalid") == "true"
    assert page.locator("#ef-tier-2-discount").inner_text() == (
        "请填写实付比例，1 到 100，例如 95 表示 95 折（付 95%）。"
    )
    assert "请修改下面标出的字段" in page.locator("#form-errors").inner_text()
    _retype(page, gold, "90")
    # The sample cart, by keyboard: the first product, 3 of it, a gold member.
    page.focus("#cart-0-product")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    page.keyboard.type("3")
    page.focus("#cart-tier")
    page.keyboard.type("gold")
    product = page.locator("#cart-0-product").input_value()
    assert product and page.locator("#cart-tier").input_value() == "gold"
    page.keyboard.press("Alt+e")  # 试算购物车
    page.wait_for_url("**/console/programme/forms/preview")
    shown = page.locator("#preview dd.total").all_inner_texts()
    start = date.fromisoformat(page.locator("#f-effective_from").input_value())
    live = _live_newest_in_force(console, start)
    draft = {**live, "tiers": [{**t, "discount_rate": "0.9"} if t["code"] == "gold" else t
                               for t in live["tiers"]]}  # fmt: skip
    want = [_expected(console, d, [(product, 3)], "gold", start) for d in (draft, live)]
    assert shown == [str(m) for m in want] and want[0] < want[1]
    assert "草稿" in page.locator("#side-1 h3").inner_text()
    assert "当天生效版本" in page.locator("#side-2 h3").inner_text()
    # Schedule for a day to come and publish (Alt+S).
    when = (date.fromisoformat(chain_today()) + timedelta(days=45)).isoformat()
    page.fill("#f-effective_from", when)
    page.keyboard.press("Alt+s")
    page.wait_for_url("**/console/programme?msg=prog.done*")
    assert f"自 {when} 起生效" in page.locator(".flash").inner_text()
    assert "待生效" in page.locator("table.grid").first.inner_text()
    with console.engine.connect() as conn:
        version, since, doc = conn.execute(text(
            "SELECT version, effective_from, document FROM programme_rules ORDER BY version DESC"
        )).first()  # fmt: skip
    assert since == when
    assert next(t for t in doc["tiers"] if t["code"] == "gold")["discount_rate"] == "0.9"
    # Roll back to version 1 from today (the page asks first).
    page.focus("#rb-version")
    page.select_option("#rb-version", "1")
    page.once("dialog", lambda d: d.accept())
    page.keyboard.press("Alt+b")
    page.wait_for_url("**/console/programme?msg=prog.f.rolled_back*")
    assert "为版本 1 的副本" in page.locator(".flash").inner_text()
    with console.engine.connect() as conn:
        newest, copy = conn.execute(text(
            "SELECT version, document FROM programme_rules ORDER BY version DESC"
        )).first()  # fmt: skip
    assert newest == version + 1
    assert next(t for t in copy["tiers"] if t["code"] == "gold")["discount_rate"] == "0.95"
    assert [a for a in console.audit("rules.rollback") if a["subject"] == str(newest)]
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366


def _live_newest_in_force(console: Console, day: date) -> dict[str, Any]:
    from pos_member.headoffice import programme

    with console.engine.connect() as conn:
        versions = programme.rules_versions(conn)
    live = programme.live_version(versions, day.isoformat())
    assert live is not None
    return dict(live["document"])


def test_issue_a_coupon_from_the_form_checked_and_audited(console: Console) -> None:
    c = console.login("mkt1")
    page = c.get("/console/programme/coupons", headers=ZH)
    assert page.status_code == 200 and "发放优惠券" in page.text
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert csrf
    today = chain_today()
    until = (date.fromisoformat(today) + timedelta(days=30)).isoformat()
    form = {"csrf": csrf.group(1), "code": "HQ-TEN-01", "name": "十元券", "kind": "amount_off",
            "value": "10", "rate": "", "minimum": "50", "since": today, "until": until,
            "member": "23"}  # fmt: skip
    bad = c.post("/console/programme/coupons", data=form | {"value": "0", "until": "2020-01-01"},
                 headers=ZH)  # fmt: skip
    assert bad.status_code == 422
    assert re.search(r'id="ec-value">请填写大于零的金额', bad.text)
    assert "优惠券的截止日期早于开始日期" in bad.text
    nobody = c.post("/console/programme/coupons", data=form | {"member": "999999"}, headers=ZH)
    assert nobody.status_code == 404 and "没有这个编号的会员。" in nobody.text
    done = c.post("/console/programme/coupons", data=form, headers=ZH)
    assert done.status_code == 303
    again = c.post("/console/programme/coupons", data=form, headers=EN)
    assert again.status_code == 409 and "Coupon HQ-TEN-01 exists already" in again.text
    with console.engine.connect() as conn:
        row = conn.execute(text("SELECT * FROM coupons WHERE code = 'HQ-TEN-01'")).one()
        fed = conn.execute(
            text("SELECT 1 FROM changes WHERE entity = 'coupon' AND key = 'HQ-TEN-01'")
        ).first()
    assert (row.member_id, row.value_fen, row.min_spend_fen, row.valid_until) == (
        23,
        1000,
        5000,
        until,
    )
    assert fed is not None
    assert [a for a in console.audit("coupon.create") if a["subject"] == "HQ-TEN-01"]
    listing = c.get(done.headers["location"], headers=ZH)
    assert "优惠券 HQ-TEN-01 已发放" in listing.text and "¥10.00" in listing.text
    rows = c.get("/console/programme/coupons", params={"format": "csv"}).content.decode("utf-8-sig")
    assert "HQ-TEN-01" in rows
    # Finance sees the coupons but does not issue them.
    fin = console.login("fin1")
    fin_page = fin.get("/console/programme/coupons")
    assert fin_page.status_code == 200 and "coupon-form" not in fin_page.text
