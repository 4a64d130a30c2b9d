"""Screenshots of every console page at 1366×768 in zh_CN and en.

``python -m pos_member.headoffice.console.screenshots docs/screenshots/console``:
a demo head office in a scratch SQLite file (the demo chain, two weeks of sales
pushed by tills, an overdraft for review, a scheduled programme version), served
on loopback and photographed in Debian's Chromium (``/usr/bin/chromium``).
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from pos_member.headoffice.app import create_app
from pos_member.headoffice.auth import enrol, new_enrol_code
from pos_member.headoffice.console.accounts import Role, create_account
from pos_member.headoffice.db import open_database
from pos_member.headoffice.programme import (
    chain_today,
    create_coupon,
    latest_rules,
    publish_rules,
)
from pos_member.headoffice.seed import seed_demo
from pos_member.headoffice.settings import HQSettings
from pos_member.headoffice.testing import ServerThread, sale_event
from pos_member.wire.schemas import REPORT_BACKLOG, REPORT_CLOCK, REPORT_VERSION

PASSWORD = "screenshots 2026"
PAGES = (
    ("login", "/console/login"),
    ("dashboard", "/console/dashboard"),
    ("members", "/console/members?q=13"),
    ("member", "/console/members/5"),
    ("member_privacy", "/console/members/5/privacy"),
    ("review", "/console/review"),
    ("review_item", "/console/review/{review_id}"),
    ("terminals", "/console/terminals"),
    ("programme", "/console/programme"),
    ("programme_advanced", "/console/programme/advanced"),
    ("coupons", "/console/programme/coupons"),
    ("password", "/console/password"),
    ("accounts", "/console/accounts"),
    ("adjustments", "/console/adjustments"),
)

PROMOTIONS = [
    {"code": "MJ100", "kind": "spend_off", "name": "饮料满100减20",
     "steps": [{"threshold": 10000, "off": 2000}, {"threshold": 20000, "off": 5000}],
     "scope": {"categories": ["饮料"]}},
    {"code": "TUE", "kind": "percent_off", "name": "周二会员日九折", "rate": "0.9",
     "window": {"weekdays": [2]}, "audience": {"members_only": True}, "exclusive_group": "day"},
    {"code": "N2", "kind": "nth_item", "nth": 2, "rate": "0.5", "scope": {"categories": ["食品"]}},
]  # fmt: skip


def populate(url: str, engine: Any) -> dict[str, Any]:
    """The demo scene: accounts, sales over two weeks at three stores, an overdraft."""
    rnd = random.Random(19)
    seed_demo(engine, members=300, products=20)
    tokens = {}
    with engine.begin() as conn:
        create_account(conn, "admin", "王总部", Role.ADMIN, PASSWORD)
        create_account(conn, "li.kefu", "李客服", Role.SERVICE, PASSWORD)
        create_account(conn, "zhang.dz", "张店长", Role.STORE_MANAGER, PASSWORD, ["S002"])
        for store in ("S001", "S002", "S003"):
            code = new_enrol_code(conn, store, 1, "T01")
            tokens[store] = enrol(conn, code, "T01", 1_000_000)[1]
        first = latest_rules(conn)["document"]
        # Today's version runs three promotions (满减, 会员日, 第二件半价).
        publish_rules(conn, {**first, "promotions": PROMOTIONS}, chain_today(), None)
        first_day = chain_today()
        month = (date.fromisoformat(first_day) + timedelta(days=30)).isoformat()
        for code, name, kind, value, rate, member in (
            ("HQ-TEN-0001", "十元代金券", "amount_off", 1000, "1", 5),
            ("HQ-NINE-0002", "九折券", "percent_off", 0, "0.9", None),
        ):
            create_coupon(conn, {"code": code, "name": name, "kind": kind, "value_fen": value,
                                 "rate": rate, "min_spend_fen": 5000, "valid_from": first_day,
                                 "valid_until": month, "stackable": False,
                                 "member_id": member})  # fmt: skip
        live = latest_rules(conn)
        doc = {**live["document"], "referral_points": 100}
        start = (date.fromisoformat(chain_today()) + timedelta(days=14)).isoformat()
        publish_rules(conn, doc, start, None)
    today = date.fromisoformat(chain_today())
    review_event = ""
    for store, token in tokens.items():
        events = []
        for back in range(14):
            day = (today - timedelta(days=back)).isoformat()
            for _ in range(rnd.randrange(3, 9)):
                member = rnd.choice([None, rnd.randrange(1, 300)])
                events.append(
                    sale_event(
                        str(uuid.uuid4()), store, "T01", member, day, rnd.randrange(800, 30_000)
                    )
                )
        if store == "S002":
            over = sale_event(
                str(uuid.uuid4()), store, "T01", 5, today.isoformat(), 600_000, stored_value=True
            )
            review_event = over["id"]
            events.append(over)
        # Each till reports itself as sync.client does: version, unsent events, its clock.
        skew = {"S001": 2, "S002": -1_400, "S003": 0}[store]
        report = {
            REPORT_VERSION: "0.1.0", REPORT_BACKLOG: str({"S001": 0, "S002": 37, "S003": 3}[store]),
            REPORT_CLOCK: (datetime.now(UTC) + timedelta(seconds=skew)).isoformat(),
        }  # fmt: skip
        r = httpx.post(f"{url}/api/v1/sync/push", json={"events": events}, timeout=30,
                       headers={"Authorization": f"Bearer {token}", **report})  # fmt: skip
        r.raise_for_status()
    with engine.begin() as conn:
        from sqlalchemy import text

        from pos_member.headoffice import adjustments

        kefu = conn.execute(
            text("SELECT id FROM console_accounts WHERE username = 'li.kefu'")
        ).scalar_one()
        for mid, kind, amount, reason, limit in (
            (5, "points", 200, "积分漏记：小票 R-0012 已核对", 500),
            (5, "points", 3000, "会员日活动补偿", 500),
            (12, "sv", 25_000, "重复扣款退回", 10_000),
        ):
            adjustments.request(conn, member_id=mid, kind=kind, amount=amount, reason=reason,
                                by_id=kefu, by_name="li.kefu", threshold=limit)  # fmt: skip
        review_id = conn.execute(
            text("SELECT id FROM review_items WHERE event_id = :e"), {"e": review_event}
        ).scalar_one()
        # Two members in three gave marketing consent (the campaigns' page counts them).
        from pos_member.headoffice import privacy

        for mid in range(1, 300):
            if mid % 3:
                privacy.record_consent(conn, mid, "marketing", True, version="1",
                                       channel="console", taken_by="admin",
                                       now=datetime.now(UTC))  # fmt: skip
    return {"review_id": review_id}


def shoot(out: Path, chromium: str = "/usr/bin/chromium") -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    made = []
    with tempfile.TemporaryDirectory() as tmp:
        db_url = f"sqlite:///{tmp}/hq.db"
        engine = open_database(db_url, pool_size=4)
        server = ServerThread(create_app(HQSettings(db_url=db_url), engine)).start()
        try:
            scene = populate(server.url, engine)
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=chromium, headless=True)
                for lang in ("zh_CN", "en"):
                    ctx = browser.new_context(
                        viewport={"width": 1366, "height": 768}, base_url=server.url,
                        locale="zh-CN" if lang == "zh_CN" else "en-US",
                    )  # fmt: skip
                    page = ctx.new_page()
                    page.goto(f"/console/lang/{lang}?next=/console/login")
                    for name, path in PAGES:
                        if name == "dashboard" and "dashboard" not in page.url:
                            page.goto("/console/login")
                            page.fill("#username", "admin")
                            page.fill("#password", PASSWORD)
                            page.keyboard.press("Enter")
                            page.wait_for_url("**/console/dashboard")
                        page.goto(path.format(**scene))
                        page.wait_for_load_state("load")
                        target = out / f"{name}_{lang}.png"
                        page.screenshot(path=str(target))
                        made.append(target)
                    # The enrolment code with its QR code, and the programme's diff.
                    page.goto("/console/terminals")
                    page.fill("#terminal", "T09")
                    page.click("form[action='/console/terminals/code'] button")
                    page.wait_for_selector("#enrol-code")
                    page.screenshot(path=str(out / f"terminal_code_{lang}.png"))
                    made.append(out / f"terminal_code_{lang}.png")
                    made += _programme_forms(page, out, lang)
                    made += _campaigns(page, out, lang)
                    page.goto("/console/programme/advanced")
                    doc = json.loads(page.locator("#document").input_value())
                    doc["referral_points"] = 200
                    page.fill("#document", json.dumps(doc, ensure_ascii=False, indent=2))
                    page.click("button[formaction='/console/programme/check']")
                    page.wait_for_selector("table.diff")
                    page.screenshot(path=str(out / f"programme_diff_{lang}.png"), full_page=True)
                    made.append(out / f"programme_diff_{lang}.png")
                    ctx.close()
                    # A fresh code id for the second language's terminal.
                    with engine.begin() as conn:
                        from sqlalchemy import text

                        conn.execute(text("DELETE FROM enrol_codes WHERE terminal_id = 'T09'"))
                browser.close()
        finally:
            server.stop()
            engine.dispose()
    return made


def _campaigns(page: Any, out: Path, lang: str) -> list[Path]:
    """A segment counted with its message typed, then the page after sending it."""
    page.goto("/console/campaigns")
    page.select_option("#g-tier", "gold")
    page.fill("#g-days", "30")
    page.fill("#g-visits", "2")
    page.click("button[formaction='/console/campaigns/count']")
    page.wait_for_selector("#reach")
    page.focus("#g-text")
    page.keyboard.type("金卡会员本周五到店消费满200元送20元代金券" if lang == "zh_CN"
                       else "金卡会员周五满200送20")  # fmt: skip
    shots = [out / f"campaigns_count_{lang}.png"]
    page.screenshot(path=str(shots[0]))
    page.keyboard.press("Alt+s")
    page.wait_for_selector(".flash")
    shots.append(out / f"campaigns_{lang}.png")
    page.screenshot(path=str(shots[1]))
    # Refused fields, each with its message beside it.
    page.fill("#g-days", "0")
    page.fill("#g-spend", "abc")
    page.check("#g-later")
    page.fill("#g-at", "2020-01-01T10:00")
    page.keyboard.press("Alt+s")
    page.wait_for_selector(".ferr")
    shots.append(out / f"campaigns_error_{lang}.png")
    page.screenshot(path=str(shots[2]))
    return shots


def _programme_forms(page: Any, out: Path, lang: str) -> list[Path]:
    """The programme's forms: the whole page, a field refused, a sample cart priced under
    the draft and the live version."""
    shots = []
    page.goto("/console/programme")
    target = out / f"programme_forms_{lang}.png"
    page.screenshot(path=str(target), full_page=True)
    shots.append(target)
    page.fill("#f-tier-2-discount", "120")
    page.focus("#f-tier-2-discount")
    page.keyboard.press("Enter")
    page.wait_for_selector("#form-errors")
    page.locator("#f-tier-2-discount").scroll_into_view_if_needed()
    target = out / f"programme_error_{lang}.png"
    page.screenshot(path=str(target))
    shots.append(target)
    page.fill("#f-tier-2-discount", "90")
    for i, (code, qty) in enumerate((("P000001", "2"), ("P000002", "1"), ("P000004", "3"))):
        page.select_option(f"#cart-{i}-product", code)
        page.fill(f"#cart-{i}-qty", qty)
    page.select_option("#cart-tier", "gold")
    page.click("button[formaction='/console/programme/forms/preview']")
    page.wait_for_selector("#preview")
    target = out / f"programme_preview_{lang}.png"
    page.screenshot(path=str(target))
    shots.append(target)
    return shots


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "docs/screenshots/console")
    for p in shoot(out):
        print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
