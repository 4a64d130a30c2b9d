"""The member page in a real browser: Debian's Chromium (Playwright) at a phone's size
(390 x 844) against head office on loopback (real uvicorn, real PostgreSQL).

- Our QR encoder (``qr.js``) run in Chromium gives the same module matrix as ``segno``
  for the same version, error correction and mask, and chooses the same mask.
- Our Code 128 (``code128.js``) drawn in Chromium is read back by ``zbarimg``.
- A member signs in with the SMS code; the page makes a WebCrypto key, registers it,
  and draws the dynamic code; ``zbarimg`` reads the QR from a screenshot and the payload
  verifies with the registered key (``domain.member_code.verify``).
- Revoking the phone's key on the page: the next visit registers a new key.
- Screenshots of the page in both languages (docs/screenshots/member/).
"""

from __future__ import annotations

import base64
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import segno
from sqlalchemy import text

from pos_member.domain.member_code import (
    DeviceKey,
    MemberCodeRevoked,
    from_b64url,
    step_of,
    verify,
)
from pos_member.headoffice import device_keys
from tests.headoffice.member.conftest import MemberHQ

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots" / "member"
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium: install the Debian package chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        try:
            yield b
        finally:
            b.close()


def _context(browser: Any, mhq: MemberHQ, locale: str) -> Any:
    ctx = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True,
                              has_touch=True, locale=locale, base_url=mhq.url)  # fmt: skip
    ctx.set_default_timeout(15_000)
    return ctx


def _zbar(png: bytes, tmp: Path) -> list[str]:
    if shutil.which("zbarimg") is None:
        pytest.skip("no zbarimg: install the Debian package zbar-tools")
    f = tmp / f"shot{time.monotonic_ns()}.png"
    f.write_bytes(png)
    out = subprocess.run(["zbarimg", "--quiet", "--raw", str(f)], capture_output=True,
                         text=True, timeout=60, check=False)  # fmt: skip
    return [x for x in out.stdout.splitlines() if x]


@pytest.fixture(scope="module")
def js_page(browser: Any, mhq: MemberHQ) -> Iterator[Any]:
    ctx = _context(browser, mhq, "en-US")
    page = ctx.new_page()
    page.goto("/m/login")
    page.add_script_tag(url="/m/static/qr.js")
    page.add_script_tag(url="/m/static/code128.js")
    try:
        yield page
    finally:
        ctx.close()


PAYLOADS = [
    "hi",
    "PM1.PM.10000000001.7.58800000.",
    "PM1.PM.10000000001.12.58803621." + "Ab-_" * 21 + "xy",
    "https://example.com/m/join?store=S001",
    "会员码 ünïcode",
]


def _spec_padding(buff: Any, version: int, length: int) -> None:
    """ISO/IEC 18004 7.4.10: zero bits up to the codeword boundary only when the stream
    does not end on one. segno 1.x adds a whole zero codeword when it already does (a
    valid symbol all the same); its reference is built with the standard's rule."""
    if version > 0 and length % 8:
        buff.extend([0] * (8 - length % 8))


