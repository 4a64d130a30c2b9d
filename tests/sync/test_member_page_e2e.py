"""Issue #20's "done when", end to end on loopback: head office (real uvicorn, real
PostgreSQL) and a till (SQLite, the real services). A member signs in on the member page
in Debian's Chromium at a phone's size and sets the payment PIN there; zbarimg reads the
dynamic code from a screenshot; head office is stopped; the payload goes to the till's
scan path, which identifies the member and takes a stored-value payment with the PIN; a
replayed, a tampered, a revoked and an expired code are each refused with nothing
written; head office is back: the member page shows the payment and the SMS sink holds
one message for it."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from pos_member.domain import member_code as mc
from pos_member.domain.identifiers import IdKind
from pos_member.domain.money import Money
from pos_member.domain.tenders import TenderKind, TenderRequest
from pos_member.headoffice.app import create_app
from pos_member.headoffice.db import open_database
from pos_member.headoffice.member_web import MemberWebConfig
from pos_member.headoffice.seed import seed_demo
from pos_member.headoffice.settings import HQSettings
from pos_member.headoffice.sms import FileSink
from pos_member.headoffice.testing import ServerThread, free_port, scratch_database
from pos_member.services.checkout import CheckoutRequest, LineRequest, new_sale_id
from tests.sync.conftest import ADMIN, CASHIER, MEMBERS, HeadOffice

pytestmark = pytest.mark.integration

CHROMIUM = Path("/usr/bin/chromium")
PIN = "358024"


@pytest.fixture(scope="module")
def sink(tmp_path_factory: pytest.TempPathFactory) -> FileSink:
    return FileSink(tmp_path_factory.mktemp("sms") / "sms.jsonl")


@pytest.fixture(scope="module")
def web(sink: FileSink) -> MemberWebConfig:
    return MemberWebConfig(sms=sink, code_secret=b"e" * 32, notify_interval_s=0.2)


@pytest.fixture(scope="module")
def hq(pg_base: str, web: MemberWebConfig) -> Iterator[HeadOffice]:
    """Head office with the member page (overrides tests/sync's: its own SMS sink)."""
    with scratch_database(pg_base, "posm_e2e_member") as db_url:
        engine = open_database(db_url, pool_size=8)
        seed_demo(engine, members=MEMBERS, products=30)
        server = ServerThread(create_app(HQSettings(db_url=db_url, admin_token=ADMIN), engine,
                                         web))  # fmt: skip
        server.start()
        office = HeadOffice(server.url, db_url, engine, server)
        try:
            yield office
        finally:
            office.server.stop()
            engine.dispose()


def _zbar(png: bytes, tmp: Path) -> list[str]:
    f = tmp / f"qr{time.monotonic_ns()}.png"
    f.write_bytes(png)
    out = subprocess.run(["zbarimg", "--quiet", "--raw", str(f)], capture_output=True,
                         text=True, timeout=60, check=False)  # fmt: skip
    return [x for x in out.stdout.splitlines() if x]


def _payload(page: Any) -> str:
    page.wait_for_selector("#code[data-payload], #code[data-error]", state="attached")
    err = page.evaluate("document.getElementById('code').dataset.error || ''")
    assert not err, err
    return str(page.evaluate("document.getElementById('code').dataset.payload"))


def _outbox(till: Any) -> int:
    return int(till.rows("SELECT count(*) FROM outbox")[0][0])


def test_member_page_code_pays_at_an_offline_till(
    hq: HeadOffice, make_till: Any, member_ids: Any, sink: FileSink, tmp_path: Path
) -> None:
    if not CHROMIUM.exists() or shutil.which("zbarimg") is None:
        pytest.skip("needs Debian's chromium and zbar-tools")
    from playwright.sync_api import sync_playwright

    (mid,) = member_ids(1, with_balance=10_000, hq=hq)
    phone = f"139{mid:08d}"
    with hq.engine.begin() as conn:
        conn.execute(text("UPDATE members SET phone = :p WHERE id = :i"), {"p": phone, "i": mid})
    till = make_till()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        ctx = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2,
                                  is_mobile=True, has_touch=True, locale="zh-CN")  # fmt: skip
        ctx.set_default_timeout(20_000)
        page = ctx.new_page()
        try:
            # Sign in by SMS code; the page registers this phone's key and draws the code.
            page.goto(f"{hq.url}/m/login")
            page.fill("#phone", phone)
            page.click("#send")
            page.wait_for_selector("#code")
            (msg,) = [x for x in sink.messages() if x["phone"] == phone]
            page.fill("#code", str(msg["params"]["code"]))  # type: ignore[index]
            page.click("#signin")
            _payload(page)
            # The payment PIN, set on the phone.
            page.fill("#pin-new", PIN)
            page.fill("#pin-again", PIN)
            page.click("#pin-save")
            page.wait_for_selector("#flash")
            payload = _payload(page)
            assert _zbar(page.locator("#qr").screenshot(), tmp_path) == [payload]
            till.sync()  # the till pulls the key and the PIN

            # Head office stopped: the till is on its own.
            hq.server.stop()
            till.synced.set_url(f"http://127.0.0.1:{free_port()}")
            till.synced.clock.now = datetime.now(UTC)
            before = _outbox(till)
            view = till.services.identify(payload)
            assert (view.member_id, view.id_method) == (mid, IdKind.MEMBER_CODE.value)
            code, qty = till.cart_of_at_least(mid, 800)
            base = CheckoutRequest(sale_id=new_sale_id(), staff=CASHIER,
                                   lines=(LineRequest(code, quantity=qty),), member_id=mid,
                                   id_method=view.id_method, pay_pin=PIN)  # fmt: skip
            due = till.services.quote(base).amount_due
            sale = till.services.checkout(replace(base, tenders=(
                TenderRequest(TenderKind.STORED_VALUE, Money(800)),
                TenderRequest(TenderKind.CASH, due - Money(800)))))  # fmt: skip
            assert till.rows("SELECT offline FROM sales WHERE id = :s", s=sale.sale_id) == [(1,)]
            written = _outbox(till)
            assert written > before

            # Refused, nothing written: the same code again, and a tampered one.
            with pytest.raises(mc.MemberCodeReplayed):
                till.services.identify(payload)
            body, sig = payload.rsplit(".", 1)
            other = str(mid + 1)
            with pytest.raises(mc.MemberCodeBadSignature):
                till.services.identify(body.replace(f".{mid}.", f".{other}.") + "." + sig)
            flipped = sig[:-2] + ("A" if sig[-2] != "A" else "B") + sig[-1]
            with pytest.raises(mc.MemberCodeRefused):
                till.services.identify(f"{body}.{flipped}")
            assert _outbox(till) == written

            # Head office back: the till pushes; the page shows the payment; one SMS.
            # The same address as before (the phone's key lives in that origin's storage).
            app = create_app(HQSettings(db_url=hq.db_url, admin_token=ADMIN), hq.engine,
                             _web(sink))  # fmt: skip
            hq.server = ServerThread(app, port=hq.server.port).start()
            till.synced.set_url(hq.url)
            till.sync()
            assert hq.scalar("SELECT id_method FROM sales WHERE id = :s",
                             s=sale.sale_id) == "member_code"  # fmt: skip
            page.goto(f"{hq.url}/m/")
            assert "-¥8.00" in page.locator("#statement").inner_text()
            deadline = time.monotonic() + 30
            mine: list[dict[str, Any]] = []
            while time.monotonic() < deadline and not mine:
                mine = [x for x in sink.messages()
                        if x["phone"] == phone and x["template"] == "payment"]  # fmt: skip
                time.sleep(0.2)
            assert len(mine) == 1 and "储值支付8.00元" in str(mine[0]["text"])

            # A code of this phone, then the phone revoked on the page: refused once pulled.
            step = page.evaluate("document.getElementById('code').dataset.step")
            page.wait_for_function(
                "s => document.getElementById('code').dataset.step !== s", arg=step,
                timeout=40_000,
            )  # fmt: skip
            fresh = _payload(page)
            key_id = fresh.split(".")[3]
            page.click(f"button[data-key='{key_id}']")
            page.wait_for_function(
                "k => { const c = document.getElementById('code');"
                " return c && c.dataset.payload && c.dataset.payload.split('.')[3] !== k; }",
                arg=key_id,
            )
            till.sync()
            till.synced.clock.now = datetime.now(UTC)
            kept = _outbox(till)
            with pytest.raises(mc.MemberCodeRevoked):
                till.services.identify(fresh)
            # An old screenshot: the same code minutes later.
            till.synced.clock.now = datetime.now(UTC) + timedelta(minutes=5)
            with pytest.raises(mc.MemberCodeExpired):
                till.services.identify(fresh)
            assert _outbox(till) == kept
            assert len([x for x in sink.messages()
                        if x["phone"] == phone and x["template"] == "payment"]) == 1  # fmt: skip
        finally:
            ctx.close()
            browser.close()


def _web(sink: FileSink) -> MemberWebConfig:
    return MemberWebConfig(sms=sink, code_secret=b"e" * 32, notify_interval_s=0.2)