@pytest.fixture(autouse=True)
def _segno_padding(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(segno.encoder, "write_padding_bits", _spec_padding)


@pytest.mark.parametrize("ecc", ["L", "M"])
@pytest.mark.parametrize("payload", PAYLOADS)
def test_qr_matrix_matches_segno_for_every_mask(js_page: Any, payload: str, ecc: str) -> None:
    auto = js_page.evaluate("([t, e]) => PosmQR.encode(t, {ecc: e})", [payload, ecc])
    version = auto["version"]
    ref_auto = segno.make(payload, error=ecc.lower(), mode="byte", boost_error=False, micro=False)
    assert version == ref_auto.version
    for mask in range(8):
        got = js_page.evaluate(
            "([t, e, v, k]) => PosmQR.encode(t, {ecc: e, version: v, mask: k}).modules",
            [payload, ecc, version, mask],
        )
        ref = segno.make(
            payload,
            error=ecc.lower(),
            mode="byte",
            version=version,
            mask=mask,
            micro=False,
            boost_error=False,
        )
        want = [[bool(c) for c in row] for row in ref.matrix]
        assert got == want, f"version {version} {ecc} mask {mask}"
    # Our choice is the lowest of our penalties. (segno scores before the format
    # information is drawn, so the two may choose differently; both are valid symbols.)
    assert len(auto["penalties"]) == 8
    assert auto["penalties"][auto["mask"]] == min(auto["penalties"])


@pytest.mark.parametrize("version", [1, 5, 7, 9, 10])
def test_qr_versions_with_version_information(js_page: Any, version: int) -> None:
    payload = "PM1.X.1.1.1.z"
    got = js_page.evaluate("([t, v]) => PosmQR.encode(t, {ecc: 'M', version: v, mask: 3}).modules",
                           [payload, version])  # fmt: skip
    ref = segno.make(payload, error="m", mode="byte", version=version, mask=3, boost_error=False)
    assert got == [[bool(c) for c in row] for row in ref.matrix]


def test_code128_drawn_in_chromium_is_read_by_zbarimg(js_page: Any, tmp_path: Path) -> None:
    payload = "PM1.PM.10000000001.12.58803621.Ab-_x~Z09"
    url = js_page.evaluate(
        "(t) => { const c = document.createElement('canvas'); PosmCode128.draw(c, t, 3, 120);"
        " return c.toDataURL('image/png'); }", payload,
    )  # fmt: skip
    png = base64.b64decode(url.split(",", 1)[1])
    assert _zbar(png, tmp_path) == [payload]
    # The check character is the modulo-103 sum of set B's values.
    vals = js_page.evaluate("(t) => PosmCode128.values(t)", "AB")
    assert vals == [104, 33, 34, (104 + 33 * 1 + 34 * 2) % 103, 106]


def test_qr_drawn_in_chromium_is_read_by_zbarimg(js_page: Any, tmp_path: Path) -> None:
    payload = "PM1.PM.10000000001.12.58803621." + "Ab-_" * 21 + "xy"
    url = js_page.evaluate(
        "(t) => { const c = document.createElement('canvas');"
        " PosmQR.draw(c, PosmQR.encode(t, {ecc: 'M'}), 4); return c.toDataURL('image/png'); }",
        payload,
    )  # fmt: skip
    assert _zbar(base64.b64decode(url.split(",", 1)[1]), tmp_path) == [payload]


def _sign_in(page: Any, mhq: MemberHQ, phone: str) -> None:
    page.goto("/m/login")
    page.fill("#phone", phone)
    page.click("#send")
    page.wait_for_selector("#code")
    page.fill("#code", mhq.last_code(phone))
    page.click("#signin")
    page.wait_for_selector("#qr")


def _payload(page: Any) -> str:
    page.wait_for_selector("#code[data-payload], #code[data-error]", state="attached")
    err = page.evaluate("document.getElementById('code').dataset.error || ''")
    assert not err, err
    return str(page.evaluate("document.getElementById('code').dataset.payload"))


def _key(mhq: MemberHQ, key_id: int) -> DeviceKey | None:
    with mhq.engine.connect() as conn:
        v = device_keys.device_key(conn, key_id)
    if v is None:
        return None
    return DeviceKey(key_id=v.id, member_id=v.member_id, public_key=from_b64url(v.public_key),
                     revoked=v.revoked)  # fmt: skip


def test_signed_in_phone_shows_a_dynamic_code_that_verifies(
    browser: Any, mhq: MemberHQ, tmp_path: Path
) -> None:
    mid, phone = mhq.members_with_phone()[14]
    ctx = _context(browser, mhq, "zh-CN")
    try:
        page = ctx.new_page()
        _sign_in(page, mhq, phone)
        payload = _payload(page)
        read = _zbar(page.locator("#qr").screenshot(), tmp_path)
        assert read == [payload]
        with mhq.engine.connect() as conn:
            chain = device_keys.chain_code(conn)
            keys = device_keys.device_keys_for_member(conn, mid)
        assert len(keys) == 1 and not keys[0].revoked
        code = verify(payload, lambda k: _key(mhq, k), step_of(time.time()), chain=chain)
        assert (code.member_id, code.key_id) == (mid, keys[0].id)
        # The private key is not extractable: the page cannot export it.
        extractable = page.evaluate(
            "new Promise(ok => { const r = indexedDB.open('posm-member', 1); r.onsuccess = () =>"
            " { const g = r.result.transaction('keys').objectStore('keys').get(arguments[0]);"
            " g.onsuccess = () => ok(g.result.privateKey.extractable); }; })".replace(
                "arguments[0]", f"'{mid}'"
            )
        )
        assert extractable is False
        # A reload signs with the same key (kept in IndexedDB), no second registration.
        page.reload()
        _payload(page)
        with mhq.engine.connect() as conn:
            assert len(device_keys.device_keys_for_member(conn, mid)) == 1
        # Lost phone: revoking the key on the page; the next visit makes a new one.
        page.click(f"button[data-key='{keys[0].id}']")
        # The page says so, then (the phone's key is gone) makes and registers a new one.
        page.wait_for_function(
            "k => { const c = document.getElementById('code');"
            " return c && c.dataset.payload && c.dataset.payload.split('.')[3] !== k; }",
            arg=str(keys[0].id),
        )
        _payload(page)
        with mhq.engine.connect() as conn:
            after = device_keys.device_keys_for_member(conn, mid)
        assert [k.revoked for k in after] == [True, False]
        with pytest.raises(MemberCodeRevoked):
            verify(payload, lambda k: _key(mhq, k), step_of(time.time()), chain=chain)
    finally:
        ctx.close()


def test_a_wrong_code_is_said_on_the_page(browser: Any, mhq: MemberHQ) -> None:
    _mid, phone = mhq.members_with_phone()[15]
    ctx = _context(browser, mhq, "en-US")
    try:
        page = ctx.new_page()
        page.goto("/m/login")
        page.fill("#phone", phone)
        page.click("#send")
        page.wait_for_selector("#code")
        good = mhq.last_code(phone)
        page.fill("#code", f"{(int(good) + 1) % 10**6:06d}")
        page.click("#signin")
        assert "That code is not right" in page.locator("#error").inner_text()
    finally:
        ctx.close()


@pytest.mark.parametrize("locale,lang", [("zh-CN", "zh_CN"), ("en-US", "en")])
def test_screenshots_of_the_member_page(browser: Any, mhq: MemberHQ, locale: str,
                                        lang: str) -> None:  # fmt: skip
    mid, phone = mhq.members_with_phone()[16 if lang == "zh_CN" else 17]
    with mhq.engine.begin() as conn:  # a coupon to show
        conn.execute(text(
            "INSERT INTO coupons (code, member_id, name, kind, value_fen, rate, min_spend_fen,"
            " valid_from, valid_until, stackable) VALUES (:c, :m, :n, 'amount', 1000, '1', 5000,"
            " '2026-01-01', '2027-12-31', false)"),
            {"c": f"SHOT{mid}", "m": mid, "n": "入会礼券" if lang == "zh_CN" else "Welcome coupon"},
        )  # fmt: skip
    ctx = _context(browser, mhq, locale)
    try:
        page = ctx.new_page()
        _sign_in(page, mhq, phone)
        _payload(page)
        assert page.evaluate("document.documentElement.lang") == (
            "zh-CN" if lang == "zh_CN" else "en"
        )
        want = "会员码" if lang == "zh_CN" else "Member code"
        assert page.locator("#code h1").inner_text() == want
        # Nothing wider than the phone.
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"member_{lang}.png"), full_page=True)
    finally:
        ctx.close()
    ctx = _context(browser, mhq, locale)
    try:
        page = ctx.new_page()
        page.goto("/m/join?store=S001")
        page.screenshot(path=str(SHOTS / f"join_{lang}.png"))
    finally:
        ctx.close()
